//! Counts and the scores derived from them.

use std::fmt;
use std::ops::AddAssign;

use serde::{Serialize, Serializer};

/// True positives, false positives and false negatives of one category.
/// Summing `Counts` over documents gives micro-averaged scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Self {
        Self { tp, fp, fn_ }
    }

    /// tp / (tp + fp); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        fraction(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        fraction(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out {
            tp: usize,
            fp: usize,
            #[serde(rename = "fn")]
            fn_: usize,
            precision: f64,
            recall: f64,
            f1: f64,
        }
        Out {
            tp: self.tp,
            fp: self.fp,
            fn_: self.fn_,
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
        }
        .serialize(s)
    }
}

/// An accuracy: `hits` out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    pub hits: usize,
    pub total: usize,
}

impl Ratio {
    /// Counts one case.
    pub fn record(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// hits / total; 0 when there were no cases.
    pub fn value(&self) -> f64 {
        fraction(self.hits, self.total)
    }
}

impl AddAssign for Ratio {
    fn add_assign(&mut self, other: Self) {
        self.hits += other.hits;
        self.total += other.total;
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out {
            hits: usize,
            total: usize,
            accuracy: f64,
        }
        Out { hits: self.hits, total: self.total, accuracy: self.value() }.serialize(s)
    }
}

/// `12/25  48.0%`
impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} {:>6}", self.hits, self.total, Percent(self.value()))
    }
}

fn fraction(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// A fraction printed as a percentage with one decimal: `81.4%`. Honours width.
pub(crate) struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:.1}%", self.0 * 100.0))
    }
}

/// Header of a counts table, matching [`write_counts_row`].
pub(crate) fn write_counts_header(f: &mut fmt::Formatter<'_>, first: &str) -> fmt::Result {
    writeln!(f, "{first:<18}{:>7}{:>7}{:>7}{:>11}{:>9}{:>9}", "tp", "fp", "fn", "precision", "recall", "F1")
}

pub(crate) fn write_counts_row(f: &mut fmt::Formatter<'_>, label: &str, c: Counts) -> fmt::Result {
    writeln!(
        f,
        "{label:<18}{:>7}{:>7}{:>7}{:>11}{:>9}{:>9}",
        c.tp,
        c.fp,
        c.fn_,
        Percent(c.precision()),
        Percent(c.recall()),
        Percent(c.f1())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_from_counts() {
        let c = Counts::new(3, 1, 2);
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.6);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn undefined_scores_are_zero() {
        let c = Counts::default();
        assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
        assert_eq!(Counts::new(0, 2, 0).f1(), 0.0);
        assert_eq!(Ratio::default().value(), 0.0);
    }

    #[test]
    fn counts_serialize_with_scores() {
        let json = serde_json::to_value(Counts::new(1, 1, 0)).unwrap();
        assert_eq!(json["fn"], 0);
        assert_eq!(json["precision"], 0.5);
        assert_eq!(json["recall"], 1.0);
    }
}
