//! The verdict under the built-in policy.
//!
//! This is the built-in policy that applies when the trusted base has no `.idgate/policy.toml`:
//!
//! - any `error`-level finding → `review`, with an obligation for a person's approval; when an AI
//!   agent wrote the change, two approvals from people other than the author are required;
//! - any `warning`-level finding → `review` with one approval;
//! - only notes, or nothing → `allow`.
//!
//! The default never blocks: blocking is a decision a team writes into its own policy.

use idgate_core::{Actor, Decision, Finding, Level, Obligation, Provenance, Verdict};

/// Decide on a change with the built-in policy.
pub fn default_verdict(findings: &[Finding], provenance: &[Provenance]) -> Verdict {
    let counting: Vec<&Finding> = findings.iter().filter(|f| f.level.counts()).collect();
    if counting.is_empty() {
        return Verdict {
            decision: Decision::Allow,
            reasons: vec!["no finding at warning or error level".into()],
            obligations: Vec::new(),
            approvals: Vec::new(),
            waivers: Vec::new(),
        };
    }
    let errors = counting.iter().filter(|f| f.level == Level::Error).count();
    let warnings = counting.len() - errors;
    let agents: Vec<&str> = provenance
        .iter()
        .filter(|p| p.actor == Actor::Agent)
        .filter_map(|p| p.agent.as_deref())
        .collect();
    let mut reasons = Vec::new();
    if errors > 0 {
        reasons.push(format!(
            "{errors} error-level finding{} in identity logic",
            plural(errors)
        ));
    }
    if warnings > 0 {
        reasons.push(format!(
            "{warnings} warning-level finding{}",
            plural(warnings)
        ));
    }
    let approvals = if agents.is_empty() { 1 } else { 2 };
    if !agents.is_empty() {
        let mut names = agents.clone();
        names.sort_unstable();
        names.dedup();
        reasons.push(format!("written by an AI agent ({})", names.join(", ")));
    }
    let mut obligations = vec![Obligation {
        kind: "approval".into(),
        description: format!(
            "{approvals} signed approval{} from code owners of the touched identity paths, not the author{}",
            plural(approvals),
            if agents.is_empty() {
                ""
            } else {
                " and never an agent"
            }
        ),
    }];
    if errors > 0 {
        obligations.push(Obligation {
            kind: "fix-or-waive".into(),
            description: "fix each error-level finding, or record a reasoned, expiring waiver"
                .into(),
        });
    }
    Verdict {
        decision: Decision::Review,
        reasons,
        obligations,
        approvals: Vec::new(),
        waivers: Vec::new(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
