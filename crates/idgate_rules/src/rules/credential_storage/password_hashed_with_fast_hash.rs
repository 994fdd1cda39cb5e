//! IDG170 password-hashed-with-fast-hash

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::value::{number, string, unwrap};
use crate::syntax::words;
use crate::syntax::{descendants, enclosing_function_name, function_text};

declare_rule! {
    /// ## What it does
    /// Flags passwords stored with a hash built for speed, in nine languages: MD5, SHA-1 or SHA-2
    /// (`hashlib.sha256(password)`, `crypto.createHash("md5").update(password)`,
    /// `sha256.Sum256([]byte(password))`, `MessageDigest` over `password.getBytes()`,
    /// `SHA256.HashData(...)`, `Digest::SHA256.hexdigest(password)`, PHP `md5($password)` /
    /// `hash('sha256', $password)`, Rust `Sha256::digest(password)`) when the hashed value is
    /// named like a password or the digest is stored as one (`self.crypted_password =
    /// Digest::MD5.hexdigest(plain)`); Spring's `NoOpPasswordEncoder` and the legacy digest encoders;
    /// Django `PASSWORD_HASHERS` led by an MD5 or unsalted SHA-1 hasher; and bcrypt with a cost
    /// below 10 (`gensalt(rounds=4)`, `bcrypt.hash(p, 4)`, `new BCryptPasswordEncoder(4)`,
    /// `bcrypt.GenerateFromPassword(p, bcrypt.MinCost)`), and PBKDF2 over a password with fewer
    /// than 100,000 iterations (`pbkdf2_hmac`, `pbkdf2Sync`, `PBEKeySpec`, `Rfc2898DeriveBytes`,
    /// `pbkdf2.Key`, `hash_pbkdf2`).
    ///
    /// In `idgate check`, a function that hashed a value with bcrypt, scrypt, Argon2 or PBKDF2 and
    /// now hashes the same value with a fast digest is reported with the old hasher as "before".
    /// Hashing files, ETags, cache keys or tokens, and the SHA-1 prefix sent to the Pwned Passwords
    /// range API, are not reported.
    ///
    /// ## Why is this bad?
    /// A GPU computes billions of MD5 or SHA-256 hashes a second. When the user table leaks, a fast,
    /// unsalted hash gives up most passwords within hours, and identical passwords share a hash.
    /// Password hashing functions (bcrypt, scrypt, Argon2id, PBKDF2 with a high iteration count) are
    /// slow and salted on purpose; a bcrypt cost of 4 is 64 times faster to attack than the
    /// default 10.
    ///
    /// ## Example
    /// ```python
    /// user.password_hash = hashlib.sha256(password.encode()).hexdigest()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// user.password_hash = argon2.PasswordHasher().hash(password)
    /// ```
    ///
    /// ## References
    /// - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    /// - [CWE-328: Use of Weak Hash](https://cwe.mitre.org/data/definitions/328.html)
    /// - [CWE-759: Use of a One-Way Hash without a Salt](https://cwe.mitre.org/data/definitions/759.html)
    /// - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    /// - [OWASP: Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    pub(crate) static RULE = {
        code: "IDG170",
        name: "password-hashed-with-fast-hash",
        category: CredentialStorage,
        cwe: [916, 328, 759, 256],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, Rust, CSharp, Ruby, Php],
        keywords: [
            "password", "passwd", "pwd", "passphrase", "PasswordEncoder", "PASSWORD_HASHERS",
            "bcrypt", "gensalt", "rounds", "cost", "hashlib", "createHash", "MessageDigest", "md5",
            "sha1", "sha256", "sha512", "Digest", "pbkdf2", "PBEKeySpec", "Rfc2898"
        ],
        summary: "A password is hashed with a fast or unsalted hash, or with too low a bcrypt cost or PBKDF2 count.",
        check: check,
    };
}

