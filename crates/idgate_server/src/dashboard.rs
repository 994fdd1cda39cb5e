//! The dashboard: server-rendered pages with inline CSS and SVG, no scripts.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use idgate_report::html::{STYLE, bar_chart, escape};
use serde::Deserialize;
use serde_json::Value;

use crate::api::ListQuery;
use crate::index::{Evaluation, Index};
use crate::{ApiError, App, Evidence, auth};

/// Days shown by the charts over time.
const DAYS: i64 = 30;

/// Rows in the recent-verdicts and open-review tables.
const ROWS: usize = 20;

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(home))
        .route("/evaluations/{seq}", get(evaluation))
        .route("/evaluations/{seq}/report", get(report))
        .route("/login", get(login_form).post(login))
        .route("/logout", axum::routing::post(logout))
}

/// A page with the security headers every page carries.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · idgate</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n",
        escape(title)
    );
    with_headers((status, html).into_response())
}

fn with_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn nav() -> &'static str {
    "<nav><a href=\"/\">Dashboard</a><a href=\"/api/verify\">Verify the ledger (JSON)</a><form method=\"post\" action=\"/logout\" style=\"display:inline\"><button type=\"submit\">Sign out</button></form></nav>"
}

/// `YYYY-MM-DD` of a day number since the Unix epoch (Howard Hinnant's civil-from-days).
pub(crate) fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `YYYY-MM-DD HH:MM` UTC.
fn when(time: i64) -> String {
    let secs = time.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}",
        date(time.div_euclid(86_400)),
        secs / 3600,
        secs / 60 % 60
    )
}

const PALETTE: [&str; 8] = [
    "#cf222e", "#0969da", "#8250df", "#9a6700", "#1a7f37", "#bc4c00", "#57606a", "#bf3989",
];

/// Stacked columns over days, one colour per series, with a legend that gives each series' total.
fn columns(id: &str, title: &str, first_day: i64, series: &[(String, Vec<u64>)]) -> String {
    let days = series.first().map_or(0, |s| s.1.len());
    let totals: Vec<u64> = (0..days)
        .map(|d| series.iter().map(|s| s.1[d]).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let (left, top, plot_h, col_w) = (40u64, 8u64, 180u64, 30u64);
    let width = left + days as u64 * col_w + 10;
    let legend_h = 18 * series.len() as u64;
    let height = top + plot_h + 24 + legend_h;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<figure class="chart" data-chart="{id}"><figcaption><b>{t}</b></figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-label="{t}"><title>{t}</title><line class="axis" x1="{left}" y1="{base}" x2="{width}" y2="{base}"/><text x="{lx}" y="{ty}" text-anchor="end">{max}</text><text x="{lx}" y="{base}" text-anchor="end">0</text>"#,
        id = escape(id),
        t = escape(title),
        base = top + plot_h,
        lx = left - 4,
        ty = top + 10,
    );
    for d in 0..days {
        let x = left + d as u64 * col_w + 2;
        let mut y = top + plot_h;
        let day = date(first_day + d as i64);
        for (i, (name, counts)) in series.iter().enumerate() {
            let n = counts[d];
            if n == 0 {
                continue;
            }
            let h = (n * plot_h).div_ceil(max);
            y -= h;
            let _ = write!(
                out,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}" data-series="{s}" data-day="{day}" data-count="{n}"><title>{day} {s}: {n}</title></rect>"#,
                w = col_w - 4,
                c = PALETTE[i % PALETTE.len()],
                s = escape(name),
            );
        }
        if d % 7 == 0 || (d + 1 == days && d % 7 >= 3) {
            let _ = write!(
                out,
                r#"<text x="{x}" y="{ly}">{}</text>"#,
                &day[5..],
                ly = top + plot_h + 16
            );
        }
    }
    for (i, (name, counts)) in series.iter().enumerate() {
        let y = top + plot_h + 24 + i as u64 * 18;
        let total: u64 = counts.iter().sum();
        let _ = write!(
            out,
            r#"<g data-legend="{s}" data-total="{total}"><rect x="{left}" y="{y}" width="12" height="12" fill="{c}"/><text x="{tx}" y="{ty}">{s}: {total}</text></g>"#,
            s = escape(name),
            c = PALETTE[i % PALETTE.len()],
            tx = left + 18,
            ty = y + 11,
        );
    }
    out.push_str("</svg></figure>");
    out
}

#[derive(Debug, Default, Deserialize)]
struct HomeQuery {
    repository: Option<String>,
}

fn verdict_badge(v: &str) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", escape(v))
}

