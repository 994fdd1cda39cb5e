//! `idgate history` on a real repository: every commit audited in order, merges not double
//! counted, a summary by actor and category.

mod common;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate};
use serde_json::Value;

#[test]
fn history_audits_every_commit_in_order_with_a_summary() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.commit("base");
    g.write("README.md", "docs\n");
    g.commit("docs only");
    g.run(&["checkout", "-q", "-b", "feature"]);
    g.write("app/auth.py", UNVERIFIED);
    g.commit(&format!("weaken{AGENT_TRAILER}"));
    g.run(&["checkout", "-q", "main"]);
    g.write("CHANGELOG.md", "x\n");
    g.commit("changelog");
    g.run(&["merge", "-q", "--no-ff", "feature", "-m", "merge feature"]);

    let out = idgate()
        .args(["history", "--format", "json", "--jobs", "2", "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let commits = v["commits"].as_array().unwrap();
    let summaries: Vec<&str> = commits
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries.len(), 5);
    assert_eq!(summaries[0], "merge feature");
    let merge = &commits[0];
    assert_eq!(merge["merge"], true);
    assert!(
        merge["findings"].as_array().unwrap().is_empty(),
        "merges are not double counted"
    );
    let weaken = commits.iter().find(|c| c["summary"] == "weaken").unwrap();
    assert_eq!(weaken["provenance"]["actor"], "agent");
    assert_eq!(weaken["findings"][0]["rule"], "IDG101");
    assert_eq!(weaken["identity_files"][0], "app/auth.py");
    let docs = commits
        .iter()
        .find(|c| c["summary"] == "docs only")
        .unwrap();
    assert!(docs["identity_files"].as_array().unwrap().is_empty());
    let s = &v["summary"];
    assert_eq!(s["commits"], 5);
    assert_eq!(s["by_actor"]["agent"], 1);
    assert_eq!(s["identity_commits_by_actor"]["agent"], 1);
    assert_eq!(s["findings_by_category"]["token-verification"], 1);

    // --since limits the audit; markdown and SARIF render the same run.
    let out = idgate()
        .args([
            "history", "--since", "HEAD~1", "--format", "markdown", "--repo",
        ])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("| identity changes |"));
    let out = idgate()
        .args(["history", "--format", "sarif", "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "IDG101");
}

/// A credential written into a test or docs path is a note: `history` keeps it (in every
/// format, marked as a note) and counts it apart from the findings that count.
#[test]
fn history_keeps_credentials_in_tests_and_docs_as_notes() {
    // Synthetic values in a real format (not anyone's credentials).
    const KEY_ID: &str = "AKIAQ3ZT7WVB2N5XK4PL";
    const SECRET: &str = "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";
    let settings =
        format!("AWS_ACCESS_KEY_ID = \"{KEY_ID}\"\nAWS_SECRET_ACCESS_KEY = \"{SECRET}\"\n");
    let mut g = Git::new();
    g.write("app/main.py", "print(1)\n");
    g.commit("base");
    g.write("tests/test_settings.py", &settings);
    g.commit("fixture");
    g.write("docs/setup.md", format!("```\n{settings}```\n"));
    g.commit("docs");
    g.write("app/settings.py", &settings);
    g.commit("app");

    let out = idgate()
        .args(["history", "--format", "json", "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains(SECRET) && !text.contains(KEY_ID), "{text}");
    let v: Value = serde_json::from_slice(&out).unwrap();
    let levels = |summary: &str| -> Vec<(String, String)> {
        let c = v["commits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["summary"] == summary)
            .unwrap();
        c["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["level"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    for summary in ["fixture", "docs"] {
        let found = levels(summary);
        assert!(!found.is_empty(), "{summary}: notes are kept");
        assert!(
            found.iter().all(|(r, l)| r == "IDG201" && l == "note"),
            "{summary}: {found:?}"
        );
    }
    let app = levels("app");
    assert!(
        !app.is_empty() && app.iter().all(|(_, l)| l == "error"),
        "{app:?}"
    );
    let s = &v["summary"];
    assert_eq!(
        s["findings_by_category"]["hardcoded-secret"].as_u64(),
        Some(app.len() as u64)
    );
    let notes = levels("fixture").len() + levels("docs").len();
    assert_eq!(
        s["notes_by_category"]["hardcoded-secret"].as_u64(),
        Some(notes as u64)
    );

    // The text table counts only what counts, and lists the notes as notes.
    let out = idgate()
        .args(["history", "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let fixture_row = text.lines().find(|l| l.ends_with("  fixture")).unwrap();
    assert!(fixture_row.split_whitespace().nth(4) == Some("0"), "{text}");
    assert!(
        text.contains("└ note IDG201 tests/test_settings.py:"),
        "{text}"
    );
    assert!(
        text.contains("hardcoded-secret notes (test or docs paths)"),
        "{text}"
    );
}

/// `--select` runs only the named rules: a secrets-only audit reports the credential and not the
/// weakened verification of the same commit; an unknown selector is an error naming it.
#[test]
fn history_select_runs_only_the_selected_rules() {
    const KEY_ID: &str = "AKIAQ3ZT7WVB2N5XK4PL";
    const SECRET: &str = "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";
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    g.write(
        "app/settings.py",
        format!("AWS_ACCESS_KEY_ID = \"{KEY_ID}\"\nAWS_SECRET_ACCESS_KEY = \"{SECRET}\"\n"),
    );
    g.commit(&format!("weaken and configure{AGENT_TRAILER}"));
    let rules = |select: Option<&str>| -> Vec<String> {
        let mut cmd = idgate();
        cmd.args(["history", "--format", "json", "--repo"])
            .arg(g.path());
        if let Some(s) = select {
            cmd.args(["--select", s]);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let mut rules: Vec<String> = v["commits"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.dedup();
        rules
    };
    let all = rules(None);
    assert!(
        all.contains(&"IDG101".to_string()) && all.contains(&"IDG201".to_string()),
        "{all:?}"
    );
    assert_eq!(rules(Some("hardcoded-secret")), ["IDG201"]);
    assert_eq!(rules(Some("IDG101")), ["IDG101"]);
    assert_eq!(rules(Some("pyjwt-verification-disabled,IDG201")).len(), 2);
    let out = idgate()
        .args(["history", "--select", "IDG201,no-such-rule", "--repo"])
        .arg(g.path())
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("\"no-such-rule\""), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
