//! Source lines, read one by one: characters width-folded, invisible ones
//! dropped, page furniture blanked, Markdown markup stripped, and the facts
//! about each line that decide whether it continues the line before it.

use regex::Regex;

use super::glyph::{fold_width, is_invisible, is_latinish, Glyph};
use super::{bylines, doubling};

/// One source line after line-level repair.
#[derive(Debug, Default)]
pub(crate) struct Line {
    /// The content, trimmed and without markup; inner whitespace is kept for
    /// the space pass to judge.
    pub glyphs: Vec<Glyph>,
    /// Source index of the `\n` that ends the line; `None` for the last line.
    pub newline: Option<usize>,
    /// The line began with whitespace: PDF text blocks start that way.
    pub indented: bool,
    /// Markdown hard line break (two trailing spaces): the writer ended the
    /// line on purpose.
    pub hard_break: bool,
    /// A Markdown heading (`# …`).
    pub heading: bool,
    /// The line opens a block of its own: heading, list item, quote, bullet
    /// symbol (■ ▲) or a bold lead-in (`**编者按**`).
    pub opens_block: bool,
}

/// Sentence-final punctuation at a line end: the paragraph may end here.
fn is_final(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

/// Punctuation inside a line that marks it as running prose, not a heading.
/// `、` is missing on purpose: bylines list titles with it.
fn is_clause_punct(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '；' | ';' | '。' | '！' | '？' | '!' | '?')
}

/// Bullet symbols that PDF layouts put before captions and list items.
fn is_bullet_symbol(c: char) -> bool {
    matches!(c, '■' | '□' | '▲' | '△' | '●' | '○' | '◆' | '◇' | '★' | '☆' | '•' | '▶' | '►' | '※')
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// The line's width on the page in half-width columns, whatever
    /// letter-spacing the OCR added: Chinese characters take two columns,
    /// digits and Latin letters one, whitespace none.
    pub fn width(&self) -> usize {
        self.glyphs.iter().filter(|g| !g.ch.is_whitespace()).map(|g| if is_latinish(g.ch) { 1 } else { 2 }).sum()
    }

    fn first(&self) -> Option<char> {
        self.glyphs.first().map(|g| g.ch)
    }

    pub fn starts_with_dash(&self) -> bool {
        self.first() == Some('—')
    }

    pub fn ends_with_dash(&self) -> bool {
        self.glyphs.last().map(|g| g.ch) == Some('—')
    }

    pub fn has_clause_punct(&self) -> bool {
        self.glyphs.iter().any(|g| is_clause_punct(g.ch))
    }

    /// Whether the line ends a sentence: its last character, after closing
    /// quotes, is sentence-final. A closing parenthesis is looked through to
    /// its opener, so `新动能。 （新华社北京6月24日电）` and a line that is
    /// one parenthetical (`(作者为…)`) both end their paragraph.
    pub fn ends_final(&self) -> bool {
        let chars: Vec<char> = self.glyphs.iter().map(|g| g.ch).filter(|c| !c.is_whitespace()).collect();
        let mut end = chars.len();
        while end > 0 {
            match chars[end - 1] {
                ')' | '）' => match opener_before(&chars[..end]) {
                    Some(0) => return true,
                    Some(open) => end = open,
                    // Unbalanced: the line ends inside some other construct.
                    None => return false,
                },
                '”' | '’' | '」' | '』' | '》' | '"' => end -= 1,
                c => return is_final(c),
            }
        }
        false
    }
}

