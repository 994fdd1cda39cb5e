use actix_session::{storage::RedisSessionStore, SessionMiddleware};
use actix_web::cookie::{Key, SameSite};

pub fn session_middleware(store: RedisSessionStore, key: Key) -> SessionMiddleware<RedisSessionStore> {
    SessionMiddleware::builder(store, key)
        .cookie_http_only(true)
        .cookie_secure(true)
        .build()
}
