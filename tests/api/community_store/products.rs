//! Products, variations and stock.

use polyshop_entities::products;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{app_with_token, bearer};
use crate::{
    harness::{TestApp, status_json},
    pretty,
};

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    status_json(app.get(path).header("authorization", bearer(token)).send().await).await
}

async fn patch(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    status_json(app.patch(path).header("authorization", bearer(token)).body_json(&body).send().await).await
}

fn skus(body: &Value) -> Vec<String> {
    body["data"].as_array().unwrap().iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn lists_products_most_recently_added_first() {
    let (app, token) = app_with_token().await;
    let (status, body) = get(&app, &token, "/cs/api/v1/products").await;
    assert_eq!(status, 200);
    let listed = skus(&body);
    assert_eq!(listed.len(), 20, "a page of 20");
    assert_eq!(body["meta"]["pagination"]["total"], 27, "every top-level product, inactive and out of stock included");
    assert_eq!(&listed[..3], ["SEWING-WORKSHOP", "ROOFTOP-BISTRO", "TAILORING-STUDIO"]);
    assert!(listed.contains(&"SUNGLASSES".to_owned()), "inactive products are listed");
    assert!(!listed.iter().any(|s| s.starts_with("CLASSIC-TEE-")), "variations are inside their product");
    insta::assert_snapshot!(pretty(&body));
}

#[tokio::test]
async fn paginates_products() {
    let (app, token) = app_with_token().await;
    let (_, body) = get(&app, &token, "/cs/api/v1/products?paging=5&page=6").await;
    assert_eq!(skus(&body).len(), 2);
    assert_eq!(
        body["meta"],
        json!({"pagination": {"total": 27, "count": 2, "per_page": 5, "current_page": 6, "total_pages": 6,
            "links": {"previous": "http://localhost/cs/api/v1/products?paging=5&page=5"}}})
    );
}

#[tokio::test]
async fn filters_products_by_date() {
    let (app, token) = app_with_token().await;
    // Products were added one a day from 5 January 2026, 10:00 UTC (03:00 in Phoenix), and
    // the storefront's other product types one a day from 2 February.
    let later: &[&str] = &[
        "SEWING-WORKSHOP",
        "ROOFTOP-BISTRO",
        "TAILORING-STUDIO",
        "FASHION-SHOW",
        "PERSONAL-STYLING",
        "GIFT-BOX",
        "WARDROBE-ESSENTIALS",
        "STYLE-GUIDE-EBOOK",
    ];
    let after = |skus: &[&'static str]| [later, skus].concat();
    let cases: [(&str, Vec<&str>); 7] = [
        ("date_added gt '2026-01-20'", after(&["WRAP-DRESS", "TRAIL-RUNNER", "CLASSIC-TEE"])),
        ("date_added eq '2026-02-02'", ["STYLE-GUIDE-EBOOK"].to_vec()),
        ("date_added lt '2026-01-07'", ["LIN-SHIRT", "OXF-SHIRT"].to_vec()),
        ("date_added eq '2026-01-06'", ["LIN-SHIRT"].to_vec()),
        ("date_added gt '2026-01-22T02:59'", after(&["WRAP-DRESS", "TRAIL-RUNNER"])),
        ("date_added eq '2026-01-06T03:00'", ["LIN-SHIRT"].to_vec()),
        ("date_updated gt '2026-05-31'", ["LIN-SHIRT"].to_vec()),
    ];
    for (filter, expected) in cases {
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/products?filter={}", urlencode(filter))).await;
        assert_eq!(status, 200, "{filter}: {body}");
        assert_eq!(skus(&body), expected, "{filter}");
    }
}

#[tokio::test]
async fn refuses_malformed_product_filters() {
    let (app, token) = app_with_token().await;
    for filter in [
        "date_added",
        "price gt '2026-01-01'",
        "date_added ge '2026-01-01'",
        "date_added gt 2026-01-01",
        "date_added gt 'soon'",
    ] {
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/products?filter={}", urlencode(filter))).await;
        assert_eq!(status, 400, "{filter}");
        let message = body["errors"][0].as_str().unwrap();
        assert!(message.starts_with("Invalid parameter `filter`"), "{message}");
    }
}

fn urlencode(s: &str) -> String {
    s.replace(' ', "%20").replace('\'', "%27")
}

#[tokio::test]
async fn product_details() {
    let (app, token) = app_with_token().await;
    // 17: configurable with variations; 2: special price in effect; 8: expired special price;
    // 13: inactive; 11: stock not tracked.
    for id in [17, 2, 8, 13, 11] {
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/products/{id}")).await;
        assert_eq!(status, 200);
        insta::assert_snapshot!(format!("product_{id}"), pretty(&body));
    }
}

#[tokio::test]
async fn prices_follow_special_price_dates() {
    let (app, token) = app_with_token().await;
    let (_, linen) = get(&app, &token, "/cs/api/v1/products/2").await;
    assert_eq!(
        (linen["data"]["price"].to_string(), linen["data"]["sale_price"].to_string()),
        ("44.25".into(), "44.25".into())
    );
    let (_, gown) = get(&app, &token, "/cs/api/v1/products/8").await;
    assert_eq!(gown["data"]["price"].to_string(), "249.99", "the gown's sale ended in February");
}

#[tokio::test]
async fn unknown_products() {
    let (app, token) = app_with_token().await;
    assert_eq!(
        get(&app, &token, "/cs/api/v1/products/999").await,
        (404, json!({"error": true, "errors": ["Product not found"]}))
    );
    // Variations are not products of their own here.
    assert_eq!(get(&app, &token, "/cs/api/v1/products/18").await.0, 404);
    assert_eq!(get(&app, &token, "/cs/api/v1/products/x").await.0, 400);
}

#[tokio::test]
async fn updates_a_products_stock() {
    let (app, token) = app_with_token().await;
    let (status, body) = patch(&app, &token, "/cs/api/v1/products/1", json!({"data": {"stock_level": 5}})).await;
    assert_eq!(status, 200);
    assert_eq!(
        (body["data"]["stock_level"].to_string(), &body["data"]["stock_unlimited"]),
        ("5".into(), &json!(false))
    );
    assert_eq!(app.stock(1).await, 5);

    let (_, body) = patch(&app, &token, "/cs/api/v1/products/1", json!({"data": {"stock_unlimited": true}})).await;
    assert_eq!((body["data"]["stock_level"].to_string(), &body["data"]["stock_unlimited"]), ("5".into(), &json!(true)));
    let (_, body) =
        patch(&app, &token, "/cs/api/v1/products/1", json!({"data": {"stock_level": 12.0, "stock_unlimited": false}}))
            .await;
    assert_eq!(
        (body["data"]["stock_level"].to_string(), &body["data"]["stock_unlimited"]),
        ("12".into(), &json!(false))
    );
    let (_, again) = get(&app, &token, "/cs/api/v1/products/1").await;
    assert_eq!(again, body);
}

#[tokio::test]
async fn refuses_bad_stock_updates_and_writes_nothing() {
    let (app, token) = app_with_token().await;
    let cases = [
        (json!({"data": {"stock_level": -1}}), "must not be negative"),
        (json!({"data": {"stock_level": 2.5}}), "whole units"),
        (json!({"data": {"stock_level": "5"}}), "`data.stock_level`: invalid type: string"),
        (json!({"data": {"stock_unlimited": "yes"}}), "`data.stock_unlimited`"),
        (json!({"data": {}}), "Nothing to update"),
        (json!({"data": {"stock_level": 1e12}}), "more than"),
    ];
    for (body, message) in cases {
        let (status, resp) = patch(&app, &token, "/cs/api/v1/products/1", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(resp["errors"][0].as_str().unwrap().contains(message), "{body}: {resp}");
    }
    assert_eq!(app.stock(1).await, 40);
    let product = products::Entity::find_by_id(1).one(app.db()).await.unwrap().unwrap();
    assert!(product.manage_stock);
    // A configurable product's stock is its variations'.
    let (status, resp) = patch(&app, &token, "/cs/api/v1/products/17", json!({"data": {"stock_level": 3}})).await;
    assert_eq!(status, 400);
    assert!(resp["errors"][0].as_str().unwrap().contains("update its variations"), "{resp}");
    assert_eq!(patch(&app, &token, "/cs/api/v1/products/999", json!({"data": {"stock_level": 3}})).await.0, 404);
}

#[tokio::test]
async fn stock_by_sku_for_products_and_variations() {
    let (app, token) = app_with_token().await;
    let (status, product) = get(&app, &token, "/cs/api/v1/skus/OXF-SHIRT").await;
    assert_eq!(status, 200);
    insta::assert_snapshot!("sku_product", pretty(&product));
    let (status, variation) = get(&app, &token, "/cs/api/v1/skus/CLASSIC-TEE-BLUE-M").await;
    assert_eq!(status, 200);
    assert_eq!(
        (variation["data"]["variation"].as_bool(), variation["data"]["product_id"].as_i64()),
        (Some(true), Some(17))
    );
    insta::assert_snapshot!("sku_variation", pretty(&variation));
    assert_eq!(
        get(&app, &token, "/cs/api/v1/skus/NOPE").await,
        (404, json!({"error": true, "errors": ["SKU not found"]}))
    );
}

#[tokio::test]
async fn updates_stock_by_sku_for_products_and_variations() {
    let (app, token) = app_with_token().await;
    let (status, body) = patch(&app, &token, "/cs/api/v1/skus/OXF-SHIRT", json!({"data": {"stock_level": 7}})).await;
    assert_eq!((status, body["data"]["stock_level"].to_string()), (200, "7".into()));
    assert_eq!(app.stock(1).await, 7);

    let variant = products::Entity::find()
        .filter(products::Column::Sku.eq("CLASSIC-TEE-BLUE-M"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let (status, body) = patch(
        &app,
        &token,
        "/cs/api/v1/skus/CLASSIC-TEE-BLUE-M",
        json!({"data": {"stock_level": 0, "stock_unlimited": false}}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["stock_level"].to_string(), "0");
    assert_eq!(app.stock(variant.id).await, 0);
    // The parent's stock is the sum of its variations'.
    let (_, parent) = get(&app, &token, "/cs/api/v1/products/17").await;
    let sum: i64 =
        parent["data"]["variations"].as_array().unwrap().iter().map(|v| v["stock_level"].as_i64().unwrap()).sum();
    assert_eq!(parent["data"]["stock_level"].as_i64(), Some(sum));

    assert_eq!(patch(&app, &token, "/cs/api/v1/skus/NOPE", json!({"data": {"stock_level": 1}})).await.0, 404);
    assert_eq!(patch(&app, &token, "/cs/api/v1/skus/CLASSIC-TEE", json!({"data": {"stock_level": 1}})).await.0, 400);
}

#[tokio::test]
async fn stock_by_variation_id() {
    let (app, token) = app_with_token().await;
    let (status, body) = get(&app, &token, "/cs/api/v1/variations/18").await;
    assert_eq!((status, body["data"]["sku"].as_str()), (200, Some("CLASSIC-TEE-RED-S")));
    let (status, body) = patch(&app, &token, "/cs/api/v1/variations/18", json!({"data": {"stock_level": 4}})).await;
    assert_eq!((status, body["data"]["stock_level"].to_string()), (200, "4".into()));
    assert_eq!(
        get(&app, &token, "/cs/api/v1/variations/1").await,
        (404, json!({"error": true, "errors": ["Variation not found"]}))
    );
    assert_eq!(patch(&app, &token, "/cs/api/v1/variations/1", json!({"data": {"stock_level": 4}})).await.0, 404);
}

#[tokio::test]
async fn a_page_of_products_costs_the_same_queries_whatever_its_size() {
    let (app, token) = app_with_token().await;
    let mut counts = Vec::new();
    // Pages that hold configurable products (their variations cost a fixed few queries more).
    for paging in [12, 20, 27] {
        app.reset_query_count();
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/products?paging={paging}")).await;
        assert_eq!((status, body["data"].as_array().unwrap().len()), (200, paging));
        counts.push(app.query_count());
    }
    assert!(counts.iter().all(|c| *c == counts[0]), "queries per page size: {counts:?}");
    assert!(counts[0] <= 20, "{counts:?}");
}
