//! SQL statements per request, pinned: the cheap regression gate of the benchmarks (bench/).
//! A change that adds round trips to a hot endpoint fails here, whatever the machine's speed.
//! Counts include one read of the settings generation (the scope cache's check), which
//! production makes at most once a second.

use serde_json::json;

use crate::harness::TestApp;

/// Statements a request runs once the app is warm (the same request made once before).
async fn warm_count(app: &TestApp, send: impl AsyncFn() -> u16) -> usize {
    assert!((200..300).contains(&send().await));
    app.reset_query_count();
    let status = send().await;
    assert!((200..300).contains(&status), "{status}");
    app.query_count()
}

/// Statements of a request made for the first time (nothing of it kept yet).
async fn first_count(app: &TestApp, send: impl AsyncFn() -> u16) -> usize {
    app.reset_query_count();
    let status = send().await;
    assert!((200..300).contains(&status), "{status}");
    app.query_count()
}

#[tokio::test]
async fn hot_endpoints_run_few_statements() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let basic = app.admin_basic().await;
    let rest = async |path: &str| shop.get(path).send().await.0.status().as_u16();
    let graphql = async |query: &str| {
        let resp = app
            .post("/api/graphql")
            .header("X-STOREFRONT-KEY", &shop.key)
            .body_json(&json!({"query": query}))
            .send()
            .await;
        resp.0.status().as_u16()
    };
    let counts = vec![
        // Product pages and cards are kept per settings generation (catalog/page.rs): a warm
        // page reads its stock only; a list, its page of products and their stock; a sorted or
        // filtered list, the stock of a slice of its kept matches.
        ("GET /api/shop/products/1", warm_count(&app, async || rest("/api/shop/products/1").await).await),
        (
            "GET /api/shop/products/17 (configurable, 9 variants)",
            warm_count(&app, async || rest("/api/shop/products/17").await).await,
        ),
        ("GET /api/shop/products/2 (first read)", first_count(&app, async || rest("/api/shop/products/2").await).await),
        (
            "GET /api/shop/products?per_page=20",
            warm_count(&app, async || rest("/api/shop/products?per_page=20").await).await,
        ),
        (
            "GET /api/shop/products?sort=price-desc&per_page=20 (the ordered matches kept)",
            warm_count(&app, async || rest("/api/shop/products?sort=price-desc&per_page=20").await).await,
        ),
        (
            "GraphQL product(id)",
            warm_count(&app, async || {
                graphql(r#"{ product(id: "/api/shop/products/1") { id sku name price } }"#).await
            })
            .await,
        ),
        (
            "GraphQL products(first: 20)",
            warm_count(&app, async || {
                graphql("{ products(first: 20) { edges { node { id sku name price } } } }").await
            })
            .await,
        ),
        (
            "GET /api/orders (CS-Cart)",
            warm_count(&app, async || {
                app.get("/api/orders").header("Authorization", &basic).send().await.0.status().as_u16()
            })
            .await,
        ),
    ];
    insta::assert_debug_snapshot!(counts);
}

/// The cart of a guest with three lines (simple, virtual, configurable): reading it, priced
/// now, costs a fixed number of statements whatever the number of lines.
#[tokio::test]
async fn reading_a_cart_runs_few_statements() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let created = crate::harness::json(shop.post("/api/shop/cart-tokens").send().await).await;
    let token = format!("Bearer {}", created["cartToken"].as_str().unwrap());
    for product in [json!({"productId": 1}), json!({"productId": 15})] {
        let resp =
            shop.post("/api/shop/add-product-in-cart").header("Authorization", &token).body_json(&product).send().await;
        assert_eq!(resp.0.status(), 201);
    }
    let read = async || shop.get("/api/shop/cart").header("Authorization", &token).send().await.0.status().as_u16();
    let two_lines = warm_count(&app, read).await;
    let resp = shop
        .post("/api/shop/add-product-in-cart")
        .header("Authorization", &token)
        .body_json(&json!({"productId": 2}))
        .send()
        .await;
    assert_eq!(resp.0.status(), 201);
    let three_lines = warm_count(&app, read).await;
    assert_eq!(two_lines, three_lines, "a cart's lines are priced in batches");
    insta::assert_debug_snapshot!(("GET /api/shop/cart", three_lines));
}

