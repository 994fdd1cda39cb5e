//! The two stores behind [`crate::Ledger`]: SQLite and PostgreSQL, with the same schema.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgRow};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteRow, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Row};

use crate::Error;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

/// How long SQLite waits for another writer's lock before an attempt fails (and is retried).
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first key of the PostgreSQL advisory lock that serialises appenders; the second is the
/// hash of the current schema, so ledgers in different schemas do not wait for each other.
const PG_LOCK_KEY: i32 = 0x1d6a_7e01;

/// One SQL statement in both dialects.
pub(crate) struct Sql {
    sqlite: &'static str,
    pg: &'static str,
}

macro_rules! sql {
    ($sqlite:expr, $pg:expr) => {
        Sql {
            sqlite: $sqlite,
            pg: $pg,
        }
    };
}

pub(crate) const META_EXISTS: Sql = sql!(
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'meta'"
);
pub(crate) const READ_VERSION: Sql = sql!(
    "SELECT value FROM meta WHERE key = 'schema_version'",
    "SELECT value FROM meta WHERE key = 'schema_version'"
);
const CREATE_META: Sql = sql!(
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
);
const CREATE_RECORDS: Sql = sql!(
    "CREATE TABLE IF NOT EXISTS records (
        seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
        kind TEXT NOT NULL,
        time INTEGER NOT NULL,
        repository TEXT NOT NULL,
        body TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS records (
        seq BIGINT PRIMARY KEY CHECK (seq >= 1),
        kind TEXT NOT NULL,
        time BIGINT NOT NULL,
        repository TEXT NOT NULL,
        body TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL)"
);
const INSERT_VERSION: Sql = sql!(
    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1) ON CONFLICT (key) DO NOTHING",
    "INSERT INTO meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO NOTHING"
);
pub(crate) const HEAD: Sql = sql!(
    "SELECT seq, kind, time, repository, body, prev, hash FROM records ORDER BY seq DESC LIMIT 1",
    "SELECT seq, kind, time, repository, body, prev, hash FROM records ORDER BY seq DESC LIMIT 1"
);
pub(crate) const INSERT: Sql = sql!(
    "INSERT INTO records (seq, kind, time, repository, body, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO records (seq, kind, time, repository, body, prev, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)"
);
pub(crate) const PAGE: Sql = sql!(
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq > $1 ORDER BY seq LIMIT $2"
);
pub(crate) const FILTERED_PAGE: Sql = sql!(
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq > ?1
        AND (?2 IS NULL OR repository = ?2) AND (?3 IS NULL OR time >= ?3)
        AND (?4 IS NULL OR time <= ?4) ORDER BY seq LIMIT ?5",
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq > $1
        AND ($2::TEXT IS NULL OR repository = $2) AND ($3::BIGINT IS NULL OR time >= $3)
        AND ($4::BIGINT IS NULL OR time <= $4) ORDER BY seq LIMIT $5"
);
pub(crate) const AT: Sql = sql!(
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq = ?1",
    "SELECT seq, kind, time, repository, body, prev, hash FROM records WHERE seq = $1"
);
pub(crate) const SEQ_WITH_PREV: Sql = sql!(
    "SELECT seq FROM records WHERE prev = ?1 ORDER BY seq LIMIT 1",
    "SELECT seq FROM records WHERE prev = $1 ORDER BY seq LIMIT 1"
);
pub(crate) const SEQ_WITH_HASH: Sql = sql!(
    "SELECT seq FROM records WHERE hash = ?1 ORDER BY seq LIMIT 1",
    "SELECT seq FROM records WHERE hash = $1 ORDER BY seq LIMIT 1"
);

