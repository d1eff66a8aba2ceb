//! Structural place rules that extend a place the other rules found.
//!
//! In: a segmented sentence and the gazetteer. Out: place mentions pushed
//! onto the candidates of the rule that calls them; `select` then prefers
//! the longer span over the bare name inside it.

use super::{is_listed_place, is_spelt, mention};
use crate::extract::{EntityMention, Sentence};
use crate::rules::{EntityRule, Rules};
use crate::segment::Token;

/// A place's name followed by the word for its division
/// (lexicons/division_heads.txt): a listed place or a name spelt by sound
/// before a bare head (巴尔德斯/省), or one word that jieba glued together
/// from a listed place and a head (某某共和国/ns). The NER convention keeps
/// the division word inside the place.
pub(super) fn divisions(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for (i, tok) in s.tokens.iter().enumerate() {
        if rules.lexicons.division_heads.contains(tok.word) {
            if let Some(prev) = i.checked_sub(1).map(|j| &s.tokens[j]).filter(|p| names_place(rules, p)) {
                out.push(mention(s, prev.start, tok.end, rule));
            }
        } else if glued_division(rules, tok) {
            out.push(mention(s, tok.start, tok.end, rule));
        }
    }
}

/// A word that names a place by itself: listed, or spelt only by sound
/// where jieba tags it as a place or a foreign name (科斯塔/nrt).
fn names_place(rules: &Rules, tok: &Token<'_>) -> bool {
    let spelt = matches!(tok.tag, "ns" | "nrt" | "nr") && is_spelt(rules, tok.word);
    tok.word.chars().count() >= 2 && (is_listed_place(rules, tok.word) || spelt)
}

/// A place word of jieba's made of a listed place and a division head
/// (某港特区/ns): the whole word is the place.
fn glued_division(rules: &Rules, tok: &Token<'_>) -> bool {
    tok.tag == "ns"
        && rules.lexicons.division_heads.iter().any(|head| {
            tok.word.strip_suffix(head).is_some_and(|name| name.chars().count() >= 2 && is_listed_place(rules, name))
        })
}

/// The place abbreviation opening a jieba word for a thing of the place
/// (京剧 → 京, 华侨 → 华, 奥运会 → 奥): the word is the abbreviation and one
/// head character (lexicons/of_place_head_chars.txt), or a games' 运会;
/// longer words (中医学) name a field. Abbreviations are those of provinces,
/// of countries, and of continents and China (other_abbreviation_chars.txt).
pub(super) fn abbreviation_compounds(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for tok in &s.tokens {
        let mut chars = tok.word.chars();
        let (Some(abbr), Some(head)) = (chars.next(), chars.next()) else { continue };
        let rest = chars.as_str();
        let lex = &rules.lexicons;
        let abbreviation = lex.province_abbreviations.contains(&abbr)
            || lex.country_abbreviations.contains(&abbr)
            || lex.other_abbreviations.contains(&abbr);
        let thing = (rest.is_empty() && lex.of_place_heads.contains(&head)) || (head == '运' && rest == "会");
        // 加剧/v is a verb, not Canada's opera.
        let noun = matches!(tok.tag, "n" | "j" | "nz" | "nr" | "ns");
        if abbreviation && thing && noun {
            out.push(mention(s, tok.start, tok.start + abbr.len_utf8(), rule));
        }
    }
}

#[cfg(test)]
mod tests {

    use crate::pipeline::shipped_spans as spans;

    #[test]
    fn spelt_name_before_a_bare_division_word_is_one_place() {
        let found = spans("救援队伍已经抵达北部的赫尔曼德省。");
        assert!(found.contains(&"Place:赫尔曼德省".to_string()), "{found:?}");
    }

    #[test]
    fn listed_place_glued_to_a_division_word_is_one_place() {
        let found = spans("多米尼加共和国总统昨天抵达。");
        assert!(found.contains(&"Place:多米尼加共和国".to_string()), "{found:?}");
    }

    #[test]
    fn a_word_opening_with_a_division_character_extends_nothing() {
        let found = spans("他们在法国市区住了一年，巴西州长会议召开。");
        assert!(found.contains(&"Place:法国".to_string()), "{found:?}");
        assert!(found.contains(&"Place:巴西".to_string()), "{found:?}");
    }

    #[test]
    fn an_abbreviation_opening_a_thing_of_its_place_is_the_place() {
        let found = spans("他是著名的京剧演员，也爱吃川菜，还参加过亚运会。");
        for place in ["京", "川", "亚"] {
            assert!(found.contains(&format!("Place:{place}")), "{place}: {found:?}");
        }
    }

    #[test]
    fn a_field_or_a_common_word_holds_no_abbreviation() {
        let found = spans("他研究中医学，集中医疗资源，这加剧了矛盾。");
        assert!(!found.contains(&"Place:中".to_string()) && !found.contains(&"Place:加".to_string()), "{found:?}");
    }
}
