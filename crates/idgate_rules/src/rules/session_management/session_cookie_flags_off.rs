//! IDG120 session-cookie-flags-off

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::value::{Lit, is_falsy, literal, string};
use crate::syntax::words;
use crate::syntax::{ancestor, enclosing_function_name, function_text};

declare_rule! {
    /// ## What it does
    /// Flags a session or authentication cookie written with its `HttpOnly` or `Secure` flag
    /// turned off, or with `SameSite=None` and no `Secure`: Django/Flask `SESSION_COOKIE_*`
    /// settings and `set_cookie(...)`, Express `session({ cookie })`/`res.cookie(...)`, Go
    /// `http.Cookie{...}` and gorilla `sessions.Options`, Java `Cookie.setHttpOnly(false)` and
    /// `ResponseCookie`, ASP.NET `CookieOptions`, `options.Cookie.*` and `CookieSecurePolicy.None`,
    /// PHP `setcookie`, `session.cookie_*` and Laravel's session config, Rails `session_store` and
    /// `cookies[...]`, Rust `cookie` builders and actix `SessionMiddleware`. It also flags a session
    /// cookie written without `HttpOnly` by an API where it is off unless asked for: Go
    /// `http.Cookie{...}`, Express `res.cookie(...)`, Next.js `cookies().set(...)`,
    /// `set_cookie(...)` in Flask, Django and Starlette, and PHP `setcookie(...)`.
    ///
    /// Only cookies that carry a session or credential count: the session middleware's own cookie,
    /// or a cookie whose name or value reads like one (`session`, `sid`, `auth`, `token`, `jwt`,
    /// `remember`). A UI-preference cookie readable from JavaScript is fine.
    ///
    /// In `idgate check` it also flags a flag that the old version turned on for a session cookie
    /// and the new version no longer sets (`set_cookie("sid", v, httponly=True)` →
    /// `set_cookie("sid", v)`, a servlet cookie's `setHttpOnly(true)` removed): most frameworks
    /// default it to off.
    ///
    /// ## Why is this bad?
    /// Without `HttpOnly`, one injected script (a stored XSS, a compromised npm dependency on the
    /// page) reads the session cookie and replays it from anywhere. Without `Secure`, the cookie
    /// also travels over plain HTTP, where anyone on the network reads it. `SameSite=None` sends it
    /// with every cross-site request, which re-opens CSRF.
    ///
    /// ## Example
    /// ```javascript
    /// app.use(session({ secret, cookie: { httpOnly: false, secure: false } }));
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// app.use(session({ secret, cookie: { httpOnly: true, secure: true, sameSite: "lax" } }));
    /// ```
    ///
    /// ## References
    /// - [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)
    /// - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    /// - [CWE-1275: Sensitive Cookie with Improper SameSite Attribute](https://cwe.mitre.org/data/definitions/1275.html)
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [OWASP: Session Management Cheat Sheet, Cookies](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies)
    pub(crate) static RULE = {
        code: "IDG120",
        name: "session-cookie-flags-off",
        category: SessionManagement,
        cwe: [613, 1004, 614, 1275],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: ["httponly", "http_only", "secure", "samesite", "same_site", "cookie"],
        summary: "A session or auth cookie is set with HttpOnly or Secure off, or SameSite=None without Secure.",
        check: check,
    };
}

/// The cookie attribute turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    HttpOnly,
    Secure,
    SameSiteNone,
}

impl Flag {
    fn describe(self) -> &'static str {
        match self {
            Flag::HttpOnly => "HttpOnly off",
            Flag::Secure => "Secure off",
            Flag::SameSiteNone => "SameSite=None without Secure",
        }
    }

    fn risk(self) -> &'static str {
        match self {
            Flag::HttpOnly => {
                "any script injected into the page can read it and hijack the session; set HttpOnly"
            }
            Flag::Secure => {
                "it is also sent over plain HTTP, where anyone on the network can read it; set Secure"
            }
            Flag::SameSiteNone => {
                "it rides along with every cross-site request and over plain HTTP; use SameSite=Lax or Strict, and Secure"
            }
        }
    }

    /// The flag an option or setting name controls.
    fn of(name: &str) -> Option<Flag> {
        let n: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match n.as_str() {
            "httponly" | "sessioncookiehttponly" | "remembercookiehttponly" | "cookiehttponly" => {
                Some(Flag::HttpOnly)
            }
            "secure"
            | "sessioncookiesecure"
            | "remembercookiesecure"
            | "cookiesecure"
            | "securepolicy" => Some(Flag::Secure),
            "samesite" | "sessioncookiesamesite" | "cookiesamesite" => Some(Flag::SameSiteNone),
            _ => None,
        }
    }
}

