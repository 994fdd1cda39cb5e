//! IDG191 token-entropy-too-low

use idgate_lang::Source;
use tree_sitter::Node;

use super::mint::{
    Flow, Instances, Origin, Sink, filled_buffer, function_context, limits_attempts, origin, shown,
    target_name,
};
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::{Call, Facts};
use crate::syntax::value::number;
use crate::syntax::{FUNCTION_KINDS, descendants};

declare_rule! {
    /// ## What it does
    /// Flags a credential drawn from a secure generator but too short to stay secret: fewer
    /// than 128 bits of entropy (`secrets.token_hex(4)`, `crypto.randomBytes(8)`,
    /// `SecureRandom.hex(4)`, `make([]byte, 8)` filled by `crypto/rand`,
    /// `RandomNumberGenerator.GetBytes(5)`) when the value becomes a session id, API key,
    /// reset or verification token, CSRF token or nonce (by name or by sink, as IDG190 reads
    /// them). A short numeric or alphanumeric code that a person types (a six-digit e-mail or
    /// SMS code) is reported only where the file has no attempt limit, rate limit or lockout.
    ///
    /// In a change, a token made shorter is reported with the old and the new length. A token
    /// that stays at 128 bits or more after shortening (32 → 16 bytes) raises nothing.
    ///
    /// ## Why is this bad?
    /// A secure generator does not help when there are few values to guess: 32 bits are
    /// enumerated online in hours, 64 bits offline in days, and a six-digit code falls to a
    /// million requests. Session ids and API keys need at least 128 bits (OWASP); short codes
    /// are only acceptable behind an attempt limit (CWE-331, CWE-326, CWE-330).
    ///
    /// ## Example
    /// ```python
    /// api_key = "sk_" + secrets.token_hex(4)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// api_key = "sk_" + secrets.token_urlsafe(32)
    /// ```
    ///
    /// ## References
    /// - [CWE-331: Insufficient Entropy](https://cwe.mitre.org/data/definitions/331.html)
    /// - [CWE-326: Inadequate Encryption Strength](https://cwe.mitre.org/data/definitions/326.html)
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [OWASP Session Management Cheat Sheet: Session ID Entropy](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG191",
        name: "token-entropy-too-low",
        category: TokenRandomness,
        cwe: [331, 326, 330],
        severity: Medium,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["token_hex", "token_urlsafe", "token_bytes", "urandom", "randombytes", "random_bytes", "securerandom", "randomnumbergenerator", "crypto/rand", "randbelow", "random_int", "randomint", "getrandomvalues", "rand::random", "osrng", "thread_rng", "rand::rng"],
        summary: "A token, session id or key from a secure generator has fewer than 128 bits of entropy, or a short code has no attempt limit.",
        check: check,
    };
}

/// How much a value can be guessed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entropy {
    bits: f64,
    /// A code a person types (digits, a few characters): acceptable behind an attempt limit.
    typed: bool,
}

struct Site<'t> {
    entropy: Entropy,
    generator: String,
    sink: Sink<'t>,
}

fn literal_arg(src: &Source<'_>, call: &Call<'_>, i: usize) -> Option<f64> {
    call.args.get(i).and_then(|a| number(src, *a))
}

/// The entropy of one secure draw, from the call's name and literal arguments.
fn entropy_of(src: &Source<'_>, call: &Call<'_>) -> Option<Entropy> {
    let name = call.name();
    let bytes = |n: f64| Entropy {
        bits: n * 8.0,
        typed: false,
    };
    let range = |n: f64| Entropy {
        bits: n.max(1.0).log2(),
        typed: true,
    };
    match name {
        "token_hex"
        | "token_urlsafe"
        | "token_bytes"
        | "urandom"
        | "randomBytes"
        | "random_bytes"
        | "hex"
        | "urlsafe_base64"
        | "base64"
        | "GetBytes"
        | "randbytes"
        | "openssl_random_pseudo_bytes"
        | "randomFillSync" => literal_arg(src, call, 0).map(bytes),
        "alphanumeric" | "base58" => literal_arg(src, call, 0).map(|n| Entropy {
            bits: n * 5.9,
            typed: n <= 10.0,
        }),
        "randbelow" | "random_number" | "nextInt" | "NextInt" => {
            literal_arg(src, call, 0).map(range)
        }
        "random_int" | "randomInt" | "GetInt32" | "gen_range" | "random_range" => {
            match (literal_arg(src, call, 0), literal_arg(src, call, 1)) {
                (Some(lo), Some(hi)) => Some(range(hi - lo + 1.0)),
                (Some(hi), None) => Some(range(hi)),
                _ => gen_range(src, call),
            }
        }
        // Go `rand.Int(rand.Reader, big.NewInt(1000000))`.
        "Int" => {
            let max = call.args.get(1)?;
            let n = descendants(*max).find_map(|d| number(src, d))?;
            Some(range(n))
        }
        _ => turbofish(src, call.node),
    }
}

