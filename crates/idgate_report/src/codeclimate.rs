//! A Code Climate issue list, the format of GitLab's code quality report
//! (`artifacts: reports: codequality:`): a JSON array with one object per finding that counts —
//! `type`, `check_name` (the rule code), `description` (rule name and redacted message),
//! `categories`, `severity`, `fingerprint` and `location` (`path`, `lines.begin`, `lines.end`).
//! Notes (`identity-surface`, credentials in tests and docs) are left out: GitLab shows every
//! entry as a code quality problem.
//!
//! Severity is the rule's, mapped onto Code Climate's scale: critical → `critical`, high →
//! `major`, medium → `minor`, low and info → `info`; an `error`-level finding is at least
//! `major`. The fingerprint is the finding's stable fingerprint, so GitLab can tell new problems
//! from old ones between a merge request and its target branch.

use idgate_core::{Level, Severity};
use serde_json::{Value, json};

use crate::Report;

/// Render the issue list (pretty-printed, with a trailing newline).
pub fn render(report: &Report<'_>) -> String {
    let issues: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| f.level.counts())
        .map(|f| {
            let mut severity = match f.severity {
                Severity::Critical => "critical",
                Severity::High => "major",
                Severity::Medium => "minor",
                Severity::Low | Severity::Info => "info",
            };
            if f.level == Level::Error && matches!(severity, "minor" | "info") {
                severity = "major";
            }
            json!({
                "type": "issue",
                "check_name": f.rule,
                "description": format!(
                    "{}: {}",
                    f.name,
                    idgate_core::redact::redact_line(&f.message)
                ),
                "categories": ["Security"],
                "severity": severity,
                "fingerprint": f.fingerprint.as_str(),
                "location": {
                    "path": f.path,
                    "lines": {"begin": f.line.max(1), "end": f.end_line.max(f.line).max(1)},
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(issues)).expect("plain JSON") + "\n"
}
