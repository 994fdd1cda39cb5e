//! The gate's trusted configuration and the verdict: policy settings, CODEOWNERS, approvals and
//! waivers, all read from the base revision (approvals from the head's `refs/notes/idgate`).

use std::collections::BTreeSet;

use anyhow::{Result, anyhow};
use idgate_core::{ChangeSet, Finding, Provenance, Verdict};
use idgate_git::{ObjectId, Repo};
use idgate_policy::approval::{self, ApprovalContext, Kind, SignedStatement};
use idgate_policy::codeowners::{CodeOwners, parse_codeowners};
use idgate_policy::engine::{self, ApprovalCheck, Inputs, Waiver};
use idgate_policy::settings::Settings;

use super::provenance::Attribution;

/// The trusted policy file, read from the base revision.
pub(crate) const POLICY_PATH: &str = ".idgate/policy.toml";
/// The folder of custom rules, read from the base revision.
pub(crate) const RULES_DIR: &str = ".idgate/rules";

/// Parse the custom rule files of a folder listing (`*.yml`, `*.yaml`), in name order.
pub(crate) fn parse_custom_rules(
    files: Vec<(String, Vec<u8>)>,
    origin: &str,
) -> Result<Vec<idgate_rules::custom::CustomRule>> {
    let mut rules = Vec::new();
    for (name, bytes) in files {
        if !(name.ends_with(".yml") || name.ends_with(".yaml")) {
            continue;
        }
        let file = format!("{RULES_DIR}/{name} {origin}");
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!("bad custom rule file {file}: not UTF-8"))?;
        rules.extend(idgate_rules::custom::parse_rules(&file, &text)?);
    }
    Ok(rules)
}
/// Where approvals and waivers of a change are stored, on its head commit.
pub(crate) const NOTES_REF: &str = "refs/notes/idgate";

/// Settings and CODEOWNERS from the base.
#[derive(Default)]
pub(crate) struct Gate {
    pub(crate) settings: Settings,
    pub(crate) codeowners: Option<CodeOwners>,
    /// SHA-256 of the policy file's bytes, or empty for the built-in policy (for the ledger).
    pub(crate) policy_digest: String,
    /// The team's custom rules (`.idgate/rules/*.yml` of the base).
    pub(crate) custom_rules: Vec<idgate_rules::custom::CustomRule>,
    /// The `[secrets]` allow-list, without its expired entries.
    pub(crate) secrets: SecretsAllow,
}

/// The policy's `[secrets]` allow-list, ready for the secrets scanner.
#[derive(Default)]
pub(crate) struct SecretsAllow {
    pub(crate) list: idgate_secrets::Allowlist,
    /// The policy entries behind the list's entries, in order: (description, line).
    entries: Vec<(String, usize)>,
    /// Where the policy came from, for messages.
    origin: String,
}

impl SecretsAllow {
    /// Build from the settings as of `now`; an expired entry no longer applies, and says so.
    pub(crate) fn new(settings: &Settings, origin: &str, now: i64) -> Result<SecretsAllow> {
        use idgate_policy::settings::SecretAllowMatch as M;
        use idgate_secrets::AllowEntry;
        let mut live = Vec::new();
        for e in &settings.secrets {
            match e.expires {
                Some(at) if at <= now => eprintln!(
                    "idgate: warning: {origin}, line {}: the [secrets] allow-list entry for {} \
                     expired on {}; it no longer applies",
                    e.line,
                    e.describe(),
                    super::ledger::utc(at - 1).get(..10).unwrap_or_default()
                ),
                _ => live.push(e),
            }
        }
        let entries: Vec<AllowEntry<'_>> = live
            .iter()
            .map(|e| match &e.matches {
                M::Path(g) => AllowEntry::Path(g),
                M::Fingerprint(f) => AllowEntry::Fingerprint(f),
                M::Value(r) => AllowEntry::Value(r),
            })
            .collect();
        let list = idgate_secrets::Allowlist::from_entries(&entries)
            .map_err(|e| anyhow!("bad policy file {origin}: [secrets]: {e}"))?;
        Ok(SecretsAllow {
            list,
            entries: live.iter().map(|e| (e.describe(), e.line)).collect(),
            origin: origin.to_string(),
        })
    }

    /// Warn about entries that allowed nothing (after a whole `scan` or `history`).
    pub(crate) fn warn_unused(&self) {
        for ((what, line), uses) in self.entries.iter().zip(self.list.uses()) {
            if uses == 0 {
                eprintln!(
                    "idgate: warning: {}, line {line}: the [secrets] allow-list entry for {what} \
                     allowed nothing; remove it if it is stale",
                    self.origin
                );
            }
        }
    }
}

