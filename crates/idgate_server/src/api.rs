//! The JSON API and the forge webhook.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::index::{Evaluation, Statement};
use crate::{ApiError, App, ChangeRequest, Evaluated, auth};

/// Largest page.
const MAX_LIMIT: usize = 500;

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/evaluations", get(list).post(submit))
        .route("/api/evaluations/{seq}", get(one))
        .route("/api/approvals", get(approvals))
        .route("/api/waivers", get(waivers))
        .route("/api/verify", get(verify))
        .route("/api/webhook/github", post(webhook))
}

/// Filters and paging of the listings.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ListQuery {
    pub(crate) repository: Option<String>,
    pub(crate) verdict: Option<String>,
    pub(crate) actor: Option<String>,
    pub(crate) agent: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) since: Option<i64>,
    pub(crate) until: Option<i64>,
    pub(crate) limit: Option<usize>,
    pub(crate) before: Option<u64>,
}

/// A filter that is set and not empty.
fn some(f: &Option<String>) -> Option<&str> {
    f.as_deref().filter(|s| !s.is_empty())
}

impl ListQuery {
    pub(crate) fn matches(&self, e: &Evaluation) -> bool {
        some(&self.repository).is_none_or(|r| r == e.repository)
            && some(&self.verdict).is_none_or(|v| v.eq_ignore_ascii_case(&e.verdict))
            && some(&self.actor).is_none_or(|a| a.eq_ignore_ascii_case(e.actor()))
            && some(&self.agent).is_none_or(|a| {
                e.provenance.iter().any(|p| {
                    p.agent
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case(a))
                })
            })
            && some(&self.category).is_none_or(|c| e.findings.iter().any(|f| f.category == c))
            && self.since.is_none_or(|t| e.time >= t)
            && self.until.is_none_or(|t| e.time <= t)
    }

    fn limit(&self) -> usize {
        self.limit.unwrap_or(50).clamp(1, MAX_LIMIT)
    }
}

/// One evaluation as the API lists it: the summary plus its actor class.
pub(crate) fn evaluation_json(e: &Evaluation) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("actor".into(), Value::from(e.actor()));
    }
    v
}

fn page<T>(
    items: &[T],
    seq: impl Fn(&T) -> u64,
    keep: impl Fn(&T) -> bool,
    q: &ListQuery,
    show: impl Fn(&T) -> Value,
) -> Value {
    let limit = q.limit();
    let mut out = Vec::with_capacity(limit);
    let mut next = None;
    for item in items
        .iter()
        .rev()
        .filter(|i| q.before.is_none_or(|b| seq(i) < b))
        .filter(|i| keep(i))
    {
        if out.len() == limit {
            next = seq_of_last(&out);
            break;
        }
        out.push(show(item));
    }
    json!({ "items": out, "next": next })
}

fn seq_of_last(items: &[Value]) -> Option<u64> {
    items.last()?.get("seq")?.as_u64()
}

async fn list(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let body = app
        .read_index(move |idx| {
            page(
                &idx.evaluations,
                |e| e.seq,
                |e| q.matches(e),
                &q,
                evaluation_json,
            )
        })
        .await?;
    Ok(axum::Json(body).into_response())
}

fn statement_page(items: &[Statement], q: &ListQuery) -> Value {
    page(
        items,
        |s| s.seq,
        |s| {
            q.repository.as_deref().is_none_or(|r| r == s.repository)
                && q.since.is_none_or(|t| s.time >= t)
                && q.until.is_none_or(|t| s.time <= t)
        },
        q,
        |s| serde_json::to_value(s).unwrap_or(Value::Null),
    )
}

async fn approvals(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let body = app
        .read_index(move |idx| statement_page(&idx.approvals, &q))
        .await?;
    Ok(axum::Json(body).into_response())
}

async fn waivers(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let body = app
        .read_index(move |idx| statement_page(&idx.waivers, &q))
        .await?;
    Ok(axum::Json(body).into_response())
}

