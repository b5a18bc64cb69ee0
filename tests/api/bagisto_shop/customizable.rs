//! Customizable options in the cart and the order (shop REST and GraphQL): the values a shopper
//! gives a product's inputs, checked against each option and priced as the merchant set them.
//!
//! The demo: the leather belt (39.00 on the test day) offers "Engraving" (text, at most 20 characters, option
//! 1, +5.00) and "Gift message" (text area, option 2, free); the tote bag (29.95) requires
//! "Monogram colour" (drop-down, option 3: row 3 Gold +3.00, row 4 Silver +2.00, row 5 Tone on
//! tone +5 %).

use polyshop_entities::{order_items, product_customizable_option_prices as rows, product_customizable_options};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

const ADD: &str = "/api/shop/add-product-in-cart";

async fn post(shop: &Shop<'_>, token: &str, path: &str, body: Value) -> (u16, Value) {
    status_json(shop.post(path).header("Authorization", bearer(token)).body_json(&body).send().await).await
}

/// The demo's option and price-row ids are as the module comment says.
async fn check_demo_ids(app: &TestApp) {
    let options: Vec<(i64, String)> = product_customizable_options::Entity::find()
        .order_by_asc(product_customizable_options::Column::Id)
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.type_))
        .collect();
    assert_eq!(options, [(1, "field".into()), (2, "area".into()), (3, "drop_down".into())]);
    let tone = rows::Entity::find_by_id(5).one(app.db()).await.unwrap().unwrap();
    assert_eq!((tone.label.as_deref(), tone.price_type.as_str()), (Some("Tone on tone"), "percent"));
}

#[tokio::test]
async fn option_values_are_checked_and_priced() {
    let app = TestApp::new().await;
    check_demo_ids(&app).await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let (tote, belt) = (product_id(&app, "TOTE-BAG").await, product_id(&app, "LEATHER-BELT").await);
    let add = |body: Value| {
        let (shop, token) = (&shop, &token);
        async move { post(shop, token, ADD, body).await }
    };
    let message = |answer: &Value| answer["message"].as_str().unwrap_or_default().to_owned();

    // The tote's monogram colour is required; each choice adds its price (5 % of 29.95 is 1.50).
    let (status, answer) = add(json!({"productId": tote})).await;
    assert_eq!((status, message(&answer)), (422, "The customizable option \"Monogram colour\" is required.".into()));
    let (status, answer) = add(json!({"productId": tote, "customizableOptions": {"3": ["0"]}})).await;
    assert_eq!((status, message(&answer)), (422, "The customizable option \"Monogram colour\" is required.".into()));
    let (status, cart) = add(json!({"productId": tote, "customizableOptions": {"3": ["3"]}})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(cart["items"][0]["formattedPrice"], "$32.95");
    add(json!({"productId": tote, "customizableOptions": {"3": [" 3 "]}})).await;
    let (_, cart) = add(json!({"productId": tote, "customizableOptions": {"3": ["5"]}})).await;
    let prices: Vec<(Value, Value)> = cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["formattedPrice"].clone(), i["quantity"].clone()))
        .collect();
    assert_eq!(prices, [(json!("$32.95"), json!(2)), (json!("$31.45"), json!(1))]);
    insta::assert_snapshot!("tote_line_options", pretty(&cart["items"][1]["options"]));

    // Values that do not fit their option, and options on other products.
    let cases = [
        (
            json!({"productId": tote, "customizableOptions": {"3": ["3", "4"]}}),
            "\"Monogram colour\" takes one choice, 2 were given",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"3": ["99"]}}),
            "`99` is not a choice of \"Monogram colour\"",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"3": ["3"], "9": ["x"]}}),
            "9 is not a customizable option of product TOTE-BAG",
        ),
        (
            json!({"productId": belt, "customizableOptions": {"1": ["ABCDEFGHIJKLMNOPQRSTU"]}}),
            "\"Engraving\" takes at most 20 characters",
        ),
        (
            json!({"productId": product_id(&app, "GIFT-BOX").await, "customizableOptions": {"1": ["AB"]}}),
            "product GIFT-BOX takes no customizable options",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"x": ["3"]}}),
            "`customizableOptions`: `x` is not an option id",
        ),
    ];
    for (body, want) in cases {
        let (status, answer) = add(body.clone()).await;
        assert!(matches!(status, 400 | 422) && message(&answer) == want, "{body}: {status} {answer}");
    }

    // The belt's options are optional: without them 39.00 (on sale); engraved 44.00; the message is free.
    let (status, cart) = add(json!({"productId": belt})).await;
    assert_eq!(status, 201, "{cart}");
    let (_, cart) =
        add(json!({"productId": belt, "customizableOptions": {"1": ["AB"], "2": ["Happy birthday"]}})).await;
    let belts: Vec<&Value> = cart["items"].as_array().unwrap().iter().filter(|i| i["productId"] == belt).collect();
    assert_eq!(
        belts.iter().map(|i| i["formattedPrice"].clone()).collect::<Vec<_>>(),
        [json!("$39.00"), json!("$44.00")]
    );
    assert_eq!(
        belts[1]["options"],
        json!([
            {"option_id": 1, "option_label": "AB (+$5.00)", "attribute_name": "Engraving"},
            {"option_id": 2, "option_label": "Happy birthday", "attribute_name": "Gift message"},
        ])
    );
}

