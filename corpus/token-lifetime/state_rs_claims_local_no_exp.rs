use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde::Serialize;

#[derive(Serialize)]
struct ServiceClaims {
    sub: String,
    aud: String,
}

#[derive(Serialize)]
struct SessionClaims {
    sub: String,
    exp: usize,
}

#[derive(Serialize)]
struct WrappedClaims {
    #[serde(flatten)]
    registered: Registered,
    tenant: String,
}

pub fn service_token(name: &str, key: &EncodingKey) -> jsonwebtoken::errors::Result<String> {
    let claims = ServiceClaims { sub: name.to_owned(), aud: "internal".into() };
    // expect: token-issued-without-expiry
    encode(&Header::new(Algorithm::HS256), &claims, key)
}

pub fn session_token(user: &str, exp: usize, key: &EncodingKey) -> jsonwebtoken::errors::Result<String> {
    // ok: token-issued-without-expiry
    encode(&Header::default(), &SessionClaims { sub: user.to_owned(), exp }, key)
}

pub fn wrapped_token(r: Registered, key: &EncodingKey) -> jsonwebtoken::errors::Result<String> {
    // ok: token-issued-without-expiry
    encode(&Header::default(), &WrappedClaims { registered: r, tenant: "t".into() }, key)
}
