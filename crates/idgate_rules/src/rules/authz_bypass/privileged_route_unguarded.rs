//! IDG142 privileged-route-unguarded

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use super::privileged_route_allows_anonymous::is_privileged_path;
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::decl::is_guard_name;
use crate::syntax::facts::Call;
use crate::syntax::generic::{call_shape, string_literal};

declare_rule! {
    /// ## What it does
    /// Flags a route on an admin, internal or management path registered without the guard that
    /// the file's other admin routes carry:
    ///
    /// - Express/Koa-style routers: `router.post('/admin/users/:id/impersonate', admin.impersonate)`
    ///   next to `router.get('/admin/users', requireAuth, requireRole('admin'), ...)`, with no
    ///   earlier `router.use(...)` guard that covers the path;
    /// - axum: `.route("/admin/users/:id", delete(...))` chained after the
    ///   `.route_layer(from_fn(require_admin))` that guards the other admin routes (a layer
    ///   applies only to the routes added before it), or on a router that is never layered.
    ///
    /// The file must show the convention it breaks: at least one other privileged route guarded
    /// by name (`requireRole`, `require_admin`, `authenticate`). Public paths (`/admin/login`,
    /// `/health`) and routes covered by an earlier `use` guard raise nothing.
    ///
    /// ## Why is this bad?
    /// Per-route guards are easy to forget: the new endpoint works in the happy-path test, and
    /// nothing tells the reviewer that its neighbours were protected. An unguarded admin route
    /// hands user management, impersonation or deletion to anyone who finds the URL (CWE-862,
    /// CWE-285), often without even a sign-in (CWE-306).
    ///
    /// ## Example
    /// ```javascript
    /// router.get('/admin/users', requireAuth, requireRole('admin'), admin.listUsers);
    /// router.post('/admin/users/:id/impersonate', admin.impersonate);
    /// ```
    ///
    /// Use instead: guard the route like its neighbours, or guard the whole prefix once
    /// (`router.use('/admin', requireAuth, requireRole('admin'))`, one `route_layer` after every
    /// admin route).
    ///
    /// ## References
    /// - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    /// - [CWE-285: Improper Authorization](https://cwe.mitre.org/data/definitions/285.html)
    /// - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    /// - [OWASP API Security Top 10: API5 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/)
    pub(crate) static RULE = {
        code: "IDG142",
        name: "privileged-route-unguarded",
        category: AuthzBypass,
        cwe: [862, 285, 306],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [JavaScript, TypeScript, Tsx, Rust],
        keywords: ["admin", "internal", "manage", "impersonat", "staff", "sudo", "privileged"],
        summary: "An admin route is registered without the guard its neighbouring admin routes carry.",
        check: check,
    };
}

/// HTTP-method registrations of an Express-style router.
const EXPRESS_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "all"];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    match cx.new.language {
        Language::Rust => axum(cx, hits),
        l if l.is_js_family() => express(cx, hits),
        _ => {}
    }
}

/// An Express-style route: the call, its receiver text, its path and its middleware names.
struct Route<'t> {
    node: Node<'t>,
    receiver: String,
    path: String,
    guards: Vec<String>,
    handlers: usize,
}

fn middleware_name(src: &Source<'_>, node: Node<'_>) -> String {
    let node = call_shape(src, node)
        .and_then(|_| node.child_by_field_name("function"))
        .unwrap_or(node);
    src.text_of(node).to_string()
}

/// The routes and `use` registrations of an Express-style file.
type Uses = Vec<(usize, String, Option<String>, Vec<String>)>;

fn express_routes<'t>(
    src: &Source<'_>,
    facts: &crate::syntax::facts::Facts<'t>,
) -> (Vec<Route<'t>>, Uses) {
    let route = |call: &Call<'_>| -> Option<(String, Option<String>, Vec<String>, usize)> {
        let shape = call_shape(src, call.node)?;
        let receiver = src.text_of(shape.receiver?).to_string();
        let path = shape
            .args
            .first()
            .and_then(|a| string_literal(src, *a))
            .filter(|p| p.starts_with('/'));
        let rest = &shape.args[usize::from(path.is_some())..];
        let guards = rest.iter().map(|a| middleware_name(src, *a)).collect();
        Some((receiver, path, guards, rest.len()))
    };
    let mut routes: Vec<Route<'_>> = Vec::new();
    let mut uses: Vec<(usize, String, Option<String>, Vec<String>)> = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        if name == "use" {
            if let Some((receiver, path, guards, _)) = route(call) {
                uses.push((call.node.start_byte(), receiver, path, guards));
            }
            continue;
        }
        if !EXPRESS_METHODS.contains(&name) {
            continue;
        }
        if let Some((receiver, Some(path), guards, handlers)) = route(call) {
            routes.push(Route {
                node: call.node,
                receiver,
                path,
                guards,
                handlers,
            });
        }
    }
    (routes, uses)
}

