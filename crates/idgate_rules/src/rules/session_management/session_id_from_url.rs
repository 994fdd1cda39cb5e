//! IDG123 session-id-from-url

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::generic::{call_shape, enclosing_function, string_literal};
use crate::syntax::{descendants, words};

declare_rule! {
    /// ## What it does
    /// Flags a session id taken from the request URL and adopted as the visitor's session: a
    /// query parameter named like a session id (`sid`, `session_id`, `PHPSESSID`, `jsessionid`)
    /// read with Express `req.query.sid`, Flask `request.args.get("sid")`, Django
    /// `request.GET["sid"]`, PHP `$_GET['sid']` or Rails `params[:sid]`, that is then stored in
    /// the session (`req.session = ...`, `session["sid"] = ...`), written back as a cookie
    /// (`res.cookie("sid", ...)`, `set_cookie`, `setcookie`), or handed to PHP's `session_id()`.
    ///
    /// A session id from the query that is only passed to another service (a Stripe Checkout
    /// `session_id` handed to `stripe.checkout.sessions.retrieve`) is not reported.
    ///
    /// ## Why is this bad?
    /// Whoever writes the link chooses the session: an attacker sends the victim a URL with a
    /// session id the attacker knows, the victim signs in under it, and the attacker is signed in
    /// too (session fixation). Ids in URLs also leak through logs, browser history and the
    /// `Referer` header.
    ///
    /// ## Example
    /// ```javascript
    /// const sid = req.query.sid || req.cookies.sid;
    /// req.session = await sessions.get(sid);
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// const sid = req.signedCookies.sid;
    /// req.session = sid ? await sessions.get(sid) : null;
    /// ```
    /// and issue a fresh id at login.
    ///
    /// ## References
    /// - [CWE-384: Session Fixation](https://cwe.mitre.org/data/definitions/384.html)
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    /// - [OWASP: Session Management Cheat Sheet, Session ID Exchange Mechanism](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-exchange-mechanism-selection)
    pub(crate) static RULE = {
        code: "IDG123",
        name: "session-id-from-url",
        category: SessionManagement,
        cwe: [613, 384, 598],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Php, Ruby],
        keywords: ["session", "sid", "sess"],
        also: ["query", "args", "_get", "_request", "params", "request.get"],
        summary: "A session id is taken from the request URL and adopted as the visitor's session.",
        check: check,
    };
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let mut seen: Vec<usize> = Vec::new();
    for node in descendants(src.tree.root_node()) {
        let Some((read, key)) = url_read(src, node) else {
            continue;
        };
        let Some((at, how)) = adopted(src, facts, node) else {
            continue;
        };
        if seen.contains(&at.start_byte()) {
            continue;
        }
        seen.push(at.start_byte());
        hits.push(Hit {
            start: at.start_byte(),
            end: at.end_byte(),
            message: format!(
                "Session id taken from the URL ({read}) and {how}: whoever writes the link chooses the visitor's session, so an attacker who sends it is signed in with the victim; read the session id only from the session cookie and issue a new one at login"
            ),
            before: None,
            after: Some(format!("session id from URL parameter `{key}`")),
            measure: None,
        });
    }
}

/// Whether a parameter name reads like a session id (`sid`, `sessionId`, `PHPSESSID`), not a
/// session's type, count or other attribute.
fn session_id_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "phpsessid" | "jsessionid" | "sessid" | "sid"
    ) {
        return true;
    }
    let w = words(key);
    w.iter()
        .any(|x| matches!(x.as_str(), "session" | "sess" | "sid"))
        && w.iter().all(|x| {
            matches!(
                x.as_str(),
                "session" | "sess" | "sid" | "id" | "token" | "key" | "auth" | "user"
            )
        })
}

/// If `node` reads a URL (query) parameter named like a session id: how it reads it, and the key.
fn url_read(src: &Source<'_>, node: Node<'_>) -> Option<(String, String)> {
    let text = || src.text_of(node).split_whitespace().collect::<String>();
    let key = match (src.language, node.kind()) {
        // `req.query.sid`, `request.query.sessionId`.
        (l, "member_expression") if l.is_js_family() => {
            let object = node.child_by_field_name("object")?;
            if !query_object(src, object) {
                return None;
            }
            src.text_of(node.child_by_field_name("property")?)
                .to_string()
        }
        // `req.query['sid']`, `request.GET["sid"]`, `request.args["sid"]`, `$_GET['sid']`,
        // `params[:sid]`.
        (_, "subscript_expression" | "subscript" | "element_reference") => {
            let object = node
                .child_by_field_name("object")
                .or_else(|| node.child_by_field_name("value"))
                .or_else(|| node.named_child(0))?;
            if !query_object(src, object) {
                return None;
            }
            let index = node
                .child_by_field_name("index")
                .or_else(|| node.child_by_field_name("subscript"))
                .or_else(|| node.named_child(1))?;
            string_literal(src, index)?
        }
        // `request.args.get("sid")`, `request.GET.get("sid")`, `request.query_params.get("sid")`,
        // `params.fetch(:sid)`, `url.searchParams.get('sid')`.
        _ => {
            let shape = call_shape(src, node)?;
            if !matches!(shape.name.as_str(), "get" | "fetch" | "getlist") {
                return None;
            }
            if !query_object(src, shape.receiver?) {
                return None;
            }
            string_literal(src, *shape.args.first()?)?
        }
    };
    session_id_key(&key).then(|| (format!("`{}`", text()), key))
}

