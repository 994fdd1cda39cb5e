//! `scan PATH…`: files and trees without a diff, honouring `.gitignore`.

use std::path::{Path, PathBuf};

use idgate_core::{ChangeSet, ChangeSource, FileChange, FileNote, FileStatus, Hunk};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::content::{self, Decoded, Limits};
use crate::{Error, Result};

/// Read every file under `paths` (files or directories). Every line of every file counts as new.
/// Directories are walked with `.gitignore` and `.ignore` rules; hidden files and directories
/// (`.env`, `.github/`) are read too, but `.git` never is. A file named explicitly is always
/// read. An unreadable file or directory is an error naming it. Files are read in parallel; the
/// result is in path order whatever the thread count.
pub fn scan(paths: &[PathBuf], limits: &Limits) -> Result<ChangeSet> {
    scan_with_progress(paths, limits, &|_| {})
}

/// [`scan`], calling `progress` with the size of each file once it is read (from any thread),
/// for a progress display.
pub fn scan_with_progress(
    paths: &[PathBuf],
    limits: &Limits,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ChangeSet> {
    let files = read_files(&walk(paths)?, limits, progress)?;
    let mut digest = ScanDigest::new();
    for f in &files {
        digest.add(f);
    }
    Ok(scanned(paths, digest, files))
}

/// The files under `paths`, as [`scan`] reads them, in the order of their display paths (the
/// order of a scan's files and of its digest). Reading them can then be done in parts.
pub fn walk(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|source| Error::Io {
            path: root.clone(),
            source,
        })?;
        if meta.is_file() {
            found.push(root.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .require_git(false)
            .hidden(false)
            // Git's own database is never part of the tree (a directory in a clone, a file in a
            // linked worktree or submodule).
            .filter_entry(|e| e.file_name() != ".git")
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| walk_error(root, e))?;
            if entry.file_type().is_some_and(|t| t.is_file()) {
                found.push(entry.into_path());
            }
        }
    }
    found.sort_by_cached_key(|p| display(p));
    Ok(found)
}

/// Read `files` in parallel (see [`scan`]), in their order; the error reported is the first in
/// that order.
pub fn read_files(
    files: &[PathBuf],
    limits: &Limits,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<FileChange>> {
    let read_all: Vec<Result<FileChange>> = files
        .par_iter()
        .map(|path| {
            let file = read(path, limits);
            if let Ok(f) = &file {
                progress(f.new_text.as_ref().map_or(0, |t| t.len() as u64));
            }
            file
        })
        .collect();
    read_all.into_iter().collect()
}

/// A scan's content digest, fed file by file in [`walk`] order.
#[derive(Debug, Clone)]
pub struct ScanDigest(Sha256);

impl ScanDigest {
    /// An empty digest.
    pub fn new() -> ScanDigest {
        let mut hasher = Sha256::new();
        hasher.update(b"idgate-scan-v1");
        ScanDigest(hasher)
    }

    /// Add the next file.
    pub fn add(&mut self, f: &FileChange) {
        self.0.update(b"\0");
        self.0.update(&f.path);
        self.0.update(b"\0");
        self.0.update(f.new_text.as_deref().unwrap_or(""));
    }
}

impl Default for ScanDigest {
    fn default() -> Self {
        ScanDigest::new()
    }
}

/// The change set of a scan of `paths`: its files (texts may have been dropped by a caller that
/// analysed them in parts) and the digest of all of them.
pub fn scanned(paths: &[PathBuf], digest: ScanDigest, files: Vec<FileChange>) -> ChangeSet {
    ChangeSet {
        source: ChangeSource::Scan {
            paths: paths.iter().map(|p| p.display().to_string()).collect(),
        },
        base: None,
        head: None,
        digest: crate::hex(&digest.0.finalize()),
        commits: Vec::new(),
        files,
    }
}

/// A path as a scan shows it.
fn display(path: &Path) -> String {
    path.to_string_lossy()
        .trim_start_matches("./")
        .replace('\\', "/")
}

fn walk_error(root: &Path, e: ignore::Error) -> Error {
    let mut path = root.to_path_buf();
    let mut err = &e;
    // Unwrap the ignore crate's context layers to find the path and the OS error.
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p.clone();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => {
                err = inner;
            }
            ignore::Error::Io(io) => {
                return Error::Io {
                    path,
                    source: std::io::Error::new(io.kind(), io.to_string()),
                };
            }
            other => {
                return Error::Io {
                    path,
                    source: std::io::Error::other(other.to_string()),
                };
            }
        }
    }
}

fn read(path: &Path, limits: &Limits) -> Result<FileChange> {
    let mut fc = FileChange {
        path: display(path),
        old_path: None,
        status: FileStatus::Scanned,
        old_text: None,
        new_text: None,
        hunks: Vec::new(),
        skipped: None,
        notes: Vec::new(),
        partial: false,
    };
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // Check the size before reading, so a huge file is never loaded.
    if meta.len() > limits.max_file_size {
        fc.skipped = Some(idgate_core::SkipReason::TooLarge {
            size: meta.len(),
            limit: limits.max_file_size,
        });
        return Ok(fc);
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match content::decode(&bytes, limits) {
        Decoded::Skip(reason) => fc.skipped = Some(reason),
        Decoded::Text(text, lossy) => {
            if lossy {
                fc.notes.push(FileNote::InvalidUtf8);
            }
            let lines = text.lines().count() as u32;
            if lines > 0 {
                fc.hunks.push(Hunk {
                    old_start: 0,
                    old_lines: 0,
                    new_start: 1,
                    new_lines: lines,
                });
            }
            fc.new_text = Some(text);
        }
    }
    Ok(fc)
}
