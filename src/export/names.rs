//! Names derived from content alone: IRIs for RDF, node ids for GraphML and
//! CSV, and the one way numbers are printed. Nothing here depends on the order
//! facts were found in, so names are stable across runs, machines and shards.

use std::fmt::Write as _;

use oxigraph::model::{NamedNode, NamedOrBlankNodeRef};
use petgraph::graph::NodeIndex;
use sha2::{Digest, Sha256};

use super::ExportError;
use crate::graph::{KnowledgeGraph, Node};
use crate::model::RuleRef;
use crate::model::{DocId, EntityKey, EntityType, Figure, Quote, RelationKind, Span};

/// Mints the IRIs of everything exported, under one base such as
/// `https://w3id.org/zhkg/`.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Iris {
    /// Checks that `base` is an absolute IRI ending in `/` with no query or
    /// fragment, so that every IRI minted below it is valid.
    pub fn new(base: &str) -> Result<Self, ExportError> {
        let invalid = |reason: &str| ExportError::InvalidBase { base: base.into(), reason: reason.into() };
        if !base.ends_with('/') {
            return Err(invalid("it must end with '/'"));
        }
        if base.contains(['?', '#']) {
            return Err(invalid("it must not contain '?' or '#'"));
        }
        NamedNode::new(base).map_err(|e| invalid(&e.to_string()))?;
        Ok(Self { base: base.into() })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// True for nodes minted per document (the document, its sentences and
    /// mentions, its own entities, assertions, figures, quotes), whose
    /// triples no other document states; false for corpus entities, rules,
    /// roles and memberships.
    pub fn is_document_local(&self, subject: NamedOrBlankNodeRef<'_>) -> bool {
        let NamedOrBlankNodeRef::NamedNode(node) = subject else {
            return true;
        };
        node.as_str()
            .strip_prefix(self.base.as_str())
            .is_some_and(|path| ["doc/", "assertion/", "figure/", "quote/"].iter().any(|p| path.starts_with(p)))
    }

    /// `B/id/person/黄汉权`; `B/doc/ID/organization/市委` for an entity of
    /// one document, which is then document-local.
    pub fn entity(&self, key: &EntityKey) -> NamedNode {
        let (ty, name) = (type_segment(key.ty), encode_segment(&key.name));
        match &key.document {
            None => self.mint(&["id/", ty, "/", &name]),
            Some(doc) => self.mint(&["doc/", &encode_segment(&doc.0), "/", ty, "/", &name]),
        }
    }

    /// `B/doc/ID`: the document, its `nif:Context` and its named graph.
    pub fn doc(&self, id: &DocId) -> NamedNode {
        self.mint(&["doc/", &encode_segment(&id.0)])
    }

    /// `B/doc/ID#s3`.
    pub fn sentence(&self, id: &DocId, index: usize) -> NamedNode {
        self.mint(&["doc/", &encode_segment(&id.0), "#s", &index.to_string()])
    }

    /// `B/doc/ID#char=12,15`, the RFC 5147 fragment NIF uses.
    pub fn mention(&self, id: &DocId, span: Span) -> NamedNode {
        let fragment = format!("#char={},{}", span.start, span.end);
        self.mint(&["doc/", &encode_segment(&id.0), &fragment])
    }

    /// `B/rule/affiliation.org-role-person/relations.toml/L12`: one node per
    /// rule and place, since a gazetteer rule's facts each come from their own
    /// line of a lexicon (`place.gazetteer` at `places/china.tsv` line 1234).
    pub fn rule(&self, rule: &RuleRef) -> NamedNode {
        let line = format!("L{}", rule.line());
        let file: Vec<String> = rule.file().split('/').map(encode_segment).collect();
        self.mint(&["rule/", &encode_segment(rule.id()), "/", &file.join("/"), "/", &line])
    }

    /// `B/role/副局长`.
    pub fn role(&self, role: &str) -> NamedNode {
        self.mint(&["role/", &encode_segment(role)])
    }

    /// `B/membership/<16 hex>`, hashed from `Person/王锦侠|Organization/…|副局长`.
    pub fn membership(&self, person: &EntityKey, org: &EntityKey, role: &str) -> NamedNode {
        self.mint(&["membership/", &short_hash(&format!("{person}|{org}|{role}"))])
    }

    /// `B/assertion/<16 hex>`, one per relation and supporting provenance; hashed
    /// from `subject|kind|object|role|doc|start,end|rule` (role empty if none).
    pub fn assertion(&self, a: &AssertionKey<'_>) -> NamedNode {
        let role = a.role.unwrap_or("");
        let text = format!(
            "{}|{}|{}|{role}|{}|{},{}|{}",
            a.subject, a.kind, a.object, a.doc, a.span.start, a.span.end, a.rule
        );
        self.mint(&["assertion/", &short_hash(&text)])
    }

    /// `B/figure/ID/12-16`.
    pub fn figure(&self, f: &Figure) -> NamedNode {
        self.mint(&["figure/", &spanned_segment(&f.prov.doc, f.prov.span)])
    }

    /// `B/quote/ID/12-40`.
    pub fn quote(&self, q: &Quote) -> NamedNode {
        self.mint(&["quote/", &spanned_segment(&q.prov.doc, q.prov.span)])
    }

    fn mint(&self, parts: &[&str]) -> NamedNode {
        let mut iri = self.base.clone();
        parts.iter().for_each(|p| iri.push_str(p));
        // The base was checked and every part is encoded, so the IRI is valid.
        NamedNode::new_unchecked(iri)
    }
}

