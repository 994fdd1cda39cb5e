use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

use crate::claims::Claims;

pub fn verify(token: &str, key: &DecodingKey) -> Option<Claims> {
    let mut v = Validation::new(Algorithm::ES256);
    decode::<Claims>(token, key, &v).ok().map(|d| d.claims)
}
