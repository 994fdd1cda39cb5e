//! IDG181 csrf-protection-disabled

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::value::{is_bool, statements, string};
use crate::syntax::{FUNCTION_KINDS, ancestor, descendants};

declare_rule! {
    /// ## What it does
    /// Flags CSRF protection switched off where the application authenticates with a cookie:
    /// Django `@csrf_exempt` on a view that uses the session or the logged-in user, Flask-WTF
    /// `WTF_CSRF_ENABLED = False`, Django `MIDDLEWARE` with sessions and authentication but without
    /// `CsrfViewMiddleware`, Spring Security `csrf().disable()` (in every spelling) in a
    /// configuration with form login, OAuth2 login, remember-me or stateful sessions, Rails
    /// `skip_forgery_protection` / `skip_before_action :verify_authenticity_token` in a controller
    /// that uses the session, Laravel `VerifyCsrfToken::$except = ['*']`, and ASP.NET
    /// `[IgnoreAntiforgeryToken]` on a state-changing action; in `idgate check`, also an Express
    /// app whose `csurf` middleware the change removed.
    ///
    /// Webhook receivers and stateless token APIs (`SessionCreationPolicy.STATELESS`, a JWT
    /// resource server, `ActionController::API`) do not need CSRF tokens and are not reported.
    ///
    /// ## Why is this bad?
    /// Browsers attach cookies to cross-site requests. Without a CSRF token any page the user
    /// visits can submit a form to the application that changes the password, the e-mail address
    /// or a payout account, with the victim's session.
    ///
    /// ## Example
    /// ```java
    /// http.csrf(AbstractHttpConfigurer::disable).formLogin(Customizer.withDefaults());
    /// ```
    ///
    /// Use instead:
    /// ```java
    /// http.csrf(Customizer.withDefaults()).formLogin(Customizer.withDefaults());
    /// ```
    /// For a single-page app, send the token in a header (`CookieCsrfTokenRepository`) rather than
    /// turning the check off.
    ///
    /// ## References
    /// - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    /// - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    /// - [OWASP: Cross-Site Request Forgery Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html)
    pub(crate) static RULE = {
        code: "IDG181",
        name: "csrf-protection-disabled",
        category: CrossOrigin,
        cwe: [942, 352],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Java, CSharp, Ruby, Php],
        // The session middlewares too: a change that removes `csurf` leaves no CSRF word behind.
        keywords: [
            "csrf", "csurf", "forgery", "authenticity_token", "antiforgery", "express-session",
            "cookie-session", "cookie-parser", "SessionMiddleware"
        ],
        summary: "CSRF protection is turned off in an application that authenticates with cookies.",
        check: check,
    };
}

/// Words in a handler or controller name that mark a webhook or callback receiver, which is
/// called by a server, not a browser, and authenticates by signature.
const WEBHOOK_WORDS: &[&str] = &[
    "webhook",
    "hook",
    "callback",
    "notify",
    "notification",
    "ipn",
    "stripe",
    "health",
    "ping",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let facts = cx.facts();
    let found = disabled(cx.new, facts);
    // The old version of the file kept CSRF protection on.
    let old_on = cx
        .old
        .zip(cx.old_facts())
        .is_some_and(|(old, old_facts)| disabled(old, old_facts).is_empty());
    for (node, how) in found {
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "CSRF protection turned off ({how}) in code that authenticates with a cookie: any site the user visits can submit state-changing requests with their session; keep the token check (send it in a header for single-page apps)"
            ),
            before: old_on.then(|| "CSRF token checked".to_string()),
            after: Some(format!("CSRF protection off ({how})")),
            measure: None,
        });
    }
    if let Some(old) = cx.old
        && cx.new.language.is_js_family()
    {
        removed_csurf(cx.new, old, facts, hits);
    }
}

fn disabled<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(Node<'t>, String)> {
    let mut found = Vec::new();
    match src.language {
        Language::Python => python(src, facts, &mut found),
        Language::Java => java(src, facts, &mut found),
        Language::Ruby => ruby(src, facts, &mut found),
        Language::Php => php(src, facts, &mut found),
        Language::CSharp => csharp(src, facts, &mut found),
        _ => {}
    }
    found
}

fn webhook_like(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    WEBHOOK_WORDS.iter().any(|w| lower.contains(w))
}

