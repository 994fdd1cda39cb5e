//! Suppression: the caller's [`Allowlist`] (path globs, fingerprints and value patterns) and
//! inline `idgate: allow <reason>` comments.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexBuilder};

/// One entry of an [`Allowlist`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowEntry<'a> {
    /// A path glob (`vendor/**`, `**/testdata/*.pem`), matched against the repository-relative
    /// path with `/` separators: files there are not scanned at all.
    Path(&'a str),
    /// A finding fingerprint (as in [`crate::Secret::fingerprint`]): reported as suppressed.
    Fingerprint(&'a str),
    /// A regular expression ([`regex`] syntax, unanchored: write `^…$` for the whole value)
    /// matched against the detected value itself: a known test or example value, reported as
    /// suppressed wherever it appears.
    Value(&'a str),
}

/// What the caller allows: paths (globs) that are not scanned at all, finding fingerprints and
/// value patterns that are reported as suppressed instead of as secrets.
///
/// It counts how often each entry was used (see [`Allowlist::uses`]), so stale entries can be
/// reported; clones share the counts.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    globs: Vec<String>,
    set: Option<GlobSet>,
    /// Entry index of each glob of `set`, in order.
    glob_entries: Vec<usize>,
    fingerprints: HashMap<String, usize>,
    values: Vec<(Regex, usize)>,
    uses: Arc<Vec<AtomicUsize>>,
}

/// An allow-list entry that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistError {
    /// The glob or pattern as given.
    pub glob: String,
    /// Why it was rejected.
    pub message: String,
}

impl std::fmt::Display for AllowlistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid allow-list entry {:?}: {}",
            self.glob, self.message
        )
    }
}

impl std::error::Error for AllowlistError {}

/// The largest compiled size of one value pattern: a bound on the memory and time a hostile
/// policy file can cost.
const MAX_VALUE_PATTERN_SIZE: usize = 1 << 20;

/// Compile a value pattern as [`Allowlist`] does; `Err` says why it is not valid.
pub fn compile_value_pattern(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(MAX_VALUE_PATTERN_SIZE)
        .build()
        .map_err(|e| {
            e.to_string()
                .lines()
                .last()
                .unwrap_or("invalid")
                .trim()
                .to_string()
        })
}

impl Allowlist {
    /// Build from path globs (`vendor/**`, `**/testdata/*.pem`) and fingerprints (as in
    /// [`crate::Secret::fingerprint`]).
    pub fn new<G, F>(globs: G, fingerprints: F) -> Result<Allowlist, AllowlistError>
    where
        G: IntoIterator,
        G::Item: AsRef<str>,
        F: IntoIterator,
        F::Item: Into<String>,
    {
        let globs: Vec<String> = globs.into_iter().map(|g| g.as_ref().to_string()).collect();
        let fingerprints: Vec<String> = fingerprints.into_iter().map(Into::into).collect();
        let entries: Vec<AllowEntry<'_>> = globs
            .iter()
            .map(|g| AllowEntry::Path(g))
            .chain(fingerprints.iter().map(|f| AllowEntry::Fingerprint(f)))
            .collect();
        Allowlist::from_entries(&entries)
    }

