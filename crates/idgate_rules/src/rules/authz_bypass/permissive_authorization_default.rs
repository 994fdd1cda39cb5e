//! IDG141 permissive-authorization-default

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::catalogue::authorization::{
    ABILITY_BUILDERS, AbilityBuilder, GATE_HOOKS, POLICY_CLASS_SUFFIX, POLICY_WRITE_ACTIONS,
};
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::generic::{
    call_shape, contains, enclosing_function, enclosing_named_function, string_literal,
};
use crate::syntax::value::{body_always_returns, lambda_always_returns, statements};
use crate::syntax::words;

declare_rule! {
    /// ## What it does
    /// Flags an authorization decision whose fallback says yes, so that every caller the policy
    /// did not think of is allowed:
    ///
    /// - the `default:` branch of a `switch` (`_ =>` of a `match`, `case _:`) in a permission
    ///   function (`Allowed`, `canAccess`, `is_permitted`) that returns `true`, while the other
    ///   branches decide;
    /// - a Pundit or Laravel policy class (`ApplicationPolicy`, `PostPolicy`) whose `destroy?`,
    ///   `update?`, `delete` or `forceDelete` answers `true` for everyone;
    /// - a Laravel `Gate::before` callback that returns `true` unconditionally (every ability, for
    ///   every user);
    /// - a CASL or CanCanCan `can('manage', 'all')` in the `else` branch (or `default:`) of a
    ///   role check: users with no known role get every permission.
    ///
    /// A `default:` that returns `false`, a `Gate::before` that answers only for super-admins,
    /// `index?`/`show?` that return `true`, and `manage all` granted in the branch of an admin
    /// check raise nothing.
    ///
    /// ## Why is this bad?
    /// Authorization must fail closed: a role, action or record the policy does not list must be
    /// refused. A permissive default turns every new role, every typo in a role name and every
    /// missing claim into full access (CWE-862, CWE-863), and a base policy's `true` is inherited
    /// by every policy that does not override it (CWE-285).
    ///
    /// ## Example
    /// ```go
    /// func Allowed(role, action string) bool {
    ///     switch role {
    ///     case "viewer":
    ///         return action == "read"
    ///     default:
    ///         return true
    ///     }
    /// }
    /// ```
    ///
    /// Use instead: return `false` (deny) in the fallback, and list every role that may act.
    ///
    /// ## References
    /// - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    /// - [CWE-863: Incorrect Authorization](https://cwe.mitre.org/data/definitions/863.html)
    /// - [CWE-285: Improper Authorization](https://cwe.mitre.org/data/definitions/285.html)
    /// - [CWE-636: Not Failing Securely ('Failing Open')](https://cwe.mitre.org/data/definitions/636.html)
    /// - [OWASP API Security Top 10: API5 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/)
    pub(crate) static RULE = {
        code: "IDG141",
        name: "permissive-authorization-default",
        category: AuthzBypass,
        cwe: [862, 863, 285, 636],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["allow", "permi", "authoriz", "access", "policy", "gate", "can", "ability", "role"],
        summary: "An authorization decision allows by default: its fallback branch, base policy or gate hook says yes to everyone.",
        check: check,
    };
}

/// Words of a function that decides whether an action is allowed.
const DECISION_WORDS: &[&str] = &[
    "allow",
    "allowed",
    "allows",
    "authorize",
    "authorized",
    "authorise",
    "authorised",
    "permit",
    "permits",
    "permitted",
    "permission",
    "permissions",
    "can",
    "may",
    "access",
    "entitled",
    "granted",
];

/// Words of a function whose `true` means "refuse" or "ask for more" (a safe default).
const NEGATIVE_WORDS: &[&str] = &[
    "deny",
    "denied",
    "denies",
    "forbid",
    "forbidden",
    "block",
    "blocked",
    "restrict",
    "restricted",
    "require",
    "requires",
    "required",
    "need",
    "needs",
    "must",
    "reject",
    "protected",
    "sensitive",
    "audit",
    "log",
    "should",
    "not",
    "cannot",
    "disallow",
    "disallowed",
];

