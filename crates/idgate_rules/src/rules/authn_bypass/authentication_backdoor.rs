//! IDG130 authentication-backdoor

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::generic::{call_shape, enclosing_function, function_name, string_literal};
use crate::syntax::words;

declare_rule! {
    /// ## What it does
    /// Flags a shortcut in authentication code that lets a caller in without credentials:
    ///
    /// - a request header, query parameter or cookie whose mere presence (or a fixed value) makes
    ///   an authentication function return success, call `next()`, or hand back a user
    ///   (`if request.headers.get("X-Debug-User"): return User(...)`,
    ///   `if (req.query.admin === 'true') return next()`);
    /// - an environment or debug flag that skips authentication
    ///   (`if os.getenv("SKIP_AUTH") == "1": return`, `if settings.DEBUG: return User.objects.first()`);
    /// - a credential compared with a literal (`if token == "letmein"`,
    ///   `password.equals("master-password")`) that grants access, or with a shared master
    ///   password read from the environment (`password == ENV.fetch("MASTER_PASSWORD")`);
    /// - a client-supplied address header compared with a local address
    ///   (`req.headers['x-forwarded-for'] === '127.0.0.1'`): anyone can send that header;
    /// - fail-open: an `except`/`catch`/`rescue` around a verify or authenticate call that
    ///   returns `true`.
    ///
    /// It reads functions and middleware whose name, class or `next` parameter says
    /// authentication (and Next.js `middleware`), in Python, JavaScript/TypeScript, Go, Java, C#,
    /// Ruby, PHP and Rust. A flag that
    /// makes authentication stricter, a header read for logging, a comparison with a configured
    /// secret, and test files raise nothing.
    ///
    /// ## Why is this bad?
    /// A backdoor is authentication that anyone who reads the code (or guesses a header name) can
    /// skip. Debug switches and magic headers outlive the debugging session that added them, and
    /// environment flags get set in the wrong environment. Fail-open handlers turn every invalid
    /// or forged token into a valid one. Agents add such shortcuts to get a failing integration
    /// test or a local run past authentication.
    ///
    /// ## Example
    /// ```javascript
    /// function requireAuth(req, res, next) {
    ///   if (req.headers['x-debug-user']) return next();
    ///   ...
    /// }
    /// ```
    ///
    /// Use instead: remove the shortcut; in tests, sign a real token with a test key or override
    /// the dependency in the test harness.
    ///
    /// ## References
    /// - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - [CWE-288: Authentication Bypass Using an Alternate Path or Channel](https://cwe.mitre.org/data/definitions/288.html)
    /// - [CWE-636: Not Failing Securely ('Failing Open')](https://cwe.mitre.org/data/definitions/636.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG130",
        name: "authentication-backdoor",
        category: AuthnBypass,
        cwe: [306, 287, 288, 636],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["auth", "login", "token", "password", "session", "jwt", "credential", "user"],
        summary: "Authentication code lets a caller in through a magic header, a debug flag, a hard-coded credential or a failing check.",
        check: check,
    };
}

/// Words of functions and classes that authenticate.
const AUTH_WORDS: &[&str] = &[
    "auth",
    "authenticate",
    "authenticated",
    "authentication",
    "authorize",
    "authorized",
    "login",
    "signin",
    "logon",
    "guard",
    "protect",
    "protected",
    "verify",
    "token",
    "jwt",
    "session",
    "identity",
    "principal",
    "credential",
    "credentials",
    "password",
    "current",
    "user",
    "canactivate",
    "require",
    "ensure",
    "security",
    "bearer",
    "apikey",
    "authn",
    "authz",
];

/// Read sites of request input.
const REQUEST_MARKERS: &[&str] = &[
    "headers",
    "header(",
    "header.get",
    "getheader",
    "headers[",
    ".query",
    "query(",
    "query[",
    "query_params",
    "querystring",
    "args.get",
    "request.get",
    "request.post",
    "params[",
    "params.",
    "cookies",
    "cookie(",
    "getparameter",
    "$_get",
    "$_post",
    "$_request",
    "$_cookie",
    "$_server['http_",
    "$_server[\"http_",
    "searchparams",
    "formvalue",
    "getquery",
    "defaultquery",
    "->input(",
    "->query(",
    "->header(",
    "->cookie(",
    "req.get(",
    "req.header(",
    "ctx.get(",
];

/// Words of a request key that make it a bypass when it alone lets the caller in.
const SUSPICIOUS_KEYS: &[&str] = &[
    "debug",
    "bypass",
    "skip",
    "admin",
    "internal",
    "test",
    "testing",
    "user",
    "userid",
    "uid",
    "impersonate",
    "impersonation",
    "role",
    "override",
    "dev",
    "backdoor",
    "master",
    "superuser",
    "sudo",
    "auth",
    "authorization",
    "token",
    "noauth",
    "mock",
    "fake",
    "trusted",
    "as",
    "god",
    "root",
    "staff",
    "login",
    "api",
    "key",
];

