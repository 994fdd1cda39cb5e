//! IDG180 cors-credentials-any-origin

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::value::{
    Lit, is_bool, lambda_always_returns, lambda_body, literal, statements, string,
};
use crate::syntax::{
    FUNCTION_KINDS, ancestor, descendants, enclosing_function_name, function_text,
};

declare_rule! {
    /// ## What it does
    /// Flags CORS configuration that lets any origin make credentialed requests: an allowed origin
    /// of `*`, `true`, `.*` or a callback that accepts every origin, together with credentials
    /// (cookies, HTTP auth) allowed — Express/Nest `cors({ origin: true, credentials: true })`,
    /// Django `CORS_ALLOW_ALL_ORIGINS` with `CORS_ALLOW_CREDENTIALS`, Flask-CORS
    /// `supports_credentials=True` with the default `*` origins, Starlette/FastAPI
    /// `CORSMiddleware`, Go `gin-contrib/cors` and `rs/cors`, Spring `allowedOriginPatterns("*")`
    /// and `@CrossOrigin`, ASP.NET `SetIsOriginAllowed(_ => true)`, tower-http
    /// `CorsLayer::very_permissive()` and `mirror_request()`, actix `Cors::permissive()`, rack-cors,
    /// Laravel `config/cors.php`; and handlers that copy the request's `Origin` header into
    /// `Access-Control-Allow-Origin` without checking it while allowing credentials.
    ///
    /// A public, read-only API that allows `*` without credentials is fine and is not reported.
    ///
    /// ## Why is this bad?
    /// With credentials allowed for every origin, any web page a signed-in user visits can call the
    /// API with the user's cookies and read the answers: profile data, CSRF tokens, API keys. It is
    /// the cross-origin equivalent of handing the session to every site on the internet.
    ///
    /// ## Example
    /// ```javascript
    /// app.use(cors({ origin: true, credentials: true }));
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
    /// ```
    ///
    /// ## References
    /// - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    /// - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    /// - [PortSwigger: CORS origin reflection](https://portswigger.net/web-security/cors)
    pub(crate) static RULE = {
        code: "IDG180",
        name: "cors-credentials-any-origin",
        category: CrossOrigin,
        cwe: [942, 352],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: [
            "credentials", "cors", "Access-Control-Allow-Origin", "CrossOrigin", "SetIsOriginAllowed",
            "very_permissive", "mirror_request"
        ],
        summary: "CORS allows credentialed requests from any origin.",
        check: check,
    };
}

/// One permissive configuration.
struct Permissive<'t> {
    node: Node<'t>,
    /// How the origin is opened (`origin: true`, `SetIsOriginAllowed(_ => true)`).
    origin: String,
    /// How credentials are allowed.
    credentials: String,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let found = permissive(cx.new, cx.facts());
    let old = cx
        .old
        .zip(cx.old_facts())
        .map(|(old, old_facts)| (old, permissive(old, old_facts).len()));
    for p in found {
        let scope = enclosing_function_name(cx.new, p.node);
        // The same function in the old version had a CORS configuration that was not open.
        let before = old.as_ref().and_then(|(old, n)| {
            let text = function_text(old, scope.as_deref())?.to_ascii_lowercase();
            (*n == 0 && (text.contains("origin") || text.contains("cors")))
                .then(|| "credentialed CORS limited to listed origins".to_string())
        });
        hits.push(Hit {
            start: crate::syntax::call_start(p.node),
            end: p.node.end_byte(),
            message: format!(
                "CORS allows any origin ({}) with credentials ({}): any website a signed-in user visits can call this API with their cookies and read the responses; list the trusted origins explicitly",
                p.origin, p.credentials
            ),
            before,
            after: Some(format!("any origin ({}) with credentials", p.origin)),
            measure: None,
        });
    }
}

fn permissive<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Permissive<'t>> {
    let mut out = Vec::new();
    match src.language {
        Language::Python => python(src, facts, &mut out),
        l if l.is_js_family() => objects(src, facts, &mut out),
        Language::Go => {
            objects(src, facts, &mut out);
            gorilla(src, facts, &mut out);
        }
        Language::Php => objects(src, facts, &mut out),
        Language::Java => java(src, facts, &mut out),
        Language::CSharp => csharp(src, facts, &mut out),
        Language::Rust => rust(src, facts, &mut out),
        Language::Ruby => ruby(src, facts, &mut out),
        _ => {}
    }
    reflected_origin(src, facts, &mut out);
    out.sort_by_key(|p| p.node.start_byte());
    out.dedup_by_key(|p| p.node.start_byte());
    out
}

