//! IDG160 secret-compared-in-variable-time

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::value::{literal, unwrap};
use crate::syntax::words;
use crate::syntax::{descendants, enclosing_function_name, function_text};

declare_rule! {
    /// ## What it does
    /// Flags a secret — an HMAC, signature, digest, token, API key or password hash — compared
    /// with ordinary equality (`==`, `!=`, `===`, `.equals`, `Equals`, `strcmp`, `bytes.Equal`,
    /// `Arrays.equals`) instead of a constant-time function. An operand counts as a secret when
    /// its name says so (`signature`, `expected_mac`, `api_key`, `csrf_token`, `password_hash`) or
    /// when it is computed by an HMAC or digest call (`hmac.new(...).hexdigest()`,
    /// `createHmac(...).digest("hex")`, `OpenSSL::HMAC.hexdigest`), or when a plain local name
    /// was bound to a header, setting or environment variable read by a secret name
    /// (`tok := r.Header.Get("Authorization")`, `_key = cfg["Partner:ApiKey"]`). In a function
    /// named for checking a one-time code (`VerifyCode`, `check_otp`), a `code` or `pin` operand
    /// is the secret too.
    ///
    /// Comparisons with `None`/`null`/empty strings or other literals, length checks, and
    /// pagination or type fields (`next_token`, `token.type`) are not secrets compared and are
    /// not reported. In `idgate check`, a constant-time call the change replaced with `==` is
    /// reported whatever the names, with the old call as the "before".
    ///
    /// ## Why is this bad?
    /// Ordinary equality stops at the first differing byte, so it answers faster the fewer
    /// leading bytes match. Measuring enough requests lets an attacker recover a valid webhook
    /// signature, session token or API key one byte at a time, without ever knowing the key.
    ///
    /// ## Example
    /// ```python
    /// expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    /// if expected != request.headers["X-Signature"]:
    ///     abort(401)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if not hmac.compare_digest(expected, request.headers["X-Signature"]):
    ///     abort(401)
    /// ```
    /// Node: `crypto.timingSafeEqual`; Go: `subtle.ConstantTimeCompare` or `hmac.Equal`; Java:
    /// `MessageDigest.isEqual`; .NET: `CryptographicOperations.FixedTimeEquals`; Ruby:
    /// `ActiveSupport::SecurityUtils.secure_compare`; PHP: `hash_equals`; Rust: `subtle::ConstantTimeEq`.
    ///
    /// ## References
    /// - [CWE-208: Observable Timing Discrepancy](https://cwe.mitre.org/data/definitions/208.html)
    /// - [Python: `hmac.compare_digest`](https://docs.python.org/3/library/hmac.html#hmac.compare_digest)
    pub(crate) static RULE = {
        code: "IDG160",
        name: "secret-compared-in-variable-time",
        category: TimingUnsafeCompare,
        cwe: [208],
        severity: Medium,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: [
            "sig", "hmac", "mac", "digest", "token", "secret", "key", "hash", "otp", "jwt", "csrf",
            "authorization", "passcode", "code",
            "compare_digest", "timingSafeEqual", "ConstantTimeCompare", "isEqual", "FixedTimeEquals",
            "secure_compare", "hash_equals", "ct_eq", "constant_time"
        ],
        summary: "A secret, MAC, signature or token is compared with non-constant-time equality.",
        check: check,
    };
}

/// Constant-time comparison functions, by their last name segment.
const CONSTANT_TIME: &[&str] = &[
    "compare_digest",
    "timingSafeEqual",
    "ConstantTimeCompare",
    "Equal", // hmac.Equal (Go), checked with its receiver below
    "isEqual",
    "FixedTimeEquals",
    "secure_compare",
    "fixed_length_secure_compare",
    "hash_equals",
    "ct_eq",
    "constant_time_eq",
    "verify_slices_are_equal",
    "safeEqual",
    "safe_str_cmp",
];

/// Calls that compute a MAC or digest: their result is a secret to compare in constant time.
const MAC_CALLS: &[&str] = &[
    "hexdigest",
    "digest",
    "createHmac",
    "HMAC",
    "hmac",
    "hash_hmac",
    "compute_hmac",
    "sign",
    "ComputeHash",
    "HashData",
    "doFinal",
    "Sum",
    "finalize",
    "into_bytes",
    "hmac_sha256",
    "hmac_sha1",
    "hmacSha256",
    "HmacSHA256",
    "signature",
    "base64digest",
];

