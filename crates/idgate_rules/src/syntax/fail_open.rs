//! Fail-open error handling around an authentication or authorization decision, compared across
//! the old and the new version of a function.
//!
//! An error handler (`except`, `catch`, `rescue`, Go's `if err != nil`) that used to refuse the
//! caller (raise, return false, answer 401/403/503, `ctx.Fail()`) and now lets the caller through
//! (returns true, calls `next()`, `ctx.Succeed(...)`, or simply no longer refuses) turns every
//! outage of the identity provider, policy engine or session store into an open door. So does
//! a result defaulted to "allowed" on error (Rust `.unwrap_or(true)`).
//!
//! Whether the decision is authentication or authorization is read from what the protected code
//! calls (`verifyToken`, `introspect`, `ldap.bind` versus `pdp.decide`, `IsMemberAsync`,
//! `authorize`).

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use super::words;

/// Which decision a handler guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Authentication,
    Authorization,
}

/// One fail-open handler in the new version.
pub(crate) struct FailOpen<'t> {
    /// What to point at: the statement that lets the caller through.
    pub(crate) node: Node<'t>,
    pub(crate) decision: Decision,
    /// The function's name.
    pub(crate) function: String,
    /// The call whose failure is now ignored, as written.
    pub(crate) guarded: String,
    /// What the old handler did (its refusing statement), folded to one line.
    pub(crate) before: String,
    /// What the new handler does.
    pub(crate) after: String,
}

/// An error handler: its body and the code it protects.
struct Handler<'t> {
    /// The enclosing function's name and the handler's order in it.
    key: (String, usize),
    body: Node<'t>,
    /// The calls of the protected code (the `try` block, the statement before `if err != nil`).
    protected: Vec<Node<'t>>,
}

