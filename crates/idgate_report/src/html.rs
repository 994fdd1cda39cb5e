//! One self-contained HTML page: inline CSS and inline SVG, no scripts, no external requests
//! (a `Content-Security-Policy` meta tag forbids them), readable offline and printable.
//!
//! Sections, in order: the verdict (reasons, what is still needed to merge, approvals,
//! waivers), a summary of the change, charts of findings by category and by actor, the
//! provenance of each commit, every finding with its code frame and before → after evidence,
//! and a compliance view that groups findings and the controls applied (approvals, waivers,
//! verified commit signatures, the gate itself) by framework: OWASP NHI Top 10, OWASP Top 10
//! for Agentic Applications, NIST CSF 2.0 and NIST SP 800-207.
//!
//! Every piece of text passes through [`escape`]; finding text and code frames are also
//! redacted like every other format, so a secret never appears in clear.
//!
//! [`escape`], [`bar_chart`] and [`STYLE`] are public so that the dashboard of `idgate serve`
//! draws with the same hand.

use std::collections::BTreeMap;
use std::fmt::Write;

use idgate_core::{Actor, Category, ChangeSource, Finding, SignatureStatus};

use crate::{Report, short};

/// The style sheet shared by the report and the dashboard. Light and dark, no web fonts.
pub const STYLE: &str = r#"
:root{--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--allow:#1a7f37;--review:#9a6700;--block:#cf222e;--bar:#0969da;--hit:#fff8c5;--code:#f6f8fa}
@media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--allow:#3fb950;--review:#d29922;--block:#f85149;--bar:#4493f8;--hit:#3b2e00;--code:#151b23}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:0}
a{color:var(--bar)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.verdict{border:2px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
.verdict.allow{border-color:var(--allow)}.verdict.review{border-color:var(--review)}.verdict.block{border-color:var(--block)}
.decision{font-weight:700;letter-spacing:.04em}
.decision.allow{color:var(--allow)}.decision.review{color:var(--review)}.decision.block{color:var(--block)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid var(--line)}
.badge.error,.badge.block{color:var(--block);border-color:var(--block)}.badge.warning,.badge.review{color:var(--review);border-color:var(--review)}.badge.note,.badge.allow{color:var(--allow);border-color:var(--allow)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}th{color:var(--muted);font-weight:600;font-size:13px}
.muted{color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.finding{border:1px solid var(--line);border-radius:8px;margin:16px 0;overflow:hidden}
.finding header{background:var(--card);padding:8px 16px;border-bottom:1px solid var(--line)}
.finding .body{padding:8px 16px}
.evidence{display:grid;grid-template-columns:1fr auto 1fr;gap:8px;align-items:center;margin:8px 0}
.evidence div{border:1px solid var(--line);border-radius:6px;padding:6px 10px;background:var(--code)}
.evidence .arrow{border:0;background:none;font-size:20px;color:var(--muted)}
.frame{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;background:var(--code);border:1px solid var(--line);border-radius:6px;overflow-x:auto;margin:8px 0}
.frame table{margin:0;width:auto;min-width:100%}.frame td{border:0;padding:0 10px;white-space:pre}
.frame td.n{color:var(--muted);text-align:right;user-select:none}
.frame tr.hit{background:var(--hit)}
figure{margin:0}figure svg{max-width:100%;height:auto}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}svg .bar{fill:var(--bar)}svg .axis{stroke:var(--line)}
nav a{margin-right:16px}
"#;

/// Escape text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart as inline SVG: one bar per `(label, count)`, in the order given, each
/// labelled with its count. `id` names the chart for links and tests (`data-chart`).
pub fn bar_chart(id: &str, title: &str, rows: &[(String, u64)]) -> String {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let row_h = 24u64;
    let label_w = 170u64;
    let bar_w = 260u64;
    let height = (rows.len() as u64).max(1) * row_h + 8;
    let width = label_w + bar_w + 60;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<figure class="chart" data-chart="{}"><figcaption><b>{}</b></figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-label="{}"><title>{}</title>"#,
        escape(id),
        escape(title),
        escape(title),
        escape(title)
    );
    if rows.is_empty() {
        let _ = write!(out, r#"<text x="0" y="18">nothing to show</text>"#);
    }
    for (i, (label, count)) in rows.iter().enumerate() {
        let y = i as u64 * row_h + 4;
        let w = (count * bar_w).div_ceil(max).max(u64::from(*count > 0) * 2);
        let _ = write!(
            out,
            r#"<g data-label="{l}" data-count="{count}"><text x="{tx}" y="{ty}" text-anchor="end">{l}</text><rect class="bar" x="{label_w}" y="{y}" width="{w}" height="{bh}" rx="2"><title>{l}: {count}</title></rect><text x="{cx}" y="{ty}">{count}</text></g>"#,
            l = escape(label),
            tx = label_w - 8,
            ty = y + 14,
            bh = row_h - 6,
            cx = label_w + w + 6,
        );
    }
    out.push_str("</svg></figure>");
    out
}

/// The controls idgate applies, and where each framework names them.
struct Control {
    framework: Framework,
    id: &'static str,
    what: String,
}

/// The four frameworks of the compliance view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Framework {
    Nhi,
    Asi,
    Csf,
    ZeroTrust,
}

impl Framework {
    const ALL: [Framework; 4] = [
        Framework::Nhi,
        Framework::Asi,
        Framework::Csf,
        Framework::ZeroTrust,
    ];

    fn name(self) -> &'static str {
        match self {
            Framework::Nhi => "OWASP Non-Human Identities Top 10 (2025)",
            Framework::Asi => "OWASP Top 10 for Agentic Applications (2026)",
            Framework::Csf => "NIST Cybersecurity Framework 2.0",
            Framework::ZeroTrust => "NIST SP 800-207 Zero Trust Architecture",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Framework::Nhi => "owasp-nhi",
            Framework::Asi => "owasp-asi",
            Framework::Csf => "nist-csf",
            Framework::ZeroTrust => "nist-800-207",
        }
    }

    fn ids(self, category: Category) -> &'static [&'static str] {
        let f = category.frameworks();
        match self {
            Framework::Nhi => f.owasp_nhi,
            Framework::Asi => f.owasp_asi,
            Framework::Csf => f.nist_csf,
            Framework::ZeroTrust => f.sp800_207,
        }
    }
}

