//! The command line: argument types, and the only code that prints.
//!
//! Input: `std::env::args`. Output: files in the out folder, reports on
//! stdout, diagnostics on stderr, and an exit code:
//! 0 success; 1 failure (nothing written); 2 bad usage or a broken rules
//! folder; 3 output written but some input documents were skipped.

mod annotate;
mod eval;
mod extract;
mod merge;
mod query;
mod rules;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "zhkg", version, about = "Chinese news and policy text in, a queryable knowledge graph out")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract a knowledge graph from documents (the default command).
    Extract(extract::Args),
    /// Run a SPARQL 1.1 query over the graph in the out folder.
    Query(query::Args),
    /// Join the graph.nq and graph.ttl of shard runs (extract --shard I/N).
    Merge(merge::Args),
    /// Mark entity and figure mentions in texts, one per line, as JSON Lines.
    Annotate(annotate::Args),
    /// Score extraction against gold graphs or a span-annotated NER corpus.
    Eval(eval::Args),
    /// Check the rules folder, or run the examples its rules carry.
    Rules(rules::Args),
}

/// Exit codes beyond success and clap's own 2 for usage errors.
pub(crate) const EXIT_FAILURE: u8 = 1;
pub(crate) const EXIT_BAD_RULES: u8 = 2;
pub(crate) const EXIT_SKIPPED: u8 = 3;

/// Parses arguments, runs the command, and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or_else(|| Command::Extract(extract::Args::default()));
    let outcome = match command {
        Command::Extract(a) => extract::run(a),
        Command::Query(a) => query::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Annotate(a) => annotate::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Rules(a) => rules::run(a),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let code =
                if e.downcast_ref::<crate::rules::RulesError>().is_some() { EXIT_BAD_RULES } else { EXIT_FAILURE };
            let _ = writeln!(io::stderr(), "zhkg: {e:#}");
            ExitCode::from(code)
        }
    }
}

/// `zhkg query … | head` closes our stdout early; that is the reader's
/// choice, not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<crate::query::QueryError>().is_some_and(|q| q.is_broken_pipe())
    })
}

/// Options every command that extracts shares.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RulesArg {
    /// The rules folder.
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
}

impl Default for RulesArg {
    fn default() -> Self {
        Self { rules: PathBuf::from("rules") }
    }
}

impl RulesArg {
    /// Loads and compiles the rules; a broken folder is reported whole.
    pub(crate) fn pipeline(&self) -> anyhow::Result<crate::pipeline::Pipeline> {
        Ok(crate::pipeline::Pipeline::load(&self.rules)?)
    }
}
