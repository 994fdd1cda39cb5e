//! Declarations and their guards, in all nine languages, and the pairing of old and new
//! declarations that drift rules compare.
//!
//! A declaration is a function, method or class with a qualified name (`AdminController.export`),
//! the guards applied to it — authentication or authorization decorators, annotations and
//! attributes, FastAPI `Depends(current_user)` parameters, Rails `before_action` filters — the
//! anti-guards that switch them off (`[AllowAnonymous]`, `@PermitAll`, `@Public()`,
//! `skip_before_action :authenticate_user!`), and the route its decorators register.
//!
//! Pairing is by qualified name first, then, for what is left, by body similarity, so a renamed
//! or moved function is compared with its old self instead of being read as new code.

use std::collections::{BTreeSet, HashMap};

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use super::descendants;
use super::facts::path_of;

/// Whether a declaration is a function (or method) or a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclKind {
    Function,
    Class,
}

/// A guard or anti-guard as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Guard {
    /// How a reviewer would write it: `@login_required`, `[Authorize(Roles = "Admin")]`,
    /// `Depends(get_current_user)`, `before_action :authenticate_user!`.
    pub(crate) shown: String,
    /// The comparable name (`login_required`, `Authorize`, `get_current_user`).
    pub(crate) name: String,
}

/// A function, method or class.
#[derive(Debug, Clone)]
pub(crate) struct Decl<'t> {
    /// Its own name.
    pub(crate) name: String,
    /// Enclosing class names and its own name, joined with `.`.
    pub(crate) qualified: String,
    pub(crate) kind: DeclKind,
    pub(crate) guards: Vec<Guard>,
    pub(crate) anti_guards: Vec<Guard>,
    /// The route a decorator or annotation registers it on, when literal.
    pub(crate) route: Option<String>,
    /// The node to point at (its name).
    pub(crate) name_node: Node<'t>,
    /// Its body, when it has one.
    pub(crate) body: Option<Node<'t>>,
    /// The body's text (the whole declaration's when it has no body), for pairing renamed
    /// declarations by their words — split only for the few declarations not paired by name.
    body_text: &'t str,
}

/// Names that switch authentication off for what they decorate.
const ANTI_GUARDS: &[&str] = &[
    "allowanonymous",
    "allow_anonymous",
    "anonymous",
    "ispublic",
    "noauth",
    "no_auth",
    "permitall",
    "public",
    "publicroute",
    "public_route",
    "skipauth",
    "skip_auth",
    "unauthenticated",
];

/// Decorator names that register routes (not guards even when their path says `auth`).
const ROUTES: &[&str] = &[
    "api_view",
    "delete",
    "deletemapping",
    "get",
    "getmapping",
    "head",
    "httpdelete",
    "httpget",
    "httppatch",
    "httppost",
    "httpput",
    "options",
    "patch",
    "patchmapping",
    "post",
    "postmapping",
    "put",
    "putmapping",
    "requestmapping",
    "route",
    "websocket",
];

/// Whether a decorator, dependency or filter name reads as an authentication or authorization
/// guard.
pub(crate) fn is_guard_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let last = lower.rsplit(['.', ':']).next().unwrap_or(&lower);
    if ANTI_GUARDS.contains(&last) || ROUTES.contains(&last) {
        return false;
    }
    const PARTS: &[&str] = &[
        "auth",
        "login",
        "logged_in",
        "loggedin",
        "permission",
        "role",
        "guard",
        "secured",
        "require",
        "protect",
        "jwt",
        "token",
        "staff",
        "superuser",
        "admin",
        "scope",
        "current_user",
        "currentuser",
        "verify",
        "isgranted",
        "policy",
        "signed_in",
    ];
    PARTS.iter().any(|p| last.contains(p))
}

fn is_anti_guard_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let last = lower.rsplit(['.', ':']).next().unwrap_or(&lower);
    ANTI_GUARDS.contains(&last)
}

