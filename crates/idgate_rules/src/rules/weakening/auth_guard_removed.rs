//! IDG401 auth-guard-removed

use std::collections::HashMap;

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::decl::{DeclKind, Guard, is_guard_name, pair};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::fail_open::{Decision, fail_open_hits};
use crate::syntax::{descendants, line_bytes, map_line};

declare_rule! {
    /// ## What it does
    /// Compares the old and the new version of a changed file and flags an authentication or
    /// authorization guard that the change took away:
    ///
    /// - a guard decorator, annotation or attribute removed from a function, method or class
    ///   (`@login_required`, `@PreAuthorize`, `[Authorize]`, `@UseGuards(...)`, `#[IsGranted]`,
    ///   a FastAPI `Depends(get_current_user)` parameter), or an anti-guard added to it
    ///   (`[AllowAnonymous]`, `@PermitAll`, `@Public()`);
    /// - a Rails `before_action :authenticate_user!` removed from a controller, or a
    ///   `skip_before_action` of it added;
    /// - a guard middleware removed from a route registration (`router.get('/admin', requireAuth,
    ///   handler)`, Laravel `->middleware('auth')`, a Go handler no longer wrapped in `auth(...)`);
    /// - a guard detached from a router, group or endpoint while its routes stay (`router.use
    ///   (requireSession)`, chi `r.Use(authn.Verifier)`, gin `r.Group("/x", JWTAuth())`, axum
    ///   `.route_layer(from_fn(require_session))`, `Route::middleware('auth')->group(...)`,
    ///   ASP.NET Core `.RequireAuthorization()`), or an exemption chained onto one
    ///   (`$this->middleware('auth')->except([...])`);
    /// - an authentication extractor parameter removed from a Rust handler (`user: AuthUser`,
    ///   `claims: Claims`);
    /// - a Spring Security matcher moved to `permitAll()`;
    /// - a path dropped from the `matcher` of a Next.js `middleware` that authenticates
    ///   (`matcher: ['/dashboard/:path*', '/admin/:path*']` → without `/admin/:path*`), when no
    ///   remaining pattern covers it;
    /// - authentication made to fail open: an error handler (`except`, `catch`, `rescue`, Go's
    ///   `if err != nil`) around a token, session or identity-provider call that used to refuse
    ///   the caller and now returns `true`, calls `next()` or carries on, or a Rust
    ///   `.unwrap_or(true)` on such a call.
    ///
    /// Functions are paired across the versions by name and, when renamed or moved, by body
    /// similarity, so a renamed function is compared with its old self. Replacing one guard with
    /// another (for example `@login_required` with `@permission_required("x")`) raises nothing.
    ///
    /// ## Why is this bad?
    /// The code behind the route is unchanged, so the diff reads as a harmless clean-up, but the
    /// route is now open to anyone (CWE-306, CWE-287) or to any signed-in user (CWE-862).
    /// Agents remove guards to make a failing test or a 401 go away.
    ///
    /// ## Example
    /// ```python
    /// @app.route("/admin/users")
    /// def list_users():          # `@login_required` was here
    ///     return render_users()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// @app.route("/admin/users")
    /// @login_required
    /// def list_users():
    ///     return render_users()
    /// ```
    /// If the route must be public, say so in the review and waive the finding with a reason.
    ///
    /// ## References
    /// - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG401",
        name: "auth-guard-removed",
        category: AuthnBypass,
        cwe: [306, 287, 862],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Java, CSharp, Php, Rust, Ruby, Go],
        keywords: [
            "auth", "login", "guard", "permission", "role", "secured", "protect", "require",
            "permitall", "allowanonymous", "public", "before_action", "middleware", "depends",
            "jwt", "token", "admin", "granted"
        ],
        drift_only: true,
        summary: "An authentication or authorization guard was removed from a function, route or class.",
        check: check,
    };
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return; // a weakening needs a before
    };
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let new_facts = cx.facts();
    declarations_weakened(cx, new_facts, hits);
    fail_open(cx, hits);
    routes_weakened(cx, old, old_facts, new_facts, hits);
    attachments_lost(cx, old, old_facts, new_facts, hits);
    if cx.new.language == Language::Java {
        matchers_opened(cx, old, old_facts, new_facts, hits);
    }
    if cx.new.language.is_js_family() {
        middleware_matcher_narrowed(cx, old, old_facts, new_facts, hits);
    }
}