/// Fast digests by how they are called: (last name segment, algorithm), matched on calls whose
/// path names a hashing module.
const FAST_CALLS: &[(&str, &str)] = &[
    ("md5", "MD5"),
    ("sha1", "SHA-1"),
    ("sha224", "SHA-224"),
    ("sha256", "SHA-256"),
    ("sha384", "SHA-384"),
    ("sha512", "SHA-512"),
    ("sha3_256", "SHA3-256"),
    ("sha3_512", "SHA3-512"),
    ("blake2b", "BLAKE2b"),
    ("blake2s", "BLAKE2s"),
    ("MD5", "MD5"),
    ("SHA1", "SHA-1"),
    ("SHA256", "SHA-256"),
    ("SHA512", "SHA-512"),
    ("Sum", "MD5"),
    ("Sum256", "SHA-256"),
    ("Sum512", "SHA-512"),
    ("Sum224", "SHA-224"),
    ("md5Hex", "MD5"),
    ("sha1Hex", "SHA-1"),
    ("sha256Hex", "SHA-256"),
    ("sha512Hex", "SHA-512"),
    ("HashData", "SHA-2"),
    ("compute", "MD5"),
];
/// Module or class path words that make a `FAST_CALLS` name a digest.
const DIGEST_OWNERS: &[&str] = &[
    "hashlib",
    "crypto/md5",
    "crypto/sha1",
    "crypto/sha256",
    "crypto/sha512",
    "Digest",
    "CryptoJS",
    "DigestUtils",
    "MD5",
    "SHA1",
    "SHA256",
    "SHA384",
    "SHA512",
    "md5",
    "sha1",
    "sha2",
    "Sha256",
    "Sha512",
    "Sha1",
    "Md5",
    "js-sha256",
    "js-sha1",
    "js-md5",
    "crypto-js",
];
/// Algorithm names accepted as a string argument (`createHash("sha256")`, `hash('md5', ...)`,
/// `MessageDigest.getInstance("SHA-256")`, `hashlib.new("sha1")`).
const FAST_ALGORITHMS: &[&str] = &[
    "md5",
    "md4",
    "sha1",
    "sha-1",
    "sha224",
    "sha-224",
    "sha256",
    "sha-256",
    "sha384",
    "sha-384",
    "sha512",
    "sha-512",
    "sha3-256",
    "sha3-512",
    "ripemd160",
    "whirlpool",
    "crc32",
    "sha3_256",
];
/// Spring password encoders that do not slow an attacker down.
const WEAK_ENCODERS: &[&str] = &[
    "NoOpPasswordEncoder",
    "StandardPasswordEncoder",
    "MessageDigestPasswordEncoder",
    "Md5PasswordEncoder",
    "Md4PasswordEncoder",
    "ShaPasswordEncoder",
    "LdapShaPasswordEncoder",
];
/// Django hashers that must not lead `PASSWORD_HASHERS`.
const WEAK_DJANGO_HASHERS: &[&str] = &[
    "MD5PasswordHasher",
    "UnsaltedMD5PasswordHasher",
    "UnsaltedSHA1PasswordHasher",
    "SHA1PasswordHasher",
    "CryptPasswordHasher",
];
/// Password hashing functions: a change from one of these to a fast digest is a weakening.
const STRONG_HASHERS: &[&str] = &[
    "hashpw",
    "gensalt",
    "hashSync",
    "GenerateFromPassword",
    "make_password",
    "generate_password_hash",
    "password_hash",
    "HashPassword",
    "IDKey",
    "Key",
    "scrypt",
    "scryptSync",
    "pbkdf2",
    "pbkdf2Sync",
    "pbkdf2_hmac",
    "hash_password",
    "argon2id",
    "hash_encoded",
    "encode",
    "create",
];
/// Library words that make a `STRONG_HASHERS` name a password hasher.
const STRONG_OWNERS: &[&str] = &[
    "bcrypt",
    "BCrypt",
    "argon2",
    "Argon2",
    "scrypt",
    "pbkdf2",
    "PasswordHasher",
    "hashers",
    "werkzeug",
    "passlib",
    "PasswordEncoder",
    "crypto",
    "password_hash",
    "HashPassword",
];
/// The lowest acceptable bcrypt cost.
const MIN_BCRYPT_COST: f64 = 10.0;