/// Every declaration of `src`.
#[cfg(test)]
pub(crate) fn declarations<'t>(src: &'t Source<'_>) -> Vec<Decl<'t>> {
    declarations_in(src, descendants(src.tree.root_node()))
}

/// Whether a node of `kind` is a declaration [`declarations_in`] reads.
pub(crate) fn is_declaration(language: Language, kind: &str) -> bool {
    decl_kind(language, kind).is_some()
}

/// The declarations among `nodes` (in document order; others are skipped), usually the
/// outline of the file's facts.
pub(crate) fn declarations_in<'t>(
    src: &'t Source<'_>,
    nodes: impl IntoIterator<Item = Node<'t>>,
) -> Vec<Decl<'t>> {
    let language = src.language;
    let mut out = Vec::new();
    // The named classes around the node being visited, outermost first, as byte ranges: the walk
    // is in document order, so an entry whose range does not hold the node is behind it. (Asking
    // each node for its parents walks down from the root every time.)
    let mut enclosing: Vec<(usize, usize, String)> = Vec::new();
    for node in nodes {
        let (start, end) = (node.start_byte(), node.end_byte());
        while enclosing
            .last()
            .is_some_and(|(s, e, _)| !(*s <= start && end <= *e))
        {
            enclosing.pop();
        }
        let Some(kind) = decl_kind(language, node.kind()) else {
            continue;
        };
        let Some(name_node) = node.child_by_field_name("name") else {
            continue;
        };
        let name = src.text_of(name_node).to_string();
        let mut classes: Vec<String> = enclosing.iter().map(|(_, _, n)| n.clone()).collect();
        classes.push(name.clone());
        if kind == DeclKind::Class {
            enclosing.push((start, end, name.clone()));
        }
        let mut decl = Decl {
            name,
            qualified: classes.join("."),
            kind,
            guards: Vec::new(),
            anti_guards: Vec::new(),
            route: None,
            name_node,
            body: node.child_by_field_name("body"),
            body_text: src.text_of(node.child_by_field_name("body").unwrap_or(node)),
        };
        for deco in decorations(language, node) {
            classify_decoration(src, deco, &mut decl);
        }
        if language == Language::Python
            && let Some(params) = node.child_by_field_name("parameters")
        {
            dependencies(src, params, &mut decl.guards);
        }
        if language == Language::Rust
            && let Some(params) = node.child_by_field_name("parameters")
        {
            extractors(src, params, &mut decl.guards);
        }
        if language == Language::Ruby && kind == DeclKind::Class {
            rails_filters(src, node, &mut decl);
        }
        out.push(decl);
    }
    out
}

fn decl_kind(language: Language, kind: &str) -> Option<DeclKind> {
    use DeclKind::*;
    Some(match (language, kind) {
        (Language::Python, "function_definition") => Function,
        (Language::Python, "class_definition") => Class,
        (l, "function_declaration" | "method_definition" | "generator_function_declaration")
            if l.is_js_family() =>
        {
            Function
        }
        (l, "class_declaration" | "abstract_class_declaration") if l.is_js_family() => Class,
        (Language::Java, "method_declaration" | "constructor_declaration") => Function,
        (Language::Java, "class_declaration" | "interface_declaration") => Class,
        (Language::CSharp, "method_declaration" | "constructor_declaration") => Function,
        (Language::CSharp, "class_declaration" | "interface_declaration") => Class,
        (Language::Go, "function_declaration" | "method_declaration") => Function,
        (Language::Rust, "function_item") => Function,
        (Language::Rust, "impl_item") => return None,
        (Language::Php, "method_declaration" | "function_definition") => Function,
        (Language::Php, "class_declaration") => Class,
        (Language::Ruby, "method" | "singleton_method") => Function,
        (Language::Ruby, "class" | "module") => Class,
        _ => return None,
    })
}

