//! The `polyshop` binary: commands run as an operator runs them.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

fn polyshop(db_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_polyshop"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .env("POLYSHOP_LOG", "warn")
        .output()
        .expect("run polyshop")
}

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("polyshop-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite3").display());
    (dir, url)
}

#[test]
fn migrate_seed_and_create_an_integration() {
    let (dir, url) = temp_db("seed");
    let out = polyshop(&url, &["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = polyshop(&url, &["seed", "--demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A second load would duplicate the catalog: refused.
    let out = polyshop(&url, &["seed", "--demo"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds"));

    let out = polyshop(
        &url,
        &["integrations", "create", "--name", "Fulfilment", "--scopes", "cs:orders:read cs:orders:write"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(created["client_id"].as_str().map(str::len), Some(32));
    assert_eq!(created["client_secret"].as_str().map(str::len), Some(64));
    assert_eq!(created["scopes"], serde_json::json!(["cs:orders:read", "cs:orders:write"]));

    let out = polyshop(&url, &["admins", "create", "--email", "Ops@Example.com", "--name", "Ops"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let admin: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!((admin["email"].as_str(), admin["api_key"].as_str().map(str::len)), (Some("ops@example.com"), Some(32)));
    let out = polyshop(&url, &["admins", "create", "--email", "ops@example.com", "--name", "Again"]);
    assert!(!out.status.success());

    let out = polyshop(&url, &["integrations", "create", "--name", "Bad", "--scopes", "cs:everything"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scope `cs:everything`"));
    let _ = std::fs::remove_dir_all(dir);
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    // Bodies may be binary (images): the head is what tests read.
    Some(String::from_utf8_lossy(&response).into_owned())
}

#[test]
fn serve_with_demo_data_answers_over_http() {
    let (dir, url) = temp_db("serve");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_polyshop"))
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", &url)
        .env("POLYSHOP_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let started = Instant::now();
    let docs = loop {
        if let Some(r) = http_get(port, "/cs/api/v1/openapi.json") {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    let orders = http_get(port, "/cs/api/v1/orders").unwrap();
    server.kill().unwrap();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(dir);
    assert!(docs.starts_with("HTTP/1.1 200"), "{docs}");
    assert!(docs.contains("\"title\": \"Community Store API\""));
    assert!(orders.starts_with("HTTP/1.1 401"), "{orders}");
    assert!(orders.to_lowercase().contains("x-request-id:"), "{orders}");
}

fn stop(server: &mut std::process::Child) -> std::process::ExitStatus {
    // SIGTERM, as containers and process managers stop a process.
    let pid = server.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let started = Instant::now();
    loop {
        if let Some(status) = server.try_wait().unwrap() {
            return status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An operator's view: JSON logs with request ids and no colour codes, health and metrics,
/// demo images that resolve, and a clean stop on SIGTERM.
#[test]
fn serve_logs_json_answers_operators_and_stops_on_sigterm() {
    let (dir, url) = temp_db("ops");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = dir.join("server.log");
    let mut server = Command::new(env!("CARGO_BIN_EXE_polyshop"))
        .args(["serve", "--demo", "--log-format", "json", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", &url)
        .env("POLYSHOP_LOG", "info,polyshop::sql=debug")
        .env("POLYSHOP_STORAGE_DIR", dir.join("storage"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start the server");
    let started = Instant::now();
    let health = loop {
        if let Some(r) = http_get(port, "/healthz") {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    let ready = http_get(port, "/readyz").unwrap();
    let image = http_get(port, "/storage/product/shirt-linen/front.jpg").unwrap();
    let metrics = http_get(port, "/metrics").unwrap();
    let status = stop(&mut server);
    let logged = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    assert!(status.success(), "exit {status:?}; log:\n{logged}");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(image.starts_with("HTTP/1.1 200") && image.to_lowercase().contains("content-type: image/jpeg"), "{image}");
    assert!(
        metrics.contains(r#"polyshop_http_requests_total{operation="readyz",status="200",surface="ops"} 1"#),
        "{metrics}"
    );

    assert!(!logged.contains('\u{1b}'), "colour codes in a log file:\n{logged}");
    let lines: Vec<serde_json::Value> =
        logged.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    let message = |l: &serde_json::Value| l["fields"]["message"].as_str().unwrap_or_default().to_owned();
    assert!(lines.iter().any(|l| message(l).starts_with("serving Community Store API")), "{logged}");
    let served = lines.iter().find(|l| message(l) == "served" && l["span"]["path"] == "/readyz").expect("request line");
    assert!(served["span"]["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{served}");
    assert!(lines.iter().any(|l| l["target"] == "polyshop::sql" && l["fields"]["elapsed_us"].is_u64()), "{logged}");
    assert!(lines.iter().any(|l| message(l) == "stopped"), "{logged}");
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn start_up_errors_say_what_to_fix() {
    // A port in use names the address.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let (dir, url) = temp_db("port");
    let out = polyshop(&url, &["serve", "--bind", &address]);
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains(&format!("cannot listen on {address}")), "{}", stderr_of(&out));

    // An SQLite URL without `mode=rwc` still creates the file, and its directory.
    let file = dir.join("nested/dir/plain.sqlite3");
    let out = polyshop(&format!("sqlite://{}", file.display()), &["migrate"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(file.exists());

    // A PostgreSQL that refuses connections fails fast, naming the host and hiding the password.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let started = Instant::now();
    let out = polyshop(&format!("postgres://shop:s3cret@127.0.0.1:{closed}/shop"), &["migrate"]);
    assert!(!out.status.success());
    assert!(started.elapsed() < Duration::from_secs(15), "took {:?}", started.elapsed());
    let err = stderr_of(&out);
    assert!(err.contains(&format!("127.0.0.1:{closed}")) && !err.contains("s3cret"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// A missing PostgreSQL database is named with the command that creates it (PostgreSQL runs only).
#[test]
fn a_missing_postgres_database_is_named_with_the_command_that_creates_it() {
    let Ok(server) = std::env::var("TEST_DATABASE_URL") else { return };
    let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
    let out = polyshop(&format!("{base}/polyshop_no_such_db"), &["migrate"]);
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("`polyshop_no_such_db` does not exist") && err.contains("createdb -h"), "{err}");
}

#[tokio::test]
async fn send_mail_sends_the_outbox_once() {
    let (dir, url) = temp_db("mail");
    let out = polyshop(&url, &["migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = polyshop(&url, &["send-mail"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--smtp-url"), "{}", String::from_utf8_lossy(&out.stderr));

    let db = sea_orm::Database::connect(&url).await.unwrap();
    let mail = polyshop::mail::OutgoingMail {
        kind: "test",
        to: "anna@example.com".into(),
        subject: "Hello".into(),
        body: "Hello Anna.".into(),
    };
    polyshop::mail::queue(&db, mail, chrono::Utc::now()).await.unwrap();
    db.close().await.unwrap();
    // Nothing listens on the port: the mail fails for now and waits for its next attempt.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let smtp = format!("smtp://127.0.0.1:{closed}");
    let out = polyshop(&url, &["send-mail", "--smtp-url", &smtp]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(counts, serde_json::json!({"sent": 0, "failed": 1}));
    let _ = std::fs::remove_dir_all(dir);
}
