//! `idgate provenance`: stream the commits of a range with their actor, evidence and signature.
//!
//! Also home of the attribution inputs `check` shares: the branch, the allowed-signers file (from
//! the trusted base unless given explicitly) and signature checks.

use std::io::{BufWriter, IsTerminal, Write};
use std::time::Duration;

use anyhow::{Context as _, Result};
use idgate_core::{Actor, Commit, Provenance, SignatureInfo, SignatureStatus};
use idgate_git::{Limits, ObjectId, Repo};
use idgate_provenance::allowed_signers::{AllowedSigners, parse_allowed_signers};
use idgate_provenance::attribution::{TraceRecord, parse_agent_trace};
use idgate_provenance::settings::{ProvenanceSettings, parse_provenance_settings};
use serde::Serialize;

use crate::cli::{AttributionArgs, ProvenanceCmd, ProvenanceFormat};

/// The trusted policy file, read from the base revision.
const POLICY_PATH: &str = ".idgate/policy.toml";

fn short(id: ObjectId) -> String {
    id.to_string()[..10].to_string()
}

/// CI variables that name the branch a change comes from, most specific first.
const BRANCH_VARS: &[&str] = &[
    "GITHUB_HEAD_REF",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "CI_COMMIT_BRANCH",
    "BUILDKITE_BRANCH",
    "CIRCLE_BRANCH",
    "BITBUCKET_BRANCH",
    "GIT_BRANCH",
];

/// The branch from `--branch` or the CI's environment.
pub(crate) fn branch(args: &AttributionArgs) -> Option<String> {
    if let Some(b) = &args.branch {
        return Some(b.clone());
    }
    BRANCH_VARS.iter().find_map(|v| {
        std::env::var(v)
            .ok()
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_start_matches("origin/").to_string())
    })
}

/// Trusted inputs for attribution, loaded once.
#[derive(Default)]
pub(crate) struct Attribution {
    pub(crate) branch: Option<String>,
    /// The parsed allowed-signers file, if any.
    pub(crate) signers: Option<AllowedSigners>,
    /// Agent Trace records for line-level attribution.
    pub(crate) traces: Vec<TraceRecord>,
    /// The `[provenance]` table of the trusted policy file.
    pub(crate) settings: ProvenanceSettings,
    /// The rest of the trusted policy and CODEOWNERS.
    pub(crate) gate: super::gate::Gate,
    /// Fingerprints of accepted, pre-existing findings.
    pub(crate) baseline: std::collections::BTreeSet<String>,
}

impl Attribution {
    /// Load from the flags, reading defaults from the trusted `base` revision.
    pub(crate) fn load(
        args: &AttributionArgs,
        repo: Option<&Repo>,
        base: Option<ObjectId>,
    ) -> Result<Attribution> {
        // The policy that says who is a person and which keys are agents' comes from the base.
        let settings = match (repo, base) {
            (Some(repo), Some(base)) => match repo.read_file_at(base, POLICY_PATH)? {
                Some(bytes) => {
                    let text = String::from_utf8(bytes).map_err(|_| {
                        anyhow::anyhow!(
                            "bad policy file {POLICY_PATH} at {}: not UTF-8",
                            short(base)
                        )
                    })?;
                    parse_provenance_settings(&text).map_err(|e| {
                        anyhow::anyhow!("bad policy file {POLICY_PATH} at {}: {e}", short(base))
                    })?
                }
                None => ProvenanceSettings::default(),
            },
            _ => ProvenanceSettings::default(),
        };
        let gate = super::gate::Gate::load(repo, base)?;
        let signers_path = settings
            .allowed_signers
            .clone()
            .unwrap_or_else(|| gate.settings.allowed_signers.clone());
        let text = match (&args.allowed_signers, repo, base) {
            (Some(path), _, _) => Some((
                std::fs::read_to_string(path).with_context(|| {
                    format!("cannot read allowed-signers file {}", path.display())
                })?,
                path.display().to_string(),
            )),
            (None, Some(repo), Some(base)) => repo.read_file_at(base, &signers_path)?.map(|b| {
                (
                    String::from_utf8_lossy(&b).into_owned(),
                    format!("{signers_path} at {}", short(base)),
                )
            }),
            _ => None,
        };
        let signers = text.map(|(text, from)| {
            let signers = parse_allowed_signers(&text);
            // A broken line is skipped, never trusted; say so once, where the operator sees it.
            for problem in &signers.problems {
                eprintln!(
                    "idgate: warning: {from}, line {}: {} (line ignored)",
                    problem.line, problem.message
                );
            }
            signers
        });
        Ok(Attribution {
            branch: branch(args),
            signers,
            traces: Vec::new(),
            settings,
            gate,
            baseline: Default::default(),
        })
    }

    /// Load Agent Trace records: `--agent-trace FILE`, else `.agent-trace/traces.jsonl` of the
    /// head revision. They describe the change itself (not trusted configuration), so the head is
    /// the right place; bad lines are reported and skipped.
    pub(crate) fn load_traces(
        &mut self,
        args: &AttributionArgs,
        repo: Option<&Repo>,
        head: Option<&str>,
    ) -> Result<()> {
        let text = match (&args.agent_trace, repo, head) {
            (Some(path), _, _) => Some((
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read Agent Trace file {}", path.display()))?,
                path.display().to_string(),
            )),
            (None, Some(repo), Some(head)) => {
                let head = repo.resolve(head)?;
                repo.read_file_at(head, ".agent-trace/traces.jsonl")?
                    .map(|b| {
                        (
                            String::from_utf8_lossy(&b).into_owned(),
                            ".agent-trace/traces.jsonl".to_string(),
                        )
                    })
            }
            _ => None,
        };
        if let Some((text, from)) = text {
            let (records, problems) = parse_agent_trace(&text);
            for p in problems {
                eprintln!(
                    "idgate: warning: {from}, line {}: {} (record ignored)",
                    p.line, p.message
                );
            }
            self.traces = records;
        }
        Ok(())
    }

