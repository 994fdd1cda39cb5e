use axum::{routing::{delete, get}, Router};

use crate::{admin, auth::require_admin, AppState};

pub fn admin_routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/admin/stats", get(admin::stats))
        // ok: authz-bypass
        .route("/admin/users/:id", delete(admin::delete_user))
        .route_layer(axum::middleware::from_fn_with_state(state, require_admin))
}
