//! Every documented operation is served to some test: the operations the API suite
//! (`tests/api`) actually called, recorded by `tests/api/served.rs` while it ran, cover every
//! operation of every REST surface. Cargo runs this binary after `tests/api`; run the whole
//! suite (`cargo test --workspace`) for a meaningful answer.

use polyshop_runtime::OperationInfo;

fn surfaces() -> [&'static [OperationInfo]; 3] {
    [polyshop_api_community_store::OPERATIONS, polyshop_api_cs_cart::OPERATIONS, polyshop_api_bagisto_shop::OPERATIONS]
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
    let served: Vec<(&str, &str, &str)> = served
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
        .collect();
    let mut missing = Vec::new();
    for op in surfaces().into_iter().flatten() {
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
