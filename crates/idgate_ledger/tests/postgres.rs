//! The PostgreSQL store against a real server at `IDGATE_TEST_POSTGRES`
//! (e.g. `postgres://idgate:idgate@127.0.0.1:5432/idgate_test`). Each test works in a schema of
//! its own, dropped at the end, so runs never collide. Without the variable the tests return
//! early with a message, except under CI (`CI` set), where they fail: CI must not skip them
//! silently. README.md tells how to start a local server.

#![allow(clippy::print_stderr)]

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use idgate_ledger::{Entry, Error, ExportFormat, Filter, Kind, Ledger, Problem};
use sqlx::Connection;

/// A schema of this test's own on the server, dropped when the value is.
struct Scratch {
    admin_url: String,
    schema: String,
    /// The ledger URL for that schema.
    url: String,
}

impl Scratch {
    fn new(name: &str) -> Option<Scratch> {
        let admin_url = match std::env::var("IDGATE_TEST_POSTGRES") {
            Ok(url) if !url.is_empty() => url,
            _ => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "IDGATE_TEST_POSTGRES is not set, but CI is: the PostgreSQL tests must run in CI"
                );
                eprintln!(
                    "skipping {name}: set IDGATE_TEST_POSTGRES=postgres://USER:PASSWORD@HOST:PORT/DB to run it"
                );
                return None;
            }
        };
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let schema = format!("idgate_test_{name}_{}_{nanos}", std::process::id());
        admin(&admin_url, &[&format!("CREATE SCHEMA {schema}")]);
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options[search_path]={schema}");
        Some(Scratch {
            admin_url,
            schema,
            url,
        })
    }

    /// Run statements in the scratch schema.
    fn sql(&self, statements: &[&str]) {
        let mut all = vec![format!("SET search_path TO {}", self.schema)];
        all.extend(statements.iter().map(|s| s.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        admin(&self.admin_url, &all);
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        admin(
            &self.admin_url,
            &[&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema)],
        );
    }
}

fn admin(url: &str, statements: &[&str]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url)
            .await
            .expect("connect to IDGATE_TEST_POSTGRES");
        for s in statements {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{s}: {e}"));
        }
        conn.close().await.unwrap();
    });
}

/// The ledger URL of a child process, or of a scratch schema for the parent.
fn child_or_scratch(name: &str) -> Option<Scratch> {
    if common::run_as_child() {
        return None;
    }
    Scratch::new(name)
}

#[test]
fn pg_concurrent_appenders_do_not_fork() {
    let Some(scratch) = child_or_scratch("concurrent") else {
        return;
    };
    common::concurrent_appenders("pg_concurrent_appenders_do_not_fork", &scratch.url);
}

#[test]
fn pg_killed_appenders_leave_a_valid_ledger() {
    let Some(scratch) = child_or_scratch("killed") else {
        return;
    };
    common::killed_appenders("pg_killed_appenders_leave_a_valid_ledger", &scratch.url);
}

#[test]
fn pg_appends_verify_and_detect_tampering() {
    let Some(scratch) = Scratch::new("tamper") else {
        return;
    };
    let mut ledger = Ledger::open(&scratch.url).unwrap();
    for i in 0..10 {
        ledger
            .append(
                Kind::Evaluation,
                "repo",
                common::body(i, "review", Some("codex")),
            )
            .unwrap();
    }
    let report = ledger.verify().unwrap();
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert_eq!(report.records, 10);
    let mut out = Vec::new();
    let filter = Filter {
        agent: Some("codex".into()),
        ..Filter::default()
    };
    assert_eq!(
        ledger
            .export(&filter, ExportFormat::JsonLines, &mut out)
            .unwrap(),
        10
    );
    drop(ledger);

    scratch.sql(&["UPDATE records SET body = replace(body, 'review', 'allow') WHERE seq = 7"]);
    let bad = Ledger::open(&scratch.url)
        .unwrap()
        .verify()
        .unwrap()
        .first_bad
        .unwrap();
    assert_eq!((bad.seq, bad.problem), (7, Problem::Edited));

    scratch.sql(&[
        "UPDATE records SET body = replace(body, 'allow', 'review') WHERE seq = 7",
        "DELETE FROM records WHERE seq = 3",
    ]);
    let bad = Ledger::open(&scratch.url)
        .unwrap()
        .verify()
        .unwrap()
        .first_bad
        .unwrap();
    assert_eq!((bad.seq, bad.problem), (3, Problem::Deleted { count: 1 }));

    scratch.sql(&["UPDATE meta SET value = '7' WHERE key = 'schema_version'"]);
    let err = Ledger::open(&scratch.url).unwrap_err();
    assert!(
        matches!(
            err,
            Error::NewerSchema {
                found: 7,
                supported: 1
            }
        ),
        "{err:?}"
    );
}

