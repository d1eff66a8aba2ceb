//! Prefilters: which pattern rules can match a text at all.
//!
//! Input: the compiled regexes of one group of rules (entity patterns,
//! relations, quotes, figures, periods). Output, for a text: the rules worth
//! running on it.
//!
//! Every match of a rule such as `{PER}…{SPEECH}“…”` holds a person
//! placeholder, a speech verb and an opening quotation mark, so a text
//! lacking any of them need not be searched. These *required factors* are
//! read off the regex's syntax tree: a literal, a small character class, an
//! alternation whose every branch requires one, a repetition of at least one.
//! One Aho-Corasick pass finds the factors a text holds; a rule runs only
//! when all of its own are there. The filter never skips a rule that could
//! match, so results are those of running every rule; it only saves the
//! regex searches that cannot succeed, which are most of them.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals of which every match holds at least one.
type Factor = Vec<Vec<u8>>;

/// A class of more characters than this (`\p{Han}`, `[^，。]`) is in most
/// texts: it makes no useful factor.
const MAX_CLASS_CHARS: u32 = 64;

/// The rules of one group worth running on a text, by index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection(Vec<bool>);

impl Selection {
    pub fn contains(&self, rule: usize) -> bool {
        self.0.get(rule).copied().unwrap_or(true)
    }

    /// The selected rules of `group`, the group this selection was made for.
    pub fn of<'r, T>(&self, group: &'r [T]) -> impl Iterator<Item = &'r T> + use<'r, '_, T> {
        group.iter().enumerate().filter(|&(i, _)| self.contains(i)).map(|(_, rule)| rule)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Prefilter {
    /// Every factor literal of the group, once.
    literals: Option<AhoCorasick>,
    /// Literal → the factors it satisfies.
    satisfies: Vec<Vec<usize>>,
    /// Rule → the factors it needs (none: it always runs).
    needs: Vec<Vec<usize>>,
    factors: usize,
}

impl Prefilter {
    /// The filter of a group of rules, one entry per rule in order: its
    /// expanded regex source, or `None` for a rule that is not a regex.
    pub fn new<'a>(patterns: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut ids: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut satisfies: Vec<Vec<usize>> = Vec::new();
        let mut needs = Vec::new();
        let mut factors = 0;
        for pattern in patterns {
            let mut own = Vec::new();
            for factor in pattern.and_then(|p| regex_syntax::parse(p).ok()).map_or_else(Vec::new, |h| required(&h)) {
                for literal in factor {
                    let next = ids.len();
                    let id = *ids.entry(literal).or_insert(next);
                    if id == satisfies.len() {
                        satisfies.push(Vec::new());
                    }
                    satisfies[id].push(factors);
                }
                own.push(factors);
                factors += 1;
            }
            needs.push(own);
        }
        let mut by_id: Vec<(usize, Vec<u8>)> = ids.into_iter().map(|(l, id)| (id, l)).collect();
        by_id.sort_unstable();
        let literals = (!by_id.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(by_id.iter().map(|(_, l)| l))
                .expect("factor literals are short enough for an Aho-Corasick automaton")
        });
        Self { literals, satisfies, needs, factors }
    }

    /// The rules whose required factors all occur in `text`.
    pub fn select(&self, text: &str) -> Selection {
        let mut present = vec![false; self.factors];
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                for &f in &self.satisfies[m.pattern().as_usize()] {
                    present[f] = true;
                }
            }
        }
        Selection(self.needs.iter().map(|own| own.iter().all(|&f| present[f])).collect())
    }
}

/// The factors every match of `hir` holds, all of them.
fn required(hir: &Hir) -> Vec<Factor> {
    match hir.kind() {
        HirKind::Concat(items) => items.iter().flat_map(required).collect(),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        _ => any_of(hir).into_iter().collect(),
    }
}

