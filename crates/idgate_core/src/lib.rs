//! Core types of idgate, shared by every stage of the pipeline and free of I/O.
//!
//! Data flows one way:
//!
//! ```text
//! source ──► ChangeSet ──► provenance ──► findings ──► Verdict ──► ledger / reports
//! ```
//!
//! - [`ChangeSet`] is what a source produces: the commits of a range and, per file, the old and the
//!   new text with the hunks between them ([`FileChange`], [`Hunk`]). Files that could not be judged
//!   (binary, too large, submodules) stay in the change set with a [`SkipReason`], so nothing is
//!   dropped silently.
//! - [`Finding`] is what a rule reports: one [`Category`] of the stable taxonomy, CWE ids, a
//!   [`Level`], the location and a [`Fingerprint`] that survives line moves.
//! - [`Verdict`] is what the policy decides: [`Decision::Allow`], [`Decision::Review`] or
//!   [`Decision::Block`], with reasons and open obligations.

mod category;
mod change;
mod finding;
pub mod redact;
mod verdict;

pub use category::{Category, Frameworks};
pub use change::{
    Actor, ChangeSet, ChangeSource, Commit, FileChange, FileNote, FileStatus, Hunk, Identity,
    LineAttribution, LineRange, Provenance, SignatureFormat, SignatureInfo, SignatureStatus,
    SkipReason, Trailer, line_hunks,
};
pub use finding::{Evidence, Finding, Fingerprint, Level, Measure, Severity};
pub use verdict::{Decision, Obligation, Verdict};
