//! CPU instructions per request, counted by callgrind: the second regression gate of the
//! benchmarks (bench/), beside the statement counts of `statements.rs`. An instruction count
//! does not depend on the machine's load, so the gate cannot flake on a shared CI machine; it
//! catches a change that makes a hot endpoint do much more work in process (serialising,
//! allocating, decoding rows) without adding a statement.
//!
//! `instructions_per_request_stay_within_the_baseline` runs this test binary again under
//! `valgrind --tool=callgrind`, filtered to `measured_requests`, which makes every request of
//! [`ENDPOINTS`] [`WARM_UP`] times natively, once instrumented, and then [`ROUNDS`] times, each
//! between callgrind's "zero" and "dump" client requests. Each dump holds every thread's
//! instructions (the app's, SQLite's workers); an endpoint's count is the least of its rounds.
//! The counts are of the debug build the tests run, on SQLite: they
//! compare one commit with the next, not with release throughput (that is `bench/run.sh`).
//!
//! The baseline is `instructions.json`. A count more than [`ABOVE`] over its baseline fails,
//! and so does one more than [`BELOW`] under it, so that the baseline follows improvements.
//! After a change that moves a count on purpose:
//! `POLYSHOP_UPDATE_INSTRUCTIONS=1 cargo test --test api -- instructions::`.

use std::{collections::BTreeMap, path::Path, process::Command};

use serde_json::json;

use crate::harness::TestApp;

/// The requests measured, by name: the hot reads of `statements.rs`, and the cheapest route.
const ENDPOINTS: [&str; 6] = [
    "GET /healthz",
    "GET /api/shop/products/1",
    "GET /api/shop/products?per_page=20",
    "GraphQL product(id)",
    "GraphQL products(first: 20)",
    "GET /api/orders (CS-Cart)",
];
/// Measured requests per endpoint, each counted alone; the count is the smallest (what varies
/// between runs is extra work now and then: a wake-up, a spin in a channel, never less work).
const ROUNDS: u64 = 5;
/// Native rounds before measuring: enough for each of the SQLite pool's connections (4) to have
/// prepared every statement, so the count does not depend on which connection a statement gets.
const WARM_UP: usize = 4;
/// How far above and below its baseline a count may be (fractions of the baseline).
const ABOVE: f64 = 0.10;
const BELOW: f64 = 0.20;

/// The workload, run under callgrind by the gate below (ignored in a plain run: it measures
/// nothing without valgrind).
#[tokio::test]
#[ignore = "run under callgrind by instructions_per_request_stay_within_the_baseline"]
async fn measured_requests() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let basic = app.admin_basic().await;
    let send = async |name: &str| -> u16 {
        let graphql = |query: &str| {
            app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key).body_json(&json!({ "query": query }))
        };
        let resp = match name {
            "GET /healthz" => app.get("/healthz").send().await,
            "GET /api/shop/products/1" => shop.get("/api/shop/products/1").send().await,
            "GET /api/shop/products?per_page=20" => shop.get("/api/shop/products?per_page=20").send().await,
            "GraphQL product(id)" => {
                graphql(r#"{ product(id: "/api/shop/products/1") { id sku name price } }"#).send().await
            }
            "GraphQL products(first: 20)" => {
                graphql("{ products(first: 20) { edges { node { id sku name price } } } }").send().await
            }
            "GET /api/orders (CS-Cart)" => app.get("/api/orders").header("Authorization", &basic).send().await,
            other => panic!("no request named {other}"),
        };
        let status = resp.0.status().as_u16();
        // The body is part of the work: read it to the end.
        let body = resp.0.into_body().into_bytes().await.expect("body");
        assert!(!body.is_empty() && (200..300).contains(&status), "{name}: {status}");
        status
    };
    // Warm every endpoint natively (caches, prepared statements), then once more instrumented
    // so that nothing a first instrumented run does differently is counted.
    for _ in 0..WARM_UP {
        for name in ENDPOINTS {
            send(name).await;
        }
    }
    callgrind::start_instrumentation();
    for name in ENDPOINTS {
        send(name).await;
        for round in 0..ROUNDS {
            callgrind::zero_stats();
            send(name).await;
            callgrind::dump_stats_at(&format!("{name}#{round}"));
        }
    }
}

