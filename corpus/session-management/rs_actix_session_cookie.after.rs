use actix_session::{config::PersistentSession, storage::CookieSessionStore, SessionMiddleware};
use actix_web::cookie::{time::Duration, Key};

pub fn session_middleware(key: Key) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name("sid".to_owned())
        // expect: session-management
        .cookie_secure(false)
        .cookie_http_only(true)
        // expect: session-management
        .session_lifecycle(PersistentSession::default().session_ttl(Duration::days(365)))
        .build()
}
