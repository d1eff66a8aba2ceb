//! RDF: the knowledge graph as quads, one named graph per document.
//!
//! Input: a `KnowledgeGraph`. Output: quads whose graph name is the document
//! each triple was read from (`B/doc/ID`), sorted and deduplicated, written as
//! N-Quads (`graph.nq`) and, with graph names dropped, as Turtle (`graph.ttl`).
//! A triple about an entity or a rule is repeated in every document graph that
//! uses it, and no corpus-wide aggregate (such as mention counts) is written,
//! so the N-Quads of shards merge by plain union. The vocabulary is in
//! `vocab.rs`; the IRIs are minted by `names::Iris`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef, Triple,
    TripleRef,
};

use super::names::{format_number, AssertionKey, Iris};
use super::vocab::{itsrdf, nif, org, prov, rdf, rdfs, schema, skos, xsd, zhkg, PREFIXES};
use super::{ExportError, ExportOptions};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{
    DocId, DocumentInfo, EntityKey, EntityType, Figure, Mention, Provenance, Quote, RelationKind, RuleRef, Span,
};

/// Every quad of the graph, sorted by their N-Quads text and deduplicated.
pub fn quads(kg: &KnowledgeGraph, opts: &ExportOptions) -> Result<Vec<Quad>, ExportError> {
    let emitted = emit(kg, &Iris::new(&opts.base)?);
    Ok(sorted(emitted.quads().map(QuadRef::into_owned).collect()))
}

/// One document's part of the RDF outputs, rendered where the document was
/// extracted, so that the writer only appends.
#[derive(Debug, Default)]
pub struct RdfPart {
    /// The document graph as N-Quads lines, sorted and unique.
    pub nquads: Vec<u8>,
    /// Turtle statements, without the prefix header, of the triples about
    /// nodes only this document has (the document, its sentences, mentions,
    /// assertions, figures and quotes), sorted and unique.
    pub local_turtle: Vec<u8>,
    /// Triples about nodes other documents may share (entities, relations
    /// between them, roles, memberships, rules), keyed by their N-Triples
    /// text: the Turtle writes each once, after every document.
    pub shared: Vec<(String, Triple)>,
}

/// Renders the graph of one document: its N-Quads, and with `triples` its
/// local and shared triples for the Turtle. Given a graph of several
/// documents, `nquads` holds all their graphs, sorted together.
pub fn render(kg: &KnowledgeGraph, iris: &Iris, triples: bool) -> RdfPart {
    let emitted = emit(kg, iris);
    let quads: Vec<QuadRef<'_>> = emitted.quads().collect();
    let (text, order) = sorted_texts(&quads);
    let mut part = RdfPart { nquads: Vec::with_capacity(text.len() + 3 * order.len()), ..RdfPart::default() };
    let mut local: Vec<TripleRef<'_>> = Vec::new();
    for (range, i) in order {
        let line = &text[range];
        part.nquads.extend_from_slice(line.as_bytes());
        part.nquads.extend_from_slice(b" .\n");
        if !triples {
            continue;
        }
        let quad = quads[i];
        let triple = TripleRef::new(quad.subject, quad.predicate, quad.object);
        if iris.is_document_local(triple.subject) {
            if local.last() != Some(&triple) {
                local.push(triple);
            }
        } else {
            // A quad's N-Quads text is its triple's followed by " <graph>".
            let graph_text_len = match quad.graph_name {
                GraphNameRef::NamedNode(g) => g.as_str().len() + 3,
                _ => 0,
            };
            let key = &line[..line.len() - graph_text_len];
            part.shared.push((key.to_string(), triple.into_owned()));
        }
    }
    // Here, on the worker, rather than where the file is written: the writer
    // is one thread for all workers and would bound how far they scale.
    part.local_turtle = turtle_statements(local);
    part
}

/// Every quad the graph states, unsorted and with repeats.
fn emit(kg: &KnowledgeGraph, iris: &Iris) -> Emitted {
    let mut out = Emitter::new(kg, iris);
    for doc in kg.documents() {
        out.document(doc);
    }
    for (_, source, target, edge) in kg.edges() {
        match (&kg.graph[source], &kg.graph[target], edge) {
            (Node::Document(d), Node::Entity(e), Edge::Mentions(ms)) => out.mentions(&d.id, &e.key, ms),
            (Node::Entity(s), Node::Entity(o), Edge::Relation { kind, role, support }) => {
                out.relation(&s.key, *kind, &o.key, role.as_deref(), support)
            }
            _ => {}
        }
    }
    for node in kg.graph.node_weights() {
        match node {
            Node::Figure(f) => out.figure(f),
            Node::Quote(q) => out.quote(q),
            _ => {}
        }
    }
    out.emitted
}

