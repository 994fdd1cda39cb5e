//! IDG402 authz-check-removed

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::decl::{Decl, DeclKind, is_guard_name, pair};
use crate::syntax::fail_open::{Decision, fail_open_hits};
use crate::syntax::{line_bytes, map_line};

declare_rule! {
    /// ## What it does
    /// Compares each function with its old self (paired by name, or by body when renamed) and
    /// flags an authorization check the change removed from it: a guard clause whose condition
    /// is about roles, ownership, tenants, permissions, scopes, approvals or expiry and whose
    /// branch denies (raises, throws, aborts, returns 401/403 or `false`) — in every language
    /// (`if not user.is_admin: raise PermissionDenied`, `if (doc.ownerId !== req.user.id) return
    /// res.status(403)...`, `head :forbidden unless current_user.admin?`, `if grant.ExpiresAt
    /// .Before(now) { return ErrExpired }`) — and a statement call that enforces one
    /// (`authorize!(:destroy, @post)`, `$this->authorize('update', $post)`,
    /// `check_object_permissions(...)`, `require_role("admin")`).
    ///
    /// It also flags a role, permission or policy restriction lost while the function still
    /// requires a signed-in caller (`[Authorize(Roles = "Admin")]` removed under a class-level
    /// `[Authorize]`, `@Roles('finance')` removed under `@UseGuards(JwtAuthGuard, RolesGuard)`,
    /// `@PreAuthorize("hasRole('ADMIN')")` loosened to `@PreAuthorize("isAuthenticated()")`), and
    /// an authorization decision made to fail open: an error handler around a policy, permission
    /// or membership call that used to deny and now returns `true` or calls `ctx.Succeed(...)`.
    ///
    /// A check loosened in place is reported too: a condition or returned decision that lost one
    /// of its authorization comparisons and gained none (`req.user && req.user.roles.includes
    /// (role)` → `req.user`, `grant.approved_by is not None and grant.expires_at > now` → without
    /// the expiry, `caller.tenant_id == resource_tenant` → `!caller.tenant_id.is_empty()`), and a
    /// lookup no longer scoped to the caller (`current_account.orders.find(id)` →
    /// `Order.find(id)`, `filter(Doc.id == id, Doc.owner_id == user.id)` → `filter(Doc.id == id)`).
    ///
    /// A JIT or break-glass grant whose expiry the change set to nothing is reported on the
    /// argument or field (`grants.insert(..., expires_at=expires)` → `expires_at=None`,
    /// `ExpiresAt: time.Now().Add(d)` → `ExpiresAt: nil`): the elevated access no longer ends.
    /// Token and session expiries are token-lifetime's and session-management's findings.
    ///
    /// A check that moved (into a decorator, a helper the function now calls, or a reworded
    /// condition with the same names) is not reported when the function gained an equivalent
    /// check in the same change.
    ///
    /// ## Why is this bad?
    /// Without the check, any signed-in caller can act on any object (CWE-639), use an admin
    /// action (CWE-862, CWE-285), or use a JIT grant that was never approved or has expired
    /// (CWE-863). Such deletions look like simplifications in a diff, and agents make them to get
    /// a test or a demo through.
    ///
    /// ## Example
    /// ```python
    /// def delete_project(request, pk):
    ///     project = Project.objects.get(pk=pk)
    ///     # removed: if project.owner_id != request.user.id: raise PermissionDenied
    ///     project.delete()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def delete_project(request, pk):
    ///     project = Project.objects.get(pk=pk)
    ///     if project.owner_id != request.user.id:
    ///         raise PermissionDenied
    ///     project.delete()
    /// ```
    ///
    /// ## References
    /// - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    /// - [CWE-863: Incorrect Authorization](https://cwe.mitre.org/data/definitions/863.html)
    /// - [CWE-285: Improper Authorization](https://cwe.mitre.org/data/definitions/285.html)
    /// - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    /// - OWASP Top 10 for Agentic Applications: ASI03 Identity and Privilege Abuse
    pub(crate) static RULE = {
        code: "IDG402",
        name: "authz-check-removed",
        category: AuthzBypass,
        cwe: [862, 863, 285, 639],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Java, CSharp, Php, Rust, Ruby, Go],
        keywords: [
            "role", "admin", "owner", "tenant", "permission", "forbidden", "unauthorized",
            "403", "401", "authorize", "scope", "approv", "expire", "denied", "access", "permit",
            "allow", "polic", "member", "decide", "user_id", "user.id", "current_", "->user()", "author"
        ],
        drift_only: true,
        summary: "A role, ownership, tenant, approval or expiry check was removed from a function.",
        check: check,
    };
}