/// Fail-open handlers the change introduced. Handlers are paired across the versions by their
/// enclosing function's name and their order in it.
/// The hits of the fail-open handlers around `decision` (one rule reports authentication, the
/// other authorization), with the rule's wording.
pub(crate) fn fail_open_hits(
    found: &[FailOpen<'_>],
    decision: Decision,
    hits: &mut Vec<crate::registry::Hit>,
) {
    let what = match decision {
        Decision::Authentication => "authentication",
        Decision::Authorization => "authorization",
    };
    for f in found {
        if f.decision != decision {
            continue;
        }
        let place = if f.function.is_empty() {
            String::new()
        } else {
            format!(" in `{}`", f.function)
        };
        hits.push(crate::registry::Hit {
            start: f.node.start_byte(),
            end: f.node.end_byte(),
            message: format!(
                "{what} fails open{place}: when `{}` errors, the handler now runs `{}` instead of refusing — an outage or a forged request gets through; refuse on error",
                f.guarded, f.after
            ),
            before: Some(f.before.clone()),
            after: Some(f.after.clone()),
            measure: None,
        });
    }
}

/// Each version comes with its outline (the declarations and handlers of its facts).
pub(crate) fn fail_opens<'o, 't>(
    (old, old_outline): (&Source<'_>, &[Node<'o>]),
    (new, new_outline): (&'t Source<'t>, &[Node<'t>]),
) -> Vec<FailOpen<'t>> {
    let mut out = Vec::new();
    // Only handlers around an identity decision matter; most files have none, and then the old
    // version's handlers are never needed.
    let after: Vec<(Handler<'t>, Decision, String)> = handlers(new, new_outline)
        .into_iter()
        .filter_map(|h| {
            let (decision, guarded) = decision(new, &h.protected)?;
            Some((h, decision, guarded))
        })
        .collect();
    let before = if after.is_empty() {
        Vec::new()
    } else {
        handlers(old, old_outline)
    };
    for (h, decision, guarded) in after {
        let allowing = allowing_statement(new, h.body);
        let old_refusal = match before.iter().find(|o| o.key == h.key) {
            Some(oh) => match refusing_statement(old, oh.body) {
                Some(r) => r,
                None => continue, // the old handler did not refuse either
            },
            // A handler around a call that used to propagate its error: only an explicit
            // allow is fail-open (a handler that logs and re-raises is not).
            None if allowing.is_some() => {
                format!("an error from `{guarded}` propagated and refused the caller")
            }
            None => continue,
        };
        if refusing_statement(new, h.body).is_some() {
            continue;
        }
        let Some(node) = allowing.or_else(|| last_statement(h.body)) else {
            continue;
        };
        out.push(FailOpen {
            node,
            decision,
            function: h.key.0.clone(),
            guarded,
            before: old_refusal,
            after: fold(new.text_of(node)),
        });
    }
    if new.language == Language::Rust {
        defaulted_to_allow(old, new, &mut out);
    }
    out
}

/// Rust: `check(&token).await.unwrap_or(true)` — an error read as "allowed".
fn defaulted_to_allow<'t>(old: &Source<'_>, new: &'t Source<'t>, out: &mut Vec<FailOpen<'t>>) {
    let sites = |src: &Source<'_>, body: Node<'_>| -> Vec<String> {
        super::descendants(body)
            .filter(|n| is_default_true(src, *n))
            .map(|n| fold(src.text_of(n)))
            .collect()
    };
    let mut was = sites(old, old.tree.root_node());
    for n in super::descendants(new.tree.root_node()) {
        if !is_default_true(new, n) {
            continue;
        }
        let text = fold(new.text_of(n));
        if let Some(at) = was.iter().position(|w| *w == text) {
            was.remove(at);
            continue;
        }
        let Some(receiver) = n
            .child_by_field_name("function")
            .and_then(|f| f.child_by_field_name("value"))
        else {
            continue;
        };
        let calls: Vec<Node<'_>> = super::descendants(receiver)
            .filter(|c| c.kind() == "call_expression")
            .collect();
        let Some((decision, guarded)) = decision(new, &calls) else {
            continue;
        };
        let stmt = statement_of(n);
        out.push(FailOpen {
            node: stmt,
            decision,
            function: enclosing(new, n),
            guarded,
            before: "an error refused the caller".to_string(),
            after: text,
        });
    }
}

/// `x.unwrap_or(true)`, `x.unwrap_or_else(|_| true)`.
fn is_default_true(src: &Source<'_>, n: Node<'_>) -> bool {
    if n.kind() != "call_expression" {
        return false;
    }
    let Some(method) = n
        .child_by_field_name("function")
        .filter(|f| f.kind() == "field_expression")
        .and_then(|f| f.child_by_field_name("field"))
    else {
        return false;
    };
    let args = n
        .child_by_field_name("arguments")
        .map_or("", |a| src.text_of(a));
    let args: String = args.chars().filter(|c| !c.is_whitespace()).collect();
    match src.text_of(method) {
        "unwrap_or" => args == "(true)",
        "unwrap_or_else" => args.ends_with("true)") && args.starts_with("(|"),
        _ => false,
    }
}

/// The statement that holds `n` (the node itself when it has no statement parent).
fn statement_of(n: Node<'_>) -> Node<'_> {
    let mut cur = n;
    while let Some(p) = cur.parent() {
        if matches!(
            p.kind(),
            "block" | "statement_block" | "source_file" | "program" | "compound_statement"
        ) {
            return cur;
        }
        cur = p;
    }
    n
}

fn fold(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > 80 {
        format!("{}…", folded.chars().take(79).collect::<String>())
    } else {
        folded
    }
}

fn calls_in<'t>(nodes: impl IntoIterator<Item = Node<'t>>) -> Vec<Node<'t>> {
    nodes
        .into_iter()
        .flat_map(super::descendants)
        .filter(|n| is_call(n.kind()))
        .collect()
}

fn is_call(kind: &str) -> bool {
    matches!(
        kind,
        "call"
            | "call_expression"
            | "method_invocation"
            | "invocation_expression"
            | "member_call_expression"
            | "function_call_expression"
            | "scoped_call_expression"
    )
}

/// Add a handler, numbered by its order in its function.
fn push<'t>(
    out: &mut Vec<Handler<'t>>,
    function: String,
    body: Node<'t>,
    protected: Vec<Node<'t>>,
) {
    let k = out.iter().filter(|h| h.key.0 == function).count();
    out.push(Handler {
        key: (function, k),
        body,
        protected,
    });
}