/// The decorator, annotation or attribute nodes attached to a declaration.
fn decorations(language: Language, node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    match language {
        Language::Python => {
            if let Some(p) = node.parent().filter(|p| p.kind() == "decorated_definition") {
                let mut c = p.walk();
                out.extend(p.named_children(&mut c).filter(|n| n.kind() == "decorator"));
            }
        }
        l if l.is_js_family() => {
            let mut c = node.walk();
            out.extend(node.children(&mut c).filter(|n| n.kind() == "decorator"));
            if let Some(p) = node.parent().filter(|p| p.kind() == "export_statement") {
                let mut c = p.walk();
                out.extend(p.children(&mut c).filter(|n| n.kind() == "decorator"));
            }
            // Method decorators are the class body's children just before the method (comments
            // may sit between them).
            let mut prev = node.prev_sibling();
            while let Some(p) = prev.filter(|p| matches!(p.kind(), "decorator" | "comment")) {
                if p.kind() == "decorator" {
                    out.push(p);
                }
                prev = p.prev_sibling();
            }
        }
        Language::Java => {
            let mut c = node.walk();
            for m in node.children(&mut c).filter(|n| n.kind() == "modifiers") {
                let mut c2 = m.walk();
                out.extend(
                    m.children(&mut c2)
                        .filter(|n| matches!(n.kind(), "annotation" | "marker_annotation")),
                );
            }
        }
        Language::CSharp => {
            let mut c = node.walk();
            for list in node
                .children(&mut c)
                .filter(|n| n.kind() == "attribute_list")
            {
                let mut c2 = list.walk();
                out.extend(list.children(&mut c2).filter(|n| n.kind() == "attribute"));
            }
        }
        Language::Php => {
            if let Some(list) = node.child_by_field_name("attributes") {
                out.extend(descendants(list).filter(|n| n.kind() == "attribute"));
            }
        }
        Language::Rust => {
            let mut prev = node.prev_named_sibling();
            while let Some(p) = prev.filter(|p| {
                matches!(
                    p.kind(),
                    "attribute_item" | "line_comment" | "block_comment"
                )
            }) {
                if p.kind() == "attribute_item"
                    && let Some(a) = p.named_child(0)
                {
                    out.push(a);
                }
                prev = p.prev_named_sibling();
            }
        }
        _ => {}
    }
    out
}

