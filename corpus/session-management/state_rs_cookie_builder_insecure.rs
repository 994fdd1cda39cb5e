use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub fn with_session(jar: CookieJar, sid: String) -> CookieJar {
    // expect: session-management
    let c = Cookie::build(("sid", sid)).path("/").http_only(false).secure(false).same_site(SameSite::None);
    jar.add(c)
}
