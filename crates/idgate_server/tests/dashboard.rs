//! The dashboard through the router: sign-in, what the pages show (snapshotted, with dates
//! masked), escaping, and the drill-down.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{READER, WRITER, server};
use serde_json::json;

#[test]
fn dashboard_shows_verdicts_reviews_and_charts() {
    let s = server("");
    let page = s.get("/", Some(READER));
    assert_eq!(page.status, 200);
    assert_eq!(
        page.headers["content-security-policy"],
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    );
    let t = &page.text;
    assert!(t.contains(r#"id="total">6<"#));
    assert!(
        t.contains(r#"id="open">2<"#),
        "seq 6 and 2 await review; 4 is approved"
    );
    for (label, count) in [("allow", 2), ("review", 3), ("block", 1)] {
        assert!(
            t.contains(&format!(r#"data-label="{label}" data-count="{count}""#)),
            "{label}"
        );
    }
    assert!(t.contains(r#"data-label="token-verification" data-count="3""#));
    assert!(t.contains(r#"data-legend="agent" data-total="3""#));
    assert!(t.contains(r#"data-legend="human" data-total="2""#));
    assert!(t.contains(r#"data-legend="bot" data-total="1""#));
    let filtered = s.get("/?repository=svc%2Fb", Some(READER));
    assert!(filtered.text.contains(r#"id="total">2<"#));
    insta::with_settings!({filters => vec![
        (r"\d{4}-\d{2}-\d{2}", "[date]"),
        (r"\d{2}-\d{2}<", "[day]<"),
        (r"\d{2}:\d{2}<", "[time]<"),
    ]}, {
        let shown = page.text.replace(idgate_report::html::STYLE, "[style]");
        insta::assert_snapshot!("dashboard", shown.replace("><", ">\n<"));
    });
}

#[test]
fn sign_in_sets_a_strict_cookie_and_sign_out_clears_it() {
    let s = server("");
    let form = |token: &str| {
        Request::builder()
            .method("POST")
            .uri("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={token}")))
            .unwrap()
    };
    let bad = s.send(form("guess"));
    assert_eq!(bad.status, 401);
    assert!(bad.headers.get("set-cookie").is_none());
    let good = s.send(form(READER));
    assert_eq!(good.status, 303);
    assert_eq!(good.headers["location"], "/");
    let cookie = good.headers["set-cookie"].to_str().unwrap();
    assert_eq!(
        cookie,
        format!("idgate_token={READER}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure")
    );
    let with_cookie = s.send(
        Request::builder()
            .uri("/")
            .header("cookie", format!("idgate_token={READER}"))
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(with_cookie.status, 200);
    let wrong_cookie = s.send(
        Request::builder()
            .uri("/evaluations/1")
            .header("cookie", "idgate_token=guess")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(wrong_cookie.status, 303);
    let out = s.send(
        Request::builder()
            .method("POST")
            .uri("/logout")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(out.status, 303);
    assert!(
        out.headers["set-cookie"]
            .to_str()
            .unwrap()
            .contains("idgate_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
    );
    assert!(s.get("/login", None).text.contains("name=\"token\""));
}

#[test]
fn drill_down_shows_findings_and_evidence() {
    let s = server("");
    let ids_only = s.get("/evaluations/1", Some(READER));
    assert_eq!(ids_only.status, 200);
    assert!(
        ids_only
            .text
            .contains("<span class=\"decision block\">BLOCK</span>")
    );
    assert!(ids_only.text.contains("The ledger keeps ids only"));
    assert!(ids_only.text.contains("hardcoded-secret"));
    assert!(ids_only.text.contains("claude-code"));
    assert!(ids_only.text.contains("intact"));
    assert!(ids_only.text.contains("None recorded."));
    let approved = s.get("/evaluations/4", Some(READER)).text;
    assert!(
        approved.contains("<td>approval</td><td>ada@example.com</td>"),
        "{approved}"
    );
    let waived = s.get("/evaluations/2", Some(READER)).text;
    assert!(
        waived.contains("IDG301 on deploy/*.yaml: migration window"),
        "{waived}"
    );
    assert_eq!(s.get("/evaluations/5", Some(READER)).status, 404);
    let patch = json!({"repository": "svc/a", "patch": "+ jwt.decode(t, verify=False)"});
    let posted = s.post_json("/api/evaluations", Some(WRITER), &patch).json();
    let seq = posted["seq"].as_u64().unwrap();
    let page = s.get(&format!("/evaluations/{seq}"), Some(READER)).text;
    assert!(
        page.contains("JWT decoded without signature verification &lt;b&gt;"),
        "{page}"
    );
    assert!(
        page.contains(
            "<div class=\"after\"><span class=\"muted\">after</span><br>verify=False</div>"
        )
    );
    assert!(page.contains(&format!("href=\"/evaluations/{seq}/report\"")));
    let report = s.get(&format!("/evaluations/{seq}/report"), Some(READER));
    assert_eq!(report.status, 200);
    assert!(report.text.contains("verdict block"));
    assert_eq!(s.get("/evaluations/1/report", Some(READER)).status, 404);
}

#[test]
fn markup_from_the_ledger_is_escaped() {
    let s = server("");
    let url = format!("sqlite://{}", s.dir.path().join("ledger.sqlite3").display());
    let mut l = idgate_ledger::Ledger::open(&url).unwrap();
    let mut body = common::body(70, "review", "agent", Some("<b>bold</b>"), &["<i>x</i>"]);
    body["reasons"] = json!(["<script>alert(1)</script>"]);
    l.append(
        idgate_ledger::Kind::Evaluation,
        "<img src=x onerror=alert(1)>",
        body,
    )
    .unwrap();
    drop(l);
    for path in ["/", "/evaluations/9"] {
        let page = s.get(path, Some(READER)).text;
        assert!(!page.contains("<img src=x"), "{path}");
        assert!(!page.contains("<b>bold"), "{path}");
        assert!(!page.contains("<script>"), "{path}");
        assert!(!page.contains("<i>x"), "{path}");
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{path}"
        );
    }
}
