//! `idgate check` and `idgate scan`: source → change set → provenance → findings → verdict.

use std::collections::HashMap;
use std::io::{IsTerminal, Read};

use anyhow::{Context, Result};
use idgate_core::ChangeSet;
use idgate_git::{Limits, Repo};
use idgate_provenance::attribution::{GitAiNote, attribute_line, parse_git_ai_note};
use idgate_report::Report;
use idgate_rules::Mode;

use super::provenance::Attribution;
use crate::cli::{AttributionArgs, CheckArgs, OutputArgs, ScanArgs};
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
        let recording = super::ledger::Recording::new(&args.record, || "-".to_string());
        return judge_with(
            "check",
            &change,
            Mode::Check,
            &attribution,
            None,
            &args.out,
            None,
            recording.as_ref(),
        );
    }
    let repo = Repo::open(&args.repo, limits)?;
    let change = if args.staged {
        repo.staged()?
    } else if args.worktree {
        repo.worktree()?
    } else {
        repo.range(args.base.as_deref(), &args.head)?
    };
    let attribution = repo_attribution(
        &repo,
        &change,
        &args.attribution,
        args.baseline.as_deref(),
        args.staged || args.worktree,
    )?;
    let attest = args.attestation.as_deref().zip(args.key.as_deref());
    let recording = super::ledger::Recording::new(&args.record, || repo.name());
    judge_with(
        "check",
        &change,
        Mode::Check,
        &attribution,
        Some(&repo),
        &args.out,
        attest,
        recording.as_ref(),
    )
}

/// What judges a change of `repo`: the policy, signers and baseline of its trusted base (the
/// range's base, or `HEAD` for the index and worktree) and the head's Agent Trace records.
pub(crate) fn repo_attribution(
    repo: &Repo,
    change: &ChangeSet,
    args: &AttributionArgs,
    baseline: Option<&std::path::Path>,
    against_head: bool,
) -> Result<Attribution> {
    let base = match &change.base {
        Some(id) => Some(repo.resolve(id)?),
        None if against_head => repo.resolve("HEAD").ok(),
        None => None,
    };
    let mut attribution = Attribution::load(args, Some(repo), base)?;
    attribution.load_traces(args, Some(repo), change.head.as_deref())?;
    attribution.baseline = match (baseline, base) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read baseline {}", path.display()))?;
            super::gate::parse_baseline(&text, &path.display().to_string())?
        }
        (None, Some(base)) => match repo.read_file_at(base, super::gate::BASELINE_PATH)? {
            Some(bytes) => super::gate::parse_baseline(
                &String::from_utf8_lossy(&bytes),
                &format!(
                    "{} at {}",
                    super::gate::BASELINE_PATH,
                    super::gate::short(base)
                ),
            )?,
            None => Default::default(),
        },
        (None, None) => Default::default(),
    };
    Ok(attribution)
}

