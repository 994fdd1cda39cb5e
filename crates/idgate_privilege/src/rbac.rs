//! Kubernetes RBAC: roles, bindings, aggregation, effective permissions per subject, the diff and
//! the risky-permission catalogue.

use crate::{GrantRow, PrivilegeFinding, PrivilegeReport, make_finding};
use idgate_core::Measure;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;

/// One rule of a role, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RuleDef {
    pub(crate) verbs: Vec<String>,
    pub(crate) groups: Vec<String>,
    pub(crate) resources: Vec<String>,
    pub(crate) names: Vec<String>,
    pub(crate) urls: Vec<String>,
    /// Where the rule is written (empty path and 0 when unknown or built in).
    pub(crate) path: String,
    pub(crate) line: u32,
}

/// A label selector of an aggregation rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Selector {
    pub(crate) labels: BTreeMap<String, String>,
    /// (key, operator, values)
    pub(crate) exprs: Vec<(String, String, Vec<String>)>,
}

impl Selector {
    fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        if self.labels.is_empty() && self.exprs.is_empty() {
            // An empty selector selects nothing in aggregation (the controller skips it).
            return false;
        }
        self.labels.iter().all(|(k, v)| labels.get(k) == Some(v))
            && self.exprs.iter().all(|(k, op, vals)| match op.as_str() {
                "In" => labels.get(k).is_some_and(|v| vals.contains(v)),
                "NotIn" => labels.get(k).is_none_or(|v| !vals.contains(v)),
                "Exists" => labels.contains_key(k),
                "DoesNotExist" => !labels.contains_key(k),
                _ => false,
            })
    }
}

/// A Role or ClusterRole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RoleDef {
    pub(crate) cluster: bool,
    pub(crate) namespace: Option<String>,
    pub(crate) name: String,
    pub(crate) rules: Vec<RuleDef>,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) aggregation: Option<Vec<Selector>>,
    pub(crate) path: String,
    pub(crate) line: u32,
}

impl RoleDef {
    fn display(&self) -> String {
        match &self.namespace {
            Some(ns) if !self.cluster => format!("Role {ns}/{}", self.name),
            _ => format!("ClusterRole {}", self.name),
        }
    }
}

/// A binding subject as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SubjectDef {
    pub(crate) kind: String,
    pub(crate) name: String,
    pub(crate) namespace: Option<String>,
}

/// A RoleBinding or ClusterRoleBinding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BindingDef {
    pub(crate) cluster: bool,
    pub(crate) namespace: Option<String>,
    pub(crate) name: String,
    pub(crate) role_cluster: bool,
    pub(crate) role_name: String,
    pub(crate) subjects: Vec<SubjectDef>,
    pub(crate) path: String,
    pub(crate) line: u32,
}

impl BindingDef {
    fn display(&self) -> String {
        let role = if self.role_cluster {
            format!("ClusterRole {}", self.role_name)
        } else {
            format!("Role {}", self.role_name)
        };
        match &self.namespace {
            Some(ns) if !self.cluster => format!("RoleBinding {ns}/{} -> {role}", self.name),
            _ => format!("ClusterRoleBinding {} -> {role}", self.name),
        }
    }
}

/// All RBAC objects of one side of a change set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Manifest {
    pub(crate) roles: Vec<RoleDef>,
    pub(crate) bindings: Vec<BindingDef>,
}

impl Manifest {
    pub(crate) fn extend(&mut self, other: Manifest) {
        self.roles.extend(other.roles);
        self.bindings.extend(other.bindings);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.bindings.is_empty()
    }
}

/// Built-in roles whose binding is an administrative grant.
pub(crate) const ADMIN_ROLES: &[&str] = &["cluster-admin", "admin", "edit", "system:masters"];

/// Whether a role name is a built-in administrative or control-plane role: binding a workload or
/// a person to one is an administrative grant even when its rules are not in the change set.
fn is_admin_role(name: &str) -> bool {
    ADMIN_ROLES.contains(&name)
        || name.starts_with("system:controller:")
        || matches!(
            name,
            "system:kube-controller-manager" | "system:kube-scheduler" | "system:node"
        )
}

/// Resources that exist only at cluster scope: a RoleBinding never grants them.
const CLUSTER_SCOPED: &[&str] = &[
    "nodes",
    "namespaces",
    "persistentvolumes",
    "clusterroles",
    "clusterrolebindings",
    "certificatesigningrequests",
    "signers",
    "validatingwebhookconfigurations",
    "mutatingwebhookconfigurations",
    "validatingadmissionpolicies",
    "validatingadmissionpolicybindings",
    "customresourcedefinitions",
    "storageclasses",
    "priorityclasses",
    "apiservices",
    "csidrivers",
    "csinodes",
    "ingressclasses",
    "runtimeclasses",
    "volumeattachments",
    "tokenreviews",
    "subjectaccessreviews",
    "selfsubjectaccessreviews",
    "selfsubjectrulesreviews",
    "users",
    "groups",
    "uids",
    "userextras",
];