/// What identifies one supporting statement of a relation.
pub struct AssertionKey<'a> {
    pub subject: &'a EntityKey,
    pub kind: RelationKind,
    pub object: &'a EntityKey,
    pub role: Option<&'a str>,
    pub doc: &'a DocId,
    pub span: Span,
    pub rule: &'a str,
}

fn spanned_segment(doc: &DocId, span: Span) -> String {
    format!("{}/{}-{}", encode_segment(&doc.0), span.start, span.end)
}

/// `person`, `organization`, `place`, `industry`: the lowercase type used in
/// IRIs and node ids.
pub fn type_segment(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Place => "place",
        EntityType::Industry => "industry",
    }
}

/// Percent-encodes (as UTF-8) every character that RFC 3987 does not allow in
/// an IRI path segment (`ipchar`). CJK and other `ucschar`s stay as they are.
/// A segment made only of dots is encoded so IRI resolution cannot remove it.
pub fn encode_segment(s: &str) -> String {
    let only_dots = !s.is_empty() && s.chars().all(|c| c == '.');
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_ipchar(c) && !only_dots {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn is_ipchar(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~!$&'()*+,;=:@".contains(c)
        || matches!(c as u32,
            0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
            | 0x10000..=0x1FFFD | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD
            | 0x40000..=0x4FFFD | 0x50000..=0x5FFFD | 0x60000..=0x6FFFD
            | 0x70000..=0x7FFFD | 0x80000..=0x8FFFD | 0x90000..=0x9FFFD
            | 0xA0000..=0xAFFFD | 0xB0000..=0xBFFFD | 0xC0000..=0xCFFFD
            | 0xD0000..=0xDFFFD | 0xE1000..=0xEFFFD)
}

/// First 16 hex digits of the SHA-256 of `text`.
fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().fold(String::with_capacity(16), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `person:黄汉权`: the GraphML and CSV id of an entity;
/// `organization:市委@ID` for an entity of one document.
pub fn entity_id(key: &EntityKey) -> String {
    match &key.document {
        None => format!("{}:{}", type_segment(key.ty), key.name),
        Some(doc) => format!("{}:{}@{}", type_segment(key.ty), key.name, doc.0),
    }
}

/// GraphML and CSV ids of every node, indexed by `NodeIndex`: `doc:ID`,
/// `person:黄汉权`, `figure:ID:12-16`, `quote:ID:12-40`. Two figures or quotes
/// on the same span get `~2`, `~3`… in graph order, so ids stay unique.
pub fn node_ids(kg: &KnowledgeGraph) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    kg.graph
        .node_indices()
        .map(|ix| {
            let id = base_node_id(kg, ix);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                id
            } else {
                format!("{id}~{n}")
            }
        })
        .collect()
}

fn base_node_id(kg: &KnowledgeGraph, ix: NodeIndex) -> String {
    match &kg.graph[ix] {
        Node::Document(d) => format!("doc:{}", d.id),
        Node::Entity(e) => entity_id(&e.key),
        Node::Figure(f) => format!("figure:{}:{}-{}", f.prov.doc, f.prov.span.start, f.prov.span.end),
        Node::Quote(q) => format!("quote:{}:{}-{}", q.prov.doc, q.prov.span.start, q.prov.span.end),
    }
}

/// A figure's value as written everywhere (RDF, GraphML, CSV): Rust's
/// shortest round-trip decimal, never an exponent (`835`, `5.5`, `0.0001`).
/// `None` for NaN and infinities, which no output can represent.
pub fn format_number(v: f64) -> Option<String> {
    v.is_finite().then(|| format!("{v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_segment_keeps_cjk_and_encodes_delimiters() {
        assert_eq!(encode_segment("深圳市前海管理局"), "深圳市前海管理局");
        assert_eq!(encode_segment("a b#c?d/e%f"), "a%20b%23c%3Fd%2Fe%25f");
        assert_eq!(encode_segment("<>\"{}|\\^`"), "%3C%3E%22%7B%7D%7C%5C%5E%60");
        assert_eq!(encode_segment("\n\u{7f}"), "%0A%7F");
        assert_eq!(encode_segment(".."), "%2E%2E");
        assert_eq!(encode_segment("a.b"), "a.b");
    }

    #[test]
    fn minted_iris_are_valid() {
        let iris = Iris::new("https://w3id.org/zhkg/").unwrap();
        let key = EntityKey::new(EntityType::Person, "王 锦侠#?/\u{E000}");
        let iri = iris.entity(&key);
        NamedNode::new(iri.as_str()).unwrap();
        assert_eq!(
            iris.entity(&EntityKey::new(EntityType::Place, "深圳市")).as_str(),
            "https://w3id.org/zhkg/id/place/深圳市"
        );
    }

    #[test]
    fn base_must_end_with_slash() {
        assert!(Iris::new("https://example.org/kg").is_err());
        assert!(Iris::new("https://example.org/kg#/").is_err());
        assert!(Iris::new("not an iri/").is_err());
        assert!(Iris::new("https://example.org/kg/").is_ok());
    }

    #[test]
    fn numbers_print_without_exponent() {
        assert_eq!(format_number(835.0).unwrap(), "835");
        assert_eq!(format_number(5.5).unwrap(), "5.5");
        assert_eq!(format_number(1e-7).unwrap(), "0.0000001");
        assert_eq!(format_number(f64::NAN), None);
    }
}
