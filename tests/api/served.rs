//! The operations this test run served, for the check that every documented operation is
//! exercised by some test (`tests/coverage.rs`).
//!
//! poem-openapi marks each response with the `OperationId` of the route that answered it. Every
//! request a test sends through [`crate::harness::TestApp`] passes [`record`], which writes each
//! operation the first time it answers past its security check (anything but 401, 403 and 429)
//! to `served-operations.txt` in Cargo's scratch directory for integration tests. The file is
//! started afresh by each run of this binary; `tests/coverage.rs`, which Cargo runs after it,
//! reads it.

use std::{
    collections::BTreeSet,
    io::Write,
    path::PathBuf,
    sync::{Mutex, OnceLock},
};

use poem::{Endpoint, IntoResponse, Request, Response};

/// Set for a run of this binary that must leave the record alone (the instruction gate runs one
/// test of it again under callgrind, while the suite's own run is recording).
pub const DO_NOT_RECORD: &str = "POLYSHOP_DO_NOT_RECORD_SERVED";

/// Where the run's served operations are written, a line each: `operation_id METHOD /path`.
pub fn file() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("served-operations.txt")
}

/// Calls `ep` and records the operation that answered, if any.
pub async fn record<E: Endpoint>(ep: std::sync::Arc<E>, req: Request) -> poem::Result<Response> {
    let (method, path) = (req.method().to_string(), req.uri().path().to_owned());
    let resp = ep.call(req).await.map(IntoResponse::into_response);
    let (operation, status) = match &resp {
        Ok(r) => (r.data::<poem_openapi::OperationId>().map(|o| o.0), r.status().as_u16()),
        Err(e) => (e.data::<poem_openapi::OperationId>().map(|o| o.0), e.status().as_u16()),
    };
    if let Some(operation) = operation.filter(|_| !matches!(status, 401 | 403 | 429)) {
        note(operation, &method, &path);
    }
    resp
}

/// Operation ids repeat across surfaces (`list_orders`), so each line also names the method and
/// one path the operation answered, and the surface is told apart by its path prefix.
fn note(operation: &'static str, method: &str, path: &str) {
    static SEEN: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();
    static OFF: OnceLock<bool> = OnceLock::new();
    if *OFF.get_or_init(|| std::env::var_os(DO_NOT_RECORD).is_some()) {
        return;
    }
    let seen = SEEN.get_or_init(|| {
        let _ = std::fs::remove_file(file());
        Mutex::new(BTreeSet::new())
    });
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    let prefix: Vec<&str> = path.split('/').take(4).collect();
    if seen.insert(format!("{operation} {method} {}", prefix.join("/"))) {
        let mut out =
            std::fs::OpenOptions::new().create(true).append(true).open(file()).expect("served-operations.txt");
        writeln!(out, "{operation} {method} {path}").expect("served-operations.txt");
    }
}
