//! IDG403 grant-widened

use std::collections::BTreeMap;

use idgate_lang::Source;
use tree_sitter::Node;

use crate::catalogue::authorization::ABILITY_BUILDERS;
use crate::catalogue::grants::{
    ACTION_KEYS, GRANT_CALLS, POLICY_STATEMENT_CONSTRUCTORS, RESOURCE_KEYS, broad_scope,
};
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::Facts;
use crate::syntax::generic::{call_shape, function_name, string_literal};
use crate::syntax::words;

declare_rule! {
    /// ## What it does
    /// Compares role-to-permission maps, scope lists, grant tables and allow-lists defined in code
    /// (a variable, constant, field, dict or object key whose name says roles, permissions,
    /// scopes, grants, privileges, ACLs or admins) between the old and the new version, and flags
    /// entries the change added that are wildcards or privileged: `*`, `admin`, `write`,
    /// `delete`, `manage`, `owner`, `root`, `impersonate`, `users:*`, `repo:admin`, and so on.
    /// Within a map, a role that gained such a permission is named (`viewer` gained `write`).
    ///
    /// It also reads grants that are library calls rather than named values: the abilities of a
    /// Laravel Sanctum/Passport token (`createToken('cli', ['*'])`), the actions and resources of
    /// an AWS CDK `PolicyStatement` (`s3:*`, `*`), the lists a grant-named function returns
    /// (`fn scopes_for(client) { match client { ... } }`), a catalogued scope that means
    /// everything (`https://www.googleapis.com/auth/cloud-platform`), and a CanCanCan or CASL
    /// `can :manage, :all` added outside an admin check.
    ///
    /// Reordering, reformatting, moving an entry between lines, or removing entries (a narrowed
    /// grant) raises nothing; so do added read-only entries.
    ///
    /// ## Why is this bad?
    /// A role map is the authorization policy of the application. One added `"*"` or `"admin"`
    /// gives every holder of the role more than least privilege (CWE-250, CWE-269), often far
    /// from the code that checks it, so reviewers miss it (CWE-732 for resource grants).
    ///
    /// ## Example
    /// ```python
    /// ROLE_PERMISSIONS = {
    ///     "viewer": ["reports:read"],
    ///     "support": ["tickets:read", "users:*"],   # was ["tickets:read", "tickets:write"]
    /// }
    /// ```
    ///
    /// Use instead:
    /// Grant the narrowest permission the feature needs (`users:read`), or add a new role for the
    /// new duty and have it approved by the owners of the role model.
    ///
    /// ## References
    /// - [CWE-250: Execution with Unnecessary Privileges](https://cwe.mitre.org/data/definitions/250.html)
    /// - [CWE-269: Improper Privilege Management](https://cwe.mitre.org/data/definitions/269.html)
    /// - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    /// - OWASP Non-Human Identities Top 10: NHI5 Overprivileged NHI
    pub(crate) static RULE = {
        code: "IDG403",
        name: "grant-widened",
        category: OverPrivilege,
        cwe: [250, 269, 732],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Java, CSharp, Php, Rust, Ruby, Go],
        keywords: ["role", "permission", "perm", "scope", "grant", "privilege", "acl", "admin", "createToken", "PolicyStatement", "manage"],
        drift_only: true,
        summary: "A role map, scope list or allow-list in code gained a wildcard or privileged entry.",
        check: check,
    };
}

/// Name parts of a binding that holds grants.
const GRANT_NAMES: &[&str] = &[
    "role",
    "permission",
    "perms",
    "scope",
    "grant",
    "privilege",
    "acl",
    "capabilit",
    "entitlement",
    "admins",
    "superusers",
    "allowed_users",
    "allowedusers",
    "policies",
];

/// Whole words of an entry that make it privileged.
const PRIVILEGED: &[&str] = &[
    "admin",
    "administrator",
    "all",
    "create",
    "delete",
    "destroy",
    "edit",
    "escalate",
    "full",
    "grant",
    "impersonate",
    "manage",
    "modify",
    "owner",
    "root",
    "sudo",
    "superuser",
    "update",
    "write",
];

fn is_grant_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // Origins and hosts are CORS/host allow-lists, not grants.
    if lower.contains("origin") || lower.contains("host") {
        return false;
    }
    GRANT_NAMES.iter().any(|p| lower.contains(p))
}

