//! Locales and currencies over REST (bare arrays, pagination headers and caps, single items)
//! and the documented GraphQL examples of both.

use serde_json::json;

use super::support::{ExampleRun, paging, run_documented_examples};
use crate::{
    harness::{TestApp, json as body_json, status_json},
    pretty,
};

/// The four pagination headers of a list response.
#[tokio::test]
async fn lists_locales_and_currencies_as_bare_arrays() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/locales").send().await;
    resp.assert_status_is_ok();
    assert_eq!(paging(&resp), ["2", "1", "10", "1"].map(String::from));
    insta::assert_snapshot!(pretty(&body_json(resp).await));

    let resp = shop.get("/api/shop/currencies").send().await;
    assert_eq!(paging(&resp), ["2", "1", "10", "1"].map(String::from));
    insta::assert_snapshot!(pretty(&body_json(resp).await));

    let (status, body) = status_json(shop.get("/api/shop/locales/2").send().await).await;
    assert_eq!((status, body["code"].clone()), (200, json!("fr")));
    let (status, body) = status_json(shop.get("/api/shop/currencies/2").send().await).await;
    assert_eq!(
        (status, body["code"].clone(), body["currencyPosition"].clone()),
        (200, json!("EUR"), json!("right_with_space"))
    );
    let resp = shop.get("/api/shop/locales/9").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none(), "single resources send no pagination headers");
    assert_eq!(status_json(resp).await, (404, json!({"message": "Locale with ID \"9\" not found."})));
    let (status, body) = status_json(shop.get("/api/shop/currencies/9").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Currency with ID \"9\" not found."})));
}

#[tokio::test]
async fn pages_are_clamped_never_refused() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/locales?per_page=1&page=2").send().await;
    assert_eq!(paging(&resp), ["2", "2", "1", "2"].map(String::from));
    assert_eq!(body_json(resp).await[0]["code"], "fr");
    // Past the end: an empty page. Out of range sizes are clamped into 1..100.
    let resp = shop.get("/api/shop/locales?page=5").send().await;
    assert_eq!(paging(&resp), ["2", "5", "10", "1"].map(String::from));
    assert_eq!(body_json(resp).await, json!([]));
    let resp = shop.get("/api/shop/locales?per_page=1000&page=0").send().await;
    assert_eq!(paging(&resp), ["2", "1", "100", "1"].map(String::from));
    let resp = shop.get("/api/shop/currencies?per_page=0").send().await;
    assert_eq!(paging(&resp), ["2", "1", "1", "2"].map(String::from));
    // A page size that is not a number is a bad request.
    let (status, body) = status_json(shop.get("/api/shop/locales?per_page=ten").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("per_page"), "{body}");
}

#[tokio::test]
async fn documented_locale_and_currency_examples_run() {
    let roots = ["locale", "locales", "currency", "currencies"];
    let run = run_documented_examples(&roots, json!({"id": "/api/shop/currencies/1", "first": 10})).await;
    assert_eq!(run, ExampleRun { ran: 22, compared: 13, errors: vec![] });
}
