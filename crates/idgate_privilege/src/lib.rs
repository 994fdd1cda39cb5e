//! Effective-permission models and diffs for access-control configuration. No I/O.
//!
//! Given the old and the new text of a configuration file, this crate computes **who can do what**
//! before and after the change, reports the access that is new (a readable table of grant rows),
//! and raises findings when new access matches a catalogue of risky grants.
//!
//! # Formats
//!
//! - **Kubernetes RBAC** ([`Format::KubernetesRbac`]): any YAML file, multi-document, with `Role`,
//!   `ClusterRole` (including `aggregationRule` label selectors), `RoleBinding`,
//!   `ClusterRoleBinding` and `List` objects. Rules are matched as the API server's authorizer
//!   matches them: `*` in verbs, API groups and resources, `*/subresource`, `resourceNames`,
//!   `nonResourceURLs` (only through a `ClusterRoleBinding`), a `RoleBinding` to a `ClusterRole`
//!   granting only inside the binding's namespace. Subjects are users, groups (such as
//!   `system:authenticated`) and service accounts. A role that no binding in the change set
//!   references is judged as a pseudo-subject (`(unbound) ClusterRole x`), since its binding may
//!   live elsewhere. Built-in `cluster-admin`, `admin`, `edit` and `view` are known.
//! - **AWS IAM JSON** ([`Format::AwsIamJson`]): identity policies and trust policies. Action
//!   globs are expanded against a bundled table of 20,000+ actions with their access levels
//!   (`data/iam_actions.tsv`, derived by `data/gen_iam_actions.py`); explicit `Deny`, `NotAction`
//!   and `NotResource` are honoured; conditions are kept as qualifiers.
//! - **Terraform** ([`Format::Terraform`]): AWS IAM resources and `aws_iam_policy_document` data
//!   sources, managed-policy attachments, `google_*_iam_{member,binding,policy}`,
//!   `azurerm_role_assignment`, and `kubernetes_*role*` resources (fed to the RBAC model).
//!   Variables and locals are resolved where literal; anything else is reported as unknown in a
//!   [`Note`], never guessed.
//! - **GitHub Actions** ([`Format::GithubActions`]): `permissions:` of the workflow and of each
//!   job, and `pull_request_target` workflows that check out the pull request's head.
//!
//! # Diff semantics
//!
//! A grant row of the new version is *new* unless some grant of the old version covers it (grants
//! to the same subject, with a scope, verb or action, resource and name that include it, and no
//! condition or the same one). A narrowed grant, reordered rules or a manifest split into several
//! documents therefore raise nothing. Findings carry `before` and `after` evidence and the delta
//! rows that triggered them.
//!
//! ```
//! let before = "kind: Role\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: r, namespace: ci}\nrules:\n- {apiGroups: [''], resources: [configmaps], verbs: [get]}\n";
//! let after = before.replace("configmaps", "secrets");
//! let report = idgate_privilege::diff("deploy/role.yaml", Some(before), Some(&after)).unwrap();
//! assert_eq!(report.findings[0].rule, "IDG303");
//! assert_eq!(report.grants_added[0].permission, "get");
//! ```
//!
//! # Entry points
//!
//! [`diff`] judges one file, [`diff_set`] several together (RBAC bindings in one file may name
//! roles in another), [`diff_set_lenient`] leaves out files that cannot be read and returns their
//! errors beside the report. [`PrivilegeFinding::to_finding`] gives the pipeline's
//! [`idgate_core::Finding`] (with a grant or role [`Measure`] for the policy's limits), and
//! [`PrivilegeReport::grants_added`] is the list of grants a rollback plan revokes.
//! [`eval`] scores a labelled corpus. Rule documentation for every code is in [`rules::RULES`].

mod actions;
pub mod eval;
mod gha;
mod iam;
mod rbac;
pub mod rules;
mod table;
mod terraform;
mod yaml;

use idgate_core::{Category, Finding, Fingerprint, Level, Measure, Severity};
use serde::Serialize;