fn rule(verbs: &[&str], groups: &[&str], resources: &[&str]) -> RuleDef {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
    RuleDef {
        verbs: v(verbs),
        groups: v(groups),
        resources: v(resources),
        names: Vec::new(),
        urls: Vec::new(),
        path: String::new(),
        line: 0,
    }
}

const READ: &[&str] = &["get", "list", "watch"];
const WRITE: &[&str] = &["create", "delete", "deletecollection", "patch", "update"];

/// Rules of the built-in roles, used when the change set does not define them.
fn builtin(name: &str) -> Option<RoleDef> {
    let view_core = [
        "configmaps",
        "endpoints",
        "persistentvolumeclaims",
        "pods",
        "pods/log",
        "pods/status",
        "replicationcontrollers",
        "services",
        "serviceaccounts",
        "events",
        "limitranges",
        "resourcequotas",
        "namespaces",
    ];
    let view_apps = [
        "deployments",
        "daemonsets",
        "replicasets",
        "statefulsets",
        "deployments/scale",
    ];
    let workloads_batch = ["jobs", "cronjobs"];
    let mut rules = Vec::new();
    let agg = |n: &str| {
        Some(vec![Selector {
            labels: [(
                format!("rbac.authorization.k8s.io/aggregate-to-{n}"),
                "true".to_string(),
            )]
            .into_iter()
            .collect(),
            exprs: Vec::new(),
        }])
    };
    let aggregation = match name {
        "cluster-admin" => {
            rules.push(rule(&["*"], &["*"], &["*"]));
            rules.push(RuleDef {
                verbs: vec!["*".into()],
                urls: vec!["*".into()],
                ..RuleDef::default()
            });
            None
        }
        "view" | "edit" | "admin" => {
            rules.push(rule(READ, &[""], &view_core));
            rules.push(rule(READ, &["apps"], &view_apps));
            rules.push(rule(READ, &["batch"], &workloads_batch));
            if name != "view" {
                rules.push(rule(READ, &[""], &["secrets"]));
                rules.push(rule(
                    WRITE,
                    &[""],
                    &[
                        "pods",
                        "pods/exec",
                        "pods/attach",
                        "pods/portforward",
                        "configmaps",
                        "secrets",
                        "services",
                        "persistentvolumeclaims",
                        "replicationcontrollers",
                        "serviceaccounts",
                    ],
                ));
                rules.push(rule(&["create"], &[""], &["serviceaccounts/token"]));
                rules.push(rule(&["impersonate"], &[""], &["serviceaccounts"]));
                rules.push(rule(WRITE, &["apps"], &view_apps));
                rules.push(rule(WRITE, &["batch"], &workloads_batch));
            }
            if name == "admin" {
                rules.push(rule(
                    &["*"],
                    &["rbac.authorization.k8s.io"],
                    &["roles", "rolebindings"],
                ));
            }
            agg(name)
        }
        _ => return None,
    };
    Some(RoleDef {
        cluster: true,
        namespace: None,
        name: name.to_string(),
        rules,
        labels: BTreeMap::new(),
        aggregation,
        path: String::new(),
        line: 0,
    })
}

/// One atomic permission: a verb on (group, resource, name) in a scope, or a verb on a
/// non-resource URL. `scope` is a namespace or `*` (cluster-wide and every namespace).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Atom {
    scope: String,
    verb: String,
    group: String,
    resource: String,
    name: Option<String>,
    url: Option<String>,
}

impl Atom {
    /// Whether every request this atom allows is allowed by `self` (the authorizer's matching,
    /// lifted to patterns: `*` covers anything, `*/sub` covers `x/sub`, a URL `prefix*` covers
    /// every URL with that prefix).
    fn covers(&self, a: &Atom) -> bool {
        if !(self.scope == "*" || self.scope == a.scope) {
            return false;
        }
        if !(self.verb == "*" || self.verb == a.verb) {
            return false;
        }
        match (&self.url, &a.url) {
            (Some(b), Some(x)) => {
                return b == "*" || b == x || b.strip_suffix('*').is_some_and(|p| x.starts_with(p));
            }
            (None, None) => {}
            _ => return false,
        }
        if !(self.group == "*" || self.group == a.group) {
            return false;
        }
        let res_ok = self.resource == "*"
            || self.resource == a.resource
            || self.resource.strip_prefix("*/").is_some_and(|sub| {
                a.resource
                    .split_once('/')
                    .is_some_and(|(_, asub)| asub == sub)
            });
        if !res_ok {
            return false;
        }
        match (&self.name, &a.name) {
            (None, _) => true,
            (Some(b), Some(x)) => b == x,
            (Some(_), None) => false,
        }
    }

