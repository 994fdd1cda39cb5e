//! IDG190 token-from-weak-random

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::catalogue::{Surface, apis, callee_matches, file_uses};
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::{FUNCTION_KINDS, words};

declare_rule! {
    /// ## What it does
    /// Flags a credential minted from a generator that is not cryptographically secure: a
    /// session id, password-reset or verification code, API key, CSRF token, nonce, OAuth
    /// `state`, salt, JWT `jti` or generated password whose value comes from Python `random`,
    /// `Math.random()`, Go `math/rand`, `java.util.Random`/`Math.random()`, `System.Random`,
    /// Ruby `rand`/`Random`, PHP `rand`/`mt_rand`/`uniqid`, Rust `fastrand`/seeded `SmallRng`,
    /// or `uuid1` (time-based). The generators and their secure counterparts are data in the
    /// identity API catalogue (`random-weak`, `random-secure`).
    ///
    /// It reports only when the value reaches something that acts as a credential: a variable,
    /// field, key or keyword argument named like one (`reset_code`, `sessionId`, `api_key`,
    /// `csrf_token`, `otp`), or the return value of a function named like one
    /// (`generate_token`, `newSessionID`). The same generators used for jitter, back-off,
    /// sampling, shuffling or test data raise nothing.
    ///
    /// ## Why is this bad?
    /// These generators are built for speed and statistics, not secrecy: their state can be
    /// recovered from a handful of outputs (Mersenne Twister from 624 values, `Math.random`'s
    /// xorshift from a few), or their seed is the time. Whoever sees some tokens predicts the
    /// next ones and takes over accounts through password resets or sessions (CWE-330, CWE-338,
    /// CWE-331, CWE-340; CWE-326 for too little entropy).
    ///
    /// ## Example
    /// ```python
    /// reset_code = "".join(random.choice(string.digits) for _ in range(6))
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// reset_code = secrets.token_urlsafe(32)
    /// ```
    ///
    /// ## References
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [CWE-338: Use of Cryptographically Weak PRNG](https://cwe.mitre.org/data/definitions/338.html)
    /// - [CWE-331: Insufficient Entropy](https://cwe.mitre.org/data/definitions/331.html)
    /// - [CWE-340: Generation of Predictable Numbers or Identifiers](https://cwe.mitre.org/data/definitions/340.html)
    /// - [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG190",
        name: "token-from-weak-random",
        category: TokenRandomness,
        cwe: [330, 338, 331, 340, 326],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["rand", "uuid1", "uniqid"],
        summary: "A token, session id, reset code or key is minted from a non-cryptographic random generator.",
        check: check,
    };
}

/// Whether an identifier names a credential.
fn names_credential(name: &str) -> bool {
    let w = words(name);
    let has = |x: &str| w.iter().any(|v| v == x);
    const STRONG: &[&str] = &[
        "token",
        "otp",
        "nonce",
        "secret",
        "csrf",
        "xsrf",
        "salt",
        "jti",
        "password",
        "passwd",
        "apikey",
        "sessionid",
        "sid",
        "passcode",
        "totp",
        "hotp",
    ];
    if STRONG.iter().any(|s| has(s)) {
        // `token_count`, `tokenize`-like words are not tokens.
        return !w
            .iter()
            .any(|v| matches!(v.as_str(), "count" | "len" | "length" | "index"));
    }
    let key_words = [
        "api", "secret", "signing", "access", "private", "session", "auth",
    ];
    let code_words = [
        "reset",
        "verification",
        "verify",
        "confirm",
        "confirmation",
        "invite",
        "auth",
        "login",
        "mfa",
        "twofa",
        "sms",
        "email",
        "activation",
        "recovery",
        "one",
    ];
    (has("key") && key_words.iter().any(|k| has(k)))
        || (has("code") && code_words.iter().any(|k| has(k)))
        || (has("session") && has("id"))
        || (has("state") && has("oauth"))
        || (has("pin") && (has("reset") || has("verification") || has("login")))
}

/// Whether a name says what a non-secret random value is for (jitter, sampling, layout).
fn names_other_purpose(name: &str) -> bool {
    const PURPOSES: &[&str] = &[
        "jitter",
        "delay",
        "backoff",
        "sleep",
        "wait",
        "timeout",
        "retry",
        "sample",
        "shuffle",
        "index",
        "idx",
        "offset",
        "weight",
        "color",
        "colour",
        "pick",
        "banner",
        "discount",
        "port",
        "x",
        "y",
        "i",
        "n",
        "count",
        "size",
        "percent",
        "ratio",
        "chance",
        "probability",
        "latency",
        "seed",
    ];
    words(name).iter().any(|w| PURPOSES.contains(&w.as_str()))
}

