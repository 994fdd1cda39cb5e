//! IDG103 jwt-verification-disabled

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::duration;
use crate::syntax::facts::{Call, Facts};
use crate::syntax::generic::{
    contains, enclosing_named_function, is_false, is_true, string_literal, unwrap,
};
use crate::syntax::{descendants, is_identity_name};

declare_rule! {
    /// ## What it does
    /// Flags Go, Java, C#, Rust, Ruby, PHP, Python and JavaScript/TypeScript code that accepts a
    /// JWT whose signature, algorithm, audience or expiry it does not check:
    ///
    /// - Go: golang-jwt `ParseUnverified`, `WithoutClaimsValidation()`,
    ///   `SkipClaimsValidation: true`, `UnsafeAllowNoneSignatureType`; go-jose
    ///   `UnsafeClaimsWithoutVerification`; jwx `ParseInsecure` and `WithVerify(false)`;
    /// - Java: jjwt `parseClaimsJwt`/`parseUnsecuredClaims`/`unsecured()` (unsigned tokens),
    ///   auth0 `Algorithm.none()` and `JWT.decode`, Nimbus `PlainJWT`/`SignedJWT.parse` claims
    ///   read without `verify`;
    /// - C#: `TokenValidationParameters` with `RequireSignedTokens`, `ValidateLifetime`,
    ///   `ValidateIssuer`, `ValidateAudience` or `ValidateIssuerSigningKey` set to `false`, a
    ///   `SignatureValidator` that returns the token unchecked, `ReadJwtToken` instead of
    ///   `ValidateToken`;
    /// - Rust jsonwebtoken: `insecure_disable_signature_validation()`, `dangerous_insecure_decode`,
    ///   `validate_exp = false`, `validate_aud = false`;
    /// - Python (PyJWT, python-jose): `options={"verify_exp": False}` and the same for `verify_aud`,
    ///   `verify_iss`, `verify_nbf` (the signature switch is pyjwt-verification-disabled's);
    /// - JavaScript/TypeScript: `ignoreExpiration: true` for jsonwebtoken `verify` or a
    ///   passport-jwt strategy;
    /// - Ruby ruby-jwt: `JWT.decode(token, nil, false)`, algorithm `none`,
    ///   `verify_expiration: false`;
    /// - PHP: firebase `JWT::decode` or `Key` with `none`, a `JWT::$leeway` over ten minutes,
    ///   lcobucci `Configuration::forUnsecuredSigner()`, a lcobucci validator `assert`/`validate`
    ///   whose constraints omit `SignedWith`, a lcobucci `Parser::parse` whose token is never
    ///   validated before its claims are read, and claims taken from
    ///   `base64_decode(explode('.', $jwt)[1])` (or `[, $payload] = explode('.', $jwt)`) in an
    ///   authentication function that never verifies;
    /// - Python authlib: `jwt.decode(token, key)` whose claims are used without
    ///   `claims.validate()` (authlib checks `exp`, `nbf`, `iss` only there).
    ///
    /// In `idgate check` it also reports a golang-jwt key function that checked `t.Method`
    /// before and no longer does (with no `WithValidMethods`), and a PHP function that verified
    /// the token before and now splits and base64-decodes it.
    ///
    /// Decode-only APIs (Go `ParseUnverified`, auth0 `JWT.decode`, Nimbus `parse`, C#
    /// `ReadJwtToken`, the PHP payload split) raise nothing where the same file verifies the token
    /// (reading a `kid` header first is the documented pattern), or where the result does not
    /// become the caller's identity — except in `idgate check`, where a function that verified the
    /// token before and now only decodes it is reported.
    ///
    /// ## Why is this bad?
    /// An unverified JWT is a claim the caller wrote about themselves. Accepting `none`, skipping
    /// the signature or taking the claims from a plain decode lets anyone mint `"sub": "admin"`;
    /// skipping expiry, issuer or audience checks keeps stolen or foreign tokens valid. Agents
    /// reach for these switches to make a failing key or clock error go away.
    ///
    /// ## Example
    /// ```go
    /// token, _, err := jwt.NewParser().ParseUnverified(raw, &claims)
    /// ctx = context.WithValue(ctx, userKey, claims.Subject)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// token, err := jwt.ParseWithClaims(raw, &claims, keyFunc,
    ///     jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("api"))
    /// ```
    ///
    /// ## References
    /// - [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)
    /// - [CWE-345: Insufficient Verification of Data Authenticity](https://cwe.mitre.org/data/definitions/345.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    /// - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG103",
        name: "jwt-verification-disabled",
        category: TokenVerification,
        cwe: [347, 345, 287],
        severity: Critical,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Go, Java, CSharp, Rust, Ruby, Php, Python, JavaScript, TypeScript, Tsx],
        keywords: ["jwt", "jose", "jsonwebtoken", "ValidationParameters", "JwtSecurityToken", "nimbus", "lcobucci", "authlib"],
        summary: "A JWT is accepted without verifying its signature, algorithm or expiry.",
        check: check,
    };
}

const GOLANG_JWT: &[&str] = &[
    "github.com/golang-jwt/jwt",
    "github.com/dgrijalva/jwt-go",
    "github.com/form3tech-oss/jwt-go",
];
const GO_JOSE: &[&str] = &[
    "github.com/go-jose/go-jose",
    "gopkg.in/go-jose/go-jose",
    "gopkg.in/square/go-jose",
    "github.com/square/go-jose",
];
const JWX: &[&str] = &["github.com/lestrrat-go/jwx"];

