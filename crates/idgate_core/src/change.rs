//! What a source produces: a [`ChangeSet`] of commits and per-file old/new text.

use serde::Serialize;

/// Where a change set came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChangeSource {
    /// A commit range `base..head` of a repository.
    Range {
        /// The base revision as given (or derived).
        base: String,
        /// The head revision as given.
        head: String,
    },
    /// The index against `HEAD` (pre-commit).
    Staged,
    /// The working tree against `HEAD`.
    Worktree,
    /// A unified diff read from a file or standard input.
    Patch {
        /// The file name, or `-` for standard input.
        name: String,
    },
    /// Files and trees without a diff: every line counts as new.
    Scan {
        /// The paths given.
        paths: Vec<String>,
    },
}

/// A person or agent identity as recorded in a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Seconds since the Unix epoch.
    pub time: i64,
    /// Offset from UTC in seconds.
    pub offset: i32,
}

/// A `Key: value` trailer of a commit message, parsed by git's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trailer {
    /// The token before the colon, as written.
    pub key: String,
    /// The value, with continuation lines unfolded.
    pub value: String,
}

/// One commit of a range, with what provenance needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// Full hexadecimal object id.
    pub id: String,
    /// Parent ids.
    pub parents: Vec<String>,
    /// Author identity.
    pub author: Identity,
    /// Committer identity.
    pub committer: Identity,
    /// The whole message.
    pub message: String,
    /// Trailers of the message's last paragraph.
    pub trailers: Vec<Trailer>,
    /// The raw signature block (`gpgsig` header), if the commit is signed.
    pub signature: Option<String>,
    /// The bytes the signature covers (the commit without its signature header).
    #[serde(skip)]
    pub signed_payload: Option<Vec<u8>>,
    /// Notes attached to the commit, as `(ref, text)` pairs.
    pub notes: Vec<(String, String)>,
    /// Paths this commit changed relative to its first parent.
    #[serde(skip)]
    pub paths: Vec<String>,
}

impl Commit {
    /// The first line of the message.
    pub fn summary(&self) -> &str {
        self.message.lines().next().unwrap_or("")
    }
}

/// How a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileStatus {
    /// New file.
    Added,
    /// Content (or mode) changed in place.
    Modified,
    /// File removed.
    Deleted,
    /// Moved from `old_path`, perhaps with edits.
    Renamed,
    /// Seen without a diff (scan).
    Scanned,
}

/// Why a file was not analysed. The file stays in the change set, so it is reported, not lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum SkipReason {
    /// The content has NUL bytes or is otherwise not text.
    Binary,
    /// Larger than the size cap.
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The cap in bytes.
        limit: u64,
    },
    /// A submodule (gitlink) entry: its content lives in another repository.
    Submodule,
    /// A symbolic link: its target is not code.
    Symlink,
}

/// Something worth telling about a file that was still analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
pub enum FileNote {
    /// Not valid UTF-8; decoded lossily (U+FFFD for bad bytes).
    InvalidUtf8,
    /// The mode changed, e.g. made executable.
    ModeChanged {
        /// Old mode, octal.
        old: String,
        /// New mode, octal.
        new: String,
    },
}

/// An inclusive range of 1-based line numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineRange {
    /// First line.
    pub start: u32,
    /// Last line (inclusive).
    pub end: u32,
}

impl LineRange {
    /// Whether `line` lies in the range.
    pub fn contains(&self, line: u32) -> bool {
        self.start <= line && line <= self.end
    }

    /// Whether two ranges share a line.
    pub fn overlaps(&self, other: &LineRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// One hunk of a diff, in 1-based line numbers. A side with no lines has `lines == 0` and `start`
/// is the line after which the other side's lines were inserted (as in unified diffs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// First old line.
    pub old_start: u32,
    /// Number of old lines replaced.
    pub old_lines: u32,
    /// First new line.
    pub new_start: u32,
    /// Number of new lines.
    pub new_lines: u32,
}

impl Hunk {
    /// The new-side lines of the hunk, if any.
    pub fn added(&self) -> Option<LineRange> {
        (self.new_lines > 0).then(|| LineRange {
            start: self.new_start,
            end: self.new_start + self.new_lines - 1,
        })
    }

