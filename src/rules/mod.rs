//! Rules: the only stage that reads the rules folder.
//!
//! Input: a folder (`rules/`) of TOML rule files, plain-text lexicons and TSV
//! gazetteers. Output: `Rules`, everything compiled (regexes built, lexicon
//! macros expanded, relation names checked), each rule keeping the file and
//! line it came from. Loading reads every file before failing and reports
//! every problem at once as `file:line: message`.
//!
//! `raw` mirrors what the files say; `lexicon` reads the line-based lists;
//! `compile` checks and builds; `load` walks the folder; `prefilter` tells
//! which pattern rules can match a text at all.

mod compile;
mod lexicon;
mod load;
mod prefilter;
pub mod raw;

use std::fmt;
use std::path::PathBuf;

pub use compile::{placeholder, EntityRule, EntityRuleKind, FigureRules, Macros, PatternRule, QuoteRule, RelationRule};
pub use lexicon::{FigureWords, Gazetteer, GazetteerEntry, Lexicons, PlaceInfo, Suffixes};
pub use load::{Prefilters, Rules};
pub use prefilter::{Prefilter, Selection};

/// One problem in one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Path relative to the rules folder.
    pub file: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// Every problem found in a rules folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RulesError {
    pub dir: PathBuf,
    pub errors: Vec<RuleError>,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        writeln!(f, "{} error{} in rules folder {}:", n, if n == 1 { "" } else { "s" }, self.dir.display())?;
        for e in &self.errors {
            match e.file.is_empty() {
                true => writeln!(f, "  {}: {}", self.dir.display(), e.message)?,
                false => writeln!(f, "  {}/{e}", self.dir.display())?,
            }
        }
        Ok(())
    }
}

/// Collects errors while a folder is read, so that one run reports them all.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    errors: Vec<RuleError>,
}

impl Diagnostics {
    pub(crate) fn error(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.errors.push(RuleError { file: file.to_string(), line, message: message.into() });
    }

    pub(crate) fn into_result<T>(mut self, dir: PathBuf, value: T) -> Result<T, RulesError> {
        if self.errors.is_empty() {
            return Ok(value);
        }
        self.errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(RulesError { dir, errors: self.errors })
    }
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}
