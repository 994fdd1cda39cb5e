//! Secret detection for idgate: credentials, keys and tokens in code, config and diffs. No I/O.
//!
//! # How it works
//!
//! 1. **Prefilter.** Every format declares keywords (its prefix, or the variable names it needs).
//!    One case-insensitive Aho-Corasick pass over the text finds the lines holding any keyword and,
//!    per line, the formats those keywords belong to. A file with no keyword is never
//!    regex-scanned.
//! 2. **Match.** Only those formats' regexes ([`regex`], linear time) run, and only on those lines.
//! 3. **Check.** Each candidate goes through offline checks: the CRC32 of GitHub and npm tokens,
//!    the macaroon of PyPI tokens, the bech32 checksum of age keys, the JSON header of JWTs, the
//!    body of PEM blocks, base64 lengths of Azure keys, and so on. A failed checksum or structure
//!    is a near miss and is not reported. Then placeholders (`EXAMPLE`, `xxxx`, `<your-token>`,
//!    `${VAR}`, `{{ var }}`, repeated or sequential characters) and low-entropy values are dropped.
//! 4. **Context.** The path's [`FileClass`] decides what runs and how sure a finding is (see
//!    [`FileClass`]): lock files and minified assets only run self-identifying formats; tests,
//!    fixtures and docs report provider formats with one step less [`Confidence`] and never run
//!    the generic rule. Lines over 1,000 characters that are not `name = value` are treated like
//!    minified code.
//! 5. **Suppression.** An [`Allowlist`] (path globs, fingerprints, value patterns) from the caller, and inline
//!    `idgate: allow <reason>` comments on the line or on a comment line just above. A pragma
//!    without a reason suppresses nothing and is itself reported as a [`Problem`].
//!
//! # Formats
//!
//! The tables live in `src/providers/`, one module per family (cloud, vcs, chat, payment, llm,
//! keys, urls, generic, saas), as data: rule id, provider, kind, keywords, regex, check and how to
//! revoke. They were written from the providers' public descriptions of their token formats.
//! [`formats`] lists them.
//!
//! # Never the secret
//!
//! No returned value holds a secret: a [`Secret`] carries its position, at most a four-character
//! public prefix plus a short hash ([`Secret::redacted`]) and a fingerprint. [`redact`] masks every
//! detected secret in free text for reports and logs.
//!
//! ```
//! use idgate_secrets::{scan, synth};
//! let text = synth::expand("GITHUB_TOKEN = \"«ghp_[b62:30][crc]»\"", 1);
//! let found = scan("deploy/release.py", &text, None);
//! assert_eq!(found[0].kind, "github-pat-classic");
//! assert!(found[0].validated);
//! assert!(!format!("{found:?}").contains(&text[16..50]));
//! ```

mod allow;
mod engine;
mod entropy;
pub mod eval;
mod paths;
mod pattern;
mod providers;
pub mod synth;
mod validate;

use serde::Serialize;

pub use allow::{AllowEntry, Allowlist, AllowlistError, compile_value_pattern};
pub use idgate_core::LineRange;
pub use paths::{FileClass, classify};

use engine::{ENGINE, Hit, Mode};

/// How sure a finding is that it is a live credential of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Plausible but weakly evidenced (generic names, hash-shaped values, test paths).
    Low,
    /// Right shape and context, nothing verified.
    Medium,
    /// A registered prefix with a verified checksum or structure.
    High,
}

impl Confidence {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    pub(crate) fn raised(self) -> Confidence {
        match self {
            Confidence::Low => Confidence::Medium,
            _ => Confidence::High,
        }
    }

    pub(crate) fn lowered(self) -> Confidence {
        match self {
            Confidence::High => Confidence::Medium,
            _ => Confidence::Low,
        }
    }
}

