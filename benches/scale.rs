//! Scale: the `zhkg` binary on generated corpora, run as a user runs it.
//!
//! Input: the seeds repeated into corpora of 20 and 200 MiB (written by
//! `common::Corpus::write_to` into a temporary folder) and rules/. Output: a
//! table on stdout:
//!
//! - end-to-end throughput of `zhkg extract` (start-up, reading, extraction,
//!   every output written) on one and two threads (the fastest of three runs
//!   each on the reference corpus), and its ratio to jieba-rs `tag` alone,
//!   timed in this process on the same text;
//! - peak memory of the 20 and 200 MiB runs, as the binary's `--profile`
//!   reports it (VmHWM), and their ratio;
//! - `zhkg query` latency on the seeds' graph, load included, and the rate at
//!   which the 20 MiB graph loads into the in-memory store, as the union alone
//!   (a query naming no graph) and with the document graphs (one using `GRAPH`).
//!
//! `cargo bench --bench scale` measures (a few minutes on two cores; set
//! `ZHKG_SCALE_MIB=20,200` to choose the sizes, the first is the reference).
//! Run any other way (`cargo test --benches`) it makes one quick pass on a
//! tiny corpus. Nothing is asserted: this is a measurement.

#![allow(clippy::print_stdout)] // The table is this bench's output.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Corpus;

/// What one `zhkg extract --profile` run reported.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    peak_mib: f64,
}

fn main() {
    let sizes = sizes_mib();
    let work = tempfile::tempdir().expect("creating a temporary folder");
    let mut rows = Vec::new();
    for (i, &mib) in sizes.iter().enumerate() {
        let corpus = Corpus::seeds_repeated(mib_bytes(mib));
        let dir = work.path().join(format!("corpus-{mib}"));
        corpus.write_to(&dir).expect("writing the corpus");
        // Threads: one and two on the reference size, alternated three
        // times and the fastest of each kept, since the scaling ratio is
        // read off them; two threads once on the others.
        let (threads, rounds): (&[usize], usize) = if i == 0 { (&[1, 2], reference_rounds()) } else { (&[2], 1) };
        let mut best: Vec<Option<Run>> = vec![None; threads.len()];
        for _ in 0..rounds {
            for (&t, best) in threads.iter().zip(&mut best) {
                let run = extract(&dir, &work.path().join(format!("out-{mib}-{t}")), t);
                if best.is_none_or(|b| run.wall < b.wall) {
                    *best = Some(run);
                }
            }
        }
        rows.extend(threads.iter().zip(best).map(|(&t, run)| (corpus.mib(), t, run.expect("at least one round"))));
        if i == 0 {
            print_jieba_reference(&corpus, rows[0].2.wall, rows[1].2.wall);
            print_store_load(&work.path().join(format!("out-{mib}-1")));
        }
        std::fs::remove_dir_all(&dir).ok();
    }
    println!();
    println!("{:>10} {:>8} {:>10} {:>10} {:>12}", "corpus MiB", "threads", "seconds", "MiB/s", "peak MiB");
    for (mib, t, run) in &rows {
        let rate = mib / run.wall.as_secs_f64();
        println!("{mib:>10.1} {t:>8} {:>10.2} {rate:>10.2} {:>12.1}", run.wall.as_secs_f64(), run.peak_mib);
    }
    let two = |i: usize| rows.iter().filter(|r| r.1 == 2).nth(i).map(|r| r.2);
    if let (Some(small), Some(large)) = (two(0), two(1)) {
        println!("peak memory, largest / reference corpus (2 threads): {:.2}x", large.peak_mib / small.peak_mib);
    }
    print_query_latency(work.path());
}

/// `ZHKG_SCALE_MIB` (comma-separated), 20 and 200 when measuring, tiny otherwise.
fn sizes_mib() -> Vec<f64> {
    if let Ok(list) = std::env::var("ZHKG_SCALE_MIB") {
        return list.split(',').map(|s| s.trim().parse().expect("ZHKG_SCALE_MIB: numbers of MiB")).collect();
    }
    if common::measuring() {
        vec![20.0, 200.0]
    } else {
        vec![0.1, 0.2]
    }
}

/// Runs of each thread count on the reference corpus: three when measuring.
fn reference_rounds() -> usize {
    if common::measuring() {
        3
    } else {
        1
    }
}

