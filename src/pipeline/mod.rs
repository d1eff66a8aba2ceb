//! The pipeline: one document in, its facts out.
//!
//! `Pipeline::load(dir)` or `Pipeline::new(rules)` builds every stage once
//! (jieba's dictionary, the compiled rules); `run` then takes a `Document`
//! through repair, segmentation, extraction and resolution. Documents are
//! independent, so `run` takes `&self` and can be called from many threads.

mod cache;
mod examples;

pub use cache::Cache;

use std::path::Path;
use std::time::{Duration, Instant};

pub use examples::{run_examples, ExampleFailure};

use crate::extract::{self, Sentence};
use crate::input::Document;
use crate::model::{DocFacts, DocumentInfo, Sentence as SentenceInfo};
use crate::normalize::{Normalizer, Repaired};
use crate::resolve::Resolver;
use crate::rules::{Rules, RulesError};
use crate::segment::Segmenter;

pub struct Pipeline {
    pub rules: Rules,
    normalizer: Normalizer,
    segmenter: Segmenter,
}

/// Time spent in each stage of `run`, summed over documents (and threads).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct StageTimes {
    pub repair: Duration,
    /// Sentence splitting and jieba-rs tagging.
    pub segment: Duration,
    pub extract: Duration,
    pub resolve: Duration,
}

impl StageTimes {
    /// The stages with their names, in pipeline order.
    pub fn named(&self) -> [(&'static str, Duration); 4] {
        [("repair", self.repair), ("segment", self.segment), ("extract", self.extract), ("resolve", self.resolve)]
    }
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, other: Self) {
        self.repair += other.repair;
        self.segment += other.segment;
        self.extract += other.extract;
        self.resolve += other.resolve;
    }
}

/// An entity or figure found by `annotate`, in characters of the input.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Annotation {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub ty: String,
    pub text: String,
    /// The rule that found it (`zhkg eval --errors` names it); not serialized.
    #[serde(skip)]
    pub rule: Option<crate::model::RuleRef>,
}

impl Pipeline {
    pub fn new(rules: Rules) -> Self {
        let segmenter = Segmenter::new(&rules);
        Self::with_segmenter(rules, segmenter)
    }

    /// Loads the rules in `dir` and builds the pipeline, with jieba's
    /// dictionary loaded on a second thread meanwhile: start-up is the
    /// longer of the two rather than their sum.
    pub fn load(dir: &Path) -> Result<Self, RulesError> {
        let (rules, jieba) = std::thread::scope(|scope| {
            let jieba = scope.spawn(jieba_rs::Jieba::new);
            let rules = Rules::load(dir);
            (rules, jieba.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let rules = rules?;
        let segmenter = Segmenter::with_dictionary(jieba, &rules);
        Ok(Self::with_segmenter(rules, segmenter))
    }

    fn with_segmenter(rules: Rules, segmenter: Segmenter) -> Self {
        let normalizer = Normalizer::new(rules.furniture.clone(), rules.lexicons.byline_openers.clone());
        Self { rules, normalizer, segmenter }
    }

    /// The text repair the pipeline runs, built from its rules.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Extracts and resolves the facts of one document.
    pub fn run(&self, doc: &Document) -> DocFacts {
        self.run_timed(doc, &mut StageTimes::default())
    }

    /// `run`, adding the time each stage took to `times`.
    pub fn run_timed(&self, doc: &Document, times: &mut StageTimes) -> DocFacts {
        let mut clock = Instant::now();
        let mut lap = |stage: &mut Duration| {
            let now = Instant::now();
            *stage += now - clock;
            clock = now;
        };
        let repaired = self.normalizer.repair(&doc.source);
        lap(&mut times.repair);
        let sentences = self.sentences(&repaired);
        lap(&mut times.segment);
        let info = DocumentInfo {
            id: doc.id.clone(),
            file_name: doc.file_name.clone(),
            char_len: doc.source.chars().count(),
            sentences: sentences
                .iter()
                .map(|s| SentenceInfo {
                    span: repaired.source_span(s.offset..s.offset + s.text.len()),
                    text: s.text.to_string(),
                })
                .collect(),
        };
        let extraction = extract::extract(&self.rules, &repaired.text, &sentences);
        lap(&mut times.extract);
        let facts = Resolver::new(&repaired, &info, &extraction.mentions).resolve(extraction);
        lap(&mut times.resolve);
        facts
    }

    fn sentences<'a>(&'a self, repaired: &'a Repaired) -> Vec<Sentence<'a>> {
        repaired
            .sentences()
            .into_iter()
            .enumerate()
            .map(|(i, r)| Sentence::new(i, r.start, &repaired.text[r], &self.segmenter))
            .collect()
    }

    /// Entity and figure mentions of one text, with offsets in its characters.
    pub fn annotate(&self, text: &str) -> (Vec<Annotation>, Vec<Annotation>) {
        let facts = self.run(&Document::from_text("annotate", text));
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let mut entities: Vec<Annotation> = facts
            .mentions
            .iter()
            .map(|m| Annotation {
                start: m.prov.span.start,
                end: m.prov.span.end,
                ty: m.entity.ty.to_string(),
                text: slice(m.prov.span.start, m.prov.span.end),
                rule: Some(m.prov.rule.clone()),
            })
            .collect();
        // Span annotation is flat: a mention inside another (深圳市 in
        // 深圳市前海管理局) is part of the graph, not of the annotation. Sorted
        // outermost first, a span is inside another when it ends before the
        // furthest end seen so far.
        entities.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), &a.ty).cmp(&(b.start, std::cmp::Reverse(b.end), &b.ty))
        });
        let mut furthest = 0;
        entities.retain(|a| {
            let keep = a.end > furthest;
            furthest = furthest.max(a.end);
            keep
        });
        let figures = facts
            .figures
            .iter()
            .map(|f| Annotation {
                start: f.prov.span.start,
                end: f.prov.span.end,
                ty: "Figure".into(),
                text: slice(f.prov.span.start, f.prov.span.end),
                rule: Some(f.prov.rule.clone()),
            })
            .collect();
        (entities, figures)
    }
}

/// The pipeline over the shipped `rules/`, built once for all unit tests that
/// run made-up sentences through the whole pipeline.
#[cfg(test)]
pub(crate) fn shipped() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(Rules::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).expect("rules load"))
    })
}

/// The flat entity spans the shipped pipeline annotates in `text`, as
/// `type:text`.
#[cfg(test)]
pub(crate) fn shipped_spans(text: &str) -> Vec<String> {
    shipped().annotate(text).0.iter().map(|a| format!("{}:{}", a.ty, a.text)).collect()
}
