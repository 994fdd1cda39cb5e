use tower_http::cors::{AllowOrigin, CorsLayer};

pub fn cors() -> CorsLayer {
    CorsLayer::new()
        // expect: cross-origin
        .allow_origin(AllowOrigin::mirror_request())
        .allow_credentials(true)
        .allow_methods([http::Method::GET, http::Method::POST])
}
