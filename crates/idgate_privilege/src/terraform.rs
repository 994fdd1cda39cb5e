//! Terraform grants: AWS IAM resources and policy documents, managed-policy attachments, GCP IAM
//! members/bindings/policies, Azure role assignments and Kubernetes RBAC resources.
//!
//! Values are resolved only where literal: strings, lists, objects, `jsonencode(...)`, heredocs,
//! `var.x` with a literal default, `local.x` with a literal value and
//! `data.aws_iam_policy_document.x.json`. Other references stay opaque (`${aws_s3_bucket.b.arn}`,
//! a specific but unnamed resource); a role or policy that cannot be resolved is reported in a
//! note, never guessed.

use crate::iam::{self, Unit};
use crate::rbac::{BindingDef, Manifest, RoleDef, RuleDef, Selector, SubjectDef};
use crate::{GrantRow, Note, PrivilegeError, PrivilegeReport, make_finding};
use hcl::{Block, Body, Expression, ObjectKey, TemplateExpr, TraversalOperator};
use idgate_core::Measure;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// AWS-managed policies that are administrative grants.
const ADMIN_MANAGED: &[&str] = &["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/// Whether an ARN names an administrative AWS-managed policy; returns its name.
fn admin_managed(arn: &str) -> Option<&'static str> {
    if !arn.starts_with("arn:aws") || !arn.contains(":iam::aws:policy/") {
        return None;
    }
    let name = arn.rsplit('/').next()?;
    ADMIN_MANAGED.iter().copied().find(|n| *n == name)
}

const GCP_BASIC: &[&str] = &["roles/owner", "roles/editor"];
const GCP_IMPERSONATION: &[&str] = &[
    "roles/iam.serviceAccountUser",
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountKeyAdmin",
    "roles/iam.workloadIdentityUser",
    "roles/iam.securityAdmin",
    "roles/iam.roleAdmin",
    "roles/iam.organizationRoleAdmin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/resourcemanager.folderIamAdmin",
    "roles/resourcemanager.organizationAdmin",
    "roles/cloudbuild.builds.editor",
    "roles/deploymentmanager.editor",
    "roles/dataflow.developer",
];

/// Azure built-in roles: (name, GUID, rule code).
const AZURE_ROLES: &[(&str, &str, &str)] = &[
    ("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "IDG332"),
    (
        "Contributor",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "IDG332",
    ),
    (
        "User Access Administrator",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        "IDG333",
    ),
    (
        "Role Based Access Control Administrator",
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
        "IDG333",
    ),
];

/// Everything one side of a Terraform file grants.
#[derive(Default)]
struct Side {
    units: Vec<Unit>,
    /// (attachment address, subject, policy ARN, line)
    attachments: Vec<(String, String, String, u32)>,
    /// Role grants of GCP and Azure: (kind "gcp"/"azure", member, role, scope, via, line)
    role_grants: Vec<RoleGrant>,
    rbac: Manifest,
    /// (principal, policy unit subject): which policies an IAM role, user or group holds.
    members: Vec<(String, String)>,
}

/// `${aws_iam_role.ci.name}` → `aws_iam_role.ci`; a literal name → `role ci`.
fn principal_key(kind: &str, value: &str) -> String {
    if let Some(inner) = value.strip_prefix("${").and_then(|x| x.strip_suffix('}')) {
        let parts: Vec<&str> = inner.split('.').collect();
        if parts.len() >= 2 && parts[0].starts_with("aws_iam_") {
            return format!("{}.{}", parts[0], parts[1]);
        }
    }
    format!("{} {value}", kind.trim_end_matches('s'))
}

/// `${aws_iam_policy.x.arn}` → the unit subject `aws_iam_policy.x`.
fn policy_unit_of(arn: &str) -> Option<String> {
    let inner = arn.strip_prefix("${")?.strip_suffix('}')?;
    let parts: Vec<&str> = inner.split('.').collect();
    (parts.len() == 3 && parts[0] == "aws_iam_policy")
        .then(|| format!("aws_iam_policy.{}", parts[1]))
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RoleGrant {
    cloud: &'static str,
    member: String,
    role: String,
    scope: String,
    via: String,
    line: u32,
}

struct Ctx<'a> {
    vars: HashMap<String, Expression>,
    locals: HashMap<String, Expression>,
    docs: HashMap<String, &'a Block>,
    gcp_policies: HashMap<String, &'a Block>,
    managed: HashMap<String, &'a Block>,
    notes: Vec<Note>,
    path: String,
    text: &'a str,
    referenced_docs: BTreeSet<String>,
    depth: u32,
    /// `each.key` and `each.value` of the `for_each` instance being read.
    each: Option<(Value, Value)>,
}

/// Whether a value holds an unresolved reference.
fn opaque(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains("${"),
        Value::Array(a) => a.iter().any(opaque),
        Value::Object(m) => m.values().any(opaque),
        _ => false,
    }
}