/// The union of the quads' triples, sorted and deduplicated. `quads` must be
/// sorted as `quads` returns them: a quad's text is its triple's text followed
/// by the graph name, so that order already sorts the triples and puts equal
/// ones side by side, and no second sort is needed.
pub fn triples(quads: &[Quad]) -> Vec<Triple> {
    let mut out: Vec<Triple> = Vec::with_capacity(quads.len());
    for q in quads {
        let t = Triple::from(q.clone());
        if out.last() != Some(&t) {
            out.push(t);
        }
    }
    out
}

/// Sorts triples by their N-Triples text and removes duplicates, which also
/// puts each subject's triples next to each other for Turtle.
pub fn sort_triples(triples: Vec<Triple>) -> Vec<Triple> {
    sorted(triples)
}

fn sorted<T: Text>(items: Vec<T>) -> Vec<T> {
    let (_, order) = sorted_texts(&items);
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().map(|(_, i)| items[i].take().expect("each item is taken once")).collect()
}

/// The items' texts, written into one buffer (one allocation for them all,
/// not one per quad), and the items' order by text, one per distinct text:
/// (where its text is in the buffer, the item's index).
fn sorted_texts<T: Text>(items: &[T]) -> (String, Vec<(Range<usize>, usize)>) {
    let mut text = String::with_capacity(items.len() * 160);
    let mut order = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let start = text.len();
        item.write_text(&mut text);
        order.push((start..text.len(), i));
    }
    order.sort_unstable_by(|a, b| text[a.0.clone()].cmp(&text[b.0.clone()]));
    order.dedup_by(|a, b| text[a.0.clone()] == text[b.0.clone()]);
    (text, order)
}

/// Quads and triples as N-Quads / N-Triples text, exactly as oxrdf's
/// `Display` writes them. Formatting every quad of a corpus through
/// `Display` escapes literals one character at a time and was a fifth of
/// the rendering; terms that need no escaping (nearly all) are copied
/// whole here, and any other goes through `Display`.
pub(crate) trait Text {
    fn write_text(&self, out: &mut String);
}

impl Text for QuadRef<'_> {
    fn write_text(&self, out: &mut String) {
        write_triple_text(self.subject, self.predicate, self.object, out);
        match self.graph_name {
            GraphNameRef::NamedNode(g) => {
                out.push(' ');
                write_term_text(TermRef::NamedNode(g), out);
            }
            GraphNameRef::DefaultGraph => {}
            other => write!(out, " {other}").expect("writing into a String cannot fail"),
        }
    }
}

impl Text for TripleRef<'_> {
    fn write_text(&self, out: &mut String) {
        write_triple_text(self.subject, self.predicate, self.object, out);
    }
}

impl Text for Quad {
    fn write_text(&self, out: &mut String) {
        self.as_ref().write_text(out);
    }
}

impl Text for Triple {
    fn write_text(&self, out: &mut String) {
        self.as_ref().write_text(out);
    }
}

fn write_triple_text(s: NamedOrBlankNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, out: &mut String) {
    write_term_text(s.into(), out);
    out.push(' ');
    write_term_text(p.into(), out);
    out.push(' ');
    write_term_text(o, out);
}

fn write_term_text(term: TermRef<'_>, out: &mut String) {
    match term {
        TermRef::NamedNode(n) => {
            out.push('<');
            out.push_str(n.as_str());
            out.push('>');
        }
        TermRef::Literal(l) if !l.value().chars().any(needs_escape) => {
            out.push('"');
            out.push_str(l.value());
            out.push('"');
            if let Some(language) = l.language() {
                out.push('@');
                out.push_str(language);
            } else if l.datatype() != oxigraph::model::vocab::xsd::STRING {
                out.push_str("^^<");
                out.push_str(l.datatype().as_str());
                out.push('>');
            }
        }
        other => write!(out, "{other}").expect("writing into a String cannot fail"),
    }
}

