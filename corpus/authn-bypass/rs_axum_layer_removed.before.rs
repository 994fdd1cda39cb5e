use axum::{middleware, routing::{get, post}, Router};

use crate::{auth::require_session, handlers, AppState};

pub fn router(state: AppState) -> Router {
    let protected = Router::new()
        .route("/me", get(handlers::me))
        .route("/keys", post(handlers::create_key))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_session));

    Router::new()
        .route("/health", get(handlers::health))
        .merge(protected)
        .with_state(state)
}