    /// The old-side lines of the hunk, if any.
    pub fn removed(&self) -> Option<LineRange> {
        (self.old_lines > 0).then(|| LineRange {
            start: self.old_start,
            end: self.old_start + self.old_lines - 1,
        })
    }
}

/// One file of a change set: both versions and the hunks between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// Repository-relative path, `/`-separated (the new path; the old one for deletions).
    pub path: String,
    /// The old path when the file was renamed.
    pub old_path: Option<String>,
    /// How the file changed.
    pub status: FileStatus,
    /// The old text (None for added files, or when only a patch without context is known).
    #[serde(skip)]
    pub old_text: Option<String>,
    /// The new text (None for deleted files).
    #[serde(skip)]
    pub new_text: Option<String>,
    /// Hunks between old and new. For scans, one hunk spanning the whole file.
    pub hunks: Vec<Hunk>,
    /// Set when the file was not analysed.
    pub skipped: Option<SkipReason>,
    /// Things to tell about the file.
    pub notes: Vec<FileNote>,
    /// Whether the texts are reconstructed from a patch, so hold only hunk lines (others blank).
    pub partial: bool,
}

impl FileChange {
    /// New-side line ranges the change added or replaced.
    pub fn added_ranges(&self) -> impl Iterator<Item = LineRange> + '_ {
        self.hunks.iter().filter_map(Hunk::added)
    }

    /// Old-side line ranges the change removed or replaced.
    pub fn removed_ranges(&self) -> impl Iterator<Item = LineRange> + '_ {
        self.hunks.iter().filter_map(Hunk::removed)
    }

    /// Whether new-side `line` was added or changed by this change.
    pub fn is_added_line(&self, line: u32) -> bool {
        self.added_ranges().any(|r| r.contains(line))
    }

    /// Number of added and removed lines.
    pub fn line_counts(&self) -> (u32, u32) {
        self.hunks
            .iter()
            .fold((0, 0), |(a, r), h| (a + h.new_lines, r + h.old_lines))
    }
}

/// Who made a commit, as decided by the provenance stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    /// A named AI coding agent.
    Agent,
    /// An automation account that is not an AI agent.
    Bot,
    /// A person, with positive evidence.
    Human,
    /// No evidence either way. Never read as human.
    Unknown,
}

impl Actor {
    /// The lowercase name used in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Actor::Agent => "agent",
            Actor::Bot => "bot",
            Actor::Human => "human",
            Actor::Unknown => "unknown",
        }
    }
}

impl SignatureStatus {
    /// The lowercase name used in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureStatus::None => "none",
            SignatureStatus::Unverified => "unverified",
            SignatureStatus::Verified => "verified",
            SignatureStatus::Bad => "bad",
        }
    }
}

/// The kind of a commit signature, from its armor line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureFormat {
    /// `-----BEGIN SSH SIGNATURE-----` (sshsig).
    Ssh,
    /// `-----BEGIN PGP SIGNATURE-----`.
    Openpgp,
    /// `-----BEGIN SIGNED MESSAGE-----` (X.509 CMS: gpgsm, smimesign, gitsign).
    X509,
    /// Anything else.
    Unknown,
}

/// The outcome of checking a commit signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    /// Not signed.
    None,
    /// Signed, but not verified (no verifier or no trusted key configured for the format).
    Unverified,
    /// Cryptographically valid, by a key the allowed-signers file trusts for the principal, at
    /// the commit's time, in the `git` namespace.
    Verified,
    /// Present but invalid: garbage, a wrong key, a wrong namespace, an expired or untrusted key.
    Bad,
}

/// What idgate knows about a commit's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureInfo {
    /// The outcome.
    pub status: SignatureStatus,
    /// The format, when signed.
    pub format: Option<SignatureFormat>,
    /// The allowed-signers principal the key belongs to, when verified.
    pub principal: Option<String>,
    /// The signing key's fingerprint (`SHA256:…`), when it could be read.
    pub key: Option<String>,
    /// Whether the principal matches the committer's e-mail (git itself does not check this).
    pub matches_committer: Option<bool>,
    /// Why it is unverified or bad, in words.
    pub reason: Option<String>,
}

