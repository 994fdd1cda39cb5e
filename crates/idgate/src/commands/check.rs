//! `idgate check` and `idgate scan`: source → change set → provenance → findings → verdict.

use std::io::Read;

use anyhow::{Context, Result};
use idgate_core::ChangeSet;
use idgate_git::{Limits, Repo};
use idgate_report::Report;
use idgate_rules::Mode;

use super::provenance::Attribution;
use crate::cli::{CheckArgs, OutputArgs, ScanArgs};
use crate::output;

pub(crate) fn check(args: &CheckArgs) -> Result<u8> {
    let limits = Limits {
        max_file_size: args.out.max_file_size,
    };
    if let Some(patch) = &args.patch {
        let (name, bytes) = if patch.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("cannot read the patch from standard input")?;
            ("-".to_string(), buf)
        } else {
            let bytes = std::fs::read(patch)
                .with_context(|| format!("cannot read patch {}", patch.display()))?;
            (patch.display().to_string(), bytes)
        };
        let change = idgate_git::from_patch(&name, &bytes, &limits)?;
        let attribution = Attribution::load(&args.attribution, None, None)?;
        return judge("check", &change, Mode::Check, &attribution, &args.out);
    }
    let repo = Repo::open(&args.repo, limits)?;
    let change = if args.staged {
        repo.staged()?
    } else if args.worktree {
        repo.worktree()?
    } else {
        repo.range(args.base.as_deref(), &args.head)?
    };
    // Trusted inputs come from the base: the range's base, or HEAD for the index and worktree.
    let base = match &change.base {
        Some(id) => Some(repo.resolve(id)?),
        None if args.staged || args.worktree => repo.resolve("HEAD").ok(),
        None => None,
    };
    let attribution = Attribution::load(&args.attribution, Some(&repo), base)?;
    judge("check", &change, Mode::Check, &attribution, &args.out)
}

pub(crate) fn scan(args: &ScanArgs) -> Result<u8> {
    let limits = Limits {
        max_file_size: args.out.max_file_size,
    };
    let change = idgate_git::scan(&args.paths, &limits)?;
    let attribution = Attribution::default();
    judge("scan", &change, Mode::Scan, &attribution, &args.out)
}

/// The pipeline after the source stage, shared by every judging command.
pub(crate) fn evaluate(
    change: &ChangeSet,
    mode: Mode,
    attribution: &Attribution,
) -> (
    Vec<idgate_core::Provenance>,
    Vec<idgate_core::Finding>,
    idgate_core::Verdict,
) {
    let provenance: Vec<_> = change
        .commits
        .iter()
        .map(|c| attribution.classify(c))
        .collect();
    let findings = idgate_rules::analyze(change, mode);
    let verdict = idgate_policy::default_verdict(&findings, &provenance);
    (provenance, findings, verdict)
}

fn judge(
    command: &str,
    change: &ChangeSet,
    mode: Mode,
    attribution: &Attribution,
    out: &OutputArgs,
) -> Result<u8> {
    let (provenance, findings, verdict) = evaluate(change, mode, attribution);
    let report = Report {
        command,
        version: env!("CARGO_PKG_VERSION"),
        change,
        provenance: &provenance,
        findings: &findings,
        verdict: &verdict,
    };
    let color = output::use_color(out.no_color, out.output.is_some());
    let text = idgate_report::render(&report, output::format(out.format), color);
    output::emit(out, &text)?;
    Ok(output::exit_code(verdict.decision, &findings, out.fail_on))
}
