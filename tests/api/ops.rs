//! Routes for operators: health, readiness, metrics, the landing page; public media; the
//! GraphiQL playground served without internet access.

use polyshop_migrations::MigratorTrait;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::harness::{TestApp, status_json};

async fn text(resp: poem::test::TestResponse) -> (u16, String) {
    let status = resp.0.status().as_u16();
    (status, resp.0.into_body().into_string().await.unwrap())
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::empty().await;
    assert_eq!(status_json(app.get("/healthz").send().await).await, (200, json!({"status": "ok"})));
    let ready = status_json(app.get("/readyz").send().await).await;
    assert_eq!(ready, (200, json!({"status": "ready", "database": "ok", "migrations": "current"})));

    // A migration the database has not applied: not ready, and the answer says which and what to run.
    let last = polyshop_migrations::Migrator::migrations().last().map(|m| m.name().to_owned()).unwrap();
    let backend = app.backend();
    app.db()
        .execute_raw(Statement::from_string(backend, format!("DELETE FROM seaql_migrations WHERE version = '{last}'")))
        .await
        .unwrap();
    let (status, body) = status_json(app.get("/readyz").send().await).await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], "not ready");
    let problem = body["problems"][0].as_str().unwrap();
    assert!(problem.contains(&last) && problem.contains("polyshop migrate"), "{problem}");
}

#[tokio::test]
async fn metrics_count_requests_by_surface_operation_and_status() {
    let app = TestApp::new().await;
    let basic = app.admin_basic().await;
    for _ in 0..2 {
        app.get("/api/orders").header("Authorization", &basic).send().await.assert_status_is_ok();
    }
    app.get("/api/orders/999999")
        .header("Authorization", &basic)
        .send()
        .await
        .assert_status(poem::http::StatusCode::NOT_FOUND);
    app.get("/no/such/route").send().await;
    let (status, metrics) = text(app.get("/metrics").send().await).await;
    assert_eq!(status, 200);
    let line = |prefix: &str| metrics.lines().find(|l| l.starts_with(prefix)).map(str::to_owned);
    assert_eq!(
        line(r#"polyshop_http_requests_total{operation="list_orders",status="200",surface="cs-cart"}"#).as_deref(),
        Some(r#"polyshop_http_requests_total{operation="list_orders",status="200",surface="cs-cart"} 2"#)
    );
    assert!(
        line(r#"polyshop_http_requests_total{operation="get_order",status="404",surface="cs-cart"}"#).is_some(),
        "{metrics}"
    );
    assert!(
        line(r#"polyshop_http_requests_total{operation="none",status="404",surface="none"}"#).is_some(),
        "{metrics}"
    );
    assert!(
        line(r#"polyshop_http_request_duration_seconds_count{operation="list_orders",surface="cs-cart"}"#)
            .is_some_and(|l| l.ends_with(" 2")),
        "{metrics}"
    );
    let max = line(r#"polyshop_db_pool_connections{state="max"}"#).expect("pool gauge");
    assert!(!max.ends_with(" 0"), "{max}");
}

#[tokio::test]
async fn the_landing_page_links_every_api() {
    let app = TestApp::empty().await;
    let (status, page) = text(app.get("/").send().await).await;
    assert_eq!(status, 200);
    for href in [
        "/api/docs.json",
        "/api/shop",
        "/api/graphiql",
        "/cs/api/v1/openapi.json",
        "/cs/api/v1/docs/",
        "/api/cs-cart/docs/",
        "/healthz",
        "/metrics",
    ] {
        assert!(page.contains(&format!(r#"href="{href}""#)), "{href} missing from {page}");
    }
    // Every link answers.
    for href in ["/api/docs.json", "/api/graphiql", "/cs/api/v1/openapi.json", "/api/cs-cart/openapi.json"] {
        assert_eq!(app.get(href).send().await.0.status(), 200, "{href}");
    }
}

#[tokio::test]
async fn graphiql_needs_no_internet() {
    let app = TestApp::empty().await;
    let (status, page) = text(app.get("/api/graphiql").send().await).await;
    assert_eq!(status, 200);
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("//cdn"), "{page}");
    let assets: Vec<&str> = page.split('"').filter(|s| s.starts_with("/api/graphiql/assets/")).collect();
    assert_eq!(assets.len(), 4, "{page}");
    for asset in assets {
        let resp = app.get(asset).send().await;
        assert_eq!(resp.0.status(), 200, "{asset}");
        let content_type = resp.0.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("text/css") || content_type.starts_with("text/javascript"), "{content_type}");
        let body = resp.0.into_body().into_bytes().await.unwrap();
        assert!(body.len() > 1000, "{asset}");
    }
    assert_eq!(app.get("/api/graphiql/assets/nothing.js").send().await.0.status(), 404);
}

#[tokio::test]
async fn public_media_are_served_and_private_files_are_not() {
    let app = TestApp::empty().await;
    let public = app.storage_dir().join("public/product/demo");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(public.join("front.jpg"), b"\xff\xd8\xff not really a jpeg").unwrap();
    let private = app.storage_dir().join("downloadable");
    std::fs::create_dir_all(&private).unwrap();
    std::fs::write(private.join("book.pdf"), b"%PDF paid content").unwrap();

    let resp = app.get("/storage/product/demo/front.jpg").send().await;
    assert_eq!(resp.0.status(), 200);
    assert_eq!(resp.0.headers()["content-type"], "image/jpeg");
    for path in
        ["/storage/downloadable/book.pdf", "/storage/../downloadable/book.pdf", "/storage/%2e%2e/downloadable/book.pdf"]
    {
        assert_ne!(app.get(path).send().await.0.status(), 200, "{path}");
    }
    // Without `serve --demo`, a missing image is missing.
    assert_eq!(app.get("/storage/product/other/front.jpg").send().await.0.status(), 404);
}
