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
    // Without an `origin` remote or CI variables, the repository is named by its directory.
    let dir_name = g.path().canonicalize().unwrap();
    let dir_name = dir_name.file_name().unwrap().to_string_lossy();
    assert_eq!(evaluation["repository"], *dir_name);
    assert_eq!(records[1]["repository"], *dir_name);
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

/// Rewrite a SQLite ledger from outside the way an operator could: change record 1's verdict
/// and recompute every hash and link, so the chain is intact again.
fn rewrite_whole_chain(file: &Path) {
    let script = r#"
import hashlib, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT seq, kind, time, repository, body FROM records ORDER BY seq").fetchall()
prev = "0" * 64
for seq, kind, time, repository, body in rows:
    if seq == 1:
        body = body.replace('"review"', '"allow"')
    r = {"body": json.loads(body), "kind": kind, "prev": prev, "repository": repository, "seq": seq, "time": time}
    h = hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    c.execute("UPDATE records SET body = ?, prev = ?, hash = ? WHERE seq = ?", (body, prev, h, seq))
    prev = h
c.commit()
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_seal_holds_for_the_sealed_ledger_and_fails_for_a_rewritten_one() {
    let (g, base) = weakened();
    let dir = tempfile::tempdir().unwrap();
    let url = url(dir.path());
    for _ in 0..2 {
        let out = idgate()
            .env_remove("IDGATE_LEDGER")
            .args([
                "check", "--record", "--quiet", "--ledger", &url, "--base", &base,
            ])
            .arg("--repo")
            .arg(g.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
    let (key, public) = keygen(dir.path(), "alice");
    let (_, other_public) = keygen(dir.path(), "mallory");
    let (code, seal_line, stderr) = ledger(&url, &["seal", "--key", &key]);
    assert_eq!(code, 0, "{stderr}");
    let seal_file = dir.path().join("seal.json");
    std::fs::write(&seal_file, &seal_line).unwrap();
    let signers = dir.path().join("allowed_signers");
    std::fs::write(
        &signers,
        format!("alice@example.com namespaces=\"idgate-ledger-seal\" {public}\n"),
    )
    .unwrap();
    let seal_arg = seal_file.display().to_string();
    let signers_arg = signers.display().to_string();
    let check = |url: &str, signers: &str, extra: &[&str]| {
        let mut args: Vec<&str> = vec![
            "check-seal",
            "--seal",
            &seal_arg,
            "--allowed-signers",
            signers,
        ];
        args.extend_from_slice(extra);
        ledger(url, &args)
    };

    // OpenSSH agrees that the seal is a valid signature over the sealed hash.
    let seal: Value = serde_json::from_str(seal_line.trim()).unwrap();
    let sig = dir.path().join("seal.sig");
    std::fs::write(&sig, seal["body"]["signature"].as_str().unwrap()).unwrap();
    let hash = seal["body"]["head_hash"].as_str().unwrap();
    let bytes: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&hash[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let mut child = std::process::Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-f",
            &signers_arg,
            "-I",
            "alice@example.com",
        ])
        .args(["-n", "idgate-ledger-seal", "-s"])
        .arg(&sig)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "ssh-keygen -Y verify: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (code, stdout, stderr) = check(&url, &signers_arg, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("holds: record 2") && stdout.contains("sealed as record 3"),
        "{stdout}"
    );
    assert!(stdout.contains("alice@example.com"), "{stdout}");
    let (code, _, _) = check(&url, &signers_arg, &["--principal", "alice@example.com"]);
    assert_eq!(code, 0);

    // The seal of another key, or a principal the file does not list, does not count.
    let mallory = dir.path().join("mallory_signers");
    std::fs::write(&mallory, format!("alice@example.com {other_public}\n")).unwrap();
    let (code, stdout, _) = check(&url, &mallory.display().to_string(), &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("NOT valid: its signature is by none of the 1 key(s)"),
        "{stdout}"
    );
    let (code, stdout, _) = check(&url, &signers_arg, &["--principal", "bob@example.com"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("lists no key allowed to sign seals"),
        "{stdout}"
    );

    // Rewritten with recomputed hashes: `verify` cannot tell, the seal can.
    rewrite_whole_chain(&dir.path().join("ledger.sqlite3"));
    let (code, stdout, _) = ledger(&url, &["verify"]);
    assert_eq!(code, 0, "the rewrite chains: {stdout}");
    let (code, stdout, stderr) = check(&url, &signers_arg, &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("does NOT match seal")
            && stdout.contains("the seal covers record 2 with hash")
            && stdout.contains("rewritten or truncated"),
        "{stdout}"
    );
    assert_eq!(stdout.trim_end().lines().count(), 1, "{stdout}");

    // A seal file that is not a seal is bad input: exit 2, one line on stderr.
    std::fs::write(&seal_file, "{\"not\": \"a record\"}\n").unwrap();
    let (code, stdout, stderr) = check(&url, &signers_arg, &[]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("bad seal") && stderr.contains("seal.json"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

/// A repository name that a spreadsheet would run as a formula is exported as text.
#[test]
fn csv_export_neutralises_formula_cells() {
    let (g, base) = weakened();
    let dir = tempfile::tempdir().unwrap();
    let url = url(dir.path());
    // The recorded repository is the --repository argument as given.
    let out = idgate()
        .env_remove("IDGATE_LEDGER")
        .current_dir(dir.path())
        .args([
            "check", "--record", "--quiet", "--ledger", &url, "--base", &base,
        ])
        .args(["--repository", "=HYPERLINK(1)", "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, csv, _) = ledger(&url, &["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.contains(",evaluation,\"'=HYPERLINK(1)\",review,"),
        "{row}"
    );
    assert!(!row.contains(",=HYPERLINK"), "{row}");
}