fn agents(e: &Evaluation) -> String {
    let mut names: Vec<&str> = e
        .provenance
        .iter()
        .filter_map(|p| p.agent.as_deref())
        .collect();
    names.dedup();
    if names.is_empty() {
        "—".into()
    } else {
        escape(&names.join(", "))
    }
}

fn evaluation_rows(out: &mut String, list: &[&Evaluation]) {
    out.push_str("<table><tr><th>#</th><th>When (UTC)</th><th>Repository</th><th>Verdict</th><th>Actor</th><th>Agent</th><th>Findings</th></tr>");
    for e in list {
        let _ = write!(
            out,
            "<tr data-seq=\"{seq}\"><td><a href=\"/evaluations/{seq}\">{seq}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            when(e.time),
            escape(&e.repository),
            verdict_badge(&e.verdict),
            e.actor(),
            agents(e),
            e.counting().count(),
            seq = e.seq,
        );
    }
    out.push_str("</table>");
}

/// The dashboard body for the evaluations `keep` selects.
fn home_body(idx: &Index, repository: Option<&str>) -> String {
    let q = ListQuery {
        repository: repository.map(str::to_string),
        ..ListQuery::default()
    };
    let evals: Vec<&Evaluation> = idx.evaluations.iter().filter(|e| q.matches(e)).collect();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(out, "<h1>idgate dashboard</h1>{}", nav());
    let repos = &idx.repositories;
    out.push_str("<form method=\"get\" action=\"/\"><label>Repository <select name=\"repository\"><option value=\"\">all</option>");
    for r in repos.iter().take(200) {
        let selected = if Some(r.as_str()) == repository {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option{selected}>{}</option>", escape(r));
    }
    out.push_str("</select></label> <button type=\"submit\">Show</button></form>");

    let mut verdicts: BTreeMap<&str, u64> = BTreeMap::new();
    for e in &evals {
        *verdicts.entry(e.verdict.as_str()).or_default() += 1;
    }
    let open: Vec<&Evaluation> = idx.open_reviews(|e| q.matches(e));
    let _ = write!(
        out,
        "<div class=\"grid\" style=\"margin-top:16px\"><div class=\"card\"><div class=\"muted\">Evaluations</div><div style=\"font-size:28px\" id=\"total\">{}</div></div><div class=\"card\"><div class=\"muted\">Open reviews</div><div style=\"font-size:28px\" id=\"open\">{}</div></div><div class=\"card\"><div class=\"muted\">Approvals · waivers</div><div style=\"font-size:28px\">{} · {}</div></div></div>",
        evals.len(),
        open.len(),
        idx.approvals
            .iter()
            .filter(|s| repository.is_none_or(|r| r == s.repository))
            .count(),
        idx.waivers
            .iter()
            .filter(|s| repository.is_none_or(|r| r == s.repository))
            .count(),
    );

    // Charts over the last DAYS days that hold data.
    let last_day = evals
        .iter()
        .map(|e| e.time.div_euclid(86_400))
        .max()
        .unwrap_or(0);
    let first_day = last_day - DAYS + 1;
    let actors = ["agent", "human", "bot", "unknown"];
    let mut by_actor: Vec<(String, Vec<u64>)> = actors
        .iter()
        .map(|a| (a.to_string(), vec![0; DAYS as usize]))
        .collect();
    let names = &*crate::index::CATEGORIES;
    let mut by_category: Vec<Vec<u64>> = vec![vec![0; DAYS as usize]; names.len()];
    let mut category_totals: Vec<u64> = vec![0; names.len()];
    for e in &evals {
        for &(c, n) in &e.category_counts {
            category_totals[usize::from(c)] += u64::from(n);
        }
        let day = e.time.div_euclid(86_400);
        if day < first_day {
            continue;
        }
        let d = (day - first_day) as usize;
        let a = actors.iter().position(|a| *a == e.actor()).unwrap_or(3);
        by_actor[a].1[d] += 1;
        for &(c, n) in &e.category_counts {
            by_category[usize::from(c)][d] += u64::from(n);
        }
    }
    by_actor.retain(|(_, c)| c.iter().any(|n| *n > 0));
    let mut categories: Vec<(String, Vec<u64>)> = by_category
        .into_iter()
        .enumerate()
        .filter(|(_, v)| v.iter().any(|n| *n > 0))
        .map(|(c, v)| (names[c].to_string(), v))
        .collect();
    categories.sort_by_key(|(_, v)| std::cmp::Reverse(v.iter().sum::<u64>()));
    if categories.len() > 7 {
        let rest: Vec<(String, Vec<u64>)> = categories.split_off(7);
        let mut other = vec![0; DAYS as usize];
        for (_, v) in rest {
            for (o, n) in other.iter_mut().zip(v) {
                *o += n;
            }
        }
        categories.push(("other".into(), other));
    }
    let verdict_rows: Vec<(String, u64)> = ["allow", "review", "block"]
        .iter()
        .map(|v| (v.to_string(), verdicts.get(v).copied().unwrap_or(0)))
        .collect();
    let mut category_rows: Vec<(String, u64)> = category_totals
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| (names[c].to_string(), n))
        .collect();
    category_rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.push_str("<h2>Activity</h2><div class=\"grid\">");
    out.push_str(&bar_chart("verdicts", "Verdicts", &verdict_rows));
    out.push_str(&bar_chart(
        "categories",
        "Counting findings by category",
        &category_rows,
    ));
    out.push_str("</div>");
    out.push_str(&columns(
        "actors-over-time",
        &format!("Identity changes by actor, per day (to {})", date(last_day)),
        first_day,
        &by_actor,
    ));
    out.push_str(&columns(
        "categories-over-time",
        &format!("Findings by category, per day (to {})", date(last_day)),
        first_day,
        &categories,
    ));

    let _ = write!(out, "<h2>Open reviews ({})</h2>", open.len());
    if open.is_empty() {
        out.push_str(
            "<p class=\"muted\">None: every change that needed a review has an approval.</p>",
        );
    } else {
        evaluation_rows(&mut out, &open[..open.len().min(ROWS)]);
    }
    out.push_str("<h2>Recent verdicts</h2>");
    let recent: Vec<&Evaluation> = evals.iter().rev().take(ROWS).copied().collect();
    if recent.is_empty() {
        out.push_str("<p class=\"muted\">The ledger holds no evaluations yet. Record some with <code>idgate check --record</code> or <code>POST /api/evaluations</code>.</p>");
    } else {
        evaluation_rows(&mut out, &recent);
    }
    out
}

