//! `idgate approve`, `idgate waive` and `idgate init`.

use anyhow::{Context, Result, bail};
use idgate_git::{Limits, Repo};
use idgate_policy::approval::{self, ChangeRef, Statement};
use idgate_rules::Mode;

use super::gate::{NOTES_REF, now};
use super::provenance::Attribution;
use crate::cli::{AttributionArgs, InitArgs, SignArgs, WaiveArgs};

/// Parse `90m`, `12h`, `30d`, `2w` (or plain seconds) into seconds.
pub(crate) fn parse_duration(text: &str) -> Result<i64> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: i64 = number.parse().with_context(|| {
        format!("bad duration '{text}': expected a number and a unit, like 30d")
    })?;
    let unit = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        other => bail!("bad duration '{text}': unknown unit '{other}' (use s, m, h, d or w)"),
    };
    n.checked_mul(unit)
        .filter(|s| *s > 0)
        .with_context(|| format!("bad duration '{text}'"))
}

/// Judge the change as `check` would, then sign `make(statement parts)` and record it.
fn sign_and_record(
    sign: &SignArgs,
    attribution_args: &AttributionArgs,
    make: impl FnOnce(
        ChangeRef,
        idgate_core::Decision,
        Vec<String>,
        i64,
        Option<i64>,
    ) -> Result<Statement>,
) -> Result<u8> {
    let key = std::fs::read_to_string(&sign.key)
        .with_context(|| format!("cannot read key {}", sign.key.display()))?;
    let repo = Repo::open(&sign.repo, Limits::default())?;
    let change = repo.range(sign.base.as_deref(), &sign.head)?;
    let base = match &change.base {
        Some(id) => Some(repo.resolve(id)?),
        None => None,
    };
    let mut attribution = Attribution::load(attribution_args, Some(&repo), base)?;
    attribution.load_traces(attribution_args, Some(&repo), change.head.as_deref())?;
    let (_, findings, verdict) =
        super::check::evaluate(&change, Mode::Check, &attribution, Some(&repo))?;
    let fingerprints: Vec<String> = findings
        .iter()
        .filter(|f| f.level.counts())
        .map(|f| f.fingerprint.as_str().to_string())
        .collect();
    let time = now();
    let expires = match &sign.expires {
        Some(d) => Some(time + parse_duration(d)?),
        None => None,
    };
    let head = change.head.clone().unwrap_or_default();
    let change_ref = ChangeRef {
        digest: change.digest.clone(),
        base: change.base.clone().unwrap_or_default(),
        head: head.clone(),
    };
    let statement = make(change_ref, verdict.decision, fingerprints, time, expires)?;
    let signed = approval::sign(&statement, &key)
        .with_context(|| format!("cannot sign with {}", sign.key.display()))?;
    // The ledger first: if it cannot take the statement, nothing is recorded anywhere.
    let recording = super::ledger::Recording::new(&sign.record, || repo.name());
    let recorded = match &recording {
        Some(recording) => {
            let kind = match statement.kind {
                approval::Kind::Approval => idgate_ledger::Kind::Approval,
                approval::Kind::Waiver => idgate_ledger::Kind::Waiver,
            };
            // Exactly the bytes that were signed, so the ledger's copy verifies on its own.
            let signed_json =
                serde_json::from_slice(&approval::canonical_bytes(&signed.statement))?;
            Some(recording.statement(kind, signed_json, signed.signature.clone())?)
        }
        None => None,
    };
    let head_id = repo.resolve(&head)?;
    let existing = repo.read_note(NOTES_REF, head_id)?;
    let text = approval::append_to_note(existing.as_deref(), &signed);
    repo.write_note(NOTES_REF, head_id, &text, &sign.principal, &sign.principal)?;
    println!(
        "recorded a signed {} by {} for {}..{} in {NOTES_REF}",
        statement.kind,
        sign.principal,
        &statement.change.base.get(..10).unwrap_or(""),
        &head[..10.min(head.len())]
    );
    println!("share it with: git push origin {NOTES_REF}");
    if let (Some(recording), Some(record)) = (&recording, recorded) {
        println!(
            "recorded it in ledger {} as record {}",
            recording.target(),
            record.seq
        );
    }
    Ok(0)
}

pub(crate) fn approve(args: &crate::cli::ApproveArgs) -> Result<u8> {
    let principal = args.sign.principal.clone();
    sign_and_record(
        &args.sign,
        &args.attribution,
        |change, verdict, fingerprints, time, expires| {
            Ok(Statement::approval(
                change,
                verdict,
                fingerprints,
                principal,
                time,
                expires,
            ))
        },
    )
}

pub(crate) fn waive(args: &WaiveArgs) -> Result<u8> {
    if args.rule.is_none() && args.path.is_none() && args.fingerprint.is_none() {
        bail!("a waiver needs --rule, --path or --fingerprint");
    }
    if args.sign.expires.is_none() {
        bail!("a waiver needs --expires (for example 30d)");
    }
    let rule = match &args.rule {
        Some(r) => Some(
            idgate_rules::find_rule(r)
                .with_context(|| format!("unknown rule '{r}'; `idgate rules` lists them"))?
                .code
                .to_string(),
        ),
        None => None,
    };
    let waiver = approval::Waiver {
        rule,
        path: args.path.clone(),
        fingerprint: args.fingerprint.clone(),
        reason: args.reason.clone(),
    };
    let principal = args.sign.principal.clone();
    sign_and_record(
        &args.sign,
        &args.attribution,
        |change, verdict, fingerprints, time, expires| {
            let expires = expires.context("a waiver needs --expires")?;
            let statement = Statement::waiver(
                change,
                verdict,
                fingerprints,
                principal,
                time,
                expires,
                waiver,
            );
            statement
                .validate()
                .map_err(|e| anyhow::anyhow!("invalid waiver: {e}"))?;
            Ok(statement)
        },
    )
}

const ALLOWED_SIGNERS_TEMPLATE: &str = "\
# Who may sign approvals, waivers and commits, in git's allowed-signers format:
#   <principal> [options] <key type> <base64 key> [comment]
# Principals are the e-mail addresses people commit and approve with. Examples:
#   alice@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... alice laptop
#   *@example.com cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... corporate CA
# This file is read from the base revision of every change: edits take effect once merged.
";

pub(crate) fn init(args: &InitArgs) -> Result<u8> {
    let dir = args.repo.join(".idgate");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let files = [
        ("policy.toml", idgate_policy::reference::starter_policy()),
        ("allowed_signers", ALLOWED_SIGNERS_TEMPLATE.to_string()),
    ];
    for (name, _) in &files {
        let path = dir.join(name);
        if path.exists() && !args.force {
            bail!("{} exists; pass --force to overwrite it", path.display());
        }
    }
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    println!("commit them in their own change: idgate reads policy from the base revision");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90m").unwrap(), 5400);
        assert_eq!(parse_duration("30d").unwrap(), 2_592_000);
        assert_eq!(parse_duration("2w").unwrap(), 1_209_600);
        assert_eq!(parse_duration("45").unwrap(), 45);
        assert!(parse_duration("3y").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("0d").is_err());
    }
}