/// One detected secret. Holds no part of the secret beyond a public prefix of at most four
/// characters in [`Secret::redacted`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Secret {
    /// Who issued it: `aws`, `github`, `stripe`, `pem`, `generic`, ….
    pub provider: &'static str,
    /// What it is: `aws-access-key-id`, `github-pat-classic`, `generic-password`, ….
    pub kind: &'static str,
    /// The permanent rule id (`IDS201`).
    pub rule: &'static str,
    /// 1-based line where the secret starts.
    pub line: u32,
    /// 1-based column (in characters) where the secret starts.
    pub column: u32,
    /// 1-based line where it ends (differs from `line` for PEM blocks).
    pub end_line: u32,
    /// 1-based column just after its last character (exclusive, as SARIF `endColumn`).
    pub end_column: u32,
    /// Whether a checksum or structure was verified offline.
    pub validated: bool,
    /// How sure the finding is.
    pub confidence: Confidence,
    /// The public prefix (at most four characters, none for generic values and passwords),
    /// `…` and the first eight hex digits of the BLAKE3 hash of the secret.
    pub redacted: String,
    /// 32 hex digits of BLAKE3 over path, kind and secret: stable across line moves.
    pub fingerprint: String,
    /// How to revoke or rotate it: a console URL, a docs URL or a command.
    pub revocation: &'static str,
    /// Length of the secret in characters.
    pub length: u32,
    /// Evidence behind the confidence: `prefix`, `checksum`, `structure`, `context-name`,
    /// `secret-name`, `string-literal`, `entropy`, `hex-value`, `test-path`, `docs-path`.
    pub signals: Vec<&'static str>,
}

/// Why a secret was not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressedBy {
    /// An `idgate: allow <reason>` comment on the line or on the comment line above.
    InlineComment,
    /// The caller's [`Allowlist`] holds its fingerprint.
    Fingerprint,
    /// The value matches a pattern of the caller's [`Allowlist`] (a known test or example value).
    Value,
}

/// A secret that a suppression covered, kept so the caller can audit suppressions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The finding as it would have been reported.
    pub secret: Secret,
    /// What suppressed it.
    pub by: SuppressedBy,
    /// The reason given in the comment (redacted), `allow-listed fingerprint` or
    /// `allow-listed value`.
    pub reason: String,
}

/// The kind of a [`Problem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// An `idgate: allow` pragma with no reason: it suppresses nothing.
    AllowWithoutReason,
}

impl ProblemKind {
    /// Stable id: `allow-without-reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::AllowWithoutReason => "allow-without-reason",
        }
    }
}

/// Something wrong that is not a secret: a reason-less suppression pragma.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// Permanent rule id (`IDS001` for `allow-without-reason`).
    pub rule: &'static str,
    /// 1-based line of the pragma.
    pub line: u32,
    /// 1-based column (in characters) of the pragma.
    pub column: u32,
    /// One sentence for people.
    pub message: String,
}

/// Everything [`scan_with`] found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanOutput {
    /// How the path was classified.
    pub class: FileClass,
    /// The path was allow-listed and not scanned.
    pub skipped: bool,
    /// Reported secrets, by position.
    pub secrets: Vec<Secret>,
    /// Secrets covered by a reasoned pragma or an allow-listed fingerprint.
    pub suppressed: Vec<Suppressed>,
    /// Pragmas without a reason.
    pub problems: Vec<Problem>,
}

/// One format in the tables, for listings (`idgate rules`) and documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Format {
    /// Permanent rule id.
    pub rule: &'static str,
    /// Issuer.
    pub provider: &'static str,
    /// Kind reported by findings of this format (the generic rule reports
    /// `generic-password`, `generic-api-key`, … instead).
    pub kind: &'static str,
    /// One line: what it is and how it is recognised.
    pub description: &'static str,
    /// How to revoke or rotate it.
    pub revocation: &'static str,
    /// Whether a checksum or structure check runs.
    pub checked: bool,
    /// Whether it identifies itself (a registered prefix or fixed structure) rather than needing
    /// a variable name nearby.
    pub self_identifying: bool,
    /// Whether this is a generic heuristic rather than a provider format.
    pub generic: bool,
}

/// The rule id of [`ProblemKind::AllowWithoutReason`].
pub const ALLOW_WITHOUT_REASON_RULE: &str = "IDS001";

