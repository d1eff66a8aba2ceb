//! What the TOML rule files say, before any checking. Each struct mirrors a
//! file and denies unknown keys, so a typo is an error rather than a rule that
//! silently does nothing. `Spanned` keeps each rule's position for messages
//! and provenance.

use serde::Deserialize;
use toml::Spanned;

/// `normalize.toml`: lines of page furniture dropped before extraction.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeFile {
    #[serde(default)]
    pub furniture: Vec<Spanned<FurniturePattern>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurniturePattern {
    pub id: String,
    pub pattern: String,
    #[serde(default)]
    pub examples: Vec<String>,
}

/// `entities.toml`: how mentions of people, organizations, places and
/// industries are found.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RawEntityRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntityRule {
    pub id: String,
    /// Person | Organization | Place | Industry
    #[serde(rename = "type")]
    pub ty: String,
    /// gazetteer | pattern | suffix | tagger
    pub kind: String,
    /// For `gazetteer`: which list (`places`, `industries`, `organizations`).
    pub lexicon: Option<String>,
    /// For `pattern`: a regex with a group `name` marking the entity.
    pub pattern: Option<String>,
    /// For `tagger`: the jieba part-of-speech tag (`nr`, `ns`, `nt`).
    pub tag: Option<String>,
    /// Higher wins when two mentions overlap with the same length.
    #[serde(default)]
    pub priority: i32,
    /// For `suffix`: the longest name part before the suffix, in characters.
    pub max_prefix: Option<usize>,
    /// `corpus` (default): one entity per name across the corpus; `document`:
    /// one per name and document, for names that mean another body in each
    /// document (市委, 国会).
    pub identity: Option<String>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
}

/// A sentence and what a rule must (and must not) find in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: String,
    #[serde(default)]
    pub expect: Vec<String>,
    #[serde(default)]
    pub reject: Vec<String>,
}

/// `relations.toml`, `quotes.toml`, `figures.toml`: patterns over a sentence
/// in which each entity mention stands as one placeholder (`{PER}`, `{ORG}`…).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RawPatternRule>>,
    /// figures.toml only: how periods (`2023年`, `今年前4个月`) are written.
    #[serde(default)]
    pub period: Vec<Spanned<FurniturePattern>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPatternRule {
    pub id: String,
    /// relations: affiliation | partOf | locatedIn; quotes: direct | reported;
    /// figures: figure.
    pub kind: String,
    pub pattern: String,
    /// relations only: `hierarchy` demands that the gazetteer confirms the
    /// containment (广西柳州: 柳州 is in 广西).
    pub require: Option<String>,
    /// relations only: `sentence` (default) or `name`, to match inside one
    /// mention's name (深圳市前海管理局: the organization is in 深圳市).
    pub scope: Option<String>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
}

/// `aliases.toml`: other names of one organization or place.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasFile {
    #[serde(default)]
    pub organization: Vec<Spanned<RawAlias>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlias {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}