/// The storefront scope is cached per process and dropped when the settings change: at once
/// when this process changed them, within the revalidation interval when another did.
#[tokio::test]
async fn the_scope_cache_sees_changes_from_other_processes() {
    use polyshop::settings::{
        cache::{ScopeCache, bump},
        scope::ScopeRequest,
    };
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::new().await;
    let db = app.db();
    let rename = async |name: &str| {
        let sql = format!("UPDATE channels SET name = '{name}' WHERE code = 'default'");
        db.execute_raw(Statement::from_string(app.backend(), sql)).await.unwrap();
    };
    let wanted = ScopeRequest::default();
    let cached = ScopeCache::new(std::time::Duration::from_secs(3600));
    let revalidating = ScopeCache::new(std::time::Duration::ZERO);
    for cache in [&cached, &revalidating] {
        assert_eq!(cache.scope(db, &wanted, None).await.unwrap().channel.name, "Polyshop Demo Store");
    }
    // Another process renames the channel and records the change, as every settings write does.
    rename("Renamed Elsewhere").await;
    bump(db).await.unwrap();
    app.reset_query_count();
    assert_eq!(cached.scope(db, &wanted, None).await.unwrap().channel.name, "Polyshop Demo Store");
    assert_eq!(app.query_count(), 0, "a current cache reads nothing");
    assert_eq!(revalidating.scope(db, &wanted, None).await.unwrap().channel.name, "Renamed Elsewhere");
    app.reset_query_count();
    assert_eq!(revalidating.scope(db, &wanted, None).await.unwrap().channel.name, "Renamed Elsewhere");
    assert_eq!(app.query_count(), 1, "only the generation is read");

    // A change made through this process is seen at once, whatever the interval.
    let input = polyshop::settings::channels::ChannelInput { name: Some("Outlet".into()), ..Default::default() };
    polyshop::settings::channels::update_channel(db, 1, input, crate::harness::test_now()).await.unwrap();
    assert_eq!(cached.scope(db, &wanted, None).await.unwrap().channel.name, "Outlet");
}

/// Verified storefront keys are kept in process: an unlimited key is admitted without a
/// statement once read; a change made by this process drops them at once, one made by another
/// process within the cache's keeping time.
#[tokio::test]
async fn storefront_keys_are_kept_until_changed() {
    use polyshop::integrations::{
        KeyCache, StorefrontKeyService,
        storefront_keys::{Admission, RateLimit},
    };
    let app = TestApp::new().await;
    let (db, clock) = (app.db().clone(), app.state.clock.clone());
    let here = StorefrontKeyService::with_cache(
        db.clone(),
        clock.clone(),
        std::sync::Arc::new(KeyCache::new(std::time::Duration::from_millis(300))),
    );
    let elsewhere = StorefrontKeyService::new(db, clock);
    let admitted = |a: &Admission| matches!(a, Admission::Admitted { .. });
    let key = here.create("kiosk", Some(RateLimit::Unlimited), None).await.unwrap();
    assert!(admitted(&here.admit(&key.key).await.unwrap()));
    app.reset_query_count();
    assert!(admitted(&here.admit(&key.key).await.unwrap()));
    assert_eq!(app.query_count(), 0, "a kept key reads nothing");
    // Another process deactivates it: still kept here, until the keeping time is over.
    elsewhere.deactivate(&key.id.to_string(), None).await.unwrap();
    assert!(admitted(&here.admit(&key.key).await.unwrap()));
    tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    assert_eq!(here.admit(&key.key).await.unwrap(), Admission::Invalid);
    // A change made here drops what is kept at once.
    let second = here.create("till", Some(RateLimit::Unlimited), None).await.unwrap();
    assert!(admitted(&here.admit(&second.key).await.unwrap()));
    here.deactivate(&second.id.to_string(), None).await.unwrap();
    assert_eq!(here.admit(&second.key).await.unwrap(), Admission::Invalid);
}
