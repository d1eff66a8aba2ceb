//! The command line end to end, as a user runs it: extract the seeds, query
//! the graph, annotate text, and feed it bad input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// Every file `zhkg extract` writes into its out folder.
const OUTPUT_FILES: [&str; 8] = [
    "graph.ttl",
    "graph.nq",
    "graph.graphml",
    "entities.csv",
    "edges.csv",
    "mentions.csv",
    "figures.csv",
    "quotes.csv",
];

fn zhkg() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhkg"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    zhkg().args(args).output().expect("zhkg runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seeds, extracted once into a temporary out folder shared by the tests.
fn seeds_out() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let o = run(&["extract", "seeds", "--out", dir.path().to_str().unwrap()]);
        assert!(o.status.success(), "extract failed: {}", stderr(&o));
        dir
    })
    .path()
}

fn query(sparql_file: &str, format: &str) -> String {
    let o = run(&["query", "-f", sparql_file, "--out", seeds_out().to_str().unwrap(), "--format", format]);
    assert!(o.status.success(), "{sparql_file}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn extract_writes_every_output_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["extract", "seeds", "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stdout(&o);
    for word in ["documents  5", "entities", "Person", "relations", "affiliation", "figures", "quotes", "elapsed"] {
        assert!(summary.contains(word), "summary lacks {word}:\n{summary}");
    }
    for f in OUTPUT_FILES {
        let len = fs::metadata(dir.path().join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{f} missing or empty");
    }
}

#[test]
fn same_input_same_rules_give_byte_identical_output() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [&a, &b] {
        assert!(run(&["extract", "seeds", "--out", d.path().to_str().unwrap()]).status.success());
    }
    for f in OUTPUT_FILES {
        assert!(fs::read(a.path().join(f)).unwrap() == fs::read(b.path().join(f)).unwrap(), "{f} differs between runs");
    }
}

#[test]
fn each_example_query_returns_rows_on_the_seeds() {
    let mut files: Vec<PathBuf> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "queries/ holds the five example queries");
    for f in files {
        let csv = query(f.to_str().unwrap(), "csv");
        let rows = csv.lines().count().saturating_sub(1);
        assert!(rows > 0, "{} returned no rows", f.display());
    }
}

#[test]
fn people_query_finds_a_person_with_organization_and_role() {
    let csv = query("queries/people-organizations.rq", "csv");
    let with_role = csv.lines().skip(1).filter(|l| l.split(',').nth(2).is_some_and(|r| !r.trim().is_empty())).count();
    assert!(with_role > 0, "no affiliation with a role:\n{csv}");
}

#[test]
fn provenance_query_names_sentence_and_rule_file() {
    let tsv = query("queries/relation-provenance.rq", "tsv");
    let row = tsv.lines().nth(1).expect("a row");
    assert!(row.contains(".toml") || row.contains(".tsv"), "rule file missing: {row}");
}

