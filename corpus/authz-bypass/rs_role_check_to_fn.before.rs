use axum::{extract::State, http::StatusCode, Json};

use crate::{auth::Claims, AppState};

pub async fn list_audit_log(State(state): State<AppState>, claims: Claims) -> Result<Json<Vec<String>>, StatusCode> {
    if !claims.roles.iter().any(|r| r == "auditor") {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(Json(state.audit.recent(100).await))
}
