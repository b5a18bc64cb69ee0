//! Hostile and careless input, across the surfaces: every class of defect refused with a 4xx in
//! the surface's own error style, nothing written, and no panic or 500.

use polyshop_entities::{orders, products};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    cs_cart::{app_with_admin, post, put},
    harness::TestApp,
};

async fn order_count(app: &TestApp) -> u64 {
    orders::Entity::find().count(app.db()).await.unwrap()
}

async fn stock_of(app: &TestApp, sku: &str) -> i32 {
    let p = products::Entity::find().filter(products::Column::Sku.eq(sku)).one(app.db()).await.unwrap().unwrap();
    app.stock(p.id).await
}

/// Quantities never wrap around: lines whose units add up beyond 32 bits (2 × (2^31 − 1), or
/// 2^32 + 3, which wrapped to 3) are refused naming the line, and nothing is written.
#[tokio::test]
async fn quantities_beyond_32_bits_are_refused_not_wrapped() {
    let (app, auth) = app_with_admin().await;
    let before = (order_count(&app).await, stock_of(&app, "OXF-SHIRT").await);
    let order = |products: Value| json!({"user_id": 3, "payment_id": 1, "shipping_id": 1, "products": products});
    let max = i32::MAX;
    let cases = [
        json!({"1": {"amount": max}, "2": {"amount": max}}),
        json!({"a": {"product_id": 1, "amount": max}, "b": {"product_id": 1, "amount": max}, "c": {"product_id": 1, "amount": 5}}),
    ];
    for products in cases {
        let (status, resp) = post(&app, &auth, "/api/orders", order(products.clone())).await;
        assert_eq!(status, 400, "{products}: {resp}");
        let message = resp["message"].as_str().unwrap();
        assert!(message.contains(".amount: the order's quantities"), "{message}");
    }
    // One line beyond 32 bits is not a quantity at all.
    let (status, resp) = post(&app, &auth, "/api/orders", order(json!({"1": {"amount": 4_294_967_299_i64}}))).await;
    assert_eq!(status, 400, "{resp}");
    assert!(resp["message"].as_str().unwrap().contains("products.1.amount"), "{resp}");
    assert_eq!((order_count(&app).await, stock_of(&app, "OXF-SHIRT").await), before);
}

/// Money beyond what the columns hold is refused naming the field; the order is unchanged.
#[tokio::test]
async fn amounts_beyond_the_money_columns_are_refused() {
    let (app, auth) = app_with_admin().await;
    let before = orders::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap();
    for total in [json!("99999999999999999999"), json!(1e15), json!("922337203685477.5808"), json!("1e30")] {
        let (status, resp) = put(&app, &auth, "/api/orders/1", json!({"total": total})).await;
        assert_eq!(status, 400, "{total}: {resp}");
        assert_eq!(resp["status"], 400);
        assert!(resp["message"].as_str().unwrap().contains("total:"), "{total}: {resp}");
    }
    let after = orders::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap();
    assert_eq!(after, before);
    // The largest amount the column holds is accepted and read back exactly.
    let (status, resp) = put(&app, &auth, "/api/orders/1", json!({"total": "922337203685477.5807"})).await;
    assert_eq!(status, 200, "{resp}");
    let after = orders::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap();
    assert_eq!(after.base_grand_total.value().to_string(), "922337203685477.5807");
}
