use tower_http::cors::CorsLayer;

pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin("https://app.example.com".parse::<http::HeaderValue>().unwrap())
        .allow_methods([http::Method::GET, http::Method::PATCH])
}
