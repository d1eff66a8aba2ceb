//! The sum of `DocScore`s over a set of documents: what `zhkg eval --gold` prints.
//!
//! Input: `DocScore`s. Output: micro-averaged scores (counts summed over
//! documents, then divided), printed by `Display` or serialized to JSON.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::counts::{write_counts_header, write_counts_row};
use super::score::{CategoryScore, DocScore, Finding, Scores};
use crate::model::{EntityType, RelationKind};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GoldReport {
    /// Ids of the documents scored, in the order added.
    pub documents: Vec<String>,
    /// The documents' scores, summed.
    #[serde(flatten)]
    pub total: Scores,
    /// Rule id → number of false positives (of any category) it took part in.
    pub false_positives_by_rule: BTreeMap<String, usize>,
}

impl GoldReport {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, score: DocScore) {
        self.documents.push(score.doc);
        for category in score.scores.categories() {
            for fp in &category.false_positives {
                for rule in &fp.rules {
                    *self.false_positives_by_rule.entry(rule.clone()).or_default() += 1;
                }
            }
        }
        self.total.absorb(score.scores);
    }

    /// The report as pretty-printed JSON, for machines.
    pub fn to_json(&self) -> String {
        // Every map is keyed by strings and every number is finite: this cannot fail.
        serde_json::to_string_pretty(self).expect("a GoldReport always serializes")
    }

    fn categories(&self) -> [(&'static str, &CategoryScore); 4] {
        [
            ("entities", &self.total.entities),
            ("figures", &self.total.figures),
            ("relations", &self.total.relations),
            ("quotes", &self.total.quotes),
        ]
    }

    fn write_table(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_counts_header(f, "")?;
        let types = |c: &CategoryScore, names: &[&str]| -> Vec<(String, super::Counts)> {
            names.iter().map(|n| (format!("  {n}"), c.by_type.get(*n).copied().unwrap_or_default())).collect()
        };
        let entity_types = types(&self.total.entities, &EntityType::ALL.map(EntityType::as_str));
        let relation_types = types(&self.total.relations, &RelationKind::ALL.map(RelationKind::as_str));
        write_counts_row(f, "entities", self.total.entities.counts)?;
        for (label, c) in entity_types {
            write_counts_row(f, &label, c)?;
        }
        write_counts_row(f, "figures", self.total.figures.counts)?;
        write_counts_row(f, "relations", self.total.relations.counts)?;
        for (label, c) in relation_types {
            write_counts_row(f, &label, c)?;
        }
        write_counts_row(f, "quotes", self.total.quotes.counts)?;
        writeln!(f)?;
        writeln!(f, "{:<26}{}", "figure measure found", self.total.figure_measure)?;
        writeln!(f, "{:<26}{}", "figure subject found", self.total.figure_subject)?;
        writeln!(f, "{:<26}{}", "figure period right", self.total.figure_period)?;
        writeln!(f, "{:<26}{}", "affiliation role right", self.total.affiliation_role)
    }

    fn write_rules(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.false_positives_by_rule.is_empty() {
            return Ok(());
        }
        let mut rules: Vec<(&String, &usize)> = self.false_positives_by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(f, "\nfalse positives by rule")?;
        for (rule, count) in rules {
            writeln!(f, "{count:>7}  {rule}")?;
        }
        Ok(())
    }
}

impl Extend<DocScore> for GoldReport {
    fn extend<I: IntoIterator<Item = DocScore>>(&mut self, scores: I) {
        for score in scores {
            self.add(score);
        }
    }
}

impl FromIterator<DocScore> for GoldReport {
    fn from_iter<I: IntoIterator<Item = DocScore>>(scores: I) -> Self {
        let mut report = Self::new();
        report.extend(scores);
        report
    }
}

/// A table of scores, the false positives by rule, then every miss, false
/// positive and field error, grouped by category and sorted.
impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold evaluation of {} document(s)\n", self.documents.len())?;
        self.write_table(f)?;
        self.write_rules(f)?;
        for (name, category) in self.categories() {
            write_findings(f, &format!("{name}: missed"), &category.misses)?;
            write_findings(f, &format!("{name}: false positives"), &category.false_positives)?;
        }
        write_findings(f, "wrong fields of matched figures and affiliations", &self.total.field_errors)
    }
}

fn write_findings(f: &mut fmt::Formatter<'_>, title: &str, findings: &[Finding]) -> fmt::Result {
    if findings.is_empty() {
        return Ok(());
    }
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort();
    writeln!(f, "\n{title} ({})", findings.len())?;
    for finding in sorted {
        write!(f, "  {}  {}", finding.doc, finding.text)?;
        if !finding.origins.is_empty() {
            write!(f, "  ← {}", finding.origins.join(", "))?;
        }
        writeln!(f)?;
    }
    Ok(())
}