/// Words of a condition that make it an authorization question.
const SUBJECTS: &[&str] = &[
    "role",
    "admin",
    "owner",
    "tenant",
    "permission",
    "perm",
    "scope",
    "approv",
    "expir",
    "superuser",
    "is_staff",
    "isstaff",
    "privilege",
    "acl",
    "authoriz",
    "can?",
    "can(",
    "cannot",
    "allowed",
    "access",
    "entitle",
    "org_id",
    "orgid",
    "account_id",
    "accountid",
    "current_user",
    "currentuser",
    "principal",
    "claims",
    "grant",
];

/// Words of a branch that make it a denial.
const DENIALS: &[&str] = &[
    "raise",
    "throw",
    "abort",
    "403",
    "401",
    "forbidden",
    "unauthorized",
    "unauthorised",
    "permissiondenied",
    "accessdenied",
    "denied",
    "deny",
    "forbid",
    "challenge",
    "halt",
    "http.error",
    "statusforbidden",
    "statusunauthorized",
    "not_authorized",
    "notauthorized",
    "return false",
    "return none",
    "return null",
    "return nil",
    "errexpired",
    "err_expired",
    "expired",
    "redirect",
];

/// Names of statement calls that enforce authorization by themselves.
const ENFORCERS: &[&str] = &[
    "authorize",
    "authorize!",
    "authorize_action",
    "authorizeasync",
    "check_permission",
    "check_permissions",
    "check_object_permissions",
    "require_role",
    "require_roles",
    "require_permission",
    "requirepermission",
    "requirerole",
    "ensure_owner",
    "assert_owner",
    "verify_ownership",
    "check_access",
    "checkaccess",
    "enforce",
    "gate.authorize",
    "check_scope",
    "require_scope",
    "require_approval",
    "check_approval",
    "check_expiry",
];

/// One check: its normalized text (for comparison), its words, and what to show.
struct Check {
    key: String,
    words: Vec<String>,
    shown: String,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return;
    };
    fail_open(cx, hits);
    expiry_dropped(cx, old, hits);
    let (Some(old_decls), new_decls) = (cx.old_decls(), cx.decls()) else {
        return;
    };
    for (i, j) in pair(old_decls, new_decls) {
        let (o, n) = (&old_decls[i], &new_decls[j]);
        if n.kind == DeclKind::Class {
            continue; // checks live in functions; a class body holds its methods
        }
        if let Some(hit) = restriction_lost(o, n, new_decls) {
            hits.push(hit);
            continue;
        }
        let (Some(ob), Some(nb)) = (o.body, n.body) else {
            continue;
        };
        // An untouched body (most functions of a change) has the checks it had.
        if old.text_of(ob) == cx.new.text_of(nb) {
            continue;
        }
        // Checks of nested functions belong to those functions.
        let before = checks(old, ob);
        let after = checks(cx.new, nb);
        let gained = after.iter().any(|a| !before.iter().any(|b| same(a, b)));
        if gained || calls_new_guard(old, ob, cx.new, nb) {
            // The check moved (into a helper the function now calls) or was rewritten — unless
            // the rewrite only dropped part of the condition.
            if let Some(hit) = loosened(cx, old, o, n, ob, nb) {
                hits.push(hit);
            }
            continue;
        }
        // One finding per function: the first removed check names the problem.
        let removed = before.iter().find(|b| !after.iter().any(|a| same(a, b)));
        if removed.is_none() {
            if let Some(hit) =
                loosened(cx, old, o, n, ob, nb).or_else(|| scope_dropped(cx, old, n, ob, nb))
            {
                hits.push(hit);
            }
            continue;
        }
        if let Some(removed) = removed {
            hits.push(Hit {
                start: n.name_node.start_byte(),
                end: n.name_node.end_byte(),
                message: format!(
                    "authorization check `{}` removed from `{}` — callers who fail it are no longer refused",
                    removed.shown, n.name
                ),
                before: Some(format!("`{}` enforced in {}", removed.shown, o.name)),
                after: Some("no such check".to_string()),
                measure: None,
            });
        }
    }
}

/// Words of a guard decorator, annotation or attribute that restrict it to some callers (a role,
/// a permission, a policy), beyond "signed in".
const RESTRICTIONS: &[&str] = &[
    "role",
    "permission",
    "authorit",
    "admin",
    "policy",
    "scope",
    "staff",
    "superuser",
    "isgranted",
    "claim",
    "group",
    "owner",
];

