//! Where code sets a token's lifetime, and how long it is: settings (`ACCESS_TOKEN_EXPIRE_MINUTES`,
//! `SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]`, `JWT_EXPIRATION_DELTA`), options (`expiresIn: '7d'`),
//! claims (`"exp": datetime.utcnow() + timedelta(days=30)`, `ExpiresAt: jwt.NewNumericDate(...)`),
//! and builder calls (`setExpiration(new Date(System.currentTimeMillis() + ...))`,
//! `withExpiresAt(...)`). Shared by the token-lifetime rules.

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::syntax::duration::{self, Value, unit_of_name};
use crate::syntax::facts::Facts;
use crate::syntax::generic::{enclosing_named_function, unwrap};
use crate::syntax::words;

/// One place that sets a token lifetime.
pub(crate) struct Site<'t> {
    /// The node to report.
    pub(crate) node: Node<'t>,
    /// What identifies the site across versions: the name and its function.
    pub(crate) key: String,
    /// The setting or call as a reader names it.
    pub(crate) label: String,
    /// The lifetime in seconds.
    pub(crate) seconds: f64,
    /// When the lifetime comes from a named constant or setting (`exp: now + ACCESS_TTL`): that
    /// binding and its value's text — where a change of the lifetime is made.
    pub(crate) origin: Option<(Node<'t>, String)>,
    /// A one-time or signed-link token (`itsdangerous` `loads(max_age=...)`): how long it may
    /// live is the application's call, so only a raise counts, not the access-token cap.
    pub(crate) one_time: bool,
}

/// Names of claims and options that hold an absolute expiry (a point in time).
const ABSOLUTE: &[&str] = &[
    "exp",
    "expires",
    "expiresat",
    "expiration",
    "expiry",
    "notafter",
];

/// Builder calls that set the expiry (a point in time).
const EXPIRY_CALLS: &[&str] = &[
    "setExpiration",
    "expiration",
    "withExpiresAt",
    "expirationTime",
    "expiresAt",
    "setExpirationTime",
    "setExpiresAt",
];

/// Builder calls that set a token's lifetime as a duration, when their name says a token
/// (`accessTokenTimeToLive(Duration.ofMinutes(5))`, `setAccessTokenValiditySeconds(3600)`):
/// matched by name through `lifetime_name`, these prefixes never set anything.
const GETTER_PREFIXES: &[&str] = &["get", "is", "has", "with_default"];

/// Modules whose timed serializers check a signed token's age only when the caller passes
/// `max_age` (itsdangerous `URLSafeTimedSerializer.loads`, `TimestampSigner.unsign`, Django
/// `signing.loads`).
pub(crate) const SIGNED_TOKEN_MODULES: &[&str] = &["itsdangerous", "django.core.signing"];

/// The methods of those serializers that take `max_age`.
pub(crate) const SIGNED_TOKEN_LOADS: &[&str] = &["loads", "unsign", "unsign_timestamp"];

/// Words that make a lifetime something other than a token's.
const NOT_TOKEN: &[&str] = &[
    "cookie",
    "session",
    "cache",
    "otp",
    "code",
    "link",
    "reset",
    "invite",
    "invitation",
    "verification",
    "lock",
    "lockout",
    "rate",
    "limit",
    "password",
    "remember",
    "upload",
    "presigned",
    "signed",
    "url",
    "csrf",
    "nonce",
    "state",
    "challenge",
    "captcha",
    "mfa",
    "sms",
    "email",
    "refresh",
];

/// Words that make a lifetime a token's. (Not `id`: `GOPHER_ATTRIBUTE_ID_TTL` is no token's; an
/// ID token's setting says `token` too.)
const TOKEN_WORDS: &[&str] = &["token", "jwt", "access", "bearer", "api"];

