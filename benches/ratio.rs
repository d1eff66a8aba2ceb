//! End-to-end throughput of zhkg against jieba-rs `tag`, timed in one process
//! over the same text, printed as a ratio.
//!
//! Input: the shared corpus (`common`, the seeds repeated to about 2 MiB) and
//! rules/. Output: a table on stdout. Criterion measures each stage alone
//! (`benches/stages.rs`) but cannot put two functions side by side; this
//! bench can, and since both numbers come from the same process on the same
//! machine state, their ratio is the number to track across machines.
//!
//! `cargo bench --bench ratio` times each side five times, alternating the
//! two, and keeps each side's best run; start-up is best of five too. Run
//! any other way (`cargo test --benches` passes no `--bench`), it makes one
//! quick pass over one round of the seeds, to check that it still works.
//! No thresholds are asserted: this is a measurement, not a test.

#![allow(clippy::print_stdout)] // The table is this bench's output.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use jieba_rs::Jieba;
use zhkg::export::{self, ExportOptions};
use zhkg::pipeline::Pipeline;

use common::Corpus;

/// Wall time of one end-to-end pipeline run, by part.
#[derive(Debug, Clone, Copy, Default)]
struct PipelineTimes {
    /// Pipeline::run over every document: repair, segmentation, extraction, resolution.
    run: Duration,
    /// Per-document graphs, rendering, and writing the eight files.
    export: Duration,
}

impl PipelineTimes {
    fn total(&self) -> Duration {
        self.run + self.export
    }
}

fn main() {
    let runs = if common::measuring() { 5 } else { 1 };

    let (startup, pipeline) = best_of(runs, || {
        let started = Instant::now();
        let pipeline = common::load_pipeline();
        (started.elapsed(), pipeline)
    });
    let (jieba_startup, jieba) = best_of(runs, || {
        let started = Instant::now();
        let jieba = Jieba::new();
        (started.elapsed(), jieba)
    });
    let corpus = Corpus::seeds_repeated(common::target_bytes());
    let out = tempfile::tempdir().expect("creating a temporary folder");

    // Alternate the two, so that both see the same spells of machine load,
    // and keep each side's fastest run.
    let pairs: Vec<_> =
        (0..runs).map(|_| (jieba_tag(&jieba, &corpus), run_pipeline(&pipeline, &corpus, out.path()))).collect();
    let (jieba_time, tokens) = pairs.iter().map(|p| p.0).min_by_key(|j| j.0).expect("at least one run");
    let times = pairs.iter().map(|p| p.1).min_by_key(PipelineTimes::total).expect("at least one run");
    let spread = pairs.iter().map(|(j, t)| throughput_ratio(j.0, t.total()));
    let spread = spread.clone().fold(f64::INFINITY, f64::min)..spread.fold(0.0, f64::max);

    print_table(&corpus, runs, (jieba_time, tokens), times, spread);
    println!("start-up, Pipeline::load                   {:>10.1} ms", ms(startup));
    println!("start-up, Jieba::new alone (reference)     {:>10.1} ms", ms(jieba_startup));
}

/// Pipeline throughput as a fraction of jieba's: the inverse of the time ratio.
fn throughput_ratio(jieba: Duration, zhkg: Duration) -> f64 {
    jieba.as_secs_f64() / zhkg.as_secs_f64()
}

/// Runs `f` `runs` times and keeps the fastest run's result.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    (0..runs).map(|_| f()).min_by_key(|(time, _)| *time).expect("at least one run")
}

/// jieba-rs `tag` with the HMM, line by line, as `Segmenter::tag` calls it.
fn jieba_tag(jieba: &Jieba, corpus: &Corpus) -> (Duration, usize) {
    let started = Instant::now();
    let tokens = corpus.lines().map(|line| black_box(jieba.tag(line, true)).len()).sum();
    (started.elapsed(), tokens)
}

/// Everything `zhkg extract` does after start-up, writing into `out`.
fn run_pipeline(pipeline: &Pipeline, corpus: &Corpus, out: &std::path::Path) -> PipelineTimes {
    let started = Instant::now();
    let facts: Vec<_> = corpus.docs.iter().map(|doc| pipeline.run(doc)).collect();
    let run = started.elapsed();

    let started = Instant::now();
    export::write_all(facts, out, &ExportOptions::default()).expect("exporting the graph");
    let export = started.elapsed();
    PipelineTimes { run, export }
}

fn print_table(
    corpus: &Corpus,
    runs: usize,
    (jieba, tokens): (Duration, usize),
    zhkg: PipelineTimes,
    spread: std::ops::Range<f64>,
) {
    let mib_s = |d: Duration| corpus.mib() / d.as_secs_f64();
    let share = |d: Duration| 100.0 * d.as_secs_f64() / zhkg.total().as_secs_f64();
    let row = |name: &str, d: Duration| {
        println!("{name:<40} {:>10.1} ms {:>9.2} MiB/s", ms(d), mib_s(d));
    };
    println!(
        "zhkg vs jieba-rs tag: {} documents, {:.2} MiB (seeds x {}), best of {runs}{}",
        corpus.docs.len(),
        corpus.mib(),
        corpus.rounds,
        if runs == 1 { " (quick check; run `cargo bench --bench ratio` to measure)" } else { "" },
    );
    println!();
    row("jieba-rs tag, HMM on (reference)", jieba);
    row("zhkg pipeline, end to end", zhkg.total());
    for (name, d) in [("  run: repair..resolve", zhkg.run), ("  graph, render, write 8 files", zhkg.export)] {
        println!("{name:<40} {:>10.1} ms {:>9.2} MiB/s {:>5.1} %", ms(d), mib_s(d), share(d));
    }
    println!();
    println!(
        "ratio pipeline/jieba_tag, throughput: {:.3} (best runs; {:.3}..{:.3} run by run)",
        throughput_ratio(jieba, zhkg.total()),
        spread.start,
        spread.end,
    );
    println!(
        "  i.e. the pipeline takes {:.1}x jieba's time over {tokens} jieba tokens",
        zhkg.total().as_secs_f64() / jieba.as_secs_f64(),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
