//! `zhkg eval`: scores extraction against gold graphs (`--gold`) or a
//! span-annotated NER corpus (`--ner`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::RulesArg;
use crate::eval::{self, GoldReport, NerLabel, NerScorer, NerSpan};
use crate::input;
use crate::model::EntityType;
use crate::pipeline::Pipeline;

#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("corpus").required(true).multiple(true).args(["gold", "ner"])))]
pub struct Args {
    /// Gold graph files (shared/gold/*.json).
    #[arg(long, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// A JSON Lines NER corpus with character offsets.
    #[arg(long)]
    ner: Option<PathBuf>,
    /// Where the gold files' documents are.
    #[arg(long, default_value = "seeds")]
    docs: PathBuf,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// List every NER miss and false positive (not only the first 30), each
    /// false positive with the rule and file:line that predicted it.
    #[arg(long)]
    errors: bool,
    /// A floors file (quality-floors.toml): exit 1 naming every measure below
    /// its floor.
    #[arg(long, value_name = "FILE")]
    min: Option<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    // Read the floors first: a bad floors file is reported before minutes of scoring.
    let floors = args.min.as_deref().map(read_floors).transpose()?;
    let pipeline = args.rules.pipeline()?;
    let mut out = io::stdout().lock();
    let mut gold_report = None;
    if !args.gold.is_empty() {
        let report = gold(&pipeline, &args.gold, &args.docs)?;
        let text = if args.json { report.to_json() } else { report.to_string() };
        writeln!(out, "{text}")?;
        gold_report = Some(report);
    }
    let mut ner_report = None;
    if let Some(path) = &args.ner {
        let report = ner(&pipeline, path, args.errors)?;
        let text = if args.json { report.to_json() } else { report.to_string() };
        writeln!(out, "{text}")?;
        ner_report = Some(report);
    }
    let Some(floors) = floors else { return Ok(0) };
    let shortfalls = floors.check(gold_report.as_ref(), ner_report.as_ref());
    out.flush()?;
    let mut err = io::stderr().lock();
    for s in &shortfalls {
        writeln!(err, "zhkg: {s}")?;
    }
    Ok(if shortfalls.is_empty() { 0 } else { super::EXIT_FAILURE })
}

fn read_floors(path: &Path) -> anyhow::Result<eval::Floors> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    eval::Floors::parse(&text, &path.display().to_string()).map_err(anyhow::Error::msg)
}

pub(crate) fn gold(pipeline: &Pipeline, files: &[PathBuf], docs: &Path) -> anyhow::Result<GoldReport> {
    let mut report = GoldReport::new();
    for file in files {
        let json = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let gold = eval::parse_gold(&json, &file.display().to_string())?;
        let doc = input::read(&docs.join(&gold.doc)).with_context(|| format!("{}: its document", file.display()))?;
        report.add(eval::score_doc(&gold, &pipeline.run(&doc)));
    }
    Ok(report)
}

pub(crate) fn ner(pipeline: &Pipeline, path: &Path, all_errors: bool) -> anyhow::Result<eval::NerReport> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let examples = eval::parse_jsonl(&text, &path.display().to_string())?;
    let mut scorer = if all_errors { NerScorer::keeping_all_errors() } else { NerScorer::new() };
    for ex in &examples {
        let (entities, _) = pipeline.annotate(&ex.text);
        let predicted: Vec<_> = entities
            .into_iter()
            .filter_map(|a| {
                let label = NerLabel::from_entity_type(EntityType::parse(&a.ty)?)?;
                Some((NerSpan { start: a.start, end: a.end, label, text: a.text }, a.rule))
            })
            .collect();
        scorer.add_traced(&ex.text, &ex.entities, &predicted);
    }
    Ok(scorer.report())
}
