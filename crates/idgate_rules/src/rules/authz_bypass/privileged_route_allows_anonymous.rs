//! IDG140 privileged-route-allows-anonymous

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::{Call, Decoration, Facts};
use crate::syntax::generic::{call_shape, string_literal};
use crate::syntax::words;

declare_rule! {
    /// ## What it does
    /// Flags an authorization default or override that lets anonymous callers into privileged or
    /// writable endpoints:
    ///
    /// - Django REST framework: `permission_classes = [AllowAny]` on a view whose name says admin,
    ///   staff, roles or permissions, or on a writable `ModelViewSet`; `@permission_classes([AllowAny])`
    ///   on such a function view; `DEFAULT_PERMISSION_CLASSES` set to `AllowAny`;
    /// - Spring Security: `.anyRequest().permitAll()`, `requestMatchers("/admin/**").permitAll()`
    ///   (and `antMatchers`, `mvcMatchers`, `pathMatchers`) on an admin, internal, management or
    ///   actuator path; `@PermitAll` or `@PreAuthorize("permitAll()")` on an admin method or class,
    ///   or on a method of a class restricted with `@RolesAllowed`;
    /// - ASP.NET Core: `[AllowAnonymous]` on an admin controller or action, or on an action of a
    ///   controller restricted with `[Authorize(Roles = ...)]`/`[Authorize(Policy = ...)]`;
    ///   `.AllowAnonymous()` on a minimal-API admin route;
    /// - Rails: `skip_before_action :authenticate_user!` (or another authentication or admin
    ///   filter), `skip_authorization_check` and `skip_after_action :verify_authorized` in an
    ///   admin controller;
    /// - NestJS: `@Public()`, `@SkipAuth()` or `@AllowAnonymous()` on a handler of an admin
    ///   controller or one that also requires an admin role;
    /// - Laravel: `withoutMiddleware('auth')` on an admin route.
    ///
    /// `AllowAny` and `permitAll` on login, signup, password reset, health, public and static
    /// endpoints raise nothing.
    ///
    /// ## Why is this bad?
    /// These switches are how a framework says "no authorization here". On an admin or writable
    /// endpoint they hand user management, role changes or data deletion to anyone on the network.
    /// Agents add them to get past a 401 or 403 in a test, and the diff reads as a one-line
    /// configuration change.
    ///
    /// ## Example
    /// ```python
    /// class AdminUserViewSet(viewsets.ModelViewSet):
    ///     permission_classes = [AllowAny]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class AdminUserViewSet(viewsets.ModelViewSet):
    ///     permission_classes = [IsAdminUser]
    /// ```
    ///
    /// ## References
    /// - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    /// - [CWE-863: Incorrect Authorization](https://cwe.mitre.org/data/definitions/863.html)
    /// - [CWE-285: Improper Authorization](https://cwe.mitre.org/data/definitions/285.html)
    /// - [CWE-639: Authorization Bypass Through User-Controlled Key](https://cwe.mitre.org/data/definitions/639.html)
    /// - [OWASP API Security Top 10: API5 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/)
    pub(crate) static RULE = {
        code: "IDG140",
        name: "privileged-route-allows-anonymous",
        category: AuthzBypass,
        cwe: [862, 863, 285, 639],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Java, CSharp, Ruby, Php],
        keywords: ["AllowAny", "permitAll", "PermitAll", "AllowAnonymous", "skip_before_action", "skip_authorization_check", "skip_after_action", "@Public", "SkipAuth", "withoutMiddleware"],
        summary: "An admin or writable endpoint is opened to anonymous callers.",
        check: check,
    };
}

/// Words that make a name or path privileged.
const PRIVILEGED: &[&str] = &[
    "admin",
    "admins",
    "administrator",
    "administration",
    "superuser",
    "staff",
    "internal",
    "manage",
    "management",
    "backoffice",
    "moderator",
    "moderation",
    "role",
    "roles",
    "permission",
    "permissions",
    "sudo",
    "impersonate",
    "impersonation",
    "privileged",
];

