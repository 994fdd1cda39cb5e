//! [`Ledger`]: the blocking facade over a store.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::record::{GENESIS, hash_input, hex};
use crate::store::{
    self, AT, Backend, Bind, FILTERED_PAGE, HEAD, INSERT, PAGE, RawRow, SCHEMA_VERSION,
};
use crate::{Error, EvaluationBody, Kind, Record, VerifyReport, canonical};

/// How long an append (or opening a new ledger) keeps retrying while other writers hold the lock.
const RETRY_BUDGET: Duration = Duration::from_secs(120);

/// Records fetched per query by [`Ledger::log`] and [`Ledger::export`].
const PAGE_SIZE: i64 = 1_000;

/// Builds the entries to append from the head `(seq, hash)`, inside the appending transaction.
pub(crate) type MakeEntries<'a> = dyn FnMut(u64, &str) -> Result<Vec<Entry>, Error> + 'a;

/// One record to append: its kind, repository and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the record is about.
    pub kind: Kind,
    /// The repository, as the caller names it (`-` for none).
    pub repository: String,
    /// The payload: a JSON object whose numbers are integers.
    pub body: Value,
}

/// Which records [`Ledger::log`] and [`Ledger::export`] return. Every field that is set must
/// match; the default matches every record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only records about this repository (exact match).
    pub repository: Option<String>,
    /// Only records appended at or after this Unix time.
    pub since: Option<i64>,
    /// Only records appended at or before this Unix time.
    pub until: Option<i64>,
    /// Only evaluations with this verdict (`allow`, `review`, `block`).
    pub verdict: Option<String>,
    /// Only evaluations with a provenance entry naming this agent (ASCII case-insensitive).
    pub agent: Option<String>,
}

impl Filter {
    /// Whether `record` passes the filter.
    pub fn matches(&self, record: &Record) -> bool {
        self.repository
            .as_deref()
            .is_none_or(|r| r == record.repository)
            && self.since.is_none_or(|t| record.time >= t)
            && self.until.is_none_or(|t| record.time <= t)
            && self.verdict.as_deref().is_none_or(|v| {
                record
                    .verdict()
                    .is_some_and(|rv| rv.eq_ignore_ascii_case(v))
            })
            && self
                .agent
                .as_deref()
                .is_none_or(|a| record.agents().iter().any(|ra| ra.eq_ignore_ascii_case(a)))
    }
}

/// How [`Ledger::export`] writes records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One record per line, as [`Record::to_json_line`] writes it: the form an auditor
    /// recomputes hashes from.
    JsonLines,
    /// RFC 4180 CSV with a header: `seq,time,kind,repository,verdict,agents,digest,head,prev,hash,body`
    /// (`agents` joined with `;`, `body` as canonical JSON).
    Csv,
}

/// A hash-chained, append-only ledger in SQLite or PostgreSQL.
///
/// Blocking: each call runs on a current-thread tokio runtime that the ledger owns. One ledger
/// holds one connection; open one per thread or process.
pub struct Ledger {
    /// Always `Some` until dropped: [`Drop`] takes it to close the connection cleanly.
    backend: Option<Backend>,
    runtime: tokio::runtime::Runtime,
}

impl Drop for Ledger {
    fn drop(&mut self) {
        // Closing (rather than dropping) the connection lets SQLite checkpoint its write-ahead
        // log into the database file and remove the `-wal` and `-shm` files, and tells
        // PostgreSQL goodbye.
        if let Some(backend) = self.backend.take() {
            self.runtime.block_on(backend.close());
        }
    }
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("target", &self.target())
            .finish()
    }
}

