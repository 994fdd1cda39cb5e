//! `idgate history`: audit every commit of a history — its provenance, the identity files it
//! touched and its findings — and summarise identity changes by actor, category and month.
//!
//! One thread walks the commits; workers (each with its own repository handle) diff each commit
//! against its first parent and run the rules; the main thread puts results back in walk order
//! and streams them out, so memory stays bounded by the channels, not by the history.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufWriter, IsTerminal, Write};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow};
use idgate_core::{ChangeSet, Commit, Finding, Provenance};
use idgate_git::{Limits, Repo};
use idgate_lang::Prefilter;
use idgate_rules::Mode;
use serde::Serialize;

use super::provenance::Attribution;
use crate::cli::{HistoryArgs, HistoryFormat};

/// Words that mark a change as touching identity logic when they appear on a changed line.
pub(crate) const IDENTITY_WORDS: &[&str] = &[
    "apikey",
    "api_key",
    "auth",
    "bearer",
    "clusterrole",
    "cookie",
    "cors",
    "credential",
    "csrf",
    "iam",
    "jwt",
    "login",
    "oauth",
    "oidc",
    "passwd",
    "password",
    "permission",
    "policy",
    "rbac",
    "rolebinding",
    "saml",
    "secret",
    "session",
    "signature",
    "sts:",
    "token",
    "verify",
];

/// What the audit keeps of one commit.
#[derive(Serialize)]
pub(crate) struct CommitAudit {
    pub(crate) id: String,
    pub(crate) author: idgate_core::Identity,
    pub(crate) summary: String,
    pub(crate) merge: bool,
    pub(crate) provenance: Provenance,
    pub(crate) identity_files: Vec<String>,
    /// The identity surfaces the commit touched (`path: touches token verification: ...`).
    pub(crate) surfaces: Vec<String>,
    pub(crate) approvals: usize,
    pub(crate) findings: Vec<FindingLine>,
}

#[derive(Serialize)]
pub(crate) struct FindingLine {
    pub(crate) rule: &'static str,
    pub(crate) name: &'static str,
    pub(crate) category: idgate_core::Category,
    pub(crate) level: idgate_core::Level,
    pub(crate) path: String,
    pub(crate) line: u32,
    pub(crate) message: String,
    pub(crate) fingerprint: String,
}

/// Totals over the audited commits.
#[derive(Serialize, Default)]
struct Summary {
    commits: usize,
    by_actor: BTreeMap<&'static str, usize>,
    identity_commits_by_actor: BTreeMap<&'static str, usize>,
    identity_commits_with_approvals: usize,
    /// Findings that count (error and warning level), by category.
    findings_by_category: BTreeMap<&'static str, usize>,
    /// Note-level findings (a credential in a test or docs path), by category: reported, never
    /// counted as findings.
    notes_by_category: BTreeMap<&'static str, usize>,
    /// Identity commits per month (UTC, `YYYY-MM`) and actor.
    identity_commits_by_month: BTreeMap<String, BTreeMap<&'static str, usize>>,
}

impl Summary {
    fn add(&mut self, c: &CommitAudit) {
        self.commits += 1;
        let actor = c.provenance.actor.as_str();
        *self.by_actor.entry(actor).or_default() += 1;
        if c.identity_files.is_empty() && c.findings.is_empty() {
            return;
        }
        *self.identity_commits_by_actor.entry(actor).or_default() += 1;
        if c.approvals > 0 {
            self.identity_commits_with_approvals += 1;
        }
        for f in &c.findings {
            let by_category = if f.level.counts() {
                &mut self.findings_by_category
            } else {
                &mut self.notes_by_category
            };
            *by_category.entry(f.category.id()).or_default() += 1;
        }
        *self
            .identity_commits_by_month
            .entry(month(c.author.time))
            .or_default()
            .entry(actor)
            .or_default() += 1;
    }
}

/// `YYYY-MM` of a Unix time, UTC.
fn month(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}")
}

