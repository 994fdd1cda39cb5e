//! Generic assignments: `password = "…"`, `client_secret: …`, `api_key=…`, `<password>…</password>`.
//!
//! A regex finds every `name <op> value` on a line that has a secret-ish keyword; [`score`] then
//! decides from the name (its words, not substrings: `bypass` is not `pass`), the value (length,
//! character classes, entropy, placeholders, references to environment variables or templates,
//! hashes, UUIDs, URLs, paths) and the file (a bare, unquoted value only counts in config files).
//! The best a generic finding gets is [`Confidence::Medium`]; in test, fixture and docs paths it
//! is not reported at all.

use crate::Confidence::{self, Low, Medium};
use crate::entropy::{char_classes, is_placeholder, shannon};
use crate::pattern::{Check, Pattern};

const ROTATE: &str = "Move the value to a secret manager or environment variable, then change it at its source (it is in the history)";

pub(crate) const PATTERNS: &[Pattern] = &[
    Pattern::raw(
        "IDS801",
        "generic",
        "generic-secret",
        "A secret-named variable, key or argument assigned a literal value",
        &["pass", "pw", "secret", "token", "key", "cred", "auth", "bearer"],
        concat!(
            "(?P<k>[A-Za-z0-9_.$@-]*?(?i:pass|pw|secret|token|key|cred|auth|bearer)[A-Za-z0-9_.$@-]*)[\"'\\]]{0,2}",
            "(?:\\s*:\\s*[A-Za-z_&*][A-Za-z0-9_.&'*<>|\\[\\]]*|\\s+[A-Za-z_][A-Za-z0-9_.\\[\\]]*)?",
            "\\s*(?P<op>=>|:=|===|!==|==|!=|\\?\\?=|\\|\\|=|=|:|\\(|,)\\s*",
            "(?:(?:\\[\\]byte\\(|Buffer\\.from\\()?(?:[rbuf]|@)?(?P<q>[\"'`])(?P<s>[^\"'`\\n]+?)[\"'`]|(?P<u>[^\\s\"'`,;)\\]}]+))",
        ),
        ROTATE,
    )
    .check(Check::Generic)
    .weak()
    .confidence(Medium)
    .rank(0),
    Pattern::raw(
        "IDS802",
        "generic",
        "generic-secret-xml",
        "A secret-named XML element with a literal value (<password>…</password>)",
        &["pass", "pw", "secret", "token", "key", "cred"],
        "<(?P<k>[A-Za-z_][A-Za-z0-9_.:-]*)>(?P<s>[^<>\\s]+)</[A-Za-z_][A-Za-z0-9_.:-]*>",
        ROTATE,
    )
    .check(Check::Generic)
    .weak()
    .confidence(Medium)
    .rank(0),
    Pattern::raw(
        "IDS803",
        "generic",
        "generic-secret-keyvalue",
        "A secret-named key/value pair (<add key=\"DbPassword\" value=\"…\"/>, {name: …, value: …})",
        &["pass", "pw", "secret", "token", "key", "cred"],
        "(?i:key|name)\\s*[=:]\\s*[\"'](?P<k>[A-Za-z_][A-Za-z0-9_.:-]*)[\"']\\s*,?\\s*(?i:value)\\s*[=:]\\s*(?P<q>[\"'])(?P<s>[^\"'\\n]+)[\"']",
        ROTATE,
    )
    .check(Check::Generic)
    .weak()
    .confidence(Medium)
    .rank(0),
];

/// Words that make a name secret-ish, and the kind they give.
const SECRET_WORDS: &[(&str, &str)] = &[
    ("password", "generic-password"),
    ("passwd", "generic-password"),
    ("pwd", "generic-password"),
    ("pw", "generic-password"),
    ("pass", "generic-password"),
    ("passphrase", "generic-password"),
    ("passcode", "generic-password"),
    ("secret", "generic-secret"),
    ("secrets", "generic-secret"),
    ("apikey", "generic-api-key"),
    ("accesskey", "generic-api-key"),
    ("secretkey", "generic-secret"),
    ("privatekey", "generic-private-key"),
    ("credential", "generic-credential"),
    ("credentials", "generic-credential"),
    ("creds", "generic-credential"),
    ("token", "generic-token"),
    ("accesstoken", "generic-token"),
    ("authtoken", "generic-token"),
    ("refreshtoken", "generic-token"),
    ("bearer", "generic-token"),
];