/// Whether a value opens the origin to everyone: `*`, `true`, `.*`, a list holding one of those,
/// or a callback that accepts every origin.
fn any_origin(src: &Source<'_>, value: Node<'_>) -> Option<String> {
    let value = crate::syntax::value::unwrap(value);
    let text = src.text_of(value).trim();
    match literal(src, value) {
        Some(Lit::Bool(true)) => return Some(format!("`{text}`")),
        Some(Lit::Str(s)) if wildcard(&s) => return Some(format!("`{text}`")),
        _ => {}
    }
    if value.kind() == "regex" && wildcard(regex_pattern(text)) {
        return Some(format!("`{text}`"));
    }
    // A list or array with a wildcard entry.
    if matches!(
        value.kind(),
        "list" | "array" | "tuple" | "array_creation_expression" | "composite_literal" | "set"
    ) {
        let body = value.child_by_field_name("body").unwrap_or(value);
        for item in descendants(body) {
            if item.id() == body.id() {
                continue;
            }
            if string(src, item).is_some_and(|s| wildcard(&s)) {
                return Some(format!(
                    "`{}`",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
        return None;
    }
    if lambda_always_returns(src, value, true) || callback_always_allows(src, value) {
        return Some("a callback that accepts every origin".into());
    }
    None
}

/// A plain name resolved to the value bound to it in the file (`origins = ["*"]` then
/// `allow_origins=origins`); anything else unchanged.
fn resolve<'t>(src: &Source<'_>, facts: &Facts<'t>, node: Node<'t>) -> Node<'t> {
    let node = crate::syntax::value::unwrap(node);
    if node.kind() != "identifier" {
        return node;
    }
    let name = src.text_of(node);
    facts
        .bindings
        .iter()
        .filter(|b| {
            b.name == name
                && b.node.start_byte() < node.start_byte()
                && !matches!(
                    b.node.kind(),
                    "keyword_argument" | "pair" | "keyed_element" | "array_element_initializer"
                )
        })
        .max_by_key(|b| b.node.start_byte())
        .map_or(node, |b| b.value)
}

/// Whether an origin value or pattern admits every origin: `*`, `.*`, or the same behind anchors
/// and a scheme (`^https://.*$`, `\Ahttps?://.+\z`, Spring's `https://*`), which still lets any
/// site that serves HTTPS in.
fn wildcard(s: &str) -> bool {
    let mut rest = s.trim();
    for anchor in ["^", "\\A"] {
        rest = rest.strip_prefix(anchor).unwrap_or(rest);
    }
    for anchor in ["$", "\\z", "\\Z"] {
        rest = rest.strip_suffix(anchor).unwrap_or(rest);
    }
    for scheme in [
        "(https?://)?",
        "(https?:\\/\\/)?",
        "https?://",
        "https?:\\/\\/",
        "https://",
        "https:\\/\\/",
        "http://",
        "http:\\/\\/",
    ] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r;
            break;
        }
    }
    matches!(
        rest,
        "*" | ".*" | "(.*)" | ".+" | "(.+)" | "[^/]+" | "[^/]*" | "([^/]+)" | "([^/]*)"
    )
}

/// The pattern of a regex literal: `/.*/i` → `.*`, Ruby `%r{\Ahttps://.*\z}` → `\Ahttps://.*\z`.
fn regex_pattern(text: &str) -> &str {
    let text = text.trim();
    if let Some(body) = text.strip_prefix("%r") {
        let body = body.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let mut chars = body.chars();
        if let (Some(_), Some(_)) = (chars.next(), chars.next_back()) {
            return chars.as_str();
        }
        return body;
    }
    let body = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    body.strip_prefix('/')
        .and_then(|b| b.strip_suffix('/'))
        .unwrap_or(body)
}

