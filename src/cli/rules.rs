//! `zhkg rules check`: loads and compiles the rules folder, reporting every
//! problem with file:line.

use std::io::{self, Write};

use super::RulesArg;
use crate::rules::Rules;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Clone, clap::Subcommand)]
enum Action {
    /// Validate the whole rules folder.
    Check(RulesArg),
    /// Run the examples the rules carry through the whole pipeline.
    Test(RulesArg),
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.action {
        Action::Check(r) => {
            let rules = Rules::load(&r.rules)?;
            writeln!(
                io::stdout(),
                "{}: {} entity, {} relation, {} quote, {} figure rules; {} listed names; fingerprint {}",
                r.rules.display(),
                rules.entity_rules.len(),
                rules.relation_rules.len(),
                rules.quote_rules.len(),
                rules.figure_rules.figures.len(),
                rules.gazetteer.entries.len(),
                &rules.fingerprint[..12],
            )?;
            Ok(0)
        }
        Action::Test(r) => {
            let pipeline = r.pipeline()?;
            let (run, failures) = crate::pipeline::run_examples(&pipeline);
            let mut err = io::stderr().lock();
            for f in &failures {
                writeln!(err, "{}/{f}", r.rules.display())?;
            }
            let failed_examples: std::collections::BTreeSet<_> =
                failures.iter().map(|f| (f.rule.clone(), f.text.clone())).collect();
            writeln!(io::stdout(), "{} passed, {} failed", run - failed_examples.len(), failed_examples.len())?;
            Ok(if failures.is_empty() { 0 } else { super::EXIT_FAILURE })
        }
    }
}
