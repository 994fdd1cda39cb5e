//! IDG102 jsonwebtoken-verification-skipped

use idgate_lang::Source;
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::js::{
    Imports, arguments, callee_path, enclosing_function, function_name, property, resolve_value,
    string_items,
};
use crate::syntax::{descendants, is_identity_name};

declare_rule! {
    /// ## What it does
    /// Flags JavaScript and TypeScript code that trusts a JWT whose signature the `jsonwebtoken`
    /// package never checked (and the same misuse of `jose`'s `decodeJwt` and `@nestjs/jwt`'s
    /// `JwtService.decode`):
    ///
    /// - `jwt.decode(token)` whose result becomes the caller's identity (assigned to `req.user`,
    ///   `ctx.state.user`, `res.locals.user` and the like, passed to a `done`/`next` callback, or
    ///   returned from a function named like an authentication step), in a function that never
    ///   calls `jwt.verify`;
    /// - `jwt.verify(token, key, { algorithms: ['none'] })`, which accepts unsigned tokens;
    /// - `jose`'s `decodeJwt` and `jwt-decode`'s `jwtDecode` whose claims decide an
    ///   authorization (returned from `isAdmin`, `canEdit`, `hasRole`);
    /// - in `idgate check`, a `jwt.verify`/`jwtVerify` whose options named the expected
    ///   `issuer`, `audience` or `algorithms` before and no longer do.
    ///
    /// `jwt.decode` used next to `jwt.verify` (to read a `kid` header first) raises nothing.
    ///
    /// ## Why is this bad?
    /// `jwt.decode` only base64-decodes the payload. Whoever sends the request chooses its claims,
    /// so a handler that takes its user from `decode` lets anyone be anyone. Swapping `verify` for
    /// `decode` is a typical "make the error go away" edit by an agent facing an expired test key.
    ///
    /// ## Example
    /// ```javascript
    /// const payload = jwt.decode(req.headers.authorization.slice(7));
    /// req.user = payload;
    /// next();
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// req.user = jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'api' });
    /// ```
    ///
    /// ## References
    /// - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    /// - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - [jsonwebtoken README: `jwt.decode` does not verify the signature](https://github.com/auth0/node-jsonwebtoken#jwtdecodetoken--options)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG102",
        name: "jsonwebtoken-verification-skipped",
        category: TokenVerification,
        cwe: [347, 345, 287],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [JavaScript, TypeScript, Tsx],
        keywords: ["jsonwebtoken", "jwt", "jose", "jwt-decode"],
        summary: "A JWT is trusted although jsonwebtoken never verified its signature.",
        check: check,
    };
}

/// Properties that hold the authenticated caller.
const IDENTITY_PROPERTIES: &[&str] = &[
    "auth",
    "claims",
    "currentUser",
    "identity",
    "principal",
    "session",
    "user",
];

/// Callbacks that hand an identity to the framework (`done(null, user)`).
const IDENTITY_CALLBACKS: &[&str] = &["callback", "cb", "done", "next", "resolve"];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let imports = Imports::of(cx.new);
    let calls = jwt_calls(cx.new, &imports);
    let old_verifies: Option<Vec<Option<String>>> = cx.old.map(|old| {
        let imports = Imports::of(old);
        jwt_calls(old, &imports)
            .into_iter()
            .filter(|(f, _)| *f == "verify")
            .map(|(_, call)| enclosing_function(call).and_then(|f| function_name(old, f)))
            .collect()
    });
    if let Some(old) = cx.old {
        options_dropped(cx.new, &calls, old, hits);
    }
    for (function, call) in &calls {
        match *function {
            "verify" => {
                if let Some(how) = accepts_none(cx.new, *call) {
                    hits.push(Hit {
                        start: call.start_byte(),
                        end: call.end_byte(),
                        message: format!(
                            "`jwt.verify` accepts unsigned tokens ({how}): any caller can forge its claims"
                        ),
                        before: None,
                        after: Some(how),
                        measure: None,
                    });
                }
            }
            "decode" => {
                let scope = enclosing_function(*call);
                let verified_here = calls
                    .iter()
                    .any(|(f, other)| *f == "verify" && enclosing_function(*other) == scope);
                if verified_here {
                    continue;
                }
                let Some(sink) = identity_sink(cx.new, *call) else {
                    continue;
                };
                let name = scope.and_then(|f| function_name(cx.new, f));
                let before = old_verifies.as_ref().and_then(|names| {
                    names
                        .contains(&name)
                        .then(|| "signature verified with jwt.verify".to_string())
                });
                hits.push(Hit {
                    start: call.start_byte(),
                    end: call.end_byte(),
                    message: format!(
                        "JWT payload from `jwt.decode` becomes the caller's identity ({sink}) without `jwt.verify`: any caller can forge it"
                    ),
                    before,
                    after: Some("payload read with jwt.decode, signature not verified".into()),
                    measure: None,
                });
            }
            _ => {}
        }
    }
}

