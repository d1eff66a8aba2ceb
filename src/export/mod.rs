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
mod merge;
pub mod names;
pub mod rdf;
pub mod vocab;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use self::csv::{CsvSerializer, Table, WriterCsvSerializer};
pub use self::graphml::{GraphMlSerializer, WriterGraphMlSerializer};
pub use self::merge::merge_rdf;
pub use self::names::Iris;
use crate::graph::{KnowledgeGraph, Totals};
use crate::model::DocFacts;

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
    #[error("reading {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// The source gives the line and column.
    #[error("reading {}", path.display())]
    Parse { path: PathBuf, source: oxigraph::io::RdfParseError },
}

/// Writes graph.ttl, graph.nq, graph.graphml, entities.csv, edges.csv,
/// mentions.csv, figures.csv and quotes.csv for `docs` into `dir` (created if
/// missing), documents in id order, and returns the paths written.
pub fn write_all(mut docs: Vec<DocFacts>, dir: &Path, opts: &ExportOptions) -> Result<Vec<PathBuf>, ExportError> {
    docs.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    let mut exporter = Exporter::create(dir, opts)?;
    for facts in docs {
        let part = render(facts, exporter.iris());
        exporter.add(part)?;
    }
    exporter.finish().map(|(paths, _)| paths)
}

/// One document's part of every output, rendered where it was extracted.
/// `render` is pure and thread-safe; `Exporter::add` only appends.
#[derive(Debug)]
pub struct DocumentPart {
    rdf: rdf::RdfPart,
    graphml: Vec<u8>,
    /// CSV rows of the tables other than entities.csv, in `Table::ALL` order.
    csv: Vec<(Table, Vec<u8>)>,
    totals: Totals,
}

/// Renders the outputs of one document.
pub fn render(facts: DocFacts, iris: &Iris) -> DocumentPart {
    let kg = KnowledgeGraph::build(vec![facts]);
    let ids = names::node_ids(&kg);
    let csv = Table::ALL[1..].iter().map(|&t| (t, csv::to_bytes(&csv::document_rows(t, &kg, &ids)))).collect();
    DocumentPart {
        rdf: rdf::render(&kg, iris),
        graphml: graphml::render_document_part(&kg, &ids, iris),
        csv,
        totals: Totals::of(&kg),
    }
}

/// Writes the outputs one document at a time, holding only the corpus
/// totals and the triples documents share, which grow with the vocabulary,
/// not with the corpus.
///
/// Every file is written to a temporary file beside its destination and
/// renamed into place only by `finish`, once all of them are complete: a
/// failed or interrupted run leaves the previous outputs untouched, and an
/// `Exporter` dropped before `finish` removes its temporary files.
///
/// - graph.nq: each document's graph, sorted, as it arrives;
/// - graph.ttl: each document's own triples as it arrives, then the shared
///   triples (entities, relations, roles, rules), each once, sorted;
/// - graph.graphml: entity nodes and relation edges from the totals, then the
///   documents' nodes and edges, staged in a body file meanwhile;
/// - CSV: each document's rows as it arrives, entities.csv and the relation
///   rows of edges.csv from the totals at the end.
pub struct Exporter {
    dir: PathBuf,
    iris: Iris,
    nquads: Staged,
    turtle: TurtleStage,
    graphml_body: Staged,
    tables: Vec<(Table, Staged)>,
    totals: Totals,
}

impl Exporter {
    pub fn create(dir: &Path, opts: &ExportOptions) -> Result<Self, ExportError> {
        let iris = Iris::new(&opts.base)?;
        fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir { path: dir.into(), source })?;
        let nquads = Staged::create(dir, NQUADS_FILE)?;
        let turtle = TurtleStage::create(dir)?;
        let graphml_body = Staged::create(dir, &format!("{GRAPHML_FILE}.body"))?;
        let tables = Table::ALL[1..].iter().map(|&t| Ok((t, Staged::table(dir, t)?))).collect::<Result<_, _>>()?;
        let (dir, totals) = (dir.to_path_buf(), Totals::default());
        Ok(Self { dir, iris, nquads, turtle, graphml_body, tables, totals })
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// Appends one document's part to every output.
    pub fn add(&mut self, part: DocumentPart) -> Result<(), ExportError> {
        self.nquads.append(&part.rdf.nquads)?;
        for triple in &part.rdf.local {
            self.turtle.local(triple)?;
        }
        for (key, triple) in part.rdf.shared {
            self.turtle.shared(key, triple);
        }
        self.graphml_body.append(&part.graphml)?;
        for ((_, staged), (_, rows)) in self.tables.iter_mut().zip(&part.csv) {
            staged.append(rows)?;
        }
        self.totals.merge(part.totals);
        Ok(())
    }

