//! Plain data shared by every stage: documents, spans, provenance and the facts
//! extracted from one document.
//!
//! Input: nothing; this module only defines types. Output: the vocabulary that
//! `normalize`, `extract`, `resolve`, `graph`, `export` and `eval` speak.
//! Offsets are always counted in characters (Unicode scalar values) of the
//! *source file*, end exclusive, so every fact points back at the original text.

mod facts;
mod provenance;

pub use facts::{DocFacts, EntityKey, EntityType, Figure, Mention, Quote, RelationFact, RelationKind};
pub use provenance::{DocId, DocumentInfo, Provenance, RuleRef, Sentence, Span};
