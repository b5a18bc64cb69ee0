//! Connecting to the database (SQLite by default, PostgreSQL via `DATABASE_URL`) and migrating it.

use std::time::Duration;

use polyshop_migrations::{Migrator, MigratorTrait};
use std::{future::Future, pin::Pin};

use polyshop_runtime::ServiceError;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// How long start-up waits for PostgreSQL to accept a connection before saying it does not.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the database could not be opened at start-up, in words an operator can act on: the host
/// that refused, the command that creates a missing database. Never shows a password.
#[derive(Debug)]
pub struct OpenError(String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

/// Connects to `url` and applies pending migrations: what `serve`, `migrate` and every other
/// command do first. An SQLite file is created if missing (even without `mode=rwc`), with its
/// directory; PostgreSQL gets [`STARTUP_TIMEOUT`] to answer.
pub async fn open(url: &str) -> Result<DatabaseConnection, OpenError> {
    let target = Target::parse(url)?;
    if let Some(dir) = target.sqlite_dir.as_ref().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| OpenError(format!("creating the directory {} of the SQLite database: {e}", dir.display())))?;
    }
    let db = match tokio::time::timeout(STARTUP_TIMEOUT, connect(&target.url)).await {
        Err(_) => {
            return Err(OpenError(format!(
                "PostgreSQL at {} did not accept a connection within {} s ({}): is it running, and is that its address?",
                target.host,
                STARTUP_TIMEOUT.as_secs(),
                target.shown
            )));
        }
        Ok(Err(e)) => return Err(target.explain(&e)),
        Ok(Ok(db)) => db,
    };
    migrate(&db).await.map_err(|e| OpenError(format!("migrating {}: {e}", target.shown)))?;
    Ok(db)
}

/// A database URL as start-up reads it.
struct Target {
    /// The URL to connect with (`mode=rwc` added to an SQLite URL without a mode).
    url: String,
    /// The URL to show: the password replaced by `***`.
    shown: String,
    /// `host:port` of a PostgreSQL server.
    host: String,
    user: String,
    database: String,
    /// The directory of an SQLite file.
    sqlite_dir: Option<std::path::PathBuf>,
}

impl Target {
    fn parse(url: &str) -> Result<Target, OpenError> {
        let parsed = url::Url::parse(url).map_err(|e| {
            OpenError(format!(
                "the database URL is not a URL ({e}): use sqlite://FILE or postgres://USER@HOST/DATABASE"
            ))
        })?;
        let mut shown = parsed.clone();
        if shown.password().is_some() {
            let _ = shown.set_password(Some("***"));
        }
        match parsed.scheme() {
            "sqlite" => {
                let memory =
                    url.contains(":memory:") || parsed.query_pairs().any(|(k, v)| k == "mode" && v == "memory");
                let mut url = url.to_owned();
                if !memory && !parsed.query_pairs().any(|(k, _)| k == "mode") {
                    url.push(if parsed.query().is_some() { '&' } else { '?' });
                    url.push_str("mode=rwc");
                }
                // `sqlite://dir/file.db`: the host is the first path segment.
                let file = format!("{}{}", parsed.host_str().unwrap_or_default(), parsed.path());
                let sqlite_dir = (!memory).then(|| std::path::Path::new(&file).parent().map(Into::into)).flatten();
                Ok(Target {
                    url,
                    shown: shown.to_string(),
                    host: String::new(),
                    user: String::new(),
                    database: file,
                    sqlite_dir,
                })
            }
            "postgres" | "postgresql" => Ok(Target {
                url: url.to_owned(),
                shown: shown.to_string(),
                host: format!("{}:{}", parsed.host_str().unwrap_or("localhost"), parsed.port().unwrap_or(5432)),
                user: parsed.username().to_owned(),
                database: parsed.path().trim_start_matches('/').to_owned(),
                sqlite_dir: None,
            }),
            other => Err(OpenError(format!(
                "unsupported database `{other}:` in {}: use sqlite://FILE or postgres://USER@HOST/DATABASE",
                shown
            ))),
        }
    }