pub(crate) fn short(id: ObjectId) -> String {
    id.to_string()[..10].to_string()
}

/// The known rules, for validating rule selectors in the policy.
fn known_rules() -> Vec<(&'static str, &'static str)> {
    idgate_rules::REGISTRY
        .iter()
        .map(|r| (r.code, r.name))
        .collect()
}

/// Parse a policy file's text; every mistake is listed, each with its line.
pub(crate) fn parse_policy_text(text: &str, origin: &str) -> Result<Settings> {
    idgate_policy::options::parse_policy(text, &known_rules()).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow!("bad policy file {origin}: {}", list.join("; "))
    })
}

impl Gate {
    /// Load from the base revision; no base (a patch, a scan) means the built-in policy.
    pub(crate) fn load(repo: Option<&Repo>, base: Option<ObjectId>) -> Result<Gate> {
        let (Some(repo), Some(base)) = (repo, base) else {
            return Ok(Gate::default());
        };
        let mut policy_digest = String::new();
        let origin = format!("{POLICY_PATH} at {}", short(base));
        let settings = match repo.read_file_at(base, POLICY_PATH)? {
            Some(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| anyhow!("bad policy file {origin}: not UTF-8"))?;
                policy_digest = idgate_policy::options::policy_digest(&text);
                parse_policy_text(&text, &origin)?
            }
            None => Settings::default(),
        };
        let mut codeowners = None;
        for path in &settings.codeowners {
            if let Some(bytes) = repo.read_file_at(base, path)? {
                let parsed = parse_codeowners(&String::from_utf8_lossy(&bytes));
                // GitHub ignores a broken CODEOWNERS file; idgate skips only the broken lines and
                // says so, so a typo cannot quietly widen who may approve.
                for (line, problem) in &parsed.problems {
                    eprintln!(
                        "idgate: warning: {path} at {}, line {line}: {problem} (line ignored)",
                        short(base)
                    );
                }
                codeowners = Some(parsed);
                break;
            }
        }
        let secrets = SecretsAllow::new(&settings, &origin, now())?;
        let custom_rules = parse_custom_rules(
            repo.read_dir_at(base, RULES_DIR)?,
            &format!("at {}", short(base)),
        )?;
        Ok(Gate {
            settings,
            codeowners,
            policy_digest,
            secrets,
            custom_rules,
        })
    }

    /// Load from a policy file given on the command line (`scan --policy FILE`).
    pub(crate) fn from_file(path: &std::path::Path) -> Result<Gate> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| anyhow!("cannot read policy {origin}: {e}"))?;
        let text =
            String::from_utf8(bytes).map_err(|_| anyhow!("bad policy file {origin}: not UTF-8"))?;
        let settings = parse_policy_text(&text, &origin)?;
        let secrets = SecretsAllow::new(&settings, &origin, now())?;
        Ok(Gate {
            policy_digest: idgate_policy::options::policy_digest(&text),
            settings,
            codeowners: None,
            secrets,
            custom_rules: Vec::new(),
        })
    }

    /// Principals who may approve: owners of the touched paths, e-mails as written and handles
    /// through the policy's `[owners]`. None without CODEOWNERS.
    fn owners(&self, change: &ChangeSet) -> Option<BTreeSet<String>> {
        let codeowners = self.codeowners.as_ref()?;
        let paths: Vec<&str> = change.files.iter().map(|f| f.path.as_str()).collect();
        let mut principals = BTreeSet::new();
        for owner in codeowners.owners_of_all(&paths) {
            if let Some(mapped) = self.settings.owners.get(&owner) {
                principals.extend(mapped.iter().map(|p| p.to_ascii_lowercase()));
            } else if !owner.starts_with('@') && owner.contains('@') {
                principals.insert(owner.to_ascii_lowercase());
            }
        }
        Some(principals)
    }
}

/// Where a baseline lives in the base revision.
pub(crate) const BASELINE_PATH: &str = ".idgate/baseline.json";

/// A baseline file: the fingerprints of accepted findings.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Baseline {
    pub(crate) version: u32,
    pub(crate) findings: Vec<BaselineEntry>,
}

/// One accepted finding.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct BaselineEntry {
    pub(crate) fingerprint: String,
    pub(crate) rule: String,
    pub(crate) path: String,
}

/// Parse a baseline file into its fingerprints.
pub(crate) fn parse_baseline(text: &str, origin: &str) -> Result<BTreeSet<String>> {
    let b: Baseline = serde_json::from_str(text).map_err(|e| {
        anyhow!(
            "bad baseline {origin}: line {}, column {}: {e}",
            e.line(),
            e.column()
        )
    })?;
    if b.version != 1 {
        return Err(anyhow!(
            "bad baseline {origin}: unsupported version {}",
            b.version
        ));
    }
    Ok(b.findings.into_iter().map(|f| f.fingerprint).collect())
}

