//! Helpers shared by the SQLite and PostgreSQL tests: appender processes and the scenarios
//! that run them.

#![allow(dead_code, clippy::print_stderr)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use idgate_ledger::{Filter, Kind, Ledger};
use serde_json::json;

/// Set in a child process: the ledger URL to append to.
const CHILD_URL: &str = "IDGATE_LEDGER_CHILD";
/// How many records the child appends; 0 = until killed.
const CHILD_COUNT: &str = "IDGATE_LEDGER_CHILD_COUNT";
/// The repository name the child writes, to count its records afterwards.
const CHILD_TAG: &str = "IDGATE_LEDGER_CHILD_TAG";

/// A small evaluation-like body.
pub(crate) fn body(i: u64, verdict: &str, agent: Option<&str>) -> serde_json::Value {
    json!({
        "change": {"digest": format!("{i:064x}"), "base": format!("{i:040x}"), "head": format!("{:040x}", i + 1)},
        "verdict": verdict,
        "reasons": ["1 error-level finding"],
        "findings": [{"fingerprint": format!("{:032x}", i), "rule": "IDG101", "category": "token-verification", "level": "error"}],
        "provenance": [{"commit": format!("{:040x}", i + 1), "actor": if agent.is_some() { "agent" } else { "human" }, "agent": agent, "signature": "none"}],
        "policy_digest": "0".repeat(64),
        "tool_version": "test",
    })
}

/// When this test binary was started as an appender child, append and return true; the test
/// function then returns at once. Otherwise false.
pub(crate) fn run_as_child() -> bool {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return false;
    };
    let count: u64 = std::env::var(CHILD_COUNT)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let tag = std::env::var(CHILD_TAG).unwrap_or_else(|_| "child".into());
    let mut ledger = Ledger::open(&url).expect("child: open the ledger");
    let mut i = 0u64;
    while count == 0 || i < count {
        ledger
            .append(
                Kind::Evaluation,
                &tag,
                body(i, "review", Some("claude-code")),
            )
            .expect("child: append");
        i += 1;
    }
    true
}

/// Start this test binary again as an appender running test `test`.
pub(crate) fn spawn_appender(test: &str, url: &str, count: u64, tag: &str) -> Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_URL, url)
        .env(CHILD_COUNT, count.to_string())
        .env(CHILD_TAG, tag)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn an appender")
}

/// Wait for a child and fail with its standard error if it failed.
pub(crate) fn wait_ok(child: Child, what: &str) {
    let out = child.wait_with_output().expect("wait for an appender");
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 8 processes append 200 records each at the same time: the chain must hold all 1,600, each
/// process's 200, with no fork.
pub(crate) fn concurrent_appenders(test: &str, url: &str) {
    const PROCESSES: u64 = 8;
    const EACH: u64 = 200;
    drop(Ledger::open(url).expect("create the ledger"));
    let started = Instant::now();
    let children: Vec<(String, Child)> = (0..PROCESSES)
        .map(|p| {
            let tag = format!("appender-{p}");
            let child = spawn_appender(test, url, EACH, &tag);
            (tag, child)
        })
        .collect();
    let tags: Vec<String> = children.iter().map(|(t, _)| t.clone()).collect();
    for (tag, child) in children {
        wait_ok(child, &tag);
    }
    eprintln!(
        "{} appends from {PROCESSES} processes in {:.1} s",
        PROCESSES * EACH,
        started.elapsed().as_secs_f64()
    );
    let mut ledger = Ledger::open(url).expect("reopen");
    let report = ledger.verify().expect("verify");
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert_eq!(report.records, PROCESSES * EACH);
    assert_eq!(report.head_seq, PROCESSES * EACH);
    for tag in tags {
        let filter = Filter {
            repository: Some(tag.clone()),
            ..Filter::default()
        };
        assert_eq!(
            ledger.log(&filter).expect("log").len() as u64,
            EACH,
            "{tag}"
        );
    }
}

/// Appenders killed with SIGKILL in the middle of their work leave a ledger that verifies, and
/// that takes further appends.
pub(crate) fn killed_appenders(test: &str, url: &str) {
    let mut ledger = Ledger::open(url).expect("create the ledger");
    let steady = spawn_appender(test, url, 300, "steady");
    for round in 0..3 {
        let before = ledger.head().expect("head").map_or(0, |r| r.seq);
        let mut looper = spawn_appender(test, url, 0, &format!("killed-{round}"));
        // Wait until the looper has appended something, so the kill lands mid-run.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let filter = Filter {
                repository: Some(format!("killed-{round}")),
                ..Filter::default()
            };
            if !ledger.log(&filter).expect("log").is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the looping appender never appended"
            );
            if let Some(status) = looper.try_wait().expect("poll") {
                panic!("the looping appender exited early: {status}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(300));
        looper.kill().expect("SIGKILL the appender");
        let status = looper.wait().expect("reap");
        assert!(!status.success(), "the appender was killed");
        let after = ledger.head().expect("head").map_or(0, |r| r.seq);
        assert!(after > before, "round {round}: nothing was appended");
    }
    wait_ok(steady, "the steady appender");
    let report = ledger.verify().expect("verify");
    assert!(report.is_intact(), "{:?}", report.first_bad);
    let appended = ledger
        .append(Kind::Evaluation, "after", body(0, "allow", None))
        .expect("append after the kills");
    // On PostgreSQL a killed client's last COMMIT may still land after the kill (the server
    // had it already), so the new record follows the head as it is now, not as verified above.
    assert!(appended.seq > report.head_seq);
    let before = ledger
        .record(appended.seq - 1)
        .expect("read")
        .expect("a predecessor");
    assert_eq!(appended.prev, before.hash);
    let report = ledger.verify().expect("verify again");
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert!(report.head_seq >= appended.seq);
    let steady = Filter {
        repository: Some("steady".into()),
        ..Filter::default()
    };
    assert_eq!(ledger.log(&steady).expect("log").len(), 300);
}