#[test]
fn instructions_per_request_stay_within_the_baseline() {
    if std::env::var_os("TEST_DATABASE_URL").is_some() {
        // The gate counts the SQLite run only: the PostgreSQL server's work is not in this
        // process, and the suite's SQLite run has measured the same code.
        return;
    }
    let valgrind = Command::new("valgrind").arg("--version").output();
    if valgrind.is_err() {
        panic!("valgrind is not installed: install it (apt-get install valgrind) for the instruction gate");
    }
    let out = tempfile_dir();
    let status = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--instr-atstart=no",
            "--dump-instr=no",
            "--compress-strings=no",
            "--fair-sched=yes",
        ])
        .arg(format!("--callgrind-out-file={}/callgrind.out", out.display()))
        .arg(std::env::current_exe().expect("this test binary"))
        .args(["--ignored", "--exact", "instructions::measured_requests", "--test-threads=1"])
        .env_remove("TEST_DATABASE_URL")
        .env_remove("POLYSHOP_PRINT_SQL")
        .env(crate::served::DO_NOT_RECORD, "1")
        .status()
        .expect("run valgrind");
    assert!(status.success(), "the measured requests failed under callgrind: {status}");
    let measured = read_dumps(&out);
    let _ = std::fs::remove_dir_all(&out);
    assert_eq!(measured.keys().map(String::as_str).collect::<Vec<_>>(), sorted(&ENDPOINTS), "one dump per endpoint");
    let baseline_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/instructions.json");
    if std::env::var_os("POLYSHOP_UPDATE_INSTRUCTIONS").is_some() {
        let text = serde_json::to_string_pretty(&measured).expect("json") + "\n";
        std::fs::write(&baseline_path, text).expect("write the baseline");
        return;
    }
    let baseline: BTreeMap<String, u64> =
        serde_json::from_str(&std::fs::read_to_string(&baseline_path).expect("the baseline")).expect("baseline json");
    let mut out_of_bounds = Vec::new();
    for (name, count) in &measured {
        let Some(&base) = baseline.get(name) else {
            out_of_bounds.push(format!("{name}: {count} instructions, no baseline"));
            continue;
        };
        let ratio = *count as f64 / base as f64;
        eprintln!("{name}: {count} instructions a request (baseline {base}, {:+.1} %)", (ratio - 1.0) * 100.0);
        if !(1.0 - BELOW..=1.0 + ABOVE).contains(&ratio) {
            out_of_bounds
                .push(format!("{name}: {count} instructions, baseline {base} ({:+.1} %)", (ratio - 1.0) * 100.0));
        }
    }
    assert!(
        out_of_bounds.is_empty(),
        "instructions per request moved past the gate (+{:.0} % / -{:.0} %):\n{}\n\
         If the change is intended, update the baseline: \
         POLYSHOP_UPDATE_INSTRUCTIONS=1 cargo test --test api -- instructions::",
        ABOVE * 100.0,
        BELOW * 100.0,
        out_of_bounds.join("\n")
    );
}

/// Instructions a request per endpoint, the least of its rounds, from callgrind's dumps
/// (`callgrind.out.N`, each with `desc: Trigger: Client Request: <name>#<round>` and a
/// `summary:` or `totals:` line).
fn read_dumps(dir: &Path) -> BTreeMap<String, u64> {
    let mut measured = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("callgrind's output") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("a dump");
        let Some(label) = text.lines().find_map(|l| l.strip_prefix("desc: Trigger: Client Request: ")) else {
            continue; // the dump at exit
        };
        let name = label.rsplit_once('#').map_or(label, |(name, _)| name);
        let total = text
            .lines()
            .find_map(|l| l.strip_prefix("summary: ").or_else(|| l.strip_prefix("totals: ")))
            .and_then(|t| t.split_whitespace().next()?.parse::<u64>().ok())
            .expect("a dump's total");
        let least = measured.entry(name.to_owned()).or_insert(total);
        *least = (*least).min(total);
    }
    measured
}

fn sorted(names: &[&'static str]) -> Vec<&'static str> {
    let mut names = names.to_vec();
    names.sort_unstable();
    names
}

/// A new empty directory for callgrind's output.
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("polyshop-callgrind-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory for callgrind's output");
    dir
}

/// Callgrind's client requests. Written out here rather than taken from a crate: the crates that
/// offer them (crabgrind, valgrind-requests) generate their bindings with bindgen at build time,
/// which needs libclang; the three requests the gate uses are one instruction sequence each.
mod callgrind {
    use std::ffi::CString;

    /// `VG_USERREQ_TOOL_BASE('C', 'T')`, then callgrind's requests in the order of callgrind.h.
    const BASE: usize = (b'C' as usize) << 24 | (b'T' as usize) << 16;
    const ZERO_STATS: usize = BASE + 1;
    const DUMP_STATS_AT: usize = BASE + 3;
    const START_INSTRUMENTATION: usize = BASE + 4;

    pub fn zero_stats() {
        request(ZERO_STATS, 0);
    }

    pub fn start_instrumentation() {
        request(START_INSTRUMENTATION, 0);
    }

    /// Writes the counts since the last zero to a dump whose description names `reason`.
    pub fn dump_stats_at(reason: &str) {
        let reason = CString::new(reason).expect("no NUL in a name");
        request(DUMP_STATS_AT, reason.as_ptr() as usize);
    }

    #[cfg(target_arch = "x86_64")]
    fn request(code: usize, arg: usize) {
        let args: [usize; 6] = [code, arg, 0, 0, 0, 0];
        // SAFETY: valgrind's "special instruction" sequence (valgrind.h, amd64-linux): four
        // rotations of rdi that add up to 128 bits, leaving it unchanged, then an exchange of
        // rbx with itself. Run natively it changes nothing; under valgrind it hands the request
        // at rax to the tool and leaves the answer in rdx. `args` outlives the sequence.
        unsafe {
            std::arch::asm!(
                "rol rdi, 3",
                "rol rdi, 13",
                "rol rdi, 61",
                "rol rdi, 51",
                "xchg rbx, rbx",
                in("rax") args.as_ptr(),
                inout("rdx") 0usize => _,
                inout("rdi") 0usize => _,
                options(nostack),
            );
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn request(_code: usize, _arg: usize) {
        panic!("the instruction gate speaks callgrind's client requests on x86_64 only");
    }
}
