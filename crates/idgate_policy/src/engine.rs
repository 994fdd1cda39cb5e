//! The verdict engine: settings + findings + provenance + approvals + waivers → verdict.
//!
//! Steps, in order:
//! 1. rule levels from the policy (`allow` drops a finding, `warn`/`deny` set its level);
//! 2. policy findings: protected files changed (`guardrail-file-changed`), agents outside their
//!    scope (`agent-out-of-scope`);
//! 3. waivers: a live waiver that matches a finding takes it out of the count; expired waivers and
//!    waivers that matched nothing they could have matched are findings themselves;
//! 4. obligations: approvals by owners (how many depends on who made the change and which
//!    categories it raised), changed tests, a rollback note;
//! 5. the decision: `block` for deny-level findings when the policy says deny blocks, `review`
//!    while obligations are open, else `allow`.

use std::collections::BTreeSet;

use globset::{Glob, GlobMatcher};
use idgate_core::{
    Actor, ChangeSet, Decision, Finding, Fingerprint, Level, Measure, Obligation, Provenance,
    Verdict,
};

use crate::settings::{ActorKey, RuleLevel, RuleSelector, Settings};

/// A checked approval: who, whether it counts, and why (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalCheck {
    /// The approver's principal.
    pub principal: String,
    /// Whether it counts towards the approvals obligation.
    pub counted: bool,
    /// Why it counts or not, in words.
    pub reason: String,
}

/// A verified, signed waiver from the trusted base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Rule code or name it covers, if limited to one rule.
    pub rule: Option<String>,
    /// Path glob it covers, if limited to paths.
    pub path: Option<String>,
    /// The one finding it covers, if limited to a fingerprint.
    pub fingerprint: Option<String>,
    /// Why the exception was granted.
    pub reason: String,
    /// Who signed it.
    pub approver: String,
    /// Unix seconds after which it no longer applies.
    pub expires: i64,
    /// Where it is recorded (`.idgate/waivers.jsonl:3`), for messages.
    pub source: String,
}

/// Everything the engine reads besides the findings.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    /// Resolved settings from the base's policy (or the built-in policy).
    pub settings: &'a Settings,
    /// The change.
    pub change: &'a ChangeSet,
    /// Provenance of its commits.
    pub provenance: &'a [Provenance],
    /// Principals who may approve (owners of the touched paths); None when no CODEOWNERS exists.
    pub owners: Option<&'a BTreeSet<String>>,
    /// Checked approvals.
    pub approvals: &'a [ApprovalCheck],
    /// Waivers from the base.
    pub waivers: &'a [Waiver],
    /// The current time, unix seconds.
    pub now: i64,
    /// `scan` (the whole tree) rather than `check` (one change).
    pub scan: bool,
    /// Fingerprints of accepted, pre-existing findings (the baseline): these do not count.
    pub baseline: &'a BTreeSet<String>,
}

/// The compiled matcher of `glob`. Compiling is a regex build, and `decide` asks for the same
/// few globs once per changed file and finding, so matchers are kept (a policy has few globs; the
/// cache is emptied if a long-running server ever sees very many).
fn matcher(glob: &str) -> Option<GlobMatcher> {
    static CACHE: std::sync::LazyLock<
        std::sync::Mutex<std::collections::HashMap<String, Option<GlobMatcher>>>,
    > = std::sync::LazyLock::new(Default::default);
    const MAX_KEPT: usize = 4096;
    let compile = || Glob::new(glob).ok().map(|g| g.compile_matcher());
    let Ok(mut cache) = CACHE.lock() else {
        return compile();
    };
    if let Some(m) = cache.get(glob) {
        return m.clone();
    }
    if cache.len() >= MAX_KEPT {
        cache.clear();
    }
    let m = compile();
    cache.insert(glob.to_string(), m.clone());
    m
}

fn any_match(globs: &[String], path: &str) -> bool {
    globs
        .iter()
        .filter_map(|g| matcher(g))
        .any(|m| m.is_match(path))
}

