use axum::{middleware, routing::get, Router};

use crate::{auth::require_session, handlers, AppState};

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/me", get(handlers::me))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_session))
        .route("/health", get(handlers::health))
        .with_state(state)
}
