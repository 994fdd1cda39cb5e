//! The rule table of this crate: codes IDG301–IDG343, with metadata and documentation.
//!
//! Each rule's documentation is a markdown file in `docs/` (sections What it does, Why is this
//! bad?, Example, Use instead, References), embedded here for the rule registry.

use idgate_core::{Category, Level, Severity};

/// One rule's metadata and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Permanent code, e.g. `IDG303`.
    pub code: &'static str,
    /// Kebab-case name of the pattern.
    pub name: &'static str,
    /// Taxonomy category.
    pub category: Category,
    /// CWE ids.
    pub cwe: &'static [u32],
    /// Severity if exploited.
    pub severity: Severity,
    /// Default level.
    pub level: Level,
    /// One line.
    pub summary: &'static str,
    /// Markdown documentation.
    pub doc: &'static str,
}

/// Every rule, by code.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "IDG301",
        name: "rbac-wildcard-grant",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "A Kubernetes subject newly gets a `*` verb or a `*` resource.",
        doc: include_str!("../docs/IDG301.md"),
    },
    RuleInfo {
        code: "IDG302",
        name: "rbac-admin-role-binding",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "A Kubernetes subject is newly bound to `cluster-admin`, `admin` or `edit`.",
        doc: include_str!("../docs/IDG302.md"),
    },
    RuleInfo {
        code: "IDG303",
        name: "rbac-secret-read",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "A Kubernetes subject can newly get, list or watch secrets.",
        doc: include_str!("../docs/IDG303.md"),
    },
    RuleInfo {
        code: "IDG304",
        name: "rbac-exec-into-workloads",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::High,
        level: Level::Error,
        summary: "A Kubernetes subject can newly exec, attach or port-forward into pods, add ephemeral containers or use `nodes/proxy`.",
        doc: include_str!("../docs/IDG304.md"),
    },
    RuleInfo {
        code: "IDG305",
        name: "rbac-workload-creation",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::High,
        level: Level::Warning,
        summary: "A Kubernetes subject can newly create pods, pod controllers or persistent volumes.",
        doc: include_str!("../docs/IDG305.md"),
    },
    RuleInfo {
        code: "IDG306",
        name: "rbac-bind-escalate-impersonate",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "A Kubernetes subject can newly bind or escalate roles, write RBAC objects or impersonate identities.",
        doc: include_str!("../docs/IDG306.md"),
    },
    RuleInfo {
        code: "IDG307",
        name: "rbac-credential-minting",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "A Kubernetes subject can newly mint service-account tokens or approve certificate signing requests.",
        doc: include_str!("../docs/IDG307.md"),
    },
    RuleInfo {
        code: "IDG308",
        name: "rbac-admission-webhook-control",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::High,
        level: Level::Error,
        summary: "A Kubernetes subject can newly create, change or delete admission webhook configurations.",
        doc: include_str!("../docs/IDG308.md"),
    },
    RuleInfo {
        code: "IDG309",
        name: "rbac-broad-group-grant",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "A grant newly goes to every authenticated, unauthenticated or service-account identity.",
        doc: include_str!("../docs/IDG309.md"),
    },
    RuleInfo {
        code: "IDG320",
        name: "iam-full-admin-access",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "An AWS policy newly allows every action (`*` or `*:*`) on every resource.",
        doc: include_str!("../docs/IDG320.md"),
    },
    RuleInfo {
        code: "IDG321",
        name: "iam-service-wildcard",
        category: Category::OverPrivilege,
        cwe: &[250, 732],
        severity: Severity::Medium,
        level: Level::Warning,
        summary: "An AWS policy newly allows a whole service (`s3:*`) on every resource.",
        doc: include_str!("../docs/IDG321.md"),
    },
    RuleInfo {
        code: "IDG322",
        name: "iam-permissions-management-unscoped",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "An AWS policy newly allows permissions-management actions on every resource.",
        doc: include_str!("../docs/IDG322.md"),
    },
    RuleInfo {
        code: "IDG323",
        name: "iam-escalation-combination",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "An AWS policy newly completes a known privilege-escalation combination.",
        doc: include_str!("../docs/IDG323.md"),
    },
    RuleInfo {
        code: "IDG324",
        name: "iam-not-action-allow",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "An AWS policy newly allows with `NotAction` or `NotResource`.",
        doc: include_str!("../docs/IDG324.md"),
    },
    RuleInfo {
        code: "IDG325",
        name: "iam-trust-any-principal",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "A role trust policy or resource policy newly allows any principal (`*`).",
        doc: include_str!("../docs/IDG325.md"),
    },
    RuleInfo {
        code: "IDG326",
        name: "iam-trust-new-account",
        category: Category::OverPrivilege,
        cwe: &[250, 732],
        severity: Severity::Medium,
        level: Level::Warning,
        summary: "A role trust policy newly trusts an AWS account it did not trust before.",
        doc: include_str!("../docs/IDG326.md"),
    },
    RuleInfo {
        code: "IDG327",
        name: "iam-admin-managed-policy",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "AdministratorAccess, PowerUserAccess or IAMFullAccess is newly attached.",
        doc: include_str!("../docs/IDG327.md"),
    },
    RuleInfo {
        code: "IDG330",
        name: "gcp-basic-role-grant",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "A GCP member is newly granted `roles/owner` or `roles/editor`.",
        doc: include_str!("../docs/IDG330.md"),
    },
    RuleInfo {
        code: "IDG331",
        name: "gcp-impersonation-role-grant",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::High,
        level: Level::Error,
        summary: "A GCP member is newly granted a role that can impersonate service accounts or change IAM.",
        doc: include_str!("../docs/IDG331.md"),
    },
    RuleInfo {
        code: "IDG332",
        name: "azure-privileged-role-assignment",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "An Azure principal is newly assigned Owner or Contributor.",
        doc: include_str!("../docs/IDG332.md"),
    },
    RuleInfo {
        code: "IDG333",
        name: "azure-access-admin-assignment",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "An Azure principal is newly assigned User Access Administrator or Role Based Access Control Administrator.",
        doc: include_str!("../docs/IDG333.md"),
    },
    RuleInfo {
        code: "IDG340",
        name: "gha-write-all-token",
        category: Category::OverPrivilege,
        cwe: &[250, 269, 732],
        severity: Severity::High,
        level: Level::Error,
        summary: "A GitHub Actions workflow or job newly sets `permissions: write-all`.",
        doc: include_str!("../docs/IDG340.md"),
    },
    RuleInfo {
        code: "IDG341",
        name: "gha-write-scope-added",
        category: Category::OverPrivilege,
        cwe: &[250, 732],
        severity: Severity::Medium,
        level: Level::Warning,
        summary: "A GitHub Actions job's token newly gets write access to a scope.",
        doc: include_str!("../docs/IDG341.md"),
    },
    RuleInfo {
        code: "IDG342",
        name: "gha-oidc-token-write",
        category: Category::OverPrivilege,
        cwe: &[250, 732],
        severity: Severity::Medium,
        level: Level::Warning,
        summary: "A GitHub Actions job can newly request an OIDC token (`id-token: write`).",
        doc: include_str!("../docs/IDG342.md"),
    },
    RuleInfo {
        code: "IDG343",
        name: "gha-pr-target-head-checkout",
        category: Category::PrivilegeEscalation,
        cwe: &[269, 266],
        severity: Severity::Critical,
        level: Level::Error,
        summary: "A `pull_request_target` workflow newly checks out the pull request's head.",
        doc: include_str!("../docs/IDG343.md"),
    },
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_follow_the_template_and_cite_every_cwe() {
        for r in RULES {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
                "## References",
            ] {
                assert!(r.doc.contains(section), "{} lacks {section}", r.code);
            }
            for c in r.cwe {
                assert!(
                    r.doc.contains(&format!("CWE-{c}")),
                    "{} lacks CWE-{c}",
                    r.code
                );
            }
            assert!(r.category.cwes().iter().any(|c| r.cwe.contains(c)));
            assert!(!r.name.starts_with("no-") && !r.name.starts_with("avoid-"));
        }
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
    }
}
