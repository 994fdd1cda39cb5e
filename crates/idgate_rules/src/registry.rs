//! The rule table and the types a rule is made of.

use std::cell::OnceCell;

use idgate_core::{Category, Level, Severity};
use idgate_lang::{Language, Source};

use crate::syntax::decl::{Decl, declarations_in};
use crate::syntax::facts::Facts;
use crate::syntax::fail_open::{FailOpen, fail_opens};

/// Where a rule is in its life. Codes are never reused, even for removed rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// New; its precision is still being measured.
    Preview {
        /// The version that introduced it.
        since: &'static str,
    },
    /// Stable.
    Stable {
        /// The version that made it stable.
        since: &'static str,
    },
}

/// What a rule sees: one file, the new version parsed, and the old version when there is one.
pub struct RuleContext<'a> {
    /// Repository-relative path.
    pub path: &'a str,
    /// The new version.
    pub new: &'a Source<'a>,
    /// The old version, in `check` mode for modified or renamed files.
    pub old: Option<&'a Source<'a>>,
    /// The facts of `new`, extracted on first use and shared by every rule of the file.
    pub(crate) new_facts_cell: &'a OnceCell<Facts<'a>>,
    /// The facts of `old`, likewise (`None` when a rule runs over an old version alone).
    pub(crate) old_facts_cell: Option<&'a OnceCell<Facts<'a>>>,
    /// The declarations of `new`, likewise (the weakening rules pair them with the old ones).
    pub(crate) new_decls_cell: &'a OnceCell<Vec<Decl<'a>>>,
    /// The declarations of `old`, likewise.
    pub(crate) old_decls_cell: Option<&'a OnceCell<Vec<Decl<'a>>>>,
    /// The fail-open handlers the change introduced (two rules report them, one per decision).
    pub(crate) fail_opens_cell: Option<&'a OnceCell<Vec<FailOpen<'a>>>>,
}

impl<'a> RuleContext<'a> {
    /// The facts of the new version.
    pub(crate) fn facts(&self) -> &Facts<'a> {
        self.new_facts_cell.get_or_init(|| Facts::of(self.new))
    }

    /// The declarations of the new version.
    pub(crate) fn decls(&self) -> &[Decl<'a>] {
        self.new_decls_cell
            .get_or_init(|| declarations_in(self.new, self.facts().outline.iter().copied()))
    }

    /// The declarations of the old version, when there is one.
    pub(crate) fn old_decls(&self) -> Option<&[Decl<'a>]> {
        let old = self.old?;
        let cell = self.old_decls_cell?;
        let facts = self.old_facts()?;
        Some(cell.get_or_init(|| declarations_in(old, facts.outline.iter().copied())))
    }

    /// The fail-open handlers the change introduced; none without an old version.
    pub(crate) fn fail_opens(&self) -> &[FailOpen<'a>] {
        match (self.old, self.fail_opens_cell) {
            (Some(old), Some(cell)) => cell.get_or_init(|| {
                let old_facts = self.old_facts().map_or(&[][..], |f| f.outline.as_slice());
                fail_opens((old, old_facts), (self.new, &self.facts().outline))
            }),
            _ => &[],
        }
    }

    /// The facts of the old version, when there is one.
    pub(crate) fn old_facts(&self) -> Option<&Facts<'a>> {
        let old = self.old?;
        Some(self.old_facts_cell?.get_or_init(|| Facts::of(old)))
    }
}

/// One match of a rule, in the new version's byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Start byte of the offending node.
    pub start: usize,
    /// End byte of the offending node.
    pub end: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the old version did, when the rule could tell.
    pub before: Option<String>,
    /// What the new version does.
    pub after: Option<String>,
    /// What the hit measured (a token lifetime), for the policy's limits.
    pub measure: Option<idgate_core::Measure>,
}

/// Where a rule's findings come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// The rule reads source files (its `check` runs in the engine).
    Source,
    /// The policy engine raises it from the change as a whole (protected files, agent scopes,
    /// waivers); its `check` never runs. It is registered for its code, docs and metadata.
    Policy,
    /// The secrets scanner (`idgate_secrets`) raises it, over every text file.
    Secret,
    /// The engine raises it from the identity API catalogue (which surfaces a change touches).
    Surface,
    /// The effective-permission diff (`idgate_privilege`) raises it from configuration files.
    Privilege,
}

