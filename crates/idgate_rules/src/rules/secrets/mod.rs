//! `hardcoded-secret`: credentials written into code and configuration. Detection lives in the
//! `idgate_secrets` crate (provider formats, checksums, entropy, redaction); the rule here carries
//! the code, docs and metadata its findings report under.

pub(crate) mod hardcoded_credential;
