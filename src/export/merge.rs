//! Merging shard runs: the RDF of `zhkg extract --shard I/N` runs, joined.
//!
//! Input: the out folders of shard runs, in shard order. Output: graph.nq
//! (the shards' files concatenated, streamed) and graph.ttl (rebuilt from
//! them, with each shared triple once), staged and renamed into place like
//! every export. Because IRIs come from content and each document's graph is
//! written whole by the shard that read it, the result is byte for byte what
//! one run over every document writes. GraphML and CSV stay per shard: they
//! are views for a desktop tool or a data frame, not for a whole archive.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;

use super::{rdf, ExportError, ExportOptions, Iris, Staged, TurtleStage, NQUADS_FILE};

/// Writes `dir/graph.nq` and `dir/graph.ttl` from the shards' graph.nq files.
pub fn merge_rdf(shards: &[PathBuf], dir: &Path, opts: &ExportOptions) -> Result<Vec<PathBuf>, ExportError> {
    let iris = Iris::new(&opts.base)?;
    std::fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir { path: dir.into(), source })?;
    let mut nquads = Staged::create(dir, NQUADS_FILE)?;
    let mut turtle = TurtleStage::create(dir)?;
    for shard in shards {
        let path = shard.join(NQUADS_FILE);
        let read_error = |source| ExportError::Read { path: path.clone(), source };
        let mut file = File::open(&path).map_err(read_error)?;
        nquads.append_from(&mut file)?;
        let reader = BufReader::new(File::open(&path).map_err(read_error)?);
        // A document's quads are contiguous: its own triples are written
        // together when its graph ends, as `extract` writes them.
        let mut graph = None;
        let mut local = Vec::new();
        for quad in RdfParser::from_format(RdfFormat::NQuads).for_reader(reader) {
            let quad = quad.map_err(|source| ExportError::Parse { path: path.clone(), source })?;
            if graph.as_ref() != Some(&quad.graph_name) {
                turtle.local(&rdf::turtle_statements(&local))?;
                local.clear();
                graph = Some(quad.graph_name.clone());
            }
            let triple = Triple::from(quad);
            if iris.is_document_local(triple.subject.as_ref()) {
                local.push(triple);
            } else {
                turtle.shared(triple.to_string(), triple);
            }
        }
        turtle.local(&rdf::turtle_statements(&local))?;
    }
    let mut staged = [turtle.finish()?, nquads];
    for file in &mut staged {
        file.flush_and_sync()?;
    }
    staged.into_iter().map(Staged::commit).collect()
}
