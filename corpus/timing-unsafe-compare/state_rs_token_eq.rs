use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};

pub async fn require_ops_token(req: Request, next: Next) -> Result<Response, StatusCode> {
    let expected = std::env::var("OPS_TOKEN").map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let got = req.headers().get("x-ops-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    // expect: timing-unsafe-compare
    if got != expected {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(next.run(req).await)
}
