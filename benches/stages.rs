//! One criterion group per stage, each fed from the shared corpus (`common`:
//! the seeds repeated to about 2 MiB), with jieba-rs `tag` over the same text
//! as the reference.
//!
//! Input: seeds/ and rules/ (one round of the seeds only, under `cargo test
//! --benches`: see `common::measuring`). Output: criterion's reports. Rules,
//! the `Pipeline`, the corpus and every stage's input are built once, outside
//! the timed loops; each group times one stage over the whole corpus and
//! reports `Throughput::Bytes` of *source* text, so MiB/s read across groups:
//!
//! - `normalize`: `Normalizer::repair` of every document.
//! - `segment`: `Segmenter::tag` of every sentence of the repaired text.
//! - `pipeline`: `Pipeline::run` per document (repair, segmentation, every
//!   extractor, resolution).
//! - `graph+export`: `export::write_all` (per-document graphs, rendering, writing) into a
//!   temporary folder.
//! - `jieba_tag`: plain `Jieba::new()` `.tag(line, true)`, line by line.
//! - `startup`: `Pipeline::load` (rules compiled beside jieba's dictionary).
//!
//! Ten flat samples of a few seconds each keep `cargo bench --bench stages`
//! within a few minutes on two cores. Ratios across groups: `benches/ratio.rs`.

mod common;

use std::hint::black_box;
use std::ops::Range;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use jieba_rs::Jieba;
use zhkg::export::{self, ExportOptions};
use zhkg::model::DocFacts;
use zhkg::normalize::{Normalizer, Repaired};
use zhkg::pipeline::Pipeline;
use zhkg::segment::Segmenter;

use common::Corpus;

/// What every stage reads, built once.
struct Fixture {
    corpus: Corpus,
    pipeline: Pipeline,
    normalizer: Normalizer,
    segmenter: Segmenter,
    /// Each document repaired, with its sentences as byte ranges.
    repaired: Vec<(Repaired, Vec<Range<usize>>)>,
    facts: Vec<DocFacts>,
}

impl Fixture {
    fn new() -> Self {
        let corpus = Corpus::seeds_repeated(common::target_bytes());
        let pipeline = Pipeline::new(common::load_rules());
        let normalizer = pipeline.normalizer().clone();
        let segmenter = Segmenter::new(&pipeline.rules);
        let repaired = corpus
            .docs
            .iter()
            .map(|d| {
                let r = normalizer.repair(&d.source);
                let sentences = r.sentences();
                (r, sentences)
            })
            .collect();
        let facts = corpus.docs.iter().map(|d| pipeline.run(d)).collect();
        Fixture { corpus, pipeline, normalizer, segmenter, repaired, facts }
    }
}

fn stages(c: &mut Criterion) {
    let fx = Fixture::new();
    let bytes = Throughput::Bytes(fx.corpus.bytes);

    let mut group = c.benchmark_group("normalize");
    configure(&mut group, bytes.clone());
    group.bench_function("repair", |b| {
        b.iter(|| fx.corpus.docs.iter().for_each(|d| drop(black_box(fx.normalizer.repair(&d.source)))))
    });
    group.finish();

    let mut group = c.benchmark_group("segment");
    configure(&mut group, bytes.clone());
    group.bench_function("tag", |b| {
        b.iter(|| {
            fx.repaired
                .iter()
                .flat_map(|(r, sentences)| sentences.iter().map(move |s| &r.text[s.clone()]))
                .map(|s| black_box(fx.segmenter.tag(s)).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    configure(&mut group, bytes.clone());
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("run", |b| b.iter(|| fx.corpus.docs.iter().for_each(|d| drop(black_box(fx.pipeline.run(d))))));
    group.finish();

    let mut group = c.benchmark_group("graph+export");
    configure(&mut group, bytes.clone());
    group.measurement_time(Duration::from_secs(20));
    let out = tempfile::tempdir().expect("creating a temporary folder");
    group.bench_function("write_all", |b| {
        b.iter_batched(
            || fx.facts.clone(),
            |facts| export::write_all(facts, out.path(), &ExportOptions::default()).expect("exporting the graph"),
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let jieba = Jieba::new();
    let mut group = c.benchmark_group("jieba_tag");
    configure(&mut group, bytes);
    group.bench_function("tag_hmm_by_line", |b| {
        b.iter(|| fx.corpus.lines().map(|line| black_box(jieba.tag(line, true)).len()).sum::<usize>())
    });
    group.finish();

    let mut group = c.benchmark_group("startup");
    configure_startup(&mut group);
    group.bench_function("pipeline_load", |b| b.iter(common::load_pipeline));
    group.finish();
}

/// Whole-corpus iterations take from 50 ms to nearly 2 s: flat sampling runs
/// each of the ten samples for the same few iterations, where criterion's
/// default linear sampling would need 55 at least. The two slow groups get a
/// longer measurement time only so that ten single-iteration samples fit.
fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: Throughput) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(bytes);
}

fn configure_startup(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
}

criterion_group!(benches, stages);
criterion_main!(benches);