/// C# `TokenValidationParameters` switches, with what turning each off costs.
const CSHARP_SWITCHES: &[(&str, &str)] = &[
    (
        "RequireSignedTokens",
        "unsigned tokens are accepted, so anyone can forge one; set it to true",
    ),
    (
        "ValidateLifetime",
        "expired tokens stay valid forever, so a leaked token never dies; set it to true",
    ),
    (
        "RequireExpirationTime",
        "tokens without an expiry are accepted and never die; set it to true",
    ),
    (
        "ValidateIssuer",
        "tokens from any issuer are accepted, including another tenant's; set it to true with `ValidIssuer`",
    ),
    (
        "ValidateAudience",
        "tokens minted for another service are accepted here; set it to true with `ValidAudience`",
    ),
    (
        "ValidateIssuerSigningKey",
        "the key that signed the token is not validated; set it to true",
    ),
];

/// Calls that verify a token, by name, per language: a file with one of them is taken to verify
/// what it decodes (decode-only APIs are then a header peek).
fn verifying_call(language: Language, call: &Call<'_>) -> bool {
    let name = call.name();
    match language {
        Language::Go => {
            name == "ParseWithClaims"
                || (name == "Parse"
                    && (GOLANG_JWT
                        .iter()
                        .chain(JWX)
                        .any(|m| call.qualified.starts_with(m))
                        || call.written.to_ascii_lowercase().contains("parser")))
                || (name == "Claims" && call.args.len() >= 2)
                || name == "Verify"
        }
        Language::Java => matches!(name, "verify" | "process"),
        Language::CSharp => matches!(name, "ValidateToken" | "ValidateTokenAsync"),
        Language::Php => matches!(
            name,
            "hash_hmac"
                | "openssl_verify"
                | "sodium_crypto_sign_verify_detached"
                | "verify"
                | "validate"
                | "decode"
                | "parse"
        ),
        _ => false,
    }
}

/// Calls that hand an identity to the framework.
const IDENTITY_SINK_CALLS: &[&str] = &[
    "setAuthentication",
    "UsernamePasswordAuthenticationToken",
    "PreAuthenticatedAuthenticationToken",
    "ClaimsIdentity",
    "ClaimsPrincipal",
    "SignInAsync",
    "loginUsingId",
    "onceUsingId",
    "setUser",
];

/// Calls that store a value under a key (`context.WithValue(ctx, "user", ...)`,
/// `c.Set("userID", ...)`): an identity sink when the key names one.
const KEYED_STORES: &[&str] = &["WithValue", "Set", "set", "Locals", "setAttribute", "put"];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let mut found: Vec<(Node<'_>, String, String)> = Vec::new();
    match src.language {
        Language::Go => go(src, facts, &mut found),
        Language::Java => java(src, facts, &mut found),
        Language::CSharp => csharp(src, facts, &mut found),
        Language::Rust => rust(src, facts, &mut found),
        Language::Ruby => ruby(src, facts, &mut found),
        Language::Php => php(src, facts, &mut found),
        Language::Python => python(src, facts, &mut found),
        l if l.is_js_family() => javascript(src, facts, &mut found),
        _ => {}
    }
    let old_facts = cx.old_facts();
    // What a drift finding's function did before, by the start of its node.
    let mut befores: Vec<(usize, String)> = Vec::new();
    // Drift: a decode-only API in a function that verified the token before.
    if let (Some(old), Some(old_facts)) = (cx.old, old_facts) {
        decode_replaced_verify(src, facts, old, old_facts, &mut found);
        if src.language == Language::Go {
            go_method_check_removed(src, facts, old, old_facts, &mut found, &mut befores);
        }
        if src.language == Language::Php {
            php_split_replaced_verify(src, facts, old, old_facts, &mut found, &mut befores);
        }
    }
    // One finding per place: `JWT::decode($t, new Key($k, 'none'))` is one mistake.
    let ranges: Vec<(usize, usize)> = found
        .iter()
        .map(|(n, _, _)| (n.start_byte(), n.end_byte()))
        .collect();
    for (node, how, risk) in found {
        let (start, end) = (node.start_byte(), node.end_byte());
        if ranges
            .iter()
            .any(|&(s, e)| s <= start && end <= e && (s, e) != (start, end))
        {
            continue;
        }
        let place = enclosing_named_function(src, node)
            .map_or(String::new(), |(_, name)| format!(" in `{name}`"));
        let drift_before = befores
            .iter()
            .find(|(at, _)| *at == start)
            .map(|(_, b)| b.clone());
        let before = drift_before.or_else(|| {
            old_facts.as_ref().zip(cx.old).and_then(|(old, old_src)| {
                // A switch that was on before: say so.
                let name = how.trim_matches('`').split(" = ").next()?;
                old.bindings
                    .iter()
                    .find(|b| b.name == name && is_true(old_src, b.value))
                    .map(|b| format!("{name} = {}", old_src.text_of(b.value)))
            })
        });
        let mut subject = how.clone();
        if let Some(first) = subject.get(..1) {
            subject.replace_range(..1, &first.to_ascii_uppercase());
        }
        hits.push(Hit {
            start,
            end,
            message: format!("{subject}{place}: {risk}"),
            before,
            after: Some(how),
            measure: None,
        });
    }
}

fn uses_any(facts: &Facts<'_>, modules: &[&str]) -> bool {
    modules.iter().any(|m| facts.uses_module(m))
}

/// Whether the file verifies tokens anywhere.
fn file_verifies(language: Language, facts: &Facts<'_>) -> bool {
    facts.calls.iter().any(|c| verifying_call(language, c))
}

