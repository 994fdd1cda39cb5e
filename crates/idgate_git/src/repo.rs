//! Reading change sets from a git repository with gix.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::objs::tree::EntryMode;
use idgate_core::{ChangeSet, ChangeSource, Commit, FileChange, FileNote, FileStatus, Identity};
use sha2::{Digest, Sha256};

use crate::content::{self, Decoded, Limits};
use crate::{Error, Result};

/// One line's blame: which commit last changed it, and where the line was in that commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlamedLine {
    /// The line asked about (1-based, in the blamed revision).
    pub line: u32,
    /// The commit that last changed it.
    pub commit: ObjectId,
    /// The file's path in that commit (differs after renames).
    pub source_path: String,
    /// The line's number in that commit's version of the file (1-based).
    pub source_line: u32,
}

/// Whether reverting one commit applies cleanly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevertCheck {
    /// The commit to revert.
    pub commit: String,
    /// Whether the revert applies without conflicts.
    pub clean: bool,
    /// Paths that conflict, when it does not.
    pub conflicts: Vec<String>,
}

/// An open repository.
pub struct Repo {
    repo: gix::Repository,
    path: PathBuf,
    limits: Limits,
    /// Made once per handle and reused by every tree diff: building one reads the index (in a
    /// bare repository, builds it from HEAD's whole tree) for `.gitattributes`, which costs far
    /// more than the diff of one commit.
    diff_cache: RefCell<Option<DiffCache>>,
}

/// What tree diffs reuse between calls.
struct DiffCache {
    resources: gix::diff::blob::Platform,
    state: gix::diff::tree::State,
}

/// One side of a file: where its bytes come from and its mode.
#[derive(Clone)]
struct Side {
    mode: EntryMode,
    /// Bytes, for worktree files (already read); None means read `id` from the object store.
    bytes: Option<Vec<u8>>,
    id: ObjectId,
}

fn git_err(repo: &Path, action: impl Into<String>) -> impl FnOnce(gix::Error) -> Error {
    let repo = repo.to_path_buf();
    let action = action.into();
    move |e| Error::Git {
        repo,
        action,
        message: describe(&e),
    }
}

/// One line: the error and its causes, joined with ": " (gix's alternate form spans lines).
pub(crate) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let text = err
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = err.source();
    }
    parts.join(": ")
}

impl Repo {
    /// Open the repository that contains `path` (like git, searching upwards).
    pub fn open(path: &Path, limits: Limits) -> Result<Repo> {
        if !path.exists() {
            return Err(Error::OpenRepo {
                path: path.to_path_buf(),
                message: "no such directory".into(),
            });
        }
        let repo = gix::discover(path).map_err(|e| Error::OpenRepo {
            path: path.to_path_buf(),
            message: describe(&e),
        })?;
        Ok(Repo {
            repo,
            path: path.to_path_buf(),
            limits,
            diff_cache: RefCell::new(None),
        })
    }

    /// Where git looks for hooks: `core.hooksPath` (relative to the working tree root, as git
    /// reads it) or `hooks/` of the common git directory (shared by linked worktrees).
    pub fn hooks_dir(&self) -> Result<PathBuf> {
        let configured = self
            .repo
            .config_snapshot()
            .trusted_path("core.hooksPath")
            .map_err(git_err(&self.path, "reading core.hooksPath"))?;
        Ok(match configured {
            Some(p) if p.is_absolute() => p,
            Some(p) => self.repo.workdir().unwrap_or(self.repo.git_dir()).join(p),
            None => self.repo.common_dir().join("hooks"),
        })
    }

    /// A name for the repository in the ledger: `owner/name` from the `origin` remote's URL
    /// (what a forge and its webhooks call it), else the directory name of the working tree (or
    /// of a bare repository's git directory, without `.git`).
    pub fn name(&self) -> String {
        let config = self.repo.config_snapshot();
        if let Some(name) = config
            .string("remote.origin.url")
            .and_then(|url| forge_name(&String::from_utf8_lossy(url.as_ref())))
        {
            return name;
        }
        let dir = self.repo.workdir().unwrap_or(self.repo.git_dir());
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        dir.file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".git").to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// The working tree root, if the repository has one.
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// Resolve a revision to a commit id.
    pub fn resolve(&self, rev: &str) -> Result<ObjectId> {
        let unknown = |message: String| Error::UnknownRevision {
            rev: rev.to_string(),
            repo: self.path.clone(),
            message,
        };
        // A full object id (how commits are named inside idgate) is looked up directly, as git
        // does: a revision-spec parse would search the pack indexes by prefix first.
        if rev.len() == 40
            && let Ok(id) = ObjectId::from_hex(rev.as_bytes())
            && let Ok(object) = self.repo.find_object(id)
            && let Ok(commit) = object.peel_to_commit()
        {
            return Ok(commit.id);
        }
        let id = self
            .repo
            .rev_parse_single(rev)
            .map_err(|e| unknown(describe(&e)))?;
        let commit = id
            .object()
            .map_err(|e| unknown(describe(&e)))?
            .peel_to_commit()
            .map_err(|e| unknown(format!("not a commit: {}", describe(&e))))?;
        Ok(commit.id)
    }

