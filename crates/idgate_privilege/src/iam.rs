//! AWS IAM policies: statements, effective allowed actions per policy, the diff, escalation
//! combinations and trust policies.

use crate::actions::{AccessLevel, Table, glob, table};
use crate::{GrantRow, PrivilegeError, PrivilegeReport, make_finding};
use idgate_core::Measure;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One policy document with the identity it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// The policy or its holder (`aws_iam_role_policy.ci`, a file path).
    pub(crate) subject: String,
    pub(crate) path: String,
    pub(crate) line: u32,
    pub(crate) doc: Value,
    /// Where to search for statement lines (the new file's text).
    pub(crate) text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Stmt {
    allow: bool,
    actions: Vec<String>,
    not_action: bool,
    resources: Vec<String>,
    not_resource: bool,
    condition: String,
    principals: Vec<String>,
    any_principal: bool,
    label: String,
    line: u32,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn get<'a>(obj: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn find_line(text: Option<&str>, needles: &[&str], fallback: u32) -> u32 {
    let Some(text) = text else { return fallback };
    for n in needles {
        if n.is_empty() {
            continue;
        }
        if let Some(i) = text.find(n) {
            return crate::line_of(text, i);
        }
    }
    fallback
}

fn statements(unit: &Unit) -> Vec<Stmt> {
    let doc = match unit.doc.get("PolicyDocument") {
        Some(d) => d,
        None => &unit.doc,
    };
    let list = match doc.as_object().and_then(|o| get(o, "Statement")) {
        Some(Value::Array(a)) => a.clone(),
        Some(v @ Value::Object(_)) => vec![v.clone()],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let Some(o) = s.as_object() else { continue };
        let allow = get(o, "Effect")
            .and_then(Value::as_str)
            .is_none_or(|e| !e.eq_ignore_ascii_case("deny"));
        let (actions, not_action) = match get(o, "NotAction") {
            Some(v) => (strings(Some(v)), true),
            None => (strings(get(o, "Action")), false),
        };
        let (resources, not_resource) = match get(o, "NotResource") {
            Some(v) => (strings(Some(v)), true),
            None => {
                let r = strings(get(o, "Resource"));
                // A resource policy statement may omit Resource (the resource itself).
                (if r.is_empty() { vec!["*".into()] } else { r }, false)
            }
        };
        let condition = match get(o, "Condition") {
            Some(Value::Object(c)) if !c.is_empty() => canonical(&Value::Object(c.clone())),
            _ => String::new(),
        };
        let mut principals = Vec::new();
        let mut any_principal = false;
        match get(o, "Principal") {
            Some(Value::String(s)) if s == "*" => any_principal = true,
            Some(Value::Object(p)) => {
                for (kind, v) in p {
                    for id in strings(Some(v)) {
                        if id == "*" && kind.eq_ignore_ascii_case("AWS") {
                            any_principal = true;
                        }
                        principals.push(format!("{kind}:{id}"));
                    }
                }
            }
            _ => {}
        }
        let sid = get(o, "Sid").and_then(Value::as_str).unwrap_or("");
        let label = if sid.is_empty() {
            format!("statement {}", i + 1)
        } else {
            format!("statement {sid}")
        };
        let first_action = actions.first().map(String::as_str).unwrap_or("");
        let line = find_line(
            unit.text.as_deref(),
            &[
                &format!("\"{sid}\""),
                &format!("\"{first_action}\""),
                first_action,
            ],
            unit.line,
        );
        out.push(Stmt {
            allow,
            actions,
            not_action,
            resources,
            not_resource,
            condition,
            principals,
            any_principal,
            label,
            line,
        });
    }
    out
}

