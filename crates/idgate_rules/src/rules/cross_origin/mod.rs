//! `cross-origin`: CORS reflecting any origin with credentials, CSRF protection off.

pub(crate) mod cors_credentials_any_origin;
pub(crate) mod csrf_protection_disabled;
