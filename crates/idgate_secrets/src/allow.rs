//! Suppression: the caller's [`Allowlist`] (path globs and fingerprints) and inline
//! `idgate: allow <reason>` comments.

use std::collections::HashSet;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// What the caller allows: paths (globs, matched against the repository-relative path with `/`
/// separators) that are not scanned at all, and finding fingerprints that are reported as
/// suppressed instead of as secrets.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    globs: Vec<String>,
    set: Option<GlobSet>,
    fingerprints: HashSet<String>,
}

/// An allow-list glob that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowlistError {
    /// The glob as given.
    pub glob: String,
    /// Why it was rejected.
    pub message: String,
}

impl std::fmt::Display for AllowlistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid allow-list glob {:?}: {}",
            self.glob, self.message
        )
    }
}

impl std::error::Error for AllowlistError {}

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
        let mut builder = GlobSetBuilder::new();
        let mut kept = Vec::new();
        for g in globs {
            let g = g.as_ref();
            let glob = Glob::new(g).map_err(|e| AllowlistError {
                glob: g.to_string(),
                message: e.kind().to_string(),
            })?;
            builder.add(glob);
            kept.push(g.to_string());
        }
        let set = if kept.is_empty() {
            None
        } else {
            Some(builder.build().map_err(|e| AllowlistError {
                glob: kept.join(", "),
                message: e.to_string(),
            })?)
        };
        Ok(Allowlist {
            globs: kept,
            set,
            fingerprints: fingerprints.into_iter().map(Into::into).collect(),
        })
    }

    /// Whether the path is allow-listed (not scanned).
    pub fn allows_path(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        self.set.as_ref().is_some_and(|s| s.is_match(path.as_str()))
    }

    /// Whether a finding's fingerprint is allow-listed.
    pub fn allows_fingerprint(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// The path globs, as given.
    pub fn globs(&self) -> &[String] {
        &self.globs
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
    }
}