/// A value bound to a statement parameter.
pub(crate) enum Bind<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Text(&'a str),
    OptText(Option<&'a str>),
}

macro_rules! bound {
    ($db:ty, $sql:expr, $binds:expr) => {{
        let mut q = sqlx::query::<$db>($sql);
        for b in $binds {
            q = match b {
                Bind::Int(v) => q.bind(*v),
                Bind::OptInt(v) => q.bind(*v),
                Bind::Text(v) => q.bind(*v),
                Bind::OptText(v) => q.bind(*v),
            };
        }
        q
    }};
}

/// A record as stored, before it is checked.
#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    pub(crate) seq: i64,
    pub(crate) kind: String,
    pub(crate) time: i64,
    pub(crate) repository: String,
    pub(crate) body: String,
    pub(crate) prev: String,
    pub(crate) hash: String,
}

fn raw_sqlite(row: &SqliteRow) -> Result<RawRow, sqlx::Error> {
    Ok(RawRow {
        seq: row.try_get(0)?,
        kind: row.try_get(1)?,
        time: row.try_get(2)?,
        repository: row.try_get(3)?,
        body: row.try_get(4)?,
        prev: row.try_get(5)?,
        hash: row.try_get(6)?,
    })
}

fn raw_pg(row: &PgRow) -> Result<RawRow, sqlx::Error> {
    Ok(RawRow {
        seq: row.try_get(0)?,
        kind: row.try_get(1)?,
        time: row.try_get(2)?,
        repository: row.try_get(3)?,
        body: row.try_get(4)?,
        prev: row.try_get(5)?,
        hash: row.try_get(6)?,
    })
}

/// An open store.
pub(crate) enum Backend {
    Sqlite {
        conn: SqliteConnection,
        path: PathBuf,
    },
    Postgres {
        conn: PgConnection,
        /// The URL without its password, for messages.
        target: String,
    },
}

impl Backend {
    /// Connect to `url` (`sqlite://PATH` or `postgres://…`); the schema is not touched.
    pub(crate) async fn connect(url: &str) -> Result<Backend, Error> {
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if rest.is_empty() {
                return Err(Error::BadUrl(url.to_string()));
            }
            let path = PathBuf::from(rest);
            let options = SqliteConnectOptions::new()
                .filename(&path)
                .create_if_missing(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .synchronous(SqliteSynchronous::Full);
            let conn = options
                .connect()
                .await
                .map_err(|e| sqlite_error(&path, e, true))?;
            Ok(Backend::Sqlite { conn, path })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options =
                PgConnectOptions::from_str(url).map_err(|_| Error::BadUrl(redact(url)))?;
            let target = format!(
                "postgres://{}@{}:{}/{}",
                options.get_username(),
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or("")
            );
            let conn = options.connect().await.map_err(|source| Error::Open {
                target: target.clone(),
                source,
            })?;
            Ok(Backend::Postgres { conn, target })
        } else {
            Err(Error::BadUrl(redact(url)))
        }
    }

    /// The store, for messages: the SQLite file, or the PostgreSQL URL without its password.
    pub(crate) fn target(&self) -> String {
        match self {
            Backend::Sqlite { path, .. } => path.display().to_string(),
            Backend::Postgres { target, .. } => target.clone(),
        }
    }

    /// Our error for a database error of this store.
    pub(crate) fn err(&self, source: sqlx::Error) -> Error {
        match self {
            Backend::Sqlite { path, .. } => sqlite_error(path, source, false),
            Backend::Postgres { target, .. } if connection_lost(&source) => Error::ConnectionLost {
                target: target.clone(),
                source,
            },
            Backend::Postgres { target, .. } => Error::Database {
                target: target.clone(),
                source,
            },
        }
    }

    /// Run a statement that returns no rows.
    pub(crate) async fn execute(&mut self, sql: &Sql, binds: &[Bind<'_>]) -> Result<u64, Error> {
        let result = match self {
            Backend::Sqlite { conn, .. } => bound!(sqlx::Sqlite, sql.sqlite, binds)
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected()),
            Backend::Postgres { conn, .. } => bound!(sqlx::Postgres, sql.pg, binds)
                .execute(&mut *conn)
                .await
                .map(|r| r.rows_affected()),
        };
        result.map_err(|e| self.err(e))
    }