/// A weak password hash.
struct Weak<'t> {
    node: Node<'t>,
    what: String,
    /// The hashed expression, for the weakening check.
    input: Option<String>,
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    if settings_for_tests(cx.path) {
        return;
    }
    let facts = cx.facts();
    let mut found = Vec::new();
    fast_hashes(cx.new, facts, &mut found, false);
    weak_encoders(cx.new, facts, &mut found);
    low_bcrypt_cost(cx.new, facts, &mut found);
    low_pbkdf2_iterations(cx.new, facts, &mut found);
    // In check mode, fast digests over what the old function hashed with a password hasher.
    let old_strong = cx.old.map(|old| strong_inputs(old));
    if let Some(strong) = &old_strong
        && !strong.is_empty()
    {
        let mut any = Vec::new();
        fast_hashes(cx.new, facts, &mut any, true);
        for w in any {
            if found.iter().any(|f| f.node.id() == w.node.id()) {
                continue;
            }
            let scope = enclosing_function_name(cx.new, w.node);
            let input = w.input.clone().unwrap_or_default();
            if strong
                .iter()
                .any(|(s, _, arg)| *s == scope && !arg.is_empty() && input.contains(arg.as_str()))
            {
                found.push(w);
            }
        }
    }
    found.sort_by_key(|w| w.node.start_byte());
    found.dedup_by_key(|w| w.node.start_byte());
    for w in found {
        let scope = enclosing_function_name(cx.new, w.node);
        // A challenge-response scramble (MySQL's `scramble_sha1(password, nonce)`) proves the
        // password to a server; nothing is stored.
        if in_challenge_response(cx.new, w.node, scope.as_deref()) {
            continue;
        }
        let before = old_strong.as_ref().and_then(|strong| {
            strong
                .iter()
                .find(|(s, _, _)| *s == scope)
                .map(|(_, hasher, _)| format!("password hashed with `{hasher}`"))
        });
        let before = before.filter(|_| {
            cx.old
                .and_then(|old| function_text(old, scope.as_deref()))
                .is_some()
        });
        // `md = MessageDigest.getInstance("MD5")` then `md.digest(password)`: the weak choice
        // is where the digest object is made.
        let at = digest_binding(cx.new, facts, w.node).unwrap_or(w.node);
        hits.push(Hit {
            start: crate::syntax::call_start(at),
            end: at.end_byte(),
            message: format!(
                "{}: {}; hash passwords with {}",
                w.what,
                if w.what.contains("plaintext") {
                    "a leaked user table gives every password away, ready to try on other sites"
                } else {
                    "a leaked hash is cracked at billions of guesses per second on a GPU"
                },
                fix(cx.new.language)
            ),
            before,
            after: Some(w.what.clone()),
            measure: None,
        });
    }
}

/// The binding that made the digest object a hashing call runs on (`sha` in
/// `sha.ComputeHash(...)`, bound by `using var sha = SHA1.Create();` in the same function).
fn digest_binding<'t>(src: &Source<'_>, facts: &Facts<'t>, call: Node<'t>) -> Option<Node<'t>> {
    let text = src.text_of(call);
    let callee = text.split('(').next()?;
    let (receiver, _) = callee.rsplit_once('.')?;
    let receiver = receiver.trim();
    if receiver.is_empty() || !receiver.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let scope = enclosing_function_name(src, call);
    facts
        .bindings
        .iter()
        .rfind(|b| {
            b.name == receiver
                && b.node.end_byte() <= call.start_byte()
                && enclosing_function_name(src, b.node) == scope
                && src.text_of(b.value).contains('(')
        })
        .map(|b| b.node)
}

fn fix(language: Language) -> &'static str {
    match language {
        Language::Python => "Argon2id (`argon2-cffi`), bcrypt, or Django's `make_password`",
        Language::JavaScript | Language::TypeScript | Language::Tsx => {
            "`argon2` or `bcrypt` (cost 10 or more)"
        }
        Language::Go => "`golang.org/x/crypto/bcrypt` (`DefaultCost` or more) or `argon2.IDKey`",
        Language::Java => {
            "`BCryptPasswordEncoder` or `Argon2PasswordEncoder` via `PasswordEncoderFactories`"
        }
        Language::CSharp => {
            "ASP.NET Core Identity's `PasswordHasher<TUser>` or `Rfc2898DeriveBytes.Pbkdf2` with 600,000 iterations"
        }
        Language::Ruby => "`has_secure_password` or `BCrypt::Password.create`",
        Language::Php => "`password_hash($password, PASSWORD_DEFAULT)`",
        Language::Rust => "the `argon2` or `bcrypt` crate",
    }
}

/// Test and CI settings modules, where Django's docs recommend MD5 for speed.
fn settings_for_tests(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let stem = file.split('.').next().unwrap_or(&file);
    matches!(
        stem,
        "test" | "tests" | "testing" | "ci" | "settings_test" | "test_settings"
    )
}

/// Whether an identifier names a password (not a token, a reset code or a hash of one).
fn password_name(name: &str) -> bool {
    let words = words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    let password = has("password")
        || has("passwd")
        || has("pwd")
        || has("pw")
        || has("passphrase")
        || has("pass") && (has("word") || has("user") || has("plain") || has("raw"))
        || (has("secret") && has("answer"));
    let other = [
        "token",
        "reset",
        "hash",
        "hashed",
        "digest",
        "code",
        "key",
        "salt",
        "url",
        "field",
        "label",
        "policy",
        "length",
        "len",
        "min",
        "max",
        "version",
        "changed",
        "updated",
        "expires",
        "expiry",
        "at",
        "date",
        "time",
        "count",
        "attempts",
        "hint",
        "rules",
        "strength",
        "required",
        "enabled",
        "placeholder",
        "id",
        "history",
    ]
    .iter()
    .any(|w| has(w));
    password && !other
}

