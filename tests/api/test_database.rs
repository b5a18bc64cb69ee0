//! One database per test, copied from a template that is migrated (and loaded with the demo
//! dataset) once per build of the test binary, instead of migrating and seeding for every test.
//!
//! - SQLite: the template is a file; each test gets a copy of it in its own directory.
//! - PostgreSQL (`TEST_DATABASE_URL=postgres://...`): the template is a database; each test gets
//!   `CREATE DATABASE ... TEMPLATE ...`, dropped when the test ends. Copies of the demo template
//!   are made ahead by background threads (see [`prepared_demo_databases`]).
//!
//! Templates are named after the test binary (its path, size and modification time), so a
//! rebuild (new migrations, new demo data) makes new ones and a re-run of the same build reuses
//! them. A template is built under a temporary name and renamed when complete, so a run that
//! died half-way never leaves a half-built template to be used (its temporary database or file
//! stays until removed by hand). Templates of other builds are removed when a new one is made,
//! once they are two days old, so that concurrent runs of different builds keep theirs.

use std::{
    hash::{Hash, Hasher},
    path::PathBuf,
    sync::{
        Mutex, OnceLock,
        mpsc::{Receiver, Sender},
    },
};

use polyshop::{db, demo};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// What a test database starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Migrated, with only the install data.
    Empty,
    /// Migrated and loaded with the demo dataset.
    Demo,
}

impl Contents {
    fn name(self) -> &'static str {
        match self {
            Contents::Empty => "empty",
            Contents::Demo => "demo",
        }
    }
}

/// A database for one test.
pub enum TestDatabase {
    Sqlite { _dir: super::harness::TempDir, url: String },
    Postgres { server: String, name: String },
}

impl TestDatabase {
    pub fn create(contents: Contents) -> TestDatabase {
        match postgres_server() {
            Some(server) => {
                let name = match contents {
                    Contents::Demo => prepared_demo_databases(&server).lock().unwrap_or_else(|e| e.into_inner()).recv(),
                    Contents::Empty => Ok(copy_template(&server, &template(contents))),
                };
                TestDatabase::Postgres { server, name: name.expect("a database copied from the template") }
            }
            None => {
                let template = PathBuf::from(template(contents));
                let dir = super::harness::TempDir::new();
                let file = dir.0.join("test.sqlite3");
                std::fs::copy(&template, &file).expect("copy the template database");
                let url = format!("sqlite://{}?mode=rwc", file.display());
                TestDatabase::Sqlite { _dir: dir, url }
            }
        }
    }

    /// A new connection (pool) to this test's database.
    /// The `DATABASE_URL` of this database, for a server process of its own.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { url, .. } => url.clone(),
            TestDatabase::Postgres { server, name } => with_database(server, name),
        }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        match self {
            TestDatabase::Sqlite { url, .. } => db::connect(url).await.expect("sqlite"),
            TestDatabase::Postgres { server, name } => {
                db::connect(&with_database(server, name)).await.expect("postgres")
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { server, name } = self {
            drop_later(server, std::mem::take(name));
        }
    }
}

/// Drops a test's database on a background thread: dropping takes a third of a second that the
/// next test need not wait for. Those still queued when the process ends are dropped by a later
/// run (see [`drop_databases_of_ended_processes`]).
fn drop_later(server: &str, name: String) {
    static QUEUE: OnceLock<Mutex<Sender<String>>> = OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel::<String>();
        let server = server.to_owned();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                let Ok(conn) = db::connect(&server).await else { return };
                while let Ok(name) = receiver.recv() {
                    let _ = conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                }
            });
        });
        Mutex::new(sender)
    });
    let _ = queue.lock().unwrap_or_else(|e| e.into_inner()).send(name);
}

