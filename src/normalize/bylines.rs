//! Bylines: the names of a credit line kept apart.
//!
//! Input: the glyphs of one source line, and the words that open a byline
//! (`rules/lexicons/byline_openers.txt`: 本报记者, 通讯员…). Output: the same
//! glyphs, where the line is a byline, with the gap between two names folded
//! into `、`.
//!
//! Print writes the names of a byline apart with spaces (`本报记者 刘洋
//! 陈建国`), and the inline pass drops every space between two Chinese
//! characters as OCR letter-spacing: the names would run together
//! (刘洋陈建国) and be cut wrongly. Print also pads a two-character name to
//! the width of three with a space (`吴 桐`); that space is letter-spacing and
//! still goes. Only a line holding nothing but the opener and names of one to
//! four Chinese characters, one of them at least two, is read as a byline.

use super::glyph::{is_han, Glyph};

/// A name of a byline has at most this many characters (a compound surname
/// and a two-character given name).
const MAX_NAME_CHARS: usize = 4;

/// Folds the first space of each gap between two names of a byline into `、`.
pub(crate) fn separate_names(glyphs: &mut [Glyph], openers: &[String]) {
    let Some(names_start) = after_opener(glyphs, openers) else { return };
    let pieces = pieces(glyphs, names_start);
    let is_name = |p: &(usize, usize)| {
        let n = p.1 - p.0;
        n <= MAX_NAME_CHARS && glyphs[p.0..p.1].iter().all(|g| is_han(g.ch))
    };
    // Single characters only (记 者 节 快 乐) are a letter-spaced heading.
    let one_name_whole = pieces.iter().any(|p| p.1 - p.0 >= 2);
    if pieces.len() < 2 || !one_name_whole || !pieces.iter().all(is_name) {
        return;
    }
    let names = names(&pieces);
    for &(_, end) in &names[..names.len() - 1] {
        glyphs[end].ch = '、';
    }
}

/// The names the pieces spell: a piece each, but two one-character pieces in
/// a row are one name padded to the width of three (吴 桐).
fn names(pieces: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let one_char = |p: &(usize, usize)| p.1 - p.0 == 1;
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let padded = one_char(&pieces[i]) && pieces.get(i + 1).is_some_and(one_char);
        let last = if padded { i + 1 } else { i };
        out.push((pieces[i].0, pieces[last].1));
        i = last + 1;
    }
    out
}

/// Where the names begin: after the longest opener the line starts with,
/// spaces inside the opener allowed (`本 报 记 者`, letter-spaced by OCR).
fn after_opener(glyphs: &[Glyph], openers: &[String]) -> Option<usize> {
    openers.iter().filter_map(|o| match_prefix(glyphs, o)).max_by_key(|&(chars, _)| chars).map(|(_, end)| end)
}

/// The opener's length in characters and the glyph index after it, when the
/// line opens with `word` (spaces skipped).
fn match_prefix(glyphs: &[Glyph], word: &str) -> Option<(usize, usize)> {
    let mut wanted = word.chars().peekable();
    let mut i = 0;
    while let Some(&c) = wanted.peek() {
        let g = glyphs.get(i)?;
        i += 1;
        if g.ch.is_whitespace() {
            continue;
        }
        if g.ch != c {
            return None;
        }
        wanted.next();
    }
    // The opener must end where a space does: 记者 does not open 记者会.
    glyphs.get(i).is_some_and(|g| g.ch.is_whitespace()).then_some((word.chars().count(), i))
}

/// The runs of non-space glyphs from `start`, as (start, end) indices.
fn pieces(glyphs: &[Glyph], start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (i, g) in glyphs.iter().enumerate().skip(start) {
        match (g.ch.is_whitespace(), run) {
            (false, None) => run = Some(i),
            (true, Some(s)) => {
                out.push((s, i));
                run = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run {
        out.push((s, glyphs.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn separated(line: &str) -> String {
        let mut glyphs: Vec<Glyph> = line.chars().enumerate().map(|(i, c)| Glyph::new(c, i)).collect();
        let openers = ["记者", "本报记者", "通讯员"].map(String::from);
        separate_names(&mut glyphs, &openers);
        glyphs.iter().map(|g| g.ch).collect()
    }

    #[test]
    fn names_of_a_byline_are_kept_apart() {
        assert_eq!(separated("本报记者 江平 王金华 高志强"), "本报记者 江平、王金华、高志强");
        assert_eq!(separated("通讯员  孙丽   王晓红"), "通讯员  孙丽、  王晓红");
    }

    #[test]
    fn a_padded_two_character_name_stays_one() {
        assert_eq!(separated("记者 吴 桐 王金华"), "记者 吴 桐、王金华");
        assert_eq!(separated("记者 王金华 吴 桐"), "记者 王金华、吴 桐");
    }

    #[test]
    fn other_lines_are_left_alone() {
        let lines = [
            "记者会 今天 召开",
            "本报记者 刘洋报道",
            "记者 刘洋 2024年",
            "专 题 会 议",
            "本报记者 刘洋",
            "记 者 节 快 乐",
        ];
        for line in lines {
            assert_eq!(separated(line), line);
        }
    }
}