fn is_privileged(entry: &str) -> bool {
    if entry.contains('*') || broad_scope(entry).is_some() {
        return true;
    }
    entry
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| PRIVILEGED.contains(&w.to_ascii_lowercase().as_str()))
}

/// Whether an entry of an IAM policy statement is a wildcard grant: any action of a service
/// (`s3:*`, `*`, but not the read-only `s3:Get*`), or every resource (`*`).
fn is_privileged_in_statement(context: &str, entry: &str) -> bool {
    if RESOURCE_KEYS.contains(&context) {
        return entry.trim() == "*";
    }
    if ACTION_KEYS.contains(&context) {
        let action = entry.rsplit(':').next().unwrap_or(entry);
        return entry.contains('*')
            && !["Get", "List", "Describe", "Read"]
                .iter()
                .any(|p| action.starts_with(p));
    }
    false
}

/// Where a grant lives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GrantKind {
    /// A grant-named variable, constant, key or keyword argument.
    Named,
    /// An IAM policy statement built in code.
    Statement,
    /// The lists a grant-named function returns.
    Returned,
}

/// A grant in the code: a name to pair old and new by, the node to report, the value.
struct Grant<'t> {
    name: String,
    node: Node<'t>,
    value: Node<'t>,
    kind: GrantKind,
}

impl Grant<'_> {
    fn privileged(&self, context: &str, entry: &str) -> bool {
        match self.kind {
            GrantKind::Statement => is_privileged_in_statement(context, entry),
            _ => is_privileged(entry),
        }
    }
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return;
    };
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let new_facts = cx.facts();
    manage_all_added(cx, old, hits);
    let mut before: BTreeMap<String, Vec<Entries>> = BTreeMap::new();
    for b in grants(old, old_facts) {
        before
            .entry(b.name.clone())
            .or_default()
            .push(entries(old, &b));
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for b in grants(cx.new, new_facts) {
        let k = seen.entry(b.name.clone()).or_default();
        let index = *k;
        *k += 1;
        let Some(old_entries) = before.get(&b.name).and_then(|v| v.get(index)) else {
            continue; // a new grant table is state, not a widening
        };
        let new_entries = entries(cx.new, &b);
        let entry_node = |entry: &str, context: &str| {
            crate::syntax::descendants(b.value)
                .filter(|n| is_string_content(n.kind()) && cx.new.text_of(*n) == entry)
                .find(|n| context_of(cx.new, b.value, *n, entry) == context)
        };
        let mut gained: Vec<String> = Vec::new();
        let mut first_entry: Option<String> = None;
        let mut first_context: Option<String> = None;
        for ((context, entry), n) in &new_entries {
            let was = old_entries
                .get(&(context.clone(), entry.clone()))
                .copied()
                .unwrap_or(0);
            if *n > was && b.privileged(context, entry) {
                first_entry.get_or_insert_with(|| entry.clone());
                first_context.get_or_insert_with(|| context.clone());
                gained.push(if context.is_empty() {
                    format!("`{entry}`")
                } else {
                    format!("`{context}` gained `{entry}`")
                });
            }
        }
        if gained.is_empty() {
            continue;
        }
        // Point at the added entry: the line a reviewer comments on in the diff.
        let anchor = match (&first_entry, &first_context) {
            (Some(e), Some(c)) => entry_node(e, c),
            _ => None,
        }
        .map_or(b.node, |n| n.parent().unwrap_or(n));
        hits.push(Hit {
            start: anchor.start_byte(),
            end: anchor.end_byte(),
            message: format!(
                "`{}` widened: {} — holders get more than they had; grant the narrowest permission instead",
                b.name,
                gained.join(", ")
            ),
            before: Some(format!("{} entries in `{}`", old_entries.values().sum::<u32>(), b.name)),
            after: Some(format!("added {}", gained.join(", "))),
            // The policy's forbidden-grant limits read this.
            measure: first_entry.map(|permission| idgate_core::Measure::Grant { permission }),
        });
    }
}

