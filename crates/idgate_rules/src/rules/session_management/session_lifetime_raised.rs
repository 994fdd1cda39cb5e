//! IDG121 session-lifetime-raised

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::value::{number, string, unwrap};
use crate::syntax::{ancestor, enclosing_function_name};

declare_rule! {
    /// ## What it does
    /// In `idgate check`, flags a change that makes sessions live longer: a session or login-cookie
    /// lifetime setting whose new value is larger than the old one — Django `SESSION_COOKIE_AGE`,
    /// Flask `PERMANENT_SESSION_LIFETIME` and `REMEMBER_COOKIE_DURATION`, Express/cookie-session
    /// `maxAge`, ASP.NET `ExpireTimeSpan`/`IdleTimeout`, Java `setMaxInactiveInterval` and
    /// remember-me `tokenValiditySeconds`, Rails `expire_after` and Devise `remember_for`/
    /// `timeout_in`, Laravel `'lifetime'` and PHP `session.gc_maxlifetime`, gorilla `MaxAge` and
    /// scs `Lifetime`/`IdleTimeout`, actix `session_ttl`, servlet `setSessionTimeout` and
    /// `Cookie.setMaxAge`, tower-sessions `with_expiry`, and the lifetime of a session or
    /// credential cookie set by name (`res.cookie('sid', v, { maxAge })`, Next.js
    /// `cookies().set('session', v, { maxAge })`, Go `http.Cookie{Expires: ...}`, PHP
    /// `setcookie('PHPSESSID', $v, time() + ...)`) — preference cookies (`theme`, `locale`) are
    /// left alone. Values are read as numbers, arithmetic
    /// (`60 * 60 * 24 * 30`), `timedelta(days=30)`, `TimeSpan.FromDays(30)`, `Duration.ofDays(30)`,
    /// `30.days`, `24 * time.Hour` or `"30d"`, each in its setting's unit, and the finding shows
    /// both lifetimes in human units. A shortened lifetime is not reported; `idgate scan` has no
    /// old value and reports nothing.
    ///
    /// ## Why is this bad?
    /// A session is a bearer credential: whoever holds the cookie is the user until it expires.
    /// The longer it lives, the longer a cookie stolen from a shared computer, a log line or an XSS
    /// stays usable, and the longer a fired employee's laptop stays signed in. Raising it is
    /// sometimes right, but it should be a reviewed decision, not a side effect.
    ///
    /// ## Example
    /// ```python
    /// SESSION_COOKIE_AGE = 60 * 60 * 24 * 365  # was 60 * 60 * 8
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// SESSION_COOKIE_AGE = 60 * 60 * 8
    /// SESSION_SAVE_EVERY_REQUEST = True  # sliding expiry instead of a year-long cookie
    /// ```
    ///
    /// ## References
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [OWASP: Session Management Cheat Sheet, Session Expiration](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration)
    pub(crate) static RULE = {
        code: "IDG121",
        name: "session-lifetime-raised",
        category: SessionManagement,
        cwe: [613],
        severity: Medium,
        default_level: Warning,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: [
            "SESSION_COOKIE_AGE", "PERMANENT_SESSION_LIFETIME", "REMEMBER_COOKIE_DURATION", "maxAge",
            "ExpireTimeSpan", "IdleTimeout", "MaxInactiveInterval", "tokenValiditySeconds",
            "expire_after", "remember_for", "timeout_in", "lifetime", "MaxAge", "session_ttl",
            "Expires", "SessionTimeout", "with_expiry", "setcookie"
        ],
        drift_only: true,
        summary: "A session or login-cookie lifetime is raised.",
        check: check,
    };
}

/// Lifetime settings: (name, unit in seconds of a bare number, needs a session/cookie context).
const SETTINGS: &[(&str, f64, bool)] = &[
    ("SESSION_COOKIE_AGE", 1.0, false),
    ("PERMANENT_SESSION_LIFETIME", 1.0, false),
    ("REMEMBER_COOKIE_DURATION", 1.0, false),
    ("maxAge", 0.001, true),
    ("ExpireTimeSpan", 1.0, false),
    ("IdleTimeout", 1.0, true),
    ("setMaxInactiveInterval", 1.0, false),
    ("tokenValiditySeconds", 1.0, false),
    ("expire_after", 1.0, false),
    ("remember_for", 1.0, false),
    ("timeout_in", 1.0, false),
    ("lifetime", 60.0, true),
    ("Lifetime", 1.0, true),
    ("MaxAge", 1.0, true),
    ("session_ttl", 1.0, false),
    ("session.gc_maxlifetime", 1.0, false),
    ("session.cookie_lifetime", 1.0, false),
];

