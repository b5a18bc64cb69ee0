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
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
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