/// Canonical JSON text (sorted keys, since serde_json's map is ordered) for comparing conditions.
fn canonical(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Grant {
    resource: String,
    not_resource: bool,
    condition: String,
    source: String,
    via: String,
    line: u32,
}

impl Grant {
    fn covers(&self, g: &Grant) -> bool {
        let cond_ok = self.condition.is_empty() || self.condition == g.condition;
        if !cond_ok {
            return false;
        }
        if !self.not_resource && self.resource == "*" {
            return true;
        }
        if self.not_resource || g.not_resource {
            return self.not_resource == g.not_resource && self.resource == g.resource;
        }
        if self.resource == g.resource {
            return true;
        }
        if !self.resource.contains(['*', '?']) {
            return self.resource.eq_ignore_ascii_case(&g.resource);
        }
        glob(
            &self.resource.to_ascii_lowercase(),
            &g.resource.to_ascii_lowercase(),
        )
    }

    fn unconstrained(&self) -> bool {
        if self.not_resource || self.resource == "*" {
            return true;
        }
        let tail = self.resource.rsplit(':').next().unwrap_or("");
        tail == "*" || tail.strip_suffix("/*").is_some_and(|t| !t.contains('/'))
    }

    fn resource_text(&self) -> String {
        if self.not_resource {
            format!("NOT {}", self.resource)
        } else {
            self.resource.clone()
        }
    }
}

/// Effective allowed access of one policy: action index → grants; unknown action patterns kept
/// literally; `all` for `*` (every action) without materialising it.
#[derive(Debug, Default)]
struct Effective {
    /// Grants of expanded actions; `pairs` maps action index to grant index, sorted.
    pool: Vec<Grant>,
    pairs: Vec<(u32, u32)>,
    all: Vec<Grant>,
    unknown: BTreeMap<String, Vec<Grant>>,
    not_allows: Vec<(String, u32)>,
    /// Conditional or resource-scoped denies, kept as qualifiers.
    deny_notes: Vec<String>,
}

impl Effective {
    fn grants(&self, i: usize) -> impl Iterator<Item = &Grant> {
        self.all.iter().chain(self.action_grants(i))
    }

    fn action_grants(&self, i: usize) -> impl Iterator<Item = &Grant> {
        let i = i as u32;
        let start = self.pairs.partition_point(|p| p.0 < i);
        let end = self.pairs.partition_point(|p| p.0 <= i);
        self.pairs[start..end]
            .iter()
            .map(|&(_, g)| &self.pool[g as usize])
    }

    fn distinct_actions(&self) -> usize {
        let mut n = 0;
        let mut last = None;
        for p in &self.pairs {
            if last != Some(p.0) {
                n += 1;
                last = Some(p.0);
            }
        }
        n
    }

    fn allowed_unconstrained(&self, i: usize) -> bool {
        self.grants(i).any(Grant::unconstrained)
    }
}

fn effective(stmts: &[Stmt]) -> Effective {
    let t = table();
    let mut e = Effective::default();
    // Unconditional denies on every resource remove actions outright.
    let mut denied: BTreeSet<usize> = BTreeSet::new();
    let mut deny_all = false;
    for s in stmts.iter().filter(|s| !s.allow && s.principals.is_empty()) {
        let whole =
            !s.not_resource && s.resources.iter().any(|r| r == "*") && s.condition.is_empty();
        let idx = expand_spec(t, &s.actions, s.not_action);
        if whole {
            if idx.len() == t.len() {
                deny_all = true;
            }
            denied.extend(idx);
        } else {
            e.deny_notes.push(format!(
                "{} denies {} on {}{}",
                s.label,
                s.actions.join(", "),
                s.resources.join(", "),
                if s.condition.is_empty() {
                    ""
                } else {
                    " (conditional)"
                }
            ));
        }
    }
    if deny_all {
        return e;
    }
    for s in stmts
        .iter()
        .filter(|s| s.allow && s.principals.is_empty() && !s.any_principal)
    {
        if s.not_action || s.not_resource {
            e.not_allows.push((s.label.clone(), s.line));
        }
        for r in &s.resources {
            if s.not_action {
                let g = Grant {
                    resource: if s.not_resource {
                        s.resources.join(",")
                    } else {
                        r.clone()
                    },
                    not_resource: s.not_resource,
                    condition: s.condition.clone(),
                    source: format!("NotAction {}", s.actions.join(",")),
                    via: s.label.clone(),
                    line: s.line,
                };
                let gi = e.pool.len() as u32;
                e.pool.push(g);
                for i in expand_spec(t, &s.actions, true) {
                    if !denied.contains(&i) {
                        e.pairs.push((i as u32, gi));
                    }
                }
                continue;
            }
            for a in &s.actions {
                let g = Grant {
                    resource: if s.not_resource {
                        s.resources.join(",")
                    } else {
                        r.clone()
                    },
                    not_resource: s.not_resource,
                    condition: s.condition.clone(),
                    source: a.clone(),
                    via: s.label.clone(),
                    line: s.line,
                };
                let trimmed = a.trim();
                if (trimmed == "*" || trimmed == "*:*") && denied.is_empty() {
                    e.all.push(g);
                    continue;
                }
                let idx = t.expand(trimmed);
                if idx.is_empty() {
                    e.unknown
                        .entry(trimmed.to_ascii_lowercase())
                        .or_default()
                        .push(g);
                    continue;
                }
                let gi = e.pool.len() as u32;
                e.pool.push(g);
                for i in idx {
                    if !denied.contains(&i) {
                        e.pairs.push((i as u32, gi));
                    }
                }
            }
            if s.not_resource {
                break;
            }
        }
    }
    e.pairs.sort_unstable();
    e.pairs.dedup();
    e
}

fn expand_spec(t: &Table, patterns: &[String], not: bool) -> Vec<usize> {
    let mut set: BTreeSet<usize> = BTreeSet::new();
    for p in patterns {
        set.extend(t.expand(p));
    }
    if not {
        (0..t.len()).filter(|i| !set.contains(i)).collect()
    } else {
        set.into_iter().collect()
    }
}

/// Escalation methods: all actions must be allowed on an unconstrained resource.
const COMBOS: &[(&str, &[&str])] = &[
    ("CreatePolicyVersion", &["iam:CreatePolicyVersion"]),
    ("SetDefaultPolicyVersion", &["iam:SetDefaultPolicyVersion"]),
    ("CreateAccessKey", &["iam:CreateAccessKey"]),
    ("CreateLoginProfile", &["iam:CreateLoginProfile"]),
    ("UpdateLoginProfile", &["iam:UpdateLoginProfile"]),
    ("AttachUserPolicy", &["iam:AttachUserPolicy"]),
    ("AttachGroupPolicy", &["iam:AttachGroupPolicy"]),
    ("AttachRolePolicy", &["iam:AttachRolePolicy"]),
    ("PutUserPolicy", &["iam:PutUserPolicy"]),
    ("PutGroupPolicy", &["iam:PutGroupPolicy"]),
    ("PutRolePolicy", &["iam:PutRolePolicy"]),
    ("AddUserToGroup", &["iam:AddUserToGroup"]),
    ("UpdateAssumeRolePolicy", &["iam:UpdateAssumeRolePolicy"]),
    (
        "PassRole to a new EC2 instance",
        &["iam:PassRole", "ec2:RunInstances"],
    ),
    (
        "PassRole to a new Lambda function and invoke it",
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction",
        ],
    ),
    (
        "PassRole to a new Lambda function triggered by an event source",
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:CreateEventSourceMapping",
        ],
    ),
    (
        "Update an existing Lambda function's code",
        &["lambda:UpdateFunctionCode"],
    ),
    (
        "PassRole to a new Glue development endpoint",
        &["iam:PassRole", "glue:CreateDevEndpoint"],
    ),
    (
        "Update a Glue development endpoint",
        &["glue:UpdateDevEndpoint"],
    ),
    (
        "PassRole to a new Glue job",
        &["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
    ),
    (
        "PassRole to a new CloudFormation stack",
        &["iam:PassRole", "cloudformation:CreateStack"],
    ),
    (
        "PassRole to a new Data Pipeline",
        &[
            "iam:PassRole",
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
        ],
    ),
    (
        "PassRole to a new SageMaker notebook",
        &[
            "iam:PassRole",
            "sagemaker:CreateNotebookInstance",
            "sagemaker:CreatePresignedNotebookInstanceUrl",
        ],
    ),
    (
        "PassRole to a new ECS task",
        &["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
    ),
    (
        "PassRole to a new CodeBuild project",
        &[
            "iam:PassRole",
            "codebuild:CreateProject",
            "codebuild:StartBuild",
        ],
    ),
];

struct UnitDiff<'a> {
    subject: &'a str,
    path: &'a str,
}