/// Copies `template` into a new database of this process and returns its name.
fn copy_template(server: &str, template: &str) -> String {
    let name = format!(
        "{PROCESS_DATABASE_PREFIX}{}_{}",
        std::process::id(),
        polyshop::secrets::random_token(12).to_lowercase()
    );
    let (sql, url) = (format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""), server.to_owned());
    let sync_off = format!("ALTER DATABASE \"{name}\" SET synchronous_commit = off");
    blocking(async move {
        let admin = db::connect(&url).await.expect("TEST_DATABASE_URL must reach PostgreSQL");
        admin.execute_unprepared(&sql).await.expect("copy the template database");
        // A test's commits need not survive a crash of the server, so they need not wait for
        // the disk either.
        admin.execute_unprepared(&sync_off).await.expect("synchronous_commit");
        admin.close().await.ok();
    });
    name
}

/// Test databases are named `polyshop_test_<pid>_<random>`, so a later run can drop those a
/// process left behind when it ended (the databases it had prepared but no test took).
const PROCESS_DATABASE_PREFIX: &str = "polyshop_test_";

/// Databases copied from the demo template ahead of the tests that take them. Copying takes
/// most of a second, spent waiting on the disk, and several copies run at once as fast as one:
/// three threads keep copies ready while tests run (up to four: one waiting in the channel, and
/// one finished in each thread).
fn prepared_demo_databases(server: &str) -> &'static Mutex<Receiver<String>> {
    static READY: OnceLock<Mutex<Receiver<String>>> = OnceLock::new();
    READY.get_or_init(|| {
        let template = template(Contents::Demo);
        drop_databases_of_ended_processes(server);
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        for _ in 0..3 {
            let (sender, server, template) = (sender.clone(), server.to_owned(), template.clone());
            // Ends when the process does; a copy it made that no test took is dropped by a later run.
            std::thread::spawn(move || while sender.send(copy_template(&server, &template)).is_ok() {});
        }
        Mutex::new(receiver)
    })
}

fn drop_databases_of_ended_processes(server: &str) {
    let server = server.to_owned();
    blocking(async move {
        let admin = db::connect(&server).await.expect("TEST_DATABASE_URL must reach PostgreSQL");
        for name in database_names(&admin, &format!("{}%", like_literal(PROCESS_DATABASE_PREFIX))).await {
            // Only names of our shape: a pid that parses (a name that does not is not ours).
            let Some(Ok(pid)) =
                name.strip_prefix(PROCESS_DATABASE_PREFIX).and_then(|r| r.split('_').next()).map(str::parse::<u32>)
            else {
                continue;
            };
            if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
            }
        }
        admin.close().await.ok();
    });
}

/// Names of the databases matching the `LIKE` pattern `pattern`, in order.
async fn database_names(admin: &DatabaseConnection, pattern: &str) -> Vec<String> {
    let sql = format!("SELECT datname FROM pg_database WHERE datname LIKE '{pattern}' ORDER BY datname");
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(admin.get_database_backend(), sql))
        .await
        .expect("pg_database");
    rows.into_iter().map(|r| r.try_get::<String>("", "datname").expect("datname")).collect()
}

/// `text` matching itself in a `LIKE` pattern, where `_` is otherwise a wildcard.
fn like_literal(text: &str) -> String {
    text.replace('_', "\\_")
}

fn postgres_server() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"))
}

/// The template for `contents`: a database name on PostgreSQL, a file path on SQLite. Built on
/// first use in this process (or found from an earlier run of the same build).
fn template(contents: Contents) -> String {
    static EMPTY: OnceLock<String> = OnceLock::new();
    static DEMO: OnceLock<String> = OnceLock::new();
    let cell = match contents {
        Contents::Empty => &EMPTY,
        Contents::Demo => &DEMO,
    };
    cell.get_or_init(|| match postgres_server() {
        Some(server) => blocking(postgres_template(server, contents)),
        None => blocking(sqlite_template(contents)),
    })
    .clone()
}

