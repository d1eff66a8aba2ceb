//! Export tests over the fixture corpus: the RDF vocabulary checked with one
//! SPARQL query per kind of fact, GraphML structure, determinism, atomicity.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::fixture::{self, DOC, OTHER_DOC};
use super::*;
use crate::query::{evaluate, load_store, Graphs};

const B: &str = "https://w3id.org/zhkg/";

fn export(dir: &Path) -> Vec<PathBuf> {
    write_all(fixture::docs(), dir, &ExportOptions::default()).unwrap()
}

fn exported_store() -> Store {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    load_store(dir.path(), Graphs::UnionAndDocuments).unwrap()
}

fn ask(store: &Store, query: &str) -> bool {
    match evaluate(store, query).unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK query"),
    }
}

/// Solutions as maps from variable name to the term in N-Triples syntax.
fn select(store: &Store, query: &str) -> Vec<BTreeMap<String, String>> {
    let QueryResults::Solutions(solutions) = evaluate(store, query).unwrap() else { panic!("not a SELECT query") };
    solutions
        .map(|s| {
            let s = s.unwrap();
            s.iter().map(|(v, t)| (v.as_str().to_string(), t.to_string())).collect()
        })
        .collect()
}

#[test]
fn writes_every_file_and_reports_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let paths = export(dir.path());
    let names: Vec<_> = paths.iter().map(|p| p.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "graph.ttl",
            "graph.nq",
            "graph.graphml",
            "entities.csv",
            "edges.csv",
            "mentions.csv",
            "figures.csv",
            "quotes.csv",
        ]
    );
    assert!(paths.iter().all(|p| p.starts_with(dir.path()) && p.is_file()));
}

#[test]
fn affiliation_has_membership_with_role_label() {
    let store = exported_store();
    assert!(ask(
        &store,
        r#"ASK {
        ?p a schema:Person ; rdfs:label "王锦侠"@zh ; schema:affiliation ?o .
        ?o a schema:Organization ; rdfs:label "深圳市前海管理局"@zh .
        ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ;
           prov:wasDerivedFrom ?s .
        ?r a org:Role ; rdfs:label "副局长"@zh .
        ?s a nif:Sentence .
    }"#
    ));
    let memberships = select(&store, "SELECT DISTINCT ?m ?s WHERE { ?m a org:Membership ; prov:wasDerivedFrom ?s }");
    assert_eq!(memberships.len(), 2, "one membership, derived from a sentence in each document");
    assert!(memberships[0]["m"].starts_with(&format!("<{B}membership/")));
    assert_eq!(memberships[0]["m"].len(), format!("<{B}membership/>").len() + 16);
}

#[test]
fn part_of_is_parent_organization() {
    let store = exported_store();
    assert!(ask(
        &store,
        r#"ASK {
        ?u rdfs:label "中国科学院高能物理研究所"@zh ; schema:parentOrganization ?p .
        ?p a schema:Organization ; rdfs:label "中国科学院"@zh .
    }"#
    ));
}

#[test]
fn located_in_is_contained_in_place_between_places_and_location_for_organizations() {
    let store = exported_store();
    assert!(ask(
        &store,
        r#"ASK {
        ?q a schema:Place ; rdfs:label "前海"@zh ; schema:containedInPlace ?s .
        ?s a schema:Place ; rdfs:label "深圳市"@zh .
        ?o a schema:Organization ; rdfs:label "深圳市前海管理局"@zh ; schema:location ?s .
    }"#
    ));
    assert!(!ask(&store, "ASK { ?o a schema:Organization ; schema:containedInPlace ?s }"));
}

