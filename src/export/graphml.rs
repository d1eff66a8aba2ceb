//! GraphML for Gephi, yEd and networkx: one node per document, entity, figure
//! and quote, one edge per graph edge.
//!
//! Input: a `KnowledgeGraph`. Output: GraphML with every `<key>` declared
//! before `<graph>`, ids derived from content (`person:黄汉权`, `doc:ID`,
//! `figure:ID:12-16`, `quote:ID:12-40`; edges `SOURCE>TARGET`),
//! numbers typed `int` or `double`, one element per line.
//!
//! The writer streams: entity nodes and relation edges come from the corpus
//! `Totals` (`write_corpus_part`), every other node and edge from one
//! document's graph at a time (`render_document_part`).
//!
//! ```no_run
//! # use zhkg::export::GraphMlSerializer;
//! # fn f(kg: &zhkg::graph::KnowledgeGraph) -> std::io::Result<()> {
//! let file = std::fs::File::create("graph.graphml")?;
//! GraphMlSerializer::new().for_writer(file).serialize(kg)?.finish()?;
//! # Ok(()) }
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::names::{entity_id, format_number, node_ids, Iris};
use super::{ExportError, DEFAULT_BASE};
use crate::graph::{Edge, KnowledgeGraph, Node, Totals};

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const QUOTE_LABEL_CHARS: usize = 20;

/// A GraphML attribute: key id, what it is for, name and type.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    ty: &'static str,
}

const fn key(id: &'static str, domain: &'static str, name: &'static str, ty: &'static str) -> Key {
    Key { id, domain, name, ty }
}

const KEYS: [Key; 13] = [
    key("n_label", "node", "label", "string"),
    key("n_type", "node", "type", "string"),
    key("n_mentions", "node", "mentions", "int"),
    key("n_degree", "node", "degree", "int"),
    key("n_aliases", "node", "aliases", "string"),
    key("n_value", "node", "value", "double"),
    key("n_unit", "node", "unit", "string"),
    key("n_measure", "node", "measure", "string"),
    key("n_period", "node", "period", "string"),
    key("n_iri", "node", "iri", "string"),
    key("e_label", "edge", "label", "string"),
    key("e_weight", "edge", "weight", "double"),
    key("e_role", "edge", "role", "string"),
];

/// Writes a `KnowledgeGraph` as GraphML, like oxttl's serializers:
/// `GraphMlSerializer::new().for_writer(w).serialize(&kg)?.finish()?`.
#[derive(Debug, Clone)]
#[must_use]
pub struct GraphMlSerializer {
    iris: Iris,
}

impl Default for GraphMlSerializer {
    fn default() -> Self {
        Self::new()
    }
}

impl GraphMlSerializer {
    /// A serializer whose `iri` attributes use the default base.
    pub fn new() -> Self {
        Self { iris: Iris::new(DEFAULT_BASE).expect("the default base is valid") }
    }

    /// Uses `base` (ending in `/`) for the `iri` attributes.
    pub fn with_base(mut self, base: &str) -> Result<Self, ExportError> {
        self.iris = Iris::new(base)?;
        Ok(self)
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterGraphMlSerializer<W> {
        WriterGraphMlSerializer { iris: self.iris, writer: Writer::new(writer) }
    }
}

/// A GraphML serializer bound to a writer; `serialize` writes one whole document.
#[must_use]
pub struct WriterGraphMlSerializer<W: Write> {
    iris: Iris,
    writer: Writer<W>,
}

impl<W: Write> WriterGraphMlSerializer<W> {
    /// Writes the whole GraphML document for `kg`. Call it once.
    pub fn serialize(mut self, kg: &KnowledgeGraph) -> io::Result<Self> {
        write_start(&mut self.writer)?;
        write_corpus_part(&mut self.writer, &Totals::of(kg), &self.iris)?;
        write_document_part(&mut self.writer, kg, &node_ids(kg), &self.iris)?;
        write_end(&mut self.writer)?;
        Ok(self)
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        let mut inner = self.writer.into_inner();
        inner.flush()?;
        Ok(inner)
    }
}

/// The declaration, `<graphml>`, every `<key>` and `<graph>`, one per line.
pub(crate) fn write_start<W: Write>(w: &mut Writer<W>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    newline(w)?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([("xmlns", GRAPHML_NS)])))?;
    newline(w)?;
    for k in &KEYS {
        let attrs = [("id", k.id), ("for", k.domain), ("attr.name", k.name), ("attr.type", k.ty)];
        w.create_element("key").with_attributes(attrs).write_empty()?;
        newline(w)?;
    }
    w.write_event(Event::Start(BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", "directed")])))?;
    newline(w)
}

pub(crate) fn write_end<W: Write>(w: &mut Writer<W>) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    newline(w)?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    newline(w)
}

