//! `idgate serve`: an HTTP API and a server-rendered dashboard over the ledger, for SQLite and
//! PostgreSQL ledgers alike.
//!
//! # Endpoints
//!
//! | method and path | scope | does |
//! |---|---|---|
//! | `GET /api/evaluations` | read | evaluations, newest first; filters `repository`, `verdict`, `actor`, `agent`, `category`, `since`, `until` (Unix seconds); paging with `limit` (≤ 500, default 50) and `before` (the `next` of the previous page) |
//! | `GET /api/evaluations/{seq}` | read | one evaluation record, whether its hash is intact, the full (redacted) report (kept when this server ran the evaluation, else rebuilt from the recorded commits in the configured clone) and `evidence`: `kept`, `rederived` or why there is none |
//! | `POST /api/evaluations` | write | `{"repository": NAME, "patch": UNIFIED_DIFF}` or `{"repository", "base", "head"}`: judge the change against a configured repository with the CLI's engine, record it, return the verdict and the JSON report |
//! | `GET /api/approvals`, `GET /api/waivers` | read | signed statements, newest first, same paging |
//! | `GET /api/verify` | read | recompute the hash chain ([`idgate_ledger::VerifyReport`]) |
//! | `POST /api/webhook/github` | HMAC | a forge `pull_request` event: `X-Hub-Signature-256` is checked first (HMAC-SHA256, constant-time), then the pull request's `base.sha..head.sha` is judged in the configured clone |
//! | `GET /` | read | dashboard: recent verdicts, open reviews, charts by actor and category over time |
//! | `GET /evaluations/{seq}` | read | one evaluation with its findings and evidence |
//! | `GET /evaluations/{seq}/report` | read | the HTML report: kept when this server ran the evaluation, else rebuilt from the recorded commits |
//! | `GET /login`, `POST /login`, `POST /logout` | — | a form that sets the token as an `HttpOnly; Secure; SameSite=Strict` cookie |
//!
//! API calls carry `Authorization: Bearer TOKEN`; dashboard pages accept the header or the
//! login cookie. Without a valid token the API answers 401, with one that lacks the scope 403;
//! pages redirect to the login form. Nothing is open without a token unless the configuration
//! says `open_read = true`, which opens the read scope only.
//!
//! # Configuration
//!
//! ```toml
//! [server]
//! ledger = "sqlite://.idgate-ledger.sqlite3"  # --ledger and IDGATE_LEDGER win
//! open_read = false          # true: reads and the dashboard need no token
//! max_body_bytes = 1048576   # larger bodies get 413
//! timeout_seconds = 30       # slower requests get 408
//! secure_cookie = true       # the login cookie's Secure flag (browsers accept it on localhost)
//!
//! [[token]]
//! name = "ci"
//! sha256 = "…"               # printf %s "$TOKEN" | sha256sum — never the token itself
//! scopes = ["read", "write"]
//!
//! [[repository]]
//! name = "app"               # what clients and the ledger call it
//! path = "/srv/git/app"      # a local clone; its HEAD supplies the trusted policy
//! forge = "octo/app"         # the name webhook events carry
//!
//! [webhook]                  # without it, the webhook endpoint answers 404
//! secret_file = "/etc/idgate/webhook-secret"  # or secret_env = "IDGATE_WEBHOOK_SECRET"
//! ```
//!
//! # Design
//!
//! The ledger is blocking, so a few worker threads each own a connection and take jobs from a
//! queue. An in-memory [`index::Index`] summarises every record and follows the ledger as
//! other processes append to it, so listings and the dashboard never scan the database.
//! Evaluating is the caller's: the binary passes an [`Engine`] that runs the same pipeline as
//! `idgate check`.

pub mod auth;
pub mod config;
pub mod index;

mod api;
mod dashboard;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use idgate_ledger::{EvaluationBody, Ledger};
use serde_json::Value;

pub use config::{Config, Repository, Scope, Token};
pub use index::Index;

/// Why the server could not start or a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file cannot be read.
    #[error("cannot read {}", file.display())]
    ReadConfig {
        /// The file.
        file: std::path::PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The configuration is wrong.
    #[error("bad server configuration {file}: {reason}")]
    Config {
        /// The file or table.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// The ledger failed.
    #[error(transparent)]
    Ledger(#[from] idgate_ledger::Error),
    /// The listening socket failed.
    #[error("cannot serve")]
    Io(#[from] std::io::Error),
    /// A worker thread is gone.
    #[error("the ledger workers stopped")]
    Workers,
}

/// What a client asks to have judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeRequest {
    /// A unified diff (or `git format-patch` output), judged against the repository's `HEAD`
    /// policy.
    Patch {
        /// The diff.
        text: String,
    },
    /// A commit range of the configured clone.
    Range {
        /// Base revision.
        base: String,
        /// Head revision.
        head: String,
    },
}

/// An engine's result: the ledger body and the reports a client may read.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// What goes into the ledger.
    pub body: EvaluationBody,
    /// The JSON report (redacted, as `--format json` writes it).
    pub report: serde_json::Value,
    /// The HTML report (redacted, as `--format html` writes it).
    pub html: String,
}

/// What the drill-down can show beyond the ledger's ids.
#[derive(Debug, Clone)]
pub(crate) enum Evidence {
    /// This server ran the evaluation and kept its report.
    Kept(Arc<Evaluated>),
    /// Judged again from the recorded commits; the change digest matches the record.
    Rederived(Arc<Evaluated>),
    /// Ids only, and why.
    None(String),
}

/// Why an engine could not judge a change: the message is shown to the client.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EngineError(pub String);

/// The pipeline that judges changes. The binary implements it with the same code as
/// `idgate check`; it is called on a worker thread and may block.
pub trait Engine: Send + Sync + 'static {
    /// Judge `change` against `repository`.
    fn evaluate(
        &self,
        repository: &Repository,
        change: &ChangeRequest,
    ) -> Result<Evaluated, EngineError>;
}

