//! Kubernetes RBAC diff semantics.

use idgate_privilege::{PrivilegeError, diff, diff_set};

fn rules(report: &idgate_privilege::PrivilegeReport) -> Vec<&'static str> {
    let mut r: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    r.dedup();
    r
}

const ROLE_CM: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
subjects:
- kind: ServiceAccount
  name: cart
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
"#;

#[test]
fn secrets_read_is_new_access_with_table() {
    let after = ROLE_CM.replace("[\"configmaps\"]", "[\"configmaps\", \"secrets\"]");
    let report = diff("k8s/reader.yaml", Some(ROLE_CM), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG303"]);
    let f = &report.findings[0];
    // The binding is unchanged: the finding points at the widened rule of the role.
    assert_eq!(f.line, 7);
    assert_eq!(f.before.as_deref(), Some("no such access"));
    insta::assert_snapshot!(report.table(), @r"
    SUBJECT                   PERMISSION  RESOURCE  SCOPE  VIA
    ServiceAccount shop/cart  get         secrets   shop   RoleBinding shop/reader -> Role reader
    ServiceAccount shop/cart  list        secrets   shop   RoleBinding shop/reader -> Role reader
    ");
}

#[test]
fn reordered_and_split_documents_raise_nothing() {
    let docs: Vec<&str> = ROLE_CM.split("---\n").collect();
    let swapped = format!("{}---\n{}", docs[1], docs[0]);
    let report = diff("k8s/reader.yaml", Some(ROLE_CM), Some(&swapped)).unwrap();
    assert!(report.findings.is_empty() && report.grants_added.is_empty());
    let split = diff_set(&[
        ("k8s/reader.yaml", Some(ROLE_CM), Some(docs[0])),
        ("k8s/binding.yaml", None, Some(docs[1])),
    ])
    .unwrap();
    assert!(split.grants_added.is_empty(), "{}", split.table());
}

#[test]
fn narrowing_raises_nothing() {
    let before = ROLE_CM.replace("[\"get\", \"list\"]", "[\"*\"]");
    let report = diff("k8s/reader.yaml", Some(&before), Some(ROLE_CM)).unwrap();
    assert!(report.findings.is_empty());
    assert!(report.grants_added.is_empty());
    assert!(!report.grants_removed.is_empty());
}

#[test]
fn bare_resource_does_not_cover_subresource_but_star_slash_does() {
    let before = ROLE_CM.replace("[\"configmaps\"]", "[\"pods\"]");
    let after = ROLE_CM.replace("[\"configmaps\"]", "[\"pods\", \"*/exec\"]");
    let report = diff("r.yaml", Some(&before), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG304"]);
}

#[test]
fn rolebinding_to_clusterrole_grants_only_in_its_namespace() {
    let text = r#"kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: node-proxy}
rules:
- {apiGroups: [""], resources: ["nodes/proxy", "secrets"], verbs: ["get"]}
---
kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: np, namespace: tools}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-proxy}
subjects: [{kind: User, name: bob}]
"#;
    let report = diff("np.yaml", None, Some(text)).unwrap();
    // nodes/proxy is cluster-scoped: a RoleBinding cannot grant it.
    assert_eq!(rules(&report), vec!["IDG303"]);
    assert!(report.grants_added.iter().all(|r| r.scope == "tools"));
    let crb = text.replace("kind: RoleBinding", "kind: ClusterRoleBinding");
    let report = diff("np.yaml", None, Some(&crb)).unwrap();
    assert_eq!(rules(&report), vec!["IDG303", "IDG304"]);
}

#[test]
fn aggregation_label_widens_bound_role() {
    let base = r#"kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-monitoring: "true"}
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: secret-peek
  labels: {team: infra}
rules:
- {apiGroups: [""], resources: ["secrets"], verbs: ["list"]}
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: mon}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: Group, name: sre}]
"#;
    let after = base.replace(
        "labels: {team: infra}",
        "labels: {team: infra, example.com/aggregate-to-monitoring: \"true\"}",
    );
    let report = diff("agg.yaml", Some(base), Some(&after)).unwrap();
    assert_eq!(rules(&report), vec!["IDG303"]);
    assert!(report.findings[0].message.starts_with("Group sre"));
}

#[test]
fn cluster_admin_binding_and_broad_group() {
    let text = r#"kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: everyone-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
"#;
    let report = diff("crb.yaml", None, Some(text)).unwrap();
    assert_eq!(rules(&report), vec!["IDG302", "IDG309"]);
}

#[test]
fn resource_names_limit_secret_reads() {
    let after = ROLE_CM.replace(
        "  resources: [\"configmaps\"]\n",
        "  resources: [\"configmaps\", \"secrets\"]\n  resourceNames: [\"cart-db\"]\n",
    );
    let report = diff("r.yaml", Some(ROLE_CM), Some(&after)).unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(!report.grants_added.is_empty());
}

#[test]
fn helm_template_is_skipped_with_a_note() {
    let tpl = "kind: Role\nmetadata:\n  name: {{ .Values.name }}\n  {{- include \"labels\" . | nindent 4 }}\nrules:\n{{ toYaml .Values.rules }}\n";
    let report = diff("charts/x/templates/role.yaml", None, Some(tpl)).unwrap();
    assert!(report.findings.is_empty());
    assert_eq!(report.notes.len(), 1);
    assert!(report.notes[0].message.contains("template"));
}

