//! Connecting to the database (SQLite by default, PostgreSQL via `DATABASE_URL`) and migrating it.

use std::time::Duration;

use polyshop_migrations::{Migrator, MigratorTrait};
use std::{future::Future, pin::Pin};

use polyshop_runtime::ServiceError;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Connects with settings that suit both backends: foreign keys enforced and a busy timeout on
/// SQLite, a bounded pool everywhere.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(ConnectOptions::new(url.to_owned())).await
}

pub async fn connect_with(mut opts: ConnectOptions) -> Result<DatabaseConnection, DbErr> {
    // SQLite has no row locks, and a transaction that reads before it writes fails with
    // SQLITE_BUSY when another connection wrote in between: one connection serializes every
    // transaction instead. PostgreSQL gets a pool and `SELECT ... FOR UPDATE` where it matters.
    let sqlite = opts.get_url().starts_with("sqlite:");
    opts.max_connections(if sqlite { 1 } else { 16 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false);
    if sqlite {
        // Another process writing the same file holds its lock for one transaction: wait for
        // it (write transactions begin IMMEDIATE, see `write_transaction`) rather than fail.
        opts.map_sqlx_sqlite_opts(|o| o.busy_timeout(Duration::from_secs(30)));
    }
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;").await?;
    }
    Ok(db)
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
