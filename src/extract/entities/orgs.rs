//! Structural organization rules added to the suffix grammar of
//! `suffix_names`.
//!
//! In: the words of a sentence before an organization's suffix word. Out:
//! where the organization's name starts. The grammar's own walk
//! (`name_part_start`) stops at the first word that is not a noun; full
//! names of bodies often hold a verb (an invented 江南省水利规划指导委员会) or a
//! number (东城第九中学), which the walk here steps over when a proper name
//! (a place, most often) stands before it.

use super::{is_name_material, is_proper, name_part_start};
use crate::rules::{EntityRule, Rules};
use crate::segment::Token;

/// Start (token index in `before`) of the name part before a suffix word of
/// `suffix_chars` characters: the grammar's walk, stepped over a verb or a
/// number inside the name when proper words stand before the step.
pub(super) fn name_start(rules: &Rules, rule: &EntityRule, before: &[Token<'_>], suffix_word: &str) -> usize {
    let mut start = name_part_start(rules, rule, before);
    let mut chars: usize = before[start..].iter().map(|t| t.word.chars().count()).sum();
    let mut verbs = 0;
    while let Some(k) = start.checked_sub(1) {
        let step = &before[k];
        // Only before a bare suffix word: a word with a name of its own
        // (某省大学/nt) needs none from before the verb.
        let bare = suffix_word.chars().count() >= 2 && rules.lexicons.org_suffixes.contains_key(suffix_word);
        let verb = inner_verb(step) && bare && !opens_kind(rules, before, k, suffix_word);
        let bridge = (verb && verbs == 0) || (k + 1 == before.len() && ordinal(step));
        if !bridge || k == 0 || !is_name_material(rules, &before[k - 1]) {
            break;
        }
        let outer = name_part_start(rules, rule, &before[..k]);
        let outer_chars: usize = before[outer..=k].iter().map(|t| t.word.chars().count()).sum();
        // The step joins a name only after a proper word (中国/文化/扶贫):
        // after common nouns alone it is the clause's verb.
        let proper_before = before[outer..k].iter().any(|t| is_proper(rules, t));
        // 培养/辽宁大学: a proper word after the verb opens the name itself.
        let proper_after = before[start..].iter().any(|t| is_proper(rules, t));
        if !proper_before || (verb && proper_after) || chars + outer_chars > rule.max_prefix {
            break;
        }
        chars += outer_chars;
        verbs += usize::from(verb);
        start = outer;
    }
    start
}

/// A verb of two characters or more inside a body's name (扶贫, 统计, 认证);
/// not one that ends in a complement of direction or result (传到, 送往),
/// which moves something to the body rather than naming it. At most one
/// verb is stepped over: a second makes a clause (a headline's 某校注重…培养).
fn inner_verb(tok: &Token<'_>) -> bool {
    tok.tag == "v" && tok.word.chars().count() >= 2 && !tok.word.ends_with(|c| "到在给向入出往为成于了着过".contains(c))
}

/// Whether the verb at `k`, right before the suffix word, makes a longer
/// kind with it (创新 + 中心, 展览 + 中心: listed as an organization's or a
/// place's suffix): the words before then name the kind's place or field,
/// which is a designation (某地科技创新中心) or a building, not a body.
fn opens_kind(rules: &Rules, before: &[Token<'_>], k: usize, suffix_word: &str) -> bool {
    let kind = format!("{}{}", before[k].word, suffix_word);
    k + 1 == before.len()
        && (rules.lexicons.org_suffixes.contains_key(kind.as_str())
            || rules.lexicons.place_suffixes.contains_key(kind.as_str()))
}

/// A number written in Chinese numerals, or an ordinal, that numbers a body
/// of its kind right before the suffix (第九/中学, 三/中队); digits are left
/// to datelines and counts.
fn ordinal(tok: &Token<'_>) -> bool {
    let digits = tok.word.strip_prefix('第').unwrap_or(tok.word);
    tok.tag == "m" && !digits.is_empty() && digits.chars().all(|c| "一二三四五六七八九十百零〇".contains(c))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::OnceLock;

    use crate::pipeline::Pipeline;
    use crate::rules::Rules;

    fn pipeline() -> &'static Pipeline {
        static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
        PIPELINE.get_or_init(|| {
            Pipeline::new(Rules::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).expect("rules load"))
        })
    }

    /// The flat entity spans of `text`, as `type:text`.
    fn spans(text: &str) -> Vec<String> {
        pipeline().annotate(text).0.iter().map(|a| format!("{}:{}", a.ty, a.text)).collect()
    }

    #[test]
    fn a_verb_inside_a_body_name_after_a_place_is_part_of_it() {
        let found = spans("会上，湖南农业开发委员会的专家发了言。");
        assert!(found.contains(&"Organization:湖南农业开发委员会".to_string()), "{found:?}");
    }

    #[test]
    fn a_verb_after_common_nouns_only_ends_the_name() {
        let found = spans("居民们支持委员会的决定。");
        assert!(!found.iter().any(|f| f.contains("居民们支持")), "{found:?}");
    }

    #[test]
    fn a_verb_before_a_named_word_is_the_clause_s() {
        let found = spans("湖南师院注重学生能力培养湖南大学也一样。");
        assert!(found.contains(&"Organization:湖南大学".to_string()), "{found:?}");
    }

    #[test]
    fn an_ordinal_before_a_school_belongs_to_its_name() {
        let found = spans("他毕业于杭州第九中学。");
        assert!(found.contains(&"Organization:杭州第九中学".to_string()), "{found:?}");
    }
}