/// Framework settings that configure the session cookie itself.
const SESSION_SETTINGS: &[&str] = &[
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_SAMESITE",
    "REMEMBER_COOKIE_HTTPONLY",
    "REMEMBER_COOKIE_SECURE",
];
/// Calls whose options configure the session (or login) cookie.
const SESSION_CALLS: &[&str] = &[
    "session",
    "expressSession",
    "cookieSession",
    "cookie_session",
    "session_store",
    "session_set_cookie_params",
    "AddSession",
    "AddCookie",
    "ConfigureApplicationCookie",
    "SessionMiddleware",
    "CookieSessionStore",
    "NewCookieStore",
    "NewFilesystemStore",
    "SessionManager",
];
/// Calls that set one cookie: its name is the first argument, its value the second.
const COOKIE_CALLS: &[&str] = &[
    "cookie",
    "setCookie",
    "set_cookie",
    "set_signed_cookie",
    "setcookie",
    "setrawcookie",
    "Append",
    "cookies.set",
];
/// Parts of a name that mark a cookie as carrying a session or credential.
const SESSION_WORDS: &[&str] = &[
    "session",
    "sess",
    "sid",
    "ssid",
    "sessid",
    "auth",
    "token",
    "jwt",
    "remember",
    "login",
    "refresh",
    "access",
    "identity",
    "credential",
    "credentials",
    "bearer",
    "aspnetcore",
];

/// One weakened cookie.
struct Weak<'t> {
    node: Node<'t>,
    flag: Flag,
    /// Where: `session middleware`, `cookie "sid"`, `SESSION_COOKIE_SECURE`.
    cookie: String,
    how: String,
    /// The flag is off because the code never set it (the API's default), not explicitly.
    omitted: bool,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    if dev_settings(cx.path) {
        return;
    }
    let found = weak_cookies(cx.new, cx.facts());
    let old = cx.old.zip(cx.old_facts()).map(|(old, old_facts)| {
        let weak: Vec<(Option<String>, Flag)> = weak_cookies(old, old_facts)
            .iter()
            .map(|w| (enclosing_function_name(old, w.node), w.flag))
            .collect();
        (old, weak)
    });
    // In `check`, a flag the old version set explicitly and the new one leaves out is reported by
    // `flags_dropped`, with what the old version said.
    let dropped_later: Vec<(String, Flag)> = cx
        .old
        .zip(cx.old_facts())
        .map(|(old, old_facts)| {
            explicit_on(old, old_facts)
                .into_iter()
                .map(|o| (format!("cookie \"{}\"", o.cookie), o.flag))
                .collect()
        })
        .unwrap_or_default();
    for w in found {
        if w.omitted && dropped_later.contains(&(w.cookie.clone(), w.flag)) {
            continue;
        }
        let scope = enclosing_function_name(cx.new, w.node);
        let before = old.as_ref().and_then(|(old, weak)| {
            let text = function_text(old, scope.as_deref())?;
            let mentioned = text.to_ascii_lowercase().contains(&attribute_word(w.flag));
            (mentioned && !weak.contains(&(scope.clone(), w.flag))).then(|| {
                format!(
                    "{}: {} on",
                    w.cookie,
                    attribute_word(w.flag).replace("httponly", "HttpOnly")
                )
            })
        });
        hits.push(Hit {
            start: crate::syntax::call_start(w.node),
            end: w.node.end_byte(),
            message: format!(
                "{} set with {} ({}): {}",
                capitalised(&w.cookie),
                w.flag.describe(),
                w.how,
                w.flag.risk()
            ),
            before,
            after: Some(format!("{}: {}", w.cookie, w.flag.describe())),
            measure: None,
        });
    }
    if let Some(old) = cx.old {
        flags_dropped(cx, old, hits);
    }
}

/// A flag turned on explicitly for a named session cookie: `set_cookie("sid", v,
/// httponly=True)`, `res.cookie('sid', v, { secure: true })`, `c.setHttpOnly(true)` on
/// `new Cookie("sid", v)`.
struct On {
    cookie: String,
    flag: Flag,
    shown: String,
}