/// Words that make an endpoint public by nature.
const PUBLIC: &[&str] = &[
    "login",
    "logout",
    "signin",
    "signup",
    "register",
    "registration",
    "health",
    "healthz",
    "healthcheck",
    "status",
    "ping",
    "public",
    "static",
    "assets",
    "css",
    "js",
    "images",
    "img",
    "favicon",
    "password",
    "forgot",
    "reset",
    "verify",
    "verification",
    "confirm",
    "activate",
    "callback",
    "webhook",
    "docs",
    "swagger",
    "openapi",
    "schema",
    "version",
    "csrf",
    "captcha",
    "readiness",
    "liveness",
    "ready",
    "live",
    "info",
    "metrics",
    "error",
    "token",
    "refresh",
    "oauth",
    "oauth2",
    "sso",
    "saml",
    "auth",
    "authenticate",
    "authentication",
    "invite",
    "invitation",
    "welcome",
    "landing",
    "home",
    "index",
    "about",
    "contact",
    "terms",
    "privacy",
    "session",
    "sessions",
    "registrations",
    "passwords",
    "confirmations",
    "unlocks",
    "omniauth",
    "callbacks",
];

fn is_privileged(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|x| PRIVILEGED.contains(&x.as_str()))
        && !w.iter().any(|x| PUBLIC.contains(&x.as_str()))
}

fn is_public(name: &str) -> bool {
    words(name).iter().any(|x| PUBLIC.contains(&x.as_str()))
}

/// A Rails action that is public by nature: `login`, `health`; not `index` or `home`, which in an
/// admin controller are the admin's pages.
fn is_public_action(action: &str) -> bool {
    is_public(action)
        && !matches!(
            action,
            "index" | "home" | "about" | "contact" | "terms" | "privacy" | "welcome" | "landing"
        )
}

/// A URL pattern that is privileged: `/admin/**`, `/internal/...`, `/actuator/**` (not health
/// or info).
pub(crate) fn is_privileged_path(path: &str) -> bool {
    let segments: Vec<String> = path
        .split(['/', '.', '*', '{', '}', '?', '-', '_'])
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if segments.iter().any(|s| PUBLIC.contains(&s.as_str())) {
        return false;
    }
    segments
        .iter()
        .any(|s| PRIVILEGED.contains(&s.as_str()) || s == "actuator" || s == "console")
}

/// Where a finding sits and what it says.
struct Found<'t> {
    /// The node; a chained call is reported from its matcher (`.requestMatchers(...)`) on.
    node: Node<'t>,
    what: String,
    target: String,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let mut found = Vec::new();
    match src.language {
        Language::Python => python(src, facts, &mut found),
        Language::Java => java(src, facts, &mut found),
        Language::CSharp => csharp(src, facts, &mut found),
        Language::Ruby => ruby(src, facts, &mut found),
        Language::Php => php(src, facts, &mut found),
        l if l.is_js_family() => nest(src, facts, &mut found),
        _ => {}
    }
    for f in found {
        hits.push(Hit {
            start: chain_start(f.node),
            end: f.node.end_byte(),
            message: format!(
                "{} opens {} to anonymous callers: anyone can reach it without signing in or holding a role; require authentication and the role it needs there instead",
                f.what, f.target
            ),
            before: None,
            after: Some(f.what),
            measure: None,
        });
    }
}

/// Where a chained call starts to matter: at its own name, or at the name of the call it is
/// chained on (`.requestMatchers("/admin/**").permitAll()` is reported on that line, not on the
/// line where the builder chain begins).
fn chain_start(node: Node<'_>) -> usize {
    let name_of = |n: Node<'_>| n.child_by_field_name("name").map(|x| x.start_byte());
    if node.kind() == "method_invocation"
        && let Some(object) = node.child_by_field_name("object")
    {
        if object.kind() == "method_invocation"
            && let Some(start) = name_of(object)
        {
            return start;
        }
        if let Some(start) = name_of(node) {
            return start;
        }
    }
    node.start_byte()
}

