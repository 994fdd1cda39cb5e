//! The rules, grouped by taxonomy category; one file per rule.

pub(crate) mod authn_bypass;
pub(crate) mod authz_bypass;
pub(crate) mod credential_storage;
pub(crate) mod cross_origin;
pub(crate) mod policy;
pub(crate) mod privilege;
pub(crate) mod secret_exposure;
pub(crate) mod secrets;
pub(crate) mod session_management;
pub(crate) mod surface;
pub(crate) mod timing_unsafe_compare;
pub(crate) mod token_lifetime;
pub(crate) mod token_randomness;
pub(crate) mod token_verification;
pub(crate) mod transport_trust;
pub(crate) mod weakening;