/// Whether a node of `kind` may be an error handler [`handlers`] reads.
pub(crate) fn is_handler(language: Language, kind: &str) -> bool {
    match kind {
        "catch_clause" | "except_clause" => true,
        "rescue" => language == Language::Ruby,
        "if_statement" => language == Language::Go,
        _ => false,
    }
}

/// The error handlers among `nodes` (in document order), usually the outline of the facts.
fn handlers<'t>(src: &Source<'_>, nodes: &[Node<'t>]) -> Vec<Handler<'t>> {
    let mut out: Vec<Handler<'t>> = Vec::new();
    for &n in nodes {
        match n.kind() {
            "catch_clause" | "except_clause" => {
                let Some(try_) = n.parent().filter(|p| p.kind().starts_with("try")) else {
                    continue;
                };
                let handler_body = n.child_by_field_name("body").or_else(|| {
                    let mut c = n.walk();
                    n.named_children(&mut c)
                        .filter(|c| matches!(c.kind(), "block" | "compound_statement"))
                        .last()
                });
                let Some(handler_body) = handler_body else {
                    continue;
                };
                let protected = try_
                    .child_by_field_name("body")
                    .map(|b| calls_in([b]))
                    .unwrap_or_default();
                push(&mut out, enclosing(src, n), handler_body, protected);
            }
            "rescue" if src.language == Language::Ruby => {
                let Some(handler_body) = n.child_by_field_name("body") else {
                    continue;
                };
                let mut protected = Vec::new();
                let mut prev = n.prev_named_sibling();
                while let Some(p) = prev {
                    protected.extend(calls_in([p]));
                    prev = p.prev_named_sibling();
                }
                push(&mut out, enclosing(src, n), handler_body, protected);
            }
            "if_statement" if src.language == Language::Go => {
                let Some(cond) = n.child_by_field_name("condition") else {
                    continue;
                };
                let c: String = src
                    .text_of(cond)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let Some(var) = c.strip_suffix("!=nil") else {
                    continue;
                };
                if !var.to_ascii_lowercase().ends_with("err") {
                    continue;
                }
                let Some(handler_body) = n.child_by_field_name("consequence") else {
                    continue;
                };
                let mut scope: Vec<Node<'_>> =
                    n.child_by_field_name("initializer").into_iter().collect();
                scope.extend(n.prev_named_sibling());
                push(&mut out, enclosing(src, n), handler_body, calls_in(scope));
            }
            _ => {}
        }
    }
    out
}

/// The name of the nearest named function around `node` (a named function expression counts),
/// or an empty string at the top level.
fn enclosing(src: &Source<'_>, node: Node<'_>) -> String {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if (super::FUNCTION_KINDS.contains(&n.kind())
            || matches!(n.kind(), "function_expression" | "function"))
            && let Some(name) = n.child_by_field_name("name")
        {
            return src.text_of(name).to_string();
        }
        cur = n.parent();
    }
    String::new()
}

/// Word prefixes of a call that decides who the caller is.
const AUTHN: &[&str] = &[
    "auth",
    "login",
    "logon",
    "signin",
    "token",
    "session",
    "verif",
    "introspect",
    "credential",
    "password",
    "jwt",
    "ldap",
    "sso",
    "idp",
    "oidc",
    "saml",
    "identit",
    "bearer",
    "apikey",
];

/// Word prefixes of a call that decides what the caller may do.
const AUTHZ: &[&str] = &[
    "authoriz",
    "permission",
    "permit",
    "allow",
    "role",
    "polic",
    "pdp",
    "opa",
    "decide",
    "decision",
    "member",
    "acl",
    "grant",
    "entitle",
    "access",
    "can",
    "enforce",
    "rbac",
    "abac",
];