impl Ledger {
    /// Open the ledger at `url`: `sqlite://PATH` (the file is created if missing; a relative
    /// path is relative to the current directory) or `postgres://USER:PASSWORD@HOST:PORT/DB`
    /// (the tables live in the connection's current schema; `?options[search_path]=NAME` picks
    /// another). The schema is created if missing.
    ///
    /// # Errors
    /// [`Error::BadUrl`], [`Error::Open`], [`Error::Corrupt`] (a SQLite file that is not a
    /// database), [`Error::NewerSchema`] (written by a newer idgate), [`Error::NotALedger`].
    pub fn open(url: &str) -> Result<Ledger, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::Runtime)?;
        let backend = runtime.block_on(Backend::connect(url))?;
        let mut ledger = Ledger {
            backend: Some(backend),
            runtime,
        };
        ledger.retrying(async |b: &mut Backend| b.prepare().await)?;
        let version = ledger.retrying(async |b: &mut Backend| {
            if b.schema_version().await?.is_none() {
                b.create_schema().await?;
            }
            b.schema_version().await
        })?;
        let text = version.unwrap_or_default();
        match text.trim().parse::<u32>() {
            Ok(v) if v > SCHEMA_VERSION => Err(Error::NewerSchema {
                found: v,
                supported: SCHEMA_VERSION,
            }),
            Ok(v) if v >= 1 => Ok(ledger),
            _ => Err(Error::NotALedger {
                target: ledger.target(),
                reason: format!("its schema_version is '{text}'"),
            }),
        }
    }

    /// The store, for messages: the SQLite file or the PostgreSQL URL without its password.
    pub fn target(&self) -> String {
        self.backend
            .as_ref()
            .map(Backend::target)
            .unwrap_or_default()
    }

    /// The open store and the runtime to drive it.
    fn parts(&mut self) -> (&tokio::runtime::Runtime, &mut Backend) {
        let backend = self
            .backend
            .as_mut()
            .expect("the backend is only taken when the ledger is dropped");
        (&self.runtime, backend)
    }

    /// Run `op`, retrying with backoff while it fails with a transient error (another writer
    /// holds the lock, a serialization conflict), for up to [`RETRY_BUDGET`].
    fn retrying<T>(
        &mut self,
        mut op: impl AsyncFnMut(&mut Backend) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            let (runtime, backend) = self.parts();
            let result = runtime.block_on(op(backend));
            match result {
                Err(e) if e.is_transient() && started.elapsed() < RETRY_BUDGET => {
                    std::thread::sleep(backoff(attempt));
                    attempt = attempt.saturating_add(1);
                }
                Err(e) if e.is_transient() => return Err(Error::Busy(Box::new(e))),
                other => return other,
            }
        }
    }

    /// The last record, if any.
    pub fn head(&mut self) -> Result<Option<Record>, Error> {
        let (runtime, backend) = self.parts();
        let rows = runtime.block_on(backend.rows(&HEAD, &[]))?;
        rows.into_iter().next().map(to_record).transpose()
    }

    /// The record at `seq`, if any.
    pub fn record(&mut self, seq: u64) -> Result<Option<Record>, Error> {
        let seq = i64::try_from(seq).unwrap_or(i64::MAX);
        let (runtime, backend) = self.parts();
        let rows = runtime.block_on(backend.rows(&AT, &[Bind::Int(seq)]))?;
        rows.into_iter().next().map(to_record).transpose()
    }

    /// Up to `limit` records after `after` (0 for the first page), in order: for readers that
    /// follow the ledger as it grows.
    pub fn page(&mut self, after: u64, limit: u32) -> Result<Vec<Record>, Error> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let (runtime, backend) = self.parts();
        let rows = runtime
            .block_on(backend.rows(&PAGE, &[Bind::Int(after), Bind::Int(i64::from(limit))]))?;
        rows.into_iter().map(to_record).collect()
    }

    /// Append one record. The head is read and the record inserted in one transaction that
    /// excludes every other appender, so concurrent appenders (threads, processes, CI runners
    /// on one PostgreSQL server) never fork the chain; a process killed mid-append leaves the
    /// ledger as it was.
    ///
    /// # Errors
    /// [`Error::BodyNotObject`] and [`Error::NotInteger`] for bodies that cannot be hashed,
    /// [`Error::Busy`] when the lock could not be had for two minutes, [`Error::Database`].
    pub fn append(&mut self, kind: Kind, repository: &str, body: Value) -> Result<Record, Error> {
        let entry = Entry {
            kind,
            repository: repository.to_string(),
            body,
        };
        let mut records = self.append_batch(std::slice::from_ref(&entry))?;
        Ok(records.pop().expect("one entry appends one record"))
    }

    /// Append an `evaluation` record.
    pub fn append_evaluation(
        &mut self,
        repository: &str,
        body: &EvaluationBody,
    ) -> Result<Record, Error> {
        self.append(Kind::Evaluation, repository, body.to_value())
    }

    /// Append an `approval` or `waiver` record: the signed statement (as JSON) and its
    /// signature (`-----BEGIN SSH SIGNATURE-----` …), as body `{statement, signature}`.
    pub fn append_statement(
        &mut self,
        kind: Kind,
        repository: &str,
        statement: Value,
        signature: String,
    ) -> Result<Record, Error> {
        let body = serde_json::json!({ "statement": statement, "signature": signature });
        self.append(kind, repository, body)
    }

    /// Append several records in one transaction (all or none), in order.
    pub fn append_batch(&mut self, entries: &[Entry]) -> Result<Vec<Record>, Error> {
        for entry in entries {
            if !entry.body.is_object() {
                return Err(Error::BodyNotObject);
            }
            canonical::to_vec(&entry.body)?;
        }
        self.append_with(&mut |_, _| Ok(entries.to_vec()))
    }

    /// Append the entries `make` builds from the current head `(seq, hash)` (0 and
    /// [`GENESIS`] when empty), inside the appending transaction.
    pub(crate) fn append_with(&mut self, make: &mut MakeEntries<'_>) -> Result<Vec<Record>, Error> {
        self.retrying(async |b: &mut Backend| {
            b.in_write_transaction(async |b: &mut Backend| {
                let head = b.rows(&HEAD, &[]).await?;
                let (mut seq, mut prev) = match head.into_iter().next() {
                    Some(row) => (u64::try_from(row.seq).unwrap_or(0), row.hash),
                    None => (0, GENESIS.to_string()),
                };
                let entries = make(seq, &prev)?;
                let time = now();
                let mut records = Vec::with_capacity(entries.len());
                let mut buf = Vec::with_capacity(1024);
                for entry in entries {
                    if !entry.body.is_object() {
                        return Err(Error::BodyNotObject);
                    }
                    seq += 1;
                    hash_input(
                        seq,
                        entry.kind.as_str(),
                        time,
                        &entry.repository,
                        &entry.body,
                        &prev,
                        &mut buf,
                    )?;
                    let hash = hex(&Sha256::digest(&buf));
                    let body_text = String::from_utf8(canonical::to_vec(&entry.body)?)
                        .expect("canonical JSON is UTF-8");
                    b.execute(
                        &INSERT,
                        &[
                            Bind::Int(i64::try_from(seq).map_err(|_| Error::Full)?),
                            Bind::Text(entry.kind.as_str()),
                            Bind::Int(time),
                            Bind::Text(&entry.repository),
                            Bind::Text(&body_text),
                            Bind::Text(&prev),
                            Bind::Text(&hash),
                        ],
                    )
                    .await?;
                    let record = Record {
                        seq,
                        kind: entry.kind,
                        time,
                        repository: entry.repository,
                        body: entry.body,
                        prev: std::mem::replace(&mut prev, hash.clone()),
                        hash,
                    };
                    records.push(record);
                }
                Ok(records)
            })
            .await
        })
    }

    /// Recompute every hash in order, streaming in pages (memory stays bounded), and name the
    /// first record that does not chain. Returns `Ok` with [`VerifyReport::first_bad`] set for
    /// a tampered ledger; `Err` only when the store cannot be read.
    pub fn verify(&mut self) -> Result<VerifyReport, Error> {
        let (runtime, backend) = self.parts();
        runtime.block_on(crate::verify::verify(backend))
    }

    /// Call `each` on every record that passes `filter`, in order, reading in pages.
    fn for_each(
        &mut self,
        filter: &Filter,
        each: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut after: i64 = 0;
        loop {
            let (runtime, backend) = self.parts();
            let rows = runtime.block_on(backend.rows(
                &FILTERED_PAGE,
                &[
                    Bind::Int(after),
                    Bind::OptText(filter.repository.as_deref()),
                    Bind::OptInt(filter.since),
                    Bind::OptInt(filter.until),
                    Bind::Int(PAGE_SIZE),
                ],
            ))?;
            let fetched = rows.len();
            for row in rows {
                after = row.seq;
                let record = to_record(row)?;
                if filter.matches(&record) {
                    each(record)?;
                }
            }
            if fetched < PAGE_SIZE as usize {
                return Ok(());
            }
        }
    }

    /// The records that pass `filter`, in order.
    pub fn log(&mut self, filter: &Filter) -> Result<Vec<Record>, Error> {
        let mut out = Vec::new();
        self.for_each(filter, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Write the records that pass `filter` to `writer`, streaming; returns how many.
    pub fn export(
        &mut self,
        filter: &Filter,
        format: ExportFormat,
        writer: &mut dyn Write,
    ) -> Result<u64, Error> {
        let mut count = 0u64;
        if format == ExportFormat::Csv {
            writer.write_all(
                b"seq,time,kind,repository,verdict,agents,digest,head,prev,hash,body\r\n",
            )?;
        }
        self.for_each(filter, &mut |r| {
            match format {
                ExportFormat::JsonLines => {
                    writer.write_all(r.to_json_line()?.as_bytes())?;
                    writer.write_all(b"\n")?;
                }
                ExportFormat::Csv => writer.write_all(csv_line(&r)?.as_bytes())?,
            }
            count += 1;
            Ok(())
        })?;
        writer.flush()?;
        Ok(count)
    }
}

/// One CSV line for a record, with its CRLF (RFC 4180). Text cells are neutralised against
/// formula injection (see [`csv_cell`]); the body's canonical JSON starts with `{` and never needs
/// it, so hashes can still be recomputed from the `body` column.
fn csv_line(r: &Record) -> Result<String, Error> {
    let change = r.body.get("change");
    let field = |name: &str| {
        change
            .and_then(|c| c.get(name))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let body = String::from_utf8(canonical::to_vec(&r.body)?).expect("canonical JSON is UTF-8");
    let fields = [
        r.seq.to_string(),
        r.time.to_string(),
        csv_cell(r.kind.as_str()),
        csv_cell(&r.repository),
        csv_cell(r.verdict().unwrap_or("")),
        csv_cell(&r.agents().join(";")),
        csv_cell(&field("digest")),
        csv_cell(&field("head")),
        csv_cell(&r.prev),
        csv_cell(&r.hash),
        csv_cell(&body),
    ];
    let mut line = fields.join(",");
    line.push_str("\r\n");
    Ok(line)
}

/// One text cell. A spreadsheet would run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return as a formula (CSV injection, CWE-1236): such a cell gets a leading `'`, which
/// spreadsheets show as text, and is quoted (OWASP's guidance). Cells holding a comma, quote or
/// line break are quoted with quotes doubled.
fn csv_cell(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !formula && !text.contains([',', '"', '\n', '\r']) {
        return text.to_string();
    }
    let mut cell = String::with_capacity(text.len() + 3);
    cell.push('"');
    if formula {
        cell.push('\'');
    }
    cell.push_str(&text.replace('"', "\"\""));
    cell.push('"');
    cell
}

/// A stored row as a record; a row that cannot be read is reported by number.
pub(crate) fn to_record(row: RawRow) -> Result<Record, Error> {
    let seq = row.seq;
    let bad = |reason: String| Error::BadRecord {
        seq: u64::try_from(seq).unwrap_or(0),
        reason,
    };
    let kind = Kind::parse(&row.kind).ok_or_else(|| bad(format!("unknown kind '{}'", row.kind)))?;
    let body: Value =
        serde_json::from_str(&row.body).map_err(|e| bad(format!("its body is not JSON: {e}")))?;
    Ok(Record {
        seq: u64::try_from(seq).map_err(|_| bad("negative seq".into()))?,
        kind,
        time: row.time,
        repository: row.repository,
        body,
        prev: row.prev,
        hash: row.hash,
    })
}

/// Now, Unix seconds.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Exponential backoff from 2 ms to 200 ms, with jitter so that waiting writers spread out.
fn backoff(attempt: u32) -> Duration {
    let base = 2u64 << attempt.min(7);
    let jitter = u64::from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
            ^ std::process::id(),
    ) % base.max(1);
    Duration::from_millis((base + jitter).min(200))
}

impl Error {
    /// Whether retrying may succeed: another writer held the lock, or a conflict.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Error::Database { source, .. } | Error::Open { source, .. } => {
                store::is_transient(source)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_cell;

    #[test]
    fn formula_cells_are_neutralised_and_quoted() {
        for (given, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("+1", "\"'+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("\rx", "\"'\rx\""),
            ("repo-name", "repo-name"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("", ""),
        ] {
            assert_eq!(csv_cell(given), written, "{given:?}");
        }
    }
}