/// What a language should use instead.
fn secure_alternative(language: Language) -> &'static str {
    match language {
        Language::Python => "`secrets.token_urlsafe(32)` (or `secrets.randbelow` for digits)",
        Language::Go => "`crypto/rand` (`rand.Read` or `rand.Text()`)",
        Language::Java => "`SecureRandom`",
        Language::CSharp => "`RandomNumberGenerator.GetBytes`/`GetInt32`",
        Language::Ruby => "`SecureRandom.urlsafe_base64`/`SecureRandom.random_number`",
        Language::Php => "`random_bytes`/`random_int`",
        Language::Rust => "`rand::rngs::OsRng` or `getrandom`",
        _ => "`crypto.randomBytes(32)`, `crypto.randomUUID()` or `crypto.getRandomValues`",
    }
}

fn is_weak(facts: &Facts<'_>, language: Language, call: &Call<'_>) -> bool {
    let matches = |surface: Surface| {
        apis(language)
            .iter()
            .filter(|a| a.surface == surface)
            .any(|api| {
                api.calls
                    .iter()
                    .any(|c| callee_matches(api, facts, &call.qualified, &call.written, c))
                    || (file_uses(api, facts)
                        && !api.modules.is_empty()
                        && api.methods.iter().any(|m| m == call.name()))
            })
    };
    matches(Surface::RandomWeak) && !matches(Surface::RandomSecure)
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = Facts::of(src);
    let mut reported: Vec<usize> = Vec::new();
    for call in &facts.calls {
        if !is_weak(&facts, src.language, call) {
            continue;
        }
        let Some((sink, anchor)) = credential_sink(src, call.node) else {
            continue;
        };
        if reported.contains(&anchor.start_byte()) {
            continue;
        }
        reported.push(anchor.start_byte());
        let generator = src.text_of(call.node);
        let generator: String = generator.chars().take(60).collect();
        hits.push(Hit {
            start: anchor.start_byte(),
            end: anchor.end_byte(),
            message: format!(
                "{sink} is made from `{generator}`, a non-cryptographic generator whose next values can be predicted from a few outputs; use {} instead",
                secure_alternative(src.language)
            ),
            before: None,
            after: Some(format!("{sink} from `{generator}`")),
            measure: None,
        });
    }
}

/// Where a weak value goes, if that is a credential: the binding or function it reaches, and the
/// node to point at.
fn credential_sink<'t>(src: &Source<'_>, call: Node<'t>) -> Option<(String, Node<'t>)> {
    let mut cur = call.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind())
            || matches!(n.kind(), "lambda" | "arrow_function" | "closure_expression")
        {
            return None;
        }
        if let Some(target) = binding_target(n) {
            let name = src.text_of(target);
            let last = name
                .rsplit(['.', ':', '>', '$', '@'])
                .find(|s| !s.is_empty())
                .unwrap_or(name)
                .trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']');
            if names_credential(last) {
                return Some((format!("`{last}`"), n));
            }
            // A plain local (`code`, `out`, `value`) inside a function that mints a credential
            // (`send_reset_code`, `generateVerificationToken`) carries that credential.
            if !names_other_purpose(last)
                && let Some(function) = enclosing_named_function(src, n)
                && names_credential(&function)
            {
                return Some((format!("`{last}` in `{function}`"), n));
            }
            return None;
        }
        if matches!(n.kind(), "return_statement" | "return") {
            let function = enclosing_named_function(src, n)?;
            if names_credential(&function) {
                return Some((format!("the value `{function}` returns"), n));
            }
            return None;
        }
        // Statements end the flow we follow.
        if n.kind().ends_with("statement") && !n.kind().starts_with("expression") {
            return None;
        }
        cur = n.parent();
    }
    None
}

fn enclosing_named_function(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if FUNCTION_KINDS.contains(&n.kind()) {
            return n
                .child_by_field_name("name")
                .map(|x| src.text_of(x).to_string());
        }
        cur = n.parent();
    }
    None
}

/// The target of a binding node (assignment, declaration, keyword argument, dict/object entry).
fn binding_target(node: Node<'_>) -> Option<Node<'_>> {
    let field = |a: &str| node.child_by_field_name(a);
    match node.kind() {
        "assignment"
        | "assignment_expression"
        | "augmented_assignment"
        | "augmented_assignment_expression"
        | "operator_assignment" => field("left"),
        "variable_declarator" => field("name"),
        "keyword_argument" => field("name"),
        "pair" => field("key"),
        "short_var_declaration" | "assignment_statement" => field("left"),
        "let_declaration" => field("pattern"),
        "keyed_element" | "array_element_initializer" if node.named_child_count() == 2 => {
            node.named_child(0)
        }
        "field_initializer" => field("field"),
        "const_spec" | "var_spec" => field("name"),
        _ => None,
    }
}
