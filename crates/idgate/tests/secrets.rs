//! Credentials a change adds are findings; old ones and test fixtures do not count; no output
//! format ever shows the value.

mod common;

use common::{Git, idgate};
use serde_json::Value;

// Synthetic values in real formats (not credentials of anyone).
const KEY_ID: &str = "AKIAQ3ZT7WVB2N5XK4PL";
const SECRET: &str = "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";
const OLD_KEY_ID: &str = "AKIAZ7XK2M4QP9TR3VWB";

fn settings(id: &str, secret: &str) -> String {
    format!("import os\n\nAWS_ACCESS_KEY_ID = \"{id}\"\nAWS_SECRET_ACCESS_KEY = \"{secret}\"\n")
}

#[test]
fn added_credentials_count_and_never_appear_in_any_format() {
    let mut g = Git::new();
    g.write("app/legacy.py", format!("KEY = \"{OLD_KEY_ID}\"\n"));
    g.write("app/settings.py", "import os\n");
    let base = g.commit("base");
    g.write(
        "app/legacy.py",
        format!("# touched\nKEY = \"{OLD_KEY_ID}\"\n"),
    );
    g.write("app/settings.py", settings(KEY_ID, SECRET));
    g.write("tests/test_settings.py", settings(KEY_ID, SECRET));
    let head = g.commit("inline the keys");

    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let found: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The two new ones in app code count; the old key is not new; the test file is a note.
    let app: Vec<_> = found.iter().filter(|f| f.1 == "app/settings.py").collect();
    assert_eq!(app.len(), 2, "{found:?}");
    assert!(app.iter().all(|f| f.0 == "IDG201" && f.2 == "error"));
    assert!(found.iter().all(|f| f.1 != "app/legacy.py"), "{found:?}");
    assert!(
        found
            .iter()
            .filter(|f| f.1.starts_with("tests/"))
            .all(|f| f.2 == "note"),
        "{found:?}"
    );
    let message = v["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("revoke or rotate"), "{message}");

    for (format, all) in common::check_in_every_format(g.path(), &base, &head) {
        for raw in [KEY_ID, SECRET, &SECRET[4..24], &KEY_ID[4..]] {
            assert!(!all.contains(raw), "{format} output leaks {raw}:\n{all}");
        }
    }
}

#[test]
fn eval_secrets_scores_the_corpus_and_fails_below_the_bar() {
    idgate()
        .args(["eval-secrets", "--draws", "2"])
        .assert()
        .success()
        .stdout(predicates::str::contains("provider recall 1.000"));
    // A corpus that labels a plain sentence as an AWS key: recall 0, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.txt");
    std::fs::write(&corpus, "tp\taws-access-key-id\tno secret on this line\n").unwrap();
    idgate()
        .args(["eval-secrets", "--corpus"])
        .arg(&corpus)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("provider recall 0.000"));
}