/// Words of a condition that make its branches admin-only.
const ADMIN_WORDS: &[&str] = &[
    "admin",
    "administrator",
    "superuser",
    "super",
    "superadmin",
    "root",
    "owner",
    "staff",
    "sudo",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    for node in descendants(src.tree.root_node()) {
        if let Some(hit) = permissive_default_branch(src, node)
            .or_else(|| permissive_policy_method(src, node))
            .or_else(|| permissive_gate_hook(src, node))
            .or_else(|| manage_all_fallback(src, node))
        {
            hits.push(hit);
        }
    }
}

/// The fallback branch of a switch or match: its node and the node whose value it returns.
fn default_branch<'t>(src: &Source<'_>, node: Node<'t>) -> Option<Node<'t>> {
    match (src.language, node.kind()) {
        // Go `default:`, JS `default:`, PHP `default:`.
        (Language::Go, "default_case")
        | (Language::JavaScript | Language::TypeScript | Language::Tsx, "switch_default")
        | (Language::Php, "default_statement") => Some(node),
        // Rust `_ => true`.
        (Language::Rust, "match_arm") => {
            let pattern = node.child_by_field_name("pattern")?;
            (src.text_of(pattern).trim() == "_").then(|| node.child_by_field_name("value"))?
        }
        // C# `_ => true` in a switch expression.
        (Language::CSharp, "switch_expression_arm") => {
            let first = node.named_child(0)?;
            let last = node.named_child(node.named_child_count().checked_sub(1)? as u32)?;
            (first.kind() == "discard" || src.text_of(first).trim() == "_").then_some(last)
        }
        // Python `case _:`.
        (Language::Python, "case_clause") => {
            let pattern = node.named_child(0)?;
            (src.text_of(pattern).trim() == "_").then(|| node.child_by_field_name("consequence"))?
        }
        // Java `default ->` / `default:`.
        (Language::Java, "switch_block_statement_group" | "switch_rule") => {
            let label = node.named_child(0)?;
            (label.kind() == "switch_label" && src.text_of(label).trim() == "default")
                .then_some(node)
        }
        _ => None,
    }
}

/// The statements of a branch, without its labels.
fn branch_returns_true(src: &Source<'_>, branch: Node<'_>) -> bool {
    let stmts: Vec<Node<'_>> = statements(branch)
        .into_iter()
        .filter(|n| !matches!(n.kind(), "switch_label" | "case_pattern"))
        .collect();
    match stmts.as_slice() {
        [] => body_always_returns(src, branch, true),
        [only] => {
            body_always_returns(src, *only, true) || {
                // `return true` as the branch's only statement.
                only.kind().starts_with("return")
                    && statements(*only)
                        .first()
                        .is_some_and(|v| body_always_returns(src, *v, true))
            }
        }
        _ => false,
    }
}

fn is_decision_name(name: &str) -> bool {
    let w = words(name.trim_end_matches('?'));
    w.iter().any(|x| DECISION_WORDS.contains(&x.as_str()))
        && !w.iter().any(|x| NEGATIVE_WORDS.contains(&x.as_str()))
}