/// Name words of a one-time code (`code`, `pin`), a secret only in a function that checks one.
const OTP_CODE_WORDS: &[&str] = &["code", "pin", "otp", "totp", "passcode"];

/// Whether a function is named for checking a one-time code: a verb and code words only
/// (`VerifyCode`, `check_otp`, `validateMfaCode`, `confirmResetPin`), not `CheckStatusCode`.
fn otp_check_function(name: &str) -> bool {
    const VERBS: &[&str] = &["verify", "check", "validate", "confirm", "match", "compare"];
    const CONTEXT: &[&str] = &[
        "code",
        "pin",
        "otp",
        "totp",
        "hotp",
        "passcode",
        "mfa",
        "2fa",
        "sms",
        "email",
        "one",
        "time",
        "verification",
        "reset",
        "confirmation",
        "login",
        "auth",
        "two",
        "factor",
        "pending",
        "user",
        "security",
        "recovery",
        "backup",
    ];
    let w = words(name);
    w.first().is_some_and(|f| VERBS.contains(&f.as_str()))
        && w.len() >= 2
        && w[1..].iter().all(|x| CONTEXT.contains(&x.as_str()))
        && w[1..].iter().any(|x| OTP_CODE_WORDS.contains(&x.as_str()))
}

/// Name words that mark a secret.
const SECRET_WORDS: &[&str] = &[
    "signature",
    "sig",
    "hmac",
    "mac",
    "secret",
    "token",
    "otp",
    "totp",
    "hotp",
    "apikey",
    "passcode",
    "authorization",
    "jwt",
    "csrf",
    "xsrf",
];
/// Words that make a token-ish name something other than a secret.
const NOT_SECRET_WORDS: &[&str] = &[
    // A function's or model's signature (`default_model_signature`, `method_sig`).
    "model",
    "method",
    "function",
    "func",
    "callable",
    "field",
    "vars",
    "volume",
    "volumes",
    "type",
    "kind",
    "count",
    "len",
    "length",
    "size",
    "name",
    "page",
    "next",
    "prev",
    "continuation",
    "cursor",
    "sync",
    "expires",
    "expiry",
    "exp",
    "ttl",
    "id",
    "status",
    "format",
    "algorithm",
    "alg",
    "scheme",
    "prefix",
    "header",
    "url",
    "path",
    "address",
    "macos",
    "machine",
    "key_id",
    "kid",
    "version",
    "mode",
    "role",
    "scope",
    "scopes",
    "method",
    "previous",
    "current",
    "cur",
    "last",
    "first",
    "cancellation",
    "lexer",
    "parser",
    "syntax",
    "eof",
    "lookahead",
    "peek",
    "stream",
    "pair",
    "char",
    "literal",
    "verify",
    "check",
    "validate",
    "enabled",
    "required",
    "fingerprint",
    "is",
    "has",
    "use",
    "should",
    "allow",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let found = comparisons(cx.new, cx.facts());
    if found.is_empty() {
        return;
    }
    let facts = cx.facts();
    for c in found {
        let scope = enclosing_function_name(cx.new, c.node);
        // The same function of the old version compared these operands in constant time.
        let replaced = cx.old.zip(cx.old_facts()).and_then(|(old, old_facts)| {
            function_text(old, scope.as_deref())?;
            constant_time_before(old, old_facts, scope.as_deref(), &c, cx.new)
        });
        // Equality methods compare a value object's fields, not a credential with input.
        if matches!(
            scope.as_deref(),
            Some(
                "__eq__"
                    | "__ne__"
                    | "equals"
                    | "Equals"
                    | "eq"
                    | "ne"
                    | "compareTo"
                    | "hashCode"
                    | "GetHashCode"
            )
        ) && replaced.is_none()
        {
            continue;
        }
        // A tokenizer's or parser's tokens are syntax, not credentials (`self.token == token`
        // in a `Tokenizer`, `delimiters[i].token` in `processDelimiters`).
        // `new_cred.access_token != self.access_token`: two stored records compared to see
        // whether one changed; no caller presents either value.
        if replaced.is_none()
            && same_field(cx.new, c.left, c.right)
            && !input_like(cx.new, c.left)
            && !input_like(cx.new, c.right)
        {
            continue;
        }
        if replaced.is_none()
            && (in_syntax_code(cx.new, c.node, scope.as_deref())
                || [c.left, c.right].iter().any(|side| {
                    words(cx.new.text_of(*side))
                        .iter()
                        .any(|w| SYNTAX.contains(&w.as_str()))
                }))
        {
            continue;
        }
        let (left, right) = (level(cx.new, facts, c.left), level(cx.new, facts, c.right));
        // A strong secret (a signature, HMAC, API key, CSRF token) on either side; or a weaker
        // name (`token`, `sig`, `mac`) compared with another secret or with request input.
        let convincing = left == Level::Strong
            || right == Level::Strong
            || (left == Level::Weak && (right != Level::None || input_like(cx.new, c.right)))
            || (right == Level::Weak && input_like(cx.new, c.left));
        let secret = if convincing {
            secret_operand(cx.new, facts, c.left).or_else(|| secret_operand(cx.new, facts, c.right))
        } else {
            None
        };
        // In a function that checks a one-time code (`VerifyCode`, `check_otp`), the code the
        // caller presents is the secret.
        let secret = secret.or_else(|| {
            let function = scope.as_deref()?;
            otp_check_function(function).then_some(())?;
            [c.left, c.right].into_iter().find_map(|side| {
                let name = terminal_name(cx.new, unwrap(side))?;
                let w = words(&name);
                (w.iter().any(|x| OTP_CODE_WORDS.contains(&x.as_str()))
                    && !w.iter().any(|x| NOT_SECRET_WORDS.contains(&x.as_str())))
                .then(|| format!("The one-time code `{}`", short(cx.new.text_of(side))))
            })
        });
        let what = match (&secret, &replaced) {
            (Some(s), _) => s.clone(),
            (None, Some(_)) => format!("`{}`", short(cx.new.text_of(c.left))),
            (None, None) => continue,
        };
        if literal_operand(cx.new, c.left) || literal_operand(cx.new, c.right) {
            continue;
        }
        hits.push(Hit {
            start: c.node.start_byte(),
            end: c.node.end_byte(),
            message: format!(
                "{what} compared with `{}`, which returns at the first differing byte: an attacker can recover a valid value byte by byte from response times; compare with {}",
                c.op,
                fix(cx.new.language)
            ),
            before: replaced.clone(),
            after: Some(format!("variable-time `{}`", c.op)),
            measure: None,
        });
    }
}