/// Whether what `node` decodes becomes the caller's identity: its function is named like an
/// authentication step or hands an identity to the framework.
fn identity_use(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> bool {
    let Some((function, name)) = enclosing_named_function(src, node) else {
        return false;
    };
    if is_identity_name(&name) {
        return true;
    }
    facts.calls.iter().any(|c| {
        contains(function, c.node)
            && (IDENTITY_SINK_CALLS.contains(&c.name())
                || c.written.ends_with("AuthenticateResult.Success")
                || (KEYED_STORES.contains(&c.name())
                    && c.args.iter().any(|a| {
                        string_literal(src, *a).is_some_and(|k| is_identity_name(&k))
                            || src.text_of(*a).ends_with("userKey")
                    })))
    }) || facts.bindings.iter().any(|b| {
        contains(function, b.node) && {
            let target = src.text_of(b.node);
            let target = target.split('=').next().unwrap_or("");
            (target.contains('.') || target.contains("->") || target.contains('['))
                && matches!(
                    b.name.as_str(),
                    "User" | "user" | "Principal" | "principal" | "currentUser" | "current_user"
                )
        }
    })
}

/// A decode-only API: reported when the file never verifies and the result is the identity.
fn decode_only<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    call: &Call<'t>,
    verifies: bool,
    how: &str,
    out: &mut Vec<(Node<'t>, String, String)>,
) {
    if verifies || !identity_use(src, facts, call.node) {
        return;
    }
    out.push((
        call.node,
        how.to_string(),
        "the claims are trusted although nothing checked the signature, so any caller can forge them; verify the token (signature, algorithm, expiry) before using its claims".to_string(),
    ));
}

fn go<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    let golang_jwt = uses_any(facts, GOLANG_JWT);
    let jose = uses_any(facts, GO_JOSE);
    let jwx = uses_any(facts, JWX);
    let verifies = file_verifies(Language::Go, facts);
    for call in &facts.calls {
        match call.name() {
            "ParseUnverified" if golang_jwt => {
                decode_only(src, facts, call, verifies, "`ParseUnverified`", out)
            }
            "UnsafeClaimsWithoutVerification" if jose => decode_only(
                src,
                facts,
                call,
                verifies,
                "`UnsafeClaimsWithoutVerification`",
                out,
            ),
            "ParseInsecure" if jwx => decode_only(src, facts, call, verifies, "`ParseInsecure`", out),
            "WithoutClaimsValidation" if golang_jwt => out.push((
                call.node,
                "`WithoutClaimsValidation()`".into(),
                "expiry, not-before and issued-at are never checked, so expired or stolen tokens stay valid; drop the option".into(),
            )),
            "WithVerify" if jwx && call.args.first().is_some_and(|a| is_false(src, *a)) => {
                out.push((
                    call.node,
                    "`WithVerify(false)`".into(),
                    "the signature is never checked, so any caller can forge the claims; pass `jwt.WithKey(alg, key)` instead".into(),
                ))
            }
            _ => {}
        }
    }
    if golang_jwt {
        for b in &facts.bindings {
            if b.name == "SkipClaimsValidation" && is_true(src, b.value) {
                out.push((
                    b.node,
                    "`SkipClaimsValidation = true`".into(),
                    "expiry and not-before are never checked, so expired or stolen tokens stay valid; remove the option".into(),
                ));
            }
        }
        for n in descendants(src.tree.root_node()) {
            if n.kind() == "selector_expression"
                && n.child_by_field_name("field")
                    .is_some_and(|f| src.text_of(f) == "UnsafeAllowNoneSignatureType")
                && n.parent().is_none_or(|p| p.kind() != "binary_expression")
            {
                out.push((
                    n,
                    "`UnsafeAllowNoneSignatureType`".into(),
                    "the `none` algorithm is allowed, so unsigned tokens pass; return the real key and check `token.Method`".into(),
                ));
            }
        }
    }
}

fn java<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    let jjwt = facts.uses_module("io.jsonwebtoken");
    let auth0 = facts.uses_module("com.auth0.jwt");
    let nimbus = facts.uses_module("com.nimbusds.jwt");
    let verifies = file_verifies(Language::Java, facts);
    for call in &facts.calls {
        let name = call.name();
        let q = call.qualified.as_str();
        if jjwt
            && call.written.contains('.')
            && matches!(
                name,
                "parseClaimsJwt"
                    | "parsePlaintextJwt"
                    | "parseUnsecuredClaims"
                    | "parseUnsecuredContent"
                    | "unsecured"
            )
        {
            out.push((
                call.node,
                format!("jjwt `{name}`"),
                "it accepts only unsigned (`alg: none`) tokens, so any caller can forge the claims; use `verifyWith(key)` and `parseSignedClaims`".into(),
            ));
        } else if (q == "com.auth0.jwt.algorithms.Algorithm.none"
            || (auth0 && call.written == "Algorithm.none"))
            && call.args.is_empty()
        {
            out.push((
                call.node,
                "`Algorithm.none()`".into(),
                "tokens carry no signature, so any caller can forge them; use `Algorithm.RSA256` or `HMAC256` with a real key".into(),
            ));
        } else if q == "com.auth0.jwt.JWT.decode" || (auth0 && call.written == "JWT.decode") {
            decode_only(
                src,
                facts,
                call,
                verifies,
                "`JWT.decode` (no `verify`)",
                out,
            );
        } else if nimbus
            && name == "parse"
            && matches!(
                call.written.as_str(),
                "PlainJWT.parse" | "SignedJWT.parse" | "JWTParser.parse"
            )
        {
            decode_only(
                src,
                facts,
                call,
                verifies,
                &format!("`{}` (no `verify`)", call.written),
                out,
            );
            if !verifies && call.written == "SignedJWT.parse" {
                nimbus_claims_unverified(src, facts, call, out);
            }
        }
    }
}

