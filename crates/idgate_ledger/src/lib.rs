//! idgate's ledger: a tamper-evident, append-only, hash-chained record of every evaluation,
//! approval and waiver, in SQLite (the default: no server to run) or PostgreSQL (one ledger
//! shared by many CI runners).
//!
//! # Records
//!
//! Each [`Record`] has `seq` (1, 2, 3, …), `kind` (`evaluation`, `approval`, `waiver`, `seal`),
//! `time` (Unix seconds when appended), `repository` (as the caller names it; `-` for none),
//! `body` (a JSON object: the kind's payload), `prev` (the previous record's `hash`; 64 zeros
//! for the first) and `hash`.
//!
//! - `evaluation`: [`EvaluationBody`] — the change (`digest`, `base`, `head`), `verdict`,
//!   `reasons`, `findings` (`fingerprint`, `rule`, `category`, `level`), `provenance`
//!   (`commit`, `actor`, `agent`, `signature`), `policy_digest`, `tool_version`. Never finding
//!   messages, snippets or before/after text: they may quote secrets.
//! - `approval`, `waiver`: `{statement, signature}`, the signed statement as JSON and its
//!   sshsig signature ([`Ledger::append_statement`]).
//! - `seal`: [`SealBody`] — a signature over the head ([`Ledger::seal`]).
//!
//! # The hash, for auditors
//!
//! `hash` is the lowercase hex SHA-256 of the **canonical JSON** of the object
//! `{"body", "kind", "prev", "repository", "seq", "time"}` (the record without `hash`):
//!
//! - object keys sorted by Unicode code point (at every level), no whitespace at all;
//! - strings escaped minimally: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other characters
//!   below U+0020 as `\u00xx` (lowercase hex); everything else, including non-ASCII, as UTF-8;
//! - numbers are integers only (bodies with fractions are refused), in plain decimal.
//!
//! That is exactly what Python's `json.dumps(obj, sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False)` writes for these values. `idgate ledger export --format jsonl` writes
//! one record per line in the same canonical form (with `hash`), so a chain can be checked
//! with no idgate at all:
//!
//! ```text
//! python3 - ledger.jsonl <<'EOF'
//! import hashlib, json, sys
//! prev = "0" * 64
//! for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
//!     r = json.loads(line)
//!     h = r.pop("hash")
//!     c = json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
//!     assert r["seq"] == n and r["prev"] == prev, f"record {n} does not chain"
//!     assert hashlib.sha256(c.encode()).hexdigest() == h, f"record {n} was edited"
//!     prev = h
//! print("intact:", n, "records, head", prev)
//! EOF
//! ```
//!
//! # Appending, concurrency, crashes
//!
//! [`Ledger::append`] reads the head and inserts the next record in one transaction that
//! excludes every other appender: SQLite `BEGIN IMMEDIATE` (write-ahead log, `synchronous =
//! FULL`, a 5 s busy timeout), PostgreSQL `pg_advisory_xact_lock` plus the primary key on `seq`.
//! Busy and conflict errors are retried with backoff for up to two minutes, so concurrent
//! appenders never fork the chain. A process killed mid-append leaves the ledger as it was:
//! the transaction is atomic.
//!
//! # Verifying
//!
//! [`Ledger::verify`] recomputes every hash in `seq` order, a page at a time, and names the
//! first bad record ([`BadRecord`]) with what happened ([`Problem`]): edited (the hash does not
//! match), deleted (a gap, or later records renumbered), inserted (records that the chain skips),
//! reordered (a record written at another position), or a broken link. Deleting records at the
//! end, or rewriting the whole chain with recomputed hashes, cannot be seen from inside: that is
//! what seals are for.
//!
//! # Seals, for auditors
//!
//! [`Ledger::seal`] appends a `seal` record whose body holds `head_seq`, `head_hash` and an
//! sshsig signature (namespace `idgate-ledger-seal`, SHA-512) over the 32 bytes of `head_hash`.
//! Publish the seal's JSON line where the database's operators cannot change it. To check a
//! published seal against a ledger export, with OpenSSH alone:
//!
//! ```text
//! # the seal's body fields, from the published line
//! jq -r .body.signature seal.json > seal.sig
//! echo "auditor@example.com $(cat signer.pub)" > allowed_signers
//! jq -r .body.head_hash seal.json | xxd -r -p |
//!   ssh-keygen -Y verify -f allowed_signers -I auditor@example.com -n idgate-ledger-seal -s seal.sig
//! # then: the export's record head_seq must have hash head_hash, and the chain must verify
//! # up to it (the Python above); anything else means the store was rewritten
//! ```
//!
//! In Rust, [`verify_seal`] checks the signature and [`Ledger::check_seal`] also checks that the
//! ledger still holds the sealed record with the sealed hash.
//!
//! # Stores and schema
//!
//! [`Ledger::open`] takes `sqlite://PATH` or `postgres://…`. Both hold two tables: `records`
//! (`seq` primary key, `kind`, `time`, `repository`, `body` as canonical JSON text, `prev`,
//! `hash`) and `meta` (`key`, `value`; `schema_version` is [`SCHEMA_VERSION`]). A ledger written
//! by a newer idgate is refused ([`Error::NewerSchema`]) rather than misread. In PostgreSQL
//! the tables live in the connection's current schema: give idgate its own database or schema.
//! Keep a SQLite ledger on a local disk (write-ahead logging needs shared memory).
//!
//! # Speed
//!
//! Measured with `cargo run --release -p idgate_ledger --example ledger_bench -- 1000000 2000
//! postgres://…` on the project's 2-core machine, two runs (records with an evaluation body of
//! about 900 bytes: three findings, two commits):
//!
//! | what | figure |
//! |---|---|
//! | SQLite, one writer, one transaction per append (`synchronous = FULL`) | 3,700–4,200 appends/s |
//! | SQLite, batches of 10,000 ([`Ledger::append_batch`]) | 13,600–14,100 records/s |
//! | SQLite, [`Ledger::verify`] of 1,000,000 records (a 1.4 GB file) | 5.9–8.0 s |
//! | PostgreSQL 15 on localhost, one writer, one transaction per append | 2,200–2,400 appends/s |
//! | 8 processes appending 200 records each to one SQLite file (the test) | 1,600 in about 0.5 s |