/// Files whose changed lines mention identity vocabulary, or that have findings.
fn identity_files(change: &ChangeSet, findings: &[Finding], words: &Prefilter) -> Vec<String> {
    let mut out = BTreeSet::new();
    for f in findings {
        out.insert(f.path.clone());
    }
    for file in &change.files {
        let mut changed = String::new();
        for (text, ranges) in [
            (
                file.new_text.as_deref(),
                file.added_ranges().collect::<Vec<_>>(),
            ),
            (
                file.old_text.as_deref(),
                file.removed_ranges().collect::<Vec<_>>(),
            ),
        ] {
            let Some(text) = text else { continue };
            for r in ranges {
                for line in text
                    .lines()
                    .skip(r.start.saturating_sub(1) as usize)
                    .take((r.end + 1 - r.start) as usize)
                {
                    changed.push_str(line);
                    changed.push('\n');
                }
            }
        }
        if words.matches(&file.path) || words.matches(&changed) {
            out.insert(file.path.clone());
        }
    }
    out.into_iter().collect()
}

/// Audit one commit (in a worker).
pub(crate) fn audit(
    repo: &Repo,
    commit: Commit,
    attribution: &Attribution,
    words: &Prefilter,
    select: &idgate_rules::Selection,
) -> Result<CommitAudit> {
    let provenance = attribution.classify(&commit);
    let approvals = commit
        .notes
        .iter()
        .filter(|(r, _)| r == super::gate::NOTES_REF)
        .map(|(_, text)| idgate_policy::approval::parse_note(text).0.len())
        .sum();
    let merge = commit.parents.len() > 1;
    let (id, author, summary) = (
        commit.id.clone(),
        commit.author.clone(),
        commit.summary().to_string(),
    );
    // A merge's diff against its first parent repeats the merged commits' changes.
    let (findings, identity) = if merge {
        (Vec::new(), Vec::new())
    } else {
        let change = repo.commit_change(commit)?;
        let findings = idgate_rules::analyze_with(
            &change,
            Mode::Check,
            idgate_rules::Options {
                secrets: Some(&attribution.gate.secrets.list),
                custom: &attribution.gate.custom_rules,
                parallel: false,
                select: Some(select),
                skip_grants: false,
            },
        );
        let identity = identity_files(&change, &findings, words);
        (findings, identity)
    };
    // Identity-surface notes say which identity logic the commit touched: they are listed as
    // surfaces, not as findings.
    let (surfaces, findings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| f.category == idgate_core::Category::IdentitySurface);
    let surfaces: Vec<String> = surfaces
        .into_iter()
        .map(|f| format!("{}: {}", f.path, f.message))
        .collect();
    Ok(CommitAudit {
        id,
        author,
        summary,
        merge,
        provenance,
        identity_files: identity,
        surfaces,
        approvals,
        // Notes (a credential in a test or docs path) are kept: a history audit is about what was
        // ever written, and a revoked test key still had to be revoked.
        findings: findings
            .into_iter()
            .map(|f| FindingLine {
                rule: f.rule,
                name: f.name,
                category: f.category,
                level: f.level,
                path: f.path,
                line: f.line,
                message: f.message,
                fingerprint: f.fingerprint.0,
            })
            .collect(),
    })
}

