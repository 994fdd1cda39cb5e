//! IDG112 token-lifetime-excessive

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::duration::human;

use super::sites::sites;

declare_rule! {
    /// ## What it does
    /// Flags an access or ID token lifetime over 24 hours, wherever the code sets it: settings
    /// (`ACCESS_TOKEN_EXPIRE_MINUTES`, `SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]`,
    /// `JWT_EXPIRATION_DELTA`), options (`expiresIn: '30d'`), claims
    /// (`"exp": datetime.utcnow() + timedelta(days=30)`, `ExpiresAt`), and builder calls
    /// (`setExpiration`, `withExpiresAt`, `expires:`), in every supported language. The finding
    /// carries the lifetime for the policy's `max_token_lifetime`.
    ///
    /// Refresh tokens, session cookies and one-time links are not access tokens and raise
    /// nothing. When a change raised the lifetime, `token-lifetime-extended` reports it instead.
    ///
    /// ## Why is this bad?
    /// An access token is a bearer credential that cannot be recalled; a lifetime of days or
    /// months turns any leak into a long-lived compromise.
    ///
    /// ## Example
    /// ```javascript
    /// jwt.sign({ sub: user.id }, key, { expiresIn: '30d' });
    /// ```
    ///
    /// Use instead:
    /// ```javascript
    /// jwt.sign({ sub: user.id }, key, { expiresIn: '15m' });
    /// ```
    ///
    /// ## References
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    /// - [CWE-324: Use of a Key Past its Expiration Date](https://cwe.mitre.org/data/definitions/324.html)
    /// - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725)
    /// - OWASP Non-Human Identities Top 10: NHI7 Long-Lived Secrets
    pub(crate) static RULE = {
        code: "IDG112",
        name: "token-lifetime-excessive",
        category: TokenLifetime,
        cwe: [613, 324],
        severity: Low,
        default_level: Warning,
        status: Status::Preview { since: "0.1.0" },
        languages: [Python, JavaScript, TypeScript, Tsx, Go, Java, CSharp, Rust, Ruby, Php],
        keywords: ["exp", "ttl", "lifetime", "delta", "expir", "max_age", "maxage", "validity"],
        also: ["token", "jwt", "access", "bearer", "api"],
        summary: "An access token lives longer than 24 hours.",
        check: check,
    };
}

/// The longest access-token lifetime that raises nothing.
const CAP_SECONDS: f64 = 24.0 * 3600.0;

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let facts = cx.facts();
    let before = cx.old.zip(cx.old_facts()).map(|(old, facts)| {
        sites(old, facts)
            .into_iter()
            .map(|s| (s.key, s.seconds))
            .collect::<Vec<_>>()
    });
    for site in sites(cx.new, facts) {
        if site.seconds <= CAP_SECONDS || site.one_time {
            continue;
        }
        // Raised by this change: `token-lifetime-extended` says so with both values.
        if before
            .as_ref()
            .is_some_and(|b| b.iter().any(|(k, s)| *k == site.key && *s < site.seconds))
        {
            continue;
        }
        let now = human(site.seconds);
        hits.push(Hit {
            start: site.node.start_byte(),
            end: site.node.end_byte(),
            message: format!(
                "Access token lifetime of {now} at {}: over the 24-hour cap, so a leaked token stays usable for {now}. Use minutes to hours and renew with refresh tokens",
                site.label
            ),
            before: None,
            after: Some(now),
            measure: Some(idgate_core::Measure::TokenLifetime {
                seconds: Some(site.seconds.round() as u64),
            }),
        });
    }
}
