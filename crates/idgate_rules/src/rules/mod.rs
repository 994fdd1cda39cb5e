//! The rules, grouped by taxonomy category; one file per rule.

pub(crate) mod policy;
pub(crate) mod secrets;
pub(crate) mod surface;
pub(crate) mod token_verification;
pub(crate) mod weakening;
