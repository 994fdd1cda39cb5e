use axum::{extract::State, http::StatusCode, Json};

use crate::{auth::Claims, AppState};

fn require_role(claims: &Claims, role: &str) -> Result<(), StatusCode> {
    if claims.roles.iter().any(|r| r == role) { Ok(()) } else { Err(StatusCode::FORBIDDEN) }
}

pub async fn list_audit_log(State(state): State<AppState>, claims: Claims) -> Result<Json<Vec<String>>, StatusCode> {
    require_role(&claims, "auditor")?;
    Ok(Json(state.audit.recent(100).await))
}