/// The grants of a file that are not inside another grant's value: grant-named bindings, the
/// ability lists of catalogued token calls, IAM policy statements, grant-named functions.
fn grants<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Grant<'t>> {
    let mut all: Vec<Grant<'t>> = facts
        .bindings
        .iter()
        .filter(|b| is_grant_name(&b.name) && has_entries(b.value))
        .map(|b| Grant {
            name: b.name.clone(),
            node: b.node,
            value: b.value,
            kind: GrantKind::Named,
        })
        .collect();
    for call in &facts.calls {
        if let Some(g) = GRANT_CALLS
            .iter()
            .find(|g| g.languages.contains(&src.language) && g.method == call.name())
            && let Some(arg) = call.args.get(g.arg)
            && has_entries(*arg)
        {
            all.push(Grant {
                name: format!("{}() abilities ({})", g.method, g.library),
                node: call.node,
                value: *arg,
                kind: GrantKind::Named,
            });
        }
        if POLICY_STATEMENT_CONSTRUCTORS.contains(&call.name()) && has_entries(call.node) {
            all.push(Grant {
                name: call.name().to_string(),
                node: call.node,
                value: call.node,
                kind: GrantKind::Statement,
            });
        }
    }
    for n in descendants(src.tree.root_node()) {
        if !crate::syntax::FUNCTION_KINDS.contains(&n.kind()) {
            continue;
        }
        let Some(name) = function_name(src, n) else {
            continue;
        };
        let Some(body) = n.child_by_field_name("body") else {
            continue;
        };
        if is_grant_name(&name)
            && !is_check_name(&name)
            && !is_listing_name(&name)
            && has_entries(body)
        {
            all.push(Grant {
                name: format!("{name}()"),
                node: n,
                value: body,
                kind: GrantKind::Returned,
            });
        }
    }
    // A grant-named function holds other grants (a `PolicyStatement` in `grantUploader`): the
    // inner grant is read on its own and the function is not.
    let inside = |b: &Grant<'_>, outer: &Grant<'_>| {
        outer.value.id() != b.value.id()
            && outer.value.start_byte() <= b.node.start_byte()
            && b.node.end_byte() <= outer.value.end_byte()
    };
    let keep: Vec<bool> = all
        .iter()
        .map(|b| {
            if b.kind == GrantKind::Returned {
                !all.iter().any(|other| inside(other, b) || inside(b, other))
            } else {
                !all.iter()
                    .any(|outer| outer.kind != GrantKind::Returned && inside(b, outer))
            }
        })
        .collect();
    all.into_iter()
        .zip(keep)
        .filter_map(|(g, k)| k.then_some(g))
        .collect()
}

/// A function that checks a grant rather than defining one (`has_role`, `check_scope`).
fn is_check_name(name: &str) -> bool {
    words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "check"
                | "has"
                | "is"
                | "can"
                | "require"
                | "requires"
                | "verify"
                | "validate"
                | "ensure"
                | "assert"
                | "test"
                | "matches"
                | "allowed"
        )
    })
}

/// A function that lists grants for display (`roleOptions`, `scope_choices`), not for holders.
fn is_listing_name(name: &str) -> bool {
    words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "options" | "choices" | "labels" | "names" | "display" | "all" | "available" | "known"
        )
    })
}

/// Whether string `n` sits in a list a function returns (not in a comparison or a call).
fn in_returned_list(src: &Source<'_>, value: Node<'_>, n: Node<'_>) -> bool {
    let mut in_list = false;
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p.id() == value.id() {
            break;
        }
        match p.kind() {
            "array_expression"
            | "array"
            | "list"
            | "array_creation_expression"
            | "composite_literal"
            | "literal_value"
            | "vec_literal" => in_list = true,
            // `vec![...]` is a list; other macros are not.
            "macro_invocation" => {
                let name = p.child_by_field_name("macro").map(|m| src.text_of(m));
                if name != Some("vec") {
                    return false;
                }
                in_list = true;
            }
            "comparison_operator"
            | "binary_expression"
            | "binary"
            | "arguments"
            | "argument_list"
            | "call_expression"
            | "call"
            | "method_invocation"
            | "if_statement"
            | "if_expression" => return false,
            _ => {}
        }
        cur = p.parent();
    }
    in_list
}