pub use table::render_table;

/// Largest input accepted, in bytes. Larger files get [`PrivilegeError::TooLarge`].
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The configuration format of a file, detected from its path and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Kubernetes RBAC objects in YAML.
    KubernetesRbac,
    /// AWS IAM policy documents in JSON.
    AwsIamJson,
    /// Terraform (HCL) configuration.
    Terraform,
    /// A GitHub Actions workflow.
    GithubActions,
}

impl Format {
    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::KubernetesRbac => "kubernetes-rbac",
            Format::AwsIamJson => "aws-iam-json",
            Format::Terraform => "terraform",
            Format::GithubActions => "github-actions",
        }
    }
}

/// Why a file could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrivilegeError {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("{path}: {bytes} bytes is more than the {limit}-byte limit for configuration files")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The YAML could not be parsed (syntax error, alias bomb, duplicate key, exceeded budget).
    #[error("{path}:{line}: invalid YAML: {message}")]
    Yaml {
        /// The file.
        path: String,
        /// 1-based line, 0 when unknown.
        line: u32,
        /// What the parser said.
        message: String,
    },
    /// The JSON could not be parsed.
    #[error("{path}:{line}: invalid JSON: {message}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: u32,
        /// What the parser said.
        message: String,
    },
    /// The HCL could not be parsed.
    #[error("{path}: invalid HCL: {message}")]
    Hcl {
        /// The file.
        path: String,
        /// What the parser said.
        message: String,
    },
}

/// One grant: a subject may perform a permission on a resource within a scope, through `via`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct GrantRow {
    /// Who holds it: `ServiceAccount ci/deployer`, `Group system:authenticated`, a policy or a
    /// Terraform address, a GCP member, an Azure principal, a workflow job.
    pub subject: String,
    /// The verb, action, role or token scope (`get`, `s3:GetObject`, `roles/owner`, `contents`).
    pub permission: String,
    /// What it applies to (`secrets`, `pods/exec`, an ARN pattern, `write`).
    pub resource: String,
    /// Where it applies: a namespace, `cluster-wide`, a project, a scope, a job.
    pub scope: String,
    /// The binding, statement or attachment that grants it.
    pub via: String,
    /// Conditions, resource names or access levels that qualify it.
    pub qualifier: String,
    /// The file that holds `via`.
    pub path: String,
    /// 1-based line of `via` in that file (new side), 0 when unknown.
    pub line: u32,
}

/// A finding about new access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivilegeFinding {
    /// Rule code, e.g. `IDG303`.
    pub rule: &'static str,
    /// Rule name, e.g. `rbac-secret-read`.
    pub name: &'static str,
    /// Taxonomy category.
    pub category: Category,
    /// CWE ids.
    pub cwe: Vec<u32>,
    /// Severity if exploited.
    pub severity: Severity,
    /// How it counts.
    pub level: Level,
    /// File of the grant.
    pub path: String,
    /// 1-based line in the new file.
    pub line: u32,
    /// One sentence.
    pub message: String,
    /// The subject's relevant access before the change.
    pub before: Option<String>,
    /// The relevant access after the change.
    pub after: Option<String>,
    /// The new grant rows that triggered the finding.
    pub delta: Vec<GrantRow>,
    /// What the policy's limits can judge (the permission or role granted).
    pub measure: Option<Measure>,
}

impl PrivilegeFinding {
    /// Convert to the pipeline's [`Finding`] (no commit or attribution yet).
    pub fn to_finding(&self) -> Finding {
        let matched = self
            .delta
            .iter()
            .map(|r| format!("{} {} {} {}", r.subject, r.permission, r.resource, r.scope))
            .collect::<Vec<_>>()
            .join("\n");
        Finding {
            rule: self.rule,
            name: self.name,
            category: self.category,
            cwe: self.cwe.clone(),
            severity: self.severity,
            level: self.level,
            path: self.path.clone(),
            line: self.line.max(1),
            end_line: self.line.max(1),
            column: 1,
            old_side: false,
            message: self.message.clone(),
            before: self.before.clone(),
            after: self.after.clone(),
            fingerprint: Fingerprint::new(self.rule, &self.path, &matched),
            commit: None,
            attribution: None,
            measure: self.measure.clone(),
        }
    }
}