fn classify_decoration(src: &Source<'_>, deco: Node<'_>, decl: &mut Decl<'_>) {
    let language = src.language;
    // The decorator expression, its callee and its arguments.
    let expr = match language {
        Language::Python | Language::JavaScript | Language::TypeScript | Language::Tsx => {
            deco.named_child(0)
        }
        _ => Some(deco),
    };
    let Some(expr) = expr else { return };
    let (callee, args) = match (language, expr.kind()) {
        (_, "call" | "call_expression") => (
            expr.child_by_field_name("function"),
            expr.child_by_field_name("arguments"),
        ),
        (Language::Java | Language::CSharp | Language::Php, _) => (
            expr.child_by_field_name("name")
                .or_else(|| expr.named_child(0)),
            expr.child_by_field_name("arguments")
                .or_else(|| expr.child_by_field_name("parameters"))
                .or_else(|| {
                    let mut c = expr.walk();
                    expr.named_children(&mut c).find(|n| {
                        matches!(
                            n.kind(),
                            "attribute_argument_list" | "annotation_argument_list"
                        )
                    })
                }),
        ),
        (Language::Rust, _) => (expr.named_child(0), expr.child_by_field_name("arguments")),
        _ => (Some(expr), None),
    };
    let Some(name) = callee.and_then(|c| path_of(language, src, c)) else {
        return;
    };
    let last = name.rsplit('.').next().unwrap_or(&name).to_string();
    let shown = match language {
        Language::CSharp => format!("[{}]", src.text_of(deco)),
        Language::Rust => format!("#[{}]", src.text_of(deco)),
        Language::Php => format!("#[{}]", src.text_of(deco)),
        _ => src.text_of(deco).to_string(),
    };
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = last.to_ascii_lowercase();
    if ROUTES.contains(&lower.as_str()) {
        if let Some(args) = args
            && decl.route.is_none()
        {
            decl.route = descendants(args)
                .find(|n| {
                    matches!(
                        n.kind(),
                        "string_content" | "string_fragment" | "string_literal_content"
                    )
                })
                .map(|n| src.text_of(n).to_string());
        }
        // FastAPI: `@app.get("/x", dependencies=[Depends(verify_token)])`.
        if let Some(args) = args {
            dependencies(src, args, &mut decl.guards);
        }
        return;
    }
    let guard = Guard {
        shown,
        name: last.clone(),
    };
    if is_anti_guard_name(&last) {
        decl.anti_guards.push(guard);
    } else if is_guard_name(&last) {
        decl.guards.push(guard);
    } else if lower == "usedguards" || lower == "useguards" || lower == "permission_classes" {
        // Guard lists: their content decides (`@UseGuards(AuthGuard('jwt'))`,
        // `@permission_classes([IsAuthenticated])`; `[AllowAny]` is an anti-guard).
        let inner: Vec<String> = args
            .map(|a| {
                descendants(a)
                    .filter(|n| matches!(n.kind(), "identifier" | "property_identifier"))
                    .map(|n| src.text_of(n).to_string())
                    .collect()
            })
            .unwrap_or_default();
        if inner.iter().any(|n| n == "AllowAny") {
            decl.anti_guards.push(guard);
        } else if !inner.is_empty() {
            decl.guards.push(guard);
        }
    }
}

/// `Depends(get_current_user)` / `Security(verify_token, scopes=[...])` under `node`.
fn dependencies(src: &Source<'_>, node: Node<'_>, guards: &mut Vec<Guard>) {
    for call in descendants(node).filter(|n| n.kind() == "call") {
        let Some(f) = call.child_by_field_name("function") else {
            continue;
        };
        let callee = src.text_of(f);
        let short = callee.rsplit('.').next().unwrap_or(callee);
        if !matches!(short, "Depends" | "Security") {
            continue;
        }
        let Some(dep) = call
            .child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
            .filter(|a| matches!(a.kind(), "identifier" | "attribute" | "call"))
        else {
            continue;
        };
        let dep_name = match dep.kind() {
            "call" => dep
                .child_by_field_name("function")
                .map_or("", |f| src.text_of(f)),
            _ => src.text_of(dep),
        };
        if is_guard_name(dep_name) || short == "Security" {
            guards.push(Guard {
                shown: src.text_of(call).to_string(),
                name: dep_name.to_string(),
            });
        }
    }
}

/// Rust web handlers: a parameter whose type is an authentication extractor (axum/actix
/// `user: AuthenticatedUser`, `claims: Claims`, `id: Identity`) — the handler only runs for a
/// caller the extractor accepted.
fn extractors(src: &Source<'_>, params: Node<'_>, guards: &mut Vec<Guard>) {
    let mut c = params.walk();
    for param in params
        .named_children(&mut c)
        .filter(|n| n.kind() == "parameter")
    {
        let Some(ty) = param.child_by_field_name("type") else {
            continue;
        };
        // The type's own name, past paths and generics (`auth::Claims<Admin>` → `Claims`).
        let Some(name) = descendants(ty)
            .find(|n| n.kind() == "type_identifier")
            .map(|n| src.text_of(n))
        else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        let user_extractor = lower.len() > 4 && lower.ends_with("user"); // `SessionUser`, `AuthUser`
        if is_guard_name(name)
            || user_extractor
            || matches!(lower.as_str(), "claims" | "identity" | "principal")
        {
            guards.push(Guard {
                shown: src.text_of(param).to_string(),
                name: name.to_string(),
            });
        }
    }
}

