//! Trusted inputs come from the base revision: the policy's people and the allowed-signers file.
//! A real SSH-signed commit is `human` only when the base says its signer is a person; a change
//! cannot promote itself by editing those files.

mod common;

use std::process::Command;

use common::{Git, idgate, keygen};
use serde_json::Value;

fn signed_commit(g: &Git, key: &str, message: &str) {
    g.run(&["add", "-A"]);
    let out = Command::new("git")
        .args(["-c", "gpg.format=ssh", "-c"])
        .arg(format!("user.signingkey={key}"))
        .args(["commit", "-q", "-S", "-m", message])
        .current_dir(g.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn provenance(g: &Git, range: &str) -> Value {
    let out = idgate()
        .args(["provenance", "--format", "json", "--repo"])
        .arg(g.path())
        .arg(range)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn human_needs_a_verified_signature_by_a_person_the_base_lists() {
    let keys = tempfile::tempdir().unwrap();
    let (ann_key, ann_pub) = keygen(keys.path(), "ann");
    let mut g = Git::new();
    g.write(
        ".idgate/allowed_signers",
        format!("ann@example.com {ann_pub}\n"),
    );
    g.write(
        ".idgate/policy.toml",
        "[provenance]\npeople = [\"*@example.com\"]\n",
    );
    let base = g.commit("trust setup");

    g.write("a.py", "x = 1\n");
    signed_commit(&g, &ann_key, "signed by ann");
    let doc = provenance(&g, &format!("{base}..HEAD"));
    let c = &doc["commits"][0];
    assert_eq!(c["actor"], "human", "{c}");
    assert_eq!(c["signature"]["status"], "verified");
    assert_eq!(c["signature"]["principal"], "ann@example.com");

    // The change adds mallory to the allowed signers: the base still judges, so her signed
    // commit on top is not verified, and nothing makes it human.
    let (mallory_key, mallory_pub) = keygen(keys.path(), "mallory");
    let head_before = g.run(&["rev-parse", "HEAD"]).trim().to_string();
    g.write(
        ".idgate/allowed_signers",
        format!("ann@example.com {ann_pub}\nann@example.com {mallory_pub}\n"),
    );
    g.write("a.py", "x = 2\n");
    signed_commit(&g, &mallory_key, "signed with another key");
    let doc = provenance(&g, &format!("{head_before}..HEAD"));
    let c = &doc["commits"][0];
    assert_eq!(c["signature"]["status"], "bad", "{c}");
    assert_ne!(c["actor"], "human");
}

#[test]
fn without_a_people_list_a_verified_signature_is_not_enough() {
    let keys = tempfile::tempdir().unwrap();
    let (ann_key, ann_pub) = keygen(keys.path(), "ann");
    let mut g = Git::new();
    g.write(
        ".idgate/allowed_signers",
        format!("ann@example.com {ann_pub}\n"),
    );
    let base = g.commit("signers only");
    g.write("a.py", "x = 1\n");
    signed_commit(&g, &ann_key, "signed");
    let c = provenance(&g, &format!("{base}..HEAD"))["commits"][0].clone();
    assert_eq!(c["signature"]["status"], "verified");
    assert_eq!(c["actor"], "unknown");
}

#[test]
fn an_agents_own_key_and_extra_signals_come_from_the_policy() {
    let keys = tempfile::tempdir().unwrap();
    let (bot_key, bot_pub) = keygen(keys.path(), "bot");
    let mut g = Git::new();
    g.run(&["config", "user.email", "coder-bot@example.com"]);
    g.write(
        ".idgate/allowed_signers",
        format!("coder-bot@example.com {bot_pub}\n"),
    );
    g.write(
        ".idgate/policy.toml",
        "[[provenance.agent-signers]]\nprincipal = \"coder-bot@example.com\"\nagent = \"acme-coder\"\n\n\
         [[provenance.signals]]\nagent = \"acme-helper\"\nplace = \"trailer-key\"\npattern = \"Helped-by\"\n",
    );
    let base = g.commit("policy");
    g.write("a.py", "x = 1\n");
    signed_commit(&g, &bot_key, "by the bot");
    g.run(&["config", "user.email", "ann@example.com"]);
    g.write("a.py", "x = 2\n");
    g.commit("helped\n\nHelped-by: acme");
    let doc = provenance(&g, &format!("{base}..HEAD"));
    let commits = doc["commits"].as_array().unwrap();
    assert_eq!(commits[1]["agent"], "acme-coder", "{}", commits[1]);
    assert_eq!(commits[1]["confidence"], 1.0);
    assert_eq!(commits[0]["agent"], "acme-helper", "{}", commits[0]);
}

#[test]
fn a_bad_policy_file_in_the_base_is_an_error_naming_its_line() {
    let mut g = Git::new();
    g.write(
        ".idgate/policy.toml",
        "[provenance]\npeople = [\"*@example.com\"]\npeeple = 1\n",
    );
    let base = g.commit("broken policy");
    g.write("a.py", "x = 1\n");
    g.commit("change");
    let out = idgate()
        .args(["check", "--base", &base, "--repo"])
        .arg(g.path())
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains(".idgate/policy.toml") && stderr.contains("line 3"),
        "{stderr}"
    );
}

#[test]
fn agent_trace_records_attribute_finding_lines() {
    let mut g = Git::new();
    g.write("app/auth.py", common::VERIFIED);
    let base = g.commit("base");
    g.write("app/auth.py", common::UNVERIFIED);
    let head = g.commit("edit");
    let trace = g.path().join("traces.jsonl");
    std::fs::write(
        &trace,
        format!(
            "{{\"version\":\"0.1.0\",\"id\":\"5f1c7a52-0000-4000-8000-000000000001\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"vcs\":{{\"type\":\"git\",\"revision\":\"{head}\"}},\"tool\":{{\"name\":\"cursor\"}},\"files\":[{{\"path\":\"app/auth.py\",\"conversations\":[{{\"contributor\":{{\"type\":\"ai\",\"model_id\":\"anthropic/claude-opus-4-5\"}},\"ranges\":[{{\"start_line\":5,\"end_line\":5}}]}}]}}]}}\nnot json\n"
        ),
    )
    .unwrap();
    let out = idgate()
        .args([
            "check",
            "--format",
            "json",
            "--base",
            &base,
            "--agent-trace",
        ])
        .arg(&trace)
        .arg("--repo")
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &doc["findings"][0]["attribution"];
    assert_eq!(a["actor"], "agent", "{a}");
    assert_eq!(a["source"], "agent-trace");
    assert_eq!(a["agent"], "anthropic/claude-opus-4-5");
    // The broken line is reported, not silently dropped.
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}
