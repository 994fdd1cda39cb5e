//! `verify`: recompute every hash in order and name the first record that does not chain.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Error;
use crate::record::{GENESIS, hash_input, hex};
use crate::store::{Backend, Bind, PAGE, RawRow, SEQ_WITH_HASH, SEQ_WITH_PREV};

/// Records fetched per query while verifying: memory stays bounded whatever the ledger's size.
const PAGE_SIZE: i64 = 2_000;

/// How far from its place a moved record is looked for.
const SEARCH_WINDOW: i64 = 64;

/// What is wrong with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum Problem {
    /// The stored hash does not match the record's content: the record was edited after it was
    /// appended (or its content cannot be read).
    Edited,
    /// Records are missing here: `count` sequence numbers are absent, or the following records
    /// were renumbered to close the gap.
    Deleted {
        /// How many records are missing.
        count: u64,
    },
    /// Records that were never appended through the chain sit here: the record after them was
    /// written `count` places earlier, or chains to the record before them.
    Inserted {
        /// How many records were inserted.
        count: u64,
    },
    /// The record was written at another position and moved here.
    Reordered {
        /// The position it was written at.
        original: u64,
    },
    /// The record's content is intact but its `prev` is not the previous record's hash: the
    /// previous record was replaced (with a recomputed hash), or this one was forged.
    BrokenLink,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Edited => f.write_str("edited"),
            Problem::Deleted { count } => write!(f, "deleted ({count} missing)"),
            Problem::Inserted { count } => write!(f, "inserted ({count} record(s))"),
            Problem::Reordered { original } => {
                write!(f, "reordered (written as record {original})")
            }
            Problem::BrokenLink => f.write_str("broken link"),
        }
    }
}

/// The first record that does not verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRecord {
    /// Its sequence number (for deletions, the first missing one).
    pub seq: u64,
    /// What is wrong.
    #[serde(flatten)]
    pub problem: Problem,
    /// The evidence, in words.
    pub detail: String,
}

impl std::fmt::Display for BadRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "record {}: {}: {}", self.seq, self.problem, self.detail)
    }
}

/// The outcome of [`crate::Ledger::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Records that verified, from the first on.
    pub records: u64,
    /// The last record that verified (0 when none did).
    pub head_seq: u64,
    /// Its hash ([`GENESIS`] when none did).
    pub head_hash: String,
    /// The first bad record, if any; verification stops there.
    pub first_bad: Option<BadRecord>,
}

impl VerifyReport {
    /// Whether every record chains.
    pub fn is_intact(&self) -> bool {
        self.first_bad.is_none()
    }
}