/// The IDG201 findings of a JSON report, as (path, line, level).
fn idg201(report: &[u8]) -> Vec<(String, u64, String)> {
    let v: Value = serde_json::from_slice(report).unwrap();
    let list: Vec<Value> = match v["findings"].as_array() {
        Some(list) => list.clone(),
        // `history`: findings per commit.
        None => v["commits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["findings"].as_array().unwrap().clone())
            .collect(),
    };
    list.iter()
        .filter(|f| f["rule"] == "IDG201")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["level"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The `[secrets]` allow-list of the base's policy applies to `check` and `history`; a change
/// that adds an entry for its own credential is judged by the base's list, not its own.
#[test]
fn secrets_allow_list_comes_from_the_base_policy() {
    let gh = |seed| idgate_secrets::synth::expand("«ghp_[b62:30][crc]»", seed);
    let (allowed, real, third) = (gh(1), gh(2), gh(3));
    // A prefix of the allowed token: the policy file holds no whole credential.
    let policy = format!(
        "[secrets]\nvalues = [{{ regex = \"^{}\", reason = \"the token our docs use as an example\" }}]\n",
        &allowed[..14]
    );
    let mut g = Git::new();
    g.write("app/settings.py", "import os\n");
    let before_policy = g.commit("start");
    g.write(".idgate/policy.toml", &policy);
    let base = g.commit("policy");
    g.write(
        "app/settings.py",
        format!("import os\n\nGITHUB_TOKEN = \"{allowed}\"\nDEPLOY_TOKEN = \"{real}\"\n"),
    );
    let head = g.commit("keys");
    // Judged by a base without the list, both keys count.
    let out = idgate()
        .args([
            "check",
            "--format",
            "json",
            "--base",
            &before_policy,
            "--head",
            &head,
            "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<u64> = idg201(&out).iter().map(|f| f.1).collect();
    assert_eq!(lines, [3, 4]);
    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &base, "--head", &head, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found = idg201(&out);
    // Only the real-looking key is reported; the allowed example is not.
    assert_eq!(
        found,
        [("app/settings.py".to_string(), 4, "error".to_string())],
        "{found:?}"
    );

    // The change relaxes the policy to allow its own key: the base's list still judges it.
    g.write(
        ".idgate/policy.toml",
        format!(
            "{policy}fingerprints = []\npaths = [{{ glob = \"app/**\", reason = \"all of app is fine\" }}]\n"
        ),
    );
    g.write("app/more.py", format!("GITHUB_TOKEN = \"{third}\"\n"));
    let relaxed = g.commit("allow app");
    let out = idgate()
        .args([
            "check", "--format", "json", "--base", &head, "--head", &relaxed, "--repo",
        ])
        .arg(g.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found = idg201(&out);
    assert_eq!(
        found,
        [("app/more.py".to_string(), 1, "error".to_string())],
        "{found:?}"
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "IDG901"),
        "the policy edit is guardrail tampering: {v:#}"
    );

    // history reads the same base policy (the revision given to --since).
    let out = idgate()
        .args(["history", "--format", "json", "--since", &base, "--repo"])
        .arg(g.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let found = idg201(&out);
    assert_eq!(
        found,
        [
            ("app/more.py".to_string(), 1, "error".to_string()),
            ("app/settings.py".to_string(), 4, "error".to_string()),
        ],
        "{found:?}"
    );
}

/// `scan --policy FILE`: allowed paths are not read, expired entries stop applying, and entries
/// that allowed nothing are named; a bad entry is one error naming its line (exit 2).
#[test]
fn scan_applies_a_policy_file_and_reports_stale_entries() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("fixtures")).unwrap();
    std::fs::create_dir_all(tree.join("app")).unwrap();
    std::fs::write(tree.join("fixtures/keys.py"), settings(KEY_ID, SECRET)).unwrap();
    std::fs::write(tree.join("app/a.py"), settings(OLD_KEY_ID, SECRET)).unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        r#"[secrets]
paths = [
  { glob = "**/fixtures/**", reason = "sample keys for the parser tests" },
  { glob = "**/app/**", reason = "was fine once", expires = "2020-01-31" },
  { glob = "**/vendor/**", reason = "vendored samples" },
]
"#,
    )
    .unwrap();
    let out = idgate()
        .args(["scan", "--format", "json", "--policy"])
        .arg(&policy)
        .arg(&tree)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let found = idg201(&out.stdout);
    assert!(!found.is_empty(), "{stderr}");
    assert!(found.iter().all(|f| f.0.ends_with("app/a.py")), "{found:?}");
    assert!(
        stderr.contains(
            "line 4: the [secrets] allow-list entry for path \"**/app/**\" expired on 2020-01-31"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "line 5: the [secrets] allow-list entry for path \"**/vendor/**\" allowed nothing"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("fixtures/**\" allowed nothing"),
        "{stderr}"
    );

    std::fs::write(
        &policy,
        "[secrets]\nvalues = [{ regex = \"(\", reason = \"broken\" }]\n",
    )
    .unwrap();
    let out = idgate()
        .args(["scan", "--policy"])
        .arg(&policy)
        .arg(&tree)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("policy.toml")
            && stderr.contains("line 2")
            && stderr.contains("invalid regex"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

/// A scan shows its progress on a terminal (here a pseudo-terminal made by `script`) and clears
/// it before the report; with stderr not a terminal it prints nothing there.
#[test]
fn scan_progress_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::write(dir.path().join(format!("m{i}.py")), format!("x = {i}\n")).unwrap();
    }
    let report = dir.path().join("report.json");
    let bin = env!("CARGO_BIN_EXE_idgate");
    let inner = format!(
        "'{bin}' scan '{}' --format json --output '{}'",
        dir.path().display(),
        report.display()
    );
    // `script` is in bsdutils, an essential package on Debian.
    let out = std::process::Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .output()
        .expect("script (bsdutils) runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("files read"), "{shown:?}");
    // Cleared: the last thing on the terminal is the line erase, not the bar.
    assert!(shown.trim_end().ends_with("\u{1b}[2K"), "{shown:?}");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("\"findings\"")
    );

    let quiet = idgate()
        .args(["scan", "--format", "json", "--output"])
        .arg(&report)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

/// `scan --select` runs only the named rules: a secrets-only scan of a tree reports the
/// credential and not the disabled verification next to it.
#[test]
fn scan_select_runs_only_the_selected_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.py"),
        "import jwt\n\n\ndef who(token):\n    return jwt.decode(token, options={\"verify_signature\": False})\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("settings.py"), settings(KEY_ID, SECRET)).unwrap();
    let rules = |select: Option<&str>| -> Vec<String> {
        let mut cmd = idgate();
        cmd.args(["scan", "--format", "json"]).arg(dir.path());
        if let Some(s) = select {
            cmd.args(["--select", s]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut rules: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .filter(|r| r != "IDG001")
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    assert_eq!(rules(None), ["IDG101", "IDG201"]);
    assert_eq!(rules(Some("hardcoded-secret")), ["IDG201"]);
    assert_eq!(rules(Some("IDG101")), ["IDG101"]);
    idgate()
        .args(["scan", "--select", "nothing-like-this"])
        .arg(dir.path())
        .assert()
        .code(2);
}
