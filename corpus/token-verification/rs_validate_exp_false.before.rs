use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

use crate::claims::Claims;

pub fn session_claims(token: &str, secret: &[u8]) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 30;
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
        .ok()
        .map(|t| t.claims)
}