/// The target a digest call's result is assigned to, when it names a stored password
/// (`crypted_password`, `password_hash`, `encrypted_password`): the call's value is the password
/// as stored, whatever its input is called.
fn stored_as_password(src: &Source<'_>, call: Node<'_>) -> Option<String> {
    let mut cur = call;
    // Through conversions of the digest (`hex::encode(...)`, `.hexdigest()`, `.toString('hex')`).
    while let Some(p) = cur.parent() {
        match p.kind() {
            "assignment" | "assignment_expression" | "operator_assignment" => {
                let right = p.child_by_field_name("right")?;
                if right.id() != cur.id() {
                    return None;
                }
                let left = p.child_by_field_name("left")?;
                let text = src.text_of(left);
                let last = text
                    .rsplit(['.', '>', ':'])
                    .next()
                    .unwrap_or(text)
                    .trim_start_matches(['$', '@']);
                let kept: Vec<String> = words(last)
                    .into_iter()
                    .filter(|w| {
                        !matches!(
                            w.as_str(),
                            "hash" | "hashed" | "digest" | "crypted" | "encrypted" | "enc"
                        )
                    })
                    .collect();
                return password_name(&kept.join("_")).then(|| last.to_string());
            }
            "argument_list"
            | "arguments"
            | "parenthesized_expression"
            | "call"
            | "call_expression"
            | "method_invocation"
            | "member_expression"
            | "attribute"
            | "field_expression" => cur = p,
            _ => return None,
        }
    }
    None
}

/// The password-named identifier inside an argument, if any (string literals and the bodies of
/// nested calls to hash functions aside).
fn password_in(src: &Source<'_>, node: Node<'_>) -> Option<String> {
    descendants(node).find_map(|n| {
        let identifier = matches!(
            n.kind(),
            "identifier"
                | "variable_name"
                | "property_identifier"
                | "field_identifier"
                | "name"
                | "simple_identifier"
        );
        if !identifier {
            return None;
        }
        let text = src.text_of(n).trim_start_matches('$');
        // `password.encode`: the receiver counts, a method name does not.
        let is_method = n.parent().is_some_and(|p| {
            matches!(
                p.kind(),
                "attribute"
                    | "member_expression"
                    | "selector_expression"
                    | "field_access"
                    | "member_access_expression"
                    | "field_expression"
            ) && p
                .child_by_field_name("object")
                .or_else(|| p.child_by_field_name("operand"))
                .or_else(|| p.child_by_field_name("expression"))
                .or_else(|| p.child_by_field_name("value"))
                .is_some_and(|o| o.id() != n.id())
        });
        (!is_method && password_name(text)).then(|| text.to_string())
    })
}

