//! `zhkg extract`: documents in, graph files out, a summary printed.
//!
//! Documents are independent: worker threads take them in input order (the
//! next index from a shared counter), extract them and render their part of
//! every output, and the main thread appends the parts in input order, so
//! the files are the same bytes whatever the number of threads. At most a
//! few parts wait at a time, so memory does not grow with the corpus.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{RulesArg, EXIT_SKIPPED};
use crate::export::{self, DocumentPart, ExportOptions, Exporter, Iris, Outputs};
use crate::graph::Totals;
use crate::input::{self, Document, InputError};
use crate::model::DocFacts;
use crate::pipeline::{Cache, Pipeline, StageTimes};
use crate::system;

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
    /// Extract only the I-th of N equal runs of the input files (sorted by
    /// path), for running shards as separate jobs; 1 ≤ I ≤ N.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Worker threads [default: one per core].
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Print the time each stage took on stderr.
    #[arg(long)]
    profile: bool,
    /// Keep each document's facts in this folder and reuse them while the
    /// document and the rules are unchanged: re-runs extract only new or
    /// changed documents. Shards may share one folder.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// The outputs to write, comma-separated: ttl, nq, graphml, csv. The
    /// files of the others are removed from the out folder, so that it never
    /// mixes two runs. For an archive bound for a triple store, `nq`.
    #[arg(long, value_name = "LIST", default_value = "ttl,nq,graphml,csv", value_parser = Outputs::parse)]
    outputs: Outputs,
}

impl Default for Args {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from("seeds")],
            rules: RulesArg::default(),
            out: PathBuf::from("out"),
            base: export::DEFAULT_BASE.to_string(),
            shard: None,
            threads: None,
            profile: false,
            cache: None,
            outputs: Outputs::ALL,
        }
    }
}

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    fn parse(s: &str) -> Result<Self, String> {
        let usage = || format!("{s:?} is not a shard: write I/N with 1 ≤ I ≤ N, such as 2/8");
        let (i, n) = s.split_once('/').ok_or_else(usage)?;
        let (index, count) = (i.trim().parse().map_err(|_| usage())?, n.trim().parse().map_err(|_| usage())?);
        if index == 0 || index > count {
            return Err(usage());
        }
        Ok(Self { index, count })
    }

    /// This shard's contiguous run of `files`. Contiguous runs keep input
    /// order, so the shards' graph.nq files, concatenated in shard order,
    /// are byte for byte the graph.nq of one run over every file.
    pub fn select<T>(&self, files: &[T]) -> std::ops::Range<usize> {
        let bound = |i: usize| i * files.len() / self.count;
        bound(self.index - 1)..bound(self.index)
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let pipeline = args.rules.pipeline()?;
    let startup = started.elapsed();
    let mut files = input::collect(&args.paths)?;
    if let Some(shard) = args.shard {
        files = files[shard.select(&files)].to_vec();
    }
    let opts = ExportOptions { base: args.base.clone(), outputs: args.outputs };
    let writing = || format!("writing the graph into {}", args.out.display());
    let mut exporter = Exporter::create(&args.out, &opts).with_context(writing)?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let progress = progress_bar(&files);
    let mut profile = Profile { startup, ..Profile::default() };
    let mut skipped = 0;
    let mut failure = None;
    let cache = match &args.cache {
        Some(dir) => Some(
            Cache::open(dir, &pipeline.rules.fingerprint)
                .with_context(|| format!("opening the cache folder {}", dir.display()))?,
        ),
        None => None,
    };
    let mut reused = 0;
    let iris = exporter.iris().clone();
    let worker = Worker { pipeline: &pipeline, iris: &iris, outputs: args.outputs, cache: cache.as_ref() };
    for_each_in_order(
        &files,
        threads,
        |path| worker.work(path),
        |result| {
            let (part, times) = match result {
                Ok(done) => done,
                Err(e) => {
                    skipped += 1;
                    progress.suspend(|| writeln!(io::stderr(), "zhkg: {e}")).ok();
                    return;
                }
            };
            progress.inc(part.1);
            profile.bytes += part.1;
            profile.add(&times);
            reused += usize::from(times.cached);
            let clock = Instant::now();
            if failure.is_none() {
                failure = exporter.add(part.0).err();
            }
            profile.write += clock.elapsed();
        },
    );
    progress.finish_and_clear();
    if let Some(e) = failure {
        return Err(e).with_context(writing);
    }
    let clock = Instant::now();
    let (_, totals) = exporter.finish().with_context(writing)?;
    profile.write += clock.elapsed();
    print_summary(&totals, &args.out, args.outputs, skipped, started)?;
    if args.cache.is_some() {
        writeln!(io::stdout(), "cache      {reused} reused, {} extracted", totals.documents - reused)?;
    }
    if args.profile {
        profile.print(started.elapsed(), threads)?;
    }
    Ok(if skipped > 0 { EXIT_SKIPPED } else { 0 })
}

