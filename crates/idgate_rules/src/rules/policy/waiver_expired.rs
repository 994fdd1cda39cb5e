//! IDG904 waiver-expired

use crate::registry::{Status, declare_policy_rule};

declare_policy_rule! {
    /// ## What it does
    /// Flags a waiver whose expiry has passed. The findings it covered count again.
    ///
    /// ## Why is this bad?
    /// Every exception to an identity rule was granted for a time, with a reason. When the time is
    /// up, the weakness it excused is back in force and someone has to decide again.
    ///
    /// ## Example
    /// A waiver for `IDG102` on `web/legacy/**` that expired last month.
    ///
    /// Use instead:
    /// Fix the finding, or record a new waiver with a fresh reason and expiry (`idgate waive`).
    ///
    /// ## References
    /// - [CWE-284: Improper Access Control](https://cwe.mitre.org/data/definitions/284.html)
    /// - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    pub(crate) static RULE = {
        code: "IDG904",
        name: "waiver-expired",
        category: GuardrailTamper,
        cwe: [284, 693],
        severity: Medium,
        default_level: Warning,
        status: Status::Preview { since: "0.1.0" },
        summary: "A waiver has expired; the findings it covered count again.",
    };
}