    /// Writes the corpus-wide parts, completes every file and renames them
    /// into place. Returns the paths written and the corpus totals.
    pub fn finish(self) -> Result<(Vec<PathBuf>, Totals), ExportError> {
        let mut staged = vec![self.turtle.finish()?, self.nquads];
        staged.push(self.graphml_body.into_graphml(&self.dir, &self.totals, &self.iris)?);
        let mut entities = Staged::table(&self.dir, Table::Entities)?;
        entities.append(&csv::to_bytes(&csv::corpus_rows(Table::Entities, &self.totals, &self.iris)))?;
        staged.push(entities);
        for (table, mut file) in self.tables {
            file.append(&csv::to_bytes(&csv::corpus_rows(table, &self.totals, &self.iris)))?;
            staged.push(file);
        }
        for file in &mut staged {
            file.flush_and_sync()?;
        }
        let paths = staged.into_iter().map(Staged::commit).collect::<Result<_, _>>()?;
        Ok((paths, self.totals))
    }
}

/// graph.ttl as it streams: each document's own triples written as they
/// come, the triples documents share held, each once, and written sorted by
/// `finish`, so that the file has one prefix header and no repeats.
struct TurtleStage {
    serializer: oxigraph::io::WriterQuadSerializer<BufWriter<File>>,
    file: Staged,
    /// Shared triples by their N-Triples text.
    shared: BTreeMap<String, oxigraph::model::Triple>,
}

impl TurtleStage {
    fn create(dir: &Path) -> Result<Self, ExportError> {
        let mut file = Staged::create(dir, TURTLE_FILE)?;
        let serializer = rdf::turtle_serializer().for_writer(file.take_writer());
        Ok(Self { serializer, file, shared: BTreeMap::new() })
    }

    fn local(&mut self, triple: &oxigraph::model::Triple) -> Result<(), ExportError> {
        self.serializer.serialize_triple(triple).map_err(|e| self.file.error(e))
    }

    fn shared(&mut self, key: String, triple: oxigraph::model::Triple) {
        self.shared.insert(key, triple);
    }

    /// Writes the shared triples and hands back the complete file.
    fn finish(mut self) -> Result<Staged, ExportError> {
        for triple in self.shared.values() {
            self.serializer.serialize_triple(triple).map_err(|e| self.file.error(e))?;
        }
        self.file.file = Some(self.serializer.finish().map_err(|e| self.file.error(e))?);
        Ok(self.file)
    }
}

/// A temporary file being written beside its destination, renamed over it
/// by `commit`. Dropping it uncommitted removes the temporary file.
struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    /// `None` once the writer was handed out (`writer`) or completed.
    file: Option<BufWriter<File>>,
    committed: bool,
}

impl Staged {
    /// Creates `dir/.NAME.PID-N.tmp`; the process id and a counter keep
    /// concurrent exports apart.
    fn create(dir: &Path, name: &str) -> Result<Self, ExportError> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let dest = dir.join(name);
        let file = File::create(&temp).map_err(|source| ExportError::Write { path: dest.clone(), source })?;
        Ok(Staged { temp, dest, file: Some(BufWriter::with_capacity(1 << 16, file)), committed: false })
    }

    /// A CSV table, its header written.
    fn table(dir: &Path, table: Table) -> Result<Self, ExportError> {
        let mut staged = Staged::create(dir, table.file_name())?;
        staged.append(&csv::to_bytes(&[table.header().iter().map(|h| h.to_string()).collect()]))?;
        Ok(staged)
    }

    fn error(&self, source: io::Error) -> ExportError {
        ExportError::Write { path: self.dest.clone(), source }
    }

    fn append(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        let file = self.file.as_mut().expect("appending to a staged file still open");
        file.write_all(bytes).map_err(|e| ExportError::Write { path: self.dest.clone(), source: e })
    }

    /// Hands the writer to a serializer, which gives it back to `file`.
    fn take_writer(&mut self) -> BufWriter<File> {
        self.file.take().expect("a staged file hands out its writer once")
    }

    fn flush_and_sync(&mut self) -> Result<(), ExportError> {
        if let Some(mut file) = self.file.take() {
            file.flush().map_err(|e| self.error(e))?;
            file.get_ref().sync_all().map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// The GraphML file: the corpus part, then this body, which documents
    /// were appended to.
    fn into_graphml(mut self, dir: &Path, totals: &Totals, iris: &Iris) -> Result<Staged, ExportError> {
        self.flush_and_sync()?;
        let mut out = Staged::create(dir, GRAPHML_FILE)?;
        let dest = out.dest.clone();
        let error = |source| ExportError::Write { path: dest.clone(), source };
        let mut xml = quick_xml::Writer::new(out.take_writer());
        graphml::write_start(&mut xml).map_err(error)?;
        graphml::write_corpus_part(&mut xml, totals, iris).map_err(error)?;
        let mut body = File::open(&self.temp).map_err(error)?;
        io::copy(&mut body, xml.get_mut()).map_err(error)?;
        graphml::write_end(&mut xml).map_err(error)?;
        out.file = Some(xml.into_inner());
        Ok(out)
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