/// The characters N-Triples writes escaped inside a literal.
fn needs_escape(c: char) -> bool {
    matches!(c, '"' | '\\' | '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Writes N-Quads, one quad per line, in the given order.
pub fn write_nquads<W: Write>(quads: &[Quad], writer: W) -> io::Result<W> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(writer);
    for quad in quads {
        serializer.serialize_quad(quad)?;
    }
    serializer.finish()
}

/// Writes Turtle with the prefixes of `vocab::PREFIXES`, triples in the given
/// order (sorted triples group each subject's statements together).
pub fn write_turtle<W: Write>(triples: &[Triple], writer: W) -> io::Result<W> {
    let mut serializer = turtle_serializer().for_writer(writer);
    for triple in triples {
        serializer.serialize_triple(triple)?;
    }
    serializer.finish()
}

/// Turtle statements for `triples`, in their order, with the export
/// prefixes but without the `@prefix` header (`turtle_header`), so that the
/// statements of many documents concatenate into one file. Empty for none.
pub fn turtle_statements<'a, T: Into<TripleRef<'a>>>(triples: impl IntoIterator<Item = T>) -> Vec<u8> {
    let mut serializer = turtle_serializer().for_writer(Vec::new());
    for triple in triples {
        serializer.serialize_triple(triple).expect("writing into memory cannot fail");
    }
    let mut text = serializer.finish().expect("writing into memory cannot fail");
    let header = turtle_header();
    if !text.is_empty() {
        debug_assert!(text.starts_with(header), "the serializer opens with its prefixes");
        text.drain(..header.len());
    }
    text
}

/// The `@prefix` lines a Turtle serializer writes before its first
/// statement, as it writes them: everything before a statement whose IRIs
/// match no prefix.
pub fn turtle_header() -> &'static [u8] {
    static HEADER: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        let probe = NamedNode::new_unchecked("urn:zhkg:probe");
        let mut serializer = turtle_serializer().for_writer(Vec::new());
        let triple = Triple::new(probe.clone(), probe.clone(), probe);
        serializer.serialize_triple(&triple).expect("writing into memory cannot fail");
        let mut text = serializer.finish().expect("writing into memory cannot fail");
        let at = text.windows(b"<urn:zhkg:probe>".len()).position(|w| w == b"<urn:zhkg:probe>").expect("the probe");
        text.truncate(at);
        text
    });
    &HEADER
}

/// A Turtle serializer that knows the export prefixes.
pub fn turtle_serializer() -> RdfSerializer {
    PREFIXES.iter().fold(RdfSerializer::from_format(RdfFormat::Turtle), |s, (name, iri)| {
        s.with_prefix(*name, *iri).expect("vocabulary namespaces are valid IRIs")
    })
}

/// The quads of a graph as they were emitted: each distinct node or literal
/// once in `terms`, and statements that refer to them by index. A document
/// states each mention, sentence and entity node many times over; owned
/// `Quad`s would allocate and free all four terms of every one of them.
struct Emitted {
    terms: Vec<Term>,
    statements: Vec<Statement>,
}

/// An index into `Emitted::terms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TermId(u32);

struct Statement {
    graph: TermId,
    subject: TermId,
    predicate: NamedNodeRef<'static>,
    object: StoredObject,
}

enum StoredObject {
    Vocabulary(NamedNodeRef<'static>),
    Known(TermId),
}

/// An object given to `Emitter::add`: a vocabulary term, a term already in
/// `terms`, or a new one for `add` to put there.
enum Object {
    Vocabulary(NamedNodeRef<'static>),
    Known(TermId),
    New(Term),
}

impl From<NamedNodeRef<'static>> for Object {
    fn from(node: NamedNodeRef<'static>) -> Self {
        Self::Vocabulary(node)
    }
}

impl From<TermId> for Object {
    fn from(id: TermId) -> Self {
        Self::Known(id)
    }
}

impl From<Literal> for Object {
    fn from(literal: Literal) -> Self {
        Self::New(literal.into())
    }
}

impl Emitted {
    fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> {
        self.statements.iter().map(|s| {
            let object = match s.object {
                StoredObject::Vocabulary(node) => TermRef::NamedNode(node),
                StoredObject::Known(id) => self.term(id),
            };
            QuadRef::new(self.node(s.subject), s.predicate, object, self.node(s.graph))
        })
    }

    fn term(&self, id: TermId) -> TermRef<'_> {
        self.terms[id.0 as usize].as_ref()
    }

