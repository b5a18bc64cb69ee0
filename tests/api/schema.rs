//! The migrations build exactly the schema spec/model declares (and the entities map): the same
//! tables, columns, type families, nullability, primary keys and unique keys, on SQLite and on
//! PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};

use polyshop_entities::TABLES;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::harness::TestApp;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Column {
    name: String,
    family: String,
    nullable: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeSet<Column>,
    primary_key: BTreeSet<String>,
    unique: BTreeSet<Vec<String>>,
}

fn family_of(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let family = match t.as_str() {
        "bigint" | "int8" => "bigint",
        "integer" | "int4" | "int" => "integer",
        "text" => "text",
        "boolean" | "bool" => "boolean",
        "date" | "date_text" => "date",
        "jsonb" | "json" | "jsonb_text" | "json_text" => "json",
        "timestamp with time zone" | "timestamp_with_timezone_text" | "timestamptz" => "timestamp",
        t if t.starts_with("varchar") || t.starts_with("character varying") => "varchar",
        other => other,
    };
    family.to_owned()
}

async fn rows(app: &TestApp, sql: &str) -> Vec<sea_orm::QueryResult> {
    app.db().query_all_raw(Statement::from_string(app.backend(), sql.to_owned())).await.unwrap()
}

async fn migrated_schema(app: &TestApp) -> BTreeMap<String, Table> {
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    match app.backend() {
        DbBackend::Sqlite => {
            let names: Vec<String> = rows(
                app,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
            )
            .await
            .iter()
            .map(|r| r.try_get("", "name").unwrap())
            .collect();
            for name in names {
                let table = tables.entry(name.clone()).or_default();
                for r in rows(app, &format!("PRAGMA table_info(\"{name}\")")).await {
                    let column: String = r.try_get("", "name").unwrap();
                    let declared: String = r.try_get("", "type").unwrap();
                    let not_null: i32 = r.try_get("", "notnull").unwrap();
                    let pk: i32 = r.try_get("", "pk").unwrap();
                    if pk > 0 {
                        table.primary_key.insert(column.clone());
                    }
                    // SQLite lets an INTEGER PRIMARY KEY column be declared without NOT NULL.
                    table.columns.insert(Column {
                        name: column,
                        family: family_of(&declared),
                        nullable: not_null == 0 && pk == 0,
                    });
                }
                for ix in rows(app, &format!("PRAGMA index_list(\"{name}\")")).await {
                    let unique: i32 = ix.try_get("", "unique").unwrap();
                    let origin: String = ix.try_get("", "origin").unwrap();
                    if unique == 0 || origin == "pk" {
                        continue;
                    }
                    let index: String = ix.try_get("", "name").unwrap();
                    let cols: Vec<String> = rows(app, &format!("PRAGMA index_info(\"{index}\")"))
                        .await
                        .iter()
                        .map(|c| c.try_get("", "name").unwrap())
                        .collect();
                    table.unique.insert(cols);
                }
            }
        }
        DbBackend::Postgres => {
            for r in rows(
                app,
                "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name <> 'seaql_migrations'",
            )
            .await
            {
                let table: String = r.try_get("", "table_name").unwrap();
                let declared: String = r.try_get("", "data_type").unwrap();
                let nullable: String = r.try_get("", "is_nullable").unwrap();
                tables.entry(table).or_default().columns.insert(Column {
                    name: r.try_get("", "column_name").unwrap(),
                    family: family_of(&declared),
                    nullable: nullable == "YES",
                });
            }
            for r in rows(
                app,
                "SELECT t.relname AS table_name, ix.indisprimary AS is_primary, \
                        string_agg(a.attname, ',' ORDER BY k.n) AS columns \
                 FROM pg_index ix \
                 JOIN pg_class t ON t.oid = ix.indrelid \
                 JOIN pg_namespace ns ON ns.oid = t.relnamespace \
                 CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) \
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
                 WHERE ns.nspname = current_schema() AND ix.indisunique AND t.relname <> 'seaql_migrations' \
                 GROUP BY t.relname, ix.indexrelid, ix.indisprimary",
            )
            .await
            {
                let table: String = r.try_get("", "table_name").unwrap();
                let primary: bool = r.try_get("", "is_primary").unwrap();
                let columns: String = r.try_get("", "columns").unwrap();
                let columns: Vec<String> = columns.split(',').map(str::to_owned).collect();
                let entry = tables.entry(table).or_default();
                if primary {
                    entry.primary_key.extend(columns);
                } else {
                    entry.unique.insert(columns);
                }
            }
        }
        other => panic!("unsupported backend {other:?}"),
    }
    tables
}

