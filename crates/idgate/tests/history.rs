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