    fn node(&self, id: TermId) -> NamedNodeRef<'_> {
        match self.term(id) {
            TermRef::NamedNode(node) => node,
            _ => unreachable!("subjects and graphs are stored as named nodes"),
        }
    }
}

/// Collects quads, each into the graph of the document it was read from.
struct Emitter<'a> {
    iris: &'a Iris,
    docs: BTreeMap<&'a DocId, &'a DocumentInfo>,
    emitted: Emitted,
    /// Entities, sentences and rules already described in a document's
    /// graph: most facts share them, and describing them again would only
    /// make quads for the sort to drop (a sentence's text among them).
    described: HashSet<(&'a DocId, Described<'a>)>,
    /// Nodes minted once and stated many times: documents (each also its
    /// graph), entities and rules, and each document's sentences. Minting
    /// percent-encodes and hashes, and each is asked for at every mention.
    minted: HashMap<Minted<'a>, TermId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Described<'a> {
    Entity(&'a EntityKey),
    Sentence(usize),
    Rule(&'a RuleRef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Minted<'a> {
    Document(&'a DocId),
    Sentence(&'a DocId, usize),
    Entity(&'a EntityKey),
    Rule(&'a RuleRef),
}

impl<'a> Emitter<'a> {
    fn new(kg: &'a KnowledgeGraph, iris: &'a Iris) -> Self {
        let docs = kg.documents().map(|d| (&d.id, d)).collect();
        let emitted = Emitted { terms: Vec::new(), statements: Vec::new() };
        Self { iris, docs, emitted, described: HashSet::new(), minted: HashMap::new() }
    }

    /// True the first time `what` is asked about in `doc`'s graph.
    fn first_time(&mut self, doc: &'a DocId, what: Described<'a>) -> bool {
        self.described.insert((doc, what))
    }

    fn add(&mut self, doc: &'a DocId, s: TermId, p: NamedNodeRef<'static>, o: impl Into<Object>) {
        let graph = self.doc_node(doc);
        let object = match o.into() {
            Object::Vocabulary(node) => StoredObject::Vocabulary(node),
            Object::Known(id) => StoredObject::Known(id),
            Object::New(term) => StoredObject::Known(self.store(term)),
        };
        self.emitted.statements.push(Statement { graph, subject: s, predicate: p, object });
    }

    fn store(&mut self, term: impl Into<Term>) -> TermId {
        let id = u32::try_from(self.emitted.terms.len()).expect("fewer than 2^32 terms in one render");
        self.emitted.terms.push(term.into());
        TermId(id)
    }

    /// The node of `what`, minted by `mint` the first time it is asked for.
    fn minted(&mut self, what: Minted<'a>, mint: impl FnOnce(&Iris) -> NamedNode) -> TermId {
        if let Some(id) = self.minted.get(&what) {
            return *id;
        }
        let id = self.store(mint(self.iris));
        self.minted.insert(what, id);
        id
    }

    /// `B/doc/ID`: the document, and the graph its statements go in.
    fn doc_node(&mut self, doc: &'a DocId) -> TermId {
        self.minted(Minted::Document(doc), |iris| iris.doc(doc))
    }

    fn document(&mut self, d: &'a DocumentInfo) {
        let node = self.doc_node(&d.id);
        self.add(&d.id, node, rdf::TYPE, zhkg::DOCUMENT);
        self.add(&d.id, node, rdf::TYPE, nif::CONTEXT);
        self.add(&d.id, node, rdfs::LABEL, Literal::new_simple_literal(&d.file_name));
        self.add(&d.id, node, nif::BEGIN_INDEX, integer(0));
        self.add(&d.id, node, nif::END_INDEX, integer(d.char_len));
    }

    /// `a schema:Person; rdfs:label "…"@zh`, in the graph of `doc`.
    fn entity(&mut self, doc: &'a DocId, key: &'a EntityKey) -> TermId {
        let node = self.entity_node(key);
        if self.first_time(doc, Described::Entity(key)) {
            self.add(doc, node, rdf::TYPE, entity_class(key.ty));
            self.add(doc, node, rdfs::LABEL, zh(&key.name));
        }
        node
    }

    fn mentions(&mut self, doc: &'a DocId, key: &'a EntityKey, mentions: &'a [Mention]) {
        let entity = self.entity(doc, key);
        let doc_node = self.doc_node(doc);
        self.add(doc, doc_node, schema::MENTIONS, entity);
        for m in mentions {
            if m.surface != key.name {
                self.add(doc, entity, skos::ALT_LABEL, zh(&m.surface));
            }
            let node = self.store(self.iris.mention(&m.prov.doc, m.prov.span));
            self.add(doc, node, rdf::TYPE, nif::PHRASE);
            self.add(doc, node, nif::ANCHOR_OF, zh(&m.surface));
            self.add(doc, node, itsrdf::TA_IDENT_REF, entity);
            self.span(node, &m.prov.doc, m.prov.span);
            let sentence = self.sentence(&m.prov);
            self.add(doc, node, nif::SENTENCE_PROPERTY, sentence);
            let rule = self.rule(doc, &m.prov.rule);
            self.add(doc, node, prov::WAS_GENERATED_BY, rule);
        }
    }

    fn relation(
        &mut self,
        s: &'a EntityKey,
        kind: RelationKind,
        o: &'a EntityKey,
        role: Option<&str>,
        support: &'a [Provenance],
    ) {
        let predicate = relation_predicate(kind, s.ty);
        for p in support {
            let doc = &p.doc;
            let (subject, object) = (self.entity(doc, s), self.entity(doc, o));
            self.add(doc, subject, predicate, object);
            let sentence = self.sentence(p);
            if let (RelationKind::Affiliation, Some(role)) = (kind, role) {
                let membership = self.membership(doc, s, o, role);
                self.add(doc, membership, prov::WAS_DERIVED_FROM, sentence);
            }
            let key = AssertionKey { subject: s, kind, object: o, role, doc, span: p.span, rule: p.rule.id() };
            let node = self.store(self.iris.assertion(&key));
            self.add(doc, node, rdf::TYPE, rdf::STATEMENT);
            self.add(doc, node, rdf::SUBJECT, subject);
            self.add(doc, node, rdf::PREDICATE, predicate);
            self.add(doc, node, rdf::OBJECT, object);
            if let Some(role) = role {
                self.add(doc, node, zhkg::ROLE, zh(role));
            }
            self.derivation(node, p, sentence);
        }
    }

    /// `org:Membership` of `person` in `org` as `role`, with the role node.
    fn membership(&mut self, doc: &'a DocId, person: &'a EntityKey, org: &'a EntityKey, role: &str) -> TermId {
        let node = self.store(self.iris.membership(person, org, role));
        let role_node = self.store(self.iris.role(role));
        self.add(doc, role_node, rdf::TYPE, org::ROLE);
        self.add(doc, role_node, rdfs::LABEL, zh(role));
        self.add(doc, node, rdf::TYPE, org::MEMBERSHIP);
        let (member, organization) = (self.entity_node(person), self.entity_node(org));
        self.add(doc, node, org::MEMBER, member);
        self.add(doc, node, org::ORGANIZATION, organization);
        self.add(doc, node, org::ROLE_PROPERTY, role_node);
        node
    }

    /// An entity's node, without describing the entity.
    fn entity_node(&mut self, key: &'a EntityKey) -> TermId {
        self.minted(Minted::Entity(key), |iris| iris.entity(key))
    }

    fn figure(&mut self, f: &'a Figure) {
        let doc = &f.prov.doc;
        let node = self.store(self.iris.figure(f));
        self.add(doc, node, rdf::TYPE, zhkg::FIGURE);
        self.add(doc, node, zhkg::TEXT, Literal::new_simple_literal(&f.text));
        if let Some(value) = number(f.value) {
            self.add(doc, node, schema::VALUE, value);
        }
        self.add(doc, node, schema::UNIT_TEXT, Literal::new_simple_literal(&f.unit));
        let optional = [(zhkg::QUALIFIER, &f.qualifier), (zhkg::MEASURE, &f.measure), (zhkg::PERIOD, &f.period)];
        for (p, text) in optional {
            if let Some(text) = text {
                self.add(doc, node, p, zh(text));
            }
        }
        if let Some(subject) = &f.subject {
            let entity = self.entity(doc, subject);
            self.add(doc, node, zhkg::ABOUT, entity);
        }
        let sentence = self.sentence(&f.prov);
        self.derivation(node, &f.prov, sentence);
    }

    fn quote(&mut self, q: &'a Quote) {
        let doc = &q.prov.doc;
        let node = self.store(self.iris.quote(q));
        let speaker = self.entity(doc, &q.speaker);
        self.add(doc, node, rdf::TYPE, schema::QUOTATION);
        self.add(doc, node, schema::SPOKEN_BY_CHARACTER, speaker);
        self.add(doc, node, schema::TEXT, zh(&q.text));
        self.add(doc, node, zhkg::DIRECT, Literal::from(q.direct));
        let sentence = self.sentence(&q.prov);
        self.derivation(node, &q.prov, sentence);
    }

    /// Sentence, rule, document and span behind a derived node.
    fn derivation(&mut self, node: TermId, p: &'a Provenance, sentence: TermId) {
        self.add(&p.doc, node, prov::WAS_DERIVED_FROM, sentence);
        let rule = self.rule(&p.doc, &p.rule);
        self.add(&p.doc, node, prov::WAS_GENERATED_BY, rule);
        self.span(node, &p.doc, p.span);
    }

    fn span(&mut self, node: TermId, doc: &'a DocId, span: Span) {
        let doc_node = self.doc_node(doc);
        self.add(doc, node, nif::REFERENCE_CONTEXT, doc_node);
        self.add(doc, node, nif::BEGIN_INDEX, integer(span.start));
        self.add(doc, node, nif::END_INDEX, integer(span.end));
    }

    /// The sentence a fact was read from; its text and extent when the
    /// document knows the sentence.
    fn sentence(&mut self, p: &'a Provenance) -> TermId {
        let node = self.minted(Minted::Sentence(&p.doc, p.sentence), |iris| iris.sentence(&p.doc, p.sentence));
        if !self.first_time(&p.doc, Described::Sentence(p.sentence)) {
            return node;
        }
        self.add(&p.doc, node, rdf::TYPE, nif::SENTENCE);
        let doc_node = self.doc_node(&p.doc);
        self.add(&p.doc, node, nif::REFERENCE_CONTEXT, doc_node);
        let known = self.docs.get(&p.doc).and_then(|d| d.sentences.get(p.sentence));
        if let Some(s) = known {
            self.add(&p.doc, node, nif::BEGIN_INDEX, integer(s.span.start));
            self.add(&p.doc, node, nif::END_INDEX, integer(s.span.end));
            self.add(&p.doc, node, nif::ANCHOR_OF, zh(&s.text));
        }
        node
    }

    fn rule(&mut self, doc: &'a DocId, rule: &'a RuleRef) -> TermId {
        let node = self.minted(Minted::Rule(rule), |iris| iris.rule(rule));
        if !self.first_time(doc, Described::Rule(rule)) {
            return node;
        }
        self.add(doc, node, rdf::TYPE, zhkg::RULE);
        // prov:wasGeneratedBy ranges over activities: the node stands for
        // the rule's application, not for the rule text as a plan.
        self.add(doc, node, rdf::TYPE, prov::ACTIVITY);
        self.add(doc, node, rdfs::LABEL, Literal::new_simple_literal(rule.id()));
        self.add(doc, node, zhkg::RULE_FILE, Literal::new_simple_literal(rule.file()));
        self.add(doc, node, zhkg::RULE_LINE, integer(rule.line()));
        node
    }
}

fn entity_class(ty: EntityType) -> NamedNodeRef<'static> {
    match ty {
        EntityType::Person => schema::PERSON,
        EntityType::Organization => schema::ORGANIZATION,
        EntityType::Place => schema::PLACE,
        EntityType::Industry => zhkg::INDUSTRY,
    }
}

/// `locatedIn` is `schema:containedInPlace` between places and
/// `schema:location` for anything else located in a place.
fn relation_predicate(kind: RelationKind, subject: EntityType) -> NamedNodeRef<'static> {
    match (kind, subject) {
        (RelationKind::Affiliation, _) => schema::AFFILIATION,
        (RelationKind::PartOf, _) => schema::PARENT_ORGANIZATION,
        (RelationKind::LocatedIn, EntityType::Place) => schema::CONTAINED_IN_PLACE,
        (RelationKind::LocatedIn, _) => schema::LOCATION,
    }
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

fn integer(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

/// `xsd:integer` when whole, `xsd:decimal` otherwise; nothing for NaN or ±∞.
fn number(v: f64) -> Option<Literal> {
    let datatype = if v.fract() == 0.0 { xsd::INTEGER } else { xsd::DECIMAL };
    format_number(v).map(|text| Literal::new_typed_literal(text, datatype))
}
