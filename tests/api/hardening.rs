//! Hostile and careless input, across the surfaces: every class of defect refused with a 4xx in
//! the surface's own error style, nothing written, and no panic or 500.

use std::sync::Arc;

use poem::{EndpointExt, http::StatusCode, test::TestClient};
use polyshop::guard::{Guard, MAX_BODY_BYTES, MAX_URI_BYTES, Styles};
use polyshop_entities::{orders, products};
use polyshop_runtime::ErrorStyle;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    cs_cart::{app_with_admin, post, put},
    harness::{TestApp, json as body_json, status_json},
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

/// The error body each API's clients read, for `status`.
fn styled(path: &str, status: u16, message: &str) -> Value {
    let reason = StatusCode::from_u16(status).unwrap().canonical_reason().unwrap();
    if path.starts_with("/api/graphql") {
        json!({"errors": [{"message": message}]})
    } else if path.starts_with("/cs/") {
        json!({"error": true, "errors": [message]})
    } else if path.starts_with("/api/orders") || path.starts_with("/api/stores") {
        json!({"message": format!("{reason}: {message}"), "status": status, "messages": [message]})
    } else {
        json!({"message": message})
    }
}

const ONE_PER_STYLE: [&str; 4] = ["/api/orders", "/cs/api/v1/orders", "/api/shop/products", "/api/graphql"];

/// A panicking handler answers 500 in its surface's style (and the log names the request);
/// the connection is not dropped.
#[tokio::test]
async fn a_panic_answers_500_in_the_surface_style() {
    let styles = Styles { routes: vec![("/api/graphql".to_owned(), ErrorStyle::GraphQl)] };
    let panicking = poem::endpoint::make(|req: poem::Request| async move {
        let page: i64 = req.uri().path().len().try_into().unwrap();
        // An overflow, as a handler with unchecked arithmetic would hit it (debug builds).
        let total = std::hint::black_box(i64::MAX) + page;
        total.to_string()
    });
    let client = TestClient::new(panicking.with(Guard(Arc::new(styles))));
    for path in ONE_PER_STYLE {
        let (status, body) = status_json(client.get(path).send().await).await;
        assert_eq!(status, 500, "{path}");
        assert_eq!(body, styled(path, 500, "Internal Server Error"), "{path}");
    }
}

/// Errors raised before any handler runs (413, 414, 404, 405, a NUL in the URI) follow the
/// style of the API the path belongs to.
#[tokio::test]
async fn framework_errors_follow_the_surface_style() {
    let app = TestApp::new().await;
    let big = vec![b'a'; MAX_BODY_BYTES + 1];
    let long = format!("?q={}", "a".repeat(MAX_URI_BYTES));
    for path in ONE_PER_STYLE {
        let resp = app.post(path).content_type("application/json").body(big.clone()).send().await;
        let message = format!("The request body is larger than {MAX_BODY_BYTES} bytes");
        assert_eq!(status_json(resp).await, (413, styled(path, 413, &message)), "{path}");

        let resp = app.get(&format!("{path}{long}")).send().await;
        let message = format!("The request URI is longer than {MAX_URI_BYTES} bytes");
        assert_eq!(status_json(resp).await, (414, styled(path, 414, &message)), "{path}");

        let resp = app.get(&format!("{path}?email=a%00b")).send().await;
        let message = "The request URI contains a NUL character (%00), which no parameter accepts";
        assert_eq!(status_json(resp).await, (400, styled(path, 400, message)), "{path}");
    }
    for path in ["/api/orders/1/nowhere", "/cs/api/v1/nowhere", "/api/shop/nowhere"] {
        let (status, body) = status_json(app.get(path).send().await).await;
        assert_eq!((status, body), (404, styled(path, 404, "Not Found: no API route matches this path")), "{path}");
    }
}

/// A method a resource does not support is a 405 that says which ones it does.
#[tokio::test]
async fn method_not_allowed_lists_the_allowed_methods() {
    let app = TestApp::new().await;
    for (path, allow) in
        [("/api/orders", "GET, POST"), ("/api/orders/3", "GET, PUT, DELETE"), ("/cs/api/v1/orders/3", "GET, PATCH")]
    {
        let resp = app.request(poem::http::Method::TRACE, path).send().await;
        assert_eq!(resp.0.status(), 405, "{path}");
        let header = resp.0.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header.as_deref(), Some(allow), "{path}");
        let body = body_json(resp).await;
        assert_eq!(body, styled(path, 405, "Method Not Allowed"), "{path}");
    }
}