async fn home(
    State(app): State<Arc<App>>,
    Query(q): Query<HomeQuery>,
) -> Result<Response, Response> {
    let repository = q.repository.filter(|r| !r.is_empty());
    let body = app
        .read_index(move |idx| home_body(idx, repository.as_deref()))
        .await
        .map_err(error_page)?;
    Ok(page(StatusCode::OK, "Dashboard", &body))
}

fn error_page(e: ApiError) -> Response {
    page(
        e.status,
        "Error",
        &format!(
            "<h1>{}</h1><p>{}</p>{}",
            e.status,
            escape(&e.message),
            nav()
        ),
    )
}

async fn evaluation(
    State(app): State<Arc<App>>,
    Path(seq): Path<u64>,
) -> Result<Response, Response> {
    let record = app
        .with_ledger(move |l| l.record(seq))
        .await
        .map_err(error_page)?
        .map_err(|e| error_page(ApiError::ledger(e)))?
        .filter(|r| r.kind == idgate_ledger::Kind::Evaluation)
        .ok_or_else(|| {
            error_page(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("There is no evaluation {seq}."),
            ))
        })?;
    let b = &record.body;
    let text = |p: &str| {
        b.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let verdict = text("/verdict");
    let mut out = String::new();
    let _ = write!(
        out,
        "<h1>Evaluation {seq}</h1>{}<section class=\"verdict {v}\"><h2 style=\"margin-top:0;border:0\">Verdict: <span class=\"decision {v}\">{V}</span></h2><ul class=\"reasons\">",
        nav(),
        v = escape(&verdict),
        V = escape(&verdict.to_uppercase()),
    );
    for r in b
        .get("reasons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let _ = write!(out, "<li>{}</li>", escape(r.as_str().unwrap_or("")));
    }
    out.push_str("</ul></section><table class=\"summary\">");
    let mut row = |k: &str, v: String| {
        let _ = write!(out, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    row("Repository", escape(&record.repository));
    row("Recorded (UTC)", when(record.time));
    row(
        "Change digest",
        format!("<code>{}</code>", escape(&text("/change/digest"))),
    );
    row(
        "Head",
        format!("<code>{}</code>", escape(&text("/change/head"))),
    );
    row(
        "Policy",
        format!("<code>{}</code>", escape(&text("/policy_digest"))),
    );
    row("idgate", escape(&text("/tool_version")));
    row(
        "Record hash",
        format!(
            "<code>{}</code> {}",
            escape(&record.hash),
            if record.hash_is_valid() {
                "<span class=\"badge allow\">intact</span>"
            } else {
                "<span class=\"badge block\">does not match its content</span>"
            }
        ),
    );
    out.push_str("</table><h2>Provenance</h2>");
    let provenance = b
        .get("provenance")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if provenance.is_empty() {
        out.push_str("<p class=\"muted\">No commits (a patch): the author is unknown.</p>");
    } else {
        out.push_str(
            "<table><tr><th>Commit</th><th>Actor</th><th>Agent</th><th>Signature</th></tr>",
        );
        for p in &provenance {
            let t = |k: &str| escape(p.get(k).and_then(Value::as_str).unwrap_or("—"));
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                t("commit"),
                t("actor"),
                t("agent"),
                t("signature")
            );
        }
        out.push_str("</table>");
    }
    let digest = text("/change/digest");
    let statements = app
        .read_index(move |idx| {
            idx.approvals
                .iter()
                .chain(&idx.waivers)
                .filter(|s| s.digest == digest)
                .cloned()
                .collect::<Vec<_>>()
        })
        .await
        .map_err(error_page)?;
    out.push_str("<h2>Approvals and waivers of this change</h2>");
    if statements.is_empty() {
        out.push_str("<p class=\"muted\">None recorded.</p>");
    } else {
        out.push_str("<table class=\"statements\"><tr><th>#</th><th>Kind</th><th>Signed by</th><th>Recorded (UTC)</th><th>Waiver</th></tr>");
        for st in &statements {
            let waiver = st
                .waiver
                .as_ref()
                .map(|w| {
                    let f = |k: &str| w.get(k).and_then(Value::as_str).unwrap_or("*").to_string();
                    format!("{} on {}: {}", f("rule"), f("path"), f("reason"))
                })
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                st.seq,
                escape(&st.kind),
                escape(&st.principal),
                when(st.time),
                escape(&waiver)
            );
        }
        out.push_str("</table>");
    }
    let findings = b
        .get("findings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let recorded: Vec<&str> = findings
        .iter()
        .filter_map(|f| f.get("fingerprint").and_then(Value::as_str))
        .collect();
    let _ = write!(out, "<h2>Findings ({})</h2>", findings.len());
    let (evaluated, rederived) = match app.evidence(&record).await {
        Evidence::Kept(e) => (e, false),
        Evidence::Rederived(e) => (e, true),
        Evidence::None(why) => {
            let _ = write!(
                out,
                "<p class=\"muted\" id=\"ids-only\">The ledger keeps ids only (never messages or code, which may quote secrets), and the evidence cannot be shown here: {}. It is in the report of the run that recorded it.</p>",
                escape(&why)
            );
            finding_ids(&mut out, &findings);
            return Ok(page(StatusCode::OK, &format!("Evaluation {seq}"), &out));
        }
    };
    if rederived {
        let _ = write!(
            out,
            "<p class=\"muted\" id=\"rederived\">Evidence rebuilt by judging the recorded commits again in this server's clone of <code>{}</code> (same change digest); the ledger itself keeps ids only.</p>",
            escape(&record.repository)
        );
    }
    let _ = write!(
        out,
        "<p><a href=\"/evaluations/{seq}/report\">The full report</a>, with code frames and the compliance view.</p>"
    );
    let reported = evaluated
        .report
        .get("findings")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut shown = Vec::new();
    for f in &reported {
        let t = |k: &str| escape(f.get(k).and_then(Value::as_str).unwrap_or(""));
        let fingerprint = f.get("fingerprint").and_then(Value::as_str).unwrap_or("");
        // A rebuilt report shows what the ledger recorded, not what a newer idgate finds.
        if rederived && !recorded.contains(&fingerprint) {
            continue;
        }
        shown.push(fingerprint.to_string());
        let _ = write!(
            out,
            "<article class=\"finding\" data-rule=\"{rule}\"><header><h3><span class=\"badge {level}\">{level}</span> <code>{rule}</code> {name}</h3><div class=\"muted\"><code>{path}:{line}</code> · {category}</div></header><div class=\"body\"><p class=\"message\">{message}</p>",
            rule = t("rule"),
            level = t("level"),
            name = t("name"),
            path = t("path"),
            line = f.get("line").and_then(Value::as_u64).unwrap_or(0),
            category = t("category"),
            message = t("message"),
        );
        if f.get("before").is_some_and(|v| !v.is_null())
            || f.get("after").is_some_and(|v| !v.is_null())
        {
            let _ = write!(
                out,
                "<div class=\"evidence\"><div class=\"before\"><span class=\"muted\">before</span><br>{}</div><div class=\"arrow\">→</div><div class=\"after\"><span class=\"muted\">after</span><br>{}</div></div>",
                if t("before").is_empty() {
                    "(not in the old version)".into()
                } else {
                    t("before")
                },
                if t("after").is_empty() {
                    "—".into()
                } else {
                    t("after")
                },
            );
        }
        let _ = write!(
            out,
            "<p class=\"muted\">fingerprint <code>{}</code></p></div></article>",
            t("fingerprint")
        );
    }
    let missing: Vec<Value> = findings
        .iter()
        .filter(|f| {
            let fp = f.get("fingerprint").and_then(Value::as_str).unwrap_or("");
            rederived && !shown.iter().any(|s| s == fp)
        })
        .cloned()
        .collect();
    if !missing.is_empty() {
        let _ = write!(
            out,
            "<p class=\"muted\" id=\"not-rebuilt\">{} recorded finding(s) were not found again (another idgate version or policy judged them); ids only:</p>",
            missing.len()
        );
        finding_ids(&mut out, &missing);
    }
    Ok(page(StatusCode::OK, &format!("Evaluation {seq}"), &out))
}

async fn report(State(app): State<Arc<App>>, Path(seq): Path<u64>) -> Response {
    if let Some(e) = app.report(seq) {
        return with_headers((StatusCode::OK, e.html.clone()).into_response());
    }
    let record = match app.with_ledger(move |l| l.record(seq)).await {
        Ok(Ok(Some(r))) if r.kind == idgate_ledger::Kind::Evaluation => r,
        Ok(Ok(_)) => {
            return error_page(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("There is no evaluation {seq}."),
            ));
        }
        Ok(Err(e)) => return error_page(ApiError::ledger(e)),
        Err(e) => return error_page(e),
    };
    match app.evidence(&record).await {
        Evidence::Kept(e) | Evidence::Rederived(e) => {
            with_headers((StatusCode::OK, e.html.clone()).into_response())
        }
        Evidence::None(why) => error_page(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("There is no report of evaluation {seq} here: {why}."),
        )),
    }
}

