use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

use crate::Claims;

pub fn verify(token: &str, key: &DecodingKey) -> Option<Claims> {
    let mut v = Validation::new(Algorithm::EdDSA);
    v.set_audience(&["ledger"]);
    v.set_issuer(&["https://id.example.com"]);
    // ok: token-verification
    decode::<Claims>(token, key, &v).ok().map(|d| d.claims)
}
