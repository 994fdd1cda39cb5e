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

/// Run `args` as an unprivileged user when the tests run as root (root reads everything), so a
/// directory without read permission is really unreadable.
fn unprivileged(args: &[&std::ffi::OsStr]) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    let is_root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let bin = assert_cmd::cargo::cargo_bin!("idgate");
    if !is_root {
        return std::process::Command::new(bin).args(args).output().unwrap();
    }
    // The build directory may sit under /root: copy the binary where `nobody` may run it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = dir.path().join("idgate");
    std::fs::copy(bin, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&copy)
        .args(args)
        .output()
        .expect("setpriv (util-linux) runs");
    drop(dir);
    out
}

#[test]
fn directory_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = root.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("auth.py"), UNVERIFIED).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = unprivileged(&["scan".as_ref(), root.path().as_os_str()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("locked"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}