/// What decision the protected calls make, and the first call that names it.
fn decision(src: &Source<'_>, calls: &[Node<'_>]) -> Option<(Decision, String)> {
    let mut authn = None;
    for call in calls {
        let callee = call
            .child_by_field_name("function")
            .or_else(|| call.child_by_field_name("name"))
            .or_else(|| call.child_by_field_name("method"))
            .map_or("", |c| src.text_of(c));
        // The receiver chain and the method: `a.verifier.Verify`, `pdp.decide`.
        let mut text = callee.to_string();
        if let Some(obj) = call
            .child_by_field_name("object")
            .or_else(|| call.child_by_field_name("receiver"))
        {
            text = format!("{}.{text}", src.text_of(obj));
        }
        if text.len() > 120 || text.is_empty() {
            continue;
        }
        let ws = words(&text);
        let has = |list: &[&str]| {
            ws.iter()
                .any(|w| list.iter().any(|p| w.starts_with(p)) && !w.starts_with("cancel"))
        };
        let shown = fold(&text);
        // `request.authorization` reads the credentials header: an authentication input.
        let header_read = ws.last().is_some_and(|w| w == "authorization")
            && call.child_by_field_name("arguments").is_none();
        if has(AUTHZ) && !header_read {
            return Some((Decision::Authorization, shown));
        }
        if authn.is_none() && has(AUTHN) {
            authn = Some(shown);
        }
    }
    authn.map(|g| (Decision::Authentication, g))
}

