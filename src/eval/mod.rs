//! Evaluation: scores zhkg's output against gold graphs and span-annotated NER corpora.
//!
//! Input: a document's `DocFacts` with its gold file (`gold/<doc>.json`, see the
//! gold SCHEMA.md), or predicted entity spans with a JSON Lines NER corpus.
//! Output: a `DocScore` per document summed into a `GoldReport`, and a `NerReport`;
//! both print as aligned tables (`Display`) and serialize to JSON for machines.
//! Data: only the text it is handed. It never reads files or prints; `cli` does.
//!
//! Names, figure texts and statements are compared under one key, [`fold`]:
//! whitespace removed (the sources are OCR/PDF text with spurious spaces) and
//! full-width ASCII forms folded to ASCII (`，` and `,` are the same comma, `５Ｇ` is `5G`),
//! because gold files and repaired text disagree on both without disagreeing on content.
//! The matching rules of each category are documented in `score.rs`.

mod counts;
mod floors;
mod gold;
mod matching;
mod ner;
mod report;
mod score;

pub use counts::{Counts, Ratio};
pub use floors::{gold_measures, ner_measures, Floors, Shortfall};
pub use gold::{parse_gold, GoldDoc, GoldEntity, GoldFigure, GoldQuote, GoldRelation};
pub use ner::{
    parse_jsonl, predicted_spans, NerError, NerErrorKind, NerExample, NerLabel, NerReport, NerScorer, NerSpan,
};
pub use report::GoldReport;
pub use score::{score_doc, CategoryScore, DocScore, Finding, Scores};

use std::fmt;

/// Bad gold or corpus input, with where it is.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A gold file that is not valid JSON or does not follow the schema.
    #[error("{path}:{line}:{column}: {message}")]
    Gold { path: String, line: usize, column: usize, message: String },
    /// Every bad line of a JSON Lines corpus, reported together.
    #[error("{}", LineProblems { path, problems })]
    Corpus { path: String, problems: Vec<LineProblem> },
}

/// One bad line of a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

struct LineProblems<'a> {
    path: &'a str,
    problems: &'a [LineProblem],
}

impl fmt::Display for LineProblems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}:{}: {}", self.path, p.line, p.message)?;
        }
        Ok(())
    }
}

/// The comparison key of names, figure texts and statements: whitespace
/// removed, full-width ASCII forms (U+FF01–U+FF5E) folded to ASCII.
pub fn fold(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(fold_width).collect()
}

fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_spaces_and_folds_width() {
        assert_eq!(fold("黄 汉\n权"), "黄汉权");
        assert_eq!(fold("以科技创新为引领，统筹"), "以科技创新为引领,统筹");
        assert_eq!(fold("５Ｇ\u{3000}技术"), "5G技术");
    }

    #[test]
    fn corpus_error_lists_every_line() {
        let err = EvalError::Corpus {
            path: "dev.jsonl".into(),
            problems: vec![LineProblem { line: 2, message: "a".into() }, LineProblem { line: 9, message: "b".into() }],
        };
        assert_eq!(err.to_string(), "dev.jsonl:2: a\ndev.jsonl:9: b");
    }
}
