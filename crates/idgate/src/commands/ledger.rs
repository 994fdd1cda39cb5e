//! `idgate ledger verify|log|export|seal`, and `--record` for `check`, `approve` and `waive`.

use std::io::{BufWriter, Write};

use anyhow::{Context, Result};
use idgate_core::{ChangeSet, Finding, Provenance, Verdict};
use idgate_ledger::{EvaluationBody, ExportFormat, Filter, Kind, Ledger, Record};

use crate::cli::{CheckSealArgs, LedgerCmd, LedgerFilterArgs, LedgerFormat, LedgerSub, RecordArgs};

/// The ledger when neither `--ledger` nor `IDGATE_LEDGER` names one: a SQLite file in the
/// current directory.
pub(crate) const DEFAULT_LEDGER: &str = "sqlite://.idgate-ledger.sqlite3";

/// The ledger URL to use.
fn url(given: Option<&str>) -> &str {
    given.filter(|u| !u.is_empty()).unwrap_or(DEFAULT_LEDGER)
}

/// The repository a CI job runs for, as the forge names it.
fn ci_repository() -> Option<String> {
    ["GITHUB_REPOSITORY", "CI_PROJECT_PATH"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|n| !n.trim().is_empty())
}

fn open(given: Option<&str>) -> Result<Ledger> {
    Ok(Ledger::open(url(given))?)
}

/// Where `--record` appends, and the repository name it records.
pub(crate) struct Recording {
    url: String,
    repository: String,
}

impl Recording {
    /// `None` unless `--record` was given. The repository is named by `--repository`, else by
    /// the CI's variables, else by `default`.
    pub(crate) fn new(args: &RecordArgs, default: impl FnOnce() -> String) -> Option<Recording> {
        args.record.then(|| Recording {
            url: url(args.ledger.as_deref()).to_string(),
            repository: args
                .repository
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or_else(ci_repository)
                .unwrap_or_else(default),
        })
    }

    fn open(&self) -> Result<Ledger> {
        Ledger::open(&self.url)
            .with_context(|| format!("cannot record in ledger {}", redact(&self.url)))
    }

    /// Append an evaluation record (ids, fingerprints and levels only).
    pub(crate) fn evaluation(
        &self,
        change: &ChangeSet,
        provenance: &[Provenance],
        findings: &[Finding],
        verdict: &Verdict,
        policy_digest: &str,
    ) -> Result<Record> {
        let body = EvaluationBody::new(
            change,
            findings,
            provenance,
            verdict,
            policy_digest,
            env!("CARGO_PKG_VERSION"),
        );
        self.open()?
            .append_evaluation(&self.repository, &body)
            .with_context(|| {
                format!(
                    "cannot record the evaluation in ledger {}",
                    redact(&self.url)
                )
            })
    }

    /// Append a signed approval or waiver statement.
    pub(crate) fn statement(
        &self,
        kind: Kind,
        statement: serde_json::Value,
        signature: String,
    ) -> Result<Record> {
        self.open()?
            .append_statement(kind, &self.repository, statement, signature)
            .with_context(|| format!("cannot record the {kind} in ledger {}", redact(&self.url)))
    }

    /// The ledger, for messages.
    pub(crate) fn target(&self) -> String {
        redact(&self.url)
    }
}

/// A URL with its password hidden.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if url[s + 3..at].contains(':') => {
            let colon = s + 3 + url[s + 3..at].find(':').unwrap_or(0);
            format!("{}:***{}", &url[..colon], &url[at..])
        }
        _ => url.to_string(),
    }
}

pub(crate) fn ledger(cmd: &LedgerCmd) -> Result<u8> {
    let given = cmd.ledger.as_deref();
    match &cmd.command {
        LedgerSub::Verify => verify(given),
        LedgerSub::Log(filter) => log(given, filter),
        LedgerSub::Export(args) => {
            let format = match args.format {
                LedgerFormat::Jsonl => ExportFormat::JsonLines,
                LedgerFormat::Csv => ExportFormat::Csv,
            };
            export(given, &filter(&args.filter), format, args.output.as_deref())
        }
        LedgerSub::Seal { key } => seal(given, key),
        LedgerSub::CheckSeal(args) => check_seal(given, args),
    }
}