/// Short titles of the framework items idgate maps to (paraphrased from the frameworks).
fn item_title(id: &str) -> &'static str {
    match id {
        "NHI1" => "Improper Offboarding",
        "NHI2" => "Secret Leakage",
        "NHI3" => "Vulnerable Third-Party NHI",
        "NHI4" => "Insecure Authentication",
        "NHI5" => "Overprivileged NHI",
        "NHI6" => "Insecure Cloud Deployment Configurations",
        "NHI7" => "Long-Lived Secrets",
        "NHI8" => "Environment Isolation",
        "NHI9" => "NHI Reuse",
        "NHI10" => "Human Use of NHI",
        "ASI03" => "Identity and Privilege Abuse",
        "ASI09" => "Human-Agent Trust Exploitation",
        "ASI10" => "Rogue Agents",
        "PR.AA-01" => "Identities and credentials are managed",
        "PR.AA-03" => "Users, services and hardware are authenticated",
        "PR.AA-04" => "Identity assertions are protected, conveyed and verified",
        "PR.AA-05" => "Access permissions follow least privilege and separation of duties",
        "PR.DS-01" => "Data at rest is protected",
        "PR.DS-02" => "Data in transit is protected",
        "PR.DS-10" => "Data in use is protected",
        "PR.PS-04" => "Log records are generated for monitoring",
        "PR.PS-06" => "Secure software development practices are integrated",
        "ID.RA-06" => "Risk responses are chosen, tracked and communicated",
        "ID.RA-07" => "Changes and exceptions are managed, assessed, recorded and tracked",
        "ID.RA-09" => "Authenticity and integrity of software are assessed",
        "tenet-2" => "All communication is secured regardless of network location",
        "tenet-3" => "Access is granted per session",
        "tenet-4" => "Access is decided by dynamic policy",
        "tenet-6" => "Authentication and authorization are strictly enforced before access",
        _ => "",
    }
}

