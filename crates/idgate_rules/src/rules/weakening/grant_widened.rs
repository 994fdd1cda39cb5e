//! IDG403 grant-widened

use std::collections::BTreeMap;

use idgate_lang::Source;
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::{Binding, Facts};

declare_rule! {
    /// ## What it does
    /// Compares role-to-permission maps, scope lists, grant tables and allow-lists defined in code
    /// (a variable, constant, field, dict or object key whose name says roles, permissions,
    /// scopes, grants, privileges, ACLs or admins) between the old and the new version, and flags
    /// entries the change added that are wildcards or privileged: `*`, `admin`, `write`,
    /// `delete`, `manage`, `owner`, `root`, `impersonate`, `users:*`, `repo:admin`, and so on.
    /// Within a map, a role that gained such a permission is named (`viewer` gained `write`).
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
        keywords: ["role", "permission", "perm", "scope", "grant", "privilege", "acl", "admin"],
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
    if entry.contains('*') {
        return true;
    }
    entry
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| PRIVILEGED.contains(&w.to_ascii_lowercase().as_str()))
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return;
    };
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let new_facts = cx.facts();
    let mut before: BTreeMap<String, Vec<Entries>> = BTreeMap::new();
    for b in grant_bindings(old_facts) {
        before
            .entry(b.name.clone())
            .or_default()
            .push(entries(old, b.value));
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for b in grant_bindings(new_facts) {
        let k = seen.entry(b.name.clone()).or_default();
        let index = *k;
        *k += 1;
        let Some(old_entries) = before.get(&b.name).and_then(|v| v.get(index)) else {
            continue; // a new grant table is state, not a widening
        };
        let new_entries = entries(cx.new, b.value);
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
            if *n > was && is_privileged(entry) {
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

/// Grant-named bindings that are not inside another grant-named binding's value.
fn grant_bindings<'f, 't>(facts: &'f Facts<'t>) -> Vec<&'f Binding<'t>> {
    let all: Vec<&Binding<'t>> = facts
        .bindings
        .iter()
        .filter(|b| is_grant_name(&b.name) && has_entries(b.value))
        .collect();
    all.iter()
        .filter(|b| {
            !all.iter().any(|outer| {
                outer.value.id() != b.value.id()
                    && outer.value.start_byte() <= b.node.start_byte()
                    && b.node.end_byte() <= outer.value.end_byte()
            })
        })
        .copied()
        .collect()
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
fn entries(src: &Source<'_>, value: Node<'_>) -> Entries {
    let mut out = BTreeMap::new();
    for n in descendants(value).filter(|n| is_string_content(n.kind())) {
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
        _ => return None,
    };
    let text = src.text_of(key);
    Some(
        text.trim_matches(|c: char| c == '"' || c == '\'' || c == ':' || c == '`')
            .to_string(),
    )
}