/// The model's columns as `backend` stores them: SQLite has one 64-bit INTEGER type.
fn declared_schema(backend: DbBackend) -> BTreeMap<String, Table> {
    let family =
        |f: &str| if backend == DbBackend::Sqlite && f == "bigint" { "integer".to_owned() } else { f.to_owned() };
    TABLES
        .iter()
        .map(|t| {
            let table = Table {
                columns: t
                    .columns
                    .iter()
                    .map(|c| Column { name: c.name.to_owned(), family: family(c.family), nullable: c.nullable })
                    .collect(),
                primary_key: t.primary_key.iter().map(|c| c.to_string()).collect(),
                unique: t.unique.iter().map(|u| u.iter().map(|c| c.to_string()).collect()).collect(),
            };
            (t.name.to_owned(), table)
        })
        .collect()
}

#[tokio::test]
async fn migrated_schema_matches_the_model() {
    let app = TestApp::empty().await;
    let migrated = migrated_schema(&app).await;
    let declared = declared_schema(app.backend());
    let names: BTreeSet<&String> = migrated.keys().chain(declared.keys()).collect();
    let mut problems = Vec::new();
    for name in names {
        match (declared.get(name), migrated.get(name)) {
            (Some(d), Some(m)) if d == m => {}
            (Some(d), Some(m)) => {
                for c in d.columns.symmetric_difference(&m.columns) {
                    let side = if d.columns.contains(c) { "model" } else { "database" };
                    problems.push(format!("{name}: only in the {side}: {c:?}"));
                }
                if d.primary_key != m.primary_key {
                    problems.push(format!(
                        "{name}: primary key {:?} in the model, {:?} in the database",
                        d.primary_key, m.primary_key
                    ));
                }
                if d.unique != m.unique {
                    problems.push(format!(
                        "{name}: unique keys {:?} in the model, {:?} in the database",
                        d.unique, m.unique
                    ));
                }
            }
            (Some(_), None) => {
                problems.push(format!("{name}: declared in spec/model but not created by the migrations"))
            }
            (None, Some(_)) => {
                problems.push(format!("{name}: created by the migrations but not declared in spec/model"))
            }
            (None, None) => unreachable!(),
        }
    }
    assert!(problems.is_empty(), "{:?} schema differs from spec/model:\n{}", app.backend(), problems.join("\n"));
}

/// A write the database refuses for a repeated unique value becomes a 409 naming the column,
/// on both databases (PostgreSQL's detail, SQLite's message), never a 500.
#[tokio::test]
async fn unique_violations_become_conflicts_naming_the_column() {
    use polyshop_runtime::ServiceError;
    use sea_orm::ConnectionTrait;
    let app = TestApp::empty().await;
    let err = app
        .db()
        .execute_unprepared(
            "INSERT INTO locales (code, name, direction, created_at, updated_at) \
             VALUES ('en', 'English again', 'ltr', '2026-11-01 00:00:00', '2026-11-01 00:00:00')",
        )
        .await
        .expect_err("`en` is installed already");
    let err = ServiceError::from(err);
    assert_eq!(err.status().as_u16(), 409);
    assert_eq!(err.messages(), ["`code`: this value is already taken"]);
}
