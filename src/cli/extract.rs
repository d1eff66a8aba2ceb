//! `zhkg extract`: documents in, graph files out, a summary printed.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

use super::{RulesArg, EXIT_SKIPPED};
use crate::export::{self, ExportOptions};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::input;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Files or folders (their .txt and .md files) to read.
    #[arg(default_value = "seeds")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Where to write graph.ttl, graph.nq, graph.graphml and the CSV files.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// The base of every resource IRI.
    #[arg(long, default_value = export::DEFAULT_BASE)]
    base: String,
}

impl Default for Args {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from("seeds")],
            rules: RulesArg::default(),
            out: PathBuf::from("out"),
            base: export::DEFAULT_BASE.to_string(),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let pipeline = args.rules.pipeline()?;
    let files = input::collect(&args.paths)?;
    let mut facts = Vec::new();
    let mut skipped = 0;
    for path in &files {
        match input::read(path) {
            Ok(doc) => facts.push(pipeline.run(&doc)),
            Err(e) => {
                skipped += 1;
                writeln!(io::stderr(), "zhkg: {e}")?;
            }
        }
    }
    let kg = KnowledgeGraph::build(facts);
    let opts = ExportOptions { base: args.base.clone() };
    export::write_all(&kg, &args.out, &opts)
        .with_context(|| format!("writing the graph into {}", args.out.display()))?;
    print_summary(&kg, &args.out, skipped, started)?;
    Ok(if skipped > 0 { EXIT_SKIPPED } else { 0 })
}

fn print_summary(kg: &KnowledgeGraph, out: &std::path::Path, skipped: usize, started: Instant) -> io::Result<()> {
    let mut entities: BTreeMap<&str, usize> = BTreeMap::new();
    for e in kg.entities() {
        *entities.entry(e.key.ty.as_str()).or_default() += 1;
    }
    let mut relations: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, _, edge) in kg.edges() {
        if let Edge::Relation { kind, .. } = edge {
            *relations.entry(kind.as_str()).or_default() += 1;
        }
    }
    let count = |f: fn(&Node) -> bool| kg.graph.node_weights().filter(|n| f(n)).count();
    let mut w = io::stdout().lock();
    writeln!(
        w,
        "documents  {}{}",
        kg.documents().count(),
        if skipped > 0 { format!(" ({skipped} skipped)") } else { String::new() }
    )?;
    writeln!(w, "entities   {}", breakdown(&entities))?;
    writeln!(w, "relations  {}", breakdown(&relations))?;
    writeln!(w, "figures    {}", count(|n| matches!(n, Node::Figure(_))))?;
    writeln!(w, "quotes     {}", count(|n| matches!(n, Node::Quote(_))))?;
    writeln!(w, "elapsed    {:.2} s", started.elapsed().as_secs_f64())?;
    writeln!(w, "written    {}/graph.ttl, graph.nq, graph.graphml, *.csv", out.display())
}

fn breakdown(counts: &BTreeMap<&str, usize>) -> String {
    let total: usize = counts.values().sum();
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!("{total} ({})", parts.join(", "))
}
