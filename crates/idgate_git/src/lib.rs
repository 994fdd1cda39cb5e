//! Sources of change sets: where idgate reads what changed.
//!
//! Every source yields an [`idgate_core::ChangeSet`]; nothing downstream knows which one it was.
//!
//! - [`Repo::range`]: a commit range `base..head` of a git repository, read with gix (trees diffed
//!   with rename tracking, commits walked with their metadata, signatures and notes).
//! - [`Repo::staged`]: the index against `HEAD`, for pre-commit hooks.
//! - [`Repo::worktree`]: tracked files in the working tree against `HEAD` (like `git diff HEAD`).
//! - [`patch::parse_patch`] (via [`from_patch`]): a unified diff as `git diff`, `git format-patch`
//!   or a forge's `.diff` produce.
//! - [`scan`]: files and trees with no diff (every line counts as new), honouring `.gitignore`.
//!
//! Files that cannot be judged (binary, over the size cap, submodules, symlinks) are kept with a
//! [`idgate_core::SkipReason`]; text that is not UTF-8 is decoded lossily with a note. Every failure
//! is an [`Error`] that names its input.

mod content;
pub mod patch;
mod repo;
mod scan;
pub mod trailers;

pub use content::Limits;
pub use gix::ObjectId;
pub use repo::{BlamedLine, Repo, RevertCheck, forge_name};
pub use scan::{ScanDigest, read_files, scan, scan_with_progress, scanned, walk};

use std::path::PathBuf;

/// Everything that can go wrong while reading a source. Each variant names the input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The directory is not a git repository, or it could not be opened.
    #[error("cannot open git repository at {path}: {message}")]
    OpenRepo {
        /// The path given.
        path: PathBuf,
        /// What gix said.
        message: String,
    },
    /// A revision did not resolve to a commit.
    #[error("unknown revision '{rev}' in {repo}: {message}")]
    UnknownRevision {
        /// The revision as given.
        rev: String,
        /// The repository.
        repo: PathBuf,
        /// What gix said.
        message: String,
    },
    /// `base` and `head` are the same commit.
    #[error("empty range: base '{base}' and head '{head}' are the same commit; nothing to judge")]
    EmptyRange {
        /// The base as given.
        base: String,
        /// The head as given.
        head: String,
    },
    /// `base` is a descendant of `head`.
    #[error(
        "reversed range: base '{base}' is a descendant of head '{head}'; swap --base and --head"
    )]
    ReversedRange {
        /// The base as given.
        base: String,
        /// The head as given.
        head: String,
    },
    /// Reading an object or reference failed (a broken repository).
    #[error("git error in {repo} while {action}: {message}")]
    Git {
        /// The repository.
        repo: PathBuf,
        /// What idgate was doing.
        action: String,
        /// What gix said.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A patch was malformed.
    #[error("malformed patch {name}: {source}")]
    Patch {
        /// The file name, or `-` for standard input.
        name: String,
        /// Where and what.
        source: patch::PatchError,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Build a change set from a unified diff. `name` names the input in errors (`-` for stdin).
pub fn from_patch(name: &str, bytes: &[u8], limits: &Limits) -> Result<idgate_core::ChangeSet> {
    use sha2::{Digest, Sha256};
    let parsed = patch::parse_patch(bytes).map_err(|source| Error::Patch {
        name: name.to_string(),
        source,
    })?;
    let mut files = parsed.files;
    for file in &mut files {
        content::apply_limits_to_patch_file(file, limits);
    }
    let digest = hex(&Sha256::digest(bytes));
    Ok(idgate_core::ChangeSet {
        source: idgate_core::ChangeSource::Patch {
            name: name.to_string(),
        },
        base: None,
        head: None,
        digest,
        commits: parsed.commits,
        files,
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Hunks between two texts, one per contiguous run of changed lines, as every source computes
/// them. Public so fixture harnesses build change sets exactly as `check` does.
pub fn diff_texts(old: &str, new: &str) -> Vec<idgate_core::Hunk> {
    content::hunks(old, new)
}
