//! Statistical figures: number + unit, with qualifier, measure, subject and
//! period. Rules of figures.toml are regexes over the sentence view with the
//! groups `number` and `unit` (and optionally `qualifier`, `text`,
//! `measure`); what a rule leaves out is read from the sentence around it:
//! the measure from the words after a classifier (835项制度创新成果) or the
//! clause before the number (增加值同比增长10%), the subject from the nearest
//! place or organization before it, the period from the period patterns.

use super::view::View;
use super::{numbers, EntityMention, FigureMention, Sentence};
use crate::model::EntityType;
use crate::rules::Rules;

pub fn extract(rules: &Rules, s: &Sentence<'_>, view: &View, mentions: &[EntityMention], text: &str) -> Vec<FigureMention> {
    let mut out: Vec<FigureMention> = Vec::new();
    for rule in &rules.figure_rules.figures {
        for caps in rule.regex.captures_iter(&view.text) {
            let group = |name: &str| caps.name(name).map(|g| view.orig(g.range()));
            let (Some(number), Some(unit)) = (group("number"), group("unit")) else { continue };
            let Some(value) = numbers::parse_number(&text[number.clone()]) else { continue };
            let span = group("text").unwrap_or(number.start..unit.end);
            if out.iter().any(|f| f.start < span.end && span.start < f.end) {
                continue;
            }
            let qualifier = group("qualifier").map(|q| text[q].to_string()).filter(|q| !q.is_empty());
            let unit_text = text[unit.clone()].to_string();
            let clause = clause_around(text, s, span.start, span.end);
            let measure_before_end = group("qualifier").map_or(span.start, |q| q.start.min(span.start));
            let measure = group("measure")
                .map(|m| text[m].to_string())
                .or_else(|| measure_after(rules, s, &unit_text, unit.end, clause.end))
                .or_else(|| measure_before(mentions, text, clause.start, measure_before_end));
            out.push(FigureMention {
                text: text[span.clone()].to_string(),
                value,
                unit: unit_text,
                qualifier,
                measure,
                subject: subject_before(mentions, s, span.start),
                period: period(rules, s),
                start: span.start,
                end: span.end,
                sentence: s.index,
                rule: rule.rule.clone(),
            });
        }
    }
    out
}

/// Bytes of the clause (between ，；：。 marks) that holds `start..end`.
fn clause_around(text: &str, s: &Sentence<'_>, start: usize, end: usize) -> std::ops::Range<usize> {
    let sentence_end = s.offset + s.text.len();
    let is_mark = |c: char| "，,；;：:。！？、（）()".contains(c);
    let from = text[s.offset..start].rfind(is_mark).map_or(s.offset, |i| {
        s.offset + i + text[s.offset + i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..sentence_end].find(is_mark).map_or(sentence_end, |i| end + i);
    from..to
}

/// After a classifier the counted thing often follows: 835项制度创新成果.
fn measure_after(rules: &Rules, s: &Sentence<'_>, unit: &str, from: usize, clause_end: usize) -> Option<String> {
    let base_unit = unit.trim_start_matches(['万', '亿', '千', '百']);
    let kind = rules.lexicons.units.get(base_unit).map(String::as_str);
    if !matches!(kind, Some("count")) {
        return None;
    }
    let mut end = from;
    for tok in s.tokens.iter().filter(|t| s.offset + t.start >= from && s.offset + t.end <= clause_end) {
        let nouny = matches!(tok.tag, "n" | "vn" | "nz" | "nt" | "ns" | "j" | "an" | "l" | "ng" | "b");
        if s.offset + tok.start != end || !nouny {
            break;
        }
        end = s.offset + tok.end;
    }
    let words = &s.text[from - s.offset..end - s.offset];
    (words.chars().count() >= 2).then(|| words.to_string())
}

/// Before a percentage or amount, the clause says what grew: the words from
/// the clause start (after any leading entity) up to the number, without a
/// trailing linking verb.
fn measure_before(mentions: &[EntityMention], text: &str, clause_start: usize, number_start: usize) -> Option<String> {
    let mut from = clause_start;
    if let Some(m) = mentions.iter().find(|m| !m.nested && m.start == clause_start && m.end <= number_start) {
        from = m.end;
    }
    let words = text[from..number_start].trim_end_matches(['为', '达', '是', '了', '至', '到', '约', '近', '超']);
    let n = words.chars().count();
    (2..=24).contains(&n).then(|| words.to_string())
}

/// The nearest place or organization named before the figure in its sentence.
fn subject_before(mentions: &[EntityMention], s: &Sentence<'_>, at: usize) -> Option<usize> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.nested && m.sentence == s.index && m.end <= at)
        .filter(|(_, m)| matches!(m.ty, EntityType::Place | EntityType::Organization))
        .map(|(i, _)| i)
        .last()
}

/// The first period the sentence gives (2023年, 今年前4个月).
fn period(rules: &Rules, s: &Sentence<'_>) -> Option<String> {
    rules
        .figure_rules
        .periods
        .iter()
        .filter_map(|p| p.regex.find(s.text))
        .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
        .map(|m| m.as_str().to_string())
}

/// A figure whose sentence names no place or organization is about the
/// document's topic place: the place mentioned most often.
pub fn fill_default_subject(figures: &mut [FigureMention], mentions: &[EntityMention]) {
    let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.ty == EntityType::Place && !m.nested) {
        let key = m.canonical.as_deref().unwrap_or("");
        let e = counts.entry(key).or_insert((0, i));
        e.0 += 1;
    }
    let topic = counts.into_iter().filter(|(k, _)| !k.is_empty()).max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)));
    if let Some((_, (_, index))) = topic {
        figures.iter_mut().filter(|f| f.subject.is_none()).for_each(|f| f.subject = Some(index));
    }
}

#[cfg(test)]
mod debug_dump {
    #[test]
    #[ignore]
    fn dump_tokens() {
        let rules = crate::rules::Rules::load(std::path::Path::new("rules")).unwrap();
        let seg = crate::segment::Segmenter::new(&rules);
        let path = std::env::var("DUMP").unwrap();
        let src = std::fs::read_to_string(path).unwrap();
        let norm = crate::normalize::Normalizer::new(rules.furniture.clone());
        let rep = norm.repair(&src);
        for r in rep.sentences() {
            let s = &rep.text[r];
            if !s.chars().any(|c| c.is_ascii_digit() || "成倍".contains(c)) { continue; }
            let toks = seg.tag(s);
            let line: Vec<String> = toks.iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
            eprintln!("{}\n", line.join(" "));
        }
    }
}
