//! Shared by the API and browser tests: a ledger with known records, a configuration with known
//! tokens, an engine double, and requests against the router.

#![allow(dead_code, unreachable_pub, missing_docs)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response};
use idgate_ledger::{EvaluationBody, Kind, Ledger};
use idgate_server::{
    App, ChangeRequest, Config, Engine, EngineError, Evaluated, Repository, auth::token_hash,
};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const READER: &str = "reader-token-Zq8v3ZrT1pWm";
pub const WRITER: &str = "writer-token-Kq8v3ZrT1pWm";
pub const WRITE_ONLY: &str = "writeonly-token-Xb4nLd7FsA";
pub const HOOK_SECRET: &str = "hook-secret-5b7c";

/// An evaluation body like the CLI writes.
pub fn body(i: u64, verdict: &str, actor: &str, agent: Option<&str>, categories: &[&str]) -> Value {
    let findings: Vec<Value> = categories
        .iter()
        .enumerate()
        .map(|(n, c)| {
            json!({"fingerprint": format!("{:028x}{n:04x}", i), "rule": "IDG101", "category": c, "level": "error"})
        })
        .collect();
    json!({
        "change": {"digest": format!("{i:064x}"), "base": format!("{i:040x}"), "head": format!("{:040x}", i + 1)},
        "verdict": verdict,
        "reasons": [format!("{} error-level findings", categories.len())],
        "findings": findings,
        "provenance": [{"commit": format!("{:040x}", i + 1), "actor": actor, "agent": agent, "signature": "none"}],
        "policy_digest": "0".repeat(64),
        "tool_version": "test",
    })
}

/// A ledger with six evaluations, one approval and one waiver:
/// 1 block agent(claude-code) [token-verification, hardcoded-secret]
/// 2 review human [over-privilege]
/// 3 allow human []
/// 4 review agent(copilot) [token-verification]
/// 5 approval of digest 4
/// 6 review agent(claude-code) [token-verification, token-lifetime]
/// 7 waiver
/// 8 allow bot []
pub fn filled_ledger(url: &str) {
    let mut l = Ledger::open(url).unwrap();
    l.append(
        Kind::Evaluation,
        "svc/a",
        body(
            1,
            "block",
            "agent",
            Some("claude-code"),
            &["token-verification", "hardcoded-secret"],
        ),
    )
    .unwrap();
    l.append(
        Kind::Evaluation,
        "svc/b",
        body(2, "review", "human", None, &["over-privilege"]),
    )
    .unwrap();
    l.append(
        Kind::Evaluation,
        "svc/a",
        body(3, "allow", "human", None, &[]),
    )
    .unwrap();
    l.append(
        Kind::Evaluation,
        "svc/a",
        body(
            4,
            "review",
            "agent",
            Some("copilot"),
            &["token-verification"],
        ),
    )
    .unwrap();
    l.append_statement(
        Kind::Approval,
        "svc/a",
        json!({"type": "idgate-approval/v1", "kind": "approval", "change": {"digest": format!("{:064x}", 4), "base": "b", "head": "h"}, "verdict": "review", "fingerprints": [], "principal": "ada@example.com", "time": 1, "expires": null, "waiver": null}),
        "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----".into(),
    )
    .unwrap();
    l.append(
        Kind::Evaluation,
        "svc/a",
        body(
            6,
            "review",
            "agent",
            Some("claude-code"),
            &["token-verification", "token-lifetime"],
        ),
    )
    .unwrap();
    l.append_statement(
        Kind::Waiver,
        "svc/b",
        json!({"type": "idgate-approval/v1", "kind": "waiver", "change": {"digest": format!("{:064x}", 2), "base": "b", "head": "h"}, "verdict": "review", "fingerprints": [], "principal": "bob@example.com", "time": 1, "expires": 2, "waiver": {"rule": "IDG301", "path": "deploy/*.yaml", "fingerprint": null, "reason": "migration window"}}),
        "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----".into(),
    )
    .unwrap();
    l.append(
        Kind::Evaluation,
        "svc/b",
        body(8, "allow", "bot", Some("dependabot"), &[]),
    )
    .unwrap();
}

