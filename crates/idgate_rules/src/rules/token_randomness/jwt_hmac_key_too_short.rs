//! IDG193 jwt-hmac-key-too-short

use idgate_lang::Source;
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts, call_parts};
use crate::syntax::generic::enclosing_function;
use crate::syntax::value;

declare_rule! {
    /// ## What it does
    /// Flags a JWT signed or verified with an HMAC algorithm (`HS256`, `HS384`, `HS512`) whose
    /// key is a string literal shorter than the hash: under 32 bytes for HS256, 48 for HS384,
    /// 64 for HS512. The key is followed through constants, locals and byte conversions
    /// (`Encoding.UTF8.GetBytes(..)`, `[]byte(..)`, `.getBytes()`, `.encode()`,
    /// `new SymmetricSecurityKey(..)`), in PyJWT, jsonwebtoken (whose default is HS256),
    /// golang-jwt, auth0 java-jwt, Microsoft.IdentityModel, ruby-jwt, firebase/php-jwt and the
    /// Rust `jsonwebtoken` crate (`EncodingKey::from_secret`). A key read from the environment
    /// or a secret store raises nothing here.
    ///
    /// ## Why is this bad?
    /// An HMAC-signed JWT is exactly as strong as its key, and a short human-chosen key
    /// (`"secret"`, `"changeme"`, `"my-app-key"`) is brute-forced offline from a single token
    /// with ordinary cracking tools; the attacker then signs any claims they like. RFC 7518
    /// requires a key at least as long as the hash output (CWE-326, CWE-331; a guessable key is
    /// an insufficiently random value, CWE-330).
    ///
    /// ## Example
    /// ```python
    /// jwt.encode(claims, "supersecret", algorithm="HS256")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// jwt.encode(claims, os.environ["JWT_SECRET"], algorithm="HS256")  # 32+ random bytes
    /// ```
    ///
    /// ## References
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)
    /// - [CWE-331: Insufficient Entropy](https://cwe.mitre.org/data/definitions/331.html)
    /// - [RFC 7518 §3.2: HMAC with SHA-2 Functions](https://www.rfc-editor.org/rfc/rfc7518#section-3.2)
    /// - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG193",
        name: "jwt-hmac-key-too-short",
        category: TokenRandomness,
        cwe: [330, 326, 331],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["hs256", "hs384", "hs512", "hmacsha", "hmac256", "hmac384", "hmac512", "from_secret", "jwt.sign", "jsonwebtoken"],
        summary: "A JWT is signed with an HMAC key that is a short string literal.",
        check: check,
    };
}

/// The HMAC strength named in a call's arguments (`"HS256"`, `SecurityAlgorithms.HmacSha256`,
/// `SignatureAlgorithm.HS256`), in bits.
fn hmac_bits(text: &str) -> Option<usize> {
    let t = text.to_ascii_uppercase();
    for (name, bits) in [("384", 384), ("512", 512), ("256", 256)] {
        if t.contains(&format!("HS{name}"))
            || t.contains(&format!("HMACSHA{name}"))
            || t.contains(&format!("HMAC{name}"))
        {
            return Some(bits);
        }
    }
    None
}

/// Wrappers a key passes through unchanged: byte conversions and key constructors.
fn is_key_wrapper(name: &str) -> bool {
    matches!(
        name,
        "GetBytes"
            | "getBytes"
            | "encode"
            | "as_bytes"
            | "from"
            | "SymmetricSecurityKey"
            | "from_secret"
            | "SecretKeySpec"
            | "hmacShaKeyFor"
            | "HMAC256"
            | "HMAC384"
            | "HMAC512"
            | "Key"
            | "new"
            | "TextEncoder"
            | "into_bytes"
            | "to_vec"
            | "bytes"
    )
}

/// The literal a key expression stands for, through locals, constants and byte conversions.
fn key_literal(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>, depth: u32) -> Option<String> {
    if depth > 4 {
        return None;
    }
    let node = value::unwrap(node);
    if let Some(s) = value::string(src, node) {
        return Some(s);
    }
    // Go `[]byte("secret")` is a conversion; Rust `b"secret"` a byte string.
    let text = src.text_of(node);
    if text.len() < 200 {
        if let Some(inner) = text
            .strip_prefix("[]byte(")
            .and_then(|t| t.strip_suffix(')'))
        {
            let inner = inner.trim();
            if let Some(s) = inner.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                return Some(s.to_string());
            }
            return binding_literal(src, facts, inner, depth);
        }
        if let Some(s) = text.strip_prefix("b\"").and_then(|t| t.strip_suffix('"')) {
            return Some(s.to_string());
        }
    }
    if let Some((written, args)) = call_parts(src.language, src, node) {
        let written = written?;
        let name = written.rsplit('.').next().unwrap_or(&written);
        if !is_key_wrapper(name) {
            return None;
        }
        // `"secret".getBytes()`, `KEY.encode()`: the receiver is the key.
        if args.is_empty() || matches!(name, "getBytes" | "encode" | "as_bytes" | "into_bytes") {
            let recv = node
                .child_by_field_name("object")
                .or_else(|| node.child_by_field_name("receiver"))
                .or_else(|| {
                    node.child_by_field_name("function").and_then(|f| {
                        f.child_by_field_name("object")
                            .or(f.child_by_field_name("value"))
                    })
                })?;
            return key_literal(src, facts, recv, depth + 1);
        }
        return key_literal(src, facts, *args.first()?, depth + 1);
    }
    if matches!(
        node.kind(),
        "identifier"
            | "constant"
            | "name"
            | "variable_name"
            | "field_access"
            | "member_access_expression"
            | "attribute"
            | "scoped_identifier"
            | "class_constant_access_expression"
    ) {
        return binding_literal_at(src, facts, text, depth, Some(node));
    }
    None
}