/// Environment reads.
const ENV_MARKERS: &[&str] = &[
    "getenv",
    "environ",
    "process.env",
    "env[",
    "env.fetch",
    "system.getenv",
    "getenvironmentvariable",
    "os.getenv",
    "env::var",
    "env(",
    "$_env",
    "config(",
    "settings.",
    "app.debug",
    "app.config",
    "cfg.",
    "config.",
    "conf.",
    "options.",
    "isdevelopment",
    "rails.env",
    "app()->environment",
    "debug",
];

/// Words of a flag that skips authentication or marks a non-production mode.
const BYPASS_FLAG_WORDS: &[&str] = &[
    "skip",
    "disable",
    "disabled",
    "bypass",
    "no",
    "noauth",
    "debug",
    "dev",
    "development",
    "test",
    "testing",
    "insecure",
    "mock",
    "fake",
    "local",
    "off",
    "unsafe",
];

/// Literals that are no credential.
const NOT_CREDENTIALS: &[&str] = &[
    "",
    "null",
    "undefined",
    "none",
    "bearer",
    "basic",
    "true",
    "false",
    "nil",
    "0",
    "1",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    for node in descendants(src.tree.root_node()) {
        if let Some((cond, body)) = if_parts(src.language, node) {
            let Some(function) = auth_function(src, node) else {
                continue;
            };
            let Some(reason) = bypass_condition(src, cond) else {
                continue;
            };
            let Some(grant) = success(src, body, function) else {
                continue;
            };
            // The body checks the credential before letting the caller in: not a shortcut.
            if verifies(src, body) {
                continue;
            }
            let fname = function_label(src, function);
            let who = if reason.starts_with("the flag") {
                "wherever the flag is set (a copied .env, a staging box left open), everyone is let in without credentials"
            } else if reason.contains("hard-coded") {
                "anyone who knows or finds the value is let in without the real credential"
            } else {
                "anyone who sends it is let in without credentials"
            };
            hits.push(Hit {
                start: node.start_byte(),
                end: cond.end_byte().max(node.start_byte() + 1),
                message: format!(
                    "Authentication shortcut in {fname}: {reason} {grant}; {who}. Remove the shortcut"
                ),
                before: None,
                after: Some(format!("{reason} {grant}")),
                measure: None,
            });
        }
        if let Some((tried, handler)) = try_parts(src.language, node)
            && !negative_predicate(src, node)
            && let Some(verify) = verifying_call(src, tried)
            && let Some(grant) = fail_open(src, handler)
        {
            hits.push(Hit {
                start: handler.start_byte(),
                end: handler.end_byte().min(handler.start_byte() + 200).max(handler.start_byte() + 1),
                message: format!(
                    "Authentication fails open: when `{verify}` throws, the handler {grant}, so an invalid or forged credential is accepted. Deny in the handler"
                ),
                before: None,
                after: Some(format!("`{verify}` failure {grant}")),
                measure: None,
            });
        }
    }
}

/// Whether `node` sits in a function that answers a negative question (`is_expired`,
/// `isInvalid`), where `true` on failure is the right answer.
fn negative_predicate(src: &Source<'_>, node: Node<'_>) -> bool {
    let mut cur = enclosing_function(node);
    while let Some(f) = cur {
        if let Some(name) = function_name(src, f) {
            return words(&name).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "expired"
                        | "invalid"
                        | "revoked"
                        | "blacklisted"
                        | "blocklisted"
                        | "blocked"
                        | "fail"
                        | "failed"
                        | "error"
                        | "bad"
                        | "anonymous"
                        | "tampered"
                        | "malformed"
                        // `true` asks for a new credential (`_ShouldRefresh`, `needs_reauth`).
                        | "refresh"
                        | "renew"
                        | "reauth"
                        | "rotate"
                        | "stale"
                )
            });
        }
        cur = enclosing_function(f);
    }
    false
}

/// The condition and body of an `if` (and Ruby's `x if cond` modifier).
fn if_parts(language: Language, node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let field = |f: &str| node.child_by_field_name(f);
    match (language, node.kind()) {
        (Language::Ruby, "if" | "if_modifier") => Some((
            field("condition")?,
            field("consequence").or_else(|| field("body"))?,
        )),
        (Language::Php, "if_statement") => Some((field("condition")?, field("body")?)),
        (_, "if_statement") => Some((field("condition")?, field("consequence")?)),
        (Language::Python, "elif_clause") => Some((field("condition")?, field("consequence")?)),
        (Language::Rust, "if_expression") => Some((field("condition")?, field("consequence")?)),
        _ => None,
    }
}

