//! The placeholder view of a stretch of text: every entity mention written as
//! one private-use character, so that relation, quote and figure rules are
//! plain regexes (`{ORG}{TITLE}{PER}`). Keeps a map from each view character
//! back to the bytes of the repaired text it stands for.

use std::ops::Range;

use super::{EntityMention, Sentence};
use crate::rules::placeholder;

/// Mentions that start inside `range`, with their indices. Mentions are
/// sorted by start, so this is a binary search, not a scan: documents can
/// hold hundreds of thousands of mentions.
pub fn mentions_within(
    mentions: &[EntityMention],
    range: Range<usize>,
) -> impl Iterator<Item = (usize, &EntityMention)> {
    let first = mentions.partition_point(|m| m.start < range.start);
    mentions[first..].iter().enumerate().map(move |(i, m)| (first + i, m)).take_while(move |(_, m)| m.start < range.end)
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    view_start: usize,
    orig: (usize, usize),
    mention: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct View {
    pub text: String,
    pieces: Vec<Piece>,
}

impl View {
    /// A sentence, with its top-level (not nested) mentions as placeholders.
    pub fn new(s: &Sentence<'_>, mentions: &[EntityMention]) -> Self {
        Self::over(s.text, s.offset, mentions, |_, m| !m.nested)
    }

    /// A mention's own name with its nested mentions as placeholders.
    pub fn of_name(outer: &EntityMention, inner: &[usize], mentions: &[EntityMention], text: &str) -> Self {
        Self::over(&text[outer.start..outer.end], outer.start, mentions, |i, _| inner.contains(&i))
    }

    /// The view of `slice`, which begins at byte `offset` of the repaired text.
    pub fn over(
        slice: &str,
        offset: usize,
        mentions: &[EntityMention],
        keep: impl Fn(usize, &EntityMention) -> bool,
    ) -> Self {
        let range = offset..offset + slice.len();
        let mut spans: Vec<(usize, &EntityMention)> =
            mentions_within(mentions, range.clone()).filter(|&(i, m)| keep(i, m) && m.end <= range.end).collect();
        spans.sort_by_key(|(_, m)| m.start);
        let mut view = View { text: String::with_capacity(slice.len()), pieces: Vec::new() };
        let mut spans = spans.into_iter().peekable();
        let mut at = range.start;
        while at < range.end {
            if let Some(&(i, m)) = spans.peek().filter(|(_, m)| m.start == at) {
                view.push(placeholder(m.ty), (m.start, m.end), Some(i));
                at = m.end;
                spans.next();
                continue;
            }
            let c = slice[at - offset..].chars().next().expect("in range");
            view.push(c, (at, at + c.len_utf8()), None);
            at += c.len_utf8();
            // A mention overlapping an earlier one can never be placed.
            while spans.peek().is_some_and(|(_, m)| m.start < at) {
                spans.next();
            }
        }
        view
    }

    fn push(&mut self, c: char, orig: (usize, usize), mention: Option<usize>) {
        self.pieces.push(Piece { view_start: self.text.len(), orig, mention });
        self.text.push(c);
    }

    fn piece_index(&self, view_byte: usize) -> usize {
        self.pieces.partition_point(|p| p.view_start < view_byte)
    }

    /// The mention a view range stands for, when it is exactly one placeholder.
    pub fn mention_at(&self, start: usize, end: usize) -> Option<usize> {
        let i = self.piece_index(start);
        let p = self.pieces.get(i)?;
        let next = self.pieces.get(i + 1).map_or(self.text.len(), |n| n.view_start);
        (p.view_start == start && next == end).then_some(p.mention).flatten()
    }

    /// Bytes of the repaired text that a view range stands for.
    pub fn orig(&self, range: Range<usize>) -> Range<usize> {
        let (a, b) = (self.piece_index(range.start), self.piece_index(range.end));
        if a >= b || a >= self.pieces.len() {
            let at = self.pieces.get(a).map_or_else(|| self.pieces.last().map_or(0, |p| p.orig.1), |p| p.orig.0);
            return at..at;
        }
        self.pieces[a].orig.0..self.pieces[b - 1].orig.1
    }
}

#[cfg(test)]
mod tests {
    use super::mentions_within;
    use crate::extract::EntityMention;
    use crate::model::{EntityType, RuleRef};

    fn at(start: usize, end: usize) -> EntityMention {
        EntityMention {
            start,
            end,
            ty: EntityType::Place,
            sentence: 0,
            rule: RuleRef::new("t", "t.toml", 1),
            canonical: None,
            priority: 0,
            nested: false,
            document_scoped: false,
        }
    }

    #[test]
    fn mentions_within_finds_exactly_those_starting_in_range_with_their_indices() {
        let mentions = [at(0, 3), at(3, 9), at(3, 6), at(9, 12), at(15, 18)];
        let found: Vec<usize> = mentions_within(&mentions, 3..12).map(|(i, _)| i).collect();
        assert_eq!(found, vec![1, 2, 3]);
        assert_eq!(mentions_within(&mentions, 12..15).count(), 0);
        assert_eq!(mentions_within(&mentions, 15..16).map(|(i, _)| i).collect::<Vec<_>>(), vec![4]);
    }
}