/// Two-word names that are secret-ish although neither word is.
const SECRET_PAIRS: &[(&str, &str, &str)] = &[
    ("api", "key", "generic-api-key"),
    ("access", "key", "generic-api-key"),
    ("private", "key", "generic-private-key"),
    ("signing", "key", "generic-secret"),
    ("encryption", "key", "generic-secret"),
    ("master", "key", "generic-secret"),
    ("auth", "key", "generic-api-key"),
    ("app", "key", "generic-api-key"),
    ("license", "key", "generic-api-key"),
    ("session", "key", "generic-secret"),
    ("hmac", "key", "generic-secret"),
];

/// Words that make a secret-ish name describe something else (a label, a length, a URL, a flag).
const STOP_WORDS: &[&str] = &[
    "name",
    "names",
    "field",
    "fields",
    "label",
    "url",
    "uri",
    "urls",
    "path",
    "file",
    "files",
    "dir",
    "type",
    "types",
    "prefix",
    "suffix",
    "len",
    "length",
    "id",
    "ids",
    "env",
    "var",
    "vars",
    "header",
    "headers",
    "param",
    "params",
    "policy",
    "regex",
    "pattern",
    "format",
    "hint",
    "message",
    "msg",
    "placeholder",
    "endpoint",
    "hash",
    "hashed",
    "digest",
    "expiry",
    "expires",
    "expiration",
    "expire",
    "ttl",
    "timeout",
    "count",
    "limit",
    "min",
    "max",
    "size",
    "version",
    "algorithm",
    "alg",
    "scope",
    "scopes",
    "mode",
    "provider",
    "class",
    "arn",
    "ref",
    "location",
    "source",
    "store",
    "manager",
    "service",
    "input",
    "error",
    "errors",
    "required",
    "enabled",
    "rotation",
    "validator",
    "strength",
    "reset",
    "forgot",
    "title",
    "text",
    "description",
    "help",
    "prompt",
    "button",
    "link",
    "page",
    "view",
    "route",
    "template",
    "public",
    "publishable",
    "pub",
    "question",
    "is",
    "has",
    "get",
    "check",
    "verify",
    "validate",
    "compare",
    "test",
    "dummy",
    "fake",
    "mock",
    "example",
    "sample",
    "placeholder",
    "default",
    "policy",
    "kind",
    "search",
    "keyid",
    "index",
    "column",
    "col",
    "table",
    "selector",
    "xpath",
    "css",
    "cache",
    "lock",
    "metric",
    "event",
    "events",
    "lifetime",
    "age",
    "duration",
    "bytes",
    "bits",
    "rounds",
    "iterations",
    "salt",
    "cost",
    "schema",
    "enum",
    "status",
    "state",
    "action",
    "callback",
    "handler",
    "generator",
    "factory",
    "class",
    "ui",
    "i18n",
    "translation",
];

/// Values that are words, not secrets.
const COMMON_VALUES: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "required",
    "optional",
    "string",
    "hidden",
    "text",
    "bearer",
    "basic",
    "oauth",
    "oauth2",
    "true",
    "false",
    "null",
    "none",
    "nil",
    "undefined",
    "default",
    "disabled",
    "enabled",
    "password123",
    "secret123",
    "admin123",
    "changeit",
    "letmein",
    "qwerty",
    "12345678",
    "123456789",
    "1234567890",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "authorization",
];

/// The verdict of the generic scorer: the kind, the confidence and the signals behind it.
pub(crate) struct GenericScore {
    pub(crate) kind: &'static str,
    pub(crate) confidence: Confidence,
    pub(crate) signals: Vec<&'static str>,
}

/// Split an identifier's last segment into lower-case words (`snake_case`, `kebab-case`,
/// `camelCase`, `SCREAMING_CASE`).
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let last = name
        .rsplit(['.', '$', '@', ':', '>'])
        .find(|s| !s.is_empty())
        .unwrap_or(name);
    let mut words = Vec::new();
    for part in last.split(['_', '-']) {
        let chars: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_ascii_uppercase()
                && (chars[i - 1].is_ascii_lowercase()
                    || chars[i - 1].is_ascii_digit()
                    || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
                        && chars[i - 1].is_ascii_uppercase());
            if boundary && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            words.push(cur);
        }
    }
    words
}