/// The text of `node` with string literals and comments left out, lower-cased: what a handler
/// does, not what its log messages say.
fn code_of(src: &Source<'_>, node: Node<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let kind = n.kind();
        if kind.contains("string") || kind.contains("comment") || kind == "heredoc_body" {
            out.push_str(" \"\" ");
            continue;
        }
        if n.child_count() == 0 {
            out.push_str(src.text_of(n));
            out.push(' ');
            continue;
        }
        let mut c = n.walk();
        let children: Vec<Node<'_>> = n.children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

fn statements(body: Node<'_>) -> Vec<Node<'_>> {
    let mut c = body.walk();
    let out: Vec<Node<'_>> = body
        .named_children(&mut c)
        .filter(|n| !n.kind().contains("comment"))
        .collect();
    // Go wraps a block's statements in a `statement_list`, Python an except's in a `block`.
    match out.as_slice() {
        [only]
            if matches!(
                only.kind(),
                "statement_list" | "block" | "compound_statement" | "body_statement"
            ) =>
        {
            statements(*only)
        }
        _ => out,
    }
}

fn last_statement(body: Node<'_>) -> Option<Node<'_>> {
    statements(body).pop()
}

/// The first statement of a handler that refuses the caller, folded.
fn refusing_statement(src: &Source<'_>, body: Node<'_>) -> Option<String> {
    statements(body)
        .into_iter()
        .find(|s| refuses(&code_of(src, *s)))
        .map(|s| fold(src.text_of(s)))
}

fn refuses(code: &str) -> bool {
    let ws = words(code);
    let word = |w: &str| ws.iter().any(|x| x == w);
    const WORDS: &[&str] = &[
        "raise",
        "throw",
        "abort",
        "halt",
        "reject",
        "deny",
        "denied",
        "fail",
        "forbidden",
        "forbid",
        "unauthorized",
        "unauthorised",
        "unauthenticated",
        "unavailable",
        "challenge",
        "redirect",
        "panic",
    ];
    // A refusal by its verb or status, not a log call that mentions an error.
    let logged = ["log", "logger", "slog", "warn", "console", "print", "puts"]
        .iter()
        .any(|l| ws.first().is_some_and(|f| f == l))
        || ws.iter().take(3).any(|w| w == "log" || w == "logger");
    if logged {
        return false;
    }
    if WORDS.iter().any(|w| word(w)) {
        return true;
    }
    let compact: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    // The error handed on: `return err`, `return nil, err`, `next(err)`.
    if (word("err") || word("error") || word("e") || word("ex"))
        && (compact.starts_with("return") || compact.starts_with("next("))
    {
        return true;
    }
    ["401", "403", "503", "http.error(", "head:"]
        .iter()
        .any(|s| compact.contains(s))
        || ["returnfalse", "returnnone", "returnnull", "returnnil"]
            .iter()
            .any(|s| compact.starts_with(s))
}

/// The statement of a handler that lets the caller through: `return true`, `next()`,
/// `next.ServeHTTP(w, r)`, `chain.doFilter(...)`, `ctx.Succeed(req)`.
fn allowing_statement<'t>(src: &Source<'_>, body: Node<'t>) -> Option<Node<'t>> {
    statements(body).into_iter().find(|s| {
        let code = code_of(src, *s);
        let compact: String = code
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.starts_with("returntrue")
            || compact == "true"
            || [
                "next(",
                "next.servehttp(",
                ".dofilter(",
                ".succeed(",
                "next.run(",
                ".proceed(",
            ]
            .iter()
            .any(|p| compact.contains(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(language: Language, old: &str, new: &str) -> Vec<(Decision, String)> {
        let o = idgate_lang::parse(language, old).unwrap();
        let n = idgate_lang::parse(language, new).unwrap();
        let (of, nf) = (
            super::super::facts::Facts::of(&o),
            super::super::facts::Facts::of(&n),
        );
        fail_opens((&o, &of.outline), (&n, &nf.outline))
            .into_iter()
            .map(|f| (f.decision, f.after))
            .collect()
    }

    #[test]
    fn python_except_now_allows() {
        let old = "def ok(t):\n    try:\n        return verify_token(t)\n    except Timeout:\n        return False\n";
        let new = "def ok(t):\n    try:\n        return verify_token(t)\n    except Timeout:\n        log.warning('allowing')\n        return True\n";
        assert_eq!(
            found(Language::Python, old, new),
            vec![(Decision::Authentication, "return True".to_string())]
        );
        // Still refusing, only logged differently.
        let same = "def ok(t):\n    try:\n        return verify_token(t)\n    except Timeout:\n        log.error('no')\n        return False\n";
        assert!(found(Language::Python, old, same).is_empty());
        // Not an identity decision.
        let cache_old = "def get(k):\n    try:\n        return cache.load(k)\n    except Miss:\n        return None\n";
        let cache_new = "def get(k):\n    try:\n        return cache.load(k)\n    except Miss:\n        return True\n";
        assert!(found(Language::Python, cache_old, cache_new).is_empty());
    }

    #[test]
    fn authorization_decisions() {
        let old = "class P { boolean ok(String s) { try { return pdp.decide(s).permit(); } catch (Exception e) { return false; } } }";
        let new = "class P { boolean ok(String s) { try { return pdp.decide(s).permit(); } catch (Exception e) { return true; } } }";
        assert_eq!(
            found(Language::Java, old, new),
            vec![(Decision::Authorization, "return true;".to_string())]
        );
    }

    #[test]
    fn go_err_branch_calls_next() {
        let old = "package m\nfunc A(next http.Handler) http.Handler {\n\tc, err := v.Verify(r)\n\tif err != nil {\n\t\thttp.Error(w, \"no\", 401)\n\t\treturn\n\t}\n\tnext.ServeHTTP(w, r)\n}\n";
        let new = "package m\nfunc A(next http.Handler) http.Handler {\n\tc, err := v.Verify(r)\n\tif err != nil {\n\t\tlog.Print(err)\n\t\tnext.ServeHTTP(w, r)\n\t\treturn\n\t}\n\tnext.ServeHTTP(w, r)\n}\n";
        assert_eq!(found(Language::Go, old, new).len(), 1);
        let still = "package m\nfunc A(next http.Handler) http.Handler {\n\tc, err := v.Verify(r)\n\tif err != nil {\n\t\tlog.Print(err)\n\t\thttp.Error(w, \"no\", http.StatusUnauthorized)\n\t\treturn\n\t}\n\tnext.ServeHTTP(w, r)\n}\n";
        assert!(found(Language::Go, old, still).is_empty());
    }

    #[test]
    fn rust_unwrap_or_true() {
        let old = "async fn f(t: &str) -> Result<(), E> { let ok = introspect(t).await.map_err(|_| E)?; Ok(()) }";
        let new = "async fn f(t: &str) -> Result<(), E> { let ok = introspect(t).await.unwrap_or(true); Ok(()) }";
        assert_eq!(found(Language::Rust, old, new).len(), 1);
        let benign = "async fn f(t: &str) -> Result<(), E> { let ok = cache_hit(t).await.unwrap_or(true); Ok(()) }";
        assert!(found(Language::Rust, old, benign).is_empty());
    }
}