fn label(b: &Block, i: usize) -> &str {
    b.labels().get(i).map(|l| l.as_str()).unwrap_or("")
}

fn attr<'a>(body: &'a Body, key: &str) -> Option<&'a Expression> {
    body.attributes().find(|a| a.key() == key).map(|a| a.expr())
}

fn block_line(text: &str, kind: &str, ty: &str, name: &str) -> u32 {
    let quoted_ty = format!("\"{ty}\"");
    let quoted_name = format!("\"{name}\"");
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if t.starts_with(kind) && t.contains(&quoted_ty) && t.contains(&quoted_name) {
            return i as u32 + 1;
        }
    }
    0
}

fn traversal_text(expr: &Expression, ops: &[TraversalOperator]) -> String {
    let mut s = match expr {
        Expression::Variable(v) => v.as_str().to_string(),
        _ => "expr".to_string(),
    };
    for op in ops {
        match op {
            TraversalOperator::GetAttr(id) => {
                s.push('.');
                s.push_str(id.as_str());
            }
            TraversalOperator::Index(Expression::Number(n)) => s.push_str(&format!("[{n}]")),
            TraversalOperator::Index(Expression::String(k)) => s.push_str(&format!("[\"{k}\"]")),
            TraversalOperator::LegacyIndex(n) => s.push_str(&format!(".{n}")),
            _ => s.push_str("[*]"),
        }
    }
    s
}

fn template_raw(t: &TemplateExpr) -> String {
    match t {
        TemplateExpr::QuotedString(s) => s.clone(),
        TemplateExpr::Heredoc(h) => h.template.clone(),
    }
}

