//! IDG300 grant-config-unreadable

use crate::registry::{Status, declare_meta_rule};

declare_meta_rule! {
    Privilege;
    /// ## What it does
    /// Reports a Kubernetes manifest, IAM policy, Terraform file or GitHub Actions workflow in the
    /// change that the effective-permission diff could not read: invalid YAML, JSON or HCL, an
    /// alias bomb, or a file over the size limit. The message names the file, the line when the
    /// parser knows it, and what is wrong. What the diff could read but had to leave out — a
    /// Helm-style template that is not YAML until rendered, a Terraform value that is not a
    /// literal (reported as unknown, never guessed) — is a `note` of the same rule.
    ///
    /// ## Why is this bad?
    /// A grant file that cannot be read cannot be checked: skipping it silently would let any
    /// grant through (CWE-732, CWE-250, CWE-269). The deployment tool may still accept what
    /// idgate's parser rejects (for example a Helm template rendered later), so a reviewer has
    /// to look at it.
    ///
    /// ## Example
    /// ```yaml
    /// kind: ClusterRoleBinding
    /// roleRef: {name: cluster-admin
    /// ```
    ///
    /// Use instead:
    /// Fix the file, or commit the rendered manifest next to the template so its grants can be
    /// diffed.
    ///
    /// ## References
    /// - [CWE-250: Execution with Unnecessary Privileges](https://cwe.mitre.org/data/definitions/250.html)
    /// - [CWE-269: Improper Privilege Management](https://cwe.mitre.org/data/definitions/269.html)
    /// - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    pub(crate) static RULE = {
        code: "IDG300",
        name: "grant-config-unreadable",
        category: OverPrivilege,
        cwe: [250, 269, 732],
        severity: Medium,
        default_level: Warning,
        status: Status::Preview { since: "0.2.0" },
        summary: "A grant configuration file in the change could not be read, so its grants were not checked.",
    };
}
