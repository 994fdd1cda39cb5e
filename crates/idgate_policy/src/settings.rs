//! Resolved policy settings: plain values with defaults, what the verdict engine reads.
//!
//! [`crate::options`] parses `.idgate/policy.toml` (raw options with spans) into these. The
//! defaults are the built-in policy that applies when the trusted base has no policy file.

use std::collections::BTreeMap;

use idgate_core::{Actor, Category};

/// How a rule's findings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleLevel {
    /// Not reported.
    Allow,
    /// Reported at `warning`: needs review.
    Warn,
    /// Reported at `error`; with `deny-blocks = true` the change is blocked.
    Deny,
}

/// Which rules a level applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleSelector {
    /// A rule code (`IDG101`) or a code prefix (`IDG1`).
    Code(String),
    /// A rule name (`pyjwt-verification-disabled`).
    Name(String),
    /// Every rule of a category (`token-verification`).
    Category(Category),
}

/// What review a change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewRequirement {
    /// Signed approvals needed from owners of the touched paths (never the author, never an agent).
    pub approvals: u32,
}

/// A path scope granted to an agent: the agent may change only paths that match `allow` and
/// none that match `deny`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentScope {
    /// The agent id as provenance reports it (`claude-code`), or `*` for every agent.
    pub agent: String,
    /// Glob patterns of paths the agent may change.
    pub allow: Vec<String>,
    /// Glob patterns of paths the agent must not change, even when `allow` matches.
    pub deny: Vec<String>,
}

/// Limits that findings of other rule families are checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// Longest token lifetime allowed, in seconds.
    pub max_token_lifetime: Option<u64>,
    /// Longest session lifetime allowed, in seconds.
    pub max_session_lifetime: Option<u64>,
    /// Roles that may never be granted (`cluster-admin`, `AdministratorAccess`).
    pub forbidden_roles: Vec<String>,
    /// Grants (permission patterns) that may never be added (`iam:*`, `secrets/*`).
    pub forbidden_grants: Vec<String>,
}

/// What one `[secrets]` allow-list entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretAllowMatch {
    /// A path glob: files there are not scanned for secrets.
    Path(String),
    /// A finding fingerprint (32 hex digits): that one credential is suppressed.
    Fingerprint(String),
    /// A regular expression over the detected value: known test or example values.
    Value(String),
}

/// One `[secrets]` allow-list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretAllow {
    /// What it matches.
    pub matches: SecretAllowMatch,
    /// Why the matched values are not live credentials.
    pub reason: String,
    /// Unix time from which the entry no longer applies (the end of its `expires` day, UTC).
    pub expires: Option<i64>,
    /// 1-based line of the entry in the policy file, for messages.
    pub line: usize,
}

impl SecretAllow {
    /// The entry as written, in a few words (`path "fixtures/**"`).
    pub fn describe(&self) -> String {
        match &self.matches {
            SecretAllowMatch::Path(g) => format!("path {g:?}"),
            SecretAllowMatch::Fingerprint(f) => format!("fingerprint {f}"),
            SecretAllowMatch::Value(r) => format!("value pattern {r:?}"),
        }
    }
}

/// Resolved settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Glob patterns of identity-critical paths: any change there needs review.
    pub identity_paths: Vec<String>,
    /// Rule levels by selector; later entries win; rules not named keep their default level.
    pub rule_levels: Vec<(RuleSelector, RuleLevel)>,
    /// Whether a deny-level finding blocks the change (otherwise it needs review).
    pub deny_blocks: bool,
    /// Review requirement by the actor that made the change (the strongest actor of its commits).
    pub review_by_actor: BTreeMap<ActorKey, ReviewRequirement>,
    /// Review requirement by finding category; the largest applicable requirement wins.
    pub review_by_category: BTreeMap<Category, ReviewRequirement>,
    /// Require changed tests when identity code changes.
    pub require_tests: bool,
    /// Glob patterns of test files (for `require_tests`).
    pub test_paths: Vec<String>,
    /// Require a `Rollback:` trailer or a rollback note when identity code changes.
    pub require_rollback_note: bool,
    /// Agent path scopes; an agent with no scope entry may change any path.
    pub agent_scopes: Vec<AgentScope>,
    /// Protected files: a change to one raises `guardrail-tamper`.
    pub protected_paths: Vec<String>,
    /// Limits for lifetimes and grants.
    pub limits: Limits,
    /// The allowed-signers file in the base revision (for commit signatures and approvals).
    pub allowed_signers: String,
    /// The CODEOWNERS file in the base revision; the first existing of these is used.
    pub codeowners: Vec<String>,
    /// Unused waivers are reported at this level.
    pub unused_waiver: RuleLevel,
    /// CODEOWNERS owners (`@user`, `@org/team`, or an e-mail) → the allowed-signers principals of
    /// the people behind them; an approval signed by one of those principals counts as that
    /// owner's. Empty by default: only e-mail owners then match principals directly.
    pub owners: BTreeMap<String, Vec<String>>,
    /// The secrets allow-list: paths not scanned, fingerprints and value patterns of known test or
    /// example credentials, each with a reason and an optional expiry.
    pub secrets: Vec<SecretAllow>,
}

/// `Actor` as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorKey {
    /// An AI agent.
    Agent,
    /// Automation.
    Bot,
    /// A person.
    Human,
    /// Unknown.
    Unknown,
}

impl From<Actor> for ActorKey {
    fn from(a: Actor) -> ActorKey {
        match a {
            Actor::Agent => ActorKey::Agent,
            Actor::Bot => ActorKey::Bot,
            Actor::Human => ActorKey::Human,
            Actor::Unknown => ActorKey::Unknown,
        }
    }
}

impl Default for Settings {
    /// The built-in policy.
    fn default() -> Settings {
        let mut review_by_actor = BTreeMap::new();
        review_by_actor.insert(ActorKey::Agent, ReviewRequirement { approvals: 2 });
        review_by_actor.insert(ActorKey::Unknown, ReviewRequirement { approvals: 1 });
        review_by_actor.insert(ActorKey::Human, ReviewRequirement { approvals: 1 });
        review_by_actor.insert(ActorKey::Bot, ReviewRequirement { approvals: 1 });
        Settings {
            identity_paths: Vec::new(),
            rule_levels: Vec::new(),
            deny_blocks: false,
            review_by_actor,
            review_by_category: BTreeMap::new(),
            require_tests: false,
            test_paths: vec![
                "**/test/**".into(),
                "**/tests/**".into(),
                "**/__tests__/**".into(),
                "**/spec/**".into(),
                "**/test_*.py".into(),
                "**/*_test.py".into(),
                "**/*_test.go".into(),
                "**/*.test.*".into(),
                "**/*.spec.*".into(),
            ],
            require_rollback_note: false,
            agent_scopes: Vec::new(),
            protected_paths: vec![
                ".idgate/**".into(),
                "CODEOWNERS".into(),
                ".github/CODEOWNERS".into(),
                "docs/CODEOWNERS".into(),
                ".github/workflows/**".into(),
                ".gitlab-ci.yml".into(),
                ".pre-commit-config.yaml".into(),
            ],
            limits: Limits::default(),
            allowed_signers: ".idgate/allowed_signers".into(),
            codeowners: vec![
                ".github/CODEOWNERS".into(),
                "CODEOWNERS".into(),
                "docs/CODEOWNERS".into(),
            ],
            unused_waiver: RuleLevel::Warn,
            owners: BTreeMap::new(),
            secrets: Vec::new(),
        }
    }
}