/// Something the analysis could not judge or chose to skip, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The file.
    pub path: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// What happened.
    pub message: String,
}

/// Result of one diff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrivilegeReport {
    /// Formats judged.
    pub formats: Vec<Format>,
    /// Findings, sorted by path, line and rule.
    pub findings: Vec<PrivilegeFinding>,
    /// Skipped templates, unknown values, references outside the change set.
    pub notes: Vec<Note>,
    /// Every new grant (the "grants to revoke" of a rollback plan).
    pub grants_added: Vec<GrantRow>,
    /// Every grant that went away.
    pub grants_removed: Vec<GrantRow>,
}

impl PrivilegeReport {
    /// The new access as a text table (subject, permission, resource, scope, via).
    pub fn table(&self) -> String {
        render_table(&self.grants_added)
    }

    /// Whether any finding counts towards a verdict (level warning or error).
    pub fn has_counting_findings(&self) -> bool {
        self.findings.iter().any(|f| f.level.counts())
    }

    fn merge(&mut self, other: PrivilegeReport) {
        for f in other.formats {
            if !self.formats.contains(&f) {
                self.formats.push(f);
            }
        }
        self.findings.extend(other.findings);
        self.notes.extend(other.notes);
        self.grants_added.extend(other.grants_added);
        self.grants_removed.extend(other.grants_removed);
    }

    fn finish(&mut self) {
        self.formats.sort();
        self.findings.sort_by(|a, b| {
            (a.path.as_str(), a.line, a.rule).cmp(&(b.path.as_str(), b.line, b.rule))
        });
        self.grants_added.sort();
        self.grants_added.dedup();
        self.grants_removed.sort();
        self.grants_removed.dedup();
    }
}

/// Detect the format of a file from its path and content; `None` when it holds no grants this
/// crate models.
pub fn detect(path: &str, text: &str) -> Option<Format> {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    // Terraform's JSON syntax (`.tf.json`) is not read.
    if name.ends_with(".tf") {
        return Some(Format::Terraform);
    }
    if (lower.contains(".github/workflows/") || lower.starts_with("workflows/"))
        && (name.ends_with(".yml") || name.ends_with(".yaml"))
    {
        return Some(Format::GithubActions);
    }
    if name.ends_with(".yml") || name.ends_with(".yaml") {
        if text.contains("jobs:") && (text.contains("runs-on") || text.contains("uses:")) {
            return Some(Format::GithubActions);
        }
        if yaml::mentions_rbac(text) {
            return Some(Format::KubernetesRbac);
        }
        return None;
    }
    if name.ends_with(".json") {
        if text.contains("\"Statement\"") || text.contains("\"statement\"") {
            return Some(Format::AwsIamJson);
        }
        if yaml::mentions_rbac(text) {
            return Some(Format::KubernetesRbac);
        }
        return None;
    }
    None
}

fn check_size(path: &str, text: Option<&str>) -> Result<(), PrivilegeError> {
    match text {
        Some(t) if t.len() > MAX_INPUT_BYTES => Err(PrivilegeError::TooLarge {
            path: path.to_string(),
            bytes: t.len(),
            limit: MAX_INPUT_BYTES,
        }),
        _ => Ok(()),
    }
}

