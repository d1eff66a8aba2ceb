//! The corpus every bench reads: the five seeds, repeated to about 2 MiB.
//!
//! Input: seeds/*.txt and rules/ of this crate. Output: `Corpus`, a list of
//! documents (each repetition of a seed is a document of its own, with an id
//! of its own, so the graph sees as many documents as the pipeline ran) and
//! its size in source bytes. Every bench reports throughput in those source
//! bytes, whatever the stage's own input is, so MiB/s compare across stages
//! and with jieba-rs over the same text.
//!
//! Built once per bench process, outside every timed loop; the order is
//! fixed (seeds sorted by name, then repeated), so runs are comparable.

// Each bench target compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zhkg::input::{self, Document};
use zhkg::model::DocId;
use zhkg::pipeline::Pipeline;
use zhkg::rules::Rules;

/// About 2 MiB: large enough that per-call overheads vanish, small enough
/// that a run of every stage stays within a few minutes on two cores.
pub const TARGET_BYTES: usize = 2 << 20;

/// True under `cargo bench`, which passes `--bench`; `cargo test --benches`
/// does not, and criterion then runs each bench once as a test. Outside a
/// real measurement a single round of the seeds is enough to check that the
/// benches still run, in debug builds too.
pub fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// `TARGET_BYTES` when measuring, else one round of the seeds.
pub fn target_bytes() -> usize {
    if measuring() {
        TARGET_BYTES
    } else {
        1
    }
}

pub struct Corpus {
    pub docs: Vec<Document>,
    /// Sum of the documents' source lengths in bytes.
    pub bytes: u64,
    /// How many times the seeds were repeated.
    pub rounds: usize,
}

impl Corpus {
    /// The seeds, in name order, repeated until the corpus holds at least
    /// `target_bytes` bytes of source text.
    pub fn seeds_repeated(target_bytes: usize) -> Self {
        let seeds = read_seeds();
        let round_bytes: usize = seeds.iter().map(|d| d.source.len()).sum();
        let rounds = target_bytes.div_ceil(round_bytes).max(1);
        let docs: Vec<Document> =
            (0..rounds).flat_map(|round| seeds.iter().map(move |seed| repeat(seed, round))).collect();
        let bytes = docs.iter().map(|d| d.source.len() as u64).sum();
        Corpus { docs, bytes, rounds }
    }

    /// Every source line of every document, in order: what jieba-rs is fed.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().flat_map(|d| d.source.lines())
    }

    pub fn mib(&self) -> f64 {
        self.bytes as f64 / (1 << 20) as f64
    }

    /// Writes every document into `dir` as `FILE_NAME`, the corpus
    /// generator behind the scale bench: any size, the same bytes every time.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for doc in &self.docs {
            std::fs::write(dir.join(&doc.file_name), &doc.source)?;
        }
        Ok(())
    }
}

pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crate's rules/ folder, compiled.
pub fn load_rules() -> Rules {
    let dir = crate_dir().join("rules");
    Rules::load(&dir).unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()))
}

/// The pipeline over the crate's rules/ folder, built as the binary builds it.
pub fn load_pipeline() -> Pipeline {
    let dir = crate_dir().join("rules");
    Pipeline::load(&dir).unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()))
}

fn read_seeds() -> Vec<Document> {
    let dir = crate_dir().join("seeds");
    let paths: Vec<PathBuf> =
        input::collect(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()));
    assert!(!paths.is_empty(), "no seeds in {}", dir.display());
    paths.iter().map(|p| input::read(p).unwrap_or_else(|e| panic!("reading seed: {e}"))).collect()
}

/// A copy of `seed` with an id unique to its round.
fn repeat(seed: &Document, round: usize) -> Document {
    Document {
        id: DocId(format!("r{round:04}-{}", seed.id.0)),
        file_name: format!("r{round:04}-{}", seed.file_name),
        ..seed.clone()
    }
}
