//! `idgate rollback-plan RANGE`: the identity changes of a range, newest first, whether each
//! reverts cleanly on the current head (checked by an in-memory three-way merge: nothing in the
//! repository or its working tree is touched), the credentials they added that must be rotated,
//! and the `git revert` commands to run.

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use idgate_git::{Limits, Repo};
use idgate_lang::Prefilter;
use serde::Serialize;

use super::history::{CommitAudit, IDENTITY_WORDS, audit};
use super::provenance::Attribution;
use crate::cli::{RollbackArgs, RollbackFormat};
use crate::output;

#[derive(Serialize)]
struct Step {
    #[serde(flatten)]
    audit: CommitAudit,
    revert: RevertCheck2,
}

#[derive(Serialize)]
struct RevertCheck2 {
    clean: bool,
    conflicts: Vec<String>,
}

#[derive(Serialize)]
struct Credential {
    commit: String,
    path: String,
    line: u32,
    what: String,
}

#[derive(Serialize)]
struct Plan {
    range: String,
    onto: String,
    steps: Vec<Step>,
    credentials: Vec<Credential>,
    commands: Vec<String>,
    /// Whether grants were analysed (RBAC, IAM, Terraform, CI permissions, role maps in code).
    grants_analysed: bool,
    /// Grants the commits added that the revert takes away and that must be revoked wherever
    /// they were already applied (clusters, cloud accounts).
    grants: Vec<Credential>,
}

pub(crate) fn rollback_plan(args: &RollbackArgs) -> Result<u8> {
    let repo = Repo::open(&args.repo, Limits::default())?;
    let (base, head) = repo.resolve_range(&args.range)?;
    let onto = repo.resolve(&args.onto)?;
    let attribution =
        Attribution::load(&args.attribution, Some(&repo), Some(base.unwrap_or(head)))?;
    let words = Prefilter::new(IDENTITY_WORDS);
    let mut audits = Vec::new();
    let mut failure = None;
    repo.walk(base, head, false, |commit| {
        match audit(
            &repo,
            commit,
            &attribution,
            &words,
            &idgate_rules::Selection::all(),
        ) {
            Ok(mut a) => {
                // The plan lists what counts; notes (test and docs paths) stay in `history`.
                a.findings.retain(|f| f.level.counts());
                audits.push(a);
            }
            Err(e) if failure.is_none() => failure = Some(e),
            Err(_) => {}
        }
        Ok(())
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    // Newest first, identity changes only (merges are reverted through their commits).
    let identity: Vec<CommitAudit> = audits
        .into_iter()
        .filter(|a| !a.merge && (!a.identity_files.is_empty() || !a.findings.is_empty()))
        .collect();
    let ids: Vec<String> = identity.iter().map(|a| a.id.clone()).collect();
    let checks = repo.revert_check(&ids, onto)?;
    let mut credentials = Vec::new();
    let mut grants = Vec::new();
    for a in &identity {
        for f in a.findings.iter().filter(|f| {
            matches!(
                f.category,
                idgate_core::Category::OverPrivilege | idgate_core::Category::PrivilegeEscalation
            )
        }) {
            grants.push(Credential {
                commit: a.id.clone(),
                path: f.path.clone(),
                line: f.line,
                what: format!("[{}] {}", f.rule, f.message),
            });
        }
        for f in a.findings.iter().filter(|f| f.rule == "IDG201") {
            credentials.push(Credential {
                commit: a.id.clone(),
                path: f.path.clone(),
                line: f.line,
                what: idgate_core::redact::redact_line(&f.message),
            });
        }
    }
    let commands: Vec<String> = ids
        .iter()
        .map(|id| format!("git revert --no-edit {id}"))
        .collect();
    let steps: Vec<Step> = identity
        .into_iter()
        .zip(checks)
        .map(|(audit, check)| Step {
            audit,
            revert: RevertCheck2 {
                clean: check.clean,
                conflicts: check.conflicts,
            },
        })
        .collect();
    let plan = Plan {
        range: args.range.clone(),
        onto: onto.to_string(),
        steps,
        credentials,
        commands,
        grants_analysed: true,
        grants,
    };
    let text = match args.format {
        RollbackFormat::Json => serde_json::to_string_pretty(&plan)? + "\n",
        RollbackFormat::Text => render(&plan, false),
        RollbackFormat::Markdown => render(&plan, true),
    };
    match &args.output {
        Some(path) => {
            let out = crate::cli::OutputArgs {
                format: crate::cli::FormatArg::Text,
                output: Some(path.clone()),
                no_color: true,
                quiet: false,
                fail_on: None,
                max_file_size: 0,
            };
            output::emit(&out, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => print!("{text}"),
    }
    Ok(0)
}

fn render(plan: &Plan, markdown: bool) -> String {
    let mut out = String::new();
    let h = if markdown { "## " } else { "" };
    let _ = writeln!(
        out,
        "{h}Rollback plan for {} (reverts tried on {})\n",
        plan.range,
        &plan.onto[..10.min(plan.onto.len())]
    );
    if plan.steps.is_empty() {
        out.push_str("No commit in the range changed identity logic.\n");
        return out;
    }
    let _ = writeln!(out, "{h}Commits to revert, newest first\n");
    for s in &plan.steps {
        let who = match &s.audit.provenance.agent {
            Some(a) => format!("{} ({a})", s.audit.provenance.actor.as_str()),
            None => s.audit.provenance.actor.as_str().to_string(),
        };
        let state = if s.revert.clean {
            "reverts cleanly".to_string()
        } else {
            format!("CONFLICTS in {}", s.revert.conflicts.join(", "))
        };
        let bullet = if markdown { "- " } else { "  " };
        let _ = writeln!(
            out,
            "{bullet}{} {} — by {who}; {state}",
            &s.audit.id[..10.min(s.audit.id.len())],
            s.audit.summary
        );
        for f in &s.audit.findings {
            let _ = writeln!(
                out,
                "{bullet}    {} {}:{} {}",
                f.rule,
                f.path,
                f.line,
                idgate_core::redact::redact_line(&f.message)
            );
        }
    }
    let _ = writeln!(out, "\n{h}Credentials to rotate\n");
    if plan.credentials.is_empty() {
        out.push_str("None found in these commits.\n");
    }
    for c in &plan.credentials {
        let _ = writeln!(
            out,
            "{}{}:{} ({}): {}",
            if markdown { "- " } else { "  " },
            c.path,
            c.line,
            &c.commit[..10.min(c.commit.len())],
            c.what
        );
    }
    let _ = writeln!(out, "\n{h}Grants to revoke\n");
    if plan.grants.is_empty() {
        out.push_str("No wide or escalating grant was added by these commits.\n");
    }
    for g in &plan.grants {
        let _ = writeln!(
            out,
            "{}{}:{} ({}): {}",
            if markdown { "- " } else { "  " },
            g.path,
            g.line,
            &g.commit[..10.min(g.commit.len())],
            g.what
        );
    }
    let _ = writeln!(out, "\n{h}Commands\n");
    if markdown {
        out.push_str("```sh\n");
    }
    for c in &plan.commands {
        let _ = writeln!(out, "{c}");
    }
    if markdown {
        out.push_str("```\n");
    }
    out
}