/// The protected body and the handler of a try statement (the first handler).
fn try_parts(language: Language, node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let child_of = |kinds: &[&str]| {
        let mut c = node.walk();
        node.named_children(&mut c)
            .find(|n| kinds.contains(&n.kind()))
    };
    match (language, node.kind()) {
        (Language::Python, "try_statement") => Some((
            node.child_by_field_name("body")?,
            child_of(&["except_clause"])?,
        )),
        (Language::Ruby, "begin" | "body_statement") => {
            let rescue = child_of(&["rescue"])?;
            Some((node, rescue))
        }
        (_, "try_statement") => {
            let body = node.child_by_field_name("body")?;
            let handler = child_of(&["catch_clause"])?;
            Some((body, handler))
        }
        _ => None,
    }
}

/// The function `node` sits in when that function (or its class) authenticates.
fn auth_function<'t>(src: &Source<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let innermost = enclosing_function(node)?;
    let mut cur = Some(innermost);
    while let Some(f) = cur {
        if let Some(name) = function_name(src, f)
            && is_auth_name(&name)
        {
            return Some(innermost);
        }
        cur = enclosing_function(f);
    }
    if function_name(src, innermost).is_some_and(|n| MIDDLEWARE_ENTRY_POINTS.contains(&n.as_str()))
    {
        return Some(innermost);
    }
    // An Express/Koa/Laravel middleware: a `next` parameter.
    let params = innermost
        .child_by_field_name("parameters")
        .map(|p| src.text_of(p))
        .unwrap_or("");
    if params
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .any(|p| matches!(p, "next" | "$next"))
    {
        return Some(innermost);
    }
    // A method of an authentication class (`JwtAuthFilter.doFilterInternal`).
    let mut p = innermost.parent();
    while let Some(n) = p {
        if matches!(n.kind(), "class_declaration" | "class_definition" | "class")
            && let Some(name) = n.child_by_field_name("name")
            && is_auth_name(src.text_of(name))
        {
            return Some(innermost);
        }
        p = n.parent();
    }
    None
}

fn is_auth_name(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|x| AUTH_WORDS.contains(&x.as_str()))
        || name.to_ascii_lowercase().contains("auth")
        || w.windows(2).any(|p| p[0] == "api" && p[1] == "key")
}

/// Entry points of request filters and middleware, where authentication usually lives
/// (`doFilterInternal`, `preHandle`, `InvokeAsync`, `OnAuthorization`).
const MIDDLEWARE_ENTRY_POINTS: &[&str] = &[
    "doFilter",
    "doFilterInternal",
    "preHandle",
    "Invoke",
    "InvokeAsync",
    "OnAuthorization",
    "OnAuthorizationAsync",
    "OnActionExecuting",
    "HandleAuthenticateAsync",
    "HandleRequirementAsync",
    // Next.js: the exported `middleware` of `middleware.ts` runs before every matched route.
    "middleware",
];

fn function_label(src: &Source<'_>, function: Node<'_>) -> String {
    let mut cur = Some(function);
    while let Some(f) = cur {
        if let Some(name) = function_name(src, f) {
            return format!("`{name}`");
        }
        cur = enclosing_function(f);
    }
    "the middleware".to_string()
}

