//! `zhkg query`: SPARQL over the graph in the out folder.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;

use crate::query::{self, ResultFormat};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The query text (or use -f).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    sparql: Option<String>,
    /// Read the query from a file (.rq).
    #[arg(short, long)]
    file: Option<PathBuf>,
    /// The folder that `zhkg extract` wrote.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// table for people; csv, tsv and json are the W3C result formats.
    #[arg(long, default_value = "table", value_parser = parse_format)]
    format: ResultFormat,
}

fn parse_format(s: &str) -> Result<ResultFormat, String> {
    ResultFormat::ALL
        .into_iter()
        .find(|f| f.as_str() == s)
        .ok_or_else(|| format!("unknown format `{s}` (table, csv, tsv, json)"))
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let text = match (&args.sparql, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?,
        (None, None) => unreachable!("clap requires one of them"),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let label = args.file.as_ref().map_or_else(|| "query".to_string(), |f| f.display().to_string());
    query::run(&args.out, &text, args.format, &mut out).with_context(|| label)?;
    out.flush()?;
    Ok(0)
}
