use actix_session::{config::PersistentSession, storage::CookieSessionStore, SessionMiddleware};
use actix_web::cookie::{time::Duration, Key};

pub fn session_middleware(key: Key) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name("sid".to_owned())
        .cookie_secure(true)
        .cookie_http_only(true)
        .session_lifecycle(PersistentSession::default().session_ttl(Duration::hours(8)))
        .build()
}
