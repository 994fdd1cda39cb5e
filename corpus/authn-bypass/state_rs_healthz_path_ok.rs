use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

pub async fn require_session(req: Request, next: Next) -> Result<Response, StatusCode> {
    // ok: authn-bypass
    if req.uri().path() == "/healthz" {
        return Ok(next.run(req).await);
    }
    // ok: authn-bypass
    if std::env::var("AUTH_REQUIRED").as_deref() == Ok("true") {
        let cookie = req.headers().get("cookie").ok_or(StatusCode::UNAUTHORIZED)?;
        crate::sessions::load(cookie).map_err(|_| StatusCode::UNAUTHORIZED)?;
    }
    Ok(next.run(req).await)
}
