//! IDG122 session-fixation-on-login

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::{FUNCTION_KINDS, descendants, function_text};

declare_rule! {
    /// ## What it does
    /// Flags a login handler that checks a password and then writes the user's identity into the
    /// existing session without issuing a new session id: PHP `$_SESSION['user_id'] = ...` without
    /// `session_regenerate_id()`, Express `req.session.userId = ...` without
    /// `req.session.regenerate()`, Django `request.session['user_id'] = ...` without
    /// `cycle_key()` or `auth.login()`, Rails `session[:user_id] = ...` without `reset_session`,
    /// and servlet `session.setAttribute("user", ...)` without `changeSessionId()`; and Spring
    /// Security configured to keep the session id across login (`sessionFixation().none()`,
    /// `NullAuthenticatedSessionStrategy`).
    ///
    /// Only functions that both verify a password (`password_verify`, `bcrypt.compare`,
    /// `check_password`, `authenticate`, `matches`) and store an identity key (`user`, `user_id`,
    /// `uid`, `logged_in`, `authenticated`) count. In `idgate check`, a login whose regeneration
    /// the change removed shows it as the "before".
    ///
    /// ## Why is this bad?
    /// If the session id survives login, an attacker who planted it beforehand (a link with the
    /// id, a cookie set from a sibling subdomain, a shared kiosk) holds the same id as the victim
    /// and is logged in as them the moment they sign in.
    ///
    /// ## Example
    /// ```php
    /// if (password_verify($_POST['password'], $row['hash'])) {
    ///     $_SESSION['user_id'] = $row['id'];
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```php
    /// if (password_verify($_POST['password'], $row['hash'])) {
    ///     session_regenerate_id(true);
    ///     $_SESSION['user_id'] = $row['id'];
    /// }
    /// ```
    ///
    /// ## References
    /// - [CWE-384: Session Fixation](https://cwe.mitre.org/data/definitions/384.html)
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [OWASP: Session Management Cheat Sheet, Renew the Session ID After Any Privilege Level Change](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change)
    pub(crate) static RULE = {
        code: "IDG122",
        name: "session-fixation-on-login",
        category: SessionManagement,
        cwe: [613, 384],
        severity: Medium,
        default_level: Warning,
        status: Status::Preview { since: "0.2.0" },
        languages: [Php, JavaScript, TypeScript, Tsx, Python, Ruby, Java],
        keywords: ["session"],
        also: ["pass", "pwd", "authenticate(", "sessionFixation", "NullAuthenticatedSessionStrategy"],
        summary: "A login stores the user in the session without issuing a new session id.",
        check: check,
    };
}

