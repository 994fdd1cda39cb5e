//! IDG110 token-issued-without-expiry

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::{Call, Facts};
use crate::syntax::generic::{
    enclosing_function, enclosing_named_function, is_null, string_literal, unwrap,
};

declare_rule! {
    /// ## What it does
    /// Flags a JWT minted without an expiry:
    ///
    /// - PyJWT / python-jose `jwt.encode(payload, ...)`, ruby-jwt `JWT.encode(payload, ...)` and
    ///   firebase/php-jwt `JWT::encode($payload, ...)` whose payload literal (or the variable it
    ///   was built in, within the function) has no `exp` and gets none later;
    /// - jsonwebtoken `jwt.sign(payload, key, options)` with neither `expiresIn` in the options
    ///   nor `exp` in the payload literal;
    /// - jjwt `Jwts.builder()...compact()` and auth0 `JWT.create()...sign(alg)` chains without
    ///   `setExpiration`/`expiration`/`withExpiresAt`;
    /// - golang-jwt `jwt.NewWithClaims(method, claims)` whose `MapClaims` literal has no `exp` or
    ///   whose `RegisteredClaims` has no `ExpiresAt`;
    /// - .NET `new JwtSecurityToken(..., expires: null)` (or named arguments without `expires`),
    ///   and a `SecurityTokenDescriptor` without `Expires` for a handler whose
    ///   `SetDefaultTimesOnTokenCreation = false` (the handler's one-hour default is off);
    /// - jose `new SignJWT(payload)...sign(key)` chains without `setExpirationTime` or `exp`;
    /// - Rust jsonwebtoken `encode(&header, &Claims { .. }, &key)` whose claims struct, declared
    ///   in the file, has no `exp` field;
    /// - itsdangerous timed serializers (`URLSafeTimedSerializer`, `TimestampSigner`) and Django
    ///   `signing` whose `loads`/`unsign` is called without `max_age`: the signed token's age is
    ///   never checked, so it never expires.
    ///
    /// Payloads the rule cannot see (built in another function, passed in) raise nothing.
    ///
    /// ## Why is this bad?
    /// A token without `exp` is valid forever: a copy in a log, a browser, or a former employee's
    /// laptop keeps working until the signing key is rotated. Agents drop the expiry when a test
    /// fails with "token expired".
    ///
    /// ## Example
    /// ```python
    /// token = jwt.encode({"sub": user.id}, KEY, algorithm="HS256")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// token = jwt.encode(
    ///     {"sub": user.id, "exp": datetime.now(tz=timezone.utc) + timedelta(minutes=15)},
    ///     KEY, algorithm="HS256")
    /// ```
    ///
    /// ## References
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [CWE-324: Use of a Key Past its Expiration Date](https://cwe.mitre.org/data/definitions/324.html)
    /// - [RFC 7519 §4.1.4: "exp" (Expiration Time) Claim](https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4)
    /// - OWASP Non-Human Identities Top 10: NHI7 Long-Lived Secrets
    pub(crate) static RULE = {
        code: "IDG110",
        name: "token-issued-without-expiry",
        category: TokenLifetime,
        cwe: [613, 324],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["jwt", "jose", "jsonwebtoken", "JwtSecurityToken", "SecurityTokenDescriptor", "itsdangerous", "signing"],
        summary: "A JWT is issued without an expiry.",
        check: check,
    };
}

/// What a payload says about `exp`.
#[derive(PartialEq, Eq)]
enum Expiry {
    Set,
    Missing,
    Unknown,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    // Flask-JWT-Extended: `JWT_ACCESS_TOKEN_EXPIRES = False` issues tokens that never expire.
    if src.language == Language::Python {
        for b in &facts.bindings {
            let name = super::sites::setting_name(&b.name);
            if name == "JWT_ACCESS_TOKEN_EXPIRES" && crate::syntax::generic::is_false(src, b.value)
            {
                hits.push(Hit {
                    start: b.node.start_byte(),
                    end: b.node.end_byte(),
                    message: "Access tokens issued without an expiry (`JWT_ACCESS_TOKEN_EXPIRES = False`): every token Flask-JWT-Extended mints stays valid forever once leaked; set a `timedelta` of minutes or hours".into(),
                    before: None,
                    after: Some("`JWT_ACCESS_TOKEN_EXPIRES = False`".into()),
                    measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
                });
            }
        }
    }
    if src.language == Language::Python {
        unlimited_signed_loads(src, facts, hits);
    }
    if src.language == Language::CSharp {
        descriptor_without_expires(src, facts, hits);
    }
    for call in &facts.calls {
        let Some(how) = issued_without_expiry(src, facts, call) else {
            continue;
        };
        let place = enclosing_named_function(src, call.node)
            .map_or(String::new(), |(_, n)| format!(" in `{n}`"));
        // Report on the last line of a builder chain (`.compact()`), not where it starts.
        let start = match call.node.kind() {
            "method_invocation" => call
                .node
                .child_by_field_name("name")
                .map_or(call.node.start_byte(), |n| n.start_byte()),
            _ => call.node.start_byte(),
        };
        hits.push(Hit {
            start,
            end: call.node.end_byte(),
            message: format!(
                "JWT issued without an expiry ({how}){place}: the token stays valid forever once leaked; set `exp` to minutes or hours"
            ),
            before: None,
            after: Some(format!("no expiry ({how})")),
            measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
        });
    }
}

fn issued_without_expiry(src: &Source<'_>, facts: &Facts<'_>, call: &Call<'_>) -> Option<String> {
    let q = call.qualified.as_str();
    let w = call.written.as_str();
    match src.language {
        Language::Python => {
            if !matches!(q, "jwt.encode" | "jose.jwt.encode" | "jwt.api_jwt.encode") {
                return None;
            }
            let payload = *call.args.first()?;
            (payload_expiry(src, facts, call, payload, &["exp"]) == Expiry::Missing)
                .then(|| "payload without `exp`".into())
        }
        l if l.is_js_family() && call.name() == "sign" && is_jose_sign_jwt(facts, q, w) => {
            if w.split('.').any(|s| s == "setExpirationTime") {
                return None;
            }
            let ctor = descendants(call.node).find(|n| n.kind() == "new_expression")?;
            let payload = ctor.child_by_field_name("arguments")?.named_child(0)?;
            (payload_expiry(src, facts, call, payload, &["exp"]) == Expiry::Missing)
                .then(|| "`SignJWT` without `setExpirationTime`".into())
        }
        Language::Rust => {
            let encode =
                q == "jsonwebtoken.encode" || (w == "encode" && facts.uses_module("jsonwebtoken"));
            if !encode {
                return None;
            }
            rust_claims_expiry(src, facts, call, *call.args.get(1)?)
        }
        l if l.is_js_family() => {
            let sign = q == "jsonwebtoken.sign" || q == "jsonwebtoken.default.sign";
            if !sign {
                return None;
            }
            if call.args.len() < 2 {
                return None;
            }
            let options = call.args.get(2).copied().map(unwrap);
            // A callback in third place: no options.
            let options_expiry = match options {
                None => Expiry::Missing,
                Some(o) if matches!(o.kind(), "arrow_function" | "function_expression") => {
                    Expiry::Missing
                }
                Some(o) if o.kind() == "object" => {
                    if object_has_key(src, o, &["expiresIn", "exp"]) {
                        Expiry::Set
                    } else if src.text_of(o).contains("...") {
                        Expiry::Unknown
                    } else {
                        Expiry::Missing
                    }
                }
                Some(_) => Expiry::Unknown,
            };
            if options_expiry != Expiry::Missing {
                return None;
            }
            (payload_expiry(src, facts, call, call.args[0], &["exp"]) == Expiry::Missing)
                .then(|| "no `expiresIn` and no `exp` claim".into())
        }
        Language::Java => {
            let jjwt = (q.starts_with("io.jsonwebtoken.Jwts.builder")
                || (w.starts_with("Jwts.builder") && facts.uses_module("io.jsonwebtoken")))
                && call.name() == "compact";
            let auth0 = (q.starts_with("com.auth0.jwt.JWT.create")
                || (w.starts_with("JWT.create") && facts.uses_module("com.auth0.jwt")))
                && call.name() == "sign";
            if !jjwt && !auth0 {
                return None;
            }
            let chain: Vec<&str> = w.split('.').collect();
            let sets = chain.iter().any(|s| {
                matches!(
                    *s,
                    "setExpiration"
                        | "expiration"
                        | "withExpiresAt"
                        | "setClaims"
                        | "claims"
                        | "addClaims"
                        | "withPayload"
                        | "setPayload"
                        | "content"
                )
            });
            (!sets).then(|| {
                if jjwt {
                    "builder without `setExpiration`".into()
                } else {
                    "`JWT.create()` without `withExpiresAt`".into()
                }
            })
        }
        Language::Go => {
            let golang_jwt = ["github.com/golang-jwt/jwt", "github.com/dgrijalva/jwt-go"]
                .iter()
                .any(|m| q.starts_with(m));
            if !golang_jwt || call.name() != "NewWithClaims" {
                return None;
            }
            let claims = *call.args.get(1)?;
            go_claims_expiry(src, facts, call, claims)
        }
        Language::CSharp => {
            if call.name() != "JwtSecurityToken" || call.node.kind() != "object_creation_expression"
            {
                return None;
            }
            let named: Vec<(String, Node<'_>)> = call
                .args
                .iter()
                .filter_map(|a| {
                    let arg = a.parent().filter(|p| p.kind() == "argument")?;
                    let name = arg.child_by_field_name("name")?;
                    Some((src.text_of(name).to_string(), *a))
                })
                .collect();
            if let Some((_, v)) = named.iter().find(|(n, _)| n == "expires") {
                return is_null(src, *v).then(|| "`expires: null`".into());
            }
            // Named arguments without `expires`: no expiry.
            (!named.is_empty() && named.len() == call.args.len())
                .then(|| "no `expires` argument".into())
        }
        Language::Ruby => {
            if w != "JWT.encode" && w != "::JWT.encode" {
                return None;
            }
            (payload_expiry(src, facts, call, *call.args.first()?, &["exp"]) == Expiry::Missing)
                .then(|| "payload without `exp`".into())
        }
        Language::Php => {
            let firebase = q == "Firebase.JWT.JWT.encode"
                || (w == "JWT.encode" && facts.uses_module("Firebase.JWT"));
            if !firebase {
                return None;
            }
            (payload_expiry(src, facts, call, *call.args.first()?, &["exp"]) == Expiry::Missing)
                .then(|| "payload without `exp`".into())
        }
        _ => None,
    }
}

/// Whether an object/dict/hash/array literal has one of `keys`.
fn literal_keys(src: &Source<'_>, literal: Node<'_>) -> Option<Vec<String>> {
    let literal = unwrap(literal);
    let kind = literal.kind();
    let entries = match kind {
        "dictionary" | "object" | "hash" | "array_creation_expression" => {
            let mut c = literal.walk();
            literal.named_children(&mut c).collect::<Vec<_>>()
        }
        _ => return None,
    };
    let mut keys = Vec::new();
    for e in entries {
        match e.kind() {
            "pair" | "array_element_initializer" => {
                let key = e
                    .child_by_field_name("key")
                    .or_else(|| e.named_child(0).filter(|_| e.named_child_count() == 2))?;
                let text = string_literal(src, key)
                    .unwrap_or_else(|| src.text_of(key).trim_end_matches(':').to_string());
                keys.push(text);
            }
            "shorthand_property_identifier" => keys.push(src.text_of(e).to_string()),
            // `**base`, `...base`: unknown keys.
            "dictionary_splat" | "spread_element" | "hash_splat_argument" => return None,
            "comment" => {}
            _ => return None,
        }
    }
    Some(keys)
}

fn object_has_key(src: &Source<'_>, object: Node<'_>, keys: &[&str]) -> bool {
    literal_keys(src, object).is_none_or(|found| found.iter().any(|k| keys.contains(&k.as_str())))
}

/// What the payload of an encode call says about `exp`: a literal, or a variable bound to a
/// literal in the same function and not given `exp` afterwards.
fn payload_expiry(
    src: &Source<'_>,
    facts: &Facts<'_>,
    call: &Call<'_>,
    payload: Node<'_>,
    keys: &[&str],
) -> Expiry {
    let payload = unwrap(payload);
    if let Some(found) = literal_keys(src, payload) {
        return if found.iter().any(|k| keys.contains(&k.as_str())) {
            Expiry::Set
        } else {
            Expiry::Missing
        };
    }
    if !matches!(payload.kind(), "identifier" | "variable_name") {
        return Expiry::Unknown;
    }
    let name = src.text_of(payload).trim_start_matches('$');
    let Some(scope) = enclosing_function(call.node) else {
        return Expiry::Unknown;
    };
    let in_scope =
        |n: Node<'_>| scope.start_byte() <= n.start_byte() && n.end_byte() <= scope.end_byte();
    // The last binding of the name before the call, in the function.
    let binding = facts.bindings.iter().rfind(|b| {
        b.name == name && in_scope(b.node) && b.node.end_byte() <= call.node.start_byte()
    });
    let Some(binding) = binding else {
        return Expiry::Unknown;
    };
    let Some(found) = literal_keys(src, binding.value) else {
        return Expiry::Unknown;
    };
    if found.iter().any(|k| keys.contains(&k.as_str())) {
        return Expiry::Set;
    }
    // Anything done to the variable in between (`payload["exp"] = ...`, `payload.update(...)`,
    // `payload[:exp] = ...`, `$payload['exp'] = ...`) may set it.
    let touched = descendants(scope).any(|n| {
        n.start_byte() > binding.node.end_byte() && n.end_byte() <= call.node.start_byte() && {
            let t = src.text_of(n);
            (t.starts_with(&format!("{name}["))
                || t.starts_with(&format!("${name}["))
                || t.starts_with(&format!("{name}."))
                || t.starts_with(&format!("${name}->")))
                && matches!(
                    n.parent().map(|p| p.kind()),
                    Some(
                        "assignment"
                            | "assignment_expression"
                            | "call"
                            | "call_expression"
                            | "attribute"
                            | "member_expression"
                            | "augmented_assignment"
                    )
                )
        }
    });
    if touched {
        Expiry::Unknown
    } else {
        Expiry::Missing
    }
}

/// golang-jwt claims without an expiry: a `MapClaims` literal without `"exp"`, or a
/// `RegisteredClaims` (alone or embedded) without `ExpiresAt`.
fn go_claims_expiry(
    src: &Source<'_>,
    facts: &Facts<'_>,
    call: &Call<'_>,
    claims: Node<'_>,
) -> Option<String> {
    let mut claims = unwrap(claims);
    if claims.kind() == "unary_expression" {
        claims = claims.named_child(0)?;
    }
    if claims.kind() == "identifier" {
        let name = src.text_of(claims);
        let scope = enclosing_function(call.node)?;
        let b = facts.last_binding_in(name, scope, call.node.start_byte())?;
        // `claims["exp"] = ...` or `claims.ExpiresAt = ...` later: set.
        let later = descendants(scope).any(|n| {
            n.start_byte() > b.node.end_byte()
                && n.end_byte() <= call.node.start_byte()
                && matches!(n.kind(), "assignment_statement")
                && {
                    let t = src.text_of(n);
                    t.contains("\"exp\"") || t.contains("ExpiresAt")
                }
        });
        if later {
            return None;
        }
        claims = unwrap(b.value);
        if claims.kind() == "unary_expression" {
            claims = claims.named_child(0)?;
        }
    }
    if claims.kind() != "composite_literal" {
        return None;
    }
    let ty = src.text_of(claims.child_by_field_name("type")?);
    let body = claims.child_by_field_name("body")?;
    let text = src.text_of(body);
    if ty.ends_with("MapClaims") {
        return (!text.contains("\"exp\"")).then(|| "`MapClaims` without `exp`".into());
    }
    if ty.ends_with("RegisteredClaims") || ty.ends_with("StandardClaims") {
        return (!text.contains("ExpiresAt")).then(|| {
            format!(
                "`{}` without `ExpiresAt`",
                ty.rsplit('.').next().unwrap_or(ty)
            )
        });
    }
    // A custom struct embedding the registered claims.
    if let Some(inner) = descendants(body).find(|n| {
        n.kind() == "composite_literal"
            && n.child_by_field_name("type")
                .is_some_and(|t| src.text_of(t).ends_with("RegisteredClaims"))
    }) {
        let inner_text = src.text_of(inner);
        return (!inner_text.contains("ExpiresAt") && !text.contains("ExpiresAt"))
            .then(|| "embedded `RegisteredClaims` without `ExpiresAt`".into());
    }
    None
}

/// jose's `new SignJWT(payload)....sign(key)` chain.
fn is_jose_sign_jwt(facts: &Facts<'_>, qualified: &str, written: &str) -> bool {
    qualified.starts_with("jose.SignJWT.")
        || (written.starts_with("SignJWT.") && facts.uses_module("jose"))
}

/// Rust jsonwebtoken claims without `exp`: a struct literal (or a local bound to one) of a
/// struct declared in the file without an `exp` field (a `#[serde(flatten)]` field may carry
/// one: unknown).
fn rust_claims_expiry(
    src: &Source<'_>,
    facts: &Facts<'_>,
    call: &Call<'_>,
    claims: Node<'_>,
) -> Option<String> {
    fn strip(mut n: Node<'_>) -> Node<'_> {
        while n.kind() == "reference_expression" {
            match n.child_by_field_name("value") {
                Some(v) => n = unwrap(v),
                None => break,
            }
        }
        n
    }
    let mut claims = strip(unwrap(claims));
    if claims.kind() == "identifier" {
        let name = src.text_of(claims);
        let scope = enclosing_function(call.node)?;
        let b = facts.last_binding_in(name, scope, call.node.start_byte())?;
        claims = strip(unwrap(b.value));
    }
    if claims.kind() != "struct_expression" {
        return None;
    }
    let ty = src.text_of(claims.child_by_field_name("name")?);
    let ty = ty.split('<').next().unwrap_or(ty);
    let ty = ty.rsplit("::").next().unwrap_or(ty).trim();
    let def = descendants(src.tree.root_node()).find(|d| {
        d.kind() == "struct_item"
            && d.child_by_field_name("name")
                .is_some_and(|n| src.text_of(n) == ty)
    })?;
    let body = def.child_by_field_name("body")?;
    let text = src.text_of(body);
    if text.contains("flatten") || text.contains("\"exp\"") {
        return None;
    }
    let mut c = body.walk();
    let has_exp = body
        .named_children(&mut c)
        .filter(|f| f.kind() == "field_declaration")
        .filter_map(|f| f.child_by_field_name("name"))
        .any(|n| src.text_of(n) == "exp");
    (!has_exp).then(|| format!("claims struct `{ty}` without `exp`"))
}

/// itsdangerous timed serializers and signers, Django `signing`: `loads(token)` /
/// `unsign(token)` without `max_age` accepts a signed token whatever its age.
fn unlimited_signed_loads(src: &Source<'_>, facts: &Facts<'_>, hits: &mut Vec<Hit>) {
    use super::sites::{SIGNED_TOKEN_LOADS, SIGNED_TOKEN_MODULES};
    if !SIGNED_TOKEN_MODULES.iter().any(|m| facts.uses_module(m)) {
        return;
    }
    // A timed class: its `loads` checks the age only when given `max_age`.
    let timed = |q: &str| {
        SIGNED_TOKEN_MODULES.iter().any(|m| q.starts_with(m))
            && q.rsplit('.')
                .next()
                .is_some_and(|c| c.contains("Timed") || c.contains("Timestamp"))
    };
    for call in &facts.calls {
        let name = call.name();
        if !SIGNED_TOKEN_LOADS.contains(&name) || call.args.len() != 1 {
            continue;
        }
        if call.args[0].kind() != "identifier"
            && call.args[0].kind() != "attribute"
            && call.args[0].kind() != "subscript"
            && call.args[0].kind() != "call"
        {
            continue;
        }
        // Django's module-level `signing.loads(value)`.
        let django = call.qualified == "django.core.signing.loads";
        let receiver = call.written.rsplit_once('.').map_or("", |(r, _)| r);
        let receiver = receiver.rsplit('.').next().unwrap_or(receiver);
        let instance = !receiver.is_empty()
            && facts.bindings.iter().any(|b| {
                b.name == receiver
                    && b.node.end_byte() <= call.node.start_byte()
                    && facts
                        .calls
                        .iter()
                        .any(|c| c.node.id() == unwrap(b.value).id() && timed(&c.qualified))
            });
        if !django && !instance {
            continue;
        }
        let place = enclosing_named_function(src, call.node)
            .map_or(String::new(), |(_, n)| format!(" in `{n}`"));
        hits.push(Hit {
            start: call.node.start_byte(),
            end: call.node.end_byte(),
            message: format!(
                "Signed token accepted with no age limit (`{}` without `max_age`){place}: the link or token never expires, so a leaked one works forever; pass `max_age` in seconds",
                call.written
            ),
            before: None,
            after: Some(format!("`{name}` without `max_age`")),
            measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
        });
    }
}

/// .NET `SecurityTokenDescriptor` without `Expires` in a file that turns the handler's default
/// lifetime off (`SetDefaultTimesOnTokenCreation = false`).
fn descriptor_without_expires(src: &Source<'_>, facts: &Facts<'_>, hits: &mut Vec<Hit>) {
    let defaults_off = facts.bindings.iter().any(|b| {
        b.name == "SetDefaultTimesOnTokenCreation" && crate::syntax::generic::is_false(src, b.value)
    });
    if !defaults_off {
        return;
    }
    for call in &facts.calls {
        if call.name() != "SecurityTokenDescriptor"
            || call.node.kind() != "object_creation_expression"
        {
            continue;
        }
        let scope = enclosing_function(call.node).unwrap_or(src.tree.root_node());
        let expires = facts.bindings.iter().any(|b| {
            b.name == "Expires"
                && scope.start_byte() <= b.node.start_byte()
                && b.node.end_byte() <= scope.end_byte()
        });
        if expires {
            continue;
        }
        let place = enclosing_named_function(src, call.node)
            .map_or(String::new(), |(_, n)| format!(" in `{n}`"));
        hits.push(Hit {
            start: call.node.start_byte(),
            end: call.node.end_byte(),
            message: format!(
                "JWT issued without an expiry (`SecurityTokenDescriptor` without `Expires`, and `SetDefaultTimesOnTokenCreation = false`){place}: the token stays valid forever once leaked; set `Expires = DateTime.UtcNow.AddMinutes(15)`"
            ),
            before: None,
            after: Some("no expiry (descriptor without `Expires`)".into()),
            measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
        });
    }
}