async fn one(State(app): State<Arc<App>>, Path(seq): Path<u64>) -> Result<Response, ApiError> {
    let record = app
        .with_ledger(move |l| l.record(seq))
        .await?
        .map_err(ApiError::ledger)?
        .filter(|r| r.kind == idgate_ledger::Kind::Evaluation)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no evaluation {seq}")))?;
    let (report, evidence) = match app.evidence(&record).await {
        crate::Evidence::Kept(e) => (Some(e.report.clone()), "kept".to_string()),
        crate::Evidence::Rederived(e) => (Some(e.report.clone()), "rederived".to_string()),
        crate::Evidence::None(why) => (None, why),
    };
    Ok(axum::Json(json!({
        "record": record,
        "hash_valid": record.hash_is_valid(),
        "report": report,
        "evidence": evidence,
    }))
    .into_response())
}

async fn verify(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let report = app
        .with_ledger(|l| l.verify())
        .await?
        .map_err(ApiError::ledger)?;
    let mut v = serde_json::to_value(&report).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("intact".into(), Value::from(report.is_intact()));
    }
    Ok(axum::Json(v).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Submission {
    repository: String,
    patch: Option<String>,
    base: Option<String>,
    head: Option<String>,
}

async fn submit(
    State(app): State<Arc<App>>,
    axum::Json(s): axum::Json<Submission>,
) -> Result<Response, ApiError> {
    let change = match (s.patch, s.base, s.head) {
        (Some(text), None, None) => ChangeRequest::Patch { text },
        (None, Some(base), Some(head)) => ChangeRequest::Range { base, head },
        _ => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "give either \"patch\" or both \"base\" and \"head\"",
            ));
        }
    };
    let (record, evaluated) = evaluate(&app, &s.repository, change).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({
            "seq": record.seq,
            "hash": record.hash,
            "verdict": evaluated.body.verdict,
            "reasons": evaluated.body.reasons,
            "report": evaluated.report,
        })),
    )
        .into_response())
}

/// Judge a change against a configured repository and record it.
async fn evaluate(
    app: &Arc<App>,
    repository: &str,
    change: ChangeRequest,
) -> Result<(idgate_ledger::Record, Arc<Evaluated>), ApiError> {
    let repo = app.config.repository(repository).cloned().ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no repository named '{repository}' in the server configuration"),
        )
    })?;
    let engine = app
        .engine
        .clone()
        .ok_or_else(|| ApiError::new(StatusCode::NOT_IMPLEMENTED, "this server has no engine"))?;
    let (record, evaluated) = app
        .with_ledger(move |ledger| {
            let evaluated = engine
                .evaluate(&repo, &change)
                .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.0))?;
            let record = ledger
                .append_evaluation(&repo.name, &evaluated.body)
                .map_err(ApiError::ledger)?;
            Ok::<_, ApiError>((record, Arc::new(evaluated)))
        })
        .await??;
    app.keep_report(record.seq, Arc::clone(&evaluated));
    Ok((record, evaluated))
}

/// A forge pull-request event. The signature is checked before anything else is read.
async fn webhook(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(secret) = app.webhook_secret.as_deref() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no webhook is configured",
        ));
    };
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    if !auth::webhook_signature_ok(secret, &body, signature) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad or missing X-Hub-Signature-256",
        ));
    }
    let event = headers
        .get("x-github-event")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let payload: Value = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the event is not JSON: {e}"),
        )
    })?;
    if event == "ping" {
        return Ok(axum::Json(json!({ "ok": true })).into_response());
    }
    let action = payload.get("action").and_then(Value::as_str).unwrap_or("");
    if event != "pull_request" || !matches!(action, "opened" | "synchronize" | "reopened") {
        return Ok((
            StatusCode::ACCEPTED,
            axum::Json(json!({ "ignored": format!("{event} {action}").trim().to_string() })),
        )
            .into_response());
    }
    let text = |p: &str| {
        payload
            .pointer(p)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (Some(forge), Some(base), Some(head)) = (
        text("/repository/full_name"),
        text("/pull_request/base/sha"),
        text("/pull_request/head/sha"),
    ) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the event lacks repository.full_name or the pull request's base and head",
        ));
    };
    let name = app
        .config
        .repositories
        .iter()
        .find(|r| r.forge.as_deref() == Some(forge.as_str()))
        .map(|r| r.name.clone())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no repository with forge = '{forge}' in the server configuration"),
            )
        })?;
    let (record, evaluated) = evaluate(&app, &name, ChangeRequest::Range { base, head }).await?;
    Ok(axum::Json(json!({
        "seq": record.seq,
        "verdict": evaluated.body.verdict,
        "reasons": evaluated.body.reasons,
    }))
    .into_response())
}