impl SignatureInfo {
    /// An unsigned commit.
    pub fn none() -> SignatureInfo {
        SignatureInfo {
            status: SignatureStatus::None,
            format: None,
            principal: None,
            key: None,
            matches_committer: None,
            reason: None,
        }
    }
}

/// The provenance of one commit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The commit this is about.
    pub commit: String,
    /// The actor class.
    pub actor: Actor,
    /// The agent's name when `actor` is `agent` (e.g. `claude-code`), or the bot's.
    pub agent: Option<String>,
    /// How sure the classification is, from 0 to 1 (the combined weight of its signals).
    pub confidence: f32,
    /// The signals that led to the decision, one sentence each.
    pub evidence: Vec<String>,
    /// The signature check.
    pub signature: SignatureInfo,
}

/// Who wrote one line, from line-level attribution data (git-ai notes, Agent Trace records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineAttribution {
    /// Agent, human or unknown (lines with no attribution entry are unknown).
    pub actor: Actor,
    /// The agent or tool, when known (`claude`, `cursor`, a model id).
    pub agent: Option<String>,
    /// Where the attribution came from: `git-ai`, `agent-trace`.
    pub source: String,
    /// The commit whose record attributed the line.
    pub commit: Option<String>,
}

/// A change set: the unit idgate judges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeSet {
    /// Where it came from.
    pub source: ChangeSource,
    /// Resolved base commit id, when the source is a repository.
    pub base: Option<String>,
    /// Resolved head commit id, when the source is a repository.
    pub head: Option<String>,
    /// A content digest of the change: SHA-256 over the base and head states. Approvals bind it.
    pub digest: String,
    /// Commits of the range, oldest first (empty for staged, worktree, patch and scan sources,
    /// except for patches in `git format-patch` form, which carry their commit header).
    pub commits: Vec<Commit>,
    /// Changed files, sorted by path.
    pub files: Vec<FileChange>,
}

impl ChangeSet {
    /// The commit of the range that last changed `path`, if the range has commits.
    pub fn last_commit_touching(&self, path: &str) -> Option<&Commit> {
        self.commits
            .iter()
            .rev()
            .find(|c| c.paths.iter().any(|p| p == path))
    }
}

/// Hunks between two texts, one per contiguous run of changed lines (context excluded), in the
/// conventions of [`Hunk`].
pub fn line_hunks(old: &str, new: &str) -> Vec<Hunk> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_lines, &new_lines);
    let mut out: Vec<Hunk> = Vec::new();
    for op in ops {
        let (o, ol, n, nl) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        // Unified-diff convention: a side with no lines names the line before the gap.
        let hunk = Hunk {
            old_start: if ol == 0 { o as u32 } else { o as u32 + 1 },
            old_lines: ol as u32,
            new_start: if nl == 0 { n as u32 } else { n as u32 + 1 },
            new_lines: nl as u32,
        };
        // Adjacent delete+insert from the diff engine belong to one run.
        if let Some(last) = out.last_mut()
            && last.old_start + last.old_lines == hunk.old_start + u32::from(hunk.old_lines == 0)
            && last.new_start + last.new_lines == hunk.new_start + u32::from(hunk.new_lines == 0)
        {
            merge(last, &hunk);
            continue;
        }
        out.push(hunk);
    }
    out
}

fn merge(a: &mut Hunk, b: &Hunk) {
    let old_end = a.old_start + a.old_lines;
    let new_end = a.new_start + a.new_lines;
    if a.old_lines == 0 {
        a.old_start = b.old_start;
    }
    if a.new_lines == 0 {
        a.new_start = b.new_start;
    }
    a.old_lines = (old_end.max(b.old_start + b.old_lines)).saturating_sub(a.old_start);
    a.new_lines = (new_end.max(b.new_start + b.new_lines)).saturating_sub(a.new_start);
    if a.old_lines == 0 {
        a.old_start = b.old_start;
    }
    if a.new_lines == 0 {
        a.new_start = b.new_start;
    }
}
