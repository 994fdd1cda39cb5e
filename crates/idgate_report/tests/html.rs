//! The HTML report of one hand-built change: snapshotted whole, and checked for what a reader
//! must (the verdict, evidence, counts in the charts, the compliance view) and must never see (a
//! planted secret, unescaped markup).

use idgate_core::{
    Actor, Category, ChangeSet, ChangeSource, Commit, Decision, FileChange, FileStatus, Finding,
    Fingerprint, Hunk, Identity, Level, LineAttribution, Obligation, Provenance, Severity,
    SignatureInfo, SignatureStatus, Verdict,
};
use idgate_report::{Format, Report, render};

const SECRET: &str = "ghp_R4nd0mT0k3nV4lu3Zq8v3ZrT1pWm9XyB4nLd";

fn identity(name: &str, email: &str) -> Identity {
    Identity {
        name: name.into(),
        email: email.into(),
        time: 1_767_225_600,
        offset: 0,
    }
}

struct Fixture {
    change: ChangeSet,
    provenance: Vec<Provenance>,
    findings: Vec<Finding>,
    verdict: Verdict,
}

fn fixture() -> Fixture {
    let agent_commit = "a".repeat(40);
    let human_commit = "b".repeat(40);
    let new_text = format!(
        "import jwt\n\nGITHUB_TOKEN = \"{SECRET}\"\n\ndef authenticate(token, key):\n    return jwt.decode(token, key, options={{\"verify_signature\": False}})\n"
    );
    let change = ChangeSet {
        source: ChangeSource::Range {
            base: "main".into(),
            head: "HEAD".into(),
        },
        base: Some("c".repeat(40)),
        head: Some(human_commit.clone()),
        digest: "d".repeat(64),
        commits: vec![
            Commit {
                id: agent_commit.clone(),
                parents: vec!["c".repeat(40)],
                author: identity("Claude", "noreply@anthropic.com"),
                committer: identity("Claude", "noreply@anthropic.com"),
                message:
                    "Speed up <auth> & tokens\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
                        .into(),
                trailers: vec![],
                signature: None,
                signed_payload: None,
                notes: vec![],
                paths: vec!["app/<auth>.py".into()],
            },
            Commit {
                id: human_commit.clone(),
                parents: vec![agent_commit.clone()],
                author: identity("Ada Lovelace", "ada@example.com"),
                committer: identity("Ada Lovelace", "ada@example.com"),
                message: "Tidy imports\n".into(),
                trailers: vec![],
                signature: Some("-----BEGIN SSH SIGNATURE-----".into()),
                signed_payload: None,
                notes: vec![],
                paths: vec!["app/<auth>.py".into()],
            },
        ],
        files: vec![FileChange {
            path: "app/<auth>.py".into(),
            old_path: None,
            status: FileStatus::Modified,
            old_text: Some("import jwt\n".into()),
            new_text: Some(new_text),
            hunks: vec![Hunk {
                old_start: 1,
                old_lines: 1,
                new_start: 1,
                new_lines: 6,
            }],
            skipped: None,
            notes: vec![],
            partial: false,
        }],
    };
    let provenance = vec![
        Provenance {
            commit: agent_commit.clone(),
            actor: Actor::Agent,
            agent: Some("claude-code".into()),
            confidence: 0.95,
            evidence: vec!["Co-authored-by trailer names Claude".into()],
            signature: SignatureInfo::none(),
        },
        Provenance {
            commit: human_commit.clone(),
            actor: Actor::Human,
            agent: None,
            confidence: 0.9,
            evidence: vec!["SSH signature verified for ada@example.com".into()],
            signature: SignatureInfo {
                status: SignatureStatus::Verified,
                format: Some(idgate_core::SignatureFormat::Ssh),
                principal: Some("ada@example.com".into()),
                key: None,
                matches_committer: Some(true),
                reason: None,
            },
        },
    ];
    let finding =
        |rule, name, category, line, message: String, before, after, commit: &str| Finding {
            rule,
            name,
            category,
            cwe: category.cwes().to_vec(),
            severity: Severity::Critical,
            level: Level::Error,
            path: "app/<auth>.py".into(),
            line,
            end_line: line,
            column: 5,
            old_side: false,
            message,
            before,
            after,
            fingerprint: Fingerprint::new(rule, "app/<auth>.py", name),
            commit: Some(commit.to_string()),
            attribution: Some(LineAttribution {
                actor: Actor::Agent,
                agent: Some("claude-code".into()),
                source: "git-ai".into(),
                commit: Some(commit.to_string()),
            }),
            measure: None,
        };
    let findings = vec![
        finding(
            "IDG101",
            "pyjwt-verification-disabled",
            Category::TokenVerification,
            6,
            "JWT decoded without signature verification <img src=x onerror=alert(1)>".into(),
            Some("signature verified".into()),
            Some("verify_signature: False".into()),
            &agent_commit,
        ),
        finding(
            "IDG201",
            "hardcoded-credential",
            Category::HardcodedSecret,
            3,
            "GitHub token committed".into(),
            None,
            Some(format!("GITHUB_TOKEN = \"{SECRET}\"")),
            &agent_commit,
        ),
    ];
    let verdict = Verdict {
        decision: Decision::Review,
        reasons: vec!["2 error-level findings in identity logic written by an agent".into()],
        obligations: vec![Obligation {
            kind: "approval".into(),
            description: "a signed approval from an owner of app/ (@security)".into(),
        }],
        approvals: vec!["ada@example.com".into()],
        waivers: vec!["IDG201 on app/<auth>.py until 2027-01-01: rotating today".into()],
    };
    Fixture {
        change,
        provenance,
        findings,
        verdict,
    }
}

fn html(f: &Fixture) -> String {
    let report = Report {
        command: "check",
        version: "0.1.0",
        change: &f.change,
        provenance: &f.provenance,
        findings: &f.findings,
        verdict: &f.verdict,
        policy_digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    };
    render(&report, Format::Html, false)
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!(html(&fixture()));
}

#[test]
fn html_report_never_shows_a_secret_or_raw_markup() {
    let out = html(&fixture());
    assert!(!out.contains(SECRET), "the secret leaks");
    assert!(!out.contains(&SECRET[10..]), "part of the secret leaks");
    assert!(
        !out.contains("<img"),
        "markup from a message is not escaped"
    );
    assert!(!out.contains("<auth>"), "markup from a path is not escaped");
    assert!(out.contains("app/&lt;auth&gt;.py"));
    assert!(!out.contains("<script"), "the report needs no scripts");
    // The only URL is the SVG namespace: nothing is fetched.
    assert!(
        out.match_indices("://")
            .all(|(i, _)| out[i..].starts_with("://www.w3.org/2000/svg\"")),
        "the report refers to a URL"
    );
}

#[test]
fn html_report_shows_verdict_evidence_charts_and_compliance() {
    let out = html(&fixture());
    assert!(out.contains(r#"<span class="decision review">REVIEW</span>"#));
    assert!(out.contains("verify_signature: False"));
    assert!(out.contains(r#"data-label="token-verification" data-count="1""#));
    assert!(out.contains(r#"data-label="agent (claude-code)" data-count="2""#));
    // NHI2 (the token) and NHI4 (the JWT check) each hold one finding.
    assert!(out.contains(r#"<tr data-item="NHI2"><td><b>NHI2</b> Secret Leakage</td><td>1: <code>IDG201</code>×1</td>"#), "{out}");
    assert!(out.contains("Signed approval by ada@example.com"));
    assert!(out.contains("Commit bbbbbbbbbb signature verified for ada@example.com"));
}