fn permissive_default_branch(src: &Source<'_>, node: Node<'_>) -> Option<Hit> {
    let branch = default_branch(src, node)?;
    if !branch_returns_true(src, branch) {
        return None;
    }
    let (function, name) = enclosing_named_function(src, node)?;
    if !is_decision_name(&name) {
        return None;
    }
    // The switch must decide somewhere else: another branch that does not simply allow.
    let switch = node.parent()?;
    // About who may do what: the switch or the function's parameters name a role, an action, a
    // permission or the caller (not a host or a file type).
    let head = ancestor_switch(node)
        .and_then(|s| {
            s.child_by_field_name("value")
                .or_else(|| s.child_by_field_name("subject"))
                .or_else(|| s.child_by_field_name("condition"))
        })
        .map(|v| src.text_of(v))
        .unwrap_or("");
    let params = function
        .child_by_field_name("parameters")
        .map(|p| src.text_of(p))
        .unwrap_or("");
    // The switch's own subject when it has one (`switch kind` over resource types is a
    // deny-list of sensitive kinds, not a role table); the parameters for a tagless switch.
    let about = if head.trim().is_empty() { params } else { head };
    let about_access = words(about).iter().any(|w| {
        matches!(
            w.as_str(),
            "role"
                | "roles"
                | "action"
                | "actions"
                | "permission"
                | "permissions"
                | "perm"
                | "scope"
                | "scopes"
                | "user"
                | "principal"
                | "subject"
                | "group"
                | "claim"
                | "claims"
                | "verb"
                | "operation"
                | "op"
                | "ability"
                | "privilege"
                | "level"
                | "tier"
                | "member"
                | "account"
                | "caller"
                | "actor"
        )
    });
    if !about_access {
        return None;
    }
    let decides = {
        let mut c = switch.walk();
        switch
            .named_children(&mut c)
            .filter(|s| s.id() != node.id())
            .any(|s| {
                (s.kind().contains("case")
                    || s.kind().contains("arm")
                    || matches!(s.kind(), "switch_block_statement_group" | "switch_rule"))
                    && default_branch(src, s).is_none()
                    && !branch_returns_true(src, s)
            })
    };
    if !decides {
        return None;
    }
    // Report on the `true` the fallback returns.
    let anchor = descendants(branch)
        .filter(|n| crate::syntax::generic::is_true(src, *n))
        .last()
        .map(|t| {
            let mut cur = t;
            while let Some(p) = cur.parent().filter(|p| contains(branch, *p)) {
                if p.kind().starts_with("return") {
                    return p;
                }
                cur = p;
            }
            t
        })
        .unwrap_or(branch);
    Some(Hit {
        start: anchor.start_byte(),
        end: anchor.end_byte(),
        message: format!(
            "`{name}` allows by default: every role or action its branches do not list is permitted; return false (deny) in the fallback"
        ),
        before: None,
        after: Some("fallback branch returns true".into()),
        measure: None,
    })
}

/// A method of a Pundit/Laravel policy class that allows a write action for everyone.
fn permissive_policy_method(src: &Source<'_>, node: Node<'_>) -> Option<Hit> {
    let (name_node, body_stmts) = match (src.language, node.kind()) {
        (Language::Ruby, "method") => {
            let name = node.child_by_field_name("name")?;
            let stmts: Vec<Node<'_>> = match node.child_by_field_name("body") {
                Some(b) => statements(b),
                None => statements(node)
                    .into_iter()
                    .filter(|n| {
                        n.id() != name.id()
                            && !matches!(n.kind(), "method_parameters" | "parameters")
                    })
                    .collect(),
            };
            (name, stmts)
        }
        (Language::Php, "method_declaration") => {
            let name = node.child_by_field_name("name")?;
            (name, vec![node.child_by_field_name("body")?])
        }
        _ => return None,
    };
    let [only] = body_stmts.as_slice() else {
        return None;
    };
    if !body_always_returns(src, *only, true) {
        return None;
    }
    let method = src.text_of(name_node);
    let action = method.trim_end_matches('?');
    if src.language == Language::Ruby && !method.ends_with('?') {
        return None;
    }
    if !POLICY_WRITE_ACTIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(&action.replace('_', "")))
    {
        return None;
    }
    let class = crate::syntax::ancestor(node, &["class", "class_declaration"])?;
    let class_name = src.text_of(class.child_by_field_name("name")?);
    let class_short = class_name.rsplit("::").next().unwrap_or(class_name);
    if !class_short.ends_with(POLICY_CLASS_SUFFIX) || class_short == POLICY_CLASS_SUFFIX {
        return None;
    }
    Some(Hit {
        start: name_node.start_byte(),
        end: name_node.end_byte(),
        message: format!(
            "`{class_short}#{method}` returns true for every user and record: anyone may {action} anything this policy covers (and every policy inheriting it); decide from the user's role or ownership, and deny by default"
        ),
        before: None,
        after: Some(format!("`{method}` always true")),
        measure: None,
    })
}

