//! Repairs inside a paragraph: spaces and half-width punctuation.
//!
//! OCR letter-spaces Chinese (`增 加 值 同 比 增 长 19.7%`), so a space goes
//! unless both its neighbours are Latin-script text (`AI for science`); a
//! line break inside a paragraph is judged the same way, except that it
//! never separates two digits (a number wrapped across lines). Half-width
//! `, : ; ? ! ( )` written in Chinese text become `，：；？！（）` so that
//! extraction rules see one form.

use super::glyph::{is_cjk_context, is_han, is_latinish, Glyph};

pub(crate) fn tidy(glyphs: &mut Vec<Glyph>) {
    squeeze_spaces(glyphs);
    fold_punctuation(glyphs);
    fold_parentheses(glyphs);
}

/// Keeps one space between two Latin-script characters and drops every other
/// whitespace glyph, including the `\n` glyphs of joined lines.
fn squeeze_spaces(glyphs: &mut Vec<Glyph>) {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut gap: Option<(Glyph, bool)> = None; // first glyph, crosses a line
    for &g in glyphs.iter() {
        if g.ch.is_whitespace() {
            let (first, wrapped) = gap.unwrap_or((g, false));
            gap = Some((first, wrapped || g.ch == '\n'));
            continue;
        }
        if let (Some((first, wrapped)), Some(prev)) = (gap.take(), out.last()) {
            if keeps_space(prev, &g, wrapped) {
                out.push(Glyph::new(' ', first.src));
            }
        }
        out.push(g);
    }
    *glyphs = out;
}

fn keeps_space(prev: &Glyph, next: &Glyph, wrapped: bool) -> bool {
    let digits = prev.ch.is_ascii_digit() && next.ch.is_ascii_digit();
    is_latinish(prev.ch) && is_latinish(next.ch) && !(wrapped && digits)
}

/// `, : ; ? !` next to Chinese text become full-width. Between two digits
/// they stay (`10,668`, `10:30`).
fn fold_punctuation(glyphs: &mut [Glyph]) {
    for i in 0..glyphs.len() {
        let Some(full) = full_width_of(glyphs[i].ch) else { continue };
        let prev = i.checked_sub(1).map(|p| glyphs[p].ch);
        let next = glyphs.get(i + 1).map(|g| g.ch);
        let cjk = prev.is_some_and(is_cjk_context) || next.is_some_and(is_cjk_context);
        let digits = prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit());
        if cjk && !digits {
            glyphs[i].ch = full;
        }
    }
}

fn full_width_of(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        ':' => Some('：'),
        ';' => Some('；'),
        '?' => Some('？'),
        '!' => Some('！'),
        _ => None,
    }
}

/// A pair of half-width parentheses becomes full-width when it encloses
/// Chinese (`中央党校(国家行政学院)`) and stays when it encloses only Latin
/// text (`(AI for science)`); an unpaired one follows its neighbours.
fn fold_parentheses(glyphs: &mut [Glyph]) {
    let mut han_before = Vec::with_capacity(glyphs.len() + 1);
    han_before.push(0usize);
    for g in glyphs.iter() {
        han_before.push(han_before.last().copied().unwrap_or(0) + usize::from(is_han(g.ch)));
    }
    let mut open: Vec<usize> = Vec::new();
    let mut unpaired: Vec<usize> = Vec::new();
    for i in 0..glyphs.len() {
        match glyphs[i].ch {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(o) if han_before[i] > han_before[o] => {
                    glyphs[o].ch = '（';
                    glyphs[i].ch = '）';
                }
                Some(_) => {}
                None => unpaired.push(i),
            },
            _ => {}
        }
    }
    for i in unpaired.into_iter().chain(open) {
        let prev = i.checked_sub(1).map(|p| glyphs[p].ch);
        let next = glyphs.get(i + 1).map(|g| g.ch);
        if prev.is_some_and(is_cjk_context) || next.is_some_and(is_cjk_context) {
            glyphs[i].ch = if glyphs[i].ch == '(' { '（' } else { '）' };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidied(text: &str) -> String {
        let mut glyphs: Vec<Glyph> = text.chars().enumerate().map(|(i, c)| Glyph::new(c, i)).collect();
        tidy(&mut glyphs);
        glyphs.iter().map(|g| g.ch).collect()
    }

    #[test]
    fn spaces_in_chinese_go() {
        // Seed 000, lines 6 and 16.
        assert_eq!(tidied("增 加 值 同 比 增 长 19.7% …… 最 新"), "增加值同比增长19.7%……最新");
        assert_eq!(tidied("新 华 社 24 日 推 出“ 中 国 经 济"), "新华社24日推出“中国经济");
        assert_eq!(tidied("新动能。 （新华社北京6月24日电）"), "新动能。（新华社北京6月24日电）");
    }

    #[test]
    fn spaces_in_latin_text_stay() {
        // Seed 000, line 126.
        assert_eq!(tidied("学研究”（AI for science）科研"), "学研究”（AI for science）科研");
        assert_eq!(tidied("AI for\nscience"), "AI for science");
    }

    #[test]
    fn a_number_wrapped_across_lines_is_rejoined() {
        assert_eq!(tidied("注册总资本金达106\n68亿元"), "注册总资本金达10668亿元");
        assert_eq!(tidied("共 2023 2024 两年"), "共2023 2024两年");
    }

    #[test]
    fn half_width_punctuation_in_chinese_folds() {
        // Seed 002, line 9; seed 003, lines 25-26 and 50.
        assert_eq!(tidied("总的来看,新质生产力"), "总的来看，新质生产力");
        assert_eq!(tidied("主持人: 刘 迪 本报记者"), "主持人：刘迪本报记者");
        assert_eq!(tidied("中央党校(国家行政学院)中国式"), "中央党校（国家行政学院）中国式");
        assert_eq!(tidied("我们如何理解这一概念的深刻内涵?"), "我们如何理解这一概念的深刻内涵？");
        assert_eq!(tidied("资本金10,668亿元,同比"), "资本金10,668亿元，同比");
        assert_eq!(tidied("a (AI, for science) b"), "a (AI, for science) b");
        assert_eq!(tidied("(2024年)"), "（2024年）");
    }
}