/// Why a condition is a bypass, if it is one.
fn bypass_condition(src: &Source<'_>, cond: Node<'_>) -> Option<String> {
    let lower = normalise_presence(&src.text_of(cond).to_ascii_lowercase());
    // A negated or absence check guards the failure path, not a shortcut.
    let trimmed = lower.trim_start_matches('(').trim_start();
    let negated = trimmed.starts_with("not ")
        || trimmed.starts_with('!')
        || [
            " is none",
            "== null",
            "=== null",
            "== nil",
            ".nil?",
            ".blank?",
            "empty(",
            "isnullorempty",
            "isempty",
            "== \"\"",
            "== ''",
            "=== ''",
            "=== \"\"",
            "!=",
            " not in ",
            "isblank",
            "is_null(",
            "=== undefined",
            "== undefined",
            " is null",
            "isset(",
        ]
        .iter()
        .any(|m| lower.contains(m));
    if negated {
        return None;
    }
    let literal_compare = comparison_literal(src, cond);
    let compares = [
        "==",
        "===",
        ".equals",
        "equals(",
        "strcmp",
        "hash_equals",
        "compare_digest",
        " in ",
        ".includes(",
        ".contains(",
        "constanttimecompare",
        "secure_compare",
        "===",
    ]
    .iter()
    .any(|m| lower.contains(m));
    // A credential compared with a literal.
    if let Some((name, literal)) = credential_literal(src, cond) {
        let shown: String = literal.chars().take(3).collect();
        return Some(format!(
            "`{name}` compared with a hard-coded value (\"{shown}…\")"
        ));
    }
    // A credential compared with a shared master password from the environment or settings.
    if compares
        && ENV_MARKERS.iter().any(|m| lower.contains(m))
        && let Some(flag) = flag_name(src, cond)
        && is_master_credential(&flag)
        && compares_credential(src, cond)
    {
        return Some(format!(
            "the submitted credential compared with the shared master password `{flag}`"
        ));
    }
    // A client-supplied address header equal to a local address: anyone can send the header.
    if REQUEST_MARKERS.iter().any(|m| lower.contains(m))
        && let Some(v) = literal_compare.as_deref().filter(|v| is_local_address(v))
        && let Some(key) = request_key(src, cond).filter(|k| is_client_ip_header(k))
    {
        return Some(format!(
            "the client-supplied header `{key}` equal to \"{v}\" (anyone can send it)"
        ));
    }
    // Request input alone, or equal to a fixed value.
    if REQUEST_MARKERS.iter().any(|m| lower.contains(m))
        && (!compares || literal_compare.is_some())
        && let Some(key) = request_key(src, cond)
        && words(&key)
            .iter()
            .any(|w| SUSPICIOUS_KEYS.contains(&w.as_str()))
    {
        return Some(match literal_compare {
            Some(v) => format!("request input `{key}` equal to \"{v}\""),
            None => format!("the mere presence of request input `{key}`"),
        });
    }
    // An environment or debug flag.
    if ENV_MARKERS.iter().any(|m| lower.contains(m)) {
        let flag = flag_name(src, cond)?;
        let by_name = words(&flag)
            .iter()
            .any(|w| BYPASS_FLAG_WORDS.contains(&w.as_str()));
        let by_value = literal_compare.as_ref().is_some_and(|v| {
            words(v).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "dev" | "development" | "test" | "testing" | "local"
                )
            })
        }) || lower.contains("== 'development'")
            || lower.contains("== \"development\"");
        // `AUTH_MODE == "off"`, `AUTH_REQUIRED == "false"`: authentication switched off by value.
        let switched_off = literal_compare.as_ref().is_some_and(|v| {
            matches!(
                v.to_ascii_lowercase().as_str(),
                "off" | "disabled" | "disable" | "none" | "false" | "no" | "skip" | "bypass"
            )
        }) && words(&flag)
            .iter()
            .any(|w| w.contains("auth") || matches!(w.as_str(), "login" | "security" | "signin"));
        // `REQUIRE_MFA`, `STRICT_AUTH`: stricter, not a shortcut.
        let stricter = words(&flag).iter().any(|w| {
            matches!(
                w.as_str(),
                "require" | "required" | "strict" | "enforce" | "mfa" | "production" | "prod"
            )
        });
        if ((by_name || by_value) && !stricter) || switched_off {
            return Some(format!("the flag `{flag}`"));
        }
    }
    None
}

/// Words of a setting that holds one password for every account (`MASTER_PASSWORD`).
const MASTER_WORDS: &[&str] = &[
    "master",
    "universal",
    "skeleton",
    "backdoor",
    "override",
    "god",
    "bypass",
    "impersonation",
];

/// Whether a setting name says a shared master credential (`SUPPORT_MASTER_PASSWORD`).
fn is_master_credential(flag: &str) -> bool {
    let w = words(flag);
    w.iter().any(|x| MASTER_WORDS.contains(&x.as_str()))
        && w.iter().any(|x| {
            matches!(
                x.as_str(),
                "password" | "passwd" | "pwd" | "pass" | "passphrase" | "pin" | "token" | "key"
            )
        })
}

/// Whether a condition compares a value whose name says credential (`password == ...`).
fn compares_credential(src: &Source<'_>, cond: Node<'_>) -> bool {
    descendants(cond).any(|n| {
        matches!(
            n.kind(),
            "identifier" | "variable_name" | "property_identifier" | "field_identifier"
        ) && words(src.text_of(n).trim_start_matches(['$', '@']))
            .iter()
            .any(|w| {
                matches!(
                    w.as_str(),
                    "password" | "passwd" | "pwd" | "passphrase" | "pin"
                )
            })
    })
}

/// Request headers that carry the client's address as the client (or any proxy) wrote it.
fn is_client_ip_header(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().replace('_', "-").as_str(),
        "x-forwarded-for"
            | "x-real-ip"
            | "x-client-ip"
            | "true-client-ip"
            | "cf-connecting-ip"
            | "x-originating-ip"
            | "x-remote-addr"
            | "x-remote-ip"
            | "x-cluster-client-ip"
            | "forwarded"
            | "http-x-forwarded-for"
            | "http-x-real-ip"
            | "http-client-ip"
    )
}