/// Nimbus: the claims of a `SignedJWT` read (`getJWTClaimsSet()`) in the function that parsed
/// it, in a file that never calls `verify`: a signed token whose signature nobody checked.
fn nimbus_claims_unverified<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    parse: &Call<'t>,
    out: &mut Vec<(Node<'t>, String, String)>,
) {
    if out.iter().any(|(n, _, _)| n.id() == parse.node.id()) {
        return;
    }
    let Some((function, name)) = enclosing_named_function(src, parse.node) else {
        return;
    };
    // Helpers that show a token to a person (its expiry, its header) grant nothing.
    const DISPLAY: &[&str] = &[
        "display", "show", "log", "debug", "print", "describe", "inspect", "expires", "expiry",
        "header", "kid", "peek", "format",
    ];
    if crate::syntax::words(&name)
        .iter()
        .any(|w| DISPLAY.contains(&w.as_str()))
    {
        return;
    }
    let Some(binding) = facts.binding_of_value(parse.node) else {
        return;
    };
    let read = facts.calls.iter().find(|c| {
        contains(function, c.node)
            && c.node.start_byte() > parse.node.end_byte()
            && c.name() == "getJWTClaimsSet"
            && c.written.split('.').next() == Some(binding.name.as_str())
    });
    if let Some(read) = read {
        out.push((
            read.node,
            "claims of a `SignedJWT` read without `verify`".into(),
            "`SignedJWT.parse` does not check the signature, so these claims can be forged by any caller; call `jwt.verify(new RSASSAVerifier(key))` (or use a `JWTProcessor`) before reading them".into(),
        ));
    }
}

fn csharp<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    let identity_model = facts.uses_module("Microsoft.IdentityModel")
        || facts.uses_module("System.IdentityModel")
        || facts.uses_module("Microsoft.AspNetCore.Authentication.JwtBearer")
        || facts
            .calls
            .iter()
            .any(|c| c.name() == "TokenValidationParameters");
    if identity_model {
        for b in &facts.bindings {
            if let Some((name, risk)) = CSHARP_SWITCHES.iter().find(|(n, _)| *n == b.name)
                && is_false(src, b.value)
                && !(*name == "ValidateLifetime" && reads_expired_token(src, b.node))
            {
                out.push((b.node, format!("`{name} = false`"), (*risk).to_string()));
            }
            if b.name == "SignatureValidator" && unchecked_signature_validator(src, facts, b.value)
            {
                out.push((
                    b.node,
                    "a `SignatureValidator` that returns the token unchecked".into(),
                    "the signature is never checked, so any caller can forge the claims; remove the delegate and set `IssuerSigningKey`".into(),
                ));
            }
        }
    }
    let verifies = file_verifies(Language::CSharp, facts);
    for call in &facts.calls {
        let reads = matches!(call.name(), "ReadJwtToken" | "ReadJsonWebToken")
            || (call.name() == "ReadToken"
                && call.written.to_ascii_lowercase().contains("handler"));
        if reads {
            decode_only(
                src,
                facts,
                call,
                verifies,
                &format!("`{}` instead of `ValidateToken`", call.name()),
                out,
            );
        }
    }
}

/// Whether `node` sits in the documented refresh flow that reads the claims of an *expired*
/// access token (`GetPrincipalFromExpiredToken`): skipping the lifetime check is its purpose,
/// and the signature is still verified.
fn reads_expired_token(src: &Source<'_>, node: Node<'_>) -> bool {
    enclosing_named_function(src, node).is_some_and(|(_, name)| {
        crate::syntax::words(&name)
            .iter()
            .any(|w| w == "expired" || w == "refresh")
    })
}

/// A `SignatureValidator` lambda that builds a token from the raw string without checking it.
fn unchecked_signature_validator(src: &Source<'_>, facts: &Facts<'_>, value: Node<'_>) -> bool {
    let value = unwrap(value);
    if value.kind() != "lambda_expression" && value.kind() != "anonymous_method_expression" {
        return false;
    }
    let builds = facts.calls.iter().any(|c| {
        contains(value, c.node)
            && matches!(c.name(), "JwtSecurityToken" | "JsonWebToken")
            && c.node.kind() == "object_creation_expression"
    });
    let checks = facts.calls.iter().any(|c| {
        contains(value, c.node)
            && (c.name().starts_with("Validate") || c.name().starts_with("Verify"))
    });
    builds && !checks && !src.text_of(value).contains("throw")
}

fn rust<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    if !facts.uses_module("jsonwebtoken") && !src.text.contains("jsonwebtoken") {
        return;
    }
    for call in &facts.calls {
        match call.name() {
            "insecure_disable_signature_validation" => out.push((
                call.node,
                "`insecure_disable_signature_validation()`".into(),
                "the signature is never checked, so any caller can forge the claims; decode with the real `DecodingKey`".into(),
            )),
            "dangerous_insecure_decode" | "dangerous_unsafe_decode" | "dangerous_insecure_decode_with_validation" => out.push((
                call.node,
                format!("`{}`", call.name()),
                "the signature is never checked, so any caller can forge the claims; use `decode` with a `DecodingKey`".into(),
            )),
            _ => {}
        }
    }
    for b in &facts.bindings {
        if b.name == "validate_exp" && is_false(src, b.value) {
            out.push((
                b.node,
                "`validate_exp = false`".into(),
                "expired tokens stay valid forever, so a leaked token never dies; keep `validate_exp` on".into(),
            ));
        }
        if b.name == "validate_aud" && is_false(src, b.value) {
            out.push((
                b.node,
                "`validate_aud = false`".into(),
                "tokens minted for any other service are accepted here; set the expected audience with `set_audience`".into(),
            ));
        }
    }
}

