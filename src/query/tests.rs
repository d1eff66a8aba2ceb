//! Query tests over the exported fixture corpus.

use std::fs;
use std::io::{self, Write};

use oxigraph::io::{RdfFormat, RdfParser};
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::export::{fixture, write_all, ExportOptions};

fn out_dir() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_all(fixture::docs(), dir.path(), &ExportOptions::default()).unwrap();
    dir
}

/// The message with its sources, as the CLI prints it (`{:#}`).
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

fn output(dir: &TempDir, query: &str, format: ResultFormat) -> String {
    let mut out = Vec::new();
    run(dir.path(), query, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const PEOPLE: &str =
    "SELECT ?name ?org WHERE { ?p a schema:Person ; rdfs:label ?name ; schema:affiliation ?o . ?o rdfs:label ?org }";

#[test]
fn syntax_error_says_line_and_column() {
    let store = Store::new().unwrap();
    let query = "SELECT ?x\nWHERE { ?x ?y }";
    let err = run_on_store(&store, query, ResultFormat::Table, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, QueryError::Syntax(_)));
    let message = chain(&err);
    assert!(message.starts_with("SPARQL syntax error: error at 2:"), "{message}");
}

#[test]
fn missing_graph_tells_to_run_extract() {
    let dir = tempfile::tempdir().unwrap();
    let err = run(dir.path(), PEOPLE, ResultFormat::Table, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, QueryError::MissingGraph { .. }));
    assert!(err.to_string().ends_with("/: run `zhkg extract` first"), "{err}");
}

#[test]
fn invalid_graph_file_names_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NQUADS_FILE), "<http://a> <http://b> .\n").unwrap();
    let Err(err) = load_store(dir.path(), Graphs::UnionAndDocuments) else { panic!("loaded an invalid file") };
    let message = chain(&err);
    assert!(message.contains("graph.nq") && message.contains("line 1"), "{message}");
}

#[test]
fn json_is_w3c_sparql_results() {
    let dir = out_dir();
    let json: serde_json::Value = serde_json::from_str(&output(&dir, PEOPLE, ResultFormat::Json)).unwrap();
    assert_eq!(json["head"]["vars"], serde_json::json!(["name", "org"]));
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 1, "the union graph has each triple once");
    assert_eq!(bindings[0]["name"], serde_json::json!({"type": "literal", "value": "王锦侠", "xml:lang": "zh"}));
    let ask: serde_json::Value =
        serde_json::from_str(&output(&dir, "ASK { ?q a schema:Quotation }", ResultFormat::Json)).unwrap();
    assert_eq!(ask, serde_json::json!({"head": {}, "boolean": true}));
}

#[test]
fn csv_and_tsv_are_w3c_sparql_csv_tsv() {
    let dir = out_dir();
    let csv = output(&dir, PEOPLE, ResultFormat::Csv);
    assert_eq!(csv, "name,org\r\n王锦侠,深圳市前海管理局\r\n");
    let tsv = output(&dir, PEOPLE, ResultFormat::Tsv);
    assert_eq!(tsv, "?name\t?org\n\"王锦侠\"@zh\t\"深圳市前海管理局\"@zh\n");
}

#[test]
fn table_aligns_cjk_by_display_width() {
    let dir = out_dir();
    let query = "SELECT ?label ?type WHERE { ?e rdfs:label ?label ; a ?type . FILTER(?type IN (schema:Person, schema:Place)) } ORDER BY ?label";
    let table = output(&dir, query, ResultFormat::Table);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0].trim_end(), "?label  ?type");
    let column = |line: &str| line.find(['?', 's']).map(|i| line[..i].width());
    let starts: Vec<_> = lines[2..lines.len() - 1].iter().map(|l| l.rfind("schema:").map(|i| l[..i].width())).collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{table}");
    assert_eq!(column(lines[0]), Some(0));
    assert_eq!(*lines.last().unwrap(), "(3 rows)");
}

#[test]
fn construct_writes_turtle_for_people_and_n_triples_for_csv() {
    let dir = out_dir();
    let query = "CONSTRUCT { ?p schema:affiliation ?o } WHERE { ?p schema:affiliation ?o }";
    let turtle = output(&dir, query, ResultFormat::Table);
    assert!(turtle.contains("@prefix schema: <http://schema.org/> ."), "{turtle}");
    assert_eq!(RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()).count(), 1);
    let ntriples = output(&dir, query, ResultFormat::Csv);
    assert_eq!(ntriples.lines().count(), 1);
    assert!(RdfParser::from_format(RdfFormat::NTriples).for_slice(ntriples.as_bytes()).all(|t| t.is_ok()));
    let jsonld: serde_json::Value = serde_json::from_str(&output(&dir, query, ResultFormat::Json)).unwrap();
    assert!(jsonld.is_array() || jsonld.is_object());
}

