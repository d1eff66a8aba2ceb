//! Span-level scoring against a NER corpus (People's Daily 1998 style).
//!
//! Input: the corpus as JSON Lines, one `{"text", "entities": [{"start", "end",
//! "type", "text"}]}` per line, offsets in characters, end exclusive, types
//! PER/LOC/ORG; and our predicted spans per sentence. Output: a `NerReport`:
//! per-type and micro precision/recall/F1 under exact span-and-type match, with
//! the first errors shown in their sentence. Our Industry has no corpus type and
//! is left out of the predictions.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::counts::{write_counts_header, write_counts_row, Counts};
use super::{EvalError, LineProblem};
use crate::model::{EntityType, Mention, RuleRef};

/// The corpus's entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NerLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "LOC")]
    Place,
    #[serde(rename = "ORG")]
    Organization,
}

impl NerLabel {
    pub const ALL: [NerLabel; 3] = [NerLabel::Person, NerLabel::Place, NerLabel::Organization];

    /// The name in the corpus: `PER`, `LOC`, `ORG`.
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Person => "PER",
            NerLabel::Place => "LOC",
            NerLabel::Organization => "ORG",
        }
    }

    /// None for Industry, which the corpus does not annotate.
    pub fn from_entity_type(ty: EntityType) -> Option<Self> {
        match ty {
            EntityType::Person => Some(NerLabel::Person),
            EntityType::Place => Some(NerLabel::Place),
            EntityType::Organization => Some(NerLabel::Organization),
            EntityType::Industry => None,
        }
    }
}

impl fmt::Display for NerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An annotated span: `text` is the sentence's characters `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub label: NerLabel,
    pub text: String,
}

/// One sentence of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerExample {
    pub text: String,
    pub entities: Vec<NerSpan>,
}

/// Parses a JSON Lines corpus, checking that every span lies in its sentence and
/// spells its `text`. Blank lines are skipped; every bad line is reported.
pub fn parse_jsonl(input: &str, path: &str) -> Result<Vec<NerExample>, EvalError> {
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<NerExample>(line)
            .map_err(|e| format!("column {}: {e}", e.column()))
            .and_then(|example| check_spans(&example).map(|()| example));
        match parsed {
            Ok(example) => examples.push(example),
            Err(message) => problems.push(LineProblem { line: i + 1, message }),
        }
    }
    if problems.is_empty() {
        Ok(examples)
    } else {
        Err(EvalError::Corpus { path: path.to_owned(), problems })
    }
}

fn check_spans(example: &NerExample) -> Result<(), String> {
    let chars: Vec<char> = example.text.chars().collect();
    for span in &example.entities {
        let in_range = span.start < span.end && span.end <= chars.len();
        if !in_range || chars[span.start..span.end].iter().collect::<String>() != span.text {
            return Err(format!(
                "span {}..{} {} `{}` does not match the sentence ({} characters)",
                span.start,
                span.end,
                span.label,
                span.text,
                chars.len()
            ));
        }
    }
    Ok(())
}

/// Our mentions of one sentence as spans: `text` is the sentence the pipeline
/// ran on, so mention offsets index into it. Industry mentions and spans
/// outside the sentence are dropped.
pub fn predicted_spans(text: &str, mentions: &[Mention]) -> Vec<NerSpan> {
    let chars: Vec<char> = text.chars().collect();
    mentions
        .iter()
        .filter_map(|m| {
            let label = NerLabel::from_entity_type(m.entity.ty)?;
            let span = m.prov.span;
            let text = chars.get(span.start..span.end)?.iter().collect();
            Some(NerSpan { start: span.start, end: span.end, label, text })
        })
        .collect()
}

/// How many errors of each kind the report shows.
const ERROR_SAMPLE: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NerErrorKind {
    /// A gold span we did not predict.
    Missed,
    /// A span we predicted that gold does not have.
    FalsePositive,
}

/// One error, in its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NerError {
    pub kind: NerErrorKind,
    pub span: NerSpan,
    /// The sentence around the span, the span marked 【…】.
    pub context: String,
    /// Spans of the other side overlapping this one: `LOC 青岛`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlapping: Vec<String>,
    /// For a false positive: the rule that predicted it, `person.jieba (entities.toml:120)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Accumulates exact span-and-type matches over sentences.
#[derive(Debug, Clone, Default)]
pub struct NerScorer {
    sentences: usize,
    by_label: BTreeMap<NerLabel, Counts>,
    missed: Vec<NerError>,
    false_positives: Vec<NerError>,
    /// Rule id → false positives it predicted.
    false_positives_by_rule: BTreeMap<String, usize>,
    /// Keep every error, not only the first 30 of each kind.
    all_errors: bool,
}

impl NerScorer {
    pub fn new() -> Self {
        Self::default()
    }

    /// A scorer whose report lists every error (`zhkg eval --errors`).
    pub fn keeping_all_errors() -> Self {
        Self { all_errors: true, ..Self::default() }
    }

    /// Scores one sentence. Spans are sets: a repeated span counts once.
    pub fn add(&mut self, text: &str, gold: &[NerSpan], predicted: &[NerSpan]) {
        let traced: Vec<(NerSpan, Option<RuleRef>)> = predicted.iter().map(|p| (p.clone(), None)).collect();
        self.add_traced(text, gold, &traced);
    }

