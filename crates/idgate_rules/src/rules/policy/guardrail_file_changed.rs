//! IDG901 guardrail-file-changed

use crate::registry::{Status, declare_policy_rule};

declare_policy_rule! {
    /// ## What it does
    /// Flags a change to a file that configures the gate itself: the policy
    /// (`.idgate/policy.toml`), the allowed-signers file, waivers, CODEOWNERS, CI workflow files
    /// and any other path the policy lists under `[protected]`.
    ///
    /// The change is still judged by the base revision's versions of these files, never by the
    /// ones it brings; this finding makes the attempt visible and sends it to review.
    ///
    /// ## Why is this bad?
    /// An agent that is blocked by a rule has an easy way out: lower the bar. Editing the policy,
    /// adding its own key to the allowed signers, dropping an owner from CODEOWNERS or removing the
    /// gate's CI step all weaken every later check at once.
    ///
    /// ## Example
    /// ```toml
    /// # .idgate/policy.toml, changed by the same pull request it should judge
    /// [review]
    /// agent = 0
    /// ```
    ///
    /// Use instead:
    /// Change the gate's configuration in its own pull request, reviewed by the owners of
    /// `.idgate/`, before the change that needs it.
    ///
    /// ## References
    /// - [CWE-284: Improper Access Control](https://cwe.mitre.org/data/definitions/284.html)
    /// - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    /// - OWASP Top 10 for Agentic Applications: ASI10 Rogue Agents
    pub(crate) static RULE = {
        code: "IDG901",
        name: "guardrail-file-changed",
        category: GuardrailTamper,
        cwe: [284, 693],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        summary: "The change edits a file that configures the gate itself.",
    };
}