/// A Node-style origin callback whose body is a single `callback(null, true)` (or
/// `callback(null, origin)`).
fn callback_always_allows(src: &Source<'_>, value: Node<'_>) -> bool {
    let Some(body) = lambda_body(value) else {
        return false;
    };
    let params = value
        .child_by_field_name("parameters")
        .map(|p| src.text_of(p).to_string())
        .unwrap_or_default();
    let stmts = if body.kind() == "statement_block" {
        statements(body)
    } else {
        vec![body]
    };
    if stmts.len() != 1 {
        return false;
    }
    let stmt = crate::syntax::value::unwrap(stmts[0]);
    let stmt = if stmt.kind() == "return_statement" {
        match stmt.named_child(0) {
            Some(v) => v,
            None => return false,
        }
    } else {
        stmt
    };
    if stmt.kind() != "call_expression" {
        return false;
    }
    let Some(args) = stmt.child_by_field_name("arguments") else {
        return false;
    };
    let args: Vec<Node<'_>> = statements(args);
    if args.len() != 2 || !matches!(literal(src, args[0]), Some(Lit::Null)) {
        return false;
    }
    let first_param = params
        .trim_matches(['(', ')'])
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    is_bool(src, args[1], true) || (!first_param.is_empty() && src.text_of(args[1]) == first_param)
}

const ORIGIN_KEYS: &[&str] = &[
    "origin",
    "origins",
    "allowedOrigins",
    "AllowOrigins",
    "AllowedOrigins",
    "AllowAllOrigins",
    "AllowOriginFunc",
    "AllowOriginRequestFunc",
    "AllowOriginVaryRequestFunc",
    "allowed_origins",
    "allowed_origins_patterns",
    "allowOrigins",
    "allowedOriginPatterns",
];
const CREDENTIAL_KEYS: &[&str] = &[
    "credentials",
    "AllowCredentials",
    "supports_credentials",
    "allowCredentials",
    "withCredentials",
];

/// Object literals, Go composite literals and PHP arrays holding both an open origin and
/// credentials: `{ origin: true, credentials: true }`, `cors.Config{AllowAllOrigins: true,
/// AllowCredentials: true}`, `['allowed_origins' => ['*'], 'supports_credentials' => true]`.
fn objects<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    // Per object: the object, its open-origin entry and its credentials entry.
    type Group<'t> = (Node<'t>, Option<(Node<'t>, String)>, Option<String>);
    let mut groups: Vec<Group<'t>> = Vec::new();
    for b in &facts.bindings {
        let Some(parent) = b.node.parent() else {
            continue;
        };
        let name = b.name.as_str();
        let slot = match groups.iter().position(|(p, _, _)| p.id() == parent.id()) {
            Some(i) => i,
            None => {
                groups.push((parent, None, None));
                groups.len() - 1
            }
        };
        if ORIGIN_KEYS.contains(&name) {
            if let Some(how) = any_origin(src, resolve(src, facts, b.value)) {
                groups[slot].1 = Some((b.node, format!("{name}: {how}")));
            }
        } else if CREDENTIAL_KEYS.contains(&name) && is_bool(src, b.value, true) {
            groups[slot].2 = Some(format!("{name}: true"));
        }
    }
    for (_, origin, credentials) in groups {
        if let (Some((node, origin)), Some(credentials)) = (origin, credentials) {
            out.push(Permissive {
                node,
                origin,
                credentials,
            });
        }
    }
}

/// Django settings, Flask-CORS and Starlette's `CORSMiddleware`.
fn python<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    // Django (django-cors-headers) settings: module-level names.
    let setting = |names: &[&str]| {
        facts
            .bindings
            .iter()
            .find(|b| names.contains(&b.name.as_str()) && b.node.kind() == "assignment")
    };
    let credentials = setting(&["CORS_ALLOW_CREDENTIALS"]).filter(|b| is_bool(src, b.value, true));
    if let Some(credentials) = credentials {
        if let Some(all) = setting(&["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"])
            .filter(|b| is_bool(src, b.value, true))
        {
            out.push(Permissive {
                node: all.node,
                origin: format!("`{} = True`", all.name),
                credentials: format!("`{} = True`", credentials.name),
            });
        }
        if let Some(regex) =
            setting(&["CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"])
            && any_origin(src, regex.value).is_some()
        {
            out.push(Permissive {
                node: regex.node,
                origin: format!("`{}` matching everything", regex.name),
                credentials: format!("`{} = True`", credentials.name),
            });
        }
    }
    for call in &facts.calls {
        let kw = |name: &str| keyword(src, call, name);
        let q = call.qualified.as_str();
        // Flask-CORS: origins default to "*".
        if matches!(q, "flask_cors.CORS" | "flask_cors.cross_origin")
            && kw("supports_credentials").is_some_and(|v| is_bool(src, v, true))
        {
            let origins =
                kw("origins").or_else(|| kw("resources").and_then(|r| nested_origins(src, r)));
            let origin = match origins {
                None => Some("the default `*` origins".to_string()),
                Some(o) => any_origin(src, resolve(src, facts, o)),
            };
            if let Some(origin) = origin {
                out.push(Permissive {
                    node: call.node,
                    origin,
                    credentials: "`supports_credentials=True`".into(),
                });
            }
        }
        // Starlette / FastAPI: app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
        let cors_middleware = call.name() == "add_middleware"
            && call
                .args
                .first()
                .is_some_and(|a| src.text_of(*a).ends_with("CORSMiddleware"))
            || q.ends_with("CORSMiddleware");
        if cors_middleware && kw("allow_credentials").is_some_and(|v| is_bool(src, v, true)) {
            // Reported on the argument that opens the origins.
            let origin = kw("allow_origins")
                .and_then(|o| Some((o, any_origin(src, resolve(src, facts, o))?)))
                .map(|(n, o)| (n, format!("allow_origins={o}")))
                .or_else(|| {
                    kw("allow_origin_regex")
                        .and_then(|o| Some((o, any_origin(src, o)?)))
                        .map(|(n, o)| (n, format!("allow_origin_regex={o}")))
                });
            if let Some((at, origin)) = origin {
                out.push(Permissive {
                    node: at.parent().unwrap_or(call.node),
                    origin,
                    credentials: "`allow_credentials=True`".into(),
                });
            }
        }
    }
}

