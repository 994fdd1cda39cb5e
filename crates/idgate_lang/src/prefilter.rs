//! The keyword prefilter: a cheap first pass before any parsing.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A case-insensitive multi-keyword matcher. Text that contains none of the keywords cannot
/// match any rule that listed them, so it is never parsed.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: AhoCorasick,
}

impl Prefilter {
    /// Build the automaton over `keywords`.
    pub fn new<I, S>(keywords: I) -> Prefilter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            // Standard semantics allow overlapping search: `auth` and `authorize` both count
            // at the same place (leftmost-first would report only one of them).
            .match_kind(MatchKind::Standard)
            .build(keywords)
            .expect("keyword automaton is small and built from static literals");
        Prefilter { automaton }
    }

    /// Whether `text` contains any keyword.
    pub fn matches(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }

    /// Indices of the keywords found in `text` (each at most once), in keyword order.
    pub fn which(&self, text: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .automaton
            .find_overlapping_iter(text)
            .map(|m| m.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keywords_case_insensitively() {
        let p = Prefilter::new(["jwt", "jsonwebtoken"]);
        assert!(p.matches("import JWT"));
        assert!(!p.matches("import os"));
        assert_eq!(p.which("require('jsonwebtoken'); jwt.verify"), vec![0, 1]);
        // Overlapping keywords are all reported.
        let p = Prefilter::new(["auth", "authorize", "thor"]);
        assert_eq!(p.which("$this->authorize()"), vec![0, 1, 2]);
    }
}