/// One lifetime setting.
struct Lifetime<'t> {
    node: Node<'t>,
    key: String,
    seconds: f64,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return;
    };
    let new_values = lifetimes(cx.new, cx.facts());
    if new_values.is_empty() {
        return;
    }
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let old_values = lifetimes(old, old_facts);
    for value in &new_values {
        let Some(previous) = old_values.iter().find(|o| o.key == value.key) else {
            continue;
        };
        if value.seconds <= previous.seconds {
            continue;
        }
        let (was, now) = (human(previous.seconds), human(value.seconds));
        let setting = value.key.split('@').next().unwrap_or(&value.key);
        hits.push(Hit {
            start: crate::syntax::call_start(value.node),
            end: value.node.end_byte(),
            message: format!(
                "Session lifetime `{setting}` raised from {was} to {now}: a stolen session cookie now stays usable for up to {now}; keep it short and rely on idle timeouts or re-authentication instead"
            ),
            before: Some(format!("{setting} = {was}")),
            after: Some(format!("{setting} = {now}")),
            // The policy's `max_session_lifetime` reads this.
            measure: Some(idgate_core::Measure::SessionLifetime {
                seconds: Some(value.seconds.max(0.0) as u64),
            }),
        });
    }
}

fn lifetimes<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Lifetime<'t>> {
    let mut out = Vec::new();
    let push =
        |out: &mut Vec<Lifetime<'t>>, node: Node<'t>, name: &str, value: Node<'t>, unit: f64| {
            let Some(seconds) = duration(src, value, unit) else {
                return;
            };
            push_seconds(out, src, node, name, seconds);
        };
    let mut absolute = Vec::new();
    for b in &facts.bindings {
        let name = last_word(&b.name);
        // A cookie's absolute expiry: `Expires: time.Now().Add(12 * time.Hour)`,
        // `'expires' => time() + 3600`.
        if name.eq_ignore_ascii_case("expires")
            && session_context(src, facts, b.node)
            && named_credential_cookie(src, b.node)
            && let Some(seconds) = expiry_seconds(src, b.value)
        {
            absolute.push((b.node, seconds));
            continue;
        }
        let Some((setting, unit, contextual)) = SETTINGS.iter().find(|(s, _, _)| *s == name) else {
            continue;
        };
        if *contextual && !session_context(src, facts, b.node) {
            continue;
        }
        push(&mut out, b.node, setting, b.value, *unit);
    }
    for (node, seconds) in absolute {
        push_seconds(&mut out, src, node, "cookie expiry", seconds);
    }
    for call in &facts.calls {
        let name = call.name();
        let first = call.args.first().copied();
        match name {
            "setMaxInactiveInterval" | "tokenValiditySeconds" | "session_ttl" => {
                if let Some(v) = first {
                    push(&mut out, call.node, name, v, 1.0);
                }
            }
            "ini_set" => {
                let (Some(k), Some(v)) = (first, call.args.get(1).copied()) else {
                    continue;
                };
                let key = string(src, k).unwrap_or_default();
                if matches!(
                    key.as_str(),
                    "session.gc_maxlifetime" | "session.cookie_lifetime"
                ) {
                    push(&mut out, call.node, &key, v, 1.0);
                }
            }
            // Servlet containers: minutes.
            "setSessionTimeout" => {
                if let Some(v) = first {
                    push(&mut out, call.node, name, v, 60.0);
                }
            }
            // `cookie.setMaxAge(...)` (seconds) on a servlet cookie.
            "setMaxAge" if src.language == Language::Java => {
                if let Some(v) = first {
                    push(&mut out, call.node, name, v, 1.0);
                }
            }
            // tower-sessions `.with_expiry(Expiry::OnInactivity(Duration::days(1)))`.
            "with_expiry" => {
                if let Some(d) = first.and_then(|v| {
                    crate::syntax::descendants(v).find(|n| {
                        n.kind() == "call_expression"
                            && src.text_of(*n).contains("Duration")
                            && !src.text_of(*n).starts_with("Expiry")
                    })
                }) {
                    push(&mut out, call.node, name, d, 1.0);
                }
            }
            // PHP `setcookie($name, $value, time() + 3600, ...)`: the expiry, third.
            "setcookie" | "setrawcookie" => {
                if let Some(v) = call.args.get(2).copied()
                    && cookie_name(src, call).is_some_and(|n| credential_cookie(&n))
                    && let Some(seconds) = expiry_seconds(src, v)
                {
                    push_seconds(&mut out, src, call.node, "cookie expiry", seconds);
                }
            }
            // Rails `session_store :cookie_store, expire_after: 30.days` (a pair, in bindings).
            _ => {}
        }
    }
    out
}

