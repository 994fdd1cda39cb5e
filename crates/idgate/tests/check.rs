//! End-to-end tests of `idgate check` and `idgate scan` on real git repositories.

mod common;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate};
use predicates::prelude::*;
use serde_json::Value;

/// The findings that count, and the identity-surface notes, of a JSON report.
fn split_surfaces(report: &Value) -> (Vec<Value>, Vec<Value>) {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .partition(|f| f["category"] != "identity-surface")
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON report")
}

fn weakened_repo() -> (Git, String, String) {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.write("README.md", "hello\n");
    let base = g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    let head = g.commit(&format!("Decode tokens without the key{AGENT_TRAILER}"));
    (g, base, head)
}

#[test]
fn agent_weakening_is_found_attributed_and_sent_to_review() {
    let (g, base, head) = weakened_repo();
    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    assert_eq!(report["verdict"]["decision"], "review");
    let (findings, surfaces) = split_surfaces(&report);
    assert_eq!(findings.len(), 1);
    // The change is identity logic even apart from the weakening: its surface is noted.
    assert!(
        surfaces
            .iter()
            .any(|s| s["path"] == "app/auth.py" && s["level"] == "note"),
        "{surfaces:?}"
    );
    let f = &findings[0];
    assert_eq!(f["rule"], "IDG101");
    assert_eq!(f["category"], "token-verification");
    assert_eq!(f["path"], "app/auth.py");
    assert_eq!(f["line"], 5);
    assert_eq!(f["commit"], head.as_str());
    assert_eq!(f["actor"], "agent");
    assert_eq!(f["before"], "signature verified (algorithms RS256)");
    assert_eq!(report["commits"][0]["provenance"]["agent"], "claude-code");
    assert_eq!(report["change"]["base"], base.as_str());
}

#[test]
fn default_base_is_head_parent_on_the_default_branch() {
    let (g, _, _) = weakened_repo();
    idgate()
        .args(["check", "--format", "json", "--repo"])
        .arg(g.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("IDG101"));
}

#[test]
fn default_base_is_the_merge_base_on_a_feature_branch() {
    let (mut g, base, _) = weakened_repo();
    g.run(&["checkout", "-q", "-b", "feature", &base]);
    g.write("app/other.py", "x = 1\n");
    g.commit("unrelated");
    // main holds the weakening; the feature branch does not, so nothing counts.
    let out = idgate()
        .args(["check", "--format", "json", "--repo"])
        .arg(g.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    assert_eq!(report["change"]["base"], base.as_str());
    assert_eq!(report["verdict"]["decision"], "allow");
}

#[test]
fn a_benign_change_is_allowed() {
    let mut g = Git::new();
    g.write("app/auth.py", UNVERIFIED);
    let base = g.commit("base");
    // Verification turned back on, plus docs: nothing to report.
    g.write("app/auth.py", VERIFIED);
    g.write(
        "docs/auth.md",
        "jwt.decode(token, options={\"verify_signature\": False}) is wrong\n",
    );
    let head = g.commit("restore verification");
    idgate()
        .args(["check", "--base", &base, "--head", &head, "--repo"])
        .arg(g.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("verdict: ALLOW"));
}

#[test]
fn rename_with_weakening_reports_the_new_path() {
    let mut g = Git::new();
    let body =
        format!("{VERIFIED}\n\ndef helper():\n    return 1\n\n\ndef other():\n    return 2\n");
    g.write("app/auth.py", &body);
    let base = g.commit("base");
    g.run(&["mv", "app/auth.py", "app/login.py"]);
    g.write("app/login.py", body.replace(VERIFIED, UNVERIFIED));
    let head = g.commit("move and weaken");
    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let file = &report["change"]["files"][0];
    assert_eq!(file["status"], "renamed");
    assert_eq!(file["old_path"], "app/auth.py");
    assert_eq!(report["findings"][0]["path"], "app/login.py");
}

#[test]
fn binary_large_submodule_and_lossy_files_are_noted_not_lost() {
    let mut g = Git::new();
    g.write("a.txt", "a\n");
    let base = g.commit("base");
    g.write("logo.png", [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2]);
    g.write("big.py", "x = 1\n".repeat(1000));
    g.write(
        "latin1.py",
        b"# caf\xe9\nimport jwt\njwt.decode(t, verify=False)\n",
    );
    g.write("crlf.py", UNVERIFIED.replace('\n', "\r\n"));
    // A gitlink whose directory exists but is not checked out, as after a plain clone.
    std::fs::create_dir_all(g.path().join("vendor/lib")).unwrap();
    g.run(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{base},vendor/lib"),
    ]);
    let head = g.commit("assets");
    let out = idgate()
        .args([
            "check",
            "--format",
            "json",
            "--max-file-size",
            "4096",
            "--base",
            &base,
            "--head",
            &head,
            "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let files = report["change"]["files"].as_array().unwrap();
    let by = |p: &str| files.iter().find(|f| f["path"] == p).unwrap().clone();
    assert_eq!(by("logo.png")["skipped"]["reason"], "binary");
    assert_eq!(by("big.py")["skipped"]["reason"], "too-large");
    assert_eq!(by("vendor/lib")["skipped"]["reason"], "submodule");
    assert_eq!(by("latin1.py")["notes"][0]["note"], "invalid-utf8");
    let lines: Vec<(String, u64)> = split_surfaces(&report)
        .0
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, vec![("crlf.py".into(), 5), ("latin1.py".into(), 3)]);
}

#[test]
fn staged_and_worktree_sources() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    // Not staged yet: the index matches HEAD.
    idgate()
        .args(["check", "--staged", "--repo"])
        .arg(g.path())
        .assert()
        .code(0);
    idgate()
        .args(["check", "--worktree", "--repo"])
        .arg(g.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pyjwt-verification-disabled"));
    g.run(&["add", "app/auth.py"]);
    idgate()
        .args(["check", "--staged", "--format", "json", "--repo"])
        .arg(g.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"kind\": \"staged\""));
}