/// A document's rendered part, with its size in bytes, and the time each
/// stage took on it.
type Worked = ((DocumentPart, u64), WorkTimes);

/// What a worker thread needs to take one document from file to rendered part.
struct Worker<'a> {
    pipeline: &'a Pipeline,
    iris: &'a Iris,
    outputs: Outputs,
    cache: Option<&'a Cache>,
}

impl Worker<'_> {
    /// Reads, extracts (or takes from the cache) and renders one document.
    fn work(&self, path: &Path) -> Result<Worked, InputError> {
        let mut times = WorkTimes::default();
        let clock = Instant::now();
        let doc = input::read(path)?;
        times.read = clock.elapsed();
        let facts = match self.cache.and_then(|c| c.get(&doc)) {
            Some(facts) => {
                times.cached = true;
                facts
            }
            None => self.extract(&doc, &mut times),
        };
        let clock = Instant::now();
        let part = export::render(facts, self.iris, self.outputs);
        times.render = clock.elapsed();
        Ok(((part, doc.source.len() as u64), times))
    }

    fn extract(&self, doc: &Document, times: &mut WorkTimes) -> DocFacts {
        let facts = self.pipeline.run_timed(doc, &mut times.pipeline);
        if let Some(cache) = self.cache {
            // A failed write costs the next run time, not this run's output.
            if let Err(e) = cache.put(doc, &facts) {
                let _ = writeln!(io::stderr(), "zhkg: caching {}: {e}", doc.path.display());
            }
        }
        facts
    }
}

/// Runs `work` over `items` on `threads` threads and hands each result to
/// `sink` on this thread, in the order of `items`. Workers take the next
/// item as they become free, and stop taking when the results waiting for
/// an earlier, slower item fill a small window, so memory stays bounded.
fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R),
) {
    let window = 4 * threads;
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, R)>(window);
        for _ in 0..threads {
            let (tx, next, work) = (tx.clone(), &next, &work);
            // Named, so that a profile tells the workers from the writer.
            let worker = std::thread::Builder::new().name("zhkg-worker".into());
            let spawned = worker.spawn_scoped(scope, move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
            spawned.expect("starting a worker thread");
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                sink(result);
                expected += 1;
            }
        }
    });
}

fn progress_bar(files: &[PathBuf]) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal; checking here
    // as well keeps the byte count below from touching every file for nothing.
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = files.iter().map(|f| file_len(f)).sum();
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}")
            .expect("the template is valid");
    bar.set_style(style);
    bar
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[derive(Debug, Default, Clone, Copy)]
struct WorkTimes {
    /// True when the facts came from the cache.
    cached: bool,
    read: Duration,
    pipeline: StageTimes,
    render: Duration,
}

