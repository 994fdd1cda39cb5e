use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

pub async fn auth(req: Request, next: Next) -> Result<Response, StatusCode> {
    // expect: authn-bypass
    if std::env::var("AUTH_DISABLED").as_deref() == Ok("1") {
        return Ok(next.run(req).await);
    }
    let header = req.headers().get("authorization").ok_or(StatusCode::UNAUTHORIZED)?;
    crate::tokens::verify(header.to_str().map_err(|_| StatusCode::UNAUTHORIZED)?).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(next.run(req).await)
}