/// Every format, in rule-id order.
pub fn formats() -> Vec<Format> {
    ENGINE
        .patterns()
        .map(|p| Format {
            rule: p.rule,
            provider: p.provider,
            kind: p.kind,
            description: p.description,
            revocation: p.revocation,
            checked: p.check != pattern::Check::None,
            self_identifying: p.strength == pattern::Strength::Distinct,
            generic: p.check == pattern::Check::Generic,
        })
        .collect()
}

/// Detect secrets in one file. `path` is repository-relative (it picks the [`FileClass`] and
/// goes into fingerprints); `lines` restricts findings to those 1-based lines (a diff's added
/// lines), `None` for the whole file. Inline `idgate: allow <reason>` pragmas apply; use
/// [`scan_with`] to pass an [`Allowlist`] and to see suppressions and pragma problems.
pub fn scan(path: &str, text: &str, lines: Option<&[LineRange]>) -> Vec<Secret> {
    scan_with(path, text, lines, &Allowlist::default()).secrets
}

/// [`scan`] with an [`Allowlist`], returning suppressed findings and problems too.
pub fn scan_with(
    path: &str,
    text: &str,
    lines: Option<&[LineRange]>,
    allow: &Allowlist,
) -> ScanOutput {
    let class = classify(path);
    let mut out = ScanOutput {
        class,
        skipped: false,
        secrets: Vec::new(),
        suppressed: Vec::new(),
        problems: Vec::new(),
    };
    if allow.allows_path(path) {
        out.skipped = true;
        return out;
    }
    let hits = ENGINE.find(
        text,
        Mode {
            class,
            redact: false,
        },
        lines,
    );
    let norm_path = path.replace('\\', "/");
    let mut pragma_lines_reported = Vec::new();
    for hit in hits {
        let mut secret = to_secret(&norm_path, text, &hit);
        if class.lowers_confidence() {
            secret.confidence = secret.confidence.lowered();
            secret.signals.push(if class == FileClass::Test {
                "test-path"
            } else {
                "docs-path"
            });
        }
        if allow.allows_fingerprint(&secret.fingerprint) {
            out.suppressed.push(Suppressed {
                secret,
                by: SuppressedBy::Fingerprint,
                reason: "allow-listed fingerprint".to_string(),
            });
            continue;
        }
        if allow.allows_value(&text[hit.start..hit.end]) {
            out.suppressed.push(Suppressed {
                secret,
                by: SuppressedBy::Value,
                reason: "allow-listed value".to_string(),
            });
            continue;
        }
        match pragma_for(text, &hit) {
            Some((_, _, Some(reason))) => {
                out.suppressed.push(Suppressed {
                    secret,
                    by: SuppressedBy::InlineComment,
                    reason: redact(&reason),
                });
                continue;
            }
            Some((line, column, None)) if !pragma_lines_reported.contains(&line) => {
                pragma_lines_reported.push(line);
                out.problems.push(Problem {
                    kind: ProblemKind::AllowWithoutReason,
                    rule: ALLOW_WITHOUT_REASON_RULE,
                    line,
                    column,
                    message: format!(
                        "`idgate: allow` without a reason does not suppress the {} on line {}; write `idgate: allow <why this is not a live secret>`",
                        secret.kind, secret.line
                    ),
                });
            }
            _ => {}
        }
        out.secrets.push(secret);
    }
    out
}

/// Mask every detected secret in `text` (any file type, all confidences, pragmas ignored):
/// each becomes its [`Secret::redacted`] form. For reports, logs and error messages.
pub fn redact(text: &str) -> String {
    let hits = ENGINE.find(
        text,
        Mode {
            class: FileClass::Config,
            redact: true,
        },
        None,
    );
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hits {
        if h.start < at {
            continue;
        }
        out.push_str(&text[at..h.start]);
        out.push_str(&redacted_form(&text[h.start..h.end], h.pattern.prefix_len));
        at = h.end;
    }
    out.push_str(&text[at..]);
    out
}