/// Whether `object` is the request's query string (or Rails `params`, which includes it).
fn query_object(src: &Source<'_>, object: Node<'_>) -> bool {
    let text: String = src.text_of(object).split_whitespace().collect();
    match src.language {
        l if l.is_js_family() => {
            let Some((owner, field)) = text.rsplit_once('.') else {
                return false;
            };
            let owner = owner.rsplit('.').next().unwrap_or(owner);
            (field == "query" && matches!(owner, "req" | "request" | "ctx" | "c"))
                || field == "searchParams"
        }
        Language::Python => {
            matches!(
                text.as_str(),
                "request.args" | "request.GET" | "request.REQUEST" | "request.query_params"
            )
        }
        Language::Php => matches!(text.as_str(), "$_GET" | "$_REQUEST"),
        Language::Ruby => text == "params",
        _ => false,
    }
}

/// Where the URL value `read` becomes the visitor's session: the statement that stores it in the
/// session, sets it as a cookie or hands it to `session_id()`, directly or through a local.
fn adopted<'t>(src: &Source<'_>, facts: &Facts<'t>, read: Node<'t>) -> Option<(Node<'t>, String)> {
    // Directly: `session["sid"] = request.args.get("sid")`, `session_id($_GET['sid'])`.
    if let Some(how) = sink_around(src, facts, read) {
        return Some(how);
    }
    // Through a local: `const sid = req.query.sid || ...;` then `req.session = store.get(sid)`.
    // The innermost binding around the read (not `module.exports = function ...` around it all).
    let binding = facts
        .bindings
        .iter()
        .filter(|b| {
            b.value.start_byte() <= read.start_byte()
                && read.end_byte() <= b.value.end_byte()
                && matches!(
                    b.node.kind(),
                    "variable_declarator" | "assignment" | "assignment_expression"
                )
        })
        .min_by_key(|b| b.value.end_byte() - b.value.start_byte())?;
    let var = src
        .text_of(
            binding
                .node
                .child_by_field_name("name")
                .or_else(|| binding.node.child_by_field_name("left"))?,
        )
        .trim_start_matches('$')
        .to_string();
    if !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let scope = enclosing_function(read)?;
    let uses = descendants(scope).filter(|n| {
        n.start_byte() > binding.node.end_byte()
            && matches!(n.kind(), "identifier" | "variable_name")
            && src.text_of(*n).trim_start_matches('$') == var
    });
    for use_ in uses {
        if let Some((_, how)) = sink_around(src, facts, use_) {
            return Some((binding.node, how));
        }
    }
    None
}

/// If `node` is part of a session write, a cookie write or `session_id(...)`: the statement and
/// a description.
fn sink_around<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    node: Node<'t>,
) -> Option<(Node<'t>, String)> {
    // A session write whose right side holds `node`.
    for b in &facts.bindings {
        if !(b.value.start_byte() <= node.start_byte() && node.end_byte() <= b.value.end_byte()) {
            continue;
        }
        let Some(left) = b.node.child_by_field_name("left") else {
            continue;
        };
        let target: String = src.text_of(left).split_whitespace().collect();
        let session = match src.language {
            l if l.is_js_family() => ["req.session", "request.session", "ctx.session"]
                .iter()
                .any(|p| {
                    target == *p
                        || target.starts_with(&format!("{p}."))
                        || target.starts_with(&format!("{p}["))
                }),
            Language::Python => {
                target.starts_with("session[")
                    || target.starts_with("request.session[")
                    || target.starts_with("flask.session[")
            }
            Language::Php => target.starts_with("$_SESSION["),
            Language::Ruby => {
                target.starts_with("session[") || target == "request.session_options[:id]"
            }
            _ => false,
        };
        if session {
            return Some((b.node, format!("stored in the session (`{target}`)")));
        }
    }
    // A cookie written with it as the value, or PHP `session_id($id)`.
    for call in &facts.calls {
        let inside =
            call.args.iter().enumerate().find(|(_, a)| {
                a.start_byte() <= node.start_byte() && node.end_byte() <= a.end_byte()
            });
        let Some((at, _)) = inside else {
            continue;
        };
        let name = call.name();
        if src.language == Language::Php && name == "session_id" && call.written == "session_id" {
            return Some((call.node, "made the session id with `session_id()`".into()));
        }
        let cookie = matches!(name, "cookie" | "set_cookie" | "setcookie" | "setCookie")
            || call.written.ends_with("cookies.set");
        if cookie && at == 1 {
            return Some((
                call.node,
                format!("written back as a cookie (`{}`)", call.written),
            ));
        }
    }
    None
}
