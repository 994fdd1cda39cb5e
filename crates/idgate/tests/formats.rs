//! One change — the demo's agent commit — rendered in every format and snapshotted, plus the
//! SARIF output validated with Microsoft's SARIF Multitool (rule kinds `Sarif` and `Gh`).

mod common;

use std::path::Path;
use std::process::Command;

use common::idgate;

fn demo_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    idgate()
        .args(["demo", "--no-color", "--keep"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

fn check(repo: &Path, format: &str) -> String {
    let out = idgate()
        .args([
            "check",
            "--no-color",
            "--base",
            "HEAD~1",
            "--format",
            format,
            "--repo",
        ])
        .arg(repo)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_format_of_one_change() {
    let repo = demo_repo();
    for (format, ext) in [
        ("text", "txt"),
        ("json", "json"),
        ("sarif", "sarif"),
        ("markdown", "md"),
        ("junit", "xml"),
        ("html", "html"),
    ] {
        let out = check(repo.path(), format);
        insta::with_settings!({
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("idgate check --format {format} on the demo repository"),
        }, {
            insta::assert_snapshot!(format!("demo_check.{ext}"), out);
        });
    }
}

#[test]
#[allow(clippy::print_stderr)] // says why the check did not run
fn sarif_validates_with_the_multitool() {
    let Some(tool) = std::env::var_os("IDGATE_SARIF_MULTITOOL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide IDGATE_SARIF_MULTITOOL (see .ci/run)"
        );
        eprintln!("IDGATE_SARIF_MULTITOOL unset: SARIF validation skipped outside CI");
        return;
    };
    let repo = demo_repo();
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    std::fs::write(&sarif, check(repo.path(), "sarif")).unwrap();
    let log = dir.path().join("validation.sarif");
    let out = Command::new(tool)
        .arg("validate")
        .arg(&sarif)
        .args([
            "--rule-kind",
            "Sarif;Gh",
            "--log",
            "ForceOverwrite",
            "--output",
        ])
        .arg(&log)
        .output()
        .expect("the SARIF Multitool runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "multitool failed: {stdout}");
    assert!(
        !stdout.contains(": error ") && !stdout.contains(": warning "),
        "SARIF validation found problems:\n{stdout}"
    );
    // The validator's own log must exist and hold no error- or warning-level result.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let results = report["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let bad: Vec<_> = results
        .iter()
        .filter(|r| matches!(r["level"].as_str(), Some("error" | "warning") | None))
        .collect();
    assert!(bad.is_empty(), "SARIF validation results: {bad:#?}");
}

#[test]
fn secrets_on_a_finding_line_never_leave_redacted_form() {
    let mut g = common::Git::new();
    g.write("app/auth.py", common::VERIFIED);
    let base = g.commit("base");
    let secret = "hs256-Kq8v3ZrT1pWm9XyB4nLd7FsA2cHe";
    g.write(
        "app/auth.py",
        format!(
            "import jwt\n\n\ndef authenticate(token, key):\n    return jwt.decode(token, \"{secret}\", verify=False)\n"
        ),
    );
    let head = g.commit("inline the key");
    for (format, all) in common::check_in_every_format(g.path(), &base, &head) {
        assert!(all.contains("IDG101"), "{format}: the finding is reported");
        assert!(
            !all.contains(secret),
            "{format} output leaks the secret:\n{all}"
        );
        assert!(
            !all.contains(&secret[8..]),
            "{format} output leaks part of the secret"
        );
    }
}