/// The algorithm of a fast digest call, or None.
fn fast_algorithm(src: &Source<'_>, facts: &Facts<'_>, call: &Call<'_>) -> Option<String> {
    let name = call.name();
    let path = format!("{} {}", call.qualified, call.written);
    // Algorithm named by a string argument.
    let by_string = matches!(
        name,
        "createHash" | "getInstance" | "new" | "hash" | "Hash" | "digest" | "hexdigest"
    ) && (path.contains("crypto")
        || path.contains("MessageDigest")
        || path.contains("hashlib")
        || name == "hash"
        || path.contains("Digest"));
    if by_string
        && let Some(alg) = call.args.first().and_then(|a| string(src, *a))
        && FAST_ALGORITHMS.contains(&alg.to_ascii_lowercase().as_str())
    {
        return Some(algorithm_name(&alg));
    }
    // `Digest::SHA256.hexdigest(x)`, `SHA256.HashData(x)`: the algorithm is the owner.
    let owner = call.written.rsplit_once('.').map_or("", |(o, _)| o);
    let owner_last = owner.rsplit('.').next().unwrap_or(owner);
    // Rust's `Digest` trait: `Sha256::digest(x)`, `Md5::digest(x)` from the RustCrypto crates.
    let rust_digest = src.language == Language::Rust
        && name == "digest"
        && facts.modules.iter().any(|m| {
            let m = m.to_ascii_lowercase();
            m.starts_with("sha") || m.starts_with("md5") || m.starts_with("md-5")
        });
    if matches!(
        name,
        "hexdigest" | "digest" | "base64digest" | "HashData" | "ComputeHash"
    ) && (owner.contains("Digest") || matches!(name, "HashData") || rust_digest)
    {
        let alg = match owner_last.to_ascii_uppercase().as_str() {
            "MD5" => "MD5",
            "SHA1" => "SHA-1",
            "SHA256" => "SHA-256",
            "SHA384" => "SHA-384",
            "SHA512" => "SHA-512",
            _ => return None,
        };
        return Some(alg.to_string());
    }
    let (_, alg) = FAST_CALLS.iter().find(|(n, _)| *n == name)?;
    let owner_ok = DIGEST_OWNERS.iter().any(|o| path.contains(o))
        || (src.language == Language::Php
            && matches!(name, "md5" | "sha1")
            && call.written == name)
        || (matches!(
            name,
            "md5" | "sha1" | "sha256" | "sha512" | "MD5" | "SHA256"
        ) && facts.modules.iter().any(|m| {
            let m = m.to_ascii_lowercase();
            m.contains("md5") || m.contains("sha") || m.contains("crypto")
        }));
    // `Sum`/`compute`/`HashData` only with their package.
    let specific = match name {
        "Sum" => call.qualified.starts_with("crypto/md5"),
        "Sum256" | "Sum224" => call.qualified.starts_with("crypto/sha256"),
        "Sum512" => call.qualified.starts_with("crypto/sha512"),
        "compute" => call.qualified.starts_with("md5") || call.written.starts_with("md5"),
        "HashData" => call.written.contains("SHA") || call.written.contains("MD5"),
        _ => true,
    };
    (owner_ok && specific).then(|| (*alg).to_string())
}

/// `sha256` → `SHA-256`, `md5` → `MD5`.
fn algorithm_name(alg: &str) -> String {
    let upper = alg.to_ascii_uppercase().replace(['-', '_'], "");
    match upper.strip_prefix("SHA3") {
        Some(bits) => format!("SHA3-{bits}"),
        None => match upper.strip_prefix("SHA") {
            Some(bits) => format!("SHA-{bits}"),
            None => upper,
        },
    }
}

/// Fast digests whose input is a password (or, with `any_input`, any input).
/// Whether `node` is in a function that answers a server's challenge: its name says so
/// (`scramble`, `challenge`, `handshake`) or it takes the server's nonce, seed or challenge.
fn in_challenge_response(src: &Source<'_>, node: Node<'_>, function: Option<&str>) -> bool {
    const WORDS: &[&str] = &["scramble", "challenge", "handshake", "nonce", "seed"];
    let named = function.is_some_and(|f| {
        crate::syntax::words(f)
            .iter()
            .any(|w| WORDS.contains(&w.as_str()))
    });
    let params = crate::syntax::ancestor(node, crate::syntax::FUNCTION_KINDS)
        .and_then(|f| f.child_by_field_name("parameters"))
        .is_some_and(|p| {
            crate::syntax::words(src.text_of(p))
                .iter()
                .any(|w| WORDS.contains(&w.as_str()))
        });
    named || params
}

fn fast_hashes<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Weak<'t>>, any_input: bool) {
    for call in &facts.calls {
        let name = call.name();
        // Streaming: `h.update(password)`, `md.digest(password.getBytes())`, `h.Write([]byte(pw))`,
        // `sha.ComputeHash(bytes)` — the algorithm is where the receiver came from.
        let streaming = matches!(
            name,
            "update"
                | "Write"
                | "digest"
                | "ComputeHash"
                | "hashString"
                | "putString"
                | "chain_update"
        );
        let algorithm = if streaming {
            if call.args.is_empty() {
                continue;
            }
            // `Sha256::digest(x)` is a one-shot call on the algorithm, not a stream.
            streaming_algorithm(src, facts, call).or_else(|| fast_algorithm(src, facts, call))
        } else {
            fast_algorithm(src, facts, call)
        };
        let Some(algorithm) = algorithm else {
            continue;
        };
        // The hashed argument: the last one for `hash('sha256', $x)`, else the first non-algorithm one.
        let input = call
            .args
            .iter()
            .find(|a| {
                string(src, **a)
                    .is_none_or(|s| !FAST_ALGORITHMS.contains(&s.to_ascii_lowercase().as_str()))
            })
            .copied();
        let Some(input) = input else {
            continue;
        };
        // The digest is stored as the password: `self.crypted_password = Digest::MD5.hexdigest(x)`.
        let password = password_in(src, input).or_else(|| stored_as_password(src, call.node));
        if password.is_none() && !any_input {
            continue;
        }
        // The Pwned Passwords range API takes a SHA-1 prefix of the password by design.
        let function = crate::syntax::ancestor(call.node, crate::syntax::FUNCTION_KINDS)
            .map_or(src.text, |f| src.text_of(f));
        if function.contains("pwnedpasswords") || function.contains("/range/") {
            continue;
        }
        let input_text = src.text_of(input).split_whitespace().collect::<String>();
        let what = match &password {
            Some(p) => format!(
                "Password `{p}` hashed with {algorithm}, a fast unsalted digest (`{}`)",
                short(
                    &src.text_of(call.node)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            ),
            None => format!(
                "Value `{}` hashed with {algorithm}, a fast unsalted digest, where a password hasher was used before",
                short(&input_text)
            ),
        };
        out.push(Weak {
            node: call.node,
            what,
            input: Some(input_text),
        });
    }
}

