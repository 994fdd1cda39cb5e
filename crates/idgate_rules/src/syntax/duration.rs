//! Reading durations out of code, in every grammar: `timedelta(days=90)`, `60 * 60 * 24 * 90`,
//! jsonwebtoken's `'7d'`, Go's `24 * time.Hour`, Java's `Duration.ofDays(30)` and
//! `System.currentTimeMillis() + 1000L * 60 * 60`, C#'s `DateTime.UtcNow.AddDays(30)`, Ruby's
//! `30.days.from_now`, PHP's `time() + 3600`, Rust's `Duration::from_secs(3600)`.
//!
//! The evaluator is deliberately small: literals, arithmetic, the time APIs above and names bound
//! to such values in the same file. Anything else is unknown (`None`), never guessed.

use super::words;
use idgate_lang::Source;
use tree_sitter::Node;

use super::generic::{call_shape, string_literal, unwrap};

/// A value met while evaluating: a plain number, a duration, or "now" on some clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value {
    /// A number without a unit.
    Number(f64),
    /// A duration in seconds.
    Seconds(f64),
    /// The current time on a clock whose unit is this many seconds (`time()` 1,
    /// `System.currentTimeMillis()` 0.001), or a date-time object (0).
    Now(f64),
}

/// How names bound elsewhere in the file are looked up (`ACCESS_TTL = 15 * 60`).
pub(crate) type Lookup<'l, 't> = &'l dyn Fn(&str) -> Option<Node<'t>>;

/// Evaluate `node` to a value (depth-limited; `lookup` resolves bare names).
pub(crate) fn evaluate<'t>(
    src: &Source<'_>,
    node: Node<'t>,
    lookup: Option<Lookup<'_, 't>>,
) -> Option<Value> {
    eval(src, node, lookup, 0)
}

/// The duration `node` stands for, in seconds; a bare number counts in `unit` seconds. A
/// point in time "now + d" counts as `d`.
pub(crate) fn seconds<'t>(
    src: &Source<'_>,
    node: Node<'t>,
    unit: f64,
    lookup: Option<Lookup<'_, 't>>,
) -> Option<f64> {
    match evaluate(src, node, lookup)? {
        Value::Number(n) => Some(n * unit),
        Value::Seconds(s) => Some(s),
        Value::Now(_) => None,
    }
    .filter(|s| s.is_finite() && *s >= 0.0)
}

/// The unit a setting name implies for a bare number (`ACCESS_TOKEN_EXPIRE_MINUTES` → 60,
/// `maxAgeMs` → 0.001), if any.
pub(crate) fn unit_of_name(name: &str) -> Option<f64> {
    let words = words(name);
    let has = |w: &[&str]| words.iter().any(|x| w.contains(&x.as_str()));
    if has(&["ms", "millis", "milliseconds", "msec"]) {
        Some(0.001)
    } else if has(&["minutes", "minute", "mins", "min"]) {
        Some(60.0)
    } else if has(&["hours", "hour", "hrs", "hr", "h"]) {
        Some(3600.0)
    } else if has(&["days", "day"]) {
        Some(86400.0)
    } else if has(&["seconds", "second", "secs", "sec", "s"]) {
        Some(1.0)
    } else {
        None
    }
}

/// A duration in words: "15 minutes", "90 days", "1.5 hours".
pub(crate) fn human(seconds: f64) -> String {
    const UNITS: &[(f64, &str)] = &[
        (365.0 * 86400.0, "year"),
        (7.0 * 86400.0, "week"),
        (86400.0, "day"),
        (3600.0, "hour"),
        (60.0, "minute"),
        (1.0, "second"),
    ];
    if seconds < 1.0 {
        return format!("{} ms", (seconds * 1000.0).round());
    }
    let show = |n: f64, name: &str| {
        let n = (n * 10.0).round() / 10.0;
        let shown = if (n - n.round()).abs() < 1e-9 {
            format!("{}", n as u64)
        } else {
            format!("{n}")
        };
        let plural = if shown == "1" { "" } else { "s" };
        format!("{shown} {name}{plural}")
    };
    // The largest unit that gives a whole, readable number ("90 days", not "12.9 weeks")...
    for (size, name) in UNITS {
        let n = seconds / size;
        if (1.0..1000.0).contains(&n) && (n - n.round()).abs() < 1e-9 {
            return show(n, name);
        }
    }
    // ...or the largest unit that is at least one, to a decimal.
    for (size, name) in UNITS {
        let n = seconds / size;
        if n >= 1.0 {
            return show(n, name);
        }
    }
    show(seconds, "second")
}

