use axum::{routing::get, Router};

pub fn public_routes() -> Router {
    // ok: authn-bypass
    Router::new().route("/healthz", get(|| async { "ok" })).route("/version", get(|| async { env!("CARGO_PKG_VERSION") }))
}