/// Whether `name` names a token lifetime setting; `Some(true)` when it is an absolute expiry.
fn lifetime_name(name: &str, token_file: bool) -> Option<bool> {
    let w = words(name);
    if w.is_empty() || w.iter().any(|x| NOT_TOKEN.contains(&x.as_str())) {
        return None;
    }
    let joined: String = w.concat();
    if ABSOLUTE.contains(&joined.as_str()) {
        return token_file.then_some(true);
    }
    let lifetime = w.iter().any(|x| {
        matches!(
            x.as_str(),
            "expire"
                | "expires"
                | "expiry"
                | "expiration"
                | "lifetime"
                | "ttl"
                | "validity"
                | "exp"
                | "delta"
                | "duration"
        )
    }) || w.windows(2).any(|p| p[0] == "max" && p[1] == "age")
        || w.windows(3)
            .any(|p| p[0] == "time" && p[1] == "to" && p[2] == "live")
        || joined == "expiresin";
    if !lifetime {
        return None;
    }
    let tokenish = w.iter().any(|x| TOKEN_WORDS.contains(&x.as_str()));
    // `expiresIn`, `expires_in`, `ttl` alone: only in a file about tokens.
    let generic = matches!(joined.as_str(), "expiresin" | "expiresafter");
    // `delta` and `duration` say lifetime only next to `jwt`, `token` or `access`.
    let vague = w.iter().any(|x| x == "delta" || x == "duration");
    let strong = w
        .iter()
        .any(|x| matches!(x.as_str(), "jwt" | "token" | "access"));
    ((tokenish && (!vague || strong)) || (generic && token_file)).then_some(false)
}

/// The setting a binding target names: `JWT_ACCESS_TOKEN_EXPIRES` for
/// `app.config["JWT_ACCESS_TOKEN_EXPIRES"]`, the name itself otherwise.
pub(crate) fn setting_name(target: &str) -> String {
    if let Some(open) = target.rfind('[') {
        let inner = target[open + 1..].trim_end_matches(']');
        let key = inner.trim_matches(|c| c == '"' || c == '\'' || c == ':');
        if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return key.to_string();
        }
    }
    target.to_string()
}

