//! `zhkg merge`: the RDF of shard runs (`extract --shard I/N`), joined.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;

use crate::export::{self, ExportOptions};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The shards' out folders, in shard order (1/N first).
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// Where to write the merged graph.nq and graph.ttl.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// The base the shards were extracted with.
    #[arg(long, default_value = export::DEFAULT_BASE)]
    base: String,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let opts = ExportOptions { base: args.base, ..ExportOptions::default() };
    let written = export::merge_rdf(&args.shards, &args.out, &opts)
        .with_context(|| format!("merging into {}", args.out.display()))?;
    let mut w = io::stdout().lock();
    writeln!(w, "merged     {} shards", args.shards.len())?;
    for path in written {
        writeln!(w, "written    {}", path.display())?;
    }
    Ok(0)
}