/// Record a lifetime, keyed by its setting, its function and its order there.
fn push_seconds<'t>(
    out: &mut Vec<Lifetime<'t>>,
    src: &Source<'_>,
    node: Node<'t>,
    name: &str,
    seconds: f64,
) {
    let scope = enclosing_function_name(src, node).unwrap_or_default();
    let base = format!("{name}@{scope}");
    let n = out
        .iter()
        .filter(|l| l.key.starts_with(&format!("{base}#")))
        .count();
    out.push(Lifetime {
        node,
        key: format!("{base}#{n}"),
        seconds,
    });
}

/// How long from now an absolute expiry is (`time.Now().Add(d)`, `time() + 3600`,
/// `DateTime.UtcNow.AddDays(7)`), in seconds.
fn expiry_seconds(src: &Source<'_>, value: Node<'_>) -> Option<f64> {
    use crate::syntax::duration::{Value as D, evaluate};
    match evaluate(src, value, None)? {
        D::Seconds(s) if s > 0.0 => Some(s),
        _ => None,
    }
}

/// The literal cookie name a cookie-setting call passes first.
fn cookie_name(src: &Source<'_>, call: &crate::syntax::facts::Call<'_>) -> Option<String> {
    string(src, unwrap(*call.args.first()?))
}

/// Whether a cookie name reads as a session or credential cookie (not a preference).
fn credential_cookie(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    const PARTS: &[&str] = &[
        "session", "sess", "sid", "auth", "token", "remember", "login", "jwt", "identity",
        "device", "refresh", "access", "user",
    ];
    PARTS.iter().any(|p| lower.contains(p))
}

/// Whether the object around a cookie field names a credential cookie (`Name: "sid"`), or
/// names none (a cookie configured elsewhere).
fn named_credential_cookie(src: &Source<'_>, node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return true;
    };
    let mut c = parent.walk();
    let named = parent.named_children(&mut c).find(|n| {
        let key = n
            .child_by_field_name("key")
            .or_else(|| n.named_child(0))
            .map_or("", |k| src.text_of(k));
        key.trim_matches(|c| c == '"' || c == '\'')
            .eq_ignore_ascii_case("name")
    });
    match named.and_then(|n| n.named_child(n.named_child_count().saturating_sub(1) as u32)) {
        Some(v) => string(src, unwrap(v)).is_none_or(|n| credential_cookie(&n)),
        None => true,
    }
}