/// Every token lifetime the file sets.
pub(crate) fn sites<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Site<'t>> {
    let lower = src.text.to_ascii_lowercase();
    let token_file = lower.contains("jwt") || lower.contains("token");
    let bindings: Vec<(String, Node<'t>, Node<'t>)> = facts
        .bindings
        .iter()
        .map(|b| (b.name.clone(), b.value, b.node))
        .collect();
    // The bindings a measure read, for its origin.
    let read: std::cell::RefCell<Vec<(Node<'t>, Node<'t>)>> = std::cell::RefCell::new(Vec::new());
    let lookup = |name: &str| {
        let found = bindings.iter().rev().find(|(n, _, _)| n == name);
        if let Some((_, v, b)) = found {
            read.borrow_mut().push((*b, *v));
        }
        found.map(|(_, v, _)| *v)
    };
    let origin = |read: &std::cell::RefCell<Vec<(Node<'t>, Node<'t>)>>| {
        let got = std::mem::take(&mut *read.borrow_mut());
        // Only the durations read count (`now + ACCESS_TTL` reads `now` too).
        let got: Vec<(Node<'t>, Node<'t>)> = got
            .into_iter()
            .filter(|(_, v)| {
                matches!(
                    duration::evaluate(src, *v, None),
                    Some(Value::Seconds(_) | Value::Number(_))
                )
            })
            .collect();
        match got.as_slice() {
            [(binding, value)] => Some((*binding, src.text_of(*value).to_string())),
            _ => None,
        }
    };
    // Refresh tokens live long by design; a function that issues one says so in its name.
    let refresh = |node: Node<'_>| {
        enclosing_named_function(src, node)
            .is_some_and(|(_, name)| words(&name).iter().any(|w| w == "refresh"))
    };
    let mut out = Vec::new();
    for b in &facts.bindings {
        // The name first: walking up to the enclosing function is the costly test, and most
        // bindings are not lifetimes.
        let mut name = setting_name(&b.name);
        let absolute = match lifetime_name(&name, token_file) {
            Some(a) => a,
            // `jwt.expiration_time = 1.year.to_i` (devise-jwt): the receiver says whose it is.
            None => match qualified_target(src, b.node, b.value, &name)
                .and_then(|t| lifetime_name(&t, token_file).map(|a| (t, a)))
            {
                Some((t, a)) => {
                    name = t;
                    a
                }
                None => continue,
            },
        };
        if refresh(b.node) || in_cookie_options(src, b.node) || in_non_token_value(src, b.node) {
            continue;
        }
        let value = unwrap(b.value);
        // `expiresIn: ACCESS_TOKEN_TTL`: the constant is the site, reported once, there.
        if matches!(value.kind(), "identifier" | "constant" | "name")
            && lifetime_name(src.text_of(value), token_file).is_some()
        {
            continue;
        }
        read.borrow_mut().clear();
        let Some(seconds) = measure(src, value, &name, absolute, &lookup) else {
            continue;
        };
        out.push(Site {
            node: b.node,
            key: key(src, b.node, &name),
            label: format!("`{name}`"),
            seconds,
            origin: origin(&read),
            one_time: false,
        });
    }
    for call in &facts.calls {
        let name = call.name();
        // A duration builder call named for a token (`accessTokenTimeToLive(Duration.ofDays(1))`).
        if call.args.len() == 1
            && !EXPIRY_CALLS.contains(&name)
            && !GETTER_PREFIXES.iter().any(|p| name.starts_with(p))
            && lifetime_name(name, token_file) == Some(false)
            // `rememberMe(r -> r.tokenValiditySeconds(...))`: the chain or the call it configures
            // says whose lifetime it is.
            && !words(&call.written)
                .iter()
                .any(|x| NOT_TOKEN.contains(&x.as_str()))
            && !configures_other(src, call.node)
            && !refresh(call.node)
        {
            read.borrow_mut().clear();
            if let Some(seconds) = measure(src, call.args[0], name, false, &lookup) {
                out.push(Site {
                    node: call.args[0],
                    key: key(src, call.node, name),
                    label: format!("`{name}(...)`"),
                    seconds,
                    origin: origin(&read),
                    one_time: false,
                });
            }
            continue;
        }
        // A timed serializer's `loads(token, max_age=...)`: how long a signed link is accepted.
        if src.language == Language::Python
            && SIGNED_TOKEN_LOADS.contains(&name)
            && call.written.contains('.')
            && SIGNED_TOKEN_MODULES.iter().any(|m| facts.uses_module(m))
            && let Some(max_age) = crate::syntax::python::keyword_arg(src, call.node, "max_age")
        {
            read.borrow_mut().clear();
            if let Some(seconds) = measure(src, max_age, "max_age", false, &lookup) {
                out.push(Site {
                    node: max_age,
                    key: key(src, call.node, &format!("{name}.max_age")),
                    label: format!("`{name}(max_age=...)`"),
                    seconds,
                    origin: origin(&read),
                    one_time: true,
                });
            }
            continue;
        }
        if !EXPIRY_CALLS.contains(&name)
            || call.args.len() != 1
            || !token_file
            || refresh(call.node)
        {
            continue;
        }
        read.borrow_mut().clear();
        let Some(seconds) = measure(src, call.args[0], name, true, &lookup) else {
            continue;
        };
        // Reported on the argument: a builder chain starts lines above the call.
        out.push(Site {
            node: call.args[0],
            key: key(src, call.node, name),
            label: format!("`{name}(...)`"),
            seconds,
            origin: origin(&read),
            one_time: false,
        });
    }
    // C# named arguments: `new JwtSecurityToken(..., expires: DateTime.UtcNow.AddDays(30))`.
    if src.language == Language::CSharp {
        for n in crate::syntax::descendants(src.tree.root_node()) {
            if n.kind() == "argument"
                && let Some(name) = n.child_by_field_name("name")
                && src.text_of(name) == "expires"
                && let Some(value) = n.named_child(n.named_child_count().saturating_sub(1) as u32)
                && let Some(seconds) = {
                    read.borrow_mut().clear();
                    measure(src, value, "expires", true, &lookup)
                }
            {
                out.push(Site {
                    node: n,
                    key: key(src, n, "expires"),
                    label: "`expires:`".into(),
                    seconds,
                    origin: origin(&read),
                    one_time: false,
                });
            }
        }
    }
    out.sort_by_key(|s| s.node.start_byte());
    out.dedup_by_key(|s| s.node.start_byte());
    out
}

/// A setting, option or claim named for a token's lifetime, whatever its value.
pub(crate) struct LifetimeSetting<'t> {
    /// The binding.
    pub(crate) node: Node<'t>,
    /// The name and its function, as `Site::key`.
    pub(crate) key: String,
    /// The setting as a reader names it.
    pub(crate) name: String,
    /// The value.
    pub(crate) value: Node<'t>,
}