/// `Gate::before(fn ($user, $ability) => true)`: every ability for every user.
fn permissive_gate_hook(src: &Source<'_>, node: Node<'_>) -> Option<Hit> {
    let shape = call_shape(src, node)?;
    let receiver = src.text_of(shape.receiver?);
    let receiver = receiver.rsplit('\\').next().unwrap_or(receiver);
    let hook = GATE_HOOKS
        .iter()
        .find(|h| h.language == src.language && h.class == receiver && h.hook == shape.name)?;
    let callback = shape.args.first()?;
    let callback = if callback.kind() == "argument" {
        callback.named_child(0)?
    } else {
        *callback
    };
    if !lambda_always_returns(src, callback, true) {
        return None;
    }
    Some(Hit {
        start: node.start_byte(),
        end: node.end_byte(),
        message: format!(
            "`{receiver}::{}` returns true unconditionally ({}): every user passes every ability check; return true only for a super-admin and null otherwise",
            shape.name, hook.library
        ),
        before: None,
        after: Some(format!("`{receiver}::{}` always true", shape.name)),
        measure: None,
    })
}

/// `can('manage', 'all')` in the fallback branch of a role check.
fn manage_all_fallback(src: &Source<'_>, node: Node<'_>) -> Option<Hit> {
    let shape = call_shape(src, node)?;
    let builder = ABILITY_BUILDERS
        .iter()
        .find(|b| b.languages.contains(&src.language) && b.grant == shape.name)?;
    if !grants_everything(src, builder, &shape.args) || !builder_in_use(src, builder) {
        return None;
    }
    let condition = fallback_condition(src, node)?;
    if words(&condition)
        .iter()
        .any(|w| ADMIN_WORDS.contains(&w.as_str()))
    {
        return None;
    }
    Some(Hit {
        start: node.start_byte(),
        end: node.end_byte(),
        message: format!(
            "`{}` in the fallback branch of `{}` ({}): every user who matches none of the listed roles may do anything; grant nothing (or read-only) in the fallback",
            short(src.text_of(node)),
            short(&condition),
            builder.library
        ),
        before: None,
        after: Some("manage all granted by default".into()),
        measure: None,
    })
}

fn grants_everything(src: &Source<'_>, builder: &AbilityBuilder, args: &[Node<'_>]) -> bool {
    let values: Vec<String> = args
        .iter()
        .take(2)
        .filter_map(|a| string_literal(src, *a))
        .collect();
    values.len() == 2 && values[0] == builder.every_action && values[1] == builder.every_subject
}

fn builder_in_use(src: &Source<'_>, builder: &AbilityBuilder) -> bool {
    builder.markers.iter().any(|m| src.text.contains(m))
}

/// The condition whose `else` (or the switch whose `default`) holds `node`, within its function.
fn fallback_condition(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let function = enclosing_function(node);
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if function.is_some_and(|f| f.id() == p.id()) {
            return None;
        }
        match p.kind() {
            "else_clause" | "else" => {
                let owner = p.parent()?;
                let cond = owner.child_by_field_name("condition")?;
                return Some(src.text_of(cond).to_string());
            }
            "switch_default" | "default_case" | "default_statement" => {
                let switch = ancestor_switch(p)?;
                return Some(
                    switch
                        .child_by_field_name("value")
                        .map_or("switch", |v| src.text_of(v))
                        .to_string(),
                );
            }
            _ => {}
        }
        cur = p;
    }
    None
}

fn ancestor_switch(node: Node<'_>) -> Option<Node<'_>> {
    crate::syntax::ancestor(
        node,
        &[
            "switch_statement",
            "expression_switch_statement",
            "case",
            "switch_expression",
            "match_expression",
            "match_statement",
        ],
    )
}

fn short(code: &str) -> String {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.chars().count() > 40 {
        format!("{}…", code.chars().take(39).collect::<String>())
    } else {
        code
    }
}