/// Whether `node` is in a function or class whose name says it handles syntax: a tokenizer,
/// lexer, parser or scanner. (Not `parse`/`consume` alone: `parse_token` and
/// `consume_reset_token` check credentials.)
/// Whether both operands read the same field of two objects (`a.token == b.token`).
fn same_field(src: &Source<'_>, left: Node<'_>, right: Node<'_>) -> bool {
    let field = |n: Node<'_>| {
        let t = src.text_of(unwrap(n)).trim();
        let (object, field) = t.rsplit_once('.')?;
        (!object.is_empty()
            && !field.is_empty()
            && field.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| (object.to_string(), field.to_string()))
    };
    matches!((field(left), field(right)), (Some((a, f)), Some((b, g))) if f == g && a != b)
}

/// Words of code that handles syntax (see [`in_syntax_code`]).
const SYNTAX: &[&str] = &[
    "tokenizer",
    "tokenize",
    "tokenise",
    "lexer",
    "lex",
    "parser",
    "scanner",
    "grammar",
    "syntax",
    "delimiter",
    "delimiters",
];

fn in_syntax_code(src: &Source<'_>, node: Node<'_>, function: Option<&str>) -> bool {
    let class = crate::syntax::ancestor(
        node,
        &[
            "class_definition",
            "class_declaration",
            "class",
            "impl_item",
        ],
    )
    .and_then(|c| {
        c.child_by_field_name("name")
            .or_else(|| c.child_by_field_name("type"))
    })
    .map(|n| src.text_of(n).to_string());
    [function.map(str::to_string), class]
        .into_iter()
        .flatten()
        .any(|name| words(&name).iter().any(|w| SYNTAX.contains(&w.as_str())))
}