/// Whether the file's Next.js `middleware` function authenticates (reads a session or token,
/// redirects to a sign-in page, answers 401).
fn authenticating_middleware(src: &Source<'_>) -> bool {
    descendants(src.tree.root_node()).any(|n| {
        crate::syntax::FUNCTION_KINDS.contains(&n.kind())
            && n.child_by_field_name("name")
                .is_some_and(|x| src.text_of(x) == "middleware")
            && n.child_by_field_name("body").is_some_and(|b| {
                let t = src.text_of(b).to_ascii_lowercase();
                [
                    "session", "token", "auth", "login", "signin", "jwt", "401", "verify",
                ]
                .iter()
                .any(|w| t.contains(w))
            })
    })
}

/// The string patterns of the `matcher` export of a Next.js middleware file, with its node.
fn middleware_matchers<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Option<(Node<'t>, Vec<String>)> {
    let b = facts.bindings.iter().find(|b| b.name == "matcher")?;
    let patterns = descendants(b.value)
        .filter_map(|n| crate::syntax::generic::string_literal(src, n))
        .collect();
    Some((b.node, patterns))
}

/// The literal prefix of a path pattern (`/admin/:path*` → `/admin/`).
fn static_prefix(pattern: &str) -> &str {
    let end = pattern
        .find([':', '(', '*', '[', '?'])
        .unwrap_or(pattern.len());
    &pattern[..end]
}

fn middleware_matcher_narrowed(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    new_facts: &Facts<'_>,
    hits: &mut Vec<Hit>,
) {
    if !authenticating_middleware(cx.new) || !authenticating_middleware(old) {
        return;
    }
    let (Some((_, before)), Some((node, after))) = (
        middleware_matchers(old, old_facts),
        middleware_matchers(cx.new, new_facts),
    ) else {
        return;
    };
    let dropped: Vec<&String> = before
        .iter()
        .filter(|p| !after.contains(p))
        .filter(|p| {
            let prefix = static_prefix(p);
            !after.iter().any(|a| prefix.starts_with(static_prefix(a)))
        })
        .collect();
    let Some(first) = dropped.first() else {
        return;
    };
    let shown: Vec<String> = dropped.iter().map(|p| format!("`{p}`")).collect();
    hits.push(Hit {
        start: node.start_byte(),
        end: node.end_byte(),
        message: format!(
            "the Next.js middleware `matcher` no longer includes {} — requests to {first} skip the authentication in `middleware`; keep the path in the matcher or authenticate it in its route",
            shown.join(", ")
        ),
        before: Some(format!("matcher covers {}", shown.join(", "))),
        after: Some("not matched: no authentication".to_string()),
        measure: None,
    });
}

fn names(gs: &[Guard]) -> Vec<&str> {
    gs.iter().map(|g| g.name.as_str()).collect()
}