/// The class (or other type) declaration around `node`, with its name.
fn enclosing_class<'t>(src: &Source<'_>, node: Node<'t>) -> Option<(Node<'t>, String)> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if matches!(
            n.kind(),
            "class_definition" | "class_declaration" | "class" | "record_declaration"
        ) {
            let name = n
                .child_by_field_name("name")
                .map(|x| src.text_of(x).to_string())
                .unwrap_or_default();
            return Some((n, name));
        }
        cur = n.parent();
    }
    None
}

/// The Ruby modules around `node` (`Admin` in `module Admin; class UsersController`).
fn enclosing_modules(src: &Source<'_>, node: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = node.parent();
    while let Some(n) = cur {
        if n.kind() == "module"
            && let Some(name) = n.child_by_field_name("name")
        {
            out.push(src.text_of(name).to_string());
        }
        cur = n.parent();
    }
    out
}

/// Whether `node` lists `AllowAny` (a name, `permissions.AllowAny`, in a list or tuple).
fn lists_allow_any(src: &Source<'_>, node: Node<'_>) -> bool {
    descendants(node).any(|n| {
        (n.kind() == "identifier" && src.text_of(n) == "AllowAny")
            || string_literal(src, n).is_some_and(|s| s.ends_with(".AllowAny"))
    }) && {
        // Only AllowAny: `[AllowAny, IsAdminUser]` would still require the admin (DRF ANDs).
        let mut c = node.walk();
        let items: Vec<Node<'_>> = match node.kind() {
            "list" | "tuple" | "parenthesized_expression" | "set" => node
                .named_children(&mut c)
                .filter(|n| n.kind() != "comment")
                .collect(),
            _ => vec![node],
        };
        items.iter().all(|i| {
            let t = src.text_of(*i);
            t.ends_with("AllowAny") || t.trim_matches(['"', '\'']).ends_with("AllowAny")
        })
    }
}

fn python<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    for b in &facts.bindings {
        match b.name.as_str() {
            "permission_classes" if lists_allow_any(src, b.value) => {
                let Some((class, name)) = enclosing_class(src, b.node) else {
                    continue;
                };
                let bases = class
                    .child_by_field_name("superclasses")
                    .map(|s| src.text_of(s).to_string())
                    .unwrap_or_default();
                let writable = [
                    "ModelViewSet",
                    "DestroyAPIView",
                    "UpdateAPIView",
                    "RetrieveUpdateDestroyAPIView",
                    "RetrieveUpdateAPIView",
                    "RetrieveDestroyAPIView",
                ]
                .iter()
                .any(|w| bases.split([',', '(', ')', ' ', '.']).any(|b| b == *w))
                    && !bases.contains("ReadOnlyModelViewSet");
                if is_public(&name) {
                    continue;
                }
                if is_privileged(&name) {
                    out.push(Found {
                        node: b.node,
                        what: "`permission_classes = [AllowAny]`".into(),
                        target: format!("the admin view `{name}`"),
                    });
                } else if writable {
                    out.push(Found {
                        node: b.node,
                        what: "`permission_classes = [AllowAny]`".into(),
                        target: format!("the writable view `{name}` (create, update and delete)"),
                    });
                }
            }
            "DEFAULT_PERMISSION_CLASSES" if lists_allow_any(src, b.value) => out.push(Found {
                // On the `AllowAny` entry: the line a reviewer comments on in a multi-line dict.
                node: descendants(b.value)
                    .find(|n| {
                        (n.kind() == "identifier" && src.text_of(*n) == "AllowAny")
                            || (n.kind() == "string"
                                && string_literal(src, *n).is_some_and(|s| s.ends_with("AllowAny")))
                    })
                    .unwrap_or(b.node),
                what: "`DEFAULT_PERMISSION_CLASSES = [AllowAny]`".into(),
                target: "every API view that does not set its own permissions".into(),
            }),
            _ => {}
        }
    }
    // `@permission_classes([AllowAny])` on a function view.
    for d in &facts.decorations {
        if d.written.rsplit('.').next() != Some("permission_classes") {
            continue;
        }
        let Some(arg) = d
            .node
            .named_child(0)
            .and_then(|c| c.child_by_field_name("arguments"))
        else {
            continue;
        };
        let Some(list) = arg.named_child(0) else {
            continue;
        };
        if !lists_allow_any(src, list) {
            continue;
        }
        let Some(name) = decorated_name(src, d.node) else {
            continue;
        };
        if is_privileged(&name) {
            out.push(Found {
                node: d.node,
                what: "`@permission_classes([AllowAny])`".into(),
                target: format!("the admin view `{name}`"),
            });
        }
    }
}