    /// The bytes of `path` in the tree of commit `at`, or None when the path does not exist
    /// there. This is how trusted configuration (policy, allowed signers) is read from the base
    /// revision, never from the change under review.
    pub fn read_file_at(&self, at: ObjectId, path: &str) -> Result<Option<Vec<u8>>> {
        let tree_id = self.commit_tree(at)?;
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(git_err(&self.path, format!("reading tree {tree_id}")))?;
        let entry = tree
            .lookup_entry_by_path(path)
            .map_err(git_err(&self.path, format!("looking up {path} at {at}")))?;
        let Some(entry) = entry else {
            return Ok(None);
        };
        if !entry.mode().is_blob() {
            return Ok(None);
        }
        let object = self
            .repo
            .find_object(entry.object_id())
            .map_err(git_err(&self.path, format!("reading {path} at {at}")))?;
        Ok(Some(object.detach().data))
    }

    /// The files directly in folder `dir` of the tree of commit `at`, as (name, bytes), sorted
    /// by name; empty when the folder does not exist. Sub-folders, symlinks and submodules are
    /// left out. Trusted configuration folders (custom rules) are read this way from the base.
    pub fn read_dir_at(&self, at: ObjectId, dir: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let tree_id = self.commit_tree(at)?;
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(git_err(&self.path, format!("reading tree {tree_id}")))?;
        let Some(entry) = tree
            .lookup_entry_by_path(dir)
            .map_err(git_err(&self.path, format!("looking up {dir} at {at}")))?
        else {
            return Ok(Vec::new());
        };
        if !entry.mode().is_tree() {
            return Ok(Vec::new());
        }
        let sub = self
            .repo
            .find_tree(entry.object_id())
            .map_err(git_err(&self.path, format!("reading {dir} at {at}")))?;
        let mut out = Vec::new();
        for e in sub.iter() {
            let e = e.map_err(git_err(&self.path, format!("reading {dir} at {at}")))?;
            if !e.mode().is_blob() {
                continue;
            }
            let name = e.filename().to_string();
            let object = self
                .repo
                .find_object(e.oid())
                .map_err(git_err(&self.path, format!("reading {dir}/{name} at {at}")))?;
            out.push((name, object.detach().data));
        }
        out.sort();
        Ok(out)
    }