/// A job for a ledger worker.
type Job = Box<dyn FnOnce(&mut Ledger) + Send>;

/// How many threads own a ledger connection each.
const WORKERS: usize = 4;

/// Reports of evaluations this server ran, kept for the drill-down (at most this many).
const KEPT_REPORTS: usize = 500;

/// The server's state.
pub struct App {
    config: Config,
    jobs: Mutex<mpsc::Sender<Job>>,
    index: Arc<RwLock<Index>>,
    engine: Option<Arc<dyn Engine>>,
    webhook_secret: Option<Vec<u8>>,
    reports: Mutex<BTreeMap<u64, Arc<Evaluated>>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

impl App {
    /// Open the ledger at `ledger_url` (once per worker) and read the webhook secret.
    /// `engine` judges posted changes; without one, `POST /api/evaluations` answers 501.
    pub fn new(
        config: Config,
        ledger_url: &str,
        engine: Option<Arc<dyn Engine>>,
    ) -> Result<Arc<App>, Error> {
        let webhook_secret = config.webhook_secret()?;
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let (opened_tx, opened) = mpsc::channel::<Result<(), idgate_ledger::Error>>();
        for n in 0..WORKERS {
            let rx = Arc::clone(&rx);
            let opened_tx = opened_tx.clone();
            let url = ledger_url.to_string();
            // Each worker opens (and later drops) its connection on its own thread, outside any
            // async runtime: the ledger drives its own.
            std::thread::Builder::new()
                .name(format!("idgate-ledger-{n}"))
                .spawn(move || {
                    let mut ledger = match Ledger::open(&url) {
                        Ok(l) => {
                            let _ = opened_tx.send(Ok(()));
                            l
                        }
                        Err(e) => {
                            let _ = opened_tx.send(Err(e));
                            return;
                        }
                    };
                    drop(opened_tx);
                    loop {
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut ledger),
                            Err(_) => return,
                        }
                    }
                })?;
        }
        drop(opened_tx);
        for _ in 0..WORKERS {
            opened.recv().map_err(|_| Error::Workers)??;
        }
        // Load the index now rather than on the first request; a failure shows on that request.
        let index = Arc::new(RwLock::new(Index::default()));
        let warm = Arc::clone(&index);
        let job: Job = Box::new(move |ledger| {
            if let Ok(mut index) = warm.write() {
                let _ = index.refresh(ledger);
            }
        });
        tx.send(job).map_err(|_| Error::Workers)?;
        Ok(Arc::new(App {
            config,
            jobs: Mutex::new(tx),
            index,
            engine,
            webhook_secret,
            reports: Mutex::new(BTreeMap::new()),
        }))
    }

    /// Run `f` with a ledger connection on a worker thread.
    async fn with_ledger<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Ledger) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |ledger| {
            let _ = tx.send(f(ledger));
        });
        self.jobs
            .lock()
            .map_err(|_| ApiError::internal("the ledger workers stopped"))?
            .send(job)
            .map_err(|_| ApiError::internal("the ledger workers stopped"))?;
        rx.await
            .map_err(|_| ApiError::internal("a ledger worker failed"))
    }

    /// Catch the index up with the ledger, then read it with `f`. Readers share the index;
    /// only a worker that finds the ledger grown takes it alone to load the new records.
    async fn read_index<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Index) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let index = Arc::clone(&self.index);
        self.with_ledger(move |ledger| {
            let head = ledger.head().map_err(ApiError::ledger)?;
            {
                let shared = index
                    .read()
                    .map_err(|_| ApiError::internal("index poisoned"))?;
                if shared.is_at(head.as_ref()) {
                    return Ok(f(&shared));
                }
            }
            let mut alone = index
                .write()
                .map_err(|_| ApiError::internal("index poisoned"))?;
            alone.refresh(ledger).map_err(ApiError::ledger)?;
            Ok(f(&alone))
        })
        .await?
    }

    fn keep_report(&self, seq: u64, evaluated: Arc<Evaluated>) {
        if let Ok(mut reports) = self.reports.lock() {
            reports.insert(seq, evaluated);
            while reports.len() > KEPT_REPORTS {
                reports.pop_first();
            }
        }
    }

    fn report(&self, seq: u64) -> Option<Arc<Evaluated>> {
        self.reports.lock().ok()?.get(&seq).cloned()
    }

    /// The report of evaluation `record`: kept if this server ran it, else re-derived.
    ///
    /// The ledger holds ids only, so the evidence of an evaluation recorded elsewhere (`idgate
    /// check --record` in CI) is rebuilt by judging the recorded base and head again in the
    /// configured clone of its repository. It is shown only when the rebuilt change has the
    /// recorded digest, so the evidence is of the very change that was judged.
    pub(crate) async fn evidence(&self, record: &idgate_ledger::Record) -> Evidence {
        if let Some(kept) = self.report(record.seq) {
            return Evidence::Kept(kept);
        }
        let body = &record.body;
        let text = |p: &str| body.pointer(p).and_then(Value::as_str).map(str::to_string);
        let (Some(base), Some(head), Some(digest)) = (
            text("/change/base"),
            text("/change/head"),
            text("/change/digest"),
        ) else {
            return Evidence::None(
                "the change was not a commit range (a patch, the index or a worktree), so it cannot be judged again here".into(),
            );
        };
        let Some(engine) = self.engine.clone() else {
            return Evidence::None("this server has no engine to judge the change again".into());
        };
        let Some(repo) = self.config.recorded_repository(&record.repository).cloned() else {
            return Evidence::None(format!(
                "no clone of '{}' is configured ([[repository]] name, forge or path)",
                record.repository
            ));
        };
        let change = ChangeRequest::Range { base, head };
        let judged = tokio::task::spawn_blocking(move || engine.evaluate(&repo, &change)).await;
        match judged {
            Ok(Ok(evaluated)) if evaluated.body.change.digest == digest => {
                let evaluated = Arc::new(evaluated);
                self.keep_report(record.seq, Arc::clone(&evaluated));
                Evidence::Rederived(evaluated)
            }
            Ok(Ok(_)) => Evidence::None(
                "judging the recorded commits again gave a different change digest".into(),
            ),
            Ok(Err(e)) => Evidence::None(format!(
                "the recorded commits could not be judged again: {e}"
            )),
            Err(_) => Evidence::None("judging the recorded commits again failed".into()),
        }
    }
}