/// Session keys that mean "this session is now logged in".
const IDENTITY_KEYS: &[&str] = &[
    "user",
    "userid",
    "user_id",
    "uid",
    "loggedin",
    "logged_in",
    "isloggedin",
    "is_logged_in",
    "authenticated",
    "isauthenticated",
    "is_authenticated",
    "auth",
    "account",
    "accountid",
    "account_id",
    "currentuser",
    "current_user",
    "username",
    "member_id",
    "memberid",
    "admin",
    "isadmin",
    "is_admin",
    "login",
    "user_email",
    "email",
];
/// Text that shows the session id is renewed (or handed to a framework login that renews it).
const REGENERATES: &[&str] = &[
    "regenerate",
    "session_regenerate_id",
    "cycle_key",
    "reset_session",
    "changeSessionId",
    ".invalidate(",
    "session_destroy",
    ".flush(",
    "login(",
    "logIn(",
    "sign_in",
    "signIn(",
    "migrate(",
    "renew",
    "rotate",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let facts = cx.facts();
    let old_off = cx
        .old
        .zip(cx.old_facts())
        .map(|(old, old_facts)| spring_fixation_off(old, old_facts).len());
    for (node, how) in spring_fixation_off(cx.new, facts) {
        hits.push(Hit {
            start: crate::syntax::call_start(node),
            end: node.end_byte(),
            message: format!(
                "Session fixation protection turned off ({how}): the session id a visitor had before login stays valid after it, so an attacker who planted it is signed in as the victim; keep Spring's default `migrateSession()` (or `changeSessionId()`)"
            ),
            before: (old_off == Some(0)).then(|| "session id changed at login".to_string()),
            after: Some(format!("session id kept across login ({how})")),
            measure: None,
        });
    }
    for (function, write, key) in logins(cx.new, facts) {
        // The body only: a handler named `login(...)` is not a call to a framework login.
        let body = function.child_by_field_name("body").unwrap_or(function);
        if REGENERATES.iter().any(|r| cx.new.text_of(body).contains(r)) {
            continue;
        }
        let name = function
            .child_by_field_name("name")
            .map(|n| cx.new.text_of(n).to_string());
        let before = cx.old.and_then(|old| {
            let old_text = function_text(old, name.as_deref())?;
            let found = REGENERATES.iter().find(|r| old_text.contains(**r))?;
            Some(format!(
                "session id renewed at login (`{}`)",
                found.trim_matches(['.', '('])
            ))
        });
        let place = name.map_or(String::new(), |n| format!(" in `{n}`"));
        hits.push(Hit {
            start: write.start_byte(),
            end: write.end_byte(),
            message: format!(
                "Login{place} stores `{key}` in the existing session without issuing a new session id: an attacker who planted the session id before login shares the signed-in session; {}",
                fix(cx.new.language)
            ),
            before,
            after: Some("session id kept across login".into()),
            measure: None,
        });
    }
}

/// Spring Security with session-fixation protection switched off: `sessionFixation().none()`,
/// `sessionFixation(f -> f.none())`, `sessionFixation(SessionFixationConfigurer::none)`, or the
/// session authentication strategy replaced by `NullAuthenticatedSessionStrategy`.
fn spring_fixation_off<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<(Node<'t>, String)> {
    let mut out = Vec::new();
    if src.language != Language::Java {
        return out;
    }
    for call in &facts.calls {
        let how = match call.name() {
            // The chained form: `.sessionFixation().none()`.
            "none" if call.written.ends_with("sessionFixation.none") => {
                "`sessionFixation().none()`"
            }
            "sessionFixation"
                if call.args.first().is_some_and(|a| {
                    let t: String = src.text_of(*a).split_whitespace().collect();
                    t.ends_with("::none") || t.ends_with(".none()")
                }) =>
            {
                "`sessionFixation(... none)`"
            }
            "sessionAuthenticationStrategy"
                if call.args.first().is_some_and(|a| {
                    src.text_of(*a).contains("NullAuthenticatedSessionStrategy")
                }) =>
            {
                "`sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy())`"
            }
            _ => continue,
        };
        out.push((call.node, how.to_string()));
    }
    out
}

fn fix(language: Language) -> &'static str {
    match language {
        Language::Php => "call `session_regenerate_id(true)` first",
        Language::Python => {
            "call `request.session.cycle_key()` or use `django.contrib.auth.login()`"
        }
        Language::Ruby => "call `reset_session` first",
        Language::Java => "call `request.changeSessionId()` first",
        _ => "call `req.session.regenerate()` and set the user inside its callback",
    }
}