fn explicit_on(src: &Source<'_>, facts: &Facts<'_>) -> Vec<On> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let name = call.name();
        if COOKIE_CALLS.contains(&name) || COOKIE_CALLS.contains(&call.written.as_str()) {
            let Some(cookie) = call.args.first().and_then(|a| string(src, *a)) else {
                continue;
            };
            if !session_like(&cookie) {
                continue;
            }
            for arg in &call.args {
                for n in crate::syntax::descendants(*arg) {
                    let (key, value) = match n.kind() {
                        "keyword_argument" | "pair" | "array_element_initializer" => (
                            n.child_by_field_name("name")
                                .or_else(|| n.child_by_field_name("key"))
                                .or_else(|| n.named_child(0)),
                            n.child_by_field_name("value").or_else(|| {
                                n.named_child(n.named_child_count().saturating_sub(1) as u32)
                            }),
                        ),
                        _ => continue,
                    };
                    let (Some(key), Some(value)) = (key, value) else {
                        continue;
                    };
                    let key_text = string(src, key).unwrap_or_else(|| src.text_of(key).to_string());
                    let Some(flag) = Flag::of(&key_text).filter(|f| *f != Flag::SameSiteNone)
                    else {
                        continue;
                    };
                    if matches!(literal(src, value), Some(Lit::Bool(true))) {
                        out.push(On {
                            cookie: cookie.clone(),
                            flag,
                            shown: src
                                .text_of(n)
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                        });
                    }
                }
            }
        }
        // Servlet cookies: `c.setHttpOnly(true)` on `Cookie c = new Cookie("sid", v)`.
        if src.language == Language::Java
            && matches!(name, "setHttpOnly" | "setSecure")
            && call.args.len() == 1
            && matches!(literal(src, call.args[0]), Some(Lit::Bool(true)))
        {
            let var = call.written.rsplit_once('.').map_or("", |(r, _)| r);
            let Some(cookie) = facts
                .bindings
                .iter()
                .find(|b| b.name == var && src.text_of(b.value).contains("Cookie"))
                .and_then(|b| {
                    let v = crate::syntax::value::unwrap(b.value);
                    facts.calls.iter().find(|c| c.node.id() == v.id())
                })
                .and_then(|ctor| ctor.args.first().and_then(|a| string(src, *a)))
            else {
                continue;
            };
            if !session_like(&cookie) {
                continue;
            }
            out.push(On {
                cookie,
                flag: if name == "setHttpOnly" {
                    Flag::HttpOnly
                } else {
                    Flag::Secure
                },
                shown: format!("{name}(true)"),
            });
        }
    }
    out
}

