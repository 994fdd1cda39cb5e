//! `idgate rollback-plan`: identity commits newest first, whether each reverts cleanly (checked
//! in memory, leaving the repository untouched), credentials to rotate and the commands.

mod common;

use common::{AGENT_TRAILER, Git, UNVERIFIED, VERIFIED, idgate};
use serde_json::Value;

fn object_count(g: &Git) -> String {
    g.run(&["count-objects", "-v"])
}

#[test]
fn plan_lists_identity_commits_conflicts_and_credentials_without_touching_the_repo() {
    let mut g = Git::new();
    g.write("app/auth.py", VERIFIED);
    g.write("README.md", "hello\n");
    let base = g.commit("base");
    g.write("app/auth.py", UNVERIFIED);
    g.write("app/settings.py", "KEY = \"AKIAQ3ZT7WVB2N5XK4PL\"\n");
    let weaken = g.commit(&format!("weaken{AGENT_TRAILER}"));
    g.write("README.md", "hello again\n");
    g.commit("docs only");
    // A later edit of the same file (not itself an identity change) makes the weakening's
    // revert conflict: the revert would delete a file that has changed since.
    g.write("app/settings.py", "KEY = load_from_vault()\n");
    g.commit("load the key at run time");
    g.write("app/auth.py", UNVERIFIED.replace("token,", "tok,"));
    let rename = g.commit("rename the parameter in auth");

    let before_objects = object_count(&g);
    let before_status = g.run(&["status", "--porcelain"]);
    let out = idgate()
        .args(["rollback-plan", "--format", "json", "--repo"])
        .arg(g.path())
        .arg(format!("{base}..HEAD"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).unwrap();
    let steps = plan["steps"].as_array().unwrap();
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
    // Newest first; the docs-only commit is not an identity change.
    assert_eq!(ids, [rename.as_str(), weaken.as_str()]);
    assert_eq!(steps[0]["revert"]["clean"], true);
    assert_eq!(steps[1]["revert"]["clean"], false, "{}", steps[1]);
    assert_eq!(steps[1]["revert"]["conflicts"][0], "app/settings.py");
    assert_eq!(plan["credentials"][0]["path"], "app/settings.py");
    assert!(!String::from_utf8_lossy(&out).contains("AKIAQ3ZT7WVB2N5XK4PL"));
    assert_eq!(
        plan["commands"][1],
        format!("git revert --no-edit {weaken}")
    );
    // Nothing was written to the repository or its working tree.
    assert_eq!(object_count(&g), before_objects);
    assert_eq!(g.run(&["status", "--porcelain"]), before_status);

    let text = idgate()
        .args(["rollback-plan", "--format", "markdown", "--repo"])
        .arg(g.path())
        .arg(format!("{base}..HEAD"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("CONFLICTS in app/settings.py") && text.contains("```sh"),
        "{text}"
    );
}

#[test]
fn plan_lists_the_grants_to_revoke() {
    let mut g = Git::new();
    g.write("README.md", "hello\n");
    let base = g.commit("base");
    g.write(
        "deploy/rbac.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-admin\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n",
    );
    let grant = g.commit(&format!("let CI deploy anything{AGENT_TRAILER}"));
    let out = idgate()
        .args(["rollback-plan", "--format", "json", "--repo"])
        .arg(g.path())
        .arg(format!("{base}..HEAD"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(plan["grants_analysed"], true);
    let grants = plan["grants"].as_array().unwrap();
    assert_eq!(grants.len(), 1, "{plan}");
    assert_eq!(grants[0]["commit"], grant.as_str());
    assert_eq!(grants[0]["path"], "deploy/rbac.yaml");
    assert!(
        grants[0]["what"]
            .as_str()
            .unwrap()
            .contains("cluster-admin"),
        "{}",
        grants[0]
    );
}