fn short(text: &str) -> String {
    if text.chars().count() > 50 {
        format!("{}…", text.chars().take(47).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The fast algorithm behind a streaming call's receiver: a chain (`createHash("md5").update`),
/// or a variable bound to a digest constructor (`md = MessageDigest.getInstance("SHA-256")`).
fn streaming_algorithm(src: &Source<'_>, facts: &Facts<'_>, call: &Call<'_>) -> Option<String> {
    // A chain: the receiver is itself a call in the facts.
    let receiver_calls: Vec<&Call<'_>> = facts
        .calls
        .iter()
        .filter(|c| {
            c.node.id() != call.node.id()
                && c.node.start_byte() == call.node.start_byte()
                && c.node.end_byte() < call.node.end_byte()
        })
        .collect();
    for r in receiver_calls {
        if let Some(alg) = constructor_algorithm(src, facts, r) {
            return Some(alg);
        }
    }
    // A variable: `md.digest(...)` with `md = MessageDigest.getInstance("MD5")` in the file.
    let receiver = call.written.rsplit_once('.').map(|(r, _)| r)?;
    let var = receiver.rsplit('.').next().unwrap_or(receiver);
    facts.bindings.iter().find_map(|b| {
        if b.name != var {
            return None;
        }
        let value = unwrap(b.value);
        let ctor = facts.calls.iter().find(|c| {
            c.node.start_byte() >= value.start_byte() && c.node.end_byte() <= value.end_byte()
        })?;
        facts
            .calls
            .iter()
            .filter(|c| {
                c.node.start_byte() >= value.start_byte() && c.node.end_byte() <= value.end_byte()
            })
            .find_map(|c| constructor_algorithm(src, facts, c))
            .or_else(|| constructor_algorithm(src, facts, ctor))
    })
}

/// The algorithm of a digest constructor: `hashlib.sha256()`, `crypto.createHash("md5")`,
/// `MessageDigest.getInstance("SHA-1")`, `sha256.New()`, `SHA256.Create()`, `Sha256::new()`.
fn constructor_algorithm(src: &Source<'_>, facts: &Facts<'_>, call: &Call<'_>) -> Option<String> {
    let name = call.name();
    if matches!(name, "New" | "Create" | "new" | "default") {
        let owner = call.written.rsplit_once('.').map_or("", |(o, _)| o);
        let owner_last = owner.rsplit('.').next().unwrap_or(owner);
        let q = call.qualified.as_str();
        let alg = match owner_last {
            "md5" | "MD5" | "Md5" => "MD5",
            "sha1" | "SHA1" | "Sha1" => "SHA-1",
            "sha256" | "SHA256" | "Sha256" => "SHA-256",
            "sha512" | "SHA512" | "Sha512" => "SHA-512",
            _ => return None,
        };
        let known = q.starts_with("crypto/") || src.language != Language::Go;
        return known.then(|| alg.to_string());
    }
    if name == "hashString" || name == "putString" {
        return None;
    }
    // Guava: `Hashing.sha256().hashString(password, UTF_8)`.
    if call.written.starts_with("Hashing.") {
        return FAST_CALLS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.to_string());
    }
    fast_algorithm(src, facts, call)
}

/// Spring's no-op and digest password encoders.
fn weak_encoders<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Weak<'t>>) {
    if src.language == Language::Java {
        for call in &facts.calls {
            let owner = call.written.split('.').next().unwrap_or("");
            let encoder = WEAK_ENCODERS
                .iter()
                .find(|e| owner == **e || call.name() == **e);
            if let Some(e) = encoder {
                let what = if *e == "NoOpPasswordEncoder" {
                    "Passwords stored in plaintext (`NoOpPasswordEncoder`)".to_string()
                } else {
                    format!("Passwords hashed with the fast, deprecated `{e}`")
                };
                out.push(Weak {
                    node: call.node,
                    what,
                    input: None,
                });
            }
        }
    }
    if src.language == Language::Python {
        for b in &facts.bindings {
            if b.name != "PASSWORD_HASHERS" {
                continue;
            }
            let Some(first) = crate::syntax::value::statements(unwrap(b.value))
                .into_iter()
                .next()
            else {
                continue;
            };
            let hasher = string(src, first).unwrap_or_default();
            let last = hasher.rsplit('.').next().unwrap_or("");
            if WEAK_DJANGO_HASHERS.contains(&last) {
                out.push(Weak {
                    node: first,
                    what: format!("Django `PASSWORD_HASHERS` led by `{last}`, so new passwords are stored with it"),
                    input: None,
                });
            }
        }
    }
}

/// The lowest PBKDF2 iteration count not reported. OWASP asks for 600,000 with HMAC-SHA-256;
/// below 100,000 is weak by any current guidance.
const MIN_PBKDF2_ITERATIONS: f64 = 100_000.0;

/// PBKDF2 over a password with too few iterations: (call name, index of the password argument,
/// index of the iteration count).
const PBKDF2_CALLS: &[(&str, usize, usize)] = &[
    ("pbkdf2_hmac", 1, 3), // Python hashlib.pbkdf2_hmac(alg, password, salt, iterations)
    ("pbkdf2Sync", 0, 2),  // Node crypto.pbkdf2Sync(password, salt, iterations, len, digest)
    ("pbkdf2", 0, 2),      // Node crypto.pbkdf2(...), Ruby OpenSSL::PKCS5.pbkdf2_hmac below
    ("PBEKeySpec", 0, 2),  // Java new PBEKeySpec(password, salt, iterations, length)
    ("Rfc2898DeriveBytes", 0, 2), // C# new Rfc2898DeriveBytes(password, salt, iterations)
    ("Pbkdf2", 0, 2),      // C# Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, ...)
    ("Key", 0, 2),         // Go pbkdf2.Key(password, salt, iter, keyLen, h)
    ("hash_pbkdf2", 1, 3), // PHP hash_pbkdf2(alg, password, salt, iterations)
    ("pbkdf2_hmac_sha256", 0, 2), // Ruby OpenSSL::PKCS5.pbkdf2_hmac_sha256(pass, salt, iter, len)
];

fn low_pbkdf2_iterations<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Weak<'t>>) {
    for call in &facts.calls {
        let name = call.name();
        let Some((_, pw_at, iter_at)) = PBKDF2_CALLS.iter().find(|(n, _, _)| *n == name) else {
            continue;
        };
        // Ruby's `OpenSSL::PKCS5.pbkdf2_hmac(pass, salt, iter, len, digest)` puts the password first.
        let (pw_at, iter_at) = if name == "pbkdf2_hmac" && src.language == Language::Ruby {
            (0, 2)
        } else {
            (*pw_at, *iter_at)
        };
        let path = format!("{} {}", call.qualified, call.written).to_ascii_lowercase();
        let known = path.contains("pbkdf2")
            || path.contains("pbekeyspec")
            || path.contains("rfc2898")
            || path.contains("pkcs5");
        if !known {
            continue;
        }
        let (Some(pw), Some(iterations)) = (call.args.get(pw_at), call.args.get(iter_at)) else {
            continue;
        };
        if password_in(src, *pw).is_none() {
            continue;
        }
        let Some(n) = cost_value(src, facts, *iterations) else {
            continue;
        };
        if n < MIN_PBKDF2_ITERATIONS && n > 0.0 {
            out.push(Weak {
                node: call.node,
                what: format!(
                    "Password hashed with PBKDF2 at {} iterations (`{}`), far below the 600,000 OWASP recommends",
                    n as u64,
                    short(&src.text_of(call.node).split_whitespace().collect::<Vec<_>>().join(" "))
                ),
                input: None,
            });
        }
    }
}