/// The name of the function or class a Python/JS decorator applies to.
fn decorated_name(src: &Source<'_>, decorator: Node<'_>) -> Option<String> {
    let parent = decorator.parent()?;
    let def = parent.child_by_field_name("definition").unwrap_or(parent);
    def.child_by_field_name("name")
        .map(|n| src.text_of(n).to_string())
}

/// The string arguments of a call (patterns of `requestMatchers`, paths of `MapGet`).
fn string_args(src: &Source<'_>, args: &[Node<'_>]) -> Vec<String> {
    args.iter()
        .filter_map(|a| string_literal(src, *a))
        .collect()
}

fn java<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    for call in &facts.calls {
        if call.name() != "permitAll" || !call.args.is_empty() {
            continue;
        }
        let Some(shape) = call_shape(src, call.node) else {
            continue;
        };
        let Some(receiver) = shape.receiver else {
            continue;
        };
        let Some(matcher) = call_shape(src, receiver) else {
            continue;
        };
        match matcher.name.as_str() {
            "anyRequest" | "anyExchange" => out.push(Found {
                node: call.node,
                what: format!("`.{}().permitAll()`", matcher.name),
                target: "every endpoint not matched before it".into(),
            }),
            "requestMatchers" | "antMatchers" | "mvcMatchers" | "regexMatchers"
            | "pathMatchers" => {
                let paths = string_args(src, &matcher.args);
                if let Some(p) = paths.iter().find(|p| is_privileged_path(p))
                    && !paths.iter().any(|p| is_public_path(p))
                {
                    out.push(Found {
                        node: call.node,
                        what: format!("`.{}(\"{p}\").permitAll()`", matcher.name),
                        target: format!("`{p}`"),
                    });
                }
            }
            _ => {}
        }
    }
    annotations(
        src,
        facts,
        out,
        &["PermitAll"],
        &["RolesAllowed", "Secured"],
    );
    for d in &facts.decorations {
        if d.written == "PreAuthorize"
            && d.node
                .child_by_field_name("arguments")
                .is_some_and(|a| src.text_of(a).contains("permitAll()"))
        {
            privileged_member(src, d, "`@PreAuthorize(\"permitAll()\")`", &[], out);
        }
    }
}

/// Java/C# attributes that open a member (`@PermitAll`, `[AllowAnonymous]`), judged against
/// the member, its class, and the class's role restriction (`restricting`).
fn annotations<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    out: &mut Vec<Found<'t>>,
    opening: &[&str],
    restricting: &[&str],
) {
    for d in &facts.decorations {
        let name = d.written.rsplit('.').next().unwrap_or("");
        if !opening.contains(&name) {
            continue;
        }
        let label = match src.language {
            Language::CSharp => format!("`[{name}]`"),
            _ => format!("`@{name}`"),
        };
        // The class's own restriction, when the attribute sits on a member of it.
        let restricted: Vec<&Decoration<'_>> = enclosing_class(src, d.node)
            .map(|(class, _)| {
                facts
                    .decorations
                    .iter()
                    .filter(|r| {
                        let n = r.written.rsplit('.').next().unwrap_or("");
                        restricting.contains(&n)
                            && attribute_owner(r.node).is_some_and(|o| o.id() == class.id())
                            && restricts_roles(src, r)
                    })
                    .collect()
            })
            .unwrap_or_default();
        privileged_member(src, d, &label, &restricted, out);
    }
}

/// Whether a `[Authorize(...)]`/`@RolesAllowed(...)` names roles or a policy.
fn restricts_roles(src: &Source<'_>, d: &Decoration<'_>) -> bool {
    let text = src.text_of(d.node);
    let n = d.written.rsplit('.').next().unwrap_or("");
    match n {
        // Roles, or a policy that names a privilege (`Policy = "AdminOnly"`); a plain
        // `[Authorize]` or a scheme-only policy is sign-in, which `[AllowAnonymous]` may lift.
        "Authorize" => text.contains("Roles") || (text.contains("Policy") && is_privileged(text)),
        _ => text.contains('('),
    }
}