fn declarations_weakened(cx: &RuleContext<'_>, new_facts: &Facts<'_>, hits: &mut Vec<Hit>) {
    let (Some(old_decls), new_decls) = (cx.old_decls(), cx.decls()) else {
        return;
    };
    let shared = container_guards(cx.new, new_facts);
    for (i, j) in pair(old_decls, new_decls) {
        let (o, n) = (&old_decls[i], &new_decls[j]);
        // A guard moved up to the enclosing class (`@UseGuards` on the controller) or to the
        // router or app (`APIRouter(dependencies=[Depends(current_user)])`, `app.use(auth)`)
        // still applies.
        let class_guards: Vec<&str> = match n.qualified.rsplit_once('.') {
            Some((class, _)) if n.kind == DeclKind::Function => new_decls
                .iter()
                .filter(|d| d.kind == DeclKind::Class && d.qualified == class)
                .flat_map(|d| d.guards.iter().map(|g| g.name.as_str()))
                .collect(),
            _ => Vec::new(),
        };
        let what = match n.kind {
            DeclKind::Function => format!("`{}`", n.name),
            DeclKind::Class => format!("class `{}`", n.name),
        };
        let renamed = if o.name == n.name {
            String::new()
        } else {
            format!(" (renamed from `{}`)", o.name)
        };
        let place = match (&n.route, n.kind) {
            (Some(r), _) => format!("the route `{r}`"),
            (None, DeclKind::Class) => "each of its actions".to_string(),
            (None, DeclKind::Function) => format!("`{}`", n.name),
        };
        let old_names = names(&o.guards);
        let new_names = names(&n.guards);
        // A new guard in place of the old one is a replacement, not a removal.
        let replaced = new_names.iter().any(|g| !old_names.contains(g));
        if !replaced {
            let removed: Vec<&Guard> = o
                .guards
                .iter()
                .filter(|g| !new_names.contains(&g.name.as_str()))
                .filter(|g| !shared.contains(&g.name))
                .filter(|g| !class_guards.contains(&g.name.as_str()))
                .collect();
            // The class still authenticates: a role restriction lost under it is an
            // authorization matter (authz-check-removed's), not an open route.
            let removed: Vec<&Guard> = if class_guards.is_empty() {
                removed
            } else {
                Vec::new()
            };
            if let Some(first) = removed.first() {
                let shown: Vec<&str> = removed.iter().map(|g| g.shown.as_str()).collect();
                let consequence = if n.guards.is_empty() {
                    format!("{place} no longer requires a signed-in, authorized caller")
                } else {
                    format!("{place} keeps {} but lost a check", n.guards[0].shown)
                };
                hits.push(Hit {
                    start: n.name_node.start_byte(),
                    end: n.name_node.end_byte(),
                    message: format!(
                        "`{}` removed from {what}{renamed} — {consequence}",
                        first.shown
                    ),
                    before: Some(format!("{} on {}", shown.join(", "), o.name)),
                    after: Some(if n.guards.is_empty() {
                        "no authentication or authorization guard".to_string()
                    } else {
                        format!("only {}", names(&n.guards).join(", "))
                    }),
                    measure: None,
                });
            }
        }
        let old_anti = names(&o.anti_guards);
        for anti in n
            .anti_guards
            .iter()
            .filter(|a| !old_anti.contains(&a.name.as_str()))
        {
            hits.push(Hit {
                start: n.name_node.start_byte(),
                end: n.name_node.end_byte(),
                message: format!(
                    "`{}` added to {what}{renamed} — {place} now skips authentication that applied before",
                    anti.shown
                ),
                before: Some(if o.guards.is_empty() {
                    "authentication as configured for the app or class".to_string()
                } else {
                    format!("guarded by {}", names(&o.guards).join(", "))
                }),
                after: Some(format!("{} switches the guard off", anti.shown)),
                measure: None,
            });
        }
    }
}

