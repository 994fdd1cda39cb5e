//! The gate end to end: policy, CODEOWNERS and allowed signers from the base; signed approvals
//! recorded as git notes; a change cannot relax the rules that judge it.

mod common;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate, keygen};
use serde_json::Value;

struct Setup {
    g: Git,
    keys: tempfile::TempDir,
    base: String,
}

const POLICY: &str = "[review]\nagent = 2\nhuman = 1\n\n[[provenance.agent-signers]]\nprincipal = \"bot@example.com\"\nagent = \"acme-agent\"\n";

fn setup() -> Setup {
    let keys = tempfile::tempdir().unwrap();
    let mut signers = String::new();
    for who in ["alice", "bob", "carol", "bot"] {
        let (_, public) = keygen(keys.path(), who);
        signers.push_str(&format!("{who}@example.com {public}\n"));
    }
    let mut g = Git::new();
    g.run(&["config", "user.email", "carol@example.com"]);
    g.write(".idgate/allowed_signers", signers);
    g.write(".idgate/policy.toml", POLICY);
    g.write(
        "CODEOWNERS",
        "* alice@example.com bob@example.com carol@example.com bot@example.com\n",
    );
    g.write("app/auth.py", VERIFIED);
    let base = g.commit("gate setup");
    Setup { g, keys, base }
}

