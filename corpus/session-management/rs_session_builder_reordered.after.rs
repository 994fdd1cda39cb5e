use actix_session::{storage::RedisSessionStore, SessionMiddleware};
use actix_web::cookie::{Key, SameSite};

pub fn session_middleware(store: RedisSessionStore, key: Key) -> SessionMiddleware<RedisSessionStore> {
    SessionMiddleware::builder(store, key)
        .cookie_secure(true)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Strict)
        .build()
}