/// The secret kind a name implies, if any.
pub(crate) fn secret_kind(words: &[String]) -> Option<(&'static str, bool)> {
    if words.iter().any(|w| STOP_WORDS.contains(&w.as_str())) {
        return None;
    }
    // A pair anywhere in the name.
    for pair in words.windows(2) {
        for (a, b, kind) in SECRET_PAIRS {
            if pair[0] == *a && pair[1] == *b {
                return Some((kind, true));
            }
        }
    }
    for w in words {
        for (word, kind) in SECRET_WORDS {
            if w == word {
                // `token` alone is weak: token counts, token types and token URLs abound.
                let strong = !matches!(*word, "token" | "pass");
                return Some((kind, strong));
            }
        }
    }
    None
}

/// Whether the name's last word (or last two) is what makes it secret: `setPassword`,
/// `with_api_key`, `auth_token`, but not `load_password_from_line`.
pub(crate) fn ends_with_secret_word(name: &str) -> bool {
    let words = name_words(name);
    let n = words.len();
    n >= 1 && SECRET_WORDS.iter().any(|(w, _)| words[n - 1] == *w)
        || n >= 2
            && SECRET_PAIRS
                .iter()
                .any(|(a, b, _)| words[n - 2] == *a && words[n - 1] == *b)
}

/// Whether a value refers to something else instead of being a literal secret.
pub(crate) fn is_reference(v: &str) -> bool {
    let b = v.as_bytes();
    if b.is_empty() {
        return true;
    }
    if matches!(
        b[0],
        b'$' | b'%' | b'{' | b'<' | b'!' | b'&' | b'*' | b'@' | b'#' | b'(' | b'['
    ) {
        return true;
    }
    if v.contains("${") || v.contains("{{") || v.contains("#{") || v.contains("%(") {
        return true;
    }
    if v.contains('(') || v.contains('[') || v.contains("::") || v.contains("->") {
        return true; // a call or a path expression
    }
    if v.starts_with("ENC[") || v.starts_with("vault:") || v.starts_with("sm://") {
        return true;
    }
    // ALL_CAPS environment variable name, or a dotted identifier path like `settings.db.password`.
    let ident = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !s.as_bytes()[0].is_ascii_digit()
    };
    if v.bytes()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
        && v.contains('_')
    {
        return true;
    }
    if v.contains('.') && v.split('.').all(ident) && v.split('.').count() >= 2 {
        let letters_only = v.bytes().all(|c| !c.is_ascii_digit());
        if letters_only {
            return true;
        }
    }
    false
}

fn is_hex(v: &str) -> bool {
    v.bytes().all(|c| c.is_ascii_hexdigit())
}

fn is_uuid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// An identifier-like word: `snake_case`, `camelCase`, `kebab-case`, `PascalCase`, letters only,
/// with at most a third capitals and no run of three (random mixed case is not an identifier).
fn is_identifier_words(v: &str) -> bool {
    // `google_oauth2_credentials`: lower-case words with the odd version digit.
    let lower_words = v.contains(['_', '-'])
        && v.split(['_', '-']).all(|w| {
            let letters = w.bytes().filter(u8::is_ascii_lowercase).count();
            let digits = w.bytes().filter(u8::is_ascii_digit).count();
            letters >= 2 && digits <= 1 && letters + digits == w.len()
        });
    if lower_words {
        return true;
    }
    if !v
        .bytes()
        .all(|c| c.is_ascii_alphabetic() || c == b'_' || c == b'-')
    {
        return false;
    }
    let b = v.as_bytes();
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    if upper == 0 || lower == 0 {
        return true;
    }
    let no_runs = b.windows(3).all(|w| !w.iter().all(u8::is_ascii_uppercase));
    // Words of an identifier are long (`userPassword`, `IAmSensitive`); random mixed case
    // (`fpaciiEbXoJmBl`) breaks into short humps.
    let humps = 1
        + b.iter().skip(1).filter(|c| c.is_ascii_uppercase()).count()
        + b.iter().filter(|&&c| c == b'_' || c == b'-').count();
    let letters = upper + lower;
    no_runs && upper * 3 <= b.len() && letters >= 3 * humps
}

