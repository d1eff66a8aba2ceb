//! Export: writes the knowledge graph as RDF, GraphML and CSV.
//!
//! Input: a `KnowledgeGraph`, the base under which IRIs are minted and the
//! outputs chosen. Output: `graph.ttl`, `graph.nq`, `graph.graphml` and five
//! CSV tables in one folder (all of them unless fewer are chosen). The same
//! graph always gives byte-identical files: every list is sorted, names are
//! derived from content (`names`), numbers are printed one way. Each file is
//! written to a temporary file beside it and renamed into place only once
//! every file is complete (`staged`), so a failed run leaves the previous
//! outputs untouched and no half-written file.
//!
//! The pieces can be used alone: `rdf::quads` (then `rdf::write_nquads`,
//! `rdf::write_turtle`), `GraphMlSerializer`, `CsvSerializer`.

pub mod csv;
pub mod graphml;
mod merge;
pub mod names;
pub mod rdf;
mod staged;
pub mod vocab;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use self::csv::{CsvSerializer, Table, WriterCsvSerializer};
pub use self::graphml::{GraphMlSerializer, WriterGraphMlSerializer};
pub use self::merge::merge_rdf;
pub use self::names::Iris;
use self::staged::Staged;
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
    pub outputs: Outputs,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { base: DEFAULT_BASE.into(), outputs: Outputs::ALL }
    }
}

/// Which kinds of file an export writes. An archive bound for a triple store
/// needs only graph.nq; Turtle repeats it, and GraphML and CSV of millions of
/// mentions serve no desktop tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    pub turtle: bool,
    pub nquads: bool,
    pub graphml: bool,
    /// The five CSV tables.
    pub csv: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Self::ALL
    }
}

impl Outputs {
    pub const ALL: Outputs = Outputs { turtle: true, nquads: true, graphml: true, csv: true };
    /// The names `parse` accepts, in the order files are listed.
    pub const NAMES: [&str; 4] = ["ttl", "nq", "graphml", "csv"];