/// NUL characters in a JSON body are refused naming the field; nothing is written.
#[tokio::test]
async fn nul_characters_in_bodies_are_refused() {
    let (app, auth) = app_with_admin().await;
    let before = orders::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap();
    let (status, resp) = put(&app, &auth, "/api/orders/1", json!({"notes": "ring\u{0}twice"})).await;
    assert_eq!(status, 400, "{resp}");
    assert!(resp["message"].as_str().unwrap().contains("notes: must not contain a NUL character"), "{resp}");
    let (status, resp) = put(&app, &auth, "/api/orders/1", json!({"user_data": {"b_city": "\u{0}"}})).await;
    assert_eq!(status, 400, "{resp}");
    assert!(resp["message"].as_str().unwrap().contains("user_data.b_city: must not contain"), "{resp}");
    assert_eq!(orders::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap(), before);
}

/// Free text has a documented maximum length: an over-long search is a 400, not a 500.
#[tokio::test]
async fn over_long_text_parameters_are_refused() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (status, body) =
        status_json(shop.get(&format!("/api/shop/products?query={}", "a".repeat(256))).send().await).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["message"].as_str().unwrap().contains("`query`"), "{body}");
    let (status, _) =
        status_json(shop.get(&format!("/api/shop/products?query={}", "a".repeat(255))).send().await).await;
    assert_eq!(status, 200);
}

/// A storefront key is public: the purchase cost stored for a product never reaches it
/// (DECISIONS BS-PRIV), while the field stays for clients that select it.
#[tokio::test]
async fn a_storefront_key_sees_no_purchase_cost() {
    let app = TestApp::new().await;
    let stored = products::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap().cost;
    assert!(stored.is_some(), "the demo product has a cost");
    let shop = app.shop().await;
    let data = shop.data(r#"{ product(id: "/api/shop/products/1") { sku cost } }"#, json!({})).await;
    assert_eq!(data["product"], json!({"sku": "OXF-SHIRT", "cost": null}));
}

/// GraphQL `Int` is 32 bits: a wider value is a validation error wherever it is written, also
/// on a field that would never run (under a null parent) and through a variable.
#[tokio::test]
async fn graphql_ints_beyond_32_bits_are_refused() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    for (query, variables) in [
        (r#"{ product(id: "/api/shop/products/999999") { images(first: 4294967296) { totalCount } } }"#, json!({})),
        (r#"{ product(id: "/api/shop/products/1") { images(first: 2147483648) { totalCount } } }"#, json!({})),
        (
            r#"query($n: Int) { product(id: "/api/shop/products/999999") { images(first: $n) { totalCount } } }"#,
            json!({"n": 4294967296_i64}),
        ),
    ] {
        let body = shop.graphql(query, variables).await;
        assert!(body.get("data").is_none_or(serde_json::Value::is_null), "{query}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("Int") || message.contains("first") || message.contains("n"), "{query}: {body}");
    }
    // In range, the same query runs.
    let data = shop
        .data(r#"{ product(id: "/api/shop/products/999999") { images(first: 2147483647) { totalCount } } }"#, json!({}))
        .await;
    assert_eq!(data, json!({"product": null}));
}

/// PostgreSQL connections run without JIT compilation (`db::connect_with`): it took ~40 ms per
/// execution of the catalog list's price filter for a statement that runs in a few.
#[tokio::test]
async fn postgres_connections_run_without_jit() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::new().await;
    if app.db().get_database_backend() != DbBackend::Postgres {
        return; // SQLite has no JIT; CI runs this suite on PostgreSQL too.
    }
    let sql = Statement::from_string(DbBackend::Postgres, "SELECT current_setting('jit') AS jit");
    let row = app.db().query_one_raw(sql).await.unwrap().unwrap();
    assert_eq!(row.try_get::<String>("", "jit").unwrap(), "off");
}