/// Identifies this build of the test binary.
fn build_id() -> String {
    let exe = std::env::current_exe().expect("test binary path");
    let meta = std::fs::metadata(&exe).expect("test binary");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (exe, meta.len(), meta.modified().ok()).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Migrates `conn`, and loads the demo dataset for [`Contents::Demo`].
async fn fill(conn: &DatabaseConnection, contents: Contents) {
    db::migrate(conn).await.expect("migrations");
    if contents == Contents::Demo {
        demo::seed(conn).await.expect("demo dataset");
    }
}

async fn postgres_template(server: String, contents: Contents) -> String {
    let suffix = format!("{}_{}", build_id(), contents.name());
    let admin = db::connect(&server).await.expect("TEST_DATABASE_URL must reach PostgreSQL");
    // `polyshop_template_<day>_<build>_<contents>`.
    let ours = format!("{}%{}", like_literal("polyshop_template_"), like_literal(&format!("_{suffix}")));
    if let Some(found) = database_names(&admin, &ours).await.pop() {
        admin.close().await.ok();
        return found;
    }
    // Templates of other builds go once they are two days old: a run of another build may still
    // be copying a younger one.
    let today = days_since_epoch();
    for old in database_names(&admin, &format!("{}%", like_literal("polyshop_template_"))).await {
        let day = old.trim_start_matches("polyshop_template_").split('_').next().and_then(|d| d.parse::<u64>().ok());
        if !old.ends_with(&suffix) && day.is_some_and(|d| d + 2 <= today) {
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{old}\" WITH (FORCE)")).await;
        }
    }
    let name = format!("polyshop_template_{today}_{suffix}");
    let building =
        format!("polyshop_building_{}_{}", std::process::id(), polyshop::secrets::random_token(6).to_lowercase());
    admin.execute_unprepared(&format!("CREATE DATABASE \"{building}\"")).await.expect("create template");
    let conn = db::connect(&with_database(&server, &building)).await.expect("connect to template");
    fill(&conn, contents).await;
    conn.close().await.expect("close template");
    if let Err(e) = admin.execute_unprepared(&format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\"")).await {
        // Another process of the same build may have finished first: use its template.
        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)")).await;
        let found = database_names(&admin, &ours).await.pop();
        admin.close().await.ok();
        return found.unwrap_or_else(|| panic!("publishing the template {name}: {e}"));
    }
    admin.close().await.ok();
    name
}

fn days_since_epoch() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
}

async fn sqlite_template(contents: Contents) -> String {
    let root = std::env::temp_dir().join("polyshop-test-templates");
    let dir = root.join(build_id());
    let file = dir.join(format!("{}.sqlite3", contents.name()));
    if !file.exists() {
        std::fs::create_dir_all(&dir).expect("template directory");
        // Templates of other builds go once they are two days old: a run of another build may
        // still be copying a younger one.
        let stale = |e: &std::fs::DirEntry| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(2 * 86_400))
        };
        if let Ok(entries) = std::fs::read_dir(&root) {
            for entry in entries.flatten().filter(|e| e.path() != dir && stale(e)) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let building = dir.join(format!("{}-{}.sqlite3", contents.name(), std::process::id()));
        let _ = std::fs::remove_file(&building);
        let conn = db::connect(&format!("sqlite://{}?mode=rwc", building.display())).await.expect("template");
        fill(&conn, contents).await;
        // Everything into the main file, so that copying it copies the whole database.
        conn.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.expect("checkpoint");
        conn.close().await.expect("close template");
        std::fs::rename(&building, &file).expect("publish template");
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
        }
    }
    file.display().to_string()
}

/// `server` (a PostgreSQL URL) naming database `name` instead of its own.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

/// Runs `work` to completion on a runtime of its own, on another thread: callable from inside a
/// test's runtime and from `Drop`.
fn blocking<T: Send + 'static>(work: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(work)
    })
    .join()
    .expect("database set-up thread")
}

#[test]
fn database_names_replace_the_servers_own() {
    assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}