/// Claim checks a PyJWT / python-jose `options={...}` turns off, with their risk.
const PY_CLAIM_OPTIONS: &[(&str, &str)] = &[
    (
        "verify_exp",
        "expired tokens stay valid forever, so a leaked token never dies; keep expiry verification on",
    ),
    (
        "verify_aud",
        "tokens minted for any other service are accepted here; pass `audience=` instead",
    ),
    (
        "verify_iss",
        "tokens from any issuer are accepted; pass `issuer=` instead",
    ),
    (
        "verify_nbf",
        "tokens are accepted before they become valid; keep not-before verification on",
    ),
];

/// Python: `jwt.decode(..., options={"verify_exp": False})` (PyJWT, python-jose). The signature
/// switch (`verify_signature`) is pyjwt-verification-disabled's.
fn python<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    if facts.uses_module("authlib") {
        authlib_claims_unvalidated(src, facts, out);
    }
    if !uses_any(facts, &["jwt", "jose"]) {
        return;
    }
    for call in &facts.calls {
        if !matches!(call.name(), "decode" | "decode_complete")
            || !(call.qualified.starts_with("jwt.") || call.qualified.starts_with("jose."))
        {
            continue;
        }
        for arg in &call.args {
            if arg.kind() != "keyword_argument"
                || arg
                    .child_by_field_name("name")
                    .is_none_or(|n| src.text_of(n) != "options")
            {
                continue;
            }
            let Some(dict) = arg.child_by_field_name("value") else {
                continue;
            };
            // With the signature unchecked (IDG101's finding) the claims prove nothing anyway:
            // one finding for the call, not one per claim check.
            let text: String = src
                .text_of(dict)
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c == '\'' { '"' } else { c })
                .collect();
            if text.contains("\"verify_signature\":False") {
                continue;
            }
            for pair in descendants(dict).filter(|n| n.kind() == "pair") {
                let (Some(k), Some(v)) = (
                    pair.child_by_field_name("key"),
                    pair.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let key = src.text_of(k).trim_matches(|c| c == '"' || c == '\'');
                if let Some((name, risk)) = PY_CLAIM_OPTIONS.iter().find(|(n, _)| *n == key)
                    && src.text_of(v) == "False"
                {
                    out.push((call.node, format!("`\"{name}\": False`"), risk.to_string()));
                }
            }
        }
    }
}

/// JavaScript/TypeScript: `ignoreExpiration: true` in jsonwebtoken `verify` options or a
/// passport-jwt strategy.
fn javascript<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    if !uses_any(
        facts,
        &[
            "jsonwebtoken",
            "passport-jwt",
            "@nestjs/passport",
            "@nestjs/jwt",
        ],
    ) {
        return;
    }
    for b in &facts.bindings {
        if b.name == "ignoreExpiration" && is_true(src, b.value) {
            out.push((
                b.node,
                "`ignoreExpiration: true`".into(),
                "expired tokens stay valid forever, so a leaked token never dies; drop the option"
                    .into(),
            ));
        }
    }
}

/// A function that verified a token in the old version and now reads it with a decode-only API
/// (Go `ParseUnverified`, go-jose `UnsafeClaimsWithoutVerification`, jwx `ParseInsecure`, auth0
/// `JWT.decode`, C# `ReadJwtToken`): the claims are now trusted unchecked.
fn decode_replaced_verify<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    out: &mut Vec<(Node<'t>, String, String)>,
) {
    const DECODE_ONLY: &[&str] = &[
        "ParseUnverified",
        "UnsafeClaimsWithoutVerification",
        "ParseInsecure",
        "ReadJwtToken",
    ];
    let verified_in: Vec<String> = old_facts
        .calls
        .iter()
        .filter(|c| verifying_call(old.language, c))
        .filter_map(|c| enclosing_named_function(old, c.node).map(|(_, n)| n))
        .collect();
    if verified_in.is_empty() {
        return;
    }
    let still_verified: Vec<String> = facts
        .calls
        .iter()
        .filter(|c| verifying_call(src.language, c))
        .filter_map(|c| enclosing_named_function(src, c.node).map(|(_, n)| n))
        .collect();
    for call in &facts.calls {
        if !DECODE_ONLY.contains(&call.name())
            || out.iter().any(|(n, _, _)| n.id() == call.node.id())
        {
            continue;
        }
        let Some((_, function)) = enclosing_named_function(src, call.node) else {
            continue;
        };
        if verified_in.contains(&function) && !still_verified.contains(&function) {
            out.push((
                call.node,
                format!("`{}` in place of a verifying parse", call.name()),
                "the claims are now trusted although nothing checks the signature, algorithm or expiry, so any caller can forge them; parse with the key again".into(),
            ));
        }
    }
}