#[tokio::test]
async fn the_order_keeps_the_values_and_graphql_takes_them_too() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let belt = product_id(&app, "LEATHER-BELT").await;
    let add = "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { \
        items { edges { node { productId price options } } } } } }";
    let input = json!({"productId": belt, "quantity": 2, "customizableOptions": {"1": "CY"}});
    let answer = shop.graphql_as(&token, add, json!({"input": input})).await;
    let node = &answer["data"]["createAddProductInCart"]["addProductInCart"]["items"]["edges"][0]["node"];
    assert_eq!(node["price"], "44", "{answer}");
    let missing = json!({"productId": product_id(&app, "TOTE-BAG").await});
    let answer = shop.graphql_as(&token, add, json!({"input": missing})).await;
    assert_eq!(answer["errors"][0]["message"], "The customizable option \"Monogram colour\" is required.");

    let address = json!({"billingFirstName": "Cy", "billingLastName": "C", "billingEmail": "cy@example.com",
        "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
        "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true});
    assert_eq!(post(&shop, &token, "/api/shop/checkout-addresses", address).await.0, 201);
    let method = json!({"shippingMethod": "flatrate_flatrate"});
    assert_eq!(post(&shop, &token, "/api/shop/checkout-shipping-methods", method).await.0, 201);
    let payment = json!({"paymentMethod": "moneytransfer"});
    assert_eq!(post(&shop, &token, "/api/shop/checkout-payment-methods", payment).await.0, 201);
    let (status, placed) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(status, 201, "{placed}");
    let order_id = placed["order"]["id"].as_i64().unwrap();
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (line.sku.as_str(), line.qty_ordered, line.price.value().normalize().to_string()),
        ("LEATHER-BELT", 2, "44".into())
    );
    assert_eq!(
        line.additional.unwrap(),
        json!({"customizable_options": {"1": ["CY"]}, "attributes": [
            {"attribute_name": "Engraving", "option_id": 1, "attribute_type": "field", "option_label": "CY"}]})
    );
    // Ordered again, with the same engraving.
    let (status, again) = post(&shop, &token, "/api/shop/reorder", json!({"orderId": order_id})).await;
    assert_eq!((status, again["itemsAddedCount"].as_i64()), (201, Some(1)), "{again}");
    let (_, cart) = status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!(cart["items"][0]["options"][0]["option_label"], "CY (+$5.00)", "{cart}");
}
