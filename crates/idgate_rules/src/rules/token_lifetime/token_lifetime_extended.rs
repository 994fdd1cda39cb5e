//! IDG111 token-lifetime-extended

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::duration::human;

use super::sites::{lifetime_settings, sites};
use super::store::store_writes;
use crate::syntax::generic::{is_false, is_null};

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
    /// It also reports a lifetime the change takes away: a token lifetime setting that held a
    /// value and is now `null`/`None`/`nil` (Laravel Sanctum's `'expiration' => null`), and a
    /// token, session or API key written to Redis with an expiry (`'EX', 3600`, `ex=`, `SETEX`,
    /// go-redis's TTL argument) and now written without one — it never expires server-side.
    ///
    /// A shorter lifetime, refresh tokens, session cookies and cached data raise nothing; a
    /// one-time link (`itsdangerous` `loads(max_age=...)`) counts only when its age is raised.
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
        keywords: ["exp", "ttl", "lifetime", "delta", "expir", "max_age", "maxage", "validity", "timetolive", "time_to_live", "redis", "setex"],
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
    unset(cx.new, facts, old, old_facts, hits);
    ttl_dropped(cx.new, facts, old_facts, old, hits);
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
        let fix = if site.one_time {
            "Keep signed links and one-time tokens to minutes or hours"
        } else {
            "Keep access tokens short-lived and renew them with refresh tokens"
        };
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "Token lifetime raised at {}: {was} → {now}; a leaked token now stays usable for {now}. {fix}",
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

/// A token lifetime setting that held a value before and is `null` now: tokens never expire.
fn unset(
    src: &idgate_lang::Source<'_>,
    facts: &crate::syntax::facts::Facts<'_>,
    old: &idgate_lang::Source<'_>,
    old_facts: &crate::syntax::facts::Facts<'_>,
    hits: &mut Vec<Hit>,
) {
    let before = lifetime_settings(old, old_facts);
    let after = lifetime_settings(src, facts);
    for now in &after {
        if !is_null(src, now.value) {
            continue;
        }
        // `except ValueError: data['token_expiry'] = None` beside the parse it guards: the old
        // version had as many null writes under this name, so none was introduced.
        let nulls = |list: &[_], s: &idgate_lang::Source<'_>| {
            list.iter()
                .filter(|x: &&super::sites::LifetimeSetting<'_>| {
                    x.key == now.key && is_null(s, x.value)
                })
                .count()
        };
        if nulls(&after, src) <= nulls(&before, old) {
            continue;
        }
        let Some(was) = before
            .iter()
            .find(|b| b.key == now.key && !is_null(old, b.value) && !is_false(old, b.value))
        else {
            continue;
        };
        let was_text = old
            .text_of(was.value)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let null = src.text_of(now.value);
        hits.push(Hit {
            start: now.node.start_byte(),
            end: now.node.end_byte(),
            message: format!(
                "Token expiry removed at `{}`: `{was_text}` → `{null}`, so tokens issued from now on never expire and a leaked one stays usable forever. Set a lifetime of minutes to hours again",
                now.name
            ),
            before: Some(format!("`{}` = `{was_text}`", now.name)),
            after: Some(format!("`{}` = `{null}` (no expiry)", now.name)),
            measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
        });
    }
}

/// A credential written to Redis with an expiry before and without one now, under the same key
/// in the same function.
fn ttl_dropped(
    src: &idgate_lang::Source<'_>,
    facts: &crate::syntax::facts::Facts<'_>,
    old_facts: &crate::syntax::facts::Facts<'_>,
    old: &idgate_lang::Source<'_>,
    hits: &mut Vec<Hit>,
) {
    let before = store_writes(old, old_facts);
    if before.iter().all(|w| w.ttl.is_none()) {
        return;
    }
    for write in store_writes(src, facts) {
        if write.ttl.is_some() {
            continue;
        }
        let Some(ttl) = before
            .iter()
            .find(|b| b.key == write.key)
            .and_then(|b| b.ttl.as_deref())
        else {
            continue;
        };
        hits.push(Hit {
            start: write.node.start_byte(),
            end: write.node.end_byte(),
            message: format!(
                "`{}` is now stored without an expiry (it had `{ttl}`): the server-side token never expires, so a leaked one stays valid until someone deletes it. Write it with a TTL again (`EX` seconds)",
                write.shown_key
            ),
            before: Some(format!("stored with `{ttl}`")),
            after: Some("stored without expiry".into()),
            measure: Some(idgate_core::Measure::TokenLifetime { seconds: None }),
        });
    }
}
