//! Markdown for a pull-request comment: the verdict first, then what is still needed to merge,
//! then findings grouped by category with before → after evidence and who wrote the lines, the
//! details folded. Stays under GitHub's 65,536-character comment limit by folding away findings
//! that do not fit, and says how many were left out.

use std::fmt::Write;

use idgate_core::{Category, Decision};

use crate::{Report, short};

/// GitHub's limit on a comment body, with room for the closing note.
const LIMIT: usize = 65_536 - 512;

/// A hidden marker so a bot can find and update its own comment.
pub const MARKER: &str = "<!-- idgate-report -->";

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Render the markdown report.
pub fn render(report: &Report<'_>) -> String {
    let v = report.verdict;
    let mut out = String::new();
    let icon = match v.decision {
        Decision::Allow => "✅",
        Decision::Review => "🟡",
        Decision::Block => "⛔",
    };
    let _ = writeln!(out, "{MARKER}");
    let _ = writeln!(
        out,
        "## {icon} idgate: **{}**\n",
        v.decision.as_str().to_uppercase()
    );
    for r in &v.reasons {
        let _ = writeln!(out, "- {}", escape(r));
    }
    if !v.obligations.is_empty() {
        out.push_str("\n**To merge:**\n\n");
        for o in &v.obligations {
            let _ = writeln!(out, "- [ ] {} ({})", escape(&o.description), o.kind);
        }
    }
    for a in &v.approvals {
        let _ = writeln!(out, "- approved by `{a}`");
    }
    for w in &v.waivers {
        let _ = writeln!(out, "- waived: {}", escape(w));
    }
    if !report.provenance.is_empty() {
        out.push_str("\n<details><summary>Commits</summary>\n\n| commit | actor | agent | confidence | signature |\n|---|---|---|---|---|\n");
        for p in report.provenance {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {:.2} | {} |",
                short(&p.commit),
                p.actor.as_str(),
                p.agent.as_deref().unwrap_or("-"),
                p.confidence,
                p.signature.status.as_str()
            );
        }
        out.push_str("\n</details>\n");
    }

    let mut categories: Vec<Category> = report.findings.iter().map(|f| f.category).collect();
    categories.sort();
    categories.dedup();
    let mut left_out = 0;
    for category in categories {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.category == category)
            .collect();
        let mut section = format!("\n### {} ({})\n\n", category.id(), findings.len());
        for f in findings {
            let who = f
                .attribution
                .as_ref()
                .filter(|a| a.source != "none")
                .map(|a| {
                    format!(
                        ", lines by {:?}{}",
                        a.actor,
                        a.agent
                            .as_deref()
                            .map(|g| format!(" ({g})"))
                            .unwrap_or_default()
                    )
                })
                .or_else(|| {
                    f.commit
                        .as_deref()
                        .and_then(|c| report.provenance_of(c))
                        .map(|p| {
                            format!(
                                ", commit by {:?}{}",
                                p.actor,
                                p.agent
                                    .as_deref()
                                    .map(|g| format!(" ({g})"))
                                    .unwrap_or_default()
                            )
                        })
                })
                .unwrap_or_default();
            let mut item = format!(
                "<details><summary><b>{}</b> {} — <code>{}:{}</code> ({}{who})</summary>\n\n{}\n\n",
                f.rule,
                f.name,
                escape(&f.path),
                f.line,
                f.level.as_str(),
                escape(&idgate_core::redact::redact_line(&f.message))
            );
            if f.before.is_some() || f.after.is_some() {
                let _ = writeln!(
                    item,
                    "| before | after |\n|---|---|\n| {} | {} |\n",
                    escape(f.before.as_deref().unwrap_or("—")),
                    escape(f.after.as_deref().unwrap_or("—"))
                );
            }
            if let Some(snippet) = report.snippet(f, f.line, f.end_line) {
                let _ = writeln!(item, "```\n{}\n```\n", snippet.replace("```", "ʼʼʼ"));
            }
            let cwes: Vec<String> = f.cwe.iter().map(|c| format!("CWE-{c}")).collect();
            let _ = writeln!(
                item,
                "{} · `{}`\n</details>\n",
                cwes.join(", "),
                f.fingerprint.as_str()
            );
            if out.len() + section.len() + item.len() > LIMIT {
                left_out += 1;
                continue;
            }
            section.push_str(&item);
        }
        if out.len() + section.len() <= LIMIT {
            out.push_str(&section);
        }
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "\n_{left_out} more finding{} did not fit in a comment; see the SARIF or JSON report._",
            if left_out == 1 { "" } else { "s" }
        );
    }
    if report.findings.is_empty() {
        out.push_str("\nNo findings.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_core::{
        ChangeSet, ChangeSource, Decision, Finding, Fingerprint, Level, Severity, Verdict,
    };

    #[test]
    fn stays_under_the_comment_limit_and_says_what_it_left_out() {
        let findings: Vec<Finding> = (0..3000)
            .map(|i| Finding {
                rule: "IDG101",
                name: "pyjwt-verification-disabled",
                category: Category::TokenVerification,
                cwe: vec![347],
                severity: Severity::Critical,
                level: Level::Error,
                path: format!("app/module_{i}/auth.py"),
                line: 10,
                end_line: 10,
                column: 5,
                old_side: false,
                message: "JWT decoded without signature verification".into(),
                before: Some("signature verified".into()),
                after: Some("signature not verified".into()),
                fingerprint: Fingerprint::new("IDG101", &format!("{i}"), "x"),
                commit: None,
                attribution: None,
                measure: None,
            })
            .collect();
        let change = ChangeSet {
            source: ChangeSource::Staged,
            base: None,
            head: None,
            digest: String::new(),
            commits: vec![],
            files: vec![],
        };
        let verdict = Verdict {
            decision: Decision::Review,
            reasons: vec!["3000 error-level findings".into()],
            obligations: vec![],
            approvals: vec![],
            waivers: vec![],
        };
        let report = Report {
            command: "check",
            version: "0",
            change: &change,
            provenance: &[],
            findings: &findings,
            verdict: &verdict,
            policy_digest: "",
        };
        let md = render(&report);
        assert!(md.len() <= 65_536, "{}", md.len());
        assert!(md.contains("did not fit in a comment"));
        assert!(md.starts_with(MARKER));
        // Markup in paths and messages cannot break out of the table or the summary.
        assert_eq!(escape("a|b<c>"), "a\\|b&lt;c&gt;");
    }
}