/// Every binding of the file named for a token's lifetime (`'expiration' => 60 * 24`,
/// `ACCESS_TOKEN_TTL = None`), measurable or not: how a change that unsets one is told.
pub(crate) fn lifetime_settings<'t>(
    src: &'t Source<'_>,
    facts: &Facts<'t>,
) -> Vec<LifetimeSetting<'t>> {
    let lower = src.text.to_ascii_lowercase();
    let token_file = lower.contains("jwt") || lower.contains("token");
    let mut out = Vec::new();
    for b in &facts.bindings {
        let mut name = setting_name(&b.name);
        if lifetime_name(&name, token_file).is_none() {
            match qualified_target(src, b.node, b.value, &name)
                .filter(|t| lifetime_name(t, token_file).is_some())
            {
                Some(t) => name = t,
                None => continue,
            }
        }
        if in_cookie_options(src, b.node)
            || in_non_token_value(src, b.node)
            || enclosing_named_function(src, b.node)
                .is_some_and(|(_, f)| words(&f).iter().any(|w| w == "refresh"))
        {
            continue;
        }
        out.push(LifetimeSetting {
            node: b.node,
            key: key(src, b.node, &name),
            name,
            value: unwrap(b.value),
        });
    }
    out
}

/// The target of a member assignment with its receiver (`jwt.expiration_time`), when the bound
/// name alone says nothing about whose lifetime it is.
fn qualified_target(
    src: &Source<'_>,
    binding: Node<'_>,
    value: Node<'_>,
    name: &str,
) -> Option<String> {
    let target = src.text.get(binding.start_byte()..value.start_byte())?;
    let target = target
        .trim_end()
        .trim_end_matches(['=', ':', '>'])
        .trim_end();
    let receiver = target.strip_suffix(name)?.trim_end_matches(['.', '>', '-']);
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '@';
    (!receiver.is_empty() && target.len() <= 60 && target.chars().all(plain))
        .then(|| target.to_string())
}

/// Whether a call sits in the arguments of a call named for something other than a token
/// (`rememberMe(r -> r.tokenValiditySeconds(...))`, `session(...)`).
fn configures_other(src: &Source<'_>, node: Node<'_>) -> bool {
    let mut cur = node.parent();
    for _ in 0..6 {
        let Some(n) = cur else {
            return false;
        };
        if let Some(shape) = crate::syntax::generic::call_shape(src, n)
            && shape
                .args
                .iter()
                .any(|a| crate::syntax::generic::contains(*a, node))
            && words(&shape.name)
                .iter()
                .any(|x| NOT_TOKEN.contains(&x.as_str()))
        {
            return true;
        }
        cur = n.parent();
    }
    false
}

/// Words of values whose expiry is not a token's: an access grant or role assignment (a
/// temporary grant's expiry is `authz-bypass`'s), or one of [`NOT_TOKEN`].
const NOT_TOKEN_VALUES: &[&str] = &[
    "grant",
    "grants",
    "role",
    "roles",
    "permission",
    "permissions",
    "membership",
    "elevation",
    "assignment",
    "lease",
];

/// Whether a binding is a field of a value built as something other than a token
/// (`Grant{ExpiresAt: ...}`, `new RoleAssignment { Expires = ... }`): its type says so.
fn in_non_token_value(src: &Source<'_>, node: Node<'_>) -> bool {
    let mut cur = node.parent();
    for _ in 0..4 {
        let Some(n) = cur else {
            return false;
        };
        let ty = match n.kind() {
            "composite_literal" | "struct_expression" => n
                .child_by_field_name("type")
                .or_else(|| n.child_by_field_name("name")),
            "object_creation_expression" | "new_expression" => n
                .child_by_field_name("type")
                .or_else(|| n.child_by_field_name("constructor")),
            _ => None,
        };
        if let Some(ty) = ty {
            return words(src.text_of(ty)).iter().any(|w| {
                NOT_TOKEN_VALUES.contains(&w.as_str()) || NOT_TOKEN.contains(&w.as_str())
            });
        }
        cur = n.parent();
    }
    false
}

/// Whether a binding is an option of a cookie or session (`res.cookie('t', v, { expires })`,
/// `new CookieOptions { Expires = ... }`): a cookie's lifetime, not the token's.
fn in_cookie_options(src: &Source<'_>, node: Node<'_>) -> bool {
    let mut cur = node.parent();
    for _ in 0..5 {
        let Some(n) = cur else {
            return false;
        };
        if let Some(shape) = crate::syntax::generic::call_shape(src, n) {
            let callee = src.text_of(n).split(['(', '{']).next().unwrap_or("");
            let lower = format!("{callee} {}", shape.name).to_ascii_lowercase();
            return lower.contains("cookie") || lower.contains("session");
        }
        cur = n.parent();
    }
    false
}