/// A name bound to a number (`_TOKEN_KEY = 2`, a parser's token kind): a kind or a counter,
/// not a credential.
fn numeric_constant(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> bool {
    let name = src.text_of(node).trim();
    binding_of(src, facts, node).is_some_and(|v| {
        let v = unwrap(v);
        matches!(
            v.kind(),
            "integer" | "int_literal" | "integer_literal" | "number" | "decimal_integer_literal"
        ) || (
            // An upper-case constant that holds one short lower-case word (`_TOKEN_KEY = 'key'`)
            // labels a kind; a secret's value is not a dictionary word.
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && crate::syntax::value::string(src, v).is_some_and(|t| {
                    !t.is_empty() && t.len() <= 12 && t.chars().all(|c| c.is_ascii_lowercase())
                })
        )
    })
}

/// An enum variant (`Tag::Signature`): a kind of thing, compared to tell kinds apart, never a
/// credential. (Not `Settings.ApiKey`: a dotted PascalCase pair may well hold a secret.)
fn enum_variant(src: &Source<'_>, node: Node<'_>) -> bool {
    let text = src.text_of(node).trim();
    // Generated API clients name enums so (`DnsKey.TypeValueValuesEnum.keySigning`).
    if text.contains("Enum.") {
        return true;
    }
    let Some((ty, variant)) = text.rsplit_once("::") else {
        return false;
    };
    let pascal = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s.chars().any(|c| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let ty = ty.rsplit(['.', ':']).next().unwrap_or(ty);
    pascal(ty) && pascal(variant)
}

fn fix(language: Language) -> &'static str {
    match language {
        Language::Python => "`hmac.compare_digest`",
        Language::JavaScript | Language::TypeScript | Language::Tsx => "`crypto.timingSafeEqual`",
        Language::Go => "`subtle.ConstantTimeCompare` or `hmac.Equal`",
        Language::Java => "`MessageDigest.isEqual`",
        Language::CSharp => "`CryptographicOperations.FixedTimeEquals`",
        Language::Ruby => {
            "`ActiveSupport::SecurityUtils.secure_compare` or `Rack::Utils.secure_compare`"
        }
        Language::Php => "`hash_equals`",
        Language::Rust => "`subtle::ConstantTimeEq::ct_eq` or `constant_time_eq`",
    }
}

/// An equality comparison of two operands.
struct Comparison<'t> {
    node: Node<'t>,
    left: Node<'t>,
    right: Node<'t>,
    op: String,
}

fn comparisons<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Comparison<'t>> {
    let mut out = Vec::new();
    for node in descendants(src.tree.root_node()) {
        match node.kind() {
            "comparison_operator" => {
                // Python: a single `==` / `!=` between two operands.
                if node.named_child_count() != 2 {
                    continue;
                }
                let (Some(left), Some(right)) = (node.named_child(0), node.named_child(1)) else {
                    continue;
                };
                let op = src
                    .text
                    .get(left.end_byte()..right.start_byte())
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if matches!(op.as_str(), "==" | "!=") {
                    out.push(Comparison {
                        node,
                        left,
                        right,
                        op,
                    });
                }
            }
            "binary_expression" | "binary" => {
                let (Some(left), Some(right)) = (
                    node.child_by_field_name("left"),
                    node.child_by_field_name("right"),
                ) else {
                    continue;
                };
                let op = node
                    .child_by_field_name("operator")
                    .map(|o| src.text_of(o).to_string())
                    .unwrap_or_else(|| {
                        src.text
                            .get(left.end_byte()..right.start_byte())
                            .unwrap_or("")
                            .trim()
                            .to_string()
                    });
                if matches!(op.as_str(), "==" | "!=" | "===" | "!==") {
                    out.push(Comparison {
                        node,
                        left,
                        right,
                        op,
                    });
                }
            }
            _ => {}
        }
    }
    for call in &facts.calls {
        if let Some((left, right, op)) = equality_call(src, call) {
            out.push(Comparison {
                node: call.node,
                left,
                right,
                op,
            });
        }
    }
    out.sort_by_key(|c| c.node.start_byte());
    out
}