    /// Parses a comma-separated list of `ttl`, `nq`, `graphml` and `csv`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut outputs = Outputs { turtle: false, nquads: false, graphml: false, csv: false };
        for name in list.split(',').map(str::trim) {
            match name {
                "ttl" => outputs.turtle = true,
                "nq" => outputs.nquads = true,
                "graphml" => outputs.graphml = true,
                "csv" => outputs.csv = true,
                other => return Err(format!("unknown output {other:?}: expected {}", Self::NAMES.join(", "))),
            }
        }
        Ok(outputs)
    }

    /// The files these outputs are written to.
    pub fn files(self) -> Vec<&'static str> {
        let mut files = Vec::new();
        let kinds = [(self.turtle, TURTLE_FILE), (self.nquads, NQUADS_FILE), (self.graphml, GRAPHML_FILE)];
        files.extend(kinds.into_iter().filter(|(on, _)| *on).map(|(_, f)| f));
        if self.csv {
            files.extend(Table::ALL.iter().map(|t| t.file_name()));
        }
        files
    }

    fn rdf(self) -> bool {
        self.turtle || self.nquads
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
        let part = render(facts, exporter.iris(), opts.outputs);
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

/// Renders one document's part of the chosen outputs.
pub fn render(facts: DocFacts, iris: &Iris, outputs: Outputs) -> DocumentPart {
    let kg = KnowledgeGraph::build(vec![facts]);
    let ids = if outputs.graphml || outputs.csv { names::node_ids(&kg) } else { Vec::new() };
    let tables = if outputs.csv { &Table::ALL[1..] } else { &[] };
    let csv = tables.iter().map(|&t| (t, csv::to_bytes(&csv::document_rows(t, &kg, &ids)))).collect();
    DocumentPart {
        rdf: if outputs.rdf() { rdf::render(&kg, iris, outputs.turtle) } else { rdf::RdfPart::default() },
        graphml: if outputs.graphml { graphml::render_document_part(&kg, &ids, iris) } else { Vec::new() },
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
///
/// Only the chosen outputs are written; the files of the others are removed
/// from the folder, so that it never mixes two runs.
pub struct Exporter {
    dir: PathBuf,
    iris: Iris,
    outputs: Outputs,
    nquads: Option<Staged>,
    turtle: Option<TurtleStage>,
    graphml_body: Option<Staged>,
    /// Empty unless CSV is chosen.
    tables: Vec<(Table, Staged)>,
    totals: Totals,
}

impl Exporter {
    pub fn create(dir: &Path, opts: &ExportOptions) -> Result<Self, ExportError> {
        let iris = Iris::new(&opts.base)?;
        let outputs = opts.outputs;
        fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir { path: dir.into(), source })?;
        let nquads = outputs.nquads.then(|| Staged::create(dir, NQUADS_FILE)).transpose()?;
        let turtle = outputs.turtle.then(|| TurtleStage::create(dir)).transpose()?;
        let graphml_body =
            outputs.graphml.then(|| Staged::scratch(dir, &format!("{GRAPHML_FILE}.body"))).transpose()?;
        let tables = if outputs.csv { &Table::ALL[1..] } else { &[] };
        let tables = tables.iter().map(|&t| Ok((t, table_file(dir, t)?))).collect::<Result<_, _>>()?;
        let (dir, totals) = (dir.to_path_buf(), Totals::default());
        Ok(Self { dir, iris, outputs, nquads, turtle, graphml_body, tables, totals })
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// Appends one document's part to every output.
    pub fn add(&mut self, part: DocumentPart) -> Result<(), ExportError> {
        if let Some(nquads) = &mut self.nquads {
            nquads.append(&part.rdf.nquads)?;
        }
        if let Some(turtle) = &mut self.turtle {
            turtle.local(&part.rdf.local_turtle)?;
            for (key, triple) in part.rdf.shared {
                turtle.shared(key, triple);
            }
        }
        if let Some(graphml_body) = &mut self.graphml_body {
            graphml_body.append(&part.graphml)?;
        }
        for ((_, staged), (_, rows)) in self.tables.iter_mut().zip(&part.csv) {
            staged.append(rows)?;
        }
        self.totals.merge(part.totals);
        Ok(())
    }

    /// Writes the corpus-wide parts, completes every file and renames them
    /// into place. Returns the paths written and the corpus totals.
    pub fn finish(self) -> Result<(Vec<PathBuf>, Totals), ExportError> {
        let mut staged: Vec<Staged> = self.turtle.map(TurtleStage::finish).transpose()?.into_iter().collect();
        staged.extend(self.nquads);
        if let Some(body) = self.graphml_body {
            staged.push(graphml_file(body, &self.dir, &self.totals, &self.iris)?);
        }
        if self.outputs.csv {
            let mut entities = table_file(&self.dir, Table::Entities)?;
            entities.append(&csv::to_bytes(&csv::corpus_rows(Table::Entities, &self.totals, &self.iris)))?;
            staged.push(entities);
        }
        for (table, mut file) in self.tables {
            file.append(&csv::to_bytes(&csv::corpus_rows(table, &self.totals, &self.iris)))?;
            staged.push(file);
        }
        for file in &mut staged {
            file.flush_and_sync()?;
        }
        let paths = staged.into_iter().map(Staged::commit).collect::<Result<_, _>>()?;
        remove_unchosen(&self.dir, self.outputs)?;
        Ok((paths, self.totals))
    }
}

/// Removes the output files of the kinds not chosen, left by an earlier run.
fn remove_unchosen(dir: &Path, outputs: Outputs) -> Result<(), ExportError> {
    let chosen = outputs.files();
    for name in Outputs::ALL.files().into_iter().filter(|f| !chosen.contains(f)) {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(ExportError::Write { path, source: e }),
            _ => {}
        }
    }
    Ok(())
}

/// graph.ttl as it streams: each document's own statements written as they
/// come (rendered by `rdf::turtle_statements`), the triples documents share
/// held, each once, and written sorted by `finish`, so that the file has one
/// prefix header and no repeats. Statements about different subjects
/// concatenate into what one serializer would have written.
struct TurtleStage {
    file: Staged,
    /// True once the prefix header is written: before the first statement.
    started: bool,
    /// Shared triples by their N-Triples text. Every document sends its
    /// own copies, mostly repeats: hashed here, on the writer thread, and
    /// sorted once at the end, rather than kept sorted by comparing long
    /// IRIs at every insert.
    shared: HashMap<String, oxigraph::model::Triple>,
}

impl TurtleStage {
    fn create(dir: &Path) -> Result<Self, ExportError> {
        Ok(Self { file: Staged::create(dir, TURTLE_FILE)?, started: false, shared: HashMap::new() })
    }

    /// Appends Turtle statements without a prefix header.
    fn local(&mut self, statements: &[u8]) -> Result<(), ExportError> {
        if statements.is_empty() {
            return Ok(());
        }
        if !self.started {
            self.file.append(rdf::turtle_header())?;
            self.started = true;
        }
        self.file.append(statements)
    }

    fn shared(&mut self, key: String, triple: oxigraph::model::Triple) {
        self.shared.entry(key).or_insert(triple);
    }

    /// Writes the shared triples, sorted by their text, and hands back the
    /// complete file.
    fn finish(mut self) -> Result<Staged, ExportError> {
        let mut shared: Vec<_> = std::mem::take(&mut self.shared).into_iter().collect();
        shared.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let statements = rdf::turtle_statements(shared.iter().map(|(_, triple)| triple));
        self.local(&statements)?;
        Ok(self.file)
    }
}

/// A CSV table, its header written.
fn table_file(dir: &Path, table: Table) -> Result<Staged, ExportError> {
    let mut staged = Staged::create(dir, table.file_name())?;
    staged.append(&csv::to_bytes(&[table.header().iter().map(|h| h.to_string()).collect()]))?;
    Ok(staged)
}

/// The GraphML file: the corpus part, then `body`, which documents were
/// appended to.
fn graphml_file(mut body: Staged, dir: &Path, totals: &Totals, iris: &Iris) -> Result<Staged, ExportError> {
    body.flush_and_sync()?;
    let mut out = Staged::create(dir, GRAPHML_FILE)?;
    let dest = out.dest_path().to_path_buf();
    let error = |source| ExportError::Write { path: dest.clone(), source };
    let mut xml = quick_xml::Writer::new(out.take_writer());
    graphml::write_start(&mut xml).map_err(error)?;
    graphml::write_corpus_part(&mut xml, totals, iris).map_err(error)?;
    let mut body = fs::File::open(body.temp_path()).map_err(error)?;
    io::copy(&mut body, xml.get_mut()).map_err(error)?;
    graphml::write_end(&mut xml).map_err(error)?;
    out.put_writer(xml.into_inner());
    Ok(out)
}