/// Rust `rng.gen_range(100_000..1_000_000)`.
fn gen_range(src: &Source<'_>, call: &Call<'_>) -> Option<Entropy> {
    let arg = call.args.first()?;
    if arg.kind() != "range_expression" {
        return None;
    }
    let lo = arg.named_child(0).and_then(|n| number(src, n))?;
    let hi = arg.named_child(1).and_then(|n| number(src, n))?;
    Some(Entropy {
        bits: (hi - lo).max(1.0).log2(),
        typed: true,
    })
}

/// Rust `rand::random::<u32>()`.
fn turbofish(src: &Source<'_>, node: Node<'_>) -> Option<Entropy> {
    let text = src.text_of(node);
    let ty = text.split("::<").nth(1)?.split('>').next()?;
    let bits = match ty.trim() {
        "u8" | "i8" => 8.0,
        "u16" | "i16" => 16.0,
        "u32" | "i32" | "f32" | "char" => 32.0,
        "u64" | "i64" | "f64" | "usize" => 64.0,
        _ => return None,
    };
    Some(Entropy { bits, typed: false })
}

/// `x % 1_000_000` around a draw makes it a code of that many values.
fn narrowed(src: &Source<'_>, node: Node<'_>, e: Entropy) -> Entropy {
    let Some(parent) = node.parent() else {
        return e;
    };
    if !matches!(
        parent.kind(),
        "binary_expression" | "binary_operator" | "binary"
    ) {
        return e;
    }
    let (Some(l), Some(r)) = (
        parent.child_by_field_name("left"),
        parent.child_by_field_name("right"),
    ) else {
        return e;
    };
    let between = src
        .text
        .get(l.end_byte()..r.start_byte())
        .unwrap_or("")
        .trim();
    if l.id() == node.id()
        && between == "%"
        && let Some(n) = number(src, r)
    {
        return Entropy {
            bits: e.bits.min(n.max(1.0).log2()),
            typed: true,
        };
    }
    e
}

/// The literal size of the buffer a fill call writes into, and the node that sets it:
/// `b := make([]byte, 8)`, `byte[] b = new byte[8]`, `new Uint8Array(8)`, `[0u8; 8]`.
fn buffer_size<'t>(src: &Source<'_>, fill: Node<'t>, buffer: Node<'_>) -> Option<(f64, Node<'t>)> {
    let name = target_name(src.text_of(buffer)).to_string();
    let mut scope = fill.parent();
    while let Some(s) = scope {
        if FUNCTION_KINDS.contains(&s.kind()) {
            break;
        }
        scope = s.parent();
    }
    let scope = scope?;
    for n in descendants(scope) {
        if n.start_byte() >= fill.start_byte() {
            break;
        }
        let Some(target) = super::mint::binding_target(n) else {
            continue;
        };
        let target_text = src.text_of(target);
        let target_text = target_text.split(',').next().unwrap_or(target_text);
        if target_name(target_text) != name {
            continue;
        }
        let value = n.named_child(n.named_child_count().saturating_sub(1) as u32)?;
        let text = src.text_of(value);
        if text.len() > 80 {
            continue;
        }
        let is_buffer = [
            "make(",
            "new byte[",
            "Uint8Array",
            "[0u8;",
            "[0; ",
            "Buffer.alloc",
            "bytearray(",
            "new byte [",
        ]
        .iter()
        .any(|p| text.contains(p));
        if !is_buffer {
            continue;
        }
        let size = descendants(value)
            .filter(|d| d.id() != value.id())
            .filter_map(|d| number(src, d))
            .last()?;
        return Some((size, n));
    }
    None
}

