//! The SQLite store, on real files: appending, verifying, tampering, schema, export, seals and
//! concurrent processes.

mod common;

use std::path::{Path, PathBuf};

use idgate_ledger::{
    Error, ExportFormat, Filter, GENESIS, Kind, Ledger, Problem, PublicKey, Record, verify_seal,
};
use serde_json::json;
use sqlx::Connection;

fn ledger_in(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("ledger.sqlite3");
    let url = format!("sqlite://{}", path.display());
    (path, url)
}

/// A ledger with `n` evaluation records.
fn filled(n: u64) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let (path, url) = ledger_in(dir.path());
    let mut ledger = Ledger::open(&url).unwrap();
    for i in 0..n {
        ledger
            .append(Kind::Evaluation, "repo", common::body(i, "review", None))
            .unwrap();
    }
    (dir, path, url)
}

/// Run SQL statements on the file directly, as someone tampering with it would.
fn tamper(path: &Path, statements: &[&str]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        for s in statements {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{s}: {e}"));
        }
        conn.close().await.unwrap();
    });
}

fn first_bad(url: &str) -> (u64, Problem) {
    let report = Ledger::open(url).unwrap().verify().unwrap();
    let bad = report.first_bad.expect("tampering must be detected");
    (bad.seq, bad.problem)
}

#[test]
fn appends_chain_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = ledger_in(dir.path());
    let mut ledger = Ledger::open(&url).unwrap();
    assert!(ledger.head().unwrap().is_none());
    let empty = ledger.verify().unwrap();
    assert!(empty.is_intact());
    assert_eq!((empty.records, empty.head_hash.as_str()), (0, GENESIS));

    let first = ledger
        .append(
            Kind::Evaluation,
            "repo",
            common::body(1, "block", Some("codex")),
        )
        .unwrap();
    assert_eq!((first.seq, first.prev.as_str()), (1, GENESIS));
    assert!(first.hash_is_valid());
    let second = ledger
        .append_statement(
            Kind::Approval,
            "repo",
            json!({"type": "idgate-approval", "principal": "alice@example.com", "time": 1}),
            "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----".into(),
        )
        .unwrap();
    assert_eq!((second.seq, second.prev.as_str()), (2, first.hash.as_str()));
    assert_eq!(ledger.record(1).unwrap().unwrap(), first);
    assert_eq!(ledger.head().unwrap().unwrap(), second);
    drop(ledger);

    let mut ledger = Ledger::open(&url).unwrap();
    let third = ledger
        .append(
            Kind::Waiver,
            "other",
            json!({"statement": {}, "signature": "x"}),
        )
        .unwrap();
    assert_eq!((third.seq, third.prev), (3, second.hash.clone()));
    let report = ledger.verify().unwrap();
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert_eq!((report.records, report.head_seq), (3, 3));
    assert_eq!(report.head_hash, third.hash);
}

#[test]
fn bodies_must_be_objects_of_integers() {
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = ledger_in(dir.path());
    let mut ledger = Ledger::open(&url).unwrap();
    assert!(matches!(
        ledger.append(Kind::Evaluation, "r", json!([1, 2])),
        Err(Error::BodyNotObject)
    ));
    assert!(matches!(
        ledger.append(Kind::Evaluation, "r", json!({"x": 0.5})),
        Err(Error::NotInteger(_))
    ));
    assert!(ledger.head().unwrap().is_none(), "nothing was appended");
}

#[test]
fn an_edited_record_is_named() {
    let (_dir, path, url) = filled(10);
    tamper(
        &path,
        &["UPDATE records SET body = replace(body, '\"review\"', '\"allow\"') WHERE seq = 4"],
    );
    assert_eq!(first_bad(&url), (4, Problem::Edited));

    let (_dir, path, url) = filled(5);
    tamper(
        &path,
        &["UPDATE records SET time = time - 3600 WHERE seq = 5"],
    );
    assert_eq!(first_bad(&url), (5, Problem::Edited));
}