fn ruby<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    for call in &facts.calls {
        let is_jwt = call.written == "JWT.decode" || call.written == "::JWT.decode";
        let is_encode = call.written == "JWT.encode";
        if !is_jwt && !is_encode {
            continue;
        }
        let positional: Vec<Node<'_>> = call
            .args
            .iter()
            .copied()
            .filter(|a| a.kind() != "pair")
            .collect();
        let options = ruby_options(src, &call.args);
        if is_encode {
            if positional
                .get(2)
                .and_then(|a| string_literal(src, *a))
                .is_some_and(|a| a.eq_ignore_ascii_case("none"))
            {
                out.push((
                    call.node,
                    "algorithm `none`".into(),
                    "the token is issued unsigned, so any caller can forge one; sign with `HS256`/`RS256` and a real key".into(),
                ));
            }
            continue;
        }
        if positional.get(2).is_some_and(|a| is_false(src, *a)) {
            out.push((
                call.node,
                "verification off (`JWT.decode(token, key, false)`)".into(),
                "the signature and claims are never checked, so any caller can forge them; pass `true` and `algorithm:`".into(),
            ));
            continue;
        }
        for (key, value) in &options {
            let none = string_values(src, *value)
                .iter()
                .any(|v| v.eq_ignore_ascii_case("none"));
            if matches!(key.as_str(), "algorithm" | "algorithms") && none {
                out.push((
                    call.node,
                    "algorithm `none`".into(),
                    "unsigned tokens are accepted, so any caller can forge one; list only the algorithm you sign with".into(),
                ));
            } else if matches!(key.as_str(), "verify_expiration" | "verify_signature")
                && is_false(src, *value)
            {
                out.push((
                    call.node,
                    format!("`{key}: false`"),
                    if key == "verify_signature" {
                        "the signature is never checked, so any caller can forge the claims; remove the option"
                    } else {
                        "expired tokens stay valid forever, so a leaked token never dies; remove the option"
                    }
                    .into(),
                ));
            }
        }
    }
}

/// The `key: value` options of a Ruby call (bare pairs or a trailing hash).
fn ruby_options<'t>(src: &Source<'_>, args: &[Node<'t>]) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    let mut push = |pair: Node<'t>| {
        if let (Some(k), Some(v)) = (
            pair.child_by_field_name("key"),
            pair.child_by_field_name("value"),
        ) {
            let key = src
                .text_of(k)
                .trim_matches([':', '"', '\'', ' '])
                .trim_end_matches(" =>")
                .to_string();
            out.push((key, v));
        }
    };
    for a in args {
        match a.kind() {
            "pair" => push(*a),
            "hash" => {
                let mut c = a.walk();
                for p in a.named_children(&mut c).filter(|p| p.kind() == "pair") {
                    push(p);
                }
            }
            _ => {}
        }
    }
    out
}

/// The string literals of a value or of an array of them.
fn string_values(src: &Source<'_>, node: Node<'_>) -> Vec<String> {
    if let Some(s) = string_literal(src, node) {
        return vec![s];
    }
    let mut c = node.walk();
    node.named_children(&mut c)
        .filter_map(|n| string_literal(src, n))
        .collect()
}

fn php<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    let firebase = facts.uses_module("Firebase.JWT");
    for call in &facts.calls {
        let q = call.qualified.as_str();
        let firebase_call = q.starts_with("Firebase.JWT.")
            || (firebase && matches!(call.written.as_str(), "JWT.decode" | "Key"));
        if firebase_call
            && matches!(call.name(), "decode" | "Key")
            && call.args.iter().any(|a| {
                descendants(*a)
                    .any(|n| string_literal(src, n).is_some_and(|s| s.eq_ignore_ascii_case("none")))
            })
        {
            out.push((
                call.node,
                "algorithm `none`".into(),
                "unsigned tokens are accepted, so any caller can forge one; name the algorithm you sign with".into(),
            ));
        }
        if call.name() == "forUnsecuredSigner"
            && (facts.uses_module("Lcobucci.JWT") || q.starts_with("Lcobucci."))
        {
            out.push((
                call.node,
                "lcobucci `Configuration::forUnsecuredSigner()`".into(),
                "tokens are neither signed nor verified, so any caller can forge one; use `forSymmetricSigner` or `forAsymmetricSigner`".into(),
            ));
        }
    }
    if facts.uses_module("Lcobucci.JWT") {
        lcobucci(src, facts, out);
    }
    if firebase {
        for b in &facts.bindings {
            if b.name == "leeway"
                && src.text_of(b.node).contains("JWT::")
                && let Some(secs) = duration::seconds(src, b.value, 1.0, None)
                && secs > 600.0
            {
                out.push((
                    b.node,
                    format!("a leeway of {}", duration::human(secs)),
                    "tokens stay valid that long after they expire; keep the leeway to a minute or less".into(),
                ));
            }
        }
    }
    php_payload_split(src, facts, out);
}

/// `json_decode(base64_decode(explode('.', $jwt)[1]))` taken as claims by an authentication
/// function in a file that never verifies.
fn php_payload_split<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    out: &mut Vec<(Node<'t>, String, String)>,
) {
    if file_verifies(Language::Php, facts) {
        return;
    }
    for node in php_payload_reads(src, facts) {
        let Some((_, name)) = enclosing_named_function(src, node) else {
            continue;
        };
        if !is_identity_name(&name) && !identity_use(src, facts, node) {
            continue;
        }
        out.push((
            node,
            "claims base64-decoded from the token's middle segment".into(),
            "nothing checks the signature, so any caller can forge the claims; verify with `JWT::decode($jwt, new Key($key, 'HS256'))`".into(),
        ));
    }
}