impl Setup {
    fn check(&self) -> (i32, Value) {
        let out = idgate()
            .args(["check", "--format", "json", "--base", &self.base, "--repo"])
            .arg(self.g.path())
            .output()
            .unwrap();
        let code = out.status.code().unwrap();
        assert!(
            code == 0 || code == 1,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (code, serde_json::from_slice(&out.stdout).unwrap())
    }

    fn approve(&self, who: &str) {
        let out = idgate()
            .args(["approve", "--base", &self.base, "--principal"])
            .arg(format!("{who}@example.com"))
            .arg("--key")
            .arg(self.keys.path().join(who))
            .arg("--repo")
            .arg(self.g.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn approvals(v: &Value) -> Vec<String> {
    v["verdict"]["approvals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

fn reasons(v: &Value) -> String {
    v["verdict"]["reasons"].to_string()
}

#[test]
fn an_agent_weakening_needs_two_owner_approvals_and_a_new_commit_reopens_review() {
    let mut s = setup();
    s.g.write("app/auth.py", UNVERIFIED);
    s.g.commit(&format!("Decode without the key{AGENT_TRAILER}"));

    let (code, v) = s.check();
    assert_eq!(
        (code, v["verdict"]["decision"].as_str()),
        (1, Some("review"))
    );
    let obligations = v["verdict"]["obligations"].to_string();
    assert!(
        obligations.contains("2 more signed approvals (0 of 2)"),
        "{obligations}"
    );

    // The author's own approval and the agent's key do not count, and the verdict says why.
    s.approve("carol");
    s.approve("bot");
    let (code, v) = s.check();
    assert_eq!(code, 1);
    assert!(approvals(&v).is_empty());
    let r = reasons(&v);
    assert!(
        r.contains("carol@example.com") && r.contains("bot@example.com"),
        "{r}"
    );

    // One owner: still one short.
    s.approve("alice");
    let (code, v) = s.check();
    assert_eq!(code, 1);
    assert_eq!(approvals(&v), ["alice@example.com"]);

    // Two owners: allowed.
    s.approve("bob");
    let (code, v) = s.check();
    assert_eq!(
        (code, v["verdict"]["decision"].as_str()),
        (0, Some("allow")),
        "{v}"
    );
    assert_eq!(approvals(&v).len(), 2);

    // A new commit changes the digest: the approvals no longer count.
    s.g.write("README.md", "more\n");
    s.g.commit("more");
    let (code, v) = s.check();
    assert_eq!(code, 1);
    assert!(approvals(&v).is_empty());
}

#[test]
fn a_change_that_lowers_its_own_bar_is_judged_by_the_base_policy_and_flagged() {
    let mut s = setup();
    s.g.write(".idgate/policy.toml", "[review]\nagent = 0\nhuman = 0\n");
    s.g.write("CODEOWNERS", "* carol@example.com\n");
    s.g.write("app/auth.py", UNVERIFIED);
    s.g.commit(&format!("Simplify review{AGENT_TRAILER}"));
    let (code, v) = s.check();
    assert_eq!(code, 1);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"IDG901"), "{rules:?}");
    assert!(rules.contains(&"IDG101"), "{rules:?}");
    let obligations = v["verdict"]["obligations"].to_string();
    // Still two approvals, by the base's owners (not the new CODEOWNERS).
    assert!(obligations.contains("0 of 2"), "{obligations}");
    assert!(obligations.contains("alice@example.com"), "{obligations}");
}

#[test]
fn a_bad_key_or_unknown_principal_cannot_approve() {
    let mut s = setup();
    s.g.write("app/auth.py", UNVERIFIED);
    s.g.commit(&format!("weaken{AGENT_TRAILER}"));
    // mallory's key is not in the base's allowed signers; she claims to be alice.
    let (_, _) = keygen(s.keys.path(), "mallory");
    let out = idgate()
        .args([
            "approve",
            "--base",
            &s.base,
            "--principal",
            "alice@example.com",
            "--key",
        ])
        .arg(s.keys.path().join("mallory"))
        .arg("--repo")
        .arg(s.g.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let (code, v) = s.check();
    assert_eq!(code, 1);
    assert!(approvals(&v).is_empty());
    assert!(reasons(&v).contains("alice@example.com"), "{}", reasons(&v));
}

#[test]
fn a_waiver_takes_a_finding_out_of_the_count_until_it_expires() {
    let mut s = setup();
    s.g.write("app/auth.py", UNVERIFIED);
    s.g.commit("weaken (by a person)");
    let (_, v) = s.check();
    assert_eq!(counted(&v).len(), 1);
    let out = idgate()
        .args([
            "waive",
            "--base",
            &s.base,
            "--principal",
            "alice@example.com",
            "--rule",
            "IDG101",
            "--path",
            "app/**",
            "--reason",
            "test tokens only, tracked in SEC-12",
            "--expires",
            "30d",
            "--key",
        ])
        .arg(s.keys.path().join("alice"))
        .arg("--repo")
        .arg(s.g.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, v) = s.check();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "IDG101"),
        "{v}"
    );
    let waivers = v["verdict"]["waivers"].to_string();
    assert!(waivers.contains("SEC-12"), "{waivers}");
    assert_eq!(code, 0, "{v}");
}

#[test]
fn init_writes_a_policy_that_check_accepts() {
    let mut g = Git::new();
    idgate()
        .args(["init", "--repo"])
        .arg(g.path())
        .assert()
        .success();
    assert!(g.path().join(".idgate/policy.toml").exists());
    idgate()
        .args(["init", "--repo"])
        .arg(g.path())
        .assert()
        .code(2);
    g.write("a.py", "x = 1\n");
    let base = g.commit("init");
    g.write("a.py", "x = 2\n");
    g.commit("change");
    idgate()
        .args(["check", "--base", &base, "--repo"])
        .arg(g.path())
        .assert()
        .code(0);
}

#[test]
fn a_baseline_from_scan_makes_old_findings_not_count() {
    let mut g = Git::new();
    g.write("legacy/auth.py", UNVERIFIED);
    g.write("app/auth.py", VERIFIED);
    g.commit("old code");
    // Adoption: accept what is there today.
    let baseline = g.path().join(".idgate/baseline.json");
    std::fs::create_dir_all(baseline.parent().unwrap()).unwrap();
    let dir = g.path().to_path_buf();
    idgate()
        .current_dir(&dir)
        .args([
            "scan",
            "--baseline",
            ".idgate/baseline.json",
            "legacy",
            "app",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(
        text.contains("IDG101") && text.contains("legacy/auth.py"),
        "{text}"
    );
    // A scan that accepts the baseline starts clean; without it, the old finding counts.
    idgate()
        .current_dir(&dir)
        .args(["scan", "legacy", "app"])
        .assert()
        .code(1);
    idgate()
        .current_dir(&dir)
        .args([
            "scan",
            "--accept-baseline",
            ".idgate/baseline.json",
            "legacy",
            "app",
        ])
        .assert()
        .code(0);
    let base = g.commit("baseline");
    // The legacy file is touched (reformatted: moved down), and a new weakening is added.
    g.write("legacy/auth.py", format!("\n\n{UNVERIFIED}"));
    g.write("app/auth.py", UNVERIFIED);
    g.commit("change");
    let out = idgate()
        .args(["check", "--format", "json", "--base", &base, "--repo"])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let paths: Vec<&str> = counted(&v)
        .into_iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["app/auth.py"], "{v}");
}

#[test]
fn the_verdict_can_be_exported_as_a_signed_dsse_attestation() {
    let s = setup();
    let mut g = s.g;
    g.write("app/auth.py", UNVERIFIED);
    g.commit("weaken");
    let out = g.path().join("verdict.dsse.json");
    idgate()
        .args(["check", "--base", &s.base, "--attestation"])
        .arg(&out)
        .arg("--key")
        .arg(s.keys.path().join("alice"))
        .arg("--repo")
        .arg(g.path())
        .assert()
        .code(1);
    let env: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(env["payloadType"], "application/vnd.in-toto+json");
    assert!(
        env["signatures"][0]["keyid"]
            .as_str()
            .unwrap()
            .starts_with("SHA256:")
    );
    use base64ct::Encoding as _;
    let payload = base64ct::Base64::decode_vec(env["payload"].as_str().unwrap()).unwrap();
    let statement: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(statement["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(statement["predicate"]["verdict"]["decision"], "review");
}

/// The findings of a JSON report apart from identity-surface notes.
fn counted(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] != "identity-surface")
        .collect()
}