    fn resource_text(&self) -> String {
        if let Some(u) = &self.url {
            return u.clone();
        }
        let mut s = if self.group.is_empty() || self.group == "*" && self.resource == "*" {
            self.resource.clone()
        } else {
            format!("{}.{}", self.resource, self.group)
        };
        if let Some(n) = &self.name {
            s.push('/');
            s.push_str(n);
        }
        s
    }

    fn scope_text(&self) -> String {
        if self.scope == "*" {
            "cluster-wide".to_string()
        } else {
            self.scope.clone()
        }
    }
}

#[derive(Debug, Clone)]
struct Via {
    text: String,
    role_name: String,
    path: String,
    line: u32,
    /// Where the role is defined (empty for built-in or missing roles).
    role_path: String,
    role_line: u32,
}

type Effective = BTreeMap<String, Vec<(Rc<Atom>, Rc<Via>)>>;

/// FNV-1a: a fast hasher for the atom sets of one diff (keys are not attacker-chosen in a way
/// that matters here: a collision flood only slows one diff down).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastSet<'a> = HashSet<&'a Atom, std::hash::BuildHasherDefault<Fnv>>;

fn key(scope: &str, verb: &str, group: &str, resource: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = Fnv::default();
    for part in [scope, verb, group, resource] {
        h.write(part.as_bytes());
        h.write(&[0]);
    }
    h.finish()
}

/// Atoms indexed so that "is this atom covered by one of them" looks at the few candidates whose
/// scope, verb, group and resource are the atom's own or `*` (or `*/sub`), not at every atom.
struct CoverIndex<'a> {
    by_key: HashMap<u64, Vec<&'a Atom>, std::hash::BuildHasherDefault<Fnv>>,
    urls: Vec<&'a Atom>,
    exact: FastSet<'a>,
}

impl<'a> CoverIndex<'a> {
    fn new(atoms: impl Iterator<Item = &'a Atom>) -> Self {
        let mut idx = CoverIndex {
            by_key: HashMap::default(),
            urls: Vec::new(),
            exact: FastSet::default(),
        };
        for a in atoms {
            idx.exact.insert(a);
            if a.url.is_some() {
                idx.urls.push(a);
            } else {
                idx.by_key
                    .entry(key(&a.scope, &a.verb, &a.group, &a.resource))
                    .or_default()
                    .push(a);
            }
        }
        idx
    }