fn restricts(shown: &str) -> bool {
    let lower = shown.to_ascii_lowercase();
    RESTRICTIONS.iter().any(|r| lower.contains(r))
}

/// A role or permission restriction (decorator, annotation, attribute) that the function lost
/// while it still requires a signed-in caller: the restriction was removed under a class-level
/// guard (`[Authorize]` on the controller, `@UseGuards(JwtAuthGuard)`), or loosened in place
/// (`@PreAuthorize("hasRole('ADMIN')")` → `@PreAuthorize("isAuthenticated()")`). A function
/// left with no guard at all is auth-guard-removed's finding.
fn restriction_lost(o: &Decl<'_>, n: &Decl<'_>, new_decls: &[Decl<'_>]) -> Option<Hit> {
    let class_guarded = n.qualified.rsplit_once('.').is_some_and(|(class, _)| {
        new_decls
            .iter()
            .any(|d| d.kind == DeclKind::Class && d.qualified == class && !d.guards.is_empty())
    });
    let still_restricted = n.guards.iter().any(|g| restricts(&g.shown));
    if still_restricted || (n.guards.is_empty() && !class_guarded) {
        return None;
    }
    // A new guard of another name in its place is a rewrite this rule cannot judge.
    if n.guards
        .iter()
        .any(|g| !o.guards.iter().any(|og| og.name == g.name))
    {
        return None;
    }
    let lost = o.guards.iter().find(|g| restricts(&g.shown))?;
    let (message, after) = match n.guards.iter().find(|g| g.name == lost.name) {
        Some(now) => (
            format!(
                "`{}` loosened to `{}` on `{}` — any signed-in caller may now call it",
                lost.shown, now.shown, n.name
            ),
            format!("`{}`", now.shown),
        ),
        None if n.guards.is_empty() => (
            format!(
                "`{}` removed from `{}` — the class still requires a signed-in caller, but no longer this role or permission",
                lost.shown, n.name
            ),
            "authentication only (class-level guard)".to_string(),
        ),
        // It keeps another guard: auth-guard-removed reports the lost one.
        None => return None,
    };
    Some(Hit {
        start: n.name_node.start_byte(),
        end: n.name_node.end_byte(),
        message,
        before: Some(format!("`{}` on {}", lost.shown, o.name)),
        after: Some(after),
        measure: None,
    })
}

/// Words that make a comparison part of an authorization decision (beyond [`SUBJECTS`]): who
/// wrote it, who approved it, until when it holds.
const RELATION_WORDS: &[&str] = &[
    "author",
    "moderator",
    "approver",
    "expires",
    "expiry",
    "elevat",
    "member",
    "staff",
    "roles",
    "revoked",
    "valid_until",
    "validuntil",
    "not_after",
    "notafter",
];

/// The relations a function decides with: comparisons (`doc.owner_id == user.id`,
/// `grant.expires_at > now()`) and membership calls with an argument
/// (`user.roles.includes(role)`, `now.After(g.ExpiresAt)`) that are about authorization, keyed by
/// their text without whitespace.
fn relations<'t>(src: &Source<'_>, body: Node<'t>) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    // Closures a function returns or passes (`return (req, res, next) => {...}`) decide for it;
    // named functions nested in it are declarations of their own.
    let mut nodes = Vec::new();
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        if n.id() != body.id()
            && is_nested_function(n.kind())
            && !matches!(
                n.kind(),
                "arrow_function"
                    | "lambda"
                    | "lambda_expression"
                    | "func_literal"
                    | "closure_expression"
                    | "anonymous_function"
            )
        {
            continue;
        }
        nodes.push(n);
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    for n in nodes {
        let relation = match n.kind() {
            "binary_expression" | "binary_operator" | "comparison_operator" | "binary" => {
                let op = n
                    .child_by_field_name("operator")
                    .map(|o| src.text_of(o).to_string())
                    .or_else(|| {
                        let l = n.child_by_field_name("left").or_else(|| n.named_child(0))?;
                        let r = n
                            .child_by_field_name("right")
                            .or_else(|| n.named_child(1))?;
                        src.text
                            .get(l.end_byte()..r.start_byte())
                            .map(|t| t.trim().to_string())
                    })
                    .unwrap_or_default();
                matches!(
                    op.as_str(),
                    "==" | "!="
                        | "==="
                        | "!=="
                        | "<"
                        | ">"
                        | "<="
                        | ">="
                        | "is not"
                        | "in"
                        | "not in"
                ) || (n.kind() == "comparison_operator" && src.text_of(n).contains(['<', '>', '=']))
            }
            _ => {
                callee_name(src, n).is_some_and(|_| {
                    n.child_by_field_name("arguments")
                        .is_some_and(|a| a.named_child_count() > 0)
                }) && !is_statement_call(n)
                    && boolean_operand(src, n)
            }
        };
        if !relation {
            continue;
        }
        let text = src.text_of(n);
        if text.len() > 160 {
            continue;
        }
        let lower = subject_text(text);
        if !(SUBJECTS.iter().any(|w| lower.contains(w))
            || RELATION_WORDS.iter().any(|w| lower.contains(w)))
            || key_in_parsed_data(&lower)
        {
            continue;
        }
        // Only decisions: inside a condition or a returned value, not an assignment or a log.
        if !in_decision(n) {
            continue;
        }
        out.push((text.chars().filter(|c| !c.is_whitespace()).collect(), n));
    }
    out
}

