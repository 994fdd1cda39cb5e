//! IDG194 jwt-algorithm-confusion

use idgate_lang::Source;
use tree_sitter::Node;

use super::mint::function_context;
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::Facts;
use crate::syntax::value;

declare_rule! {
    /// ## What it does
    /// Flags one JWT verification that accepts both an asymmetric algorithm (`RS*`, `PS*`,
    /// `ES*`, `EdDSA`) and an HMAC one (`HS*`): an `algorithms` list in PyJWT, jsonwebtoken or
    /// ruby-jwt, golang-jwt `WithValidMethods`, or .NET `ValidAlgorithms`. In a change, a list
    /// widened from asymmetric-only to one that also takes `HS*` is reported with the old and
    /// the new list. Lists of asymmetric algorithms only (`RS256`, `ES256`) raise nothing;
    /// `none` in a list is IDG101–IDG103's business.
    ///
    /// ## Why is this bad?
    /// With both families allowed, the token's own header picks how the key is used. An
    /// attacker takes the server's RSA *public* key — published on purpose — as an HMAC secret,
    /// signs `{"alg": "HS256", "sub": "admin"}` with it, and the verifier accepts it (the
    /// classic algorithm-confusion attack; CWE-347, CWE-327). The HMAC secret is then a value
    /// the attacker knows, not a random one (CWE-330).
    ///
    /// ## Example
    /// ```javascript
    /// jwt.verify(token, publicKey, { algorithms: ['RS256', 'HS256'] });
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// jwt.verify(token, publicKey, { algorithms: ['RS256'] });
    /// ```
    ///
    /// ## References
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    /// - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    /// - [RFC 8725 §2.1 and §3.1: algorithm verification](https://www.rfc-editor.org/rfc/rfc8725#section-3.1)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG194",
        name: "jwt-algorithm-confusion",
        category: TokenRandomness,
        cwe: [330, 347, 327],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["hs256", "hs384", "hs512", "hmacsha"],
        summary: "One JWT verification accepts both RS*/ES* and HS* algorithms (algorithm confusion).",
        check: check,
    };
}

/// An accepted-algorithm list: where it is, its items, and a key to pair it with its old self.
struct List<'t> {
    node: Node<'t>,
    algs: Vec<String>,
    key: String,
}

fn is_hmac(a: &str) -> bool {
    let u = a.to_ascii_uppercase();
    u.starts_with("HS") || u.starts_with("HMAC")
}

fn is_asymmetric(a: &str) -> bool {
    let u = a.to_ascii_uppercase();
    u == "EDDSA"
        || (["RS", "PS", "ES", "RSA", "ECDSA"]
            .iter()
            .any(|p| u.starts_with(p))
            && u.chars().any(|c| c.is_ascii_digit()))
}

/// The algorithm names in a list value: string items, Ruby `%w[..]`, and .NET
/// `SecurityAlgorithms.RsaSha256` constants.
fn items(src: &Source<'_>, list: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if src.text_of(list).len() > 600 {
        return out;
    }
    for n in descendants(list).take(80) {
        match n.kind() {
            "bare_string" => out.push(src.text_of(n).to_string()),
            "member_access_expression" | "field_access" | "selector_expression" => {
                let t = src.text_of(n);
                if let Some(name) = t.rsplit('.').next()
                    && (t.contains("SecurityAlgorithms") || t.contains("SigningMethod"))
                {
                    out.push(name.trim_start_matches("SigningMethod").to_string());
                }
            }
            _ => {
                if let Some(s) = value::string(src, n)
                    && s.len() <= 12
                    && !s.contains(' ')
                {
                    out.push(s);
                }
            }
        }
    }
    out.dedup();
    out
}

fn lists<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<List<'t>> {
    let mut out = Vec::new();
    let key_of = |node: Node<'_>, what: &str| {
        let function = function_context(src, node)
            .map(|(_, f)| f)
            .unwrap_or_default();
        format!("{function}/{what}")
    };
    for b in &facts.bindings {
        let lower = b.name.to_ascii_lowercase();
        if !matches!(
            lower.as_str(),
            "algorithms"
                | "validalgorithms"
                | "valid_algorithms"
                | "algs"
                | "allowed_algorithms"
                | "allowedalgorithms"
        ) {
            continue;
        }
        out.push(List {
            node: b.node,
            algs: items(src, b.value),
            key: key_of(b.node, &b.name),
        });
    }
    for call in &facts.calls {
        if matches!(call.name(), "WithValidMethods") {
            out.push(List {
                node: call.node,
                algs: call
                    .args
                    .first()
                    .map(|a| items(src, *a))
                    .unwrap_or_default(),
                key: key_of(call.node, "WithValidMethods"),
            });
        }
    }
    out
}

/// Both families in one list. A list that also takes `none` is IDG101–IDG103's finding.
fn confused(algs: &[String]) -> bool {
    algs.iter().any(|a| is_hmac(a))
        && algs.iter().any(|a| is_asymmetric(a))
        && !algs.iter().any(|a| a.eq_ignore_ascii_case("none"))
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let lists = lists(src, facts);
    if !lists.iter().any(|l| confused(&l.algs)) {
        return;
    }
    let old_facts = cx.old_facts();
    let old_lists: Vec<(String, Vec<String>)> = match (cx.old, old_facts.as_ref()) {
        (Some(old), Some(f)) => lists_of(old, f),
        _ => Vec::new(),
    };
    for list in lists.iter().filter(|l| confused(&l.algs)) {
        let now = list.algs.join(", ");
        let before = old_lists
            .iter()
            .find(|(k, algs)| *k == list.key && !confused(algs))
            .map(|(_, algs)| algs.join(", "));
        let message = match &before {
            Some(was) => format!(
                "the accepted JWT algorithms were widened from [{was}] to [{now}]: with an HMAC algorithm beside an asymmetric one, a token signed with the public key as HMAC secret verifies (algorithm confusion); accept one family per key"
            ),
            None => format!(
                "this verification accepts [{now}], both asymmetric and HMAC algorithms: a token signed with the public key as HMAC secret verifies (algorithm confusion); accept one family per key"
            ),
        };
        hits.push(Hit {
            start: list.node.start_byte(),
            end: list.node.end_byte(),
            message,
            before: before.map(|b| format!("[{b}]")),
            after: Some(format!("[{now}]")),
            measure: None,
        });
    }
}

fn lists_of<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(String, Vec<String>)> {
    lists(src, facts)
        .into_iter()
        .map(|l| (l.key, l.algs))
        .collect()
}