/// Flask-CORS `resources={r"/api/*": {"origins": "*"}}`: the first `origins` inside.
fn nested_origins<'t>(src: &Source<'_>, resources: Node<'t>) -> Option<Node<'t>> {
    descendants(resources).find_map(|n| {
        (n.kind() == "pair"
            && n.child_by_field_name("key")
                .and_then(|k| string(src, k))
                .is_some_and(|k| k == "origins"))
        .then(|| n.child_by_field_name("value"))
        .flatten()
    })
}

fn keyword<'t>(src: &Source<'_>, call: &Call<'t>, name: &str) -> Option<Node<'t>> {
    call.args.iter().find_map(|a| {
        (a.kind() == "keyword_argument"
            && a.child_by_field_name("name")
                .is_some_and(|n| src.text_of(n) == name))
        .then(|| a.child_by_field_name("value"))
        .flatten()
    })
}

/// The statement-level scope a builder chain or configuration lives in: the enclosing function,
/// lambda or class body.
fn scope_of(node: Node<'_>) -> Node<'_> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind())
            || matches!(
                n.kind(),
                "lambda_expression" | "class_body" | "declaration_list"
            )
        {
            return n;
        }
        cur = n.parent();
    }
    node
}

/// gorilla/handlers: `handlers.CORS(handlers.AllowedOrigins([]string{"*"}),
/// handlers.AllowCredentials())`.
fn gorilla<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    for call in &facts.calls {
        if call.qualified != "github.com/gorilla/handlers.AllowedOrigins" {
            continue;
        }
        let open = call
            .args
            .iter()
            .any(|a| descendants(*a).any(|n| string(src, n).is_some_and(|s| wildcard(&s))));
        let scope = scope_of(call.node);
        let credentials = facts.calls.iter().any(|c| {
            c.qualified == "github.com/gorilla/handlers.AllowCredentials"
                && scope.start_byte() <= c.node.start_byte()
                && c.node.end_byte() <= scope.end_byte()
        });
        if open && credentials {
            out.push(Permissive {
                node: call.node,
                origin: "`handlers.AllowedOrigins([]string{\"*\"})`".into(),
                credentials: "`handlers.AllowCredentials()`".into(),
            });
        }
    }
}