mod canonical;
mod evaluation;
mod ledger;
mod record;
mod seal;
mod store;
mod verify;

use std::path::PathBuf;

pub use evaluation::{ChangeRef, EvaluationBody, FindingRef, ProvenanceRef};
pub use ledger::{Entry, ExportFormat, Filter, Ledger};
pub use record::{GENESIS, Kind, Record};
pub use seal::{SEAL_NAMESPACE, SealBody, verify_seal};
pub use ssh_key::PublicKey;
pub use store::SCHEMA_VERSION;
pub use verify::{BadRecord, Problem, VerifyReport};

/// Why a ledger operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The URL is neither `sqlite://PATH` nor `postgres://…` (any password is redacted).
    #[error(
        "bad ledger URL '{0}': expected sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB"
    )]
    BadUrl(String),
    /// The store could not be opened or reached.
    #[error("cannot open ledger {target}")]
    Open {
        /// The SQLite file or PostgreSQL URL (without password).
        target: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// The SQLite file is corrupt or not a database at all.
    #[error("ledger file {path} is corrupt or not a SQLite database")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: sqlx::Error,
    },
    /// The ledger was written by a newer idgate.
    #[error("ledger schema {found} is newer than this idgate ({supported}); upgrade idgate")]
    NewerSchema {
        /// The ledger's schema version.
        found: u32,
        /// The newest this build understands.
        supported: u32,
    },
    /// The store has tables of that name but is not an idgate ledger.
    #[error("{target} is not an idgate ledger: {reason}")]
    NotALedger {
        /// The store.
        target: String,
        /// What is wrong.
        reason: String,
    },
    /// A query failed.
    #[error("ledger {target}")]
    Database {
        /// The store.
        target: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// The PostgreSQL server closed the connection or went away (shut down, restarted, the
    /// backend terminated by an administrator). A transaction that had not committed is rolled
    /// back by the server, so an append cut off before its COMMIT leaves no record.
    #[error(
        "lost the connection to ledger {target} (the server closed it or went away); an append that had not reached its COMMIT was rolled back by the server"
    )]
    ConnectionLost {
        /// The store.
        target: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// Other writers held the ledger's lock for longer than the retry budget.
    #[error("the ledger stayed busy (other writers held it) for two minutes")]
    Busy(#[source] Box<Error>),
    /// A stored record cannot be read (`verify` tells more).
    #[error("ledger record {seq} cannot be read: {reason}")]
    BadRecord {
        /// Its sequence number.
        seq: u64,
        /// What is wrong.
        reason: String,
    },
    /// A record body must be a JSON object.
    #[error("a ledger record body must be a JSON object")]
    BodyNotObject,
    /// A record body holds a number that is not an integer (the canonical encoding has none).
    #[error("a ledger record body may hold integers only, not {0}")]
    NotInteger(String),
    /// The sequence numbers ran out (2^63 records).
    #[error("the ledger is full")]
    Full,
    /// There is nothing to seal.
    #[error("nothing to seal: the ledger is empty")]
    Empty,
    /// The seal key cannot be read.
    #[error("cannot read the SSH key")]
    Key(#[source] ssh_key::Error),
    /// The seal key is passphrase-protected.
    #[error("the SSH key is passphrase-protected; use an unencrypted key")]
    EncryptedKey,
    /// Signing failed.
    #[error("cannot sign the seal")]
    Sign(#[source] ssh_key::Error),
    /// The record given as a seal is of another kind.
    #[error("record {0} is not a seal")]
    NotASeal(u64),
    /// The seal's signature does not verify with the key given.
    #[error("the seal's signature does not verify")]
    SealSignature(#[source] ssh_key::Error),
    /// The seal does not match itself or the ledger.
    #[error("seal mismatch: {0}")]
    SealMismatch(String),
    /// Writing an export failed.
    #[error("cannot write the export")]
    Io(#[from] std::io::Error),
    /// The async runtime could not start.
    #[error("cannot start the ledger's runtime")]
    Runtime(#[source] std::io::Error),
}
