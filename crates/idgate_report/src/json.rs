//! The JSON report (`--format json`): one object, pretty-printed.
//!
//! ```text
//! {
//!   "tool":     { "name": "idgate", "version": "0.1.0", "command": "check" },
//!   "policy":   { "source": "built-in" | ".idgate/policy.toml", "digest": "<sha256>"|null },
//!   "change":   { "source": { "kind": "range", "base": "main", "head": "HEAD" },
//!                 "base": "<commit id>|null", "head": "<commit id>|null",
//!                 "digest": "<sha256 of base and head state>",
//!                 "files": [ { "path", "old_path", "status": "added|modified|deleted|renamed|scanned",
//!                              "added": n, "removed": n,
//!                              "skipped": null | { "reason": "binary|too-large|submodule|symlink", ... },
//!                              "notes": [ { "note": "invalid-utf8" } | { "note": "mode-changed", "old", "new" } ] } ] },
//!   "commits":  [ { "id", "parents": [], "author": { "name", "email", "time", "offset" },
//!                   "committer": { ... }, "summary", "trailers": [ { "key", "value" } ],
//!                   "signed": bool,
//!                   "provenance": { "commit", "actor": "agent|bot|human|unknown",
//!                                   "agent": "claude-code"|null, "confidence": 0.0..1.0,
//!                                   "evidence": [ "..." ],
//!                                   "signature": { "status": "none|unverified|verified|bad",
//!                                                  "format": "ssh|openpgp|x509|unknown"|null,
//!                                                  "principal", "key", "matches_committer", "reason" } } } ],
//!   "findings": [ { "rule": "IDG101", "name": "pyjwt-verification-disabled",
//!                   "category": "token-verification", "cwe": [347, 345, 287],
//!                   "severity": "info|low|medium|high|critical", "level": "error|warning|note",
//!                   "path", "line", "end_line", "column", "old_side": bool,
//!                   "message", "before": str|null, "after": str|null,
//!                   "fingerprint": "<32 hex>", "commit": "<id>"|null, "actor": "agent|…"|null,
//!                   "attribution": null | { "actor", "agent", "source": "git-ai|agent-trace", "commit" },
//!                   "frameworks": [ "owasp-nhi/NHI4", "owasp-asi/ASI03", "nist-csf/PR.AA-04", … ] } ],
//!   "verdict":  { "decision": "allow|review|block", "reasons": [ "..." ],
//!                 "obligations": [ { "kind", "description" } ], "approvals": [], "waivers": [] }
//! }
//! ```
//!
//! Field names are a contract (DESIGN.md): add fields freely, rename or remove only with a
//! changelog line. Messages never hold secrets in clear.

use idgate_core::{Commit, FileChange, Finding, Identity, Provenance, Trailer, Verdict};
use serde::Serialize;

use crate::Report;

#[derive(Serialize)]
struct Json<'a> {
    tool: Tool<'a>,
    policy: Policy<'a>,
    change: Change<'a>,
    commits: Vec<CommitJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    verdict: &'a Verdict,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
    command: &'a str,
}

#[derive(Serialize)]
struct Policy<'a> {
    /// `built-in`, or `.idgate/policy.toml` of the base revision.
    source: &'static str,
    /// SHA-256 of the policy file's bytes; null for the built-in policy.
    digest: Option<&'a str>,
}

#[derive(Serialize)]
struct Change<'a> {
    source: &'a idgate_core::ChangeSource,
    base: Option<&'a str>,
    head: Option<&'a str>,
    digest: &'a str,
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    old_path: Option<&'a str>,
    status: idgate_core::FileStatus,
    added: u32,
    removed: u32,
    skipped: Option<&'a idgate_core::SkipReason>,
    notes: &'a [idgate_core::FileNote],
}

#[derive(Serialize)]
struct CommitJson<'a> {
    id: &'a str,
    parents: &'a [String],
    author: &'a Identity,
    committer: &'a Identity,
    summary: &'a str,
    trailers: &'a [Trailer],
    signed: bool,
    provenance: Option<&'a Provenance>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    actor: Option<idgate_core::Actor>,
    frameworks: Vec<String>,
}

fn file(f: &FileChange) -> FileJson<'_> {
    let (added, removed) = f.line_counts();
    FileJson {
        path: &f.path,
        old_path: f.old_path.as_deref(),
        status: f.status,
        added,
        removed,
        skipped: f.skipped.as_ref(),
        notes: &f.notes,
    }
}

fn commit<'a>(report: &Report<'a>, c: &'a Commit) -> CommitJson<'a> {
    CommitJson {
        id: &c.id,
        parents: &c.parents,
        author: &c.author,
        committer: &c.committer,
        summary: c.summary(),
        trailers: &c.trailers,
        signed: c.signature.is_some(),
        provenance: report.provenance.iter().find(|p| p.commit == c.id),
    }
}

/// Render the JSON report.
pub fn render(report: &Report<'_>) -> String {
    let doc = Json {
        tool: Tool {
            name: "idgate",
            version: report.version,
            command: report.command,
        },
        policy: Policy {
            source: if report.policy_digest.is_empty() {
                "built-in"
            } else {
                ".idgate/policy.toml"
            },
            digest: (!report.policy_digest.is_empty()).then_some(report.policy_digest),
        },
        change: Change {
            source: &report.change.source,
            base: report.change.base.as_deref(),
            head: report.change.head.as_deref(),
            digest: &report.change.digest,
            files: report.change.files.iter().map(file).collect(),
        },
        commits: report
            .change
            .commits
            .iter()
            .map(|c| commit(report, c))
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|f| FindingJson {
                finding: f,
                actor: f
                    .commit
                    .as_deref()
                    .and_then(|c| report.provenance_of(c))
                    .map(|p| p.actor),
                frameworks: f.framework_tags(),
            })
            .collect(),
        verdict: report.verdict,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("report types serialise infallibly");
    s.push('\n');
    s
}