impl UnitDiff<'_> {
    fn row(&self, permission: String, g: &Grant, level: &str) -> GrantRow {
        let mut q = Vec::new();
        if !level.is_empty() {
            q.push(level.to_string());
        }
        if !g.condition.is_empty() {
            q.push(format!("Condition {}", g.condition));
        }
        GrantRow {
            subject: self.subject.to_string(),
            permission,
            resource: g.resource_text(),
            scope: "account".to_string(),
            via: g.via.clone(),
            qualifier: q.join("; "),
            path: self.path.to_string(),
            line: g.line,
        }
    }
}

/// The account an `AWS:` principal names (12 digits, or an ARN in that account). Federated and
/// service principals name no account to trust (an OIDC provider's ARN is in the own account).
fn account_of(principal: &str) -> Option<String> {
    let id = principal.strip_prefix("AWS:")?;
    if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
        return Some(id.to_string());
    }
    // arn:aws:iam::123456789012:root / role/x
    let parts: Vec<&str> = id.split(':').collect();
    if parts.len() >= 5 && parts[0] == "arn" {
        let acct = parts[4];
        if acct.len() == 12 && acct.bytes().all(|b| b.is_ascii_digit()) {
            return Some(acct.to_string());
        }
    }
    None
}

/// Diff the policies of matching units (by subject).
pub(crate) fn diff_units(before: &[Unit], after: &[Unit]) -> PrivilegeReport {
    let mut report = PrivilegeReport::default();
    let mut old_by: HashMap<&str, Vec<Stmt>> = HashMap::new();
    for u in before {
        old_by
            .entry(u.subject.as_str())
            .or_default()
            .extend(statements(u));
    }
    let mut new_by: BTreeMap<&str, (Vec<Stmt>, &Unit)> = BTreeMap::new();
    for u in after {
        let e = new_by.entry(u.subject.as_str()).or_insert((Vec::new(), u));
        e.0.extend(statements(u));
    }
    let empty = Vec::new();
    for (subject, (stmts, unit)) in &new_by {
        let old = old_by.get(subject).unwrap_or(&empty);
        diff_one(subject, &unit.path, old, stmts, &mut report);
    }
    for (subject, old) in &old_by {
        if !new_by.contains_key(subject) {
            let e = effective(old);
            let d = UnitDiff {
                subject,
                path: before.first().map(|u| u.path.as_str()).unwrap_or(""),
            };
            for g in &e.all {
                report.grants_removed.push(d.row("*".into(), g, ""));
            }
        }
    }
    report
}