/// `a.equals(b)`, `Arrays.equals(a, b)`, `bytes.Equal(a, b)`, `strcmp(a, b)`, `a.Equals(b)`.
fn equality_call<'t>(src: &Source<'_>, call: &Call<'t>) -> Option<(Node<'t>, Node<'t>, String)> {
    let name = call.name();
    let receiver = |call: &Call<'t>| -> Option<Node<'t>> {
        let n = call.node;
        n.child_by_field_name("object")
            .or_else(|| n.child_by_field_name("receiver"))
            .or_else(|| {
                n.child_by_field_name("function").and_then(|f| {
                    f.child_by_field_name("object")
                        .or_else(|| f.child_by_field_name("expression"))
                        .or_else(|| f.child_by_field_name("operand"))
                        .or_else(|| f.child_by_field_name("value"))
                })
            })
    };
    let two = || Some((*call.args.first()?, *call.args.get(1)?));
    let mut op = format!(".{name}");
    let (left, right) = match (src.language, name) {
        (Language::Java, "equals" | "contentEquals" | "equalsIgnoreCase")
            if call.args.len() == 1 =>
        {
            if matches!(call.written.as_str(), "Arrays.equals" | "Objects.equals") {
                op = call.written.clone();
                two()?
            } else {
                (receiver(call)?, call.args[0])
            }
        }
        (Language::Java, "equals")
            if matches!(call.written.as_str(), "Arrays.equals" | "Objects.equals") =>
        {
            op = call.written.clone();
            two()?
        }
        (Language::Go, "Equal" | "EqualFold" | "DeepEqual")
            if matches!(
                call.qualified.as_str(),
                "bytes.Equal" | "strings.EqualFold" | "reflect.DeepEqual"
            ) =>
        {
            op = call.written.clone();
            two()?
        }
        (Language::Go, "Compare")
            if call.qualified == "bytes.Compare" || call.qualified == "strings.Compare" =>
        {
            op = call.written.clone();
            two()?
        }
        (Language::CSharp, "Equals" | "SequenceEqual") => match call.args.len() {
            1 => (receiver(call)?, call.args[0]),
            2 | 3 => {
                op = call.written.clone();
                two()?
            }
            _ => return None,
        },
        (Language::Php, "strcmp" | "strcasecmp" | "strncmp") => {
            op = name.to_string();
            two()?
        }
        (l, "equals") if l.is_js_family() && call.args.len() == 1 => {
            (receiver(call)?, call.args[0])
        }
        (Language::Ruby, "eql?" | "equal?") if call.args.len() == 1 => {
            (receiver(call)?, call.args[0])
        }
        (Language::Rust, "eq" | "ne") if call.args.len() == 1 => (receiver(call)?, call.args[0]),
        _ => return None,
    };
    Some((left, right, op))
}

/// Whether an operand is a literal, a length or a null check's other side.
fn literal_operand(src: &Source<'_>, node: Node<'_>) -> bool {
    let node = unwrap(node);
    if literal(src, node).is_some() {
        return true;
    }
    let text = src.text_of(node).trim();
    // Enum-ish constants and symbols: `Role.ADMIN`, `:admin`, `TokenType::Access`.
    let last = text.rsplit(['.', ':']).next().unwrap_or(text);
    if !last.is_empty()
        && last.len() > 1
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        && !constant_secret(last)
    {
        return true;
    }
    matches!(
        text,
        "None" | "nil" | "null" | "undefined" | "''" | "\"\"" | "0"
    ) || node.kind() == "simple_symbol"
        || length_like(src, node)
}

fn length_like(src: &Source<'_>, node: Node<'_>) -> bool {
    let text = src.text_of(node).trim();
    text.starts_with("len(")
        || text.ends_with(".length")
        || text.ends_with(".length()")
        || text.ends_with(".len()")
        || text.ends_with(".size()")
        || text.ends_with(".size")
        || text.ends_with(".Length")
        || text.ends_with(".Count")
        || text.ends_with(".count")
        || text.starts_with("strlen(")
        || text.starts_with("count(")
}