/// Where the time went: worker stages summed over threads, the writer's
/// time on the main thread.
#[derive(Debug, Default)]
struct Profile {
    startup: Duration,
    read: Duration,
    pipeline: StageTimes,
    render: Duration,
    write: Duration,
    /// Source bytes of the documents processed.
    bytes: u64,
}

impl Profile {
    fn add(&mut self, t: &WorkTimes) {
        self.read += t.read;
        self.pipeline += t.pipeline;
        self.render += t.render;
    }

    fn print(&self, wall: Duration, threads: usize) -> io::Result<()> {
        let mut rows = vec![("start-up (rules, dictionary)", self.startup), ("read", self.read)];
        rows.extend(self.pipeline.named());
        rows.extend([("render outputs", self.render), ("write outputs (main thread)", self.write)]);
        let busy: Duration = rows.iter().map(|r| r.1).sum();
        let mut w = io::stderr().lock();
        writeln!(w, "{:<30} {:>10} {:>7}", "stage", "seconds", "share")?;
        for (name, time) in rows {
            let share = 100.0 * time.as_secs_f64() / busy.as_secs_f64().max(f64::EPSILON);
            writeln!(w, "{name:<30} {:>10.3} {share:>6.1}%", time.as_secs_f64())?;
        }
        let mib = self.bytes as f64 / f64::from(1 << 20);
        writeln!(w, "{:<30} {:>10.3}", format!("wall clock, {threads} thread(s)"), wall.as_secs_f64())?;
        writeln!(w, "{:<30} {:>10.2} MiB/s", "throughput", mib / wall.as_secs_f64())?;
        if let Some(bytes) = system::peak_memory() {
            writeln!(w, "{:<30} {:>10.1} MiB", "peak memory", bytes as f64 / f64::from(1 << 20))?;
        }
        Ok(())
    }
}

fn print_summary(totals: &Totals, out: &Path, outputs: Outputs, skipped: usize, started: Instant) -> io::Result<()> {
    let mut entities: BTreeMap<&str, usize> = BTreeMap::new();
    for key in totals.entities.keys() {
        *entities.entry(key.ty.as_str()).or_default() += 1;
    }
    let mut w = io::stdout().lock();
    let skipped = if skipped > 0 { format!(" ({skipped} skipped)") } else { String::new() };
    writeln!(w, "documents  {}{skipped}", totals.documents)?;
    writeln!(w, "entities   {}", breakdown(&entities))?;
    writeln!(w, "relations  {}", breakdown(&totals.relations_by_kind()))?;
    writeln!(w, "figures    {}", totals.figures)?;
    writeln!(w, "quotes     {}", totals.quotes)?;
    writeln!(w, "elapsed    {:.2} s", started.elapsed().as_secs_f64())?;
    let mut files: Vec<&str> = outputs.files().into_iter().filter(|f| !f.ends_with(".csv")).collect();
    if outputs.csv {
        files.push("*.csv");
    }
    writeln!(w, "written    {}/{}", out.display(), files.join(", "))
}

fn breakdown(counts: &BTreeMap<&str, usize>) -> String {
    let total: usize = counts.values().sum();
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!("{total} ({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_files_once_in_order() {
        let files: Vec<usize> = (0..10).collect();
        let runs: Vec<_> = (1..=3).map(|i| Shard { index: i, count: 3 }.select(&files)).collect();
        assert_eq!(runs, [0..3, 3..6, 6..10]);
        assert_eq!(Shard { index: 4, count: 4 }.select(&files[..2]), 1..2);
    }

    #[test]
    fn shard_syntax_is_checked() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/3", "4/3", "1", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn results_arrive_in_input_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            // Later items finish first: the sink must still see them in order.
            let work = |&i: &u64| {
                std::thread::sleep(Duration::from_micros((200 - i) * 5));
                i
            };
            for_each_in_order(&items, threads, work, |i| seen.push(i));
            assert_eq!(seen, items, "{threads} threads");
        }
    }
}