/// Index of the parenthesis that opens the one closing `chars`.
fn opener_before(chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits `source` into lines, blanking the ones a furniture pattern matches.
pub(crate) fn read(source: &str, furniture: &[Regex], byline_openers: &[String]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut raw = Vec::new();
    for (src, c) in source.chars().enumerate() {
        match c {
            '\n' => lines.push(finish(std::mem::take(&mut raw), Some(src), furniture, byline_openers)),
            // The `\r` of CRLF endings is skipped rather than folded to a
            // space, so that it cannot pass for a Markdown hard break.
            '\r' => {}
            c if is_invisible(c) => {}
            c => raw.push(Glyph::new(fold_width(c), src)),
        }
    }
    lines.push(finish(raw, None, furniture, byline_openers));
    lines
}

fn finish(raw: Vec<Glyph>, newline: Option<usize>, furniture: &[Regex], byline_openers: &[String]) -> Line {
    let blank = Line { newline, ..Line::default() };
    if is_furniture(&raw, furniture) {
        return blank;
    }
    let Some(first) = raw.iter().position(|g| !g.ch.is_whitespace()) else { return blank };
    let last = raw.iter().rposition(|g| !g.ch.is_whitespace()).unwrap_or(first);
    let trailing_spaces = raw.len() - 1 - last;
    let mut glyphs = raw;
    glyphs.truncate(last + 1);
    glyphs.drain(..first);
    bylines::separate_names(&mut glyphs, byline_openers);
    let mut line = Line { glyphs, newline, indented: first > 0, hard_break: trailing_spaces >= 2, ..Line::default() };
    strip_markup(&mut line);
    // Widths must be those of the printed line, which shows a bold run once.
    doubling::collapse(&mut line.glyphs);
    line
}

/// Furniture patterns see the line with all whitespace removed, so OCR
/// letter-spacing (`专 题2024年 3月 9日`) does not defeat them.
fn is_furniture(raw: &[Glyph], furniture: &[Regex]) -> bool {
    let squeezed: String = raw.iter().map(|g| g.ch).filter(|c| !c.is_whitespace()).collect();
    !squeezed.is_empty() && furniture.iter().any(|re| re.is_match(&squeezed))
}

/// Removes Markdown and layout markup, noting what kind of block the line
/// opens: leading `#`/`>`/`-`/bullet markers, and every `**` anywhere.
fn strip_markup(line: &mut Line) {
    let bold_lead = starts_with(&line.glyphs, "**");
    let marker = leading_marker(&line.glyphs);
    line.heading = marker == Some(Marker::Heading);
    line.opens_block = bold_lead || marker.is_some();
    let skip = marker.map_or(0, |m| m.len(&line.glyphs));
    line.glyphs.drain(..skip);
    if line.heading {
        // Closing hashes of `## title ##`.
        while line.glyphs.last().is_some_and(|g| g.ch == '#' || g.ch == ' ') {
            line.glyphs.pop();
        }
    }
    remove_bold_marks(&mut line.glyphs);
    trim(&mut line.glyphs);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Heading,
    Quote,
    Item,
}

impl Marker {
    /// Glyphs the marker takes at the start of the line, with its space.
    fn len(self, glyphs: &[Glyph]) -> usize {
        let body = glyphs.iter().take_while(|g| match self {
            Marker::Heading => g.ch == '#',
            Marker::Quote => g.ch == '>' || g.ch == ' ',
            Marker::Item => is_bullet_symbol(g.ch) || matches!(g.ch, '-' | '*' | '+'),
        });
        let n = body.count().min(glyphs.len());
        n + glyphs[n..].iter().take_while(|g| g.ch == ' ').count()
    }
}

fn leading_marker(glyphs: &[Glyph]) -> Option<Marker> {
    let first = glyphs.first()?.ch;
    let second = glyphs.get(1).map(|g| g.ch);
    let hashes = glyphs.iter().take_while(|g| g.ch == '#').count();
    if (1..=6).contains(&hashes) && glyphs.get(hashes).is_none_or(|g| g.ch == ' ') {
        Some(Marker::Heading)
    } else if first == '>' {
        Some(Marker::Quote)
    } else if (matches!(first, '-' | '*' | '+') && second == Some(' ')) || is_bullet_symbol(first) {
        Some(Marker::Item)
    } else {
        None
    }
}

fn starts_with(glyphs: &[Glyph], s: &str) -> bool {
    let n = s.chars().count();
    glyphs.len() >= n && glyphs.iter().zip(s.chars()).all(|(g, c)| g.ch == c)
}

/// Drops runs of two or more `*` (Markdown bold); a single `*` is text.
fn remove_bold_marks(glyphs: &mut Vec<Glyph>) {
    let stars: Vec<bool> = glyphs.iter().map(|g| g.ch == '*').collect();
    let mut i = 0;
    glyphs.retain(|_| {
        let in_run = stars[i] && ((i > 0 && stars[i - 1]) || stars.get(i + 1).copied().unwrap_or(false));
        i += 1;
        !in_run
    });
}

fn trim(glyphs: &mut Vec<Glyph>) {
    while glyphs.last().is_some_and(|g| g.ch.is_whitespace()) {
        glyphs.pop();
    }
    let lead = glyphs.iter().take_while(|g| g.ch.is_whitespace()).count();
    glyphs.drain(..lead);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        read(text, &[], &[]).remove(0)
    }

    fn content(l: &Line) -> String {
        l.glyphs.iter().map(|g| g.ch).collect()
    }

    #[test]
    fn markup_is_stripped_and_noted() {
        // Seed 002 and 003.
        let h = line("## 大力推进科技创新特别是原创性、颠覆性科技创新");
        assert!(h.heading && h.opens_block);
        assert_eq!(content(&h), "大力推进科技创新特别是原创性、颠覆性科技创新");
        let bold = line("**加强原创性、颠覆性科技创新。**原创性创新是科技创新的源头。");
        assert!(bold.opens_block && !bold.heading);
        assert_eq!(content(&bold), "加强原创性、颠覆性科技创新。原创性创新是科技创新的源头。");
        let bullet = line("■主持人: 刘 迪 本报记者  ");
        assert!(bullet.opens_block && bullet.hard_break);
        assert_eq!(content(&bullet), "主持人: 刘 迪 本报记者");
        assert_eq!(content(&line("> - 引文")), "- 引文");
        assert_eq!(content(&line("- 列表项")), "列表项");
    }

    #[test]
    fn a_hash_without_space_is_text() {
        let l = line("#话题#");
        assert!(!l.heading);
        assert_eq!(content(&l), "#话题#");
    }

    #[test]
    fn final_punctuation_looks_through_quotes_and_parentheses() {
        assert!(line("展机遇。”").ends_final());
        assert!(line("新动能。 （新华社北京6月24日电）").ends_final());
        assert!(line("(作者为中国国际经济交流中心副理事长)").ends_final());
        assert!(!line("者近日参加“高质量发展调研行”").ends_final());
        assert!(!line("中央党校(国家行政学院)中国式").ends_final());
        assert!(!line("发展、AI与农作物“对话”……记者近日随").ends_final());
    }

    #[test]
    fn crlf_is_not_a_hard_break() {
        let lines = read("第一行 \r\n第二行", &[], &[]);
        assert!(!lines[0].hard_break);
        assert_eq!(content(&lines[0]), "第一行");
    }

    #[test]
    fn indentation_is_noted() {
        let l = line(" 新 华 社 北 京 6 月 24 日 电");
        assert!(l.indented);
        assert_eq!(l.width(), 2 * 8 + 3);
    }
}
