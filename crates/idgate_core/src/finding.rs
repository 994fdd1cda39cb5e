//! What rules report: [`Finding`], its [`Level`] and [`Severity`], and its [`Fingerprint`].

use crate::Category;
use serde::{Deserialize, Serialize};

/// How a finding counts, as SARIF spells it. `error` and `warning` count towards the verdict;
/// `note` is information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Information only (identity-surface notes, skipped files).
    Note,
    /// Counts: needs review.
    Warning,
    /// Counts: the policy's deny level.
    Error,
}

impl Level {
    /// The lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// Whether findings at this level count towards the verdict.
    pub const fn counts(self) -> bool {
        !matches!(self, Level::Note)
    }
}

/// How bad a finding is if exploited, independent of policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// The lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The CVSS-like score GitHub code scanning reads from `security-severity`.
    pub const fn score(self) -> &'static str {
        match self {
            Severity::Info => "0.0",
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }
}

/// A stable identity for a finding: rule, path and the matched code with whitespace folded, so a
/// finding keeps its fingerprint when lines above it move. Hex of a BLAKE3 hash, 32 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(pub String);

impl Fingerprint {
    /// Compute the fingerprint of a finding of `rule` at `path` on `matched` code.
    pub fn new(rule: &str, path: &str, matched: &str) -> Fingerprint {
        let mut hasher = blake3::Hasher::new();
        hasher.update(rule.as_bytes());
        hasher.update(b"\0");
        hasher.update(path.as_bytes());
        hasher.update(b"\0");
        let mut first = true;
        for word in matched.split_whitespace() {
            if !first {
                hasher.update(b" ");
            }
            hasher.update(word.as_bytes());
            first = false;
        }
        let hex = hasher.finalize().to_hex();
        Fingerprint(hex[..32].to_string())
    }

    /// The hexadecimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Before/after evidence of a weakening, in words (`verify_signature=True` → `False`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// What the old version did, if it existed.
    pub before: Option<String>,
    /// What the new version does.
    pub after: Option<String>,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's permanent code, e.g. `IDG101`.
    pub rule: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    /// The taxonomy category.
    pub category: Category,
    /// CWE ids.
    pub cwe: Vec<u32>,
    /// Severity if exploited.
    pub severity: Severity,
    /// How the finding counts.
    pub level: Level,
    /// Repository-relative path.
    pub path: String,
    /// First line (1-based), new side unless `old_side`.
    pub line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// First column (1-based, in characters).
    pub column: u32,
    /// Whether the location is on the old side (removed code).
    pub old_side: bool,
    /// What is wrong, in one sentence. Never holds a secret in clear.
    pub message: String,
    /// What the old version did.
    pub before: Option<String>,
    /// What the new version does.
    pub after: Option<String>,
    /// Stable fingerprint.
    pub fingerprint: Fingerprint,
    /// The commit that introduced it, when known.
    pub commit: Option<String>,
    /// Who wrote the line it sits on, when line-level attribution data exists.
    pub attribution: Option<crate::LineAttribution>,
    /// What the finding measured, for the policy's limits (a lifetime, a grant, a role).
    pub measure: Option<Measure>,
}

/// A quantity a finding measured, which the policy's `[limits]` judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Measure {
    /// A token lifetime; `None` means the token never expires.
    TokenLifetime {
        /// Seconds.
        seconds: Option<u64>,
    },
    /// A session lifetime; `None` means unlimited.
    SessionLifetime {
        /// Seconds.
        seconds: Option<u64>,
    },
    /// A permission granted (`iam:PassRole`, `secrets:get`, `*`).
    Grant {
        /// The permission as written.
        permission: String,
    },
    /// A role granted (`cluster-admin`, `AdministratorAccess`).
    Role {
        /// The role name.
        name: String,
    },
}

impl Finding {
    /// Framework tags of the finding's category, as in SARIF (`owasp-nhi/NHI4`, ...).
    pub fn framework_tags(&self) -> Vec<String> {
        let f = self.category.frameworks();
        let mut tags = Vec::new();
        tags.extend(f.owasp_nhi.iter().map(|t| format!("owasp-nhi/{t}")));
        tags.extend(f.owasp_asi.iter().map(|t| format!("owasp-asi/{t}")));
        tags.extend(f.nist_csf.iter().map(|t| format!("nist-csf/{t}")));
        tags.extend(f.sp800_207.iter().map(|t| format!("nist-800-207/{t}")));
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_whitespace_but_not_code() {
        let a = Fingerprint::new("IDG101", "a.py", "jwt.decode(t,  options={})");
        let b = Fingerprint::new("IDG101", "a.py", "jwt.decode(t,\n options={})");
        let c = Fingerprint::new("IDG101", "a.py", "jwt.decode(u, options={})");
        let d = Fingerprint::new("IDG101", "b.py", "jwt.decode(t, options={})");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn levels_order_by_weight() {
        assert!(Level::Error > Level::Warning && Level::Warning > Level::Note);
        assert!(Level::Warning.counts() && !Level::Note.counts());
    }
}
