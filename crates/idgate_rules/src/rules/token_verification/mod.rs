//! `token-verification`: token signature, algorithm, audience, issuer or expiry checks off.

pub(crate) mod jsonwebtoken_verification_skipped;
pub(crate) mod jwt_verification_disabled;
pub(crate) mod pyjwt_verification_disabled;