/// Spring: `allowedOriginPatterns("*")` with `allowCredentials(true)`, the `CorsConfiguration`
/// setters, and `@CrossOrigin(origins = "*", allowCredentials = "true")`.
fn java<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    const ORIGIN_CALLS: &[&str] = &[
        "allowedOriginPatterns",
        "allowedOrigins",
        "setAllowedOriginPatterns",
        "setAllowedOrigins",
        "addAllowedOriginPattern",
        "addAllowedOrigin",
    ];
    let credential_calls: Vec<&Call<'t>> = facts
        .calls
        .iter()
        .filter(|c| {
            matches!(c.name(), "allowCredentials" | "setAllowCredentials")
                && c.args.first().is_some_and(|a| is_bool(src, *a, true))
        })
        .collect();
    for call in &facts.calls {
        if !ORIGIN_CALLS.contains(&call.name()) {
            continue;
        }
        let open = call.args.iter().any(|a| {
            any_origin(src, *a).is_some()
                || descendants(*a).any(|n| string(src, n).is_some_and(|s| wildcard(&s)))
        });
        if !open {
            continue;
        }
        let scope = scope_of(call.node);
        let credentials = credential_calls.iter().find(|c| {
            scope.start_byte() <= c.node.start_byte() && c.node.end_byte() <= scope.end_byte()
        });
        if let Some(c) = credentials {
            out.push(Permissive {
                node: call.node,
                origin: format!("`{}(\"*\")`", call.name()),
                credentials: format!("`{}(true)`", c.name()),
            });
        }
    }
    for deco in &facts.decorations {
        if deco.written != "CrossOrigin" && !deco.qualified.ends_with(".CrossOrigin") {
            continue;
        }
        let args = deco.node.child_by_field_name("arguments");
        let items = args.map(statements).unwrap_or_default();
        let mut origins: Vec<String> = Vec::new();
        let mut credentials = false;
        for item in items {
            if item.kind() != "element_value_pair" {
                origins.push(src.text_of(item).to_string());
                continue;
            }
            let key = item
                .child_by_field_name("key")
                .map_or("", |k| src.text_of(k));
            let value = item
                .child_by_field_name("value")
                .map_or("", |v| src.text_of(v));
            match key {
                "origins" | "value" | "originPatterns" => origins.push(value.to_string()),
                "allowCredentials" => credentials = value.trim_matches('"') == "true",
                _ => {}
            }
        }
        // `@CrossOrigin` without origins means every origin.
        let open = origins.is_empty() || origins.iter().any(|v| v.contains("\"*\""));
        if credentials && open {
            out.push(Permissive {
                node: deco.node,
                origin: if origins.is_empty() {
                    "`@CrossOrigin` without origins, i.e. `*`".into()
                } else {
                    "`@CrossOrigin` origins `*`".into()
                },
                credentials: "`allowCredentials = \"true\"`".into(),
            });
        }
    }
}

/// ASP.NET Core: `SetIsOriginAllowed(_ => true)` with `AllowCredentials()`.
fn csharp<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    for call in &facts.calls {
        let open = match call.name() {
            "SetIsOriginAllowed" => call
                .args
                .first()
                .is_some_and(|a| lambda_always_returns(src, *a, true)),
            "WithOrigins" => call
                .args
                .iter()
                .any(|a| string(src, *a).is_some_and(|s| wildcard(&s))),
            _ => false,
        };
        if !open {
            continue;
        }
        let scope = scope_of(call.node);
        let credentials = facts.calls.iter().any(|c| {
            c.name() == "AllowCredentials"
                && scope.start_byte() <= c.node.start_byte()
                && c.node.end_byte() <= scope.end_byte()
        });
        if credentials {
            out.push(Permissive {
                node: call.node,
                origin: if call.name() == "SetIsOriginAllowed" {
                    "`SetIsOriginAllowed` accepting every origin".into()
                } else {
                    "`WithOrigins(\"*\")`".into()
                },
                credentials: "`AllowCredentials()`".into(),
            });
        }
    }
}

/// tower-http `CorsLayer::very_permissive()` / `mirror_request()` and actix `Cors::permissive()`.
fn rust<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    let in_scope = |call: &Call<'t>, names: &[&str], arg_true: bool| {
        let scope = scope_of(call.node);
        facts.calls.iter().any(|c| {
            names.contains(&c.name())
                && (!arg_true || c.args.first().is_some_and(|a| is_bool(src, *a, true)))
                && scope.start_byte() <= c.node.start_byte()
                && c.node.end_byte() <= scope.end_byte()
        })
    };
    for call in &facts.calls {
        let w = call.written.as_str();
        if w.ends_with("CorsLayer.very_permissive")
            || call.qualified.ends_with("CorsLayer.very_permissive")
        {
            out.push(Permissive {
                node: call.node,
                origin: "`CorsLayer::very_permissive()` mirrors the request origin".into(),
                credentials: "`very_permissive()` allows them".into(),
            });
        } else if w.ends_with("Cors.permissive")
            && (call.qualified.contains("actix_cors") || w.starts_with("Cors"))
        {
            out.push(Permissive {
                node: call.node,
                origin: "actix `Cors::permissive()` accepts every origin".into(),
                credentials: "`permissive()` supports them".into(),
            });
        } else if (w.ends_with("AllowOrigin.mirror_request") || w.ends_with("allow_any_origin"))
            && in_scope(
                call,
                &["allow_credentials", "supports_credentials"],
                call.name() == "mirror_request",
            )
        {
            out.push(Permissive {
                node: call.node,
                origin: format!("`{}`", call.name()),
                credentials: "`allow_credentials(true)`".into(),
            });
        }
    }
}

