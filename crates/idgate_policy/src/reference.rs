//! Generated documentation for the policy file: the options reference page and the starter
//! policy that `idgate init` writes.
//!
//! Both come from [`crate::options::OPTION_TABLES`] or are tested against the parser, so neither
//! can drift from what [`crate::options::parse_policy`] accepts.

use std::fmt::Write as _;

use crate::options::{OPTION_TABLES, OptionDoc, TableDoc};

/// The options reference for `.idgate/policy.toml`, as a markdown page: an overview of every key
/// (table, key, type, default, description), then one section per table with an example.
pub fn options_reference() -> String {
    let mut md = String::new();
    md.push_str(
        "# Policy options\n\n\
         `.idgate/policy.toml` sets the policy idgate judges changes by. It is always read from \
         the **base** revision: a change is judged by the policy it started from, never by one it \
         brings along, and editing the policy raises `guardrail-tamper`.\n\n\
         Keys are kebab-case. An unknown key, a value of the wrong type, an invalid glob or \
         duration, an unknown rule or category is an error that names its line and column; all \
         errors are reported at once. A key that is absent keeps its default, and a file without \
         any key is the built-in policy.\n\n\
         Globs use globset syntax (`*` within a path segment, `**` across segments, `{a,b}`, \
         `[ab]`) and are relative to the repository root.\n\n",
    );

    md.push_str(
        "## Overview\n\n| table | key | type | default | description |\n|---|---|---|---|---|\n",
    );
    for t in OPTION_TABLES {
        if t.options.is_empty() {
            let _ = writeln!(
                md,
                "| {} | — | table | — | {} |",
                header(t),
                cell(first_sentence(t.description))
            );
        }
        for o in t.options {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                header(t),
                key(o),
                cell(o.value_type),
                default(o),
                cell(first_sentence(o.description))
            );
        }
    }
    md.push('\n');

    for t in OPTION_TABLES {
        let _ = write!(md, "## {}\n\n{}\n\n", header(t), t.description);
        if t.options.is_empty() {
            continue;
        }
        md.push_str("| key | type | default | description |\n|---|---|---|---|\n");
        for o in t.options {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                key(o),
                cell(o.value_type),
                default(o),
                cell(o.description)
            );
        }
        let header_line = if t.array {
            format!("[[{}]]", t.name)
        } else {
            format!("[{}]", t.name)
        };
        let _ = write!(md, "\nExample:\n\n```toml\n{header_line}\n");
        for o in t.options {
            let _ = writeln!(md, "{}", o.example);
        }
        md.push_str("```\n\n");
    }
    md
}

fn header(t: &TableDoc) -> String {
    if t.array {
        format!("`[[{}]]`", t.name)
    } else {
        format!("`[{}]`", t.name)
    }
}

fn key(o: &OptionDoc) -> String {
    if o.is_placeholder() {
        format!("*{}*", o.key.replace('<', "&lt;").replace('>', "&gt;"))
    } else {
        format!("`{}`", o.key)
    }
}

fn default(o: &OptionDoc) -> String {
    if o.default.is_empty() {
        "—".into()
    } else {
        format!("`{}`", o.default.replace('|', "\\|"))
    }
}

/// Text safe inside a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

/// A documented starter `.idgate/policy.toml`: the built-in policy written out, with every
/// section explained and optional parts shown commented out.
pub fn starter_policy() -> String {
    STARTER.to_owned()
}

const STARTER: &str = r#"# idgate policy.
#
# idgate judges every change by the copy of this file in the change's BASE revision, so a change
# can never relax the policy that judges it; a change to this file (or to CODEOWNERS, the
# allowed-signers file or the CI gate) is itself flagged as guardrail-tamper and needs review.
# Unknown keys are errors, and every mistake is reported with its line and column.

[policy]
# Identity-critical paths (globs relative to the repository root): any change there needs review,
# even when no rule fires.
# identity-paths = ["app/auth/**", "**/security/**", "config/iam/**"]

# Deny-level findings block the merge when true; when false they make the change need review.
deny-blocks = false

# A waiver that matches no finding is reported at this level: "allow", "warn" or "deny".
unused-waiver = "warn"

[rules]
# Levels ("allow", "warn", "deny") per rule code (IDG101), code prefix (IDG1), category id or rule
# name. Later entries win over earlier ones.
# levels = { "token-verification" = "deny", "hardcoded-secret" = "deny" }

[review]
# Signed approvals needed from code owners of the touched paths, by who made the change. The
# author never counts, and an AI agent can never approve.
agent = 2      # an AI agent wrote it
unknown = 1    # no provenance marker (never assumed to be a person)
human = 1
bot = 1

[review.categories]
# More approvals when a change has findings of a category; the largest requirement wins.
privilege-escalation = 2
guardrail-tamper = 2

[obligations]
# Require changed tests when identity code changes.
tests = false
# Require a "Rollback:" trailer or a rollback note when identity code changes.
rollback-note = false
# Test file globs (replaces the built-in list when set).
# test-paths = ["**/tests/**", "**/*_test.go"]

[limits]
# Longest lifetimes allowed (90s, 15m, 1h, 7d, 2w, or combinations like 1h30m).
max-token-lifetime = "1h"
max-session-lifetime = "12h"
# Roles and permission patterns that may never be granted.
forbidden-roles = ["cluster-admin", "AdministratorAccess"]
forbidden-grants = ["iam:*"]