/// Whether a call is used as a truth value: an `if` condition, or an operand of `&&`, `||`,
/// `and`, `or`, `!`, `not`.
fn boolean_operand(src: &Source<'_>, n: Node<'_>) -> bool {
    let Some(p) = n.parent() else {
        return false;
    };
    match p.kind() {
        "parenthesized_expression" | "condition_clause" => true,
        "not_operator" | "boolean_operator" => true,
        "unary_expression" | "prefix_unary_expression" | "unary" => src.text_of(p).starts_with('!'),
        "binary_expression" | "binary" => {
            let l = p.child_by_field_name("left");
            let r = p.child_by_field_name("right");
            match (l, r) {
                (Some(l), Some(r)) => src
                    .text
                    .get(l.end_byte()..r.start_byte())
                    .is_some_and(|op| matches!(op.trim(), "&&" | "||" | "and" | "or")),
                _ => false,
            }
        }
        "if_statement" | "if_expression" | "if" | "unless" | "if_modifier" | "unless_modifier" => p
            .child_by_field_name("condition")
            .is_some_and(|c| c.id() == n.id()),
        _ => false,
    }
}

/// Whether a call stands as a statement on its own (an action, not a predicate).
fn is_statement_call(n: Node<'_>) -> bool {
    n.parent().is_some_and(|p| {
        matches!(
            p.kind(),
            "expression_statement" | "block" | "body_statement"
        ) || (p.kind() == "await_expression"
            && p.parent()
                .is_some_and(|q| q.kind() == "expression_statement"))
    })
}

/// Whether `n` is part of an `if`/`unless` condition, a `return`ed value or a Rust tail
/// expression: the decision, not the data.
fn in_decision(n: Node<'_>) -> bool {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "if_statement"
            | "if_expression"
            | "if"
            | "unless"
            | "if_modifier"
            | "unless_modifier"
            | "elif_clause"
            | "conditional_expression"
            | "ternary_expression" => {
                return p.child_by_field_name("condition").is_some_and(|c| {
                    c.start_byte() <= n.start_byte() && n.end_byte() <= c.end_byte()
                });
            }
            "return_statement" | "return" => return true,
            "block" => {
                // Rust: the block's tail expression is its value.
                return p.kind() == "block"
                    && p.named_child(p.named_child_count().saturating_sub(1) as u32)
                        .is_some_and(|last| {
                            last.id() == cur.id() && last.kind() != "expression_statement"
                        })
                    && p.parent().is_some_and(|f| f.kind() == "function_item");
            }
            "expression_statement"
            | "assignment"
            | "assignment_expression"
            | "let_declaration"
            | "lexical_declaration"
            | "variable_declaration"
            | "short_var_declaration"
            | "local_variable_declaration"
            | "argument_list"
            | "arguments" => return false,
            _ => {}
        }
        cur = p;
    }
    false
}

