//! The facts extracted from one document, after resolution: entities are
//! referred to by their `EntityKey` (type + canonical name).

use std::fmt;

use super::provenance::{DocId, DocumentInfo, Provenance};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum EntityType {
    Person,
    Organization,
    Place,
    Industry,
}

impl EntityType {
    pub const ALL: [EntityType; 4] =
        [EntityType::Person, EntityType::Organization, EntityType::Place, EntityType::Industry];

    /// The name used in gold files, `annotate` output and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
            EntityType::Industry => "Industry",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Identity of a real-world entity: its type and canonical name, and for a
/// name that means another body in each document (市委, 国会: rules with
/// `identity = "document"`) its document. IRIs and GraphML ids are derived
/// from it alone, so they are stable across runs, machines and shards.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct EntityKey {
    pub ty: EntityType,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocId>,
}

impl EntityKey {
    pub fn new(ty: EntityType, name: impl Into<String>) -> Self {
        Self { ty, name: name.into(), document: None }
    }

    /// The entity of this name in document `doc` only.
    pub fn in_document(ty: EntityType, name: impl Into<String>, doc: DocId) -> Self {
        Self { ty, name: name.into(), document: Some(doc) }
    }
}

impl fmt::Display for EntityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.ty, self.name)?;
        match &self.document {
            Some(doc) => write!(f, "@{}", doc.0),
            None => Ok(()),
        }
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub entity: EntityKey,
    /// The form as written (repaired: no spurious spaces), e.g. `深圳` for 深圳市.
    pub surface: String,
    pub prov: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum RelationKind {
    /// Person → Organization (or Place, for 常州市副市长), with a role.
    Affiliation,
    /// Organization → Organization: sub-unit to parent.
    PartOf,
    /// Place or Organization → Place.
    LocatedIn,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [RelationKind::Affiliation, RelationKind::PartOf, RelationKind::LocatedIn];

    /// The name used in gold files and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Affiliation => "affiliation",
            RelationKind::PartOf => "partOf",
            RelationKind::LocatedIn => "locatedIn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelationFact {
    pub kind: RelationKind,
    pub subject: EntityKey,
    pub object: EntityKey,
    /// The title for an affiliation (`副局长`), when the text gives one.
    pub role: Option<String>,
    pub prov: Provenance,
}

/// A statistical figure: "前海累计推出835项制度创新成果".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// Number and unit as written, spaces removed: `835项`, `5.5万家`.
    pub text: String,
    /// The number as written: 5.5 for `5.5万家`.
    pub value: f64,
    /// What follows the number: `项`, `万家`, `%`.
    pub unit: String,
    /// 近, 约, 超, 累计…
    pub qualifier: Option<String>,
    /// What is counted: `制度创新成果`.
    pub measure: Option<String>,
    /// The entity the figure is about.
    pub subject: Option<EntityKey>,
    /// The period: `今年前4个月`, `2023年`.
    pub period: Option<String>,
    pub prov: Provenance,
}

/// An attributed statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    pub speaker: EntityKey,
    /// The statement, repaired text.
    pub text: String,
    /// True for “…” quotations, false for reported speech (黄汉权认为，…).
    pub direct: bool,
    pub prov: Provenance,
}

/// Everything extracted from one document, resolved to entity keys.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocFacts {
    pub doc: DocumentInfo,
    pub mentions: Vec<Mention>,
    pub relations: Vec<RelationFact>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
}