/// A loopback or private address literal.
fn is_local_address(v: &str) -> bool {
    let v = v.trim();
    v == "localhost"
        || v == "::1"
        || v.starts_with("127.")
        || v.starts_with("10.")
        || v.starts_with("192.168.")
        || (v.starts_with("172.")
            && v.split('.')
                .nth(1)
                .and_then(|o| o.parse::<u8>().ok())
                .is_some_and(|o| (16..=31).contains(&o)))
}

/// Rewrite presence checks (`!= ""`, `!= nil`, `is not None`, `!empty(`) to plain truthiness so
/// only real negations remain.
fn normalise_presence(lower: &str) -> String {
    // "Not production" is "development" (`NODE_ENV !== 'production'`).
    let mut lower = lower.to_string();
    for q in ['\'', '"'] {
        for env in ["production", "prod"] {
            for op in ["!==", "!="] {
                lower = lower.replace(
                    &format!("{op} {q}{env}{q}"),
                    &format!("== {q}development{q}"),
                );
            }
        }
    }
    let lower = lower.as_str();
    let mut t = lower.to_string();
    for presence in [
        "!== undefined",
        "!== null",
        "!= null",
        "!= nil",
        "!= \"\"",
        "!= ''",
        "!== ''",
        "!== \"\"",
        "is not none",
        ".present?",
        "!= none",
    ] {
        t = t.replace(presence, "");
    }
    for prefix in ["!empty(", "!string.isnullorempty(", "!isempty(", "! empty("] {
        t = t.replace(prefix, "(");
    }
    t = t.replace("isset(", "(");
    t
}

/// The string literal a condition compares with, if any.
fn comparison_literal(src: &Source<'_>, cond: Node<'_>) -> Option<String> {
    for n in descendants(cond) {
        let is_compare = matches!(
            n.kind(),
            "comparison_operator" | "binary_expression" | "binary"
        ) && {
            let t = src.text_of(n);
            t.contains("==") || t.contains(" eq ")
        };
        let is_equals = call_shape(src, n).is_some_and(|c| {
            matches!(
                c.name.as_str(),
                "equals"
                    | "Equals"
                    | "equalsIgnoreCase"
                    | "strcmp"
                    | "hash_equals"
                    | "compare_digest"
                    | "ConstantTimeCompare"
                    | "secure_compare"
                    | "EqualFold"
            )
        });
        if is_compare || is_equals {
            let mut c = n.walk();
            let mut parts: Vec<Node<'_>> = n.named_children(&mut c).collect();
            if let Some(shape) = call_shape(src, n) {
                parts.extend(shape.args);
                parts.extend(shape.receiver);
            }
            for p in parts {
                let mut p = descend_args(p);
                // Rust `== Some("127.0.0.1")`, `== Ok("1")`.
                if let Some(wrapped) = call_shape(src, p)
                    && matches!(wrapped.name.as_str(), "Some" | "Ok")
                    && wrapped.args.len() == 1
                {
                    p = wrapped.args[0];
                }
                if let Some(s) = string_literal(src, p) {
                    return Some(s);
                }
                if matches!(p.kind(), "true" | "integer" | "number" | "int_literal") {
                    return Some(src.text_of(p).to_string());
                }
            }
        }
    }
    None
}

