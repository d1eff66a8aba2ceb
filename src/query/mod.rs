//! Query: SPARQL over the exported graph.
//!
//! Input: an out folder written by `export` (its `graph.nq`) and a SPARQL 1.1
//! query. Output: the results, written to any `Write`. The default graph is
//! the union of the document graphs, each triple once, so queries need no
//! `GRAPH` clause; `GRAPH ?doc { … }` still finds the document a triple came
//! from, and `FROM <…/doc/ID>` narrows a query to one document. A query
//! that names no graph is answered from the union alone, loaded without the
//! document graphs (`Graphs::read_by`). The prefixes of
//! `export::vocab::PREFIXES` (`schema:`, `org:`, `nif:`, `zhkg:`…) are
//! predeclared and may be redeclared.
//!
//! | query              | `table`               | `csv` / `tsv`             | `json`                    |
//! |--------------------|-----------------------|---------------------------|---------------------------|
//! | SELECT             | aligned text table    | W3C SPARQL CSV / TSV      | W3C SPARQL Results JSON   |
//! | ASK                | `true` or `false`     | `true` or `false`         | W3C SPARQL Results JSON   |
//! | CONSTRUCT/DESCRIBE | Turtle with prefixes  | N-Triples                 | JSON-LD                   |
//!
//! Graph results are sorted and deduplicated, so the output is deterministic.

mod table;

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, Quad, QuadRef, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter, SparqlEvaluator, SparqlSyntaxError,
};
use oxigraph::store::{StorageError, Store, Transaction};

use crate::export::vocab::PREFIXES;
use crate::export::{rdf, NQUADS_FILE};

/// How `run` writes results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ResultFormat {
    /// For people: an aligned table (CJK counted double width), Turtle for graphs.
    #[default]
    Table,
    Csv,
    Tsv,
    Json,
}

impl ResultFormat {
    pub const ALL: [ResultFormat; 4] = [ResultFormat::Table, ResultFormat::Csv, ResultFormat::Tsv, ResultFormat::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            ResultFormat::Table => "table",
            ResultFormat::Csv => "csv",
            ResultFormat::Tsv => "tsv",
            ResultFormat::Json => "json",
        }
    }
}

impl FromStr for ResultFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown result format {s:?} (expected table, csv, tsv or json)"))
    }
}

/// Why a query failed. The underlying error (with the parser's position) is
/// the `source()`, not repeated in the message: print with `{:#}` (anyhow).
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("no graph in {}: run `zhkg extract` first", display_dir(dir))]
    MissingGraph { dir: PathBuf },
    #[error("reading {}", path.display())]
    Load { path: PathBuf, source: RdfParseError },
    #[error(
        "{} needs about {} MiB in memory and {} MiB are available: load it into a triple store \
         on disk instead (`oxigraph load --location DB --file {}`, then `oxigraph serve`; or QLever, \
         Virtuoso), as the README's \"Large graphs\" section explains",
        path.display(), needed >> 20, available >> 20, path.display()
    )]
    TooLarge { path: PathBuf, needed: u64, available: u64 },
    /// The source says where: `error at 2:7: expected …` (line:column).
    #[error("SPARQL syntax error")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("SPARQL evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
    #[error("in-memory store failed")]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl QueryError {
    /// True when the reader of the output went away (`zhkg query … | head`):
    /// not a failure of the query, and the CLI should exit successfully.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            QueryError::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            _ => false,
        }
    }
}

fn display_dir(dir: &Path) -> String {
    let shown = dir.display().to_string();
    if shown.ends_with('/') {
        shown
    } else {
        format!("{shown}/")
    }
}

/// Loads `dir/graph.nq`, runs `query` and writes the results to `w`.
pub fn run(dir: &Path, query: &str, format: ResultFormat, w: &mut impl Write) -> Result<(), QueryError> {
    let store = load_store(dir, Graphs::read_by(query))?;
    run_on_store(&store, query, format, w)
}

/// The graphs a store is loaded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Graphs {
    /// The union of the document graphs, as the default graph, and nothing
    /// else: all that a query naming no graph can see.
    Union,
    /// The union and each document graph, as a named graph.
    UnionAndDocuments,
}