/// bcrypt with a cost below 10.
fn low_bcrypt_cost<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<Weak<'t>>) {
    for call in &facts.calls {
        let path = format!("{} {}", call.qualified, call.written).to_ascii_lowercase();
        if !path.contains("bcrypt")
            && !matches!(call.name(), "password_hash" | "BCryptPasswordEncoder")
        {
            continue;
        }
        let cost_arg: Option<Node<'_>> = match call.name() {
            // Python bcrypt.gensalt(rounds=4) / gensalt(4); Java BCrypt.gensalt(4).
            "gensalt" | "genSalt" | "genSaltSync" | "gen_salt" => {
                keyword(src, call, &["rounds", "log_rounds"]).or_else(|| call.args.first().copied())
            }
            // Node bcrypt.hash(p, 4), Go bcrypt.GenerateFromPassword(p, 4), Rust bcrypt::hash(p, 4).
            "hash" | "hashSync" | "GenerateFromPassword" | "hash_with_salt" => {
                call.args.get(1).copied()
            }
            "HashPassword" | "EnhancedHashPassword" => {
                keyword(src, call, &["workFactor"]).or_else(|| call.args.get(1).copied())
            }
            "BCryptPasswordEncoder" => call
                .args
                .iter()
                .copied()
                .find(|a| number(src, *a).is_some()),
            "using" => keyword(src, call, &["rounds"]),
            "create" => keyword(src, call, &["cost"]),
            "password_hash" => call.args.get(2).and_then(|opts| {
                descendants(*opts)
                    .find(|n| {
                        n.kind() == "array_element_initializer"
                            && n.named_child(0).and_then(|k| string(src, k)).as_deref()
                                == Some("cost")
                    })
                    .and_then(|n| n.named_child(1))
            }),
            _ => None,
        };
        let Some(cost_arg) = cost_arg else {
            continue;
        };
        let cost = cost_value(src, facts, cost_arg);
        if let Some(cost) = cost
            && cost < MIN_BCRYPT_COST
            && cost > 0.0
        {
            out.push(Weak {
                node: call.node,
                what: format!(
                    "bcrypt cost {cost} (`{}`), below the minimum of 10",
                    short(
                        &src.text_of(call.node)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                ),
                input: None,
            });
        }
    }
}

