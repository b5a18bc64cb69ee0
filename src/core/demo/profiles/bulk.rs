//! Bulk loading: rows inserted many per statement, with ids chosen here (so children can name
//! their parents without reading anything back), counted for the progress report.

use std::time::Instant;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, Iterable, Statement};

/// Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 30_000;

/// What a long load reports as it goes: the phase and the rows written so far.
pub type Progress<'a> = &'a (dyn Fn(&str, u64, f64) + Sync);

pub struct Bulk<'a, C> {
    pub db: &'a C,
    rows: u64,
    started: Instant,
    progress: Progress<'a>,
    /// Tables whose ids were chosen here: PostgreSQL's sequences must learn the last one.
    tables: Vec<String>,
}

impl<'a, C: ConnectionTrait> Bulk<'a, C> {
    pub fn new(db: &'a C, progress: Progress<'a>) -> Self {
        Bulk { db, rows: 0, started: Instant::now(), progress, tables: Vec::new() }
    }

    pub fn seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// The first free id of `E`'s table (ids of the rows about to be inserted follow it).
    pub async fn next_id<E: EntityTrait + Default>(&mut self) -> Result<i64, DbErr> {
        let table = E::default().table_name().to_owned();
        let sql = format!("SELECT COALESCE(MAX(id), 0) AS last FROM {table}");
        let row = self.db.query_one_raw(Statement::from_string(self.db.get_database_backend(), sql)).await?;
        let last: i64 = row.map(|r| r.try_get("", "last")).transpose()?.unwrap_or(0);
        if !self.tables.contains(&table) {
            self.tables.push(table);
        }
        Ok(last + 1)
    }

    /// Inserts `models` a chunk at a time.
    pub async fn insert<A>(&mut self, phase: &str, models: Vec<A>) -> Result<(), DbErr>
    where
        A: ActiveModelTrait + Send,
    {
        let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
        let chunk = (MAX_PARAMETERS / columns).max(1);
        let mut models = models.into_iter().peekable();
        while models.peek().is_some() {
            let batch: Vec<A> = models.by_ref().take(chunk).collect();
            let n = batch.len() as u64;
            A::Entity::insert_many(batch).exec_without_returning(self.db).await?;
            self.rows += n;
            (self.progress)(phase, self.rows, self.seconds());
        }
        Ok(())
    }

    /// Moves PostgreSQL's id sequences past the ids chosen here.
    pub async fn finish(self) -> Result<(u64, f64), DbErr> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            for table in &self.tables {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                );
                self.db.execute_unprepared(&sql).await?;
            }
        }
        Ok((self.rows, self.seconds()))
    }
}
