//! IDG101 pyjwt-verification-disabled

use idgate_lang::Source;
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::python::{
    Imports, callee_path, dict_entries, enclosing_function, is_falsy_literal, keyword_arg,
    resolve_value, string_items,
};

declare_rule! {
    /// ## What it does
    /// Flags Python code that decodes a JWT with PyJWT (or python-jose, which shares its API)
    /// while turning signature verification off: `options={"verify_signature": False}`, the
    /// PyJWT 1.x form `verify=False`, or an `algorithms` list that accepts `none` — and
    /// python-jose's `jwt.get_unverified_claims(token)` in a function that never verifies.
    ///
    /// In `idgate check`, only calls the change introduced count; when the same function verified
    /// the token before, the finding shows what it did before and what it does now.
    ///
    /// ## Why is this bad?
    /// A JWT is only as trustworthy as its signature. With verification off, `jwt.decode` returns
    /// whatever claims the caller wrote: anyone can mint a token saying `"sub": "admin"`, and every
    /// authorization decision built on it falls. Agents often switch verification off to make a
    /// failing test or a key-rotation error go away, and the change reads like harmless plumbing.
    ///
    /// ## Example
    /// ```python
    /// claims = jwt.decode(token, options={"verify_signature": False})
    /// request.user = User.objects.get(pk=claims["sub"])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="api")
    /// ```
    /// To read a header field before verifying (for example `kid`), use
    /// `jwt.get_unverified_header(token)`, then verify with the key it selects.
    ///
    /// ## References
    /// - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    /// - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - [PyJWT: `jwt.decode` options](https://pyjwt.readthedocs.io/en/stable/api.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG101",
        name: "pyjwt-verification-disabled",
        category: TokenVerification,
        cwe: [347, 345, 287],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python],
        keywords: ["jwt", "jose"],
        summary: "A JWT is decoded with PyJWT or python-jose while its signature is not verified.",
        check: check,
    };
}

/// Qualified names of decode functions with PyJWT's options.
const DECODERS: &[&str] = &[
    "jose.jwt.decode",
    "jwt.PyJWT.decode",
    "jwt.PyJWT.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.api_jwt.decode_complete",
    "jwt.decode",
    "jwt.decode_complete",
];

/// python-jose's accessor that returns the claims without any verification.
const UNVERIFIED_CLAIMS: &[&str] = &["jose.jwt.get_unverified_claims"];

/// How a decode call treats the signature.
enum Verification {
    Off(String),
    On(Option<Vec<String>>),
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let imports = Imports::of(cx.new);
    let old_calls = cx.old.map(|old| {
        let imports = Imports::of(old);
        decode_calls(old, &imports)
            .into_iter()
            .filter(|(_, q)| !UNVERIFIED_CLAIMS.contains(&q.as_str()))
            .map(|(c, _)| (enclosing_function(old, c), verification(old, c)))
            .collect::<Vec<_>>()
    });
    let calls = decode_calls(cx.new, &imports);
    let verified_in: Vec<Option<String>> = calls
        .iter()
        .filter(|(c, q)| {
            !UNVERIFIED_CLAIMS.contains(&q.as_str())
                && matches!(verification(cx.new, *c), Verification::On(_))
        })
        .map(|(c, _)| enclosing_function(cx.new, *c))
        .collect();
    for (call, qualified) in &calls {
        let call = *call;
        let function = enclosing_function(cx.new, call);
        let how = if UNVERIFIED_CLAIMS.contains(&qualified.as_str()) {
            // Reading `iss` to pick a key, then verifying in the same function, is the
            // documented multi-tenant pattern.
            if verified_in.contains(&function) {
                continue;
            }
            "claims read with get_unverified_claims".to_string()
        } else {
            let Verification::Off(how) = verification(cx.new, call) else {
                continue;
            };
            how
        };
        let before = old_calls.as_ref().and_then(|calls| {
            calls.iter().find_map(|(f, v)| match v {
                Verification::On(algs) if *f == function => Some(match algs {
                    Some(a) if !a.is_empty() => {
                        format!("signature verified (algorithms {})", a.join(", "))
                    }
                    _ => "signature verified".to_string(),
                }),
                _ => None,
            })
        });
        let place = function.map_or(String::new(), |f| format!(" in `{f}`"));
        hits.push(Hit {
            start: call.start_byte(),
            end: call.end_byte(),
            message: format!(
                "JWT decoded without signature verification ({how}){place}: any caller can forge its claims"
            ),
            before,
            after: Some(format!("signature not verified ({how})")),
            measure: None,
        });
    }
}

/// Decode calls (and unverified-claims reads) with their qualified callee.
fn decode_calls<'t>(src: &'t Source<'_>, imports: &Imports) -> Vec<(Node<'t>, String)> {
    descendants(src.tree.root_node())
        .filter(|n| n.kind() == "call")
        .filter_map(|call| {
            let path = call
                .child_by_field_name("function")
                .and_then(|f| callee_path(src, f))?;
            let first = path.split('.').next().unwrap_or("");
            let qualified = imports.qualify(&path);
            // An unimported `jwt.` prefix is taken at its word (partial texts from patches have no
            // imports); an imported name must come from PyJWT or python-jose.
            let known = DECODERS.contains(&qualified.as_str())
                || UNVERIFIED_CLAIMS.contains(&qualified.as_str());
            (known && (imports.is_imported(first) || first == "jwt")).then_some((call, qualified))
        })
        .collect()
}

/// The `index`-th positional argument of a call.
fn positional(call: Node<'_>, index: usize) -> Option<Node<'_>> {
    let args = call.child_by_field_name("arguments")?;
    let mut c = args.walk();
    args.named_children(&mut c)
        .filter(|a| {
            !matches!(
                a.kind(),
                "keyword_argument" | "comment" | "dictionary_splat" | "list_splat"
            )
        })
        .nth(index)
}

fn verification(src: &Source<'_>, call: Node<'_>) -> Verification {
    if let Some(options) = keyword_arg(src, call, "options") {
        let options = resolve_value(src, options);
        for (key, value) in dict_entries(src, options) {
            if key == "verify_signature" && is_falsy_literal(src, resolve_value(src, value)) {
                return Verification::Off("verify_signature=False".into());
            }
        }
    }
    if let Some(verify) = keyword_arg(src, call, "verify")
        && is_falsy_literal(src, resolve_value(src, verify))
    {
        return Verification::Off("verify=False".into());
    }
    // PyJWT 1.x: decode(jwt, key, verify, ...) — a literal False in third place.
    if let Some(third) = positional(call, 2)
        && third.kind() == "false"
    {
        return Verification::Off("verify=False (positional)".into());
    }
    let algorithms =
        keyword_arg(src, call, "algorithms").and_then(|a| string_items(src, resolve_value(src, a)));
    if let Some(algs) = &algorithms
        && algs.iter().any(|a| a.eq_ignore_ascii_case("none"))
    {
        return Verification::Off("algorithm \"none\" accepted".into());
    }
    Verification::On(algorithms)
}
