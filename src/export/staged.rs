//! Staged files: every output is written to a temporary file beside its
//! destination and renamed over it only once complete.
//!
//! Input: bytes appended in order. Output: the destination file, durable on
//! disk before it replaces the previous one (`flush_and_sync`, then
//! `commit`). A `Staged` dropped uncommitted removes its temporary file, so a
//! failed run leaves the previous outputs untouched.
//!
//! A large run writes hundreds of MiB that the kernel would otherwise hold
//! dirty until the final fsync, which then waits for all of it on one thread
//! while nothing else runs. Instead, each file asks a background thread to
//! sync it every `BACKGROUND_SYNC_BYTES`, so the disk writes overlap the
//! extraction and the final fsync finds only the tail.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::ExportError;

/// Bytes appended to a file between two requests to sync it in the background.
const BACKGROUND_SYNC_BYTES: u64 = 32 << 20;

/// A temporary file being written beside its destination, renamed over it
/// by `commit`. Dropping it uncommitted removes the temporary file.
pub(super) struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    /// `None` once the writer was handed out (`take_writer`) or completed.
    file: Option<BufWriter<File>>,
    /// The same open file, for the background syncer.
    synced: Arc<SyncTarget>,
    /// Bytes appended since the last background sync was asked for, and
    /// how many ask for one (`BACKGROUND_SYNC_BYTES`, less in tests).
    unsynced: u64,
    sync_every: u64,
    /// False for a scratch file, read back and removed, never synced.
    durable: bool,
    committed: bool,
}

impl Staged {
    /// Creates `dir/.NAME.PID-N.tmp`; the process id and a counter keep
    /// concurrent exports apart.
    pub(super) fn create(dir: &Path, name: &str) -> Result<Self, ExportError> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let dest = dir.join(name);
        let error = |source| ExportError::Write { path: dest.clone(), source };
        let file = File::create(&temp).map_err(error)?;
        let synced = Arc::new(SyncTarget { file: file.try_clone().map_err(error)?, error: Mutex::new(None) });
        let file = Some(BufWriter::with_capacity(1 << 16, file));
        Ok(Staged {
            temp,
            dest,
            file,
            synced,
            unsynced: 0,
            sync_every: BACKGROUND_SYNC_BYTES,
            durable: true,
            committed: false,
        })
    }

    /// A file read back into another before the end (`temp_path`), never
    /// committed: it is not synced to disk.
    pub(super) fn scratch(dir: &Path, name: &str) -> Result<Self, ExportError> {
        let mut staged = Staged::create(dir, name)?;
        staged.durable = false;
        Ok(staged)
    }

    pub(super) fn error(&self, source: io::Error) -> ExportError {
        ExportError::Write { path: self.dest.clone(), source }
    }

    pub(super) fn append(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        let file = self.file.as_mut().expect("appending to a staged file still open");
        file.write_all(bytes).map_err(|e| self.error(e))?;
        self.unsynced += bytes.len() as u64;
        if self.durable && self.unsynced >= self.sync_every {
            self.unsynced = 0;
            if let Some(syncer) = background_syncer() {
                // Only fails once the process is exiting.
                let _ = syncer.send(Arc::clone(&self.synced));
            }
        }
        Ok(())
    }

    /// Copies all of `from` to the end of the file.
    pub(super) fn append_from(&mut self, from: &mut impl io::Read) -> Result<(), ExportError> {
        let file = self.file.as_mut().expect("appending to a staged file still open");
        io::copy(from, file).map(drop).map_err(|e| self.error(e))
    }

    /// Hands the writer to a serializer, which gives it back with `put_writer`.
    pub(super) fn take_writer(&mut self) -> BufWriter<File> {
        self.file.take().expect("a staged file hands out its writer once")
    }

    pub(super) fn put_writer(&mut self, writer: BufWriter<File>) {
        self.file = Some(writer);
    }

    /// The temporary file, complete once `flush_and_sync` returned.
    pub(super) fn temp_path(&self) -> &Path {
        &self.temp
    }

    pub(super) fn dest_path(&self) -> &Path {
        &self.dest
    }

    /// Writes out the buffer and, unless a scratch file, waits until the
    /// file is on disk; reports an error a background sync met, which this
    /// fsync might not see again.
    pub(super) fn flush_and_sync(&mut self) -> Result<(), ExportError> {
        if let Some(mut file) = self.file.take() {
            file.flush().map_err(|e| self.error(e))?;
            if self.durable {
                file.get_ref().sync_all().map_err(|e| self.error(e))?;
            }
        }
        match self.synced.error.lock().unwrap_or_else(PoisonError::into_inner).take() {
            Some(e) => Err(self.error(e)),
            None => Ok(()),
        }
    }

    pub(super) fn commit(mut self) -> Result<PathBuf, ExportError> {
        fs::rename(&self.temp, &self.dest).map_err(|e| self.error(e))?;
        self.committed = true;
        Ok(self.dest.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// A staged file as the background syncer sees it.
struct SyncTarget {
    file: File,
    /// The first error a background sync met, for `flush_and_sync` to report.
    error: Mutex<Option<io::Error>>,
}

/// The thread that syncs files while they are still being written, started
/// on first use and living until the process exits; `None` if no thread
/// could be started, and then the final fsync does all the work. Syncing a
/// file already on disk is cheap, so a request queued twice costs little.
fn background_syncer() -> Option<&'static mpsc::Sender<Arc<SyncTarget>>> {
    static SYNCER: OnceLock<Option<mpsc::Sender<Arc<SyncTarget>>>> = OnceLock::new();
    let syncer = SYNCER.get_or_init(|| {
        let (requests, received) = mpsc::channel::<Arc<SyncTarget>>();
        std::thread::Builder::new()
            .name("zhkg-sync".into())
            .spawn(move || {
                for target in received {
                    if let Err(e) = target.file.sync_data() {
                        target.error.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(e);
                    }
                }
            })
            .ok()?;
        Some(requests)
    });
    syncer.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_synced_in_the_background_while_written_is_whole_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut staged = Staged::create(dir.path(), "out.txt").unwrap();
        staged.sync_every = 1000;
        let line = |i: usize| format!("line {i:>4} of a file larger than the sync interval\n");
        for i in 0..500 {
            staged.append(line(i).as_bytes()).unwrap();
        }
        assert!(!dir.path().join("out.txt").exists(), "the destination appears only on commit");
        staged.flush_and_sync().unwrap();
        let dest = staged.commit().unwrap();
        let expected: String = (0..500).map(line).collect();
        assert_eq!(fs::read_to_string(dest).unwrap(), expected);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        for mut staged in [Staged::create(dir.path(), "a.txt").unwrap(), Staged::scratch(dir.path(), "b.txt").unwrap()]
        {
            staged.sync_every = 1;
            staged.append(b"written, then abandoned").unwrap();
            staged.flush_and_sync().unwrap();
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