fn login_body(message: &str) -> String {
    format!(
        "<h1>idgate</h1>{message}<form method=\"post\" action=\"/login\" class=\"card\" style=\"max-width:420px\"><p><label>Token<br><input type=\"password\" name=\"token\" autocomplete=\"current-password\" required style=\"width:100%\"></label></p><button type=\"submit\">Sign in</button></form>"
    )
}

async fn login_form() -> Response {
    page(StatusCode::OK, "Sign in", &login_body(""))
}

#[derive(Debug, Deserialize)]
struct Login {
    token: String,
}

/// Whether a token can travel in a cookie unquoted.
fn cookie_safe(token: &str) -> bool {
    !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
}

async fn login(State(app): State<Arc<App>>, Form(form): Form<Login>) -> Response {
    let scopes = auth::scopes_of(&app.config.tokens, &form.token);
    if !scopes.is_some_and(|s| s.contains(&crate::Scope::Read)) || !cookie_safe(&form.token) {
        return page(
            StatusCode::UNAUTHORIZED,
            "Sign in",
            &login_body("<p class=\"badge block\">That token is not valid for reading.</p>"),
        );
    }
    let secure = if app.config.server.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{secure}",
        auth::COOKIE,
        form.token
    );
    let mut r = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

async fn logout(State(app): State<Arc<App>>) -> Response {
    let secure = if app.config.server.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    let mut r = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        auth::COOKIE
    )) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// Findings as the ledger keeps them: rule, category, level and fingerprint.
