//! How fast the ledger appends and verifies.
//!
//! ```text
//! cargo run --release -p idgate_ledger --example ledger_bench -- [RECORDS] [SINGLE] [POSTGRES_URL]
//! ```
//!
//! Appends SINGLE records one at a time (one transaction each: the append rate one writer sees),
//! then the rest of RECORDS in batches of 10,000, to a new SQLite ledger in a temporary
//! directory, and verifies the whole chain. With a PostgreSQL URL (or `IDGATE_BENCH_POSTGRES`)
//! it also appends SINGLE records one at a time there, in a schema of its own that it drops at
//! the end, and verifies them. Defaults: 1,000,000 records, 2,000 single appends.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use idgate_ledger::{Entry, Kind, Ledger};
use serde_json::{Value, json};

fn body(i: u64) -> Value {
    json!({
        "change": {
            "digest": format!("{:064x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            "base": format!("{:040x}", i),
            "head": format!("{:040x}", i + 1),
        },
        "verdict": if i.is_multiple_of(3) { "block" } else { "review" },
        "reasons": ["2 error-level findings", "written by an AI agent (claude-code)"],
        "findings": [
            {"fingerprint": format!("{:032x}", i * 7), "rule": "IDG101", "category": "token-verification", "level": "error"},
            {"fingerprint": format!("{:032x}", i * 11), "rule": "IDG204", "category": "token-lifetime", "level": "warning"},
            {"fingerprint": format!("{:032x}", i * 13), "rule": "IDG001", "category": "identity-surface", "level": "note"},
        ],
        "provenance": [
            {"commit": format!("{:040x}", i + 1), "actor": "agent", "agent": "claude-code", "signature": "none"},
            {"commit": format!("{:040x}", i + 2), "actor": "human", "agent": null, "signature": "verified"},
        ],
        "policy_digest": format!("{:064x}", 42),
        "tool_version": "0.1.0",
    })
}

fn single_appends(ledger: &mut Ledger, n: u64) -> f64 {
    let started = Instant::now();
    for i in 0..n {
        ledger
            .append(Kind::Evaluation, "bench/repo", body(i))
            .expect("append");
    }
    n as f64 / started.elapsed().as_secs_f64()
}

fn timed_verify(ledger: &mut Ledger, expect: u64) -> f64 {
    let started = Instant::now();
    let report = ledger.verify().expect("verify");
    let secs = started.elapsed().as_secs_f64();
    assert!(report.is_intact(), "{:?}", report.first_bad);
    assert_eq!(report.records, expect);
    secs
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let total: u64 = args
        .first()
        .map_or(1_000_000, |a| a.parse().expect("RECORDS"));
    let single: u64 = args
        .get(1)
        .map_or(2_000, |a| a.parse().expect("SINGLE"))
        .min(total);
    let postgres = args
        .get(2)
        .cloned()
        .or_else(|| std::env::var("IDGATE_BENCH_POSTGRES").ok());

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("bench.sqlite3");
    let mut ledger = Ledger::open(&format!("sqlite://{}", path.display())).expect("open");
    let rate = single_appends(&mut ledger, single);
    println!("sqlite: {single} single appends: {rate:.0} records/s");

    let started = Instant::now();
    let mut done = single;
    while done < total {
        let n = (total - done).min(10_000);
        let entries: Vec<Entry> = (done..done + n)
            .map(|i| Entry {
                kind: Kind::Evaluation,
                repository: "bench/repo".into(),
                body: body(i),
            })
            .collect();
        ledger.append_batch(&entries).expect("batch");
        done += n;
    }
    if total > single {
        let secs = started.elapsed().as_secs_f64();
        println!(
            "sqlite: {} batched appends: {:.0} records/s",
            total - single,
            (total - single) as f64 / secs
        );
    }
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let secs = timed_verify(&mut ledger, total);
    println!(
        "sqlite: verify {total} records: {secs:.2} s ({:.0} records/s), file {} MB",
        total as f64 / secs,
        size / 1_000_000
    );

    if let Some(url) = postgres {
        let schema = format!("idgate_bench_{}", std::process::id());
        let sep = if url.contains('?') { '&' } else { '?' };
        let scoped = format!("{url}{sep}options[search_path]={schema}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let admin = |sql: String| {
            runtime.block_on(async {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await
                    .expect("admin statement");
            });
        };
        admin(format!("CREATE SCHEMA {schema}"));
        let mut pg = Ledger::open(&scoped).expect("open postgres");
        let rate = single_appends(&mut pg, single);
        println!("postgres: {single} single appends: {rate:.0} records/s");
        let secs = timed_verify(&mut pg, single);
        println!(
            "postgres: verify {single} records: {secs:.2} s ({:.0} records/s)",
            single as f64 / secs
        );
        drop(pg);
        admin(format!("DROP SCHEMA {schema} CASCADE"));
    }
}