fn sites<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Site<'t>> {
    let instances = Instances::of(src, facts);
    let flow = Flow {
        src,
        strict: false,
        stop_at_hash: false,
    };
    let mut out: Vec<Site<'t>> = Vec::new();
    for call in &facts.calls {
        if origin(facts, src.language, &instances, call, &[]) != Some(Origin::Secure) {
            continue;
        }
        let (entropy, anchor) = if let Some(buffer) = filled_buffer(src, call.node) {
            match buffer_size(src, call.node, buffer) {
                Some((size, at)) => (
                    Entropy {
                        bits: size * 8.0,
                        typed: false,
                    },
                    Some(at),
                ),
                None => continue,
            }
        } else {
            match entropy_of(src, call) {
                Some(e) => (narrowed(src, call.node, e), None),
                None => continue,
            }
        };
        let Some(mut sink) = flow.sink(call.node) else {
            continue;
        };
        if let Some(at) = anchor {
            sink.anchor = at;
        }
        let generator = match anchor {
            Some(at) => format!("{} filled by {}", shown(src, at), shown(src, call.node)),
            None => shown(src, call.node),
        };
        out.push(Site {
            entropy,
            generator,
            sink,
        });
    }
    out
}

fn bits(e: Entropy) -> String {
    format!("{:.0} bits", e.bits.floor())
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let sites = sites(src, facts);
    let short: Vec<&Site<'_>> = sites.iter().filter(|s| s.entropy.bits < 128.0).collect();
    if short.is_empty() {
        return;
    }
    let limited = limits_attempts(src.text);
    let old_facts = cx.old_facts();
    let old_sites: Vec<(String, Entropy, String)> = match (cx.old, old_facts.as_ref()) {
        (Some(old), Some(f)) => sites_of(old, f),
        _ => Vec::new(),
    };
    for site in short {
        // A short typed code is judged where it is delivered, not in a helper that only
        // returns or names it: the attempt limit lives with the delivery and the check.
        if site.entropy.typed && (limited || !delivers(src, &site.sink)) {
            continue;
        }
        // A salt or an IV need only be unique, not secret; an AEAD nonce has its cipher's size
        // (96 bits for AES-GCM and ChaCha20-Poly1305).
        let about = crate::syntax::words(&site.sink.what);
        if about
            .iter()
            .any(|w| matches!(w.as_str(), "salt" | "iv" | "pepper"))
        {
            continue;
        }
        if about.iter().any(|w| w == "nonce")
            && (site.entropy.bits >= 96.0 || uses_cipher(src.text))
        {
            continue;
        }
        let what = &site.sink.what;
        let generator = &site.generator;
        let now = bits(site.entropy);
        let before = old_sites
            .iter()
            .find(|(key, e, _)| *key == site.sink.key && e.bits > site.entropy.bits);
        let message = match before {
            Some((_, e, old)) => format!(
                "{what} was shortened from {} (`{old}`) to {now} (`{generator}`); a token under 128 bits can be guessed; keep it at 16 random bytes or more",
                bits(*e)
            ),
            None if site.entropy.typed => format!(
                "{what} is a short code with {now} of entropy (`{generator}`) and nothing in this file limits attempts; lock out after a few failures and expire the code, or use a long token"
            ),
            None => format!(
                "{what} has only {now} of entropy (`{generator}`); tokens, session ids and keys need at least 128 bits (16 random bytes) to resist guessing"
            ),
        };
        hits.push(Hit {
            start: site.sink.anchor.start_byte(),
            end: site.sink.anchor.end_byte(),
            message,
            before: before.map(|(_, e, old)| format!("{} (`{old}`)", bits(*e))),
            after: Some(format!("{now} (`{generator}`)")),
            measure: None,
        });
    }
}

fn sites_of<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(String, Entropy, String)> {
    sites(src, facts)
        .into_iter()
        .map(|s| (s.sink.key, s.entropy, s.generator))
        .collect()
}

/// Whether the code is sent or stored: by its sink, or by a send in the same function.
fn delivers(src: &Source<'_>, sink: &Sink<'_>) -> bool {
    if sink.delivered {
        return true;
    }
    let Some((function, _)) = function_context(src, sink.anchor) else {
        return false;
    };
    let text = src.text_of(function);
    crate::syntax::words(&text[..text.len().min(8000)])
        .iter()
        .any(|w| {
            matches!(
                w.as_str(),
                "send" | "mail" | "mailer" | "sms" | "deliver" | "twilio" | "sendmail"
            )
        })
}

/// Whether the file encrypts (a nonce there is usually a cipher's, not a token).
fn uses_cipher(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "cipher",
        "gcm",
        "aead",
        "chacha",
        "encrypt",
        "seal(",
        "secretbox",
        "nacl",
    ]
    .iter()
    .any(|w| lower.contains(w))
}