#[test]
fn pg_bad_password_is_a_clear_error() {
    let Some(scratch) = Scratch::new("auth") else {
        return;
    };
    let Some((scheme_user, rest)) = scratch.admin_url.split_once('@') else {
        return;
    };
    let Some((user_part, _password)) = scheme_user
        .rsplit_once(':')
        .filter(|(user, _)| user.contains("://"))
    else {
        return;
    };
    let url = format!("{user_part}:wrong-password@{rest}");
    let err = Ledger::open(&url).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
    assert!(!text.contains("wrong-password"), "{text}");
}

/// The writer's server connection is terminated in the middle of an append (after its first
/// INSERT, while its second waits): the append fails with a clear error, leaves no record, and
/// the ledger verifies and takes appends afterwards.
#[test]
fn pg_connection_terminated_mid_append_leaves_no_record() {
    let Some(scratch) = Scratch::new("terminated") else {
        return;
    };
    let mut ledger = Ledger::open(&scratch.url).unwrap();
    for i in 0..2 {
        ledger
            .append(Kind::Evaluation, "repo", common::body(i, "review", None))
            .unwrap();
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // A second session holds seq 4 in an open transaction: the writer's batch inserts seq 3,
    // then waits on seq 4.
    let mut blocker = runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&scratch.url).await.unwrap();
        for s in [
            "BEGIN",
            "INSERT INTO records (seq, kind, time, repository, body, prev, hash) \
             VALUES (4, 'evaluation', 0, 'blocker', '{}', '', '')",
        ] {
            sqlx::raw_sql(s).execute(&mut conn).await.unwrap();
        }
        conn
    });
    let own_pid: i32 = runtime.block_on(async {
        sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(&mut blocker)
            .await
            .unwrap()
    });
    let writer = std::thread::spawn(move || {
        let entries: Vec<Entry> = (2..4)
            .map(|i| Entry {
                kind: Kind::Evaluation,
                repository: "repo".into(),
                body: common::body(i, "review", None),
            })
            .collect();
        ledger.append_batch(&entries)
    });
    // Find the writer's backend: the one session our open transaction blocks. Terminate it.
    let started = std::time::Instant::now();
    let pid: i32 = loop {
        let waiting: Option<i32> = runtime.block_on(async {
            sqlx::query_scalar(
                "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) LIMIT 1",
            )
            .bind(own_pid)
            .fetch_optional(&mut blocker)
            .await
            .unwrap()
        });
        if let Some(pid) = waiting {
            break pid;
        }
        if writer.is_finished() {
            panic!(
                "the writer finished without waiting on the blocked insert: {:?}",
                writer.join().unwrap()
            );
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "the writer never waited on the blocked insert"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let terminated: bool = runtime.block_on(async {
        sqlx::query_scalar("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .fetch_one(&mut blocker)
            .await
            .unwrap()
    });
    assert!(terminated);
    let err = writer.join().unwrap().unwrap_err();
    assert!(matches!(err, Error::ConnectionLost { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("lost the connection to ledger postgres://") && text.contains("rolled back"),
        "{text}"
    );
    assert!(
        !text.contains(":idgate@") && !text.contains("password"),
        "{text}"
    );
    runtime.block_on(async {
        sqlx::raw_sql("ROLLBACK")
            .execute(&mut blocker)
            .await
            .unwrap();
        blocker.close().await.unwrap();
    });

    // Nothing of the cut-off batch was kept; the chain verifies and goes on.
    let mut ledger = Ledger::open(&scratch.url).unwrap();
    assert_eq!(ledger.record(3).unwrap(), None);
    let report = ledger.verify().unwrap();
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert_eq!(report.records, 2);
    let next = ledger
        .append(Kind::Evaluation, "repo", common::body(9, "allow", None))
        .unwrap();
    assert_eq!(next.seq, 3);
    assert!(ledger.verify().unwrap().is_intact());
}