impl Ctx<'_> {
    /// Replace `${var.x}` / `${local.x}` with literal values; leave other interpolations.
    fn interpolate(&mut self, raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                return out;
            };
            let inner = after[..j].trim();
            let resolved = inner
                .strip_prefix("var.")
                .and_then(|n| self.vars.get(n).cloned())
                .or_else(|| {
                    inner
                        .strip_prefix("local.")
                        .and_then(|n| self.locals.get(n).cloned())
                });
            match resolved.map(|e| self.eval(&e)) {
                Some(Value::String(s)) if !s.contains("${") => out.push_str(&s),
                Some(Value::Number(n)) => out.push_str(&n.to_string()),
                _ => {
                    out.push_str("${");
                    out.push_str(inner);
                    out.push('}');
                }
            }
            rest = &after[j + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Evaluate an expression to JSON where literal; unresolvable parts become opaque
    /// `${...}` strings.
    fn eval(&mut self, e: &Expression) -> Value {
        if self.depth > 32 {
            return Value::String("${(too deep)}".into());
        }
        self.depth += 1;
        let v = self.eval_inner(e);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, e: &Expression) -> Value {
        match e {
            Expression::Null => Value::Null,
            Expression::Bool(b) => Value::Bool(*b),
            Expression::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
            Expression::String(s) => Value::String(self.interpolate(s)),
            Expression::Array(a) => Value::Array(a.iter().map(|x| self.eval(x)).collect()),
            Expression::Object(o) => {
                let mut m = Map::new();
                for (k, v) in o {
                    let key = match k {
                        ObjectKey::Identifier(id) => id.as_str().to_string(),
                        ObjectKey::Expression(x) => match self.eval(x) {
                            Value::String(s) => s,
                            other => other.to_string(),
                        },
                        _ => continue,
                    };
                    let val = self.eval(v);
                    m.insert(key, val);
                }
                Value::Object(m)
            }
            Expression::TemplateExpr(t) => Value::String(self.interpolate(&template_raw(t))),
            Expression::Parenthesis(inner) => self.eval(inner),
            Expression::Traversal(t) => {
                let text = traversal_text(&t.expr, &t.operators);
                let names: Vec<&str> = t
                    .operators
                    .iter()
                    .filter_map(|o| match o {
                        TraversalOperator::GetAttr(id) => Some(id.as_str()),
                        _ => None,
                    })
                    .collect();
                let root = match &t.expr {
                    Expression::Variable(v) => v.as_str(),
                    _ => "",
                };
                match (root, names.as_slice()) {
                    ("var", [n]) => match self.vars.get(*n).cloned() {
                        Some(x) => self.eval(&x),
                        None => Value::String(format!("${{{text}}}")),
                    },
                    ("local", [n]) => match self.locals.get(*n).cloned() {
                        Some(x) => self.eval(&x),
                        None => Value::String(format!("${{{text}}}")),
                    },
                    ("data", ["aws_iam_policy_document", n, "json" | "minified_json"]) => {
                        let n = n.to_string();
                        self.referenced_docs.insert(n.clone());
                        match self.docs.get(&n).copied() {
                            Some(b) => {
                                let doc = self.policy_document(b.body());
                                Value::String(serde_json::to_string(&doc).unwrap_or_default())
                            }
                            None => Value::String(format!("${{{text}}}")),
                        }
                    }
                    ("each", ["key", ..]) | ("each", ["value", ..]) if self.each.is_some() => {
                        let (k, v) = self.each.clone().unwrap_or((Value::Null, Value::Null));
                        let mut cur = if names[0] == "key" { k } else { v };
                        for n in &names[1..] {
                            cur = cur.get(n).cloned().unwrap_or(Value::Null);
                        }
                        match cur {
                            Value::Null => Value::String(format!("${{{text}}}")),
                            other => other,
                        }
                    }
                    ("data", ["aws_iam_policy", n, "arn"]) => {
                        // A data source naming a managed policy: its ARN, when literal.
                        match self.managed.get(*n).copied() {
                            Some(b) => {
                                let arn = self.string(b.body(), "arn");
                                let name = self.string(b.body(), "name");
                                match (arn, name) {
                                    (Some(a), _) if !a.contains("${") => Value::String(a),
                                    (_, Some(nm)) if !nm.contains("${") => {
                                        Value::String(format!("arn:aws:iam::aws:policy/{nm}"))
                                    }
                                    _ => Value::String(format!("${{{text}}}")),
                                }
                            }
                            None => Value::String(format!("${{{text}}}")),
                        }
                    }
                    _ => Value::String(format!("${{{text}}}")),
                }
            }
            Expression::FuncCall(f) => {
                let name = f.name.name.as_str();
                match (name, f.args.as_slice()) {
                    ("jsonencode", [x]) => {
                        let v = self.eval(x);
                        Value::String(serde_json::to_string(&v).unwrap_or_default())
                    }
                    ("tolist" | "toset" | "tostring", [x]) => self.eval(x),
                    ("concat", args) => {
                        let mut out = Vec::new();
                        for a in args {
                            match self.eval(a) {
                                Value::Array(v) => out.extend(v),
                                other => out.push(other),
                            }
                        }
                        Value::Array(out)
                    }
                    _ => {
                        self.notes.push(Note {
                            path: self.path.clone(),
                            line: 0,
                            message: format!(
                                "function {name}(...) is not evaluated; its value is unknown"
                            ),
                        });
                        Value::String(format!("${{{name}(...)}}"))
                    }
                }
            }
            _ => Value::String("${(expression)}".into()),
        }
    }

    fn string(&mut self, body: &Body, key: &str) -> Option<String> {
        let e = attr(body, key)?;
        match self.eval(e) {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn list(&mut self, body: &Body, key: &str) -> Vec<String> {
        let Some(e) = attr(body, key) else {
            return Vec::new();
        };
        match self.eval(e) {
            Value::Array(a) => a
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect(),
            Value::String(s) => vec![s],
            _ => Vec::new(),
        }
    }

    /// Compile an `aws_iam_policy_document` body to policy JSON.
    fn policy_document(&mut self, body: &Body) -> Value {
        let mut statements = Vec::new();
        for s in body.blocks().filter(|b| b.identifier() == "statement") {
            let b = s.body();
            let mut st = Map::new();
            if let Some(sid) = self.string(b, "sid") {
                st.insert("Sid".into(), Value::String(sid));
            }
            let effect = self.string(b, "effect").unwrap_or_else(|| "Allow".into());
            st.insert("Effect".into(), Value::String(effect));
            for (k, j) in [
                ("actions", "Action"),
                ("not_actions", "NotAction"),
                ("resources", "Resource"),
                ("not_resources", "NotResource"),
            ] {
                let l = self.list(b, k);
                if !l.is_empty() {
                    st.insert(
                        j.into(),
                        Value::Array(l.into_iter().map(Value::String).collect()),
                    );
                }
            }
            for (k, j) in [
                ("principals", "Principal"),
                ("not_principals", "NotPrincipal"),
            ] {
                let mut p = Map::new();
                for pb in b.blocks().filter(|x| x.identifier() == k) {
                    let ty = self.string(pb.body(), "type").unwrap_or_default();
                    let ids = self.list(pb.body(), "identifiers");
                    let entry = p.entry(ty).or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(a) = entry {
                        a.extend(ids.into_iter().map(Value::String));
                    }
                }
                if !p.is_empty() {
                    st.insert(j.into(), Value::Object(p));
                }
            }
            let mut cond = Map::new();
            for cb in b.blocks().filter(|x| x.identifier() == "condition") {
                let test = self.string(cb.body(), "test").unwrap_or_default();
                let var = self.string(cb.body(), "variable").unwrap_or_default();
                let vals = self.list(cb.body(), "values");
                let entry = cond
                    .entry(test)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(
                        var,
                        Value::Array(vals.into_iter().map(Value::String).collect()),
                    );
                }
            }
            if !cond.is_empty() {
                st.insert("Condition".into(), Value::Object(cond));
            }
            statements.push(Value::Object(st));
        }
        serde_json::json!({"Version": "2012-10-17", "Statement": statements})
    }

    /// A policy attribute's JSON: an object or a JSON string.
    fn policy_json(&mut self, e: &Expression, what: &str, line: u32) -> Option<Value> {
        match self.eval(e) {
            Value::String(s) => {
                let trimmed = s.trim();
                match serde_json::from_str::<Value>(trimmed) {
                    Ok(v) if v.is_object() => Some(v),
                    _ => {
                        self.notes.push(Note {
                            path: self.path.clone(),
                            line,
                            message: format!(
                                "{what}: policy is not a literal JSON document ({}); not judged",
                                shorten(trimmed)
                            ),
                        });
                        None
                    }
                }
            }
            v @ Value::Object(_) => Some(v),
            _ => None,
        }
    }
}

fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        t.push('…');
    }
    t
}