/// Calls of jsonwebtoken's `verify` and `decode`, as (function, call node).
fn jwt_calls<'t>(src: &'t Source<'_>, imports: &Imports) -> Vec<(&'static str, Node<'t>)> {
    let mut out = Vec::new();
    for call in descendants(src.tree.root_node()).filter(|n| n.kind() == "call_expression") {
        let Some(path) = call
            .child_by_field_name("function")
            .and_then(|f| callee_path(src, f))
        else {
            continue;
        };
        let first = path.split('.').next().unwrap_or("");
        // @nestjs/jwt: `this.jwtService.decode(t)` reads without verifying, like jsonwebtoken's.
        if imports.qualify("JwtService") == "@nestjs/jwt.JwtService" {
            let last_two: Vec<&str> = path.rsplitn(3, '.').collect();
            if let [method, receiver, ..] = last_two.as_slice()
                && receiver.to_ascii_lowercase().contains("jwtservice")
            {
                match *method {
                    "verify" | "verifyAsync" => out.push(("verify", call)),
                    "decode" => out.push(("decode", call)),
                    _ => {}
                }
                continue;
            }
        }
        if !imports.is_imported(first) && first != "jwt" {
            continue;
        }
        let qualified = imports.qualify(&path);
        // Unimported `jwt` is taken as jsonwebtoken (partial texts from patches lack imports).
        let qualified = qualified
            .strip_prefix("jwt.")
            .filter(|_| !imports.is_imported("jwt"))
            .map_or(qualified.clone(), |rest| format!("jsonwebtoken.{rest}"));
        match qualified.as_str() {
            "jsonwebtoken.verify" | "jsonwebtoken.default.verify" => out.push(("verify", call)),
            "jsonwebtoken.decode" | "jsonwebtoken.default.decode" => out.push(("decode", call)),
            // panva/jose: `decodeJwt` reads the claims, `jwtVerify` checks them.
            "jose.jwtVerify" => out.push(("verify", call)),
            "jose.decodeJwt" => out.push(("decode", call)),
            // jwt-decode: a decoder only, by design.
            "jwt-decode"
            | "jwt-decode.jwtDecode"
            | "jwt-decode.default"
            | "jwt-decode.jwt_decode" => out.push(("decode", call)),
            _ => {}
        }
    }
    out
}

/// `algorithms` containing `none` in the options of a verify call.
fn accepts_none(src: &Source<'_>, call: Node<'_>) -> Option<String> {
    let args = arguments(call);
    let options = resolve_value(src, *args.get(2)?);
    let algorithms = resolve_value(src, property(src, options, "algorithms")?);
    let algs = string_items(src, algorithms)?;
    algs.iter()
        .any(|a| a.eq_ignore_ascii_case("none"))
        .then(|| "algorithms include \"none\"".to_string())
}

