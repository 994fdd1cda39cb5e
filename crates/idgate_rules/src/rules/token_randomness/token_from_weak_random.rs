//! IDG190 token-from-weak-random

use idgate_lang::Source;
use tree_sitter::Node;

use super::mint::{
    Flow, Instances, Origin, Sink, function_context, names_credential, origin, secure_alternative,
    shown, statement_of, weak_helpers,
};
use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::descendants;
use crate::syntax::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Flags a credential minted from a generator that is not cryptographically secure: a
    /// session id, password-reset or verification code, API key, CSRF token, nonce, OAuth
    /// `state`, salt, JWT `jti` or generated password whose value comes from Python `random`,
    /// `Math.random()`, Go `math/rand`, `java.util.Random`/`Math.random()`, `System.Random`,
    /// Ruby `rand`/`Random`, PHP `rand`/`mt_rand`/`uniqid`, Rust `fastrand`/seeded `SmallRng`,
    /// or `uuid1` (time-based), called directly or through an instance (`rnd = new Random()`,
    /// `rand.New(rand.NewSource(..))`, `random.Random()`, `Random.new`, `StdRng::seed_from_u64`),
    /// and a credential made from the clock (`Date.now()`, `time.time()`,
    /// `System.currentTimeMillis()`, `time.Now().UnixNano()`) or from a counter
    /// (`String(nextSessionId++)`). The generators, their secure counterparts and the clocks are
    /// data in the identity API catalogue (`random-weak`, `random-secure`, `predictable`).
    ///
    /// It reports only when the value reaches something that acts as a credential: a variable,
    /// field, key or keyword argument named like one (`reset_code`, `sessionId`, `api_key`,
    /// `csrf_token`, `otp`, `jti`), the return value of a function named like one
    /// (`generate_token`, `newSessionID`, `issue` in `ApiKeyService`), or a sink: a session
    /// cookie, a session store, an e-mail or SMS that carries a code, a database column named
    /// like a token, a constructor named like a credential. A timestamp is followed only through
    /// conversions and string building, so `exp`, `iat`, `created_at` and `now + ttl` stay
    /// quiet. The same generators used for jitter, back-off, sampling, shuffling or test data
    /// raise nothing. In a change, a secure generator replaced by a weak one is reported with
    /// both; a buffer that the same function filled from a secure generator before
    /// (`crypto/rand.Read(b)`, `SecureRandom.nextBytes(b)`) and now fills from a weak one is
    /// reported even where the rule cannot follow the bytes to a credential: the author chose
    /// a secure source for them.
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
        keywords: ["rand", "uuid1", "uniqid", "date.now", "time.time", "time()", "currenttimemillis", "nanotime", "unixnano", "time.now", "systemtime", "++"],
        summary: "A token, session id, reset code or key is minted from a non-cryptographic random generator.",
        check: check,
    };
}

/// A credential minted from a weak, clock or counter source, or (for pairing) a secure one.
struct Site<'t> {
    origin: Origin,
    /// The generator as written.
    generator: String,
    sink: Sink<'t>,
    /// The binding that builds the generator, when the value is drawn from an instance.
    instance: Option<Node<'t>>,
}

fn sites<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<Site<'t>> {
    let instances = Instances::of(src, facts);
    let helpers = weak_helpers(src, facts, &instances);
    let mut out: Vec<Site<'t>> = Vec::new();
    for call in &facts.calls {
        let Some(origin) = origin(facts, src.language, &instances, call, &helpers) else {
            continue;
        };
        let flow = Flow {
            src,
            strict: origin == Origin::Predictable,
            stop_at_hash: origin == Origin::Predictable,
        };
        let Some(sink) = flow.sink(call.node) else {
            continue;
        };
        if out
            .iter()
            .any(|s| s.sink.anchor.start_byte() == sink.anchor.start_byte())
        {
            continue;
        }
        let instance = match origin {
            Origin::Weak => instances.weak_binding(call),
            _ => None,
        };
        let mut generator = format!("`{}`", shown(src, call.node));
        if call.qualified != call.written && !call.qualified.is_empty() {
            // `rand.Read(b)` says little when only the import changed: name the package.
            generator = format!("{generator} (`{}`)", call.qualified);
        }
        out.push(Site {
            origin,
            generator,
            sink,
            instance,
        });
    }
    // Counters: `sid = String(nextSessionId++)`.
    for binding in &facts.bindings {
        if !names_credential(&binding.name) {
            continue;
        }
        let counter = descendants(binding.value).take(40).find(|n| {
            matches!(
                n.kind(),
                "update_expression" | "postfix_unary_expression" | "prefix_unary_expression"
            ) && {
                let t = src.text_of(*n);
                t.contains("++")
            }
        });
        let Some(counter) = counter else { continue };
        if out
            .iter()
            .any(|s| s.sink.anchor.start_byte() == binding.node.start_byte())
        {
            continue;
        }
        out.push(Site {
            origin: Origin::Predictable,
            generator: format!("`{}`", shown(src, counter)),
            sink: Sink {
                what: format!("`{}`", binding.name),
                key: binding.name.clone(),
                anchor: binding.node,
                by_return: false,
                delivered: false,
            },
            instance: None,
        });
    }
    out
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let sites = sites(src, facts);
    if let (Some(old), Some(old_facts)) = (cx.old, cx.old_facts()) {
        swapped_fills(src, facts, old, old_facts, &sites, hits);
    }
    if !sites.iter().any(|s| s.origin != Origin::Secure) {
        return;
    }
    // In a change: what the same credential was minted from before.
    let old_facts = cx.old_facts();
    let old_sites = match (cx.old, old_facts.as_ref()) {
        (Some(old), Some(f)) => sites_of_old(old, f),
        _ => Vec::new(),
    };
    for site in sites.iter().filter(|s| s.origin != Origin::Secure) {
        let Site {
            origin,
            generator,
            sink,
            instance,
        } = site;
        let replaced = old_sites
            .iter()
            .find(|(o, key, _)| *o == Origin::Secure && *key == sink.key);
        let what = &sink.what;
        let (message, before) = match (replaced, origin) {
            (Some((_, _, old)), _) => (
                format!(
                    "{what} was minted from the secure {old} and is now made from {generator}, which is predictable; go back to {}",
                    secure_alternative(src.language)
                ),
                Some(format!("{what} from {old}")),
            ),
            (None, Origin::Predictable) => (
                format!(
                    "{what} is made from {generator}, a clock or counter value anyone can guess; use {} instead",
                    secure_alternative(src.language)
                ),
                None,
            ),
            (None, _) => (
                format!(
                    "{what} is made from {generator}, a non-cryptographic generator whose next values can be predicted from a few outputs; use {} instead",
                    secure_alternative(src.language)
                ),
                None,
            ),
        };
        let anchor = match (cx.old, instance) {
            (Some(old), Some(built)) => changed_construction(src, old, *built, sink.anchor),
            _ => None,
        }
        .unwrap_or(sink.anchor);
        hits.push(Hit {
            start: anchor.start_byte(),
            end: anchor.end_byte(),
            message,
            before,
            after: Some(format!("{what} from {generator}")),
            measure: None,
        });
    }
}