#[test]
fn a_deleted_record_is_named() {
    let (_dir, path, url) = filled(10);
    tamper(&path, &["DELETE FROM records WHERE seq = 6"]);
    assert_eq!(first_bad(&url), (6, Problem::Deleted { count: 1 }));

    // Deleted, and the later records renumbered to hide the gap.
    let (_dir, path, url) = filled(10);
    tamper(
        &path,
        &[
            "DELETE FROM records WHERE seq IN (6, 7)",
            "UPDATE records SET seq = seq + 1000000 - 2 WHERE seq > 7",
            "UPDATE records SET seq = seq - 1000000 WHERE seq > 1000000",
        ],
    );
    assert_eq!(first_bad(&url), (6, Problem::Deleted { count: 2 }));
}

#[test]
fn a_reordered_record_is_named() {
    let (_dir, path, url) = filled(10);
    tamper(
        &path,
        &[
            "UPDATE records SET seq = 1000 WHERE seq = 3",
            "UPDATE records SET seq = 3 WHERE seq = 7",
            "UPDATE records SET seq = 7 WHERE seq = 1000",
        ],
    );
    assert_eq!(first_bad(&url), (3, Problem::Reordered { original: 7 }));
}

#[test]
fn an_inserted_record_is_named() {
    // A forged record with a correct hash, put in at 5, the later records renumbered.
    let (_dir, path, url) = filled(10);
    let fourth = Ledger::open(&url).unwrap().record(4).unwrap().unwrap();
    let body = common::body(99, "allow", None);
    let hash = Record::compute_hash(
        5,
        Kind::Evaluation,
        fourth.time,
        "repo",
        &body,
        &fourth.hash,
    )
    .unwrap();
    let insert = format!(
        "INSERT INTO records (seq, kind, time, repository, body, prev, hash) VALUES (5, 'evaluation', {}, 'repo', '{}', '{}', '{hash}')",
        fourth.time, body, fourth.hash
    );
    tamper(
        &path,
        &[
            "UPDATE records SET seq = seq + 1000000 + 1 WHERE seq >= 5",
            "UPDATE records SET seq = seq - 1000000 WHERE seq > 1000000",
            &insert,
        ],
    );
    assert_eq!(first_bad(&url), (5, Problem::Inserted { count: 1 }));

    // A forged record on top that does not chain to the head.
    let (_dir, path, url) = filled(3);
    let body = json!({"statement": {}, "signature": "forged"});
    let hash = Record::compute_hash(4, Kind::Approval, 1, "repo", &body, GENESIS).unwrap();
    let insert = format!(
        "INSERT INTO records (seq, kind, time, repository, body, prev, hash) VALUES (4, 'approval', 1, 'repo', '{body}', '{GENESIS}', '{hash}')"
    );
    tamper(&path, &[&insert]);
    assert_eq!(first_bad(&url), (4, Problem::BrokenLink));
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, path, url) = filled(1);
    tamper(
        &path,
        &["UPDATE meta SET value = '99' WHERE key = 'schema_version'"],
    );
    let err = Ledger::open(&url).unwrap_err();
    assert!(matches!(
        err,
        Error::NewerSchema {
            found: 99,
            supported: 1
        }
    ));
    assert!(
        err.to_string()
            .starts_with("ledger schema 99 is newer than this idgate (1)"),
        "{err}"
    );
}

#[test]
fn a_corrupt_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, url) = ledger_in(dir.path());
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, garbage).unwrap();
    let err = Ledger::open(&url).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("corrupt"), "{text}");

    let err = Ledger::open("mysql://localhost/x").unwrap_err();
    assert!(matches!(err, Error::BadUrl(_)), "{err:?}");
    let missing = dir.path().join("no/such/dir/ledger.sqlite3");
    let err = Ledger::open(&format!("sqlite://{}", missing.display())).unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
}

/// Records for export and log tests: three repositories, verdicts and agents.
fn mixed() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = ledger_in(dir.path());
    let mut ledger = Ledger::open(&url).unwrap();
    let rows = [
        ("svc/a", "block", Some("claude-code")),
        ("svc/b", "allow", None),
        ("svc/a", "review", Some("codex")),
        ("svc,\"quoted\"", "review", Some("Claude-Code")),
    ];
    for (i, (repo, verdict, agent)) in rows.into_iter().enumerate() {
        ledger
            .append(
                Kind::Evaluation,
                repo,
                common::body(i as u64, verdict, agent),
            )
            .unwrap();
    }
    ledger
        .append_statement(
            Kind::Approval,
            "svc/a",
            json!({"principal": "alice"}),
            "sig".into(),
        )
        .unwrap();
    (dir, url)
}

