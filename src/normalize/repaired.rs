//! The repaired text, its map back to the source, and its sentences.

use std::ops::Range;

use crate::model::Span;

use super::glyph::{is_closer, is_terminal, Glyph};
use super::paragraphs::Paragraph;

/// Text repaired by `Normalizer::repair`, with the source character each of
/// its characters came from. Paragraphs are separated by a single `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// Byte offset in `text` of each character, increasing.
    starts: Vec<usize>,
    /// Source character index of each character, increasing.
    sources: Vec<usize>,
    /// Length of the source in characters.
    source_len: usize,
}

impl Repaired {
    pub(crate) fn new(paragraphs: &[Paragraph], source_len: usize) -> Self {
        let mut out = Repaired { text: String::new(), starts: Vec::new(), sources: Vec::new(), source_len };
        let mut separator: Option<usize> = None;
        for p in paragraphs.iter().filter(|p| !p.glyphs.is_empty()) {
            if let Some(nl) = separator {
                out.push(Glyph::new('\n', nl));
            }
            p.glyphs.iter().for_each(|&g| out.push(g));
            // The break after the last line of a paragraph always exists when
            // another paragraph follows; fall back to the last glyph anyway.
            separator = p.newline.or(p.glyphs.last().map(|g| g.src));
        }
        out
    }

    fn push(&mut self, g: Glyph) {
        self.starts.push(self.text.len());
        self.sources.push(g.src);
        self.text.push(g.ch);
    }

    /// Index of the character of `text` that contains byte `byte`.
    fn char_containing(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte).saturating_sub(1)
    }

    /// Character offset in the source of the character starting at byte
    /// `byte` of `text`; `byte == text.len()` gives the source's length in
    /// characters.
    pub fn source_offset(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.source_len;
        }
        debug_assert!(self.text.is_char_boundary(byte), "byte {byte} is inside a character");
        self.sources[self.char_containing(byte)]
    }

    /// Source character span of a byte range of `text`: from the source
    /// offset of its first character to one past the source offset of its
    /// last, so it never swallows spaces removed after the last character.
    /// An empty range gives an empty span at its start.
    pub fn source_span(&self, bytes: Range<usize>) -> Span {
        let start = self.source_offset(bytes.start);
        if bytes.end <= bytes.start {
            return Span::new(start, start);
        }
        let last = self.char_containing(bytes.end.min(self.text.len()) - 1);
        Span::new(start, self.sources[last] + 1)
    }

    /// Sentences of `text` as byte ranges. A sentence ends after `。！？!?；`
    /// together with the closing quotes and brackets that follow it
    /// (`…发展机遇。”`), and at every paragraph break, so a heading is a
    /// sentence of its own. Ranges are trimmed of whitespace and never empty.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = self.text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\n' {
                push_trimmed(&self.text, start..i, &mut out);
                start = i + 1;
            } else if is_terminal(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !(is_terminal(d) || is_closer(d)) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                push_trimmed(&self.text, start..end, &mut out);
                start = end;
            }
        }
        push_trimmed(&self.text, start..self.text.len(), &mut out);
        out
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Repaired` whose text is `text`, each character mapped to twice its
    /// index, with one paragraph per line.
    fn repaired(text: &str) -> Repaired {
        let paragraphs: Vec<Paragraph> = text
            .split('\n')
            .scan(0, |n, line| {
                let glyphs: Vec<Glyph> = line
                    .chars()
                    .map(|c| {
                        *n += 1;
                        Glyph::new(c, 2 * (*n - 1))
                    })
                    .collect();
                *n += 1;
                Some(Paragraph { glyphs, newline: Some(2 * (*n - 1)) })
            })
            .collect();
        Repaired::new(&paragraphs, 2 * text.chars().count())
    }

    fn sentence_texts(r: &Repaired) -> Vec<&str> {
        r.sentences().into_iter().map(|s| &r.text[s]).collect()
    }

    #[test]
    fn sentences_keep_closing_quotes_and_split_at_paragraphs() {
        let r = repaired("“发展新产业，给全区带来了新机遇。”刘洋介绍，全区累计推出120项改革成果。\n发展新产业");
        assert_eq!(
            sentence_texts(&r),
            ["“发展新产业，给全区带来了新机遇。”", "刘洋介绍，全区累计推出120项改革成果。", "发展新产业"]
        );
    }

    #[test]
    fn sentences_are_trimmed_and_never_empty() {
        let r = repaired("好。 再见！？\n\n ok. yes; no?");
        assert_eq!(sentence_texts(&r), ["好。", "再见！？", "ok. yes; no?"]);
    }

    #[test]
    fn offsets_map_characters_and_the_end() {
        let r = repaired("王锦侠说");
        assert_eq!(r.source_offset(0), 0);
        assert_eq!(r.source_offset(3), 2);
        assert_eq!(r.source_offset(r.text.len()), 8);
        assert_eq!(r.source_span(0..9), Span::new(0, 5));
        assert_eq!(r.source_span(3..3), Span::new(2, 2));
    }
}