/// (function, session write, key) for each function that verifies a password and writes an
/// identity key into the session.
fn logins<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(Node<'t>, Node<'t>, String)> {
    let mut out = Vec::new();
    for b in &facts.bindings {
        let Some((write, key)) = session_write(src, b.node) else {
            continue;
        };
        let Some(function) = outermost_function(src, write) else {
            continue;
        };
        if !verifies_password(src, facts, function) {
            continue;
        }
        if out
            .iter()
            .any(|(f, _, _): &(Node<'_>, Node<'_>, String)| f.id() == function.id())
        {
            continue;
        }
        out.push((function, write, key));
    }
    for call in &facts.calls {
        // Servlet: `session.setAttribute("user", user)`.
        if src.language != Language::Java || call.name() != "setAttribute" {
            continue;
        }
        let receiver = call
            .written
            .rsplit_once('.')
            .map_or("", |(r, _)| r)
            .to_ascii_lowercase();
        if !receiver.contains("session") {
            continue;
        }
        let Some(key) = call
            .args
            .first()
            .and_then(|a| crate::syntax::value::string(src, *a))
        else {
            continue;
        };
        if !identity_key(&key) {
            continue;
        }
        let Some(function) = outermost_function(src, call.node) else {
            continue;
        };
        if verifies_password(src, facts, function)
            && !out.iter().any(|(f, _, _)| f.id() == function.id())
        {
            out.push((function, call.node, key));
        }
    }
    out
}

/// The outermost function around `node` (a callback's enclosing handler, where a
/// `req.session.regenerate(...)` around the write lives), or the whole PHP script.
fn outermost_function<'t>(src: &Source<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let mut found = None;
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind())
            || matches!(
                n.kind(),
                "arrow_function" | "function_expression" | "function" | "lambda_expression"
            )
        {
            found = Some(n);
        }
        if n.parent().is_none() && found.is_none() && src.language == Language::Php {
            found = Some(n);
        }
        cur = n.parent();
    }
    found
}

fn identity_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    IDENTITY_KEYS.contains(&k.as_str())
}

/// If `node` assigns into the session: the assignment and the key.
fn session_write<'t>(src: &Source<'_>, node: Node<'t>) -> Option<(Node<'t>, String)> {
    let left = node.child_by_field_name("left")?;
    let text = src.text_of(left).trim().to_string();
    let key = match src.language {
        // $_SESSION['user_id']
        Language::Php => text
            .strip_prefix("$_SESSION[")?
            .trim_end_matches(']')
            .to_string(),
        // req.session.userId / req.session['userId'] / request.session.user
        l if l.is_js_family() => {
            let (_, rest) = text.split_once("session")?;
            if !(text.starts_with("req.session") || text.starts_with("request.session")) {
                return None;
            }
            rest.trim_start_matches(['.', '['])
                .trim_end_matches(']')
                .to_string()
        }
        // Django: request.session['user_id']
        Language::Python => text
            .strip_prefix("request.session[")?
            .trim_end_matches(']')
            .to_string(),
        // Rails: session[:user_id]
        Language::Ruby => text
            .strip_prefix("session[")?
            .trim_end_matches(']')
            .to_string(),
        _ => return None,
    };
    let key = key.trim_matches(['\'', '"', ':', ' ']).to_string();
    identity_key(&key).then_some((node, key))
}

/// Whether the function checks a password: a verification call whose text mentions one.
fn verifies_password(src: &Source<'_>, facts: &Facts<'_>, function: Node<'_>) -> bool {
    const VERIFY: &[&str] = &[
        "compare",
        "verify",
        "check",
        "authenticate",
        "matches",
        "valid",
    ];
    let (start, end) = (function.start_byte(), function.end_byte());
    let calls = facts.calls.iter().any(|c| {
        if c.node.start_byte() < start || c.node.end_byte() > end {
            return false;
        }
        let name = c.name().to_ascii_lowercase();
        if !VERIFY.iter().any(|v| name.contains(v)) {
            return false;
        }
        let text = src.text_of(c.node).to_ascii_lowercase();
        text.contains("pass") || text.contains("pwd")
    });
    // Ruby `user&.authenticate(params[:password])` is a call too; a bare `==` on a password
    // column is not accepted as a login check.
    calls
        || descendants(function).any(|n| {
            n.kind() == "call"
                && src.language == Language::Ruby
                && src.text_of(n).contains("authenticate(")
        })
}
