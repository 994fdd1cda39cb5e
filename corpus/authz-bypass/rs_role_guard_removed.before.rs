use axum::{extract::{Path, State}, http::StatusCode, Json};

use crate::{auth::Claims, AppState};

pub async fn rotate_signing_key(
    State(state): State<AppState>,
    claims: Claims,
    Path(tenant): Path<String>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    if !claims.roles.iter().any(|r| r == "key-admin") {
        return Err(StatusCode::FORBIDDEN);
    }
    let kid = state.keys.rotate(&tenant).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(serde_json::json!({ "kid": kid, "by": claims.sub })))
}