/// An error answer: a status and a message (JSON for the API, a page for the dashboard).
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn internal(message: &str) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    pub(crate) fn ledger(e: idgate_ledger::Error) -> ApiError {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, text)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// What a request needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Nothing,
    Read,
    Write,
}

fn need(method: &Method, path: &str) -> Need {
    if path == "/login" || path == "/logout" || path.starts_with("/api/webhook/") {
        Need::Nothing
    } else if method == Method::POST && path == "/api/evaluations" {
        Need::Write
    } else {
        Need::Read
    }
}

/// Token check for every route: the bearer header, or for pages also the login cookie.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let required = need(request.method(), &path);
    let api = path.starts_with("/api/");
    let headers = request.headers();
    let presented = auth::bearer(header_str(headers, header::AUTHORIZATION)).or_else(|| {
        (!api)
            .then(|| auth::cookie(header_str(headers, header::COOKIE), auth::COOKIE))
            .flatten()
    });
    let scopes = presented.and_then(|t| auth::scopes_of(&app.config.tokens, t));
    let allowed = match required {
        Need::Nothing => true,
        Need::Read => {
            app.config.server.open_read || scopes.is_some_and(|s| s.contains(&Scope::Read))
        }
        Need::Write => scopes.is_some_and(|s| s.contains(&Scope::Write)),
    };
    if allowed {
        return next.run(request).await;
    }
    match (scopes.is_some(), api) {
        (true, _) => ApiError::new(
            StatusCode::FORBIDDEN,
            "the token lacks the scope this needs",
        )
        .into_response(),
        (false, true) => {
            let message = if presented.is_some() {
                "the token is not valid"
            } else {
                "a bearer token is required"
            };
            let mut r = ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"idgate\""),
            );
            r
        }
        (false, false) => Redirect::to("/login").into_response(),
    }
}

pub(crate) fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The whole application: API, webhook and dashboard, behind the token guard, with the body
/// limit and the timeout of the configuration.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.config.server.max_body_bytes;
    let timeout = Duration::from_secs(app.config.server.timeout_seconds);
    api::routes()
        .merge(dashboard::routes())
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .layer(DefaultBodyLimit::max(limit))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(app)
}

/// Serve `app` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> Result<(), Error> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Bind `listen` (`HOST:PORT`; port 0 picks a free one), tell `ready` the bound address, and
/// serve until Ctrl-C on a multi-threaded runtime of its own.
pub fn run(
    listen: &str,
    app: Arc<App>,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        ready(listener.local_addr()?);
        serve(listener, app).await
    })
}
