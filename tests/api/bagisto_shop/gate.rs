//! The storefront key gate: missing, unknown, inactive and expired keys, rate limits shared by
//! REST and GraphQL and by every server process, and the documentation served without a key.

use polyshop::integrations::storefront_keys::RateLimit;
use serde_json::json;

use crate::harness::{TestApp, json as body_json, status_json};

async fn key(app: &TestApp, limit: RateLimit) -> String {
    app.state.storefront_keys().create("web", Some(limit), None).await.unwrap().key
}

fn header(resp: &poem::test::TestResponse, name: &str) -> Option<String> {
    resp.0.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_missing_key_is_401_and_an_unknown_one_403() {
    let app = TestApp::new().await;
    let resp = app.get("/api/shop/locales").send().await;
    assert!(header(&resp, "X-RateLimit-Limit").is_none());
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 401);
    assert_eq!(body, json!({"message": "X-STOREFRONT-KEY header is required", "error": "missing_key"}));

    let resp = app.get("/api/shop/locales").header("X-STOREFRONT-KEY", "pk_storefront_nope").send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"message": "Invalid storefront key", "error": "invalid_key"}));

    // GraphQL answers the same way, with the same HTTP statuses.
    let resp = app.post("/api/graphql").body_json(&json!({"query": "{ locales { totalCount } }"})).send().await;
    assert_eq!(
        status_json(resp).await,
        (401, json!({"message": "X-STOREFRONT-KEY header is required", "error": "missing_key"}))
    );
}

#[tokio::test]
async fn deactivated_rotated_and_expired_keys_stop_working() {
    let app = TestApp::new().await;
    let keys = app.state.storefront_keys();
    let created = keys.create("mobile", None, Some(30)).await.unwrap();
    assert!(created.key.starts_with("pk_storefront_") && created.key.len() == "pk_storefront_".len() + 32);
    assert_eq!(created.rate_limit, Some(100));
    let app = &app;
    let ok =
        |k: String| async move { app.get("/api/shop/locales").header("X-STOREFRONT-KEY", k).send().await.0.status() };
    assert_eq!(ok(created.key.clone()).await, 200);

    let rotated = keys.rotate("mobile", None).await.unwrap();
    assert_eq!(rotated.replaces, Some(created.id));
    assert_eq!(ok(created.key.clone()).await, 403);
    assert_eq!(ok(rotated.key.clone()).await, 200);

    app.clock.advance(chrono::Duration::days(31));
    assert_eq!(ok(rotated.key.clone()).await, 403, "expired with the key it replaced");

    let other = keys.create("kiosk", None, None).await.unwrap();
    keys.deactivate(&other.id.to_string(), Some("kiosk retired")).await.unwrap();
    assert_eq!(ok(other.key).await, 403);
    let listed = keys.list().await.unwrap();
    // Expired keys stay active (their expiry stops them); rotated and deactivated ones do not.
    let active: Vec<i64> = listed.iter().filter(|k| k.is_active).map(|k| k.id).collect();
    assert_eq!(active, vec![rotated.id]);
    assert_eq!(listed.iter().find(|k| k.id == other.id).unwrap().deactivation_reason.as_deref(), Some("kiosk retired"));
}

#[tokio::test]
async fn every_response_carries_the_quota_and_the_limit_answers_429_until_the_window_ends() {
    let app = TestApp::new().await;
    let key = key(&app, RateLimit::PerMinute(3)).await;
    let now = crate::harness::test_now().timestamp();
    let reset = (now / 60 + 1) * 60;
    for remaining in [2, 1] {
        let resp = app.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await;
        resp.assert_status_is_ok();
        assert_eq!(header(&resp, "X-RateLimit-Limit").as_deref(), Some("3"));
        assert_eq!(header(&resp, "X-RateLimit-Remaining"), Some(remaining.to_string()));
        assert_eq!(header(&resp, "X-RateLimit-Reset"), Some(reset.to_string()));
    }
    // Errors count and carry the quota too.
    let resp = app.get("/api/shop/locales/999").header("X-STOREFRONT-KEY", &key).send().await;
    assert_eq!(header(&resp, "X-RateLimit-Remaining").as_deref(), Some("0"));
    assert_eq!(status_json(resp).await.0, 404);

    let resp = app.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await;
    assert_eq!(header(&resp, "Retry-After"), Some((reset - now).to_string()));
    assert_eq!(header(&resp, "X-RateLimit-Remaining").as_deref(), Some("0"));
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"message": "Rate limit exceeded", "error": "rate_limit_exceeded", "retry_after": reset - now})
    );

    // The next window starts afresh.
    app.clock.advance(chrono::Duration::seconds(reset - now));
    let resp = app.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await;
    resp.assert_status_is_ok();
    assert_eq!(header(&resp, "X-RateLimit-Remaining").as_deref(), Some("2"));
    assert_eq!(header(&resp, "X-RateLimit-Reset"), Some((reset + 60).to_string()));
}