fn finding_ids(out: &mut String, findings: &[Value]) {
    out.push_str(
        "<table><tr><th>Rule</th><th>Category</th><th>Level</th><th>Fingerprint</th></tr>",
    );
    for f in findings {
        let t = |k: &str| escape(f.get(k).and_then(Value::as_str).unwrap_or(""));
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td><span class=\"badge {l}\">{l}</span></td><td><code>{}</code></td></tr>",
            t("rule"),
            t("category"),
            t("fingerprint"),
            l = t("level"),
        );
    }
    out.push_str("</table>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_454), "2026-01-01");
        assert_eq!(when(951_782_400 + 3_723), "2000-02-29 01:02");
    }

    #[test]
    fn columns_stack_and_total() {
        let svg = columns(
            "c",
            "T",
            0,
            &[("agent".into(), vec![2, 0]), ("human".into(), vec![1, 3])],
        );
        assert!(svg.contains(r#"data-series="agent" data-day="1970-01-01" data-count="2""#));
        assert!(svg.contains(r#"data-legend="human" data-total="4""#));
        assert!(!svg.contains(r#"data-series="agent" data-day="1970-01-02""#));
        assert!(cookie_safe("abc-_.~+/=") && !cookie_safe("a;b") && !cookie_safe("a b"));
    }
}