pub(crate) fn history(args: &HistoryArgs) -> Result<u8> {
    let select = idgate_rules::Selection::parse(&args.select)?;
    let repo = Repo::open(&args.repo, Limits::default())?;
    let head = repo.resolve(&args.head)?;
    let base = match &args.since {
        Some(s) => Some(repo.resolve(s)?),
        None => None,
    };
    let attribution =
        Attribution::load(&args.attribution, Some(&repo), Some(base.unwrap_or(head)))?;
    let words = Prefilter::new(IDENTITY_WORDS);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);

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
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} commits audited ({per_sec}) {msg}",
            )
            .expect("static template"),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });

    let mut summary = Summary::default();
    let mut sarif_findings: Vec<(String, FindingLine)> = Vec::new();
    let result: Result<()> = std::thread::scope(|scope| {
        let (commit_tx, commit_rx) = mpsc::sync_channel::<(usize, Commit)>(jobs * 16);
        let commit_rx = std::sync::Arc::new(std::sync::Mutex::new(commit_rx));
        let (result_tx, result_rx) = mpsc::sync_channel::<(usize, Result<CommitAudit>)>(jobs * 16);
        let walk_path = args.repo.clone();
        let walker = scope.spawn(move || -> Result<()> {
            // A repository handle is not shared between threads: the walker opens its own.
            let walk_repo = Repo::open(&walk_path, Limits::default())?;
            let mut seq = 0;
            walk_repo.walk(base, head, false, |c| {
                let sent = commit_tx.send((seq, c));
                seq += 1;
                // The reader stopped (an error downstream): stop walking quietly.
                sent.map_err(|_| idgate_git::Error::Io {
                    path: "<history>".into(),
                    source: std::io::Error::other("stopped"),
                })
            })?;
            Ok(())
        });
        for _ in 0..jobs {
            let rx = commit_rx.clone();
            let tx = result_tx.clone();
            let attribution = &attribution;
            let words = &words;
            let select = &select;
            let path = args.repo.clone();
            scope.spawn(move || {
                let local = match Repo::open(&path, Limits::default()) {
                    Ok(r) => r,
                    Err(e) => {
                        let _ = tx.send((usize::MAX, Err(e.into())));
                        return;
                    }
                };
                loop {
                    let next = rx.lock().map(|r| r.recv());
                    let Ok(Ok((seq, commit))) = next else { break };
                    if tx
                        .send((seq, audit(&local, commit, attribution, words, select)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(result_tx);
        // Emit in walk order.
        let mut pending: BTreeMap<usize, CommitAudit> = BTreeMap::new();
        let mut next = 0;
        let mut first = true;
        match args.format {
            HistoryFormat::Json => write!(out, "{{\"commits\":[")?,
            HistoryFormat::Text => writeln!(
                out,
                "{:<12} {:<8} {:<16} {:>8} {:>8}  summary",
                "commit", "actor", "agent", "identity", "findings"
            )?,
            _ => {}
        }
        for (seq, audited) in result_rx {
            let audited = audited?;
            pending.insert(seq, audited);
            while let Some(c) = pending.remove(&next) {
                next += 1;
                summary.add(&c);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                match args.format {
                    HistoryFormat::Json => {
                        let sep = if first { "" } else { "," };
                        first = false;
                        write!(out, "{sep}\n{}", serde_json::to_string(&c)?)?;
                    }
                    HistoryFormat::Text => {
                        writeln!(
                            out,
                            "{:<12} {:<8} {:<16} {:>8} {:>8}  {}",
                            &c.id[..12.min(c.id.len())],
                            c.provenance.actor.as_str(),
                            c.provenance.agent.as_deref().unwrap_or("-"),
                            c.identity_files.len(),
                            c.findings.iter().filter(|f| f.level.counts()).count(),
                            c.summary
                        )?;
                        for f in &c.findings {
                            writeln!(
                                out,
                                "{:<13}└ {}{} {}:{} {}",
                                "",
                                if f.level.counts() { "" } else { "note " },
                                f.rule,
                                f.path,
                                f.line,
                                idgate_core::redact::redact_line(&f.message)
                            )?;
                        }
                    }
                    HistoryFormat::Sarif => {
                        for f in c.findings {
                            sarif_findings.push((c.id.clone(), f));
                        }
                    }
                    HistoryFormat::Markdown => {}
                }
            }
        }
        walker
            .join()
            .map_err(|_| anyhow!("the history walker stopped unexpectedly"))??;
        match args.format {
            HistoryFormat::Json => writeln!(
                out,
                "\n],\"summary\":{}}}",
                serde_json::to_string(&summary)?
            )?,
            HistoryFormat::Text => write_text_summary(&mut out, &summary)?,
            HistoryFormat::Markdown => write_markdown(&mut out, &summary)?,
            HistoryFormat::Sarif => write_sarif(&mut out, &sarif_findings, &summary)?,
        }
        out.flush()?;
        Ok(())
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    result?;
    attribution.gate.secrets.warn_unused();
    drop(out);
    if let (Some(tmp), Some(path)) = (tmp, &args.output) {
        tmp.persist(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(0)
}

fn write_text_summary(out: &mut impl Write, s: &Summary) -> Result<()> {
    let actors = |m: &BTreeMap<&str, usize>| {
        ["agent", "bot", "human", "unknown"]
            .iter()
            .map(|a| format!("{} {a}", m.get(a).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "\n{} commits: {}", s.commits, actors(&s.by_actor))?;
    let identity: usize = s.identity_commits_by_actor.values().sum();
    writeln!(
        out,
        "{identity} touched identity logic: {}; {} carried approvals",
        actors(&s.identity_commits_by_actor),
        s.identity_commits_with_approvals
    )?;
    for (category, n) in &s.findings_by_category {
        writeln!(out, "  {n} {category}")?;
    }
    for (category, n) in &s.notes_by_category {
        writeln!(
            out,
            "  {n} {category} note{} (test or docs paths)",
            if *n == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

fn write_markdown(out: &mut impl Write, s: &Summary) -> Result<()> {
    writeln!(out, "## idgate history\n")?;
    writeln!(
        out,
        "| | agent | bot | human | unknown |\n|---|---:|---:|---:|---:|"
    )?;
    for (label, m) in [
        ("commits", &s.by_actor),
        ("identity changes", &s.identity_commits_by_actor),
    ] {
        let cell = |a: &str| m.get(a).copied().unwrap_or(0);
        writeln!(
            out,
            "| {label} | {} | {} | {} | {} |",
            cell("agent"),
            cell("bot"),
            cell("human"),
            cell("unknown")
        )?;
    }
    writeln!(
        out,
        "\nIdentity changes that carried signed approvals: {}\n",
        s.identity_commits_with_approvals
    )?;
    if !s.findings_by_category.is_empty() || !s.notes_by_category.is_empty() {
        writeln!(out, "| category | findings | notes |\n|---|---:|---:|")?;
        let categories: BTreeSet<&&str> = s
            .findings_by_category
            .keys()
            .chain(s.notes_by_category.keys())
            .collect();
        for c in categories {
            let cell = |m: &BTreeMap<&str, usize>| m.get(*c).copied().unwrap_or(0);
            writeln!(
                out,
                "| `{c}` | {} | {} |",
                cell(&s.findings_by_category),
                cell(&s.notes_by_category)
            )?;
        }
    }
    if !s.identity_commits_by_month.is_empty() {
        writeln!(
            out,
            "\n| month | agent | bot | human | unknown |\n|---|---:|---:|---:|---:|"
        )?;
        for (month, m) in &s.identity_commits_by_month {
            let cell = |a: &str| m.get(a).copied().unwrap_or(0);
            writeln!(
                out,
                "| {month} | {} | {} | {} | {} |",
                cell("agent"),
                cell("bot"),
                cell("human"),
                cell("unknown")
            )?;
        }
    }
    Ok(())
}

fn write_sarif(
    out: &mut impl Write,
    findings: &[(String, FindingLine)],
    s: &Summary,
) -> Result<()> {
    // The findings of every commit, through the one SARIF writer, with their commits.
    let change = ChangeSet {
        source: idgate_core::ChangeSource::Scan { paths: vec![] },
        base: None,
        head: None,
        digest: String::new(),
        commits: vec![],
        files: vec![],
    };
    let full: Vec<Finding> = findings
        .iter()
        .map(|(commit, f)| {
            let rule =
                idgate_rules::find_rule(f.rule).expect("findings come from registered rules");
            Finding {
                rule: rule.code,
                name: rule.name,
                category: rule.category,
                cwe: rule.cwe.to_vec(),
                severity: rule.severity,
                level: f.level,
                path: f.path.clone(),
                line: f.line.max(1),
                end_line: f.line.max(1),
                column: 1,
                old_side: false,
                message: f.message.clone(),
                before: None,
                after: None,
                fingerprint: idgate_core::Fingerprint(f.fingerprint.clone()),
                commit: Some(commit.clone()),
                attribution: None,
                measure: None,
            }
        })
        .collect();
    let identity: usize = s.identity_commits_by_actor.values().sum();
    let verdict = idgate_core::Verdict {
        decision: if !full.iter().any(|f| f.level.counts()) {
            idgate_core::Decision::Allow
        } else {
            idgate_core::Decision::Review
        },
        reasons: vec![format!(
            "{} commits audited, {identity} touched identity logic",
            s.commits
        )],
        obligations: vec![],
        approvals: vec![],
        waivers: vec![],
    };
    let report = idgate_report::Report {
        command: "history",
        version: env!("CARGO_PKG_VERSION"),
        change: &change,
        provenance: &[],
        findings: &full,
        verdict: &verdict,
        policy_digest: "",
    };
    out.write_all(idgate_report::sarif::render(&report).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::month;

    #[test]
    fn months() {
        assert_eq!(month(0), "1970-01");
        assert_eq!(month(1_764_460_800), "2025-11");
    }
}
