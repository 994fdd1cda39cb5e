//! Policy options: `.idgate/policy.toml` as written → resolved [`Settings`].
//!
//! Two layers, as in ruff and cargo-deny:
//!
//! 1. **Raw options** (private `Raw*` structs): the file as written. Every field is an `Option`,
//!    keys are kebab-case, unknown keys are rejected, and values that need checking keep their
//!    [`Spanned`] byte range so a mistake points at its line and column.
//! 2. **Settings** ([`Settings`]): plain values with defaults, what the verdict engine reads. A key
//!    that is absent keeps the built-in default of [`Settings::default`].
//!
//! [`parse_policy`] reports every mistake it can find, not just the first: a key or value that
//! does not fit is dropped and parsing goes on, then every remaining value is validated. Errors come
//! back sorted by position. An empty file gives [`Settings::default`].
//!
//! Every key is described in [`OPTION_TABLES`]; the reference page
//! ([`crate::reference::options_reference`]) is generated from that table, and the tests check that
//! the table and the parser accept exactly the same keys.
//!
//! The `[provenance]` table of the same file belongs to `idgate_provenance`
//! (`idgate_provenance::settings::parse_provenance_settings`); it is accepted here and not read.
//!
//! The policy that judges a change is always read from the trusted base revision, never from the
//! change itself (see DESIGN.md, "Trust model"); [`policy_digest`] identifies the exact bytes that
//! were used, for the ledger.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use globset::Glob;
use idgate_core::Category;
use serde::Deserialize;
use serde::de::{self, IgnoredAny, SeqAccess, Unexpected, Visitor};
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};

use crate::codeowners::is_valid_owner;
use crate::settings::{
    ActorKey, AgentScope, ReviewRequirement, RuleLevel, RuleSelector, SecretAllow,
    SecretAllowMatch, Settings,
};

/// The largest number of approvals a review requirement may ask for.
pub const MAX_APPROVALS: u32 = 10;

/// A mistake in the policy file, with its 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct PolicyError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

/// Hex SHA-256 of the policy file's raw bytes: names the exact policy a verdict was reached under
/// (recorded in the ledger).
pub fn policy_digest(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

// ---------------------------------------------------------------------------------------------
// Documentation table
// ---------------------------------------------------------------------------------------------

/// One table of the policy file, with its keys; see [`OPTION_TABLES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDoc {
    /// The table name as written in the header (`policy`, `agent-scopes`).
    pub name: &'static str,
    /// Whether the table is an array of tables (`[[agent-scopes]]`).
    pub array: bool,
    /// What the table is for (markdown).
    pub description: &'static str,
    /// The keys of the table.
    pub options: &'static [OptionDoc],
}

/// One key of a policy table; see [`OPTION_TABLES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionDoc {
    /// The key (`identity-paths`); a placeholder in angle brackets (`<owner>`) when the table's
    /// keys are chosen by the user.
    pub key: &'static str,
    /// The value's type, in words (markdown).
    pub value_type: &'static str,
    /// The default as a TOML value; empty when there is no default (the key is then required, or
    /// its absence means "no limit" — the description says which).
    pub default: &'static str,
    /// A complete TOML line (`key = value`) showing the key in use.
    pub example: &'static str,
    /// What the key does (markdown).
    pub description: &'static str,
}

impl OptionDoc {
    /// Whether [`OptionDoc::key`] is a placeholder for user-chosen keys.
    pub fn is_placeholder(&self) -> bool {
        self.key.starts_with('<')
    }
}