fn descend_args(node: Node<'_>) -> Node<'_> {
    if matches!(node.kind(), "argument_list" | "arguments") && node.named_child_count() == 1 {
        return node.named_child(0).unwrap_or(node);
    }
    node
}

/// A secret-named value compared with a literal that looks like a credential.
fn credential_literal(src: &Source<'_>, cond: Node<'_>) -> Option<(String, String)> {
    let literal = comparison_literal(src, cond)?;
    if literal.len() < 4 || NOT_CREDENTIALS.contains(&literal.to_ascii_lowercase().as_str()) {
        return None;
    }
    // The other side: a name with a credential word.
    for n in descendants(cond) {
        if !matches!(
            n.kind(),
            "identifier"
                | "variable_name"
                | "property_identifier"
                | "field_identifier"
                | "attribute"
                | "member_expression"
                | "instance_variable"
                | "simple_symbol"
        ) {
            continue;
        }
        let name = src
            .text_of(n)
            .rsplit(['.', '>'])
            .next()
            .unwrap_or("")
            .trim_start_matches(['$', '@', ':']);
        let w = words(name);
        let credential = w.iter().any(|x| {
            matches!(
                x.as_str(),
                "password"
                    | "passwd"
                    | "pwd"
                    | "pass"
                    | "passphrase"
                    | "token"
                    | "secret"
                    | "apikey"
                    | "pin"
                    | "otp"
                    | "code"
            )
        }) || w.windows(2).any(|p| p[0] == "api" && p[1] == "key");
        let other = w.iter().any(|x| {
            matches!(
                x.as_str(),
                "type"
                    | "kind"
                    | "name"
                    | "length"
                    | "len"
                    | "count"
                    | "status"
                    | "format"
                    | "prefix"
            )
        });
        if credential && !other {
            // "token_type == 'Bearer'" and friends are out; a literal equal to a scheme as well.
            if words(&literal).iter().any(|x| {
                matches!(
                    x.as_str(),
                    "bearer" | "basic" | "jwt" | "refresh" | "access"
                )
            }) {
                return None;
            }
            return Some((name.to_string(), literal));
        }
    }
    None
}

/// The key of the request input a condition reads (`X-Debug-User`, `admin`, `debug`).
fn request_key(src: &Source<'_>, cond: Node<'_>) -> Option<String> {
    // A string key read from the request: `headers.get("X-Debug-User")`,
    // `req.query["admin"]`, `params[:debug]`, `$request->header('X-Bypass')`.
    for n in descendants(cond) {
        let Some(s) = string_literal(src, n) else {
            continue;
        };
        if s.is_empty() {
            continue;
        }
        let mut child = n;
        let mut up = n.parent();
        while let Some(p) = up.filter(|p| {
            matches!(
                p.kind(),
                "argument" | "argument_list" | "arguments" | "bracketed_argument_list"
            )
        }) {
            child = p;
            up = p.parent();
        }
        let Some(reader) = up else {
            continue;
        };
        let read = if let Some(shape) = call_shape(src, reader) {
            // An argument (not the receiver) of a call whose callee reads the request.
            let is_receiver = shape.receiver.is_some_and(|r| r.id() == n.id());
            let callee = src.text_of(reader).split('(').next().unwrap_or("");
            !is_receiver && is_request_reader(&format!("{callee}("))
        } else if matches!(
            reader.kind(),
            "subscript"
                | "subscript_expression"
                | "element_reference"
                | "element_access_expression"
                | "index_expression"
        ) {
            let object = reader.named_child(0).filter(|o| o.id() != child.id());
            object.is_some_and(|o| is_request_reader(&format!("{}[", src.text_of(o))))
        } else {
            false
        };
        if read {
            return Some(s);
        }
    }
    // A member: `req.query.admin`, `req.headers.debug`, `request.cookies.as_user`.
    for n in descendants(cond) {
        if matches!(
            n.kind(),
            "member_expression" | "attribute" | "selector_expression"
        ) {
            let t = src.text_of(n);
            let lower = t.to_ascii_lowercase();
            if let Some((base, _)) = lower.rsplit_once('.')
                && [
                    "headers",
                    "query",
                    "cookies",
                    "params",
                    "body",
                    "args",
                    "signedcookies",
                ]
                .iter()
                .any(|m| base.ends_with(m))
            {
                return t.rsplit_once('.').map(|(_, k)| k.to_string());
            }
        }
    }
    None
}

/// Whether a callee or subscripted object (with its `(` or `[`) reads request input.
fn is_request_reader(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    REQUEST_MARKERS.iter().any(|m| lower.contains(m))
        || lower.ends_with("headers[")
        || lower.ends_with("params[")
        || lower.ends_with("cookies[")
        || lower.ends_with("query[")
}

/// The name of the environment or settings flag a condition reads.
fn flag_name(src: &Source<'_>, cond: Node<'_>) -> Option<String> {
    for n in descendants(cond) {
        if let Some(s) = string_literal(src, n) {
            let parent = n
                .parent()
                .and_then(|p| {
                    if matches!(p.kind(), "argument_list" | "arguments" | "argument") {
                        p.parent()
                    } else {
                        Some(p)
                    }
                })
                .map(|p| src.text_of(p).to_ascii_lowercase())
                .unwrap_or_default();
            if [
                "getenv",
                "environ",
                "env[",
                "env.fetch",
                "env::var",
                "getenvironmentvariable",
                "env(",
                "$_env",
                "config(",
                "environment(",
                "config.get",
                "config[",
                "settings.get",
                "getboolean",
                "getbool",
            ]
            .iter()
            .any(|m| parent.contains(m))
            {
                return Some(s);
            }
        }
    }
    for n in descendants(cond) {
        let t = src.text_of(n);
        // `process.env.NODE_ENV`, `ENV.SKIP_AUTH`.
        if n.kind() == "member_expression"
            && let Some(rest) = t.strip_prefix("process.env.")
        {
            return Some(rest.to_string());
        }
        if matches!(
            n.kind(),
            "identifier"
                | "attribute"
                | "member_expression"
                | "selector_expression"
                | "field_access"
                | "member_access_expression"
                | "constant"
                | "call"
                | "invocation_expression"
                | "method_invocation"
                | "scoped_identifier"
                | "name"
        ) {
            let last = t
                .rsplit(['.', ':'])
                .next()
                .unwrap_or(t)
                .trim_end_matches("()")
                .trim_end_matches('?');
            let w = words(last);
            if w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "debug" | "development" | "dev" | "testing" | "test"
                )
            }) || (w.iter().any(|x| BYPASS_FLAG_WORDS.contains(&x.as_str()))
                && w.iter()
                    .any(|x| x.contains("auth") || x == "login" || x == "security"))
            {
                return Some(last.to_string());
            }
        }
    }
    None
}

