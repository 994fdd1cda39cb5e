//! IDG902 agent-out-of-scope

use crate::registry::{Status, declare_policy_rule};

declare_policy_rule! {
    /// ## What it does
    /// Flags a path changed by an AI agent's commit outside the paths the policy's
    /// `[[agent-scopes]]` grant that agent.
    ///
    /// ## Why is this bad?
    /// An agent asked to fix a UI bug has no business editing the token service. Scopes keep
    /// each agent's blast radius to the code it was given, and a change outside them is either a
    /// mistake or an agent acting beyond its mandate.
    ///
    /// ## Example
    /// ```toml
    /// [[agent-scopes]]
    /// agent = "claude-code"
    /// paths = ["web/**", "!web/auth/**"]
    /// ```
    /// A commit by Claude Code that edits `api/auth/tokens.py` raises this finding.
    ///
    /// Use instead:
    /// Have a person make the change, or widen the agent's scope in a reviewed policy change.
    ///
    /// ## References
    /// - [CWE-284: Improper Access Control](https://cwe.mitre.org/data/definitions/284.html)
    /// - [CWE-269: Improper Privilege Management](https://cwe.mitre.org/data/definitions/269.html)
    /// - OWASP Top 10 for Agentic Applications: ASI03 Identity and Privilege Abuse
    pub(crate) static RULE = {
        code: "IDG902",
        name: "agent-out-of-scope",
        category: AgentScope,
        cwe: [284, 269],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        summary: "An AI agent changed a path outside the scope the policy grants it.",
    };
}