/// Every table and key of `.idgate/policy.toml`: the single source of the options reference page
/// and of the tests that keep it in step with the parser.
pub static OPTION_TABLES: &[TableDoc] = &[
    TableDoc {
        name: "policy",
        array: false,
        description: "What counts as identity-critical, and how findings turn into a verdict.",
        options: &[
            OptionDoc {
                key: "identity-paths",
                value_type: "array of globs",
                default: "[]",
                example: r#"identity-paths = ["app/auth/**", "**/security/**"]"#,
                description: "Identity-critical paths (globset syntax, relative to the repository \
                              root, no leading `/`): any change there needs review, even when no \
                              rule fires.",
            },
            OptionDoc {
                key: "deny-blocks",
                value_type: "boolean",
                default: "false",
                example: "deny-blocks = true",
                description: "Whether a deny-level finding blocks the change. When `false`, a \
                              deny-level finding makes the change need review instead.",
            },
            OptionDoc {
                key: "unused-waiver",
                value_type: "`\"allow\"`, `\"warn\"` or `\"deny\"`",
                default: "\"warn\"",
                example: r#"unused-waiver = "deny""#,
                description: "The level at which a waiver that matched no finding is reported, so \
                              stale waivers cannot pile up.",
            },
        ],
    },
    TableDoc {
        name: "rules",
        array: false,
        description: "Rule levels.",
        options: &[OptionDoc {
            key: "levels",
            value_type: "table of selector → `\"allow\"`, `\"warn\"` or `\"deny\"`",
            default: "{}",
            example: r#"levels = { IDG101 = "deny", "token-verification" = "deny", "pyjwt-verification-disabled" = "warn" }"#,
            description: "Levels by selector: a rule code (`IDG101`), a code prefix (`IDG1`), a \
                          category id (`token-verification`) or a rule name \
                          (`pyjwt-verification-disabled`); a selector that is both a category id \
                          and a rule name means the category. Entries apply in file order, so a \
                          later line wins; rules not named keep their default level. An unknown \
                          selector is an error.",
        }],
    },
    TableDoc {
        name: "review",
        array: false,
        description: "Signed approvals a change needs from code owners of the touched paths — \
                      never from the author, never from an AI agent. The requirement is the \
                      largest of the one for the actor that made the change and those of the \
                      categories of its findings.",
        options: &[
            OptionDoc {
                key: "agent",
                value_type: "integer 0–10",
                default: "2",
                example: "agent = 2",
                description: "Approvals needed when an AI agent made the change.",
            },
            OptionDoc {
                key: "unknown",
                value_type: "integer 0–10",
                default: "1",
                example: "unknown = 1",
                description: "Approvals needed when the change has no provenance marker (unknown \
                              is never treated as human).",
            },
            OptionDoc {
                key: "human",
                value_type: "integer 0–10",
                default: "1",
                example: "human = 1",
                description: "Approvals needed when a person made the change.",
            },
            OptionDoc {
                key: "bot",
                value_type: "integer 0–10",
                default: "1",
                example: "bot = 1",
                description: "Approvals needed when automation (a non-AI bot) made the change.",
            },
            OptionDoc {
                key: "categories",
                value_type: "table of category id → integer 0–10",
                default: "{}",
                example: r#"categories = { over-privilege = 2, "privilege-escalation" = 2 }"#,
                description: "Approvals needed when the change has a finding of the category \
                              (any category id of the finding taxonomy). Usually written as a \
                              `[review.categories]` table.",
            },
        ],
    },
    TableDoc {
        name: "obligations",
        array: false,
        description: "What must come with a change to identity code.",
        options: &[
            OptionDoc {
                key: "tests",
                value_type: "boolean",
                default: "false",
                example: "tests = true",
                description: "Require changed tests (files matching `test-paths`) when identity \
                              code changes.",
            },
            OptionDoc {
                key: "test-paths",
                value_type: "array of globs",
                default: r#"["**/test/**", "**/tests/**", "**/__tests__/**", "**/spec/**", "**/test_*.py", "**/*_test.py", "**/*_test.go", "**/*.test.*", "**/*.spec.*"]"#,
                example: r#"test-paths = ["**/tests/**"]"#,
                description: "Globs of test files; replaces the default list.",
            },
            OptionDoc {
                key: "rollback-note",
                value_type: "boolean",
                default: "false",
                example: "rollback-note = true",
                description: "Require a `Rollback:` trailer or a rollback note when identity code \
                              changes.",
            },
        ],
    },
    TableDoc {
        name: "limits",
        array: false,
        description: "Limits that lifetime and grant findings are checked against. Durations are \
                      written `90s`, `15m`, `1h`, `7d`, `2w` or combinations, largest unit first \
                      (`1h30m`); integer seconds are accepted too. A duration must be longer \
                      than zero.",
        options: &[
            OptionDoc {
                key: "max-token-lifetime",
                value_type: "duration",
                default: "",
                example: r#"max-token-lifetime = "1h""#,
                description: "Longest token lifetime allowed. No limit when absent.",
            },
            OptionDoc {
                key: "max-session-lifetime",
                value_type: "duration",
                default: "",
                example: r#"max-session-lifetime = "12h""#,
                description: "Longest session lifetime allowed. No limit when absent.",
            },
            OptionDoc {
                key: "forbidden-roles",
                value_type: "array of strings",
                default: "[]",
                example: r#"forbidden-roles = ["cluster-admin", "AdministratorAccess"]"#,
                description: "Roles that may never be granted.",
            },
            OptionDoc {
                key: "forbidden-grants",
                value_type: "array of strings",
                default: "[]",
                example: r#"forbidden-grants = ["iam:*", "secrets:*"]"#,
                description: "Permission patterns that may never be added.",
            },
        ],
    },
    TableDoc {
        name: "agent-scopes",
        array: true,
        description: "Paths an AI agent may change; a change outside its scope raises \
                      `agent-scope`. An agent with no scope may change any path. One \
                      `[[agent-scopes]]` table per agent.",
        options: &[
            OptionDoc {
                key: "agent",
                value_type: "string",
                default: "",
                example: r#"agent = "claude-code""#,
                description: "The agent id as provenance reports it (`claude-code`), or `\"*\"` \
                              for every agent. Required; one scope per agent.",
            },
            OptionDoc {
                key: "paths",
                value_type: "array of globs",
                default: "",
                example: r#"paths = ["app/**", "!app/auth/**"]"#,
                description: "Globs the agent may change; an entry starting with `!` is a path it \
                              must not change even when another entry allows it. When every entry \
                              starts with `!`, everything else is allowed; `[]` allows nothing. \
                              Required.",
            },
        ],
    },
    TableDoc {
        name: "protected",
        array: false,
        description: "Files that configure the gate itself; a change to one raises \
                      `guardrail-tamper` and is judged by the base revision's version. The \
                      built-in list (`.idgate/**`, `CODEOWNERS`, `.github/CODEOWNERS`, \
                      `docs/CODEOWNERS`, `.github/workflows/**`, `.gitlab-ci.yml`, \
                      `.pre-commit-config.yaml`) always applies.",
        options: &[OptionDoc {
            key: "paths",
            value_type: "array of globs",
            default: "[]",
            example: r#"paths = ["deploy/gate/**", "Makefile"]"#,
            description: "Globs added to the built-in list — never replacing it: a policy cannot \
                          unprotect the gate's own files.",
        }],
    },
    TableDoc {
        name: "files",
        array: false,
        description: "Where the trusted files live in the base revision (paths relative to the \
                      repository root). The files named here are protected too, like those of \
                      `[protected]`.",
        options: &[
            OptionDoc {
                key: "allowed-signers",
                value_type: "path",
                default: r#"".idgate/allowed_signers""#,
                example: r#"allowed-signers = ".idgate/allowed_signers""#,
                description: "The SSH allowed-signers file that commit signatures and approvals \
                              are verified against.",
            },
            OptionDoc {
                key: "codeowners",
                value_type: "array of paths",
                default: r#"[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]"#,
                example: r#"codeowners = ["CODEOWNERS"]"#,
                description: "CODEOWNERS candidates; the first that exists is used. At least one.",
            },
        ],
    },
    TableDoc {
        name: "owners",
        array: false,
        description: "Who is behind each CODEOWNERS owner: maps a handle to the allowed-signers \
                      principals (e-mails) whose signed approvals count as that owner's.",
        options: &[OptionDoc {
            key: "<owner>",
            value_type: "string or array of strings",
            default: "",
            example: r#""@acme/security" = ["bob@example.com", "carol@example.com"]"#,
            description: "A CODEOWNERS owner (`@user`, `@org/team` or an e-mail) → one principal \
                          or several.",
        }],
    },
    TableDoc {
        name: "secrets",
        array: false,
        description: "The secrets allow-list: credentials idgate must not report (rule IDG201) \
                      because they are known test or example values. Every entry names why \
                      (`reason`, required) and may carry `expires = \"YYYY-MM-DD\"` (UTC): from \
                      the day after, the entry no longer applies and idgate says so. An entry that \
                      allowed nothing in a whole `scan` or `history` run is named on standard \
                      error. Read from the base revision like the rest of the policy, so a change \
                      cannot allow its own credentials. Prefer an inline `idgate: allow <reason>` \
                      comment for a single line.",
        options: &[
            OptionDoc {
                key: "paths",
                value_type: "array of `{ glob, reason, expires? }`",
                default: "[]",
                example: r#"paths = [{ glob = "tests/fixtures/keys/**", reason = "revoked sample keys", expires = "2027-06-30" }]"#,
                description: "Files matching `glob` (globset syntax, relative to the repository \
                              root) are not scanned for secrets at all.",
            },
            OptionDoc {
                key: "fingerprints",
                value_type: "array of `{ fingerprint, reason, expires? }`",
                default: "[]",
                example: r#"fingerprints = [{ fingerprint = "0123456789abcdef0123456789abcdef", reason = "SEC-41: rotated, kept in the migration test" }]"#,
                description: "One credential by its finding fingerprint (32 hex digits, as \
                              reports show it; it binds path, kind and value): not reported.",
            },
            OptionDoc {
                key: "values",
                value_type: "array of `{ regex, reason, expires? }`",
                default: "[]",
                example: r#"values = [{ regex = "^AKIA[0-9A-Z]{9}EXAMPLE$", reason = "AWS documentation example key" }]"#,
                description: "A regular expression (Rust `regex` syntax, unanchored: write `^…$` \
                              to match the whole value) over each detected value, anywhere in \
                              the repository: values it matches are known test or example \
                              values and are not reported. The value itself is never stored or \
                              printed.",
            },
        ],
    },
    TableDoc {
        name: "provenance",
        array: false,
        description: "Who counts as a person, agents' own signing keys and extra agent signals. \
                      Read by `idgate_provenance` (keys `people`, `allowed-signers`, \
                      `[[provenance.agent-signers]]`, `[[provenance.signals]]`), which documents \
                      and checks it; the policy parser accepts the table as it is.",
        options: &[],
    },
];

// ---------------------------------------------------------------------------------------------
// Raw options
// ---------------------------------------------------------------------------------------------

/// The policy file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOptions {
    /// `[policy]`: identity paths, whether deny blocks, the unused-waiver level.
    policy: Option<RawPolicy>,
    /// `[rules]`: rule levels.
    rules: Option<RawRules>,
    /// `[review]`: approvals by actor and by category.
    review: Option<RawReview>,
    /// `[obligations]`: tests and rollback notes.
    obligations: Option<RawObligations>,
    /// `[limits]`: lifetimes, forbidden roles and grants.
    limits: Option<RawLimits>,
    /// `[[agent-scopes]]`: paths each agent may change.
    agent_scopes: Option<Vec<Spanned<RawAgentScope>>>,
    /// `[protected]`: files added to the built-in protected list.
    protected: Option<RawProtected>,
    /// `[files]`: where the allowed-signers and CODEOWNERS files live.
    files: Option<RawFiles>,
    /// `[owners]`: CODEOWNERS owner → allowed-signers principals.
    owners: Option<BTreeMap<Spanned<String>, Spanned<RawPrincipals>>>,
    /// `[secrets]`: the secrets allow-list.
    secrets: Option<RawSecrets>,
    /// `[provenance]`: read by `idgate_provenance`; accepted, not read.
    provenance: Option<IgnoredAny>,
}

/// `[policy]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPolicy {
    /// Identity-critical path globs: a change there needs review.
    identity_paths: Option<Vec<Spanned<String>>>,
    /// Whether deny-level findings block (otherwise: review).
    deny_blocks: Option<bool>,
    /// The level unused waivers are reported at.
    unused_waiver: Option<RawLevel>,
}

/// `[rules]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    /// Level per rule code, code prefix, category id or rule name; later lines win.
    levels: Option<BTreeMap<Spanned<String>, Spanned<RawLevel>>>,
}

/// `[review]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawReview {
    /// Approvals needed when an AI agent made the change.
    agent: Option<Spanned<i64>>,
    /// Approvals needed when nobody knows who made the change.
    unknown: Option<Spanned<i64>>,
    /// Approvals needed when a person made the change.
    human: Option<Spanned<i64>>,
    /// Approvals needed when a bot made the change.
    bot: Option<Spanned<i64>>,
    /// Approvals needed per finding category.
    categories: Option<BTreeMap<Spanned<String>, Spanned<i64>>>,
}

/// `[obligations]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawObligations {
    /// Require changed tests when identity code changes.
    tests: Option<bool>,
    /// Test file globs; replaces the defaults.
    test_paths: Option<Vec<Spanned<String>>>,
    /// Require a rollback trailer or note.
    rollback_note: Option<bool>,
}

/// `[limits]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLimits {
    /// Longest token lifetime.
    max_token_lifetime: Option<Spanned<RawDuration>>,
    /// Longest session lifetime.
    max_session_lifetime: Option<Spanned<RawDuration>>,
    /// Roles never to be granted.
    forbidden_roles: Option<Vec<Spanned<String>>>,
    /// Permission patterns never to be added.
    forbidden_grants: Option<Vec<Spanned<String>>>,
}

/// One `[[agent-scopes]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAgentScope {
    /// The agent id, or `*`.
    agent: Option<Spanned<String>>,
    /// Allowed globs; `!` entries are denied.
    paths: Option<Vec<Spanned<String>>>,
}

