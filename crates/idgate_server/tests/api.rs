//! The HTTP API through the router: authentication and scopes, limits, the webhook's signature,
//! listings, paging, filters, submission and verification.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{HOOK_SECRET, READER, WRITE_ONLY, WRITER, server};
use serde_json::{Value, json};

fn seqs(v: &Value) -> Vec<u64> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["seq"].as_u64().unwrap())
        .collect()
}

#[test]
fn no_token_bad_token_and_wrong_scope_are_refused() {
    let s = server("");
    let none = s.get("/api/evaluations", None);
    assert_eq!(none.status, 401, "{}", none.text);
    assert_eq!(none.headers["www-authenticate"], "Bearer realm=\"idgate\"");
    assert_eq!(none.json()["error"], "a bearer token is required");
    let bad = s.get("/api/evaluations", Some("reader-token-Zq8v3ZrT1pWn"));
    assert_eq!(bad.status, 401);
    assert_eq!(bad.json()["error"], "the token is not valid");
    // The stored hash is not a token.
    let hash = s.get(
        "/api/evaluations",
        Some(&idgate_server::auth::token_hash(READER)),
    );
    assert_eq!(hash.status, 401);
    for path in [
        "/api/evaluations",
        "/api/evaluations/1",
        "/api/approvals",
        "/api/waivers",
        "/api/verify",
    ] {
        assert_eq!(s.get(path, None).status, 401, "{path} is open");
        assert_eq!(
            s.get(path, Some(WRITE_ONLY)).status,
            403,
            "{path}: write-only token reads"
        );
        assert_eq!(s.get(path, Some(READER)).status, 200, "{path}");
    }
    let submit = json!({"repository": "svc/a", "patch": "x"});
    assert_eq!(s.post_json("/api/evaluations", None, &submit).status, 401);
    let read_only = s.post_json("/api/evaluations", Some(READER), &submit);
    assert_eq!(read_only.status, 403, "{}", read_only.text);
    // Pages redirect to the login form; the API never takes the cookie.
    let page = s.get("/", None);
    assert_eq!(page.status, 303);
    assert_eq!(page.headers["location"], "/login");
    let cookie_on_api = s.send(
        Request::builder()
            .uri("/api/evaluations")
            .header("cookie", format!("idgate_token={READER}"))
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(cookie_on_api.status, 401);
}

#[test]
fn open_read_opens_reads_only_when_configured() {
    let s = server("[server]\nopen_read = true\n");
    assert_eq!(s.get("/api/evaluations", None).status, 200);
    assert_eq!(s.get("/", None).status, 200);
    let submit = json!({"repository": "svc/a", "patch": "x"});
    assert_eq!(s.post_json("/api/evaluations", None, &submit).status, 401);
}

#[test]
fn oversized_bodies_are_refused() {
    let s = server("[server]\nmax_body_bytes = 4096\n");
    let big = json!({"repository": "svc/a", "patch": "+".repeat(10_000)});
    let answer = s.post_json("/api/evaluations", Some(WRITER), &big);
    assert_eq!(answer.status, 413, "{}", answer.text);
    // Without a length header too (a streamed body).
    let chunks: Vec<Result<String, std::io::Error>> =
        (0..10).map(|_| Ok("x".repeat(1000))).collect();
    let streamed = s.send(
        Request::builder()
            .method("POST")
            .uri("/api/webhook/github")
            .body(Body::new(futures_stream(chunks)))
            .unwrap(),
    );
    assert_eq!(streamed.status, 413, "{}", streamed.text);
    let small = json!({"repository": "svc/a", "patch": "+ok"});
    assert_eq!(
        s.post_json("/api/evaluations", Some(WRITER), &small).status,
        201
    );
}

/// A body stream from chunks, without a length.
fn futures_stream(
    chunks: Vec<Result<String, std::io::Error>>,
) -> impl axum::body::HttpBody<Data = axum::body::Bytes, Error = std::io::Error> + Send + 'static {
    struct Chunks(std::vec::IntoIter<Result<String, std::io::Error>>);
    impl axum::body::HttpBody for Chunks {
        type Data = axum::body::Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
            std::task::Poll::Ready(
                self.0
                    .next()
                    .map(|c| c.map(|s| http_body::Frame::data(axum::body::Bytes::from(s)))),
            )
        }
    }
    Chunks(chunks.into_iter())
}

#[test]
fn slow_requests_time_out() {
    let s = server("[server]\ntimeout_seconds = 1\n");
    let slow = json!({"repository": "svc/a", "patch": "slow"});
    let answer = s.post_json("/api/evaluations", Some(WRITER), &slow);
    assert_eq!(answer.status, 408, "{}", answer.text);
}