fn parse(path: &str, text: &str) -> Result<Body, PrivilegeError> {
    hcl::parse(text).map_err(|e| PrivilegeError::Hcl {
        path: path.to_string(),
        message: e
            .to_string()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "|")
            .collect::<Vec<_>>()
            .join(" "),
    })
}

fn rbac_rules(ctx: &mut Ctx<'_>, body: &Body) -> Vec<RuleDef> {
    body.blocks()
        .filter(|b| b.identifier() == "rule")
        .map(|r| {
            let b = r.body();
            RuleDef {
                verbs: ctx.list(b, "verbs"),
                groups: ctx.list(b, "api_groups"),
                resources: ctx.list(b, "resources"),
                names: ctx.list(b, "resource_names"),
                urls: ctx.list(b, "non_resource_urls"),
                path: String::new(),
                line: 0,
            }
        })
        .collect()
}

fn metadata(ctx: &mut Ctx<'_>, body: &Body) -> (String, Option<String>, BTreeMap<String, String>) {
    let Some(m) = body.blocks().find(|b| b.identifier() == "metadata") else {
        return (String::new(), None, BTreeMap::new());
    };
    let name = ctx.string(m.body(), "name").unwrap_or_default();
    let ns = ctx.string(m.body(), "namespace");
    let labels = match attr(m.body(), "labels").map(|e| ctx.eval(e)) {
        Some(Value::Object(o)) => o
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    },
                )
            })
            .collect(),
        _ => BTreeMap::new(),
    };
    (name, ns, labels)
}