/// A jsonwebtoken / vercel `ms` string: `"7d"`, `"10m"`, `"2 hours"`, `"1.5h"`, `"3600"`.
pub(crate) fn parse_ms_string(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number.parse().ok()?;
    let unit = unit.trim();
    let scale = match unit {
        "" => return Some(n / 1000.0),
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86400.0,
        "w" | "week" | "weeks" => 7.0 * 86400.0,
        "y" | "yr" | "yrs" | "year" | "years" => 365.25 * 86400.0,
        _ => return None,
    };
    Some(n * scale)
}

/// An ISO 8601 duration (`PT15M`, `P30D`, `P1DT2H`), as PHP's `DateInterval` takes.
fn parse_iso(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_uppercase();
    let body = t.strip_prefix('P')?;
    let mut total = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for c in body.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' | '.' => number.push(c),
            _ => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                total += n * match (c, in_time) {
                    ('Y', false) => 365.0 * 86400.0,
                    ('M', false) => 30.0 * 86400.0,
                    ('W', false) => 7.0 * 86400.0,
                    ('D', false) => 86400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total)
}

/// A relative time as `strtotime`/`modify` take it: `+1 hour`, `+30 days`.
fn parse_relative(text: &str) -> Option<f64> {
    let t = text.trim().trim_start_matches('+').trim();
    parse_ms_string(&t.replace(' ', "")).filter(|_| t.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Seconds per unit of a named time unit (`days`, `Hours`, `MINUTES`, `from_secs`).
fn unit_word(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    let w = w
        .trim_start_matches("from_")
        .trim_start_matches("from")
        .trim_start_matches("of")
        .trim_start_matches("add")
        .trim_start_matches("plus")
        .trim_start_matches("try_");
    Some(match w {
        "nanos" | "nanoseconds" | "nanosecond" => 1e-9,
        "micros" | "microseconds" | "microsecond" => 1e-6,
        "millis" | "milliseconds" | "millisecond" | "ms" => 0.001,
        "secs" | "seconds" | "second" | "sec" => 1.0,
        "mins" | "minutes" | "minute" => 60.0,
        "hours" | "hour" => 3600.0,
        "days" | "day" => 86400.0,
        "weeks" | "week" => 7.0 * 86400.0,
        "months" | "month" => 30.0 * 86400.0,
        "years" | "year" => 365.0 * 86400.0,
        _ => return None,
    })
}

fn number_literal(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| *c != '_' && *c != '\'').collect();
    let t = t.to_ascii_lowercase();
    for suffix in [
        "u64", "u32", "i64", "i32", "usize", "isize", "f64", "f32", "ul", "lu", "l", "u", "d", "f",
        "m",
    ] {
        if let Some(stripped) = t.strip_suffix(suffix)
            && !stripped.is_empty()
            && !t.starts_with("0x")
        {
            return stripped.parse().ok();
        }
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(|v| v as f64);
    }
    t.parse().ok()
}

fn eval<'t>(
    src: &Source<'_>,
    node: Node<'t>,
    lookup: Option<Lookup<'_, 't>>,
    depth: u8,
) -> Option<Value> {
    if depth > 12 {
        return None;
    }
    let node = unwrap(node);
    let text = src.text_of(node);
    let recur = |n: Node<'t>| eval(src, n, lookup, depth + 1);
    match node.kind() {
        "integer"
        | "float"
        | "number"
        | "int_literal"
        | "float_literal"
        | "integer_literal"
        | "real_literal"
        | "decimal_integer_literal"
        | "decimal_floating_point_literal"
        | "hex_integer_literal" => number_literal(text).map(Value::Number),
        "binary_expression" | "binary_operator" | "binary" => {
            let left = node.child_by_field_name("left")?;
            let right = node.child_by_field_name("right")?;
            let op = node
                .child_by_field_name("operator")
                .map(|o| src.text_of(o).to_string())
                .or_else(|| {
                    let between = &src.text[left.end_byte()..right.start_byte()];
                    Some(between.trim().to_string())
                })?;
            combine(recur(left)?, &op, recur(right)?)
        }
        "unary_expression" | "unary_operator" => {
            let arg = node
                .child_by_field_name("argument")
                .or_else(|| node.child_by_field_name("operand"))
                .or_else(|| node.named_child(0))?;
            match (text.trim_start().chars().next(), recur(arg)?) {
                (Some('-'), Value::Number(n)) => Some(Value::Number(-n)),
                (Some('+'), v) => Some(v),
                _ => None,
            }
        }
        // Rust `x as usize`, C#/Java `(long) x`.
        "type_cast_expression" | "cast_expression" => {
            let value = node
                .child_by_field_name("value")
                .or_else(|| node.named_child(node.named_child_count().saturating_sub(1) as u32))?;
            recur(value)
        }
        "identifier" | "constant" | "name" | "variable_name" => {
            let lookup = lookup?;
            let name = text.trim_start_matches('$');
            let value = lookup(name)?;
            if value.id() == node.id() {
                return None;
            }
            recur(value)
        }
        // Go `time.Hour`, Java `TimeUnit.HOURS`, Rust `Duration::SECOND`.
        "selector_expression"
        | "field_access"
        | "scoped_identifier"
        | "member_access_expression"
        | "attribute"
        | "member_expression"
        | "class_constant_access_expression" => {
            let last = text.rsplit(['.', ':']).next().unwrap_or(text);
            if let Some(unit) = unit_word(last)
                && text.contains("time.")
            {
                return Some(Value::Seconds(unit));
            }
            // `DateTime.UtcNow`, `Date.now`, `Instant.now`... without a call.
            if matches!(last, "UtcNow" | "Now" | "utcnow" | "now") {
                return Some(Value::Now(0.0));
            }
            let lookup = lookup?;
            let value = lookup(last)?;
            recur(value)
        }
        _ => {
            if let Some(s) = string_literal(src, node) {
                return parse_ms_string(&s).map(Value::Seconds);
            }
            call(src, node, lookup, depth)
        }
    }
}