/// Django `@csrf_exempt` on a session-using view; Flask-WTF's global switch.
fn python<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    for deco in &facts.decorations {
        let exempt = deco.qualified == "django.views.decorators.csrf.csrf_exempt"
            || (deco.written == "csrf_exempt" && !facts.imports.contains_key("csrf_exempt"));
        if !exempt {
            continue;
        }
        let Some(def) = deco
            .node
            .parent()
            .and_then(|d| d.child_by_field_name("definition"))
        else {
            continue;
        };
        let name = def
            .child_by_field_name("name")
            .map_or("", |n| src.text_of(n));
        let body = def
            .child_by_field_name("body")
            .map_or("", |b| src.text_of(b));
        if webhook_like(name) || body.contains("signature") || body.contains("hmac") {
            continue;
        }
        // Cookie-authenticated: the view reads the session or the logged-in user, or logs in.
        let uses_session = [
            "request.user",
            "request.session",
            "login(",
            "logout(",
            "set_password(",
            "update_session_auth_hash(",
        ]
        .iter()
        .any(|w| body.contains(w));
        if uses_session {
            out.push((deco.node, format!("`@csrf_exempt` on `{name}`")));
        }
    }
    for b in &facts.bindings {
        let name = b
            .name
            .trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
        if name.ends_with("WTF_CSRF_ENABLED") && is_bool(src, b.value, false) {
            out.push((b.node, "`WTF_CSRF_ENABLED = False`".into()));
        }
        // Django settings: sessions and authentication middleware without the CSRF middleware.
        if b.name == "MIDDLEWARE" && b.node.kind() == "assignment" {
            let entries: Vec<String> = descendants(b.value)
                .filter_map(|n| string(src, n))
                .collect();
            let has = |suffix: &str| entries.iter().any(|e| e.ends_with(suffix));
            if has("SessionMiddleware")
                && has("AuthenticationMiddleware")
                && !has("CsrfViewMiddleware")
            {
                out.push((
                    b.node,
                    "`CsrfViewMiddleware` missing from `MIDDLEWARE`".into(),
                ));
            }
        }
    }
}

/// Spring Security: `csrf().disable()`, `csrf(c -> c.disable())`,
/// `csrf(AbstractHttpConfigurer::disable)` in a cookie-session configuration.
fn java<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    for call in &facts.calls {
        let chained = call
            .node
            .child_by_field_name("object")
            .is_some_and(|o| o.kind() == "method_invocation");
        let how = if call.name() == "disable" && call.written.ends_with("csrf.disable") && chained {
            "`csrf().disable()`"
        } else if call.name() == "csrf"
            && call.args.first().is_some_and(|a| {
                let t = src.text_of(*a).replace(' ', "");
                t.ends_with("::disable") || t.ends_with(".disable()") || t.ends_with("->disable()")
            })
        {
            "`csrf(... disable)`"
        } else {
            continue;
        };
        let Some(function) = ancestor(call.node, FUNCTION_KINDS) else {
            continue;
        };
        let body = src.text_of(function);
        let stateless = body.contains("STATELESS");
        let cookie_login = [
            "formLogin",
            "oauth2Login",
            "rememberMe",
            "saml2Login",
            "IF_REQUIRED",
            "ALWAYS",
            "loginPage",
            "sessionManagement",
        ]
        .iter()
        .any(|w| body.contains(w));
        if cookie_login && !stateless {
            out.push((call_anchor(call.node), how.to_string()));
        }
    }
}

/// The method-name position of a chained call, so the finding points at `.csrf(...)`.
fn call_anchor(node: Node<'_>) -> Node<'_> {
    node.child_by_field_name("name")
        .filter(|n| n.start_position().row != node.start_position().row)
        .unwrap_or(node)
}

/// Rails: skipping the authenticity token check in a controller that uses the session.
fn ruby<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    // Without arguments, `skip_forgery_protection` parses as a bare identifier in the class body.
    let bare = descendants(src.tree.root_node())
        .filter(|n| {
            n.kind() == "identifier"
                && src.text_of(*n) == "skip_forgery_protection"
                && n.parent().is_some_and(|p| p.kind() == "body_statement")
        })
        .map(|n| (n, "skip_forgery_protection".to_string(), String::new()));
    let calls = facts.calls.iter().map(|call| {
        let args_text: String = call
            .args
            .iter()
            .map(|a| src.text_of(*a))
            .collect::<Vec<_>>()
            .join(", ");
        (call.node, call.written.clone(), args_text)
    });
    for (node, written, args_text) in bare.chain(calls) {
        let how = match written.as_str() {
            "skip_forgery_protection" => "`skip_forgery_protection`",
            "skip_before_action" | "skip_action_callback"
                if args_text.contains(":verify_authenticity_token") =>
            {
                "`skip_before_action :verify_authenticity_token`"
            }
            _ => continue,
        };
        // Scoped to webhook-like actions, or in a webhook controller.
        if webhook_like(&args_text) {
            continue;
        }
        let Some(class) = ancestor(node, &["class"]) else {
            continue;
        };
        let name = class
            .child_by_field_name("name")
            .map_or("", |n| src.text_of(n));
        let superclass = class
            .child_by_field_name("superclass")
            .map_or("", |n| src.text_of(n));
        if webhook_like(name)
            || superclass.contains("ActionController::API")
            || name.contains("Api")
            || name.contains("API")
        {
            continue;
        }
        let body = src.text_of(class);
        let uses_session = [
            "current_user",
            "session[",
            "authenticate_user!",
            "sign_in",
            "reset_session",
            "warden",
        ]
        .iter()
        .any(|w| body.contains(w))
            || name == "ApplicationController";
        if uses_session {
            out.push((node, format!("{how} in `{name}`")));
        }
    }
}

