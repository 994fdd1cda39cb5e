use jsonwebtoken::{encode, EncodingKey, Header};
use serde::Serialize;

#[derive(Serialize)]
struct WorkerClaims<'a> {
    sub: &'a str,
    queue: &'a str,
}

pub fn worker_token(sub: &str, queue: &str, key: &EncodingKey) -> String {
    // expect: token-lifetime
    encode(&Header::default(), &WorkerClaims { sub, queue }, key).expect("encode")
}
