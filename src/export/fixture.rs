//! A small hand-made corpus for export and query tests: two documents with
//! one fact of every kind, offsets computed from the text so they are right.

use crate::graph::KnowledgeGraph;
use crate::model::{
    DocFacts, DocId, DocumentInfo, EntityKey, EntityType, Figure, Mention, Provenance, Quote, RelationFact,
    RelationKind, RuleRef, Sentence, Span,
};

pub const DOC: &str = "000_qianhai";
pub const OTHER_DOC: &str = "001_other";

const SENTENCES: [&str; 5] = [
    "深圳市前海管理局副局长王锦侠表示，前海累计推出835项制度创新成果。",
    "中国科学院高能物理研究所是中国科学院下属单位。",
    "王锦侠说：“前海将继续扩大开放。”",
    "前海位于深圳。",
    "今年前4个月，前海新增企业5.5万家。",
];

const OTHER_SENTENCES: [&str; 1] = ["深圳市前海管理局副局长王锦侠出席会议。"];

/// Builds the fixture's `KnowledgeGraph`.
pub fn graph() -> KnowledgeGraph {
    KnowledgeGraph::build(docs())
}

/// The fixture's documents, before they become a graph.
pub fn docs() -> Vec<DocFacts> {
    vec![qianhai(), other()]
}

fn person(name: &str) -> EntityKey {
    EntityKey::new(EntityType::Person, name)
}
fn org(name: &str) -> EntityKey {
    EntityKey::new(EntityType::Organization, name)
}
fn place(name: &str) -> EntityKey {
    EntityKey::new(EntityType::Place, name)
}

/// A document's text and sentences, with offsets found by searching the text.
struct Text {
    id: DocId,
    sentences: Vec<Sentence>,
}

impl Text {
    fn new(id: &str, sentences: &[&str]) -> Self {
        let mut start = 0;
        let sentences = sentences
            .iter()
            .map(|s| {
                let end = start + s.chars().count();
                let sentence = Sentence { span: Span::new(start, end), text: s.to_string() };
                start = end;
                sentence
            })
            .collect();
        Self { id: DocId(id.into()), sentences }
    }

    /// Provenance of the first occurrence of `needle` in sentence `index`.
    fn prov(&self, index: usize, needle: &str, rule: &RuleRef) -> Provenance {
        let sentence = &self.sentences[index];
        let byte = sentence.text.find(needle).unwrap_or_else(|| panic!("{needle} not in sentence {index}"));
        let start = sentence.span.start + sentence.text[..byte].chars().count();
        let span = Span::new(start, start + needle.chars().count());
        Provenance { doc: self.id.clone(), sentence: index, span, rule: rule.clone() }
    }

    fn mention(&self, index: usize, surface: &str, entity: EntityKey, rule: &RuleRef) -> Mention {
        Mention { entity, surface: surface.into(), prov: self.prov(index, surface, rule) }
    }

    fn info(&self) -> DocumentInfo {
        DocumentInfo {
            id: self.id.clone(),
            file_name: format!("{}.txt", self.id),
            char_len: self.sentences.last().map_or(0, |s| s.span.end),
            sentences: self.sentences.clone(),
        }
    }
}

fn lexicon() -> RuleRef {
    RuleRef::new("mention.lexicon", "lexicon.toml", 3)
}

fn relation(
    kind: RelationKind,
    subject: EntityKey,
    object: EntityKey,
    role: Option<&str>,
    prov: Provenance,
) -> RelationFact {
    RelationFact { kind, subject, object, role: role.map(Into::into), prov }
}

fn qianhai() -> DocFacts {
    let t = Text::new(DOC, &SENTENCES);
    let lex = lexicon();
    let affiliation = RuleRef::new("affiliation.org-role-person", "relations.toml", 12);
    let located = RuleRef::new("located.org-prefix", "relations.toml", 30);
    let part_of = RuleRef::new("partof.suffix", "relations.toml", 40);
    let contained = RuleRef::new("located.place-in-place", "relations.toml", 50);
    let figure = RuleRef::new("figure.count", "figures.toml", 7);
    let quote = RuleRef::new("quote.colon-quotes", "quotes.toml", 4);
    let mentions = vec![
        t.mention(0, "深圳市前海管理局", org("深圳市前海管理局"), &lex),
        t.mention(0, "王锦侠", person("王锦侠"), &lex),
        t.mention(1, "中国科学院高能物理研究所", org("中国科学院高能物理研究所"), &lex),
        t.mention(2, "王锦侠", person("王锦侠"), &lex),
        t.mention(3, "前海", place("前海"), &lex),
        t.mention(3, "深圳", place("深圳市"), &lex),
        t.mention(4, "前海", place("前海"), &lex),
    ];
    let relations = vec![
        relation(
            RelationKind::Affiliation,
            person("王锦侠"),
            org("深圳市前海管理局"),
            Some("副局长"),
            t.prov(0, "深圳市前海管理局副局长王锦侠", &affiliation),
        ),
        relation(
            RelationKind::LocatedIn,
            org("深圳市前海管理局"),
            place("深圳市"),
            None,
            t.prov(0, "深圳市前海管理局", &located),
        ),
        relation(
            RelationKind::PartOf,
            org("中国科学院高能物理研究所"),
            org("中国科学院"),
            None,
            t.prov(1, "中国科学院高能物理研究所是中国科学院下属单位", &part_of),
        ),
        relation(RelationKind::LocatedIn, place("前海"), place("深圳市"), None, t.prov(3, "前海位于深圳", &contained)),
    ];
    let figures = vec![
        Figure {
            text: "835项".into(),
            value: 835.0,
            unit: "项".into(),
            qualifier: Some("累计".into()),
            measure: Some("制度创新成果".into()),
            subject: Some(place("前海")),
            period: None,
            prov: t.prov(0, "835项", &figure),
        },
        Figure {
            text: "5.5万家".into(),
            value: 5.5,
            unit: "万家".into(),
            qualifier: None,
            measure: Some("企业".into()),
            subject: Some(place("前海")),
            period: Some("今年前4个月".into()),
            prov: t.prov(4, "5.5万家", &figure),
        },
    ];
    let quotes = vec![Quote {
        speaker: person("王锦侠"),
        text: "前海将继续扩大开放。".into(),
        direct: true,
        prov: t.prov(2, "前海将继续扩大开放。", &quote),
    }];
    DocFacts { doc: t.info(), mentions, relations, figures, quotes }
}

/// A second document restating the affiliation, so it has two supports.
fn other() -> DocFacts {
    let t = Text::new(OTHER_DOC, &OTHER_SENTENCES);
    let lex = lexicon();
    let affiliation = RuleRef::new("affiliation.org-role-person", "relations.toml", 12);
    DocFacts {
        doc: t.info(),
        mentions: vec![
            t.mention(0, "深圳市前海管理局", org("深圳市前海管理局"), &lex),
            t.mention(0, "王锦侠", person("王锦侠"), &lex),
        ],
        relations: vec![relation(
            RelationKind::Affiliation,
            person("王锦侠"),
            org("深圳市前海管理局"),
            Some("副局长"),
            t.prov(0, "深圳市前海管理局副局长王锦侠", &affiliation),
        )],
        figures: Vec::new(),
        quotes: Vec::new(),
    }
}