    fn explain(&self, error: &DbErr) -> OpenError {
        let text = error.to_string();
        if !self.host.is_empty() && text.contains("does not exist") && text.contains("database") {
            let (host, port) = self.host.rsplit_once(':').unwrap_or((&self.host, "5432"));
            let user = if self.user.is_empty() { String::new() } else { format!(" -U {}", self.user) };
            return OpenError(format!(
                "the database `{}` does not exist on the PostgreSQL server at {}; create it with `createdb -h {host} -p {port}{user} {}`",
                self.database, self.host, self.database
            ));
        }
        if !self.host.is_empty() {
            return OpenError(format!("connecting to PostgreSQL at {} ({}): {text}", self.host, self.shown));
        }
        OpenError(format!("opening the SQLite database {} ({}): {text}", self.database, self.shown))
    }
}

/// Connections of an SQLite pool: readers run side by side (WAL); writers take turns.
const SQLITE_CONNECTIONS: u32 = 4;

/// Connects with settings that suit both backends: foreign keys enforced, WAL and a busy
/// timeout on SQLite, a bounded pool everywhere.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(ConnectOptions::new(url.to_owned())).await
}

pub async fn connect_with(mut opts: ConnectOptions) -> Result<DatabaseConnection, DbErr> {
    // SQLite in WAL mode lets readers run beside the one writer, so it gets a small pool: every
    // transaction that writes begins IMMEDIATE (`begin_write`), taking the write lock before it
    // reads, so none fails half-way with SQLITE_BUSY when another connection wrote in between;
    // writers wait for each other (busy timeout). An in-memory database is one connection's
    // own, so it keeps one. PostgreSQL gets a pool and `SELECT ... FOR UPDATE` where it matters.
    let sqlite = opts.get_url().starts_with("sqlite:");
    let memory = sqlite && opts.get_url().contains(":memory:");
    opts.max_connections(match (sqlite, memory) {
        (true, true) => 1,
        (true, false) => SQLITE_CONNECTIONS,
        (false, _) => 16,
    })
    .min_connections(1)
    .connect_timeout(Duration::from_secs(10))
    .acquire_timeout(Duration::from_secs(30))
    .sqlx_logging(false);
    // sqlx pings a connection each time it is taken from the pool, by default: a round trip
    // (to the server, or to an SQLite connection's worker thread) before every statement, a
    // tenth of a warm product page's CPU on SQLite. A file's connection cannot be dropped under
    // us; a server's can (restarts, proxies, firewalls), and is then idle: PostgreSQL
    // connections are pinged once idle for a second, as HikariCP does, hot ones never.
    if sqlite {
        opts.test_before_acquire(false);
        // Another process writing the same file holds its lock for one transaction: wait for
        // it (write transactions begin IMMEDIATE, see `write_transaction`) rather than fail.
        // Every connection: WAL, foreign keys, and NORMAL sync (durable at each checkpoint, safe
        // with WAL).
        opts.map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.busy_timeout(Duration::from_secs(30))
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
        });
        opts.map_sqlx_sqlite_pool_opts(|pool| pool.after_connect(|conn, _| Box::pin(stable_plans(conn))));
    } else {
        opts.test_before_acquire_if_idle_for(Duration::from_secs(1));
        // No JIT: it compiles any statement the planner estimates costly (the catalog list's
        // price expression is one) in tens of milliseconds, per execution, for queries that run
        // in one or two; OLTP statements never earn that back.
        opts.map_sqlx_postgres_opts(|o| o.options([("jit", "off")]));
    }
    let mut db = Database::connect(opts).await?;
    // `POLYSHOP_LOG=debug` (or `polyshop::sql=debug`) logs every statement with its time.
    db.set_metric_callback(|info| {
        tracing::debug!(
            target: "polyshop::sql",
            elapsed_us = u64::try_from(info.elapsed.as_micros()).unwrap_or(u64::MAX),
            failed = info.failed,
            // With the values in place: a statement copied from the log runs as it is (bench/).
            sql = %info.statement,
        );
    });
    Ok(db)
}

