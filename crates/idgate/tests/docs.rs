//! Generated documentation stays current: `docs/rules.md` is what `idgate rules --markdown` prints.
//! Regenerate with `IDGATE_UPDATE_DOCS=1 cargo test -p idgate --test docs`.

mod common;

use std::path::Path;

use common::idgate;

#[test]
fn rule_reference_page_is_current() {
    let out = idgate()
        .args(["rules", "--markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let generated = String::from_utf8(out).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    if std::env::var_os("IDGATE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run IDGATE_UPDATE_DOCS=1 cargo test -p idgate --test docs"
    );
}

#[test]
fn policy_reference_page_is_current() {
    let generated = format!(
        "<!-- generated from crates/idgate_policy (OPTION_TABLES); do not edit -->\n{}",
        idgate_policy::reference::options_reference()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/policy.md");
    if std::env::var_os("IDGATE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/policy.md is stale: run IDGATE_UPDATE_DOCS=1 cargo test -p idgate --test docs"
    );
}

#[test]
fn explain_prints_the_documentation_template() {
    for key in ["IDG101", "jsonwebtoken-verification-skipped"] {
        let out = idgate()
            .args(["explain", key])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## References",
        ] {
            assert!(text.contains(section), "{key}: {section}");
        }
    }
}

#[test]
fn rules_table_lists_every_rule() {
    let out = idgate()
        .arg("rules")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("IDG101") && text.contains("pyjwt-verification-disabled"));
    assert!(text.contains("IDG102") && text.contains("jsonwebtoken-verification-skipped"));
}
