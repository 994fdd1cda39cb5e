//! GitHub Actions token permissions and pull_request_target checkouts.

use idgate_privilege::diff;

fn rules(report: &idgate_privilege::PrivilegeReport) -> Vec<&'static str> {
    let mut r: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    r.sort();
    r.dedup();
    r
}

const BASE: &str = "name: ci
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - run: make release
";

#[test]
fn write_all_and_new_scopes_and_oidc() {
    let p = ".github/workflows/ci.yml";
    let after = BASE.replace(
        "permissions:\n  contents: read\n",
        "permissions: write-all\n",
    );
    let report = diff(p, Some(BASE), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG340"]);
    assert_eq!(report.findings[0].line, 5);
    let after = BASE.replace(
        "permissions:\n  contents: read\n",
        "permissions:\n  contents: read\n  packages: write\n  id-token: write\n",
    );
    let report = diff(p, Some(BASE), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG341", "IDG342"]);
    // The release job overrides the workflow permissions: only build gains.
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.message.contains("job build"))
    );
}

#[test]
fn narrowing_and_reformatting_are_clean() {
    let p = ".github/workflows/ci.yml";
    let narrowed = BASE.replace("      contents: write\n", "      contents: read\n");
    assert!(
        diff(p, Some(BASE), Some(&narrowed))
            .unwrap()
            .findings
            .is_empty()
    );
    let reformatted = BASE.replace(
        "permissions:\n  contents: read\n",
        "permissions: {contents: read}\n",
    );
    let report = diff(p, Some(BASE), Some(&reformatted)).unwrap();
    assert!(report.findings.is_empty() && report.grants_added.is_empty());
}

#[test]
fn pull_request_target_head_checkout() {
    let p = ".github/workflows/pr.yml";
    let before = "on: pull_request_target
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ./label.sh
";
    let after = before.replace(
        "      - uses: actions/checkout@v4\n",
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n",
    );
    let report = diff(p, Some(before), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG343"]);
    assert_eq!(report.findings[0].line, 8);
    let safe = after.replace("pull_request_target", "pull_request");
    assert!(
        diff(p, Some(before), Some(&safe))
            .unwrap()
            .findings
            .is_empty()
    );
}

#[test]
fn no_block_is_compared_with_the_restricted_default() {
    let p = ".github/workflows/release.yml";
    let before = "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make release\n";
    let after = before.replace(
        "    runs-on: ubuntu-latest\n",
        "    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n",
    );
    assert_eq!(
        rules(&diff(p, Some(before), Some(&after)).unwrap()),
        vec!["IDG341"]
    );
    let read = before.replace(
        "    runs-on: ubuntu-latest\n",
        "    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: read\n",
    );
    assert!(
        diff(p, Some(before), Some(&read))
            .unwrap()
            .findings
            .is_empty()
    );
}
