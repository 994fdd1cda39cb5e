//! The server over a PostgreSQL ledger at `IDGATE_TEST_POSTGRES`, in a schema of its own
//! (dropped at the end). Without the variable the test is skipped with a message, except under
//! CI, where it fails.

#![allow(clippy::print_stderr)]

mod common;

use std::sync::Arc;

use common::READER;
use sqlx::Connection;

fn admin(url: &str, statement: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url)
            .await
            .expect("connect to IDGATE_TEST_POSTGRES");
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_string()))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
        conn.close().await.unwrap();
    });
}

struct Schema {
    admin_url: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        admin(
            &self.admin_url,
            &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name),
        );
    }
}

#[test]
fn api_and_dashboard_over_postgresql() {
    let admin_url = match std::env::var("IDGATE_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "IDGATE_TEST_POSTGRES is not set, but CI is: the PostgreSQL tests must run in CI"
            );
            eprintln!("skipping api_and_dashboard_over_postgresql: set IDGATE_TEST_POSTGRES");
            return;
        }
    };
    let name = format!("idgate_test_server_{}", std::process::id());
    admin(&admin_url, &format!("CREATE SCHEMA {name}"));
    let schema = Schema { admin_url, name };
    let sep = if schema.admin_url.contains('?') {
        '&'
    } else {
        '?'
    };
    let url = format!(
        "{}{sep}options[search_path]={}",
        schema.admin_url, schema.name
    );
    common::filled_ledger(&url);

    let dir = tempfile::tempdir().unwrap();
    let app = idgate_server::App::new(
        common::config(dir.path(), ""),
        &url,
        Some(Arc::new(common::Double)),
    )
    .unwrap();
    let s = common::Server {
        dir,
        app,
        runtime: tokio::runtime::Runtime::new().unwrap(),
    };
    let list = s
        .get("/api/evaluations?verdict=review", Some(READER))
        .json();
    let seqs: Vec<u64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [6, 4, 2]);
    let page = s.get("/", Some(READER));
    assert_eq!(page.status, 200);
    assert!(
        page.text
            .contains(r#"<div style="font-size:28px" id="total">6</div>"#),
        "{}",
        page.text
    );
    let patch = serde_json::json!({"repository": "svc/a", "patch": "+ verify=False"});
    assert_eq!(
        s.post_json("/api/evaluations", Some(common::WRITER), &patch)
            .status,
        201
    );
    let verify = s.get("/api/verify", Some(READER)).json();
    assert_eq!(verify["intact"], true);
    assert_eq!(verify["records"], 9);
    drop(s);
}