/// `[protected]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProtected {
    /// Globs added to the built-in protected list.
    paths: Option<Vec<Spanned<String>>>,
}

/// `[files]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    /// The allowed-signers file.
    allowed_signers: Option<Spanned<String>>,
    /// CODEOWNERS candidates, first existing wins.
    codeowners: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[secrets]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSecrets {
    /// Path globs not scanned.
    paths: Option<Vec<Spanned<RawAllowPath>>>,
    /// Fingerprints suppressed.
    fingerprints: Option<Vec<Spanned<RawAllowFingerprint>>>,
    /// Value patterns suppressed.
    values: Option<Vec<Spanned<RawAllowValue>>>,
}

/// One `[secrets] paths` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllowPath {
    glob: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
}

/// One `[secrets] fingerprints` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllowFingerprint {
    fingerprint: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
}

/// One `[secrets] values` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllowValue {
    regex: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
}

/// `allow`, `warn` or `deny`.
#[derive(Debug, Clone, Copy)]
struct RawLevel(RuleLevel);

impl<'de> Deserialize<'de> for RawLevel {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<RawLevel, D::Error> {
        struct LevelVisitor;
        impl Visitor<'_> for LevelVisitor {
            type Value = RawLevel;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"allow\", \"warn\" or \"deny\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawLevel, E> {
                match v {
                    "allow" => Ok(RawLevel(RuleLevel::Allow)),
                    "warn" => Ok(RawLevel(RuleLevel::Warn)),
                    "deny" => Ok(RawLevel(RuleLevel::Deny)),
                    _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(LevelVisitor)
    }
}

/// A duration as written: text (`1h30m`) or integer seconds.
#[derive(Debug, Clone)]
enum RawDuration {
    Text(String),
    Seconds(i64),
}

impl<'de> Deserialize<'de> for RawDuration {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<RawDuration, D::Error> {
        struct DurationVisitor;
        impl Visitor<'_> for DurationVisitor {
            type Value = RawDuration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"15m\" or \"1h30m\", or integer seconds")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDuration, E> {
                Ok(RawDuration::Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawDuration, E> {
                Ok(RawDuration::Seconds(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawDuration, E> {
                Ok(RawDuration::Seconds(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        d.deserialize_any(DurationVisitor)
    }
}

/// One principal or several.
#[derive(Debug, Clone)]
enum RawPrincipals {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for RawPrincipals {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<RawPrincipals, D::Error> {
        struct PrincipalsVisitor;
        impl<'de> Visitor<'de> for PrincipalsVisitor {
            type Value = RawPrincipals;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a principal (\"alice@example.com\") or an array of principals")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPrincipals, E> {
                Ok(RawPrincipals::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawPrincipals, A::Error> {
                let mut all = Vec::new();
                while let Some(p) = seq.next_element::<Spanned<String>>()? {
                    all.push(p);
                }
                Ok(RawPrincipals::Many(all))
            }
        }
        d.deserialize_any(PrincipalsVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Parse `.idgate/policy.toml` into resolved settings, or every mistake found, sorted by position.
///
/// `known_rules` is the rule table as `(code, name)` pairs (`("IDG101",
/// "pyjwt-verification-disabled")`); `[rules] levels` selectors are checked against it and
/// against the category ids. An empty file gives [`Settings::default`].
pub fn parse_policy(
    text: &str,
    known_rules: &[(&str, &str)],
) -> Result<Settings, Vec<PolicyError>> {
    let mut cx = Cx {
        text,
        errors: Vec::new(),
    };
    let (mut root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        // A broken document cannot be trusted to mean anything; report the syntax only.
        for e in syntax {
            let span = e.span().unwrap_or(0..0);
            cx.error(span, e.message().to_owned());
        }
        return Err(cx.finish());
    }
    let raw = deserialize_pruning(&mut root, &mut cx);
    let settings = resolve(raw, known_rules, &mut cx);
    if cx.errors.is_empty() {
        Ok(settings)
    } else {
        Err(cx.finish())
    }
}

/// The most structural errors reported for one file; a guard against pathological input.
const MAX_STRUCTURAL_ERRORS: usize = 200;

/// Deserialize the raw options; on an error, record it, drop the entry it points at and try again,
/// so that every unknown key and mistyped value is reported, not just the first.
fn deserialize_pruning(root: &mut Spanned<DeTable<'_>>, cx: &mut Cx<'_>) -> RawOptions {
    let root_span = root.span();
    for _ in 0..MAX_STRUCTURAL_ERRORS {
        let value = Spanned::new(root_span.clone(), DeValue::Table(root.get_ref().clone()));
        match RawOptions::deserialize(ValueDeserializer::from(value)) {
            Ok(raw) => return raw,
            Err(e) => {
                let span = e.span().unwrap_or(root_span.clone());
                cx.error(span.clone(), humanize(e.message()));
                if !prune_table(root.get_mut(), &span) {
                    return RawOptions::default();
                }
            }
        }
    }
    RawOptions::default()
}

/// Whether `outer` covers `inner`.
fn covers(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start < outer.end && outer.start <= inner.start && inner.end <= outer.end
}

/// Remove the innermost entry of `table` whose key or value covers `span`.
fn prune_table(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    for (_, value) in table.iter_mut() {
        if prune_value(value, span) {
            return true;
        }
    }
    let hit = table
        .iter()
        .find(|(k, v)| covers(&k.span(), span) || covers(&v.span(), span))
        .map(|(k, _)| k.get_ref().to_string());
    match hit {
        Some(key) => table.remove(key.as_str()).is_some(),
        None => false,
    }
}

/// Remove the innermost entry or element inside `value` that covers `span`.
fn prune_value<'i>(value: &mut Spanned<DeValue<'i>>, span: &Range<usize>) -> bool {
    match value.get_mut() {
        DeValue::Table(table) => prune_table(table, span),
        DeValue::Array(array) => {
            for item in array.iter_mut() {
                if prune_value(item, span) {
                    return true;
                }
            }
            let Some(index) = array.iter().position(|item| covers(&item.span(), span)) else {
                return false;
            };
            let kept: DeArray<'i> = std::mem::replace(array, DeArray::new())
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, item)| item)
                .collect();
            *array = kept;
            true
        }
        _ => false,
    }
}

/// Serde's words → TOML's words.
fn humanize(message: &str) -> String {
    let mut m = message.to_owned();
    for (from, to) in [
        ("invalid type: sequence", "invalid type: array"),
        ("invalid type: map", "invalid type: table"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("expected i64", "expected an integer"),
    ] {
        m = m.replace(from, to);
    }
    // `expected struct RawPolicy` → `expected a table`.
    if let Some(at) = m.find("expected struct Raw") {
        let end = m[at..]
            .find(|c: char| !c.is_alphanumeric() && c != ' ')
            .map_or(m.len(), |e| at + e);
        m.replace_range(at..end, "expected a table");
    }
    m
}

/// Error collection.
struct Cx<'t> {
    text: &'t str,
    errors: Vec<PolicyError>,
}

impl Cx<'_> {
    fn error(&mut self, span: Range<usize>, message: String) {
        let (line, column) = position(self.text, span.start);
        self.errors.push(PolicyError {
            line,
            column,
            message,
        });
    }

    fn finish(mut self) -> Vec<PolicyError> {
        self.errors.sort();
        self.errors.dedup();
        self.errors
    }

    /// A path glob, or `None` (with an error) when it is not valid.
    fn glob(&mut self, glob: &Spanned<String>, what: &str) -> Option<String> {
        let g = glob.get_ref();
        if g.is_empty() {
            self.error(glob.span(), format!("empty {what}"));
            return None;
        }
        if g.starts_with('/') || g.starts_with("./") {
            self.error(
                glob.span(),
                format!(
                    "{what} {g:?} starts with {:?}; paths are relative to the repository root, \
                     write {:?}",
                    if g.starts_with('/') { "/" } else { "./" },
                    g.trim_start_matches("./").trim_start_matches('/')
                ),
            );
            return None;
        }
        match Glob::new(g) {
            Ok(_) => Some(g.clone()),
            Err(e) => {
                self.error(glob.span(), format!("invalid {what} {g:?}: {}", e.kind()));
                None
            }
        }
    }

    fn globs(&mut self, globs: &[Spanned<String>], what: &str) -> Vec<String> {
        globs.iter().filter_map(|g| self.glob(g, what)).collect()
    }

    /// A number of approvals, 0 to [`MAX_APPROVALS`].
    fn approvals(&mut self, n: &Spanned<i64>) -> Option<ReviewRequirement> {
        match u32::try_from(*n.get_ref()) {
            Ok(approvals) if approvals <= MAX_APPROVALS => Some(ReviewRequirement { approvals }),
            _ => {
                self.error(
                    n.span(),
                    format!(
                        "approvals must be between 0 and {MAX_APPROVALS}, not {}",
                        n.get_ref()
                    ),
                );
                None
            }
        }
    }

    /// A lifetime limit in seconds.
    fn duration(&mut self, d: &Spanned<RawDuration>) -> Option<u64> {
        let parsed = match d.get_ref() {
            RawDuration::Seconds(s) => u64::try_from(*s)
                .ok()
                .filter(|s| *s > 0)
                .ok_or_else(|| format!("a duration must be longer than zero, not {s} seconds")),
            RawDuration::Text(t) => parse_duration(t),
        };
        match parsed {
            Ok(seconds) => Some(seconds),
            Err(message) => {
                self.error(d.span(), message);
                None
            }
        }
    }

    /// A non-empty name without surrounding whitespace.
    fn name(&mut self, s: &Spanned<String>, what: &str) -> Option<String> {
        let v = s.get_ref();
        if v.trim().is_empty() {
            self.error(s.span(), format!("empty {what}"));
            None
        } else if v.trim() != v {
            self.error(
                s.span(),
                format!("{what} {v:?} has leading or trailing whitespace"),
            );
            None
        } else {
            Some(v.clone())
        }
    }

    /// A repository-relative file path.
    fn repo_path(&mut self, p: &Spanned<String>) -> Option<String> {
        let v = p.get_ref();
        if v.is_empty() {
            self.error(p.span(), "empty path".into());
            None
        } else if v.starts_with('/') || v.contains('\\') || v.split('/').any(|c| c == "..") {
            self.error(
                p.span(),
                format!(
                    "{v:?} is not a repository-relative path (no leading `/`, no `..`, \
                     `/` as separator)"
                ),
            );
            None
        } else {
            Some(v.clone())
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut column = before[line_start..].chars().count() + 1;
    if line == 1 && text.starts_with('\u{feff}') && column > 1 {
        column -= 1;
    }
    (line, column)
}

/// Parse a duration strictly: `<number><unit>` groups, units `w`, `d`, `h`, `m`, `s`, each at most
/// once and largest first, no spaces, longer than zero.
fn parse_duration(text: &str) -> Result<u64, String> {
    const UNITS: [(char, u64); 5] = [
        ('w', 7 * 86_400),
        ('d', 86_400),
        ('h', 3_600),
        ('m', 60),
        ('s', 1),
    ];
    let bad = |why: &str| {
        Err(format!(
            "invalid duration {text:?}: {why} (write e.g. \"90s\", \"15m\", \"1h30m\", \"7d\")"
        ))
    };
    if text.is_empty() {
        return bad("empty");
    }
    let mut total: u64 = 0;
    let mut last_unit: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !c.is_ascii_digit() {
            return if c.is_whitespace() {
                bad("no spaces allowed")
            } else if c == '-' || c == '+' {
                bad("no sign allowed")
            } else {
                bad(&format!("expected a number at {:?}", &text[start..]))
            };
        }
        let mut end = start;
        while let Some(&(i, d)) = chars.peek() {
            if d.is_ascii_digit() {
                end = i + 1;
                chars.next();
            } else {
                break;
            }
        }
        let Ok(number) = text[start..end].parse::<u64>() else {
            return bad("number too large");
        };
        let Some((_, unit)) = chars.next() else {
            return bad("a number needs a unit: s, m, h, d or w");
        };
        let Some(index) = UNITS.iter().position(|(u, _)| *u == unit) else {
            return bad(&format!("unknown unit {unit:?}; use s, m, h, d or w"));
        };
        if last_unit.is_some_and(|l| index <= l) {
            return bad("each unit at most once, largest first");
        }
        last_unit = Some(index);
        let Some(sum) = number
            .checked_mul(UNITS[index].1)
            .and_then(|s| total.checked_add(s))
        else {
            return bad("too long");
        };
        total = sum;
    }
    if total == 0 {
        return Err(format!(
            "invalid duration {text:?}: a duration must be longer than zero"
        ));
    }
    Ok(total)
}

/// Raw options → settings, validating every value.
fn resolve(raw: RawOptions, known_rules: &[(&str, &str)], cx: &mut Cx<'_>) -> Settings {
    let mut s = Settings::default();

    if let Some(policy) = raw.policy {
        if let Some(globs) = policy.identity_paths {
            s.identity_paths = cx.globs(&globs, "glob");
        }
        if let Some(b) = policy.deny_blocks {
            s.deny_blocks = b;
        }
        if let Some(level) = policy.unused_waiver {
            s.unused_waiver = level.0;
        }
    }

    if let Some(levels) = raw.rules.and_then(|r| r.levels) {
        let mut entries: Vec<_> = levels.into_iter().collect();
        // Later lines win: keep file order.
        entries.sort_by_key(|(k, _)| k.span().start);
        for (selector, level) in entries {
            if let Some(sel) = resolve_selector(&selector, known_rules, cx) {
                s.rule_levels.push((sel, level.get_ref().0));
            }
        }
    }

    if let Some(review) = raw.review {
        for (actor, n) in [
            (ActorKey::Agent, &review.agent),
            (ActorKey::Unknown, &review.unknown),
            (ActorKey::Human, &review.human),
            (ActorKey::Bot, &review.bot),
        ] {
            if let Some(n) = n
                && let Some(req) = cx.approvals(n)
            {
                s.review_by_actor.insert(actor, req);
            }
        }
        for (id, n) in review.categories.unwrap_or_default() {
            let category = Category::from_id(id.get_ref());
            if category.is_none() {
                cx.error(id.span(), unknown_category(id.get_ref()));
            }
            let req = cx.approvals(&n);
            if let (Some(category), Some(req)) = (category, req) {
                s.review_by_category.insert(category, req);
            }
        }
    }

    if let Some(ob) = raw.obligations {
        if let Some(b) = ob.tests {
            s.require_tests = b;
        }
        if let Some(globs) = ob.test_paths {
            s.test_paths = cx.globs(&globs, "glob");
        }
        if let Some(b) = ob.rollback_note {
            s.require_rollback_note = b;
        }
    }

    if let Some(limits) = raw.limits {
        if let Some(d) = &limits.max_token_lifetime {
            s.limits.max_token_lifetime = cx.duration(d);
        }
        if let Some(d) = &limits.max_session_lifetime {
            s.limits.max_session_lifetime = cx.duration(d);
        }
        for (list, out, what) in [
            (
                &limits.forbidden_roles,
                &mut s.limits.forbidden_roles,
                "role",
            ),
            (
                &limits.forbidden_grants,
                &mut s.limits.forbidden_grants,
                "grant",
            ),
        ] {
            for item in list.iter().flatten() {
                if let Some(v) = cx.name(item, what) {
                    out.push(v);
                }
            }
        }
    }

    let mut seen_agents: BTreeMap<String, usize> = BTreeMap::new();
    for scope in raw.agent_scopes.unwrap_or_default() {
        let span = scope.span();
        let scope = scope.into_inner();
        let agent = match &scope.agent {
            None => {
                cx.error(
                    span.clone(),
                    "an agent scope needs `agent` (an agent id, or \"*\" for every agent)".into(),
                );
                None
            }
            Some(a) => cx.name(a, "agent id").and_then(|id| {
                let line = position(cx.text, a.span().start).0;
                match seen_agents.insert(id.clone(), line) {
                    Some(first) => {
                        cx.error(
                            a.span(),
                            format!("agent {id:?} already has a scope (line {first})"),
                        );
                        None
                    }
                    None => Some(id),
                }
            }),
        };
        let Some(paths) = &scope.paths else {
            cx.error(
                span,
                "an agent scope needs `paths` (globs the agent may change; `!` entries it may not)"
                    .into(),
            );
            continue;
        };
        let (mut allow, mut deny) = (Vec::new(), Vec::new());
        let mut ok = true;
        for p in paths {
            let (negated, glob) = match p.get_ref().strip_prefix('!') {
                Some(rest) => (true, Spanned::new(p.span(), rest.to_owned())),
                None => (false, p.clone()),
            };
            match cx.glob(&glob, "glob") {
                Some(g) if negated => deny.push(g),
                Some(g) => allow.push(g),
                None => ok = false,
            }
        }
        if allow.is_empty() && !deny.is_empty() {
            allow.push("**".into());
        }
        if let (Some(agent), true) = (agent, ok) {
            s.agent_scopes.push(AgentScope { agent, allow, deny });
        }
    }

    if let Some(paths) = raw.protected.and_then(|p| p.paths) {
        for g in cx.globs(&paths, "glob") {
            if !s.protected_paths.contains(&g) {
                s.protected_paths.push(g);
            }
        }
    }

    if let Some(files) = raw.files {
        if let Some(p) = &files.allowed_signers
            && let Some(p) = cx.repo_path(p)
        {
            s.allowed_signers = p;
        }
        if let Some(list) = files.codeowners {
            if list.get_ref().is_empty() {
                cx.error(list.span(), "name at least one CODEOWNERS path".into());
            }
            let paths: Vec<String> = list
                .get_ref()
                .iter()
                .filter_map(|p| cx.repo_path(p))
                .collect();
            if !paths.is_empty() {
                s.codeowners = paths;
            }
        }
    }

    // The trusted files are the gate's own files wherever they live: protect them too.
    let trusted: Vec<String> = std::iter::once(s.allowed_signers.clone())
        .chain(s.codeowners.iter().cloned())
        .collect();
    for path in trusted {
        let covered = s
            .protected_paths
            .iter()
            .any(|g| Glob::new(g).is_ok_and(|g| g.compile_matcher().is_match(path.as_str())));
        if !covered {
            s.protected_paths.push(globset::escape(&path));
        }
    }

    for (owner, principals) in raw.owners.unwrap_or_default() {
        let name = owner.get_ref();
        if !is_valid_owner(name) {
            cx.error(
                owner.span(),
                format!(
                    "{name:?} is not a CODEOWNERS owner; expected @user, @org/team or an e-mail"
                ),
            );
        }
        let span = principals.span();
        let list: Vec<Spanned<String>> = match principals.into_inner() {
            RawPrincipals::One(p) => vec![Spanned::new(span.clone(), p)],
            RawPrincipals::Many(ps) => ps,
        };
        if list.is_empty() {
            cx.error(span, format!("map {name:?} to at least one principal"));
            continue;
        }
        let mut resolved = Vec::new();
        for p in &list {
            let v = p.get_ref();
            if v.is_empty() || v.chars().any(char::is_whitespace) {
                cx.error(
                    p.span(),
                    format!("{v:?} is not a principal (a non-empty name without spaces)"),
                );
            } else if !resolved.contains(v) {
                resolved.push(v.clone());
            }
        }
        if is_valid_owner(name) && resolved.len() == list.len() {
            s.owners.insert(name.clone(), resolved);
        }
    }

    if let Some(secrets) = raw.secrets {
        s.secrets = resolve_secrets(secrets, cx);
    }

    let _ = raw.provenance;
    s
}

/// `[secrets]` → allow-list entries, each checked: the pattern, a reason, the expiry date.
fn resolve_secrets(raw: RawSecrets, cx: &mut Cx<'_>) -> Vec<SecretAllow> {
    type Entry = (
        Range<usize>,
        &'static str,
        Option<Spanned<String>>,
        Option<Spanned<String>>,
        Option<Spanned<String>>,
    );
    let mut entries: Vec<Entry> = Vec::new();
    for e in raw.paths.unwrap_or_default() {
        let span = e.span();
        let e = e.into_inner();
        entries.push((span, "glob", e.glob, e.reason, e.expires));
    }
    for e in raw.fingerprints.unwrap_or_default() {
        let span = e.span();
        let e = e.into_inner();
        entries.push((span, "fingerprint", e.fingerprint, e.reason, e.expires));
    }
    for e in raw.values.unwrap_or_default() {
        let span = e.span();
        let e = e.into_inner();
        entries.push((span, "regex", e.regex, e.reason, e.expires));
    }
    entries.sort_by_key(|e| e.0.start);
    let mut out = Vec::new();
    for (span, key, pattern, reason, expires) in entries {
        let line = position(cx.text, span.start).0;
        let matches = match &pattern {
            None => {
                cx.error(
                    span.clone(),
                    format!("a [secrets] entry needs `{key}` and `reason`"),
                );
                None
            }
            Some(p) => match key {
                "glob" => cx.glob(p, "glob").map(SecretAllowMatch::Path),
                "fingerprint" => {
                    let f = p.get_ref();
                    if f.len() == 32 && f.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                        Some(SecretAllowMatch::Fingerprint(f.clone()))
                    } else {
                        cx.error(
                            p.span(),
                            format!(
                                "{f:?} is not a secret's fingerprint (32 lower-case hex digits, \
                                 as reports show it)"
                            ),
                        );
                        None
                    }
                }
                _ => match idgate_secrets::compile_value_pattern(p.get_ref()) {
                    Ok(_) if p.get_ref().is_empty() => {
                        cx.error(p.span(), "empty regex: it would allow every value".into());
                        None
                    }
                    Ok(_) => Some(SecretAllowMatch::Value(p.get_ref().clone())),
                    Err(why) => {
                        cx.error(p.span(), format!("invalid regex {:?}: {why}", p.get_ref()));
                        None
                    }
                },
            },
        };
        let reason = match &reason {
            None => {
                if pattern.is_some() {
                    cx.error(
                        span.clone(),
                        "a [secrets] entry needs `reason`: why these are not live credentials"
                            .into(),
                    );
                }
                None
            }
            Some(r) if r.get_ref().chars().filter(|c| c.is_alphanumeric()).count() < 3 => {
                cx.error(
                    r.span(),
                    format!(
                        "reason {:?} says nothing: write why these are not live credentials",
                        r.get_ref()
                    ),
                );
                None
            }
            Some(r) => Some(r.get_ref().trim().to_string()),
        };
        let expires = match &expires {
            None => Some(None),
            Some(d) => match parse_date(d.get_ref()) {
                Ok(day) => Some(Some(day + 86_400)),
                Err(why) => {
                    cx.error(d.span(), why);
                    None
                }
            },
        };
        if let (Some(matches), Some(reason), Some(expires)) = (matches, reason, expires) {
            out.push(SecretAllow {
                matches,
                reason,
                expires,
                line,
            });
        }
    }
    out
}

/// `YYYY-MM-DD` → Unix seconds at the start of that day, UTC.
fn parse_date(text: &str) -> Result<i64, String> {
    let bad = || format!("invalid date {text:?}: write \"YYYY-MM-DD\", e.g. \"2027-06-30\"");
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<i64>(), d.parse::<i64>()) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days_in_month).contains(&d) {
        return Err(bad());
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Ok((era * 146_097 + doe - 719_468) * 86_400)
}

/// A `[rules] levels` selector: code, code prefix, category id, then rule name.
fn resolve_selector(
    selector: &Spanned<String>,
    known_rules: &[(&str, &str)],
    cx: &mut Cx<'_>,
) -> Option<RuleSelector> {
    let sel = selector.get_ref().as_str();
    let code_like = !sel.is_empty()
        && sel
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if code_like && known_rules.iter().any(|(code, _)| code.starts_with(sel)) {
        return Some(RuleSelector::Code(sel.to_owned()));
    }
    if let Some(category) = Category::from_id(sel) {
        return Some(RuleSelector::Category(category));
    }
    if known_rules.iter().any(|(_, name)| *name == sel) {
        return Some(RuleSelector::Name(sel.to_owned()));
    }
    let candidates = known_rules
        .iter()
        .flat_map(|(code, name)| [*code, *name])
        .chain(Category::ALL.iter().map(|c| c.id()));
    let hint = suggest(sel, candidates)
        .map(|s| format!("; did you mean {s:?}?"))
        .unwrap_or_default();
    cx.error(
        selector.span(),
        format!(
            "unknown rule selector {sel:?}: not a rule code (IDG101), code prefix (IDG1), rule \
             name or category id{hint}"
        ),
    );
    None
}

fn unknown_category(id: &str) -> String {
    let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
    let hint = suggest(id, ids.iter().copied())
        .map(|s| format!(" (did you mean {s:?}?)"))
        .unwrap_or_default();
    format!(
        "unknown category {id:?}{hint}; expected one of {}",
        ids.join(", ")
    )
}

/// The closest candidate within a small edit distance (case-insensitive), if any.
fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut seen = BTreeSet::new();
    for c in candidates {
        if !seen.insert(c) {
            continue;
        }
        let d = edit_distance(&lower, &c.to_lowercase());
        let limit = (c.chars().count() / 4).clamp(1, 3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[(&str, &str)] = &[
        ("IDG101", "pyjwt-verification-disabled"),
        ("IDG102", "jwt-none-algorithm"),
        ("IDG201", "token-without-expiry"),
        ("IDG901", "agent-scope"),
    ];

    fn parse(text: &str) -> Result<Settings, Vec<PolicyError>> {
        parse_policy(text, RULES)
    }

    fn errors(text: &str) -> Vec<(usize, usize, String)> {
        parse(text)
            .expect_err("expected errors")
            .into_iter()
            .map(|e| (e.line, e.column, e.message))
            .collect()
    }

    /// The one error of `text`, as `(line, column)`, asserting its message contains `needle`.
    fn one_error(text: &str, needle: &str) -> (usize, usize) {
        let errs = errors(text);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(
            errs[0].2.contains(needle),
            "message {:?} lacks {needle:?}",
            errs[0].2
        );
        (errs[0].0, errs[0].1)
    }

    const FULL: &str = r#"
[policy]
identity-paths = ["app/auth/**", "**/security/**"]   # globs (globset syntax)
deny-blocks = true
unused-waiver = "warn"

[rules]
levels = { IDG101 = "deny", "token-verification" = "deny", "pyjwt-verification-disabled" = "warn" }

[review]
agent = 2
unknown = 1
human = 1
bot = 1
[review.categories]
over-privilege = 2

[obligations]
tests = true
test-paths = ["**/tests/**"]
rollback-note = true

[limits]
max-token-lifetime = "1h"
max-session-lifetime = "12h"
forbidden-roles = ["cluster-admin", "AdministratorAccess"]
forbidden-grants = ["iam:*", "secrets:*"]

[[agent-scopes]]
agent = "claude-code"
paths = ["app/**", "!app/auth/**"]

[protected]
paths = [".idgate/**", "CODEOWNERS", "deploy/gate/**"]

[files]
allowed-signers = ".idgate/allowed_signers"
codeowners = ["CODEOWNERS"]

[owners]
"@alice" = "alice@example.com"
"@acme/security" = ["bob@example.com", "carol@example.com"]

[provenance]
people = ["*@example.com"]
[[provenance.signals]]
agent = "acme-coder"
place = "identity-email"
pattern = "coder-bot@example.com"
"#;

    #[test]
    fn full_example() {
        let s = parse(FULL).expect("valid");
        assert_eq!(s.identity_paths, ["app/auth/**", "**/security/**"]);
        assert!(s.deny_blocks);
        assert_eq!(s.unused_waiver, RuleLevel::Warn);
        assert_eq!(
            s.rule_levels,
            vec![
                (RuleSelector::Code("IDG101".into()), RuleLevel::Deny),
                (
                    RuleSelector::Category(Category::TokenVerification),
                    RuleLevel::Deny
                ),
                (
                    RuleSelector::Name("pyjwt-verification-disabled".into()),
                    RuleLevel::Warn
                ),
            ]
        );
        assert_eq!(s.review_by_actor[&ActorKey::Agent].approvals, 2);
        assert_eq!(s.review_by_actor[&ActorKey::Bot].approvals, 1);
        assert_eq!(
            s.review_by_category[&Category::OverPrivilege],
            ReviewRequirement { approvals: 2 }
        );
        assert!(s.require_tests);
        assert_eq!(s.test_paths, ["**/tests/**"]);
        assert!(s.require_rollback_note);
        assert_eq!(s.limits.max_token_lifetime, Some(3600));
        assert_eq!(s.limits.max_session_lifetime, Some(12 * 3600));
        assert_eq!(
            s.limits.forbidden_roles,
            ["cluster-admin", "AdministratorAccess"]
        );
        assert_eq!(s.limits.forbidden_grants, ["iam:*", "secrets:*"]);
        assert_eq!(
            s.agent_scopes,
            vec![AgentScope {
                agent: "claude-code".into(),
                allow: vec!["app/**".into()],
                deny: vec!["app/auth/**".into()],
            }]
        );
        // Added to the defaults, never replacing them; no duplicates.
        let defaults = Settings::default().protected_paths;
        assert!(defaults.iter().all(|d| s.protected_paths.contains(d)));
        assert_eq!(s.protected_paths.len(), defaults.len() + 1);
        assert_eq!(s.protected_paths.last().unwrap(), "deploy/gate/**");
        assert_eq!(s.allowed_signers, ".idgate/allowed_signers");
        assert_eq!(s.codeowners, ["CODEOWNERS"]);
        assert_eq!(s.owners["@alice"], ["alice@example.com"]);
        assert_eq!(
            s.owners["@acme/security"],
            ["bob@example.com", "carol@example.com"]
        );
        // The provenance table parses on its own terms from the same file.
        let prov = idgate_provenance::settings::parse_provenance_settings(FULL).expect("valid");
        assert_eq!(prov.people, ["*@example.com"]);
    }

    #[test]
    fn empty_and_comment_only_files_are_the_default() {
        assert_eq!(parse("").unwrap(), Settings::default());
        assert_eq!(parse("\n\n  # nothing\r\n").unwrap(), Settings::default());
        assert_eq!(parse("[policy]\n[review]\n").unwrap(), Settings::default());
    }

    #[test]
    fn later_rule_lines_win_in_file_order() {
        // The keys sort differently from file order ("IDG1" < "agent-scope" < "token-…");
        // file order is kept, so the engine can let later entries win.
        let s = parse(
            "[rules.levels]\n\"token-verification\" = \"warn\"\nIDG1 = \"deny\"\n\"agent-scope\" = \"allow\"\n",
        )
        .unwrap();
        assert_eq!(
            s.rule_levels,
            vec![
                (
                    RuleSelector::Category(Category::TokenVerification),
                    RuleLevel::Warn
                ),
                (RuleSelector::Code("IDG1".into()), RuleLevel::Deny),
                // Both a category id and a rule name: the category.
                (
                    RuleSelector::Category(Category::AgentScope),
                    RuleLevel::Allow
                ),
            ]
        );
    }

    #[test]
    fn syntax_error() {
        let errs = errors("[policy]\ndeny-blocks = \n");
        assert_eq!(errs[0].0, 2);
        assert_eq!(errs[0].1, 15);
        let errs = errors("[policy]\ndeny-blocks = true\n[policy]\n");
        assert_eq!((errs[0].0, errs[0].1), (3, 2));
        assert!(errs[0].2.contains("duplicate"), "{errs:?}");
    }

    #[test]
    fn unknown_table_and_key() {
        assert_eq!(
            one_error("[polcy]\ndeny-blocks = true\n", "unknown field `polcy`"),
            (1, 2)
        );
        assert_eq!(
            one_error(
                "[policy]\n\ndenyblocks = true\n",
                "unknown field `denyblocks`"
            ),
            (3, 1)
        );
        assert_eq!(
            one_error(
                "[[agent-scopes]]\nagent = \"x\"\npath = []\npaths = []\n",
                "unknown field `path`"
            ),
            (3, 1)
        );
        assert_eq!(
            one_error(
                "[review.categorie]\nover-privilege = 2\n",
                "unknown field `categorie`"
            ),
            (1, 9)
        );
    }

    #[test]
    fn wrong_types() {
        assert_eq!(
            one_error("[policy]\ndeny-blocks = 1\n", "expected a boolean"),
            (2, 15)
        );
        assert_eq!(
            one_error(
                "[policy]\nidentity-paths = \"app/**\"\n",
                "expected an array"
            ),
            (2, 18)
        );
        assert_eq!(
            one_error(
                "[policy]\nidentity-paths = [\"a/**\", 3]\n",
                "expected a string"
            ),
            (2, 27)
        );
        assert_eq!(one_error("policy = 3\n", "expected a table"), (1, 10));
        assert_eq!(
            one_error("[review]\nagent = 1.5\n", "expected an integer"),
            (2, 9)
        );
        assert_eq!(
            one_error("[owners]\n\"@a\" = 3\n", "expected a principal"),
            (2, 8)
        );
    }

    #[test]
    fn bad_levels() {
        assert_eq!(
            one_error(
                "[policy]\nunused-waiver = \"dney\"\n",
                "expected \"allow\", \"warn\" or \"deny\""
            ),
            (2, 17)
        );
        assert_eq!(
            one_error(
                "[rules]\nlevels = { IDG101 = \"deny\", IDG102 = \"loud\" }\n",
                "invalid value: string \"loud\""
            ),
            (2, 38)
        );
    }

    #[test]
    fn unknown_selectors() {
        let (line, col) = one_error(
            "[rules]\nlevels = { IDG999 = \"deny\" }\n",
            "unknown rule selector \"IDG999\"",
        );
        assert_eq!((line, col), (2, 12));
        let errs = errors("[rules.levels]\n\"pyjwt-verification-disable\" = \"deny\"\n");
        assert!(
            errs[0]
                .2
                .contains("did you mean \"pyjwt-verification-disabled\"?"),
            "{errs:?}"
        );
        let errs = errors("[rules.levels]\nidg101 = \"deny\"\n");
        assert!(errs[0].2.contains("did you mean \"IDG101\"?"), "{errs:?}");
        // A prefix must be code-like.
        one_error(
            "[rules.levels]\nIDG1x = \"deny\"\n",
            "unknown rule selector",
        );
        // Without a rule table only categories are known.
        assert!(parse_policy("[rules.levels]\nIDG101 = \"deny\"\n", &[]).is_err());
        assert!(parse_policy("[rules.levels]\nover-privilege = \"deny\"\n", &[]).is_ok());
    }

    #[test]
    fn bad_globs() {
        assert_eq!(
            one_error(
                "[policy]\nidentity-paths = [\"app/**\", \"a[b\"]\n",
                "invalid glob \"a[b\""
            ),
            (2, 29)
        );
        assert_eq!(
            one_error("[obligations]\ntest-paths = [\"{a,b\"]\n", "invalid glob"),
            (2, 15)
        );
        assert_eq!(
            one_error(
                "[protected]\npaths = [\"/etc/**\"]\n",
                "relative to the repository root"
            ),
            (2, 10)
        );
        assert_eq!(
            one_error("[protected]\npaths = [\"\"]\n", "empty glob"),
            (2, 10)
        );
        assert_eq!(
            one_error(
                "[[agent-scopes]]\nagent = \"a\"\npaths = [\"ok/**\", \"!x**y/[\"]\n",
                "invalid glob \"x**y/[\""
            ),
            (3, 19)
        );
        // A bad protected glob never removes the built-in list.
        assert!(parse("[protected]\npaths = [\"a[\"]\n").is_err());
    }

    #[test]
    fn durations() {
        let limit = |v: &str| {
            parse(&format!("[limits]\nmax-token-lifetime = {v}\n"))
                .map(|s| s.limits.max_token_lifetime.unwrap())
        };
        assert_eq!(limit("\"90s\""), Ok(90));
        assert_eq!(limit("\"15m\""), Ok(900));
        assert_eq!(limit("\"1h\""), Ok(3600));
        assert_eq!(limit("\"7d\""), Ok(7 * 86_400));
        assert_eq!(limit("\"2w\""), Ok(14 * 86_400));
        assert_eq!(limit("\"1h30m\""), Ok(5400));
        assert_eq!(limit("\"1d2h3m4s\""), Ok(86_400 + 7200 + 180 + 4));
        assert_eq!(limit("3600"), Ok(3600));
        for (bad, why) in [
            ("\"\"", "empty"),
            ("\"1\"", "needs a unit"),
            ("\"h\"", "expected a number"),
            ("\"1x\"", "unknown unit 'x'"),
            ("\"1H\"", "unknown unit 'H'"),
            ("\"1 h\"", "unknown unit ' '"),
            ("\" 1h\"", "no spaces"),
            ("\"30m1h\"", "largest first"),
            ("\"1h1h\"", "largest first"),
            ("\"-1h\"", "no sign"),
            ("\"0s\"", "longer than zero"),
            ("0", "longer than zero"),
            ("-5", "longer than zero"),
            ("\"99999999999999999999s\"", "too large"),
            ("\"9999999999999999w\"", "too long"),
            ("\"1.5h\"", "unknown unit '.'"),
        ] {
            let text = format!("[limits]\nmax-token-lifetime = {bad}\n");
            let errs = errors(&text);
            assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
            assert_eq!((errs[0].0, errs[0].1), (2, 22), "{bad}");
            assert!(errs[0].2.contains(why), "{bad}: {:?}", errs[0].2);
        }
        assert_eq!(
            one_error(
                "[limits]\nmax-session-lifetime = true\n",
                "a duration such as"
            ),
            (2, 24)
        );
    }

    #[test]
    fn review_counts() {
        let s = parse("[review]\nagent = 0\nhuman = 10\n").unwrap();
        assert_eq!(s.review_by_actor[&ActorKey::Agent].approvals, 0);
        assert_eq!(s.review_by_actor[&ActorKey::Human].approvals, 10);
        assert_eq!(s.review_by_actor[&ActorKey::Unknown].approvals, 1);
        assert_eq!(
            one_error("[review]\nagent = 11\n", "between 0 and 10, not 11"),
            (2, 9)
        );
        assert_eq!(
            one_error("[review]\nbot = -1\n", "between 0 and 10, not -1"),
            (2, 7)
        );
        assert_eq!(
            one_error(
                "[review.categories]\nover-privilege = 99\n",
                "between 0 and 10"
            ),
            (2, 18)
        );
    }

    #[test]
    fn unknown_category() {
        let (line, col) = one_error(
            "[review.categories]\nover-privlege = 2\n",
            "unknown category \"over-privlege\" (did you mean \"over-privilege\"?)",
        );
        assert_eq!((line, col), (2, 1));
        let errs = errors("[review.categories]\nbogus = 2\n");
        assert!(errs[0].2.contains("token-verification, token-lifetime"));
    }

    #[test]
    fn agent_scopes() {
        assert_eq!(
            one_error("[[agent-scopes]]\npaths = [\"a/**\"]\n", "needs `agent`"),
            (1, 1)
        );
        assert_eq!(
            one_error("[[agent-scopes]]\nagent = \"a\"\n", "needs `paths`"),
            (1, 1)
        );
        assert_eq!(
            one_error(
                "[[agent-scopes]]\nagent = \"\"\npaths = []\n",
                "empty agent id"
            ),
            (2, 9)
        );
        assert_eq!(
            one_error(
                "[[agent-scopes]]\nagent = \"a\"\npaths = []\n\n[[agent-scopes]]\nagent = \"a\"\npaths = []\n",
                "agent \"a\" already has a scope (line 2)"
            ),
            (6, 9)
        );
        let s = parse("[[agent-scopes]]\nagent = \"*\"\npaths = [\"!app/auth/**\"]\n").unwrap();
        assert_eq!(s.agent_scopes[0].allow, ["**"]);
        assert_eq!(s.agent_scopes[0].deny, ["app/auth/**"]);
        let s = parse("[[agent-scopes]]\nagent = \"x\"\npaths = []\n").unwrap();
        assert!(s.agent_scopes[0].allow.is_empty());
    }

    #[test]
    fn files_and_owners() {
        assert_eq!(
            one_error(
                "[files]\nallowed-signers = \"/etc/keys\"\n",
                "repository-relative"
            ),
            (2, 19)
        );
        assert_eq!(
            one_error(
                "[files]\ncodeowners = [\"CODEOWNERS\", \"../x\"]\n",
                "repository-relative"
            ),
            (2, 29)
        );
        assert_eq!(
            one_error("[files]\ncodeowners = []\n", "at least one CODEOWNERS path"),
            (2, 14)
        );
        assert_eq!(
            one_error(
                "[owners]\nalice = \"alice@example.com\"\n",
                "not a CODEOWNERS owner"
            ),
            (2, 1)
        );
        assert_eq!(
            one_error("[owners]\n\"@alice\" = []\n", "at least one principal"),
            (2, 12)
        );
        assert_eq!(
            one_error(
                "[owners]\n\"@alice\" = [\"a@x\", \"b c\"]\n",
                "not a principal"
            ),
            (2, 20)
        );
        let s = parse("[owners]\n\"dev@example.com\" = \"dev@example.com\"\n").unwrap();
        assert_eq!(s.owners["dev@example.com"], ["dev@example.com"]);
    }

    #[test]
    fn trusted_files_elsewhere_are_protected() {
        let s = parse(
            "[files]\nallowed-signers = \"keys/signers[1]\"\ncodeowners = [\"CODEOWNERS\", \"meta/OWNERS\"]\n",
        )
        .unwrap();
        let d = Settings::default();
        assert_eq!(
            &s.protected_paths[..d.protected_paths.len()],
            &d.protected_paths[..]
        );
        assert_eq!(
            &s.protected_paths[d.protected_paths.len()..],
            ["keys/signers[[]1[]]", "meta/OWNERS"]
        );
        let literal = Glob::new(&s.protected_paths[d.protected_paths.len()])
            .unwrap()
            .compile_matcher();
        assert!(literal.is_match("keys/signers[1]"));
    }

    #[test]
    fn several_syntax_errors_are_all_reported() {
        let errs = errors("[policy]\ndeny-blocks = \nunused-waiver = \"warn\nidentity-paths = [\n");
        assert!(errs.len() >= 2, "{errs:?}");
        assert_eq!((errs[0].0, errs[0].1), (2, 15));
        assert!(
            errs.windows(2)
                .all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1))
        );
    }

    #[test]
    fn limits_names() {
        assert_eq!(
            one_error(
                "[limits]\nforbidden-roles = [\"admin\", \" \"]\n",
                "empty role"
            ),
            (2, 29)
        );
        assert_eq!(
            one_error("[limits]\nforbidden-grants = [\" iam:* \"]\n", "whitespace"),
            (2, 21)
        );
    }

    #[test]
    fn many_errors_at_once_sorted_by_position() {
        let text = "\
[polcy]
x = 1

[policy]
identity-paths = [\"a[\", \"ok/**\", 7]
deny-blocks = \"yes\"
unused-waiver = \"dney\"
colour = \"blue\"

[rules]
levels = { IDG999 = \"deny\", IDG101 = \"deny\", IDG102 = \"never\" }

[review]
agent = 12
[review.categories]
nope = 1

[limits]
max-token-lifetime = \"1x\"

[[agent-scopes]]
paths = [\"a/**\"]
";
        let errs = errors(text);
        let at: Vec<(usize, usize)> = errs.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(
            at,
            vec![
                (1, 2),   // [polcy]
                (5, 19),  // "a["
                (5, 34),  // 7
                (6, 15),  // "yes"
                (7, 17),  // "dney"
                (8, 1),   // colour
                (11, 12), // IDG999
                (11, 55), // "never"
                (14, 9),  // 12
                (16, 1),  // nope
                (19, 22), // "1x"
                (21, 1),  // no agent
            ],
            "{errs:#?}"
        );
        // Display names the position.
        let first = parse(text).unwrap_err().remove(0);
        assert!(
            first
                .to_string()
                .starts_with("line 1, column 2: unknown field `polcy`")
        );
    }

    #[test]
    fn crlf_positions_match_lf() {
        let lf =
            "[policy]\ndeny-blocks = true\nidentity-paths = [\"a[\"]\n\n[review]\nagent = 11\n";
        let crlf = lf.replace('\n', "\r\n");
        let a = errors(lf);
        let b = errors(&crlf);
        assert_eq!(a, b);
        assert_eq!((a[0].0, a[0].1), (3, 19));
        assert_eq!((a[1].0, a[1].1), (6, 9));
        let ok = FULL.replace('\n', "\r\n");
        assert_eq!(parse(&ok).unwrap(), parse(FULL).unwrap());
    }

    #[test]
    fn columns_count_characters_and_skip_bom() {
        let (line, col) = one_error(
            "[policy]\n# é\nidentity-paths = [\"é\", \"[\"]\n",
            "invalid glob",
        );
        assert_eq!((line, col), (3, 24));
        assert_eq!(
            one_error("\u{feff}deny = 1\n", "unknown field `deny`"),
            (1, 1)
        );
    }

    #[test]
    fn provenance_table_is_accepted_not_read() {
        let s = parse("[provenance]\nanything = \"goes\"\n[provenance.x]\ny = 1\n").unwrap();
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn digest_is_sha256_of_raw_bytes() {
        assert_eq!(
            policy_digest(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            policy_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(policy_digest("a\n"), policy_digest("a\r\n"));
    }

    // --- the documentation table and the parser accept the same keys ------------------------

    /// The field names a serde-derived struct accepts, read from `deserialize_struct`.
    fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
        use std::cell::Cell;
        struct Probe<'a>(&'a Cell<&'static [&'static str]>);
        impl<'de> de::Deserializer<'de> for Probe<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0.set(fields);
                Err(de::Error::custom("probed"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
                identifier ignored_any
            }
        }
        let cell = Cell::new(&[][..]);
        let _ = T::deserialize(Probe(&cell));
        cell.get()
    }

    fn sorted(keys: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
        let mut v: Vec<_> = keys.into_iter().collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn secrets_allow_list_entries_are_checked_with_their_lines() {
        let s = parse(
            r#"
[secrets]
paths = [{ glob = "tests/fixtures/**", reason = "revoked sample keys", expires = "2027-02-28" }]
fingerprints = [{ fingerprint = "0123456789abcdef0123456789abcdef", reason = "SEC-41 rotated" }]
[[secrets.values]]
regex = "^AKIA[0-9A-Z]{9}EXAMPLE$"
reason = "AWS documentation example"
"#,
        )
        .unwrap();
        assert_eq!(
            s.secrets,
            vec![
                SecretAllow {
                    matches: SecretAllowMatch::Path("tests/fixtures/**".into()),
                    reason: "revoked sample keys".into(),
                    // The end of 2027-02-28, UTC.
                    expires: Some(1_803_859_200),
                    line: 3,
                },
                SecretAllow {
                    matches: SecretAllowMatch::Fingerprint(
                        "0123456789abcdef0123456789abcdef".into()
                    ),
                    reason: "SEC-41 rotated".into(),
                    expires: None,
                    line: 4,
                },
                SecretAllow {
                    matches: SecretAllowMatch::Value("^AKIA[0-9A-Z]{9}EXAMPLE$".into()),
                    reason: "AWS documentation example".into(),
                    expires: None,
                    line: 5,
                },
            ]
        );
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(parse_date("2000-02-29"), Ok(951_782_400));

        let errs = errors(
            r#"[secrets]
paths = [{ glob = "x/**" }]
fingerprints = [{ fingerprint = "ABC", reason = "sample key" }]
values = [
  { regex = "a(", reason = "sample" },
  { regex = "x", reason = "--" },
  { regex = "y", reason = "known example", expires = "2027-02-30" },
  { regx = "z" },
]
"#,
        );
        let lines: Vec<usize> = errs.iter().map(|e| e.0).collect();
        assert_eq!(lines, [2, 3, 5, 6, 7, 8, 8], "{errs:#?}");
        assert!(errs[0].2.contains("needs `reason`"), "{errs:#?}");
        assert!(errs[1].2.contains("32 lower-case hex"), "{errs:#?}");
        assert!(errs[2].2.contains("invalid regex"), "{errs:#?}");
        assert!(errs[3].2.contains("says nothing"), "{errs:#?}");
        assert!(errs[4].2.contains("invalid date"), "{errs:#?}");
        assert!(
            errs[5..]
                .iter()
                .any(|e| e.2.contains("unknown field `regx`")),
            "{errs:#?}"
        );
    }

    #[test]
    fn documented_keys_are_exactly_the_accepted_keys() {
        assert_eq!(
            sorted(fields_of::<RawOptions>().iter().copied()),
            sorted(OPTION_TABLES.iter().map(|t| t.name)),
            "top-level tables"
        );
        let structs: &[(&str, &[&str])] = &[
            ("policy", fields_of::<RawPolicy>()),
            ("rules", fields_of::<RawRules>()),
            ("review", fields_of::<RawReview>()),
            ("obligations", fields_of::<RawObligations>()),
            ("limits", fields_of::<RawLimits>()),
            ("agent-scopes", fields_of::<RawAgentScope>()),
            ("protected", fields_of::<RawProtected>()),
            ("files", fields_of::<RawFiles>()),
            ("secrets", fields_of::<RawSecrets>()),
        ];
        for table in OPTION_TABLES {
            let documented = sorted(table.options.iter().map(|o| o.key));
            match structs.iter().find(|(name, _)| *name == table.name) {
                Some((_, fields)) => {
                    assert_eq!(
                        sorted(fields.iter().copied()),
                        documented,
                        "[{}]",
                        table.name
                    );
                }
                // Free-form tables: one placeholder row (owners) or none (provenance).
                None => assert!(
                    table.options.iter().all(OptionDoc::is_placeholder),
                    "[{}]",
                    table.name
                ),
            }
            for o in table.options {
                assert!(
                    !o.description.is_empty() && !o.value_type.is_empty(),
                    "{}",
                    o.key
                );
                if !o.is_placeholder() {
                    let example_key = o.example.split('=').next().unwrap().trim();
                    assert_eq!(example_key, o.key, "example of [{}] {}", table.name, o.key);
                }
            }
        }
    }

    /// A document using every documented key, built from the examples.
    pub(crate) fn every_key_document() -> String {
        let mut doc = String::new();
        for t in OPTION_TABLES {
            if t.array {
                doc.push_str(&format!("[[{}]]\n", t.name));
            } else {
                doc.push_str(&format!("[{}]\n", t.name));
            }
            for o in t.options {
                doc.push_str(o.example);
                doc.push('\n');
            }
            doc.push('\n');
        }
        doc
    }

    #[test]
    fn every_documented_key_is_accepted() {
        let doc = every_key_document();
        let s = parse(&doc).unwrap_or_else(|e| panic!("{e:#?}\n{doc}"));
        assert!(s.deny_blocks && s.require_tests && s.require_rollback_note);
        assert_eq!(s.limits.max_token_lifetime, Some(3600));
        assert_eq!(s.owners.len(), 1);
        assert_eq!(s.agent_scopes.len(), 1);
    }

    #[test]
    fn an_undocumented_key_is_rejected_in_every_table() {
        for t in OPTION_TABLES {
            if t.name == "provenance" || t.options.iter().any(OptionDoc::is_placeholder) {
                continue;
            }
            let header = if t.array {
                format!("[[{}]]", t.name)
            } else {
                format!("[{}]", t.name)
            };
            // The table's documented keys, then one that is not documented.
            let mut text = format!("{header}\n");
            for o in t.options {
                text.push_str(o.example);
                text.push('\n');
            }
            text.push_str("undocumented-key = 1\n");
            let (line, col) = one_error(&text, "unknown field `undocumented-key`");
            assert_eq!((line, col), (t.options.len() + 2, 1), "[{}]", t.name);
        }
        one_error(
            "undocumented-table = 1\n",
            "unknown field `undocumented-table`",
        );
    }

    #[test]
    fn documented_defaults_are_the_built_in_defaults() {
        for t in OPTION_TABLES {
            for o in t.options {
                if o.default.is_empty() || t.array {
                    continue;
                }
                let text = format!("[{}]\n{} = {}\n", t.name, o.key, o.default);
                let s = parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
                assert_eq!(s, Settings::default(), "default of [{}] {}", t.name, o.key);
            }
        }
    }
}
