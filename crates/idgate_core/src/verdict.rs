//! What the policy decides.

use serde::Serialize;

/// The decision of the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// May merge.
    Allow,
    /// May merge once the open obligations are met.
    Review,
    /// Must not merge.
    Block,
}

impl Decision {
    /// The lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Review => "review",
            Decision::Block => "block",
        }
    }
}

/// Something that must happen before a `review` verdict turns into `allow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Obligation {
    /// Machine-readable kind, e.g. `approval`, `tests`, `rollback-note`.
    pub kind: String,
    /// What is needed, in words.
    pub description: String,
}

/// The verdict on a change set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// Why, one sentence each.
    pub reasons: Vec<String>,
    /// Obligations still open.
    pub obligations: Vec<Obligation>,
    /// Principals whose signed approvals were accepted.
    pub approvals: Vec<String>,
    /// Waivers that applied, by rule and path.
    pub waivers: Vec<String>,
}