    /// The signature check of one commit.
    pub(crate) fn signature(&self, commit: &Commit) -> SignatureInfo {
        idgate_provenance::signature::check_signature(commit, self.signers.as_ref())
    }

    /// Classify one commit.
    pub(crate) fn classify(&self, commit: &Commit) -> Provenance {
        let cx = idgate_provenance::Context {
            extra: &self.settings.signals,
            branch: self.branch.as_deref(),
            people: &self.settings.people,
            agent_signers: &self.settings.agent_signers,
        };
        idgate_provenance::classify(commit, self.signature(commit), &cx)
    }
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    author: &'a idgate_core::Identity,
    committer: &'a idgate_core::Identity,
    summary: &'a str,
    #[serde(flatten)]
    provenance: &'a Provenance,
}

fn actor_name(a: Actor) -> &'static str {
    match a {
        Actor::Agent => "agent",
        Actor::Bot => "bot",
        Actor::Human => "human",
        Actor::Unknown => "unknown",
    }
}

fn signature_name(s: &SignatureInfo) -> &'static str {
    match s.status {
        SignatureStatus::None => "unsigned",
        SignatureStatus::Unverified => "unverified",
        SignatureStatus::Verified => "verified",
        SignatureStatus::Bad => "BAD",
    }
}

pub(crate) fn provenance(args: &ProvenanceCmd) -> Result<u8> {
    let repo = Repo::open(&args.repo, Limits::default())?;
    let (base, head) = repo.resolve_range(&args.range)?;
    // Trust comes from the base of the range; a whole history has no base, so its head is used.
    let attribution =
        Attribution::load(&args.attribution, Some(&repo), Some(base.unwrap_or(head)))?;

    let (sink, tmp): (Box<dyn Write>, Option<tempfile::NamedTempFile>) = match &args.output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let file = tmp
                .reopen()
                .with_context(|| format!("cannot write {}", path.display()))?;
            (Box::new(file), Some(tmp))
        }
        None => (Box::new(std::io::stdout().lock()), None),
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} commits ({per_sec}) {msg}")
                .expect("static template"),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });

    let mut counts = [0usize; 4];
    let mut first = true;
    let write_result: Result<()> = (|| {
        match args.format {
            ProvenanceFormat::Json => write!(
                out,
                "{{\"range\":{},\"commits\":[",
                serde_json::to_string(&args.range)?
            )?,
            ProvenanceFormat::Text => writeln!(
                out,
                "{:<12} {:<8} {:<16} {:>5}  {:<10}  summary",
                "commit", "actor", "agent", "conf", "signature"
            )?,
        }
        repo.walk(base, head, false, |commit| {
            let p = attribution.classify(&commit);
            counts[p.actor as usize] += 1;
            let result = match args.format {
                ProvenanceFormat::Json => {
                    let row = Row {
                        id: &commit.id,
                        author: &commit.author,
                        committer: &commit.committer,
                        summary: commit.summary(),
                        provenance: &p,
                    };
                    let sep = if first { "" } else { "," };
                    first = false;
                    serde_json::to_string(&row)
                        .map_err(std::io::Error::other)
                        .and_then(|json| write!(out, "{sep}\n{json}"))
                }
                ProvenanceFormat::Text => {
                    let mut line = format!(
                        "{:<12} {:<8} {:<16} {:>5.2}  {:<10}  {}\n",
                        &commit.id[..12.min(commit.id.len())],
                        actor_name(p.actor),
                        p.agent.as_deref().unwrap_or("-"),
                        p.confidence,
                        signature_name(&p.signature),
                        commit.summary(),
                    );
                    if p.actor != Actor::Unknown || p.signature.status == SignatureStatus::Bad {
                        for e in &p.evidence {
                            line.push_str(&format!("{:<13}└ {e}\n", ""));
                        }
                        if let Some(reason) = &p.signature.reason {
                            line.push_str(&format!("{:<13}└ signature: {reason}\n", ""));
                        }
                    }
                    out.write_all(line.as_bytes())
                }
            };
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            result.map_err(|source| idgate_git::Error::Io {
                path: args.output.clone().unwrap_or_else(|| "<stdout>".into()),
                source,
            })
        })?;
        match args.format {
            ProvenanceFormat::Json => writeln!(out, "\n]}}")?,
            ProvenanceFormat::Text => writeln!(
                out,
                "\n{} commits: {} agent, {} bot, {} human, {} unknown",
                counts.iter().sum::<usize>(),
                counts[Actor::Agent as usize],
                counts[Actor::Bot as usize],
                counts[Actor::Human as usize],
                counts[Actor::Unknown as usize],
            )?,
        }
        out.flush()?;
        Ok(())
    })();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    match write_result {
        Ok(()) => {}
        // `| head` closing the pipe is the reader's choice.
        Err(e) if is_broken_pipe(&e) => return Ok(0),
        Err(e) => return Err(e),
    }
    drop(out);
    if let (Some(tmp), Some(path)) = (tmp, &args.output) {
        tmp.persist(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(0)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