/// Where the decoded payload ends up, if that place holds the caller's identity.
fn identity_sink(src: &Source<'_>, call: Node<'_>) -> Option<String> {
    let mut value = call;
    // Walk out through wrappers and member reads (`jwt.decode(t).sub`, `(await x) as Claims`).
    while let Some(parent) = value.parent() {
        let passes = match parent.kind() {
            "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion" => true,
            "member_expression" | "subscript_expression" => {
                parent.child_by_field_name("object") == Some(value)
            }
            _ => false,
        };
        if !passes {
            break;
        }
        value = parent;
    }
    let parent = value.parent()?;
    match parent.kind() {
        "assignment_expression" => sink_target(src, parent.child_by_field_name("left")?),
        "return_statement" => returned_from_identity_function(src, parent),
        "arrow_function" if parent.child_by_field_name("body") == Some(value) => {
            returned_from_identity_function(src, value)
        }
        "arguments" => callback_sink(src, parent),
        "variable_declarator" => {
            let name = parent.child_by_field_name("name")?;
            let scope = enclosing_function(call).unwrap_or_else(|| {
                let mut r = call;
                while let Some(p) = r.parent() {
                    r = p;
                }
                r
            });
            let names: Vec<&str> = match name.kind() {
                "identifier" => vec![src.text_of(name)],
                "object_pattern" => descendants(name)
                    .filter(|n| {
                        matches!(
                            n.kind(),
                            "shorthand_property_identifier_pattern" | "identifier"
                        )
                    })
                    .map(|n| src.text_of(n))
                    .collect(),
                _ => return None,
            };
            variable_sink(src, scope, &names, call.end_byte())
        }
        _ => None,
    }
}

fn sink_target(src: &Source<'_>, left: Node<'_>) -> Option<String> {
    if left.kind() != "member_expression" {
        return None;
    }
    let prop = src.text_of(left.child_by_field_name("property")?);
    IDENTITY_PROPERTIES
        .contains(&prop)
        .then(|| format!("assigned to `{}`", src.text_of(left)))
}

fn returned_from_identity_function(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let f = enclosing_function(node)?;
    let name = function_name(src, f)?;
    is_identity_name(&name).then(|| format!("returned from `{name}`"))
}

/// Words of a function that answers an authorization question (`isAdmin`, `canEditPost`,
/// `hasRole`, `requirePermission`).
const AUTHZ_WORDS: &[&str] = &[
    "admin",
    "role",
    "roles",
    "permission",
    "permissions",
    "allowed",
    "authorized",
    "authorize",
    "authorise",
    "authorised",
    "privileged",
    "entitled",
    "scope",
    "scopes",
    "owner",
];

/// A claim read inside the `return` of a function named like an authorization decision:
/// `return claims.roles.includes('admin')` in `isAdmin`.
fn returned_into_authz_decision(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let f = enclosing_function(node)?;
    let mut cur = node;
    while let Some(p) = cur.parent() {
        if p.id() == f.id() {
            return None;
        }
        if p.kind() == "return_statement" {
            let name = function_name(src, f)?;
            let w = crate::syntax::words(&name);
            // `canEditPost`, `mayDelete`: a permission question by its first word.
            let asks = w.first().is_some_and(|f| f == "can" || f == "may");
            return (asks || w.iter().any(|x| AUTHZ_WORDS.contains(&x.as_str())))
                .then(|| format!("an authorization decision returned from `{name}`"));
        }
        cur = p;
    }
    None
}

/// Options of a verify call that pin what a valid token is.
const PINNED_OPTIONS: &[&str] = &["issuer", "audience", "algorithms"];

/// The options object of a verify call (`jwt.verify(t, k, {...})`, `jwtVerify(t, jwks, {...})`,
/// `jwtService.verify(t, {...})`).
fn verify_options<'t>(src: &Source<'_>, call: Node<'t>) -> Option<Node<'t>> {
    arguments(call)
        .into_iter()
        .skip(1)
        .map(|a| resolve_value(src, a))
        .find(|a| a.kind() == "object")
}