/// rack-cors: `origins '*'` (or a match-everything regex or block) with `credentials: true`.
fn ruby<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    for call in &facts.calls {
        if call.written != "origins" {
            continue;
        }
        let open = call.args.iter().any(|a| any_origin(src, *a).is_some())
            || call.node.child_by_field_name("block").is_some_and(|b| {
                let body = b.child_by_field_name("body");
                body.is_some_and(|body| crate::syntax::value::body_always_returns(src, body, true))
            });
        if !open {
            continue;
        }
        // The enclosing `allow do ... end` block.
        let Some(allow) = ancestor(call.node, &["do_block", "block"]) else {
            continue;
        };
        let credentials = descendants(allow).any(|n| {
            n.kind() == "pair"
                && n.child_by_field_name("key")
                    .is_some_and(|k| src.text_of(k).trim_end_matches(':') == "credentials")
                && n.child_by_field_name("value")
                    .is_some_and(|v| is_bool(src, v, true))
        });
        if credentials {
            out.push(Permissive {
                node: call.node,
                origin: format!("`{}`", src.text_of(call.node)),
                credentials: "`credentials: true`".into(),
            });
        }
    }
}

/// A handler that copies the request's `Origin` into `Access-Control-Allow-Origin`, outside any
/// check of that origin, in a scope that also allows credentials.
fn reflected_origin<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<Permissive<'t>>) {
    for node in descendants(src.tree.root_node()) {
        // `"Access-Control-Allow-Origin: $origin"`, `` `Access-Control-Allow-Origin: ${origin}` ``.
        if let Some(found) = interpolated_header(src, node) {
            let (anchor, value) = found;
            let scope = enclosing_scope(anchor);
            let scope_text = src.text_of(scope).to_ascii_lowercase();
            if scope_text.contains("access-control-allow-credentials")
                && reads_request_origin(src, facts, scope, value)
                && !guarded(src, anchor)
            {
                out.push(Permissive {
                    node: anchor,
                    origin: format!("the request's Origin header (`{}`)", src.text_of(value)),
                    credentials: "`Access-Control-Allow-Credentials: true`".into(),
                });
            }
            continue;
        }
        let Some(s) = string(src, node) else {
            continue;
        };
        let lower = s.to_ascii_lowercase();
        let found = if lower == "access-control-allow-origin" {
            header_value(src, node)
        } else if lower.trim_end() == "access-control-allow-origin:" {
            // `header('Access-Control-Allow-Origin: ' . $origin)`, `"...: " + origin`.
            concatenated_value(node)
        } else {
            None
        };
        let Some((anchor, value)) = found else {
            continue;
        };
        let value = header_entry_value(src, anchor).unwrap_or(value);
        let scope = enclosing_scope(anchor);
        let scope_text = src.text_of(scope).to_ascii_lowercase();
        if !scope_text.contains("access-control-allow-credentials") {
            continue;
        }
        // A literal `*` beside `Access-Control-Allow-Credentials: true` (a header table such as
        // Next.js `headers()`): the configuration means every origin with cookies.
        if let Some(origin) = any_origin(src, value)
            && credentials_header_true(src, scope)
        {
            out.push(Permissive {
                node: anchor,
                origin,
                credentials: "`Access-Control-Allow-Credentials: true`".into(),
            });
            continue;
        }
        if !reads_request_origin(src, facts, scope, value) || guarded(src, anchor) {
            continue;
        }
        out.push(Permissive {
            node: anchor,
            origin: format!("the request's Origin header (`{}`)", src.text_of(value)),
            credentials: "`Access-Control-Allow-Credentials: true`".into(),
        });
    }
}