#[test]
fn bad_yaml_is_a_typed_error_with_a_line() {
    let bad = "kind: Role\nmetadata:\n  name: x\nrules:\n- verbs: [get\n  resources: ]]\n";
    match diff("bad.yaml", None, Some(bad)) {
        Err(PrivilegeError::Yaml { path, line, .. }) => {
            assert_eq!(path, "bad.yaml");
            assert!(line > 0);
        }
        other => panic!("{other:?}"),
    }
    let dup = "kind: Role\nkind: ClusterRole\nmetadata: {name: x}\n";
    assert!(matches!(
        diff("dup.yaml", None, Some(dup)),
        Err(PrivilegeError::Yaml { .. })
    ));
}

#[test]
fn alias_bomb_is_bounded() {
    let mut bomb = String::from(
        "kind: Role\nmetadata: {name: x, namespace: y}\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    let start = std::time::Instant::now();
    let result = diff("bomb.yaml", None, Some(&bomb));
    assert!(start.elapsed().as_secs() < 5);
    assert!(
        matches!(result, Err(PrivilegeError::Yaml { .. })),
        "{result:?}"
    );
}

#[test]
fn huge_manifest_is_refused_or_bounded() {
    let big = "#".repeat(65 * 1024 * 1024);
    assert!(matches!(
        diff("big.yaml", None, Some(&format!("kind: Role\n{big}"))),
        Err(PrivilegeError::TooLarge { .. })
    ));
    // 50 MB of comments and one role: parsed within the limit.
    let mut fifty = String::from(
        "kind: Role\nmetadata: {name: x, namespace: y}\nrules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]\n",
    );
    let pad = "# padding padding padding padding padding padding padding padding\n";
    while fifty.len() < 50 * 1024 * 1024 {
        fifty.push_str(pad);
    }
    let start = std::time::Instant::now();
    let report = diff("fifty.yaml", None, Some(&fifty)).unwrap();
    assert!(start.elapsed().as_secs() < 60);
    assert_eq!(rules(&report), vec!["IDG303"]);
}

#[test]
fn resource_names_never_match_create() {
    let after = ROLE_CM.replace(
        "  resources: [\"configmaps\"]\n  verbs: [\"get\", \"list\"]\n",
        "  resources: [\"configmaps\", \"pods\"]\n  resourceNames: [\"only-this\"]\n  verbs: [\"get\", \"create\"]\n",
    );
    assert_ne!(after, ROLE_CM);
    let report = diff("r.yaml", Some(ROLE_CM), Some(&after)).unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(report.grants_added.iter().all(|r| r.permission != "create"));
}

#[test]
fn findings_convert_to_pipeline_findings_with_measures() {
    let after = ROLE_CM.replace("[\"configmaps\"]", "[\"secrets\"]");
    let report = diff("k8s/reader.yaml", Some(ROLE_CM), Some(&after)).unwrap();
    let f = report.findings[0].to_finding();
    assert_eq!(f.rule, "IDG303");
    assert_eq!(f.category, idgate_core::Category::OverPrivilege);
    assert!(f.cwe.contains(&732));
    assert_eq!(
        f.measure,
        Some(idgate_core::Measure::Grant {
            permission: "get secrets".into()
        })
    );
    assert_eq!(f.fingerprint.as_str().len(), 32);
}

#[test]
fn snapshot_of_findings_and_table_for_a_cluster_change() {
    let before = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ci-runner
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-runner
subjects:
- kind: ServiceAccount
  name: runner
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ci-runner
"#;
    let after = before
        .replace(
            "  verbs: [\"get\", \"list\", \"watch\"]\n",
            "  verbs: [\"get\", \"list\", \"watch\", \"patch\"]\n- apiGroups: [\"\"]\n  resources: [\"pods/exec\", \"secrets\"]\n  verbs: [\"get\", \"create\"]\n",
        )
        .replace(
            "  namespace: ci\n",
            "  namespace: ci\n- kind: Group\n  name: release-managers\n  apiGroup: rbac.authorization.k8s.io\n",
        );
    let report = diff("deploy/ci-rbac.yaml", Some(before), Some(&after)).unwrap();
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!(
            "{} {} line {}: {}\n  before: {}\n  after: {}\n",
            f.rule,
            f.name,
            f.line,
            f.message,
            f.before.as_deref().unwrap_or("-"),
            f.after.as_deref().unwrap_or("-")
        ));
    }
    out.push('\n');
    out.push_str(&report.table());
    insta::assert_snapshot!(out);
}

#[test]
fn namespace_service_account_group_is_broad() {
    let text = r#"kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: all-sa-read, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: Group, name: "system:serviceaccounts:shop", apiGroup: rbac.authorization.k8s.io}
---
kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: reader, namespace: shop}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
"#;
    let report = diff("sa-group.yaml", None, Some(text)).unwrap();
    assert_eq!(rules(&report), vec!["IDG309"]);
}

#[test]
fn control_plane_roles_are_administrative() {
    let text = r#"kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: borrow-controller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller:clusterrole-aggregation-controller"}
subjects: [{kind: ServiceAccount, name: helper, namespace: tools}]
"#;
    let report = diff("crb.yaml", None, Some(text)).unwrap();
    assert_eq!(rules(&report), vec!["IDG302"]);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.message.contains("not in the change set"))
    );
}
