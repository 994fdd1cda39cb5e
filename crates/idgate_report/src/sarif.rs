//! SARIF 2.1.0, as GitHub code scanning and other SARIF consumers read it.
//!
//! - `tool.driver.rules` lists every registered rule (so `ruleIndex` is stable) with
//!   `properties.tags`: `security`, `idgate/category/<category>`, `external/cwe/cwe-<n>` per CWE, and
//!   the framework tags (`owasp-nhi/NHI<n>`, `owasp-asi/ASI<nn>`, `nist-csf/<ID>`), plus
//!   `security-severity` and markdown help generated from the rule's documentation.
//! - `results[].level` is `error` or `warning` for findings that count, `note` for information.
//! - Locations use repository-relative URIs under `%SRCROOT%` and the new-side line; old-side
//!   findings put the removed code in `relatedLocations`.
//! - `partialFingerprints["idgate/v1"]` is the finding's stable fingerprint.
//! - Skipped files become `toolExecutionNotifications`, so nothing is silently left out.
//! - Snippets are redacted.

use idgate_core::Finding;
use idgate_rules::{REGISTRY, Rule};
use serde_json::{Value, json};

use crate::Report;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn tags(rule: &Rule) -> Vec<String> {
    let mut tags = vec![
        "security".to_string(),
        format!("idgate/category/{}", rule.category.id()),
    ];
    tags.extend(rule.cwe.iter().map(|c| format!("external/cwe/cwe-{c}")));
    let f = rule.category.frameworks();
    tags.extend(f.owasp_nhi.iter().map(|t| format!("owasp-nhi/{t}")));
    tags.extend(f.owasp_asi.iter().map(|t| format!("owasp-asi/{t}")));
    tags.extend(f.nist_csf.iter().map(|t| format!("nist-csf/{t}")));
    tags.extend(f.sp800_207.iter().map(|t| format!("nist-800-207/{t}")));
    tags
}

/// `pyjwt-verification-disabled` → `PyjwtVerificationDisabled` (SARIF's `name` convention).
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule_descriptor(rule: &Rule) -> Value {
    let docs = rule.documentation();
    let what = docs
        .split("## Why is this bad?")
        .next()
        .unwrap_or("")
        .replace("## What it does", "")
        .trim()
        .to_string();
    json!({
        "id": rule.code,
        "name": pascal(rule.name),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": what },
        "help": { "text": docs, "markdown": docs },
        "helpUri": format!("https://idgate.invalid/rules/{}", rule.name),
        "defaultConfiguration": { "level": rule.default_level.as_str() },
        "properties": {
            "tags": tags(rule),
            "security-severity": rule.severity.score(),
            "precision": "high",
            "problem.severity": match rule.default_level {
                idgate_core::Level::Error => "error",
                idgate_core::Level::Warning => "warning",
                idgate_core::Level::Note => "recommendation",
            },
            "idgate/name": rule.name,
        }
    })
}

fn location(report: &Report<'_>, f: &Finding) -> Value {
    let mut region = json!({
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
    });
    if let Some(s) = report.snippet(f, f.line, f.end_line) {
        region["snippet"] = json!({ "text": s });
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    })
}

/// A relative URI reference: percent-encode what URIs do not allow in paths.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn result(report: &Report<'_>, f: &Finding) -> Value {
    let index = REGISTRY.iter().position(|r| r.code == f.rule);
    let mut text = f.message.clone();
    if f.before.is_some() || f.after.is_some() {
        text.push_str(&format!(
            " (before: {}; after: {})",
            f.before
                .as_deref()
                .unwrap_or("not found in the old version"),
            f.after.as_deref().unwrap_or("-")
        ));
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": f.level.as_str(),
        "message": { "text": text },
        "locations": [location(report, f)],
        "partialFingerprints": { "idgate/v1": f.fingerprint.as_str() },
        "properties": {
            "category": f.category.id(),
            "severity": f.severity.as_str(),
            "before": f.before,
            "after": f.after,
            "commit": f.commit,
            "actor": f.commit.as_deref().and_then(|c| report.provenance_of(c)).map(|p| p.actor),
            "attribution": f.attribution,
            "tags": f.framework_tags(),
        }
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    r
}

/// Render the SARIF log.
pub fn render(report: &Report<'_>) -> String {
    let notifications: Vec<Value> = report
        .change
        .files
        .iter()
        .filter_map(|file| {
            let reason = file.skipped.as_ref()?;
            let why = match reason {
                idgate_core::SkipReason::Binary => "binary file".to_string(),
                idgate_core::SkipReason::TooLarge { size, limit } => {
                    format!("{size} bytes, over the {limit}-byte cap")
                }
                idgate_core::SkipReason::Submodule => "submodule".to_string(),
                idgate_core::SkipReason::Symlink => "symbolic link".to_string(),
            };
            Some(json!({
                "level": "note",
                "message": { "text": format!("Skipped {}: {why}.", file.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": {
                    "uri": uri(&file.path), "uriBaseId": "%SRCROOT%" } } }],
            }))
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "idgate",
                "fullName": "idgate identity-logic gate",
                "version": report.version,
                "semanticVersion": report.version,
                "informationUri": "https://idgate.invalid/",
                "rules": REGISTRY.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": report.findings.iter().map(|f| result(report, f)).collect::<Vec<_>>(),
            "properties": {
                "idgate/verdict": report.verdict.decision.as_str(),
                "idgate/reasons": report.verdict.reasons,
                "idgate/obligations": report.verdict.obligations,
                "idgate/approvals": report.verdict.approvals,
                "idgate/waivers": report.verdict.waivers,
                "idgate/digest": report.change.digest,
                "idgate/policy-digest": report.policy_digest,
            },
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).expect("json values serialise infallibly");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(uri("src/app/auth.py"), "src/app/auth.py");
        assert_eq!(uri("src/my file#1.py"), "src/my%20file%231.py");
        assert_eq!(uri("café.py"), "caf%C3%A9.py");
        assert_eq!(
            pascal("pyjwt-verification-disabled"),
            "PyjwtVerificationDisabled"
        );
    }

    #[test]
    fn every_rule_carries_the_contract_tags() {
        for rule in REGISTRY {
            let t = tags(rule);
            assert!(t.contains(&format!("idgate/category/{}", rule.category.id())));
            for c in rule.cwe {
                assert!(t.contains(&format!("external/cwe/cwe-{c}")));
            }
            // Identity-surface notes are information, not a risk in an OWASP list.
            assert!(
                rule.category == idgate_core::Category::IdentitySurface
                    || t.iter()
                        .any(|x| x.starts_with("owasp-nhi/") || x.starts_with("owasp-asi/"))
            );
            assert!(t.iter().any(|x| x.starts_with("nist-csf/")));
        }
    }
}