/// A cost argument's number: a literal, a keyword/pair value, `bcrypt.MinCost`, or a constant
/// bound in the file.
fn cost_value(src: &Source<'_>, facts: &Facts<'_>, node: Node<'_>) -> Option<f64> {
    let node = unwrap(node);
    let value = match node.kind() {
        "keyword_argument" | "pair" => node.child_by_field_name("value").unwrap_or(node),
        _ => node,
    };
    if let Some(n) = number(src, value) {
        return Some(n);
    }
    let text = src.text_of(value).trim();
    if text.ends_with("MinCost") {
        return Some(4.0);
    }
    let name = text.rsplit(['.', ':']).next().unwrap_or(text);
    facts
        .bindings
        .iter()
        .filter(|b| b.name == name)
        .find_map(|b| number(src, b.value))
}

fn keyword<'t>(src: &Source<'_>, call: &Call<'t>, names: &[&str]) -> Option<Node<'t>> {
    call.args.iter().copied().find(|a| {
        let key = a
            .child_by_field_name("name")
            .or_else(|| a.child_by_field_name("key"))
            .map(|k| src.text_of(k).trim_end_matches(':').to_string());
        matches!(a.kind(), "keyword_argument" | "pair")
            && key.is_some_and(|k| names.contains(&k.as_str()))
    })
}

/// Per function of the old version: the password hasher used and the identifiers it hashed.
fn strong_inputs(old: &Source<'_>) -> Vec<(Option<String>, String, String)> {
    let facts = Facts::of(old);
    let mut out = Vec::new();
    for call in &facts.calls {
        let path = format!("{} {}", call.qualified, call.written);
        if !STRONG_HASHERS.contains(&call.name()) || !STRONG_OWNERS.iter().any(|o| path.contains(o))
        {
            continue;
        }
        // `crypto.scrypt` / `crypto.pbkdf2` are strong; other `crypto.*` names are not.
        if path.contains("crypto")
            && !matches!(
                call.name(),
                "scrypt" | "scryptSync" | "pbkdf2" | "pbkdf2Sync"
            )
            && !path.to_ascii_lowercase().contains("bcrypt")
            && !path.contains("argon")
            && !path.contains("PasswordHasher")
        {
            continue;
        }
        let scope = enclosing_function_name(old, call.node);
        for arg in &call.args {
            let arg = unwrap(*arg);
            let ident = descendants(arg)
                .find(|n| matches!(n.kind(), "identifier" | "variable_name"))
                .map(|n| old.text_of(n).trim_start_matches('$').to_string());
            if let Some(ident) = ident {
                out.push((scope.clone(), call.written.clone(), ident));
                break;
            }
        }
    }
    out
}
