//! Coupons on the cart (shop REST API): what each demo rule takes off, the rules that refuse a
//! coupon (minimum subtotal, expiry, once per customer), the order carrying the discount and
//! counting the use, and shipping estimates.

use polyshop_entities::{cart_rule_coupons, orders};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, post, product_id};
use crate::harness::{Shop, TestApp, status_json};

/// A new guest cart holding `qty` of `sku`: its token.
async fn cart_with(app: &TestApp, shop: &Shop<'_>, sku: &str, qty: i64) -> String {
    let (_, created) = status_json(shop.post("/api/shop/cart-tokens").send().await).await;
    let token = created["cartToken"].as_str().unwrap().to_owned();
    let id = product_id(app, sku).await;
    let (status, _) =
        post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": id, "quantity": qty})).await;
    assert_eq!(status, 201);
    token
}

fn totals(cart: &Value) -> (Value, Value, Value, Value) {
    (cart["couponCode"].clone(), cart["subtotal"].clone(), cart["discountAmount"].clone(), cart["grandTotal"].clone())
}

#[tokio::test]
async fn coupons_discount_the_cart_while_their_rule_applies() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // Two shirts at 49.90: a subtotal of 99.80.
    let token = cart_with(&app, &shop, "OXF-SHIRT", 2).await;
    let (status, cart) = post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": " save10 "})).await;
    assert_eq!(
        (status, cart["success"].as_bool(), cart["message"].as_str()),
        (201, Some(true), Some("Coupon applied successfully"))
    );
    assert_eq!(totals(&cart), (json!("SAVE10"), json!(99.8), json!(9.98), json!(89.82)));

    // A code that does not apply leaves the cart as it was (upstream's answer, not an error).
    for code in ["NOPE", "SUMMER25"] {
        let (status, cart) = post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": code})).await;
        assert_eq!(
            (status, cart["success"].as_bool(), cart["message"].as_str()),
            (201, Some(false), Some("Failed to apply coupon")),
            "{code}"
        );
        assert_eq!(cart["couponCode"], "SAVE10");
    }
    // Another replaces it: 5.00 off a cart from 50.00 (PATCH form).
    let resp = shop
        .patch("/api/shop/apply-coupon")
        .header("Authorization", bearer(&token))
        .body_json(&json!({"couponCode": "TAKE5"}))
        .send()
        .await;
    let (_, cart) = status_json(resp).await;
    assert_eq!(totals(&cart), (json!("TAKE5"), json!(99.8), json!(5), json!(94.8)));
    // 2.00 off every unit: two shirts, 4.00.
    let (_, cart) = post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": "2OFF"})).await;
    assert_eq!(totals(&cart), (json!("2OFF"), json!(99.8), json!(4), json!(95.8)));
    // Removed: no discount.
    let resp = shop.delete("/api/shop/remove-coupon").header("Authorization", bearer(&token)).send().await;
    let (status, cart) = status_json(resp).await;
    assert_eq!((status, totals(&cart)), (200, (Value::Null, json!(99.8), json!(0), json!(99.8))));

    // Below the minimum: TAKE5 does not apply to one pair of socks.
    let small = cart_with(&app, &shop, "WOOL-SOCKS", 1).await;
    let (_, cart) = post(&shop, &small, "/api/shop/apply-coupon", json!({"couponCode": "TAKE5"})).await;
    assert_eq!(cart["success"], false);
    // A missing code is a 400.
    assert_eq!(post(&shop, &small, "/api/shop/apply-coupon", json!({})).await.0, 400);
}

#[tokio::test]
async fn buy_two_get_one_free_gives_every_third_unit_of_a_line() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // Shirts at 49.90: 3 pay for 2, 7 pay for 5 (two free), 2 pay for 2.
    for (qty, discount, grand) in
        [(3, json!(49.9), json!(99.8)), (7, json!(99.8), json!(249.5)), (2, json!(0), json!(99.8))]
    {
        let token = cart_with(&app, &shop, "OXF-SHIRT", qty).await;
        let (_, cart) = post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": "3for2"})).await;
        assert_eq!(cart["success"], true, "{cart}");
        assert_eq!((cart["discountAmount"].clone(), cart["grandTotal"].clone()), (discount, grand), "{qty} shirts");
    }
    // Per line: two shirts and one pair of socks get nothing free.
    let token = cart_with(&app, &shop, "OXF-SHIRT", 2).await;
    let socks = product_id(&app, "WOOL-SOCKS").await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": socks, "quantity": 1})).await;
    let (_, cart) = post(&shop, &token, "/api/shop/apply-coupon", json!({"couponCode": "3FOR2"})).await;
    assert_eq!(cart["discountAmount"], 0);
}

