//! IDG124 identity-in-unsigned-cookie

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::generic::{enclosing_function, string_literal};
use crate::syntax::{ancestor, descendants};

declare_rule! {
    /// ## What it does
    /// Flags a sign-in that puts the user's identity (`user_id`, `uid`, `account_id`, `role`,
    /// `is_admin`) into a plain cookie instead of the session or a signed or encrypted cookie:
    /// Rails `cookies[:user_id] = user.id` / `cookies.permanent[:user_id] = ...` (without
    /// `.signed` or `.encrypted`) and Express `res.cookie("userId", user.id)` (without
    /// `signed: true`), in code that authenticates the user.
    ///
    /// `cookies.signed[...]`, `cookies.encrypted[...]`, signed Express cookies and preference
    /// cookies (`theme`, `locale`) are not reported.
    ///
    /// ## Why is this bad?
    /// The browser owns its cookies: a user edits `user_id=42` to `user_id=1` and is the
    /// administrator. `cookies.permanent` also keeps that forgeable identity for twenty years, far
    /// beyond any session lifetime, with no way to revoke it on the server.
    ///
    /// ## Example
    /// ```ruby
    /// cookies.permanent[:user_id] = user.id
    /// ```
    ///
    /// Use instead:
    /// ```ruby
    /// reset_session
    /// session[:user_id] = user.id
    /// ```
    ///
    /// ## References
    /// - [CWE-565: Reliance on Cookies without Validation and Integrity Checking](https://cwe.mitre.org/data/definitions/565.html)
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [CWE-784: Reliance on Cookies without Validation and Integrity Checking in a Security Decision](https://cwe.mitre.org/data/definitions/784.html)
    /// - [Rails guides: Cookies](https://guides.rubyonrails.org/action_controller_overview.html#cookies)
    pub(crate) static RULE = {
        code: "IDG124",
        name: "identity-in-unsigned-cookie",
        category: SessionManagement,
        cwe: [613, 565, 784],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Ruby, JavaScript, TypeScript, Tsx],
        keywords: ["cookie"],
        also: ["authenticate", "password", "sign_in", "signin", "login", "log_in"],
        summary: "A sign-in stores the user's identity in a cookie that is neither signed nor encrypted.",
        check: check,
    };
}

/// Cookie names that carry who the user is or what they may do.
/// (A display name or e-mail kept for the page is not one: the server does not trust it.)
const IDENTITY_KEYS: &[&str] = &[
    "userid",
    "uid",
    "accountid",
    "memberid",
    "currentuserid",
    "loggedinuserid",
    "role",
    "userrole",
    "isadmin",
    "admin",
];

/// Words that show the code signs users in.
const SIGN_IN: &[&str] = &[
    "authenticate",
    "password",
    "sign_in",
    "signin",
    "login",
    "log_in",
];

fn identity_key(key: &str) -> bool {
    let flat: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    IDENTITY_KEYS.contains(&flat.as_str())
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let found = match src.language {
        Language::Ruby => rails(src),
        l if l.is_js_family() => express(src, cx.facts()),
        _ => Vec::new(),
    };
    for (node, key, how) in found {
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "User identity `{key}` stored in a plain cookie ({how}): the browser can change it to another user's id and be signed in as them; keep it in the session, or in a signed or encrypted cookie"
            ),
            before: None,
            after: Some(format!("identity `{key}` in an unsigned cookie")),
            measure: None,
        });
    }
}

fn signs_in(src: &Source<'_>, node: Node<'_>) -> bool {
    let scope = ancestor(node, &["class", "class_declaration"])
        .or_else(|| enclosing_function(node))
        .map_or(src.text, |n| src.text_of(n))
        .to_ascii_lowercase();
    SIGN_IN.iter().any(|w| scope.contains(w))
}

/// Rails: `cookies[:user_id] = ...`, `cookies.permanent[:user_id] = ...`.
fn rails<'t>(src: &'t Source<'_>) -> Vec<(Node<'t>, String, String)> {
    let mut out = Vec::new();
    for n in descendants(src.tree.root_node()) {
        if n.kind() != "assignment" {
            continue;
        }
        let Some(left) = n.child_by_field_name("left") else {
            continue;
        };
        if left.kind() != "element_reference" {
            continue;
        }
        let Some(object) = left
            .child_by_field_name("object")
            .or_else(|| left.named_child(0))
        else {
            continue;
        };
        let jar: String = src.text_of(object).split_whitespace().collect();
        let segments: Vec<&str> = jar.split('.').collect();
        if segments.first() != Some(&"cookies")
            || segments
                .iter()
                .any(|s| matches!(*s, "signed" | "encrypted"))
            || !segments.iter().skip(1).all(|s| matches!(*s, "permanent"))
        {
            continue;
        }
        let Some(key) = left.named_child(1).and_then(|k| string_literal(src, k)) else {
            continue;
        };
        if identity_key(&key) && signs_in(src, n) {
            out.push((n, key, format!("`{jar}[:...]`")));
        }
    }
    out
}

/// Express: `res.cookie("userId", user.id[, opts])` without `signed: true`.
fn express<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<(Node<'t>, String, String)> {
    let mut out = Vec::new();
    for call in &facts.calls {
        let receiver = call.written.split('.').next().unwrap_or("");
        if call.name() != "cookie" || !matches!(receiver, "res" | "response") {
            continue;
        }
        let Some(key) = call.args.first().and_then(|a| string_literal(src, *a)) else {
            continue;
        };
        if !identity_key(&key) {
            continue;
        }
        match call.args.get(2) {
            None => {}
            Some(o) if o.kind() == "object" => {
                let text: String = src.text_of(*o).split_whitespace().collect();
                if text.contains("signed:true") || text.contains("...") {
                    continue;
                }
            }
            Some(_) => continue,
        }
        if signs_in(src, call.node) {
            out.push((call.node, key, format!("`{}(...)` unsigned", call.written)));
        }
    }
    out
}