/// A rule: metadata, documentation and a pure check function.
pub struct Rule {
    /// Permanent code, e.g. `IDG101`.
    pub code: &'static str,
    /// Kebab-case name that names the pattern.
    pub name: &'static str,
    /// Taxonomy category.
    pub category: Category,
    /// CWE ids.
    pub cwe: &'static [u32],
    /// Severity if exploited.
    pub severity: Severity,
    /// Level when the policy says nothing.
    pub default_level: Level,
    /// Lifecycle status.
    pub status: Status,
    /// Languages the rule reads.
    pub languages: &'static [Language],
    /// Case-insensitive keywords: a file with none of them is not parsed for this rule.
    pub keywords: &'static [&'static str],
    /// More case-insensitive keywords, of which the file must hold one as well when the list is
    /// not empty: what the rule's own logic requires besides its keywords (a token lifetime is
    /// only a token's in a file that names tokens), so files that merely say `expired` or
    /// `session` are not parsed for it.
    pub also: &'static [&'static str],
    /// Whether the rule only compares an old and a new version (a weakening): it has nothing to
    /// say in `scan`, or about an added file, and files are not parsed for it there.
    pub drift_only: bool,
    /// One-line summary (the first sentence of "What it does").
    pub summary: &'static str,
    /// Markdown documentation in the house template.
    pub docs: &'static str,
    /// The check.
    pub check: fn(&RuleContext<'_>, &mut Vec<Hit>),
    /// Where its findings come from.
    pub kind: RuleKind,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Rule {
    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Declare a rule in its own file: doc comments become its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub(crate) static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            category: $category:ident,
            cwe: [$($cwe:literal),*],
            severity: $severity:ident,
            default_level: $level:ident,
            status: $status:expr,
            languages: [$($lang:ident),*],
            keywords: [$($kw:literal),*],
            $(also: [$($also:literal),*],)?
            $(drift_only: $drift:literal,)?
            summary: $summary:literal,
            check: $check:path $(,)?
        };
    ) => {
        pub(crate) static $ident: $crate::registry::Rule = $crate::registry::Rule {
            code: $code,
            name: $name,
            category: idgate_core::Category::$category,
            cwe: &[$($cwe),*],
            severity: idgate_core::Severity::$severity,
            default_level: idgate_core::Level::$level,
            status: $status,
            languages: &[$(idgate_lang::Language::$lang),*],
            keywords: &[$($kw),*],
            also: &[$($($also),*)?],
            drift_only: false $(|| $drift)?,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            check: $check,
            kind: $crate::registry::RuleKind::Source,
        };
    };
}
pub(crate) use declare_rule;

/// Declare a rule with no source check, raised by another part of idgate (`$kind`).
macro_rules! declare_meta_rule {
    (
        $kind:ident;
        $(#[doc = $doc:expr])*
        pub(crate) static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            category: $category:ident,
            cwe: [$($cwe:literal),*],
            severity: $severity:ident,
            default_level: $level:ident,
            status: $status:expr,
            summary: $summary:literal $(,)?
        };
    ) => {
        pub(crate) static $ident: $crate::registry::Rule = $crate::registry::Rule {
            code: $code,
            name: $name,
            category: idgate_core::Category::$category,
            cwe: &[$($cwe),*],
            severity: idgate_core::Severity::$severity,
            default_level: idgate_core::Level::$level,
            status: $status,
            languages: &[],
            keywords: &[],
            also: &[],
            drift_only: false,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            check: |_, _| {},
            kind: $crate::registry::RuleKind::$kind,
        };
    };
}
pub(crate) use declare_meta_rule;

/// Declare a rule the policy engine raises (no source check).
macro_rules! declare_policy_rule {
    ($($body:tt)*) => { $crate::registry::declare_meta_rule! { Policy; $($body)* } };
}
pub(crate) use declare_policy_rule;

/// Declare a rule the secrets scanner raises (no source check).
macro_rules! declare_secret_rule {
    ($($body:tt)*) => { $crate::registry::declare_meta_rule! { Secret; $($body)* } };
}
pub(crate) use declare_secret_rule;

/// Declare a rule the engine raises from the identity API catalogue (no source check).
macro_rules! declare_surface_rule {
    ($($body:tt)*) => { $crate::registry::declare_meta_rule! { Surface; $($body)* } };
}
pub(crate) use declare_surface_rule;

