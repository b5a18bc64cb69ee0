//! Connecting to the database (SQLite by default, PostgreSQL via `DATABASE_URL`) and migrating it.

use std::time::Duration;

use polyshop_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

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