/// The controls this evaluation applied, mapped to framework items.
fn controls(report: &Report<'_>) -> Vec<Control> {
    let v = report.verdict;
    let mut out = Vec::new();
    let policy = if report.policy_digest.is_empty() {
        "the built-in policy".to_string()
    } else {
        format!(
            "the base revision's policy (sha256 {})",
            short(report.policy_digest)
        )
    };
    let gate = format!("Change gated by {policy}: verdict {}", v.decision.as_str());
    out.push(Control {
        framework: Framework::Csf,
        id: "PR.PS-06",
        what: gate.clone(),
    });
    out.push(Control {
        framework: Framework::ZeroTrust,
        id: "tenet-4",
        what: gate,
    });
    for a in &v.approvals {
        let what = format!("Signed approval by {a}");
        out.push(Control {
            framework: Framework::Csf,
            id: "ID.RA-07",
            what: what.clone(),
        });
        out.push(Control {
            framework: Framework::Csf,
            id: "PR.AA-05",
            what: format!("{what} (separation of duties: authors cannot approve)"),
        });
        out.push(Control {
            framework: Framework::Asi,
            id: "ASI09",
            what: format!("{what}: a person reviewed the agent's change"),
        });
    }
    for w in &v.waivers {
        out.push(Control {
            framework: Framework::Csf,
            id: "ID.RA-07",
            what: format!("Waiver: {w}"),
        });
        out.push(Control {
            framework: Framework::Csf,
            id: "ID.RA-06",
            what: format!("Risk accepted by waiver: {w}"),
        });
    }
    for o in &v.obligations {
        out.push(Control {
            framework: Framework::Csf,
            id: "ID.RA-07",
            what: format!("Open obligation ({}): {}", o.kind, o.description),
        });
    }
    for p in report.provenance {
        if p.signature.status == SignatureStatus::Verified {
            out.push(Control {
                framework: Framework::Csf,
                id: "ID.RA-09",
                what: format!(
                    "Commit {} signature verified{}",
                    short(&p.commit),
                    p.signature
                        .principal
                        .as_deref()
                        .map(|s| format!(" for {s}"))
                        .unwrap_or_default()
                ),
            });
        }
        if p.actor == Actor::Agent {
            out.push(Control {
                framework: Framework::Asi,
                id: "ASI10",
                what: format!(
                    "Commit {} attributed to agent {}",
                    short(&p.commit),
                    p.agent.as_deref().unwrap_or("(unnamed)")
                ),
            });
        }
    }
    out
}