/// The lifetime a value sets, in seconds.
fn measure<'t>(
    src: &Source<'_>,
    value: Node<'t>,
    name: &str,
    absolute: bool,
    lookup: &dyn Fn(&str) -> Option<Node<'t>>,
) -> Option<f64> {
    let v = duration::evaluate(src, value, Some(lookup))?;
    let seconds = match v {
        Value::Seconds(s) => s,
        // A bare number: a duration in the unit its name says (seconds by default), never an
        // absolute expiry (a timestamp).
        Value::Number(n) if !absolute => n * unit_of_name(name).unwrap_or(1.0),
        _ => return None,
    };
    (seconds.is_finite() && seconds > 0.0).then_some(seconds)
}

fn key(src: &Source<'_>, node: Node<'_>, name: &str) -> String {
    let function = enclosing_named_function(src, node).map_or(String::new(), |(_, n)| n);
    format!("{function}::{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifetimes(language: Language, text: &str) -> Vec<(String, f64)> {
        let src = idgate_lang::parse(language, text).unwrap();
        let facts = Facts::of(&src);
        sites(&src, &facts)
            .into_iter()
            .map(|s| (s.label, s.seconds))
            .collect()
    }

    #[test]
    fn finds_lifetimes_in_several_languages() {
        let day = 86400.0;
        let cases: &[(Language, &str, f64)] = &[
            (
                Language::Python,
                "ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 30\n",
                30.0 * day,
            ),
            (
                Language::Python,
                "SIMPLE_JWT = {\"ACCESS_TOKEN_LIFETIME\": timedelta(days=90)}\n",
                90.0 * day,
            ),
            (
                Language::Python,
                "import jwt\np = {\"sub\": u, \"exp\": datetime.utcnow() + timedelta(hours=2)}\n",
                7200.0,
            ),
            (
                Language::JavaScript,
                "jwt.sign(p, k, { expiresIn: '7d' });\n",
                7.0 * day,
            ),
            (
                Language::Go,
                "package a\nvar c = jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(24 * time.Hour))}\n",
                day,
            ),
            (
                Language::Java,
                "class A { String t() { return Jwts.builder().setExpiration(new Date(System.currentTimeMillis() + 1000L * 60 * 60)).compact(); } }",
                3600.0,
            ),
            (
                Language::CSharp,
                "class A { object t = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(30)); }",
                30.0 * day,
            ),
            (
                Language::Ruby,
                "payload = { sub: 1, exp: 30.days.from_now.to_i }\nJWT.encode(payload, k)\n",
                30.0 * day,
            ),
            (
                Language::Php,
                "<?php\n$payload = ['sub' => 1, 'exp' => time() + 3600];\n$t = JWT::encode($payload, $k, 'HS256');\n",
                3600.0,
            ),
            (
                Language::Rust,
                "fn f() { let c = Claims { exp: (Utc::now() + Duration::days(7)).timestamp() as usize }; encode(&h, &c, &k); } // jwt",
                7.0 * day,
            ),
        ];
        for (language, text, want) in cases {
            let found = lifetimes(*language, text);
            assert!(
                found.iter().any(|(_, s)| (s - want).abs() < 1e-6),
                "{}: {text:?} gave {found:?}",
                language.id()
            );
        }
    }

    #[test]
    fn other_lifetimes_are_not_token_lifetimes() {
        for (language, text) in [
            (Language::Python, "SESSION_COOKIE_AGE = 3600 * 24 * 30\n"),
            (Language::Python, "PASSWORD_RESET_TIMEOUT = 259200\n"),
            (
                Language::JavaScript,
                "app.use(session({ cookie: { maxAge: 86400000 } }));\n",
            ),
            (Language::Python, "CACHE_TTL = 3600\n"),
            (
                Language::Python,
                "REFRESH_TOKEN_LIFETIME = timedelta(days=30)  # token\n",
            ),
        ] {
            let found = lifetimes(language, text);
            assert!(found.is_empty(), "{text:?} gave {found:?}");
        }
    }
}
