//! `token-lifetime`: tokens issued without expiry, or with a longer lifetime.

pub(crate) mod sites;
pub(crate) mod store;
pub(crate) mod token_issued_without_expiry;
pub(crate) mod token_lifetime_excessive;
pub(crate) mod token_lifetime_extended;
