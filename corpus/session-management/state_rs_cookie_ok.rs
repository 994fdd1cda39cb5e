use axum_extra::extract::cookie::{Cookie, SameSite};

pub fn session_cookie(sid: String) -> Cookie<'static> {
    // ok: session-management
    Cookie::build(("sid", sid)).path("/").http_only(true).secure(true).same_site(SameSite::Strict).build()
}
