use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

use crate::introspect::introspect;

pub async fn require_active_token(req: Request, next: Next) -> Result<Response, StatusCode> {
    let token = crate::bearer(&req).ok_or(StatusCode::UNAUTHORIZED)?;
    // expect: authn-bypass
    let active = introspect(&token).await.unwrap_or(true);
    if !active {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}