impl Graphs {
    /// The graphs `query` may read. SPARQL reaches a named graph only through
    /// `GRAPH` or a `FROM` clause, so a query without either word (in any
    /// case, and without `\u` escapes that could spell one) sees the union
    /// only. A word inside an IRI or a string only loads more than needed.
    ///
    /// Loading the document graphs too takes more than twice the time and
    /// the memory: every quad is then inserted twice, in its document's graph
    /// and in the union.
    pub fn read_by(query: &str) -> Self {
        let text = query.to_ascii_lowercase();
        if ["graph", "from", "\\u"].iter().any(|word| text.contains(word)) {
            Graphs::UnionAndDocuments
        } else {
            Graphs::Union
        }
    }

    /// Bytes of memory the in-memory store takes per byte of N-Quads, with
    /// room: measured peaks are 1.4-1.5 for the union alone and 2.5-2.6 with
    /// the document graphs (graph.nq of 216 and 652 MB).
    fn store_bytes_per_nquads_byte(self) -> u64 {
        match self {
            Graphs::Union => 2,
            Graphs::UnionAndDocuments => 4,
        }
    }
}

/// An in-memory store holding `dir/graph.nq`, parsed as it is loaded, never
/// held whole. Its default graph is the union of the document graphs, each
/// triple once, and with `Graphs::UnionAndDocuments` its named graphs are the
/// document graphs. The union is copied in rather than left to oxigraph's
/// union-default-graph mode, which yields a triple once per graph holding it
/// and so would repeat rows and inflate `COUNT`s.
pub fn load_store(dir: &Path, graphs: Graphs) -> Result<Store, QueryError> {
    let path = dir.join(NQUADS_FILE);
    let file = File::open(&path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => QueryError::MissingGraph { dir: dir.into() },
        _ => QueryError::Io(e),
    })?;
    check_fits_in_memory(&path, file.metadata()?.len(), graphs, crate::system::available_memory())?;
    let store = Store::new()?;
    let mut transaction = store.start_transaction()?;
    // Parsing and inserting each take about half the time: the parser runs on
    // its own thread, a few batches ahead of the inserts. Inserted batches go
    // back to it, so that freeing their strings is not the inserter's work too.
    std::thread::scope(|scope| {
        let (batches, received) = mpsc::sync_channel::<Result<Vec<Quad>, QueryError>>(4);
        let (used, returned) = mpsc::channel::<Vec<Quad>>();
        scope.spawn(|| parse_batches(file, &path, batches, returned));
        for batch in received {
            let batch = batch?;
            insert(&mut transaction, &batch, graphs);
            // The parser may have stopped at an error; its batches are dropped here then.
            let _ = used.send(batch);
        }
        Ok::<_, QueryError>(())
    })?;
    transaction.commit()?;
    Ok(store)
}

/// Quads per batch sent from the parser thread to the inserter.
const LOAD_BATCH: usize = 16 * 1024;

/// Parses `file` into batches of quads, until the end, the first error, or
/// the receiver hanging up. The IRIs are not re-validated (`lenient`): the
/// file is zhkg's own output, and N-Quads syntax errors are still reported
/// with their position. Batches coming back on `used` are dropped here.
fn parse_batches(
    file: File,
    path: &Path,
    batches: mpsc::SyncSender<Result<Vec<Quad>, QueryError>>,
    used: mpsc::Receiver<Vec<Quad>>,
) {
    let mut batch = Vec::with_capacity(LOAD_BATCH);
    for quad in RdfParser::from_format(RdfFormat::NQuads).lenient().for_reader(BufReader::new(file)) {
        match quad {
            Ok(quad) => batch.push(quad),
            Err(source) => {
                let _ = batches.send(Err(QueryError::Load { path: path.to_path_buf(), source }));
                return;
            }
        }
        if batch.len() >= LOAD_BATCH {
            if batches.send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(LOAD_BATCH)))).is_err() {
                return;
            }
            used.try_iter().for_each(drop);
        }
    }
    let _ = batches.send(Ok(batch));
}

