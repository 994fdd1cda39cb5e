use axum::{middleware, routing::{get, post}, Router};

use crate::{auth::require_staff, jobs};

pub fn internal_routes() -> Router {
    Router::new()
        .route("/internal/jobs", get(jobs::list))
        .layer(middleware::from_fn(require_staff))
        // expect: authz-bypass
        .route("/internal/jobs/:id/retry", post(jobs::retry))
}