/// A check loosened in place: the function's authorization relations lost one
/// (`req.user && req.user.roles.includes(role)` → `req.user`, `owner == me || staff` →
/// `!owner.is_empty() || staff`, an expiry comparison dropped) and gained none. A lost relation
/// replaced by another (renamed variables, a stricter or reworded check) is not reported.
fn loosened(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    o: &Decl<'_>,
    n: &Decl<'_>,
    ob: Node<'_>,
    nb: Node<'_>,
) -> Option<Hit> {
    let before = relations(old, ob);
    if before.is_empty() {
        return None;
    }
    let after = relations(cx.new, nb);
    if after
        .iter()
        .any(|(a, _)| !before.iter().any(|(b, _)| b == a))
    {
        return None;
    }
    if calls_new_guard(old, ob, cx.new, nb) {
        return None;
    }
    let new_body: String = cx
        .new
        .text_of(nb)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (lost, node) = before
        .iter()
        .find(|(b, _)| !new_body.contains(b.as_str()))?;
    let shown = {
        let t = old
            .text_of(*node)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if t.chars().count() > 80 {
            format!("{}…", t.chars().take(79).collect::<String>())
        } else {
            t
        }
    };
    let _ = lost;
    let hunks = idgate_core::line_hunks(old.text, cx.new.text);
    let (line, replaced) = map_line(&hunks, cx.new.text, old.line_of(node.start_byte()));
    let (start, end) = match line_bytes(cx.new.text, line) {
        Some(range) if replaced && cx.new.line_of(nb.start_byte()) <= line => range,
        _ => (n.name_node.start_byte(), n.name_node.end_byte()),
    };
    Some(Hit {
        start,
        end,
        message: format!(
            "authorization check loosened in `{}`: `{shown}` no longer decides — callers it used to refuse now get through",
            n.name
        ),
        before: Some(format!("`{shown}` checked in {}", o.name)),
        after: Some("the condition without it".to_string()),
        measure: None,
    })
}

/// References to the signed-in caller or its account in a data lookup: what scopes a query to
/// the caller's own rows.
const PRINCIPAL_REFS: &[&str] = &[
    "user.id",
    "user_id",
    "userid",
    "request.user",
    "req.user",
    "current_user",
    "currentuser",
    "current_account",
    "currentaccount",
    "->user()",
    "auth()->",
    "owner",
    "tenant",
    "account_id",
    "accountid",
    "org_id",
    "orgid",
    "principal",
    "claims.sub",
];

/// Calls that look rows up.
const LOOKUPS: &[&str] = &[
    "find",
    "findorfail",
    "find_by",
    "findone",
    "findbyid",
    "findunique",
    "findfirst",
    "first",
    "get",
    "get_object_or_404",
    "filter",
    "filter_by",
    "where",
    "query",
    "select",
    "one",
    "one_or_none",
    "load",
    "fetch",
];

fn principal_ref(text: &str) -> bool {
    let lower: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    PRINCIPAL_REFS.iter().any(|r| lower.contains(r))
}

/// `(target, value)` of the assignments in a function body.
fn assignments<'t>(body: Node<'t>) -> Vec<(Node<'t>, Node<'t>, Node<'t>)> {
    own_nodes(body)
        .into_iter()
        .filter_map(|n| {
            let (l, r) = match n.kind() {
                "assignment" | "assignment_expression" | "short_var_declaration" => (
                    n.child_by_field_name("left")?,
                    n.child_by_field_name("right")?,
                ),
                "variable_declarator" => (
                    n.child_by_field_name("name")?,
                    n.child_by_field_name("value")?,
                ),
                "let_declaration" => (
                    n.child_by_field_name("pattern")?,
                    n.child_by_field_name("value")?,
                ),
                _ => return None,
            };
            Some((n, l, r))
        })
        .collect()
}

/// A lookup that was scoped to the caller (`current_account.orders.find(id)`,
/// `filter(..., Document.owner_id == user.id)`, `Address::where('user_id', $user->id)`) and now
/// fetches by id alone, into the same variable.
fn scope_dropped(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    n: &Decl<'_>,
    ob: Node<'_>,
    nb: Node<'_>,
) -> Option<Hit> {
    let before = assignments(ob);
    if before.is_empty() {
        return None;
    }
    let after = assignments(nb);
    for (_, l, r) in &before {
        let value = old.text_of(*r);
        if !principal_ref(value) {
            continue;
        }
        let target = old.text_of(*l);
        let Some((stmt, _, nr)) = after
            .iter()
            .find(|(_, nl, _)| cx.new.text_of(*nl) == target)
        else {
            continue;
        };
        let new_value = cx.new.text_of(*nr);
        if principal_ref(new_value) {
            continue;
        }
        let looks_up = crate::syntax::descendants(*nr).any(|c| {
            callee_name(cx.new, c)
                .is_some_and(|name| LOOKUPS.contains(&name.to_ascii_lowercase().as_str()))
        });
        if !looks_up {
            continue;
        }
        let fold = |t: &str| {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.chars().count() > 80 {
                format!("{}…", t.chars().take(79).collect::<String>())
            } else {
                t
            }
        };
        return Some(Hit {
            start: stmt.start_byte(),
            end: stmt.end_byte(),
            message: format!(
                "`{target}` in `{}` is no longer looked up within the caller's own records (was `{}`) — any signed-in caller can reach anyone's by id",
                n.name,
                fold(value)
            ),
            before: Some(fold(value)),
            after: Some(fold(new_value)),
            measure: None,
        });
    }
    None
}

