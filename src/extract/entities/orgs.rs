//! Structural organization rules added to the suffix grammar of
//! `suffix_names`.
//!
//! In: the words of a sentence before an organization's suffix word. Out:
//! where the organization's name starts. The grammar's own walk
//! (`name_part_start`) stops at the first word that is not a noun; full
//! names of bodies often hold a verb (an invented 江南省水利规划指导委员会) or a
//! number (东城第九中学), which the walk here steps over when a proper name
//! (a place, most often) stands before it.

use super::{is_listed_name, is_listed_place, is_name_material, is_proper, mention, name_part_start};
use crate::extract::{EntityMention, Sentence};
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
        // A verb in a name stands right before the suffix word or one word
        // before it (某省/农业/开发/委员会, 某市/扶助/老人/基金会); with more words
        // after it, they are its object, and the place before is the subject
        // of a clause (某省/打造/全国/一流/研发/基地).
        let bridge = (verb && verbs == 0 && before.len() - k <= 2) || (k + 1 == before.len() && ordinal(step));
        if !bridge || k == 0 || !is_name_material(rules, &before[k - 1]) {
            break;
        }
        let outer = name_part_start(rules, rule, &before[..k]);
        let outer_chars: usize = before[outer..=k].iter().map(|t| t.word.chars().count()).sum();
        // The step joins a name only after a proper word (湖南/农业/开发):
        // after common nouns alone it is the clause's verb.
        let proper_before = before[outer..k].iter().any(|t| is_proper(rules, t));
        // 培养/湖南大学: a proper word after the verb opens the name itself.
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

/// A verb of two characters or more inside a body's name (开发, 规划, 监测);
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

/// Whether the suffix's own word names the body (法国队/nt, 某国环保局/nt)
/// and the words before it hold no proper name (战胜, 东道主, 见图): they
/// are the sentence's, not the name's.
pub(super) fn named_by_itself(rules: &Rules, name_part: &[Token<'_>], tok: &Token<'_>, suffix: &str) -> bool {
    let own = tok.word.len() > suffix.len()
        && (tok.tag == "nt" || is_listed_name(rules, &tok.word[..tok.word.len() - suffix.len()]));
    // 国家/新闻出版署, 市政府/新闻处: a level (lexicons/national_levels.txt)
    // or a parent body opens the name.
    let opener = |t: &Token<'_>| {
        rules.lexicons.national_levels.contains(t.word)
            || t.word.ends_with("政府")
            || rules.lexicons.org_suffixes.longest_in(t.word).is_some()
    };
    own && !name_part.is_empty() && !name_part.iter().any(|t| is_proper(rules, t) || opener(t))
}

/// Longest run of words between a level and its body's suffix word.
const MAX_LEVEL_BODY_WORDS: usize = 3;

/// Bodies named by an administrative level (lexicons/admin_levels.txt: it
/// stands for the unit in question) and a body (市/卫生/监督所,
/// 村/党支部, or one word 市教委; 乡党委书记 less its title): the NER
/// convention marks them as organizations, as it does 市委. The level must
/// not follow a listed place, whose own name the grammar reads.
pub(super) fn level_bodies(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for (i, tok) in s.tokens.iter().enumerate() {
        let after_place = i.checked_sub(1).is_some_and(|j| is_listed_place(rules, s.tokens[j].word));
        if after_place {
            continue;
        }
        if rules.lexicons.admin_levels.iter().any(|l| l == tok.word) {
            if let Some(end) = body_after_level(rules, &s.tokens[i + 1..]) {
                out.push(mention(s, tok.start, end, rule));
            }
        } else if let Some(len) = glued_level_body(rules, tok.word) {
            out.push(mention(s, tok.start, tok.start + len, rule));
        }
    }
}