/// In a change: a verify call whose options named the expected issuer, audience or algorithms
/// in the same function before and no longer do.
fn options_dropped(
    src: &Source<'_>,
    calls: &[(&'static str, Node<'_>)],
    old: &Source<'_>,
    hits: &mut Vec<Hit>,
) {
    let old_imports = Imports::of(old);
    let before: Vec<(Option<String>, Vec<&str>)> = jwt_calls(old, &old_imports)
        .into_iter()
        .filter(|(f, _)| *f == "verify")
        .map(|(_, call)| {
            let name = enclosing_function(call).and_then(|f| function_name(old, f));
            let pinned = verify_options(old, call).map_or(Vec::new(), |o| {
                PINNED_OPTIONS
                    .iter()
                    .copied()
                    .filter(|k| property(old, o, k).is_some())
                    .collect()
            });
            (name, pinned)
        })
        .collect();
    for (function, call) in calls {
        if *function != "verify" {
            continue;
        }
        let name = enclosing_function(*call).and_then(|f| function_name(src, f));
        let Some((_, pinned)) = before.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let options = verify_options(src, *call);
        // Spread or computed options may still carry them.
        if options.is_some_and(|o| src.text_of(o).contains("...")) {
            continue;
        }
        let dropped: Vec<&str> = pinned
            .iter()
            .copied()
            .filter(|k| options.is_none_or(|o| property(src, o, k).is_none()))
            .collect();
        if dropped.is_empty() {
            continue;
        }
        let anchor = options
            .and_then(|o| {
                let mut c = o.walk();
                o.named_children(&mut c).find(|n| n.kind() != "comment")
            })
            .unwrap_or(*call);
        let list = dropped
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        hits.push(Hit {
            start: anchor.start_byte(),
            end: anchor.end_byte(),
            message: format!(
                "JWT verification no longer checks {list}: tokens minted by another issuer or for another service (or with another algorithm) are now accepted; pass {list} to the verify options again"
            ),
            before: Some(format!("verified with {list}")),
            after: Some(format!("{list} not checked")),
            measure: None,
        });
    }
}

fn callback_sink(src: &Source<'_>, arguments: Node<'_>) -> Option<String> {
    let call = arguments.parent()?;
    let f = src.text_of(call.child_by_field_name("function")?);
    IDENTITY_CALLBACKS
        .contains(&f)
        .then(|| format!("passed to `{f}`"))
}

/// Uses of `names` after `after` in `scope` that reach an identity sink, following values derived
/// from them (`const user = await User.findById(claims.sub)` makes `user` carry the claims too).
fn variable_sink(
    src: &Source<'_>,
    scope: Node<'_>,
    names: &[&str],
    after: usize,
) -> Option<String> {
    let mut tainted: Vec<String> = names.iter().map(|n| (*n).to_string()).collect();
    for n in descendants(scope) {
        if n.start_byte() < after
            || n.kind() != "identifier"
            || !tainted.iter().any(|t| t == src.text_of(n))
        {
            continue;
        }
        let mut value = n;
        while let Some(p) = value.parent() {
            match p.kind() {
                "member_expression" | "subscript_expression" => {
                    // Only reads *from* the value carry it (`claims.sub`, not `obj[claims]`).
                    if p.child_by_field_name("object") != Some(value) {
                        break;
                    }
                    value = p;
                }
                "pair"
                | "object"
                | "array"
                | "parenthesized_expression"
                | "as_expression"
                | "satisfies_expression"
                | "non_null_expression"
                | "spread_element"
                | "await_expression" => value = p,
                "arguments" => {
                    if let Some(sink) = callback_sink(src, p) {
                        return Some(sink);
                    }
                    // A call fed with the claims yields something derived from them.
                    match p.parent() {
                        Some(call) if call.kind() == "call_expression" => value = call,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        if let Some(sink) = returned_into_authz_decision(src, value) {
            return Some(sink);
        }
        let Some(parent) = value.parent() else {
            continue;
        };
        match parent.kind() {
            "assignment_expression" if parent.child_by_field_name("right") == Some(value) => {
                if let Some(sink) = parent
                    .child_by_field_name("left")
                    .and_then(|l| sink_target(src, l))
                {
                    return Some(sink);
                }
            }
            "return_statement" => {
                if let Some(sink) = returned_from_identity_function(src, parent) {
                    return Some(sink);
                }
            }
            "variable_declarator" if parent.child_by_field_name("value") == Some(value) => {
                if let Some(name) = parent.child_by_field_name("name") {
                    for id in descendants(name).filter(|d| {
                        matches!(
                            d.kind(),
                            "identifier" | "shorthand_property_identifier_pattern"
                        )
                    }) {
                        let id = src.text_of(id).to_string();
                        if !tainted.contains(&id) {
                            tainted.push(id);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}