/// The rules of the effective-permission diff, registered from `idgate_privilege`'s table (their
/// documentation lives there, beside the model they describe).
macro_rules! privilege_rules {
    ($($name:ident = $index:literal),* $(,)?) => {
        $(
            static $name: Rule = {
                let info = &idgate_privilege::rules::RULES[$index];
                Rule {
                    code: info.code,
                    name: info.name,
                    category: info.category,
                    cwe: info.cwe,
                    severity: info.severity,
                    default_level: info.level,
                    status: Status::Preview { since: "0.2.0" },
                    languages: &[],
                    keywords: &[],
                    also: &[],
                    drift_only: false,
                    summary: info.summary,
                    docs: info.doc,
                    check: |_, _| {},
                    kind: RuleKind::Privilege,
                }
            };
        )*
    };
}

privilege_rules! {
    PRIVILEGE_0 = 0,
    PRIVILEGE_1 = 1,
    PRIVILEGE_2 = 2,
    PRIVILEGE_3 = 3,
    PRIVILEGE_4 = 4,
    PRIVILEGE_5 = 5,
    PRIVILEGE_6 = 6,
    PRIVILEGE_7 = 7,
    PRIVILEGE_8 = 8,
    PRIVILEGE_9 = 9,
    PRIVILEGE_10 = 10,
    PRIVILEGE_11 = 11,
    PRIVILEGE_12 = 12,
    PRIVILEGE_13 = 13,
    PRIVILEGE_14 = 14,
    PRIVILEGE_15 = 15,
    PRIVILEGE_16 = 16,
    PRIVILEGE_17 = 17,
    PRIVILEGE_18 = 18,
    PRIVILEGE_19 = 19,
    PRIVILEGE_20 = 20,
    PRIVILEGE_21 = 21,
    PRIVILEGE_22 = 22,
    PRIVILEGE_23 = 23,
    PRIVILEGE_24 = 24,
}

/// Every rule, sorted by code.
pub static REGISTRY: &[&Rule] = &[
    &crate::rules::surface::identity_surface_changed::RULE,
    &crate::rules::token_verification::pyjwt_verification_disabled::RULE,
    &crate::rules::token_verification::jsonwebtoken_verification_skipped::RULE,
    &crate::rules::token_verification::jwt_verification_disabled::RULE,
    &crate::rules::token_lifetime::token_issued_without_expiry::RULE,
    &crate::rules::token_lifetime::token_lifetime_extended::RULE,
    &crate::rules::token_lifetime::token_lifetime_excessive::RULE,
    &crate::rules::session_management::session_cookie_flags_off::RULE,
    &crate::rules::session_management::session_lifetime_raised::RULE,
    &crate::rules::session_management::session_fixation_on_login::RULE,
    &crate::rules::session_management::session_id_from_url::RULE,
    &crate::rules::session_management::identity_in_unsigned_cookie::RULE,
    &crate::rules::authn_bypass::authentication_backdoor::RULE,
    &crate::rules::authz_bypass::privileged_route_allows_anonymous::RULE,
    &crate::rules::authz_bypass::permissive_authorization_default::RULE,
    &crate::rules::authz_bypass::privileged_route_unguarded::RULE,
    &crate::rules::transport_trust::tls_verification_disabled::RULE,
    &crate::rules::timing_unsafe_compare::secret_compared_in_variable_time::RULE,
    &crate::rules::credential_storage::password_hashed_with_fast_hash::RULE,
    &crate::rules::credential_storage::password_stored_in_plaintext::RULE,
    &crate::rules::cross_origin::cors_credentials_any_origin::RULE,
    &crate::rules::cross_origin::csrf_protection_disabled::RULE,
    &crate::rules::token_randomness::token_from_weak_random::RULE,
    &crate::rules::token_randomness::token_entropy_too_low::RULE,
    &crate::rules::token_randomness::token_from_hashed_predictable_value::RULE,
    &crate::rules::token_randomness::jwt_hmac_key_too_short::RULE,
    &crate::rules::token_randomness::jwt_algorithm_confusion::RULE,
    &crate::rules::token_randomness::jwt_issued_unsigned::RULE,
    &crate::rules::secrets::hardcoded_credential::RULE,
    &crate::rules::secret_exposure::secret_value_exposed::RULE,
    &crate::rules::privilege::grant_config_unreadable::RULE,
    &PRIVILEGE_0,
    &PRIVILEGE_1,
    &PRIVILEGE_2,
    &PRIVILEGE_3,
    &PRIVILEGE_4,
    &PRIVILEGE_5,
    &PRIVILEGE_6,
    &PRIVILEGE_7,
    &PRIVILEGE_8,
    &PRIVILEGE_9,
    &PRIVILEGE_10,
    &PRIVILEGE_11,
    &PRIVILEGE_12,
    &PRIVILEGE_13,
    &PRIVILEGE_14,
    &PRIVILEGE_15,
    &PRIVILEGE_16,
    &PRIVILEGE_17,
    &PRIVILEGE_18,
    &PRIVILEGE_19,
    &PRIVILEGE_20,
    &PRIVILEGE_21,
    &PRIVILEGE_22,
    &PRIVILEGE_23,
    &PRIVILEGE_24,
    &crate::rules::weakening::auth_guard_removed::RULE,
    &crate::rules::weakening::authz_check_removed::RULE,
    &crate::rules::weakening::grant_widened::RULE,
    &crate::rules::policy::guardrail_file_changed::RULE,
    &crate::rules::policy::agent_out_of_scope::RULE,
    &crate::rules::policy::waiver_unused::RULE,
    &crate::rules::policy::waiver_expired::RULE,
];