pub(crate) fn scan(args: &ScanArgs) -> Result<u8> {
    let limits = Limits {
        max_file_size: args.out.max_file_size,
    };
    // A long scan shows how far it got; nothing when stderr is not a terminal or with --quiet.
    let progress = (!args.out.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} files read ({per_sec}) {msg}")
                .expect("static template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let tick = |_bytes: u64| {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    };
    let change = idgate_git::scan_with_progress(&args.paths, &limits, &tick)?;
    if let Some(bar) = &progress {
        bar.set_message("— analysing");
    }
    let clear = progress.as_ref().map(|bar| ClearOnDrop(bar.clone()));
    let mut attribution = Attribution::default();
    if let Some(path) = &args.policy {
        attribution.gate = super::gate::Gate::from_file(path)?;
    }
    if let Some(path) = &args.accept_baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline {}", path.display()))?;
        attribution.baseline = super::gate::parse_baseline(&text, &path.display().to_string())?;
    }
    if let Some(path) = &args.baseline {
        let (_, findings, _) = evaluate(&change, Mode::Scan, &attribution, None)?;
        drop(clear);
        attribution.gate.secrets.warn_unused();
        let baseline = super::gate::Baseline {
            version: 1,
            findings: findings
                .iter()
                .filter(|f| f.level.counts())
                .map(|f| super::gate::BaselineEntry {
                    fingerprint: f.fingerprint.as_str().to_string(),
                    rule: f.rule.to_string(),
                    path: f.path.clone(),
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&baseline)? + "\n";
        let out = crate::cli::OutputArgs {
            output: Some(path.clone()),
            ..args.out.clone()
        };
        output::emit(&out, &text)?;
        eprintln!(
            "wrote {} fingerprints to {}; commit it as {} to accept them",
            baseline.findings.len(),
            path.display(),
            super::gate::BASELINE_PATH
        );
        return Ok(0);
    }
    let evaluation = evaluate(&change, Mode::Scan, &attribution, None)?;
    drop(clear);
    let code = emit_judged(
        "scan",
        &change,
        &attribution,
        &args.out,
        None,
        None,
        evaluation,
    )?;
    attribution.gate.secrets.warn_unused();
    Ok(code)
}

/// Clears a progress display however the command ends, before its report or error is printed.
struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Provenance of each commit, findings and the verdict.
pub(crate) type Evaluation = (
    Vec<idgate_core::Provenance>,
    Vec<idgate_core::Finding>,
    idgate_core::Verdict,
);

/// The pipeline after the source stage, shared by every judging command.
pub(crate) fn evaluate(
    change: &ChangeSet,
    mode: Mode,
    attribution: &Attribution,
    repo: Option<&Repo>,
) -> Result<Evaluation> {
    let provenance: Vec<_> = change
        .commits
        .iter()
        .map(|c| attribution.classify(c))
        .collect();
    let mut findings = idgate_rules::analyze_with(
        change,
        mode,
        idgate_rules::Options {
            secrets: Some(&attribution.gate.secrets.list),
            custom: &attribution.gate.custom_rules,
            parallel: true,
            select: None,
        },
    );
    attribute_lines(change, &mut findings, attribution, repo)?;
    let (findings, verdict) = super::gate::decide(
        &attribution.gate,
        attribution,
        change,
        &provenance,
        findings,
        repo,
        mode == Mode::Scan,
    )?;
    Ok((provenance, findings, verdict))
}

/// Line-level attribution: blame each finding's line back to the commit of the range that wrote
/// it, then read that commit's git-ai note and the Agent Trace records for the line.
fn attribute_lines(
    change: &ChangeSet,
    findings: &mut [idgate_core::Finding],
    attribution: &Attribution,
    repo: Option<&Repo>,
) -> Result<()> {
    let (Some(repo), Some(head)) = (repo, change.head.as_deref()) else {
        return Ok(());
    };
    if change.commits.is_empty() || findings.is_empty() {
        return Ok(());
    }
    let head = repo.resolve(head)?;
    let mut notes: HashMap<&str, Option<GitAiNote>> = HashMap::new();
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if !f.old_side {
            by_path.entry(f.path.as_str()).or_default().push(i);
        }
    }
    let base = match change.base.as_deref() {
        Some(b) => Some(repo.resolve(b)?),
        None => None,
    };
    let mut updates = Vec::new();
    for (path, indices) in by_path {
        let Some(file) = change.files.iter().find(|f| f.path == path) else {
            continue;
        };
        // Only lines the change added can have been written by its commits.
        let spans: Vec<(usize, Vec<u32>)> = indices
            .iter()
            .map(|&i| {
                let f = &findings[i];
                let lines = (f.line..=f.end_line.max(f.line))
                    .filter(|l| file.is_added_line(*l))
                    .collect();
                (i, lines)
            })
            .filter(|(_, lines): &(usize, Vec<u32>)| !lines.is_empty())
            .collect();
        if spans.is_empty() {
            continue;
        }
        // One commit: it wrote every added line, at the same numbers. Otherwise ask blame,
        // bounded by the base so it never walks older history.
        let blamed: Vec<idgate_git::BlamedLine> = if let [only] = change.commits.as_slice() {
            let id = repo.resolve(&only.id)?;
            spans
                .iter()
                .flat_map(|(_, lines)| lines.iter())
                .map(|&line| idgate_git::BlamedLine {
                    line,
                    commit: id,
                    source_path: path.to_string(),
                    source_line: line,
                })
                .collect()
        } else {
            let lines: Vec<u32> = spans.iter().flat_map(|(_, l)| l.iter().copied()).collect();
            repo.blame_lines(head, path, &lines, base)?
        };
        for (i, lines) in &spans {
            // The first added line of the span that a commit of the range wrote.
            let Some((b, commit)) =
                blamed
                    .iter()
                    .filter(|b| lines.contains(&b.line))
                    .find_map(|b| {
                        let id = b.commit.to_string();
                        change.commits.iter().find(|c| c.id == id).map(|c| (b, c))
                    })
            else {
                continue;
            };
            let note = notes.entry(commit.id.as_str()).or_insert_with(|| {
                commit
                    .notes
                    .iter()
                    .find(|(r, _)| r == "refs/notes/ai")
                    .and_then(|(_, text)| parse_git_ai_note(text).ok())
            });
            let line_attribution = attribute_line(
                &commit.id,
                &b.source_path,
                b.source_line,
                note.as_ref(),
                &attribution.traces,
            );
            updates.push((*i, commit.id.clone(), line_attribution));
        }
    }
    for (i, commit, line_attribution) in updates {
        findings[i].commit = Some(commit);
        findings[i].attribution = Some(line_attribution);
    }
    Ok(())
}

/// Judge, emit the report, and with `attest = (path, key)` also write the verdict as an in-toto
/// statement in a DSSE envelope signed with the key. With `record`, the evaluation is appended
/// to the ledger first: when that fails, nothing is written.
fn judge_with(
    command: &str,
    change: &ChangeSet,
    mode: Mode,
    attribution: &Attribution,
    repo: Option<&Repo>,
    out: &OutputArgs,
    attest: Option<(&std::path::Path, &std::path::Path)>,
    record: Option<&super::ledger::Recording>,
) -> Result<u8> {
    let evaluation = evaluate(change, mode, attribution, repo)?;
    emit_judged(
        command,
        change,
        attribution,
        out,
        attest,
        record,
        evaluation,
    )
}

/// Record (with `record`), attest (with `attest`) and write the report of an evaluation.
fn emit_judged(
    command: &str,
    change: &ChangeSet,
    attribution: &Attribution,
    out: &OutputArgs,
    attest: Option<(&std::path::Path, &std::path::Path)>,
    record: Option<&super::ledger::Recording>,
    (provenance, findings, verdict): Evaluation,
) -> Result<u8> {
    if let Some(recording) = record {
        recording.evaluation(
            change,
            &provenance,
            &findings,
            &verdict,
            &attribution.gate.policy_digest,
        )?;
    }
    let report = Report {
        command,
        version: env!("CARGO_PKG_VERSION"),
        change,
        provenance: &provenance,
        findings: &findings,
        verdict: &verdict,
        policy_digest: &attribution.gate.policy_digest,
    };
    if let Some((path, key)) = attest {
        let key_text = std::fs::read_to_string(key)
            .with_context(|| format!("cannot read key {}", key.display()))?;
        let predicate: serde_json::Value =
            serde_json::from_str(&idgate_report::json::render(&report))?;
        let head = change.head.as_deref().unwrap_or_default();
        let envelope = idgate_policy::attestation::envelope(head, predicate, &key_text)
            .with_context(|| format!("cannot sign the attestation with {}", key.display()))?;
        let to_file = OutputArgs {
            output: Some(path.to_path_buf()),
            ..out.clone()
        };
        output::emit(&to_file, &(serde_json::to_string_pretty(&envelope)? + "\n"))?;
    }
    let color = output::use_color(out.no_color, out.output.is_some());
    let text = idgate_report::render(&report, output::format(out.format), color);
    output::emit(out, &text)?;
    Ok(output::exit_code(verdict.decision, &findings, out.fail_on))
}