/// Both redaction layers, line by line.
fn redacted(text: &str) -> String {
    idgate_secrets::redact(text)
        .split('\n')
        .map(idgate_core::redact::redact_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Who wrote a finding's line: line attribution, else its commit's provenance, else unknown.
fn finding_actor(report: &Report<'_>, f: &Finding) -> String {
    let (actor, agent) = match &f.attribution {
        Some(a) if a.source != "none" => (a.actor, a.agent.clone()),
        _ => match f.commit.as_deref().and_then(|c| report.provenance_of(c)) {
            Some(p) => (p.actor, p.agent.clone()),
            None => (Actor::Unknown, None),
        },
    };
    match agent {
        Some(g) => format!("{} ({g})", actor.as_str()),
        None => actor.as_str().to_string(),
    }
}

/// Render the HTML report.
pub fn render(report: &Report<'_>) -> String {
    let v = report.verdict;
    let decision = v.decision.as_str();
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="idgate {version}">
<title>idgate {command}: {upper}</title>
<style>{STYLE}</style></head>
<body><main>
<h1>idgate {command}</h1>
"#,
        version = escape(report.version),
        command = escape(report.command),
        upper = decision.to_uppercase(),
    );
    verdict_section(&mut out, v, decision);
    summary_section(&mut out, report);
    charts_section(&mut out, report);
    provenance_section(&mut out, report);
    findings_section(&mut out, report);
    compliance_section(&mut out, report);
    out.push_str("</main></body></html>\n");
    out
}

fn verdict_section(out: &mut String, v: &idgate_core::Verdict, decision: &str) {
    let _ = write!(
        out,
        r#"<section id="verdict" class="verdict {decision}"><h2 style="margin-top:0;border:0">Verdict: <span class="decision {decision}">{}</span></h2>"#,
        decision.to_uppercase()
    );
    if !v.reasons.is_empty() {
        out.push_str("<ul class=\"reasons\">");
        for r in &v.reasons {
            let _ = write!(out, "<li>{}</li>", escape(&redacted(r)));
        }
        out.push_str("</ul>");
    }
    if !v.obligations.is_empty() {
        out.push_str("<h3>To merge</h3><ul class=\"obligations\">");
        for o in &v.obligations {
            let _ = write!(
                out,
                "<li>☐ {} <span class=\"badge\">{}</span></li>",
                escape(&o.description),
                escape(&o.kind)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("<h3>Approvals</h3>");
    if v.approvals.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>");
    } else {
        out.push_str("<ul class=\"approvals\">");
        for a in &v.approvals {
            let _ = write!(out, "<li>✔ approved by <code>{}</code></li>", escape(a));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h3>Waivers</h3>");
    if v.waivers.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>");
    } else {
        out.push_str("<ul class=\"waivers\">");
        for w in &v.waivers {
            let _ = write!(out, "<li>{}</li>", escape(&redacted(w)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
}

fn summary_section(out: &mut String, report: &Report<'_>) {
    let change = report.change;
    let source = match &change.source {
        ChangeSource::Range { base, head } => format!("commit range {base}..{head}"),
        ChangeSource::Staged => "staged changes".into(),
        ChangeSource::Worktree => "working tree".into(),
        ChangeSource::Patch { name } => format!("patch {name}"),
        ChangeSource::Scan { paths } => format!("scan of {}", paths.join(" ")),
    };
    let count = |l: idgate_core::Level| report.findings.iter().filter(|f| f.level == l).count();
    out.push_str("<section id=\"summary\"><h2>Summary</h2><table class=\"summary\">");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(out, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    row("Source", escape(&source));
    if let Some(b) = &change.base {
        row("Base", format!("<code>{}</code>", escape(b)));
    }
    if let Some(h) = &change.head {
        row("Head", format!("<code>{}</code>", escape(h)));
    }
    if !change.digest.is_empty() {
        row(
            "Change digest",
            format!("<code>{}</code>", escape(&change.digest)),
        );
    }
    row("Commits", change.commits.len().to_string());
    row("Files", change.files.len().to_string());
    row(
        "Findings",
        format!(
            "{} (<span class=\"badge error\">{} error</span> <span class=\"badge warning\">{} warning</span> <span class=\"badge note\">{} note</span>)",
            report.findings.len(),
            count(idgate_core::Level::Error),
            count(idgate_core::Level::Warning),
            count(idgate_core::Level::Note)
        ),
    );
    row(
        "Policy",
        if report.policy_digest.is_empty() {
            "built-in".to_string()
        } else {
            format!("<code>sha256:{}</code>", escape(report.policy_digest))
        },
    );
    row("Tool", format!("idgate {}", escape(report.version)));
    out.push_str("</table></section>\n");
}

fn charts_section(out: &mut String, report: &Report<'_>) {
    let mut by_category: BTreeMap<Category, u64> = BTreeMap::new();
    let mut by_actor: BTreeMap<String, u64> = BTreeMap::new();
    for f in report.findings {
        *by_category.entry(f.category).or_default() += 1;
        *by_actor.entry(finding_actor(report, f)).or_default() += 1;
    }
    let categories: Vec<(String, u64)> = by_category
        .into_iter()
        .map(|(c, n)| (c.id().to_string(), n))
        .collect();
    let mut actors: Vec<(String, u64)> = by_actor.into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.push_str("<section id=\"charts\"><h2>Findings at a glance</h2><div class=\"grid\">");
    out.push_str(&bar_chart(
        "by-category",
        "Findings by category",
        &categories,
    ));
    out.push_str(&bar_chart("by-actor", "Findings by actor", &actors));
    out.push_str("</div></section>\n");
}

fn provenance_section(out: &mut String, report: &Report<'_>) {
    out.push_str("<section id=\"provenance\"><h2>Provenance</h2>");
    if report.provenance.is_empty() {
        out.push_str("<p class=\"muted\">No commits: the change has no author information, so every line counts as written by an unknown actor.</p></section>\n");
        return;
    }
    out.push_str("<table><tr><th>Commit</th><th>Author</th><th>Actor</th><th>Agent</th><th>Confidence</th><th>Signature</th><th>Evidence</th></tr>\n");
    for p in report.provenance {
        let commit = report.change.commits.iter().find(|c| c.id == p.commit);
        let author = commit
            .map(|c| {
                format!(
                    "{} &lt;{}&gt;",
                    escape(&c.author.name),
                    escape(&c.author.email)
                )
            })
            .unwrap_or_default();
        let summary = commit
            .map(|c| {
                format!(
                    "<br><span class=\"muted\">{}</span>",
                    escape(&redacted(c.summary()))
                )
            })
            .unwrap_or_default();
        let signature = match (&p.signature.principal, &p.signature.reason) {
            (Some(who), _) => format!("{} ({})", p.signature.status.as_str(), escape(who)),
            (None, Some(why)) => format!("{} ({})", p.signature.status.as_str(), escape(why)),
            _ => p.signature.status.as_str().to_string(),
        };
        let evidence: Vec<String> = p
            .evidence
            .iter()
            .map(|e| format!("<li>{}</li>", escape(&redacted(e))))
            .collect();
        let _ = writeln!(
            out,
            "<tr class=\"commit\"><td><code>{}</code>{summary}</td><td>{author}</td><td><span class=\"badge\">{}</span></td><td>{}</td><td>{:.2}</td><td>{signature}</td><td><ul>{}</ul></td></tr>",
            short(&p.commit),
            p.actor.as_str(),
            escape(p.agent.as_deref().unwrap_or("—")),
            p.confidence,
            evidence.concat()
        );
    }
    out.push_str("</table></section>\n");
}

fn findings_section(out: &mut String, report: &Report<'_>) {
    let _ = write!(
        out,
        "<section id=\"findings\"><h2>Findings ({})</h2>",
        report.findings.len()
    );
    if report.findings.is_empty() {
        out.push_str("<p>No findings.</p>");
    }
    for f in report.findings {
        let cwes: Vec<String> = f.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let _ = write!(
            out,
            r#"<article class="finding" id="f-{fp}" data-rule="{rule}"><header><h3><span class="badge {level}">{level}</span> <code>{rule}</code> {name}</h3><div class="muted"><code>{path}:{line}</code> · {category} · severity {severity} · {cwes}</div></header><div class="body"><p class="message">{message}</p>"#,
            fp = escape(f.fingerprint.as_str()),
            rule = escape(f.rule),
            level = f.level.as_str(),
            name = escape(f.name),
            path = escape(&f.path),
            line = f.line,
            category = f.category.id(),
            severity = f.severity.as_str(),
            cwes = cwes.join(", "),
            message = escape(&redacted(&f.message)),
        );
        if f.before.is_some() || f.after.is_some() {
            let _ = write!(
                out,
                r#"<div class="evidence"><div class="before"><span class="muted">before</span><br>{}</div><div class="arrow">→</div><div class="after"><span class="muted">after</span><br>{}</div></div>"#,
                escape(&redacted(
                    f.before.as_deref().unwrap_or("(not in the old version)")
                )),
                escape(&redacted(f.after.as_deref().unwrap_or("—")))
            );
        }
        let start = f.line.saturating_sub(2).max(1);
        let end = f.end_line.max(f.line) + 2;
        if let Some(src) = report.snippet(f, start, end) {
            out.push_str("<div class=\"frame\"><table>");
            for (i, text) in src.split('\n').enumerate() {
                let n = start + i as u32;
                let hit = n >= f.line && n <= f.end_line.max(f.line);
                let _ = writeln!(
                    out,
                    "<tr{}><td class=\"n\">{n}</td><td>{}</td></tr>",
                    if hit { " class=\"hit\"" } else { "" },
                    escape(text)
                );
            }
            let _ = write!(
                out,
                "</table></div><p class=\"muted\">{} side of the file</p>",
                if f.old_side { "old" } else { "new" }
            );
        }
        let _ = write!(
            out,
            "<p class=\"muted\">written by {}",
            escape(&finding_actor(report, f))
        );
        if let Some(c) = &f.commit {
            let _ = write!(out, " in commit <code>{}</code>", escape(short(c)));
        }
        if let Some(a) = f.attribution.as_ref().filter(|a| a.source != "none") {
            let _ = write!(out, ", per {}", escape(&a.source));
        }
        let tags = f.framework_tags();
        let _ = writeln!(
            out,
            " · {} · fingerprint <code>{}</code></p></div></article>",
            escape(&tags.join(" ")),
            escape(f.fingerprint.as_str())
        );
    }
    out.push_str("</section>\n");
}

fn compliance_section(out: &mut String, report: &Report<'_>) {
    let controls = controls(report);
    out.push_str("<section id=\"compliance\"><h2>Compliance</h2><p class=\"muted\">Findings and the controls applied to this change, by framework item.</p>");
    for framework in Framework::ALL {
        // item id → (rule → count, controls)
        let mut items: BTreeMap<&str, (BTreeMap<&str, u64>, Vec<&str>)> = BTreeMap::new();
        for f in report.findings.iter().filter(|f| f.level.counts()) {
            for id in framework.ids(f.category) {
                *items.entry(id).or_default().0.entry(f.rule).or_default() += 1;
            }
        }
        for c in controls.iter().filter(|c| c.framework == framework) {
            items.entry(c.id).or_default().1.push(&c.what);
        }
        let _ = write!(
            out,
            "<h3 style=\"margin-top:16px\" id=\"{}\">{}</h3>",
            framework.slug(),
            framework.name()
        );
        if items.is_empty() {
            out.push_str("<p class=\"muted\">Nothing in this change maps here.</p>");
            continue;
        }
        out.push_str("<table><tr><th>Item</th><th>Findings</th><th>Controls applied</th></tr>\n");
        let mut ids: Vec<&&str> = items.keys().collect();
        ids.sort_by_key(|id| sort_key(id));
        for id in ids {
            let (rules, applied) = &items[*id];
            let total: u64 = rules.values().sum();
            let rules_text: Vec<String> = rules
                .iter()
                .map(|(r, n)| format!("<code>{}</code>×{n}", escape(r)))
                .collect();
            let findings = if total == 0 {
                "—".to_string()
            } else {
                format!("{total}: {}", rules_text.join(" "))
            };
            let applied_text = if applied.is_empty() {
                "—".to_string()
            } else {
                let items: Vec<String> = applied
                    .iter()
                    .map(|a| format!("<li>{}</li>", escape(a)))
                    .collect();
                format!("<ul>{}</ul>", items.concat())
            };
            let _ = writeln!(
                out,
                "<tr data-item=\"{id}\"><td><b>{id}</b> {}</td><td>{findings}</td><td>{applied_text}</td></tr>",
                escape(item_title(id)),
                id = escape(id),
            );
        }
        out.push_str("</table>");
    }
    out.push_str("</section>\n");
}

/// Order `NHI2` before `NHI10` and `tenet-2` before `tenet-10`.
fn sort_key(id: &str) -> (String, u32) {
    let digits: String = id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let prefix = id[..id.len() - digits.len()].to_string();
    (prefix, digits.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"x"&'y'</script>"#),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn bars_scale_to_the_largest_count_and_show_counts() {
        let svg = bar_chart(
            "c",
            "T",
            &[
                ("a<b".to_string(), 4),
                ("b".to_string(), 2),
                ("z".to_string(), 0),
            ],
        );
        assert!(svg.contains(r#"data-label="a&lt;b" data-count="4""#));
        assert!(svg.contains(r#"width="260""#), "{svg}");
        assert!(svg.contains(r#"width="130""#), "{svg}");
        assert!(svg.contains(r#"width="0""#), "{svg}");
        assert!(!svg.contains("a<b"));
    }

    #[test]
    fn numeric_ids_sort_by_number() {
        let mut ids = vec!["NHI10", "NHI2", "tenet-6", "tenet-2"];
        ids.sort_by_key(|id| sort_key(id));
        assert_eq!(ids, ["NHI2", "NHI10", "tenet-2", "tenet-6"]);
    }
}