fn redacted_form(secret: &str, prefix_len: u8) -> String {
    let show = usize::from(prefix_len).min(4);
    let prefix: String = secret.chars().take(show).collect();
    let hash = blake3::hash(secret.as_bytes()).to_hex();
    format!("{prefix}…{}", &hash[..8])
}

fn to_secret(path: &str, text: &str, hit: &Hit) -> Secret {
    let s = &text[hit.start..hit.end];
    let end_line = hit.line + engine::count_newlines(s.as_bytes());
    let end_line_start = text[..hit.end].rfind('\n').map_or(0, |i| i + 1);
    let mut h = blake3::Hasher::new();
    h.update(path.as_bytes());
    h.update(b"\0");
    h.update(hit.kind.as_bytes());
    h.update(b"\0");
    h.update(s.as_bytes());
    let fingerprint = h.finalize().to_hex()[..32].to_string();
    Secret {
        provider: hit.pattern.provider,
        kind: hit.kind,
        rule: hit.pattern.rule,
        line: hit.line,
        column: text[hit.line_start..hit.start].chars().count() as u32 + 1,
        end_line,
        end_column: text[end_line_start.max(hit.line_start)..hit.end]
            .chars()
            .count() as u32
            + 1,
        validated: hit.validated,
        confidence: hit.confidence,
        redacted: redacted_form(s, hit.pattern.prefix_len),
        fingerprint,
        revocation: hit.pattern.revocation,
        length: s.chars().count() as u32,
        signals: hit.signals.clone(),
    }
}

/// The pragma covering a hit: on its own line, or on a comment-only line just above.
/// Returns the pragma's line, column and reason.
fn pragma_for(text: &str, hit: &Hit) -> Option<(u32, u32, Option<String>)> {
    let ls = hit.line_start;
    let le = text[ls..].find('\n').map_or(text.len(), |i| ls + i);
    let line = &text[ls..le];
    if let Some(p) = allow::find_pragma(line) {
        return Some((hit.line, line[..p.at].chars().count() as u32 + 1, p.reason));
    }
    if ls == 0 {
        return None;
    }
    let pe = ls - 1;
    let ps = text[..pe].rfind('\n').map_or(0, |i| i + 1);
    let prev = &text[ps..pe];
    if !allow::is_comment_line(prev) {
        return None;
    }
    let p = allow::find_pragma(prev)?;
    Some((
        hit.line - 1,
        prev[..p.at].chars().count() as u32 + 1,
        p.reason,
    ))
}

#[cfg(test)]
mod fuzz_regressions {
    use super::{redact, scan, synth};

    /// Found by `fuzz/fuzz_targets/secrets.rs`: a bare value that runs into the next assignment
    /// (`creds=user:token=`) hid that assignment from [`redact`], which printed a secret [`scan`]
    /// reports.
    #[test]
    fn redact_finds_an_assignment_inside_a_bare_value() {
        for template in [
            "creds=user:token=\"«[b62:16]»\"\n",
            "creds=Z\0TOKEN:\"«[b62:16]»\"",
            "appKEY=pAPIKey:\"M\0\0«[b62:12]»\"",
        ] {
            let text = synth::expand(template, 7);
            let found = scan("app/x.py", &text, None);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            let s = &found[0];
            let start = text.char_indices().nth(s.column as usize - 1).unwrap().0;
            let value: String = text[start..].chars().take(s.length as usize).collect();
            let red = redact(&text);
            assert!(!red.contains(&value), "{value:?} left in {red:?}");
        }
    }

    /// Overlapping hits in [`redact`]: a token inside a longer password value used to replace
    /// it, printing the rest of the password.
    #[test]
    fn redact_masks_the_union_of_overlapping_hits() {
        let text = synth::expand("password=\"Qm7vT2pX9wLk-«ghp_[b62:30][crc]»\"\n", 7);
        let red = redact(&text);
        assert!(!red.contains("Qm7vT2pX9wLk"), "{red}");
        assert!(!red.contains("ghp_"), "{red}");
        assert_eq!(red.matches('…').count(), 1, "{red}");
        assert_eq!(redact(&red), red);
    }
}