/// One factor every match of `hir` holds, the most selective one found.
fn any_of(hir: &Hir) -> Option<Factor> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(class) => class_chars(class),
        HirKind::Capture(c) => any_of(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => any_of(&r.sub),
        HirKind::Concat(items) => items.iter().filter_map(any_of).max_by_key(selectivity),
        HirKind::Alternation(branches) => {
            let mut union: Factor = Vec::new();
            for b in branches {
                union.extend(any_of(b)?);
            }
            union.sort_unstable();
            union.dedup();
            // Hundreds of single characters (a surname list) occur in nearly
            // every sentence: checking for them would cost and save nothing.
            let single_chars = union.iter().filter(|l| std::str::from_utf8(l).is_ok_and(|s| s.chars().count() == 1));
            (single_chars.count() <= MAX_CLASS_CHARS as usize).then_some(union)
        }
        _ => None,
    }
}

/// Longer literals are rarer; fewer of them, rarer still.
fn selectivity(factor: &Factor) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = factor.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(factor.len()))
}

/// A small class as one literal per character.
fn class_chars(class: &Class) -> Option<Factor> {
    match class {
        Class::Unicode(c) => {
            let count: u32 = c.iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            (count <= MAX_CLASS_CHARS)
                .then(|| c.iter().flat_map(|r| r.start()..=r.end()).map(|ch| ch.to_string().into_bytes()).collect())
        }
        Class::Bytes(c) => {
            let count: u32 = c.iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            (count <= MAX_CLASS_CHARS).then(|| c.iter().flat_map(|r| r.start()..=r.end()).map(|b| vec![b]).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(patterns: &[&str], text: &str) -> Vec<bool> {
        let filter = Prefilter::new(patterns.iter().map(|p| Some(*p)));
        (0..patterns.len()).map(|i| filter.select(text).contains(i)).collect()
    }

    #[test]
    fn a_rule_runs_only_where_all_its_required_literals_occur() {
        let quote = r"(?P<speaker>\x{E001})[^，]{0,20}(?:表示|指出)，“(?P<statement>[^”]+)”";
        assert_eq!(runs(&[quote], "\u{E001}在会上表示，“要加快发展”"), [true]);
        assert_eq!(runs(&[quote], "\u{E001}在会上表示，要加快发展"), [false], "no opening quotation mark");
        assert_eq!(runs(&[quote], "他在会上表示，“要加快发展”"), [false], "no person placeholder");
        assert_eq!(runs(&[quote], "\u{E001}认为，“要加快发展”"), [false], "no listed speech verb");
    }

    #[test]
    fn optional_parts_and_large_classes_require_nothing() {
        assert_eq!(runs(&[r"(?:第)?\p{Han}{2,4}", r"x*", "^$"], "abc"), [true, true, true]);
        // A small class is a factor, one character of it at a time.
        assert_eq!(runs(&[r"\d+[万亿]"], "3千"), [false]);
        assert_eq!(runs(&[r"\d+[万亿]"], "3亿"), [true]);
    }

    #[test]
    fn an_alternation_requires_one_of_its_branches() {
        let p = r"(?:董事长|(?:总|副)经理)";
        assert_eq!(runs(&[p], "任副经理"), [true]);
        assert_eq!(runs(&[p], "任董事长"), [true]);
        assert_eq!(runs(&[p], "任主任"), [false]);
        // A branch that requires nothing makes the alternation require nothing.
        assert_eq!(runs(&[r"(?:董事长|\p{Han})"], "任经理"), [true]);
    }

    #[test]
    fn rules_without_a_regex_always_run() {
        let filter = Prefilter::new([None, Some("甲乙")]);
        let picked = filter.select("丙丁");
        assert!(picked.contains(0) && !picked.contains(1));
    }

    #[test]
    fn the_filter_never_skips_a_match() {
        // Every pattern of these shapes that matches a text must be selected.
        let patterns = [r"(?P<a>[甲乙])(?:丙|丁{2,})?戊", r"(?:(?:甲|乙)丙|丁)+戊?", r"[^甲]{1,3}乙", r"(?i)ab+c"];
        let texts = ["甲戊", "乙丁丁戊", "丁", "乙丙戊", "丙丙乙", "ABBC", "戊"];
        for text in texts {
            let filter = Prefilter::new(patterns.iter().map(|p| Some(*p)));
            let picked = filter.select(text);
            for (i, p) in patterns.iter().enumerate() {
                if regex::Regex::new(p).unwrap().is_match(text) {
                    assert!(picked.contains(i), "{p} matches {text} but was skipped");
                }
            }
        }
    }
}