#[test]
fn log_filters() {
    let (_dir, url) = mixed();
    let mut ledger = Ledger::open(&url).unwrap();
    let seqs = |ledger: &mut Ledger, f: Filter| -> Vec<u64> {
        ledger.log(&f).unwrap().iter().map(|r| r.seq).collect()
    };
    assert_eq!(seqs(&mut ledger, Filter::default()), [1, 2, 3, 4, 5]);
    let repo = Filter {
        repository: Some("svc/a".into()),
        ..Filter::default()
    };
    assert_eq!(seqs(&mut ledger, repo), [1, 3, 5]);
    let verdict = Filter {
        verdict: Some("review".into()),
        ..Filter::default()
    };
    assert_eq!(seqs(&mut ledger, verdict), [3, 4]);
    let agent = Filter {
        agent: Some("claude-code".into()),
        ..Filter::default()
    };
    assert_eq!(seqs(&mut ledger, agent), [1, 4]);
    let time = ledger.record(1).unwrap().unwrap().time;
    let window = Filter {
        since: Some(time - 10),
        until: Some(time + 3600),
        ..Filter::default()
    };
    assert_eq!(seqs(&mut ledger, window).len(), 5);
    let future = Filter {
        since: Some(time + 3600),
        ..Filter::default()
    };
    assert!(seqs(&mut ledger, future).is_empty());
    let past = Filter {
        until: Some(time - 1),
        ..Filter::default()
    };
    assert!(seqs(&mut ledger, past).is_empty());
}