/// The hash a stored row would have at position `seq`, if its body can be read.
fn hash_at(row: &RawRow, body: &Value, seq: i64, buf: &mut Vec<u8>) -> Option<String> {
    let seq = u64::try_from(seq).ok()?;
    hash_input(
        seq,
        &row.kind,
        row.time,
        &row.repository,
        body,
        &row.prev,
        buf,
    )
    .ok()?;
    Some(hex(&Sha256::digest(&*buf)))
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Verify the whole chain of `backend`, page by page.
pub(crate) async fn verify(backend: &mut Backend) -> Result<VerifyReport, Error> {
    let mut report = VerifyReport {
        records: 0,
        head_seq: 0,
        head_hash: GENESIS.to_string(),
        first_bad: None,
    };
    let mut buf = Vec::with_capacity(1024);
    let mut expected: i64 = 1;
    loop {
        let rows = backend
            .rows(&PAGE, &[Bind::Int(expected - 1), Bind::Int(PAGE_SIZE)])
            .await?;
        let fetched = rows.len();
        for row in rows {
            if let Some(bad) = check(backend, &row, expected, &report.head_hash, &mut buf).await? {
                report.first_bad = Some(bad);
                return Ok(report);
            }
            report.records += 1;
            report.head_seq = u64::try_from(row.seq).unwrap_or(0);
            report.head_hash = row.hash;
            expected += 1;
        }
        if fetched < PAGE_SIZE as usize {
            return Ok(report);
        }
    }
}

/// Check one row against its expected position and predecessor hash.
async fn check(
    backend: &mut Backend,
    row: &RawRow,
    expected: i64,
    prev: &str,
    buf: &mut Vec<u8>,
) -> Result<Option<BadRecord>, Error> {
    let as_seq = |n: i64| u64::try_from(n).unwrap_or(0);
    if row.seq != expected {
        let count = as_seq(row.seq - expected);
        return Ok(Some(BadRecord {
            seq: as_seq(expected),
            problem: Problem::Deleted { count },
            detail: format!(
                "record {expected} is missing: the next record is {}",
                row.seq
            ),
        }));
    }
    let body: Option<Value> = serde_json::from_str(&row.body).ok();
    let Some(body) = body.filter(Value::is_object) else {
        return Ok(Some(BadRecord {
            seq: as_seq(row.seq),
            problem: Problem::Edited,
            detail: "its body is not a JSON object".to_string(),
        }));
    };
    if crate::Kind::parse(&row.kind).is_none() {
        return Ok(Some(BadRecord {
            seq: as_seq(row.seq),
            problem: Problem::Edited,
            detail: format!("unknown kind '{}'", row.kind),
        }));
    }
    let computed = hash_at(row, &body, row.seq, buf);
    if computed.as_deref() != Some(row.hash.as_str()) {
        return diagnose_moved(backend, row, &body, computed, buf)
            .await
            .map(Some);
    }
    if row.prev != prev {
        let k = row.seq;
        let p = backend
            .int(&SEQ_WITH_HASH, &[Bind::Text(&row.prev)])
            .await?;
        if let Some(p) = p.filter(|p| *p < k - 1) {
            return Ok(Some(BadRecord {
                seq: as_seq(p + 1),
                problem: Problem::Inserted {
                    count: as_seq(k - 1 - p),
                },
                detail: format!(
                    "record {k} chains to record {p}: the records between were inserted"
                ),
            }));
        }
        return Ok(Some(BadRecord {
            seq: as_seq(k),
            problem: Problem::BrokenLink,
            detail: format!(
                "its prev {} is not the hash of record {} ({}): record {} was replaced or this one forged",
                short(&row.prev),
                k - 1,
                short(prev),
                k - 1
            ),
        }));
    }
    Ok(None)
}

/// A row whose content does not hash to its stored hash at its position: find whether it was
/// written at another position (moved, or shifted by insertions or deletions), else it was
/// edited.
async fn diagnose_moved(
    backend: &mut Backend,
    row: &RawRow,
    body: &Value,
    computed: Option<String>,
    buf: &mut Vec<u8>,
) -> Result<BadRecord, Error> {
    let k = row.seq;
    let as_seq = |n: i64| u64::try_from(n).unwrap_or(0);
    let predecessor = backend
        .int(&SEQ_WITH_HASH, &[Bind::Text(&row.prev)])
        .await?;
    let successor = backend
        .int(&SEQ_WITH_PREV, &[Bind::Text(&row.hash)])
        .await?;
    let near = (k - SEARCH_WINDOW).max(1)..=k + SEARCH_WINDOW;
    let candidates = predecessor
        .map(|p| p + 1)
        .into_iter()
        .chain(successor.map(|m| m - 1))
        .chain(near);
    let original = candidates
        .filter(|j| *j != k && *j >= 1)
        .find(|j| hash_at(row, body, *j, buf).as_deref() == Some(row.hash.as_str()));
    Ok(match original {
        Some(j) if j < k => BadRecord {
            seq: as_seq(j),
            problem: Problem::Inserted {
                count: as_seq(k - j),
            },
            detail: format!(
                "record {k} was written as record {j}: the {} record(s) before it were inserted",
                k - j
            ),
        },
        Some(j) if predecessor.is_some() => BadRecord {
            seq: as_seq(k),
            problem: Problem::Reordered {
                original: as_seq(j),
            },
            detail: format!("record {k} was written as record {j}"),
        },
        Some(j) => BadRecord {
            seq: as_seq(k),
            problem: Problem::Deleted {
                count: as_seq(j - k),
            },
            detail: format!(
                "record {k} was written as record {j}: the {} record(s) before it were deleted and the rest renumbered",
                j - k
            ),
        },
        None => BadRecord {
            seq: as_seq(k),
            problem: Problem::Edited,
            detail: format!(
                "its stored hash {} does not match its content ({})",
                short(&row.hash),
                computed.as_deref().map_or("unreadable", short)
            ),
        },
    })
}