fn combine(a: Value, op: &str, b: Value) -> Option<Value> {
    use Value::*;
    Some(match (a, op, b) {
        (Number(x), "*", Number(y)) => Number(x * y),
        (Number(x), "+", Number(y)) => Number(x + y),
        (Number(x), "-", Number(y)) => Number(x - y),
        (Number(x), "/", Number(y)) if y != 0.0 => Number(x / y),
        (Number(x), "*", Seconds(s)) | (Seconds(s), "*", Number(x)) => Seconds(x * s),
        (Seconds(s), "/", Number(x)) if x != 0.0 => Seconds(s / x),
        (Seconds(x), "+", Seconds(y)) => Seconds(x + y),
        (Seconds(x), "-", Seconds(y)) => Seconds(x - y),
        // A clock read plus an offset: the offset, in the clock's unit.
        (Now(unit), "+", Number(n)) | (Number(n), "+", Now(unit)) if unit > 0.0 => {
            Seconds(n * unit)
        }
        (Now(_), "+", Seconds(s)) | (Seconds(s), "+", Now(_)) => Seconds(s),
        // `Date.now() / 1000` is a clock in seconds.
        (Now(unit), "/", Number(n)) if n > 0.0 => Now(unit * n),
        _ => return None,
    })
}

/// Calls that read the current time. Their unit in seconds depends on the language.
const CLOCKS: &[&str] = &[
    "time",
    "currentTimeMillis",
    "nanoTime",
    "now",
    "utcnow",
    "today",
    "current",
    "Now",
    "UtcNow",
];

fn clock_unit(language: idgate_lang::Language, name: &str) -> f64 {
    use idgate_lang::Language;
    match name {
        "time" => 1.0,
        "currentTimeMillis" => 0.001,
        "nanoTime" => 1e-9,
        // `Date.now()` counts milliseconds; Ruby's `Time.now + 3600` adds seconds.
        "now" if language.is_js_family() => 0.001,
        "now" | "current" if language == Language::Ruby => 1.0,
        _ => 0.0,
    }
}

/// Methods that turn a point in time into a number on a clock of this unit.
const TO_EPOCH: &[(&str, f64)] = &[
    ("getTime", 0.001),
    ("valueOf", 0.001),
    ("Unix", 1.0),
    ("UnixMilli", 0.001),
    ("timestamp", 1.0),
    ("timestamp_millis", 0.001),
    ("to_i", 1.0),
    ("getTimestamp", 1.0),
    ("getEpochSecond", 1.0),
    ("toEpochMilli", 0.001),
    ("toEpochSecond", 1.0),
    ("ToUnixTimeSeconds", 1.0),
    ("ToUnixTimeMilliseconds", 0.001),
];

