//! zhkg turns Chinese news and policy text into a knowledge graph.
//!
//! The pipeline, one stage per folder: `rules` reads and checks the rule
//! folder; `normalize` repairs OCR/PDF text and keeps a map back to source
//! offsets; `segment` cuts sentences into words with jieba-rs and the rule
//! lexicons; `extract` finds entity mentions, relations, figures and quotes;
//! `resolve` gives each entity its canonical name; `graph` gathers every
//! document's facts into a petgraph graph; `export` writes RDF, GraphML and
//! CSV; `query` runs SPARQL over the result with oxigraph; `eval` scores the
//! output against gold graphs and NER corpora. `pipeline` connects them.

pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod query;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod system;