#[test]
fn patch_from_file_and_stdin() {
    let (g, base, head) = weakened_repo();
    let diff = g.run(&["diff", &base, &head]);
    let patch = g.path().join("change.diff");
    std::fs::write(&patch, &diff).unwrap();
    idgate()
        .args(["check", "--format", "json", "--patch"])
        .arg(&patch)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("IDG101"));
    idgate()
        .args(["check", "--patch", "-"])
        .write_stdin(diff)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("pyjwt-verification-disabled"));
    let series = g.run(&["format-patch", "--stdout", &format!("{base}..{head}")]);
    let out = idgate()
        .args(["check", "--format", "json", "--patch", "-"])
        .write_stdin(series)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json(&out)["commits"][0]["provenance"]["agent"],
        "claude-code"
    );
}

#[test]
fn output_file_is_written_whole() {
    let (g, base, head) = weakened_repo();
    let target = g.path().join("out/report.sarif");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    idgate()
        .args([
            "check", "--format", "sarif", "--base", &base, "--head", &head, "--output",
        ])
        .arg(&target)
        .arg("--repo")
        .arg(g.path())
        .assert()
        .code(1)
        .stdout("");
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "IDG101"),
        "{results:?}"
    );
}

#[test]
fn fail_on_raises_the_exit_code_for_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("auth.py"), UNVERIFIED).unwrap();
    idgate()
        .args(["scan", "--fail-on", "error", "--quiet"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn scan_honours_gitignore_and_skips_tests() {
    let g = Git::new();
    g.write(".gitignore", "build/\n");
    g.write("build/gen.py", UNVERIFIED);
    g.write("tests/test_auth.py", UNVERIFIED);
    g.write("app/auth.py", UNVERIFIED);
    let out = idgate()
        .args(["scan", "--format", "json"])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let (counted, _) = split_surfaces(&report);
    let paths: Vec<&str> = counted
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1);
    assert!(paths[0].ends_with("app/auth.py"), "{paths:?}");
}

#[test]
fn color_only_when_asked_for_a_terminal() {
    let (g, base, head) = weakened_repo();
    // Not a terminal here: never any escape sequence.
    idgate()
        .args(["check", "--base", &base, "--head", &head, "--repo"])
        .arg(g.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn findings_carry_the_commit_and_git_ai_attribution_of_their_lines() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    let base = g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    let weakening = g.commit("weaken");
    let note = format!(
        "app/auth.py\n  s_00112233445566::t_00112233445566 5\n---\n{{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"{weakening}\",\"prompts\":{{}},\"sessions\":{{\"s_00112233445566\":{{\"agent_id\":{{\"tool\":\"cursor\",\"id\":\"c1\",\"model\":\"m\"}}}}}}}}\n"
    );
    g.run(&["notes", "--ref", "ai", "add", "-m", &note, &weakening]);
    g.write("README.md", "later, unrelated\n");
    let head = g.commit("docs");
    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&out);
    let f = &report["findings"][0];
    // Blame finds the commit that wrote the line, not the last commit of the range.
    assert_eq!(f["commit"], weakening.as_str());
    assert_eq!(f["attribution"]["actor"], "agent");
    assert_eq!(f["attribution"]["agent"], "cursor");
    assert_eq!(f["attribution"]["source"], "git-ai");
}
