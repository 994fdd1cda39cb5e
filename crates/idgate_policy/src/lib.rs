//! The verdict: policy settings from the trusted base, CODEOWNERS, approvals and waivers turn
//! findings and provenance into `allow`, `review` or `block`.
//!
//! - [`settings::Settings`]: resolved settings; `Default` is the built-in policy.
//! - [`options::parse_policy`]: `.idgate/policy.toml` (raw options with spans) → settings; every
//!   mistake names its line. [`reference`] generates the option reference and the starter policy.
//! - [`codeowners`]: GitHub CODEOWNERS semantics (last match wins).
//! - [`approval`]: signed approvals and waivers (sshsig, namespace `idgate-approval`), stored as
//!   git notes, and which of them count for a change.
//! - [`engine::decide`]: rule levels, protected files, agent scopes, waivers, obligations → verdict.
//! - [`attestation`]: the verdict as an in-toto statement in a signed DSSE envelope.

pub mod approval;
pub mod attestation;
pub mod codeowners;
pub mod engine;
pub mod options;
pub mod reference;
pub mod settings;

pub use options::{PolicyError, parse_policy};