# Paths an AI agent may change; '!' entries are paths it must not change. An agent without a
# scope may change any path.
# [[agent-scopes]]
# agent = "claude-code"        # or "*" for every agent
# paths = ["app/**", "!app/auth/**"]

[protected]
# Always protected, whatever this file says: .idgate/**, CODEOWNERS, .github/CODEOWNERS,
# docs/CODEOWNERS, .github/workflows/**, .gitlab-ci.yml, .pre-commit-config.yaml.
# Paths listed here are added to those (a policy cannot unprotect the gate's own files).
paths = []

[files]
# Where the trusted files live in the base revision.
allowed-signers = ".idgate/allowed_signers"
codeowners = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

[owners]
# CODEOWNERS handles -> the allowed-signers principals (e-mails) of the people behind them.
# "@alice" = "alice@example.com"
# "@acme/security" = ["bob@example.com", "carol@example.com"]

# Credentials idgate must not report because they are known test or example values. Every entry
# needs a reason; `expires = "YYYY-MM-DD"` makes it stop applying after that day (UTC).
# [secrets]
# paths = [{ glob = "tests/fixtures/keys/**", reason = "revoked sample keys", expires = "2027-06-30" }]
# fingerprints = [{ fingerprint = "0123456789abcdef0123456789abcdef", reason = "SEC-41: rotated" }]
# values = [{ regex = "^AKIA[0-9A-Z]{9}EXAMPLE$", reason = "AWS documentation example key" }]

# Who counts as a person, agents' own signing keys and extra agent signals (read by the
# provenance stage).
# [provenance]
# people = ["*@example.com"]
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::parse_policy;
    use crate::settings::{ActorKey, Settings};
    use idgate_core::Category;

    #[test]
    fn reference_documents_every_table_and_key() {
        let md = options_reference();
        for t in OPTION_TABLES {
            assert!(md.contains(&format!("## {}", header(t))), "{}", t.name);
            for o in t.options {
                assert!(md.contains(&key(o)), "{}.{}", t.name, o.key);
                assert!(md.contains(o.example), "{}.{}", t.name, o.key);
            }
        }
        assert!(md.contains("| `[policy]` | `deny-blocks` | boolean | `false` |"));
        assert!(md.contains("*&lt;owner&gt;*"));
        // Every table row has as many cells as its header.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(cells == 6 || cells == 5, "{line}");
        }
    }

    #[test]
    fn reference_examples_parse() {
        let md = options_reference();
        let mut blocks = Vec::new();
        let mut cur: Option<String> = None;
        for line in md.lines() {
            match (&mut cur, line) {
                (None, "```toml") => cur = Some(String::new()),
                (Some(_), "```") => blocks.push(cur.take().unwrap()),
                (Some(b), l) => {
                    b.push_str(l);
                    b.push('\n');
                }
                (None, _) => {}
            }
        }
        assert_eq!(
            blocks.len(),
            OPTION_TABLES
                .iter()
                .filter(|t| !t.options.is_empty())
                .count()
        );
        let rules = &[("IDG101", "pyjwt-verification-disabled")];
        for b in blocks {
            parse_policy(&b, rules).unwrap_or_else(|e| panic!("{b}\n{e:?}"));
        }
    }

    #[test]
    fn starter_policy_parses_with_sensible_defaults() {
        let starter = starter_policy();
        let s = parse_policy(&starter, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        let d = Settings::default();
        assert_eq!(s.review_by_actor[&ActorKey::Agent].approvals, 2);
        assert_eq!(s.review_by_actor, d.review_by_actor);
        assert_eq!(
            s.review_by_category[&Category::PrivilegeEscalation].approvals,
            2
        );
        assert_eq!(
            s.review_by_category[&Category::GuardrailTamper].approvals,
            2
        );
        assert_eq!(s.protected_paths, d.protected_paths);
        assert_eq!(s.codeowners, d.codeowners);
        assert_eq!(s.allowed_signers, d.allowed_signers);
        assert_eq!(s.test_paths, d.test_paths);
        assert_eq!(s.limits.max_token_lifetime, Some(3600));
        assert_eq!(s.limits.max_session_lifetime, Some(12 * 3600));
        assert!(!s.deny_blocks);
        assert!(s.identity_paths.is_empty() && s.agent_scopes.is_empty() && s.owners.is_empty());
        // The provenance stage accepts it too.
        idgate_provenance::settings::parse_provenance_settings(&starter).expect("valid");
    }

    #[test]
    fn starter_policy_mentions_every_table_and_its_commented_examples_parse() {
        let starter = starter_policy();
        for t in OPTION_TABLES {
            let h = if t.array {
                format!("[[{}]]", t.name)
            } else {
                format!("[{}]", t.name)
            };
            assert!(starter.contains(&h), "{h}");
        }
        // Uncommenting every commented-out `key = value` and header still parses.
        let uncommented: String = starter
            .lines()
            .map(|l| {
                let body = l.strip_prefix("# ").unwrap_or(l);
                let looks_like_toml = body.starts_with('[')
                    || body
                        .split_once(" = ")
                        .is_some_and(|(k, _)| !k.contains(' ') && !k.is_empty());
                if looks_like_toml { body } else { l }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let s = parse_policy(&uncommented, &[]).unwrap_or_else(|e| panic!("{uncommented}\n{e:?}"));
        assert_eq!(s.identity_paths.len(), 3);
        assert_eq!(s.agent_scopes.len(), 1);
        assert_eq!(s.owners.len(), 2);
        assert_eq!(s.rule_levels.len(), 2);
        assert_eq!(s.test_paths.len(), 2);
    }
}
