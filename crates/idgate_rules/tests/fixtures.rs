//! The strict fixture harness.
//!
//! Every rule has a folder `resources/fixtures/<rule-name>/`. Each file there is run through the
//! engine and its annotations are enforced both ways:
//!
//! - `expect: <rule-name>` in a comment marks a line where that rule must report (a comment on its
//!   own line applies to the next code line; a trailing comment to its own line);
//! - `ok: <rule-name>` marks a near miss where it must not;
//! - any finding without an `expect:` on its line fails, and so does an `expect:` without one.
//!
//! A plain file is a state fixture (`idgate scan`: every line counts). A pair `<case>.before.<ext>`
//! and `<case>.after.<ext>` is a change fixture (`idgate check`: only what the change introduced
//! counts); annotations go in the after file. A first line `idgate-fixture-path: <path>` judges the
//! file as if it lived at that path (to exercise test and docs paths). The rendered findings of every
//! fixture are also snapshotted, so message changes show up in review.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use idgate_core::Finding;
use idgate_rules::corpus::{Case, labels};
use idgate_rules::{Mode, REGISTRY, RuleKind, analyze};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/fixtures")
}

fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "{}:{} {} {}: {}",
            f.line, f.column, f.rule, f.name, f.message
        );
        if f.before.is_some() || f.after.is_some() {
            let _ = writeln!(
                out,
                "    before: {}\n    after:  {}",
                f.before.as_deref().unwrap_or("-"),
                f.after.as_deref().unwrap_or("-")
            );
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// The findings a fixture folder is about: identity-surface notes accompany most identity code, so
/// they are enforced only in their own folder.
fn own_findings(rule_dir: &str, findings: Vec<Finding>) -> Vec<Finding> {
    const SURFACE: &str = "identity-surface-changed";
    findings
        .into_iter()
        .filter(|f| rule_dir == SURFACE || f.name != SURFACE)
        .collect()
}

fn run_fixture(rule_dir: &str, file: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let new = std::fs::read_to_string(file).unwrap();
    let old = name.contains(".after.").then(|| {
        let before = file.with_file_name(name.replace(".after.", ".before."));
        std::fs::read_to_string(&before)
            .unwrap_or_else(|_| panic!("{} has no .before. twin", file.display()))
    });
    let case = Case::new(&name, old, new.clone());
    let findings = own_findings(rule_dir, case.findings());
    let ann = labels(&new).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut errors = Vec::new();
    let found: BTreeSet<(u32, String)> = findings
        .iter()
        .map(|f| (f.line, f.name.to_string()))
        .collect();
    for (line, rule) in &found {
        if !ann.expect.contains(&(*line, rule.clone())) {
            errors.push(format!("{name}:{line}: unexpected finding of {rule}"));
        }
    }
    for (line, rule) in &ann.expect {
        if !found.contains(&(*line, rule.clone())) {
            errors.push(format!("{name}:{line}: expected {rule}, got nothing"));
        }
    }
    for (line, rule) in &ann.ok {
        if found.contains(&(*line, rule.clone())) {
            errors.push(format!("{name}:{line}: near miss reported by {rule}"));
        }
    }
    insta::with_settings!({
        snapshot_path => "snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => format!("{rule_dir}/{name}"),
    }, {
        insta::assert_snapshot!(format!("{rule_dir}__{name}"), render(&findings));
    });
    errors
}

#[test]
fn fixtures_are_strict() {
    let root = fixtures_root();
    let mut errors = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for rule in REGISTRY
        .iter()
        .filter(|r| matches!(r.kind, RuleKind::Source | RuleKind::Surface))
    {
        assert!(
            root.join(rule.name).is_dir(),
            "rule {} has no fixture folder",
            rule.name
        );
    }
    for dir in dirs {
        let rule_dir = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            REGISTRY.iter().any(|r| r.name == rule_dir),
            "fixture folder {rule_dir} names no rule"
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.to_string_lossy().contains(".before."))
            .collect();
        files.sort();
        let (mut expects, mut oks, mut pairs) = (0, 0, 0);
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let ann = labels(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            expects += ann.expect.iter().filter(|(_, r)| *r == rule_dir).count();
            oks += ann.ok.iter().filter(|(_, r)| *r == rule_dir).count();
            pairs += usize::from(file.to_string_lossy().contains(".after."));
            errors.extend(run_fixture(&rule_dir, file));
        }
        assert!(expects > 0, "{rule_dir}: no true-positive fixture");
        assert!(oks > 0, "{rule_dir}: no near-miss fixture");
        assert!(pairs > 0, "{rule_dir}: no before/after fixture");
    }
    assert!(
        errors.is_empty(),
        "fixture failures:\n{}",
        errors.join("\n")
    );
}

#[test]
fn harness_rejects_a_missing_and_an_extra_finding() {
    // The harness itself must be able to fail: an expect with no finding and a finding with no
    // expect are both reported.
    let text =
        "import jwt\n# expect: pyjwt-verification-disabled\nx = 1\njwt.decode(t, verify=False)\n";
    let case = Case::new("a.py", None, text.into());
    let findings = own_findings(
        "pyjwt-verification-disabled",
        analyze(&case.change(), Mode::Scan),
    );
    let ann = labels(text).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].line, 4);
    assert!(
        ann.expect
            .contains(&(3, "pyjwt-verification-disabled".into()))
    );
    assert!(
        !ann.expect
            .contains(&(4, "pyjwt-verification-disabled".into()))
    );
}
