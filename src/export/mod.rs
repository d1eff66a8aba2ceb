//! Export: writes the knowledge graph as RDF, GraphML and CSV.
//!
//! Input: a `KnowledgeGraph` and the base under which IRIs are minted.
//! Output: `graph.ttl`, `graph.nq`, `graph.graphml` and five CSV tables in one
//! folder. The same graph always gives byte-identical files: every list is
//! sorted, names are derived from content (`names`), numbers are printed one
//! way. Each file is written to a temporary file beside it and renamed into
//! place only once every file is complete, so a failed run leaves the previous
//! outputs untouched and no half-written file.
//!
//! The pieces can be used alone: `rdf::quads` (then `rdf::write_nquads`,
//! `rdf::write_turtle`), `GraphMlSerializer`, `CsvSerializer`.

pub mod csv;
pub mod graphml;
pub mod names;
pub mod rdf;
pub mod vocab;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use self::csv::{CsvSerializer, Table, WriterCsvSerializer};
pub use self::graphml::{GraphMlSerializer, WriterGraphMlSerializer};
pub use self::names::Iris;
use crate::graph::KnowledgeGraph;

/// The Turtle file: the union of every document graph.
pub const TURTLE_FILE: &str = "graph.ttl";
/// The N-Quads file: one named graph per document. `query` loads this one.
pub const NQUADS_FILE: &str = "graph.nq";
pub const GRAPHML_FILE: &str = "graph.graphml";

/// The base of resource IRIs unless the user gives another.
pub const DEFAULT_BASE: &str = "https://w3id.org/zhkg/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Prefix of every IRI minted; must be an absolute IRI ending in `/`.
    pub base: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { base: DEFAULT_BASE.into() }
    }
}

/// What went wrong, and where. The underlying error is the `source()`, not
/// repeated in the message: print with `{:#}` (anyhow) to see the chain.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("invalid base IRI {base:?}: {reason}")]
    InvalidBase { base: String, reason: String },
    #[error("creating folder {}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("writing {}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Writes graph.ttl, graph.nq, graph.graphml, entities.csv, edges.csv,
/// mentions.csv, figures.csv and quotes.csv into `dir` (created if missing),
/// atomically per file, and returns the paths written.
pub fn write_all(kg: &KnowledgeGraph, dir: &Path, opts: &ExportOptions) -> Result<Vec<PathBuf>, ExportError> {
    let iris = Iris::new(&opts.base)?;
    fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir { path: dir.into(), source })?;
    let quads = rdf::quads_with(kg, &iris);
    let mut staged = vec![
        Staged::write(dir, TURTLE_FILE, |w| rdf::write_turtle(&rdf::triples(&quads), w).map(drop))?,
        Staged::write(dir, NQUADS_FILE, |w| rdf::write_nquads(&quads, w).map(drop))?,
        Staged::write(dir, GRAPHML_FILE, |w| {
            GraphMlSerializer::with_iris(iris.clone()).for_writer(w).serialize(kg)?.finish().map(drop)
        })?,
    ];
    for table in Table::ALL {
        staged.push(Staged::write(dir, table.file_name(), |w| {
            CsvSerializer::with_iris(table, iris.clone()).for_writer(w).serialize(kg)?.finish().map(drop)
        })?);
    }
    staged.into_iter().map(Staged::commit).collect()
}

/// A complete temporary file waiting to be renamed over its destination.
/// Dropping it uncommitted removes the temporary file.
struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staged {
    /// Writes `dir/.NAME.PID-N.tmp` with `fill` and syncs it to disk; the
    /// process id and a counter keep concurrent exports apart.
    fn write(
        dir: &Path,
        name: &str,
        fill: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
    ) -> Result<Self, ExportError> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let dest = dir.join(name);
        let error = |source| ExportError::Write { path: dest.clone(), source };
        let file = File::create(&temp).map_err(error)?;
        let staged = Staged { temp, dest: dest.clone(), committed: false };
        let mut writer = BufWriter::new(&file);
        fill(&mut writer).and_then(|()| writer.flush()).map_err(error)?;
        drop(writer);
        file.sync_all().map_err(error)?;
        Ok(staged)
    }

    fn commit(mut self) -> Result<PathBuf, ExportError> {
        fs::rename(&self.temp, &self.dest).map_err(|source| ExportError::Write { path: self.dest.clone(), source })?;
        self.committed = true;
        Ok(self.dest.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
