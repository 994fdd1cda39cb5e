use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

pub async fn require_session(req: Request, next: Next) -> Result<Response, StatusCode> {
    // expect: authn-bypass
    if req.headers().contains_key("x-debug-user") {
        return Ok(next.run(req).await);
    }
    let cookie = req.headers().get("cookie").ok_or(StatusCode::UNAUTHORIZED)?;
    crate::sessions::load(cookie).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(next.run(req).await)
}