    /// Build from entries; [`Allowlist::uses`] counts in the same order.
    pub fn from_entries(entries: &[AllowEntry<'_>]) -> Result<Allowlist, AllowlistError> {
        let mut builder = GlobSetBuilder::new();
        let mut list = Allowlist::default();
        for (i, entry) in entries.iter().enumerate() {
            match *entry {
                AllowEntry::Path(g) => {
                    let glob = Glob::new(g).map_err(|e| AllowlistError {
                        glob: g.to_string(),
                        message: e.kind().to_string(),
                    })?;
                    builder.add(glob);
                    list.globs.push(g.to_string());
                    list.glob_entries.push(i);
                }
                AllowEntry::Fingerprint(f) => {
                    list.fingerprints.entry(f.to_string()).or_insert(i);
                }
                AllowEntry::Value(p) => {
                    let re = compile_value_pattern(p).map_err(|message| AllowlistError {
                        glob: p.to_string(),
                        message,
                    })?;
                    list.values.push((re, i));
                }
            }
        }
        if !list.globs.is_empty() {
            list.set = Some(builder.build().map_err(|e| AllowlistError {
                glob: list.globs.join(", "),
                message: e.to_string(),
            })?);
        }
        list.uses = Arc::new((0..entries.len()).map(|_| AtomicUsize::new(0)).collect());
        Ok(list)
    }

    fn used(&self, entry: usize) {
        if let Some(n) = self.uses.get(entry) {
            n.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Whether the path is allow-listed (not scanned).
    pub fn allows_path(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let Some(set) = &self.set else { return false };
        let hits = set.matches(path.as_str());
        for &h in &hits {
            self.used(self.glob_entries[h]);
        }
        !hits.is_empty()
    }

    /// Whether a finding's fingerprint is allow-listed.
    pub fn allows_fingerprint(&self, fingerprint: &str) -> bool {
        match self.fingerprints.get(fingerprint) {
            Some(&i) => {
                self.used(i);
                true
            }
            None => false,
        }
    }

    /// Whether a detected value matches an allow-listed pattern. The value is never stored.
    pub fn allows_value(&self, value: &str) -> bool {
        let mut any = false;
        for (re, i) in &self.values {
            if re.is_match(value) {
                self.used(*i);
                any = true;
            }
        }
        any
    }

    /// The path globs, as given.
    pub fn globs(&self) -> &[String] {
        &self.globs
    }

    /// How often each entry was used so far (files skipped, findings suppressed), in the order of
    /// [`Allowlist::from_entries`].
    pub fn uses(&self) -> Vec<usize> {
        self.uses
            .iter()
            .map(|n| n.load(Ordering::Relaxed))
            .collect()
    }
}

/// An inline pragma found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pragma {
    /// Byte offset of the pragma in its line.
    pub(crate) at: usize,
    /// The reason, trimmed; `None` when there is none.
    pub(crate) reason: Option<String>,
}

/// Byte offset where a comment starts on `line`, outside string literals: `#` (at the start or
/// after white space), `//`, `/*`, `<!--`, `{#`, `--` (after white space), or, at the start of the
/// line only, `;`, `%`, `*` and `REM`.
fn comment_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if matches!(c, b'"' | b'\'' | b'`') {
            quote = Some(c);
            i += 1;
            continue;
        }
        let rest = &b[i..];
        let after_space = i == 0 || b[i - 1].is_ascii_whitespace();
        if rest.starts_with(b"//")
            || rest.starts_with(b"/*")
            || rest.starts_with(b"<!--")
            || rest.starts_with(b"{#")
            || (after_space && (c == b'#' || rest.starts_with(b"--")))
        {
            return Some(i);
        }
        if b[..i].iter().all(u8::is_ascii_whitespace)
            && (matches!(c, b';' | b'%' | b'*')
                || rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(b"rem "))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Find `idgate: allow <reason>` (or `idgate:allow`) in a comment on `line`.
pub(crate) fn find_pragma(line: &str) -> Option<Pragma> {
    let start = comment_start(line)?;
    let lower = line[start..].to_ascii_lowercase();
    let (rel, len) = lower
        .find("idgate: allow")
        .map(|i| (i, 13))
        .or_else(|| lower.find("idgate:allow").map(|i| (i, 12)))?;
    let at = start + rel;
    let rest = &line[at + len..];
    // `idgate: allowed` or `idgate: allowlist` is not the pragma.
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let reason = rest
        .trim_start_matches([':', ' ', '\t', '-', '—', '='])
        .trim_end()
        .trim_end_matches("*/")
        .trim_end_matches("-->")
        .trim_end_matches("#}")
        .trim();
    let has_reason = reason.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
    Some(Pragma {
        at,
        reason: has_reason.then(|| reason.to_string()),
    })
}

/// Whether `line` is nothing but a comment (so a pragma on it covers the next line).
pub(crate) fn is_comment_line(line: &str) -> bool {
    let indent = line.len() - line.trim_start().len();
    comment_start(line) == Some(indent) && indent < line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas() {
        let p = find_pragma("x = 1  # idgate: allow test fixture for the parser").unwrap();
        assert_eq!(p.reason.as_deref(), Some("test fixture for the parser"));
        let p = find_pragma("x = 1  // idgate: allow").unwrap();
        assert_eq!(p.reason, None);
        let p = find_pragma("/* idgate:allow — documented sample key */").unwrap();
        assert_eq!(p.reason.as_deref(), Some("documented sample key"));
        assert!(find_pragma("idgate: allow this").is_none());
        assert!(find_pragma("s = \"idgate: allow fake\"").is_none());
        assert!(find_pragma("# idgate: allowlist").is_none());
        assert!(find_pragma("x = \"a\"; y = \"idgate: allow because\"").is_none());
        assert!(find_pragma("x = \"a # b\"  # idgate: allow real reason").is_some());
        assert!(is_comment_line("   // idgate: allow x"));
        assert!(is_comment_line("; ini comment"));
        assert!(!is_comment_line("x = 1 # idgate: allow x"));
    }

    #[test]
    fn lists() {
        let a = Allowlist::new(["vendor/**", "**/*.pem"], ["abc".to_string()]).unwrap();
        assert!(a.allows_path("vendor/x/y.go"));
        assert!(a.allows_path("certs\\dev.pem"));
        assert!(!a.allows_path("src/main.rs"));
        assert!(a.allows_fingerprint("abc"));
        assert!(Allowlist::new(["a[b"], Vec::<String>::new()).is_err());
        assert_eq!(a.uses(), [1, 1, 1]);
    }

    #[test]
    fn entries_count_their_uses() {
        let a = Allowlist::from_entries(&[
            AllowEntry::Value("^AKIA[0-9A-Z]{9}EXAMPLE$"),
            AllowEntry::Path("fixtures/**"),
            AllowEntry::Value("unused"),
        ])
        .unwrap();
        assert!(a.allows_value("AKIAIOSFODNN7EXAMPLE"));
        assert!(!a.allows_value("AKIAIOSFODNN7EXAMPLF"));
        assert!(a.clone().allows_path("fixtures/a.pem"));
        assert_eq!(a.uses(), [1, 1, 0]);
        let err = Allowlist::from_entries(&[AllowEntry::Value("a(")]).unwrap_err();
        assert!(err.to_string().contains("a("), "{err}");
    }
}
