//! CSV tables for pandas, R and networkx: UTF-8, one header line, rows sorted.
//!
//! Input: a `KnowledgeGraph`. Output: one of five tables. Entities, figures,
//! quotes and the endpoints of edges are named by the GraphML node ids
//! (`person:黄汉权`, `figure:ID:12-16`), so the tables join on them:
//!
//! | file           | columns                                                              |
//! |----------------|----------------------------------------------------------------------|
//! | `entities.csv` | id, iri, type, label, aliases (`\|`-joined), mentions, documents       |
//! | `edges.csv`    | source, target, label, role, weight                                  |
//! | `mentions.csv` | doc, sentence, start, end, surface, entity, type, rule               |
//! | `figures.csv`  | id, doc, start, end, text, value, unit, qualifier, measure, subject, period, rule |
//! | `quotes.csv`   | id, doc, start, end, speaker, direct, text, rule                     |
//!
//! `mentions` counts mentions in the whole corpus, `documents` the documents
//! that mention the entity; `sentence` is the sentence index in the document.

use std::collections::BTreeMap;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use super::names::{entity_id, format_number, node_ids, Iris};
use super::{ExportError, DEFAULT_BASE};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::Provenance;

/// The tables `write_all` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Entities,
    Edges,
    Mentions,
    Figures,
    Quotes,
}

impl Table {
    pub const ALL: [Table; 5] = [Table::Entities, Table::Edges, Table::Mentions, Table::Figures, Table::Quotes];

    pub fn file_name(self) -> &'static str {
        match self {
            Table::Entities => "entities.csv",
            Table::Edges => "edges.csv",
            Table::Mentions => "mentions.csv",
            Table::Figures => "figures.csv",
            Table::Quotes => "quotes.csv",
        }
    }

    pub fn header(self) -> &'static [&'static str] {
        match self {
            Table::Entities => &["id", "iri", "type", "label", "aliases", "mentions", "documents"],
            Table::Edges => &["source", "target", "label", "role", "weight"],
            Table::Mentions => &["doc", "sentence", "start", "end", "surface", "entity", "type", "rule"],
            Table::Figures => &[
                "id",
                "doc",
                "start",
                "end",
                "text",
                "value",
                "unit",
                "qualifier",
                "measure",
                "subject",
                "period",
                "rule",
            ],
            Table::Quotes => &["id", "doc", "start", "end", "speaker", "direct", "text", "rule"],
        }
    }
}

/// Writes one table: `CsvSerializer::new(Table::Edges).for_writer(w).serialize(&kg)?.finish()?`.
#[derive(Debug, Clone)]
#[must_use]
pub struct CsvSerializer {
    table: Table,
    iris: Iris,
}

impl CsvSerializer {
    /// A serializer for `table`; `entities.csv` IRIs use the default base.
    pub fn new(table: Table) -> Self {
        Self { table, iris: Iris::new(DEFAULT_BASE).expect("the default base is valid") }
    }

    /// Uses `base` (ending in `/`) for the `iri` column.
    pub fn with_base(mut self, base: &str) -> Result<Self, ExportError> {
        self.iris = Iris::new(base)?;
        Ok(self)
    }