/// An ALL_CAPS constant that holds a secret (`API_KEY`, `WEBHOOK_SECRET`, `settings.SECRET_KEY`)
/// rather than naming an option (`SIGNATURE_HMAC_SHA1`, `SIGNATURE_PLAINTEXT`).
fn constant_secret(name: &str) -> bool {
    let w = words(name);
    secret_name(name)
        && w.last().is_some_and(|l| {
            matches!(
                l.as_str(),
                "key" | "secret" | "token" | "apikey" | "password" | "pass" | "pwd" | "passcode"
            )
        })
}

/// How surely an operand holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    None,
    Weak,
    Strong,
}

/// Name words that are a secret on their own; the other `SECRET_WORDS` need a second clue.
const STRONG_WORDS: &[&str] = &[
    "signature",
    "hmac",
    "secret",
    "apikey",
    "csrf",
    "xsrf",
    "otp",
    "totp",
    "hotp",
    "passcode",
    "authorization",
];

fn name_level(name: &str) -> Level {
    if !secret_name(name) {
        return Level::None;
    }
    let w = words(name);
    let has = |s: &str| w.iter().any(|x| x == s);
    let strong = STRONG_WORDS.iter().any(|s| has(s))
        || w.join("").contains("apikey")
        || (has("key") && (has("api") || has("access") || has("secret") || has("signing")))
        || has("hash")
        || has("digest");
    if strong { Level::Strong } else { Level::Weak }
}

fn level(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> Level {
    let node = unwrap(node);
    if length_like(src, node) || enum_variant(src, node) || numeric_constant(src, facts, node) {
        return Level::None;
    }
    if let Some(call) = facts.calls.iter().find(|c| c.node.id() == node.id()) {
        if mac_call(call) {
            return Level::Strong;
        }
        if let Some(key) = call
            .args
            .first()
            .and_then(|a| crate::syntax::value::string(src, *a))
            && HEADER_READS.contains(&call.name())
        {
            return name_level(&key);
        }
    }
    if let Some(key) = subscript_key(src, node) {
        return name_level(&key);
    }
    if bound_to_mac(src, facts, node) {
        return Level::Strong;
    }
    if matches!(
        node.kind(),
        "binary_expression" | "binary_operator" | "binary"
    ) {
        return [
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ]
        .into_iter()
        .flatten()
        .map(|p| level(src, facts, p))
        .max()
        .unwrap_or(Level::None);
    }
    let named = terminal_name(src, node).map_or(Level::None, |n| name_level(&n));
    named.max(bound_level(src, facts, node))
}

/// The binding a bare name last got (`tok := strings.TrimPrefix(r.Header.Get("Authorization"),
/// "Bearer ")`, `_key = cfg["Partner:ApiKey"]`), before `node` in the file.
fn binding_of<'t>(src: &Source<'_>, facts: &Facts<'t>, node: Node<'_>) -> Option<Node<'t>> {
    let text = src.text_of(node).trim().trim_start_matches('$');
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    facts
        .bindings
        .iter()
        .filter(|b| b.name == text && b.node.end_byte() <= node.start_byte())
        .max_by_key(|b| b.node.start_byte())
        .map(|b| unwrap(b.value))
}

