//! idgate's output formats, one module each. Pure functions from a [`Report`] to text.
//!
//! - [`text`]: for people at a terminal: rule, message, location, a code frame, before → after.
//! - [`json`]: the machine-readable report of DESIGN.md (documented in that module).
//! - [`sarif`]: SARIF 2.1.0 for code-scanning tools.
//! - [`markdown`]: a pull-request comment, under GitHub's size limit.
//! - [`junit`]: JUnit XML for CI test-report views.
//! - [`codeclimate`]: a Code Climate issue list, GitLab's code quality report.
//! - [`html`]: one self-contained page with charts and a compliance view.
//!
//! Secrets never appear in clear: code frames and snippets pass through
//! [`idgate_core::redact::redact_line`].

pub mod codeclimate;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use idgate_core::{ChangeSet, FileChange, Finding, Provenance, Verdict};

/// Everything a report shows.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The command that produced it (`check`, `scan`).
    pub command: &'a str,
    /// idgate's version.
    pub version: &'a str,
    /// The change judged.
    pub change: &'a ChangeSet,
    /// Provenance of each commit, in commit order.
    pub provenance: &'a [Provenance],
    /// Findings, sorted.
    pub findings: &'a [Finding],
    /// The verdict.
    pub verdict: &'a Verdict,
    /// SHA-256 of the policy file that judged the change; empty for the built-in policy.
    pub policy_digest: &'a str,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// The JSON report.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// A pull-request comment.
    Markdown,
    /// JUnit XML.
    Junit,
    /// Code Climate issues (GitLab code quality).
    Codeclimate,
    /// A self-contained HTML page.
    Html,
}

/// Render `report` in `format`. `color` applies to text only.
pub fn render(report: &Report<'_>, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Markdown => markdown::render(report),
        Format::Junit => junit::render(report),
        Format::Codeclimate => codeclimate::render(report),
        Format::Html => html::render(report),
    }
}

impl Report<'_> {
    /// The file a finding is in.
    pub fn file(&self, path: &str) -> Option<&FileChange> {
        self.change.files.iter().find(|f| f.path == path)
    }

    /// The provenance of a commit.
    pub fn provenance_of(&self, commit: &str) -> Option<&Provenance> {
        self.provenance.iter().find(|p| p.commit == commit)
    }

    /// The redacted source lines `start..=end` of the side of `finding`'s file it points at.
    pub fn snippet(&self, finding: &Finding, start: u32, end: u32) -> Option<String> {
        self.snippet_redacted(finding, start, end).map(|(s, _)| s)
    }

    /// Like [`Report::snippet`], also telling whether redaction changed the text (columns of the
    /// original then no longer line up with it).
    pub fn snippet_redacted(
        &self,
        finding: &Finding,
        start: u32,
        end: u32,
    ) -> Option<(String, bool)> {
        let file = self.file(&finding.path)?;
        let text = if finding.old_side {
            file.old_text.as_deref()?
        } else {
            file.new_text.as_deref()?
        };
        let raw: Vec<&str> = text
            .lines()
            .skip(start.saturating_sub(1) as usize)
            .take((end + 1).saturating_sub(start) as usize)
            .collect();
        let raw = raw.join("\n");
        // Two layers: the provider-aware scanner, then the generic high-entropy literal mask.
        let redacted: Vec<String> = idgate_secrets::redact(&raw)
            .lines()
            .map(idgate_core::redact::redact_line)
            .collect();
        let redacted = redacted.join("\n");
        let changed = redacted != raw;
        (!raw.is_empty()).then_some((redacted, changed))
    }
}

/// Short commit id.
pub(crate) fn short(id: &str) -> &str {
    id.get(..10).unwrap_or(id)
}
