//! Grants in configuration files through `check`: effective-permission diffs, templates that
//! cannot be judged, and grant files that cannot be read.

mod common;

use common::{Git, idgate};
use serde_json::Value;

fn check(g: &Git, base: &str) -> (i32, Value) {
    let out = idgate()
        .args(["check", "--format", "json", "--base", base, "--repo"])
        .arg(g.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

fn finding<'a>(v: &'a Value, rule: &str) -> Option<&'a Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
}

const BINDING: &str = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-admin\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n";

#[test]
fn a_new_cluster_admin_binding_is_reported_with_its_delta() {
    let mut g = Git::new();
    g.write("README.md", "x\n");
    let base = g.commit("base");
    g.write("deploy/rbac.yaml", BINDING);
    g.commit("bind");
    let (code, v) = check(&g, &base);
    assert_eq!(code, 1, "{v}");
    let f = finding(&v, "IDG302").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["path"], "deploy/rbac.yaml");
    assert!(f["message"].as_str().unwrap().contains("cluster-admin"));
}

#[test]
fn an_unchanged_effective_set_raises_nothing() {
    let mut g = Git::new();
    g.write("deploy/rbac.yaml", BINDING);
    let base = g.commit("base");
    // Reordered keys and a comment: the same grants.
    g.write(
        "deploy/rbac.yaml",
        "# who may deploy\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nroleRef:\n  name: cluster-admin\n  kind: ClusterRole\n  apiGroup: rbac.authorization.k8s.io\nmetadata:\n  name: ci-admin\nsubjects:\n  - namespace: ci\n    name: deployer\n    kind: ServiceAccount\n",
    );
    g.commit("comment");
    let (_, v) = check(&g, &base);
    let privilege: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("IDG3"))
        .collect();
    assert!(privilege.is_empty(), "{privilege:?}");
}

#[test]
fn an_unreadable_grant_file_is_a_finding_not_a_silent_pass() {
    let mut g = Git::new();
    g.write("README.md", "x\n");
    let base = g.commit("base");
    g.write(
        "iam/deploy-policy.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\",",
    );
    g.commit("broken policy");
    let (code, v) = check(&g, &base);
    assert_eq!(code, 1, "{v}");
    let f = finding(&v, "IDG300").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["level"], "warning");
    assert_eq!(f["path"], "iam/deploy-policy.json");
}
