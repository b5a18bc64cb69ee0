//! Redirect payment methods at checkout (shop REST and GraphQL): the payment page instead of
//! an order, the cart left open and its stock untaken, as upstream answers PayPal Standard.

use polyshop_entities::{orders, payment_methods};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, post, product_id};
use crate::harness::{Shop, TestApp, status_json};

/// Turns PayPal Standard on (a fresh install has it, inactive).
async fn enable_paypal(app: &TestApp) {
    let paypal = payment_methods::Entity::find()
        .filter(payment_methods::Column::Code.eq("paypal_standard"))
        .one(app.db())
        .await
        .unwrap()
        .expect("PayPal Standard is installed");
    assert!(!paypal.is_active);
    let mut active = paypal.into_active_model();
    active.is_active = Set(true);
    active.update(app.db()).await.unwrap();
}

/// A cart of two Derby shoes (120.00 each) with addresses and the flat rate chosen.
async fn ready_cart(app: &TestApp, shop: &Shop<'_>, token: &str) -> i64 {
    let derby = product_id(app, "DERBY-SHOES").await;
    let (status, cart) =
        post(shop, token, "/api/shop/add-product-in-cart", json!({"productId": derby, "quantity": 2})).await;
    assert_eq!(status, 201, "{cart}");
    let address = json!({"billingFirstName": "Pat", "billingLastName": "P", "billingEmail": "pat@example.com",
        "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
        "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true});
    assert_eq!(post(shop, token, "/api/shop/checkout-addresses", address).await.0, 201);
    let method = json!({"shippingMethod": "flatrate_flatrate"});
    assert_eq!(post(shop, token, "/api/shop/checkout-shipping-methods", method).await.0, 201);
    cart["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_redirect_method_answers_its_payment_page_and_places_nothing() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Pat", "pat@example.com", PASSWORD).await;
    let derby = product_id(&app, "DERBY-SHOES").await;
    let cart_id = ready_cart(&app, &shop, &token).await;

    // Inactive in a fresh install: not on offer.
    let (status, refused) =
        post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "paypal_standard"})).await;
    assert_eq!(status, 422, "{refused}");
    enable_paypal(&app).await;
    let (_, methods) =
        status_json(shop.get("/api/shop/payment-methods").header("Authorization", bearer(&token)).send().await).await;
    assert!(methods.to_string().contains("paypal_standard"), "{methods}");

    // Two shoes at 120.00 and the flat rate of 10.00 a unit: 260.00.
    let (status, saved) =
        post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "paypal_standard"})).await;
    assert_eq!(status, 201, "{saved}");
    let page =
        format!("https://www.paypal.com/cgi-bin/webscr?cmd=_xclick&invoice={cart_id}&amount=260.00&currency_code=USD");
    assert_eq!(saved["paymentGatewayUrl"], page.as_str(), "{saved}");

    let orders_before = orders::Entity::find().count(app.db()).await.unwrap();
    let stock_before = app.stock(derby).await;
    let (status, answer) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(
        (answer["redirect"].clone(), answer["redirectUrl"].clone(), answer["orderId"].clone(), answer["order"].clone()),
        (json!(true), json!(page), Value::Null, Value::Null)
    );
    assert_eq!(answer["id"], cart_id);
    assert_eq!(orders::Entity::find().count(app.db()).await.unwrap(), orders_before);
    assert_eq!(app.stock(derby).await, stock_before);
    // The cart is still open, with its lines and choices.
    let (status, cart) =
        status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!(
        (status, cart["itemsQty"].as_i64(), cart["paymentMethod"].as_str()),
        (200, Some(2), Some("paypal_standard"))
    );

    // GraphQL answers the same.
    let place = "mutation { createCheckoutOrder(input: {}) { checkoutOrder { id orderId redirect redirectUrl } } }";
    let answer = shop.graphql_as(&token, place, json!({})).await;
    assert_eq!(
        answer["data"]["createCheckoutOrder"]["checkoutOrder"],
        json!({"id": cart_id.to_string(), "orderId": null, "redirect": true, "redirectUrl": page}),
        "{answer}"
    );

    // Another method places the order at once.
    let (status, _) =
        post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await;
    assert_eq!(status, 201);
    let (status, placed) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!((status, placed["redirect"].clone()), (201, json!(false)), "{placed}");
    assert!(placed["orderId"].is_string(), "{placed}");
    assert_eq!(app.stock(derby).await, stock_before - 2);
}
