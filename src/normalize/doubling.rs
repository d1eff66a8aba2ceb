//! Runs printed twice, made single.
//!
//! Some PDFs draw bold text by printing it twice, and text extraction then
//! yields each run twice over (seed 001):
//! `山东省寿光市营里镇恒远光伏项目山东省寿光市营里镇恒远光伏项目，，可以实现可以实现““光伏发电光伏发电++…`.
//! Chinese also repeats words on purpose (`研究研究`, `仅仅`, `一步一步`), so
//! a repeat is only collapsed when it cannot be ordinary writing:
//!
//! - a run of at least `MIN_RUN` Han characters repeated immediately;
//! - doubled Chinese punctuation (`，，` `。。` `““`); `——` and `……` are
//!   single marks and never touched;
//! - a shorter repeat, when it is a whole Han run between non-Han characters
//!   (`可以实现可以实现`), or doubled `+` or parentheses, collapses only
//!   when it touches one of the above, or is one of three or more touching
//!   repeats: the renderer doubles whole stretches, not single words.
//!
//! The first copy is kept, so the map back to the source stays increasing.
//! Each position looks at most `MAX_RUN` characters ahead: the pass is linear.

use super::glyph::{is_han, Glyph};

/// Shortest Han run whose immediate repeat is taken for a rendering artefact.
const MIN_RUN: usize = 6;
/// Longest run checked for an immediate repeat.
const MAX_RUN: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Certainty {
    /// Never ordinary writing: collapse on its own.
    Sure,
    /// Could be ordinary writing: collapse only next to other repeats.
    Weak,
}

/// `chars[start..start + len]` equals the `len` characters after it.
#[derive(Debug, Clone, Copy)]
struct Repeat {
    start: usize,
    len: usize,
    certainty: Certainty,
}

impl Repeat {
    fn end(&self) -> usize {
        self.start + 2 * self.len
    }

    /// The second copy, which is dropped.
    fn copy(&self) -> std::ops::Range<usize> {
        self.start + self.len..self.end()
    }
}

pub(crate) fn collapse(glyphs: &mut Vec<Glyph>) {
    let chars: Vec<char> = glyphs.iter().map(|g| g.ch).collect();
    let repeats = find(&chars);
    let mut dropped = vec![false; chars.len()];
    for chain in chains(&repeats) {
        if collapses(chain) {
            for r in chain {
                dropped[r.copy()].fill(true);
            }
        }
    }
    let mut i = 0;
    glyphs.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
}

fn find(chars: &[char]) -> Vec<Repeat> {
    let run_end = han_run_ends(chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = if is_han(chars[i]) { han_repeat(chars, &run_end, i) } else { punct_repeat(chars, i) };
        match found {
            Some(r) => {
                i = r.end();
                out.push(r);
            }
            None => i += 1,
        }
    }
    out
}

/// For each position, where the Han run containing it ends.
fn han_run_ends(chars: &[char]) -> Vec<usize> {
    let mut ends = vec![0; chars.len()];
    let mut end = chars.len();
    for i in (0..chars.len()).rev() {
        if !is_han(chars[i]) {
            end = i;
        }
        ends[i] = end;
    }
    ends
}

fn han_repeat(chars: &[char], run_end: &[usize], i: usize) -> Option<Repeat> {
    let room = run_end[i] - i;
    let repeats = |len: usize| chars[i..i + len] == chars[i + len..i + 2 * len];
    let long = (MIN_RUN..=(room / 2).min(MAX_RUN)).find(|&len| chars[i + len] == chars[i] && repeats(len));
    if let Some(len) = long {
        return Some(Repeat { start: i, len, certainty: Certainty::Sure });
    }
    let whole_run = i == 0 || !is_han(chars[i - 1]);
    let short = whole_run && room % 2 == 0 && room / 2 < MIN_RUN && repeats(room / 2);
    short.then_some(Repeat { start: i, len: room / 2, certainty: Certainty::Weak })
}

fn punct_repeat(chars: &[char], i: usize) -> Option<Repeat> {
    let c = chars[i];
    let certainty = punct_certainty(c)?;
    let exactly_two = chars.get(i + 1) == Some(&c) && chars.get(i + 2) != Some(&c) && (i == 0 || chars[i - 1] != c);
    exactly_two.then_some(Repeat { start: i, len: 1, certainty })
}

fn punct_certainty(c: char) -> Option<Certainty> {
    match c {
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '“' | '”' | '‘' | '’' | '《' | '》' | '〈' | '〉' | '「'
        | '」' | '『' | '』' | '【' | '】' => Some(Certainty::Sure),
        // `C++`, `((1))`, `!!` are ordinary outside a doubled stretch.
        '+' | '(' | ')' | '（' | '）' | ',' | ';' | ':' | '?' | '!' => Some(Certainty::Weak),
        _ => None,
    }
}

/// Groups repeats that touch (one ends where the next starts).
fn chains(repeats: &[Repeat]) -> impl Iterator<Item = &[Repeat]> {
    repeats.chunk_by(|a, b| a.end() == b.start)
}

fn collapses(chain: &[Repeat]) -> bool {
    chain.len() >= 3 || chain.iter().any(|r| r.certainty == Certainty::Sure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapsed(text: &str) -> String {
        let mut glyphs: Vec<Glyph> = text.chars().enumerate().map(|(i, c)| Glyph::new(c, i)).collect();
        collapse(&mut glyphs);
        glyphs.iter().map(|g| g.ch).collect()
    }

    #[test]
    fn bold_runs_printed_twice_collapse() {
        // Seed 001, lines 7, 327-328 and 330.
        assert_eq!(
            collapsed("为高质量发展注入强劲推动力支撑力为高质量发展注入强劲推动力支撑力"),
            "为高质量发展注入强劲推动力支撑力"
        );
        assert_eq!(
            collapsed("在位于浙江省湖州市长兴经济技术开发区的长兴地通汽车部件有限公司在位于浙江省湖州市长兴经济技术开发区的长兴地通汽车部件有限公司，，"),
            "在位于浙江省湖州市长兴经济技术开发区的长兴地通汽车部件有限公司，"
        );
        assert_eq!(
            collapsed("山东省寿光市营里镇恒远光伏项目山东省寿光市营里镇恒远光伏项目，，可以实现可以实现““光伏发电光伏发电++新型储能新型储能++盐业制卤盐业制卤++水产养殖水产养殖””等项目融合开发等项目融合开发。。"),
            "山东省寿光市营里镇恒远光伏项目，可以实现“光伏发电+新型储能+盐业制卤+水产养殖”等项目融合开发。"
        );
    }

    #[test]
    fn ordinary_repeats_stay() {
        // Seed 000, lines 19 and 193 (`院 院 长`, `仅 仅 是`), seed 002 line 63.
        for text in [
            "研究院院长",
            "仅仅是依靠科技创新",
            "对群众关心的事情事事关心、时时关心",
            "研究研究",
            "，一步一步，",
            "C++语言",
            "——来自",
            "……",
        ] {
            assert_eq!(collapsed(text), text);
        }
    }

    #[test]
    fn lone_doubled_punctuation_collapses() {
        assert_eq!(collapsed("增长，，同比"), "增长，同比");
        assert_eq!(collapsed("增长。。"), "增长。");
    }

    #[test]
    fn runs_longer_than_the_window_are_left_alone() {
        let run: String = (0..70).filter_map(|k| char::from_u32(0x4E00 + 37 * k)).collect();
        let doubled = format!("{run}{run}");
        assert_eq!(collapsed(&doubled), doubled);
    }
}