/// Methods that turn a duration into a number of this unit.
const DURATION_TO_NUMBER: &[(&str, f64)] = &[
    ("toMillis", 0.001),
    ("toSeconds", 1.0),
    ("getSeconds", 1.0),
    ("as_secs", 1.0),
    ("as_millis", 0.001),
    ("num_seconds", 1.0),
    ("TotalSeconds", 1.0),
    ("TotalMilliseconds", 0.001),
    ("total_seconds", 1.0),
    ("Seconds", 1.0),
    ("Milliseconds", 0.001),
];

fn call<'t>(
    src: &Source<'_>,
    node: Node<'t>,
    lookup: Option<Lookup<'_, 't>>,
    depth: u8,
) -> Option<Value> {
    let shape = call_shape(src, node)?;
    let name = shape.name.as_str();
    let recur = |n: Node<'t>| eval(src, n, lookup, depth + 1);
    let first = shape.args.first().copied();
    // Python `timedelta(days=1, hours=2)` and Rust/Java/C# `Duration::hours(2)` style.
    if matches!(name, "timedelta" | "relativedelta") {
        let mut total = 0.0;
        for (i, arg) in shape.args.iter().enumerate() {
            if arg.kind() == "keyword_argument" {
                let key = src.text_of(arg.child_by_field_name("name")?);
                let unit = unit_word(key)?;
                total += as_number(recur(arg.child_by_field_name("value")?)?)? * unit;
            } else {
                let unit = [86400.0, 1.0, 1e-6, 0.001, 60.0, 3600.0, 7.0 * 86400.0].get(i)?;
                total += as_number(recur(*arg)?)? * unit;
            }
        }
        return Some(Value::Seconds(total));
    }
    // Clocks: `time()`, `System.currentTimeMillis()`, `Date.now()`, `datetime.now(tz)`.
    if CLOCKS.contains(&name) && (shape.args.is_empty() || matches!(name, "now" | "utcnow" | "Now"))
    {
        return Some(Value::Now(clock_unit(src.language, name)));
    }
    // `now.timestamp()`, `Time.now.to_i`, `time.Now().Add(d).Unix()`.
    if shape.args.is_empty()
        && let Some((_, unit)) = TO_EPOCH.iter().find(|(c, _)| *c == name)
    {
        return match recur(shape.receiver?)? {
            Value::Now(_) => Some(Value::Now(*unit)),
            Value::Seconds(s) => Some(Value::Seconds(s)),
            Value::Number(_) => None,
        };
    }
    // `Duration.ofMinutes(15).toMillis()`, `d.as_secs()`.
    if shape.args.is_empty()
        && let Some((_, unit)) = DURATION_TO_NUMBER.iter().find(|(c, _)| *c == name)
    {
        return match recur(shape.receiver?)? {
            Value::Seconds(s) => Some(Value::Number(s / unit)),
            _ => None,
        };
    }
    // Wrappers that keep the value: `int(...)`, `Math.floor(...)`, `Date(...)`.
    if matches!(
        name,
        "int"
            | "floor"
            | "round"
            | "ceil"
            | "trunc"
            | "Number"
            | "parseInt"
            | "Date"
            | "intval"
            | "Duration"
            | "float"
            | "NewNumericDate"
            | "NumericDate"
            | "from"
            | "Some"
            | "Int64"
            | "int64"
            | "long"
            | "Long"
            | "valueOf"
    ) && shape.args.len() == 1
    {
        return recur(first?);
    }
    // `30.days`, `1.hour` (Ruby): the receiver is the count.
    if shape.args.is_empty()
        && let Some(unit) = unit_word(name)
        && let Some(recv) = shape.receiver
        && let Some(Value::Number(n)) = recur(recv)
    {
        return Some(Value::Seconds(n * unit));
    }
    // `30.days.from_now`, `.since(now)`, `.after`, `.later`.
    if matches!(name, "from_now" | "since" | "after" | "later" | "ago")
        && let Some(recv) = shape.receiver
    {
        return match recur(recv)? {
            Value::Seconds(s) => Some(Value::Seconds(s)),
            _ => None,
        };
    }
    // `Duration.ofDays(30)`, `TimeSpan.FromHours(1)`, `Duration::from_secs(60)`,
    // `chrono::Duration::days(1)`, `now.AddDays(30)`, `instant.plusSeconds(3600)`,
    // `time.Now().Add(24 * time.Hour)`, `TimeUnit.HOURS.toMillis(1)`.
    if let Some(unit) = unit_word(name)
        && shape.args.len() == 1
    {
        let v = recur(first?)?;
        return Some(Value::Seconds(as_number(v)? * unit));
    }
    if let Some(rest) = name.strip_prefix("to")
        && let Some(out_unit) = unit_word(rest)
        && shape.args.len() == 1
        && let Some(recv) = shape.receiver
    {
        // `TimeUnit.HOURS.toMillis(1)`: a number of milliseconds.
        let recv_text = src.text_of(recv);
        let in_unit = unit_word(recv_text.rsplit(['.', ':']).next().unwrap_or(recv_text))?;
        let n = as_number(recur(first?)?)?;
        return Some(Value::Number(n * in_unit / out_unit));
    }
    match name {
        // `time.Now().Add(d)`, `datetime.now() + d` is a binary expression; `Add` on a clock.
        "Add" | "add" | "plus" | "AddDate" if shape.args.len() == 1 => match recur(first?)? {
            Value::Seconds(s) => Some(Value::Seconds(s)),
            _ => None,
        },
        // Go `time.Duration(n) * time.Second` is handled by the wrapper list; `new TimeSpan(h, m, s)`.
        "TimeSpan" if shape.args.len() == 3 => {
            let h = as_number(recur(shape.args[0])?)?;
            let m = as_number(recur(shape.args[1])?)?;
            let s = as_number(recur(shape.args[2])?)?;
            Some(Value::Seconds(h * 3600.0 + m * 60.0 + s))
        }
        "DateInterval" => parse_iso(&string_literal(src, first?)?).map(Value::Seconds),
        "strtotime" | "modify" => parse_relative(&string_literal(src, first?)?).map(Value::Seconds),
        _ => None,
    }
}