fn selector_matches(sel: &RuleSelector, f: &Finding) -> bool {
    match sel {
        RuleSelector::Code(c) => f.rule.eq_ignore_ascii_case(c) || f.rule.starts_with(c.as_str()),
        RuleSelector::Name(n) => f.name == n,
        RuleSelector::Category(c) => f.category == *c,
    }
}

/// A finding raised by the policy engine itself, from a registered policy rule.
fn policy_finding(code: &str, path: &str, message: String, commit: Option<String>) -> Finding {
    let rule = idgate_rules::find_rule(code).expect("policy rules are registered");
    Finding {
        rule: rule.code,
        name: rule.name,
        category: rule.category,
        cwe: rule.cwe.to_vec(),
        severity: rule.severity,
        level: rule.default_level,
        path: path.to_string(),
        line: 1,
        end_line: 1,
        column: 1,
        old_side: false,
        fingerprint: Fingerprint::new(rule.code, path, &message),
        message,
        before: None,
        after: None,
        commit,
        attribution: None,
        measure: None,
    }
}

/// A measured duration over its limit, in words (`None` = never expires).
fn over(value: Option<u64>, limit: Option<u64>) -> Option<String> {
    let limit = limit?;
    match value {
        None => Some(format!("unlimited (limit {})", human(limit))),
        Some(v) if v > limit => Some(format!("{} (limit {})", human(v), human(limit))),
        Some(_) => None,
    }
}

/// Seconds in the largest unit that divides them.
fn human(secs: u64) -> String {
    for (unit, n) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)] {
        if secs >= n && secs.is_multiple_of(n) {
            return format!("{}{unit}", secs / n);
        }
    }
    format!("{secs}s")
}

