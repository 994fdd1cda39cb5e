//! The verdict: policy settings from the trusted base, CODEOWNERS, approvals and waivers turn
//! findings and provenance into `allow`, `review` or `block`.
//!
//! - [`settings::Settings`]: resolved settings; `Default` is the built-in policy.
//! - [`default_verdict`]: the verdict under the built-in policy.

mod default;
pub mod settings;

pub use default::default_verdict;