fn filter(args: &LedgerFilterArgs) -> Filter {
    Filter {
        repository: args.repository.clone(),
        since: args.since,
        until: args.until,
        verdict: args.verdict.clone(),
        agent: args.agent.clone(),
    }
}

fn verify(given: Option<&str>) -> Result<u8> {
    let mut ledger = open(given)?;
    let report = ledger.verify()?;
    let target = ledger.target();
    match &report.first_bad {
        None => {
            println!(
                "ledger {target}: {} record{} intact; head {} {}",
                report.records,
                if report.records == 1 { "" } else { "s" },
                report.head_seq,
                report.head_hash
            );
            Ok(0)
        }
        Some(bad) => {
            println!("ledger {target}: NOT intact: {bad}");
            if report.records > 0 {
                println!(
                    "the {} record{} before it verified; the last of them: {} {}",
                    report.records,
                    if report.records == 1 { "" } else { "s" },
                    report.head_seq,
                    report.head_hash
                );
            }
            Ok(1)
        }
    }
}

fn log(given: Option<&str>, args: &LedgerFilterArgs) -> Result<u8> {
    let mut ledger = open(given)?;
    let records = ledger.log(&filter(args))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for r in &records {
        writeln!(
            out,
            "{:>6}  {}  {:<10}  {}  {}  {}",
            r.seq,
            utc(r.time),
            r.kind.as_str(),
            r.repository,
            summary(r),
            &r.hash[..12.min(r.hash.len())]
        )?;
    }
    out.flush()?;
    Ok(0)
}

/// One phrase about a record's body.
fn summary(r: &Record) -> String {
    let text = |v: &serde_json::Value, path: &[&str]| {
        path.iter()
            .try_fold(v, |v, k| v.get(k))
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_string()
    };
    match r.kind {
        Kind::Evaluation => {
            let head = text(&r.body, &["change", "head"]);
            let agents = r.agents();
            format!(
                "{} {}{}",
                r.verdict().unwrap_or("?"),
                &head[..10.min(head.len())],
                if agents.is_empty() {
                    String::new()
                } else {
                    format!(" by {}", agents.join(", "))
                }
            )
        }
        Kind::Approval | Kind::Waiver => {
            format!("by {}", text(&r.body, &["statement", "principal"]))
        }
        Kind::Seal => format!(
            "seals record {}",
            r.body
                .get("head_seq")
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0)
        ),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds.
pub(crate) fn utc(time: i64) -> String {
    let days = time.div_euclid(86_400);
    let secs = time.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn export(
    given: Option<&str>,
    filter: &Filter,
    format: ExportFormat,
    output: Option<&std::path::Path>,
) -> Result<u8> {
    let mut ledger = open(given)?;
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            ledger.export(filter, format, &mut out)?;
        }
        Some(path) => {
            // Whole or not at all: a temporary file beside the target, then a rename.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let count = {
                let mut out = BufWriter::new(tmp.as_file_mut());
                ledger.export(filter, format, &mut out)?
            };
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("exported {count} records to {}", path.display());
        }
    }
    Ok(0)
}

fn seal(given: Option<&str>, key: &std::path::Path) -> Result<u8> {
    let key_text = std::fs::read_to_string(key)
        .with_context(|| format!("cannot read key {}", key.display()))?;
    let mut ledger = open(given)?;
    let record = ledger
        .seal(&key_text)
        .with_context(|| format!("cannot seal with {}", key.display()))?;
    println!("{}", record.to_json_line()?);
    eprintln!(
        "sealed record {} of ledger {} as record {}; publish the line above where the ledger's operators cannot change it",
        record.seq - 1,
        ledger.target(),
        record.seq
    );
    Ok(0)
}

