//! Input: finds the documents to read and reads them.
//!
//! Input: paths given by the user (files or folders). Output: a sorted list
//! of document files, and for each a `Document` or an `InputError` that names
//! the file and, for text that is not UTF-8, the line where it breaks.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::DocId;

/// A source document as read from disk.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    pub file_name: String,
    pub path: PathBuf,
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not UTF-8 text (invalid byte at column {column}); skipped")]
    NotUtf8 { path: PathBuf, line: usize, column: usize },
    #[error("{path}: binary file (NUL byte at line {line}); skipped")]
    Binary { path: PathBuf, line: usize },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
}

/// Expands files and folders (their .txt and .md files, recursively) into a
/// sorted, deduplicated list. A path that does not exist is an error.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|source| InputError::Io { path: p.clone(), source })?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(InputError::Missing { path: p.clone() });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            out.push(path);
        }
    }
    Ok(())
}

impl Document {
    /// A document that is not a file: a line given to `annotate`, a rule's example.
    pub fn from_text(id: &str, text: &str) -> Self {
        Document { id: DocId(id.to_string()), file_name: String::new(), path: PathBuf::new(), source: text.to_string() }
    }
}

/// Reads one document; a BOM is dropped (it is not text).
pub fn read(path: &Path) -> Result<Document, InputError> {
    let bytes = fs::read(path).map_err(|source| InputError::Io { path: path.to_path_buf(), source })?;
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary { path: path.to_path_buf(), line: line_at(&bytes, pos) });
    }
    let source = String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line_start = bytes[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..pos]).chars().count() + 1;
        InputError::NotUtf8 { path: path.to_path_buf(), line: line_at(bytes, pos), column }
    })?;
    let source = source.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(source);
    Ok(Document { id: doc_id(path), file_name: file_name(path), path: path.to_path_buf(), source })
}

fn line_at(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The id is the file name without extension: stable wherever the corpus lives.
pub fn doc_id(path: &Path) -> DocId {
    DocId(path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}