/// Inserts each quad's triple into the default graph (borrowed, so the union
/// copy costs no strings), and with `UnionAndDocuments` the quad itself.
fn insert(transaction: &mut Transaction<'_>, quads: &[Quad], graphs: Graphs) {
    for quad in quads {
        if graphs == Graphs::UnionAndDocuments {
            transaction.insert(quad);
        }
        transaction.insert(QuadRef::new(&quad.subject, &quad.predicate, &quad.object, GraphNameRef::DefaultGraph));
    }
}

/// Refuses a graph that would not fit in memory, before loading starts
/// swapping, and points to the route that scales: a triple store on disk.
fn check_fits_in_memory(
    path: &Path,
    nquads_bytes: u64,
    graphs: Graphs,
    available: Option<u64>,
) -> Result<(), QueryError> {
    let needed = nquads_bytes.saturating_mul(graphs.store_bytes_per_nquads_byte());
    match available {
        Some(available) if needed > available => {
            Err(QueryError::TooLarge { path: path.to_path_buf(), needed, available })
        }
        _ => Ok(()),
    }
}

/// Runs `query` on `store` and writes the results to `w` in `format`.
pub fn run_on_store(store: &Store, query: &str, format: ResultFormat, w: &mut impl Write) -> Result<(), QueryError> {
    match evaluate(store, query)? {
        QueryResults::Solutions(solutions) => write_solutions(solutions, format, w),
        QueryResults::Boolean(value) => write_boolean(value, format, w),
        QueryResults::Graph(triples) => write_graph(triples, format, w),
    }?;
    w.flush()?;
    Ok(())
}

/// Parses and evaluates `query` on `store` with the export prefixes
/// predeclared: the structured results, for tests and other stages. The
/// default graph is the store's own, which `load_store` fills with the union
/// of the document graphs.
pub fn evaluate(store: &Store, query: &str) -> Result<QueryResults<'static>, QueryError> {
    Ok(evaluator().parse_query(query)?.on_store(store).execute()?)
}

fn evaluator() -> SparqlEvaluator {
    PREFIXES.iter().fold(SparqlEvaluator::new(), |e, (name, iri)| {
        e.with_prefix(*name, *iri).expect("vocabulary namespaces are valid IRIs")
    })
}

fn results_format(format: ResultFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultFormat::Table => None,
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Json => Some(QueryResultsFormat::Json),
    }
}

fn write_solutions(
    solutions: QuerySolutionIter<'_>,
    format: ResultFormat,
    w: &mut impl Write,
) -> Result<(), QueryError> {
    let Some(results_format) = results_format(format) else {
        return table::write(solutions, w);
    };
    let variables = solutions.variables().to_vec();
    let mut serializer =
        QueryResultsSerializer::from_format(results_format).serialize_solutions_to_writer(w, variables)?;
    for solution in solutions {
        serializer.serialize(&solution?)?;
    }
    let w = serializer.finish()?;
    if format == ResultFormat::Json {
        writeln!(w)?;
    }
    Ok(())
}

fn write_boolean(value: bool, format: ResultFormat, w: &mut impl Write) -> Result<(), QueryError> {
    match results_format(format) {
        Some(f @ QueryResultsFormat::Json) => {
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *w, value)?;
            writeln!(w)?;
        }
        _ => writeln!(w, "{value}")?,
    }
    Ok(())
}

fn write_graph(triples: QueryTripleIter<'_>, format: ResultFormat, w: &mut impl Write) -> Result<(), QueryError> {
    let triples = triples.collect::<Result<Vec<Triple>, _>>()?;
    let triples = rdf::sort_triples(triples);
    let serializer = match format {
        ResultFormat::Table => rdf::turtle_serializer(),
        ResultFormat::Csv | ResultFormat::Tsv => RdfSerializer::from_format(RdfFormat::NTriples),
        ResultFormat::Json => RdfSerializer::from_format(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }),
    };
    let mut serializer = serializer.for_writer(w);
    for triple in &triples {
        serializer.serialize_triple(triple)?;
    }
    let w = serializer.finish()?;
    if format == ResultFormat::Json {
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
