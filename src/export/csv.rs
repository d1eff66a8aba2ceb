//! CSV tables for pandas, R and networkx: UTF-8, one header line, rows in a fixed order.
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
//! Rows are sorted within each document, documents come in input order, and
//! the rows that need the whole corpus (entities, relation edges) come last.

use std::io::{self, Write};

use super::names::{entity_id, format_number, node_ids, Iris};
use super::{ExportError, DEFAULT_BASE};
use crate::graph::{Edge, KnowledgeGraph, Node, Totals};
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
        self.writer.write_record(self.table.header())?;
        let rows = document_rows(self.table, kg, &node_ids(kg)).into_iter();
        for row in rows.chain(corpus_rows(self.table, &Totals::of(kg), &self.iris)) {
            self.writer.write_record(&row)?;
        }
        Ok(self)
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// The rows a documents' graph gives on its own, sorted: every table's but
/// the entities and the relation edges, which need the whole corpus. `ids`
/// are the graph's `node_ids`.
pub(crate) fn document_rows(table: Table, kg: &KnowledgeGraph, ids: &[String]) -> Vec<Vec<String>> {
    match table {
        Table::Entities => Vec::new(),
        Table::Edges => edge_rows(kg, ids),
        Table::Mentions => mention_rows(kg),
        Table::Figures => figure_rows(kg, ids),
        Table::Quotes => quote_rows(kg, ids),
    }
}

/// The rows that come from the corpus totals, written after every document's.
pub(crate) fn corpus_rows(table: Table, totals: &Totals, iris: &Iris) -> Vec<Vec<String>> {
    match table {
        Table::Entities => entity_rows(totals, iris),
        Table::Edges => relation_rows(totals),
        Table::Mentions | Table::Figures | Table::Quotes => Vec::new(),
    }
}

/// Rows as CSV text without a header, for a writer to append.
pub(crate) fn to_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).expect("writing into memory cannot fail");
    }
    writer.into_inner().expect("writing into memory cannot fail")
}

fn entity_rows(totals: &Totals, iris: &Iris) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = totals
        .entities
        .iter()
        .map(|(key, t)| {
            vec![
                entity_id(key),
                iris.entity(key).into_string(),
                key.ty.as_str().to_string(),
                key.name.clone(),
                t.aliases.iter().map(String::as_str).collect::<Vec<_>>().join("|"),
                t.mentions.to_string(),
                t.documents.to_string(),
            ]
        })
        .collect();
    rows.sort();
    rows
}

fn relation_rows(totals: &Totals) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = totals
        .relations
        .iter()
        .map(|(r, weight)| {
            let role = r.role.clone().unwrap_or_default();
            vec![entity_id(&r.subject), entity_id(&r.object), r.kind.as_str().to_string(), role, weight.to_string()]
        })
        .collect();
    rows.sort();
    rows
}

/// Edges from documents, figures and quotes; relation edges are the corpus's.
fn edge_rows(kg: &KnowledgeGraph, ids: &[String]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = kg
        .edges()
        .filter(|(_, _, _, edge)| !matches!(edge, Edge::Relation { .. }))
        .map(|(_, source, target, edge)| {
            let (source, target) = (ids[source.index()].clone(), ids[target.index()].clone());
            vec![source, target, edge.label().to_string(), String::new(), edge.weight().to_string()]
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