/// The declaration an attribute or annotation belongs to.
fn attribute_owner(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if matches!(
            n.kind(),
            "class_declaration"
                | "method_declaration"
                | "constructor_declaration"
                | "record_declaration"
                | "interface_declaration"
                | "local_function_statement"
        ) {
            return Some(n);
        }
        if matches!(n.kind(), "block" | "class_body" | "declaration_list") {
            return None;
        }
        cur = n.parent();
    }
    None
}

/// Report `d` (an opening attribute) when its member or class is privileged, or when its class
/// is restricted to roles it now bypasses.
fn privileged_member<'t>(
    src: &Source<'_>,
    d: &Decoration<'t>,
    label: &str,
    restricted: &[&Decoration<'_>],
    out: &mut Vec<Found<'t>>,
) {
    let Some(owner) = attribute_owner(d.node) else {
        return;
    };
    let member = owner
        .child_by_field_name("name")
        .map(|n| src.text_of(n).to_string())
        .unwrap_or_default();
    let class = if matches!(owner.kind(), "class_declaration" | "record_declaration") {
        Some(member.clone())
    } else {
        enclosing_class(src, owner).map(|(_, n)| n)
    };
    // In a controller restricted to roles, only sign-in and probe actions are public by nature:
    // `ResetPassword(id)` there is the admin resetting someone's password.
    let role_restricted = !restricted.is_empty();
    if is_public(&member) && (!role_restricted || is_sign_in_action(&member)) {
        return;
    }
    let target = if is_privileged(&member) {
        format!("`{member}`")
    } else if let Some(c) = class.as_ref().filter(|c| is_privileged(c)) {
        if c == &member {
            format!("the admin controller `{c}`")
        } else {
            format!("`{member}` of the admin controller `{c}`")
        }
    } else if let Some(r) = restricted.first() {
        let restriction = src.text_of(r.node).trim_start_matches(['@', '[']);
        match src.language {
            Language::CSharp => {
                format!("`{member}` (overriding the class's `[{restriction}]`)")
            }
            _ => format!("`{member}` (overriding the class's `@{restriction}`)"),
        }
    } else {
        return;
    };
    // C#: on the action (or controller) the attribute opens, below its attribute lists.
    let node = match src.language {
        Language::CSharp => owner.child_by_field_name("name").unwrap_or(d.node),
        _ => d.node,
    };
    out.push(Found {
        node,
        what: label.to_string(),
        target,
    });
}

/// Actions that must be reachable before signing in, even in a role-restricted controller.
fn is_sign_in_action(name: &str) -> bool {
    words(name).iter().any(|w| {
        matches!(
            w.as_str(),
            "login"
                | "logout"
                | "signin"
                | "signup"
                | "register"
                | "health"
                | "healthz"
                | "healthcheck"
                | "ping"
                | "status"
                | "public"
                | "static"
                | "callback"
                | "webhook"
                | "error"
                | "readiness"
                | "liveness"
                | "version"
        )
    })
}

fn is_public_path(path: &str) -> bool {
    path.split(['/', '.', '*', '{', '}', '?', '-', '_'])
        .any(|s| PUBLIC.contains(&s.to_ascii_lowercase().as_str()))
}

fn csharp<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    annotations(src, facts, out, &["AllowAnonymous"], &["Authorize"]);
    // Minimal APIs: `app.MapDelete("/admin/users/{id}", ...).AllowAnonymous()`.
    for call in &facts.calls {
        if call.name() != "AllowAnonymous" {
            continue;
        }
        if let Some(path) = route_of_chain(src, call) {
            out.push(Found {
                node: call.node,
                what: "`.AllowAnonymous()`".into(),
                target: format!("`{path}`"),
            });
        }
    }
}