fn signed(body: &str, secret: &str) -> String {
    format!(
        "sha256={}",
        hex(&idgate_server::auth::hmac_sha256(
            secret.as_bytes(),
            body.as_bytes()
        ))
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hook(s: &common::Server, event: &str, body: &str, signature: Option<String>) -> common::Answer {
    let mut b = Request::builder()
        .method("POST")
        .uri("/api/webhook/github")
        .header("x-github-event", event)
        .header("content-type", "application/json");
    if let Some(sig) = signature {
        b = b.header("x-hub-signature-256", sig);
    }
    s.send(b.body(Body::from(body.to_string())).unwrap())
}

#[test]
fn webhook_checks_the_signature_first() {
    let s = server("");
    let event = json!({
        "action": "opened",
        "repository": {"full_name": "octo/svc-a"},
        "pull_request": {"base": {"sha": "a".repeat(40)}, "head": {"sha": "b".repeat(40)}},
    })
    .to_string();
    let before = s.get("/api/evaluations?limit=500", Some(READER)).json();
    for (what, sig) in [
        ("missing", None),
        ("wrong secret", Some(signed(&event, "other"))),
        (
            "other body",
            Some(signed(&format!("{event} "), HOOK_SECRET)),
        ),
        ("not hex", Some("sha256=zz".to_string())),
        (
            "no prefix",
            Some(signed(&event, HOOK_SECRET)[7..].to_string()),
        ),
    ] {
        let answer = hook(&s, "pull_request", &event, sig);
        assert_eq!(answer.status, 401, "{what}: {}", answer.text);
    }
    // A bad signature on a body that is not even JSON is refused for the signature.
    assert_eq!(hook(&s, "pull_request", "{", None).status, 401);
    let after = s.get("/api/evaluations?limit=500", Some(READER)).json();
    assert_eq!(
        seqs(&before),
        seqs(&after),
        "a refused event recorded something"
    );

    let ping = hook(&s, "ping", "{}", Some(signed("{}", HOOK_SECRET)));
    assert_eq!(ping.status, 200, "{}", ping.text);
    let good = hook(
        &s,
        "pull_request",
        &event,
        Some(signed(&event, HOOK_SECRET)),
    );
    assert_eq!(good.status, 200, "{}", good.text);
    let seq = good.json()["seq"].as_u64().unwrap();
    assert_eq!(seq, 9);
    let one = s
        .get(&format!("/api/evaluations/{seq}"), Some(READER))
        .json();
    assert_eq!(one["record"]["repository"], "svc/a");
    assert_eq!(one["record"]["body"]["change"]["head"], "b".repeat(40));
    let closed = json!({"action": "closed"}).to_string();
    assert_eq!(
        hook(
            &s,
            "pull_request",
            &closed,
            Some(signed(&closed, HOOK_SECRET))
        )
        .status,
        202
    );
    let unknown = event.replace("octo/svc-a", "octo/elsewhere");
    assert_eq!(
        hook(
            &s,
            "pull_request",
            &unknown,
            Some(signed(&unknown, HOOK_SECRET))
        )
        .status,
        404
    );
}

#[test]
fn webhook_is_off_without_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("l.sqlite3").display());
    let app = idgate_server::App::new(idgate_server::Config::default(), &url, None).unwrap();
    let router = idgate_server::router(app);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let status = rt.block_on(async {
        use tower::ServiceExt;
        router
            .oneshot(
                Request::builder()
                    .method("POST")
                    .uri("/api/webhook/github")
                    .header("x-hub-signature-256", "sha256=00")
                    .body(Body::from("{}"))
                    .unwrap(),
            )
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 404);
}

#[test]
fn listings_page_and_filter_newest_first() {
    let s = server("");
    let all = s.get("/api/evaluations", Some(READER)).json();
    assert_eq!(seqs(&all), [8, 6, 4, 3, 2, 1]);
    assert_eq!(all["next"], Value::Null);
    let first = s.get("/api/evaluations?limit=4", Some(READER)).json();
    assert_eq!(seqs(&first), [8, 6, 4, 3]);
    assert_eq!(first["next"], 3);
    let second = s
        .get("/api/evaluations?limit=4&before=3", Some(READER))
        .json();
    assert_eq!(seqs(&second), [2, 1]);
    assert_eq!(second["next"], Value::Null);
    let q = |query: &str| {
        seqs(
            &s.get(&format!("/api/evaluations?{query}"), Some(READER))
                .json(),
        )
    };
    assert_eq!(q("verdict=review"), [6, 4, 2]);
    assert_eq!(q("repository=svc/b"), [8, 2]);
    assert_eq!(q("actor=agent"), [6, 4, 1]);
    assert_eq!(q("actor=bot"), [8]);
    assert_eq!(q("agent=CLAUDE-CODE"), [6, 1]);
    assert_eq!(q("category=hardcoded-secret"), [1]);
    assert_eq!(q("until=0"), Vec::<u64>::new());
    assert_eq!(all["items"][0]["actor"], "bot");
    assert_eq!(s.get("/api/evaluations?limit=x", Some(READER)).status, 400);

    let approvals = s.get("/api/approvals", Some(READER)).json();
    assert_eq!(seqs(&approvals), [5]);
    assert_eq!(approvals["items"][0]["principal"], "ada@example.com");
    let waivers = s.get("/api/waivers", Some(READER)).json();
    assert_eq!(waivers["items"][0]["waiver"]["reason"], "migration window");
}

#[test]
fn one_evaluation_and_chain_verification() {
    let s = server("");
    let one = s.get("/api/evaluations/6", Some(READER));
    assert_eq!(one.status, 200);
    let v = one.json();
    assert_eq!(v["record"]["seq"], 6);
    assert_eq!(v["record"]["body"]["verdict"], "review");
    assert_eq!(v["hash_valid"], true);
    assert_eq!(v["report"], Value::Null);
    assert_eq!(
        s.get("/api/evaluations/5", Some(READER)).status,
        404,
        "an approval is not an evaluation"
    );
    assert_eq!(s.get("/api/evaluations/77", Some(READER)).status, 404);
    let verify = s.get("/api/verify", Some(READER)).json();
    assert_eq!(verify["intact"], true);
    assert_eq!(verify["records"], 8);
}

#[test]
fn posted_changes_are_judged_recorded_and_listed() {
    let s = server("");
    let patch = json!({"repository": "svc/a", "patch": "+    jwt.decode(t, verify=False)\n"});
    let answer = s.post_json("/api/evaluations", Some(WRITER), &patch);
    assert_eq!(answer.status, 201, "{}", answer.text);
    let v = answer.json();
    assert_eq!(v["verdict"], "block");
    assert_eq!(v["seq"], 9);
    let listed = s.get("/api/evaluations?limit=1", Some(READER)).json();
    assert_eq!(seqs(&listed), [9]);
    let one = s.get("/api/evaluations/9", Some(READER)).json();
    assert_eq!(one["report"]["findings"][0]["after"], "verify=False");
    assert_eq!(one["record"]["repository"], "svc/a");
    // Unknown repositories, ambiguous requests, engine errors and bad JSON are client errors.
    let unknown = json!({"repository": "nope", "patch": "x"});
    assert_eq!(
        s.post_json("/api/evaluations", Some(WRITER), &unknown)
            .status,
        404
    );
    let both = json!({"repository": "svc/a", "patch": "x", "base": "a", "head": "b"});
    assert_eq!(
        s.post_json("/api/evaluations", Some(WRITER), &both).status,
        422
    );
    let failing = json!({"repository": "svc/a", "base": "missing", "head": "b"});
    let failed = s.post_json("/api/evaluations", Some(WRITER), &failing);
    assert_eq!(failed.status, 422);
    assert_eq!(failed.json()["error"], "unknown revision missing");
    let extra = json!({"repository": "svc/a", "patch": "x", "admin": true});
    assert_eq!(
        s.post_json("/api/evaluations", Some(WRITER), &extra).status,
        422
    );
    let not_json = s.send(
        Request::builder()
            .method("POST")
            .uri("/api/evaluations")
            .header("authorization", format!("Bearer {WRITER}"))
            .header("content-type", "application/json")
            .body(Body::from("{"))
            .unwrap(),
    );
    assert_eq!(not_json.status, 400);
    let verify = s.get("/api/verify", Some(READER)).json();
    assert_eq!(verify["records"], 9);
}

#[test]
fn the_index_follows_appends_by_other_processes() {
    let s = server("");
    assert_eq!(
        seqs(&s.get("/api/evaluations?limit=1", Some(READER)).json()),
        [8]
    );
    let url = format!("sqlite://{}", s.dir.path().join("ledger.sqlite3").display());
    let mut other = idgate_ledger::Ledger::open(&url).unwrap();
    other
        .append(
            idgate_ledger::Kind::Evaluation,
            "svc/c",
            common::body(50, "block", "agent", Some("devin"), &["over-privilege"]),
        )
        .unwrap();
    drop(other);
    let latest = s.get("/api/evaluations?limit=1", Some(READER)).json();
    assert_eq!(seqs(&latest), [9]);
    assert_eq!(latest["items"][0]["repository"], "svc/c");
}
