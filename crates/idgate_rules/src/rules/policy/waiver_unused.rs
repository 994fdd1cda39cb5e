//! IDG903 waiver-unused

use crate::registry::{Status, declare_policy_rule};

declare_policy_rule! {
    /// ## What it does
    /// Flags a waiver that applies to the files of the change (or, in `scan`, to the tree) but
    /// matches no finding.
    ///
    /// ## Why is this bad?
    /// A waiver that no longer waives anything is a standing exception waiting for new code to
    /// fall under it. Removing it keeps the exception list honest, as cargo-deny does for unused
    /// advisory ignores.
    ///
    /// ## Example
    /// A waiver for `IDG101` on `app/legacy/**`, after the legacy code verified its tokens again.
    ///
    /// Use instead:
    /// Delete the waiver from `.idgate/waivers.jsonl`.
    ///
    /// ## References
    /// - [CWE-284: Improper Access Control](https://cwe.mitre.org/data/definitions/284.html)
    /// - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    pub(crate) static RULE = {
        code: "IDG903",
        name: "waiver-unused",
        category: GuardrailTamper,
        cwe: [284, 693],
        severity: Low,
        default_level: Warning,
        status: Status::Preview { since: "0.1.0" },
        summary: "A waiver matches no finding.",
    };
}