fn as_number(v: Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idgate_lang::Language;

    /// Evaluate the value bound to `x` in `text`.
    fn secs(language: Language, text: &str, unit: f64) -> Option<f64> {
        let src = idgate_lang::parse(language, text).unwrap();
        let facts = crate::syntax::facts::Facts::of(&src);
        let value = facts.bindings.iter().find(|b| b.name == "x")?.value;
        let bindings: Vec<(String, Node<'_>)> = facts
            .bindings
            .iter()
            .map(|b| (b.name.clone(), b.value))
            .collect();
        let lookup = |name: &str| bindings.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        seconds(&src, value, unit, Some(&lookup))
    }

    #[test]
    fn durations_in_every_language() {
        let day = 86400.0;
        let cases: &[(Language, &str, f64, f64)] = &[
            (
                Language::Python,
                "x = timedelta(days=90)\n",
                1.0,
                90.0 * day,
            ),
            (
                Language::Python,
                "x = datetime.utcnow() + timedelta(minutes=15)\n",
                1.0,
                900.0,
            ),
            (Language::Python, "x = 60 * 60 * 24 * 90\n", 1.0, 90.0 * day),
            (Language::Python, "TTL = 15\nx = TTL * 60\n", 1.0, 900.0),
            (
                Language::Python,
                "x = int(time.time()) + 3600\n",
                1.0,
                3600.0,
            ),
            (Language::JavaScript, "const x = '7d';\n", 1.0, 7.0 * day),
            (Language::JavaScript, "const x = '10m';\n", 1.0, 600.0),
            (
                Language::JavaScript,
                "const x = Math.floor(Date.now() / 1000) + 60 * 60;\n",
                1.0,
                3600.0,
            ),
            (Language::TypeScript, "const x = 3600;\n", 1.0, 3600.0),
            (
                Language::Go,
                "package a\nvar x = time.Hour * 24 * 30\n",
                1.0,
                30.0 * day,
            ),
            (
                Language::Go,
                "package a\nvar x = time.Now().Add(15 * time.Minute)\n",
                1.0,
                900.0,
            ),
            (
                Language::Go,
                "package a\nvar x = time.Now().Add(time.Hour * 2).Unix()\n",
                1.0,
                7200.0,
            ),
            (
                Language::Java,
                "class A { Duration x = Duration.ofMinutes(15); }",
                1.0,
                900.0,
            ),
            (
                Language::Java,
                "class A { Date x = new Date(System.currentTimeMillis() + 1000L * 60 * 60); }",
                1.0,
                3600.0,
            ),
            (
                Language::Java,
                "class A { Instant x = Instant.now().plusSeconds(3600); }",
                1.0,
                3600.0,
            ),
            (
                Language::Java,
                "class A { long x = TimeUnit.DAYS.toMillis(7); }",
                0.001,
                7.0 * day,
            ),
            (
                Language::CSharp,
                "class A { DateTime x = DateTime.UtcNow.AddDays(30); }",
                1.0,
                30.0 * day,
            ),
            (
                Language::CSharp,
                "class A { TimeSpan x = TimeSpan.FromHours(1); }",
                1.0,
                3600.0,
            ),
            (Language::Ruby, "x = 30.days.from_now\n", 1.0, 30.0 * day),
            (Language::Ruby, "x = Time.now.to_i + 3600\n", 1.0, 3600.0),
            (Language::Ruby, "x = Time.now + 2 * 3600\n", 1.0, 7200.0),
            (
                Language::CSharp,
                "class A { long x = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600; }",
                1.0,
                600.0,
            ),
            (
                Language::Java,
                "class A { long x = Duration.ofMinutes(15).toMillis(); }",
                0.001,
                900.0,
            ),
            (Language::Php, "<?php\n$x = time() + 3600;\n", 1.0, 3600.0),
            (
                Language::Php,
                "<?php\n$x = new DateInterval('PT15M');\n",
                1.0,
                900.0,
            ),
            (
                Language::Rust,
                "fn f() { let x = Duration::from_secs(60 * 60); }",
                1.0,
                3600.0,
            ),
            (
                Language::Rust,
                "fn f() { let x = chrono::Duration::days(7); }",
                1.0,
                7.0 * day,
            ),
            (
                Language::Rust,
                "fn f() { let x = Utc::now() + Duration::hours(1); }",
                1.0,
                3600.0,
            ),
            (
                Language::Python,
                "ACCESS_TOKEN_EXPIRE_MINUTES = 30\nx = ACCESS_TOKEN_EXPIRE_MINUTES\n",
                60.0,
                1800.0,
            ),
        ];
        for (language, text, unit, want) in cases {
            let got = secs(*language, text, *unit);
            assert!(
                got.is_some_and(|g| (g - want).abs() < 1e-6),
                "{}: {text:?} gave {got:?}, wanted {want}",
                language.id()
            );
        }
    }

    #[test]
    fn unknowns_stay_unknown() {
        for (language, text) in [
            (Language::Python, "x = settings.TTL\n"),
            (Language::Python, "x = f(3)\n"),
            (Language::JavaScript, "const x = 'soon';\n"),
            (Language::Go, "package a\nvar x = cfg.TTL\n"),
        ] {
            assert_eq!(secs(language, text, 1.0), None, "{text}");
        }
    }

    #[test]
    fn words_and_units() {
        assert_eq!(human(900.0), "15 minutes");
        assert_eq!(human(90.0 * 86400.0), "90 days");
        assert_eq!(human(3600.0), "1 hour");
        assert_eq!(human(7.0 * 86400.0), "1 week");
        assert_eq!(human(36.0 * 3600.0), "36 hours");
        assert_eq!(parse_ms_string("2 days"), Some(172800.0));
        assert_eq!(parse_ms_string("1.5h"), Some(5400.0));
        assert_eq!(parse_iso("P1DT2H"), Some(93600.0));
        assert_eq!(unit_of_name("ACCESS_TOKEN_EXPIRE_MINUTES"), Some(60.0));
        assert_eq!(unit_of_name("expires_in"), None);
        assert_eq!(unit_of_name("ttl_seconds"), Some(1.0));
        assert_eq!(unit_of_name("maxAgeMs"), Some(0.001));
        assert_eq!(unit_of_name("accessTokenExpiresInMinutes"), Some(60.0));
        assert_eq!(
            words("JWT_EXPIRATION_DELTA"),
            vec!["jwt", "expiration", "delta"]
        );
    }
}
