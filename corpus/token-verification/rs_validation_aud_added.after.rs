use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

use crate::claims::Claims;

pub fn verify(token: &str, key: &DecodingKey) -> Option<Claims> {
    let mut v = Validation::new(Algorithm::ES256);
    v.set_audience(&["ledger"]);
    v.set_issuer(&["https://id.example.com"]);
    decode::<Claims>(token, key, &v).ok().map(|d| d.claims)
}