fn looks_like_path_or_url(v: &str) -> bool {
    // A resource name or an annotation key (`projects/123/secrets/db/versions/1`,
    // `run.googleapis.com/secrets`): lower-case segments, one of them a word.
    let resource = v.contains('/')
        && v.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'/' | b'.' | b'-' | b'_')
        })
        && v.split('/')
            .any(|seg| seg.len() >= 4 && seg.bytes().all(|c| c.is_ascii_lowercase()));
    resource
        || v.contains("://")
        || v.starts_with('/')
        || v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with("~/")
        || v.as_bytes().get(1) == Some(&b':') && v.as_bytes().get(2) == Some(&b'\\')
        || [
            ".pem", ".key", ".json", ".yaml", ".yml", ".txt", ".p12", ".pfx", ".crt", ".env",
            ".html", ".js", ".py",
        ]
        .iter()
        .any(|ext| v.to_ascii_lowercase().ends_with(ext))
}

/// Score a generic `name <op> value` candidate. `quoted` says whether the value was a string
/// literal; `config` whether the file is a config file (where bare values are literal).
pub(crate) fn score(name: &str, value: &str, quoted: bool, config: bool) -> Option<GenericScore> {
    if !quoted && !config {
        return None;
    }
    let words = name_words(name);
    let (kind, strong) = secret_kind(&words)?;
    let v = value;
    if v.trim() != v || v.starts_with("--") || v.starts_with("urn:") {
        return None; // a fragment of text or a command line, not a value
    }
    let n = v.chars().count();
    if !(8..=256).contains(&n) || v.contains(char::is_whitespace) {
        return None;
    }
    let lower = v.to_ascii_lowercase();
    if COMMON_VALUES.contains(&lower.as_str()) || is_placeholder(v) || is_reference(v) {
        return None;
    }
    if looks_like_path_or_url(v) {
        return None;
    }
    // The value is the name again (`PASSWORD: password`, `token = "api_token"`).
    let flat: String = words.concat();
    let vflat: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if vflat.contains(&flat) || (vflat.len() >= 5 && flat.contains(&vflat)) {
        return None;
    }
    if is_uuid(v) {
        return None;
    }
    if !v.is_ascii() {
        return None;
    }
    let h = shannon(v);
    let classes = char_classes(v);
    let mut signals = vec!["secret-name"];
    if quoted {
        signals.push("string-literal");
    }
    // Hex strings of hash lengths: only with a strong name, and only low confidence.
    if is_hex(v) && matches!(n, 32 | 40 | 64 | 128) {
        return strong.then(|| GenericScore {
            kind,
            confidence: Low,
            signals: {
                signals.push("hex-value");
                signals
            },
        });
    }
    if is_identifier_words(v) {
        return None; // `userPassword`, `auth-token-header`, `bearer_token`
    }
    let confidence = if strong {
        if n >= 12 && h >= 3.5 && classes >= 3 {
            Medium
        } else if n >= 8 && h >= 2.75 && classes >= 2 {
            Low
        } else {
            return None;
        }
    } else if n >= 16 && h >= 3.5 && classes >= 2 {
        Medium
    } else {
        return None;
    };
    signals.push("entropy");
    Some(GenericScore {
        kind,
        confidence,
        signals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(name_words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(name_words("clientSecret"), ["client", "secret"]);
        assert_eq!(name_words("self.apiKey"), ["api", "key"]);
        assert_eq!(name_words("AWSSecretKey"), ["aws", "secret", "key"]);
        assert_eq!(name_words("spring.datasource.password"), ["password"]);
        assert!(secret_kind(&name_words("bypass")).is_none());
        assert!(secret_kind(&name_words("password_field")).is_none());
        assert!(secret_kind(&name_words("keyboard")).is_none());
        assert_eq!(
            secret_kind(&name_words("api_key")).map(|k| k.0),
            Some("generic-api-key")
        );
    }

    #[test]
    fn values() {
        assert!(score("password", "Tr0ub4dor&3x", true, false).is_some());
        assert!(score("password", "Tr0ub4dor&3x", false, false).is_none());
        assert!(score("password", "Tr0ub4dor&3x", false, true).is_some());
        assert!(score("password", "${DB_PASSWORD}", true, true).is_none());
        assert!(score("password", "changeme", true, true).is_none());
        assert!(score("token", "os.environ", true, true).is_none());
        assert!(score("api_key", "YOUR_API_KEY", true, true).is_none());
        assert!(score("token", "userToken", true, true).is_none());
        assert!(score("password", "hunter", true, true).is_none());
        assert!(score("password", "IAmSensitive", true, true).is_none());
        assert!(score("password", "fpaciiEbXoJmBl", true, true).is_some());
    }
}