#[test]
fn describe_returns_the_resource() {
    let dir = out_dir();
    let out = output(&dir, r#"DESCRIBE ?p WHERE { ?p rdfs:label "王锦侠"@zh }"#, ResultFormat::Tsv);
    assert!(out.lines().any(|l| l.contains("schema.org/affiliation")), "{out}");
}

#[test]
fn explicit_graphs_are_kept() {
    let dir = out_dir();
    let query = format!(
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/zhkg/doc/{}> WHERE {{ ?s a schema:Quotation }}",
        fixture::OTHER_DOC
    );
    assert_eq!(output(&dir, &query, ResultFormat::Csv), "n\r\n0\r\n");
}

/// A writer whose reader has gone away, like stdout piped into `head`.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn broken_pipe_is_recognised_in_every_format() {
    let dir = out_dir();
    let store = load_store(dir.path(), Graphs::UnionAndDocuments).unwrap();
    let construct = "CONSTRUCT WHERE { ?s ?p ?o }";
    for format in ResultFormat::ALL {
        for query in [PEOPLE, construct, "ASK { ?s ?p ?o }"] {
            let err = run_on_store(&store, query, format, &mut ClosedPipe).unwrap_err();
            assert!(err.is_broken_pipe(), "{format:?} {query}: {err}");
        }
    }
    let syntax = run_on_store(&store, "SELECT", ResultFormat::Table, &mut ClosedPipe).unwrap_err();
    assert!(!syntax.is_broken_pipe());
}

#[test]
fn result_format_parses_its_names() {
    for format in ResultFormat::ALL {
        assert_eq!(format.as_str().parse::<ResultFormat>(), Ok(format));
    }
    assert!("xml".parse::<ResultFormat>().is_err());
}

#[test]
fn a_graph_larger_than_memory_is_refused_with_the_route_that_scales() {
    let path = Path::new("out/graph.nq");
    let whole = Graphs::UnionAndDocuments;
    let err = check_fits_in_memory(path, 10 << 30, whole, Some(8 << 30)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("out/graph.nq") && message.contains("oxigraph load"), "{message}");
    assert!(check_fits_in_memory(path, 1 << 20, whole, Some(8 << 30)).is_ok());
    assert!(check_fits_in_memory(path, 10 << 30, whole, None).is_ok(), "unknown memory: try");
    // The union alone takes about half: 3 GiB of N-Quads fit in 8 GiB for it only.
    assert!(check_fits_in_memory(path, 3 << 30, whole, Some(8 << 30)).is_err());
    assert!(check_fits_in_memory(path, 3 << 30, Graphs::Union, Some(8 << 30)).is_ok());
}

#[test]
fn only_graph_and_from_reach_the_document_graphs() {
    for query in [PEOPLE, "ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s a schema:Person }"] {
        assert_eq!(Graphs::read_by(query), Graphs::Union, "{query}");
    }
    for query in [
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        "select ?g where { graph ?g { ?s ?p ?o } }",
        "SELECT * FROM <https://w3id.org/zhkg/doc/a> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <https://w3id.org/zhkg/doc/a> WHERE { ?s ?p ?o }",
        "ASK { FILTER NOT EXISTS { Graph ?g { ?s ?p ?o } } }",
        "SELECT * WHERE { ?s ?p \"\\u0067\" }",
    ] {
        assert_eq!(Graphs::read_by(query), Graphs::UnionAndDocuments, "{query}");
    }
}

/// A query that names no graph is loaded without the document graphs: its
/// answers must be those the whole store gives.
#[test]
fn the_union_alone_answers_as_the_whole_store() {
    let dir = out_dir();
    let union = load_store(dir.path(), Graphs::Union).unwrap();
    let whole = load_store(dir.path(), Graphs::UnionAndDocuments).unwrap();
    assert_eq!(union.named_graphs().count(), 0);
    assert_eq!(whole.named_graphs().count(), fixture::docs().len());
    let answers = |store: &Store, query: &str| {
        let mut out = Vec::new();
        run_on_store(store, query, ResultFormat::Csv, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    for query in [PEOPLE, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s a schema:Quotation }"] {
        let expected = answers(&whole, query);
        assert!(!expected.trim().is_empty(), "{query} has answers");
        assert_eq!(answers(&union, query), expected, "{query}");
    }
}
