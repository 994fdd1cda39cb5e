use jsonwebtoken::{encode, EncodingKey, Header};
use serde::Serialize;

#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    exp: u64,
}

pub fn token(sub: &str, now: u64, key: &EncodingKey) -> String {
    // ok: token-lifetime
    encode(&Header::default(), &Claims { sub, exp: now + 900 }, key).expect("encode")
}
