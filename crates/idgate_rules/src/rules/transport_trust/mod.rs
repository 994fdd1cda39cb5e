//! `transport-trust`: TLS certificate or hostname verification off.

pub(crate) mod tls_verification_disabled;
