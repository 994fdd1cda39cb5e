//! Sources on real repositories built with the `git` binary (the test oracle).

use std::path::Path;
use std::process::{Command, Stdio};

use idgate_core::{FileNote, FileStatus, SkipReason};
use idgate_git::{Limits, Repo};

struct G(tempfile::TempDir);

impl G {
    fn new() -> G {
        let g = G(tempfile::tempdir().unwrap());
        g.git(&["init", "-q", "-b", "main"]);
        g.git(&["config", "user.name", "Ann"]);
        g.git(&["config", "user.email", "ann@example.com"]);
        g.git(&["config", "commit.gpgsign", "false"]);
        g
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn git(&self, args: &[&str]) -> String {
        self.git_in(args, None)
    }
    fn git_in(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut cmd = Command::new("git");
        cmd.args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(input) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn write(&self, p: &str, c: &str) {
        let p = self.path().join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, c).unwrap();
    }
    fn commit(&self, msg: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

fn open(g: &G) -> Repo {
    Repo::open(g.path(), Limits::default()).unwrap()
}

#[test]
fn commit_metadata_trailers_notes_and_signature_block() {
    let g = G::new();
    g.write("a.py", "a = 1\n");
    let base = g.commit("base");
    g.write("a.py", "a = 2\n");
    let msg = "Change a\n\nBody text.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nClaude-Session: https://claude.ai/code/session_1\n";
    let plain = g.commit(msg);
    g.git(&[
        "notes",
        "--ref",
        "refs/notes/ai",
        "add",
        "-m",
        "authorship/3.0.0",
        &plain,
    ]);

    // A signed commit, written by hand: the same tree with a gpgsig header.
    let tree = g.git(&["rev-parse", &format!("{plain}^{{tree}}")]);
    let object = format!(
        "tree {}\nparent {plain}\nauthor Ann <ann@example.com> 1764000000 +0000\ncommitter Ann <ann@example.com> 1764000000 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n -----END SSH SIGNATURE-----\n\nSigned change\n",
        tree.trim()
    );
    let signed = g.git_in(
        &["hash-object", "-t", "commit", "-w", "--stdin"],
        Some(&object),
    );
    let signed = signed.trim();
    g.git(&["update-ref", "refs/heads/main", signed]);

    let change = open(&g).range(Some(&base), "HEAD").unwrap();
    assert_eq!(change.commits.len(), 2);
    let first = &change.commits[0];
    assert_eq!(first.id, plain);
    assert_eq!(first.parents, vec![base.clone()]);
    assert_eq!(first.author.email, "ann@example.com");
    let keys: Vec<&str> = first.trailers.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["Co-Authored-By", "Claude-Session"]);
    assert_eq!(first.trailers[1].value, "https://claude.ai/code/session_1");
    assert_eq!(
        first.notes,
        vec![(
            "refs/notes/ai".to_string(),
            "authorship/3.0.0\n".to_string()
        )]
    );
    assert_eq!(first.paths, vec!["a.py".to_string()]);
    assert!(first.signature.is_none());

    let second = &change.commits[1];
    assert_eq!(second.id, signed);
    let sig = second.signature.as_deref().unwrap();
    assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----"), "{sig}");
    let payload = String::from_utf8(second.signed_payload.clone().unwrap()).unwrap();
    assert!(!payload.contains("gpgsig") && payload.ends_with("Signed change\n"));
    assert!(second.paths.is_empty());
    assert_eq!(change.head.as_deref(), Some(signed));
}

#[test]
fn statuses_modes_and_skips_match_git() {
    let g = G::new();
    g.write("keep.py", "x = 1\n");
    g.write("gone.py", "y = 1\n");
    g.write("run.sh", "echo hi\n");
    g.write(
        "moved/old_name.py",
        "def f():\n    return 1\n\n\ndef g():\n    return 2\n",
    );
    let base = g.commit("base");
    std::fs::remove_file(g.path().join("gone.py")).unwrap();
    g.git(&["mv", "moved/old_name.py", "moved/new_name.py"]);
    {
        use std::os::unix::fs::PermissionsExt;
        let script = g.path().join("run.sh");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::os::unix::fs::symlink("keep.py", g.path().join("link.py")).unwrap();
    g.write("keep.py", "x = 2\n");
    g.commit("changes");
    let oracle = g.git(&["diff", "--name-status", "-M", &base, "HEAD"]);

    let change = open(&g).range(Some(&base), "HEAD").unwrap();
    let get = |p: &str| {
        change
            .files
            .iter()
            .find(|f| f.path == p)
            .unwrap_or_else(|| panic!("{p} not in {:#?}", change.files))
    };
    assert_eq!(get("gone.py").status, FileStatus::Deleted);
    assert!(get("gone.py").new_text.is_none());
    assert_eq!(get("moved/new_name.py").status, FileStatus::Renamed);
    assert_eq!(
        get("moved/new_name.py").old_path.as_deref(),
        Some("moved/old_name.py")
    );
    assert!(get("moved/new_name.py").hunks.is_empty());
    assert_eq!(
        get("run.sh").notes,
        vec![FileNote::ModeChanged {
            old: "100644".into(),
            new: "100755".into()
        }]
    );
    assert_eq!(get("link.py").skipped, Some(SkipReason::Symlink));
    assert_eq!(get("keep.py").status, FileStatus::Modified);
    // Same set of paths as git itself reports.
    let mut ours: Vec<&str> = change.files.iter().map(|f| f.path.as_str()).collect();
    ours.sort_unstable();
    let mut theirs: Vec<&str> = oracle
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    theirs.sort_unstable();
    assert_eq!(ours, theirs);
}

#[test]
fn hunks_match_git_diff_line_numbers() {
    let g = G::new();
    let old: String = (1..=40).map(|i| format!("line {i}\n")).collect();
    g.write("f.py", &old);
    let base = g.commit("base");
    let new = old
        .replace("line 3\n", "line three\n")
        .replace("line 20\n", "")
        .replace("line 30\n", "line 30\ninserted a\ninserted b\n");
    g.write("f.py", &new);
    g.commit("edit");
    let change = open(&g).range(Some(&base), "HEAD").unwrap();
    let added: Vec<(u32, u32)> = change.files[0]
        .added_ranges()
        .map(|r| (r.start, r.end))
        .collect();
    // `git diff -U0` hunk headers name the same new-side lines.
    let diff = g.git(&["diff", "-U0", &base, "HEAD"]);
    let mut from_git = Vec::new();
    for line in diff.lines().filter(|l| l.starts_with("@@")) {
        let plus = line
            .split_whitespace()
            .nth(2)
            .unwrap()
            .trim_start_matches('+');
        let (start, count) = plus.split_once(',').unwrap_or((plus, "1"));
        let (start, count): (u32, u32) = (start.parse().unwrap(), count.parse().unwrap());
        if count > 0 {
            from_git.push((start, start + count - 1));
        }
    }
    assert_eq!(added, from_git);
}

#[test]
fn staged_and_worktree_follow_git_semantics() {
    let g = G::new();
    g.write("a.py", "a = 1\n");
    g.write("b.py", "b = 1\n");
    g.commit("base");
    g.write("a.py", "a = 2\n"); // modified, unstaged
    g.write("new.py", "n = 1\n");
    g.git(&["add", "new.py"]); // added, staged
    g.write("untracked.py", "u = 1\n"); // never included
    std::fs::remove_file(g.path().join("b.py")).unwrap(); // deleted, unstaged

    let repo = open(&g);
    let staged = repo.staged().unwrap();
    let paths: Vec<_> = staged
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(paths, [("new.py", FileStatus::Added)]);

    let wt = repo.worktree().unwrap();
    let paths: Vec<_> = wt
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(
        paths,
        [
            ("a.py", FileStatus::Modified),
            ("b.py", FileStatus::Deleted),
            ("new.py", FileStatus::Added)
        ]
    );
    // The digest binds the content: another edit changes it.
    g.write("a.py", "a = 3\n");
    assert_ne!(repo.worktree().unwrap().digest, wt.digest);
}

#[test]
fn root_commit_is_judged_against_the_empty_tree() {
    let g = G::new();
    g.write("a.py", "a = 1\n");
    g.commit("first");
    let change = open(&g).range(None, "HEAD").unwrap();
    assert_eq!(change.base, None);
    assert_eq!(change.files[0].status, FileStatus::Added);
    assert_eq!(change.commits.len(), 1);
}

/// `scan DIR` reads hidden files and directories (`.env`, `.github/…`), never `.git`, and still
/// honours `.gitignore` (including a hidden file it ignores).
#[test]
fn scan_reads_hidden_files_but_not_the_git_directory() {
    let g = G::new();
    g.write(".gitignore", "build/\n.env.local\n");
    g.write(".env", "DB_PASSWORD=x\n");
    g.write(".env.production", "A=1\n");
    g.write(".env.local", "ignored\n");
    g.write(".github/workflows/ci.yml", "on: push\n");
    g.write("build/out.py", "ignored\n");
    g.write("app/main.py", "print(1)\n");
    g.commit("tree");
    // A linked worktree's `.git` is a file: it is skipped too.
    g.write("vendor/sub/.git", "gitdir: ../../.git/modules/sub\n");
    g.write("vendor/sub/lib.py", "x = 1\n");
    let change = idgate_git::scan(&[g.path().to_path_buf()], &Limits::default()).unwrap();
    let root = g
        .path()
        .to_string_lossy()
        .trim_start_matches("./")
        .to_string();
    let rel: Vec<String> = change
        .files
        .iter()
        .map(|f| {
            f.path
                .strip_prefix(&format!("{root}/"))
                .unwrap_or(&f.path)
                .to_string()
        })
        .collect();
    assert_eq!(
        rel,
        [
            ".env",
            ".env.production",
            ".github/workflows/ci.yml",
            ".gitignore",
            "app/main.py",
            "vendor/sub/lib.py",
        ],
        "{rel:?}"
    );
    assert!(g.path().join(".git/HEAD").exists());
}
