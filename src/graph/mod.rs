//! The knowledge graph: a petgraph `DiGraph` of documents, entities, figures and
//! quotes, with mentions and relations as edges.
//!
//! Input: the `DocFacts` of every document (any order). Output: a
//! `KnowledgeGraph` whose node and edge order depends only on the facts, not on
//! the order documents were processed in, so exports are byte-identical.
//! Every node and edge keeps the `Provenance` of each fact that supports it.

mod totals;

pub use totals::{EntityTotal, RelationKey, Totals};

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{DocFacts, DocId, DocumentInfo, EntityKey, Figure, Mention, Provenance, Quote, RelationKind};

/// A node of the graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Document(DocumentInfo),
    Entity(EntityNode),
    Figure(Figure),
    Quote(Quote),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityNode {
    pub key: EntityKey,
    /// Every written form other than the canonical name.
    pub aliases: BTreeSet<String>,
    /// Number of mentions across all documents.
    pub mention_count: usize,
}

/// An edge of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// Document → Entity: every mention of the entity in that document.
    Mentions(Vec<Mention>),
    /// Entity → Entity, supported by one provenance per sentence that says it.
    Relation { kind: RelationKind, role: Option<String>, support: Vec<Provenance> },
    /// Figure → Entity it is about.
    About(Provenance),
    /// Quote → Person who said it.
    SpokenBy(Provenance),
    /// Document → Figure or Quote found in it.
    Contains(Provenance),
}

impl Edge {
    /// The relation name shown in GraphML and CSV.
    pub fn label(&self) -> &'static str {
        match self {
            Edge::Mentions(_) => "mentions",
            Edge::Relation { kind, .. } => kind.as_str(),
            Edge::About(_) => "about",
            Edge::SpokenBy(_) => "spokenBy",
            Edge::Contains(_) => "contains",
        }
    }

    /// Every provenance behind the edge.
    pub fn provenance(&self) -> Vec<&Provenance> {
        match self {
            Edge::Mentions(ms) => ms.iter().map(|m| &m.prov).collect(),
            Edge::Relation { support, .. } => support.iter().collect(),
            Edge::About(p) | Edge::SpokenBy(p) | Edge::Contains(p) => vec![p],
        }
    }

    /// Number of distinct sentences that support the edge.
    pub fn weight(&self) -> usize {
        let sentences: BTreeSet<_> = self.provenance().iter().map(|p| (&p.doc, p.sentence)).collect();
        sentences.len()
    }
}

#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    documents: BTreeMap<DocId, NodeIndex>,
    entities: BTreeMap<EntityKey, NodeIndex>,
}

impl KnowledgeGraph {
    /// Builds the graph from every document's facts.
    pub fn build(mut docs: Vec<DocFacts>) -> Self {
        docs.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        let mut kg = KnowledgeGraph::default();
        for d in &docs {
            let ix = kg.graph.add_node(Node::Document(d.doc.clone()));
            kg.documents.insert(d.doc.id.clone(), ix);
        }
        kg.add_entities(&docs);
        for d in &docs {
            kg.add_mentions(d);
        }
        kg.add_relations(&docs);
        for d in &docs {
            kg.add_figures(d);
            kg.add_quotes(d);
        }
        kg
    }

    /// Entities are created in key order, whatever order they were seen in.
    fn add_entities(&mut self, docs: &[DocFacts]) {
        let mut seen: BTreeMap<EntityKey, EntityNode> = BTreeMap::new();
        let mut ensure = |key: &EntityKey| {
            seen.entry(key.clone()).or_insert_with(|| EntityNode {
                key: key.clone(),
                aliases: BTreeSet::new(),
                mention_count: 0,
            });
        };
        for d in docs {
            d.relations.iter().for_each(|r| {
                ensure(&r.subject);
                ensure(&r.object);
            });
            d.figures.iter().filter_map(|f| f.subject.as_ref()).for_each(&mut ensure);
            d.quotes.iter().for_each(|q| ensure(&q.speaker));
            d.mentions.iter().for_each(|m| ensure(&m.entity));
        }
        for d in docs {
            for m in &d.mentions {
                let node = seen.get_mut(&m.entity).expect("ensured above");
                node.mention_count += 1;
                if m.surface != m.entity.name {
                    node.aliases.insert(m.surface.clone());
                }
            }
        }
        for (key, node) in seen {
            let ix = self.graph.add_node(Node::Entity(node));
            self.entities.insert(key, ix);
        }
    }

    fn add_mentions(&mut self, d: &DocFacts) {
        let mut by_entity: BTreeMap<&EntityKey, Vec<Mention>> = BTreeMap::new();
        for m in &d.mentions {
            by_entity.entry(&m.entity).or_default().push(m.clone());
        }
        let doc = self.documents[&d.doc.id];
        for (key, mut mentions) in by_entity {
            mentions.sort_by(|a, b| a.prov.cmp(&b.prov));
            self.graph.add_edge(doc, self.entities[key], Edge::Mentions(mentions));
        }
    }

