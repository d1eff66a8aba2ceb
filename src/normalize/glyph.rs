//! A glyph is one character of the text under repair together with the
//! source character it came from; every pass moves glyphs around or drops
//! them, never invents one, so the map back to the source stays exact.
//! Also the character classes the passes agree on.

/// One character of the repaired text and the index (in characters) of the
/// source character it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub ch: char,
    pub src: usize,
}

impl Glyph {
    pub fn new(ch: char, src: usize) -> Self {
        Self { ch, src }
    }
}

/// Han ideographs: the characters whose doubling and spacing we repair.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '〇')
}

/// Characters that make their surroundings "CJK text": ideographs, kana,
/// hangul, CJK and full-width punctuation, and the curly quotes, dashes and
/// ellipsis Chinese text uses. A space next to one of these is an OCR
/// artefact, and a half-width comma next to one is a Chinese comma.
pub(crate) fn is_cjk_context(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{30FF}'    // CJK punctuation, kana
            | '\u{AC00}'..='\u{D7AF}'  // hangul
            | '\u{FE30}'..='\u{FE4F}'  // CJK compatibility forms
            | '\u{FF00}'..='\u{FFEF}'  // full-width forms kept after folding
            | '‘' | '’' | '“' | '”' | '…' | '—' | '·' | '■' | '▲' | '→')
}

/// Characters of Latin-script text: a space between two of these is a word
/// space and is kept ("AI for science").
pub(crate) fn is_latinish(c: char) -> bool {
    c.is_ascii_graphic() || ((c as u32) < 0x2000 && c.is_alphanumeric())
}

/// Full-width forms this crate keeps as they are: the Chinese punctuation the
/// extraction rules match on.
const KEPT_FULL_WIDTH: [char; 7] = ['！', '（', '）', '，', '：', '；', '？'];

/// Folds full-width ASCII (Ａ, ０, ％, ．) to half-width and every kind of
/// space (ideographic, no-break) to ' '. Chinese punctuation is kept.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        c if KEPT_FULL_WIDTH.contains(&c) => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c if c.is_whitespace() && c != '\n' => ' ',
        c => c,
    }
}

/// Characters with no visible form that PDF extraction leaves behind:
/// replacement characters, byte-order marks, zero-width spaces, soft hyphens.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FFFD}' | '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}')
}

/// Punctuation that ends a sentence, as `Repaired::sentences` splits.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；')
}

/// Closing quotes and brackets that belong to the sentence before them.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | '"' | '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_folds_but_chinese_punctuation_stays() {
        let folded: String = "２０２４年ＧＤＰ增长５．２％，（见表）：是否？！　".chars().map(fold_width).collect();
        assert_eq!(folded, "2024年GDP增长5.2%，（见表）：是否？！ ");
    }

    #[test]
    fn classes() {
        assert!(is_han('王') && !is_han('，') && !is_han('A'));
        assert!(is_cjk_context('，') && is_cjk_context('“') && !is_cjk_context('A'));
        assert!(is_latinish('A') && is_latinish('9') && is_latinish('é') && !is_latinish('王'));
    }
}