/// Names of the escalation combinations complete in the union of these policies.
pub(crate) fn complete_combos(units: &[&Unit]) -> BTreeSet<&'static str> {
    let stmts: Vec<Stmt> = units.iter().flat_map(|u| statements(u)).collect();
    let e = effective(&stmts);
    let t = table();
    COMBOS
        .iter()
        .filter(|(_, acts)| {
            let idx: Vec<usize> = acts.iter().filter_map(|a| t.index(a)).collect();
            idx.len() == acts.len() && idx.iter().all(|&i| e.allowed_unconstrained(i))
        })
        .map(|(n, _)| *n)
        .collect()
}

fn diff_one(subject: &str, path: &str, old: &[Stmt], new: &[Stmt], report: &mut PrivilegeReport) {
    let t = table();
    let eb = effective(old);
    let ea = effective(new);
    let d = UnitDiff { subject, path };
    // New grants per action.
    let mut new_actions: BTreeMap<usize, Vec<&Grant>> = BTreeMap::new();
    let mut all_new: Vec<&Grant> = Vec::new();
    for g in &ea.all {
        let covered = eb.all.iter().any(|b| b.covers(g));
        if !covered {
            all_new.push(g);
        }
    }
    for &(i, gi) in &ea.pairs {
        let (i, g) = (i as usize, &ea.pool[gi as usize]);
        if !eb.grants(i).any(|b| b.covers(g)) {
            new_actions.entry(i).or_default().push(g);
        }
    }
    // When `*` is newly allowed, the individual actions it covers are new too (unless covered).
    let mut unknown_new: Vec<(&String, &Grant)> = Vec::new();
    for (p, grants) in &ea.unknown {
        for g in grants {
            let old = eb.unknown.get(p).into_iter().flatten().chain(eb.all.iter());
            if !old.clone().any(|b| b.covers(g)) {
                unknown_new.push((p, g));
            }
        }
    }
    // Rows: group expanded actions by (source pattern, grant) when the whole pattern is new.
    let mut by_source: BTreeMap<(String, &Grant), Vec<usize>> = BTreeMap::new();
    for (&i, gs) in &new_actions {
        for g in gs {
            by_source.entry((g.source.clone(), *g)).or_default().push(i);
        }
    }
    for g in &all_new {
        report
            .grants_added
            .push(d.row("*".into(), g, "every action"));
    }
    for ((source, g), idx) in &by_source {
        let whole = if source.starts_with("NotAction") {
            true
        } else {
            t.expand(source).len() == idx.len()
        };
        let wild = source.contains(['*', '?']) || source.starts_with("NotAction");
        if wild && (whole || idx.len() > 5) {
            let what = if whole { "actions" } else { "new actions" };
            report
                .grants_added
                .push(d.row(format!("{source} ({} {what})", idx.len()), g, ""));
        } else {
            for &i in idx {
                let a = &t.actions[i];
                report
                    .grants_added
                    .push(d.row(a.name.clone(), g, a.level.as_str()));
            }
        }
    }
    for (p, g) in &unknown_new {
        report
            .grants_added
            .push(d.row(p.to_string(), g, "action not in the bundled table"));
    }

    // IDG320: every action on every resource.
    let full: Vec<&&Grant> = all_new
        .iter()
        .filter(|g| !g.not_resource && g.resource == "*")
        .collect();
    if let Some(g) = full.first() {
        report.findings.push(make_finding(
            "IDG320",
            format!(
                "{subject} now allows every action on every resource ({})",
                g.via
            ),
            Some(summary_before(&eb)),
            Some(format!("Allow * on *{}", cond_text(g))),
            vec![d.row("*".into(), g, "every action")],
            Some(Measure::Grant {
                permission: "*:*".into(),
            }),
        ));
        return;
    }
    // IDG324: Allow with NotAction / NotResource, newly.
    let old_not: BTreeSet<&str> = eb.not_allows.iter().map(|(l, _)| l.as_str()).collect();
    let new_not_rows: Vec<GrantRow> = by_source
        .iter()
        .filter(|((s, g), _)| s.starts_with("NotAction") || g.not_resource)
        .map(|((s, g), idx)| d.row(format!("{s} ({} actions)", idx.len()), g, ""))
        .collect();
    if !new_not_rows.is_empty() {
        let mut labels: Vec<&str> = ea
            .not_allows
            .iter()
            .map(|(l, _)| l.as_str())
            .filter(|l| !old_not.contains(l))
            .collect();
        if labels.is_empty() {
            labels = ea.not_allows.iter().map(|(l, _)| l.as_str()).collect();
        }
        report.findings.push(make_finding(
            "IDG324",
            format!(
                "{subject} now allows with NotAction/NotResource ({}): everything except a list",
                labels.join(", ")
            ),
            Some(summary_before(&eb)),
            Some(new_not_rows[0].permission.clone()),
            new_not_rows,
            Some(Measure::Grant {
                permission: "NotAction".into(),
            }),
        ));
    }
    // IDG321: whole-service wildcards on *.
    let svc_rows: Vec<GrantRow> = by_source
        .iter()
        .filter(|((s, g), idx)| {
            Table::is_service_wildcard(s) && !g.not_resource && g.resource == "*" && !idx.is_empty()
        })
        .map(|((s, g), idx)| d.row(format!("{s} ({} new actions)", idx.len()), g, ""))
        .collect();
    if !svc_rows.is_empty() {
        let names: Vec<String> = svc_rows
            .iter()
            .map(|r| r.permission.split(' ').next().unwrap_or("").to_string())
            .collect();
        report.findings.push(make_finding(
            "IDG321",
            format!(
                "{subject} now allows whole services on every resource: {}",
                names.join(", ")
            ),
            Some(summary_before(&eb)),
            Some(names.join(", ")),
            svc_rows,
            Some(Measure::Grant {
                permission: names[0].clone(),
            }),
        ));
    }
    // IDG323: escalation combinations newly complete.
    let mut combo_rows = Vec::new();
    let mut combo_names = Vec::new();
    let mut combo_actions: BTreeSet<usize> = BTreeSet::new();
    for (name, acts) in COMBOS {
        let idx: Vec<usize> = acts.iter().filter_map(|a| t.index(a)).collect();
        if idx.len() != acts.len() {
            continue;
        }
        let now = idx.iter().all(|&i| ea.allowed_unconstrained(i));
        let then = idx.iter().all(|&i| eb.allowed_unconstrained(i));
        if now && !then {
            combo_names.push(*name);
            for &i in &idx {
                combo_actions.insert(i);
                if let Some(g) = ea.grants(i).find(|g| g.unconstrained()) {
                    let r = d.row(t.actions[i].name.clone(), g, t.actions[i].level.as_str());
                    if !combo_rows.contains(&r) {
                        combo_rows.push(r);
                    }
                }
            }
        }
    }
    if !combo_names.is_empty() {
        report.findings.push(make_finding(
            "IDG323",
            format!(
                "{subject} now allows privilege escalation: {}",
                combo_names.join("; ")
            ),
            Some(summary_before(&eb)),
            Some(
                combo_rows
                    .iter()
                    .map(|r| r.permission.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            combo_rows,
            Some(Measure::Grant {
                permission: t.actions[*combo_actions.iter().next().unwrap_or(&0)]
                    .name
                    .clone(),
            }),
        ));
    }
    // IDG322: permissions management on *.
    let mut pm_rows = Vec::new();
    for (&i, gs) in &new_actions {
        let a = &t.actions[i];
        if a.level != AccessLevel::PermissionsManagement || combo_actions.contains(&i) {
            continue;
        }
        if let Some(g) = gs.iter().find(|g| g.not_resource || g.resource == "*") {
            pm_rows.push(d.row(a.name.clone(), g, a.level.as_str()));
        }
    }
    if !pm_rows.is_empty() {
        let first = pm_rows[0].permission.clone();
        let n = pm_rows.len();
        report.findings.push(make_finding(
            "IDG322",
            format!(
                "{subject} now allows {n} permissions-management action{} on every resource ({first}{})",
                if n == 1 { "" } else { "s" },
                if n > 1 { ", ..." } else { "" }
            ),
            Some(summary_before(&eb)),
            Some(format!("{n} permissions-management actions on *")),
            pm_rows,
            Some(Measure::Grant { permission: first }),
        ));
    }
    trust_diff(subject, path, old, new, report);
    for note in &ea.deny_notes {
        report.notes.push(crate::Note {
            path: path.to_string(),
            line: 0,
            message: format!("{subject}: {note}; not subtracted (resource- or condition-scoped)"),
        });
    }
}

fn cond_text(g: &Grant) -> String {
    if g.condition.is_empty() {
        String::new()
    } else {
        format!(" when {}", g.condition)
    }
}

fn summary_before(e: &Effective) -> String {
    if !e.all.is_empty() {
        return "Allow * already".to_string();
    }
    let n = e.distinct_actions() + e.unknown.len();
    if n == 0 {
        "no allowed actions".to_string()
    } else {
        let mut sources: BTreeSet<&str> = BTreeSet::new();
        for g in &e.pool {
            sources.insert(&g.source);
        }
        let list: Vec<&str> = sources.into_iter().take(6).collect();
        format!("{n} allowed actions ({})", list.join(", "))
    }
}

fn trust_diff(subject: &str, path: &str, old: &[Stmt], new: &[Stmt], report: &mut PrivilegeReport) {
    let old_any = old
        .iter()
        .any(|s| s.allow && s.any_principal && s.condition.is_empty());
    let old_principals: BTreeSet<&str> = old
        .iter()
        .filter(|s| s.allow)
        .flat_map(|s| s.principals.iter().map(String::as_str))
        .collect();
    let old_accounts: BTreeSet<String> = old_principals
        .iter()
        .filter_map(|p| account_of(p))
        .collect();
    let mut new_accounts: BTreeMap<String, (String, u32, String)> = BTreeMap::new();
    for s in new.iter().filter(|s| s.allow) {
        let action = s.actions.join(", ");
        if s.any_principal && !old_any && !identity_guarded(&s.condition) {
            let covered_by_cond_before = old
                .iter()
                .any(|o| o.allow && o.any_principal && o.condition == s.condition);
            if !covered_by_cond_before {
                let row = GrantRow {
                    subject: "*".into(),
                    permission: action.clone(),
                    resource: subject.to_string(),
                    scope: "any AWS account".into(),
                    via: s.label.clone(),
                    qualifier: if s.condition.is_empty() {
                        String::new()
                    } else {
                        format!("Condition {}", s.condition)
                    },
                    path: path.to_string(),
                    line: s.line,
                };
                report.grants_added.push(row.clone());
                report.findings.push(make_finding(
                    "IDG325",
                    format!(
                        "{subject} now allows any principal to {action}{}",
                        if s.condition.is_empty() {
                            " with no condition"
                        } else {
                            " (guarded only by a condition)"
                        }
                    ),
                    Some(if old_principals.is_empty() {
                        "no principals".into()
                    } else {
                        old_principals
                            .iter()
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                    Some(format!("Principal * ({})", s.label)),
                    vec![row],
                    Some(Measure::Grant {
                        permission: format!("{action} by *"),
                    }),
                ));
            }
        }
        // GitHub's OIDC provider without a `sub` condition: any repository on GitHub can
        // exchange its workflow token for this role.
        let github_oidc = |st: &Stmt| {
            st.principals.iter().any(|p| {
                p.starts_with("Federated:") && p.contains("token.actions.githubusercontent.com")
            }) && !st
                .condition
                .contains("token.actions.githubusercontent.com:sub")
        };
        if github_oidc(s) && !old.iter().any(|o| o.allow && github_oidc(o)) {
            let row = GrantRow {
                subject: "any GitHub Actions workflow".into(),
                permission: action.clone(),
                resource: subject.to_string(),
                scope: "token.actions.githubusercontent.com".into(),
                via: s.label.clone(),
                qualifier: if s.condition.is_empty() {
                    String::new()
                } else {
                    format!("Condition {}", s.condition)
                },
                path: path.to_string(),
                line: s.line,
            };
            report.grants_added.push(row.clone());
            report.findings.push(make_finding(
                "IDG325",
                format!(
                    "{subject} trusts GitHub's OIDC provider without a `sub` condition: any repository's workflow can {action}"
                ),
                Some("no unrestricted GitHub OIDC trust".into()),
                Some(format!("Federated token.actions.githubusercontent.com ({})", s.label)),
                vec![row],
                Some(Measure::Grant {
                    permission: format!("{action} by any GitHub workflow"),
                }),
            ));
        }
        for p in &s.principals {
            if !old_principals.contains(p.as_str()) {
                report.grants_added.push(GrantRow {
                    subject: p.clone(),
                    permission: action.clone(),
                    resource: subject.to_string(),
                    scope: "trust".into(),
                    via: s.label.clone(),
                    qualifier: String::new(),
                    path: path.to_string(),
                    line: s.line,
                });
            }
            if let Some(acct) = account_of(p)
                && !old_accounts.contains(&acct)
            {
                new_accounts
                    .entry(acct)
                    .or_insert((p.clone(), s.line, s.label.clone()));
            }
        }
    }
    for (acct, (p, line, label)) in new_accounts {
        let row = GrantRow {
            subject: p.clone(),
            permission: "sts:AssumeRole".into(),
            resource: subject.to_string(),
            scope: format!("account {acct}"),
            via: label,
            qualifier: String::new(),
            path: path.to_string(),
            line,
        };
        report.findings.push(make_finding(
            "IDG326",
            format!("{subject} now trusts AWS account {acct} ({p}), which it did not trust before"),
            Some(if old_accounts.is_empty() {
                "no account principals".into()
            } else {
                old_accounts.iter().cloned().collect::<Vec<_>>().join(", ")
            }),
            Some(p),
            vec![row],
            Some(Measure::Grant {
                permission: format!("sts:AssumeRole by {acct}"),
            }),
        ));
    }
}

/// Objects holding a `Statement` (a policy document), with their JSON pointer; not below one.
fn collect_policies<'v>(
    v: &'v Value,
    pointer: String,
    depth: u32,
    out: &mut Vec<(String, &'v Value)>,
) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => {
            if get(o, "Statement").is_some_and(|s| s.is_array() || s.is_object()) {
                out.push((pointer, v));
                return;
            }
            for (k, x) in o {
                collect_policies(x, format!("{pointer}/{k}"), depth + 1, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_policies(x, format!("{pointer}/{i}"), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Condition keys that tie an any-principal statement to the caller's own organisation, account,
/// network or source resource: with one of them the statement is not open to everyone.
const IDENTITY_CONDITIONS: &[&str] = &[
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:calledvia",
];

fn identity_guarded(condition: &str) -> bool {
    let lower = condition.to_ascii_lowercase();
    IDENTITY_CONDITIONS
        .iter()
        .any(|k| lower.contains(&format!("\"{k}\"")))
}

/// Diff an IAM policy JSON file.
pub(crate) fn diff_json(
    path: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<PrivilegeReport, PrivilegeError> {
    let parse = |text: &str| -> Result<Value, PrivilegeError> {
        serde_json::from_str(text).map_err(|e| PrivilegeError::Json {
            path: path.to_string(),
            line: e.line() as u32,
            message: e.to_string(),
        })
    };
    // Every object with a `Statement` is a policy: the whole file, or policies nested in a
    // CloudFormation template, a CLI dump or a list.
    let units = |text: &str| -> Result<Vec<Unit>, PrivilegeError> {
        let doc = parse(text)?;
        let mut found = Vec::new();
        collect_policies(&doc, String::new(), 0, &mut found);
        Ok(found
            .into_iter()
            .map(|(pointer, d)| Unit {
                subject: if pointer.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}#{pointer}")
                },
                path: path.to_string(),
                line: 1,
                doc: d.clone(),
                text: Some(text.to_string()),
            })
            .collect())
    };
    let b: Vec<Unit> = before.map(units).transpose()?.unwrap_or_default();
    let a: Vec<Unit> = after.map(units).transpose()?.unwrap_or_default();
    Ok(diff_units(&b, &a))
}