fn sites_of_old<'t>(old: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(Origin, String, String)> {
    sites(old, facts)
        .into_iter()
        .map(|s| (s.origin, s.sink.key, s.generator))
        .collect()
}

/// In a change that swapped the generator behind an unchanged draw (`new SecureRandom()` →
/// `new Random()`), or built a weak generator beside the draw in the same function, the
/// construction is the line the change made weak: point there.
fn changed_construction<'t>(
    src: &Source<'_>,
    old: &Source<'_>,
    built: Node<'t>,
    draw: Node<'t>,
) -> Option<Node<'t>> {
    let fold = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let old_text = fold(old.text);
    let construction = statement_of(built);
    if old_text.contains(&fold(src.text_of(construction))) {
        return None;
    }
    let draw_unchanged = old_text.contains(&fold(src.text_of(statement_of(draw))));
    let same_function = match (function_context(src, built), function_context(src, draw)) {
        (Some((a, _)), Some((b, _))) => a.id() == b.id(),
        _ => false,
    };
    (draw_unchanged || same_function).then_some(construction)
}

/// Buffers filled by a random draw, by function and buffer name, with the draw's origin.
fn fills<'t>(src: &'t Source<'_>, facts: &Facts<'t>) -> Vec<(String, Origin, Node<'t>, String)> {
    let instances = Instances::of(src, facts);
    let helpers = weak_helpers(src, facts, &instances);
    let mut out = Vec::new();
    for call in &facts.calls {
        let Some(origin) = origin(facts, src.language, &instances, call, &helpers) else {
            continue;
        };
        if origin == Origin::Predictable {
            continue;
        }
        let Some(buffer) = super::mint::filled_buffer(src, call.node) else {
            continue;
        };
        let Some((_, function)) = function_context(src, call.node) else {
            continue;
        };
        let name = super::mint::target_name(src.text_of(buffer)).to_string();
        let mut generator = format!("`{}`", shown(src, call.node));
        if call.qualified != call.written && !call.qualified.is_empty() {
            generator = format!("{generator} (`{}`)", call.qualified);
        }
        // Drawn from an instance: name what it was built as (`rng = new Random()`).
        if let Some(built) = instances.weak_binding(call) {
            generator = format!("{generator} on `{}`", shown(src, built));
        }
        out.push((format!("{function}/{name}"), origin, call.node, generator));
    }
    out
}

/// In a change: a buffer the same function filled from a secure generator before and fills
/// from a weak one now.
fn swapped_fills(
    src: &Source<'_>,
    facts: &Facts<'_>,
    old: &Source<'_>,
    old_facts: &Facts<'_>,
    sites: &[Site<'_>],
    hits: &mut Vec<Hit>,
) {
    let before = fills(old, old_facts);
    for (key, origin, node, generator) in fills(src, facts) {
        if origin != Origin::Weak {
            continue;
        }
        let Some((_, _, _, was)) = before
            .iter()
            .find(|(k, o, _, _)| *k == key && *o == Origin::Secure)
        else {
            continue;
        };
        // Followed to a credential: the site's finding says more.
        let at = statement_of(node);
        if sites.iter().any(|s| {
            (s.origin == Origin::Weak && crate::syntax::generic::contains(s.sink.anchor, node))
                || s.sink.anchor.start_byte() == at.start_byte()
        }) {
            continue;
        }
        let buffer = key.rsplit('/').next().unwrap_or(&key);
        hits.push(Hit {
            start: at.start_byte(),
            end: at.end_byte(),
            message: format!(
                "`{buffer}` was filled from a secure generator ({was}) and is now filled from {generator}, a non-cryptographic generator whose output can be predicted from a few values; go back to {}",
                secure_alternative(src.language)
            ),
            before: Some(format!("`{buffer}` from {was}")),
            after: Some(format!("`{buffer}` from {generator}")),
            measure: None,
        });
    }
}
