//! Custom rules in `.idgate/rules/*.yml`: read from the base revision, matched in the change.

mod common;

use common::{Git, idgate};
use predicates::prelude::*;
use serde_json::Value;

const RULE: &str = r#"id: internal-token-parse-unverified
language: python
severity: error
message: "`tokens.parse_unverified($RAW)` skips the signature check"
note: Use tokens.parse(raw, key).
rule:
  pattern: tokens.parse_unverified($RAW)
metadata:
  category: token-verification
  code: ACME101
"#;

fn check(g: &Git, base: &str) -> (i32, Value) {
    let out = idgate()
        .args(["check", "--format", "json", "--base", base, "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), v)
}

fn rules_of(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_custom_rule_from_the_base_judges_the_change() {
    let mut g = Git::new();
    g.write(".idgate/rules/tokens.yml", RULE);
    g.write(
        "app/api.py",
        "import tokens\n\ndef handler(raw):\n    return tokens.parse(raw, KEY)\n",
    );
    let base = g.commit("base with a custom rule");
    g.write(
        "app/api.py",
        "import tokens\n\ndef handler(raw):\n    return tokens.parse_unverified(raw)\n",
    );
    g.commit("skip verification");
    let (code, v) = check(&g, &base);
    assert_eq!(code, 1, "{v}");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ACME101")
        .unwrap_or_else(|| panic!("no ACME101 in {v}"));
    assert_eq!(f["name"], "internal-token-parse-unverified");
    assert_eq!(f["category"], "token-verification");
    assert_eq!(f["line"], 4);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("tokens.parse_unverified(raw)")
    );
}

#[test]
fn a_rule_added_by_the_change_itself_is_not_applied() {
    let mut g = Git::new();
    g.write(
        "app/api.py",
        "import tokens\n\ndef handler(raw):\n    return tokens.parse(raw, KEY)\n",
    );
    let base = g.commit("base");
    // The change brings its own rule file and code the rule would flag: the rule does not judge
    // its own change (it is not in the base), and touching .idgate/ is itself a finding.
    g.write(".idgate/rules/tokens.yml", RULE);
    g.write(
        "app/api.py",
        "import tokens\n\ndef handler(raw):\n    return tokens.parse_unverified(raw)\n",
    );
    g.commit("add a rule and the code");
    let (_, v) = check(&g, &base);
    let rules = rules_of(&v);
    assert!(!rules.contains(&"ACME101".to_string()), "{rules:?}");
    assert!(rules.contains(&"IDG901".to_string()), "{rules:?}");
}

#[test]
fn a_bad_rule_file_in_the_base_is_a_clear_error() {
    let mut g = Git::new();
    g.write(
        ".idgate/rules/broken.yml",
        "id: x\nlanguage: python\nrule:\n  patern: a\nmetadata:\n  category: authn-bypass\n",
    );
    g.write("app/a.py", "x = 1\n");
    let base = g.commit("base");
    g.write("app/a.py", "x = 2\n");
    g.commit("change");
    idgate()
        .args(["check", "--base", &base, "--repo"])
        .arg(g.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains(".idgate/rules/broken.yml")
                .and(predicate::str::contains("line 5"))
                .and(predicate::str::contains("patern")),
        );
}
