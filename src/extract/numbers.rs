//! Numbers as written in Chinese text: Arabic digits with optional thousands
//! separators and decimals, or Chinese numerals (三, 十二, 二百五十, 一点五).

/// The value of a number as written, or `None` when it is not a number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.chars().next()?.is_ascii_digit() {
        return s.replace(',', "").parse().ok();
    }
    chinese(s)
}

fn digit(c: char) -> Option<u64> {
    "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u64).or(match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => None,
    })
}

fn chinese(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('点') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut value = chinese_integer(int)? as f64;
    if let Some(f) = frac {
        let digits: Option<String> = f.chars().map(|c| digit(c).map(|d| char::from(b'0' + d as u8))).collect();
        value += format!("0.{}", digits?).parse::<f64>().ok()?;
    }
    Some(value)
}

/// 二百五十 → 250, 十二 → 12, 三千零五 → 3005. Scales must fall (十百 is not
/// a number but two words run together, as in 十百千工程) and two digits may
/// not touch (二三 is a list or a range, not a number).
fn chinese_integer(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut current, mut last_scale) = (0u64, None::<u64>, u64::MAX);
    for c in s.chars() {
        if matches!(c, '零' | '〇') {
            continue;
        }
        if let Some(d) = digit(c) {
            if current.is_some() {
                return None;
            }
            current = Some(d);
            continue;
        }
        let scale = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        if scale >= last_scale {
            return None;
        }
        total += current.unwrap_or(1) * scale;
        (current, last_scale) = (None, scale);
    }
    Some(total + current.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn arabic_and_chinese_numbers() {
        assert_eq!(parse_number("835"), Some(835.0));
        assert_eq!(parse_number("5.5"), Some(5.5));
        assert_eq!(parse_number("10,668"), Some(10668.0));
        assert_eq!(parse_number("十二"), Some(12.0));
        assert_eq!(parse_number("二百五十"), Some(250.0));
        assert_eq!(parse_number("三千零五"), Some(3005.0));
        assert_eq!(parse_number("一点五"), Some(1.5));
        assert_eq!(parse_number("两"), Some(2.0));
        assert_eq!(parse_number("亿"), None);
        assert_eq!(parse_number("零"), Some(0.0));
    }

    #[test]
    fn run_together_numerals_are_not_numbers() {
        assert_eq!(parse_number("十百"), None);
        assert_eq!(parse_number("百千"), None);
        assert_eq!(parse_number("二三"), None);
        assert_eq!(parse_number("十二"), Some(12.0));
    }
}