fn side(path: &str, text: &str, notes_out: &mut Vec<Note>) -> Result<Side, PrivilegeError> {
    let body = parse(path, text)?;
    let mut ctx = Ctx {
        vars: HashMap::new(),
        locals: HashMap::new(),
        docs: HashMap::new(),
        gcp_policies: HashMap::new(),
        managed: HashMap::new(),
        notes: Vec::new(),
        path: path.to_string(),
        text,
        referenced_docs: BTreeSet::new(),
        depth: 0,
        each: None,
    };
    for b in body.blocks() {
        match b.identifier() {
            "variable" => {
                if let Some(d) = attr(b.body(), "default") {
                    ctx.vars.insert(label(b, 0).to_string(), d.clone());
                }
            }
            "locals" => {
                for a in b.body().attributes() {
                    ctx.locals.insert(a.key().to_string(), a.expr().clone());
                }
            }
            "data" if label(b, 0) == "aws_iam_policy_document" => {
                ctx.docs.insert(label(b, 1).to_string(), b);
            }
            "data" if label(b, 0) == "aws_iam_policy" => {
                ctx.managed.insert(label(b, 1).to_string(), b);
            }
            "data" if label(b, 0) == "google_iam_policy" => {
                ctx.gcp_policies.insert(label(b, 1).to_string(), b);
            }
            _ => {}
        }
    }
    let mut out = Side::default();
    for b in body.blocks().filter(|b| b.identifier() == "resource") {
        let ty = label(b, 0);
        let name = label(b, 1);
        let line = block_line(ctx.text, "resource", ty, name);
        let rb = b.body();
        // `for_each` over a literal list, set or map: one instance per element, with `each.key`
        // and `each.value` bound; otherwise `each.*` stays unknown.
        let instances: Vec<Option<(Value, Value)>> = match attr(rb, "for_each").map(|e| ctx.eval(e))
        {
            None => vec![None],
            Some(Value::Array(items)) if !items.iter().any(opaque) => {
                items.into_iter().map(|v| Some((v.clone(), v))).collect()
            }
            Some(Value::Object(m)) if !m.values().any(opaque) => m
                .into_iter()
                .map(|(k, v)| Some((Value::String(k), v)))
                .collect(),
            Some(_) => {
                ctx.notes.push(Note {
                    path: path.to_string(),
                    line,
                    message: format!(
                        "{ty}.{name}: for_each is not a literal collection; each.key and each.value are unknown"
                    ),
                });
                vec![None]
            }
        };
        for instance in instances {
            let addr = match &instance {
                Some((Value::String(k), _)) => format!("{ty}.{name}[\"{k}\"]"),
                Some((k, _)) => format!("{ty}.{name}[{k}]"),
                None => format!("{ty}.{name}"),
            };
            ctx.each = instance;
            match ty {
                "aws_iam_policy"
                | "aws_iam_role_policy"
                | "aws_iam_user_policy"
                | "aws_iam_group_policy"
                | "aws_s3_bucket_policy"
                | "aws_sqs_queue_policy"
                | "aws_sns_topic_policy"
                | "aws_ecr_repository_policy"
                | "aws_kms_key"
                | "aws_secretsmanager_secret_policy"
                | "aws_ssoadmin_permission_set_inline_policy" => {
                    let key = if ty == "aws_ssoadmin_permission_set_inline_policy" {
                        "inline_policy"
                    } else {
                        "policy"
                    };
                    for k in ["role", "user", "group"] {
                        if ty == format!("aws_iam_{k}_policy")
                            && let Some(v) = ctx.string(rb, k)
                        {
                            out.members.push((principal_key(k, &v), addr.clone()));
                        }
                    }
                    if let Some(e) = attr(rb, key)
                        && let Some(doc) = ctx.policy_json(e, &addr, line)
                    {
                        out.units.push(Unit {
                            subject: addr.clone(),
                            path: path.to_string(),
                            line,
                            doc,
                            text: Some(text.to_string()),
                        });
                    }
                }
                "aws_iam_role" => {
                    if let Some(e) = attr(rb, "assume_role_policy")
                        && let Some(doc) = ctx.policy_json(e, &addr, line)
                    {
                        out.units.push(Unit {
                            subject: format!("{addr} (trust policy)"),
                            path: path.to_string(),
                            line,
                            doc,
                            text: Some(text.to_string()),
                        });
                    }
                    for ib in rb.blocks().filter(|x| x.identifier() == "inline_policy") {
                        let pname = ctx.string(ib.body(), "name").unwrap_or_default();
                        if let Some(e) = attr(ib.body(), "policy")
                            && let Some(doc) = ctx.policy_json(e, &addr, line)
                        {
                            out.members
                                .push((addr.clone(), format!("{addr} inline {pname}")));
                            out.units.push(Unit {
                                subject: format!("{addr} inline {pname}"),
                                path: path.to_string(),
                                line,
                                doc,
                                text: Some(text.to_string()),
                            });
                        }
                    }
                    for arn in ctx.list(rb, "managed_policy_arns") {
                        out.attachments
                            .push((addr.clone(), addr.clone(), arn, line));
                    }
                }
                "aws_iam_role_policy_attachment"
                | "aws_iam_user_policy_attachment"
                | "aws_iam_group_policy_attachment"
                | "aws_iam_policy_attachment" => {
                    let subject = ["role", "user", "group", "roles", "users", "groups"]
                        .iter()
                        .filter_map(|k| attr(rb, k).map(|e| (k, e)))
                        .map(|(k, e)| {
                            let v = ctx.eval(e);
                            format!(
                                "{k} {}",
                                match v {
                                    Value::String(s) => s,
                                    other => other.to_string(),
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let arn = ctx.string(rb, "policy_arn");
                    if let Some(u) = arn.as_deref().and_then(policy_unit_of) {
                        for k in ["role", "user", "group", "roles", "users", "groups"] {
                            for v in ctx.list(rb, k) {
                                out.members.push((principal_key(k, &v), u.clone()));
                            }
                        }
                    }
                    match arn {
                        Some(arn) => out.attachments.push((addr.clone(), subject, arn, line)),
                        None => ctx.notes.push(Note {
                            path: path.to_string(),
                            line,
                            message: format!("{addr}: policy_arn is not literal; not judged"),
                        }),
                    }
                }
                t if t.starts_with("google_")
                    && (t.ends_with("_iam_member")
                        || t.ends_with("_iam_binding")
                        || t.ends_with("_iam_policy")) =>
                {
                    let scope_keys = [
                        "org_id",
                        "folder",
                        "project",
                        "service_account_id",
                        "bucket",
                        "dataset_id",
                        "secret_id",
                        "topic",
                        "subscription",
                        "repository",
                        "instance_name",
                        "crypto_key_id",
                        "key_ring_id",
                    ];
                    let mut scope = t
                        .trim_start_matches("google_")
                        .split("_iam_")
                        .next()
                        .unwrap_or("")
                        .to_string();
                    for k in scope_keys {
                        if let Some(v) = ctx.string(rb, k) {
                            scope = format!("{scope} {k}={v}");
                            break;
                        }
                    }
                    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
                    if t.ends_with("_iam_policy") {
                        let data = attr(rb, "policy_data").and_then(|e| match e {
                            Expression::Traversal(tr) => {
                                let names: Vec<&str> = tr
                                    .operators
                                    .iter()
                                    .filter_map(|o| match o {
                                        TraversalOperator::GetAttr(id) => Some(id.as_str()),
                                        _ => None,
                                    })
                                    .collect();
                                match names.as_slice() {
                                    ["google_iam_policy", n, "policy_data"] => {
                                        ctx.gcp_policies.get(*n).copied()
                                    }
                                    _ => None,
                                }
                            }
                            _ => None,
                        });
                        match data {
                        Some(d) => {
                            for bb in d.body().blocks().filter(|x| x.identifier() == "binding") {
                                let role = ctx.string(bb.body(), "role").unwrap_or_default();
                                let members = ctx.list(bb.body(), "members");
                                pairs.push((role, members));
                            }
                        }
                        None => ctx.notes.push(Note {
                            path: path.to_string(),
                            line,
                            message: format!(
                                "{addr}: policy_data is not a google_iam_policy in this file; not judged"
                            ),
                        }),
                    }
                    } else {
                        let role = ctx.string(rb, "role").unwrap_or_default();
                        let mut members = ctx.list(rb, "members");
                        if let Some(m) = ctx.string(rb, "member") {
                            members.push(m);
                        }
                        pairs.push((role, members));
                    }
                    for (role, members) in pairs {
                        if role.is_empty() || role.contains("${") {
                            ctx.notes.push(Note {
                                path: path.to_string(),
                                line,
                                message: format!(
                                    "{addr}: role is not literal ({}); not judged",
                                    if role.is_empty() {
                                        "missing"
                                    } else {
                                        role.as_str()
                                    }
                                ),
                            });
                            continue;
                        }
                        for m in members {
                            out.role_grants.push(RoleGrant {
                                cloud: "gcp",
                                member: m,
                                role: role.clone(),
                                scope: scope.clone(),
                                via: addr.clone(),
                                line,
                            });
                        }
                    }
                }
                "azurerm_role_assignment" => {
                    let role = ctx
                        .string(rb, "role_definition_name")
                        .or_else(|| ctx.string(rb, "role_definition_id"));
                    let principal = ctx
                        .string(rb, "principal_id")
                        .unwrap_or_else(|| "(unknown principal)".into());
                    let scope = ctx.string(rb, "scope").unwrap_or_default();
                    match role {
                        Some(r) if !r.contains("${") => out.role_grants.push(RoleGrant {
                            cloud: "azure",
                            member: principal,
                            role: r,
                            scope,
                            via: addr.clone(),
                            line,
                        }),
                        other => ctx.notes.push(Note {
                            path: path.to_string(),
                            line,
                            message: format!(
                                "{addr}: role is not literal ({}); not judged",
                                other.unwrap_or_else(|| "missing".into())
                            ),
                        }),
                    }
                }
                "kubernetes_role"
                | "kubernetes_role_v1"
                | "kubernetes_cluster_role"
                | "kubernetes_cluster_role_v1" => {
                    let cluster = ty.starts_with("kubernetes_cluster_role");
                    let (name, ns, labels) = metadata(&mut ctx, rb);
                    let aggregation = rb
                        .blocks()
                        .find(|x| x.identifier() == "aggregation_rule")
                        .map(|ag| {
                            ag.body()
                                .blocks()
                                .filter(|x| x.identifier() == "cluster_role_selectors")
                                .map(|sel| {
                                    let labels = match attr(sel.body(), "match_labels")
                                        .map(|e| ctx.eval(e))
                                    {
                                        Some(Value::Object(o)) => o
                                            .into_iter()
                                            .map(|(k, v)| (k, v.as_str().unwrap_or("").to_string()))
                                            .collect(),
                                        _ => BTreeMap::new(),
                                    };
                                    let exprs = sel
                                        .body()
                                        .blocks()
                                        .filter(|x| x.identifier() == "match_expressions")
                                        .map(|me| {
                                            (
                                                ctx.string(me.body(), "key").unwrap_or_default(),
                                                ctx.string(me.body(), "operator")
                                                    .unwrap_or_default(),
                                                ctx.list(me.body(), "values"),
                                            )
                                        })
                                        .collect();
                                    Selector { labels, exprs }
                                })
                                .collect()
                        });
                    let rules = rbac_rules(&mut ctx, rb);
                    out.rbac.roles.push(RoleDef {
                        cluster,
                        namespace: if cluster {
                            None
                        } else {
                            Some(ns.unwrap_or_else(|| "default".into()))
                        },
                        name,
                        rules,
                        labels,
                        aggregation,
                        path: path.to_string(),
                        line,
                    });
                }
                "kubernetes_role_binding"
                | "kubernetes_role_binding_v1"
                | "kubernetes_cluster_role_binding"
                | "kubernetes_cluster_role_binding_v1" => {
                    let cluster = ty.starts_with("kubernetes_cluster_role_binding");
                    let (name, ns, _) = metadata(&mut ctx, rb);
                    let (role_kind, role_name) = rb
                        .blocks()
                        .find(|x| x.identifier() == "role_ref")
                        .map(|r| {
                            (
                                ctx.string(r.body(), "kind").unwrap_or_default(),
                                ctx.string(r.body(), "name").unwrap_or_default(),
                            )
                        })
                        .unwrap_or_default();
                    let subjects = rb
                        .blocks()
                        .filter(|x| x.identifier() == "subject")
                        .map(|s| SubjectDef {
                            kind: ctx.string(s.body(), "kind").unwrap_or_default(),
                            name: ctx.string(s.body(), "name").unwrap_or_default(),
                            namespace: ctx.string(s.body(), "namespace"),
                        })
                        .collect();
                    out.rbac.bindings.push(BindingDef {
                        cluster,
                        namespace: if cluster {
                            None
                        } else {
                            Some(ns.unwrap_or_else(|| "default".into()))
                        },
                        name,
                        role_cluster: role_kind != "Role",
                        role_name,
                        subjects,
                        path: path.to_string(),
                        line,
                    });
                }
                _ => {}
            }
        }
        ctx.each = None;
    }
    // Policy documents not used by a resource of this file are judged on their own.
    let mut docs: Vec<(String, &Block)> = ctx
        .docs
        .iter()
        .filter(|(n, _)| !ctx.referenced_docs.contains(*n))
        .map(|(n, b)| (n.clone(), *b))
        .collect();
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    for (n, b) in docs {
        let doc = ctx.policy_document(b.body());
        out.units.push(Unit {
            subject: format!("data.aws_iam_policy_document.{n}"),
            path: path.to_string(),
            line: block_line(text, "data", "aws_iam_policy_document", &n),
            doc,
            text: Some(text.to_string()),
        });
    }
    let mut seen = BTreeSet::new();
    for n in ctx.notes {
        if seen.insert(n.message.clone()) {
            notes_out.push(n);
        }
    }
    Ok(out)
}

fn units_by_principal(side: &Side) -> BTreeMap<&str, Vec<&Unit>> {
    let mut out: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for (p, u) in &side.members {
        if let Some(unit) = side.units.iter().find(|x| &x.subject == u) {
            let e = out.entry(p.as_str()).or_default();
            if !e.iter().any(|x| x.subject == unit.subject) {
                e.push(unit);
            }
        }
    }
    out
}

/// Escalation combinations that only the policies of one role, user or group together complete.
fn principal_combos(path: &str, b: &Side, a: &Side, report: &mut PrivilegeReport) {
    let before = units_by_principal(b);
    for (p, units) in units_by_principal(a) {
        if units.len() < 2 {
            continue;
        }
        let now = iam::complete_combos(&units);
        let then = before
            .get(p)
            .map(|u| iam::complete_combos(u))
            .unwrap_or_default();
        let single: BTreeSet<&str> = units
            .iter()
            .flat_map(|u| iam::complete_combos(&[*u]))
            .collect();
        let new: Vec<&str> = now
            .iter()
            .copied()
            .filter(|c| !then.contains(c) && !single.contains(c))
            .collect();
        if new.is_empty() {
            continue;
        }
        let via: Vec<&str> = units.iter().map(|u| u.subject.as_str()).collect();
        let row = GrantRow {
            subject: p.to_string(),
            permission: new.join("; "),
            resource: "*".into(),
            scope: "account".into(),
            via: via.join(" + "),
            qualifier: String::new(),
            path: path.to_string(),
            line: units
                .iter()
                .map(|u| u.line)
                .filter(|l| *l > 0)
                .min()
                .unwrap_or(0),
        };
        report.findings.push(make_finding(
            "IDG323",
            format!(
                "{p} now holds a privilege-escalation combination across its policies ({}): {}",
                via.join(", "),
                new.join("; ")
            ),
            Some(if then.is_empty() {
                "no complete combination".into()
            } else {
                then.iter().copied().collect::<Vec<_>>().join("; ")
            }),
            Some(new.join("; ")),
            vec![row],
            None,
        ));
    }
}

fn azure_role(role: &str) -> Option<(&'static str, &'static str)> {
    let lower = role.to_ascii_lowercase();
    AZURE_ROLES
        .iter()
        .find(|(name, guid, _)| lower == name.to_ascii_lowercase() || lower.ends_with(guid))
        .map(|(name, _, code)| (*name, *code))
}

/// Diff a Terraform file; returns the report and the RBAC objects of both sides for the RBAC
/// engine.
pub(crate) fn diff(
    path: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(PrivilegeReport, Manifest, Manifest), PrivilegeError> {
    let mut report = PrivilegeReport::default();
    let b = match before {
        Some(t) => side(path, t, &mut Vec::new())?,
        None => Side::default(),
    };
    let a = match after {
        Some(t) => side(path, t, &mut report.notes)?,
        None => Side::default(),
    };
    report.merge(iam::diff_units(&b.units, &a.units));
    principal_combos(path, &b, &a, &mut report);
    // Managed-policy attachments.
    let old: BTreeSet<(&str, &str)> = b
        .attachments
        .iter()
        .map(|(addr, _, arn, _)| (addr.as_str(), arn.as_str()))
        .collect();
    let old_subject_arn: BTreeSet<(&str, &str)> = b
        .attachments
        .iter()
        .map(|(_, s, arn, _)| (s.as_str(), arn.as_str()))
        .collect();
    for (addr, subject, arn, line) in &a.attachments {
        if old.contains(&(addr.as_str(), arn.as_str()))
            || old_subject_arn.contains(&(subject.as_str(), arn.as_str()))
        {
            continue;
        }
        let row = GrantRow {
            subject: subject.clone(),
            permission: arn.rsplit('/').next().unwrap_or(arn).to_string(),
            resource: arn.clone(),
            scope: "account".into(),
            via: addr.clone(),
            qualifier: String::new(),
            path: path.to_string(),
            line: *line,
        };
        report.grants_added.push(row.clone());
        if let Some(name) = admin_managed(arn) {
            report.findings.push(make_finding(
                "IDG327",
                format!("{subject} is newly attached the AWS-managed {name} policy ({addr})"),
                Some("not attached".into()),
                Some(arn.clone()),
                vec![row],
                Some(Measure::Role {
                    name: name.to_string(),
                }),
            ));
        }
    }
    // GCP and Azure role grants.
    let old_grants: BTreeSet<(&str, &str, &str)> = b
        .role_grants
        .iter()
        .map(|g| (g.member.as_str(), g.role.as_str(), g.scope.as_str()))
        .collect();
    for g in &a.role_grants {
        if old_grants.contains(&(g.member.as_str(), g.role.as_str(), g.scope.as_str())) {
            continue;
        }
        let row = GrantRow {
            subject: g.member.clone(),
            permission: g.role.clone(),
            resource: String::new(),
            scope: g.scope.clone(),
            via: g.via.clone(),
            qualifier: String::new(),
            path: path.to_string(),
            line: g.line,
        };
        report.grants_added.push(row.clone());
        let before_roles: Vec<&str> = b
            .role_grants
            .iter()
            .filter(|x| x.member == g.member)
            .map(|x| x.role.as_str())
            .collect();
        let before_text = if before_roles.is_empty() {
            "no roles".to_string()
        } else {
            before_roles.join(", ")
        };
        let (code, role_name) = match g.cloud {
            "gcp" if GCP_BASIC.contains(&g.role.as_str()) => ("IDG330", g.role.clone()),
            "gcp" if GCP_IMPERSONATION.contains(&g.role.as_str()) => ("IDG331", g.role.clone()),
            "azure" => match azure_role(&g.role) {
                Some((name, code)) => (code, name.to_string()),
                None => continue,
            },
            _ => continue,
        };
        report.findings.push(make_finding(
            code,
            format!(
                "{} is newly granted {role_name} on {} ({})",
                g.member,
                if g.scope.is_empty() {
                    "(unknown scope)"
                } else {
                    &g.scope
                },
                g.via
            ),
            Some(before_text),
            Some(role_name.clone()),
            vec![row],
            Some(Measure::Role { name: role_name }),
        ));
    }
    for g in &b.role_grants {
        if !a
            .role_grants
            .iter()
            .any(|x| x.member == g.member && x.role == g.role && x.scope == g.scope)
        {
            report.grants_removed.push(GrantRow {
                subject: g.member.clone(),
                permission: g.role.clone(),
                resource: String::new(),
                scope: g.scope.clone(),
                via: g.via.clone(),
                qualifier: String::new(),
                path: path.to_string(),
                line: g.line,
            });
        }
    }
    Ok((report, b.rbac, a.rbac))
}
