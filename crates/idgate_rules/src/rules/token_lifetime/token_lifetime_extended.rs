//! IDG111 token-lifetime-extended

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::duration::human;

use super::sites::sites;

declare_rule! {
    /// ## What it does
    /// In `idgate check`, flags a change that makes tokens live longer: a setting, option, claim
    /// or builder call that sets an access or ID token's lifetime now holds a longer duration
    /// than before. It reads durations in every supported language — `timedelta(days=90)`,
    /// `60 * 60 * 24 * 90`, jsonwebtoken's `'7d'`, Go's `24 * time.Hour`, Java's
    /// `Duration.ofDays(30)` and `System.currentTimeMillis() + ...`, C#'s
    /// `DateTime.UtcNow.AddDays(30)`, Ruby's `30.days.from_now`, PHP's `time() + 3600`, Rust's
    /// `Duration::from_secs` — and names in the unit a setting's name gives
    /// (`ACCESS_TOKEN_EXPIRE_MINUTES`). The finding says both values in words
    /// ("15 minutes → 90 days") and carries the new lifetime for the policy's
    /// `max_token_lifetime`.
    ///
    /// A shorter lifetime, refresh tokens, session cookies and one-time links raise nothing.
    ///
    /// ## Why is this bad?
    /// A bearer token cannot be recalled: whoever holds a copy (a log line, a proxy, a stolen
    /// laptop) can use it until it expires. Raising the lifetime from minutes to days multiplies
    /// that window, and agents do it to silence "token expired" errors in tests or demos.
    ///
    /// ## Example
    /// ```python
    /// ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 90  # was 15
    /// ```
    ///
    /// Use instead: keep access tokens short (minutes) and renew them with a refresh token.
    ///
    /// ## References
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [CWE-324: Use of a Key Past its Expiration Date](https://cwe.mitre.org/data/definitions/324.html)
    /// - [RFC 8725 §3.10: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725)
    /// - OWASP Non-Human Identities Top 10: NHI7 Long-Lived Secrets
    pub(crate) static RULE = {
        code: "IDG111",
        name: "token-lifetime-extended",
        category: TokenLifetime,
        cwe: [613, 324],
        severity: Medium,
        default_level: Warning,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Rust, Ruby, Php],
        keywords: ["exp", "ttl", "lifetime", "delta", "expir", "max_age", "maxage", "validity"],
        also: ["token", "jwt", "access", "bearer", "api"],
        drift_only: true,
        summary: "A change makes access tokens live longer.",
        check: check,
    };
}

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let Some(old) = cx.old else {
        return;
    };
    let Some(old_facts) = cx.old_facts() else {
        return;
    };
    let before = sites(old, old_facts);
    let facts = cx.facts();
    for site in sites(cx.new, facts) {
        let Some(prev) = before.iter().find(|b| b.key == site.key) else {
            continue;
        };
        // Rounding noise aside, only a real increase counts.
        if site.seconds <= prev.seconds * 1.0001 {
            continue;
        }
        let (was, now) = (human(prev.seconds), human(site.seconds));
        // The lifetime was raised where its constant is set (`ACCESS_TTL = timedelta(days=30)`),
        // not where it is used: point at the constant, once.
        let node = match (&site.origin, &prev.origin) {
            (Some((binding, text)), Some((_, old_text))) if text != old_text => *binding,
            _ => site.node,
        };
        if hits.iter().any(|h| h.start == node.start_byte()) {
            continue;
        }
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "Token lifetime raised at {}: {was} → {now}; a leaked token now stays usable for {now}. Keep access tokens short-lived and renew them with refresh tokens",
                site.label
            ),
            before: Some(was),
            after: Some(now),
            measure: Some(idgate_core::Measure::TokenLifetime {
                seconds: Some(site.seconds.round() as u64),
            }),
        });
    }
}