#[tokio::test]
async fn the_order_carries_the_discount_and_counts_the_use() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cody", "cody@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let checkout = |code: &'static str| {
        let shop = &shop;
        let token = token.clone();
        async move {
            post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": shirt, "quantity": 2})).await;
            let (_, cart) = post(shop, &token, "/api/shop/apply-coupon", json!({"couponCode": code})).await;
            let address = json!({"billingFirstName": "Cody", "billingLastName": "C", "billingEmail": "cody@example.com",
                "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
                "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true});
            post(shop, &token, "/api/shop/checkout-addresses", address).await;
            post(shop, &token, "/api/shop/checkout-shipping-methods", json!({"shippingMethod": "flatrate_flatrate"}))
                .await;
            post(shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await;
            let (status, placed) = post(shop, &token, "/api/shop/checkout-orders", json!({})).await;
            (cart, status, placed)
        }
    };
    // 15 % off 99.80 is 14.97; flat-rate shipping 20.00.
    let (cart, status, placed) = checkout("WELCOME15").await;
    assert_eq!((cart["success"].as_bool(), status), (Some(true), 201), "{placed}");
    let order =
        orders::Entity::find_by_id(placed["order"]["id"].as_i64().unwrap()).one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        (
            order.coupon_code.as_deref(),
            order.base_discount_amount.value().to_string(),
            order.base_grand_total.value().to_string()
        ),
        (Some("WELCOME15"), "14.97".to_owned(), "104.83".to_owned())
    );
    let coupon = cart_rule_coupons::Entity::find()
        .filter(cart_rule_coupons::Column::Code.eq("WELCOME15"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(coupon.times_used, 1);
    // Once per customer: the next cart is refused it.
    let (cart, _, _) = checkout("WELCOME15").await;
    assert_eq!((cart["success"].as_bool(), cart["couponCode"].clone()), (Some(false), Value::Null));

    // Free shipping.
    let (cart, status, placed) = checkout("FREESHIP").await;
    assert_eq!((cart["success"].as_bool(), status), (Some(true), 201), "{placed}");
    let order =
        orders::Entity::find_by_id(placed["order"]["id"].as_i64().unwrap()).one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        (order.base_shipping_amount.value().to_string(), order.base_grand_total.value().to_string()),
        ("0".to_owned(), "99.8".to_owned())
    );
}

#[tokio::test]
async fn shipping_is_estimated_without_saving_anything() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let token = cart_with(&app, &shop, "OXF-SHIRT", 1).await;
    let (status, estimate) = post(
        &shop,
        &token,
        "/api/shop/estimate-shippings",
        json!({"country": "us", "state": "NY", "postcode": "10001", "shippingMethod": "flatrate_flatrate"}),
    )
    .await;
    assert_eq!(status, 201, "{estimate}");
    assert_eq!(
        (estimate["shippingMethod"].clone(), estimate["shippingAmount"].clone(), estimate["grandTotal"].clone()),
        (json!("flatrate_flatrate"), json!(10), json!(59.9))
    );
    assert_eq!(estimate["shippingMethods"][0]["method"], "flatrate_flatrate");
    let (status, _) =
        post(&shop, &token, "/api/shop/estimate-shippings", json!({"country": "XX", "state": "NY", "postcode": "1"}))
            .await;
    assert_eq!(status, 422);
    let (status, _) =
        post(&shop, &token, "/api/shop/estimate-shippings", json!({"country": "US", "state": "NY"})).await;
    assert_eq!(status, 400);
    // Nothing was saved on the cart.
    let cart =
        crate::harness::json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!((cart["shippingMethod"].clone(), cart["shippingAddress"].clone()), (Value::Null, Value::Null));
}