fn binding_literal(src: &Source<'_>, facts: &Facts<'_>, name: &str, depth: u32) -> Option<String> {
    binding_literal_at(src, facts, name, depth, None)
}

/// The literal bound to `name`: the last binding before `at` in the same function, else the
/// only binding of that name in the file.
fn binding_literal_at(
    src: &Source<'_>,
    facts: &Facts<'_>,
    name: &str,
    depth: u32,
    at: Option<Node<'_>>,
) -> Option<String> {
    let last = name
        .rsplit(['.', ':', '>', '$'])
        .find(|s| !s.is_empty())
        .unwrap_or(name);
    let candidates: Vec<_> = facts.bindings.iter().filter(|b| b.name == last).collect();
    let function = at.and_then(enclosing_function);
    let local = candidates.iter().rfind(|b| {
        at.is_some_and(|a| b.node.start_byte() < a.start_byte())
            && function.is_some()
            && enclosing_function(b.node).map(|f| f.id()) == function.map(|f| f.id())
    });
    let value = match local {
        Some(b) => b.value,
        None if candidates.len() == 1 => candidates[0].value,
        None => return None,
    };
    key_literal_at(src, facts, value, depth + 1)
}

fn key_literal_at(
    src: &Source<'_>,
    facts: &Facts<'_>,
    node: Node<'_>,
    depth: u32,
) -> Option<String> {
    key_literal(src, facts, node, depth)
}

/// Whether this call signs or verifies with a key, and which argument is the key.
fn key_argument<'t>(src: &Source<'_>, call: &Call<'t>) -> Option<(usize, Node<'t>)> {
    let name = call.name();
    let text = src.text_of(call.node);
    if text.len() > 2000 {
        return None;
    }
    let written = call.written.as_str();
    // auth0 `Algorithm.HMAC256("secret")`, Rust `EncodingKey::from_secret(b"..")`.
    if matches!(name, "HMAC256" | "HMAC384" | "HMAC512") && written.contains("Algorithm") {
        let bits = hmac_bits(name)?;
        return Some((bits, *call.args.first()?));
    }
    if name == "from_secret" && (written.contains("EncodingKey") || written.contains("DecodingKey"))
    {
        return Some((256, *call.args.first()?));
    }
    let args_text: String = call
        .args
        .iter()
        .map(|a| src.text_of(*a))
        .collect::<Vec<_>>()
        .join(",");
    let bits = hmac_bits(&args_text);
    match name {
        // PyJWT, ruby-jwt, php-jwt: `encode(payload, key, alg)`; `decode(token, key, ..)`.
        "encode" | "decode" if written.to_ascii_lowercase().contains("jwt") => {
            Some((bits?, *call.args.get(1)?))
        }
        // jsonwebtoken: `jwt.sign(payload, key, { algorithm })`, HS256 by default.
        "sign" | "verify" if written.to_ascii_lowercase().contains("jwt") => {
            let asymmetric = ["RS", "ES", "PS", "EDDSA"].iter().any(|a| {
                args_text.to_ascii_uppercase().contains(&format!("'{a}"))
                    || args_text.to_ascii_uppercase().contains(&format!("\"{a}"))
            });
            if asymmetric {
                return None;
            }
            Some((bits.unwrap_or(256), *call.args.get(1)?))
        }
        // Microsoft.IdentityModel `new SigningCredentials(key, SecurityAlgorithms.HmacSha256)`.
        "SigningCredentials" => Some((bits?, *call.args.first()?)),
        // golang-jwt `token.SignedString([]byte("secret"))` with an HS method in the file.
        "SignedString" => {
            let bits = hmac_bits(src.text).filter(|_| src.text.contains("SigningMethodHS"))?;
            Some((bits, *call.args.first()?))
        }
        // jjwt 0.9 `signWith(SignatureAlgorithm.HS256, "secret")`.
        "signWith" => {
            let bits = bits?;
            let key = call
                .args
                .iter()
                .find(|a| hmac_bits(src.text_of(**a)).is_none())?;
            Some((bits, *key))
        }
        _ => None,
    }
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    for call in &facts.calls {
        let Some((bits, key)) = key_argument(src, call) else {
            continue;
        };
        let Some(literal) = key_literal(src, facts, key, 0) else {
            continue;
        };
        let need = bits / 8;
        let have = literal.len();
        // An empty literal is a key still to be configured, not a short one.
        if have == 0 || have >= need {
            continue;
        }
        hits.push(Hit {
            start: call.node.start_byte(),
            end: call.node.end_byte(),
            message: format!(
                "the HS{bits} key is a string literal of only {have} bytes; an HMAC key shorter than {need} bytes is brute-forced offline from one token, after which anyone can sign tokens. Use {need}+ random bytes from a secret store"
            ),
            before: None,
            after: Some(format!("HS{bits} with a {have}-byte literal key")),
            measure: None,
        });
    }
}