/// End of the body after a level: the last of up to three words that ends
/// with an organization's suffix, every word before it name material.
fn body_after_level(rules: &Rules, after: &[Token<'_>]) -> Option<usize> {
    let mut end = None;
    for tok in after.iter().take(MAX_LEVEL_BODY_WORDS) {
        let noun = matches!(tok.tag, "n" | "nt" | "nz" | "j" | "l");
        if noun && ends_as_body(rules, tok.word) && !rules.lexicons.ends_with_title(tok.word, 2) {
            end = Some(tok.end);
        } else if !is_name_material(rules, tok) {
            break;
        }
    }
    end
}

/// Bytes of the body in one word opening with a level (市教委, 乡党委书记 →
/// 乡党委): the rest, less a title at its end, ends with a suffix and has
/// two characters or more (市委 alone is a standalone body's).
fn glued_level_body(rules: &Rules, word: &str) -> Option<usize> {
    let level = rules.lexicons.admin_levels.iter().find(|l| word.starts_with(l.as_str()) && word.len() > l.len())?;
    let rest = &word[level.len()..];
    let body = rest
        .char_indices()
        .skip(1)
        .map(|(at, _)| &rest[..at])
        .find(|b| rules.lexicons.is_title(&rest[b.len()..]))
        .unwrap_or(rest);
    // 村干部: the rest is a title itself, of nobody's body.
    if body.len() == rest.len() && rules.lexicons.ends_with_title(rest, 2) {
        return None;
    }
    let len = level.len() + body.len();
    (body.chars().count() >= 2 && ends_as_body(rules, &word[..len])).then_some(len)
}

/// A word ending with an organization's suffix other than a brand's; a
/// one-character suffix needs a stem of two (监督所, not 干部 or 公所), and a
/// government is its place's, no body (lexicons/not_org_heads.txt).
fn ends_as_body(rules: &Rules, word: &str) -> bool {
    let suffixes = &rules.lexicons.org_suffixes;
    let n = word.chars().count();
    suffixes.longest_in(word).is_some_and(|s| suffixes[s] != "brand" && (s.chars().count() > 1 || n >= 3))
        && !rules.lexicons.not_org_heads.iter().any(|h| word.ends_with(h.as_str()))
}

/// Whether a listed place and a bare class noun after it (某国公司, 某省球队,
/// 某国边防部队) speak of the place's bodies in general, which the NER
/// convention marks as the place alone: `name_part` is the place's one word,
/// `tok` the bare class noun (not 足球队 or 航空公司, which after a place
/// name its one team or airline).
pub(super) fn bodies_of_place(rules: &Rules, name_part: &[Token<'_>], tok: &Token<'_>) -> bool {
    // jieba may glue the two into one word (某国公司/nt).
    let glued = name_part.is_empty() && place_and_class(rules, tok.word);
    let apart = match name_part {
        [place] => {
            is_listed_place(rules, place.word) && tok.tag == "n" && rules.lexicons.class_nouns.contains(tok.word)
        }
        _ => false,
    };
    glued || apart
}

/// A word made of a listed place and a class noun (某国公司;
/// lexicons/class_nouns.txt: 公司, 球队, nouns for a class of bodies).
fn place_and_class(rules: &Rules, word: &str) -> bool {
    rules.lexicons.class_nouns.iter().any(|c| word.strip_suffix(c.as_str()).is_some_and(|p| is_listed_place(rules, p)))
}

/// Whether a word jieba's dictionary tags as an organization (nt) is built
/// like a body's name: it ends with an organization's suffix (某某协会), with
/// the head of an armed force or a legislature, or it opens with a listed
/// place or organization (某国足协). The dictionary's nt also holds fields
/// (社会科学, 天文学), groups (广大观众) and phrases (长足进展), none a body.
pub(super) fn shaped_like_body(rules: &Rules, word: &str) -> bool {
    let suffixes = &rules.lexicons.org_suffixes;
    // A bare suffix is a kind (联合会, 通讯社), but a government's or a
    // party's stands for the one body of the place in question (统计局),
    // as the standalone bodies do.
    let suffixed = suffixes
        .longest_in(word)
        .is_some_and(|s| s.len() < word.len() || matches!(suffixes[s].as_str(), "gov" | "party"));
    let headed = rules.lexicons.body_heads.iter().any(|h| word.len() > h.len() && word.ends_with(h.as_str()));
    (suffixed || headed || congress(word) || opens_with_listed(rules, word)) && !place_and_class(rules, word)
}

/// A party congress by its number at the end of the word (某党十五大).
fn congress(word: &str) -> bool {
    let mut chars = word.chars().rev();
    chars.next() == Some('大') && chars.next().is_some_and(|c| "一二三四五六七八九十".contains(c))
}

/// A listed place or organization of two characters or more opens `word`.
fn opens_with_listed(rules: &Rules, word: &str) -> bool {
    word.char_indices().skip(2).any(|(at, _)| is_listed_name(rules, &word[..at]))
}

#[cfg(test)]
mod tests {

    use crate::pipeline::shipped_spans as spans;

    #[test]
    fn a_verb_inside_a_body_name_after_a_place_is_part_of_it() {
        let found = spans("会上，湖南农业开发委员会的专家发了言。");
        assert!(found.contains(&"Organization:湖南农业开发委员会".to_string()), "{found:?}");
    }

    #[test]
    fn a_verb_with_a_long_object_before_the_suffix_makes_a_clause_not_a_name() {
        let found = spans("南方电网福建公司总经理表示：“将助力福建打造世界一流新能源基地。”");
        assert!(!found.iter().any(|f| f.contains("打造")), "{found:?}");
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

    #[test]
    fn a_field_jieba_tags_as_a_body_is_none() {
        let found = spans("他喜欢天文学，也研究社会科学。");
        assert!(!found.iter().any(|f| f.starts_with("Organization")), "{found:?}");
    }

    #[test]
    fn a_team_or_a_government_body_jieba_tags_stays() {
        let found = spans("国家队下周集中，统计局公布了数据。");
        assert!(found.contains(&"Organization:国家队".to_string()), "{found:?}");
        assert!(found.contains(&"Organization:统计局".to_string()), "{found:?}");
    }

    #[test]
    fn a_place_and_a_bare_class_noun_are_the_place() {
        let found = spans("几支欧洲球队和一些日本公司参加了活动，巴西足球队也来了。");
        assert!(found.contains(&"Place:欧洲".to_string()), "{found:?}");
        assert!(found.contains(&"Place:日本".to_string()), "{found:?}");
        assert!(found.contains(&"Organization:巴西足球队".to_string()), "{found:?}");
    }

    #[test]
    fn an_administrative_level_and_a_body_are_an_organization() {
        let found = spans("今年，市教委和自治区农机学会联合举办了展览，乡党委书记也来了。");
        for body in ["市教委", "自治区农机学会", "乡党委"] {
            assert!(found.contains(&format!("Organization:{body}")), "{body}: {found:?}");
        }
    }

    #[test]
    fn words_of_the_sentence_before_a_named_team_are_not_its_name() {
        let found = spans("他们在决赛中战胜巴西队。");
        assert!(found.contains(&"Organization:巴西队".to_string()), "{found:?}");
    }
}