/// Whether the new body calls a guard-named helper (`ensure_admin(user)`,
/// `requireTenant(req)`, `checkOwner(ctx, doc)`) that the old body did not call.
fn calls_new_guard(old: &Source<'_>, ob: Node<'_>, new: &Source<'_>, nb: Node<'_>) -> bool {
    let names = |src: &Source<'_>, body: Node<'_>| -> Vec<String> {
        own_nodes(body)
            .into_iter()
            .filter_map(|n| callee_name(src, n))
            .filter(|n| {
                is_guard_name(n)
                    || ENFORCERS.contains(&n.to_ascii_lowercase().as_str())
                    || is_assertion(n)
            })
            .collect()
    };
    let before = names(old, ob);
    names(new, nb).iter().any(|n| !before.contains(n))
}

/// A helper named as an assertion or a permission predicate (`assertSameTenant`,
/// `ensure_owner`, `canRead`, `may_edit`, `is_allowed_to`): calling it is how a check moved
/// out of the function.
fn is_assertion(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let lower = lower.trim_start_matches('_');
    const PREFIXES: &[&str] = &["assert", "ensure", "enforce", "must", "can", "may"];
    PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            // `can_read`, `canRead`, `assertOwner` — not `cancel`, `mustache`, `mayday`.
            rest.starts_with('_')
                || name[name.len() - rest.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
    }) || lower.starts_with("is_allowed")
        || lower.starts_with("isallowed")
        || lower.starts_with("has_access")
        || lower.starts_with("hasaccess")
}

/// The last segment of the callee of a call node, in any of the grammars.
fn callee_name(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    if !matches!(
        node.kind(),
        "call"
            | "call_expression"
            | "method_invocation"
            | "invocation_expression"
            | "member_call_expression"
            | "function_call_expression"
            | "scoped_call_expression"
    ) {
        return None;
    }
    let callee = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("name"))
        .or_else(|| node.child_by_field_name("method"))?;
    let text = src.text_of(callee);
    let last = text.rsplit(['.', ':', '>']).next().unwrap_or(text);
    Some(last.to_string())
}

fn same(a: &Check, b: &Check) -> bool {
    a.key == b.key || (!a.words.is_empty() && a.words == b.words)
}

fn checks(src: &Source<'_>, body: Node<'_>) -> Vec<Check> {
    let language = src.language;
    let mut out = Vec::new();
    for node in own_nodes(body) {
        if let Some((cond, branch)) = guard_clause(language, node) {
            let c = subject_text(src.text_of(cond));
            let b = src.text_of(branch).to_ascii_lowercase();
            if SUBJECTS.iter().any(|s| c.contains(s))
                && DENIALS.iter().any(|d| b.contains(d))
                && !argument_error(&b)
            {
                out.push(check_of(src, cond));
            }
            continue;
        }
        if let Some(name) = statement_call_name(src, node) {
            let lower = name.to_ascii_lowercase();
            let last = lower.rsplit(['.', ':']).next().unwrap_or(&lower);
            if ENFORCERS.contains(&last) || ENFORCERS.contains(&lower.as_str()) {
                out.push(check_of(src, node));
            }
        }
    }
    out
}

