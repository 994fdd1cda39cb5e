use jsonwebtoken::{decode, DecodingKey, Validation, Algorithm};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Claims {
    pub sub: String,
}

pub fn subject(token: &str) -> Option<String> {
    let mut v = Validation::new(Algorithm::HS256);
    // expect: token-verification
    v.insecure_disable_signature_validation();
    decode::<Claims>(token, &DecodingKey::from_secret(&[]), &v).ok().map(|d| d.claims.sub)
}