/// Entity nodes and relation edges, from the totals of the whole corpus.
/// They come before every document's part, so that each edge's endpoints
/// are declared before it.
pub(crate) fn write_corpus_part<W: Write>(w: &mut Writer<W>, totals: &Totals, iris: &Iris) -> io::Result<()> {
    let degrees = totals.degrees();
    for (key, t) in &totals.entities {
        let mut data = vec![
            ("n_label", key.name.clone()),
            ("n_type", key.ty.as_str().to_string()),
            ("n_mentions", t.mentions.to_string()),
            ("n_degree", degrees[key].to_string()),
        ];
        if !t.aliases.is_empty() {
            data.push(("n_aliases", t.aliases.iter().map(String::as_str).collect::<Vec<_>>().join("|")));
        }
        data.push(("n_iri", iris.entity(key).into_string()));
        element(w, "node", &[("id", &entity_id(key))], &data)?;
    }
    for (r, weight) in &totals.relations {
        let (source, target) = (entity_id(&r.subject), entity_id(&r.object));
        let role = r.role.as_deref().unwrap_or("");
        let id = format!("{source}>{target}|{}|{role}", r.kind);
        let mut data = vec![("e_label", r.kind.as_str().to_string()), ("e_weight", weight.to_string())];
        if let Some(role) = &r.role {
            data.push(("e_role", role.clone()));
        }
        element(w, "edge", &[("id", &id), ("source", &source), ("target", &target)], &data)?;
    }
    Ok(())
}

/// The nodes of documents, figures and quotes and the edges from them, in
/// graph order: everything but entity nodes and relation edges. Edge ids are
/// `SOURCE>TARGET`, unique because these edges join a pair of nodes once.
/// `ids` are the graph's `node_ids`.
pub(crate) fn write_document_part<W: Write>(
    w: &mut Writer<W>,
    kg: &KnowledgeGraph,
    ids: &[String],
    iris: &Iris,
) -> io::Result<()> {
    for ix in kg.graph.node_indices() {
        if let Some(data) = node_data(kg, ix, iris) {
            element(w, "node", &[("id", &ids[ix.index()])], &data)?;
        }
    }
    for (_, source, target, edge) in kg.edges() {
        if matches!(edge, Edge::Relation { .. }) {
            continue;
        }
        let (source, target) = (&ids[source.index()], &ids[target.index()]);
        let id = format!("{source}>{target}");
        let data = [("e_label", edge.label().to_string()), ("e_weight", edge.weight().to_string())];
        element(w, "edge", &[("id", &id), ("source", source), ("target", target)], &data)?;
    }
    Ok(())
}

/// `write_document_part` into memory, for a writer to append later.
pub(crate) fn render_document_part(kg: &KnowledgeGraph, ids: &[String], iris: &Iris) -> Vec<u8> {
    let mut w = Writer::new(Vec::new());
    write_document_part(&mut w, kg, ids, iris).expect("writing into memory cannot fail");
    w.into_inner()
}

fn newline<W: Write>(w: &mut Writer<W>) -> io::Result<()> {
    w.get_mut().write_all(b"\n")
}

/// `<name attrs…><data key="…">value</data>…</name>` on a line of its own.
fn element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    data: &[(&'static str, String)],
) -> io::Result<()> {
    let attrs: Vec<_> = attrs.iter().map(|(k, v)| (*k, xml_safe(v))).collect();
    let start = BytesStart::new(name).with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())));
    w.write_event(Event::Start(start))?;
    for (key, value) in data {
        w.create_element("data").with_attribute(("key", *key)).write_text_content(BytesText::new(&xml_safe(value)))?;
    }
    w.write_event(Event::End(BytesEnd::new(name)))?;
    newline(w)
}

/// Data of a document, figure or quote node, in key order; `None` for
/// entities, which the corpus part writes.
fn node_data(kg: &KnowledgeGraph, ix: petgraph::graph::NodeIndex, iris: &Iris) -> Option<Vec<(&'static str, String)>> {
    let mut data = Vec::new();
    let mut put = |key: &'static str, value: String| data.push((key, value));
    match &kg.graph[ix] {
        Node::Document(d) => {
            put("n_label", d.file_name.clone());
            put("n_type", "Document".into());
            put("n_iri", iris.doc(&d.id).into_string());
        }
        Node::Entity(_) => return None,
        Node::Figure(f) => {
            put("n_label", f.text.clone());
            put("n_type", "Figure".into());
            if let Some(v) = format_number(f.value) {
                put("n_value", v);
            }
            put("n_unit", f.unit.clone());
            f.measure.iter().for_each(|m| put("n_measure", m.clone()));
            f.period.iter().for_each(|p| put("n_period", p.clone()));
            put("n_iri", iris.figure(f).into_string());
        }
        Node::Quote(q) => {
            put("n_label", q.text.chars().take(QUOTE_LABEL_CHARS).collect());
            put("n_type", "Quote".into());
            put("n_iri", iris.quote(q).into_string());
        }
    }
    data.push(("n_degree", kg.degree(ix).to_string()));
    data.sort_by_key(|(key, _)| KEYS.iter().position(|k| k.id == *key));
    Some(data)
}

/// Drops the characters XML 1.0 forbids (controls other than tab and line
/// breaks, U+FFFE/U+FFFF), which OCR text sometimes carries.
fn xml_safe(s: &str) -> Cow<'_, str> {
    let allowed =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_forbidden_controls() {
        assert_eq!(xml_safe("a\u{0}b\u{c}c\td"), "abc\td");
        assert!(matches!(xml_safe("深圳"), Cow::Borrowed(_)));
    }
}