/// The configuration of the tests: three tokens, two repositories, a webhook secret in a file.
pub fn config(dir: &std::path::Path, extra: &str) -> Config {
    let secret = dir.join("hook-secret");
    std::fs::write(&secret, format!("{HOOK_SECRET}\n")).unwrap();
    let text = format!(
        r#"{extra}
[[token]]
name = "dashboard"
sha256 = "{}"
scopes = ["read"]

[[token]]
name = "ci"
sha256 = "{}"
scopes = ["read", "write"]

[[token]]
name = "submit-only"
sha256 = "{}"
scopes = ["write"]

[[repository]]
name = "svc/a"
path = "{}"
forge = "octo/svc-a"

[webhook]
secret_file = "{}"
"#,
        token_hash(READER),
        token_hash(WRITER),
        token_hash(WRITE_ONLY),
        dir.display(),
        secret.display()
    );
    Config::parse(&text, "test.toml").unwrap()
}

/// An engine double: a patch that turns verification off gets a `block` with evidence, any
/// other change `allow`; a patch saying `slow` takes three seconds.
pub struct Double;

impl Engine for Double {
    fn evaluate(
        &self,
        repository: &Repository,
        change: &ChangeRequest,
    ) -> Result<Evaluated, EngineError> {
        let (text, head) = match change {
            ChangeRequest::Patch { text } => (text.clone(), None),
            ChangeRequest::Range { base, head } => {
                if base == "missing" {
                    return Err(EngineError(format!("unknown revision {base}")));
                }
                (String::new(), Some(head.clone()))
            }
        };
        if text.contains("slow") {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
        let weak = text.contains("verify=False");
        let verdict = if weak { "block" } else { "allow" };
        let mut body_json = body(
            99,
            verdict,
            "unknown",
            None,
            if weak { &["token-verification"] } else { &[] },
        );
        body_json["change"]["head"] = head.map_or(Value::Null, Value::from);
        let body = EvaluationBody::from_value(&body_json).unwrap();
        let findings: Vec<Value> = if weak {
            vec![
                json!({"rule": "IDG101", "name": "pyjwt-verification-disabled", "category": "token-verification", "level": "error", "path": "app/auth.py", "line": 3, "message": "JWT decoded without signature verification <b>", "before": "signature verified", "after": "verify=False", "fingerprint": body.findings[0].fingerprint}),
            ]
        } else {
            vec![]
        };
        Ok(Evaluated {
            report: json!({"repository": repository.name, "findings": findings, "verdict": {"decision": verdict}}),
            html: format!("<!DOCTYPE html><title>report</title><p>verdict {verdict}</p>"),
            body,
        })
    }
}

pub struct Server {
    pub dir: tempfile::TempDir,
    pub app: Arc<App>,
    pub runtime: tokio::runtime::Runtime,
}

/// A server over a filled SQLite ledger; `extra` is prepended to the configuration.
pub fn server(extra: &str) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ledger.sqlite3").display());
    filled_ledger(&url);
    let config = config(dir.path(), extra);
    let app = App::new(config, &url, Some(Arc::new(Double))).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    Server { dir, app, runtime }
}

/// A response's status, headers and body text.
pub struct Answer {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

impl Server {
    pub fn send(&self, request: Request<Body>) -> Answer {
        let router = idgate_server::router(Arc::clone(&self.app));
        self.runtime.block_on(async move {
            let response: Response<Body> = router.oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            Answer {
                status,
                headers,
                text: String::from_utf8_lossy(&bytes).into_owned(),
            }
        })
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let mut b = Request::builder().uri(path);
        if let Some(t) = token {
            b = b.header("authorization", format!("Bearer {t}"));
        }
        self.send(b.body(Body::empty()).unwrap())
    }

    pub fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        let mut b = Request::builder()
            .method("POST")
            .uri(path)
            .header("content-type", "application/json");
        if let Some(t) = token {
            b = b.header("authorization", format!("Bearer {t}"));
        }
        self.send(b.body(Body::from(body.to_string())).unwrap())
    }
}
