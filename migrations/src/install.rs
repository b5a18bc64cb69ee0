//! Helpers for migrations that insert the rows an installation starts with.

use chrono::Timelike;
use sea_orm::sea_query::{Expr, OnConflict, Query, SimpleExpr};
use sea_orm_migration::prelude::*;

/// `(SELECT id FROM table WHERE column = value)`.
pub fn id_of(table: &str, column: &str, value: &str) -> SimpleExpr {
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(value))
        .to_owned();
    SimpleExpr::SubQuery(None, Box::new(select.into_sub_query_statement()))
}

pub fn now() -> SimpleExpr {
    Expr::val(chrono::Utc::now().with_nanosecond(0).unwrap())
}

pub async fn insert(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<SimpleExpr>>,
) -> Result<(), DbErr> {
    let mut q = Query::insert();
    q.into_table(Alias::new(table)).columns(columns.iter().map(|c| Alias::new(*c)));
    for row in rows {
        q.values_panic(row);
    }
    // Idempotent for databases that already hold these rows (a second install run).
    q.on_conflict(OnConflict::new().do_nothing().to_owned());
    manager.exec_stmt(q).await
}