/// `ledger check-seal`: the seal's signature by an allowed key, then the ledger against it.
fn check_seal(given: Option<&str>, args: &CheckSealArgs) -> Result<u8> {
    let seal_name = args.seal.display().to_string();
    let text = std::fs::read_to_string(&args.seal)
        .with_context(|| format!("cannot read seal {seal_name}"))?;
    let line = text.trim();
    if line.lines().count() != 1 {
        anyhow::bail!(
            "bad seal {seal_name}: expected the one JSON line `idgate ledger seal` printed"
        );
    }
    let seal: Record = serde_json::from_str(line).map_err(|e| {
        anyhow::anyhow!(
            "bad seal {seal_name}: not a ledger record (column {}: {e})",
            e.column()
        )
    })?;
    if seal.kind != Kind::Seal {
        anyhow::bail!(
            "bad seal {seal_name}: record {} is a {}, not a seal",
            seal.seq,
            seal.kind.as_str()
        );
    }
    let signers_name = args.allowed_signers.display().to_string();
    let signers_text = std::fs::read_to_string(&args.allowed_signers)
        .with_context(|| format!("cannot read allowed-signers file {signers_name}"))?;
    let signers = idgate_provenance::allowed_signers::parse_allowed_signers(&signers_text);
    for problem in &signers.problems {
        eprintln!(
            "idgate: warning: {signers_name}, line {}: {} (line ignored)",
            problem.line, problem.message
        );
    }
    if signers.is_empty() {
        anyhow::bail!("allowed-signers file {signers_name} lists no key");
    }
    // The key in the seal's body is not trusted: each listed key that may sign seals is tried.
    let candidates: Vec<_> = signers
        .entries
        .iter()
        .filter(|e| !e.cert_authority)
        .filter(|e| {
            args.principal
                .as_deref()
                .is_none_or(|p| e.matches_principal(p))
        })
        .filter(|e| e.allows_namespace(idgate_ledger::SEAL_NAMESPACE) && e.valid_at(seal.time))
        .collect();
    let mut first_error = None;
    let mut signer = None;
    for e in &candidates {
        match idgate_ledger::verify_seal(&seal, &e.key) {
            Ok(_) => {
                signer = Some(*e);
                break;
            }
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    let for_principal = args
        .principal
        .as_deref()
        .map(|p| format!(" for {p}"))
        .unwrap_or_default();
    let Some(signer) = signer else {
        let why = match first_error {
            Some(idgate_ledger::Error::SealSignature(_)) => format!(
                "its signature is by none of the {} key(s) of {signers_name} allowed to sign \
                 seals (namespace {}){for_principal}",
                candidates.len(),
                idgate_ledger::SEAL_NAMESPACE,
            ),
            // The record itself does not hold together (its own hash, what it claims to seal).
            Some(other) => other.to_string(),
            None => format!(
                "{signers_name} lists no key allowed to sign seals (namespace {}) at the seal's \
                 time{for_principal}",
                idgate_ledger::SEAL_NAMESPACE,
            ),
        };
        println!("seal {seal_name} (record {}): NOT valid: {why}", seal.seq);
        return Ok(1);
    };
    let mut ledger = open(given)?;
    let target = ledger.target();
    let body = match ledger.check_seal(&seal, &signer.key) {
        Ok(body) => body,
        Err(idgate_ledger::Error::SealMismatch(why)) => {
            println!(
                "ledger {target}: does NOT match seal {seal_name}: {why}; the ledger was \
                 rewritten or truncated after it was sealed"
            );
            return Ok(1);
        }
        Err(e) => return Err(e.into()),
    };
    let report = ledger.verify()?;
    if let Some(bad) = &report.first_bad {
        println!("ledger {target}: matches seal {seal_name}, but is NOT intact: {bad}");
        return Ok(1);
    }
    println!(
        "ledger {target}: seal {seal_name} holds: record {} (hash {}) sealed as record {} by \
         {} ({}); {} record{} intact",
        body.head_seq,
        body.head_hash,
        seal.seq,
        signer.principals,
        signer.fingerprint(),
        report.records,
        if report.records == 1 { "" } else { "s" },
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::{redact, utc};

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact("postgres://u:pw@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