/// Laravel: `protected $except = ['*'];` in the CSRF middleware, or `validateCsrfTokens(except: ['*'])`.
fn php<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    for node in descendants(src.tree.root_node()) {
        if node.kind() != "property_element" {
            continue;
        }
        let name = node.named_child(0).map_or("", |n| src.text_of(n));
        if name != "$except" {
            continue;
        }
        let class_text = ancestor(node, &["class_declaration"]).map_or("", |c| src.text_of(c));
        if !class_text.contains("VerifyCsrfToken") && !class_text.contains("ValidateCsrfToken") {
            continue;
        }
        if all_paths(src, node) {
            out.push((node, "`$except = ['*']`".into()));
        }
    }
    for call in &facts.calls {
        if call.name() == "validateCsrfTokens" && call.args.iter().any(|a| all_paths(src, *a)) {
            out.push((call.node, "`validateCsrfTokens(except: ['*'])`".into()));
        }
    }
}

fn all_paths(src: &Source<'_>, node: Node<'_>) -> bool {
    descendants(node).any(|n| string(src, n).is_some_and(|s| s == "*" || s == "/*"))
}

/// ASP.NET Core: `[IgnoreAntiforgeryToken]` on a state-changing MVC or Razor Pages action.
fn csharp<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    for deco in &facts.decorations {
        let name = deco.written.trim_end_matches("Attribute");
        if name != "IgnoreAntiforgeryToken" {
            continue;
        }
        let Some(target) = ancestor(deco.node, &["method_declaration", "class_declaration"]) else {
            continue;
        };
        let class = if target.kind() == "class_declaration" {
            Some(target)
        } else {
            ancestor(target, &["class_declaration"])
        };
        let class_attrs = class.map_or(String::new(), |c| attributes_text(src, c));
        if class_attrs.contains("ApiController") {
            continue;
        }
        let target_name = target
            .child_by_field_name("name")
            .map_or("", |n| src.text_of(n));
        if webhook_like(target_name) {
            continue;
        }
        let state_changing = if target.kind() == "method_declaration" {
            let attrs = attributes_text(src, target);
            ["HttpPost", "HttpPut", "HttpDelete", "HttpPatch"]
                .iter()
                .any(|a| attrs.contains(a))
                || target_name.starts_with("OnPost")
        } else {
            // The whole controller or page model: any POST handler in it.
            let text = src.text_of(target);
            text.contains("[HttpPost") || text.contains("OnPost")
        };
        if state_changing {
            out.push((
                deco.node,
                format!("`[IgnoreAntiforgeryToken]` on `{target_name}`"),
            ));
        }
    }
}

/// The attribute lists of a declaration, as text.
fn attributes_text(src: &Source<'_>, decl: Node<'_>) -> String {
    statements(decl)
        .into_iter()
        .filter(|n| n.kind() == "attribute_list")
        .map(|n| src.text_of(n))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Express: the old version mounted `csurf` (or `csrf-csrf`/`lusca.csrf`) and the new one no
/// longer does, while the app still uses cookie sessions.
fn removed_csurf(new: &Source<'_>, old: &Source<'_>, facts: &Facts<'_>, hits: &mut Vec<Hit>) {
    const CSRF_MODULES: &[&str] = &[
        "csurf",
        "csrf-csrf",
        "lusca",
        "tiny-csrf",
        "@dr.pogodin/csurf",
    ];
    let old_facts = Facts::of(old);
    let had = CSRF_MODULES.iter().find(|m| old_facts.uses_module(m));
    let Some(had) = had else {
        return;
    };
    if CSRF_MODULES.iter().any(|m| facts.uses_module(m)) {
        return;
    }
    let sessions = ["express-session", "cookie-session", "cookie-parser"];
    if !sessions.iter().any(|m| facts.uses_module(m)) {
        return;
    }
    // Point at the session middleware mount, where the protection used to sit beside.
    let anchor = facts
        .calls
        .iter()
        .find(|c| {
            c.name() == "use"
                && c.args.iter().any(|a| {
                    let t = src_text(new, *a);
                    t.contains("session") || t.contains("cookieParser")
                })
        })
        .map(|c| c.node);
    let Some(anchor) = anchor else {
        return;
    };
    hits.push(Hit {
        start: anchor.start_byte(),
        end: anchor.end_byte(),
        message: format!(
            "CSRF middleware `{had}` removed from an app that keeps cookie sessions: any site the user visits can now submit state-changing requests with their session; keep a CSRF token check"
        ),
        before: Some(format!("CSRF tokens checked by `{had}`")),
        after: Some("no CSRF middleware".into()),
        measure: None,
    });
}

fn src_text<'a>(src: &Source<'a>, node: Node<'_>) -> &'a str {
    src.text_of(node)
}