/// Guard names applied to many routes at once in the new version: FastAPI router or app
/// `dependencies=[Depends(x)]`, Express/Koa `app.use(x)` / `router.use(x)`, and class-level or
/// module-level `UseGuards(x)`.
fn container_guards(src: &Source<'_>, facts: &Facts<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        let inside_function_params = descendants_up(call.node)
            .any(|p| matches!(p.kind(), "parameters" | "formal_parameters"));
        match name {
            "Depends" | "Security" if !inside_function_params => {
                if let Some(arg) = call.args.first() {
                    let text = src.text_of(*arg);
                    out.push(text.rsplit('.').next().unwrap_or(text).to_string());
                }
            }
            // A method's own `@UseGuards(...)` guards that method only.
            "UseGuards" if on_method(call.node) => {}
            "use" | "UseGuards" => {
                for arg in &call.args {
                    for n in shallow(*arg) {
                        if matches!(n.kind(), "identifier" | "property_identifier") {
                            out.push(src.text_of(n).to_string());
                        }
                    }
                }
                if name == "UseGuards" {
                    out.push("UseGuards".to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `node` sits in a decorator of a method (not of a class).
fn on_method(node: Node<'_>) -> bool {
    descendants_up(node)
        .find(|p| p.kind() == "decorator")
        .and_then(|d| d.parent())
        .is_some_and(|p| matches!(p.kind(), "class_body" | "method_definition"))
}

/// `node` and its ancestors.
fn descendants_up(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(Some(node), |n| n.parent())
}

/// A route registration: a call whose first argument is a literal path.
struct Route<'t> {
    key: (String, String),
    call: Node<'t>,
    guards: Vec<(String, String)>,
}

fn routes<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<Route<'t>> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let Some(path) = call.args.first().and_then(|a| literal(src, *a)) else {
            continue;
        };
        if !path.starts_with('/') || call.args.len() < 2 {
            continue;
        }
        let guards = route_guards(src, call);
        out.push(Route {
            key: (call.written.clone(), path),
            call: call.node,
            guards,
        });
    }
    out
}

/// Guard names among a registration's arguments (not inside the handler's own body) and in a
/// chained `.middleware(...)`.
fn route_guards(src: &Source<'_>, call: &Call<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for arg in call.args.iter().skip(1) {
        for n in shallow(*arg) {
            let name = match n.kind() {
                "identifier" | "property_identifier" | "field_identifier" => src.text_of(n),
                "string_fragment" | "string_content" | "interpreted_string_literal_content" => {
                    src.text_of(n)
                }
                _ => continue,
            };
            let last = name.rsplit([':', '.']).next().unwrap_or(name);
            if is_guard_name(last) {
                out.push((last.to_string(), name.to_string()));
            }
        }
    }
    // Laravel: `Route::get(...)->middleware('auth')`.
    if let Some(parent) = call.node.parent()
        && matches!(
            parent.kind(),
            "member_call_expression" | "member_expression"
        )
        && let Some(outer) = parent
            .parent()
            .filter(|p| p.kind() != "program")
            .or(Some(parent))
    {
        let chained = if parent.kind() == "member_call_expression" {
            Some(parent)
        } else {
            Some(outer)
        };
        if let Some(ch) = chained
            && ch
                .child_by_field_name("name")
                .or_else(|| ch.child_by_field_name("property"))
                .is_some_and(|m| src.text_of(m) == "middleware")
        {
            let args = ch.child_by_field_name("arguments");
            for n in args
                .into_iter()
                .flat_map(descendants)
                .filter(|n| matches!(n.kind(), "string_content" | "string_fragment"))
            {
                let name = src.text_of(n);
                if is_guard_name(name) {
                    out.push((name.to_string(), format!("middleware('{name}')")));
                }
            }
        }
    }
    out
}