fn mib_bytes(mib: f64) -> usize {
    (mib * f64::from(1 << 20)) as usize
}

fn zhkg() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhkg"));
    c.current_dir(common::crate_dir());
    c
}

/// Runs `zhkg extract --profile` and reads its wall clock and peak memory.
fn extract(corpus: &Path, out: &Path, threads: usize) -> Run {
    let started = Instant::now();
    let o = zhkg()
        .args(["extract", "--profile", "-j", &threads.to_string(), "--out"])
        .args([out, corpus])
        .output()
        .expect("running zhkg extract");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "zhkg extract failed: {stderr}");
    let peak_mib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak memory"))
        .and_then(|v| v.trim().trim_end_matches("MiB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    Run { wall, peak_mib }
}

/// jieba-rs `tag` over the same text in this process, and zhkg's ratio to it.
fn print_jieba_reference(corpus: &Corpus, one_thread: Duration, two_threads: Duration) {
    let started = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let tokens: usize = corpus.lines().map(|line| black_box(jieba.tag(line, true)).len()).sum();
    let jieba_time = started.elapsed();
    let rate = |d: Duration| corpus.mib() / d.as_secs_f64();
    println!("corpus: {:.1} MiB, {} documents (seeds x {})", corpus.mib(), corpus.docs.len(), corpus.rounds);
    println!("jieba-rs Jieba::new + tag (HMM), one thread: {:.2} MiB/s, {tokens} tokens", rate(jieba_time));
    println!("zhkg extract -j1, end to end:                {:.2} MiB/s", rate(one_thread));
    println!("  ratio to jieba-rs tag:                     {:.3}", rate(one_thread) / rate(jieba_time));
    println!(
        "zhkg extract -j2 / -j1:                      {:.2}x",
        one_thread.as_secs_f64() / two_threads.as_secs_f64()
    );
    println!("  jieba-rs tag, 2 threads / 1 (the machine): {:.2}x", jieba_scaling(&jieba, corpus));
}

/// How much faster jieba-rs `tag` alone runs on two threads, each taking
/// every other line, than on one, best of three each: what two cores of this
/// machine give a purely CPU-bound, read-only workload, to read zhkg's own
/// scaling against.
fn jieba_scaling(jieba: &jieba_rs::Jieba, corpus: &Corpus) -> f64 {
    let lines: Vec<&str> = corpus.lines().collect();
    let tag = |part: usize, parts: usize| {
        let mine = lines.iter().skip(part).step_by(parts);
        mine.map(|line| black_box(jieba.tag(line, true)).len()).sum::<usize>()
    };
    let one = best_of(3, || {
        black_box(tag(0, 1));
    });
    let two = best_of(3, || {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| tag(1, 2));
            black_box(tag(0, 2));
            black_box(other.join().expect("the tagging thread"));
        });
    });
    one.as_secs_f64() / two.as_secs_f64()
}

/// Loading `out/graph.nq` into the in-memory store: `zhkg query` with a
/// query that costs nothing, so the time is the load. A query that names no
/// graph loads the union only; one with `GRAPH` loads the document graphs too.
fn print_store_load(out: &Path) {
    let quads = std::fs::read_to_string(out.join("graph.nq")).map_or(0, |t| t.lines().count());
    for (graphs, query) in [("the union", "ASK {}"), ("union and document graphs", "ASK { GRAPH ?g {} }")] {
        let wall = best_of(3, || {
            let o = zhkg().args(["query", query, "--out"]).arg(out).output().expect("running zhkg query");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        });
        println!(
            "store load, {graphs}: {quads} quads in {:.2} s, {:.0} quads/s",
            wall.as_secs_f64(),
            quads as f64 / wall.as_secs_f64()
        );
    }
}

/// `zhkg query` on the seeds' graph, load included, best of five.
fn print_query_latency(work: &Path) {
    let out = work.join("out-seeds");
    let o = zhkg().args(["extract", "seeds", "--out"]).arg(&out).output().expect("running zhkg extract");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for query in ["queries/who-said-what.rq", "queries/people-organizations.rq"] {
        let wall = best_of(5, || {
            let o = zhkg().args(["query", "-f", query, "--out"]).arg(&out).output().expect("running zhkg query");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        });
        println!("zhkg query -f {query} on the seeds' graph: {:.3} s", wall.as_secs_f64());
    }
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .expect("at least one run")
}