/// How surely the value a bare name was bound to holds a secret: a MAC computed in it, or a
/// header, parameter, setting or environment variable it reads by a secret name
/// (`Header.Get("Authorization")`, `cfg["Partner:ApiKey"]`, `env::var("OPS_TOKEN")`).
fn bound_level(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> Level {
    let Some(value) = binding_of(src, facts, node) else {
        return Level::None;
    };
    let mut best = Level::None;
    let (start, end) = (value.start_byte(), value.end_byte());
    for call in facts
        .calls
        .iter()
        .filter(|c| start <= c.node.start_byte() && c.node.end_byte() <= end)
    {
        if mac_call(call) {
            return Level::Strong;
        }
        // A read by name: the first string argument names what is read.
        if let Some(key) = call
            .args
            .first()
            .and_then(|a| crate::syntax::value::string(src, *a))
        {
            best = best.max(name_level(&key));
        }
    }
    for n in crate::syntax::descendants(value) {
        if let Some(key) = subscript_key(src, n) {
            best = best.max(name_level(&key));
        }
    }
    best
}

/// Whether `node` is a local name last bound to an HMAC computation
/// (`digest = hmac.new(k, m, sha256).hexdigest()`).
fn bound_to_mac(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> bool {
    let text = src.text_of(node).trim().trim_start_matches('$');
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return false;
    }
    facts
        .bindings
        .iter()
        .filter(|b| b.name == text && b.node.end_byte() <= node.start_byte())
        .max_by_key(|b| b.node.start_byte())
        .is_some_and(|b| {
            let value = unwrap(b.value);
            facts
                .calls
                .iter()
                .any(|c| c.node.id() == value.id() && mac_call(c))
        })
}

/// Calls that read a header or parameter by name.
const HEADER_READS: &[&str] = &[
    "get",
    "Get",
    "getHeader",
    "header",
    "getParameter",
    "GetValue",
    "fetch",
    "param",
    "query",
];

/// Whether an operand is request input (a header, parameter, body field) or named as provided.
fn input_like(src: &Source<'_>, node: Node<'_>) -> bool {
    let lower = src.text_of(node).to_ascii_lowercase();
    [
        "request",
        "req.",
        "params",
        "header",
        "query",
        "body",
        "form",
        "cookie",
        "args",
        "getparameter",
        "$_get",
        "$_post",
        "$_server",
        "$_cookie",
        "ctx.",
        "provided",
        "given",
        "supplied",
        "incoming",
        "received",
        "submitted",
        "candidate",
        "input",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// If `node` holds a secret, how to name it in the message.
fn secret_operand(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> Option<String> {
    let node = unwrap(node);
    if length_like(src, node) {
        return None;
    }
    let text = src.text_of(node).trim();
    // Computed by an HMAC or digest call.
    if let Some(call) = facts.calls.iter().find(|c| c.node.id() == node.id())
        && mac_call(call)
    {
        return Some(format!("The MAC/digest `{}`", short(text)));
    }
    // A subscript or header read: `request.headers["X-Hub-Signature-256"]`, `params[:token]`.
    if let Some(key) = subscript_key(src, node)
        && secret_name(&key)
    {
        return Some(format!("The secret `{}`", short(text)));
    }
    // A header or parameter read by name: `r.Header.Get("Authorization")`, `req.get("X-Api-Key")`.
    if let Some(call) = facts.calls.iter().find(|c| c.node.id() == node.id())
        && HEADER_READS.contains(&call.name())
        && let Some(key) = call
            .args
            .first()
            .and_then(|a| crate::syntax::value::string(src, *a))
        && secret_name(&key)
    {
        return Some(format!("The secret `{}`", short(text)));
    }
    // A concatenation: `"Bearer " + api_token`.
    if matches!(
        node.kind(),
        "binary_expression" | "binary_operator" | "binary"
    ) {
        let parts = [
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ];
        return parts
            .into_iter()
            .flatten()
            .find_map(|p| secret_operand(src, facts, p))
            .map(|_| format!("The secret `{}`", short(text)));
    }
    if bound_to_mac(src, facts, node) {
        return Some(format!("The MAC `{}`", short(text)));
    }
    if bound_level(src, facts, node) != Level::None {
        return Some(format!("The secret `{}`", short(text)));
    }
    let name = terminal_name(src, node)?;
    secret_name(&name).then(|| format!("The secret `{}`", short(text)))
}

/// A keyed MAC or signature computation. A plain digest of public data (an ETag, a file
/// checksum) is not a secret.
fn mac_call(call: &Call<'_>) -> bool {
    let lower = call.written.to_ascii_lowercase();
    MAC_CALLS.contains(&call.name())
        && (lower.contains("hmac")
            || lower.starts_with("mac.")
            || lower.contains(".mac.")
            || (call.name() == "sign"
                && (lower.contains("crypto") || lower.contains("signer") || lower.contains("key"))))
}

/// The last plain name of an operand: `self.webhook_secret` → `webhook_secret`, `getToken()` →
/// `getToken`. None for anything more complex.
fn terminal_name(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let text = src.text_of(node).trim();
    let text = text.trim_end_matches("()").trim_end_matches('?');
    let last = text.rsplit(['.', ':', '>', '$']).next().unwrap_or(text);
    (!last.is_empty() && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| last.to_string())
}

fn subscript_key(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    if !matches!(
        node.kind(),
        "subscript"
            | "subscript_expression"
            | "element_reference"
            | "index_expression"
            | "element_access_expression"
            | "array_access"
    ) {
        return None;
    }
    let key = node
        .child_by_field_name("subscript")
        .or_else(|| node.child_by_field_name("index"))
        .or_else(|| node.named_child(node.named_child_count().saturating_sub(1) as u32))?;
    // C# `headers["X-Api-Key"]`: the key sits in a bracketed argument list.
    let key = if key.kind() == "bracketed_argument_list" {
        key.named_child(0).unwrap_or(key)
    } else {
        key
    };
    // A named key (`["X-Signature"]`, `[:token]`), not an index constant (`[_ECD_SIGNATURE]`).
    let key = unwrap(key);
    let named = crate::syntax::value::string(src, key).is_some()
        || matches!(key.kind(), "simple_symbol" | "hash_key_symbol");
    if !named {
        return None;
    }
    let text = src.text_of(key);
    Some(
        text.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_string(),
    )
}

fn secret_name(name: &str) -> bool {
    let w = words(name);
    if w.iter().any(|x| NOT_SECRET_WORDS.contains(&x.as_str())) {
        return false;
    }
    let joined = w.join("");
    let has = |s: &str| w.iter().any(|x| x == s);
    SECRET_WORDS.iter().any(|s| has(s))
        || joined.contains("apikey")
        || (has("key") && (has("api") || has("access") || has("secret") || has("signing")))
        || ((has("hash") || has("digest"))
            && (has("password")
                || has("pwd")
                || has("passwd")
                || has("pass")
                || has("token")
                || has("secret")))
        || joined.contains("passwordhash")
        || joined.contains("hashedpassword")
}

fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        format!("{}…", one.chars().take(57).collect::<String>())
    } else {
        one
    }
}

/// In the same function of the old version, a constant-time call over the same operands as the
/// comparison: the change replaced it with ordinary equality.
fn constant_time_before(
    old: &Source<'_>,
    facts: &Facts<'_>,
    scope: Option<&str>,
    c: &Comparison<'_>,
    new: &Source<'_>,
) -> Option<String> {
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    let left = squash(new.text_of(unwrap(c.left)));
    let right = squash(new.text_of(unwrap(c.right)));
    facts.calls.iter().find_map(|call| {
        let name = call.name();
        let constant = CONSTANT_TIME.contains(&name)
            && (name != "Equal" || call.qualified == "crypto/hmac.Equal")
            && (name != "isEqual" || call.written.contains("MessageDigest"));
        if !constant || enclosing_function_name(old, call.node).as_deref() != scope {
            return None;
        }
        // An argument is also what its local was bound to in the function
        // (`const a = Buffer.from(presented); timingSafeEqual(a, b)`).
        let args: Vec<String> = call
            .args
            .iter()
            .map(|a| {
                let text = squash(old.text_of(*a));
                let bound = facts
                    .bindings
                    .iter()
                    .filter(|b| {
                        b.name == text
                            && b.node.end_byte() <= call.node.start_byte()
                            && enclosing_function_name(old, b.node).as_deref() == scope
                    })
                    .max_by_key(|b| b.node.start_byte())
                    .map(|b| squash(old.text_of(b.value)));
                match bound {
                    Some(v) => format!("{text} {v}"),
                    None => text,
                }
            })
            .collect();
        let receiver = squash(old.text_of(call.node));
        let covers =
            |operand: &str| args.iter().any(|a| a.contains(operand)) || receiver.contains(operand);
        (covers(&left) && covers(&right)).then(|| {
            format!(
                "constant-time `{}`",
                call.written.replace(
                    '.',
                    if old.language == Language::Rust
                        || old.language == Language::Ruby
                        || old.language == Language::Php
                    {
                        "::"
                    } else {
                        "."
                    }
                )
            )
        })
    })
}