    pub(crate) fn with_iris(table: Table, iris: Iris) -> Self {
        Self { table, iris }
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterCsvSerializer<W> {
        WriterCsvSerializer { table: self.table, iris: self.iris, writer: ::csv::Writer::from_writer(writer) }
    }
}

/// A CSV serializer bound to a writer; `serialize` writes the whole table.
#[must_use]
pub struct WriterCsvSerializer<W: Write> {
    table: Table,
    iris: Iris,
    writer: ::csv::Writer<W>,
}

impl<W: Write> WriterCsvSerializer<W> {
    /// Writes the header and every row of the table for `kg`. Call it once.
    pub fn serialize(mut self, kg: &KnowledgeGraph) -> io::Result<Self> {
        let ids = node_ids(kg);
        let rows = match self.table {
            Table::Entities => entity_rows(kg, &self.iris),
            Table::Edges => edge_rows(kg, &ids),
            Table::Mentions => mention_rows(kg),
            Table::Figures => figure_rows(kg, &ids),
            Table::Quotes => quote_rows(kg, &ids),
        };
        self.writer.write_record(self.table.header())?;
        for row in rows {
            self.writer.write_record(&row)?;
        }
        Ok(self)
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

fn entity_rows(kg: &KnowledgeGraph, iris: &Iris) -> Vec<Vec<String>> {
    let mut documents: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    for (_, _, target, edge) in kg.edges() {
        if matches!(edge, Edge::Mentions(_)) {
            *documents.entry(target).or_default() += 1;
        }
    }
    let mut rows = Vec::new();
    for ix in kg.graph.node_indices() {
        let Node::Entity(e) = &kg.graph[ix] else {
            continue;
        };
        rows.push(vec![
            entity_id(&e.key),
            iris.entity(&e.key).into_string(),
            e.key.ty.as_str().to_string(),
            e.key.name.clone(),
            e.aliases.iter().map(String::as_str).collect::<Vec<_>>().join("|"),
            e.mention_count.to_string(),
            documents.get(&ix).copied().unwrap_or(0).to_string(),
        ]);
    }
    rows.sort();
    rows
}

fn edge_rows(kg: &KnowledgeGraph, ids: &[String]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = kg
        .edges()
        .map(|(_, source, target, edge)| {
            let role = match edge {
                Edge::Relation { role: Some(role), .. } => role.clone(),
                _ => String::new(),
            };
            let (source, target) = (ids[source.index()].clone(), ids[target.index()].clone());
            vec![source, target, edge.label().to_string(), role, edge.weight().to_string()]
        })
        .collect();
    rows.sort();
    rows
}

/// Rows keyed by document and span, so they sort in reading order.
type Keyed = ((String, usize, usize, String), Vec<String>);

fn in_reading_order(mut rows: Vec<Keyed>) -> Vec<Vec<String>> {
    rows.sort();
    rows.into_iter().map(|(_, row)| row).collect()
}

fn span_key(p: &Provenance, tie: &str) -> (String, usize, usize, String) {
    (p.doc.0.clone(), p.span.start, p.span.end, tie.to_string())
}

fn mention_rows(kg: &KnowledgeGraph) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (_, _, _, edge) in kg.edges() {
        let Edge::Mentions(mentions) = edge else {
            continue;
        };
        for m in mentions {
            let p = &m.prov;
            let entity = entity_id(&m.entity);
            let tie = format!("{entity}\u{0}{}", p.rule.id());
            let row = vec![
                p.doc.0.clone(),
                p.sentence.to_string(),
                p.span.start.to_string(),
                p.span.end.to_string(),
                m.surface.clone(),
                entity,
                m.entity.ty.as_str().to_string(),
                p.rule.id().to_string(),
            ];
            rows.push((span_key(p, &tie), row));
        }
    }
    in_reading_order(rows)
}

fn figure_rows(kg: &KnowledgeGraph, ids: &[String]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for ix in kg.graph.node_indices() {
        let Node::Figure(f) = &kg.graph[ix] else {
            continue;
        };
        let id = &ids[ix.index()];
        let p = &f.prov;
        let row = vec![
            id.clone(),
            p.doc.0.clone(),
            p.span.start.to_string(),
            p.span.end.to_string(),
            f.text.clone(),
            format_number(f.value).unwrap_or_default(),
            f.unit.clone(),
            f.qualifier.clone().unwrap_or_default(),
            f.measure.clone().unwrap_or_default(),
            f.subject.as_ref().map(entity_id).unwrap_or_default(),
            f.period.clone().unwrap_or_default(),
            p.rule.id().to_string(),
        ];
        rows.push((span_key(p, id), row));
    }
    in_reading_order(rows)
}

fn quote_rows(kg: &KnowledgeGraph, ids: &[String]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for ix in kg.graph.node_indices() {
        let Node::Quote(q) = &kg.graph[ix] else {
            continue;
        };
        let id = &ids[ix.index()];
        let p = &q.prov;
        let row = vec![
            id.clone(),
            p.doc.0.clone(),
            p.span.start.to_string(),
            p.span.end.to_string(),
            entity_id(&q.speaker),
            q.direct.to_string(),
            q.text.clone(),
            p.rule.id().to_string(),
        ];
        rows.push((span_key(p, id), row));
    }
    in_reading_order(rows)
}
