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
    let mut change = if args.staged {
        repo.staged()?
    } else if args.worktree {
        repo.worktree()?
    } else {
        repo.range(args.base.as_deref(), &args.head)?
    };
    if args.bench_without_old {
        for f in &mut change.files {
            f.old_text = None;
        }
    }
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
    let select = idgate_rules::Selection::parse(&args.select)?;
    let (change, analysed) = scan_in_parts(&args.paths, &limits, &attribution, &select, &tick)?;
    let evaluation = decide_findings(&change, Mode::Scan, &attribution, None, analysed)?;
    drop(clear);
    if let Some(path) = &args.baseline {
        let (_, findings, _) = evaluation;
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

/// A scan is read and analysed in parts of about this many bytes.
const SCAN_PART_BYTES: u64 = 32 * 1024 * 1024;
/// …or this many files, whichever comes first.
const SCAN_PART_FILES: usize = 4096;

/// Read and analyse the files of a scan in parts, so memory stays flat however large the tree:
/// once a part is analysed its texts are dropped, except those of files with findings (the
/// report quotes their lines) and of grant files (RBAC, IAM, Terraform, workflows), which are
/// judged together at the end because a binding in one file can name a role in another.
fn scan_in_parts(
    paths: &[std::path::PathBuf],
    limits: &Limits,
    attribution: &Attribution,
    select: &idgate_rules::Selection,
    tick: &(dyn Fn(u64) + Sync),
) -> Result<(ChangeSet, Vec<idgate_core::Finding>)> {
    let parts = (SCAN_PART_BYTES, SCAN_PART_FILES);
    scan_in_parts_of(paths, limits, attribution, select, tick, parts)
}

fn scan_in_parts_of(
    paths: &[std::path::PathBuf],
    limits: &Limits,
    attribution: &Attribution,
    select: &idgate_rules::Selection,
    tick: &(dyn Fn(u64) + Sync),
    (part_bytes, part_files): (u64, usize),
) -> Result<(ChangeSet, Vec<idgate_core::Finding>)> {
    let found = idgate_git::walk(paths)?;
    let mut digest = idgate_git::ScanDigest::new();
    let mut files: Vec<idgate_core::FileChange> = Vec::with_capacity(found.len());
    let mut findings = Vec::new();
    let mut rest = found.as_slice();
    while !rest.is_empty() {
        let (mut n, mut bytes) = (0, 0u64);
        while n < rest.len() && n < part_files && (n == 0 || bytes < part_bytes) {
            bytes += std::fs::metadata(&rest[n]).map_or(0, |m| m.len().min(limits.max_file_size));
            n += 1;
        }
        let (part_paths, later) = rest.split_at(n);
        rest = later;
        let part_files = idgate_git::read_files(part_paths, limits, tick)?;
        for f in &part_files {
            digest.add(f);
        }
        let part = idgate_git::scanned(paths, idgate_git::ScanDigest::new(), part_files);
        let part_findings = idgate_rules::analyze_with(
            &part,
            Mode::Scan,
            analysis_options(attribution, Some(select), true),
        );
        for mut f in part.files {
            let quoted = part_findings.iter().any(|x| x.path == f.path);
            let grants = select.any_in(idgate_core::Category::OverPrivilege)
                && f.new_text
                    .as_deref()
                    .is_some_and(|t| idgate_privilege::detect(&f.path, t).is_some());
            if !quoted && !grants {
                f.new_text = None;
            }
            files.push(f);
        }
        findings.extend(part_findings);
    }
    let change = idgate_git::scanned(paths, digest, files);
    if select.any_in(idgate_core::Category::OverPrivilege) {
        findings.extend(idgate_rules::grant_findings(&change, Mode::Scan));
    }
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule).cmp(&(&b.path, b.line, b.column, b.rule))
    });
    Ok((change, findings))
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
    let findings =
        idgate_rules::analyze_with(change, mode, analysis_options(attribution, None, false));
    decide_findings(change, mode, attribution, repo, findings)
}

/// How the rules run for a judging command.
fn analysis_options<'a>(
    attribution: &'a Attribution,
    select: Option<&'a idgate_rules::Selection>,
    skip_grants: bool,
) -> idgate_rules::Options<'a> {
    idgate_rules::Options {
        secrets: Some(&attribution.gate.secrets.list),
        custom: &attribution.gate.custom_rules,
        parallel: true,
        select,
        skip_grants,
    }
}

/// Provenance, line attribution and the policy's verdict over the rules' findings.
fn decide_findings(
    change: &ChangeSet,
    mode: Mode,
    attribution: &Attribution,
    repo: Option<&Repo>,
    mut findings: Vec<idgate_core::Finding>,
) -> Result<Evaluation> {
    let provenance: Vec<_> = change
        .commits
        .iter()
        .map(|c| attribution.classify(c))
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A scan read in parts of one file finds what one whole read finds, with the same digest:
    /// grants are judged across parts (the binding and its role are in different files) and the
    /// report still quotes every file with a finding.
    #[test]
    fn a_scan_in_parts_equals_a_whole_scan() {
        let dir = tempfile::tempdir().unwrap();
        let write = |p: &str, t: &str| {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, t).unwrap();
        };
        write(
            "deploy/binding.yaml",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: everything\n",
        );
        write(
            "deploy/role.yaml",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: everything\nrules:\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n",
        );
        write(
            "app/auth.py",
            "import jwt\n\ndef who(token):\n    return jwt.decode(token, options={\"verify_signature\": False})\n",
        );
        write("app/util.py", "def add(a, b):\n    return a + b\n");
        write("README.md", "docs\n");
        let paths = vec![dir.path().to_path_buf()];
        let limits = Limits::default();
        let attribution = Attribution::default();
        let all = idgate_rules::Selection::all();
        let key = |f: &idgate_core::Finding| (f.rule, f.path.clone(), f.line, f.message.clone());
        let (whole, whole_findings) = scan_in_parts_of(
            &paths,
            &limits,
            &attribution,
            &all,
            &|_| {},
            (u64::MAX, usize::MAX),
        )
        .unwrap();
        let (parts, part_findings) =
            scan_in_parts_of(&paths, &limits, &attribution, &all, &|_| {}, (1, 1)).unwrap();
        let reference = idgate_git::scan(&paths, &limits).unwrap();
        assert_eq!(parts.digest, reference.digest);
        assert_eq!(whole.digest, reference.digest);
        let all: Vec<_> = whole_findings.iter().map(key).collect();
        assert_eq!(all, part_findings.iter().map(key).collect::<Vec<_>>());
        let rules: Vec<&str> = all.iter().map(|k| k.0).collect();
        assert!(rules.contains(&"IDG101"), "{rules:?}");
        assert!(rules.iter().any(|r| r.starts_with("IDG3")), "{rules:?}");
        // Texts are kept for what the report quotes and for grant files, dropped for the rest.
        let text = |p: &str| {
            parts
                .files
                .iter()
                .find(|f| f.path.ends_with(p))
                .unwrap()
                .new_text
                .is_some()
        };
        assert!(text("app/auth.py") && text("deploy/role.yaml") && text("deploy/binding.yaml"));
        assert!(!text("app/util.py") && !text("README.md"));
        assert_eq!(parts.files.len(), 5);
    }
}
