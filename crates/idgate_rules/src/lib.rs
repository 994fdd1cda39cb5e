//! idgate's rules: the registry, the engine that runs them over a change set, and the rules
//! themselves, one file each.
//!
//! A [`Rule`] is data plus a pure check function: its permanent code (`IDG101`), kebab-case name,
//! [`Category`](idgate_core::Category), CWEs, severity, default level, the languages and keywords it
//! needs, and its documentation in a fixed template (What it does / Why is this bad? / Example /
//! Use instead / References). [`REGISTRY`] is the one table of all rules; tests keep its codes
//! unique and sorted and every rule documented.
//!
//! The engine ([`analyze`]) prepares a [`RuleContext`] per file — the new text parsed, the old text
//! parsed when there is one — and runs each rule that applies. In `check` mode a finding counts
//! only if the change introduced it: the rule also runs over the old version and what was already
//! there (by fingerprint) is dropped, so untouched old code never raises anything. Test files,
//! fixtures and docs raise nothing.
//!
//! Rules never touch the filesystem, git or the network.

pub mod catalogue;
pub mod corpus;
pub mod custom;
mod engine;
mod paths;
mod registry;
mod rules;
pub mod select;
mod surface;
mod syntax;
#[cfg(test)]
mod test_support;

pub use engine::{Mode, Options, analyze, analyze_with, grant_findings};
pub use paths::is_test_or_docs;
pub use registry::{Hit, REGISTRY, Rule, RuleContext, RuleKind, Status, find_rule};
pub use select::{Selection, UnknownSelector};
