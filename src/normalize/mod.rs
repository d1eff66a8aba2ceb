//! Normalization: repairs OCR and PDF text before extraction, keeping a map
//! from every repaired character back to the source character it came from.
//!
//! Input: the source text of one document, the page-furniture patterns of
//! `rules/normalize.toml` compiled by `rules` and the byline openers of its
//! lexicons (`Normalizer::new`; `Pipeline` builds the one in use). Output:
//! `Repaired`, the mended text (paragraphs separated by one `\n`), its
//! sentences as byte ranges, and source character offsets and `Span`s for any
//! byte range of it. This stage reads no files.
//!
//! The repairs, in the order they run:
//!
//! 1. Lines (`lines`): full-width ASCII folds to half-width (`２０２４` →
//!    `2024`; Chinese punctuation `，。“”：` stays), ideographic and no-break
//!    spaces become spaces, replacement characters and zero-width marks go.
//!    A line that a furniture pattern matches is blanked; a pattern sees the
//!    line with all whitespace removed, so `专 题2024年 3月 9日` is seen as
//!    `专题2024年3月9日` (the file's header states the contract). Markdown
//!    markup goes: `#` headings, `- ` items, `>`
//!    quotes, bullet symbols (■ ▲) at line start, and `**` anywhere. In a
//!    byline (`bylines`: `本报记者 刘洋 陈建国`) the space between two names
//!    becomes `、`, so that the next step does not run them together.
//! 2. Paragraphs (`paragraphs`): lines broken mid-sentence are rejoined, also
//!    across blank lines; sentence ends, headings and block starts keep their
//!    breaks. The heuristics are listed in that module.
//! 3. Spaces and punctuation (`inline`): a space survives only between two
//!    Latin-script characters (`AI for science`); half-width `, : ; ? ! ( )`
//!    in Chinese text become `，：；？！（）`.
//! 4. Doubling (`doubling`): runs printed twice by bold rendering are made
//!    single (`…公司…公司，，` → `…公司，`), ordinary repeats (`研究研究`) kept.
//!    This runs on each line too, before step 2, so that the line widths the
//!    paragraph heuristics compare are the printed ones.
//!
//! No pass invents a character: every character of the text is a source
//! character, possibly folded (`，` for `,`, a space for a line break
//! between two Latin words), and source offsets increase along the text.
//! Everything is linear in the length of the source.

mod bylines;
mod doubling;
mod glyph;
mod inline;
mod lines;
mod paragraphs;
mod repaired;

#[cfg(test)]
mod tests;

use regex::Regex;

pub use repaired::Repaired;

/// Repairs documents; holds the compiled furniture patterns.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    furniture: Vec<Regex>,
    byline_openers: Vec<String>,
}

impl Normalizer {
    /// `furniture`: patterns from `rules/normalize.toml`; a source line whose
    /// whitespace-free, width-folded form any of them matches is dropped.
    /// `byline_openers`: the words that open a byline
    /// (`rules/lexicons/byline_openers.txt`), whose names are kept apart.
    pub fn new(furniture: Vec<Regex>, byline_openers: Vec<String>) -> Self {
        Self { furniture, byline_openers }
    }

    pub fn repair(&self, source: &str) -> Repaired {
        let lines = lines::read(source, &self.furniture, &self.byline_openers);
        let mut paragraphs = paragraphs::assemble(&lines);
        for p in &mut paragraphs {
            inline::tidy(&mut p.glyphs);
            doubling::collapse(&mut p.glyphs);
        }
        Repaired::new(&paragraphs, source.chars().count())
    }
}