/// Diff one file. `before` is `None` for an added file, `after` is `None` for a deleted one. A file
/// whose format is not recognised gives an empty report.
pub fn diff(
    path: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<PrivilegeReport, PrivilegeError> {
    diff_set(&[(path, before, after)])
}

/// Diff a set of files together, so that RBAC bindings in one file resolve roles in another.
/// Each entry is `(path, before, after)`. The first file that cannot be judged is the error.
pub fn diff_set(
    files: &[(&str, Option<&str>, Option<&str>)],
) -> Result<PrivilegeReport, PrivilegeError> {
    let (report, errors) = run_set(files, true);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

/// Like [`diff_set`], but a file that cannot be judged is left out and its error is returned
/// beside the report of the other files (for a pipeline that must report every file).
pub fn diff_set_lenient(
    files: &[(&str, Option<&str>, Option<&str>)],
) -> (PrivilegeReport, Vec<PrivilegeError>) {
    run_set(files, false)
}

#[derive(Default)]
struct SetState {
    report: PrivilegeReport,
    rbac_before: rbac::Manifest,
    rbac_after: rbac::Manifest,
    rbac_seen: bool,
}

fn run_set(
    files: &[(&str, Option<&str>, Option<&str>)],
    stop_on_error: bool,
) -> (PrivilegeReport, Vec<PrivilegeError>) {
    let mut state = SetState::default();
    let mut errors = Vec::new();
    for &(path, before, after) in files {
        if let Err(e) = one_file(path, before, after, &mut state) {
            errors.push(e);
            if stop_on_error {
                break;
            }
        }
    }
    let SetState {
        mut report,
        rbac_before,
        rbac_after,
        rbac_seen,
    } = state;
    if rbac_seen {
        report.merge(rbac::diff(&rbac_before, &rbac_after));
    }
    report.finish();
    (report, errors)
}

fn one_file(
    path: &str,
    before: Option<&str>,
    after: Option<&str>,
    state: &mut SetState,
) -> Result<(), PrivilegeError> {
    check_size(path, before)?;
    check_size(path, after)?;
    let probe = after.or(before).unwrap_or("");
    let format = detect(path, probe)
        .or_else(|| before.and_then(|b| detect(path, b)))
        .or_else(|| after.and_then(|a| detect(path, a)));
    let Some(format) = format else {
        return Ok(());
    };
    match format {
        Format::KubernetesRbac => {
            // Both sides parse before anything of this file joins the set.
            let mut b_rbac = rbac::Manifest::default();
            let mut a_rbac = rbac::Manifest::default();
            let mut notes = Vec::new();
            if let Some(b) = before {
                yaml::load_rbac(path, b, &mut b_rbac, &mut Vec::new())?;
            }
            if let Some(a) = after {
                yaml::load_rbac(path, a, &mut a_rbac, &mut notes)?;
            }
            state.rbac_seen = true;
            state.rbac_before.extend(b_rbac);
            state.rbac_after.extend(a_rbac);
            state.report.notes.extend(notes);
        }
        Format::AwsIamJson => state.report.merge(iam::diff_json(path, before, after)?),
        Format::Terraform => {
            let (sub, b_rbac, a_rbac) = terraform::diff(path, before, after)?;
            if !b_rbac.is_empty() || !a_rbac.is_empty() {
                state.rbac_seen = true;
                state.rbac_before.extend(b_rbac);
                state.rbac_after.extend(a_rbac);
            }
            state.report.merge(sub);
        }
        Format::GithubActions => state.report.merge(gha::diff(path, before, after)?),
    }
    if !state.report.formats.contains(&format) {
        state.report.formats.push(format);
    }
    Ok(())
}

/// Build a finding from a rule code and its parts.
pub(crate) fn make_finding(
    code: &'static str,
    message: String,
    before: Option<String>,
    after: Option<String>,
    delta: Vec<GrantRow>,
    measure: Option<Measure>,
) -> PrivilegeFinding {
    let info = rules::rule(code).unwrap_or(&rules::RULES[0]);
    let (path, line) = delta
        .first()
        .map(|r| (r.path.clone(), r.line))
        .unwrap_or_default();
    PrivilegeFinding {
        rule: info.code,
        name: info.name,
        category: info.category,
        cwe: info.cwe.to_vec(),
        severity: info.severity,
        level: info.level,
        path,
        line,
        message,
        before,
        after,
        delta,
        measure,
    }
}

/// 1-based line of byte offset `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> u32 {
    let at = at.min(text.len());
    (text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1) as u32
}