/// Case-insensitive match with `*` as a wildcard (for grants and roles).
fn wildcard(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

fn level_of(level: RuleLevel) -> Option<Level> {
    match level {
        RuleLevel::Allow => None,
        RuleLevel::Warn => Some(Level::Warning),
        RuleLevel::Deny => Some(Level::Error),
    }
}

fn waiver_matches(w: &Waiver, f: &Finding) -> bool {
    w.rule
        .as_deref()
        .is_none_or(|r| f.rule.eq_ignore_ascii_case(r) || f.name == r)
        && w.path
            .as_deref()
            .is_none_or(|p| matcher(p).is_some_and(|m| m.is_match(&f.path)))
        && w.fingerprint
            .as_deref()
            .is_none_or(|fp| f.fingerprint.as_str() == fp)
}

fn date(secs: i64) -> String {
    // Civil date from days since the epoch (Howard Hinnant's algorithm), UTC.
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Apply the policy and decide. Returns the findings as reported (levels applied, policy findings
/// added; waived findings stay out) and the verdict.
pub fn decide(findings: Vec<Finding>, inputs: &Inputs<'_>) -> (Vec<Finding>, Verdict) {
    let s = inputs.settings;
    let change = inputs.change;

    // 1. Rule levels: the last matching selector wins.
    let mut out: Vec<Finding> = Vec::new();
    for mut f in findings {
        let level = s
            .rule_levels
            .iter()
            .rev()
            .find(|(sel, _)| selector_matches(sel, &f))
            .map(|(_, l)| level_of(*l));
        match level {
            Some(None) => continue,
            Some(Some(l)) => f.level = l,
            None => {}
        }
        out.push(f);
    }

    // 1b. Limits: a measured lifetime, grant or role beyond the policy's limits blocks.
    let mut violations: Vec<String> = Vec::new();
    for f in &mut out {
        let Some(m) = &f.measure else { continue };
        let broken = match m {
            Measure::TokenLifetime { seconds } => over(*seconds, s.limits.max_token_lifetime)
                .map(|v| format!("token lifetime {v} exceeds max-token-lifetime")),
            Measure::SessionLifetime { seconds } => over(*seconds, s.limits.max_session_lifetime)
                .map(|v| format!("session lifetime {v} exceeds max-session-lifetime")),
            Measure::Grant { permission } => s
                .limits
                .forbidden_grants
                .iter()
                .find(|g| wildcard(g, permission))
                .map(|g| format!("grant {permission} is forbidden ({g})")),
            Measure::Role { name } => s
                .limits
                .forbidden_roles
                .iter()
                .find(|r| wildcard(r, name))
                .map(|r| format!("role {name} is forbidden ({r})")),
        };
        if let Some(why) = broken {
            f.level = Level::Error;
            violations.push(format!("{}:{}: {why}", f.path, f.line));
        }
    }

    // 1c. The baseline: accepted, pre-existing findings do not count.
    let before = out.len();
    out.retain(|f| !inputs.baseline.contains(f.fingerprint.as_str()));
    let baselined = before - out.len();

    // 2. Policy findings.
    let changed: Vec<(&str, Option<&str>)> = change
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.old_path.as_deref()))
        .collect();
    if !inputs.scan {
        for (path, old) in &changed {
            let hit = [Some(*path), *old]
                .into_iter()
                .flatten()
                .find(|p| any_match(&s.protected_paths, p));
            if let Some(p) = hit {
                let commit = change.last_commit_touching(path).map(|c| c.id.clone());
                out.push(policy_finding(
                    "IDG901",
                    path,
                    format!(
                        "{p} configures the gate itself; this change is judged by the base revision's version, and the edit needs review by its owners"
                    ),
                    commit,
                ));
            }
        }
        for p in inputs.provenance.iter().filter(|p| p.actor == Actor::Agent) {
            let Some(agent) = p.agent.as_deref() else {
                continue;
            };
            let scopes: Vec<_> = s
                .agent_scopes
                .iter()
                .filter(|sc| sc.agent == agent || sc.agent == "*")
                .collect();
            if scopes.is_empty() {
                continue;
            }
            let Some(commit) = change.commits.iter().find(|c| c.id == p.commit) else {
                continue;
            };
            for path in &commit.paths {
                let allowed = scopes
                    .iter()
                    .any(|sc| any_match(&sc.allow, path) && !any_match(&sc.deny, path));
                if !allowed {
                    out.push(policy_finding(
                        "IDG902",
                        path,
                        format!("{agent} changed {path}, outside the paths the policy grants it"),
                        Some(commit.id.clone()),
                    ));
                }
            }
        }
    }

    // 3. Waivers.
    let mut waived: Vec<String> = Vec::new();
    let mut used = vec![false; inputs.waivers.len()];
    let mut kept = Vec::new();
    for f in out {
        let live = inputs
            .waivers
            .iter()
            .enumerate()
            .find(|(_, w)| w.expires > inputs.now && f.level.counts() && waiver_matches(w, &f));
        match live {
            Some((i, w)) => {
                used[i] = true;
                waived.push(format!(
                    "{} {}:{} waived by {} until {}: {}",
                    f.rule,
                    f.path,
                    f.line,
                    w.approver,
                    date(w.expires),
                    w.reason
                ));
            }
            None => kept.push(f),
        }
    }
    let mut out = kept;
    for (i, w) in inputs.waivers.iter().enumerate() {
        let place = w.path.clone().unwrap_or_else(|| w.source.clone());
        if w.expires <= inputs.now {
            // Only worth saying where the waiver could apply.
            let relevant = inputs.scan
                || w.path.as_deref().is_none_or(|p| {
                    matcher(p).is_some_and(|m| changed.iter().any(|(c, _)| m.is_match(c)))
                });
            if relevant {
                out.push(policy_finding(
                    "IDG904",
                    &place,
                    format!(
                        "waiver {} ({}) by {} expired on {}; the findings it covered count again",
                        w.source,
                        w.reason,
                        w.approver,
                        date(w.expires)
                    ),
                    None,
                ));
            }
            continue;
        }
        if used[i] {
            continue;
        }
        let could_apply = inputs.scan
            || match (&w.path, &w.fingerprint) {
                (Some(p), _) => {
                    matcher(p).is_some_and(|m| changed.iter().any(|(c, _)| m.is_match(c)))
                }
                (None, Some(_)) => false,
                (None, None) => true,
            };
        if could_apply && let Some(level) = level_of(s.unused_waiver) {
            let mut f = policy_finding(
                "IDG903",
                &place,
                format!(
                    "waiver {} ({}) matches no finding; remove it",
                    w.source, w.reason
                ),
                None,
            );
            f.level = level;
            out.push(f);
        }
    }
    out.sort_by(|a, b| (&a.path, a.line, a.rule).cmp(&(&b.path, b.line, b.rule)));

    // 4. Obligations.
    let counting: Vec<&Finding> = out.iter().filter(|f| f.level.counts()).collect();
    let identity_touched: Vec<&str> = changed
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| any_match(&s.identity_paths, p))
        .collect();
    let mut reasons = Vec::new();
    let errors = counting.iter().filter(|f| f.level == Level::Error).count();
    let warnings = counting.len() - errors;
    if errors > 0 {
        reasons.push(format!(
            "{errors} error-level finding{}",
            if errors == 1 { "" } else { "s" }
        ));
    }
    if warnings > 0 {
        reasons.push(format!(
            "{warnings} warning-level finding{}",
            if warnings == 1 { "" } else { "s" }
        ));
    }
    if !identity_touched.is_empty() {
        reasons.push(format!(
            "touches identity-critical paths: {}",
            identity_touched.join(", ")
        ));
    }
    let approvals_counted: Vec<String> = inputs
        .approvals
        .iter()
        .filter(|a| a.counted)
        .map(|a| a.principal.clone())
        .collect();
    for a in inputs.approvals.iter().filter(|a| !a.counted) {
        reasons.push(format!(
            "approval by {} does not count: {}",
            a.principal, a.reason
        ));
    }
    let needs_review = !counting.is_empty() || !identity_touched.is_empty();
    let mut obligations = Vec::new();
    if needs_review {
        let actors: BTreeSet<ActorKey> = if inputs.provenance.is_empty() {
            // A patch without commits: nobody vouches for its author.
            std::iter::once(ActorKey::Unknown).collect()
        } else {
            inputs.provenance.iter().map(|p| p.actor.into()).collect()
        };
        let agents: BTreeSet<&str> = inputs
            .provenance
            .iter()
            .filter(|p| p.actor == Actor::Agent)
            .filter_map(|p| p.agent.as_deref())
            .collect();
        if !agents.is_empty() {
            reasons.push(format!(
                "written by an AI agent ({})",
                agents.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        let needed = actors
            .iter()
            .filter_map(|a| s.review_by_actor.get(a))
            .chain(
                counting
                    .iter()
                    .filter_map(|f| s.review_by_category.get(&f.category)),
            )
            .map(|r| r.approvals)
            .max()
            .unwrap_or(1);
        let have = approvals_counted.len() as u32;
        if have < needed {
            let who = match inputs.owners {
                Some(o) if !o.is_empty() => {
                    format!(
                        "owners of the touched paths ({})",
                        o.iter().cloned().collect::<Vec<_>>().join(", ")
                    )
                }
                _ => "trusted signers in the base's allowed-signers file".to_string(),
            };
            obligations.push(Obligation {
                kind: "approval".into(),
                description: format!(
                    "{} more signed approval{} ({have} of {needed}) from {who}; never the author, never an agent",
                    needed - have,
                    if needed - have == 1 { "" } else { "s" }
                ),
            });
        }
        if s.require_tests && !inputs.scan {
            let tests_changed = changed.iter().any(|(p, _)| any_match(&s.test_paths, p));
            if !tests_changed {
                obligations.push(Obligation {
                    kind: "tests".into(),
                    description: "change or add tests for the identity code this change touches"
                        .into(),
                });
            }
        }
        if s.require_rollback_note && !inputs.scan {
            let noted = change.commits.iter().any(|c| {
                c.trailers
                    .iter()
                    .any(|t| t.key.eq_ignore_ascii_case("rollback"))
            });
            if !noted {
                obligations.push(Obligation {
                    kind: "rollback-note".into(),
                    description: "add a `Rollback:` trailer saying how to reverse this change"
                        .into(),
                });
            }
        }
    }

    if baselined > 0 {
        reasons.push(format!(
            "{baselined} finding{} in the baseline not counted",
            if baselined == 1 { "" } else { "s" }
        ));
    }

    // 5. Decision.
    let decision = if !violations.is_empty() {
        for v in violations.iter().rev() {
            reasons.insert(0, format!("limit exceeded: {v}"));
        }
        Decision::Block
    } else if s.deny_blocks && errors > 0 {
        reasons.insert(0, "deny-level findings block this change".into());
        Decision::Block
    } else if !obligations.is_empty() {
        Decision::Review
    } else {
        if needs_review {
            reasons.push("every obligation is met".into());
        } else {
            reasons.push("no finding at warning or error level".into());
        }
        Decision::Allow
    };
    (
        out,
        Verdict {
            decision,
            reasons,
            obligations,
            approvals: approvals_counted,
            waivers: waived,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::AgentScope;
    use idgate_core::{ChangeSource, Commit, FileChange, FileStatus, Identity, SignatureInfo};

    fn finding(rule: &str, path: &str, level: Level) -> Finding {
        let meta = idgate_rules::find_rule(rule).unwrap();
        Finding {
            rule: meta.code,
            name: meta.name,
            category: meta.category,
            cwe: meta.cwe.to_vec(),
            severity: meta.severity,
            level,
            path: path.into(),
            line: 3,
            end_line: 3,
            column: 1,
            old_side: false,
            message: "m".into(),
            before: None,
            after: None,
            fingerprint: Fingerprint::new(rule, path, "x"),
            commit: None,
            attribution: None,
            measure: None,
        }
    }

    fn change(paths: &[&str], agent_commit: bool) -> (ChangeSet, Vec<Provenance>) {
        let who = Identity {
            name: "A".into(),
            email: "a@x".into(),
            time: 0,
            offset: 0,
        };
        let commit = Commit {
            id: "c1".into(),
            parents: vec![],
            author: who.clone(),
            committer: who,
            message: "m".into(),
            trailers: vec![],
            signature: None,
            signed_payload: None,
            notes: vec![],
            paths: paths.iter().map(|p| (*p).to_string()).collect(),
        };
        let files = paths
            .iter()
            .map(|p| FileChange {
                path: (*p).into(),
                old_path: None,
                status: FileStatus::Modified,
                old_text: None,
                new_text: None,
                hunks: vec![],
                skipped: None,
                notes: vec![],
                partial: false,
            })
            .collect();
        let provenance = vec![Provenance {
            commit: "c1".into(),
            actor: if agent_commit {
                Actor::Agent
            } else {
                Actor::Unknown
            },
            agent: agent_commit.then(|| "claude-code".to_string()),
            confidence: 0.9,
            evidence: vec![],
            signature: SignatureInfo::none(),
        }];
        (
            ChangeSet {
                source: ChangeSource::Staged,
                base: None,
                head: None,
                digest: "d".into(),
                commits: vec![commit],
                files,
            },
            provenance,
        )
    }

    fn run(
        settings: &Settings,
        c: &ChangeSet,
        p: &[Provenance],
        f: Vec<Finding>,
        waivers: &[Waiver],
        approvals: &[ApprovalCheck],
    ) -> (Vec<Finding>, Verdict) {
        let baseline = BTreeSet::new();
        decide(
            f,
            &Inputs {
                settings,
                change: c,
                provenance: p,
                owners: None,
                approvals,
                waivers,
                now: 1_000_000,
                scan: false,
                baseline: &baseline,
            },
        )
    }

    #[test]
    fn levels_limits_and_block() {
        let (c, p) = change(&["app/auth.py"], false);
        let s = Settings {
            rule_levels: vec![(RuleSelector::Code("IDG101".into()), RuleLevel::Allow)],
            ..Settings::default()
        };
        let (f, v) = run(
            &s,
            &c,
            &p,
            vec![finding("IDG101", "app/auth.py", Level::Error)],
            &[],
            &[],
        );
        assert!(f.is_empty());
        assert_eq!(v.decision, Decision::Allow);

        let mut s = Settings::default();
        s.limits.max_token_lifetime = Some(3600);
        s.limits.forbidden_roles = vec!["cluster-admin".into()];
        let mut long = finding("IDG102", "app/auth.py", Level::Warning);
        long.measure = Some(Measure::TokenLifetime {
            seconds: Some(30 * 86_400),
        });
        let mut short = finding("IDG101", "app/other.py", Level::Warning);
        short.measure = Some(Measure::TokenLifetime { seconds: Some(900) });
        let (_, v) = run(&s, &c, &p, vec![short.clone()], &[], &[]);
        assert_eq!(v.decision, Decision::Review, "{v:?}");
        let (f, v) = run(&s, &c, &p, vec![long, short], &[], &[]);
        assert_eq!(v.decision, Decision::Block);
        assert!(v.reasons[0].contains("30d (limit 1h)"), "{:?}", v.reasons);
        assert_eq!(f.iter().filter(|f| f.level == Level::Error).count(), 1);
        let mut role = finding("IDG102", "k8s/rbac.yaml", Level::Warning);
        role.measure = Some(Measure::Role {
            name: "Cluster-Admin".into(),
        });
        assert_eq!(
            run(&s, &c, &p, vec![role], &[], &[]).1.decision,
            Decision::Block
        );

        let s = Settings {
            deny_blocks: true,
            ..Settings::default()
        };
        let (_, v) = run(
            &s,
            &c,
            &p,
            vec![finding("IDG101", "a.py", Level::Error)],
            &[],
            &[],
        );
        assert_eq!(v.decision, Decision::Block);
    }

    #[test]
    fn protected_files_and_agent_scopes() {
        let (c, p) = change(&[".idgate/policy.toml", "web/ui.ts", "api/auth.py"], true);
        let s = Settings {
            agent_scopes: vec![AgentScope {
                agent: "claude-code".into(),
                allow: vec!["web/**".into(), ".idgate/**".into()],
                deny: vec![],
            }],
            ..Settings::default()
        };
        let (f, v) = run(&s, &c, &p, vec![], &[], &[]);
        let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["IDG901", "IDG902"], "{f:?}");
        assert_eq!(f[1].path, "api/auth.py");
        assert_eq!(v.decision, Decision::Review);
        assert!(v.obligations[0].description.contains("0 of 2"));
    }

    #[test]
    fn waivers_used_unused_and_expired() {
        let (c, p) = change(&["app/auth.py", "app/x.py"], false);
        let s = Settings::default();
        let w = |path: &str, expires: i64| Waiver {
            rule: Some("IDG101".into()),
            path: Some(path.into()),
            fingerprint: None,
            reason: "SEC-1".into(),
            approver: "alice@x".into(),
            expires,
            source: "note".into(),
        };
        let live = w("app/auth.py", 2_000_000);
        let unused = w("app/x.py", 2_000_000);
        let expired = w("app/**", 10);
        let (f, v) = run(
            &s,
            &c,
            &p,
            vec![finding("IDG101", "app/auth.py", Level::Error)],
            &[live, unused, expired],
            &[],
        );
        let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["IDG904", "IDG903"], "{f:?}");
        assert_eq!(v.waivers.len(), 1);
        assert!(v.waivers[0].contains("SEC-1"));
    }

    #[test]
    fn approvals_meet_the_obligation() {
        let (c, p) = change(&["app/auth.py"], true);
        let s = Settings::default();
        let ok = |who: &str| ApprovalCheck {
            principal: who.into(),
            counted: true,
            reason: "counts".into(),
        };
        let f = vec![finding("IDG101", "app/auth.py", Level::Error)];
        let (_, v) = run(&s, &c, &p, f.clone(), &[], &[ok("a@x")]);
        assert_eq!(v.decision, Decision::Review);
        let (_, v) = run(&s, &c, &p, f, &[], &[ok("a@x"), ok("b@x")]);
        assert_eq!(v.decision, Decision::Allow);
        assert_eq!(v.approvals, ["a@x", "b@x"]);
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_764_460_800), "2025-11-30");
        assert_eq!(date(951_782_400), "2000-02-29");
    }
}
