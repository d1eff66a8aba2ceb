//! Resolution: gives each mention its entity, named canonically.
//!
//! Input: an `Extraction` (mentions as byte ranges of the repaired text) and
//! the repaired text's map back to the source. Output: the document's
//! `DocFacts`, every fact pointing at an `EntityKey` and carrying its
//! provenance in source characters.
//!
//! A canonical name depends only on the rules and the document, never on
//! which other documents are in the run, so IRIs stay the same when a corpus
//! is split into shards: a listed form takes the gazetteer's canonical name
//! (深圳 → 深圳市, 国家发改委 → 国家发展和改革委员会); an organization written
//! in short and in full in one document (前海管理局, 深圳市前海管理局) takes
//! the full form. A name some rule marks `identity = "document"` (市委, 国会:
//! another body in each document) is keyed by its document too, wherever
//! in the document it occurs, so documents never share it.

use std::collections::BTreeSet;

use crate::extract::{EntityMention, Extraction};
use crate::model::{
    DocFacts, DocId, DocumentInfo, EntityKey, EntityType, Figure, Mention, Provenance, Quote, RelationFact, Span,
};
use crate::normalize::Repaired;

pub struct Resolver<'a> {
    text: &'a str,
    repaired: &'a Repaired,
    doc: &'a DocumentInfo,
    keys: Vec<EntityKey>,
}

impl<'a> Resolver<'a> {
    pub fn new(repaired: &'a Repaired, doc: &'a DocumentInfo, mentions: &[EntityMention]) -> Self {
        let text = repaired.text.as_str();
        let surfaces: Vec<&str> = mentions.iter().map(|m| &text[m.start..m.end]).collect();
        let names: Vec<String> =
            mentions.iter().zip(&surfaces).map(|(m, &surface)| canonical(m, surface, mentions, &surfaces)).collect();
        let keys = scoped_keys(mentions, names, &doc.id);
        Self { text, repaired, doc, keys }
    }

    pub fn resolve(self, x: Extraction) -> DocFacts {
        let mentions = x
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| Mention {
                entity: self.keys[i].clone(),
                surface: self.text[m.start..m.end].to_string(),
                prov: self.prov(m.sentence, m.start, m.end, &m.rule),
            })
            .collect();
        let relations = x
            .relations
            .iter()
            .filter(|r| self.keys[r.subject] != self.keys[r.object])
            .map(|r| RelationFact {
                kind: r.kind,
                subject: self.keys[r.subject].clone(),
                object: self.keys[r.object].clone(),
                role: r.role.clone(),
                prov: self.prov(r.sentence, r.start, r.end, &r.rule),
            })
            .collect();
        let figures = x
            .figures
            .iter()
            .map(|f| Figure {
                text: f.text.clone(),
                value: f.value,
                unit: f.unit.clone(),
                qualifier: f.qualifier.clone(),
                measure: f.measure.clone(),
                subject: f.subject.map(|i| self.keys[i].clone()),
                period: f.period.clone(),
                prov: self.prov(f.sentence, f.start, f.end, &f.rule),
            })
            .collect();
        let quotes = x
            .quotes
            .iter()
            .map(|q| Quote {
                speaker: self.keys[q.speaker].clone(),
                text: q.text.clone(),
                direct: q.direct,
                prov: self.prov(q.sentence, q.start, q.end, &q.rule),
            })
            .collect();
        DocFacts { doc: self.doc.clone(), mentions, relations, figures, quotes }
    }

    fn prov(&self, sentence: usize, start: usize, end: usize, rule: &crate::model::RuleRef) -> Provenance {
        let span: Span = self.repaired.source_span(start..end);
        Provenance { doc: self.doc.id.clone(), sentence, span, rule: rule.clone() }
    }
}

/// The entity keys of `mentions` with their canonical `names`: a name that a
/// document-scoped rule found anywhere in the document is the document's own
/// at every mention (the document-consistency rule finds it again elsewhere).
fn scoped_keys(mentions: &[EntityMention], names: Vec<String>, doc: &DocId) -> Vec<EntityKey> {
    let scoped: BTreeSet<(EntityType, &str)> =
        mentions.iter().zip(&names).filter(|(m, _)| m.document_scoped).map(|(m, name)| (m.ty, name.as_str())).collect();
    let keys = mentions.iter().zip(&names).map(|(m, name)| {
        if scoped.contains(&(m.ty, name.as_str())) {
            EntityKey::in_document(m.ty, name.clone(), doc.clone())
        } else {
            EntityKey::new(m.ty, name.clone())
        }
    });
    keys.collect()
}

/// The canonical name of one mention (see the module docs).
fn canonical(m: &EntityMention, surface: &str, mentions: &[EntityMention], surfaces: &[&str]) -> String {
    if let Some(c) = &m.canonical {
        return c.clone();
    }
    if m.ty != EntityType::Organization {
        return surface.to_string();
    }
    mentions
        .iter()
        .zip(surfaces)
        .filter(|(o, s)| o.ty == EntityType::Organization && s.len() > surface.len() && s.ends_with(surface))
        .map(|(_, s)| *s)
        .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)))
        .unwrap_or(surface)
        .to_string()
}