/// The privileged path of the route a chained call (`.AllowAnonymous()`,
/// `->withoutMiddleware(...)`) applies to.
fn route_of_chain(src: &Source<'_>, call: &Call<'_>) -> Option<String> {
    let mut cur = call_shape(src, call.node)?.receiver;
    while let Some(node) = cur {
        let shape = call_shape(src, node)?;
        if let Some(p) = string_args(src, &shape.args)
            .into_iter()
            .find(|p| p.contains('/') || is_privileged_path(p))
        {
            return is_privileged_path(&p).then_some(p);
        }
        cur = shape.receiver;
    }
    None
}

fn ruby<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    // `skip_authorization_check` without arguments parses as a bare identifier.
    for n in descendants(src.tree.root_node()) {
        let text = src.text_of(n);
        if n.kind() == "identifier"
            && matches!(
                text,
                "skip_authorization_check"
                    | "skip_authorize_resource"
                    | "skip_load_and_authorize_resource"
            )
            && n.parent()
                .is_some_and(|p| matches!(p.kind(), "body_statement" | "class" | "program"))
            && let Some(found) = ruby_admin_class(src, n, format!("`{text}`"))
        {
            out.push(found);
        }
    }
    for call in &facts.calls {
        let skip = match call.written.as_str() {
            "skip_before_action" | "skip_before_filter" | "skip_after_action" => {
                let filters: Vec<String> = call
                    .args
                    .iter()
                    .filter_map(|a| string_literal(src, *a))
                    .collect();
                filters
                    .iter()
                    .find(|f| {
                        let w = words(f);
                        w.iter().any(|x| {
                            matches!(
                                x.as_str(),
                                "authenticate"
                                    | "authenticated"
                                    | "authorize"
                                    | "authorized"
                                    | "admin"
                                    | "login"
                                    | "signed"
                                    | "logged"
                                    | "auth"
                            )
                        }) || f.starts_with("require_")
                    })
                    .cloned()
            }
            "skip_authorization_check"
            | "skip_authorize_resource"
            | "skip_load_and_authorize_resource" => Some(call.written.clone()),
            _ => None,
        };
        let Some(filter) = skip else {
            continue;
        };
        // Limited to public actions (`only: [:health]`): fine.
        let only: Vec<String> = call
            .args
            .iter()
            .filter(|a| a.kind() == "pair")
            .filter(|p| {
                p.child_by_field_name("key")
                    .is_some_and(|k| src.text_of(k).trim_matches([':', ' ']).starts_with("only"))
            })
            .flat_map(|p| {
                descendants(*p)
                    .filter_map(|n| string_literal(src, n))
                    .filter(|s| s != "only")
                    .collect::<Vec<_>>()
            })
            .collect();
        if !only.is_empty() && only.iter().all(|a| is_public_action(a)) {
            continue;
        }
        let what = if call.written.starts_with("skip_") && call.written.ends_with("action") {
            format!("`{} :{filter}`", call.written)
        } else {
            format!("`{filter}`")
        };
        if let Some(found) = ruby_admin_class(src, call.node, what) {
            out.push(found);
        }
    }
}

/// A finding for `node` when it sits in an admin controller (by class or module name).
fn ruby_admin_class<'t>(src: &Source<'_>, node: Node<'t>, what: String) -> Option<Found<'t>> {
    let class = enclosing_class(src, node)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let modules = enclosing_modules(src, node);
    let privileged =
        is_privileged(&class.replace("::", "_")) || modules.iter().any(|m| is_privileged(m));
    if !privileged || is_public(&class) {
        return None;
    }
    let shown = match modules.first() {
        Some(m) if !class.contains("::") => format!("{m}::{class}"),
        _ => class,
    };
    Some(Found {
        node,
        what,
        target: format!("the admin controller `{shown}`"),
    })
}

fn php<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    for call in &facts.calls {
        if call.name() != "withoutMiddleware" {
            continue;
        }
        let removes_auth = call.args.iter().any(|a| {
            descendants(*a).any(|n| {
                string_literal(src, n)
                    .is_some_and(|s| s == "auth" || s.starts_with("auth:") || s == "can:admin")
                    || (n.kind() == "class_constant_access_expression"
                        && src.text_of(n).starts_with("Authenticate"))
            })
        });
        if !removes_auth {
            continue;
        }
        if let Some(path) = route_of_chain(src, call) {
            out.push(Found {
                node: call.node,
                what: "`withoutMiddleware('auth')`".into(),
                target: format!("`{path}`"),
            });
        }
    }
}

