//! Taxes by address (shop REST and GraphQL, the placed order, CS-Cart's view): the demo's
//! standard category is taxed 7.25 % in California, 8.625 % in San Francisco's postcodes and
//! 20 % in France; elsewhere untaxed. Each line's tax is rounded to the cent, shipping is not
//! taxed, and the figures are the same on both databases.

use polyshop_entities::{order_items, orders};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, post, product_id};
use crate::harness::{Shop, TestApp, status_json};

fn address(city: &str, state: &str, country: &str, postcode: &str) -> Value {
    json!({"billingFirstName": "Tia", "billingLastName": "T", "billingEmail": "tia@example.com",
        "billingAddress": "1 Main St", "billingCity": city, "billingState": state, "billingCountry": country,
        "billingPostcode": postcode, "billingPhoneNumber": "5550100", "useForShipping": true})
}

/// The caller's cart as `GET /api/shop/cart` answers it.
async fn cart_of(shop: &Shop<'_>, token: &str) -> Value {
    status_json(shop.get("/api/shop/cart").header("Authorization", bearer(token)).send().await).await.1
}

fn taxes(cart: &Value) -> [String; 4] {
    ["subtotal", "taxAmount", "shippingAmount", "grandTotal"].map(|k| cart[k].to_string())
}

#[tokio::test]
async fn lines_are_taxed_at_the_rate_of_the_address() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Tia", "tia@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let (_, cart) =
        post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": shirt, "quantity": 2})).await;
    assert_eq!(cart["taxAmount"], 0, "no address yet, no tax");
    let method = json!({"shippingMethod": "flatrate_flatrate"});

    // Los Angeles: 7.25 % of 99.80 = 7.2355 → 7.24; shipping (20.00) untaxed.
    post(&shop, &token, "/api/shop/checkout-addresses", address("Los Angeles", "CA", "US", "90001")).await;
    let (_, cart) = post(&shop, &token, "/api/shop/checkout-shipping-methods", method.clone()).await;
    let cart = if cart.get("cart").is_some() { cart["cart"].clone() } else { cart };
    let (_, cart) = if cart.get("taxAmount").is_some() {
        (200, cart)
    } else {
        status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await
    };
    assert_eq!(taxes(&cart), ["99.8", "7.24", "20", "127.04"].map(String::from), "{cart}");
    assert_eq!(
        (cart["items"][0]["taxAmount"].to_string(), cart["subTotalInclTax"].to_string()),
        ("7.24".into(), "107.04".into())
    );

    // An estimate elsewhere is taxed there, without touching the cart.
    let (_, estimate) = post(
        &shop,
        &token,
        "/api/shop/estimate-shippings",
        json!({"country": "FR", "state": "Paris", "postcode": "75001", "shippingMethod": "flatrate_flatrate"}),
    )
    .await;
    assert_eq!(
        (estimate["taxAmount"].to_string(), estimate["grandTotal"].to_string()),
        ("19.96".into(), "139.76".into())
    );
    let (_, estimate) = post(
        &shop,
        &token,
        "/api/shop/estimate-shippings",
        json!({"country": "US", "state": "TX", "postcode": "73301"}),
    )
    .await;
    assert_eq!(estimate["taxAmount"], 0);

    // San Francisco's postcode range is more specific than the state: 8.625 % → 8.61.
    post(&shop, &token, "/api/shop/checkout-addresses", address("San Francisco", "CA", "US", "94110")).await;
    post(&shop, &token, "/api/shop/checkout-shipping-methods", method).await;
    post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await;
    let (status, placed) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(status, 201, "{placed}");
    let order_id = placed["order"]["id"].as_i64().unwrap();
    let order = orders::Entity::find_by_id(order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        (order.base_tax_amount.value().to_string(), order.base_grand_total.value().to_string()),
        ("8.61".to_owned(), "128.41".to_owned())
    );
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (line.tax_amount.value().to_string(), line.tax_percent.value().to_string()),
        ("8.61".into(), "8.625".into())
    );

    // The customer's order and CS-Cart show the same tax.
    let (_, mine) = status_json(
        shop.get(&format!("/api/shop/customer-orders/{order_id}")).header("Authorization", bearer(&token)).send().await,
    )
    .await;
    assert_eq!(mine["taxAmount"].to_string(), "8.61", "{mine}");
    let auth = app.admin_basic().await;
    let (_, cs) =
        status_json(app.get(&format!("/api/orders/{order_id}")).header("authorization", &auth).send().await).await;
    assert_eq!(cs["total"].as_str(), Some("128.41"), "{cs}");
}

#[tokio::test]
async fn a_coupon_discounts_before_tax_is_added_and_downloads_are_taxed_where_billed() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Tia", "tia@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": shirt, "quantity": 2})).await;
    post(&shop, &token, "/api/shop/checkout-addresses", address("Los Angeles", "CA", "US", "90001")).await;
    post(&shop, &token, "/api/shop/checkout-shipping-methods", json!({"shippingMethod": "flatrate_flatrate"})).await;
    post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": "WELCOME15"})).await;
    let cart = cart_of(&shop, &token).await;
    // 99.80 − 14.97 + 20.00 + 7.24 (the lines' tax, on their price) = 112.07.
    assert_eq!(
        (cart["discountAmount"].to_string(), cart["taxAmount"].to_string(), cart["grandTotal"].to_string()),
        ("14.97".into(), "7.24".into(), "112.07".into()),
        "{cart}"
    );

    // A downloadable product ships nothing: taxed at the billing address, in France 20 %.
    let (_, other) = shop.register("Zoe", "zoe@example.com", PASSWORD).await;
    let ebook = product_id(&app, "STYLE-GUIDE-EBOOK").await;
    let (_, links) =
        status_json(shop.get(&format!("/api/shop/products/{ebook}/downloadable-links")).send().await).await;
    let pdf = links[0]["id"].as_i64().unwrap();
    post(&shop, &other, "/api/shop/add-product-in-cart", json!({"productId": ebook, "links": [pdf]})).await;
    let (_, answer) =
        post(&shop, &other, "/api/shop/checkout-addresses", address("Paris", "Paris", "FR", "75001")).await;
    let cart = if answer.get("cart").is_some() { answer["cart"].clone() } else { answer };
    let (_, cart) = if cart.get("taxAmount").is_some() {
        (200, cart)
    } else {
        status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&other)).send().await).await
    };
    // (12.00 + 9.00) × 20 % = 4.20.
    assert_eq!(
        (cart["taxAmount"].to_string(), cart["grandTotal"].to_string()),
        ("4.2".into(), "25.2".into()),
        "{cart}"
    );
}
