//! Segmentation: jieba-rs behind a `Segmenter`.
//!
//! Input: one sentence of repaired text. Output: `Token`s with part-of-speech
//! tags, byte offsets into that sentence, and whether jieba's dictionary
//! lists the word (or its HMM cut it). The names listed in rules/
//! (places, industries, organizations, titles) are added to jieba's
//! dictionary, so that a listed name comes out as one token and recognizers
//! can trust token boundaries.

use jieba_rs::Jieba;

use crate::model::EntityType;
use crate::rules::Rules;

/// A word of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    /// jieba's part-of-speech tag: `nr` person, `ns` place, `nt` organization…
    pub tag: &'a str,
    /// Byte offsets in the sentence.
    pub start: usize,
    pub end: usize,
    /// Whether jieba's dictionary (with the names of rules/ added) lists the
    /// word; a word it does not list was cut by its HMM, whose tag is a guess
    /// (某某/n may well be an unknown name).
    pub known: bool,
}

pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    pub fn new(rules: &Rules) -> Self {
        Self::with_dictionary(Jieba::new(), rules)
    }

    /// A segmenter over `jieba`'s dictionary (as `Jieba::new` loads it, which
    /// takes a third of start-up and can run beside `Rules::load`) and the
    /// names of `rules`.
    pub fn with_dictionary(mut jieba: Jieba, rules: &Rules) -> Self {
        for e in &rules.gazetteer.entries {
            jieba.add_word(&e.surface, None, Some(pos_tag(e.ty)));
        }
        // A title that begins with an organization suffix (研究院院长) would
        // glue the suffix to the title and hide the organization's end.
        let suffixes = &rules.lexicons.org_suffixes;
        let glues =
            |t: &str| suffixes.keys().any(|s| s.chars().count() >= 2 && t.len() > s.len() && t.starts_with(s.as_str()));
        for t in rules.lexicons.titles.iter().filter(|t| !glues(t)) {
            jieba.add_word(t, None, Some("n"));
        }
        Self { jieba }
    }

    pub fn tag<'a>(&'a self, sentence: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .tag(sentence, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                tag: t.tag,
                start: t.byte_start,
                end: t.byte_end,
                known: self.jieba.has_word(t.word),
            })
            .collect()
    }
}

/// The jieba tag given to listed names, matching jieba's own conventions.
fn pos_tag(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Person => "nr",
        EntityType::Organization => "nt",
        EntityType::Place => "ns",
        EntityType::Industry => "n",
    }
}

/// Token boundaries of a sentence as a sorted list of byte offsets, for
/// "does this span start and end between words?" checks.
#[derive(Debug, Clone, Default)]
pub struct Boundaries(Vec<usize>);

impl Boundaries {
    pub fn new(tokens: &[Token<'_>]) -> Self {
        let mut b: Vec<usize> = tokens.iter().flat_map(|t| [t.start, t.end]).collect();
        b.sort_unstable();
        b.dedup();
        Self(b)
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.0.binary_search(&byte).is_ok()
    }
}
