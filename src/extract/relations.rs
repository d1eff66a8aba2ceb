//! Relations stated in a sentence: affiliation with role, partOf, locatedIn.
//! Each rule of relations.toml (sentence scope) is a regex over the
//! sentence's placeholder view; its groups must each be exactly one mention
//! of a fitting type.

use super::view::View;
use super::{EntityMention, RelationMention, Sentence};
use crate::model::{EntityType, RelationKind};
use crate::rules::{RelationRule, Rules};

/// `author` is the document's author so far: the last person named alone on
/// a line before this sentence (see [`author_line`]).
pub fn extract(
    rules: &Rules,
    s: &Sentence<'_>,
    view: &View,
    mentions: &[EntityMention],
    author: Option<usize>,
) -> Vec<RelationMention> {
    let mut out = Vec::new();
    let selected = rules.prefilters.relations.select(&view.text);
    for rule in selected.of(&rules.relation_rules).filter(|r| !r.name_scope) {
        for caps in rule.pattern.regex.captures_iter(&view.text) {
            let (subject_group, object_group) = match rule.kind {
                RelationKind::Affiliation => ("person", "org"),
                _ => ("subject", "object"),
            };
            let endpoint = |g: &str| caps.name(g).and_then(|m| view.mention_at(m.start(), m.end()));
            let subject = if rule.author_scope { author } else { endpoint(subject_group) };
            let (Some(subject), Some(object)) = (subject, endpoint(object_group)) else { continue };
            if !fits(rule, &mentions[subject], &mentions[object])
                || !confirmed(rules, rule, &mentions[subject], &mentions[object], s)
            {
                continue;
            }
            let whole = view.orig(caps.get(0).expect("group 0").range());
            let role = caps
                .name("role")
                .map(|r| view.orig(r.range()))
                .map(|r| s.text[r.start - s.offset..r.end - s.offset].to_string());
            out.push(RelationMention {
                kind: rule.kind,
                subject,
                object,
                role,
                start: whole.start,
                end: whole.end,
                sentence: s.index,
                rule: rule.pattern.rule.clone(),
            });
        }
    }
    out
}

/// The person a sentence names and nothing else (a name line under an
/// article's title, 王一鸣): such a person is the article's author.
pub fn author_line(s: &Sentence<'_>, mentions: &[EntityMention]) -> Option<usize> {
    let trimmed = s.text.trim();
    let start = s.offset + (s.text.len() - s.text.trim_start().len());
    super::view::mentions_within(mentions, start..start + trimmed.len())
        .find(|(_, m)| m.ty == EntityType::Person && !m.nested && m.start == start && m.len() == trimmed.len())
        .map(|(i, _)| i)
}

/// True for the rule ids of `scope = "author"` rules.
pub fn is_author_rule(rules: &Rules, rule: &crate::model::RuleRef) -> bool {
    rules.relation_rules.iter().any(|r| r.author_scope && r.pattern.rule == *rule)
}

/// The endpoint types each relation allows.
fn fits(rule: &RelationRule, subject: &EntityMention, object: &EntityMention) -> bool {
    use EntityType::*;
    match rule.kind {
        RelationKind::Affiliation => subject.ty == Person && matches!(object.ty, Organization | Place),
        RelationKind::PartOf => subject.ty == Organization && object.ty == Organization,
        RelationKind::LocatedIn => matches!(subject.ty, Place | Organization) && object.ty == Place,
    }
}

/// Rules with `require = "hierarchy"` keep a match only when the gazetteer
/// places the subject inside the object (广西柳州, not 广西深圳), or when the
/// subject is a place the lists do not hold, written right after a listed
/// one (南宁伶俐工业园区: the park lies in 南宁).
fn confirmed(
    rules: &Rules,
    rule: &RelationRule,
    subject: &EntityMention,
    object: &EntityMention,
    s: &Sentence<'_>,
) -> bool {
    if !rule.require_hierarchy {
        return true;
    }
    let name = |m: &EntityMention| {
        m.canonical.clone().unwrap_or_else(|| s.text[m.start - s.offset..m.end - s.offset].to_string())
    };
    let local = subject.ty == EntityType::Place && subject.canonical.is_none() && object.canonical.is_some();
    local || rules.gazetteer.is_within(&name(subject), &name(object))
}