/// Turns on SQLite's query planner stability guarantee (`SQLITE_DBCONFIG_ENABLE_QPSG`) for a new
/// connection. Without it SQLite lets the planner read the values bound to a statement's
/// `LIMIT` and `OFFSET` (and to a `LIKE` pattern), and so expires the prepared statement each
/// time they are bound again: every page of a list and every `.one()` (`LIMIT 1`) was parsed
/// and planned anew on every execution, about a tenth of the CPU of a warm list request. Plans
/// here never depend on those values; with the guarantee, a statement is prepared once per
/// connection (sqlx's statement cache) and reused.
async fn stable_plans(conn: &mut sea_orm::sqlx::SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    use std::ffi::c_int;
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is this connection's open handle, locked for the duration of the call; the
    // option takes an int (1: on) and an int* to read the setting back, which may be null.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused the query planner stability guarantee (code {rc})").into(),
        ));
    }
    Ok(())
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Runs `work` in a transaction that writes: committed if it succeeds, rolled back if not.
/// On SQLite it begins `IMMEDIATE`, taking the write lock up front: a transaction that read
/// first and wrote later would fail at once with "database is locked" when another process
/// wrote in between, where an immediate one waits for the lock (busy timeout).
pub async fn write_transaction<T, F>(db: &DatabaseConnection, work: F) -> Result<T, ServiceError>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, ServiceError>> + Send + 'c>>
        + Send,
    T: Send,
{
    let txn = begin_write(db).await?;
    match work(&txn).await {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}

/// Begins a transaction that writes (`BEGIN IMMEDIATE` on SQLite; see [`write_transaction`]).
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    db.begin_with_options(options).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_database_urls_for_start_up() {
        let t = Target::parse("postgres://shop:s3cret@db.internal:6543/store").unwrap();
        assert_eq!((t.host.as_str(), t.user.as_str(), t.database.as_str()), ("db.internal:6543", "shop", "store"));
        assert_eq!(t.shown, "postgres://shop:***@db.internal:6543/store");
        let missing =
            t.explain(&DbErr::Custom("error returned from database: database \"store\" does not exist".into()));
        assert!(missing.to_string().contains("createdb -h db.internal -p 6543 -U shop store"), "{missing}");

        let t = Target::parse("sqlite://data/dir/polyshop.sqlite3").unwrap();
        assert_eq!(t.url, "sqlite://data/dir/polyshop.sqlite3?mode=rwc");
        assert_eq!(t.sqlite_dir, Some(std::path::PathBuf::from("data/dir")));
        assert_eq!(Target::parse("sqlite://x.db?mode=ro").unwrap().url, "sqlite://x.db?mode=ro");
        assert_eq!(Target::parse("sqlite::memory:").unwrap().url, "sqlite::memory:");
        assert!(Target::parse("mysql://x@y/z").is_err());
        assert!(Target::parse("not a url").is_err());
    }

    /// Every SQLite connection of the pool plans its statements once (see [`stable_plans`]).
    #[tokio::test]
    async fn sqlite_connections_keep_their_plans() {
        use std::ffi::c_int;
        let db = connect("sqlite::memory:").await.unwrap();
        let mut conn = db.get_sqlite_connection_pool().acquire().await.unwrap();
        let mut handle = conn.lock_handle().await.unwrap();
        let mut on: c_int = -1;
        // SAFETY: the connection's open handle, locked; -1 only reads the setting into `on`.
        let rc = unsafe {
            libsqlite3_sys::sqlite3_db_config(
                handle.as_raw_handle().as_ptr(),
                libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                -1 as c_int,
                &mut on as *mut c_int,
            )
        };
        assert_eq!((rc, on), (libsqlite3_sys::SQLITE_OK, 1));
    }
}
