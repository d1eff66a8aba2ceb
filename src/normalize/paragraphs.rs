//! Rejoins lines into paragraphs.
//!
//! PDF and OCR output breaks lines wherever the column ended, mid-sentence
//! and mid-word (`刘` / `冬 梅`), and page or column breaks leave blank lines
//! in the middle of a sentence (`科技企业5.5万` / `` / `家，其中`). So a blank
//! line alone does not end a paragraph; the text does. The next non-blank
//! line continues a line unless one of these says otherwise:
//!
//! - the line ends a sentence (`。！？!?；`, looking through closing quotes
//!   and a closing parenthetical) or ends with a dash lead-in
//!   (`加大创新力度——`); a colon or `……` does not end it, as in the seeds the
//!   text after them belongs to the same sentence;
//! - the line is a Markdown heading or ends in a Markdown hard break;
//! - the next line opens a block: heading, list item, quote, bullet symbol,
//!   bold lead-in, or indentation (PDF text blocks start indented);
//! - across a blank line, either line starts with `——` (a subtitle such as
//!   `——来自中国经济圆桌会的观察`);
//! - the line looks like a heading: no clause punctuation (`，：；。`) and at most half
//!   as wide as the widest of its neighbours (three non-blank lines each
//!   side), so `王一鸣` under a title or `记者手记` stays alone while a short
//!   wrapped line in a narrow column does not;
//! - the next line looks like a heading and a blank line follows it (`观点`
//!   under a photo caption), unless this line fills its column: then the
//!   short line is the tail of a wrapped paragraph (`新型工业` /
//!   `化的蓝图也日益清晰——`).

use super::glyph::Glyph;
use super::lines::Line;

/// How many non-blank lines on each side give a line its column width.
const WIDTH_WINDOW: usize = 3;
/// A line at least this share of its column width (in percent) fills it.
const FULL_PERCENT: usize = 75;

/// One paragraph: glyphs of its lines, with the `\n` glyph between two joined
/// lines kept for the space pass to judge.
#[derive(Debug)]
pub(crate) struct Paragraph {
    pub glyphs: Vec<Glyph>,
    /// Source index of the line break after the paragraph, if any.
    pub newline: Option<usize>,
}

/// A non-blank line seen with its neighbourhood.
struct View<'a> {
    line: &'a Line,
    /// Widest neighbour, in columns.
    column: usize,
    blank_before: bool,
    blank_after: bool,
}

impl View<'_> {
    fn looks_like_heading(&self) -> bool {
        let l = self.line;
        !l.ends_final() && !l.has_clause_punct() && l.width() * 2 <= self.column
    }

    fn fills_column(&self) -> bool {
        self.line.width() * 100 >= self.column * FULL_PERCENT
    }
}

pub(crate) fn assemble(lines: &[Line]) -> Vec<Paragraph> {
    let views = views(lines);
    let mut out: Vec<Paragraph> = Vec::new();
    for (k, view) in views.iter().enumerate() {
        let glyphs = &view.line.glyphs;
        match (k.checked_sub(1).map(|p| &views[p]), out.last_mut()) {
            (Some(prev), Some(para)) if continues(prev, view) => {
                if let Some(nl) = prev.line.newline {
                    para.glyphs.push(Glyph::new('\n', nl));
                }
                para.glyphs.extend_from_slice(glyphs);
                para.newline = view.line.newline;
            }
            _ => out.push(Paragraph { glyphs: glyphs.clone(), newline: view.line.newline }),
        }
    }
    out
}

fn views(lines: &[Line]) -> Vec<View<'_>> {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    let widths: Vec<usize> = kept.iter().map(|&i| lines[i].width()).collect();
    kept.iter()
        .enumerate()
        .map(|(k, &i)| View {
            line: &lines[i],
            column: neighbour_width(&widths, k),
            blank_before: k > 0 && kept[k - 1] + 1 < i,
            blank_after: kept.get(k + 1).is_none_or(|&next| next > i + 1),
        })
        .collect()
}

fn neighbour_width(widths: &[usize], k: usize) -> usize {
    let lo = k.saturating_sub(WIDTH_WINDOW);
    let hi = (k + WIDTH_WINDOW + 1).min(widths.len());
    (lo..hi).filter(|&j| j != k).map(|j| widths[j]).max().unwrap_or(0)
}

/// Whether line `b` continues the sentence of line `a` before it.
fn continues(a: &View, b: &View) -> bool {
    let (al, bl) = (a.line, b.line);
    if al.ends_final() || al.ends_with_dash() || al.heading || al.hard_break {
        return false;
    }
    if bl.opens_block || bl.indented {
        return false;
    }
    if b.blank_before && (al.starts_with_dash() || bl.starts_with_dash()) {
        return false;
    }
    if a.looks_like_heading() || (b.blank_after && b.looks_like_heading() && !a.fills_column()) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::lines::read;
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        assemble(&read(text, &[], &[])).iter().map(|p| p.glyphs.iter().map(|g| g.ch).collect()).collect()
    }

    #[test]
    fn wrapped_lines_join_across_blank_lines() {
        // Seed 000, lines 52-57.
        let text =
            "发展新质生产力，关键在人。\n黄汉权认为，科技的源头是人才，要推动科技、教\n\n育、人才的一体化改革。\n";
        assert_eq!(
            paragraphs(text),
            ["发展新质生产力，关键在人。", "黄汉权认为，科技的源头是人才，要推动科技、教\n育、人才的一体化改革。"]
        );
    }

    #[test]
    fn dash_lead_in_and_subtitle_stand_alone() {
        // Seed 001, lines 7-11 and 36-39.
        let text = "为高质量发展注入强劲推动力支撑力\n——从全国两会看发展新质生产力\n\n今天的中国，正向“新”而行、向“新”而\n进。\n\n加大创新力度——\n位于广东东莞的中国散裂中子源，犹\n\n如超级显微镜。";
        assert_eq!(
            paragraphs(text),
            [
                "为高质量发展注入强劲推动力支撑力\n——从全国两会看发展新质生产力",
                "今天的中国，正向“新”而行、向“新”而\n进。",
                "加大创新力度——",
                "位于广东东莞的中国散裂中子源，犹\n如超级显微镜。",
            ]
        );
    }

    #[test]
    fn short_heading_lines_stand_alone() {
        // Seed 004, lines 5-9, one paragraph per line.
        let text = "新质生产力的“点线面体”\n\n本报记者 江迪 王金晶 高志民\n\n“新质生产力”——2023年9月，习近平总书记到黑龙江考察期间首次提出这一重要论断。\n\n2023年12月中央经济工作会议上，习近平总书记深刻阐释：“深化供给侧结构性改革，核心是以科技创新推动产业创新。”";
        let p = paragraphs(text);
        assert_eq!(p[0], "新质生产力的“点线面体”");
        assert_eq!(p[1], "本报记者 江迪 王金晶 高志民");
        assert_eq!(p.len(), 4);
    }
}
