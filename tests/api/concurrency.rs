//! Concurrent writes: each request either applies whole or not at all, and none fails because
//! another ran at the same time. Meaningful on PostgreSQL (a pool of connections, row locks);
//! on SQLite the single connection serializes them.

use std::sync::Arc;

use polyshop_entities::{orders, product_inventories, products};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use tokio::sync::Barrier;

use crate::{
    community_store::{app_with_token, bearer},
    harness::{TestApp, status_json},
};

/// Sends `bodies` as PATCH requests to `path` from as many tasks, released at once.
async fn patch_at_once(app: Arc<TestApp>, token: &str, path: &'static str, bodies: Vec<Value>) -> Vec<(u16, Value)> {
    // Open a pool connection per request first, so none waits for a connection to be made.
    for _ in 0..2 {
        futures::future::join_all(
            (0..bodies.len()).map(|_| app.get("/cs/api/v1/config").header("authorization", bearer(token)).send()),
        )
        .await;
    }
    let barrier = Arc::new(Barrier::new(bodies.len()));
    let tasks: Vec<_> = bodies
        .into_iter()
        .map(|body| {
            let (app, barrier, auth) = (app.clone(), barrier.clone(), bearer(token));
            tokio::spawn(async move {
                barrier.wait().await;
                status_json(app.patch(path).header("authorization", auth).body_json(&body).send().await).await
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_stock_updates_leave_one_consistent_row() {
    let (app, token) = app_with_token().await;
    let app = Arc::new(app);
    // Gift wrapping has no inventory row yet: every request races to create it.
    let bodies = (1..=16).map(|level| json!({"data": {"stock_level": level, "stock_unlimited": false}})).collect();
    for (status, body) in patch_at_once(app.clone(), &token, "/cs/api/v1/skus/GIFT-WRAP", bodies).await {
        assert_eq!(status, 200, "{body}");
    }
    let product =
        products::Entity::find().filter(products::Column::Sku.eq("GIFT-WRAP")).one(app.db()).await.unwrap().unwrap();
    let rows = product_inventories::Entity::find()
        .filter(product_inventories::Column::ProductId.eq(product.id))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!((1..=16).contains(&rows[0].qty));
    assert!(product.manage_stock);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_fulfilment_updates_each_apply_whole() {
    let (app, token) = app_with_token().await;
    let app = Arc::new(app);
    let bodies = (1..=16)
        .map(|n| json!({"data": {"fulfilment": {"handle": "shipped", "tracking_id": format!("T{n}"), "tracking_code": format!("C{n}")}}}))
        .collect();
    for (status, body) in patch_at_once(app.clone(), &token, "/cs/api/v1/orders/3", bodies).await {
        assert_eq!(status, 200, "{body}");
    }
    let order = orders::Entity::find_by_id(3).one(app.db()).await.unwrap().unwrap();
    // Whichever update came last, its two tracking fields arrived together.
    let (id, code) = (order.tracking_id.unwrap(), order.tracking_code.unwrap());
    assert_eq!(id.trim_start_matches('T'), code.trim_start_matches('C'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_orders_never_oversell() {
    let app = Arc::new(TestApp::new().await);
    let auth = app.admin_basic().await;
    // Leather Derby Shoes: 5 in stock; 16 customers try to buy one each at the same moment.
    for _ in 0..2 {
        futures::future::join_all((0..16).map(|_| app.get("/api/stores/1").header("authorization", &auth).send()))
            .await;
    }
    let barrier = Arc::new(Barrier::new(16));
    let tasks: Vec<_> = (1..=16)
        .map(|n| {
            let (app, barrier, auth) = (app.clone(), barrier.clone(), auth.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                let body =
                    json!({"user_id": 1 + n % 10, "payment_id": 1, "shipping_id": 1, "products": {"4": {"amount": 1}}});
                status_json(
                    app.post("/api/stores/1/orders").header("authorization", auth).body_json(&body).send().await,
                )
                .await
            })
        })
        .collect();
    let mut placed = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            201 => placed += 1,
            400 => assert!(body["message"].as_str().unwrap().contains("Not enough stock of DERBY-SHOES"), "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(placed, 5);
    let left: i32 = product_inventories::Entity::find()
        .filter(product_inventories::Column::ProductId.eq(4))
        .all(app.db())
        .await
        .unwrap()
        .iter()
        .map(|i| i.qty)
        .sum();
    assert_eq!(left, 0);
    assert_eq!(orders::Entity::find().count(app.db()).await.unwrap(), 55);
}
