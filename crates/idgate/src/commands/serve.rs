//! `idgate serve`: the HTTP API and dashboard of `idgate_server`, with this binary's pipeline
//! as the engine that judges posted changes.

use std::sync::Arc;

use anyhow::{Context, Result};
use idgate_git::{Limits, Repo};
use idgate_ledger::EvaluationBody;
use idgate_report::Report;
use idgate_rules::Mode;
use idgate_server::{ChangeRequest, Engine, EngineError, Evaluated, Repository};

use crate::cli::{AttributionArgs, ServeArgs};

/// Judges changes exactly as `idgate check` does.
struct CheckEngine;

impl CheckEngine {
    fn judge(repository: &Repository, change: &ChangeRequest) -> Result<Evaluated> {
        let limits = Limits::default();
        let repo = Repo::open(&repository.path, limits)
            .with_context(|| format!("cannot open repository '{}'", repository.name))?;
        let no_flags = AttributionArgs {
            branch: None,
            allowed_signers: None,
            agent_trace: None,
        };
        let (change, with_repo) = match change {
            ChangeRequest::Patch { text } => (
                idgate_git::from_patch("posted patch", text.as_bytes(), &limits)?,
                false,
            ),
            ChangeRequest::Range { base, head } => (repo.range(Some(base.as_str()), head)?, true),
        };
        // A posted patch is judged by the policy of the repository's HEAD, like a staged change.
        let attribution = super::check::repo_attribution(&repo, &change, &no_flags, None, true)?;
        let repo_ref = with_repo.then_some(&repo);
        let (provenance, findings, verdict) =
            super::check::evaluate(&change, Mode::Check, &attribution, repo_ref)?;
        let policy_digest = &attribution.gate.policy_digest;
        let report = Report {
            command: "check",
            version: env!("CARGO_PKG_VERSION"),
            change: &change,
            provenance: &provenance,
            findings: &findings,
            verdict: &verdict,
            policy_digest,
        };
        Ok(Evaluated {
            body: EvaluationBody::new(
                &change,
                &findings,
                &provenance,
                &verdict,
                policy_digest,
                env!("CARGO_PKG_VERSION"),
            ),
            report: serde_json::from_str(&idgate_report::json::render(&report))?,
            html: idgate_report::html::render(&report),
        })
    }
}

impl Engine for CheckEngine {
    fn evaluate(
        &self,
        repository: &Repository,
        change: &ChangeRequest,
    ) -> Result<Evaluated, EngineError> {
        CheckEngine::judge(repository, change).map_err(|e| EngineError(crate::one_line(&e)))
    }
}

pub(crate) fn serve(args: &ServeArgs) -> Result<u8> {
    let config = match &args.config {
        Some(path) => idgate_server::Config::load(path)?,
        None => idgate_server::Config::default(),
    };
    if config.tokens.is_empty() && !config.server.open_read {
        eprintln!(
            "idgate serve: warning: no [[token]] configured and open_read is off: every request will be refused (see --config)"
        );
    }
    let url = args
        .ledger
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| config.server.ledger.clone())
        .unwrap_or_else(|| super::ledger::DEFAULT_LEDGER.to_string());
    let app = idgate_server::App::new(config, &url, Some(Arc::new(CheckEngine)))
        .context("cannot start the server")?;
    idgate_server::run(&args.listen, app, |addr| {
        eprintln!("idgate serve: listening on http://{addr}");
    })
    .with_context(|| format!("cannot serve on {}", args.listen))?;
    Ok(0)
}