/// The signed statements recorded on the head commit.
fn statements(repo: Option<&Repo>, change: &ChangeSet) -> Result<Vec<SignedStatement>> {
    let (Some(repo), Some(head)) = (repo, change.head.as_deref()) else {
        return Ok(Vec::new());
    };
    let head = repo.resolve(head)?;
    let Some(text) = repo.read_note(NOTES_REF, head)? else {
        return Ok(Vec::new());
    };
    let (signed, problems) = approval::parse_note(&text);
    for (line, problem) in problems {
        eprintln!(
            "idgate: warning: {NOTES_REF} on {}, line {line}: {problem} (ignored)",
            short(head)
        );
    }
    Ok(signed)
}

/// Now, in Unix seconds.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Apply the policy, approvals and waivers to the findings and decide.
pub(crate) fn decide(
    gate: &Gate,
    attribution: &Attribution,
    change: &ChangeSet,
    provenance: &[Provenance],
    findings: Vec<Finding>,
    repo: Option<&Repo>,
    scan: bool,
) -> Result<(Vec<Finding>, Verdict)> {
    let now = now();
    let owners = gate.owners(change);
    let signed = statements(repo, change)?;
    let empty = idgate_provenance::allowed_signers::parse_allowed_signers("");
    let signers = attribution.signers.as_ref().unwrap_or(&empty);
    let agent_principals: Vec<String> = attribution
        .settings
        .agent_signers
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    let mut authors: Vec<String> = change
        .commits
        .iter()
        .flat_map(|c| [c.author.email.clone(), c.committer.email.clone()])
        .collect();
    authors.sort();
    authors.dedup();
    let head = change.head.clone().unwrap_or_default();

    // Waivers are checked for signature, owner and change here; their expiry is the engine's, so
    // an expired waiver becomes a finding instead of vanishing: one that failed only because it
    // expired is judged again as of the moment before it expired.
    let waivers: Vec<Waiver> = {
        let cx = |at: i64| ApprovalContext {
            kind: Kind::Waiver,
            digest: &change.digest,
            head: &head,
            fingerprints: &[],
            now: at,
            signers,
            agent_principals: &agent_principals,
            authors: &authors,
            owners: owners.as_ref(),
        };
        let outcomes = approval::evaluate(&signed, &cx(now));
        outcomes
            .into_iter()
            .zip(&signed)
            .filter(|(o, s)| {
                o.counted
                    || s.statement.expires.is_some_and(|e| {
                        e <= now
                            && approval::evaluate(std::slice::from_ref(s), &cx(e - 1))
                                .first()
                                .is_some_and(|o| o.counted)
                    })
            })
            .filter_map(|(_, s)| {
                let w = s.statement.waiver.as_ref()?;
                Some(Waiver {
                    rule: w.rule.clone(),
                    path: w.path.clone(),
                    fingerprint: w.fingerprint.clone(),
                    reason: w.reason.clone(),
                    approver: s.statement.principal.clone(),
                    expires: s.statement.expires.unwrap_or(i64::MIN),
                    source: format!("{NOTES_REF} ({})", s.statement.principal),
                })
            })
            .collect()
    };

    let mut inputs = Inputs {
        settings: &gate.settings,
        change,
        provenance,
        owners: owners.as_ref(),
        approvals: &[],
        waivers: &waivers,
        now,
        scan,
        baseline: &attribution.baseline,
    };
    // First without approvals, to learn which findings an approval must cover.
    let (first, _) = engine::decide(findings.clone(), &inputs);
    let mut fingerprints: Vec<String> = first
        .iter()
        .filter(|f| f.level.counts())
        .map(|f| f.fingerprint.as_str().to_string())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    let cx = ApprovalContext {
        kind: Kind::Approval,
        digest: &change.digest,
        head: &head,
        fingerprints: &fingerprints,
        now,
        signers,
        agent_principals: &agent_principals,
        authors: &authors,
        owners: owners.as_ref(),
    };
    let checks: Vec<ApprovalCheck> = approval::evaluate(&signed, &cx)
        .into_iter()
        .filter(|o| o.kind == Kind::Approval)
        .map(|o| ApprovalCheck {
            principal: o.principal,
            counted: o.counted,
            reason: o.reason,
        })
        .collect();
    inputs.approvals = &checks;
    Ok(engine::decide(findings, &inputs))
}