    /// Scores one sentence whose predictions carry the rule that made them.
    pub fn add_traced(&mut self, text: &str, gold: &[NerSpan], predicted: &[(NerSpan, Option<RuleRef>)]) {
        self.sentences += 1;
        let limit = if self.all_errors { usize::MAX } else { ERROR_SAMPLE };
        let gold: BTreeSet<&NerSpan> = gold.iter().collect();
        let spans: BTreeSet<&NerSpan> = predicted.iter().map(|(s, _)| s).collect();
        let same = |a: &NerSpan, b: &NerSpan| (a.start, a.end, a.label) == (b.start, b.end, b.label);
        for &span in &gold {
            let found = spans.iter().any(|p| same(p, span));
            let counts = self.by_label.entry(span.label).or_default();
            if found {
                counts.tp += 1;
            } else {
                counts.fn_ += 1;
                let e = error(NerErrorKind::Missed, text, span, &spans, None);
                if self.missed.len() < limit {
                    self.missed.push(e);
                }
            }
        }
        let mut seen = BTreeSet::new();
        for (span, rule) in predicted {
            if gold.iter().any(|g| same(g, span)) || !seen.insert(span) {
                continue;
            }
            self.by_label.entry(span.label).or_default().fp += 1;
            if let Some(rule) = rule {
                *self.false_positives_by_rule.entry(rule.id().to_owned()).or_default() += 1;
            }
            if self.false_positives.len() < limit {
                let e = error(NerErrorKind::FalsePositive, text, span, &gold, rule.as_ref());
                self.false_positives.push(e);
            }
        }
    }

    pub fn report(&self) -> NerReport {
        let by_label: BTreeMap<String, Counts> = NerLabel::ALL
            .iter()
            .map(|l| (l.as_str().to_owned(), self.by_label.get(l).copied().unwrap_or_default()))
            .collect();
        let mut micro = Counts::default();
        for c in by_label.values() {
            micro += *c;
        }
        let errors = self.missed.iter().chain(&self.false_positives).cloned().collect();
        let false_positives_by_rule = self.false_positives_by_rule.clone();
        NerReport { sentences: self.sentences, by_label, micro, errors, false_positives_by_rule }
    }
}

fn error(
    kind: NerErrorKind,
    text: &str,
    span: &NerSpan,
    other: &BTreeSet<&NerSpan>,
    rule: Option<&RuleRef>,
) -> NerError {
    let overlapping = other
        .iter()
        .filter(|o| o.start < span.end && span.start < o.end)
        .map(|o| format!("{} {}", o.label, o.text))
        .collect();
    let rule = rule.map(RuleRef::to_string);
    NerError { kind, span: span.clone(), context: context(text, span), overlapping, rule }
}

/// Characters shown on each side of an error span.
const CONTEXT: usize = 20;

fn context(text: &str, span: &NerSpan) -> String {
    let chars: Vec<char> = text.chars().collect();
    let end = span.end.min(chars.len());
    let start = span.start.min(end);
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(chars.len());
    let piece = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    format!(
        "{}{}【{}】{}{}",
        if from > 0 { "…" } else { "" },
        piece(from..start),
        piece(start..end),
        piece(end..to),
        if to < chars.len() { "…" } else { "" }
    )
}

/// Scores over a corpus, with the first errors of each kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerReport {
    pub sentences: usize,
    /// PER, LOC and ORG.
    pub by_label: BTreeMap<String, Counts>,
    /// Counts summed over the three types.
    pub micro: Counts,
    /// The first 30 misses, then the first 30 false positives (all of
    /// them when the scorer keeps all errors).
    pub errors: Vec<NerError>,
    /// Rule id → false positives it predicted, over the whole corpus.
    pub false_positives_by_rule: BTreeMap<String, usize>,
}

impl NerReport {
    /// The report as pretty-printed JSON, for machines.
    pub fn to_json(&self) -> String {
        // Every map is keyed by strings and every number is finite: this cannot fail.
        serde_json::to_string_pretty(self).expect("a NerReport always serializes")
    }
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "NER evaluation of {} sentence(s), exact span and type\n", self.sentences)?;
        write_counts_header(f, "")?;
        for label in NerLabel::ALL {
            let counts = self.by_label.get(label.as_str()).copied().unwrap_or_default();
            write_counts_row(f, label.as_str(), counts)?;
        }
        write_counts_row(f, "micro", self.micro)?;
        if !self.false_positives_by_rule.is_empty() {
            let mut rules: Vec<(&String, &usize)> = self.false_positives_by_rule.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            writeln!(f, "\nfalse positives by rule")?;
            for (rule, count) in rules {
                writeln!(f, "{count:>7}  {rule}")?;
            }
        }
        for (kind, title) in [(NerErrorKind::Missed, "missed"), (NerErrorKind::FalsePositive, "false positives")] {
            let errors: Vec<&NerError> = self.errors.iter().filter(|e| e.kind == kind).collect();
            if errors.is_empty() {
                continue;
            }
            let total = if kind == NerErrorKind::Missed { self.micro.fn_ } else { self.micro.fp };
            if errors.len() < total {
                writeln!(f, "\n{title} (first {} of {total})", errors.len())?;
            } else {
                writeln!(f, "\n{title} ({total})")?;
            }
            for e in errors {
                write!(f, "  {} {}  {}", e.span.label, e.span.text, e.context)?;
                if !e.overlapping.is_empty() {
                    write!(f, "  (other side: {})", e.overlapping.join(", "))?;
                }
                if let Some(rule) = &e.rule {
                    write!(f, "  ← {rule}")?;
                }
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