/// Nodes under `node` that are not inside a nested function body (a handler's own code is not
/// a guard of the registration).
fn shallow(node: Node<'_>) -> Vec<Node<'_>> {
    const BODIES: &[&str] = &[
        "arrow_function",
        "function",
        "function_expression",
        "func_literal",
        "lambda",
        "lambda_expression",
        "closure_expression",
        "anonymous_function",
        "block",
        "statement_block",
    ];
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if BODIES.contains(&n.kind()) {
            continue;
        }
        out.push(n);
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

fn literal(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let kinds = [
        "string",
        "string_literal",
        "interpreted_string_literal",
        "raw_string_literal",
        "encapsed_string",
        "template_string",
    ];
    if !kinds.contains(&node.kind()) {
        return None;
    }
    let text = src.text_of(node);
    Some(
        text.trim_matches(|c| c == '"' || c == '\'' || c == '`')
            .to_string(),
    )
}

fn routes_weakened(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    new_facts: &Facts<'_>,
    hits: &mut Vec<Hit>,
) {
    let mut before: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
    for r in routes(old, old_facts) {
        before.entry(r.key).or_default().extend(r.guards);
    }
    for r in routes(cx.new, new_facts) {
        let Some(old_guards) = before.get(&r.key) else {
            continue;
        };
        let new_names: Vec<&str> = r.guards.iter().map(|(n, _)| n.as_str()).collect();
        if new_names
            .iter()
            .any(|n| !old_guards.iter().any(|(o, _)| o == n))
        {
            continue; // replaced by another guard
        }
        let removed: Vec<&(String, String)> = old_guards
            .iter()
            .filter(|(n, _)| !new_names.contains(&n.as_str()))
            .collect();
        let Some((_, shown)) = removed.first() else {
            continue;
        };
        let (_, path) = &r.key;
        hits.push(Hit {
            start: r.call.start_byte(),
            end: r.call.end_byte(),
            message: format!(
                "guard `{shown}` removed from the registration of `{path}` — the route no longer requires an authenticated caller"
            ),
            before: Some(format!("`{path}` behind {shown}")),
            after: Some(if new_names.is_empty() {
                format!("`{path}` with no guard")
            } else {
                format!("`{path}` behind {} only", new_names.join(", "))
            }),
            measure: None,
        });
    }
}

/// Spring Security: the access rule chained after a matcher (`requestMatchers("/admin/**")
/// .hasRole("ADMIN")`), keyed by the matcher's patterns.
fn matchers<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<(String, String, Node<'t>)> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        if !matches!(
            name,
            "requestMatchers"
                | "antMatchers"
                | "mvcMatchers"
                | "pathMatchers"
                | "anyRequest"
                | "anyExchange"
        ) {
            continue;
        }
        let key = if call.args.is_empty() {
            name.to_string()
        } else {
            call.args
                .iter()
                .map(|a| src.text_of(*a).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(outer) = call
            .node
            .parent()
            .filter(|p| p.kind() == "method_invocation")
        else {
            continue;
        };
        if outer.child_by_field_name("object").map(|o| o.id()) != Some(call.node.id()) {
            continue;
        }
        let Some(access) = outer.child_by_field_name("name") else {
            continue;
        };
        let access_args = outer
            .child_by_field_name("arguments")
            .map_or("()", |a| src.text_of(a));
        out.push((key, format!("{}{access_args}", src.text_of(access)), access));
    }
    out
}

fn matchers_opened(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    new_facts: &Facts<'_>,
    hits: &mut Vec<Hit>,
) {
    let before: HashMap<String, String> = matchers(old, old_facts)
        .into_iter()
        .map(|(k, a, _)| (k, a))
        .collect();
    for (key, access, node) in matchers(cx.new, new_facts) {
        if access != "permitAll()" {
            continue;
        }
        let Some(was) = before.get(&key) else {
            continue;
        };
        if was == "permitAll()" {
            continue;
        }
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "Spring Security matcher {key} moved from `{was}` to `permitAll()` — those paths no longer require authentication"
            ),
            before: Some(format!("{key} → {was}")),
            after: Some(format!("{key} → permitAll()")),
            measure: None,
        });
    }
}

/// An error handler around the authentication decision that used to refuse and now lets the caller
/// through (`return true`, `next()`, `ctx.Succeed(...)`, `.unwrap_or(true)`).
fn fail_open(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    fail_open_hits(cx.fail_opens(), Decision::Authentication, hits);
}

/// Calls that attach middleware or a guard to a router, a group or a route: `app.use(auth)`,
/// chi `r.Use(mw)` / `r.With(mw)`, gin `r.Group("/x", mw)`, axum `.layer(...)` /
/// `.route_layer(...)`, Laravel `Route::middleware('auth')`, Rails-style `before(...)`.
const ATTACH: &[&str] = &[
    "use",
    "Use",
    "With",
    "with",
    "Group",
    "group",
    "layer",
    "route_layer",
    "wrap",
    "middleware",
    "UseMiddleware",
    "addFilterBefore",
    "addFilter",
    "before",
];

