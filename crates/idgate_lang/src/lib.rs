//! Languages and syntax trees for idgate rules.
//!
//! - [`Language`] and [`detect`]: which language a path is, from a sorted table of extensions,
//!   file names and shebang interpreters (kept sorted by a test, as ripgrep does).
//! - [`parse`]: a tree-sitter syntax tree for the languages whose grammar is linked.
//! - [`Prefilter`]: one Aho-Corasick automaton over the identity vocabulary, so only text that may
//!   matter is parsed at all.
//! - [`grep`]: the bridge to ast-grep, so rules and user rules can be written as patterns.
//! - [`Source`]: text plus its parsed tree and a line index, the unit rules read.

pub mod grep;
mod language;
mod prefilter;
mod source;

pub use language::{Language, detect};
pub use prefilter::Prefilter;
pub use source::{Source, parse, parse_edited};
