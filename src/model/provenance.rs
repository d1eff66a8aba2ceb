//! Where a fact came from: document, sentence, character span and rule.

use std::fmt;
use std::sync::Arc;

/// A document's stable id: its file name without the extension
/// (`000_c2695642805de2f9`). Ids, not paths, go into IRIs so that the same
/// file gives the same IRIs wherever it is stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open range of characters in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The rule that produced a fact: its id and where it is written.
/// Shared by `Arc` because thousands of facts point at a handful of rules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct RuleRef(pub Arc<RuleInfo>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct RuleInfo {
    /// Stable, human-chosen id such as `affiliation.org-role-person`.
    pub id: String,
    /// Path of the rule file relative to the rules folder (`relations.toml`).
    pub file: String,
    /// 1-based line of the rule in that file.
    pub line: usize,
}

impl RuleRef {
    pub fn new(id: impl Into<String>, file: impl Into<String>, line: usize) -> Self {
        Self(Arc::new(RuleInfo { id: id.into(), file: file.into(), line }))
    }

    pub fn id(&self) -> &str {
        &self.0.id
    }

    pub fn file(&self) -> &str {
        &self.0.file
    }

    pub fn line(&self) -> usize {
        self.0.line
    }
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}:{})", self.0.id, self.0.file, self.0.line)
    }
}

/// Everything needed to trace one fact back to the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    pub doc: DocId,
    /// Index into `DocumentInfo::sentences`.
    pub sentence: usize,
    /// Characters of the source file that the fact was read from.
    pub span: Span,
    pub rule: RuleRef,
}

/// One sentence of the repaired text, with its extent in the source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// The repaired text of the sentence (spaces and line breaks mended).
    pub text: String,
}

/// What the graph keeps about a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentInfo {
    pub id: DocId,
    /// File name as given on the command line's folder (`000_c26….txt`).
    pub file_name: String,
    /// Length of the source file in characters.
    pub char_len: usize,
    pub sentences: Vec<Sentence>,
}