/// One guard attached to something, as found in a file.
struct Attachment<'t> {
    /// The guard's comparable name.
    name: String,
    /// The call as a reviewer would read it (folded).
    shown: String,
    /// The call's text without whitespace, to match an attachment with its old self.
    key: String,
    /// The statement holding it.
    statement: Node<'t>,
    /// Whether an exemption is chained on it (`->except([...])`, `.exclude(...)`).
    exempted: bool,
}

fn attachments<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<Attachment<'t>> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        let mut found: Vec<String> = Vec::new();
        if ATTACH.contains(&name) {
            for arg in &call.args {
                for n in shallow(*arg) {
                    let text = match n.kind() {
                        "identifier"
                        | "property_identifier"
                        | "field_identifier"
                        | "type_identifier"
                        | "name"
                        | "constant" => src.text_of(n),
                        "string_fragment"
                        | "string_content"
                        | "interpreted_string_literal_content" => src.text_of(n),
                        _ => continue,
                    };
                    // `auth:sanctum`, `auth.basic`: any segment can name the guard.
                    if text.split([':', '.']).any(is_guard_name) {
                        found.push(text.to_string());
                    }
                }
            }
        } else if name.to_ascii_lowercase().starts_with("require")
            && is_guard_name(name)
            && chained_on_call(call.node)
        {
            // `app.MapPost(...).RequireAuthorization()`, `.RequireAuthenticatedUser()`.
            found.push(name.to_string());
        }
        if found.is_empty() {
            continue;
        }
        let statement = statement_of(call.node);
        let exempted = chain_after(src, call.node).iter().any(|m| {
            matches!(
                m.as_str(),
                "except" | "exclude" | "excluding" | "withoutMiddleware" | "unless"
            )
        });
        let text = src.text_of(call.node);
        let key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        // A chained guard reads best as itself: `.RequireAuthorization()`.
        let shown = match call.node.child_by_field_name("function") {
            Some(f) if !ATTACH.contains(&name) => {
                let from = f
                    .child_by_field_name("name")
                    .or_else(|| f.child_by_field_name("property"))
                    .map_or(f.start_byte(), |n| n.start_byte());
                format!(
                    ".{}",
                    fold(src.text.get(from..call.node.end_byte()).unwrap_or(text))
                )
            }
            _ => fold(text),
        };
        for name in found {
            out.push(Attachment {
                name,
                shown: shown.clone(),
                key: key.clone(),
                statement,
                exempted,
            });
        }
    }
    out
}

/// Whether the callee's receiver is itself a call (`x.MapGet(...).RequireAuthorization()`).
fn chained_on_call(node: Node<'_>) -> bool {
    let callee = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("object"));
    let receiver = callee.and_then(|c| {
        c.child_by_field_name("object")
            .or_else(|| c.child_by_field_name("expression"))
            .or_else(|| c.child_by_field_name("operand"))
            .or_else(|| c.child_by_field_name("value"))
    });
    let receiver = receiver.or_else(|| node.child_by_field_name("object"));
    receiver.is_some_and(|r| {
        matches!(
            r.kind(),
            "call_expression"
                | "invocation_expression"
                | "method_invocation"
                | "member_call_expression"
                | "call"
        )
    })
}

/// Method names chained after `node` (`->except([...])` on `$this->middleware('auth')`).
fn chain_after(src: &Source<'_>, node: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = node;
    while let Some(p) = cur.parent() {
        let member = match p.kind() {
            "member_call_expression"
            | "member_expression"
            | "field_expression"
            | "selector_expression"
            | "member_access_expression"
            | "method_invocation"
            | "attribute" => p,
            "call_expression" | "call" | "invocation_expression" => {
                cur = p;
                continue;
            }
            _ => break,
        };
        if let Some(m) = member
            .child_by_field_name("name")
            .or_else(|| member.child_by_field_name("property"))
            .or_else(|| member.child_by_field_name("field"))
            .or_else(|| member.child_by_field_name("attribute"))
        {
            out.push(src.text_of(m).to_string());
        }
        cur = member;
    }
    out
}