    /// One edge per (subject, kind, object, role), supported by every sentence
    /// of every document that states it.
    fn add_relations(&mut self, docs: &[DocFacts]) {
        type RelKey<'a> = (&'a EntityKey, RelationKind, &'a EntityKey, &'a Option<String>);
        let mut grouped: BTreeMap<RelKey<'_>, Vec<Provenance>> = BTreeMap::new();
        for r in docs.iter().flat_map(|d| &d.relations) {
            grouped.entry((&r.subject, r.kind, &r.object, &r.role)).or_default().push(r.prov.clone());
        }
        for ((s, kind, o, role), mut support) in grouped {
            support.sort();
            support.dedup();
            let edge = Edge::Relation { kind, role: role.clone(), support };
            self.graph.add_edge(self.entities[s], self.entities[o], edge);
        }
    }

    fn add_figures(&mut self, d: &DocFacts) {
        let doc = self.documents[&d.doc.id];
        for f in sorted_by_span(&d.figures, |f| &f.prov) {
            let ix = self.graph.add_node(Node::Figure(f.clone()));
            self.graph.add_edge(doc, ix, Edge::Contains(f.prov.clone()));
            if let Some(subject) = &f.subject {
                self.graph.add_edge(ix, self.entities[subject], Edge::About(f.prov.clone()));
            }
        }
    }

    fn add_quotes(&mut self, d: &DocFacts) {
        let doc = self.documents[&d.doc.id];
        for q in sorted_by_span(&d.quotes, |q| &q.prov) {
            let ix = self.graph.add_node(Node::Quote(q.clone()));
            self.graph.add_edge(doc, ix, Edge::Contains(q.prov.clone()));
            self.graph.add_edge(ix, self.entities[&q.speaker], Edge::SpokenBy(q.prov.clone()));
        }
    }

    pub fn entity(&self, key: &EntityKey) -> Option<&EntityNode> {
        match self.graph.node_weight(*self.entities.get(key)?) {
            Some(Node::Entity(e)) => Some(e),
            _ => None,
        }
    }

    /// Entities in key order.
    pub fn entities(&self) -> impl Iterator<Item = &EntityNode> {
        self.entities.values().filter_map(|&ix| match &self.graph[ix] {
            Node::Entity(e) => Some(e),
            _ => None,
        })
    }

    pub fn documents(&self) -> impl Iterator<Item = &DocumentInfo> {
        self.documents.values().filter_map(|&ix| match &self.graph[ix] {
            Node::Document(d) => Some(d),
            _ => None,
        })
    }

    /// Edges with their endpoints, in insertion (deterministic) order.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeIndex, NodeIndex, NodeIndex, &Edge)> {
        self.graph.edge_references().map(|e| (e.id(), e.source(), e.target(), e.weight()))
    }

    /// Number of edges touching a node, in either direction.
    pub fn degree(&self, ix: NodeIndex) -> usize {
        self.graph.neighbors_undirected(ix).count()
    }
}

fn sorted_by_span<T>(items: &[T], prov: impl Fn(&T) -> &Provenance) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by(|a, b| prov(a).span.cmp(&prov(b).span).then(prov(a).rule.cmp(&prov(b).rule)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::model::EntityType;

    /// Node and edge order must not depend on the order documents were
    /// processed in, or parallel runs would not give byte-identical output.
    #[test]
    fn build_is_independent_of_document_order() {
        let forward = KnowledgeGraph::build(fixture::docs());
        let mut reversed_docs = fixture::docs();
        reversed_docs.reverse();
        let reversed = KnowledgeGraph::build(reversed_docs);
        let nodes = |kg: &KnowledgeGraph| kg.graph.node_weights().cloned().collect::<Vec<_>>();
        let edges = |kg: &KnowledgeGraph| kg.edges().map(|(_, a, b, e)| (a, b, e.clone())).collect::<Vec<_>>();
        assert_eq!(nodes(&forward), nodes(&reversed));
        assert_eq!(edges(&forward), edges(&reversed));
    }

    #[test]
    fn one_entity_node_across_documents_with_summed_mentions() {
        let kg = KnowledgeGraph::build(fixture::docs());
        let person = kg.entity(&EntityKey::new(EntityType::Person, "王锦侠")).expect("in both documents");
        let mentions: usize =
            fixture::docs().iter().flat_map(|d| &d.mentions).filter(|m| m.entity == person.key).count();
        assert_eq!(person.mention_count, mentions);
        assert!(mentions >= 2);
    }

    #[test]
    fn relation_weight_counts_supporting_sentences() {
        let kg = KnowledgeGraph::build(fixture::docs());
        let affiliation = kg
            .edges()
            .find_map(|(_, _, _, e)| matches!(e, Edge::Relation { kind: RelationKind::Affiliation, .. }).then_some(e))
            .expect("the fixture states an affiliation");
        let sentences: BTreeSet<_> = affiliation.provenance().iter().map(|p| (p.doc.clone(), p.sentence)).collect();
        assert_eq!(affiliation.weight(), sentences.len());
        assert_eq!(affiliation.weight(), 2, "stated in both documents");
    }
}
