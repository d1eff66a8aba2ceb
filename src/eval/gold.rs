//! The gold file format (gold/SCHEMA.md): what a correct graph of one document contains.
//!
//! Input: the JSON text of one gold file. Output: a `GoldDoc`, or an error naming
//! the file, line and column. Unknown fields and unknown types are errors, so a
//! typo in a gold file cannot silently drop a fact from the evaluation.

use serde::de::{Deserializer, Error as _};
use serde::Deserialize;

use super::EvalError;
use crate::model::{EntityType, RelationKind};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDoc {
    /// The seed file name, `000_c2695642805de2f9.txt`.
    pub doc: String,
    pub entities: Vec<GoldEntity>,
    pub figures: Vec<GoldFigure>,
    pub relations: Vec<GoldRelation>,
    pub quotes: Vec<GoldQuote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEntity {
    #[serde(rename = "type", deserialize_with = "entity_type")]
    pub ty: EntityType,
    /// The fullest form written in the document.
    pub name: String,
    /// Shorter forms used in the same document.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFigure {
    /// Number and unit as written, spaces removed: `5.5万家`.
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<String>,
    pub measure: Option<String>,
    /// Name (or alias) of a gold entity.
    pub subject: Option<String>,
    pub time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldRelation {
    #[serde(rename = "type", deserialize_with = "relation_kind")]
    pub kind: RelationKind,
    /// Names (or aliases) of gold entities.
    pub subject: String,
    pub object: String,
    /// The title, for affiliations; absent or null otherwise.
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    /// Name (or alias) of a gold Person.
    pub speaker: String,
    /// The first 10 to 14 characters of the statement, spaces removed.
    pub starts: String,
}

impl GoldDoc {
    /// The document id the gold is for: `doc` without `.txt`, as in `DocId`.
    pub fn doc_id(&self) -> &str {
        self.doc.strip_suffix(".txt").unwrap_or(&self.doc)
    }
}

/// Parses one gold file; `path` is only used to name the file in errors.
/// Error columns count characters, as editors do, where serde_json counts bytes.
pub fn parse_gold(json: &str, path: &str) -> Result<GoldDoc, EvalError> {
    serde_json::from_str(json).map_err(|e| EvalError::Gold {
        path: path.to_owned(),
        line: e.line(),
        column: char_column(json, e.line(), e.column()),
        message: without_position(&e),
    })
}

/// Converts serde_json's 1-based byte column to a 1-based character column.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    match text.split('\n').nth(line.saturating_sub(1)) {
        Some(line) => line.char_indices().take_while(|&(i, _)| i < byte_column).count(),
        None => byte_column,
    }
}

/// serde_json appends " at line L column C" to its messages; the path:line:column
/// prefix already says it.
fn without_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

const ENTITY_TYPES: &[&str] = &["Person", "Organization", "Place", "Industry"];
const RELATION_KINDS: &[&str] = &["affiliation", "partOf", "locatedIn"];

fn entity_type<'de, D: Deserializer<'de>>(d: D) -> Result<EntityType, D::Error> {
    let s = String::deserialize(d)?;
    EntityType::parse(&s).ok_or_else(|| D::Error::unknown_variant(&s, ENTITY_TYPES))
}

fn relation_kind<'de, D: Deserializer<'de>>(d: D) -> Result<RelationKind, D::Error> {
    let s = String::deserialize(d)?;
    RelationKind::parse(&s).ok_or_else(|| D::Error::unknown_variant(&s, RELATION_KINDS))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const SMALL: &str = r#"{
  "doc": "t.txt",
  "entities": [{"type": "Place", "name": "深圳市", "aliases": ["深圳"]}],
  "figures": [{"text": "835项", "value": 835, "unit": "项", "qualifier": "累计",
               "measure": "制度创新成果", "subject": "深圳市", "time": null}],
  "relations": [{"type": "locatedIn", "subject": "前海", "object": "深圳"}],
  "quotes": [{"speaker": "王锦侠", "starts": "发展新质生产力，给前海带来"}]
}"#;

    #[test]
    fn parses_the_schema_example() {
        let gold = parse_gold(SMALL, "t.json").unwrap();
        assert_eq!(gold.doc_id(), "t");
        assert_eq!(gold.entities[0].ty, EntityType::Place);
        assert_eq!(gold.entities[0].aliases, ["深圳"]);
        assert_eq!(gold.figures[0].value, 835.0);
        assert_eq!(gold.figures[0].time, None);
        assert_eq!(gold.relations[0].kind, RelationKind::LocatedIn);
        assert_eq!(gold.relations[0].role, None);
        assert_eq!(gold.quotes[0].speaker, "王锦侠");
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let err = parse_gold("{\n  \"doc\": \"t.txt\",\n  \"entities\": [,]\n}", "gold/t.json").unwrap_err();
        assert_eq!(err.to_string(), "gold/t.json:3:16: expected value");
    }

    #[test]
    fn error_column_counts_characters() {
        let err = parse_gold("{\"doc\": \"深圳\" \"entities\": []}", "t.json").unwrap_err();
        assert_eq!(err.to_string(), "t.json:1:14: expected `,` or `}`");
    }

    #[test]
    fn unknown_field_is_an_error_with_position() {
        let json = SMALL.replace("\"aliases\"", "\"alias\"");
        let err = parse_gold(&json, "gold/t.json").unwrap_err().to_string();
        assert!(err.starts_with("gold/t.json:3:"), "{err}");
        assert!(err.contains("unknown field `alias`"), "{err}");
    }

    #[test]
    fn unknown_type_is_an_error() {
        let json = SMALL.replace("\"Place\"", "\"City\"");
        let err = parse_gold(&json, "t.json").unwrap_err().to_string();
        assert!(err.contains("unknown variant `City`, expected one of"), "{err}");
        let json = SMALL.replace("locatedIn", "locatedAt");
        let err = parse_gold(&json, "t.json").unwrap_err().to_string();
        assert!(err.starts_with("t.json:6:"), "{err}");
    }

    #[test]
    fn real_gold_files_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold");
        for name in ["000_c2695642805de2f9.json", "002_02b36b855911883c.json"] {
            let path = dir.join(name);
            let Ok(json) = std::fs::read_to_string(&path) else {
                eprintln!("skipped: {} is absent", path.display());
                continue;
            };
            let gold = parse_gold(&json, &path.display().to_string()).unwrap();
            assert_eq!(gold.doc, name.replace(".json", ".txt"));
            assert!(!gold.entities.is_empty() && !gold.relations.is_empty());
        }
    }
}