fn express(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let (routes, uses) = express_routes(cx.new, cx.facts());
    // A guard removed from an existing route is auth-guard-removed's finding.
    let old_guarded: Vec<(String, String)> = match (cx.old, cx.old_facts()) {
        (Some(old), Some(old_facts)) => express_routes(old, old_facts)
            .0
            .into_iter()
            .filter(|r| r.handlers > 1)
            .map(|r| (r.receiver, r.path))
            .collect(),
        _ => Vec::new(),
    };
    // The convention: another privileged route of the same router guarded by name.
    for r in &routes {
        // `withAdmin(handler)`: the handler is wrapped in a guard.
        let wrapped = r.guards.first().is_some_and(|g| is_guard_name(g));
        if r.handlers != 1
            || wrapped
            || !is_privileged_path(&r.path)
            || old_guarded
                .iter()
                .any(|(recv, path)| recv == &r.receiver && path == &r.path)
        {
            continue;
        }
        let neighbour = routes.iter().find(|o| {
            o.node.id() != r.node.id()
                && o.receiver == r.receiver
                && is_privileged_path(&o.path)
                && o.guards[..o.guards.len().saturating_sub(1)]
                    .iter()
                    .any(|g| is_guard_name(g))
        });
        let Some(neighbour) = neighbour else {
            continue;
        };
        // An earlier `use` on the same router with a guard covering the path.
        let covered = uses.iter().any(|(at, receiver, path, guards)| {
            *at < r.node.start_byte()
                && receiver == &r.receiver
                && path.as_deref().is_none_or(|p| r.path.starts_with(p))
                && guards.iter().any(|g| is_guard_name(g))
        });
        if covered {
            continue;
        }
        let guard = neighbour.guards[..neighbour.guards.len() - 1].join(", ");
        hits.push(Hit {
            start: r.node.start_byte(),
            end: r.node.end_byte(),
            message: format!(
                "`{}` is registered without a guard while `{}` on the same router requires `{guard}`: anyone can call it; add the same guard (or guard the prefix once with `{}.use`)",
                r.path, neighbour.path, r.receiver
            ),
            before: None,
            after: Some(format!("`{}` with no guard middleware", r.path)),
            measure: None,
        });
    }
}

/// The method calls chained on `call` after it (`.route(...).route_layer(...)`), innermost first.
fn chained_after<'t>(src: &Source<'_>, call: Node<'t>) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    let mut cur = call;
    while let Some(field) = cur.parent().filter(|p| p.kind() == "field_expression")
        && let Some(outer) = field.parent().filter(|p| p.kind() == "call_expression")
    {
        if let Some(shape) = call_shape(src, outer) {
            out.push((shape.name, outer));
        }
        cur = outer;
    }
    out
}

fn is_guard_layer(src: &Source<'_>, layer: Node<'_>) -> bool {
    let text = src.text_of(layer);
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| !w.is_empty() && is_guard_name(w) && w != "route_layer" && w != "layer")
}

fn axum(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let mut routes: Vec<(Node<'_>, String, bool)> = Vec::new();
    for call in &facts.calls {
        if call.name() != "route" {
            continue;
        }
        let Some(path) = call.args.first().and_then(|a| string_literal(src, *a)) else {
            continue;
        };
        if !path.starts_with('/') {
            continue;
        }
        let guarded = chained_after(src, call.node).iter().any(|(name, n)| {
            matches!(name.as_str(), "route_layer" | "layer") && is_guard_layer(src, *n)
        });
        routes.push((call.node, path, guarded));
    }
    for (node, path, guarded) in &routes {
        if *guarded || !is_privileged_path(path) {
            continue;
        }
        let Some((_, neighbour, _)) = routes
            .iter()
            .find(|(n, p, g)| *g && n.id() != node.id() && is_privileged_path(p))
        else {
            continue;
        };
        hits.push(Hit {
            start: node_start(*node),
            end: node.end_byte(),
            message: format!(
                "`{path}` is added after (or without) the guard layer that protects `{neighbour}`: an axum `route_layer` covers only the routes added before it, so anyone can call this one; add it before the layer or give it the same guard"
            ),
            before: None,
            after: Some(format!("`{path}` with no guard layer")),
            measure: None,
        });
    }
}

/// A chained `.route(...)` is reported on its own line, not where the builder chain starts.
fn node_start(node: Node<'_>) -> usize {
    node.child_by_field_name("function")
        .and_then(|f| f.child_by_field_name("field"))
        .map_or(node.start_byte(), |f| f.start_byte())
}