fn nest<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Found<'t>>) {
    for d in &facts.decorations {
        let name = d.written.rsplit('.').next().unwrap_or("");
        if !matches!(
            name,
            "Public" | "SkipAuth" | "AllowAnonymous" | "IsPublic" | "NoAuth"
        ) {
            continue;
        }
        // The handler the decorator applies to, and its class.
        let Some(member) = d.node.parent() else {
            continue;
        };
        let handler = member
            .child_by_field_name("name")
            .map(|n| src.text_of(n).to_string())
            .or_else(|| {
                // Decorators precede the method as siblings in a class body.
                let mut next = d.node.next_named_sibling();
                while let Some(n) = next {
                    if n.kind() == "method_definition" {
                        return n
                            .child_by_field_name("name")
                            .map(|x| src.text_of(x).to_string());
                    }
                    if n.kind() != "decorator" {
                        break;
                    }
                    next = n.next_named_sibling();
                }
                None
            })
            .unwrap_or_default();
        if is_public(&handler) {
            continue;
        }
        let Some((class, class_name)) = enclosing_class(src, d.node) else {
            continue;
        };
        let class_route = facts.decorations.iter().find_map(|c| {
            (c.written == "Controller"
                && decorated_class(c.node).is_some_and(|n| n.id() == class.id()))
            .then(|| {
                descendants(c.node)
                    .find_map(|n| string_literal(src, n))
                    .unwrap_or_default()
            })
        });
        // Decorators of the same handler: `@Roles('admin')` next to `@Public()`.
        let siblings_require_role = {
            let mut sib = Vec::new();
            let mut prev = d.node.prev_named_sibling();
            while let Some(p) = prev.filter(|p| p.kind() == "decorator") {
                sib.push(p);
                prev = p.prev_named_sibling();
            }
            let mut next = d.node.next_named_sibling();
            while let Some(n) = next.filter(|n| n.kind() == "decorator") {
                sib.push(n);
                next = n.next_named_sibling();
            }
            sib.iter().any(|s| {
                let t = src.text_of(*s);
                (t.starts_with("@Roles") || t.starts_with("@RequireRoles")) && is_privileged(t)
            })
        };
        let target = if is_privileged(&handler) {
            format!("the handler `{handler}`")
        } else if class_route.as_deref().is_some_and(is_privileged_path)
            || is_privileged(&class_name)
        {
            format!("`{handler}` of the admin controller `{class_name}`")
        } else if siblings_require_role {
            format!("`{handler}` (which also declares an admin role)")
        } else {
            continue;
        };
        out.push(Found {
            node: d.node,
            what: format!("`@{name}()`"),
            target,
        });
    }
}

/// The class a class-level decorator applies to (a JS/TS decorator precedes its class).
fn decorated_class(decorator: Node<'_>) -> Option<Node<'_>> {
    let parent = decorator.parent()?;
    if matches!(parent.kind(), "class_declaration" | "class") {
        return Some(parent);
    }
    let mut next = decorator.next_named_sibling();
    while let Some(n) = next {
        if matches!(n.kind(), "class_declaration" | "class") {
            return Some(n);
        }
        if n.kind() == "export_statement" {
            return n.child_by_field_name("declaration");
        }
        next = n.next_named_sibling();
    }
    // `export @Controller() class` puts the decorator inside the export statement.
    if parent.kind() == "export_statement" {
        return parent.child_by_field_name("declaration");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert!(is_privileged("AdminUserViewSet"));
        assert!(is_privileged("UserRoleController"));
        assert!(!is_privileged("AdminLoginView"));
        assert!(!is_privileged("ProductViewSet"));
        assert!(is_privileged_path("/admin/**"));
        assert!(is_privileged_path("/actuator/**"));
        assert!(!is_privileged_path("/actuator/health"));
        assert!(!is_privileged_path("/public/**"));
        assert!(!is_privileged_path("/api/users/**"));
    }
}
