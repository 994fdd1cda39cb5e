//! IDG195 jwt-issued-unsigned

use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Call;
use crate::syntax::generic::enclosing_named_function;
use crate::syntax::value;

declare_rule! {
    /// ## What it does
    /// Flags a JWT issued without a signature: the `none` algorithm passed to the signing call
    /// (PyJWT and python-jose `encode(..., algorithm="none")`, jsonwebtoken
    /// `sign(payload, key, { algorithm: 'none' })`, php-jwt `JWT::encode($p, $k, 'none')`),
    /// golang-jwt's `SigningMethodNone`, jose's `UnsecuredJWT`, and .NET `SigningCredentials`
    /// with `SecurityAlgorithms.None`. ruby-jwt `encode(..., 'none')`, auth0 java-jwt
    /// `sign(Algorithm.none())`, golang-jwt's `UnsafeAllowNoneSignatureType` and the `none`
    /// algorithm in a verifier's accepted list are IDG101–IDG103's findings, not repeated here.
    ///
    /// ## Why is this bad?
    /// An unsigned token proves nothing: anyone can write one with any subject, role or expiry,
    /// and a verifier that accepts what this code issues accepts forgeries too (CWE-347). It is
    /// a token whose only secret part — the signature — is missing, so its value is as
    /// predictable as its claims (CWE-330).
    ///
    /// ## Example
    /// ```python
    /// token = jwt.encode({"sub": user.id}, None, algorithm="none")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// token = jwt.encode({"sub": user.id, "exp": expiry}, settings.JWT_KEY, algorithm="HS256")
    /// ```
    ///
    /// ## References
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    /// - [RFC 7519 §6: Unsecured JWTs](https://www.rfc-editor.org/rfc/rfc7519#section-6)
    /// - [RFC 8725 §3.1: Perform algorithm verification](https://www.rfc-editor.org/rfc/rfc8725#section-3.1)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG195",
        name: "jwt-issued-unsigned",
        category: TokenRandomness,
        cwe: [330, 347],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Php],
        keywords: ["none", "unsecuredjwt"],
        also: ["jwt", "jose", "jsonwebtoken", "signingcredentials"],
        summary: "A JWT is issued with the `none` algorithm: it carries no signature.",
        check: check,
    };
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    for call in &cx.facts().calls {
        let Some((node, how)) = unsigned(src, call) else {
            continue;
        };
        let place = enclosing_named_function(src, call.node)
            .map(|(_, name)| format!(" in `{name}`"))
            .unwrap_or_default();
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "JWT issued unsigned ({how}){place}: anyone can mint a token with any claims; sign it (HS256 with a 256-bit secret, or RS256/ES256)"
            ),
            before: None,
            after: Some(format!("unsigned: {how}")),
            measure: None,
        });
    }
}

/// Where and how `call` issues an unsigned token.
fn unsigned<'t>(src: &idgate_lang::Source<'_>, call: &Call<'t>) -> Option<(Node<'t>, String)> {
    let name = call.name();
    let path = call.qualified.to_ascii_lowercase();
    let jwt_library = ["jwt", "jose", "jsonwebtoken"]
        .iter()
        .any(|l| path.contains(l));
    // The constructor of an unsecured token, or credentials made with the `None` algorithm.
    if name == "UnsecuredJWT" {
        return Some((call.node, "`UnsecuredJWT`".into()));
    }
    if name == "SigningCredentials" {
        let arg = call
            .args
            .iter()
            .find(|a| src.text_of(**a).trim().ends_with("SecurityAlgorithms.None"))?;
        return Some((*arg, "`SecurityAlgorithms.None`".into()));
    }
    if !jwt_library {
        return None;
    }
    match name {
        // golang-jwt: the none signing method.
        "New" | "NewWithClaims" => {
            let arg = call
                .args
                .iter()
                .find(|a| src.text_of(**a).ends_with("SigningMethodNone"))?;
            Some((*arg, format!("`{}`", src.text_of(*arg).trim())))
        }
        "encode" | "sign" => {
            // The third positional argument is the algorithm (PyJWT, ruby-jwt, php-jwt).
            let positional = call
                .args
                .get(2)
                .map(|a| value::unwrap(*a))
                .filter(|a| is_none(src, *a));
            let none = positional.or_else(|| {
                call.args
                    .iter()
                    .find_map(|a| keyed_none(src, value::unwrap(*a), 0))
            })?;
            Some((none, "`alg: none`".into()))
        }
        _ => None,
    }
}

/// A `"none"` given under the key `algorithm` or `alg`: the argument itself (a keyword
/// argument), or an entry of an options object or header map inside it.
fn keyed_none<'t>(src: &idgate_lang::Source<'_>, node: Node<'t>, depth: u8) -> Option<Node<'t>> {
    if let Some((key, value)) = key_value(node) {
        let key_text = value::string(src, key)
            .unwrap_or_else(|| src.text_of(key).to_string())
            .to_ascii_lowercase();
        let key_text = key_text.trim_start_matches(':').trim_end_matches(':');
        let value = value::unwrap(value);
        if matches!(key_text, "algorithm" | "alg") && is_none(src, value) {
            return Some(value);
        }
        // `header={"alg": "none"}`, `{ header: { alg: 'none' } }`.
        return (depth < 2)
            .then(|| keyed_none(src, value, depth + 1))
            .flatten();
    }
    if depth > 2 {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
    children
        .into_iter()
        .find_map(|child| keyed_none(src, child, depth + 1))
}

/// The key and value of a keyed entry, whichever field names the grammar uses.
fn key_value(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let key = node
        .child_by_field_name("key")
        .or_else(|| node.child_by_field_name("name"))?;
    let value = node.child_by_field_name("value")?;
    Some((key, value))
}

fn is_none(src: &idgate_lang::Source<'_>, node: Node<'_>) -> bool {
    value::string(src, node).is_some_and(|s| s.eq_ignore_ascii_case("none"))
}