/// The statement that sets a header named by `name` and the value it sets: a call
/// `set(name, value)`, a subscript assignment `headers[name] = value`, or a pair `name => value`.
fn header_value<'t>(src: &Source<'_>, name: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let _ = src;
    let mut cur = name.parent()?;
    // Unwrap argument wrappers and PHP string nodes.
    while matches!(
        cur.kind(),
        "argument"
            | "string"
            | "encapsed_string"
            | "string_literal"
            | "interpreted_string_literal"
            | "string_content"
    ) {
        cur = cur.parent()?;
    }
    match cur.kind() {
        "arguments" | "argument_list" | "argument_list_expression" => {
            let args: Vec<Node<'t>> = statements(cur)
                .into_iter()
                .map(crate::syntax::value::unwrap)
                .collect();
            let at = args.iter().position(|a| {
                a.start_byte() <= name.start_byte() && name.end_byte() <= a.end_byte()
            })?;
            let value = *args.get(at + 1)?;
            Some((cur.parent()?, value))
        }
        "subscript"
        | "element_reference"
        | "subscript_expression"
        | "index_expression"
        | "element_access_expression"
        | "bracketed_argument_list" => {
            let assign = ancestor(
                cur,
                &[
                    "assignment",
                    "assignment_expression",
                    "assignment_statement",
                ],
            )?;
            let right = assign.child_by_field_name("right")?;
            Some((assign, right))
        }
        "pair" | "array_element_initializer" => {
            let value = cur
                .child_by_field_name("value")
                .or_else(|| cur.named_child(1))?;
            Some((cur, value))
        }
        _ => None,
    }
}

/// A header table entry `{ key: "Access-Control-Allow-Origin", value: "*" }` (Next.js
/// `headers()`, Vercel and Netlify configs): given the `key` pair, the sibling `value`.
fn header_entry_value<'t>(src: &Source<'_>, pair: Node<'t>) -> Option<Node<'t>> {
    if pair.kind() != "pair" {
        return None;
    }
    let key = |p: Node<'_>| {
        p.child_by_field_name("key")
            .map(|k| string(src, k).unwrap_or_else(|| src.text_of(k).to_string()))
    };
    if !matches!(key(pair).as_deref(), Some("key" | "name")) {
        return None;
    }
    let object = pair.parent()?;
    statements(object)
        .into_iter()
        .find(|p| p.kind() == "pair" && key(*p).as_deref() == Some("value"))
        .and_then(|p| p.child_by_field_name("value"))
}

/// Whether `scope` sets `Access-Control-Allow-Credentials` to `true`.
fn credentials_header_true(src: &Source<'_>, scope: Node<'_>) -> bool {
    descendants(scope).any(|n| {
        let Some(s) = string(src, n) else {
            return false;
        };
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("access-control-allow-credentials:") {
            return lower.trim_end().ends_with("true");
        }
        if lower != "access-control-allow-credentials" {
            return false;
        }
        let Some((anchor, value)) = header_value(src, n) else {
            return false;
        };
        let value = header_entry_value(src, anchor).unwrap_or(value);
        is_bool(src, value, true) || string(src, value).is_some_and(|v| v == "true")
    })
}

/// A header line with an interpolated value (`"Access-Control-Allow-Origin: $origin"`): the
/// call that sends it and the interpolated expression.
fn interpolated_header<'t>(src: &Source<'_>, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    if !matches!(
        node.kind(),
        "encapsed_string" | "template_string" | "string" | "interpolated_string_expression"
    ) {
        return None;
    }
    let text = src
        .text_of(node)
        .trim_start_matches(['"', '\'', '`', '$', 'f'])
        .to_ascii_lowercase();
    if !text.starts_with("access-control-allow-origin:") {
        return None;
    }
    let value = descendants(node).find(|n| {
        n.id() != node.id()
            && matches!(
                n.kind(),
                "variable_name"
                    | "template_substitution"
                    | "interpolation"
                    | "member_access_expression"
                    | "subscript_expression"
            )
    })?;
    let value = match value.kind() {
        "template_substitution" | "interpolation" => value.named_child(0).unwrap_or(value),
        _ => value,
    };
    let anchor = ancestor(
        node,
        &[
            "function_call_expression",
            "call_expression",
            "call",
            "expression_statement",
        ],
    )?;
    Some((anchor, value))
}

/// The right operand of a concatenation that starts with `node`, and the statement around it.
fn concatenated_value(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let mut cur = node.parent()?;
    while matches!(cur.kind(), "string" | "encapsed_string") {
        cur = cur.parent()?;
    }
    if !matches!(
        cur.kind(),
        "binary_expression" | "binary_operator" | "binary"
    ) {
        return None;
    }
    let right = cur.child_by_field_name("right")?;
    let statement = ancestor(
        cur,
        &[
            "expression_statement",
            "call_expression",
            "function_call_expression",
        ],
    )
    .unwrap_or(cur);
    Some((statement, right))
}