#[test]
fn figures_carry_every_field() {
    let store = exported_store();
    let rows = select(
        &store,
        r#"SELECT ?f ?value ?unit ?qualifier ?measure ?about ?sentence ?rule ?doc ?begin ?end WHERE {
        ?f a zhkg:Figure ; zhkg:text "835项" ; schema:value ?value ; schema:unitText ?unit ;
           zhkg:qualifier ?qualifier ; zhkg:measure ?measure ; zhkg:about ?e ;
           prov:wasDerivedFrom ?s ; prov:wasGeneratedBy ?r ; nif:referenceContext ?doc ;
           nif:beginIndex ?begin ; nif:endIndex ?end .
        ?e rdfs:label ?about . ?s nif:anchorOf ?sentence . ?r rdfs:label ?rule .
    }"#,
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["f"], format!("<{B}figure/{DOC}/23-27>"));
    assert_eq!(r["value"], r#""835"^^<http://www.w3.org/2001/XMLSchema#integer>"#);
    assert_eq!(r["unit"], r#""项""#);
    assert_eq!(r["qualifier"], r#""累计"@zh"#);
    assert_eq!(r["measure"], r#""制度创新成果"@zh"#);
    assert_eq!(r["about"], r#""前海"@zh"#);
    assert!(r["sentence"].contains("835项"));
    assert_eq!(r["rule"], r#""figure.count""#);
    assert_eq!(r["doc"], format!("<{B}doc/{DOC}>"));
    assert_eq!(
        (r["begin"].as_str(), r["end"].as_str()),
        (r#""23"^^<http://www.w3.org/2001/XMLSchema#integer>"#, r#""27"^^<http://www.w3.org/2001/XMLSchema#integer>"#,)
    );
    let decimal = select(
        &store,
        r#"SELECT ?value ?period WHERE { ?f zhkg:text "5.5万家" ; schema:value ?value ; zhkg:period ?period }"#,
    );
    assert_eq!(decimal[0]["value"], r#""5.5"^^<http://www.w3.org/2001/XMLSchema#decimal>"#);
    assert_eq!(decimal[0]["period"], r#""今年前4个月"@zh"#);
}

#[test]
fn quotes_are_quotations_spoken_by_the_person() {
    let store = exported_store();
    assert!(ask(
        &store,
        r#"ASK {
        ?q a schema:Quotation ; schema:spokenByCharacter ?p ; schema:text "前海将继续扩大开放。"@zh ;
           zhkg:direct true ; prov:wasDerivedFrom ?s ; prov:wasGeneratedBy ?r ;
           nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:endIndex ?e .
        ?p a schema:Person ; rdfs:label "王锦侠"@zh .
        ?s a nif:Sentence ; nif:anchorOf ?text . FILTER(CONTAINS(?text, "王锦侠说"))
        ?r a zhkg:Rule, prov:Activity ; zhkg:ruleFile "quotes.toml" ; zhkg:ruleLine 4 .
    }"#
    ));
}

#[test]
fn assertion_gives_the_sentence_and_rule_behind_a_relation() {
    let store = exported_store();
    let rows = select(
        &store,
        r#"SELECT ?doc ?text ?file ?line ?begin WHERE {
        ?a a rdf:Statement ; rdf:subject ?p ; rdf:predicate schema:affiliation ; rdf:object ?o ;
           zhkg:role "副局长"@zh ; prov:wasDerivedFrom ?s ; prov:wasGeneratedBy ?r ;
           nif:referenceContext ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end .
        ?p rdfs:label "王锦侠"@zh . ?o rdfs:label "深圳市前海管理局"@zh .
        ?s nif:referenceContext ?doc ; nif:anchorOf ?text .
        ?r zhkg:ruleFile ?file ; zhkg:ruleLine ?line .
    } ORDER BY ?doc"#,
    );
    assert_eq!(rows.len(), 2, "one assertion per supporting sentence");
    assert_eq!(rows[0]["doc"], format!("<{B}doc/{DOC}>"));
    assert!(rows[0]["text"].contains("副局长王锦侠表示"));
    assert_eq!(rows[0]["file"], r#""relations.toml""#);
    assert_eq!(rows[0]["line"], r#""12"^^<http://www.w3.org/2001/XMLSchema#integer>"#);
    assert_eq!(rows[1]["doc"], format!("<{B}doc/{OTHER_DOC}>"));
}

#[test]
fn mentions_are_nif_phrases_linked_to_entity_sentence_and_rule() {
    let store = exported_store();
    assert!(ask(
        &store,
        r#"ASK {
        ?m a nif:Phrase ; nif:anchorOf "深圳"@zh ; itsrdf:taIdentRef ?e ; nif:sentence ?s ;
           nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:endIndex ?end ;
           prov:wasGeneratedBy ?r .
        ?e rdfs:label "深圳市"@zh ; skos:altLabel "深圳"@zh .
        ?s a nif:Sentence . ?r rdfs:label "mention.lexicon" .
        ?doc a zhkg:Document, nif:Context ; schema:mentions ?e ; rdfs:label "000_qianhai.txt" ;
             nif:beginIndex 0 .
    }"#
    ));
    let mention = select(&store, r#"SELECT ?m WHERE { ?m nif:anchorOf "深圳"@zh }"#);
    assert_eq!(mention[0]["m"], format!("<{B}doc/{DOC}#char=78,80>"));
}

#[test]
fn each_document_graph_describes_the_entities_it_uses() {
    let store = exported_store();
    let graphs =
        select(&store, r#"SELECT ?g WHERE { GRAPH ?g { ?p rdfs:label "王锦侠"@zh ; a schema:Person } } ORDER BY ?g"#);
    let graphs: Vec<_> = graphs.iter().map(|r| r["g"].clone()).collect();
    assert_eq!(graphs, [format!("<{B}doc/{DOC}>"), format!("<{B}doc/{OTHER_DOC}>")]);
    // Corpus-wide counts would break the merge of shards by union.
    assert!(!ask(&store, "ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g = <urn:none>) }"));
    assert!(!ask(&store, "ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"));
}

#[test]
fn turtle_is_the_union_of_the_document_graphs() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let parse = |file: &str, format: RdfFormat| -> BTreeSet<String> {
        let bytes = fs::read(dir.path().join(file)).unwrap();
        RdfParser::from_format(format).for_slice(&bytes).map(|q| Triple::from(q.unwrap()).to_string()).collect()
    };
    let turtle = parse(TURTLE_FILE, RdfFormat::Turtle);
    assert_eq!(turtle, parse(NQUADS_FILE, RdfFormat::NQuads));
    let text = fs::read_to_string(dir.path().join(TURTLE_FILE)).unwrap();
    assert!(text.starts_with("@prefix "));
    assert!(text.contains("@prefix schema: <http://schema.org/> ."));
}

/// Streaming writes each document's graph as it comes: the file must hold
/// exactly the quads of the whole graph, each document's block sorted, so
/// that shards' files concatenate into one run's file.
#[test]
fn nquads_are_the_whole_graph_in_sorted_document_blocks() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let text = fs::read_to_string(dir.path().join(NQUADS_FILE)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let whole = rdf::quads(&fixture::graph(), &ExportOptions::default()).unwrap();
    let mut expected: Vec<String> = whole.iter().map(|q| format!("{q} .")).collect();
    let mut got: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "the same quads, each once");
    let graph = |line: &str| line.rsplit_once(' ').unwrap().0.rsplit_once(' ').unwrap().1.to_string();
    let blocks: Vec<Vec<&str>> = lines.chunk_by(|a, b| graph(a) == graph(b)).map(<[&str]>::to_vec).collect();
    assert_eq!(blocks.len(), fixture::docs().len(), "one block per document");
    for block in blocks {
        assert!(block.is_sorted(), "a document's quads are sorted");
    }
}

#[test]
fn same_graph_gives_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = export(a.path());
    export(b.path());
    for path in first {
        let name = path.file_name().unwrap();
        assert_eq!(fs::read(&path).unwrap(), fs::read(b.path().join(name)).unwrap(), "{name:?} differs");
    }
}

#[test]
fn no_temporary_file_is_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    export(dir.path());
    let mut names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
}

#[test]
fn failed_write_leaves_no_temporary_and_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where a file should go makes the rename fail.
    fs::create_dir_all(dir.path().join(GRAPHML_FILE).join("x")).unwrap();
    let err = write_all(fixture::docs(), dir.path(), &ExportOptions::default()).unwrap_err();
    assert!(err.to_string().contains(GRAPHML_FILE), "{err}");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn rejects_a_base_without_trailing_slash() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions { base: "https://example.org/kg".into(), ..ExportOptions::default() };
    let err = write_all(fixture::docs(), dir.path(), &opts).unwrap_err();
    assert!(matches!(err, ExportError::InvalidBase { .. }), "{err}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn custom_base_is_used_everywhere() {
    let opts = ExportOptions { base: "http://example.org/kg/".into(), ..ExportOptions::default() };
    let quads = rdf::quads(&fixture::graph(), &opts).unwrap();
    let minted = [format!("{B}id/"), format!("{B}doc/"), format!("{B}rule/")];
    assert!(quads.iter().all(|q| minted.iter().all(|m| !q.to_string().contains(m.as_str()))));
    assert!(quads.iter().any(|q| q.to_string().contains("http://example.org/kg/doc/")));
    let graphml = GraphMlSerializer::new()
        .with_base(&opts.base)
        .unwrap()
        .for_writer(Vec::new())
        .serialize(&fixture::graph())
        .unwrap()
        .finish()
        .unwrap();
    assert!(String::from_utf8(graphml).unwrap().contains("http://example.org/kg/id/person/王锦侠"));
}

/// What a GraphML reader sees: keys, then nodes and edges with their data.
#[derive(Default)]
struct ParsedGraphMl {
    keys: BTreeMap<String, (String, String, String)>,
    keys_after_graph: usize,
    nodes: Vec<(String, BTreeMap<String, String>)>,
    edges: Vec<(String, String, String, BTreeMap<String, String>)>,
}

fn parse_graphml(xml: &str) -> ParsedGraphMl {
    let mut reader = Reader::from_str(xml);
    let mut parsed = ParsedGraphMl::default();
    let (mut in_graph, mut data_key, mut current) = (false, None::<String>, None::<&str>);
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> String {
        e.try_get_attribute(name).unwrap().map(|a| a.unescape_value().unwrap().into_owned()).unwrap_or_default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"key" => {
                    parsed.keys_after_graph += usize::from(in_graph);
                    let value = (attr(&e, "for"), attr(&e, "attr.name"), attr(&e, "attr.type"));
                    parsed.keys.insert(attr(&e, "id"), value);
                }
                b"graph" => in_graph = true,
                b"node" => {
                    parsed.nodes.push((attr(&e, "id"), BTreeMap::new()));
                    current = Some("node");
                }
                b"edge" => {
                    let edge = (attr(&e, "id"), attr(&e, "source"), attr(&e, "target"), BTreeMap::new());
                    parsed.edges.push(edge);
                    current = Some("edge");
                }
                b"data" => data_key = Some(attr(&e, "key")),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(key) = data_key.take() {
                    let value = t.decode().unwrap().into_owned();
                    let value = quick_xml::escape::unescape(&value).unwrap().into_owned();
                    let data = match current {
                        Some("node") => &mut parsed.nodes.last_mut().unwrap().1,
                        _ => &mut parsed.edges.last_mut().unwrap().3,
                    };
                    data.insert(key, value);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    parsed
}

fn graphml_text() -> String {
    let bytes = GraphMlSerializer::new().for_writer(Vec::new()).serialize(&fixture::graph()).unwrap().finish().unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn graphml_declares_keys_before_the_graph_and_uses_unique_ids() {
    let g = parse_graphml(&graphml_text());
    assert!(!g.keys.is_empty());
    assert_eq!(g.keys_after_graph, 0);
    let node_ids: BTreeSet<_> = g.nodes.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(node_ids.len(), g.nodes.len(), "node ids are unique");
    assert!(node_ids.iter().all(|id| !id.is_empty()));
    let edge_ids: BTreeSet<_> = g.edges.iter().map(|(id, ..)| id.as_str()).collect();
    assert_eq!(edge_ids.len(), g.edges.len(), "edge ids are unique");
    for (id, source, target, _) in &g.edges {
        assert!(!id.is_empty());
        assert!(node_ids.contains(source.as_str()) && node_ids.contains(target.as_str()), "{id}");
    }
    for expected in ["person:王锦侠", "organization:深圳市前海管理局", "doc:000_qianhai", "figure:000_qianhai:23-27"]
    {
        assert!(node_ids.contains(expected), "{expected}");
    }
}

#[test]
fn graphml_numbers_are_declared_and_parse() {
    let g = parse_graphml(&graphml_text());
    let all_data = g.nodes.iter().map(|(_, d)| d).chain(g.edges.iter().map(|(.., d)| d));
    for data in all_data {
        for (key, value) in data {
            let (_, name, ty) = g.keys.get(key).unwrap_or_else(|| panic!("undeclared key {key}"));
            match ty.as_str() {
                "int" => assert!(value.parse::<i64>().is_ok(), "{name}={value}"),
                "double" => assert!(value.parse::<f64>().is_ok(), "{name}={value}"),
                _ => assert_eq!(ty, "string"),
            }
        }
    }
    let by_name = |domain: &str, name: &str| {
        g.keys.iter().find(|(_, (d, n, _))| d == domain && n == name).map(|(_, (_, _, t))| t.clone())
    };
    assert_eq!(by_name("node", "mentions").as_deref(), Some("int"));
    assert_eq!(by_name("node", "degree").as_deref(), Some("int"));
    assert_eq!(by_name("node", "value").as_deref(), Some("double"));
    assert_eq!(by_name("edge", "weight").as_deref(), Some("double"));
}

#[test]
fn graphml_nodes_have_label_and_type() {
    let g = parse_graphml(&graphml_text());
    let label_key = |name: &str| g.keys.iter().find(|(_, (d, n, _))| d == "node" && n == name).unwrap().0.clone();
    let (label, ty) = (label_key("label"), label_key("type"));
    for (id, data) in &g.nodes {
        assert!(data.get(&label).is_some_and(|l| !l.is_empty()), "{id} has no label");
        assert!(data.contains_key(&ty), "{id} has no type");
    }
    let person = &g.nodes.iter().find(|(id, _)| id == "person:王锦侠").unwrap().1;
    assert_eq!(person[&ty], "Person");
    let affiliation = g.edges.iter().find(|(.., d)| d.values().any(|v| v == "affiliation")).unwrap();
    assert_eq!((affiliation.1.as_str(), affiliation.2.as_str()), ("person:王锦侠", "organization:深圳市前海管理局"));
    assert!(affiliation.3.values().any(|v| v == "副局长"));
    assert!(affiliation.3.values().any(|v| v == "2"), "weight counts both supporting sentences");
}

#[test]
fn csv_tables_have_headers_and_join_on_node_ids() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let read = |table: Table| -> Vec<Vec<String>> {
        let mut reader = ::csv::Reader::from_path(dir.path().join(table.file_name())).unwrap();
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), table.header());
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
    };
    let entities = read(Table::Entities);
    let ids: BTreeSet<_> = entities.iter().map(|r| r[0].clone()).collect();
    let wang = entities.iter().find(|r| r[0] == "person:王锦侠").unwrap();
    assert_eq!(wang[1], format!("{B}id/person/王锦侠"));
    assert_eq!((wang[5].as_str(), wang[6].as_str()), ("3", "2"), "3 mentions in 2 documents");
    let shenzhen = entities.iter().find(|r| r[0] == "place:深圳市").unwrap();
    assert_eq!(shenzhen[4], "深圳");
    for edge in read(Table::Edges).iter().filter(|r| r[2] != "mentions" && r[2] != "contains") {
        assert!(ids.contains(&edge[1]), "{edge:?}");
    }
    let mentions = read(Table::Mentions);
    assert_eq!(mentions.len(), 9);
    assert!(mentions
        .windows(2)
        .all(|w| (&w[0][0], w[0][2].parse::<usize>().unwrap()) <= (&w[1][0], w[1][2].parse().unwrap())));
    let figures = read(Table::Figures);
    assert_eq!(figures[0][..6], ["figure:000_qianhai:23-27", DOC, "23", "27", "835项", "835"]);
    assert_eq!(figures[1][5], "5.5");
    assert_eq!(figures[0][9], "place:前海");
    let quotes = read(Table::Quotes);
    assert_eq!(quotes[0][4..7], ["person:王锦侠", "true", "前海将继续扩大开放。"]);
}

/// `triples` relies on the quads' order instead of sorting again; it must
/// give exactly what a full sort of the triples gives.
#[test]
fn triples_of_sorted_quads_equal_a_full_sort() {
    let quads = rdf::quads(&fixture::graph(), &ExportOptions::default()).unwrap();
    let resorted = rdf::sort_triples(quads.iter().map(|q| oxigraph::model::Triple::from(q.clone())).collect());
    assert_eq!(rdf::triples(&quads), resorted);
    assert!(rdf::triples(&quads).len() < quads.len(), "the fixture repeats triples across document graphs");
}

#[test]
fn quads_are_written_as_oxrdf_writes_them_whatever_the_literal_holds() {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    use rdf::Text;
    let s = NamedNode::new("https://w3id.org/zhkg/id/person/张三").unwrap();
    let p = NamedNode::new("http://schema.org/text").unwrap();
    let g = GraphName::NamedNode(NamedNode::new("https://w3id.org/zhkg/doc/a").unwrap());
    let objects = [
        Literal::new_language_tagged_literal_unchecked("他说：“要加快发展”", "zh"),
        Literal::new_simple_literal("a \"quoted\" back\\slash,\ttab\nline\r\u{7F}\u{1}"),
        Literal::new_typed_literal("42", oxigraph::model::vocab::xsd::INTEGER),
        Literal::new_typed_literal("plain", oxigraph::model::vocab::xsd::STRING),
        Literal::new_language_tagged_literal_unchecked("行1\n行2", "zh"),
    ];
    for o in objects {
        for graph in [g.clone(), GraphName::DefaultGraph] {
            let quad = Quad::new(s.clone(), p.clone(), o.clone(), graph);
            let mut text = String::new();
            quad.write_text(&mut text);
            assert_eq!(text, quad.to_string());
        }
        let mut text = String::new();
        let quad = Quad::new(s.clone(), p.clone(), o.clone(), g.clone());
        Triple::from(quad.clone()).write_text(&mut text);
        assert_eq!(text, Triple::from(quad).to_string());
    }
}

#[test]
fn turtle_statements_of_documents_concatenate_into_one_serializers_file() {
    let quads = rdf::quads(&fixture::graph(), &ExportOptions::default()).unwrap();
    let triples = rdf::sort_triples(quads.into_iter().map(Triple::from).collect());
    let half = triples.iter().position(|t| t.subject != triples[0].subject).unwrap();
    let whole = rdf::write_turtle(&triples, Vec::new()).unwrap();
    let mut joined = rdf::turtle_header().to_vec();
    joined.extend(rdf::turtle_statements(&triples[..half]));
    joined.extend(rdf::turtle_statements(&triples[half..]));
    assert_eq!(String::from_utf8(joined).unwrap(), String::from_utf8(whole).unwrap());
    assert!(rdf::turtle_header().starts_with(b"@prefix"));
    assert!(rdf::turtle_statements::<&Triple>([]).is_empty());
}