/// Look a rule up by code or name (case-insensitive).
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefilter fields promise what the checks do: over every fixture and corpus file,
    /// read as a new file, a `drift_only` rule reports nothing, and a rule with `also`
    /// keywords reports only in files holding one of them.
    #[test]
    fn drift_only_and_also_hold_over_fixtures_and_corpus() {
        let (mut files, mut also_seen) = (0, 0);
        for (name, text, language) in crate::test_support::sample_files() {
            let Some(src) = crate::test_support::parsed(language, &text) else {
                continue;
            };
            let lower = text.to_ascii_lowercase();
            files += 1;
            for rule in REGISTRY
                .iter()
                .filter(|r| r.drift_only || !r.also.is_empty())
            {
                if !rule.languages.contains(&language) {
                    continue;
                }
                let (facts, decls) = (OnceCell::new(), OnceCell::new());
                let cx = RuleContext {
                    path: &name,
                    new: &src,
                    old: None,
                    new_facts_cell: &facts,
                    old_facts_cell: None,
                    new_decls_cell: &decls,
                    old_decls_cell: None,
                    fail_opens_cell: None,
                };
                let mut hits = Vec::new();
                (rule.check)(&cx, &mut hits);
                if rule.drift_only {
                    assert!(hits.is_empty(), "{} reported on {name} alone", rule.name);
                }
                if !hits.is_empty() && !rule.also.is_empty() {
                    also_seen += 1;
                    assert!(
                        rule.also
                            .iter()
                            .any(|k| lower.contains(&k.to_ascii_lowercase())),
                        "{} reported on {name}, which holds none of {:?}",
                        rule.name,
                        rule.also
                    );
                }
            }
        }
        assert!(
            files > 500 && also_seen > 5,
            "{files} files, {also_seen} with also-hits"
        );
    }

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        for w in REGISTRY.windows(2) {
            assert!(w[0].code < w[1].code, "{} !< {}", w[0].code, w[1].code);
        }
        let mut names = std::collections::HashSet::new();
        for r in REGISTRY {
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.len() == 6 && r.code.starts_with("IDG"), "{}", r.code);
            assert!(r.code[3..].chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn names_name_the_pattern_not_the_fix() {
        // As in ruff: a name reads well as "allow <name>".
        let banned_prefixes = [
            "avoid-",
            "use-",
            "prefer-",
            "do-not-",
            "no-",
            "disallow-",
            "ban-",
        ];
        for r in REGISTRY {
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                r.name
            );
            for p in banned_prefixes {
                assert!(!r.name.starts_with(p), "{} starts with {p}", r.name);
            }
        }
    }

    #[test]
    fn every_rule_is_documented_in_the_template() {
        for r in REGISTRY {
            let doc = r.documentation();
            let mut at = 0;
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
                "## References",
            ] {
                let pos = doc[at..]
                    .find(section)
                    .unwrap_or_else(|| panic!("{} lacks or misorders {section:?}", r.code));
                at += pos + section.len();
            }
            for cwe in r.cwe {
                assert!(
                    doc.contains(&format!("CWE-{cwe}")),
                    "{} does not reference CWE-{cwe}",
                    r.code
                );
            }
            assert!(!r.summary.is_empty());
            if r.kind == RuleKind::Source {
                assert!(
                    !r.keywords.is_empty() && !r.languages.is_empty(),
                    "{}",
                    r.code
                );
            }
            for cwe in r.category.cwes().iter().take(1) {
                assert!(
                    r.cwe.contains(cwe),
                    "{} misses its category's main CWE",
                    r.code
                );
            }
        }
    }
}