#[test]
fn query_syntax_error_names_line_and_column() {
    let o = run(&["query", "SELECT ?x WHERE {\n ?x ?y }", "--out", seeds_out().to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("2:9"), "no line:column in: {err}");
}

#[test]
fn query_json_is_w3c_results_json() {
    let o = run(&[
        "query",
        "SELECT ?s WHERE { ?s a <http://schema.org/Person> } LIMIT 3",
        "--out",
        seeds_out().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["head"]["vars"][0], "s");
    assert!(v["results"]["bindings"].as_array().is_some_and(|b| !b.is_empty()));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = zhkg()
        .args([
            "query",
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
            "--out",
            seeds_out().to_str().unwrap(),
            "--format",
            "tsv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head -0`
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
}

#[test]
fn a_bad_document_is_named_and_the_others_are_still_processed() {
    let docs = tempfile::tempdir().unwrap();
    fs::copy("seeds/001_8464c429a3efe973.txt", docs.path().join("good.txt")).unwrap();
    fs::write(docs.path().join("latin1.txt"), b"first line\nsecond \xe9t\xe9 line\n").unwrap();
    fs::write(docs.path().join("binary.txt"), b"\x00\x01\x02binary").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = run(&["extract", docs.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "skips are signalled by exit 3");
    let err = stderr(&o);
    assert!(err.contains("latin1.txt:2:"), "names file and line: {err}");
    assert!(err.contains("binary.txt"), "{err}");
    assert!(stdout(&o).contains("documents  1 (2 skipped)"), "{}", stdout(&o));
    assert!(out.path().join("graph.ttl").exists());
}

#[test]
fn a_broken_rules_folder_is_reported_whole_before_anything_runs() {
    let rules = tempfile::tempdir().unwrap();
    copy_dir(Path::new("rules"), rules.path());
    let relations = rules.path().join("relations.toml");
    let text =
        fs::read_to_string(&relations).unwrap().replacen("\nkind = \"affiliation\"", "\nkind = \"affiliaton\"", 1);
    fs::write(&relations, text).unwrap();
    let capitals = rules.path().join("places/capitals.tsv");
    let text = fs::read_to_string(&capitals).unwrap().replacen("\n美国\t", "\n美困\t", 1);
    fs::write(&capitals, text).unwrap();
    let cities = rules.path().join("places/world_cities.tsv");
    let text = fs::read_to_string(&cities).unwrap().replacen("\t德国\n", "\t德困\n", 1);
    fs::write(&cities, text).unwrap();
    let entities = rules.path().join("entities.toml");
    let text =
        fs::read_to_string(&entities).unwrap().replacen("\nidentity = \"document\"", "\nidentity = \"documnet\"", 1);
    fs::write(&entities, text).unwrap();
    fs::write(
        rules.path().join("figures.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"figure\"\npattern = '(?P<number>\\d+'\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o =
        run(&["extract", "seeds", "--rules", rules.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("relations.toml:") && err.contains("affiliaton"), "{err}");
    assert!(err.contains("figures.toml:1:"), "{err}");
    assert!(err.contains("entities.toml:") && err.contains("unknown identity `documnet`"), "{err}");
    assert!(err.contains("capitals.tsv:") && err.contains("`美困` is no country"), "{err}");
    assert!(err.contains("world_cities.tsv:") && err.contains("`德困` is no country"), "{err}");
    assert!(fs::read_dir(out.path()).unwrap().next().is_none(), "nothing is written when rules are broken");
}

#[test]
fn annotate_gives_character_offsets_of_each_line() {
    let mut child = zhkg().args(["annotate", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let input = "“发展新质生产力，给前海带来新机遇。”刘洋说，深圳市前海管理局累计推出835项制度创新成果。\n{\"text\": \"江苏省苏州市人工智能产业增长\"}\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let text: Vec<char> = line["text"].as_str().unwrap().chars().collect();
        for e in line["entities"].as_array().unwrap() {
            let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            assert_eq!(text[s..t].iter().collect::<String>(), e["text"].as_str().unwrap());
            assert!(["Person", "Organization", "Place", "Industry"].contains(&e["type"].as_str().unwrap()));
        }
    }
    let has = |i: usize, ty: &str, name: &str| {
        lines[i]["entities"].as_array().unwrap().iter().any(|e| e["type"] == ty && e["text"] == name)
    };
    assert!(has(0, "Person", "刘洋"), "{}", lines[0]);
    assert!(has(0, "Organization", "深圳市前海管理局"), "{}", lines[0]);
    assert!(has(1, "Place", "苏州市"), "{}", lines[1]);
    assert!(lines[0]["figures"].as_array().unwrap().iter().any(|f| f["text"] == "835项"));
}

/// A researcher's edit to a lexicon takes effect on the next run, with no
/// recompiling: a head added to of_place_head_chars.txt makes 粤语 speak of
/// 粤, and a missing lexicon file is named.
#[test]
fn a_word_added_to_a_lexicon_file_changes_extraction() {
    let annotate = |rules: &Path| {
        let mut child = zhkg()
            .args(["annotate", "--rules", rules.to_str().unwrap(), "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all("他会说粤语，也爱吃川菜。\n".as_bytes()).unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let entities = line["entities"].as_array().unwrap().iter();
        entities.map(|e| format!("{}:{}", e["type"].as_str().unwrap(), e["text"].as_str().unwrap())).collect::<Vec<_>>()
    };
    let rules = tempfile::tempdir().unwrap();
    copy_dir(Path::new("rules"), rules.path());
    let heads = rules.path().join("lexicons/of_place_head_chars.txt");
    let before = annotate(rules.path());
    assert!(before.contains(&"Place:川".to_string()) && !before.contains(&"Place:粤".to_string()), "{before:?}");
    fs::write(&heads, fs::read_to_string(&heads).unwrap() + "语\n").unwrap();
    let after = annotate(rules.path());
    assert!(after.contains(&"Place:粤".to_string()), "{after:?}");

    fs::remove_file(rules.path().join("lexicons/division_heads.txt")).unwrap();
    let o = run(&["annotate", "--rules", rules.path().to_str().unwrap(), "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("lexicons/division_heads.txt: cannot read"), "{}", stderr(&o));
}

fn copy_dir(from: &Path, to: &Path) {
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_dir(&p, &target);
        } else {
            fs::copy(&p, &target).unwrap();
        }
    }
}

fn shared(path: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} is absent; skipped", p.display());
        None
    }
}

#[test]
fn eval_scores_the_dev_gold_per_category_and_type() {
    let Some(gold) = shared("gold") else { return };
    let mut files: Vec<String> = fs::read_dir(&gold)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["eval", "--gold"];
    args.extend(files.iter().map(String::as_str));
    args.push("--json");
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    for category in ["entities", "figures", "relations", "quotes"] {
        let f1 = report[category]["counts"]["f1"].as_f64().unwrap_or_else(|| panic!("{category} f1 in {report}"));
        assert!(f1 > 0.0, "{category} scores above zero");
    }
}

#[test]
fn eval_scores_a_ner_corpus_by_type() {
    let Some(corpus) = shared("ner-dev/peoples_daily_1998_dev.jsonl") else { return };
    let sample = tempfile::NamedTempFile::new().unwrap();
    let text = fs::read_to_string(&corpus).unwrap();
    let head: Vec<&str> = text.lines().take(200).collect();
    fs::write(sample.path(), head.join("\n")).unwrap();
    let o = run(&["eval", "--ner", sample.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    for label in ["PER", "LOC", "ORG", "micro"] {
        assert!(table.lines().any(|l| l.trim_start().starts_with(label)), "{label} row missing:\n{table}");
    }
}

/// IRIs come from content, not from which other documents are in the run,
/// so runs over disjoint parts of a corpus merge by plain union.
#[test]
fn graphs_of_disjoint_runs_merge_by_union_into_the_single_run_graph() {
    let seeds: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = fs::read_dir("seeds").unwrap().map(|e| e.unwrap().path()).collect();
        v.sort();
        v
    };
    let (part_a, part_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (i, p) in seeds.iter().enumerate() {
        let part = if i % 2 == 0 { &part_a } else { &part_b };
        fs::copy(p, part.path().join(p.file_name().unwrap())).unwrap();
    }
    let quads = |input: &Path| -> std::collections::BTreeSet<String> {
        let out = tempfile::tempdir().unwrap();
        let o = run(&["extract", input.to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        fs::read_to_string(out.path().join("graph.nq")).unwrap().lines().map(String::from).collect()
    };
    let mut merged = quads(part_a.path());
    merged.extend(quads(part_b.path()));
    let single = quads(Path::new("seeds"));
    assert_eq!(merged.len(), single.len());
    assert!(merged == single, "the union of the parts differs from the single run");
}

/// `extract --shard I/N` runs merged by `zhkg merge` give the RDF of one
/// run over every document, byte for byte, and the shards' N-Quads simply
/// concatenated give the same file.
#[test]
fn shard_runs_merge_into_the_bytes_of_a_single_run() {
    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let path = |d: &tempfile::TempDir| d.path().to_str().unwrap().to_string();
    let (single, shards, merged) = (&dirs[0], &dirs[1..3], &dirs[3]);
    let o = run(&["extract", "seeds", "--out", &path(single)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (i, shard) in shards.iter().enumerate() {
        let o = run(&["extract", "seeds", "--shard", &format!("{}/2", i + 1), "--out", &path(shard), "-j", "1"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).starts_with(&format!("documents  {}", [2, 3][i])), "{}", stdout(&o));
    }
    let mut args = vec!["merge".to_string(), "--out".into(), path(merged)];
    args.extend(shards.iter().map(path));
    let o = zhkg().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for file in ["graph.nq", "graph.ttl"] {
        let read = |d: &tempfile::TempDir| fs::read(d.path().join(file)).unwrap();
        assert!(read(merged) == read(single), "merged {file} differs from the single run's");
    }
    let concatenated: Vec<u8> = shards.iter().flat_map(|d| fs::read(d.path().join("graph.nq")).unwrap()).collect();
    assert!(concatenated == fs::read(single.path().join("graph.nq")).unwrap());
}

/// With `--cache`, a re-run after documents were added extracts only the new
/// ones, and writes what a run without the cache writes.
#[test]
fn a_cached_rerun_extracts_only_new_documents_with_identical_output() {
    let (input, cache, cached_out, fresh_out) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let path = |d: &tempfile::TempDir| d.path().to_str().unwrap().to_string();
    let mut seeds: Vec<PathBuf> = fs::read_dir("seeds").unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    let extract_cached = || {
        let o = run(&["extract", &path(&input), "--cache", &path(&cache), "--out", &path(&cached_out)]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    for seed in &seeds[..3] {
        fs::copy(seed, input.path().join(seed.file_name().unwrap())).unwrap();
    }
    assert!(extract_cached().contains("cache      0 reused, 3 extracted"));
    for seed in &seeds[3..] {
        fs::copy(seed, input.path().join(seed.file_name().unwrap())).unwrap();
    }
    let summary = extract_cached();
    assert!(summary.contains("cache      3 reused, 2 extracted"), "{summary}");
    let o = run(&["extract", &path(&input), "--out", &path(&fresh_out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    for file in OUTPUT_FILES {
        let read = |d: &tempfile::TempDir| fs::read(d.path().join(file)).unwrap();
        assert!(read(&cached_out) == read(&fresh_out), "{file} differs with the cache");
    }
}

#[test]
fn only_the_chosen_outputs_are_written_and_stale_ones_removed() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    assert!(run(&["extract", "seeds", "--out", dir]).status.success());
    let o = run(&["extract", "seeds", "--out", dir, "--outputs", "nq,graphml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("graph.nq, graph.graphml\n"), "{}", stdout(&o));
    let mut left: Vec<String> =
        fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(left, ["graph.graphml", "graph.nq"], "the Turtle and CSV of the first run are removed");
    for f in ["graph.nq", "graph.graphml"] {
        let alone = fs::read(out.path().join(f)).unwrap();
        assert!(alone == fs::read(seeds_out().join(f)).unwrap(), "{f} differs from a run writing every output");
    }
    let o = run(&["extract", "seeds", "--out", dir, "--outputs", "nq,rdf"]);
    assert_eq!(o.status.code(), Some(2), "an unknown output is a usage error");
    assert!(stderr(&o).contains("ttl, nq, graphml, csv"), "{}", stderr(&o));
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    let o = run(&["extract", "seeds", "--shard", "3/2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("1 ≤ I ≤ N"), "{}", stderr(&o));
}

#[test]
fn eval_errors_lists_every_ner_error_with_the_rule_file_and_line() {
    let Some(corpus) = shared("ner-dev/peoples_daily_1998_dev.jsonl") else { return };
    let sample = tempfile::NamedTempFile::new().unwrap();
    let text = fs::read_to_string(&corpus).unwrap();
    let head: Vec<&str> = text.lines().take(200).collect();
    fs::write(sample.path(), head.join("\n")).unwrap();
    let o = run(&["eval", "--ner", sample.path().to_str().unwrap(), "--errors"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(!report.contains("(first "), "every error is listed:\n{report}");
    assert!(report.contains("false positives by rule"), "{report}");
    let traced = report.lines().filter(|l| l.contains("  ← ") && l.contains(".toml:")).count();
    assert!(traced > 0, "false positives name their rule's file and line:\n{report}");
}

#[test]
fn eval_min_names_each_measure_below_its_floor() {
    let Some(corpus) = shared("ner-dev/peoples_daily_1998_dev.jsonl") else { return };
    let sample = tempfile::NamedTempFile::new().unwrap();
    let text = fs::read_to_string(&corpus).unwrap();
    fs::write(sample.path(), text.lines().take(50).collect::<Vec<_>>().join("\n")).unwrap();
    let floors = tempfile::NamedTempFile::new().unwrap();
    fs::write(floors.path(), "[ner]\nPER = 100.0\nLOC = 0.0\n").unwrap();
    let o = run(&["eval", "--ner", sample.path().to_str().unwrap(), "--min", floors.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("ner.PER is "), "{}", stderr(&o));
    assert!(!stderr(&o).contains("ner.LOC"), "{}", stderr(&o));
}