#[tokio::test]
async fn rest_graphql_and_every_server_process_share_one_limit() {
    let app = TestApp::new().await;
    let key = key(&app, RateLimit::PerMinute(4)).await;
    // A second server process on the same database.
    let other = app.another_process().await;
    let query = json!({"query": "{ locales { totalCount } }"});
    let gql = app.post("/api/graphql").header("X-STOREFRONT-KEY", &key).body_json(&query).send().await;
    assert_eq!(header(&gql, "X-RateLimit-Remaining").as_deref(), Some("3"));
    let rest = other.get("/api/shop/currencies").header("X-STOREFRONT-KEY", &key).send().await;
    assert_eq!(header(&rest, "X-RateLimit-Remaining").as_deref(), Some("2"));
    let gql = other.post("/api/graphql").header("X-STOREFRONT-KEY", &key).body_json(&query).send().await;
    assert_eq!(header(&gql, "X-RateLimit-Remaining").as_deref(), Some("1"));
    app.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await.assert_status_is_ok();
    let resp = other.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await;
    assert_eq!(resp.0.status(), 429);
    let resp = app.post("/api/graphql").header("X-STOREFRONT-KEY", &key).body_json(&query).send().await;
    assert_eq!(resp.0.status(), 429);
}

#[tokio::test]
async fn unlimited_keys_send_no_quota() {
    let app = TestApp::new().await;
    let key = key(&app, RateLimit::Unlimited).await;
    for _ in 0..3 {
        let resp = app.get("/api/shop/locales").header("X-STOREFRONT-KEY", &key).send().await;
        resp.assert_status_is_ok();
        assert!(header(&resp, "X-RateLimit-Limit").is_none());
    }
}

#[tokio::test]
async fn the_documentation_needs_no_key() {
    let app = TestApp::empty().await;
    let resp = app.get("/api/shop").send().await;
    resp.assert_status_is_ok();
    assert!(header(&resp, "content-type").unwrap().starts_with("text/html"));
    let html = resp.0.into_body().into_string().await.unwrap();
    assert!(html.contains("swagger-ui") && html.contains("Bagisto Shop REST API"), "{html}");

    let resp = app.get("/api/docs.json").send().await;
    resp.assert_status_is_ok();
    let doc = body_json(resp).await;
    assert_eq!(doc["info"]["title"], "Bagisto Shop REST API");
    assert_eq!(doc["components"]["securitySchemes"]["StorefrontKey"]["name"], "X-STOREFRONT-KEY");

    // Introspection alone is open too (GraphiQL and code generators load the schema).
    let resp =
        app.post("/api/graphql").body_json(&json!({"query": "{ __schema { queryType { name } } }"})).send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!((status, body["data"]["__schema"]["queryType"]["name"].clone()), (200, json!("Query")));
    let resp = app.get("/api/graphiql").send().await;
    resp.assert_status_is_ok();
    assert!(resp.0.into_body().into_string().await.unwrap().contains("graphiql"));
}

#[tokio::test]
async fn unknown_shop_paths_answer_in_the_shop_style() {
    let app = TestApp::empty().await;
    let (status, body) = status_json(app.get("/api/shop/nothing-here").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Not Found: no API route matches this path"})));
    // Ids are digits: anything else is no route either.
    let shop = app.shop().await;
    let (status, body) = status_json(shop.get("/api/shop/locales/abc").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Not Found"})));
}

#[tokio::test]
async fn browsers_on_other_origins_may_call_and_read_the_paging_headers() {
    let app = TestApp::new().await;
    let origin = "https://shop.example.com";
    // Preflights need no key: browsers send them without custom headers.
    for path in ["/api/shop/products", "/api/graphql"] {
        let resp = app
            .options(path)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "x-storefront-key, content-type")
            .send()
            .await;
        assert_eq!(resp.0.status(), 200, "{path}");
        assert_eq!(header(&resp, "Access-Control-Allow-Origin").as_deref(), Some(origin), "{path}");
        let allowed = header(&resp, "Access-Control-Allow-Headers").unwrap_or_default().to_lowercase();
        assert!(allowed.contains("x-storefront-key"), "{path}: {allowed}");
    }

    let key = key(&app, RateLimit::PerMinute(100)).await;
    let resp =
        app.get("/api/shop/products?per_page=2").header("X-STOREFRONT-KEY", &key).header("Origin", origin).send().await;
    assert_eq!(resp.0.status(), 200);
    assert_eq!(header(&resp, "Access-Control-Allow-Origin").as_deref(), Some(origin));
    let exposed = header(&resp, "Access-Control-Expose-Headers").unwrap_or_default().to_lowercase();
    for name in ["x-total-count", "x-page", "x-per-page", "x-total-pages", "x-ratelimit-remaining", "retry-after"] {
        assert!(exposed.contains(name), "{name} not in {exposed}");
    }
    // A refused request still tells the browser's script why.
    let resp = app.get("/api/shop/products").header("Origin", origin).send().await;
    assert_eq!(resp.0.status(), 401);
    assert_eq!(header(&resp, "Access-Control-Allow-Origin").as_deref(), Some(origin));
}
