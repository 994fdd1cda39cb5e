//! The body of an `evaluation` record: what was judged, the verdict, and ids only.

use idgate_core::{ChangeSet, Finding, Provenance, SignatureStatus, Verdict};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The change an evaluation is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRef {
    /// The change set's content digest (SHA-256 over the base and head states).
    pub digest: String,
    /// The resolved base commit, when the source is a repository.
    pub base: Option<String>,
    /// The resolved head commit, when the source is a repository.
    pub head: Option<String>,
}

/// One finding, by id only: never its message, snippet or before/after text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRef {
    /// The finding's stable fingerprint.
    pub fingerprint: String,
    /// The rule code, e.g. `IDG101`.
    pub rule: String,
    /// The category id, e.g. `token-verification`.
    pub category: String,
    /// `note`, `warning` or `error`.
    pub level: String,
}

/// Who made one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvenanceRef {
    /// The commit id.
    pub commit: String,
    /// `agent`, `bot`, `human` or `unknown`.
    pub actor: String,
    /// The agent's (or bot's) name, when known.
    pub agent: Option<String>,
    /// The signature check: `none`, `unverified`, `verified` or `bad`.
    pub signature: String,
}

/// The body of an `evaluation` record.
///
/// It holds ids, fingerprints and levels only. Finding messages, snippets, before/after text and
/// commit messages are left out on purpose: they may quote secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationBody {
    /// The change judged.
    pub change: ChangeRef,
    /// `allow`, `review` or `block`.
    pub verdict: String,
    /// Why, one sentence each, as the policy wrote them.
    pub reasons: Vec<String>,
    /// Every finding of the evaluation, by fingerprint.
    pub findings: Vec<FindingRef>,
    /// The provenance of each commit of the change.
    pub provenance: Vec<ProvenanceRef>,
    /// The digest of the policy that judged the change.
    pub policy_digest: String,
    /// The idgate version that judged it.
    pub tool_version: String,
}

impl EvaluationBody {
    /// The body for a judged change set.
    pub fn new(
        change: &ChangeSet,
        findings: &[Finding],
        provenance: &[Provenance],
        verdict: &Verdict,
        policy_digest: &str,
        tool_version: &str,
    ) -> EvaluationBody {
        EvaluationBody {
            change: ChangeRef {
                digest: change.digest.clone(),
                base: change.base.clone(),
                head: change.head.clone(),
            },
            verdict: verdict.decision.as_str().to_string(),
            reasons: verdict.reasons.clone(),
            findings: findings
                .iter()
                .map(|f| FindingRef {
                    fingerprint: f.fingerprint.as_str().to_string(),
                    rule: f.rule.to_string(),
                    category: f.category.id().to_string(),
                    level: f.level.as_str().to_string(),
                })
                .collect(),
            provenance: provenance
                .iter()
                .map(|p| ProvenanceRef {
                    commit: p.commit.clone(),
                    actor: enum_name(&p.actor),
                    agent: p.agent.clone(),
                    signature: signature_name(p.signature.status).to_string(),
                })
                .collect(),
            policy_digest: policy_digest.to_string(),
            tool_version: tool_version.to_string(),
        }
    }

    /// The body as a JSON object, for [`crate::Ledger::append`].
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("an evaluation body is plain JSON")
    }

    /// Read a body back from a record.
    pub fn from_value(value: &Value) -> Result<EvaluationBody, serde_json::Error> {
        EvaluationBody::deserialize(value)
    }
}

fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => "unknown".to_string(),
    }
}

const fn signature_name(status: SignatureStatus) -> &'static str {
    match status {
        SignatureStatus::None => "none",
        SignatureStatus::Unverified => "unverified",
        SignatureStatus::Verified => "verified",
        SignatureStatus::Bad => "bad",
    }
}

#[cfg(test)]
mod tests {
    use idgate_core::{
        Actor, Category, ChangeSet, ChangeSource, Decision, Finding, Fingerprint, Level,
        Provenance, Severity, SignatureInfo, Verdict,
    };

    use super::EvaluationBody;

    #[test]
    fn holds_ids_only() {
        let secret = "AKIAIOSFODNN7EXAMPLE";
        let change = ChangeSet {
            source: ChangeSource::Patch { name: "-".into() },
            base: None,
            head: Some("b".repeat(40)),
            digest: "d".repeat(64),
            commits: Vec::new(),
            files: Vec::new(),
        };
        let finding = Finding {
            rule: "IDG101",
            name: "pyjwt-verification-disabled",
            category: Category::TokenVerification,
            cwe: vec![347],
            severity: Severity::High,
            level: Level::Error,
            path: "app/auth.py".into(),
            line: 3,
            end_line: 3,
            column: 1,
            old_side: false,
            message: format!("token verified with key {secret}"),
            before: Some(format!("verify=True  # {secret}")),
            after: Some(format!("verify=False  # {secret}")),
            fingerprint: Fingerprint::new("IDG101", "app/auth.py", "verify=False"),
            commit: None,
            attribution: None,
            measure: None,
        };
        let provenance = Provenance {
            commit: "c".repeat(40),
            actor: Actor::Agent,
            agent: Some("claude-code".into()),
            confidence: 0.9,
            evidence: vec![format!("message mentions {secret}")],
            signature: SignatureInfo::none(),
        };
        let verdict = Verdict {
            decision: Decision::Block,
            reasons: vec!["1 error-level finding".into()],
            obligations: Vec::new(),
            approvals: Vec::new(),
            waivers: Vec::new(),
        };
        let body = EvaluationBody::new(
            &change,
            std::slice::from_ref(&finding),
            &[provenance],
            &verdict,
            "p",
            "1.2.3",
        );
        let value = body.to_value();
        let text = value.to_string();
        assert!(!text.contains(secret), "{text}");
        assert_eq!(value["verdict"], "block");
        assert_eq!(value["change"]["base"], serde_json::Value::Null);
        assert_eq!(
            value["findings"][0],
            serde_json::json!({
                "fingerprint": finding.fingerprint.as_str(),
                "rule": "IDG101",
                "category": "token-verification",
                "level": "error",
            })
        );
        assert_eq!(
            value["provenance"][0],
            serde_json::json!({
                "commit": "c".repeat(40),
                "actor": "agent",
                "agent": "claude-code",
                "signature": "none",
            })
        );
        assert_eq!(EvaluationBody::from_value(&value).unwrap(), body);
    }
}