/// The statement that holds `node`.
fn statement_of(node: Node<'_>) -> Node<'_> {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if matches!(
            p.kind(),
            "program"
                | "source_file"
                | "module"
                | "block"
                | "statement_block"
                | "compound_statement"
                | "statement_list"
                | "declaration_list"
                | "body_statement"
                | "global_statement"
                | "translation_unit"
                | "compilation_unit"
        ) {
            return cur;
        }
        cur = p;
    }
    node
}

fn fold(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > 80 {
        format!("{}…", folded.chars().take(79).collect::<String>())
    } else {
        folded
    }
}

/// Whether `src` still registers routes (a call whose first argument is a literal path).
fn has_routes(src: &Source<'_>, facts: &Facts<'_>) -> bool {
    facts.calls.iter().any(|c| {
        c.args
            .first()
            .and_then(|a| literal(src, *a))
            .is_some_and(|p| p.starts_with('/') || p.is_empty())
    })
}

/// A guard middleware attached to a router, group or route that the change removed (the routes
/// it covered are still registered), or an exemption (`->except([...])`) chained onto one.
fn attachments_lost(
    cx: &RuleContext<'_>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    new_facts: &Facts<'_>,
    hits: &mut Vec<Hit>,
) {
    let before = attachments(old, old_facts);
    if before.is_empty() {
        return;
    }
    let after = attachments(cx.new, new_facts);
    // Another guard in its place is a replacement, not a removal.
    if after
        .iter()
        .any(|a| !before.iter().any(|b| b.name == a.name))
    {
        return;
    }
    let mut left: Vec<&Attachment<'_>> = after.iter().collect();
    // Unchanged attachments first, so a removal is blamed on the one that changed.
    let mut pending = Vec::new();
    for b in &before {
        match left
            .iter()
            .position(|a| a.name == b.name && a.key == b.key && a.exempted == b.exempted)
        {
            Some(i) => {
                left.remove(i);
            }
            None => pending.push(b),
        }
    }
    let mut lost = Vec::new();
    for b in pending {
        match left.iter().position(|a| a.name == b.name) {
            Some(i) => {
                let a = left.remove(i);
                if a.exempted && !b.exempted {
                    push_hit(
                        cx,
                        a.statement.start_byte(),
                        a.statement.end_byte(),
                        format!(
                            "an exemption was chained onto `{}` — the routes it lists no longer require an authenticated caller",
                            b.shown
                        ),
                        b.shown.clone(),
                        fold(cx.new.text_of(a.statement)),
                        hits,
                    );
                }
            }
            None => lost.push(b),
        }
    }
    if lost.is_empty() || !has_routes(cx.new, new_facts) {
        return;
    }
    let hunks = idgate_core::line_hunks(old.text, cx.new.text);
    let mut seen_lines = Vec::new();
    for b in lost {
        let old_line = old.line_of(b.statement.start_byte());
        let line = map_line(&hunks, cx.new.text, old_line).0;
        if seen_lines.contains(&line) {
            continue;
        }
        seen_lines.push(line);
        let Some((start, end)) = line_bytes(cx.new.text, line) else {
            continue;
        };
        // routes_weakened already named this registration.
        if hits
            .iter()
            .any(|h| cx.new.line_of(h.start) <= line && line <= cx.new.line_of(h.end.max(1) - 1))
        {
            continue;
        }
        push_hit(
            cx,
            start,
            end,
            format!(
                "guard `{}` removed (was `{}`, line {old_line} before) — the routes it covered no longer require an authenticated caller",
                b.name, b.shown
            ),
            b.shown.clone(),
            "no such guard".to_string(),
            hits,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn push_hit(
    _cx: &RuleContext<'_>,
    start: usize,
    end: usize,
    message: String,
    before: String,
    after: String,
    hits: &mut Vec<Hit>,
) {
    hits.push(Hit {
        start,
        end,
        message,
        before: Some(before),
        after: Some(after),
        measure: None,
    });
}
