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
#[command(group(clap::ArgGroup::new("corpus").required(true).args(["gold", "ner"])))]
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
    #[command(flatten)]
    rules: RulesArg,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let pipeline = args.rules.pipeline()?;
    let mut out = io::stdout().lock();
    if !args.gold.is_empty() {
        let report = gold(&pipeline, &args.gold, &args.docs)?;
        let text = if args.json { report.to_json() } else { report.to_string() };
        writeln!(out, "{text}")?;
    }
    if let Some(path) = &args.ner {
        let report = ner(&pipeline, path)?;
        let text = if args.json { report.to_json() } else { report.to_string() };
        writeln!(out, "{text}")?;
    }
    Ok(0)
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

pub(crate) fn ner(pipeline: &Pipeline, path: &Path) -> anyhow::Result<eval::NerReport> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let examples = eval::parse_jsonl(&text, &path.display().to_string())?;
    let mut scorer = NerScorer::new();
    for ex in &examples {
        let (entities, _) = pipeline.annotate(&ex.text);
        let predicted: Vec<NerSpan> = entities
            .into_iter()
            .filter_map(|a| {
                let label = NerLabel::from_entity_type(EntityType::parse(&a.ty)?)?;
                Some(NerSpan { start: a.start, end: a.end, label, text: a.text })
            })
            .collect();
        scorer.add(&ex.text, &ex.entities, &predicted);
    }
    Ok(scorer.report())
}
