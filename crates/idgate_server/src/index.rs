//! An in-memory summary of every ledger record, so that listings and the dashboard never scan
//! the database. It follows the ledger as other processes append: each read first compares the
//! ledger's head with what the index has seen and loads only the new records; a head that went
//! backwards or changed (a replaced database) rebuilds the index.

use std::collections::{BTreeSet, HashMap};

use idgate_ledger::{Kind, Ledger, Record};
use serde::Serialize;
use serde_json::Value;

/// Records loaded per query while catching up.
const PAGE: u32 = 2_000;

/// One finding of an evaluation, by id.
#[derive(Debug, Clone, Serialize)]
pub struct FindingSummary {
    /// Rule code.
    pub rule: String,
    /// Category id.
    pub category: String,
    /// `note`, `warning` or `error`.
    pub level: String,
    /// Stable fingerprint.
    pub fingerprint: String,
}

/// Who made one commit of an evaluated change.
#[derive(Debug, Clone, Serialize)]
pub struct ActorSummary {
    /// The commit.
    pub commit: String,
    /// `agent`, `bot`, `human` or `unknown`.
    pub actor: String,
    /// The agent's name, when known.
    pub agent: Option<String>,
}

/// One `evaluation` record, summarised.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Ledger sequence number: the evaluation's id.
    pub seq: u64,
    /// When it was recorded (Unix seconds).
    pub time: i64,
    /// The repository.
    pub repository: String,
    /// `allow`, `review` or `block`.
    pub verdict: String,
    /// The change digest.
    pub digest: String,
    /// The head commit, when the change came from a repository.
    pub head: Option<String>,
    /// The policy's reasons.
    pub reasons: Vec<String>,
    /// Commits and their actors.
    pub provenance: Vec<ActorSummary>,
    /// Findings.
    pub findings: Vec<FindingSummary>,
    /// The change's number in this index: evaluations of one change (repository and digest)
    /// share it.
    #[serde(skip)]
    pub change: u32,
    /// Counting findings per category, by position in [`CATEGORIES`].
    #[serde(skip)]
    pub category_counts: Vec<(u8, u32)>,
}

/// The category ids the index counts, in taxonomy order, then `other` for unknown ids.
pub static CATEGORIES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut ids: Vec<&'static str> = idgate_core::Category::ALL.iter().map(|c| c.id()).collect();
    ids.push("other");
    ids
});

fn category_code(id: &str) -> u8 {
    let other = CATEGORIES.len() - 1;
    u8::try_from(CATEGORIES.iter().position(|c| *c == id).unwrap_or(other)).unwrap_or(u8::MAX)
}

impl Evaluation {
    /// The change's actor class: `agent` if an agent wrote any commit, else `human` when
    /// people wrote every commit, `bot` when bots did, `unknown` otherwise (also for patches,
    /// which carry no commits).
    pub fn actor(&self) -> &'static str {
        let all =
            |a: &str| !self.provenance.is_empty() && self.provenance.iter().all(|p| p.actor == a);
        if self.provenance.iter().any(|p| p.actor == "agent") {
            "agent"
        } else if all("human") {
            "human"
        } else if all("bot") {
            "bot"
        } else {
            "unknown"
        }
    }

    /// Findings that count (warning and error).
    pub fn counting(&self) -> impl Iterator<Item = &FindingSummary> {
        self.findings.iter().filter(|f| f.level != "note")
    }
}

/// One `approval` or `waiver` record, summarised.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// Ledger sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub time: i64,
    /// The repository.
    pub repository: String,
    /// `approval` or `waiver`.
    pub kind: String,
    /// Who signed it.
    pub principal: String,
    /// The change digest it binds.
    pub digest: String,
    /// When it expires, if ever.
    pub expires: Option<i64>,
    /// For waivers: rule, path, fingerprint and reason.
    pub waiver: Option<Value>,
}

/// The summary of the whole ledger.
#[derive(Debug, Default)]
pub struct Index {
    seen: u64,
    head_hash: String,
    /// Evaluations, oldest first.
    pub evaluations: Vec<Evaluation>,
    /// Approvals, oldest first.
    pub approvals: Vec<Statement>,
    /// Waivers, oldest first.
    pub waivers: Vec<Statement>,
    /// Change digests some approval binds.
    pub approved: std::collections::HashSet<String>,
    /// Every repository named by a record, sorted.
    pub repositories: BTreeSet<String>,
    /// Change number of each (repository, digest).
    changes: HashMap<(String, String), u32>,
}

