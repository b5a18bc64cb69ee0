//! Every documented operation is served to some test: the operations the API suite
//! (`tests/api`) actually called, recorded by `tests/api/served.rs` while it ran, cover every
//! operation of every REST surface. Cargo runs the test binaries in name order, so this one
//! after `tests/api`; run the whole suite (`cargo test --workspace`) for a meaningful answer.
//! A record older than the API suite's binary is refused as stale.

use polyshop_runtime::OperationInfo;

/// Every operation of every surface in the generated registry.
fn operations() -> impl Iterator<Item = &'static OperationInfo> {
    polyshop_surfaces::SURFACES.iter().flat_map(|s| s.info.operations)
}

/// When the API suite's test binary (`api-<hash>`, beside this one) was last built.
fn newest_api_suite_binary() -> Option<std::time::SystemTime> {
    let deps = std::env::current_exe().ok()?.parent()?.to_path_buf();
    std::fs::read_dir(deps)
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("api-") && !name.contains('.')
        })
        .filter_map(|e| e.metadata().and_then(|m| m.modified()).ok())
        .max()
}

/// `path` is an instance of the spec's path `template` (`/api/shop/products/{id}`).
fn matches(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.trim_end_matches('/').split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| t == p || (t.starts_with('{') && !p.is_empty()))
}

#[test]
fn every_operation_is_served_to_a_test() {
    let file = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("served-operations.txt");
    let served = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{} ({e}): run the API suite first (`cargo test --workspace`)", file.display()));
    // The record must come from the API suite as built now, not from an earlier build.
    let recorded = std::fs::metadata(&file).and_then(|m| m.modified()).expect("served-operations.txt");
    if let Some(built) = newest_api_suite_binary() {
        assert!(
            recorded >= built,
            "{} predates the API suite's binary: run the whole suite (`cargo test --workspace`)",
            file.display()
        );
    }
    let served: Vec<(&str, &str, &str)> = served
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
        .collect();
    let mut missing = Vec::new();
    for op in operations() {
        let covered = served.iter().any(|(id, method, path)| {
            *id == op.operation_id && method.eq_ignore_ascii_case(op.method) && matches(op.path, path)
        });
        if !covered {
            missing.push(format!("{} {} ({})", op.method, op.path, op.operation_id));
        }
    }
    assert!(missing.is_empty(), "operations no test was served:\n{}", missing.join("\n"));
}

#[test]
fn paths_match_their_templates() {
    assert!(matches("/api/shop/products/{id}", "/api/shop/products/12"));
    assert!(!matches("/api/shop/products/{id}", "/api/shop/products"));
    assert!(!matches("/api/shop/products/{id}", "/api/shop/product/12"));
    assert!(matches("/cs/api/v1/skus/{sku}", "/cs/api/v1/skus/GIFT-WRAP"));
}