/// What the body does that lets the caller in, if it does.
fn success(src: &Source<'_>, body: Node<'_>, function: Node<'_>) -> Option<String> {
    for n in descendants(body) {
        // Not inside a nested function.
        if enclosing_function(n)
            .is_some_and(|f| f.id() != function.id() && body.start_byte() <= f.start_byte())
        {
            continue;
        }
        match n.kind() {
            "return_statement" | "return" | "return_expression" => {
                let value = n.named_child(0);
                let Some(v) = value else {
                    // A bare `return` in a check that raises on failure.
                    if function_raises(src, function) {
                        return Some("returns early before the credential check".into());
                    }
                    continue;
                };
                let v = if v.kind() == "argument_list" {
                    v.named_child(0).unwrap_or(v)
                } else {
                    v
                };
                let vt = src.text_of(v);
                if matches!(vt, "True" | "true" | "TRUE") {
                    return Some("returns true".into());
                }
                if let Some(grant) = grant_call(src, v) {
                    return Some(grant);
                }
                if words(vt.split('(').next().unwrap_or(vt)).iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "user"
                            | "admin"
                            | "principal"
                            | "identity"
                            | "superuser"
                            | "success"
                            | "account"
                    )
                }) && !vt.contains("null")
                    && !vt.contains("None")
                    && !vt.to_ascii_lowercase().contains("error")
                    && !vt.to_ascii_lowercase().contains("fail")
                    && !vt.to_ascii_lowercase().contains("unauthorized")
                {
                    return Some(format!("returns `{}`", short(vt)));
                }
            }
            "expression_statement" => {
                let e = n.named_child(0);
                if let Some(e) = e
                    && let Some(grant) = grant_call(src, e)
                {
                    return Some(grant);
                }
                // `req.user = {...}`, `request.user = User(...)`, `@current_user = ...`.
                if let Some(e) = e
                    && matches!(e.kind(), "assignment_expression" | "assignment")
                    && let Some(left) = e.child_by_field_name("left")
                {
                    let l = src.text_of(left).to_ascii_lowercase();
                    if (l.contains('.')
                        || l.contains("->")
                        || l.starts_with('@')
                        || l.contains('['))
                        && ["user", "principal", "identity", "session["]
                            .iter()
                            .any(|w| l.ends_with(w) || l.contains("$_session"))
                    {
                        return Some(format!("sets `{}`", src.text_of(left)));
                    }
                }
            }
            "assignment" if src.language == Language::Ruby || src.language == Language::Python => {
                let l = n
                    .child_by_field_name("left")
                    .map(|l| src.text_of(l).to_ascii_lowercase())
                    .unwrap_or_default();
                if (l.starts_with('@') || l.contains('.'))
                    && (l.ends_with("user") || l.ends_with("principal"))
                {
                    return Some(format!(
                        "sets `{}`",
                        src.text_of(n.child_by_field_name("left")?)
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

/// A call that passes the request on or logs the caller in.
fn grant_call(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let mut node = node;
    // Wrappers that hand the value on: `await`, `Task.FromResult(...)`, Rust's `Ok(...)`.
    loop {
        if node.kind() == "await_expression" {
            node = node.named_child(0)?;
            continue;
        }
        if let Some(shape) = call_shape(src, node)
            && matches!(
                shape.name.as_str(),
                "FromResult" | "Ok" | "Some" | "resolve" | "CompletedTask"
            )
            && shape.args.len() == 1
        {
            node = shape.args[0];
            continue;
        }
        break;
    }
    let shape = call_shape(src, node)?;
    let name = shape.name.as_str();
    let receiver = shape.receiver.map(|r| src.text_of(r)).unwrap_or("");
    let granted = match name {
        // Express/Koa `next()` (not `next(err)`), PHP `$next($request)`, C# `_next(context)`.
        "next" | "$next" | "_next" => {
            shape.args.is_empty()
                || shape.args.iter().all(|a| {
                    let t = src.text_of(*a).to_ascii_lowercase();
                    t.contains("req") || t.contains("context") || t.contains("ctx")
                })
        }
        "ServeHTTP" => {
            receiver.to_ascii_lowercase().contains("next")
                || receiver.to_ascii_lowercase().contains("handler")
        }
        // axum `next.run(req)`.
        "run" => receiver == "next",
        "Next" => receiver == "c" || receiver == "ctx",
        "doFilter" => true,
        "Success" => receiver.ends_with("AuthenticateResult"),
        "login_user" | "login" | "loginUsingId" | "sign_in" | "setAuthentication"
        | "force_login" => true,
        "User" | "AnonymousUser" => name == "User",
        _ => false,
    };
    granted.then(|| format!("calls `{}`", short(src.text_of(node))))
}

/// Code shortened for a message: a call's arguments elided, at most 40 characters.
fn short(code: &str) -> String {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = match code.find('(') {
        Some(open) if code[open..].len() > 2 => format!("{}(…)", &code[..open]),
        _ => code,
    };
    if cut.chars().count() > 40 {
        format!("{}…", cut.chars().take(39).collect::<String>())
    } else {
        cut
    }
}

/// Whether a function signals failure by raising (so an early bare `return` means success).
fn function_raises(src: &Source<'_>, function: Node<'_>) -> bool {
    descendants(function).any(|n| {
        matches!(
            n.kind(),
            "raise_statement" | "throw_statement" | "throw_expression"
        ) || (n.kind() == "call"
            && src.language == Language::Ruby
            && n.child_by_field_name("method")
                .is_some_and(|m| matches!(src.text_of(m), "raise" | "head" | "render")))
            || call_shape(src, n).is_some_and(|c| {
                matches!(
                    c.name.as_str(),
                    "abort"
                        | "HTTPException"
                        | "PermissionDenied"
                        | "AuthenticationFailed"
                        | "NotAuthenticated"
                )
            })
    })
}

/// Whether a block verifies a credential itself (`if (req.cookies.token) { jwt.verify(...) }`).
fn verifies(src: &Source<'_>, block: Node<'_>) -> bool {
    descendants(block).any(|n| {
        call_shape(src, n).is_some_and(|c| {
            words(&c.name).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "verify"
                        | "verified"
                        | "decode"
                        | "validate"
                        | "authenticate"
                        | "check"
                        | "compare"
                        | "introspect"
                        | "parse"
                        | "unsign"
                        | "loads"
                        | "hmac"
                        | "equals"
                        | "digest"
                )
            })
        })
    })
}

/// A verify/authenticate call inside a protected block.
fn verifying_call(src: &Source<'_>, block: Node<'_>) -> Option<String> {
    descendants(block).find_map(|n| {
        let shape = call_shape(src, n)?;
        let w = words(&shape.name);
        w.iter()
            .any(|x| {
                matches!(
                    x.as_str(),
                    "verify" | "authenticate" | "validate" | "decode" | "check" | "login"
                )
            })
            .then(|| shape.name.clone())
            .filter(|_| {
                // Only credential checks: the call or its arguments mention a credential.
                let t = src.text_of(n).to_ascii_lowercase();
                [
                    "token",
                    "jwt",
                    "password",
                    "credential",
                    "signature",
                    "auth",
                    "session",
                    "api_key",
                    "apikey",
                    "secret",
                ]
                .iter()
                .any(|k| t.contains(k))
            })
    })
}

/// What a catch/except/rescue handler does that accepts the caller.
fn fail_open(src: &Source<'_>, handler: Node<'_>) -> Option<String> {
    for n in descendants(handler) {
        match n.kind() {
            "return_statement" | "return" => {
                let v = n.named_child(0)?;
                let v = if v.kind() == "argument_list" {
                    v.named_child(0)?
                } else {
                    v
                };
                if matches!(src.text_of(v), "True" | "true" | "TRUE") {
                    return Some("returns true".into());
                }
                if let Some(shape) = call_shape(src, v)
                    && shape.name == "Success"
                    && shape
                        .receiver
                        .is_some_and(|r| src.text_of(r).ends_with("AuthenticateResult"))
                {
                    return Some("returns `AuthenticateResult.Success`".into());
                }
            }
            // `rescue => e; true` as the handler's value.
            "true"
                if src.language == Language::Ruby
                    && n.parent()
                        .is_some_and(|p| p.id() == handler.id() || p.kind() == "then")
                    && n.next_named_sibling().is_none() =>
            {
                return Some("evaluates to true".into());
            }
            _ => {}
        }
    }
    None
}