    /// Whether an atom other than `a` itself covers `a` (`strict`), or any atom does.
    fn covers(&self, a: &Atom, strict: bool) -> bool {
        if !strict && self.exact.contains(a) {
            return true;
        }
        let ok = |b: &&Atom| (!strict || *b != a) && b.covers(a);
        if a.url.is_some() {
            return self.urls.iter().any(ok);
        }
        let sub = a.resource.split_once('/').map(|(_, s)| format!("*/{s}"));
        let scopes = [a.scope.as_str(), "*"];
        let verbs = [a.verb.as_str(), "*"];
        let groups = [a.group.as_str(), "*"];
        let mut resources = vec![a.resource.as_str(), "*"];
        if let Some(s) = &sub {
            resources.push(s);
        }
        for (i, sc) in scopes.iter().enumerate() {
            if i == 1 && a.scope == "*" {
                continue;
            }
            for (j, v) in verbs.iter().enumerate() {
                if j == 1 && a.verb == "*" {
                    continue;
                }
                for (k, g) in groups.iter().enumerate() {
                    if k == 1 && a.group == "*" {
                        continue;
                    }
                    for (l, r) in resources.iter().enumerate() {
                        if l > 0 && *r == a.resource {
                            continue;
                        }
                        if let Some(c) = self.by_key.get(&key(sc, v, g, r))
                            && c.iter().any(ok)
                        {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }
}

fn role_key(cluster: bool, ns: Option<&str>, name: &str) -> (bool, String, String) {
    (
        cluster,
        if cluster {
            String::new()
        } else {
            ns.unwrap_or("").to_string()
        },
        name.to_string(),
    )
}

/// Resolve roles (explicit, aggregated, built-in) into their effective rules.
fn resolve_roles(m: &Manifest) -> HashMap<(bool, String, String), RoleDef> {
    let mut roles: HashMap<(bool, String, String), RoleDef> = HashMap::new();
    for r in &m.roles {
        let key = role_key(r.cluster, r.namespace.as_deref(), &r.name);
        match roles.get_mut(&key) {
            // The same object twice in a set (split documents): union of rules.
            Some(existing) => {
                existing.rules.extend(r.rules.iter().cloned());
                existing.labels.extend(r.labels.clone());
            }
            None => {
                roles.insert(key, r.clone());
            }
        }
    }
    let referenced: BTreeSet<String> = m
        .bindings
        .iter()
        .filter(|b| b.role_cluster)
        .map(|b| b.role_name.clone())
        .collect();
    let aggregating_builtins = ["admin", "edit", "view"];
    for name in ADMIN_ROLES.iter().chain(aggregating_builtins.iter()) {
        let key = role_key(true, None, name);
        if roles.contains_key(&key) {
            continue;
        }
        let labelled = m.roles.iter().any(|r| {
            r.cluster
                && r.labels
                    .get(&format!("rbac.authorization.k8s.io/aggregate-to-{name}"))
                    .is_some_and(|v| v == "true")
        });
        if (referenced.contains(*name) || labelled)
            && let Some(b) = builtin(name)
        {
            roles.insert(key, b);
        }
    }
    // Aggregation: a few rounds reach a fixed point for chained aggregation.
    let aggregating: Vec<(bool, String, String)> = roles
        .iter()
        .filter(|(_, r)| r.cluster && r.aggregation.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    for _ in 0..4 {
        let mut changed = false;
        for key in &aggregating {
            let selectors = roles[key].aggregation.clone().unwrap_or_default();
            let mut extra = Vec::new();
            for (k, r) in &roles {
                if k == key || !r.cluster {
                    continue;
                }
                if selectors.iter().any(|s| s.matches(&r.labels)) {
                    extra.extend(r.rules.iter().cloned());
                }
            }
            if let Some(target) = roles.get_mut(key) {
                for e in extra {
                    let same = |r: &RuleDef| {
                        r.verbs == e.verbs
                            && r.groups == e.groups
                            && r.resources == e.resources
                            && r.names == e.names
                            && r.urls == e.urls
                    };
                    if !target.rules.iter().any(same) {
                        target.rules.push(e);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    roles
}

fn subject_key(s: &SubjectDef, binding_ns: Option<&str>) -> String {
    match s.kind.as_str() {
        "ServiceAccount" => {
            let ns = s.namespace.as_deref().or(binding_ns).unwrap_or("default");
            format!("ServiceAccount {ns}/{}", s.name)
        }
        "Group" => format!("Group {}", s.name),
        _ => {
            // A user named like a service account is that service account.
            if let Some(rest) = s.name.strip_prefix("system:serviceaccount:")
                && let Some((ns, n)) = rest.split_once(':')
            {
                return format!("ServiceAccount {ns}/{n}");
            }
            format!("User {}", s.name)
        }
    }
}

fn atoms_of_rule(r: &RuleDef, scope: &str, cluster_binding: bool, out: &mut Vec<Atom>) {
    for verb in &r.verbs {
        if cluster_binding {
            for url in &r.urls {
                out.push(Atom {
                    scope: "*".into(),
                    verb: verb.clone(),
                    group: String::new(),
                    resource: String::new(),
                    name: None,
                    url: Some(url.clone()),
                });
            }
        }
        for group in &r.groups {
            for res in &r.resources {
                let base = res.split('/').next().unwrap_or(res);
                if !cluster_binding && CLUSTER_SCOPED.contains(&base) {
                    continue;
                }
                if r.names.is_empty() {
                    out.push(Atom {
                        scope: scope.to_string(),
                        verb: verb.clone(),
                        group: group.clone(),
                        resource: res.clone(),
                        name: None,
                        url: None,
                    });
                } else if !matches!(verb.as_str(), "create" | "deletecollection") {
                    // A rule with resourceNames never matches create or deletecollection: the
                    // name is not known when those requests are authorized.
                    for n in &r.names {
                        out.push(Atom {
                            scope: scope.to_string(),
                            verb: verb.clone(),
                            group: group.clone(),
                            resource: res.clone(),
                            name: Some(n.clone()),
                            url: None,
                        });
                    }
                }
            }
        }
    }
}

/// Effective permissions per subject. With `all_roles`, every role is also its own pseudo-subject
/// (used for the old side, so a role that becomes unbound is not reported as new); otherwise only
/// roles no binding references.
/// Bindings whose role is not in the change set: (path, line, message).
type Missing = BTreeSet<(String, u32, String)>;

fn effective(m: &Manifest, all_roles: bool, missing: &mut Missing) -> Effective {
    let roles = resolve_roles(m);
    let mut out: Effective = BTreeMap::new();
    let mut bound: BTreeSet<(bool, String, String)> = BTreeSet::new();
    for b in &m.bindings {
        let key = if b.role_cluster {
            role_key(true, None, &b.role_name)
        } else {
            role_key(false, b.namespace.as_deref(), &b.role_name)
        };
        bound.insert(key.clone());
        let scope = if b.cluster {
            "*".to_string()
        } else {
            b.namespace.clone().unwrap_or_else(|| "default".into())
        };
        let via_at = |path: &str, line: u32| {
            Rc::new(Via {
                text: b.display(),
                role_name: b.role_name.clone(),
                path: b.path.clone(),
                line: b.line,
                role_path: path.to_string(),
                role_line: line,
            })
        };
        let mut atoms = Vec::new();
        let mut vias: Vec<Rc<Via>> = Vec::new();
        match roles.get(&key) {
            Some(role) => {
                for r in &role.rules {
                    let start = atoms.len();
                    atoms_of_rule(r, &scope, b.cluster, &mut atoms);
                    // The rule's own line when known, else the role's.
                    let via = if r.path.is_empty() {
                        via_at(&role.path, role.line)
                    } else {
                        via_at(&r.path, r.line)
                    };
                    vias.extend(std::iter::repeat_n(via, atoms.len() - start));
                }
            }
            None => {
                missing.insert((
                    b.path.clone(),
                    b.line,
                    format!(
                        "{} refers to {} {}, which is not in the change set: its rules are unknown",
                        b.display(),
                        if b.role_cluster {
                            "ClusterRole"
                        } else {
                            "Role"
                        },
                        b.role_name
                    ),
                ));
                atoms.push(Atom {
                    scope: scope.clone(),
                    verb: "(rules of)".into(),
                    group: String::new(),
                    resource: format!(
                        "{} {}",
                        if b.role_cluster {
                            "ClusterRole"
                        } else {
                            "Role"
                        },
                        b.role_name
                    ),
                    name: None,
                    url: None,
                });
                vias.push(via_at("", 0));
            }
        }
        let atoms: Vec<(Rc<Atom>, Rc<Via>)> = atoms.into_iter().map(Rc::new).zip(vias).collect();
        for s in &b.subjects {
            let key = subject_key(s, b.namespace.as_deref());
            let entry = out.entry(key).or_default();
            entry.extend(atoms.iter().cloned());
        }
    }
    let mut keys: Vec<&(bool, String, String)> = roles.keys().collect();
    keys.sort();
    for key in keys {
        let role = &roles[key];
        if !all_roles && bound.contains(key) {
            continue;
        }
        if role.path.is_empty() && role.aggregation.is_none() {
            continue;
        }
        let scope = if role.cluster {
            "*".to_string()
        } else {
            role.namespace.clone().unwrap_or_default()
        };
        let (path, line) = if role.path.is_empty() {
            // A built-in role widened by aggregation: point at the labelled role.
            m.roles
                .iter()
                .find(|r| {
                    r.labels
                        .keys()
                        .any(|k| k.ends_with(&format!("aggregate-to-{}", role.name)))
                })
                .map(|r| (r.path.clone(), r.line))
                .unwrap_or_default()
        } else {
            (role.path.clone(), role.line)
        };
        let entry = out
            .entry(format!("(unbound) {}", role.display()))
            .or_default();
        for r in &role.rules {
            let (p, l) = if r.path.is_empty() {
                (path.clone(), line)
            } else {
                (r.path.clone(), r.line)
            };
            let via = Rc::new(Via {
                text: role.display(),
                role_name: role.name.clone(),
                path: p.clone(),
                line: l,
                role_path: p,
                role_line: l,
            });
            let mut atoms = Vec::new();
            atoms_of_rule(r, &scope, role.cluster, &mut atoms);
            for a in atoms {
                entry.push((Rc::new(a), via.clone()));
            }
        }
    }
    out
}

struct Risk {
    code: &'static str,
    what: &'static str,
    verbs: &'static [&'static str],
    groups: &'static [&'static str],
    resources: &'static [&'static str],
    skip_named: bool,
}

const RISKS: &[Risk] = &[
    Risk {
        code: "IDG303",
        what: "read secrets",
        verbs: &["get", "list", "watch"],
        groups: &[""],
        resources: &["secrets"],
        skip_named: true,
    },
    Risk {
        code: "IDG304",
        what: "run commands in pods",
        verbs: &["create", "get"],
        groups: &[""],
        resources: &["pods/exec", "pods/attach", "pods/portforward"],
        skip_named: false,
    },
    Risk {
        code: "IDG304",
        what: "add ephemeral containers to pods",
        verbs: &["update", "patch"],
        groups: &[""],
        resources: &["pods/ephemeralcontainers"],
        skip_named: false,
    },
    Risk {
        code: "IDG304",
        what: "reach the kubelet API through nodes/proxy",
        verbs: &["get", "create", "update", "patch", "delete"],
        groups: &[""],
        resources: &["nodes/proxy"],
        skip_named: false,
    },
    Risk {
        code: "IDG305",
        what: "create pods",
        verbs: &["create"],
        groups: &[""],
        resources: &["pods", "replicationcontrollers", "persistentvolumes"],
        skip_named: false,
    },
    Risk {
        code: "IDG305",
        what: "create or change pod controllers",
        verbs: &["create", "update", "patch"],
        groups: &["apps", "batch"],
        resources: &[
            "deployments",
            "daemonsets",
            "statefulsets",
            "replicasets",
            "jobs",
            "cronjobs",
        ],
        skip_named: false,
    },
    Risk {
        code: "IDG306",
        what: "bind or escalate roles",
        verbs: &["bind", "escalate"],
        groups: &["rbac.authorization.k8s.io"],
        resources: &["roles", "clusterroles"],
        skip_named: false,
    },
    Risk {
        code: "IDG306",
        what: "write role bindings or roles",
        verbs: &["create", "update", "patch"],
        groups: &["rbac.authorization.k8s.io"],
        resources: &[
            "rolebindings",
            "clusterrolebindings",
            "roles",
            "clusterroles",
        ],
        skip_named: false,
    },
    Risk {
        code: "IDG306",
        what: "impersonate other identities",
        verbs: &["impersonate"],
        groups: &["", "authentication.k8s.io"],
        resources: &["users", "groups", "serviceaccounts", "uids", "userextras"],
        skip_named: false,
    },
    Risk {
        code: "IDG307",
        what: "mint service-account tokens",
        verbs: &["create"],
        groups: &[""],
        resources: &["serviceaccounts/token"],
        skip_named: false,
    },
    Risk {
        code: "IDG307",
        what: "approve certificate signing requests",
        verbs: &["update", "patch"],
        groups: &["certificates.k8s.io"],
        resources: &["certificatesigningrequests/approval"],
        skip_named: false,
    },
    Risk {
        code: "IDG307",
        what: "approve certificates for a signer",
        verbs: &["approve", "sign"],
        groups: &["certificates.k8s.io"],
        resources: &["signers"],
        skip_named: false,
    },
    Risk {
        code: "IDG308",
        what: "control admission webhooks",
        verbs: &["create", "update", "patch", "delete"],
        groups: &["admissionregistration.k8s.io"],
        resources: &[
            "validatingwebhookconfigurations",
            "mutatingwebhookconfigurations",
        ],
        skip_named: false,
    },
];

fn covers_value(pattern: &str, value: &str) -> bool {
    pattern == "*" || pattern == value
}

fn covers_resource(pattern: &str, value: &str) -> bool {
    pattern == "*"
        || pattern == value
        || pattern
            .strip_prefix("*/")
            .is_some_and(|sub| value.split_once('/').is_some_and(|(_, s)| s == sub))
}

fn risk_hits(a: &Atom) -> Vec<(&'static str, &'static str)> {
    let mut hits = Vec::new();
    if a.url.is_some() {
        if a.verb == "*" && a.url.as_deref() == Some("*") {
            hits.push(("IDG301", "do anything on every non-resource URL"));
        }
        return hits;
    }
    if a.verb == "*" && a.resource == "*" {
        hits.push(("IDG301", "do anything to every resource"));
        return hits;
    }
    if a.verb == "*" {
        hits.push(("IDG301", "use every verb"));
    } else if a.resource == "*" {
        hits.push(("IDG301", "act on every resource"));
    }
    for r in RISKS {
        if r.skip_named && a.name.is_some() {
            continue;
        }
        let ok = r.verbs.iter().any(|v| covers_value(&a.verb, v))
            && r.groups.iter().any(|g| covers_value(&a.group, g))
            && r.resources.iter().any(|x| covers_resource(&a.resource, x));
        if ok && !hits.iter().any(|(c, _)| *c == r.code) {
            hits.push((r.code, r.what));
        }
    }
    hits
}

const BROAD_GROUPS: &[&str] = &[
    "Group system:authenticated",
    "Group system:unauthenticated",
    "Group system:serviceaccounts",
    "User system:anonymous",
];

fn row(subject: &str, a: &Atom, v: &Via) -> GrantRow {
    GrantRow {
        subject: subject.to_string(),
        permission: a.verb.clone(),
        resource: a.resource_text(),
        scope: a.scope_text(),
        via: v.text.clone(),
        qualifier: String::new(),
        path: v.path.clone(),
        line: v.line,
    }
}

fn summarize(rows: &[(Rc<Atom>, &Via)], limit: usize) -> String {
    let mut parts: Vec<String> = rows
        .iter()
        .map(|(a, _)| {
            let scope = if a.scope == "*" {
                "cluster-wide".to_string()
            } else {
                format!("in {}", a.scope)
            };
            format!("{} {} {scope}", a.verb, a.resource_text())
        })
        .collect();
    parts.dedup();
    let more = parts.len().saturating_sub(limit);
    parts.truncate(limit);
    let mut s = parts.join(", ");
    if more > 0 {
        s.push_str(&format!(" (+{more} more)"));
    }
    s
}

/// Diff two manifests.
pub(crate) fn diff(before: &Manifest, after: &Manifest) -> PrivilegeReport {
    let mut report = PrivilegeReport::default();
    let mut missing = Missing::new();
    let eb = effective(before, true, &mut Missing::new());
    // (binding, subject) pairs of the old side: new access through one of them comes from a
    // widened role, so the finding points at the role.
    let old_bindings: HashSet<(String, String)> = before
        .bindings
        .iter()
        .flat_map(|b| {
            b.subjects
                .iter()
                .map(move |s| (b.display(), subject_key(s, b.namespace.as_deref())))
        })
        .collect();
    let ea = effective(after, false, &mut missing);
    for (path, line, message) in missing {
        report.notes.push(crate::Note {
            path,
            line,
            message,
        });
    }
    let empty = Vec::new();
    for (subject, atoms) in &ea {
        let old = eb.get(subject).unwrap_or(&empty);
        let old_index = CoverIndex::new(old.iter().map(|(a, _)| &**a));
        let mut seen = FastSet::default();
        let mut added: Vec<(Rc<Atom>, Via)> = Vec::new();
        for (a, v) in atoms {
            if !seen.insert(&**a) {
                continue;
            }
            if old_index.covers(a, false) {
                continue;
            }
            let mut v: Via = (**v).clone();
            // The binding existed before: the new access comes from the role's rules.
            if !v.role_path.is_empty() && old_bindings.contains(&(v.text.clone(), subject.clone()))
            {
                v.path = v.role_path.clone();
                v.line = v.role_line;
            }
            added.push((a.clone(), v));
        }
        // Within the new access, keep only the broadest atoms (a `*` verb subsumes `get`).
        let added_index = CoverIndex::new(added.iter().map(|(a, _)| &**a));
        let added: Vec<(Rc<Atom>, &Via)> = added
            .iter()
            .filter(|(a, _)| !added_index.covers(a, true))
            .map(|(a, v)| (a.clone(), v))
            .collect();
        if added.is_empty() {
            continue;
        }
        for (a, v) in &added {
            report.grants_added.push(row(subject, a, v));
        }
        classify(subject, &added, old, &mut report.findings);
    }
    for (subject, atoms) in &eb {
        if subject.starts_with("(unbound)") {
            continue;
        }
        let new = ea.get(subject).unwrap_or(&empty);
        let new_index = CoverIndex::new(new.iter().map(|(a, _)| &**a));
        for (a, v) in atoms {
            if !new_index.covers(a, false) {
                report.grants_removed.push(row(subject, a, v));
            }
        }
    }
    report
}

/// New atoms hitting one rule, and what they let the subject do.
type RiskGroup<'a> = (Vec<(Rc<Atom>, &'a Via)>, BTreeSet<&'static str>);

fn classify(
    subject: &str,
    added: &[(Rc<Atom>, &Via)],
    old: &[(Rc<Atom>, Rc<Via>)],
    findings: &mut Vec<PrivilegeFinding>,
) {
    // Grants through built-in administrative roles: one finding per role.
    let mut by_admin: BTreeMap<&str, Vec<(Rc<Atom>, &Via)>> = BTreeMap::new();
    let mut by_rule: BTreeMap<&'static str, RiskGroup<'_>> = BTreeMap::new();
    for (a, v) in added {
        if is_admin_role(&v.role_name) && !subject.starts_with("(unbound)") {
            by_admin
                .entry(&v.role_name)
                .or_default()
                .push((a.clone(), v));
            continue;
        }
        for (code, what) in risk_hits(a) {
            let e = by_rule.entry(code).or_default();
            e.0.push((a.clone(), v));
            e.1.insert(what);
        }
    }
    for (role, rows) in by_admin {
        let v = rows[0].1;
        findings.push(make_finding(
            "IDG302",
            format!(
                "{subject} is newly granted the built-in `{role}` role ({})",
                v.text
            ),
            Some(before_text(old, None)),
            Some(format!("{role} via {}", v.text)),
            rows.iter().map(|(a, v)| row(subject, a, v)).collect(),
            Some(Measure::Role {
                name: role.to_string(),
            }),
        ));
    }
    // Every identity, every workload of the cluster, or every workload of one namespace.
    if BROAD_GROUPS.contains(&subject) || subject.starts_with("Group system:serviceaccounts:") {
        let rows: Vec<GrantRow> = added.iter().map(|(a, v)| row(subject, a, v)).collect();
        findings.push(make_finding(
            "IDG309",
            format!(
                "{subject} (every matching identity) gains access: {}",
                summarize(added, 4)
            ),
            Some(before_text(old, None)),
            Some(summarize(added, 8)),
            rows,
            Some(Measure::Grant {
                permission: format!("{} {}", added[0].0.verb, added[0].0.resource_text()),
            }),
        ));
    }
    for (code, (rows, whats)) in by_rule {
        let whats: Vec<&str> = whats.into_iter().collect();
        let first = &rows[0];
        let permission = format!("{} {}", first.0.verb, first.0.resource_text());
        let via_text = first.1.text.clone();
        let old_relevant: Vec<&(Rc<Atom>, Rc<Via>)> = old
            .iter()
            .filter(|(a, _)| risk_hits(a).iter().any(|(c, _)| *c == code))
            .collect();
        findings.push(make_finding(
            code,
            format!(
                "{subject} can now {} ({}; via {via_text})",
                whats.join(" and "),
                summarize(&rows, 3)
            ),
            Some(if old_relevant.is_empty() {
                "no such access".to_string()
            } else {
                let list: Vec<(Rc<Atom>, &Via)> = old_relevant
                    .iter()
                    .map(|(a, v)| (a.clone(), &**v))
                    .collect();
                summarize(&list, 4)
            }),
            Some(summarize(&rows, 8)),
            rows.iter().map(|(a, v)| row(subject, a, v)).collect(),
            Some(Measure::Grant { permission }),
        ));
    }
}

fn before_text(old: &[(Rc<Atom>, Rc<Via>)], _code: Option<&str>) -> String {
    if old.is_empty() {
        return "no access".to_string();
    }
    let list: Vec<(Rc<Atom>, &Via)> = old.iter().map(|(a, v)| (a.clone(), &**v)).collect();
    summarize(&list, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atoms(seed: u64, n: usize) -> Vec<Atom> {
        let mut s = seed;
        let mut next = move |k: usize| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % k as u64) as usize
        };
        let scopes = ["*", "a", "b"];
        let verbs = ["*", "get", "create"];
        let groups = ["*", "", "apps"];
        let resources = [
            "*",
            "pods",
            "pods/exec",
            "*/exec",
            "secrets",
            "*/scale",
            "deployments/scale",
        ];
        let names = [None, Some("x"), Some("y")];
        let urls = [None, None, None, Some("*"), Some("/api*"), Some("/api/v1")];
        (0..n)
            .map(|_| {
                let url = urls[next(urls.len())];
                Atom {
                    scope: if url.is_some() {
                        "*".into()
                    } else {
                        scopes[next(3)].into()
                    },
                    verb: verbs[next(3)].into(),
                    group: if url.is_some() {
                        String::new()
                    } else {
                        groups[next(3)].into()
                    },
                    resource: if url.is_some() {
                        String::new()
                    } else {
                        resources[next(7)].into()
                    },
                    name: if url.is_some() {
                        None
                    } else {
                        names[next(3)].map(str::to_string)
                    },
                    url: url.map(str::to_string),
                }
            })
            .collect()
    }

    #[test]
    fn cover_index_agrees_with_pairwise_covers() {
        for seed in 1..40u64 {
            let old = atoms(seed * 7919, 25);
            let probe = atoms(seed * 104_729, 60);
            let index = CoverIndex::new(old.iter());
            for a in &probe {
                let linear = old.iter().any(|b| b.covers(a));
                assert_eq!(index.covers(a, false), linear, "{a:?} against {old:?}");
                let strict = old.iter().any(|b| b != a && b.covers(a));
                assert_eq!(index.covers(a, true), strict, "{a:?} strict");
            }
        }
    }

    #[test]
    fn atom_matching_follows_the_authorizer() {
        let a = |verb: &str, group: &str, res: &str, name: Option<&str>| Atom {
            scope: "ns".into(),
            verb: verb.into(),
            group: group.into(),
            resource: res.into(),
            name: name.map(str::to_string),
            url: None,
        };
        assert!(a("get", "", "*/exec", None).covers(&a("get", "", "pods/exec", None)));
        assert!(!a("get", "", "pods", None).covers(&a("get", "", "pods/exec", None)));
        assert!(!a("get", "", "pods", Some("x")).covers(&a("get", "", "pods", None)));
        assert!(a("*", "*", "*", None).covers(&a(
            "escalate",
            "rbac.authorization.k8s.io",
            "roles",
            Some("r")
        )));
        let url = |u: &str| Atom {
            scope: "*".into(),
            verb: "get".into(),
            group: String::new(),
            resource: String::new(),
            name: None,
            url: Some(u.into()),
        };
        assert!(url("/healthz*").covers(&url("/healthz/ready")));
        assert!(!url("/healthz").covers(&url("/healthz/ready")));
    }
}