/// `base64_decode` calls that read a token's payload segment: `explode('.', $jwt)[1]`, a
/// variable holding that split, or the second name of `[, $payload] = explode('.', $jwt)`.
fn php_payload_reads<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    // Variables holding the dot-split parts of a token.
    let split_vars: Vec<String> = facts
        .bindings
        .iter()
        .filter(|b| is_dot_split(src, facts, b.value))
        .map(|b| b.name.clone())
        .collect();
    // `[, $payload] = explode('.', $jwt)`, `list($h, $payload) = explode(...)`.
    let payload_vars: Vec<String> = descendants(src.tree.root_node())
        .filter(|n| n.kind() == "assignment_expression")
        .filter_map(|n| {
            let right = n.child_by_field_name("right")?;
            if !is_dot_split(src, facts, right) {
                return None;
            }
            let left = src.text_of(n.child_by_field_name("left")?).trim();
            let inner = left
                .strip_prefix("list(")
                .and_then(|l| l.strip_suffix(')'))
                .or_else(|| left.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
            let second = inner.split(',').nth(1)?.trim();
            (second.starts_with('$')
                && second[1..].chars().all(|c| c.is_alphanumeric() || c == '_'))
            .then(|| second.to_string())
        })
        .collect();
    for call in &facts.calls {
        if call.name() != "base64_decode" && call.name() != "base64url_decode" {
            continue;
        }
        let Some(arg) = call.args.first() else {
            continue;
        };
        let destructured = descendants(*arg).any(|n| {
            n.kind() == "variable_name" && payload_vars.iter().any(|v| src.text_of(n) == v)
        });
        let payload = destructured
            || descendants(*arg).any(|n| {
                n.kind() == "subscript_expression"
                    && src.text_of(n).trim_end().ends_with("[1]")
                    && n.named_child(0).is_some_and(|base| {
                        is_dot_split(src, facts, base)
                            || split_vars
                                .iter()
                                .any(|v| src.text_of(base).trim_start_matches('$') == v)
                    })
            });
        if !payload {
            continue;
        }
        out.push(call.node);
    }
    out
}

/// PHP: a function that verified the token before (`JWT::decode`, `openssl_verify`) and now
/// base64-decodes its payload segment.
fn php_split_replaced_verify<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    out: &mut Vec<(Node<'t>, String, String)>,
    befores: &mut Vec<(usize, String)>,
) {
    let verified_in: Vec<(String, String)> = old_facts
        .calls
        .iter()
        .filter(|c| verifying_call(old.language, c) && c.name() != "parse")
        .filter_map(|c| {
            enclosing_named_function(old, c.node).map(|(_, n)| (n, c.written.replace('.', "::")))
        })
        .collect();
    if verified_in.is_empty() {
        return;
    }
    for node in php_payload_reads(src, facts) {
        if out.iter().any(|(n, _, _)| n.id() == node.id()) {
            continue;
        }
        let Some((function, name)) = enclosing_named_function(src, node) else {
            continue;
        };
        let still = facts
            .calls
            .iter()
            .any(|c| contains(function, c.node) && verifying_call(src.language, c));
        if let Some((_, how)) = verified_in.iter().find(|(f, _)| *f == name)
            && !still
        {
            befores.push((node.start_byte(), format!("claims verified with `{how}`")));
            out.push((
                node,
                "claims base64-decoded from the token in place of a verifying decode".into(),
                "the claims are now trusted although nothing checks the signature, algorithm or expiry, so any caller can forge them; decode with `JWT::decode($jwt, new Key($key, $alg))` again".into(),
            ));
        }
    }
}

/// lcobucci/jwt: a validator `assert`/`validate` whose constraints (all written out) omit
/// `SignedWith`, and a `Parser::parse` whose token no validator ever sees.
fn lcobucci<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String, String)>) {
    const SIGNED: &[&str] = &["SignedWith", "SignedWithOneInSet", "SignedWithUntilDate"];
    let validates = facts.calls.iter().any(|c| {
        matches!(c.name(), "assert" | "validate")
            && c.written.to_ascii_lowercase().contains("validator")
    });
    for call in &facts.calls {
        let name = call.name();
        if matches!(name, "assert" | "validate")
            && call.written.to_ascii_lowercase().contains("validator")
            && call.args.len() >= 2
        {
            let constraints = &call.args[1..];
            let written_out = constraints
                .iter()
                .all(|a| unwrap(*a).kind() == "object_creation_expression");
            let signed = constraints.iter().any(|a| {
                facts
                    .calls
                    .iter()
                    .any(|c| c.node.id() == unwrap(*a).id() && SIGNED.contains(&c.name()))
            });
            if written_out && !signed {
                out.push((
                    call.node,
                    format!("lcobucci `{name}` without a `SignedWith` constraint"),
                    "the token's signature is never checked, so any caller can forge its claims; add `new SignedWith($signer, $key)` to the constraints".into(),
                ));
            }
        }
        if name == "parse" && !validates && !src.text.contains("SignedWith") {
            let lower = call.written.to_ascii_lowercase();
            let receiver = call.written.rsplit_once('.').map_or("", |(r, _)| r);
            let receiver = receiver.rsplit('.').next().unwrap_or(receiver);
            let parser = lower.ends_with("parser.parse")
                || facts.bindings.iter().any(|b| {
                    b.name == receiver
                        && facts.calls.iter().any(|c| {
                            c.node.id() == unwrap(b.value).id()
                                && c.name() == "Parser"
                                && (c.qualified.starts_with("Lcobucci.") || c.written == "Parser")
                        })
                });
            let claims_read = enclosing_named_function(src, call.node).is_some_and(|(f, _)| {
                facts
                    .calls
                    .iter()
                    .any(|c| contains(f, c.node) && c.name() == "claims")
            });
            if parser && claims_read {
                out.push((
                    call.node,
                    "lcobucci `Parser::parse` without validation".into(),
                    "parsing does not check the signature, so the claims read from it can be forged by any caller; validate with `$config->validator()->assert($token, new SignedWith(...), new StrictValidAt(...))` first".into(),
                ));
            }
        }
    }
}