/// Rails filters in a class body: `before_action :authenticate_user!` is a guard,
/// `skip_before_action :authenticate_user!` an anti-guard.
fn rails_filters(src: &Source<'_>, class: Node<'_>, decl: &mut Decl<'_>) {
    let Some(body) = class.child_by_field_name("body") else {
        return;
    };
    let mut c = body.walk();
    for call in body.named_children(&mut c).filter(|n| n.kind() == "call") {
        if call.child_by_field_name("receiver").is_some() {
            continue;
        }
        let Some(method) = call.child_by_field_name("method") else {
            continue;
        };
        let method = src.text_of(method);
        let anti = match method {
            "before_action" | "before_filter" | "prepend_before_action" => false,
            "skip_before_action" | "skip_before_filter" => true,
            _ => continue,
        };
        let Some(args) = call.child_by_field_name("arguments") else {
            continue;
        };
        let mut c2 = args.walk();
        for sym in args
            .named_children(&mut c2)
            .filter(|n| n.kind() == "simple_symbol")
        {
            let name = src.text_of(sym).trim_start_matches(':');
            if !is_guard_name(name) {
                continue;
            }
            let guard = Guard {
                shown: src
                    .text_of(call)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                name: name.to_string(),
            };
            if anti {
                decl.anti_guards.push(guard);
            } else {
                decl.guards.push(guard);
            }
        }
    }
}

fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.len() > 1)
        .collect()
}

fn similarity(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    inter / union
}

