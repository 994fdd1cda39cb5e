//! `check --record`, `approve --record` and `idgate ledger verify|log|export|seal` end to end,
//! on a real SQLite ledger file.

mod common;

use std::path::Path;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate, keygen};
use serde_json::Value;

/// A repository whose head commit, by an agent, turns token verification off.
fn weakened() -> (Git, String) {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    let base = g.commit("add auth");
    g.write("app/auth.py", UNVERIFIED);
    g.commit(&format!("speed up auth{AGENT_TRAILER}"));
    (g, base)
}

fn url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("ledger.sqlite3").display())
}

fn ledger(url: &str, args: &[&str]) -> (i32, String, String) {
    let out = idgate()
        .env_remove("IDGATE_LEDGER")
        .arg("ledger")
        .args(args)
        .args(["--ledger", url])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn check_and_approve_record_and_the_chain_verifies() {
    let (g, base) = weakened();
    let dir = tempfile::tempdir().unwrap();
    let url = url(dir.path());

    let out = idgate()
        .env_remove("IDGATE_LEDGER")
        .args([
            "check", "--record", "--format", "json", "--ledger", &url, "--base", &base,
        ])
        .arg("--repo")
        .arg(g.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(report["verdict"]["decision"], "allow");

    let (key, _) = keygen(dir.path(), "alice");
    let out = idgate()
        .env_remove("IDGATE_LEDGER")
        .args(["approve", "--record", "--ledger", &url, "--base", &base])
        .args(["--principal", "alice@example.com", "--key", &key, "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("as record 2"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let (code, stdout, _) = ledger(&url, &["verify"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("2 records intact"), "{stdout}");

    let (code, jsonl, _) = ledger(&url, &["export", "--format", "jsonl"]);
    assert_eq!(code, 0);
    let records: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    let evaluation = &records[0];
    assert_eq!(evaluation["kind"], "evaluation");
    assert_eq!(evaluation["repository"], g.path().display().to_string());
    assert_eq!(evaluation["body"]["verdict"], report["verdict"]["decision"]);
    assert_eq!(
        evaluation["body"]["change"]["digest"],
        report["change"]["digest"]
    );
    assert_eq!(
        evaluation["body"]["tool_version"],
        env!("CARGO_PKG_VERSION")
    );
    let findings = evaluation["body"]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f.get("message").is_none()));
    assert!(
        !jsonl.contains("verify_signature"),
        "no code text in the ledger: {jsonl}"
    );
    assert_eq!(records[1]["kind"], "approval");
    assert_eq!(
        records[1]["body"]["statement"]["principal"],
        "alice@example.com"
    );
    assert!(
        records[1]["body"]["signature"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN SSH SIGNATURE-----")
    );

    let agent = evaluation["body"]["provenance"][0]["agent"]
        .as_str()
        .unwrap();
    let (code, csv, _) = ledger(&url, &["export", "--format", "csv", "--agent", agent]);
    assert_eq!(code, 0);
    assert_eq!(csv.lines().count(), 2, "header and one evaluation: {csv}");
    let (code, log, _) = ledger(&url, &["log", "--verdict", "allow"]);
    assert_eq!((code, log.as_str()), (0, ""));
    let (code, log, _) = ledger(&url, &["log"]);
    assert_eq!(code, 0);
    assert_eq!(log.lines().count(), 2, "{log}");

    let (code, seal, stderr) = ledger(&url, &["seal", "--key", &key]);
    assert_eq!(code, 0, "{stderr}");
    let seal: Value = serde_json::from_str(seal.trim()).unwrap();
    assert_eq!(
        (seal["kind"].as_str(), seal["seq"].as_u64()),
        (Some("seal"), Some(3))
    );
    assert_eq!(seal["body"]["head_hash"], records[1]["hash"]);

    // Someone edits the evaluation in place: verify names it and exits 1.
    let file = dir.path().join("ledger.sqlite3");
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(\"UPDATE records SET body = replace(body, 'review', 'allow') WHERE seq = 1\")\nc.commit()")
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, stdout, _) = ledger(&url, &["verify"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("record 1: edited"), "{stdout}");
}

#[test]
fn a_failed_record_fails_the_check_and_prints_nothing() {
    let (g, base) = weakened();
    let dir = tempfile::tempdir().unwrap();
    let missing = format!(
        "sqlite://{}",
        dir.path().join("no/such/dir/l.sqlite3").display()
    );
    let out = idgate()
        .env_remove("IDGATE_LEDGER")
        .args([
            "check", "--record", "--ledger", &missing, "--base", &base, "--repo",
        ])
        .arg(g.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot record"), "{stderr}");

    // Without --record the ledger is not touched, whatever IDGATE_LEDGER says.
    let out = idgate()
        .env("IDGATE_LEDGER", &missing)
        .args(["check", "--base", &base, "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    let (code, _, stderr) = ledger("mysql://localhost/x", &["verify"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad ledger URL"), "{stderr}");
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![0x5a; 4096]).unwrap();
    let (code, _, stderr) = ledger(&format!("sqlite://{}", garbage.display()), &["verify"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("garbage.sqlite3"), "{stderr}");
}