fn enclosing_scope(node: Node<'_>) -> Node<'_> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind())
            || matches!(
                n.kind(),
                "arrow_function"
                    | "function_expression"
                    | "func_literal"
                    | "lambda_expression"
                    | "closure_expression"
                    | "anonymous_function"
            )
        {
            return n;
        }
        cur = n.parent();
    }
    node.parent().map_or(node, |_| {
        let mut root = node;
        while let Some(p) = root.parent() {
            root = p;
        }
        root
    })
}

/// Whether `value` is the request's Origin header, directly or through a local variable.
fn reads_request_origin(
    src: &Source<'_>,
    facts: &Facts<'_>,
    scope: Node<'_>,
    value: Node<'_>,
) -> bool {
    // `origin || '*'`, `$origin ?? '*'`, `origin or "*"`: the fallback does not check anything.
    let value = fallback_left(src, value);
    let text = src.text_of(value);
    if from_request(text) {
        return true;
    }
    // `origin := r.Header.Get("Origin")` then `Set("Access-Control-Allow-Origin", origin)`.
    let name = text.trim().trim_start_matches('$');
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return false;
    }
    facts.bindings.iter().any(|b| {
        b.name == name
            && scope.start_byte() <= b.node.start_byte()
            && b.node.end_byte() <= scope.end_byte()
            && from_request(src.text_of(b.value))
    })
}

/// The left operand of a default-value expression (`a || b`, `a ?? b`, `a or b`), else `value`.
fn fallback_left<'t>(src: &Source<'_>, value: Node<'t>) -> Node<'t> {
    let value = crate::syntax::value::unwrap(value);
    if !matches!(
        value.kind(),
        "binary_expression" | "boolean_operator" | "binary"
    ) {
        return value;
    }
    let (Some(left), Some(right)) = (
        value.child_by_field_name("left"),
        value.child_by_field_name("right"),
    ) else {
        return value;
    };
    let op = src
        .text
        .get(left.end_byte()..right.start_byte())
        .unwrap_or("")
        .trim();
    if matches!(op, "||" | "??" | "or") {
        crate::syntax::value::unwrap(left)
    } else {
        value
    }
}

fn from_request(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let origin = lower.contains("origin");
    let request = [
        "req",
        "headers",
        "header",
        "http_origin",
        "ctx",
        "request",
        "_server",
        "env[",
    ]
    .iter()
    .any(|w| lower.contains(w));
    origin
        && request
        && !lower.contains("allowed")
        && !lower.contains("whitelist")
        && !lower.contains("allowlist")
}

/// Whether the header is set inside, or after, a condition that inspects the origin (an allowlist
/// check, or an early return for unknown origins).
fn guarded(src: &Source<'_>, node: Node<'_>) -> bool {
    let scope = enclosing_scope(node);
    let earlier = descendants(scope).any(|n| {
        n.end_byte() <= node.start_byte()
            && IF_KINDS.contains(&n.kind())
            && n.child_by_field_name("condition")
                .is_some_and(|c| origin_check(src.text_of(c)))
    });
    if earlier {
        return true;
    }
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind()) {
            return false;
        }
        if IF_KINDS.contains(&n.kind()) {
            let cond = n
                .child_by_field_name("condition")
                .map_or_else(|| src.text_of(n), |c| src.text_of(c));
            if origin_check(cond) {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

const IF_KINDS: &[&str] = &[
    "if_statement",
    "if_expression",
    "if",
    "unless",
    "if_modifier",
    "unless_modifier",
    "conditional_expression",
    "ternary_expression",
    "switch_statement",
    "case",
    "when",
];

/// Whether a condition compares the origin with something (an allowlist, a suffix, a pattern),
/// rather than only testing that it is present (`if (!origin)`).
fn origin_check(condition: &str) -> bool {
    let lower = condition.to_ascii_lowercase();
    lower.contains("origin")
        && [
            "includes",
            " in ",
            "indexof",
            ".has(",
            "match",
            "test(",
            "==",
            "endswith",
            "startswith",
            "contains",
            "in_array",
            "allowed",
            "whitelist",
            "allowlist",
            "trusted",
            "valid",
            "permitted",
            "is_allowed",
        ]
        .iter()
        .any(|w| lower.contains(w))
}
