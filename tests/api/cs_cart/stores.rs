//! Stores (channels).

use polyshop_entities::{channel_countries, channel_currencies, channel_locales, core_config, product_channels};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::{app_with_admin, assert_stringly, delete, get, post, put};
use crate::{harness::TestApp, pretty};

async fn create(app: &TestApp, auth: &str, body: Value) -> i64 {
    let (status, resp) = post(app, auth, "/api/stores", body).await;
    assert_eq!(status, 201, "{resp}");
    resp["store_id"].as_i64().expect("store_id is a number")
}

#[tokio::test]
async fn lists_and_gets_stores_as_strings() {
    let (app, auth) = app_with_admin().await;
    let (status, list) = get(&app, &auth, "/api/stores/").await;
    assert_eq!(status, 200);
    assert_stringly(&list["stores"], "stores", &[]);
    assert_eq!(list["params"]["page"], json!(1), "params.page is a number");
    insta::assert_snapshot!(pretty(&list));
    let (status, store) = get(&app, &auth, "/api/stores/1/").await;
    assert_eq!((status, &store), (200, &list["stores"][0]));
    assert_eq!(
        get(&app, &auth, "/api/stores/9").await,
        (
            404,
            json!({"message": "Not Found: store 9 does not exist", "status": 404, "messages": ["store 9 does not exist"]})
        )
    );
    assert_eq!(get(&app, &auth, "/api/stores/x").await.0, 400);
}

#[tokio::test]
async fn pages_sorts_and_filters_stores() {
    let (app, auth) = app_with_admin().await;
    for (name, host) in [
        ("Alpha Outlet", "alpha.example.com"),
        ("Beta Shop", "beta.example.com"),
        ("Gamma Outlet", "gamma.example.com"),
    ] {
        create(&app, &auth, json!({"company": name, "storefront": host})).await;
    }
    let names = |v: &Value| -> Vec<String> {
        v["stores"].as_array().unwrap().iter().map(|s| s["company"].as_str().unwrap().to_owned()).collect()
    };
    let (_, desc) = get(&app, &auth, "/api/stores").await;
    assert_eq!(names(&desc), ["Polyshop Demo Store", "Gamma Outlet", "Beta Shop", "Alpha Outlet"]);
    let (_, page) = get(&app, &auth, "/api/stores?sort_by=name&sort_order=asc&items_per_page=2&page=2").await;
    assert_eq!(names(&page), ["Gamma Outlet", "Polyshop Demo Store"]);
    assert_eq!(page["params"]["total_items"], "4");
    assert_eq!(page["params"]["items_per_page"], "2");
    let (_, outlets) = get(&app, &auth, "/api/stores?company=outlet&sort_order=asc").await;
    assert_eq!(names(&outlets), ["Alpha Outlet", "Gamma Outlet"]);
    let (_, by_time) = get(&app, &auth, "/api/stores?sort_by=timestamp&sort_order=asc").await;
    assert_eq!(names(&by_time)[0], "Polyshop Demo Store");
    let created = by_time["stores"][0]["timestamp"].as_str().unwrap().to_owned();
    let (_, at) = get(&app, &auth, &format!("/api/stores?timestamp={created}")).await;
    assert_eq!(names(&at), ["Polyshop Demo Store"]);
    assert_eq!(get(&app, &auth, "/api/stores?sort_by=price").await.0, 400);
}