    /// Run a query for records.
    pub(crate) async fn rows(
        &mut self,
        sql: &Sql,
        binds: &[Bind<'_>],
    ) -> Result<Vec<RawRow>, Error> {
        let result = match self {
            Backend::Sqlite { conn, .. } => bound!(sqlx::Sqlite, sql.sqlite, binds)
                .fetch_all(&mut *conn)
                .await
                .and_then(|rows| rows.iter().map(raw_sqlite).collect()),
            Backend::Postgres { conn, .. } => bound!(sqlx::Postgres, sql.pg, binds)
                .fetch_all(&mut *conn)
                .await
                .and_then(|rows| rows.iter().map(raw_pg).collect()),
        };
        result.map_err(|e| self.err(e))
    }

    /// Run a query for one integer (the first column of the first row).
    pub(crate) async fn int(
        &mut self,
        sql: &Sql,
        binds: &[Bind<'_>],
    ) -> Result<Option<i64>, Error> {
        self.scalar::<i64>(sql, binds).await
    }

    /// Run a query for one string (the first column of the first row).
    pub(crate) async fn text(
        &mut self,
        sql: &Sql,
        binds: &[Bind<'_>],
    ) -> Result<Option<String>, Error> {
        self.scalar::<String>(sql, binds).await
    }

    /// Run a query for one value (the first column of the first row), on either backend.
    async fn scalar<T>(&mut self, sql: &Sql, binds: &[Bind<'_>]) -> Result<Option<T>, Error>
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'r> sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>
            + Send
            + Unpin,
    {
        let result = match self {
            Backend::Sqlite { conn, .. } => bound!(sqlx::Sqlite, sql.sqlite, binds)
                .fetch_optional(&mut *conn)
                .await
                .and_then(|row| row.map(|r| r.try_get::<T, _>(0)).transpose()),
            Backend::Postgres { conn, .. } => bound!(sqlx::Postgres, sql.pg, binds)
                .fetch_optional(&mut *conn)
                .await
                .and_then(|row| row.map(|r| r.try_get::<T, _>(0)).transpose()),
        };
        result.map_err(|e| self.err(e))
    }

    /// Start a write transaction that excludes every other appender until it ends: SQLite's
    /// `BEGIN IMMEDIATE` (waits up to the busy timeout for the write lock), or a PostgreSQL
    /// transaction holding a transaction-scoped advisory lock.
    async fn begin_write(&mut self) -> Result<(), Error> {
        match self {
            Backend::Sqlite { .. } => {
                self.execute(&sql!("BEGIN IMMEDIATE", ""), &[]).await?;
            }
            Backend::Postgres { .. } => {
                self.execute(&sql!("", "BEGIN"), &[]).await?;
                let lock = sql!(
                    "",
                    "SELECT pg_advisory_xact_lock(CAST($1 AS INTEGER), hashtext(coalesce(current_schema(), '')))"
                );
                if let Err(e) = self
                    .execute(&lock, &[Bind::Int(i64::from(PG_LOCK_KEY))])
                    .await
                {
                    let _ = self.execute(&sql!("", "ROLLBACK"), &[]).await;
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Run `work` in a write transaction: committed when it succeeds, rolled back otherwise.
    pub(crate) async fn in_write_transaction<T>(
        &mut self,
        work: impl AsyncFnOnce(&mut Backend) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.begin_write().await?;
        let result = match work(self).await {
            Ok(value) => self
                .execute(&sql!("COMMIT", "COMMIT"), &[])
                .await
                .map(|_| value),
            Err(e) => Err(e),
        };
        if result.is_err() {
            // Nothing to do if this fails too: the transaction is then already gone.
            let _ = self.execute(&sql!("ROLLBACK", "ROLLBACK"), &[]).await;
        }
        result
    }

    /// SQLite only: switch to write-ahead logging (readers and the writer do not block each
    /// other). Changing the mode needs an exclusive lock that the busy timeout does not wait
    /// for, so the caller retries.
    pub(crate) async fn prepare(&mut self) -> Result<(), Error> {
        if let Backend::Sqlite { .. } = self {
            // On a file system without shared memory SQLite keeps its rollback journal, which
            // works too (readers then wait for the writer).
            self.text(&sql!("PRAGMA journal_mode = WAL", ""), &[])
                .await?;
        }
        Ok(())
    }

    /// The stored schema version: `None` when the store has no schema yet.
    pub(crate) async fn schema_version(&mut self) -> Result<Option<String>, Error> {
        if self.int(&META_EXISTS, &[]).await?.unwrap_or(0) == 0 {
            return Ok(None);
        }
        Ok(Some(
            self.text(&READ_VERSION, &[]).await?.unwrap_or_default(),
        ))
    }

    /// Create the tables (if missing) and record this build's schema version.
    pub(crate) async fn create_schema(&mut self) -> Result<(), Error> {
        self.in_write_transaction(async |b: &mut Backend| {
            b.execute(&CREATE_META, &[]).await?;
            b.execute(&CREATE_RECORDS, &[]).await?;
            let version = SCHEMA_VERSION.to_string();
            b.execute(&INSERT_VERSION, &[Bind::Text(&version)]).await?;
            Ok(())
        })
        .await
    }

    /// Close the connection cleanly.
    pub(crate) async fn close(self) {
        let _ = match self {
            Backend::Sqlite { conn, .. } => conn.close().await,
            Backend::Postgres { conn, .. } => conn.close().await,
        };
    }
}

/// Our error for a SQLite error on `path`: a corrupt file or not a database is named as such.
fn sqlite_error(path: &Path, source: sqlx::Error, opening: bool) -> Error {
    let code = sqlite_code(&source).unwrap_or(0) & 0xff;
    // SQLITE_CORRUPT (11), SQLITE_NOTADB (26).
    if code == 11 || code == 26 {
        return Error::Corrupt {
            path: path.to_path_buf(),
            source,
        };
    }
    if opening {
        Error::Open {
            target: path.display().to_string(),
            source,
        }
    } else {
        Error::Database {
            target: path.display().to_string(),
            source,
        }
    }
}

/// The SQLite extended result code of an error, if it has one.
fn sqlite_code(error: &sqlx::Error) -> Option<i64> {
    error
        .as_database_error()
        .and_then(|e| e.code())
        .and_then(|c| c.parse().ok())
}

/// Whether a database error is worth retrying: SQLite busy or locked; PostgreSQL serialization
/// failure, deadlock, or a unique conflict on `seq` (another appender won the race).
pub(crate) fn is_transient(error: &sqlx::Error) -> bool {
    let Some(db) = error.as_database_error() else {
        return false;
    };
    let Some(code) = db.code() else {
        return false;
    };
    if let Ok(n) = code.parse::<i64>() {
        // SQLite: SQLITE_BUSY (5), SQLITE_LOCKED (6) and their extended codes; a primary-key
        // conflict (1555) or unique conflict (2067).
        return matches!(n & 0xff, 5 | 6) || n == 1555 || n == 2067;
    }
    matches!(&*code, "40001" | "40P01" | "23505" | "55P03")
}

/// Whether a PostgreSQL error means the connection is gone: an I/O or protocol failure, or
/// the server ending the session (class 57P: admin shutdown, crash shutdown, cannot connect
/// now; class 08: connection exceptions).
fn connection_lost(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Protocol(_) | sqlx::Error::Tls(_) => true,
        _ => error
            .as_database_error()
            .and_then(|db| db.code())
            .is_some_and(|code| code.starts_with("57P") || code.starts_with("08")),
    }
}

/// A URL with any password replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &authority[..colon],
            &rest[at..]
        ),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://idgate:secret@127.0.0.1:5432/db"),
            "postgres://idgate:***@127.0.0.1:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