/// The nodes of a function body, without the bodies of functions nested in it (their checks are
/// theirs).
fn own_nodes(body: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        if n.id() != body.id() && is_nested_function(n.kind()) {
            continue;
        }
        out.push(n);
        let mut c = n.walk();
        let children: Vec<Node<'_>> = n.children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// A condition's text, lower case, without the identifiers that only name a type or an HTTP
/// status (`source_type == _AUTHORIZED_USER_TYPE`, `resp.status == METHOD_NOT_ALLOWED`): a
/// dispatch on kinds or on a response is no authorization check.
fn subject_text(cond: &str) -> String {
    let lower = cond.to_ascii_lowercase();
    let mut out = String::with_capacity(lower.len());
    for token in lower.split_inclusive(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        let (word, sep) = match token.char_indices().last() {
            Some((i, c)) if !(c.is_ascii_alphanumeric() || c == '_') => token.split_at(i),
            _ => (token, ""),
        };
        let kind_or_status = word.ends_with("_type")
            || word.ends_with("type") && word.len() > 4 && word.contains('_')
            || word.contains("not_allowed")
            || word.starts_with("http_") && word.chars().any(|c| c.is_ascii_digit());
        if !kind_or_status {
            out.push_str(word);
        }
        out.push_str(sep);
    }
    out
}

/// Whether a relation only asks if parsed data has a field (`'expires' in params`,
/// `"scope" in response`): parsing, not deciding. (`'admin' in user.roles` still decides.)
fn key_in_parsed_data(relation: &str) -> bool {
    const PARSED: &[&str] = &[
        "params", "data", "response", "resp", "body", "payload", "kwargs", "json", "headers",
        "fields", "attrs", "config", "options", "settings", "args", "query", "form",
    ];
    let t = relation.trim();
    let Some(rest) = t.strip_prefix(['\'', '"']) else {
        return false;
    };
    let Some(close) = rest.find(['\'', '"']) else {
        return false;
    };
    let tail = rest[close + 1..].trim_start();
    let Some(container) = tail
        .strip_prefix("not in")
        .or_else(|| tail.strip_prefix("in"))
        .map(str::trim)
    else {
        return false;
    };
    let last = container.rsplit('.').next().unwrap_or(container);
    PARSED.contains(&last)
}

/// Whether a branch refuses only with a programming error (`raise ValueError(...)`,
/// `throw new IllegalArgumentException(...)`): an argument check, not an authorization one.
fn argument_error(branch: &str) -> bool {
    const ARGUMENT: &[&str] = &[
        "valueerror",
        "typeerror",
        "keyerror",
        "indexerror",
        "assertionerror",
        "notimplementederror",
        "illegalargumentexception",
        "illegalstateexception",
        "argumentexception",
        "argumentnullexception",
        "invalidargumentexception",
        "argumenterror",
    ];
    const AUTHZ: &[&str] = &[
        "403",
        "401",
        "forbid",
        "unauthori",
        "denied",
        "deny",
        "permission",
        "not allowed",
        "notallowed",
    ];
    ARGUMENT.iter().any(|a| branch.contains(a)) && !AUTHZ.iter().any(|a| branch.contains(a))
}

fn check_of(src: &Source<'_>, node: Node<'_>) -> Check {
    let text = src.text_of(node);
    let key: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && !matches!(*w, "not" | "if" | "unless"))
        .map(str::to_ascii_lowercase)
        .collect();
    words.sort();
    words.dedup();
    let shown = if key.chars().count() > 80 {
        format!("{}…", key.chars().take(79).collect::<String>())
    } else {
        key.clone()
    };
    Check { key, words, shown }
}

fn is_nested_function(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "function_declaration"
            | "method_definition"
            | "arrow_function"
            | "lambda"
            | "lambda_expression"
            | "func_literal"
            | "closure_expression"
            | "method_declaration"
            | "local_function_statement"
            | "anonymous_function"
            | "method"
            | "singleton_method"
            | "function_item"
    )
}

/// If `node` is an `if` (or Ruby modifier) statement: its condition and its branch.
fn guard_clause(language: Language, node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    match (language, node.kind()) {
        (Language::Ruby, "if_modifier" | "unless_modifier") => Some((
            node.child_by_field_name("condition")?,
            node.child_by_field_name("body")?,
        )),
        (Language::Ruby, "if" | "unless") => Some((
            node.child_by_field_name("condition")?,
            node.child_by_field_name("consequence")?,
        )),
        (Language::Php, "if_statement") => Some((
            node.child_by_field_name("condition")?,
            node.child_by_field_name("body")?,
        )),
        (Language::Rust, "if_expression") | (_, "if_statement") => Some((
            node.child_by_field_name("condition")?,
            node.child_by_field_name("consequence")?,
        )),
        _ => None,
    }
}

/// The callee of a call that stands as a statement on its own (its result unused).
fn statement_call_name(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let stmt_kinds = [
        "expression_statement",
        "body_statement",
        "block",
        "compound_statement",
    ];
    let call = match node.kind() {
        "call"
        | "call_expression"
        | "method_invocation"
        | "invocation_expression"
        | "member_call_expression"
        | "function_call_expression"
        | "scoped_call_expression" => node,
        "await_expression" => return None,
        _ => return None,
    };
    let parent = call.parent()?;
    let standalone = stmt_kinds.contains(&parent.kind())
        || (parent.kind() == "await_expression"
            && parent
                .parent()
                .is_some_and(|p| stmt_kinds.contains(&p.kind())));
    if !standalone {
        return None;
    }
    let callee = call
        .child_by_field_name("function")
        .or_else(|| call.child_by_field_name("name"))
        .or_else(|| call.child_by_field_name("method"))?;
    Some(src.text_of(callee).to_string())
}