#[tokio::test]
async fn creates_a_store_with_its_profile_and_countries() {
    let (app, auth) = app_with_admin().await;
    let id = create(
        &app,
        &auth,
        json!({"company": "Example Company", "storefront": "example.com", "redirect_customer": "Y", "entry_page": "none",
               "countries_list": ["DZ", "AS", "AQ", "AG", "AR"], "email": "shop@example.com", "company_phone": "1234-123-12345"}),
    )
    .await;
    let (status, store) = get(&app, &auth, &format!("/api/stores/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (store["company"].as_str(), store["storefront"].as_str(), store["email"].as_str()),
        (Some("Example Company"), Some("example.com"), Some("shop@example.com"))
    );
    let countries: Vec<String> = channel_countries::Entity::find()
        .filter(channel_countries::Column::ChannelId.eq(id))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.country_code)
        .collect();
    assert_eq!(countries, ["AG", "AQ", "AR", "AS", "DZ"]);
    let config: Vec<(String, String)> = core_config::Entity::find()
        .filter(core_config::Column::ChannelCode.eq("example-company"))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.value))
        .collect();
    assert!(config.contains(&("general.company.phone".into(), "1234-123-12345".into())), "{config:?}");
    assert!(config.contains(&("general.store.redirect_customer".into(), "Y".into())), "{config:?}");
    // New stores sell nothing until products are assigned (or cloned).
    assert_eq!(
        product_channels::Entity::find()
            .filter(product_channels::Column::ChannelId.eq(id))
            .count(app.db())
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn refuses_bad_store_details() {
    let (app, auth) = app_with_admin().await;
    let cases = [
        (json!({"storefront": "x.example.com"}), "company: required"),
        (json!({"company": "X"}), "storefront: required"),
        (
            json!({"company": "X", "storefront": "http://LOCALHOST:8080/"}),
            "storefront: another store already uses `localhost:8080`",
        ),
        (json!({"company": "X", "storefront": "x.com", "redirect_customer": "maybe"}), "redirect_customer"),
        (json!({"company": "X", "storefront": "x.com", "entry_page": "home"}), "entry_page"),
        (
            json!({"company": "X", "storefront": "x.com", "countries_list": ["US", "ZZ"]}),
            "countries_list: `ZZ` is not an ISO 3166-1 country code",
        ),
        (json!({"company": "X", "storefront": "x.com", "clone_from": "99"}), "clone_from: store 99 does not exist"),
        (
            json!({"company": "X", "storefront": "x.com", "clone_from": "1", "clone": {"everything": "Y"}}),
            "clone.everything",
        ),
        (json!({"company": "X", "storefront": "x.com", "status": "Z"}), "status"),
        (json!({"company": ["X"], "storefront": "x.com"}), "`company`"),
    ];
    for (body, message) in cases {
        let (status, resp) = post(&app, &auth, "/api/stores", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert!(resp["message"].as_str().unwrap().contains(message), "{body}: {resp}");
        assert_eq!(resp["status"], 400);
    }
    assert_eq!(get(&app, &auth, "/api/stores").await.1["params"]["total_items"], "1", "nothing was created");
}

#[tokio::test]
async fn clones_settings_products_and_categories() {
    let (app, auth) = app_with_admin().await;
    let id = create(
        &app,
        &auth,
        json!({"company": "Example Company 2", "storefront": "example2.com", "secure_storefront": "example2.com",
               "clone_from": "1", "clone": {"layouts": "Y", "settings": "Y", "products": "Y", "categories": "Y"}}),
    )
    .await;
    let count = |table: &'static str, channel: i64| {
        let db = app.db().clone();
        async move {
            match table {
                "products" => product_channels::Entity::find()
                    .filter(product_channels::Column::ChannelId.eq(channel))
                    .count(&db)
                    .await
                    .unwrap(),
                "locales" => channel_locales::Entity::find()
                    .filter(channel_locales::Column::ChannelId.eq(channel))
                    .count(&db)
                    .await
                    .unwrap(),
                _ => channel_currencies::Entity::find()
                    .filter(channel_currencies::Column::ChannelId.eq(channel))
                    .count(&db)
                    .await
                    .unwrap(),
            }
        }
    };
    for table in ["products", "locales", "currencies"] {
        assert_eq!(count(table, id).await, count(table, 1).await, "{table}");
    }
    // Without the flags, a store gets the defaults and sells nothing.
    let bare = create(
        &app,
        &auth,
        json!({"company": "Bare", "storefront": "bare.example.com", "clone_from": 1, "clone": {"products": "N"}}),
    )
    .await;
    assert_eq!(
        (count("products", bare).await, count("locales", bare).await, count("currencies", bare).await),
        (0, 1, 1)
    );
}

#[tokio::test]
async fn updates_a_store() {
    let (app, auth) = app_with_admin().await;
    let id =
        create(&app, &auth, json!({"company": "Old", "storefront": "old.example.com", "countries_list": ["FR"]})).await;
    let (status, resp) = put(
        &app,
        &auth,
        &format!("/api/stores/{id}/"),
        json!({"company": "Example", "storefront": "example.com/store", "secure_storefront": "example.com/store",
               "countries_list": ["GB", "US"], "company_name": "My new company", "company_city": "New York", "status": "D"}),
    )
    .await;
    assert_eq!((status, resp), (200, json!({"store_id": id.to_string()})));
    let (_, store) = get(&app, &auth, &format!("/api/stores/{id}")).await;
    assert_eq!(
        (store["company"].as_str(), store["storefront"].as_str(), store["status"].as_str()),
        (Some("Example"), Some("example.com/store"), Some("D"))
    );
    let countries = channel_countries::Entity::find()
        .filter(channel_countries::Column::ChannelId.eq(id))
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(countries, 2);
    // Its own storefront is no conflict; another store's is.
    assert_eq!(put(&app, &auth, &format!("/api/stores/{id}"), json!({"storefront": "example.com/store"})).await.0, 200);
    assert_eq!(put(&app, &auth, &format!("/api/stores/{id}"), json!({"storefront": "localhost:8080"})).await.0, 400);
    assert_eq!(put(&app, &auth, "/api/stores/99", json!({"company": "X"})).await.0, 404);
}

#[tokio::test]
async fn deletes_empty_stores_only() {
    let (app, auth) = app_with_admin().await;
    let id = create(&app, &auth, json!({"company": "Temporary", "storefront": "tmp.example.com", "clone_from": 1, "clone": {"products": "Y", "settings": "Y"}})).await;
    let (status, body) = post(
        &app,
        &auth,
        &format!("/api/stores/{id}/orders"),
        json!({"user_id": 1, "payment_id": 1, "shipping_id": 1, "products": {"6": {"amount": 1}}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = delete(&app, &auth, &format!("/api/stores/{id}")).await;
    assert_eq!(status, 400);
    assert!(body.contains("1 order(s)"), "{body}");
    let order = body_order_id(&app, &auth, id).await;
    assert_eq!(delete(&app, &auth, &format!("/api/orders/{order}")).await.0, 204);
    assert_eq!(delete(&app, &auth, &format!("/api/stores/{id}/")).await, (204, String::new()));
    assert_eq!(get(&app, &auth, &format!("/api/stores/{id}")).await.0, 404);
    assert_eq!(delete(&app, &auth, &format!("/api/stores/{id}")).await.0, 404);
    let (status, body) = delete(&app, &auth, "/api/stores/1").await;
    assert_eq!(status, 400);
    assert!(body.contains("default store"), "{body}");
}

async fn body_order_id(app: &TestApp, auth: &str, store: i64) -> String {
    let (_, list) = get(app, auth, &format!("/api/orders?company_id={store}")).await;
    list["orders"][0]["order_id"].as_str().unwrap().to_owned()
}
