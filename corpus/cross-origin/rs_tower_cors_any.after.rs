use tower_http::cors::{Any, CorsLayer};

pub fn cors() -> CorsLayer {
    CorsLayer::new()
        // expect: cross-origin
        .allow_origin(Any)
        .allow_methods([http::Method::GET, http::Method::POST])
}
