//! Corpus totals: what the corpus-wide outputs need that no single document has.
//!
//! Input: `KnowledgeGraph`s, one per document as the exporter streams them
//! (or one for many documents). Output: per entity, its aliases, mentions,
//! documents and the document-level edges that touch it; per relation, the
//! number of sentences that state it. Totals grow with the vocabulary, not
//! with the corpus, so a run over an archive holds them and nothing else.
//! Adding graphs is commutative: totals of shards `merge` into the totals of
//! the whole corpus.

use std::collections::{BTreeMap, BTreeSet};

use super::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityKey, RelationKind};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub entities: BTreeMap<EntityKey, EntityTotal>,
    /// Relation edges, with the number of distinct sentences behind each.
    pub relations: BTreeMap<RelationKey, usize>,
    pub documents: usize,
    pub figures: usize,
    pub quotes: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityTotal {
    /// Every written form other than the canonical name.
    pub aliases: BTreeSet<String>,
    pub mentions: usize,
    pub documents: usize,
    /// Edges from documents, figures and quotes (mentions, about, spokenBy).
    pub doc_edges: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RelationKey {
    pub subject: EntityKey,
    pub kind: RelationKind,
    pub object: EntityKey,
    pub role: Option<String>,
}

impl Totals {
    /// Totals of one graph.
    pub fn of(kg: &KnowledgeGraph) -> Self {
        let mut totals = Totals::default();
        totals.add(kg);
        totals
    }

    /// Adds a graph of documents not added before.
    pub fn add(&mut self, kg: &KnowledgeGraph) {
        for e in kg.entities() {
            let total = self.entities.entry(e.key.clone()).or_default();
            total.mentions += e.mention_count;
            total.aliases.extend(e.aliases.iter().cloned());
        }
        for (_, source, target, edge) in kg.edges() {
            match (edge, &kg.graph[source], &kg.graph[target]) {
                (Edge::Relation { kind, role, .. }, Node::Entity(s), Node::Entity(o)) => {
                    let key =
                        RelationKey { subject: s.key.clone(), kind: *kind, object: o.key.clone(), role: role.clone() };
                    *self.relations.entry(key).or_default() += edge.weight();
                }
                (_, _, Node::Entity(e)) => {
                    let total = self.entities.get_mut(&e.key).expect("every entity node was counted above");
                    total.doc_edges += 1;
                    total.documents += usize::from(matches!(edge, Edge::Mentions(_)));
                }
                _ => {}
            }
        }
        for node in kg.graph.node_weights() {
            match node {
                Node::Document(_) => self.documents += 1,
                Node::Figure(_) => self.figures += 1,
                Node::Quote(_) => self.quotes += 1,
                Node::Entity(_) => {}
            }
        }
    }

    /// Adds the totals of other documents (another shard, another batch).
    pub fn merge(&mut self, other: Totals) {
        for (key, t) in other.entities {
            let total = self.entities.entry(key).or_default();
            total.aliases.extend(t.aliases);
            total.mentions += t.mentions;
            total.documents += t.documents;
            total.doc_edges += t.doc_edges;
        }
        for (key, weight) in other.relations {
            *self.relations.entry(key).or_default() += weight;
        }
        self.documents += other.documents;
        self.figures += other.figures;
        self.quotes += other.quotes;
    }

    /// Edges touching each entity in the whole graph, relations included
    /// (a relation of an entity with itself counts twice, as petgraph does).
    pub fn degrees(&self) -> BTreeMap<&EntityKey, usize> {
        let mut degrees: BTreeMap<&EntityKey, usize> =
            self.entities.iter().map(|(key, t)| (key, t.doc_edges)).collect();
        for r in self.relations.keys() {
            for key in [&r.subject, &r.object] {
                *degrees.entry(key).or_default() += 1;
            }
        }
        degrees
    }

    /// Relation edges per kind, for summaries.
    pub fn relations_by_kind(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for r in self.relations.keys() {
            *counts.entry(r.kind.as_str()).or_default() += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::model::EntityType;

    /// Streaming adds one document at a time: the totals must be those of
    /// the graph of all documents, or GraphML degrees and CSV counts change.
    #[test]
    fn per_document_totals_sum_to_the_whole_graph() {
        let whole = Totals::of(&KnowledgeGraph::build(fixture::docs()));
        let mut streamed = Totals::default();
        for doc in fixture::docs() {
            streamed.merge(Totals::of(&KnowledgeGraph::build(vec![doc])));
        }
        assert_eq!(streamed, whole);
    }

    #[test]
    fn degrees_match_the_whole_graph() {
        let kg = KnowledgeGraph::build(fixture::docs());
        let totals = Totals::of(&kg);
        let degrees = totals.degrees();
        for (key, &ix) in &kg.entities {
            assert_eq!(degrees[key], kg.degree(ix), "{key}");
        }
        let person = EntityKey::new(EntityType::Person, "王锦侠");
        assert_eq!(totals.entities[&person].documents, 2);
    }
}