/// The last identifier-like word of a binding target.
fn last_word(name: &str) -> String {
    let word =
        crate::syntax::trailing_word(name, |c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if word.starts_with("session.") {
        word.to_string()
    } else {
        word.rsplit('.').next().unwrap_or(word).to_string()
    }
}

/// Whether a generic name (`maxAge`, `lifetime`, `MaxAge`) configures a session or login cookie.
fn session_context(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> bool {
    let mut cur = node.parent();
    let mut depth = 0;
    while let Some(n) = cur {
        depth += 1;
        if depth > 8 {
            break;
        }
        let text: String = match n.kind() {
            "pair" | "array_element_initializer" | "keyed_element" => n
                .child_by_field_name("key")
                .or_else(|| n.named_child(0))
                .map_or(String::new(), |k| src.text_of(k).to_string()),
            "composite_literal" | "object_creation_expression" => n
                .child_by_field_name("type")
                .map_or(String::new(), |t| src.text_of(t).to_string()),
            _ => String::new(),
        };
        let lower = text.to_ascii_lowercase();
        if lower.contains("session") || lower == "cookie" || lower.contains("cookie") {
            return true;
        }
        cur = n.parent();
    }
    // `session({ maxAge })`, `cookieSession({ maxAge })`, `AddSession(o => o.IdleTimeout = ...)`,
    // `sessionManager.Lifetime = ...`, Laravel's session config.
    let (start, end) = (node.start_byte(), node.end_byte());
    let in_session_call = facts.calls.iter().any(|c| {
        let n = c.name().to_ascii_lowercase();
        let inside = c
            .args
            .iter()
            .any(|a| a.start_byte() <= start && end <= a.end_byte());
        if !inside {
            return false;
        }
        if n.contains("session") {
            return true;
        }
        // One cookie set by name (`res.cookie('sid', ...)`, `cookies().set('session', ...)`):
        // it must carry a session or credential, not a preference.
        let sets_cookie = n == "cookie"
            || n.contains("setcookie")
            || n.contains("set_cookie")
            || (n == "set" && c.written.to_ascii_lowercase().contains("cookie"));
        sets_cookie && cookie_name(src, c).is_some_and(|name| credential_cookie(&name))
    });
    if in_session_call {
        return true;
    }
    let target = node
        .child_by_field_name("left")
        .map_or("", |l| src.text_of(l))
        .to_ascii_lowercase();
    if target.contains("session") || target.contains("cookie") {
        return true;
    }
    if src.language == Language::Php
        && let Some(array) = ancestor(node, &["array_creation_expression"])
    {
        let text = src.text_of(array);
        return text.contains("'expire_on_close'")
            || text.contains("'driver'") && text.contains("'cookie'");
    }
    false
}

/// Seconds of a duration expression; a bare number is in `unit` seconds.
fn duration(src: &Source<'_>, node: Node<'_>, unit: f64) -> Option<f64> {
    match eval(src, node)? {
        Value::Number(n) => Some(n * unit),
        Value::Seconds(s) => Some(s),
    }
}

#[derive(Clone, Copy)]
enum Value {
    Number(f64),
    Seconds(f64),
}

fn unit_seconds(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    let w = w
        .trim_start_matches("from")
        .trim_start_matches("of")
        .trim_start_matches('_');
    Some(match w {
        "ms" | "millis" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        "month" | "months" => 2_592_000.0,
        "y" | "year" | "years" => 31_536_000.0,
        _ => return None,
    })
}

fn eval(src: &Source<'_>, node: Node<'_>) -> Option<Value> {
    let node = unwrap(node);
    if let Some(n) = number(src, node) {
        return Some(Value::Number(n));
    }
    let text = src.text_of(node).trim();
    // "Never expires" in Java's and C#'s words.
    if matches!(
        text,
        "Integer.MAX_VALUE" | "int.MaxValue" | "Int32.MaxValue"
    ) {
        return Some(Value::Number(f64::from(i32::MAX)));
    }
    // Go's `time.Hour`, `time.Minute`.
    if let Some(unit) = text
        .strip_prefix("time.")
        .and_then(|u| unit_seconds(u.trim_end_matches("s")))
    {
        return Some(Value::Seconds(unit));
    }
    // `"30d"`, `"2 hours"`.
    if let Some(s) = string(src, node) {
        return parse_duration_string(&s).map(Value::Seconds);
    }
    match node.kind() {
        "binary_operator" | "binary_expression" | "binary" => {
            let left = eval(src, node.child_by_field_name("left")?)?;
            let right = eval(src, node.child_by_field_name("right")?)?;
            let op = src
                .text
                .get(
                    node.child_by_field_name("left")?.end_byte()
                        ..node.child_by_field_name("right")?.start_byte(),
                )?
                .trim();
            match (op, left, right) {
                ("*", Value::Number(a), Value::Seconds(b))
                | ("*", Value::Seconds(b), Value::Number(a)) => Some(Value::Seconds(a * b)),
                ("+", Value::Seconds(a), Value::Seconds(b)) => Some(Value::Seconds(a + b)),
                _ => None,
            }
        }
        _ => call_duration(src, node),
    }
}

/// `timedelta(days=30)`, `TimeSpan.FromDays(30)`, `Duration.ofDays(30)`, `Duration::days(30)`,
/// `Duration::from_secs(n)`, `30.days`, `ms("30d")`, `time.Duration(30) * time.Minute`.
fn call_duration(src: &Source<'_>, node: Node<'_>) -> Option<Value> {
    let text = src.text_of(node).trim();
    // Ruby `30.days` (a call without arguments on a number).
    if src.language == Language::Ruby
        && let Some((n, unit)) = text.rsplit_once('.')
        && let (Ok(n), Some(u)) = (n.trim().replace('_', "").parse::<f64>(), unit_seconds(unit))
    {
        return Some(Value::Seconds(n * u));
    }
    let (callee, args) = match node.kind() {
        "call" | "call_expression" | "invocation_expression" => (
            node.child_by_field_name("function")
                .or_else(|| node.child_by_field_name("method"))?,
            node.child_by_field_name("arguments")?,
        ),
        "method_invocation" => (
            node.child_by_field_name("name")?,
            node.child_by_field_name("arguments")?,
        ),
        "object_creation_expression" => (
            node.child_by_field_name("type")?,
            node.child_by_field_name("arguments")?,
        ),
        _ => return None,
    };
    let callee_text = src.text_of(callee);
    let name = callee_text.rsplit(['.', ':']).next().unwrap_or(callee_text);
    // A duration converted to a number: `Duration.ofDays(30).getSeconds()`,
    // `timedelta(days=30).total_seconds()`.
    if matches!(
        name,
        "getSeconds" | "toSeconds" | "total_seconds" | "toMillis" | "as_secs"
    ) {
        let receiver = node
            .child_by_field_name("object")
            .or_else(|| callee.child_by_field_name("object"))
            .or_else(|| callee.child_by_field_name("value"))?;
        let Value::Seconds(s) = eval(src, receiver)? else {
            return None;
        };
        return Some(Value::Number(if name == "toMillis" {
            s * 1000.0
        } else {
            s
        }));
    }
    let args: Vec<Node<'_>> = crate::syntax::value::statements(args)
        .into_iter()
        .map(unwrap)
        .collect();
    if name == "timedelta" {
        let mut total = 0.0;
        for (i, a) in args.iter().enumerate() {
            if a.kind() == "keyword_argument" {
                let k = src.text_of(a.child_by_field_name("name")?);
                let v = number(src, a.child_by_field_name("value")?)?;
                total += v * unit_seconds(k)?;
            } else {
                // timedelta(days, seconds, microseconds, ...)
                let v = number(src, *a)?;
                total += v * [86_400.0, 1.0, 0.000_001][i.min(2)];
            }
        }
        return Some(Value::Seconds(total));
    }
    if name == "ms" {
        return parse_duration_string(&string(src, *args.first()?)?).map(Value::Seconds);
    }
    if name == "Duration" && src.language == Language::Go {
        return number(src, *args.first()?).map(|n| Value::Number(n / 1e9));
    }
    if name == "TimeSpan" && args.len() >= 3 {
        let nums: Vec<f64> = args.iter().filter_map(|a| number(src, *a)).collect();
        let units: &[f64] = if nums.len() == 3 {
            &[3600.0, 60.0, 1.0]
        } else {
            &[86_400.0, 3600.0, 60.0, 1.0]
        };
        return Some(Value::Seconds(
            nums.iter().zip(units).map(|(n, u)| n * u).sum(),
        ));
    }
    let unit = unit_seconds(name)?;
    let n = number(src, *args.first()?)?;
    Some(Value::Seconds(n * unit))
}

fn parse_duration_string(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().ok()?;
    Some(n * unit_seconds(unit.trim())?)
}

/// Seconds in the largest unit that keeps the number readable.
fn human(seconds: f64) -> String {
    const UNITS: &[(f64, &str)] = &[
        (31_536_000.0, "year"),
        (86_400.0, "day"),
        (3600.0, "hour"),
        (60.0, "minute"),
        (1.0, "second"),
    ];
    for (size, name) in UNITS {
        if seconds >= *size {
            let n = seconds / size;
            let n = if (n - n.round()).abs() < 0.05 {
                format!("{}", n.round() as i64)
            } else {
                format!("{n:.1}")
            };
            let plural = if n == "1" { "" } else { "s" };
            return format!("{n} {name}{plural}");
        }
    }
    format!("{} ms", (seconds * 1000.0).round())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_units() {
        assert_eq!(human(2_592_000.0), "30 days");
        assert_eq!(human(3600.0), "1 hour");
        assert_eq!(human(5400.0), "1.5 hours");
        assert_eq!(human(31_536_000.0), "1 year");
        assert_eq!(parse_duration_string("30d"), Some(2_592_000.0));
        assert_eq!(parse_duration_string("2 hours"), Some(7200.0));
    }
}