#[test]
fn exports_json_lines_and_csv() {
    let (_dir, url) = mixed();
    let mut ledger = Ledger::open(&url).unwrap();
    let mut out = Vec::new();
    let n = ledger
        .export(&Filter::default(), ExportFormat::JsonLines, &mut out)
        .unwrap();
    assert_eq!(n, 5);
    let text = String::from_utf8(out).unwrap();
    let records: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records, ledger.log(&Filter::default()).unwrap());
    for (line, record) in text.lines().zip(&records) {
        assert_eq!(line, record.to_json_line().unwrap());
        assert!(record.hash_is_valid());
    }

    let mut out = Vec::new();
    let filter = Filter {
        agent: Some("claude-code".into()),
        ..Filter::default()
    };
    assert_eq!(
        ledger.export(&filter, ExportFormat::Csv, &mut out).unwrap(),
        2
    );
    let csv = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "seq,time,kind,repository,verdict,agents,digest,head,prev,hash,body"
    );
    assert!(lines[1].starts_with("1,"), "{}", lines[1]);
    assert!(
        lines[1].contains(",evaluation,svc/a,block,claude-code,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("4,"), "{}", lines[2]);
    assert!(
        lines[2].contains(",evaluation,\"svc,\"\"quoted\"\"\",review,Claude-Code,"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "", "a final CRLF and nothing after it");
}

/// The chain can be recomputed with no idgate at all: the Python from the crate docs.
#[test]
fn python_recomputes_the_chain() {
    let (dir, url) = mixed();
    let mut ledger = Ledger::open(&url).unwrap();
    ledger
        .append(
            Kind::Evaluation,
            "ünïcode \"repo\"\n\t\u{1}",
            json!({"z": "日本", "a": [1, -2, null, true], "k": {"é": "\u{7f}"}}),
        )
        .unwrap();
    let path = dir.path().join("ledger.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    ledger
        .export(&Filter::default(), ExportFormat::JsonLines, &mut file)
        .unwrap();
    let head = ledger.head().unwrap().unwrap();
    let script = r#"
import hashlib, json, sys
prev = "0" * 64
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    r = json.loads(line)
    h = r.pop("hash")
    c = json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert r["seq"] == n and r["prev"] == prev, f"record {n} does not chain"
    assert hashlib.sha256(c.encode()).hexdigest() == h, f"record {n} was edited"
    prev = h
print("intact:", n, "records, head", prev)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 (the machine's Python) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("intact: 6 records, head {}", head.hash)
    );
}

fn ed25519_key(seed: u8) -> (String, PublicKey) {
    let pair = ssh_key::private::Ed25519Keypair::from_seed(&[seed; 32]);
    let key = ssh_key::PrivateKey::from(pair);
    let text = key.to_openssh(ssh_key::LineEnding::LF).unwrap().to_string();
    (text, key.public_key().clone())
}

#[test]
fn seals_sign_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let (path, url) = ledger_in(dir.path());
    let mut ledger = Ledger::open(&url).unwrap();
    let (private, public) = ed25519_key(7);
    let (_, other) = ed25519_key(8);
    assert!(matches!(ledger.seal(&private), Err(Error::Empty)));
    for i in 0..4 {
        ledger
            .append(Kind::Evaluation, "repo", common::body(i, "allow", None))
            .unwrap();
    }
    let head = ledger.head().unwrap().unwrap();
    let seal = ledger.seal(&private).unwrap();
    assert_eq!(
        (seal.kind, seal.seq, seal.prev.as_str()),
        (Kind::Seal, 5, head.hash.as_str())
    );
    let body = verify_seal(&seal, &public).unwrap();
    assert_eq!(
        (body.head_seq, body.head_hash.as_str()),
        (4, head.hash.as_str())
    );
    assert_eq!(body.namespace, "idgate-ledger-seal");
    assert!(matches!(
        verify_seal(&seal, &other),
        Err(Error::SealSignature(_))
    ));
    assert!(matches!(
        verify_seal(&head, &public),
        Err(Error::NotASeal(4))
    ));
    ledger.check_seal(&seal, &public).unwrap();
    assert!(ledger.verify().unwrap().is_intact());

    // A published seal read back from its JSON line still verifies.
    let published: Record = serde_json::from_str(&seal.to_json_line().unwrap()).unwrap();
    verify_seal(&published, &public).unwrap();

    // A seal whose claimed head was altered does not verify.
    let mut forged = seal.clone();
    forged.body["head_hash"] = json!("1".repeat(64));
    assert!(verify_seal(&forged, &public).is_err());

    // Someone rewrites the sealed record and recomputes every hash from there: the chain
    // verifies again, but the seal exposes it.
    drop(ledger);
    let mut ledger = Ledger::open(&url).unwrap();
    let records = ledger.log(&Filter::default()).unwrap();
    let mut prev = records[2].hash.clone();
    let mut statements = Vec::new();
    for r in &records[3..] {
        let mut body = r.body.clone();
        if r.seq == 4 {
            body["verdict"] = json!("allow-rewritten");
        }
        let hash =
            Record::compute_hash(r.seq, r.kind, r.time, &r.repository, &body, &prev).unwrap();
        statements.push(format!(
            "UPDATE records SET body = '{}', prev = '{prev}', hash = '{hash}' WHERE seq = {}",
            body.to_string().replace('\'', "''"),
            r.seq
        ));
        prev = hash;
    }
    drop(ledger);
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    tamper(&path, &statements);
    let mut ledger = Ledger::open(&url).unwrap();
    assert!(
        ledger.verify().unwrap().is_intact(),
        "a full rewrite chains"
    );
    assert!(matches!(
        ledger.check_seal(&published, &public),
        Err(Error::SealMismatch(_))
    ));
}

#[test]
fn concurrent_appenders_do_not_fork() {
    if common::run_as_child() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = ledger_in(dir.path());
    common::concurrent_appenders("concurrent_appenders_do_not_fork", &url);
}

#[test]
fn killed_appenders_leave_a_valid_ledger() {
    if common::run_as_child() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = ledger_in(dir.path());
    common::killed_appenders("killed_appenders_leave_a_valid_ledger", &url);
}

#[test]
fn pages_follow_the_ledger() {
    let (_dir, _path, url) = filled(5);
    let mut ledger = Ledger::open(&url).unwrap();
    let seqs = |records: Vec<Record>| records.iter().map(|r| r.seq).collect::<Vec<_>>();
    assert_eq!(seqs(ledger.page(0, 2).unwrap()), [1, 2]);
    assert_eq!(seqs(ledger.page(2, 10).unwrap()), [3, 4, 5]);
    assert!(ledger.page(5, 10).unwrap().is_empty());
}