/// CanCanCan/CASL `can :manage, :all` calls outside an admin check, counted.
fn manage_all_calls<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<(Node<'t>, &'static str)> {
    let mut out = Vec::new();
    for builder in ABILITY_BUILDERS {
        if !builder.languages.contains(&src.language)
            || !builder.markers.iter().any(|m| src.text.contains(m))
        {
            continue;
        }
        for call in &facts.calls {
            if call.name() != builder.grant {
                continue;
            }
            let Some(shape) = call_shape(src, call.node) else {
                continue;
            };
            let values: Vec<String> = shape
                .args
                .iter()
                .take(2)
                .filter_map(|a| string_literal(src, *a))
                .collect();
            if values.len() != 2
                || values[0] != builder.every_action
                || values[1] != builder.every_subject
            {
                continue;
            }
            // Granted under an admin check: least privilege for admins.
            let mut cur = call.node.parent();
            let mut admin = false;
            while let Some(p) = cur {
                if let Some(cond) = p.child_by_field_name("condition") {
                    admin |= words(src.text_of(cond)).iter().any(|w| {
                        matches!(
                            w.as_str(),
                            "admin"
                                | "administrator"
                                | "superuser"
                                | "superadmin"
                                | "root"
                                | "owner"
                        )
                    });
                }
                cur = p.parent();
            }
            if !admin {
                out.push((call.node, builder.library));
            }
        }
    }
    out
}

/// A `can :manage, :all` the change added outside an admin check.
fn manage_all_added(cx: &RuleContext<'_>, old: &Source<'_>, hits: &mut Vec<Hit>) {
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let before = manage_all_calls(old, old_facts).len();
    let after = manage_all_calls(cx.new, cx.facts());
    if after.len() <= before {
        return;
    }
    let Some((node, library)) = after.get(before).or(after.last()) else {
        return;
    };
    let guard = {
        let mut cur = node.parent();
        let mut g = None;
        while let Some(p) = cur {
            if let Some(cond) = p.child_by_field_name("condition") {
                g = Some(cx.new.text_of(cond).to_string());
                break;
            }
            cur = p.parent();
        }
        g
    };
    let holders = guard.map_or("every user".to_string(), |g| {
        format!("users matching `{g}`")
    });
    hits.push(Hit {
        start: node.start_byte(),
        end: node.end_byte(),
        message: format!(
            "`{}` grants {holders} every action on every subject ({library}); grant the actions and subjects the role needs (`can :update, Article, author_id: user.id`)",
            cx.new.text_of(*node).split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        before: Some(format!("{before} manage-all grants")),
        after: Some(format!("manage all for {holders}")),
        measure: Some(idgate_core::Measure::Grant {
            permission: "manage:all".into(),
        }),
    });
}

fn has_entries(value: Node<'_>) -> bool {
    descendants(value).any(|n| is_string_content(n.kind()))
}

fn is_string_content(kind: &str) -> bool {
    matches!(
        kind,
        "string_content"
            | "string_fragment"
            | "interpreted_string_literal_content"
            | "string_literal_content"
            | "raw_string_literal_content"
    )
}

/// (map key, entry) → how many times.
type Entries = BTreeMap<(String, String), u32>;

/// The string entries of a grant value, each with the key of the innermost entry of a map that
/// holds it, counted.
fn entries(src: &Source<'_>, grant: &Grant<'_>) -> Entries {
    let value = grant.value;
    let mut out = BTreeMap::new();
    for n in descendants(value).filter(|n| is_string_content(n.kind())) {
        if grant.kind == GrantKind::Returned && !in_returned_list(src, value, n) {
            continue;
        }
        let entry = src.text_of(n).to_string();
        let context = context_of(src, value, n, &entry);
        *out.entry((context, entry)).or_default() += 1;
    }
    out
}

/// The key of the innermost map entry under `value` that holds string node `n` (empty when
/// none).
fn context_of(src: &Source<'_>, value: Node<'_>, n: Node<'_>, entry: &str) -> String {
    let mut cur = n.parent();
    while let Some(p) = cur {
        if p.id() == value.id() {
            break;
        }
        if let Some(key) = map_key(src, p)
            && key != entry
        {
            return key;
        }
        cur = p.parent();
    }
    String::new()
}

/// The key of a map entry node (`"viewer": [...]`, `viewer: [...]`, `"viewer" => [...]`).
fn map_key(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let key = match node.kind() {
        "pair" => node.child_by_field_name("key")?,
        "keyed_element" | "array_element_initializer" if node.named_child_count() == 2 => {
            node.named_child(0)?
        }
        "keyword_argument" => node.child_by_field_name("name")?,
        "match_arm" => node.child_by_field_name("pattern")?,
        _ => return None,
    };
    let text = src.text_of(key);
    Some(
        text.trim_matches(|c: char| c == '"' || c == '\'' || c == ':' || c == '`')
            .to_string(),
    )
}
