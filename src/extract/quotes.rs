//! Quotes: who said what. Rules of quotes.toml are regexes over the
//! placeholder view of a whole paragraph, because a quotation often ends one
//! sentence and its speaker opens the next (“……。”王锦侠介绍). The group
//! `speaker` is a person placeholder or a pronoun (他, 她), which refers to
//! the last person named before it.

use super::view::View;
use super::{EntityMention, QuoteMention, Sentence};
use crate::model::EntityType;
use crate::rules::{QuoteRule, Rules};

pub fn extract(rules: &Rules, text: &str, sentences: &[Sentence<'_>], mentions: &[EntityMention]) -> Vec<QuoteMention> {
    let mut out: Vec<QuoteMention> = Vec::new();
    for para in paragraphs(text, sentences) {
        let view = View::over(&text[para.clone()], para.start, mentions, |_, m| !m.nested);
        for rule in &rules.quote_rules {
            quotes_of_rule(rule, text, sentences, mentions, &view, &mut out);
        }
    }
    drop_continuations(&mut out);
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|a, b| a.start == b.start && a.speaker == b.speaker);
    out
}

fn quotes_of_rule(
    rule: &QuoteRule,
    text: &str,
    sentences: &[Sentence<'_>],
    mentions: &[EntityMention],
    view: &View,
    out: &mut Vec<QuoteMention>,
) {
    for caps in rule.pattern.regex.captures_iter(&view.text) {
        let speaker_group = caps.name("speaker").expect("checked at compile time");
        let speaker = match view.mention_at(speaker_group.start(), speaker_group.end()) {
            Some(i) if mentions[i].ty == EntityType::Person => Some(i),
            Some(_) => None,
            None => antecedent(mentions, view.orig(speaker_group.range()).start),
        };
        let Some(speaker) = speaker else { continue };
        let statement = view.orig(caps.name("statement").expect("checked at compile time").range());
        let words = text[statement.clone()].trim_matches(|c: char| c.is_whitespace() || "“”\"「」".contains(c));
        if words.chars().count() < 4 {
            continue;
        }
        let whole = view.orig(caps.get(0).expect("group 0").range());
        out.push(QuoteMention {
            speaker,
            text: words.to_string(),
            direct: rule.direct,
            start: statement.start,
            end: statement.end,
            sentence: sentence_at(sentences, whole.start),
            rule: rule.pattern.rule.clone(),
        });
    }
}

/// The last person mentioned before `at`: what 他 or 她 refers to.
fn antecedent(mentions: &[EntityMention], at: usize) -> Option<usize> {
    mentions.iter().enumerate().filter(|(_, m)| m.ty == EntityType::Person && !m.nested && m.end <= at).map(|(i, _)| i).last()
}

/// A direct quote followed by "X说，……" is one statement: the reported part
/// that continues it is not a second quote.
fn drop_continuations(quotes: &mut Vec<QuoteMention>) {
    let direct: Vec<(usize, usize)> = quotes.iter().filter(|q| q.direct).map(|q| (q.speaker, q.end)).collect();
    quotes.retain(|q| {
        q.direct || !direct.iter().any(|&(speaker, end)| speaker == q.speaker && end <= q.start && q.start - end <= 48)
    });
}

/// Byte ranges of paragraphs: runs of sentences with no line break between.
fn paragraphs(text: &str, sentences: &[Sentence<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for s in sentences {
        let (start, end) = (s.offset, s.offset + s.text.len());
        match out.last_mut() {
            Some(last) if !text[last.end..start].contains('\n') => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

pub(crate) fn sentence_at(sentences: &[Sentence<'_>], byte: usize) -> usize {
    let i = sentences.partition_point(|s| s.offset <= byte);
    sentences[i.saturating_sub(1)].index
}
