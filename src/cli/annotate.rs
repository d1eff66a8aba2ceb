//! `zhkg annotate`: one document per input line (plain text, or JSON with a
//! "text" field) in; JSON Lines `{"text", "entities", "figures"}` out, with
//! offsets in characters of that text, end exclusive.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use super::RulesArg;
use crate::pipeline::Annotation;
use crate::segment::Segmenter;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input file, or - (the default) for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,
    /// For debugging rules: also write the rule behind each entity
    /// (`"rules"`, in the order of `"entities"`) and jieba's words with
    /// their tags (`"tokens": ["克林顿/nr", …]`).
    #[arg(long)]
    debug: bool,
    #[command(flatten)]
    rules: RulesArg,
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    entities: Vec<Annotation>,
    figures: Vec<Annotation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<String>>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let pipeline = args.rules.pipeline()?;
    let name = args.input.display().to_string();
    let reader: Box<dyn BufRead> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(&args.input).with_context(|| format!("opening {name}"))?;
        Box::new(io::BufReader::new(f))
    };
    let segmenter = args.debug.then(|| Segmenter::new(&pipeline.rules));
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read line", i + 1))?;
        let text = line_text(&line).with_context(|| format!("{name}:{}", i + 1))?;
        let (entities, figures) = pipeline.annotate(&text);
        let tokens = segmenter.as_ref().map(|s| s.tag(&text).iter().map(|t| format!("{}/{}", t.word, t.tag)).collect());
        let rules = args
            .debug
            .then(|| entities.iter().map(|a| a.rule.as_ref().map_or_else(String::new, ToString::to_string)).collect());
        serde_json::to_writer(&mut out, &Line { text: &text, entities, figures, rules, tokens })?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(0)
}

/// A line is JSON when it starts with `{`; then its "text" field is the document.
fn line_text(line: &str) -> anyhow::Result<String> {
    if !line.trim_start().starts_with('{') {
        return Ok(line.to_string());
    }
    let v: serde_json::Value = serde_json::from_str(line).context("not valid JSON")?;
    v.get("text").and_then(|t| t.as_str()).map(str::to_string).context("JSON line without a string field \"text\"")
}
