//! The per-document cache: the facts of documents already extracted.
//!
//! Input: a document, and the fingerprint of the rules it is extracted
//! with. Output: the `DocFacts` a previous run extracted from it, or nothing.
//! An entry is a JSON file named by the SHA-256 of zhkg's version, the rules'
//! fingerprint and the document's id, file name and text, so a change to any
//! of them is another entry: the cache is never stale, only unused. Re-running
//! on a grown corpus extracts only the new documents, and gives the output a
//! run without the cache gives.
//!
//! Entries are written to a temporary file and renamed into place, so runs
//! sharing a cache folder (shards) and crashed runs leave no torn entry. An
//! entry that cannot be read or parsed is a miss.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::input::Document;
use crate::model::DocFacts;

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    rules: String,
}

impl Cache {
    /// A cache in `dir` (created if missing) for rules with `rules_fingerprint`.
    pub fn open(dir: &Path, rules_fingerprint: &str) -> io::Result<Self> {
        fs::create_dir_all(dir)?;
        Ok(Self { dir: dir.to_path_buf(), rules: rules_fingerprint.to_string() })
    }

    /// The facts of `doc`, if a run with the same rules extracted them.
    pub fn get(&self, doc: &Document) -> Option<DocFacts> {
        let bytes = fs::read(self.path(doc)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn put(&self, doc: &Document, facts: &DocFacts) -> io::Result<()> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = self.path(doc);
        let parent = path.parent().expect("entries are inside the cache folder");
        fs::create_dir_all(parent)?;
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = parent.join(format!(".{}-{n}.tmp", std::process::id()));
        let json = serde_json::to_vec(facts).map_err(io::Error::other)?;
        fs::write(&temp, json).and_then(|()| fs::rename(&temp, &path)).inspect_err(|_| {
            let _ = fs::remove_file(&temp);
        })
    }

    /// `DIR/ab/abcdef….json`: the first two hex digits fan entries out over
    /// 256 folders, so that no folder holds a whole archive's entries.
    fn path(&self, doc: &Document) -> PathBuf {
        let mut hash = Sha256::new();
        for part in [env!("CARGO_PKG_VERSION"), &self.rules, &doc.id.0, &doc.file_name] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        hash.update(doc.source.as_bytes());
        let key = format!("{:x}", hash.finalize());
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    fn doc(text: &str) -> Document {
        Document::from_text("000_qianhai", text)
    }

    #[test]
    fn facts_come_back_as_they_were_put() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "rules-a").unwrap();
        let facts = fixture::docs().remove(0);
        assert_eq!(cache.get(&doc("深圳")), None);
        cache.put(&doc("深圳"), &facts).unwrap();
        assert_eq!(cache.get(&doc("深圳")), Some(facts));
    }

    #[test]
    fn other_rules_or_other_text_miss() {
        let dir = tempfile::tempdir().unwrap();
        let facts = fixture::docs().remove(0);
        Cache::open(dir.path(), "rules-a").unwrap().put(&doc("深圳"), &facts).unwrap();
        assert_eq!(Cache::open(dir.path(), "rules-b").unwrap().get(&doc("深圳")), None);
        assert_eq!(Cache::open(dir.path(), "rules-a").unwrap().get(&doc("深圳市")), None);
    }

    #[test]
    fn a_torn_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "rules-a").unwrap();
        cache.put(&doc("深圳"), &fixture::docs().remove(0)).unwrap();
        fs::write(cache.path(&doc("深圳")), b"{\"doc\": ").unwrap();
        assert_eq!(cache.get(&doc("深圳")), None);
    }
}