    /// Who last changed each of `lines` (1-based) of `path` as of commit `head`: for each line,
    /// the commit, the path in that commit and the line's number there. Lines blame cannot place
    /// are left out. This is git's blame, with rename tracking.
    pub fn blame_lines(
        &self,
        head: ObjectId,
        path: &str,
        lines: &[u32],
        since: Option<ObjectId>,
    ) -> Result<Vec<BlamedLine>> {
        use gix::bstr::BStr;
        let mut wanted: Vec<u32> = lines.iter().copied().filter(|l| *l > 0).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let Some((&first, _)) = wanted.split_first() else {
            return Ok(Vec::new());
        };
        let mut ranges = gix::blame::BlameRanges::from_one_based_inclusive_range(first..=first)
            .map_err(|e| Error::Git {
                repo: self.path.clone(),
                action: format!("blaming {path}"),
                message: e.to_string(),
            })?;
        for &l in &wanted[1..] {
            ranges
                .add_one_based_inclusive_range(l..=l)
                .map_err(|e| Error::Git {
                    repo: self.path.clone(),
                    action: format!("blaming {path}"),
                    message: e.to_string(),
                })?;
        }
        // Commits older than `since` (the range's base) cannot have written the change: stop
        // there instead of walking the whole history.
        let since = match since {
            Some(id) => {
                let commit = self
                    .repo
                    .find_commit(id)
                    .map_err(git_err(&self.path, format!("reading commit {id}")))?;
                Some(
                    commit
                        .time()
                        .map_err(git_err(&self.path, format!("reading the time of {id}")))?,
                )
            }
            None => None,
        };
        let options = gix::repository::blame_file::Options {
            ranges,
            since,
            rewrites: Some(Default::default()),
            ..Default::default()
        };
        let outcome = self
            .repo
            .blame_file(BStr::new(path.as_bytes()), head, options)
            .map_err(git_err(&self.path, format!("blaming {path}")))?;
        let mut out = Vec::new();
        for entry in outcome.entries {
            let len = entry.len.get();
            for &line in &wanted {
                let zero = line - 1;
                if zero >= entry.start_in_blamed_file && zero < entry.start_in_blamed_file + len {
                    out.push(BlamedLine {
                        line,
                        commit: entry.commit_id,
                        source_path: entry
                            .source_file_name
                            .as_ref()
                            .map_or_else(|| path.to_string(), |p| p.to_str_lossy().into_owned()),
                        source_line: entry.start_in_source_file
                            + (zero - entry.start_in_blamed_file)
                            + 1,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The note on `commit` under `notes_ref` (e.g. `refs/notes/idgate`), if any.
    pub fn read_note(&self, notes_ref: &str, commit: ObjectId) -> Result<Option<String>> {
        let mut notes = self
            .repo
            .notes()
            .and_then(|n| n.with_refs([notes_ref]))
            .map_err(git_err(&self.path, format!("opening {notes_ref}")))?;
        let found = notes.get(commit).map_err(git_err(
            &self.path,
            format!("reading {notes_ref} for {commit}"),
        ))?;
        Ok(found
            .into_iter()
            .next()
            .map(|n| n.blob.data.to_str_lossy().into_owned()))
    }

    /// Write `text` as the note on `commit` under `notes_ref`, replacing any previous note, as a
    /// new commit of the notes ref by `name <email>`.
    pub fn write_note(
        &self,
        notes_ref: &str,
        commit: ObjectId,
        text: &str,
        name: &str,
        email: &str,
    ) -> Result<()> {
        let mut repo = self.repo.clone();
        let mut config = repo.config_snapshot_mut();
        let configure = |e: &(dyn std::error::Error + 'static)| Error::Git {
            repo: self.path.clone(),
            action: "setting the notes author".into(),
            message: describe(e),
        };
        config
            .set_raw_value("user.name", name)
            .map_err(|e| configure(&e))?;
        config
            .set_raw_value("user.email", email)
            .map_err(|e| configure(&e))?;
        let repo = config.commit().map_err(|e| configure(&e))?;
        repo.notes()
            .map_err(git_err(&self.path, format!("opening {notes_ref}")))?
            .with_commit_message("idgate: record approval")
            .replace(notes_ref, commit, text)
            .map_err(git_err(
                &self.path,
                format!("writing {notes_ref} for {commit}"),
            ))?;
        Ok(())
    }

    /// The default base for `head`: the merge-base with the default branch, unless that is `head`
    /// itself, else `head`'s first parent. None for a root commit on the default branch.
    fn default_base(&self, head: ObjectId) -> Result<Option<ObjectId>> {
        for name in [
            "refs/remotes/origin/HEAD",
            "refs/remotes/origin/main",
            "refs/remotes/origin/master",
            "refs/heads/main",
            "refs/heads/master",
        ] {
            let Ok(Some(mut reference)) = self.repo.try_find_reference(name) else {
                continue;
            };
            let Ok(tip) = reference.peel_to_commit() else {
                continue;
            };
            if let Ok(Some(base)) = self.repo.merge_base(tip.id, head)
                && base.detach() != head
            {
                return Ok(Some(base.detach()));
            }
            break;
        }
        let commit = self
            .repo
            .find_commit(head)
            .map_err(git_err(&self.path, "reading the head commit"))?;
        Ok(commit.parent_ids().next().map(|id| id.detach()))
    }

    /// The change set of `base..head`. With no `base`, the default base (see DESIGN.md).
    pub fn range(&self, base: Option<&str>, head: &str) -> Result<ChangeSet> {
        let head_id = self.resolve(head)?;
        let (base_label, base_id) = match base {
            Some(b) => (b.to_string(), Some(self.resolve(b)?)),
            None => match self.default_base(head_id)? {
                Some(id) => (id.to_string(), Some(id)),
                None => ("(empty tree)".to_string(), None),
            },
        };
        if base_id == Some(head_id) {
            return Err(Error::EmptyRange {
                base: base_label,
                head: head.to_string(),
            });
        }
        if let Some(b) = base_id
            && let Ok(Some(mb)) = self.repo.merge_base(b, head_id)
            && mb.detach() == head_id
        {
            return Err(Error::ReversedRange {
                base: base_label,
                head: head.to_string(),
            });
        }

        let head_tree = self.commit_tree(head_id)?;
        let base_tree = match base_id {
            Some(id) => self.commit_tree(id)?,
            None => self.repo.empty_tree().id,
        };
        let files = self.diff_trees(base_tree, head_tree)?;
        let commits = self.commits(base_id, head_id)?;

        let mut hasher = Sha256::new();
        hasher.update(b"idgate-change-v1\0");
        hasher.update(base_tree.to_string());
        hasher.update(b"\0");
        hasher.update(head_tree.to_string());
        Ok(ChangeSet {
            source: ChangeSource::Range {
                base: base_label,
                head: head.to_string(),
            },
            base: base_id.map(|id| id.to_string()),
            head: Some(head_id.to_string()),
            digest: crate::hex(&hasher.finalize()),
            commits,
            files,
        })
    }

    /// The change one commit made against its first parent (the empty tree for a root commit),
    /// with that commit as its only commit: the unit `history` judges.
    pub fn commit_change(&self, commit: Commit) -> Result<ChangeSet> {
        let id = self.resolve(&commit.id)?;
        let base = match commit.parents.first() {
            Some(p) => Some(self.resolve(p)?),
            None => None,
        };
        let head_tree = self.commit_tree(id)?;
        let base_tree = match base {
            Some(b) => self.commit_tree(b)?,
            None => self.repo.empty_tree().id,
        };
        let files = self.diff_trees(base_tree, head_tree)?;
        let mut hasher = Sha256::new();
        hasher.update(b"idgate-change-v1\0");
        hasher.update(base_tree.to_string());
        hasher.update(b"\0");
        hasher.update(head_tree.to_string());
        let mut commit = commit;
        if commit.paths.is_empty() {
            commit.paths = files.iter().map(|f| f.path.clone()).collect();
        }
        Ok(ChangeSet {
            source: ChangeSource::Range {
                base: base.map_or_else(|| "(empty tree)".to_string(), |b| b.to_string()),
                head: id.to_string(),
            },
            base: base.map(|b| b.to_string()),
            head: Some(id.to_string()),
            digest: crate::hex(&hasher.finalize()),
            commits: vec![commit],
            files,
        })
    }

    /// Whether reverting `commits` (newest first, as `git revert` would take them one by one)
    /// applies cleanly on top of `onto`. Each revert is a three-way tree merge done in memory: no
    /// object is written, no working tree or index is touched, and no repository code (hooks,
    /// filters) runs. A revert that conflicts is left out of the running result, so the next one
    /// is tried against the last clean state.
    pub fn revert_check(&self, commits: &[String], onto: ObjectId) -> Result<Vec<RevertCheck>> {
        use gix::merge::tree::TreatAsUnresolved;
        let repo = self.repo.clone().with_object_memory();
        let options = repo
            .tree_merge_options()
            .map_err(git_err(&self.path, "reading merge options"))?;
        let mut ours = self.commit_tree(onto)?;
        let mut out = Vec::new();
        for id in commits {
            let commit_id = self.resolve(id)?;
            let commit = self
                .repo
                .find_commit(commit_id)
                .map_err(git_err(&self.path, format!("reading commit {commit_id}")))?;
            let parent_tree = match commit.parent_ids().next() {
                Some(p) => self.commit_tree(p.detach())?,
                None => self.repo.empty_tree().id,
            };
            let tree = self.commit_tree(commit_id)?;
            // Reverting C onto ours = merging C's parent into ours with C as the base.
            let mut outcome = repo
                .merge_trees(tree, ours, parent_tree, Default::default(), options.clone())
                .map_err(git_err(&self.path, format!("trying to revert {commit_id}")))?;
            if outcome.has_unresolved_conflicts(TreatAsUnresolved::git()) {
                let mut conflicts: Vec<String> = outcome
                    .conflicts
                    .iter()
                    .map(|c| c.ours.location().to_str_lossy().into_owned())
                    .collect();
                conflicts.sort();
                conflicts.dedup();
                out.push(RevertCheck {
                    commit: commit_id.to_string(),
                    clean: false,
                    conflicts,
                });
            } else {
                ours = outcome
                    .tree
                    .write()
                    .map_err(git_err(&self.path, "writing a merged tree in memory"))?
                    .detach();
                out.push(RevertCheck {
                    commit: commit_id.to_string(),
                    clean: true,
                    conflicts: Vec::new(),
                });
            }
        }
        Ok(out)
    }

    /// The index against `HEAD`.
    pub fn staged(&self) -> Result<ChangeSet> {
        let head_tree = self.head_tree()?;
        let old = self.tree_entries(head_tree)?;
        let mut new = BTreeMap::new();
        for (path, id, mode) in self.index_entries()? {
            new.insert(
                path,
                Side {
                    mode,
                    bytes: None,
                    id,
                },
            );
        }
        self.snapshot_change(ChangeSource::Staged, head_tree, old, new)
    }

    /// Tracked files of the working tree against `HEAD` (untracked files are not included, as in
    /// `git diff HEAD`).
    pub fn worktree(&self) -> Result<ChangeSet> {
        let root = self
            .repo
            .workdir()
            .ok_or_else(|| Error::OpenRepo {
                path: self.path.clone(),
                message: "a bare repository has no working tree".into(),
            })?
            .to_path_buf();
        let head_tree = self.head_tree()?;
        let old = self.tree_entries(head_tree)?;
        let mut new = BTreeMap::new();
        for (path, index_id, mode) in self.index_entries()? {
            let file = root.join(&path);
            if mode.is_commit() {
                new.insert(
                    path,
                    Side {
                        mode,
                        bytes: None,
                        id: index_id,
                    },
                );
                continue;
            }
            let bytes = match std::fs::symlink_metadata(&file) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue, // deleted
                Err(source) => return Err(Error::Io { path: file, source }),
                Ok(meta) if meta.file_type().is_symlink() => std::fs::read_link(&file)
                    .map_err(|source| Error::Io {
                        path: file.clone(),
                        source,
                    })?
                    .to_string_lossy()
                    .into_owned()
                    .into_bytes(),
                Ok(_) => std::fs::read(&file).map_err(|source| Error::Io {
                    path: file.clone(),
                    source,
                })?,
            };
            let id =
                gix::objs::compute_hash(self.repo.object_hash(), gix::objs::Kind::Blob, &bytes)
                    .map_err(git_err(&self.path, format!("hashing {path}")))?;
            new.insert(
                path,
                Side {
                    mode,
                    bytes: Some(bytes),
                    id,
                },
            );
        }
        self.snapshot_change(ChangeSource::Worktree, head_tree, old, new)
    }

    fn head_tree(&self) -> Result<ObjectId> {
        match self.repo.head_id() {
            Ok(id) => self.commit_tree(id.detach()),
            // An unborn HEAD: everything staged is new.
            Err(_) => Ok(self.repo.empty_tree().id),
        }
    }

    fn commit_tree(&self, id: ObjectId) -> Result<ObjectId> {
        let commit = self
            .repo
            .find_commit(id)
            .map_err(git_err(&self.path, format!("reading commit {id}")))?;
        commit
            .tree_id()
            .map(|t| t.detach())
            .map_err(git_err(&self.path, format!("reading the tree of {id}")))
    }

    fn tree_entries(&self, tree: ObjectId) -> Result<BTreeMap<String, Side>> {
        let tree = self
            .repo
            .find_tree(tree)
            .map_err(git_err(&self.path, format!("reading tree {tree}")))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse()
            .breadthfirst(&mut recorder)
            .map_err(git_err(&self.path, "walking the HEAD tree"))?;
        Ok(recorder
            .records
            .into_iter()
            .filter(|e| !e.mode.is_tree())
            .map(|e| {
                (
                    e.filepath.to_str_lossy().into_owned(),
                    Side {
                        mode: e.mode,
                        bytes: None,
                        id: e.oid,
                    },
                )
            })
            .collect())
    }

    fn index_entries(&self) -> Result<Vec<(String, ObjectId, EntryMode)>> {
        let index = self
            .repo
            .index_or_empty()
            .map_err(git_err(&self.path, "reading the index"))?;
        let mut out = Vec::new();
        for entry in index.entries() {
            // Conflicted paths have stages 1-3; judge "ours" (stage 2) like `git diff` does.
            if !matches!(entry.stage_raw(), 0 | 2) {
                continue;
            }
            let Some(mode) = entry.mode.to_tree_entry_mode() else {
                continue;
            };
            out.push((
                entry.path(&index).to_str_lossy().into_owned(),
                entry.id,
                mode,
            ));
        }
        Ok(out)
    }

    /// Diff two path → side maps (index or worktree against HEAD), pairing exact renames.
    fn snapshot_change(
        &self,
        source: ChangeSource,
        head_tree: ObjectId,
        old: BTreeMap<String, Side>,
        new: BTreeMap<String, Side>,
    ) -> Result<ChangeSet> {
        let mut hasher = Sha256::new();
        hasher.update(b"idgate-snapshot-v1\0");
        hasher.update(head_tree.to_string());
        let mut deleted: Vec<(&String, &Side)> = Vec::new();
        let mut added: Vec<(&String, &Side)> = Vec::new();
        let mut files = Vec::new();
        for (path, side) in &new {
            match old.get(path) {
                Some(o) if o.id == side.id && o.mode == side.mode => {}
                Some(o) => {
                    files.push(self.file(path, None, Some(o), Some(side))?);
                }
                None => added.push((path, side)),
            }
        }
        for (path, side) in &old {
            if !new.contains_key(path) {
                deleted.push((path, side));
            }
        }
        // Exact renames: the same content deleted at one path and added at another.
        let mut used = vec![false; deleted.len()];
        for (path, side) in added {
            let source = deleted
                .iter()
                .enumerate()
                .find(|(i, (_, d))| !used[*i] && d.id == side.id);
            match source {
                Some((i, (old_path, d))) => {
                    used[i] = true;
                    files.push(self.file(path, Some(old_path), Some(d), Some(side))?);
                }
                None => files.push(self.file(path, None, None, Some(side))?),
            }
        }
        for (i, (path, side)) in deleted.into_iter().enumerate() {
            if !used[i] {
                files.push(self.file(path, None, Some(side), None)?);
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in &files {
            hasher.update(b"\0");
            hasher.update(&f.path);
            if let Some(side) = new.get(&f.path) {
                hasher.update(side.id.to_string());
            }
        }
        Ok(ChangeSet {
            source,
            base: None,
            head: None,
            digest: crate::hex(&hasher.finalize()),
            commits: Vec::new(),
            files,
        })
    }

    fn diff_trees(&self, old: ObjectId, new: ObjectId) -> Result<Vec<FileChange>> {
        use gix::object::tree::diff::ChangeDetached as C;
        let old_tree = self
            .repo
            .find_tree(old)
            .map_err(git_err(&self.path, format!("reading tree {old}")))?;
        let new_tree = self
            .repo
            .find_tree(new)
            .map_err(git_err(&self.path, format!("reading tree {new}")))?;
        let opts = gix::diff::Options::default().with_rewrites(Some(Default::default()));
        let changes = self.tree_changes(&old_tree, &new_tree, opts)?;
        let side = |mode, id| Side {
            mode,
            bytes: None,
            id,
        };
        let mut files = Vec::new();
        for change in changes {
            let file = match change {
                C::Addition {
                    location,
                    entry_mode,
                    id,
                    ..
                } if !entry_mode.is_tree() => self.file(
                    &location.to_str_lossy(),
                    None,
                    None,
                    Some(&side(entry_mode, id)),
                )?,
                C::Deletion {
                    location,
                    entry_mode,
                    id,
                    ..
                } if !entry_mode.is_tree() => self.file(
                    &location.to_str_lossy(),
                    None,
                    Some(&side(entry_mode, id)),
                    None,
                )?,
                C::Modification {
                    location,
                    previous_entry_mode,
                    previous_id,
                    entry_mode,
                    id,
                } if !entry_mode.is_tree() => self.file(
                    &location.to_str_lossy(),
                    None,
                    Some(&side(previous_entry_mode, previous_id)),
                    Some(&side(entry_mode, id)),
                )?,
                C::Rewrite {
                    source_location,
                    source_entry_mode,
                    source_id,
                    entry_mode,
                    id,
                    location,
                    copy,
                    ..
                } if !entry_mode.is_tree() => {
                    let src = source_location.to_str_lossy();
                    // A copy leaves its source in place: judge it as a new file.
                    let old_path = (!copy).then_some(src.as_ref());
                    let old_side = (!copy).then(|| side(source_entry_mode, source_id));
                    self.file(
                        &location.to_str_lossy(),
                        old_path,
                        old_side.as_ref(),
                        Some(&side(entry_mode, id)),
                    )?
                }
                _ => continue,
            };
            files.push(file);
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The changes from `old` to `new`, as `Repository::diff_tree_to_tree` finds them, but with
    /// the blob cache and tree-diff state of this handle made once and reused.
    fn tree_changes(
        &self,
        old: &gix::Tree<'_>,
        new: &gix::Tree<'_>,
        opts: gix::diff::Options,
    ) -> Result<Vec<gix::object::tree::diff::ChangeDetached>> {
        let mut slot = self.diff_cache.borrow_mut();
        if slot.is_none() {
            let resources = self
                .repo
                .diff_resource_cache_for_tree_diff()
                .map_err(git_err(&self.path, "preparing tree diffs"))?;
            *slot = Some(DiffCache {
                resources,
                state: Default::default(),
            });
        }
        let cache = slot.as_mut().expect("set above");
        let mut out = Vec::new();
        let result = gix::diff::tree_with_rewrites(
            gix::objs::TreeRefIter::from_bytes(&old.data, old.id.kind()),
            gix::objs::TreeRefIter::from_bytes(&new.data, new.id.kind()),
            &mut cache.resources,
            &mut cache.state,
            &self.repo.objects,
            |change| -> gix::Result<_> {
                out.push(change.into_owned());
                Ok(std::ops::ControlFlow::Continue(()))
            },
            opts.into(),
        );
        // Blobs read for rename detection are not kept from one diff to the next.
        cache.resources.clear_resource_cache_keep_allocation();
        result.map_err(|e| Error::Git {
            repo: self.path.clone(),
            action: format!("diffing trees {} and {}", old.id, new.id),
            message: describe(&e),
        })?;
        Ok(out)
    }

    fn bytes(&self, side: &Side) -> Result<Vec<u8>> {
        if let Some(b) = &side.bytes {
            return Ok(b.clone());
        }
        let object = self
            .repo
            .find_object(side.id)
            .map_err(git_err(&self.path, format!("reading blob {}", side.id)))?;
        Ok(object.detach().data)
    }

    /// Build one file change from its two sides.
    fn file(
        &self,
        path: &str,
        old_path: Option<&str>,
        old: Option<&Side>,
        new: Option<&Side>,
    ) -> Result<FileChange> {
        let status = match (old, new, old_path) {
            (None, _, _) => FileStatus::Added,
            (_, None, _) => FileStatus::Deleted,
            (_, _, Some(_)) => FileStatus::Renamed,
            _ => FileStatus::Modified,
        };
        let mut fc = FileChange {
            path: path.to_string(),
            old_path: old_path.map(str::to_string),
            status,
            old_text: None,
            new_text: None,
            hunks: Vec::new(),
            skipped: None,
            notes: Vec::new(),
            partial: false,
        };
        if let (Some(o), Some(n)) = (old, new)
            && o.mode != n.mode
        {
            fc.notes.push(FileNote::ModeChanged {
                old: o.mode.kind().as_octal_str().to_string(),
                new: n.mode.kind().as_octal_str().to_string(),
            });
        }
        let mut texts = [None, None];
        for (i, side) in [old, new].into_iter().enumerate() {
            let Some(side) = side else { continue };
            if side.mode.is_commit() {
                fc.skipped = Some(idgate_core::SkipReason::Submodule);
                return Ok(fc);
            }
            if side.mode.is_link() {
                fc.skipped = Some(idgate_core::SkipReason::Symlink);
                return Ok(fc);
            }
            match content::decode(&self.bytes(side)?, &self.limits) {
                Decoded::Skip(reason) => {
                    fc.skipped = Some(reason);
                    return Ok(fc);
                }
                Decoded::Text(text, lossy) => {
                    if lossy {
                        content::note(&mut fc.notes, FileNote::InvalidUtf8);
                    }
                    texts[i] = Some(text);
                }
            }
        }
        let [old_text, new_text] = texts;
        fc.hunks = content::hunks(
            old_text.as_deref().unwrap_or(""),
            new_text.as_deref().unwrap_or(""),
        );
        fc.old_text = old_text;
        fc.new_text = new_text;
        Ok(fc)
    }

    /// The commits of `base..head`, oldest first, with metadata, signatures, notes and paths.
    fn commits(&self, base: Option<ObjectId>, head: ObjectId) -> Result<Vec<Commit>> {
        let mut out = Vec::new();
        self.walk_ids(base, head, true, |c| {
            out.push(c);
            Ok(())
        })?;
        out.reverse();
        Ok(out)
    }

    /// Resolve a range spec: `A..B`, or a single revision meaning all of its history.
    pub fn resolve_range(&self, spec: &str) -> Result<(Option<ObjectId>, ObjectId)> {
        match spec.split_once("..") {
            Some((a, b)) => {
                let head = self.resolve(if b.is_empty() { "HEAD" } else { b })?;
                let base = self.resolve(if a.is_empty() { "HEAD" } else { a })?;
                Ok((Some(base), head))
            }
            None => Ok((None, self.resolve(spec)?)),
        }
    }

    /// Stream the commits reachable from `head` and not from `base`, newest first, to `each`.
    /// With `paths`, each commit also lists the paths it changed against its first parent (a tree
    /// diff per commit: leave it off for metadata-only walks over long histories). Memory stays
    /// bounded: nothing is collected.
    pub fn walk(
        &self,
        base: Option<ObjectId>,
        head: ObjectId,
        paths: bool,
        each: impl FnMut(Commit) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(base, head, paths, each)
    }

    fn walk_ids(
        &self,
        base: Option<ObjectId>,
        head: ObjectId,
        with_paths: bool,
        mut each: impl FnMut(Commit) -> Result<()>,
    ) -> Result<()> {
        let walk = self
            .repo
            .rev_walk([head])
            .with_hidden(base)
            .all()
            .map_err(git_err(&self.path, "walking commits"))?;
        let mut notes = self
            .repo
            .notes()
            .and_then(|n| n.with_refs(["refs/notes/*"]))
            .map_err(git_err(&self.path, "reading notes refs"))?;
        let has_notes = notes.refs().next().is_some();
        for info in walk {
            let info = info.map_err(|e| Error::Git {
                repo: self.path.clone(),
                action: "walking commits".into(),
                message: describe(&e),
            })?;
            let id = info.id;
            let commit = self
                .repo
                .find_commit(id)
                .map_err(git_err(&self.path, format!("reading commit {id}")))?;
            let ctx = |what: &str| git_err(&self.path, format!("reading the {what} of {id}"));
            let author = identity(commit.author().map_err(ctx("author"))?);
            let committer = identity(commit.committer().map_err(ctx("committer"))?);
            let message = commit
                .message_raw()
                .map_err(ctx("message"))?
                .to_str_lossy()
                .into_owned();
            let (signature, signed_payload) = match commit.signature().map_err(ctx("signature"))? {
                Some((sig, payload)) => (
                    Some(sig.to_str_lossy().into_owned()),
                    Some(payload.to_bstring().to_vec()),
                ),
                None => (None, None),
            };
            let parents: Vec<ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
            let paths = if with_paths {
                let parent_tree = match parents.first() {
                    Some(p) => self.commit_tree(*p)?,
                    None => self.repo.empty_tree().id,
                };
                let tree = self.commit_tree(id)?;
                self.changed_paths(parent_tree, tree)?
            } else {
                Vec::new()
            };
            let commit_notes = if has_notes {
                notes
                    .get(id)
                    .map_err(ctx("notes"))?
                    .into_iter()
                    .map(|n| {
                        (
                            n.reference.as_bstr().to_str_lossy().into_owned(),
                            n.blob.data.to_str_lossy().into_owned(),
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            each(Commit {
                id: id.to_string(),
                parents: parents.iter().map(ToString::to_string).collect(),
                author,
                committer,
                trailers: crate::trailers::parse_commit_trailers(&message),
                message,
                signature,
                signed_payload,
                notes: commit_notes,
                paths,
            })?;
        }
        Ok(())
    }

    fn changed_paths(&self, old: ObjectId, new: ObjectId) -> Result<Vec<String>> {
        let old_tree = self
            .repo
            .find_tree(old)
            .map_err(git_err(&self.path, format!("reading tree {old}")))?;
        let new_tree = self
            .repo
            .find_tree(new)
            .map_err(git_err(&self.path, format!("reading tree {new}")))?;
        let changes = self.tree_changes(&old_tree, &new_tree, gix::diff::Options::default())?;
        Ok(changes
            .into_iter()
            .filter(|c| !c.entry_mode().is_tree())
            .map(|c| c.location().to_str_lossy().into_owned())
            .collect())
    }
}

fn identity(sig: gix::actor::SignatureRef<'_>) -> Identity {
    let (time, offset) = sig.time().map_or((0, 0), |t| (t.seconds, t.offset));
    Identity {
        name: sig.name.to_str_lossy().into_owned(),
        email: sig.email.to_str_lossy().into_owned(),
        time,
        offset,
    }
}

/// `owner/name` (or `group/sub/name`) from a remote URL: `https://host/owner/name(.git)`,
/// `ssh://git@host/owner/name.git` or scp-like `git@host:owner/name.git`. Credentials in the URL
/// are never part of the result. `None` for local paths and URLs without a path.
pub fn forge_name(url: &str) -> Option<String> {
    let url = url.trim();
    let path = if let Some((scheme, rest)) = url.split_once("://") {
        if scheme == "file" {
            return None;
        }
        rest.split_once('/')?.1
    } else if let Some((host, path)) = url.split_once(':') {
        // scp-like syntax needs a host before the colon and no slash in it.
        if host.is_empty() || host.contains('/') {
            return None;
        }
        path
    } else {
        return None;
    };
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/')
        .trim_end_matches(".git")
        .trim_matches('/');
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    (parts.len() >= 2 && parts.iter().all(|p| *p != ".." && *p != ".")).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::forge_name;

    #[test]
    fn forge_names_from_remote_urls() {
        let cases = [
            (
                "https://github.com/acme/payments.git",
                Some("acme/payments"),
            ),
            ("https://github.com/acme/payments", Some("acme/payments")),
            (
                "https://x-access-token:ghs_abc@github.com/acme/payments.git",
                Some("acme/payments"),
            ),
            (
                "ssh://git@gitlab.example.com:2222/group/sub/api.git",
                Some("group/sub/api"),
            ),
            ("git@github.com:acme/payments.git", Some("acme/payments")),
            ("git@github.com:acme/payments.git/", Some("acme/payments")),
            ("/srv/git/payments.git", None),
            ("file:///srv/git/acme/payments.git", None),
            ("https://github.com/", None),
            ("https://host/only", None),
            ("git@host:../../etc", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(forge_name(url).as_deref(), want, "{url}");
        }
    }
}
