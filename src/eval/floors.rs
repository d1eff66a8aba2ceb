//! Quality floors: the lowest score each measure may reach before a change
//! counts as a regression (`zhkg eval … --min quality-floors.toml`).
//!
//! Input: the floors file (TOML, two tables `gold` and `ner`, each mapping a
//! measure name to a percentage) and the reports of the corpora that were run.
//! Output: the measures below their floor, or an error naming the file, line
//! and key of a floor that names no measure. Measures of a corpus that was not
//! run are not checked: `--gold` alone checks only `[gold]`.
//!
//! Measure names (quote those with a dot: `"entities.Person" = 85.0`): in `[gold]`, `entities`, `figures`, `relations`, `quotes`
//! (F1), `entities.Person` and the other types and relation kinds (F1),
//! `figure_measure`, `figure_subject`, `figure_period`, `affiliation_role`
//! (accuracy); in `[ner]`, `micro`, `PER`, `LOC`, `ORG` (F1).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::{GoldReport, NerReport};
use crate::model::{EntityType, RelationKind};

/// The floors file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    #[serde(default)]
    pub gold: BTreeMap<String, f64>,
    #[serde(default)]
    pub ner: BTreeMap<String, f64>,
}

/// A measure below its floor.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    /// `gold.entities.Person`, `ner.PER`.
    pub measure: String,
    /// Percentages.
    pub floor: f64,
    pub value: f64,
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is {:.1}%, below its floor of {:.1}%", self.measure, self.value, self.floor)
    }
}

impl Floors {
    /// Parses a floors file; `path` names it in errors, which give the line.
    pub fn parse(text: &str, path: &str) -> Result<Self, String> {
        let floors: Floors = toml::from_str(text).map_err(|e| located(text, path, &e))?;
        let known_gold = gold_names();
        let known_ner = ner_names();
        for (table, floors, known) in [("gold", &floors.gold, &known_gold), ("ner", &floors.ner, &known_ner)] {
            if let Some(name) = floors.keys().find(|n| !known.contains(n)) {
                let line = text.lines().position(|l| l.contains(name.as_str())).map_or(0, |i| i + 1);
                return Err(format!("{path}:{line}: [{table}] {name} is not a measure (known: {})", known.join(", ")));
            }
        }
        Ok(floors)
    }

    /// Every measure below its floor, gold first, each table in name order.
    pub fn check(&self, gold: Option<&GoldReport>, ner: Option<&NerReport>) -> Vec<Shortfall> {
        let mut out = Vec::new();
        if let Some(report) = gold {
            below(&mut out, "gold", &self.gold, &gold_measures(report));
        }
        if let Some(report) = ner {
            below(&mut out, "ner", &self.ner, &ner_measures(report));
        }
        out
    }
}

fn below(out: &mut Vec<Shortfall>, table: &str, floors: &BTreeMap<String, f64>, values: &BTreeMap<String, f64>) {
    for (name, &floor) in floors {
        let value = values.get(name).copied().unwrap_or(0.0);
        // Percentages with one decimal are what the reports print and what the
        // floors file holds; compare at that precision so a printed 90.0%
        // meets a floor of 90.0.
        if (value * 10.0).round() < (floor * 10.0).round() {
            out.push(Shortfall { measure: format!("{table}.{name}"), floor, value });
        }
    }
}

fn located(text: &str, path: &str, e: &toml::de::Error) -> String {
    let line = e.span().map_or(0, |s| text[..s.start].lines().count().max(1));
    format!("{path}:{line}: {}", e.message())
}

fn gold_names() -> Vec<String> {
    gold_measures(&GoldReport::new()).into_keys().collect()
}

fn ner_names() -> Vec<String> {
    ["micro", "PER", "LOC", "ORG"].map(String::from).to_vec()
}

/// Every gold measure as a percentage.
pub fn gold_measures(report: &GoldReport) -> BTreeMap<String, f64> {
    let t = &report.total;
    let mut m = BTreeMap::new();
    let categories =
        [("entities", &t.entities), ("figures", &t.figures), ("relations", &t.relations), ("quotes", &t.quotes)];
    for (name, c) in categories {
        m.insert(name.to_owned(), c.counts.f1() * 100.0);
    }
    for ty in EntityType::ALL.map(EntityType::as_str) {
        let c = t.entities.by_type.get(ty).copied().unwrap_or_default();
        m.insert(format!("entities.{ty}"), c.f1() * 100.0);
    }
    for kind in RelationKind::ALL.map(RelationKind::as_str) {
        let c = t.relations.by_type.get(kind).copied().unwrap_or_default();
        m.insert(format!("relations.{kind}"), c.f1() * 100.0);
    }
    let ratios = [
        ("figure_measure", t.figure_measure),
        ("figure_subject", t.figure_subject),
        ("figure_period", t.figure_period),
        ("affiliation_role", t.affiliation_role),
    ];
    for (name, r) in ratios {
        m.insert(name.to_owned(), r.value() * 100.0);
    }
    m
}

/// Every NER measure (F1) as a percentage.
pub fn ner_measures(report: &NerReport) -> BTreeMap<String, f64> {
    let mut m: BTreeMap<String, f64> = report.by_label.iter().map(|(k, c)| (k.clone(), c.f1() * 100.0)).collect();
    m.insert("micro".into(), report.micro.f1() * 100.0);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{NerLabel, NerScorer, NerSpan};

    fn ner_report() -> NerReport {
        let span = |s, e, label, t: &str| NerSpan { start: s, end: e, label, text: t.into() };
        let mut scorer = NerScorer::new();
        let gold = [span(0, 2, NerLabel::Person, "李明"), span(3, 5, NerLabel::Place, "北京")];
        scorer.add("李明在北京", &gold, &[span(0, 2, NerLabel::Person, "李明")]);
        scorer.report()
    }

    #[test]
    fn a_measure_below_its_floor_is_named() {
        let floors = Floors::parse("[ner]\nPER = 100.0\nLOC = 10.0\nmicro = 60.0\n", "f.toml").unwrap();
        let short = floors.check(None, Some(&ner_report()));
        let names: Vec<&str> = short.iter().map(|s| s.measure.as_str()).collect();
        assert_eq!(names, ["ner.LOC"]);
        assert_eq!(short[0].to_string(), "ner.LOC is 0.0%, below its floor of 10.0%");
    }

    #[test]
    fn tables_of_corpora_not_run_are_not_checked() {
        let floors = Floors::parse("[gold]\nentities = 99.0\n", "f.toml").unwrap();
        assert!(floors.check(None, Some(&ner_report())).is_empty());
    }

    #[test]
    fn an_unknown_measure_is_an_error_with_its_line() {
        let err = Floors::parse("[gold]\nentities = 90.0\n\"entites.Person\" = 85.0\n", "f.toml").unwrap_err();
        assert!(err.starts_with("f.toml:3: [gold] entites.Person is not a measure"), "{err}");
        let err = Floors::parse("[gold]\nentities = \"x\"\n", "f.toml").unwrap_err();
        assert!(err.starts_with("f.toml:2: "), "{err}");
    }

    #[test]
    fn every_gold_measure_has_a_name() {
        let names = gold_names();
        for name in ["entities", "entities.Person", "relations.affiliation", "affiliation_role", "figure_subject"] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
    }
}