/// Pair the declarations of the old and new version: `(old index, new index)`. By qualified
/// name (and kind) first; then each unpaired old declaration with the most similar unpaired new
/// one of the same kind, when at least 70% of their body words are shared.
pub(crate) fn pair(old: &[Decl<'_>], new: &[Decl<'_>]) -> Vec<(usize, usize)> {
    let mut by_name: HashMap<(&str, bool), Vec<usize>> = HashMap::new();
    for (i, d) in new.iter().enumerate() {
        by_name
            .entry((d.qualified.as_str(), d.kind == DeclKind::Class))
            .or_default()
            .push(i);
    }
    let mut used_new = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut unpaired_old = Vec::new();
    for (i, d) in old.iter().enumerate() {
        let slot = by_name
            .get_mut(&(d.qualified.as_str(), d.kind == DeclKind::Class))
            .and_then(|v| (!v.is_empty()).then(|| v.remove(0)));
        match slot {
            Some(j) => {
                used_new[j] = true;
                pairs.push((i, j));
            }
            None => unpaired_old.push(i),
        }
    }
    let mut new_words: Vec<Option<BTreeSet<&str>>> = vec![None; new.len()];
    for i in unpaired_old {
        let old_words = words(old[i].body_text);
        let best = new
            .iter()
            .enumerate()
            .filter(|(j, d)| !used_new[*j] && d.kind == old[i].kind)
            .map(|(j, d)| {
                let w = new_words[j].get_or_insert_with(|| words(d.body_text));
                (j, similarity(&old_words, w))
            })
            .filter(|(_, s)| *s >= 0.7)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = best {
            used_new[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (qualified name, guards, anti-guards, route) per declaration.
    type Summary = (String, Vec<String>, Vec<String>, Option<String>);

    fn decls(language: Language, text: &str) -> Vec<Summary> {
        let src = idgate_lang::parse(language, text).unwrap();
        declarations(&src)
            .into_iter()
            .map(|d| {
                (
                    d.qualified,
                    d.guards.into_iter().map(|g| g.name).collect(),
                    d.anti_guards.into_iter().map(|g| g.name).collect(),
                    d.route,
                )
            })
            .collect()
    }

    #[test]
    fn guards_in_every_decorating_language() {
        let d = decls(
            Language::Python,
            "@app.route('/admin/users')\n@login_required\ndef list_users():\n    pass\n\n@app.get('/me')\nasync def me(user=Depends(get_current_user)):\n    pass\n",
        );
        assert_eq!(d[0].0, "list_users");
        assert_eq!(d[0].1, vec!["login_required"]);
        assert_eq!(d[0].3.as_deref(), Some("/admin/users"));
        assert_eq!(d[1].1, vec!["get_current_user"]);

        let d = decls(
            Language::TypeScript,
            "@Controller('admin')\nexport class AdminController {\n  @UseGuards(AuthGuard('jwt'))\n  @Get('users')\n  list() { return 1; }\n  @Public()\n  health() { return 1; }\n}\n",
        );
        let list = d.iter().find(|x| x.0 == "AdminController.list").unwrap();
        assert_eq!(list.1, vec!["UseGuards"]);
        let health = d.iter().find(|x| x.0 == "AdminController.health").unwrap();
        assert_eq!(health.2, vec!["Public"]);

        let d = decls(
            Language::Java,
            "class A { @PreAuthorize(\"hasRole('ADMIN')\") @GetMapping(\"/x\") void m() {} @PermitAll void n() {} }",
        );
        assert_eq!(d[1].1, vec!["PreAuthorize"]);
        assert_eq!(d[1].3.as_deref(), Some("/x"));
        assert_eq!(d[2].2, vec!["PermitAll"]);

        let d = decls(
            Language::CSharp,
            "[Authorize(Roles = \"Admin\")]\nclass AdminController { [AllowAnonymous] public void Export() {} }",
        );
        assert_eq!(d[0].1, vec!["Authorize"]);
        assert_eq!(d[1].2, vec!["AllowAnonymous"]);

        let d = decls(
            Language::Php,
            "<?php\nclass A {\n  #[IsGranted('ROLE_ADMIN')]\n  public function export() {}\n}\n",
        );
        assert_eq!(d[1].1, vec!["IsGranted"]);

        let d = decls(
            Language::Rust,
            "#[get(\"/a\")]\n#[protect(\"admin\")]\nasync fn f() {}\n",
        );
        assert_eq!(d[0].1, vec!["protect"]);
        assert_eq!(d[0].3.as_deref(), Some("/a"));

        let d = decls(
            Language::Ruby,
            "class UsersController < ApplicationController\n  before_action :authenticate_user!\n  skip_before_action :require_admin, only: [:index]\nend\n",
        );
        assert_eq!(d[0].1, vec!["authenticate_user!"]);
        assert_eq!(d[0].2, vec!["require_admin"]);
    }

    #[test]
    fn renamed_functions_pair_by_body() {
        let old = idgate_lang::parse(
            Language::Python,
            "def list_users(request):\n    users = User.objects.filter(active=True).order_by('name')\n    return render(request, 'users.html', {'users': users})\n",
        )
        .unwrap();
        let new = idgate_lang::parse(
            Language::Python,
            "def all_users(request):\n    users = User.objects.filter(active=True).order_by('name')\n    return render(request, 'users.html', {'users': users})\n\ndef other():\n    return 1\n",
        )
        .unwrap();
        let (o, n) = (declarations(&old), declarations(&new));
        let pairs = pair(&o, &n);
        assert_eq!(pairs.len(), 1);
        assert_eq!(n[pairs[0].1].name, "all_users");
    }

    #[test]
    fn guard_names() {
        for g in [
            "login_required",
            "PreAuthorize",
            "Authorize",
            "authenticate_user!",
            "requires_auth",
            "jwt_required",
            "RolesAllowed",
            "admin_only",
        ] {
            assert!(is_guard_name(g), "{g}");
        }
        for g in [
            "route",
            "GetMapping",
            "cache_page",
            "AllowAnonymous",
            "staticmethod",
            "property",
        ] {
            assert!(!is_guard_name(g), "{g}");
        }
    }
}
