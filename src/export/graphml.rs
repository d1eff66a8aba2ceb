//! GraphML for Gephi, yEd and networkx: one node per document, entity, figure
//! and quote, one edge per graph edge.
//!
//! Input: a `KnowledgeGraph`. Output: GraphML with every `<key>` declared
//! before `<graph>`, ids derived from content (`person:黄汉权`, `doc:ID`,
//! `figure:ID:12-16`, `quote:ID:12-40`; edges `e0`, `e1`… in graph order),
//! numbers typed `int` or `double`.
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

use super::names::{format_number, node_ids, Iris};
use super::{ExportError, DEFAULT_BASE};
use crate::graph::{Edge, KnowledgeGraph, Node};

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

    pub(crate) fn with_iris(iris: Iris) -> Self {
        Self { iris }
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterGraphMlSerializer<W> {
        WriterGraphMlSerializer { iris: self.iris, writer: Writer::new_with_indent(writer, b' ', 2) }
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
        self.writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let root = BytesStart::new("graphml").with_attributes([("xmlns", GRAPHML_NS)]);
        self.writer.write_event(Event::Start(root))?;
        for k in &KEYS {
            let attrs = [("id", k.id), ("for", k.domain), ("attr.name", k.name), ("attr.type", k.ty)];
            self.writer.create_element("key").with_attributes(attrs).write_empty()?;
        }
        let graph = BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", "directed")]);
        self.writer.write_event(Event::Start(graph))?;
        let ids = node_ids(kg);
        for ix in kg.graph.node_indices() {
            let data = self.node_data(kg, ix);
            self.element("node", &[("id", &ids[ix.index()])], &data)?;
        }
        for (n, (_, source, target, edge)) in kg.edges().enumerate() {
            let id = format!("e{n}");
            let attrs = [("id", id.as_str()), ("source", &ids[source.index()]), ("target", &ids[target.index()])];
            self.element("edge", &attrs, &edge_data(edge))?;
        }
        self.writer.write_event(Event::End(BytesEnd::new("graph")))?;
        self.writer.write_event(Event::End(BytesEnd::new("graphml")))?;
        Ok(self)
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        let mut inner = self.writer.into_inner();
        inner.write_all(b"\n")?;
        inner.flush()?;
        Ok(inner)
    }

    /// `<name attrs…><data key="…">value</data>…</name>`.
    fn element(&mut self, name: &str, attrs: &[(&str, &str)], data: &[(&str, String)]) -> io::Result<()> {
        let attrs: Vec<_> = attrs.iter().map(|(k, v)| (*k, xml_safe(v))).collect();
        let start = BytesStart::new(name).with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())));
        self.writer.write_event(Event::Start(start))?;
        for (key, value) in data {
            self.writer
                .create_element("data")
                .with_attribute(("key", *key))
                .write_text_content(BytesText::new(&xml_safe(value)))?;
        }
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    fn node_data(&self, kg: &KnowledgeGraph, ix: petgraph::graph::NodeIndex) -> Vec<(&'static str, String)> {
        let mut data = Vec::new();
        let mut put = |key: &'static str, value: String| data.push((key, value));
        match &kg.graph[ix] {
            Node::Document(d) => {
                put("n_label", d.file_name.clone());
                put("n_type", "Document".into());
                put("n_iri", self.iris.doc(&d.id).into_string());
            }
            Node::Entity(e) => {
                put("n_label", e.key.name.clone());
                put("n_type", e.key.ty.as_str().into());
                put("n_mentions", e.mention_count.to_string());
                if !e.aliases.is_empty() {
                    put("n_aliases", e.aliases.iter().map(String::as_str).collect::<Vec<_>>().join("|"));
                }
                put("n_iri", self.iris.entity(&e.key).into_string());
            }
            Node::Figure(f) => {
                put("n_label", f.text.clone());
                put("n_type", "Figure".into());
                if let Some(v) = format_number(f.value) {
                    put("n_value", v);
                }
                put("n_unit", f.unit.clone());
                f.measure.iter().for_each(|m| put("n_measure", m.clone()));
                f.period.iter().for_each(|p| put("n_period", p.clone()));
                put("n_iri", self.iris.figure(f).into_string());
            }
            Node::Quote(q) => {
                put("n_label", q.text.chars().take(QUOTE_LABEL_CHARS).collect());
                put("n_type", "Quote".into());
                put("n_iri", self.iris.quote(q).into_string());
            }
        }
        data.push(("n_degree", kg.degree(ix).to_string()));
        data.sort_by_key(|(key, _)| KEYS.iter().position(|k| k.id == *key));
        data
    }
}

fn edge_data(edge: &Edge) -> Vec<(&'static str, String)> {
    let mut data = vec![("e_label", edge.label().to_string()), ("e_weight", edge.weight().to_string())];
    if let Edge::Relation { role: Some(role), .. } = edge {
        data.push(("e_role", role.clone()));
    }
    data
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