/// In `check`: a flag the old version turned on for a session cookie that the new version no
/// longer sets, so the cookie falls back to the framework default (off for `set_cookie`,
/// `res.cookie`, `setcookie` and servlet cookies).
fn flags_dropped(cx: &RuleContext<'_>, old: &Source<'_>, hits: &mut Vec<Hit>) {
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let before = explicit_on(old, old_facts);
    if before.is_empty() {
        return;
    }
    let facts = cx.facts();
    let after = explicit_on(cx.new, facts);
    for b in &before {
        if after
            .iter()
            .any(|a| a.cookie == b.cookie && a.flag == b.flag)
        {
            continue;
        }
        // Where the cookie is still set in the new version.
        let target = facts.calls.iter().find(|c| {
            let sets =
                COOKIE_CALLS.contains(&c.name()) || COOKIE_CALLS.contains(&c.written.as_str());
            let java_add = c.name() == "addCookie";
            (sets && c.args.first().and_then(|a| string(cx.new, *a)).as_deref() == Some(&b.cookie))
                || (java_add && cx.new.language == Language::Java)
        });
        let Some(target) = target else {
            continue;
        };
        // The state check already names a flag of this cookie (`httpOnly: false`, `SameSite=None`
        // without Secure): one finding per cookie call.
        let (ts, te) = (target.node.start_byte(), target.node.end_byte());
        if hits
            .iter()
            .any(|h| (ts <= h.start && h.start < te) || (h.start <= ts && te <= h.end))
        {
            continue;
        }
        if cx.new.language == Language::Java
            && target.name() == "addCookie"
            && !cx.new.text.contains(&format!("\"{}\"", b.cookie))
        {
            continue;
        }
        let flag_name = match b.flag {
            Flag::HttpOnly => "HttpOnly",
            _ => "Secure",
        };
        hits.push(Hit {
            start: crate::syntax::call_start(target.node),
            end: target.node.end_byte(),
            message: format!(
                "{flag_name} dropped from cookie \"{}\" (was `{}`): {}",
                b.cookie,
                b.shown,
                b.flag.risk()
            ),
            before: Some(format!("\"{}\": {}", b.cookie, b.shown)),
            after: Some(format!(
                "\"{}\": {flag_name} not set (off by default)",
                b.cookie
            )),
            measure: None,
        });
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A settings file for local development (`settings/dev.py`, `config/local.py`): cookies there
/// travel over `http://localhost` on purpose.
fn dev_settings(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.split('.').next().unwrap_or(&file);
    matches!(
        stem,
        "dev"
            | "local"
            | "development"
            | "settings_dev"
            | "settings_local"
            | "local_settings"
            | "dev_settings"
    )
}

fn attribute_word(flag: Flag) -> String {
    match flag {
        Flag::HttpOnly => "httponly",
        Flag::Secure => "secure",
        Flag::SameSiteNone => "samesite",
    }
    .to_string()
}

fn weak_cookies<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Weak<'t>> {
    let mut out = Vec::new();
    for b in &facts.bindings {
        let name = last_word(&b.name);
        let Some(flag) = Flag::of(&name) else {
            continue;
        };
        if !weak_value(src, flag, b.value) {
            continue;
        }
        if flag == Flag::SameSiteNone
            && (sibling_secure(src, b.node) || turned_on(src, facts, Flag::Secure, None))
        {
            continue;
        }
        // `cookie: { secure: false }` with a later `sess.cookie.secure = true` for production, or
        // a settings file that turns the flag back on under `if not DEBUG:`.
        if turned_on(src, facts, flag, Some(b.node)) || per_environment(src, b.node) {
            continue;
        }
        let Some(cookie) = context(src, facts, b.node, &name) else {
            continue;
        };
        out.push(Weak {
            node: b.node,
            flag,
            cookie,
            how: src
                .text_of(b.node)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            omitted: false,
        });
    }
    for call in &facts.calls {
        call_flags(src, facts, call, &mut out);
        httponly_omitted(src, facts, call, &mut out);
    }
    out.sort_by_key(|w| w.node.start_byte());
    out.dedup_by_key(|w| (w.node.start_byte(), w.flag));
    out
}

/// The last identifier-like word of a binding target (`app.config["SESSION_COOKIE_SECURE"]`).
fn last_word(name: &str) -> String {
    crate::syntax::trailing_word(name, |c| c.is_ascii_alphanumeric() || c == '_').to_string()
}

/// Whether `value` turns the flag off.
fn weak_value(src: &Source<'_>, flag: Flag, value: Node<'_>) -> bool {
    match flag {
        Flag::HttpOnly | Flag::Secure => {
            let text = src.text_of(value).trim();
            // ASP.NET policies.
            if text.ends_with("CookieSecurePolicy.None") || text.ends_with("HttpOnlyPolicy.None") {
                return true;
            }
            matches!(literal(src, value), Some(Lit::Bool(false)))
                || (src.language == Language::Php
                    && is_falsy(src, value)
                    && literal(src, value) != Some(Lit::Null))
        }
        Flag::SameSiteNone => {
            let text = src.text_of(value).trim();
            text.ends_with("SameSiteMode.None")
                || text.ends_with("SameSite::None")
                || text.ends_with("SameSite.None")
                || text.ends_with("SameSiteNoneMode")
                || string(src, value).is_some_and(|s| s.eq_ignore_ascii_case("none"))
        }
    }
}

/// Whether the file also assigns `true` to the same flag (outside `except`) in a statement of its
/// own under a condition: an override for production (`if not DEBUG:`, `if (env === "production")`).
fn turned_on(src: &Source<'_>, facts: &Facts<'_>, flag: Flag, except: Option<Node<'_>>) -> bool {
    facts.bindings.iter().any(|b| {
        except.is_none_or(|e| e.id() != b.node.id())
            && matches!(
                b.node.kind(),
                "assignment" | "assignment_expression" | "assignment_statement"
            )
            && ancestor(b.node, &["if_statement", "if", "unless", "if_expression"]).is_some()
            && Flag::of(&last_word(&b.name)) == Some(flag)
            && matches!(literal(src, b.value), Some(Lit::Bool(true)))
    })
}

/// Whether `node` sits in a branch chosen by the deployment environment
/// (`if (process.env.NODE_ENV !== "production")`, `if settings.DEBUG:`): local HTTP development.
fn per_environment(src: &Source<'_>, node: Node<'_>) -> bool {
    const ENV_WORDS: &[&str] = &[
        "node_env",
        "environment",
        "development",
        "production",
        "debug",
        "localhost",
        "is_dev",
        "isdev",
        "env ==",
        "env.dev",
        "rails.env",
        "app_env",
    ];
    let mut cur = node.parent();
    while let Some(n) = cur {
        let condition = match n.kind() {
            "if_statement" | "if" | "unless" | "if_expression" | "elif_clause" | "if_modifier"
            | "unless_modifier" => n.child_by_field_name("condition"),
            "else_clause" => n.parent().and_then(|p| p.child_by_field_name("condition")),
            _ => None,
        };
        if let Some(c) = condition {
            let lower = src.text_of(c).to_ascii_lowercase();
            if ENV_WORDS.iter().any(|w| lower.contains(w)) {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

/// Whether the object/initializer around a SameSite binding also sets Secure to true.
fn sibling_secure(src: &Source<'_>, node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let text = src.text_of(parent).to_ascii_lowercase();
    text.contains("secure: true")
        || text.contains("secure=true")
        || text.contains("secure = true")
        || text.contains("'secure' => true")
        || text.contains("\"secure\" => true")
        || text.contains("secure: true,")
        || text.contains("secure\": true")
}

/// Whether a cookie name or value expression reads like a session or credential.
fn session_like(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("csrf") || lower.contains("xsrf") {
        return false;
    }
    if lower.contains("session") || lower.contains("jsessionid") || lower.contains("phpsessid") {
        return true;
    }
    words(text).iter().any(|w| {
        SESSION_WORDS.contains(&w.as_str()) || w.starts_with("auth") || w.starts_with("token")
    })
}

/// Whether a cookie name says the cookie is the credential itself (`sid`, `session_id`,
/// `auth_token`, `connect.sid`, `__Host-session`), not something about a session
/// (`session_started`, `session_count`). An application prefix (`myapp_session`) is allowed.
fn credential_cookie_name(name: &str) -> bool {
    const CORE: &[&str] = &[
        "session",
        "sess",
        "sid",
        "ssid",
        "sessid",
        "sessionid",
        "token",
        "auth",
        "jwt",
        "remember",
        "bearer",
        "identity",
        "refresh",
        "access",
        "login",
    ];
    const ALSO: &[&str] = &[
        "id", "user", "me", "key", "host", "secure", "cookie", "value",
    ];
    let w = words(name);
    // Double-submit CSRF cookies (`XSRF-TOKEN`) are meant to be read by the page's script.
    if !w.iter().any(|x| CORE.contains(&x.as_str()))
        || w.iter().any(|x| matches!(x.as_str(), "csrf" | "xsrf"))
    {
        return false;
    }
    w.iter()
        .enumerate()
        .all(|(i, x)| CORE.contains(&x.as_str()) || ALSO.contains(&x.as_str()) || i == 0)
}

/// The cookie a flag binding configures, when it is a session or credential cookie.
fn context(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>, name: &str) -> Option<String> {
    // Framework settings.
    if SESSION_SETTINGS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(name))
    {
        return Some(format!("session cookie setting `{name}`"));
    }
    // Ruby `cookies[:auth_token] = { ..., httponly: false }`.
    if src.language == Language::Ruby
        && let Some(assign) = ancestor(node, &["assignment"])
        && let Some(left) = assign.child_by_field_name("left")
        && src.text_of(left).starts_with("cookies")
    {
        let target = src.text_of(left);
        return session_like(target).then(|| format!("cookie `{target}`"));
    }
    // C# `options.Cookie.HttpOnly = false`, or an initializer of a cookie type (then the call
    // that receives the new object is the one that names the cookie).
    let mut anchor = node;
    if src.language == Language::CSharp && node.kind() == "assignment_expression" {
        let left = node
            .child_by_field_name("left")
            .map_or("", |l| src.text_of(l));
        if left.contains('.') {
            if !left.to_ascii_lowercase().contains("cookie") {
                return None;
            }
        } else {
            let created = ancestor(node, &["object_creation_expression"])?;
            let ty = created
                .child_by_field_name("type")
                .map_or("", |t| src.text_of(t));
            if ty.ends_with("CookiePolicyOptions") {
                return Some("every cookie (`CookiePolicyOptions`)".into());
            }
            if !ty.contains("Cookie") {
                return None;
            }
            anchor = created;
        }
    }
    // Go: `http.Cookie{Name: "session", ...}`, gorilla `sessions.Options{...}`.
    if src.language == Language::Go {
        let literal = ancestor(node, &["composite_literal"])?;
        let ty = literal
            .child_by_field_name("type")
            .map_or("", |t| src.text_of(t));
        if ty.ends_with("Options")
            && (facts.uses_module("github.com/gorilla/sessions")
                || facts.uses_module("github.com/gin-contrib/sessions"))
        {
            return Some("session store cookie".into());
        }
        if !ty.ends_with("Cookie") {
            return None;
        }
        let body = literal.child_by_field_name("body")?;
        let name_value = facts
            .bindings
            .iter()
            .find(|b| b.name == "Name" && b.node.parent().is_some_and(|p| p.id() == body.id()))?;
        let cookie = src.text_of(name_value.value);
        return session_like(cookie).then(|| format!("cookie {cookie}"));
    }
    // Keys around the binding (`session: { cookie: { ... } }`, `sessionToken: { options }`).
    let mut keys = Vec::new();
    let mut cur = node.parent();
    while let Some(n) = cur {
        if matches!(n.kind(), "pair" | "array_element_initializer") {
            let key = n
                .child_by_field_name("key")
                .or_else(|| n.named_child(0))
                .map_or("", |k| src.text_of(k));
            keys.push(key.trim_matches(['"', '\'', ':']).to_string());
        }
        cur = n.parent();
    }
    // The nearest call whose arguments hold the binding.
    let call = enclosing_call(facts, anchor);
    if let Some(call) = call {
        let short = call.name();
        if SESSION_CALLS.contains(&short) {
            return Some(format!("session cookie (`{}`)", call.written));
        }
        let cookie_call = COOKIE_CALLS.contains(&short)
            || COOKIE_CALLS.contains(&call.written.as_str())
            || (short == "set" && call.written.to_ascii_lowercase().contains("cookie"));
        if cookie_call {
            let name_arg = call.args.first().map(|a| cookie_name_text(src, *a));
            let value_arg = call.args.get(1).map(|a| src.text_of(*a)).unwrap_or("");
            let name_arg = name_arg.unwrap_or_default();
            let by_name = session_like(&name_arg);
            let by_value =
                string(src, call.args.first().copied()?).is_none() && session_like(value_arg);
            return (by_name || by_value).then(|| format!("cookie {name_arg}"));
        }
    }
    // The nearest key names the session, or is the cookie options of something that does.
    if let Some(nearest) = keys.first() {
        let options = matches!(
            nearest.to_ascii_lowercase().as_str(),
            "cookie" | "cookies" | "cookieoptions" | "cookie_options" | "options"
        );
        if session_like(nearest) {
            return Some(format!("cookie under `{nearest}`"));
        }
        if options && let Some(owner) = keys.get(1).filter(|k| session_like(k)) {
            return Some(format!("cookie under `{owner}`"));
        }
    }
    // Laravel `config/session.php`: `'http_only' => false`, or `'secure'` beside it.
    if src.language == Language::Php {
        let array = ancestor(node, &["array_creation_expression"])?;
        let text = src.text_of(array);
        if name == "http_only"
            || text.contains("'http_only'")
            || text.contains("'same_site'")
            || text.contains("'expire_on_close'")
        {
            return Some("session cookie (Laravel session config)".into());
        }
    }
    // C# `o.Cookie.HttpOnly = false` inside a session or auth-cookie configuration lambda.
    if src.language == Language::CSharp {
        let left = node
            .child_by_field_name("left")
            .map_or("", |l| src.text_of(l));
        let in_session = facts.calls.iter().any(|c| {
            SESSION_CALLS.contains(&c.name())
                && c.node.start_byte() <= node.start_byte()
                && node.end_byte() <= c.node.end_byte()
        });
        if in_session || session_like(left) {
            return Some(format!("session cookie (`{left}`)"));
        }
    }
    None
}

/// A cookie name argument as text: the string content, or the expression.
fn cookie_name_text(src: &Source<'_>, node: Node<'_>) -> String {
    // Rust `Cookie::build(("session", v))`.
    let node = if node.kind() == "tuple_expression" {
        node.named_child(0).unwrap_or(node)
    } else {
        node
    };
    string(src, node).map_or_else(|| src.text_of(node).to_string(), |s| format!("\"{s}\""))
}

/// The smallest call whose argument list holds `node`.
fn enclosing_call<'f, 't>(facts: &'f Facts<'t>, node: Node<'_>) -> Option<&'f Call<'t>> {
    let (start, end) = (node.start_byte(), node.end_byte());
    facts
        .calls
        .iter()
        .filter(|c| {
            c.args
                .iter()
                .any(|a| a.start_byte() <= start && end <= a.end_byte())
        })
        .min_by_key(|c| c.node.end_byte() - c.node.start_byte())
}

/// Setter calls and positional arguments that turn a flag off.
fn call_flags<'t>(src: &Source<'_>, facts: &Facts<'t>, call: &Call<'t>, out: &mut Vec<Weak<'t>>) {
    let name = call.name();
    let arg = |i: usize| call.args.get(i).copied();
    let mut push = |flag: Flag, cookie: String, how: String| {
        out.push(Weak {
            node: call.node,
            flag,
            cookie,
            how,
            omitted: false,
        });
    };
    match src.language {
        Language::Java | Language::Rust => {
            let flag = match name {
                "setHttpOnly" | "httpOnly" | "http_only" | "cookie_http_only" => Flag::HttpOnly,
                "setSecure" | "secure" | "cookie_secure" => Flag::Secure,
                _ => return,
            };
            if call.args.len() != 1 || !matches!(literal(src, call.args[0]), Some(Lit::Bool(false)))
            {
                return;
            }
            let how = format!("`{name}(false)`");
            if name.starts_with("cookie_") || call.written.contains("SessionMiddleware") {
                push(flag, "session cookie (`SessionMiddleware`)".into(), how);
                return;
            }
            let receiver = call.written.rsplit_once('.').map_or("", |(r, _)| r);
            if receiver.to_ascii_lowercase().contains("session") {
                push(flag, format!("session cookie (`{receiver}`)"), how);
                return;
            }
            // A builder chain: `ResponseCookie.from("sid", v)`, `Cookie::build(("sid", v))`.
            if let Some(cookie) = chain_cookie_name(src, call.node) {
                if session_like(&cookie) {
                    push(flag, format!("cookie {cookie}"), how);
                }
                return;
            }
            // A variable: `Cookie c = new Cookie("sid", v); c.setHttpOnly(false);`
            let var = receiver.rsplit('.').next().unwrap_or(receiver);
            let created = facts
                .bindings
                .iter()
                .find(|b| b.name == var && src.text_of(b.value).contains("Cookie"));
            if let Some(created) = created
                && let Some(ctor) = facts
                    .calls
                    .iter()
                    .find(|c| c.node.id() == crate::syntax::value::unwrap(created.value).id())
                && let Some(first) = ctor.args.first()
            {
                let cookie = cookie_name_text(src, *first);
                if session_like(&cookie) {
                    push(flag, format!("cookie {cookie}"), how);
                }
            }
        }
        // gin: c.SetCookie(name, value, maxAge, path, domain, secure, httpOnly).
        Language::Go if name == "SetCookie" && call.args.len() == 7 => {
            let cookie = cookie_name_text(src, call.args[0]);
            if !session_like(&cookie) {
                return;
            }
            for (at, flag) in [(5, Flag::Secure), (6, Flag::HttpOnly)] {
                if matches!(literal(src, call.args[at]), Some(Lit::Bool(false))) {
                    push(
                        flag,
                        format!("cookie {cookie}"),
                        format!("`SetCookie(...)` with {} `false`", attribute_word(flag)),
                    );
                }
            }
        }
        Language::Php => {
            let lower = name.to_ascii_lowercase();
            if lower == "ini_set" {
                let (Some(key), Some(value)) = (arg(0), arg(1)) else {
                    return;
                };
                let key = string(src, key).unwrap_or_default();
                let flag = match key.as_str() {
                    "session.cookie_httponly" => Flag::HttpOnly,
                    "session.cookie_secure" => Flag::Secure,
                    _ => return,
                };
                if is_falsy(src, value) || string(src, value).is_some_and(|s| s.is_empty()) {
                    push(
                        flag,
                        format!("session cookie (`{key}`)"),
                        format!("`ini_set('{key}', {})`", src.text_of(value)),
                    );
                }
                return;
            }
            // Positional flags: setcookie(name, value, expires, path, domain, secure, httponly),
            // session_set_cookie_params(lifetime, path, domain, secure, httponly).
            let (secure_at, httponly_at, cookie) = match lower.as_str() {
                "setcookie" | "setrawcookie" => {
                    let Some(first) = arg(0) else { return };
                    let cookie = cookie_name_text(src, first);
                    if !session_like(&cookie) {
                        return;
                    }
                    (5, 6, format!("cookie {cookie}"))
                }
                "session_set_cookie_params" => (
                    3,
                    4,
                    "session cookie (`session_set_cookie_params`)".to_string(),
                ),
                _ => return,
            };
            for (at, flag) in [(secure_at, Flag::Secure), (httponly_at, Flag::HttpOnly)] {
                if let Some(v) = arg(at)
                    && v.kind() != "array_creation_expression"
                    && is_falsy(src, v)
                    && literal(src, v) != Some(Lit::Null)
                {
                    push(
                        flag,
                        cookie.clone(),
                        format!(
                            "`{name}(...)` with {} `{}`",
                            attribute_word(flag),
                            src.text_of(v)
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

/// A session cookie written by an API whose `HttpOnly` default is off, without turning it on: Go
/// `http.Cookie{...}` without `HttpOnly`, Express `res.cookie(name, v[, opts])` and Next.js
/// `cookies().set(name, v[, opts])` without `httpOnly`, `set_cookie(name, v)` (Flask, Django,
/// Starlette) without `httponly=`, PHP `setcookie(name, v[, ...])` without the HttpOnly argument
/// or option. Options passed as a variable or spread are not judged.
fn httponly_omitted<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    call: &Call<'t>,
    out: &mut Vec<Weak<'t>>,
) {
    let name = call.name();
    let first = call.args.first().copied();
    let cookie_named = |node: Option<Node<'_>>| {
        node.and_then(|n| string(src, n))
            .filter(|c| credential_cookie_name(c))
            .map(|c| format!("cookie \"{c}\""))
    };
    let (cookie, how) = match src.language {
        Language::Go if call.qualified == "net/http.Cookie" => {
            let Some(body) = call.node.child_by_field_name("body") else {
                return;
            };
            let keyed = |key: &str| {
                facts
                    .bindings
                    .iter()
                    .find(|b| b.name == key && b.node.parent().is_some_and(|p| p.id() == body.id()))
            };
            if keyed("HttpOnly").is_some() {
                return;
            }
            // `c := &http.Cookie{...}; c.HttpOnly = true` in the same function.
            let function = crate::syntax::generic::enclosing_function(call.node)
                .map_or(src.text, |f| src.text_of(f));
            if function.contains(".HttpOnly") {
                return;
            }
            let Some(cookie) = keyed("Name").and_then(|b| cookie_named(Some(b.value))) else {
                return;
            };
            (cookie, "`http.Cookie{...}` without `HttpOnly`".to_string())
        }
        l if l.is_js_family() => {
            let receiver = call.written.rsplit_once('.').map_or("", |(r, _)| r);
            let receiver_first = receiver.split('.').next().unwrap_or("");
            let express = name == "cookie" && matches!(receiver_first, "res" | "response");
            let next = call.written.ends_with("cookies.set")
                && (facts.uses_module("next/headers") || facts.uses_module("next/server"));
            if !(express || next) {
                return;
            }
            match call.args.get(2).map(|o| crate::syntax::value::unwrap(*o)) {
                None if call.args.len() == 2 => {}
                Some(o) if o.kind() == "object" => {
                    let opened = crate::syntax::value::statements(o).iter().any(|p| {
                        p.kind() == "spread_element"
                            || p.child_by_field_name("key").is_some_and(|k| {
                                Flag::of(src.text_of(k).trim_matches(['"', '\'']))
                                    == Some(Flag::HttpOnly)
                            })
                    });
                    if opened {
                        return;
                    }
                }
                _ => return,
            }
            let Some(cookie) = cookie_named(first) else {
                return;
            };
            (
                cookie,
                format!(
                    "`{}(...)` without `httpOnly`, which defaults to off",
                    call.written
                ),
            )
        }
        Language::Python if name == "set_cookie" && call.written.contains('.') => {
            let keyed = call.args.iter().any(|a| {
                a.kind() == "dictionary_splat"
                    || a.kind() == "keyword_argument"
                        && a.child_by_field_name("name")
                            .is_some_and(|n| src.text_of(n) == "httponly")
            });
            if keyed || call.args.len() > 7 {
                return;
            }
            let Some(cookie) = cookie_named(first) else {
                return;
            };
            (
                cookie,
                "`set_cookie(...)` without `httponly=True` (off by default)".to_string(),
            )
        }
        Language::Php if matches!(name, "setcookie" | "setrawcookie") => {
            match call.args.get(2).map(|o| crate::syntax::value::unwrap(*o)) {
                Some(o)
                    if o.kind() == "array_creation_expression"
                        && src.text_of(o).to_ascii_lowercase().contains("httponly") =>
                {
                    return;
                }
                Some(o) if o.kind() == "array_creation_expression" => {}
                Some(o) if o.kind() == "variable_name" => return,
                _ if call.args.len() >= 7 => return,
                _ => {}
            }
            let Some(cookie) = cookie_named(first) else {
                return;
            };
            (
                cookie,
                format!("`{name}(...)` without the HttpOnly argument (off by default)"),
            )
        }
        _ => return,
    };
    // Clearing the cookie at logout (an empty value, an expiry in the past) carries nothing.
    if clears_cookie(src, call) {
        return;
    }
    out.push(Weak {
        node: call.node,
        flag: Flag::HttpOnly,
        cookie,
        how,
        omitted: true,
    });
}

/// Whether a cookie write deletes the cookie: an empty value (`res.cookie("sid", "")`,
/// `http.Cookie{Name: "sid", Value: ""}`) or an expiry in the past (`MaxAge: -1`, `max_age=0`,
/// `expires: new Date(0)`, PHP `time() - 3600`).
fn clears_cookie(src: &Source<'_>, call: &Call<'_>) -> bool {
    let empty = |n: Node<'_>| {
        string(src, n).is_some_and(|v| v.is_empty())
            || matches!(literal(src, n), Some(Lit::Null | Lit::Bool(false)))
    };
    let past = |n: Node<'_>| {
        let text: String = src.text_of(n).split_whitespace().collect();
        matches!(literal(src, n), Some(Lit::Num(v)) if v <= 0.0)
            || text.contains("time()-")
            || text.contains("Date(0)")
            || text.contains("Unix(0,0)")
            || text.contains("UnixEpoch")
    };
    let value = if src.language == Language::Go {
        None
    } else {
        call.args.get(1).copied()
    };
    if value.is_some_and(empty) {
        return true;
    }
    if src.language == Language::Php && call.args.get(2).is_some_and(|e| past(*e)) {
        return true;
    }
    // Keyed options: Go struct fields, JS option objects, Python keyword arguments.
    call.args.iter().any(|a| {
        crate::syntax::descendants(*a).any(|n| {
            let (key, v) = match n.kind() {
                "keyed_element" => (n.named_child(0), n.named_child(1)),
                "pair" | "keyword_argument" => (
                    n.child_by_field_name("key")
                        .or_else(|| n.child_by_field_name("name")),
                    n.child_by_field_name("value"),
                ),
                _ => return false,
            };
            let (Some(key), Some(v)) = (key, v) else {
                return false;
            };
            let key = src.text_of(key).to_ascii_lowercase().replace('_', "");
            match key.as_str() {
                "value" => empty(v),
                "maxage" | "expires" => past(v),
                _ => false,
            }
        })
    })
}

/// The cookie name at the root of a builder chain (`ResponseCookie.from("sid", v).httpOnly(false)`,
/// `Cookie::build(("sid", v)).secure(false)`), as text.
fn chain_cookie_name(src: &Source<'_>, call: Node<'_>) -> Option<String> {
    let mut cur = call;
    loop {
        let receiver = cur.child_by_field_name("object").or_else(|| {
            cur.child_by_field_name("function")
                .and_then(|f| f.child_by_field_name("value"))
        })?;
        let receiver = crate::syntax::value::unwrap(receiver);
        if !matches!(receiver.kind(), "method_invocation" | "call_expression") {
            return None;
        }
        let callee = receiver
            .child_by_field_name("name")
            .or_else(|| receiver.child_by_field_name("function"))
            .map_or("", |n| src.text_of(n));
        let last = callee.rsplit([':', '.']).next().unwrap_or(callee);
        if matches!(last, "from" | "build" | "new") && callee_text_has_cookie(src, receiver) {
            let args = receiver.child_by_field_name("arguments")?;
            let first = args.named_child(0)?;
            return Some(cookie_name_text(src, first));
        }
        cur = receiver;
    }
}

fn callee_text_has_cookie(src: &Source<'_>, call: Node<'_>) -> bool {
    let callee = call
        .child_by_field_name("object")
        .or_else(|| call.child_by_field_name("function"))
        .map_or("", |n| src.text_of(n));
    callee.contains("Cookie")
}
