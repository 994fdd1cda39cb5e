//! IDG192 token-from-hashed-predictable-value

use super::mint::{Flow, Instances, Origin, is_hash_callee, origin, shown};
use crate::registry::{Hit, RuleContext, Status, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a credential made by hashing predictable input: a timestamp, often with the user's
    /// id or e-mail (`md5(user_id + time)`, `sha1($email . time())`,
    /// `hashlib.sha256(f"{user.id}:{time.time()}")`, `Digest::SHA1.hexdigest("#{email}#{Time.now.to_i}")`),
    /// where the hash becomes a reset token, API key, session id, CSRF token or another value
    /// that acts as a credential (by name or by sink, as IDG190 reads them). A hash whose input
    /// holds a secure random value or a secret key raises nothing; a hash of predictable input
    /// used as an ETag, a cache key or a Gravatar URL raises nothing.
    ///
    /// ## Why is this bad?
    /// Hashing hides nothing that can be guessed. Whoever knows the e-mail address and roughly
    /// when the reset was requested hashes the few thousand candidate timestamps and holds a
    /// valid reset link (CWE-330, CWE-340).
    ///
    /// ## Example
    /// ```php
    /// $token = sha1($email . time());
    /// ```
    ///
    /// Use instead:
    /// ```php
    /// $token = bin2hex(random_bytes(32));
    /// ```
    ///
    /// ## References
    /// - [CWE-330: Use of Insufficiently Random Values](https://cwe.mitre.org/data/definitions/330.html)
    /// - [CWE-340: Generation of Predictable Numbers or Identifiers](https://cwe.mitre.org/data/definitions/340.html)
    /// - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    /// - OWASP Non-Human Identities Top 10: NHI4 Insecure Authentication
    pub(crate) static RULE = {
        code: "IDG192",
        name: "token-from-hashed-predictable-value",
        category: TokenRandomness,
        cwe: [330, 340],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Ruby, Php, Rust],
        keywords: ["md5", "sha1", "sha256", "sha512", "createhash", "digest", "hash("],
        summary: "A token or key is a hash of predictable input such as a timestamp and a user id.",
        check: check,
    };
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let hashes: Vec<usize> = facts
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| is_hash_callee(&c.written))
        .map(|(i, _)| i)
        .collect();
    if hashes.is_empty() {
        return;
    }
    let instances = Instances::of(src, facts);
    let flow = Flow {
        src,
        strict: false,
        stop_at_hash: false,
    };
    let mut reported: Vec<usize> = Vec::new();
    for i in hashes {
        let hash = &facts.calls[i];
        let (start, end) = (hash.node.start_byte(), hash.node.end_byte());
        // The calls inside the hash's input: `facts.calls` is in document order, so they follow.
        let mut clock = None;
        let mut random = false;
        for inner in facts.calls[i + 1..]
            .iter()
            .take_while(|c| c.node.start_byte() < end)
            .filter(|c| c.node.end_byte() <= end && c.node.start_byte() >= start)
        {
            match origin(facts, src.language, &instances, inner, &[]) {
                Some(Origin::Predictable) => clock = clock.or(Some(inner.node)),
                Some(Origin::Weak | Origin::Secure) => random = true,
                None => {}
            }
        }
        let text = src.text_of(hash.node).to_ascii_lowercase();
        // A keyed hash (HMAC with a secret) is not guessable from its input.
        let keyed = ["secret", "pepper", "hmac", "private"]
            .iter()
            .any(|w| text.contains(w));
        let Some(clock) = clock else { continue };
        if random || keyed {
            continue;
        }
        // Hashes nested in one another (`md5(sha1(..))`) are one value: follow the outermost.
        let Some(sink) = flow.sink(hash.node) else {
            continue;
        };
        if reported.contains(&sink.anchor.start_byte()) {
            continue;
        }
        reported.push(sink.anchor.start_byte());
        let what = &sink.what;
        let shown_hash = shown(src, hash.node);
        hits.push(Hit {
            start: sink.anchor.start_byte(),
            end: sink.anchor.end_byte(),
            message: format!(
                "{what} is a hash of predictable input (`{}`); anyone who knows the account and roughly when it was made can compute it; use a random token (16+ bytes from a secure generator) instead",
                shown(src, clock)
            ),
            before: None,
            after: Some(format!("{what} from `{shown_hash}`")),
            measure: None,
        });
    }
}