impl Index {
    /// Catch up with the ledger.
    pub fn refresh(&mut self, ledger: &mut Ledger) -> Result<(), idgate_ledger::Error> {
        let Some(head) = ledger.head()? else {
            if self.seen > 0 {
                *self = Index::default();
            }
            return Ok(());
        };
        if self.is_at(Some(&head)) {
            return Ok(());
        }
        if head.seq < self.seen || (head.seq == self.seen && head.hash != self.head_hash) {
            *self = Index::default();
        }
        loop {
            let page = ledger.page(self.seen, PAGE)?;
            let fetched = page.len();
            for record in page {
                self.seen = record.seq;
                self.head_hash.clone_from(&record.hash);
                self.add(record);
            }
            if fetched < PAGE as usize {
                return Ok(());
            }
        }
    }

    /// Whether the index has seen exactly the ledger whose last record is `head`.
    pub fn is_at(&self, head: Option<&Record>) -> bool {
        match head {
            None => self.seen == 0,
            Some(h) => h.seq == self.seen && h.hash == self.head_hash,
        }
    }

    /// How many records the index has seen.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    fn add(&mut self, r: Record) {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
        match r.kind {
            Kind::Evaluation => {
                let b = &r.body;
                let repository = r.repository.clone();
                let digest = text(b.pointer("/change/digest"));
                let next = u32::try_from(self.changes.len()).unwrap_or(u32::MAX);
                let change = *self
                    .changes
                    .entry((repository.clone(), digest.clone()))
                    .or_insert(next);
                self.repositories.insert(repository);
                let list = |name: &str| {
                    b.get(name)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                };
                self.evaluations.push(Evaluation {
                    seq: r.seq,
                    time: r.time,
                    verdict: text(b.get("verdict")),
                    digest,
                    head: b
                        .pointer("/change/head")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    reasons: list("reasons")
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    provenance: list("provenance")
                        .iter()
                        .map(|p| ActorSummary {
                            commit: text(p.get("commit")),
                            actor: text(p.get("actor")),
                            agent: p.get("agent").and_then(Value::as_str).map(str::to_string),
                        })
                        .collect(),
                    findings: list("findings")
                        .iter()
                        .map(|f| FindingSummary {
                            rule: text(f.get("rule")),
                            category: text(f.get("category")),
                            level: text(f.get("level")),
                            fingerprint: text(f.get("fingerprint")),
                        })
                        .collect(),
                    repository: r.repository,
                    change,
                    category_counts: Vec::new(),
                });
                if let Some(e) = self.evaluations.last_mut() {
                    let mut counts: Vec<(u8, u32)> = Vec::new();
                    for f in e.findings.iter().filter(|f| f.level != "note") {
                        let code = category_code(&f.category);
                        match counts.iter_mut().find(|(c, _)| *c == code) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((code, 1)),
                        }
                    }
                    e.category_counts = counts;
                }
            }
            Kind::Approval | Kind::Waiver => {
                let s = r.body.get("statement").cloned().unwrap_or(Value::Null);
                let statement = Statement {
                    seq: r.seq,
                    time: r.time,
                    repository: r.repository,
                    kind: r.kind.as_str().to_string(),
                    principal: text(s.get("principal")),
                    digest: text(s.pointer("/change/digest")),
                    expires: s.get("expires").and_then(Value::as_i64),
                    waiver: s.get("waiver").filter(|w| !w.is_null()).cloned(),
                };
                self.repositories.insert(statement.repository.clone());
                if r.kind == Kind::Approval {
                    self.approved.insert(statement.digest.clone());
                    self.approvals.push(statement);
                } else {
                    self.waivers.push(statement);
                }
            }
            Kind::Seal => {}
        }
    }

    /// Evaluations still waiting for a person: the newest evaluation of each change (repository
    /// and digest) whose verdict is `review` and that no approval binds. Newest first; `keep`
    /// narrows the evaluations considered.
    pub fn open_reviews(&self, keep: impl Fn(&Evaluation) -> bool) -> Vec<&Evaluation> {
        let mut seen = vec![false; self.changes.len()];
        let mut out = Vec::new();
        for e in self.evaluations.iter().rev() {
            let n = e.change as usize;
            if seen.get(n).copied().unwrap_or(true) {
                continue;
            }
            seen[n] = true;
            if e.verdict == "review" && keep(e) && !self.approved.contains(&e.digest) {
                out.push(e);
            }
        }
        out
    }
}