/// An error handler around the authorization decision that used to refuse and now lets the caller
/// through (`return true`, `next()`, `ctx.Succeed(...)`, `.unwrap_or(true)`).
fn fail_open(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    fail_open_hits(cx.fail_opens(), Decision::Authorization, hits);
}

/// Words of a binding that holds when a grant ends.
fn is_expiry_name(name: &str) -> bool {
    let w = crate::syntax::words(name);
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "expires" | "expiry" | "expiration" | "expire" | "expiresat" | "expiry_at"
        )
    }) || w.windows(2).any(|p| {
        matches!(
            (p[0].as_str(), p[1].as_str()),
            ("valid", "until") | ("not", "after") | ("ends", "at") | ("end", "time")
        )
    })
}

/// Words of the call or function that make a binding part of an access grant (not a token,
/// session or cache entry).
fn grant_context(text: &str) -> bool {
    let w = crate::syntax::words(text);
    let grant = w.iter().any(|x| {
        matches!(
            x.as_str(),
            "grant"
                | "grants"
                | "elevate"
                | "elevation"
                | "elevated"
                | "access"
                | "role"
                | "roles"
                | "permission"
                | "permissions"
                | "privilege"
                | "privileges"
                | "approval"
                | "membership"
                | "assignment"
                | "glass"
                | "jit"
                | "delegation"
                | "lease"
        )
    });
    let other = w.iter().any(|x| {
        matches!(
            x.as_str(),
            "token"
                | "tokens"
                | "jwt"
                | "session"
                | "sessions"
                | "cookie"
                | "cache"
                | "password"
                | "otp"
                | "invite"
                | "invitation"
        )
    });
    grant && !other
}

/// Where a binding sits: the text of its call or literal's callee/type, and its function name.
fn binding_context(src: &Source<'_>, node: Node<'_>) -> String {
    let holder = crate::syntax::ancestor(
        node,
        &[
            "call",
            "call_expression",
            "method_invocation",
            "invocation_expression",
            "member_call_expression",
            "scoped_call_expression",
            "object_creation_expression",
            "new_expression",
            "composite_literal",
            "struct_expression",
        ],
    );
    let callee = holder.map_or(String::new(), |h| {
        let text = src.text_of(h);
        text.split(['(', '{']).next().unwrap_or("").to_string()
    });
    let function = crate::syntax::generic::enclosing_named_function(src, node)
        .map(|(_, n)| n)
        .unwrap_or_default();
    format!("{callee} {function}")
}

/// A grant's expiry set to nothing where the old version gave it one.
fn expiry_dropped(cx: &RuleContext<'_>, old: &Source<'_>, hits: &mut Vec<Hit>) {
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let is_nothing = |src: &Source<'_>, n: Node<'_>| crate::syntax::generic::is_null(src, n);
    for b in &cx.facts().bindings {
        if !is_expiry_name(&b.name) || !is_nothing(cx.new, b.value) {
            continue;
        }
        let context = binding_context(cx.new, b.node);
        if !grant_context(&context) {
            continue;
        }
        let function =
            crate::syntax::generic::enclosing_named_function(cx.new, b.node).map(|(_, n)| n);
        let was = old_facts.bindings.iter().find(|o| {
            o.name == b.name
                && !is_nothing(old, o.value)
                && crate::syntax::generic::enclosing_named_function(old, o.node).map(|(_, n)| n)
                    == function
        });
        let Some(was) = was else {
            continue;
        };
        let where_ = function.map_or(String::new(), |f| format!(" in `{f}`"));
        hits.push(Hit {
            start: b.node.start_byte(),
            end: b.node.end_byte(),
            message: format!(
                "the grant's expiry `{}`{where_} is now `{}` (was `{}`): the elevated access never ends; give every grant an expiry",
                b.name,
                cx.new.text_of(b.value),
                old.text_of(was.value)
            ),
            before: Some(format!("`{}` = `{}`", b.name, old.text_of(was.value))),
            after: Some(format!("`{}` = `{}`", b.name, cx.new.text_of(b.value))),
            measure: None,
        });
    }
}
