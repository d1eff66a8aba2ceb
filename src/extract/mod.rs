//! Extraction: one extractor per kind of fact.
//!
//! Input: a document's repaired text cut into sentences and segmented
//! (`Sentence`s). Output: an `Extraction` — entity mentions, relations,
//! figures and quotes as byte ranges of the repaired text, each with the rule
//! that produced it. Entities are not yet resolved: relations refer to
//! mentions by index; `resolve` turns them into entity keys.
//!
//! `entities` finds mentions; `view` writes each sentence with every mention
//! as one placeholder character so that `relations`, `quotes` and `figures`
//! can be regexes over it.

mod entities;
mod figures;
mod numbers;
mod quotes;
mod relations;
mod view;

use crate::model::{EntityType, RelationKind, RuleRef};
use crate::rules::Rules;
use crate::segment::{Boundaries, Segmenter, Token};

pub use numbers::parse_number;

/// One sentence of the repaired text, segmented.
pub struct Sentence<'a> {
    pub index: usize,
    /// Byte offset of the sentence in the repaired text.
    pub offset: usize,
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    pub bounds: Boundaries,
}

impl<'a> Sentence<'a> {
    pub fn new(index: usize, offset: usize, text: &'a str, segmenter: &'a Segmenter) -> Self {
        let tokens = segmenter.tag(text);
        let bounds = Boundaries::new(&tokens);
        Self { index, offset, text, tokens, bounds }
    }
}

/// An entity mention: bytes `start..end` of the repaired text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub ty: EntityType,
    pub sentence: usize,
    pub rule: RuleRef,
    /// The canonical name when a gazetteer lists this form.
    pub canonical: Option<String>,
    pub priority: i32,
    /// True for a mention inside another (深圳市 in 深圳市前海管理局): it is an
    /// entity of its own but does not take part in sentence patterns.
    pub nested: bool,
    /// True when its rule says `identity = "document"`.
    pub document_scoped: bool,
}

impl EntityMention {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &EntityMention) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RelationMention {
    pub kind: RelationKind,
    /// Indices into `Extraction::mentions`.
    pub subject: usize,
    pub object: usize,
    pub role: Option<String>,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: RuleRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FigureMention {
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<String>,
    pub measure: Option<String>,
    /// Index into `Extraction::mentions`.
    pub subject: Option<usize>,
    pub period: Option<String>,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: RuleRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMention {
    /// Index into `Extraction::mentions` of the person (for 他/她, the person
    /// the pronoun refers to).
    pub speaker: usize,
    pub text: String,
    pub direct: bool,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub rule: RuleRef,
}

/// Everything extracted from one document, before resolution.
#[derive(Debug, Default)]
pub struct Extraction {
    pub mentions: Vec<EntityMention>,
    pub relations: Vec<RelationMention>,
    pub figures: Vec<FigureMention>,
    pub quotes: Vec<QuoteMention>,
}

/// Runs every extractor over a document's sentences.
/// `text` is the whole repaired text; sentence offsets index into it.
pub fn extract(rules: &Rules, text: &str, sentences: &[Sentence<'_>]) -> Extraction {
    let mentions = entities::recognize(rules, text, sentences);
    let mut relations = Vec::new();
    let mut figures_out = Vec::new();
    let mut author = None;
    for s in sentences {
        author = relations::author_line(s, &mentions).or(author);
        let v = view::View::new(s, &mentions);
        let found = relations::extract(rules, s, &v, &mentions, author);
        // One article, one byline: a second byline belongs to another author.
        if found.iter().any(|r| Some(r.subject) == author && relations::is_author_rule(rules, &r.rule)) {
            author = None;
        }
        relations.extend(found);
        figures_out.extend(figures::extract(rules, s, &v, &mentions, text));
    }
    relations.extend(entities::nested_relations(rules, &mentions, text));
    let quotes = quotes::extract(rules, text, sentences, &mentions);
    figures::fill_default_subject(&mut figures_out, &mentions);
    Extraction { mentions, relations, figures: figures_out, quotes }
}
