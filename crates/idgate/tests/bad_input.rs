//! Bad input: exit code 2, one message naming the input, nothing on standard output.

mod common;

use common::{Git, UNVERIFIED, VERIFIED, idgate};
use predicates::prelude::*;

fn fails_with(cmd: &mut assert_cmd::Command, needle: &str) {
    let assert = cmd.assert().code(2).stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(needle),
        "stderr {stderr:?} lacks {needle:?}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one message: {stderr:?}"
    );
    assert!(!stderr.contains("panicked"));
}

fn repo() -> (Git, String, String) {
    let mut g = Git::new();
    g.write("a.py", VERIFIED);
    let base = g.commit("one");
    g.write("a.py", UNVERIFIED);
    let head = g.commit("two");
    (g, base, head)
}

#[test]
fn missing_repository() {
    fails_with(
        idgate().args(["check", "--repo", "/nonexistent/idgate-repo"]),
        "/nonexistent/idgate-repo",
    );
}

#[test]
fn directory_that_is_not_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    fails_with(
        idgate().args(["check", "--repo"]).arg(dir.path()),
        "cannot open git repository",
    );
}

#[test]
fn unknown_revision() {
    let (g, _, _) = repo();
    fails_with(
        idgate()
            .args(["check", "--base", "no-such-branch", "--repo"])
            .arg(g.path()),
        "unknown revision 'no-such-branch'",
    );
}

#[test]
fn empty_range() {
    let (g, _, head) = repo();
    fails_with(
        idgate()
            .args(["check", "--base", &head, "--head", "HEAD", "--repo"])
            .arg(g.path()),
        "empty range",
    );
}

#[test]
fn reversed_range() {
    let (g, base, head) = repo();
    fails_with(
        idgate()
            .args(["check", "--base", &head, "--head", &base, "--repo"])
            .arg(g.path()),
        "reversed range",
    );
}

#[test]
fn malformed_and_truncated_patches() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.diff");
    std::fs::write(&bad, "this is not a diff\n").unwrap();
    fails_with(idgate().args(["check", "--patch"]).arg(&bad), "bad.diff");

    let truncated = dir.path().join("cut.diff");
    std::fs::write(
        &truncated,
        "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n import jwt\n-x = 1\n",
    )
    .unwrap();
    fails_with(
        idgate().args(["check", "--patch"]).arg(&truncated),
        "cut.diff",
    );

    fails_with(
        idgate().args(["check", "--patch", "-"]).write_stdin(""),
        "malformed patch -",
    );
    fails_with(
        idgate().args(["check", "--patch", "/nonexistent/x.diff"]),
        "/nonexistent/x.diff",
    );
}

#[test]
fn missing_scan_path() {
    fails_with(
        idgate().args(["scan", "/nonexistent/idgate-scan"]),
        "/nonexistent/idgate-scan",
    );
}

#[test]
fn broken_object_in_repository() {
    let (g, base, head) = repo();
    // Corrupt the blob of the new a.py: reading it must fail loudly, not pass silently.
    let blob = g.run(&["rev-parse", &format!("{head}:a.py")]);
    let blob = blob.trim();
    let path = g
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    std::fs::write(&path, b"garbage").unwrap();
    fails_with(
        idgate()
            .args(["check", "--base", &base, "--head", &head, "--repo"])
            .arg(g.path()),
        "git error",
    );
}

#[test]
fn unknown_rule_for_explain() {
    fails_with(
        idgate().args(["explain", "IDG999"]),
        "unknown rule 'IDG999'",
    );
}

#[test]
fn usage_errors_exit_2() {
    idgate()
        .args(["check", "--staged", "--patch", "x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot be used with"));
}
