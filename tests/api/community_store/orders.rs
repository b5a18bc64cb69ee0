//! Orders, fulfilment and fulfilment statuses.

use std::collections::BTreeSet;

use chrono::TimeZone;
use polyshop::sales::PaymentState;
use polyshop_entities::{order_payments, orders};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use super::{app_with_token, bearer};
use crate::{
    harness::{TestApp, status_json},
    pretty,
};

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    status_json(app.get(path).header("authorization", bearer(token)).send().await).await
}

fn ids(body: &Value) -> Vec<i64> {
    body["data"].as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()).collect()
}

/// Every order id matching a filter, following the pages.
async fn all_ids(app: &TestApp, token: &str, query: &str) -> BTreeSet<i64> {
    let (status, body) = get(app, token, &format!("/cs/api/v1/orders?paging=100&{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    assert!(body["meta"]["pagination"]["links"].get("next").is_none());
    ids(&body).into_iter().collect()
}

/// The demo orders with their payment rows, as stored.
async fn stored(app: &TestApp) -> Vec<(orders::Model, Option<order_payments::Model>)> {
    orders::Entity::find().find_also_related(order_payments::Entity).all(app.db()).await.unwrap()
}

#[tokio::test]
async fn first_page_newest_first() {
    let (app, token) = app_with_token().await;
    let (status, body) = get(&app, &token, "/cs/api/v1/orders").await;
    assert_eq!(status, 200);
    assert_eq!(ids(&body), (31..=50).rev().collect::<Vec<_>>());
    insta::assert_snapshot!(pretty(&body));
}

#[tokio::test]
async fn pagination_links_exist_only_for_existing_pages() {
    let (app, token) = app_with_token().await;
    let (_, first) = get(&app, &token, "/cs/api/v1/orders").await;
    let p = &first["meta"]["pagination"];
    assert_eq!((p["total"].as_i64(), p["count"].as_i64(), p["total_pages"].as_i64()), (Some(50), Some(20), Some(3)));
    assert_eq!(p["links"], json!({"next": "http://localhost/cs/api/v1/orders?page=2"}));

    let (_, second) = get(&app, &token, "/cs/api/v1/orders?status=processing&page=2&paging=3").await;
    assert_eq!(
        second["meta"]["pagination"]["links"],
        json!({
            "previous": "http://localhost/cs/api/v1/orders?status=processing&paging=3&page=1",
            "next": "http://localhost/cs/api/v1/orders?status=processing&paging=3&page=3",
        })
    );

    let (_, last) = get(&app, &token, "/cs/api/v1/orders?page=3").await;
    assert_eq!(ids(&last), (1..=10).rev().collect::<Vec<_>>());
    assert_eq!(last["meta"]["pagination"]["links"], json!({"previous": "http://localhost/cs/api/v1/orders?page=2"}));

    let (status, beyond) = get(&app, &token, "/cs/api/v1/orders?page=9").await;
    assert_eq!((status, beyond["data"].as_array().unwrap().len()), (200, 0));
}

#[tokio::test]
async fn links_use_the_host_the_client_called() {
    let (app, token) = app_with_token().await;
    let resp = app
        .get("/cs/api/v1/orders")
        .header("authorization", bearer(&token))
        .header("host", "shop.example.com:8443")
        .header("x-forwarded-proto", "https")
        .send()
        .await;
    let (_, body) = status_json(resp).await;
    assert_eq!(body["meta"]["pagination"]["links"]["next"], "https://shop.example.com:8443/cs/api/v1/orders?page=2");
}

#[tokio::test]
async fn filters_by_fulfilment_status() {
    let (app, token) = app_with_token().await;
    let all = stored(&app).await;
    for handle in ["incomplete", "processing", "shipped", "delivered", "nodelivery", "returned"] {
        let expected: BTreeSet<i64> =
            all.iter().filter(|(o, _)| o.fulfilment_status == handle).map(|(o, _)| o.id).collect();
        assert!(!expected.is_empty(), "the demo data has {handle} orders");
        assert_eq!(all_ids(&app, &token, &format!("status={handle}")).await, expected, "{handle}");
    }
    assert!(all_ids(&app, &token, "status=unknown").await.is_empty());
}

#[tokio::test]
async fn filters_by_payment_status() {
    let (app, token) = app_with_token().await;
    let all = stored(&app).await;
    let states = [
        ("paid", PaymentState::Paid),
        ("unpaid", PaymentState::Unpaid),
        ("cancelled", PaymentState::Cancelled),
        ("refunded", PaymentState::Refunded),
        ("incomplete", PaymentState::Incomplete),
    ];
    let mut seen = BTreeSet::new();
    for (name, state) in states {
        let expected: BTreeSet<i64> =
            all.iter().filter(|(o, p)| PaymentState::of(o, p.as_ref()) == state).map(|(o, _)| o.id).collect();
        assert!(!expected.is_empty(), "the demo data has {name} orders");
        assert_eq!(all_ids(&app, &token, &format!("paymentStatus={name}")).await, expected, "{name}");
        seen.extend(expected);
    }
    assert_eq!(seen.len(), 50, "every order has exactly one payment status");
}

#[tokio::test]
async fn filters_by_paid_cancelled_refunded_and_shippable() {
    let (app, token) = app_with_token().await;
    let all = stored(&app).await;
    let pay = |p: &Option<order_payments::Model>| p.as_ref().map(|p| p.status.clone()).unwrap_or_default();
    type Rule = fn(&orders::Model, &str) -> bool;
    let rules: [(&str, Rule); 4] = [
        ("paid", |_, p| p == "paid"),
        ("cancelled", |o, _| o.status == "canceled"),
        ("refunded", |_, p| p == "refunded"),
        ("shippable", |o, _| o.shipping_method.is_some()),
    ];
    for (flag, rule) in rules {
        let yes: BTreeSet<i64> = all.iter().filter(|(o, p)| rule(o, &pay(p))).map(|(o, _)| o.id).collect();
        let no: BTreeSet<i64> = all.iter().filter(|(o, p)| !rule(o, &pay(p))).map(|(o, _)| o.id).collect();
        assert!(!yes.is_empty() && !no.is_empty(), "{flag}");
        for (value, expected) in [("1", &yes), ("true", &yes), ("0", &no), ("off", &no)] {
            assert_eq!(&all_ids(&app, &token, &format!("{flag}={value}")).await, expected, "{flag}={value}");
        }
    }
    // Filters combine with AND.
    let both: BTreeSet<i64> = all
        .iter()
        .filter(|(o, p)| pay(p) == "paid" && o.shipping_method.is_some() && o.fulfilment_status == "shipped")
        .map(|(o, _)| o.id)
        .collect();
    assert_eq!(all_ids(&app, &token, "paid=1&shippable=yes&status=shipped").await, both);
}

#[tokio::test]
async fn filters_by_placement_day_in_the_store_timezone() {
    let (app, token) = app_with_token().await;
    let all = stored(&app).await;
    let phoenix = chrono_tz::America::Phoenix;
    let day = |d: u32, m: u32| phoenix.with_ymd_and_hms(2026, m, d, 0, 0, 0).unwrap().with_timezone(&chrono::Utc);
    let expected: BTreeSet<i64> =
        all.iter().filter(|(o, _)| o.created_at >= day(1, 5) && o.created_at < day(1, 6)).map(|(o, _)| o.id).collect();
    assert!(expected.len() > 2);
    assert_eq!(all_ids(&app, &token, "fromDate=2026-05-01&toDate=2026-05-31").await, expected);
    let from_only: BTreeSet<i64> = all.iter().filter(|(o, _)| o.created_at >= day(1, 9)).map(|(o, _)| o.id).collect();
    assert_eq!(all_ids(&app, &token, "fromDate=2026-09-01").await, from_only);
    // Order 1 was placed at 08:04 on 2 March, Phoenix time: toDate includes that whole day.
    assert!(all_ids(&app, &token, "toDate=2026-03-02").await.contains(&1));
    assert!(!all_ids(&app, &token, "toDate=2026-03-01").await.contains(&1));
}

#[tokio::test]
async fn filters_by_id_and_ids() {
    let (app, token) = app_with_token().await;
    assert_eq!(all_ids(&app, &token, "id=7").await, BTreeSet::from([7]));
    assert_eq!(all_ids(&app, &token, "id%5B%5D=3&id%5B%5D=12&id%5B%5D=999").await, BTreeSet::from([3, 12]));
    assert_eq!(all_ids(&app, &token, "id[]=4&id[]=5").await, BTreeSet::from([4, 5]));
}

#[tokio::test]
async fn refuses_malformed_filters_naming_them() {
    let (app, token) = app_with_token().await;
    let cases = [
        ("paymentStatus=sometimes", "`paymentStatus`"),
        ("fromDate=yesterday", "`fromDate`"),
        ("toDate=2026-02-32", "`toDate`"),
        ("paid=maybe", "`paid`"),
        ("shippable=2", "`shippable`"),
        ("id=seven", "`id`"),
        ("page=0", "`page`"),
        ("paging=101", "`paging`"),
        ("id[]=x", "`id[]`"),
    ];
    for (query, named) in cases {
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/orders?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"], true, "{query}");
        let message = body["errors"][0].as_str().unwrap();
        assert!(message.contains(named), "{query}: {message}");
    }
}

#[tokio::test]
async fn order_details() {
    let (app, token) = app_with_token().await;
    // 1: registered customer, a configurable line; 5: nothing to ship; 6: euros; 7: refunded;
    // 8: guest; 48: euros and a configurable line on sale.
    for id in [1, 5, 6, 7, 8, 48] {
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/orders/{id}")).await;
        assert_eq!(status, 200);
        insta::assert_snapshot!(format!("order_{id}"), pretty(&body));
    }
}

#[tokio::test]
async fn totals_use_the_order_currency_decimals() {
    let (app, token) = app_with_token().await;
    let resp = app.get("/cs/api/v1/orders/6").header("authorization", bearer(&token)).send().await;
    let text = resp.0.into_body().into_string().await.unwrap();
    let order: orders::Model = orders::Entity::find_by_id(6).one(app.db()).await.unwrap().unwrap();
    assert_eq!(order.order_currency_code, "EUR");
    let expected = format!("\"total\":{:.2}", order.grand_total.value());
    assert!(text.contains(&expected), "{expected} in {text}");
}

#[tokio::test]
async fn unknown_and_malformed_order_ids() {
    let (app, token) = app_with_token().await;
    let (status, body) = get(&app, &token, "/cs/api/v1/orders/999").await;
    assert_eq!((status, body), (404, json!({"error": true, "errors": ["Order not found"]})));
    let (status, body) = get(&app, &token, "/cs/api/v1/orders/abc").await;
    assert_eq!(status, 400);
    assert!(body["errors"][0].as_str().unwrap().contains("`oID`"), "{body}");
}

async fn patch(app: &TestApp, token: &str, id: i64, body: &str) -> (u16, Value) {
    status_json(
        app.patch(&format!("/cs/api/v1/orders/{id}"))
            .header("authorization", bearer(token))
            .body(body.to_owned())
            .send()
            .await,
    )
    .await
}

#[tokio::test]
async fn updates_fulfilment_and_tracking() {
    let (app, token) = app_with_token().await;
    let (status, body) = patch(
        &app,
        &token,
        3,
        r#"{"data":{"fulfilment":{"handle":"shipped","tracking_id":"123123123","tracking_code":"AAABBCCC","tracking_url":"https://trackmyparcel.com"}}}"#,
    )
    .await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&body["data"]["fulfilment"]));
    let (_, again) = get(&app, &token, "/cs/api/v1/orders/3").await;
    assert_eq!(again["data"]["fulfilment"], body["data"]["fulfilment"]);

    // Absent fields are kept, null clears a tracking field.
    let (_, body) =
        patch(&app, &token, 3, r#"{"data":{"fulfilment":{"handle":"delivered","tracking_url":null}}}"#).await;
    assert_eq!(
        body["data"]["fulfilment"],
        json!({"status": "Delivered", "handle": "delivered", "tracking_id": "123123123", "tracking_code": "AAABBCCC", "tracking_url": null})
    );
    // Fields outside `data` are ignored.
    let (status, _) = patch(&app, &token, 3, r#"{"data":{"fulfilment":{}},"status":"returned"}"#).await;
    assert_eq!(status, 200);
    let (_, again) = get(&app, &token, "/cs/api/v1/orders/3").await;
    assert_eq!(again["data"]["fulfilment"]["handle"], "delivered");
}

#[tokio::test]
async fn refuses_bad_fulfilment_updates_and_writes_nothing() {
    let (app, token) = app_with_token().await;
    let (_, before) = get(&app, &token, "/cs/api/v1/orders/3").await;
    let cases = [
        (
            r#"{"data":{"fulfilment":{"handle":"lost","tracking_code":"X"}}}"#,
            "`data.fulfilment.handle`: unknown fulfilment status `lost`",
        ),
        (r#"{"data":{"fulfilment":{"handle":7}}}"#, "`data.fulfilment.handle`"),
        (r#"{"data":{"fulfilment":{"tracking_url":"ftp://x"}}}"#, "`data.fulfilment.tracking_url`"),
        (
            &format!(r#"{{"data":{{"fulfilment":{{"tracking_id":"{}"}}}}}}"#, "x".repeat(256)),
            "`data.fulfilment.tracking_id`: at most 255 characters",
        ),
        (r#"{"data":{}}"#, "missing field `fulfilment`"),
        (r#"{"data":"#, "malformed JSON"),
        ("", "the body is empty"),
        ("[1,2]", "invalid type"),
    ];
    for (body, message) in cases {
        let (status, resp) = patch(&app, &token, 3, body).await;
        assert_eq!(status, 400, "{body}");
        assert!(resp["errors"][0].as_str().unwrap().contains(message), "{body}: {resp}");
    }
    let (status, _) = patch(&app, &token, 999, r#"{"data":{"fulfilment":{"handle":"shipped"}}}"#).await;
    assert_eq!(status, 404);
    let (_, after) = get(&app, &token, "/cs/api/v1/orders/3").await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn lists_fulfilment_statuses() {
    let (app, token) = app_with_token().await;
    let (status, body) = get(&app, &token, "/cs/api/v1/fulfilmentstatuses").await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&body));
}

#[tokio::test]
async fn a_page_of_orders_costs_the_same_queries_whatever_its_size() {
    let (app, token) = app_with_token().await;
    let mut counts = Vec::new();
    for paging in [1, 5, 50] {
        app.reset_query_count();
        let (status, body) = get(&app, &token, &format!("/cs/api/v1/orders?paging={paging}")).await;
        assert_eq!((status, body["data"].as_array().unwrap().len()), (200, paging));
        counts.push(app.query_count());
    }
    assert!(counts.iter().all(|c| *c == counts[0]), "queries per page size: {counts:?}");
    assert!(counts[0] <= 12, "{counts:?}");
}
