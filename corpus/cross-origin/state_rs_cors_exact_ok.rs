use tower_http::cors::CorsLayer;

pub fn cors() -> CorsLayer {
    CorsLayer::new()
        // ok: cross-origin
        .allow_origin("https://app.example.com".parse::<http::HeaderValue>().unwrap())
        .allow_credentials(true)
}
