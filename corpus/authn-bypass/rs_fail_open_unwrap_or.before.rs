use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

use crate::introspect::introspect;

pub async fn require_active_token(req: Request, next: Next) -> Result<Response, StatusCode> {
    let token = crate::bearer(&req).ok_or(StatusCode::UNAUTHORIZED)?;
    let active = introspect(&token).await.map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    if !active {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}