/// authlib: `claims = jwt.decode(token, key)` checks the signature only; `exp`, `nbf` and `iss`
/// are checked by `claims.validate()`, which the function never calls.
fn authlib_claims_unvalidated<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    out: &mut Vec<(Node<'t>, String, String)>,
) {
    for call in &facts.calls {
        let q = call.qualified.as_str();
        let authlib_decode = q == "authlib.jose.jwt.decode"
            || (call.name() == "decode"
                && call.written.contains('.')
                && facts.bindings.iter().any(|b| {
                    call.written
                        .rsplit_once('.')
                        .is_some_and(|(r, _)| r == b.name)
                        && facts.calls.iter().any(|c| {
                            c.node.id() == unwrap(b.value).id()
                                && c.qualified.starts_with("authlib.jose")
                                && c.name() == "JsonWebToken"
                        })
                }));
        if !authlib_decode {
            continue;
        }
        // The claims bound to a local in a function.
        let Some(binding) = facts.binding_of_value(call.node) else {
            continue;
        };
        let Some(function) = crate::syntax::generic::enclosing_function(call.node) else {
            continue;
        };
        let name = &binding.name;
        let validated = facts.calls.iter().any(|c| {
            contains(function, c.node)
                && c.name() == "validate"
                && c.written.starts_with(name.as_str())
        });
        // Handed back whole: the caller may validate.
        let returned = descendants(function).any(|n| {
            n.kind() == "return_statement"
                && n.named_child(0).is_some_and(|v| src.text_of(v) == name)
        });
        if validated || returned {
            continue;
        }
        out.push((
            call.node,
            "authlib `jwt.decode` without `claims.validate()`".into(),
            "authlib checks the signature in `decode` but `exp`, `nbf` and `iss` only in `claims.validate()`, so expired or foreign tokens are accepted; call `claims.validate()` before using them".into(),
        ));
    }
}

/// Whether `node` is `explode('.', $x)`.
fn is_dot_split(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> bool {
    facts.calls.iter().any(|c| {
        c.node.id() == unwrap(node).id()
            && c.name() == "explode"
            && c.args
                .first()
                .and_then(|a| string_literal(src, *a))
                .as_deref()
                == Some(".")
    })
}

/// Whether a golang-jwt key function checks the signing method (`t.Method.(*jwt.SigningMethodRSA)`,
/// `t.Method.Alg()`, `t.Method != jwt.SigningMethodHS256`).
fn checks_method(text: &str) -> bool {
    text.contains("Method.(")
        || text.contains("Method.Alg()")
        || text.contains("Method !=")
        || text.contains("Method ==")
        || text.contains("WithValidMethods")
}

/// golang-jwt `Parse`/`ParseWithClaims` calls with a key function literal, by enclosing
/// function: (function, call, key function).
fn go_keyfuncs<'t>(src: &Source<'_>, facts: &Facts<'t>) -> Vec<(String, Node<'t>, Node<'t>)> {
    if !uses_any(facts, GOLANG_JWT) {
        return Vec::new();
    }
    facts
        .calls
        .iter()
        .filter(|c| matches!(c.name(), "Parse" | "ParseWithClaims"))
        .filter_map(|c| {
            let keyfunc = c.args.iter().find(|a| a.kind() == "func_literal")?;
            let (_, function) = enclosing_named_function(src, c.node)?;
            Some((function, c.node, *keyfunc))
        })
        .collect()
}

/// In a change: a golang-jwt key function that checked the signing method before and no longer
/// does, with no `WithValidMethods` in its function.
fn go_method_check_removed<'t>(
    src: &Source<'_>,
    facts: &Facts<'t>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    out: &mut Vec<(Node<'t>, String, String)>,
    befores: &mut Vec<(usize, String)>,
) {
    let checked_before: Vec<String> = go_keyfuncs(old, old_facts)
        .into_iter()
        .filter(|(_, _, k)| checks_method(old.text_of(*k)))
        .map(|(f, _, _)| f)
        .collect();
    for (function, call, keyfunc) in go_keyfuncs(src, facts) {
        if !checked_before.contains(&function) || checks_method(src.text_of(keyfunc)) {
            continue;
        }
        let scope = enclosing_named_function(src, call).map(|(f, _)| f);
        if scope.is_some_and(|f| src.text_of(f).contains("WithValidMethods")) {
            continue;
        }
        // Point at the key function's first statement, where the check was.
        let first = descendants(keyfunc)
            .find(|n| {
                n.is_named()
                    && !matches!(n.kind(), "comment" | "statement_list" | "block")
                    && n.parent()
                        .is_some_and(|p| matches!(p.kind(), "statement_list" | "block"))
            })
            .unwrap_or(keyfunc);
        befores.push((first.start_byte(), "key function checked `t.Method`".into()));
        out.push((
            first,
            "key function no longer checks `t.Method`".into(),
            "the token's own `alg` header now picks the verification algorithm, so an attacker can switch it (an RSA public key used as an HMAC secret); check `t.Method` again or pass `jwt.WithValidMethods`".into(),
        ));
    }
}
