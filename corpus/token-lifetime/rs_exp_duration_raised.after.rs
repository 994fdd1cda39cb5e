use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{encode, EncodingKey, Header};
use serde::Serialize;

// expect: token-lifetime
const TOKEN_TTL: Duration = Duration::from_secs(60 * 60 * 24 * 365);

#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    exp: u64,
}

pub fn issue(sub: &str, key: &EncodingKey) -> jsonwebtoken::errors::Result<String> {
    let exp = (SystemTime::now() + TOKEN_TTL).duration_since(UNIX_EPOCH).unwrap().as_secs();
    encode(&Header::default(), &Claims { sub, exp }, key)
}
