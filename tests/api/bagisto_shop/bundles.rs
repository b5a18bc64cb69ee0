//! Bundle products in the cart and the order (shop REST and GraphQL): the picks priced and
//! checked per option, their stock taken with the order, the order's child lines.
//!
//! The demo's gift box (product 45): option 1 "Headpiece" (radio, required: pick 1 the silk
//! scarf at 35.00, pick 2 the baseball cap at 19.50), option 2 "Socks" (checkbox: pick 3, two
//! packs of wool socks at 14.99), option 3 "Wrapping" (select, required: pick 4, gift wrapping
//! at 5.00, virtual).

use polyshop_entities::order_items;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, check_out, post, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

const GIFT_BOX: i64 = 45;
const ADD: &str = "/api/shop/add-product-in-cart";

async fn refused(shop: &Shop<'_>, token: &str, body: Value) -> (u16, String) {
    let (status, answer) = post(shop, token, ADD, body).await;
    (status, answer["message"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn bundles_cost_what_their_picks_cost_and_check_each_option() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bea", "bea@example.com", PASSWORD).await;

    // Scarf and wrapping: 35.00 + 5.00. The same picks sent as JSON text (upstream's clients'
    // form) with the merchant's quantity are the same line.
    let (status, cart) =
        post(&shop, &token, ADD, json!({"productId": GIFT_BOX, "bundleOptions": {"1": [1], "3": [4]}})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(cart["items"][0]["price"].to_string(), "40", "{cart}");
    let (_, cart) = post(
        &shop,
        &token,
        ADD,
        json!({"productId": GIFT_BOX, "bundleOptions": "{\"1\":[1],\"3\":[\"4\"]}", "bundleOptionQty": "{\"1\":1}"}),
    )
    .await;
    assert_eq!(cart["items"].as_array().unwrap().len(), 1, "{cart}");
    assert_eq!(cart["items"][0]["quantity"], 2);
    assert_eq!(cart["items"][0]["total"].to_string(), "80");

    // Three caps, the socks and the wrapping: 3 × 19.50 + 2 × 14.99 + 5.00 = 93.48, another line.
    let (status, cart) = post(
        &shop,
        &token,
        ADD,
        json!({"productId": GIFT_BOX, "bundleOptions": {"1": [2], "2": [3], "3": [4]}, "bundleOptionQty": {"1": 3}}),
    )
    .await;
    assert_eq!(status, 201, "{cart}");
    let line = cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["formattedPrice"] == "$93.48")
        .expect("the caps line")
        .clone();
    insta::assert_snapshot!("bundle_line_options", pretty(&line["options"]));
    assert_eq!(line["canChangeQty"], true);
    assert_eq!(cart["subtotal"].to_string(), "173.48");

    // What each option takes.
    let cases = [
        (json!({}), 422, "Options are missing for this product."),
        (json!({"2": [3]}), 422, "choose a product for option \"Headpiece\" of bundle GIFT-BOX"),
        (json!({"1": [1, 2], "3": [4]}), 422, "option \"Headpiece\" takes one product, 2 were picked"),
        (json!({"1": [3], "3": [4]}), 422, "3 is not a product of option \"Headpiece\" of bundle GIFT-BOX"),
        (json!({"1": [1], "3": [4], "9": [1]}), 422, "9 is not an option of bundle GIFT-BOX"),
    ];
    for (options, status, message) in cases {
        let body = json!({"productId": GIFT_BOX, "bundleOptions": options});
        assert_eq!(refused(&shop, &token, body).await, (status, message.to_owned()), "{options}");
    }
    // Checkbox quantities are the merchant's; radio and select ones at most 10,000.
    let picks = json!({"1": [1], "2": [3], "3": [4]});
    let body = json!({"productId": GIFT_BOX, "bundleOptions": picks, "bundleOptionQty": {"2": 5}});
    assert_eq!(
        refused(&shop, &token, body).await,
        (400, "Quantity for bundle option \"Socks\" cannot be changed. The allowed quantity is 2.".to_owned())
    );
    let body = json!({"productId": GIFT_BOX, "bundleOptions": picks, "bundleOptionQty": {"1": 10_001}});
    assert_eq!(refused(&shop, &token, body).await, (422, "option \"Headpiece\" takes 1 to 10000 units".to_owned()));
    // Text that is no JSON map, and picks for another type of product.
    let body = json!({"productId": GIFT_BOX, "bundleOptions": "{1: [1]"});
    assert_eq!(refused(&shop, &token, body).await, (400, "Invalid \"bundleOptions\" JSON string.".to_owned()));
    let body = json!({"productId": GIFT_BOX, "bundleOptions": 7});
    assert_eq!(
        refused(&shop, &token, body).await,
        (400, "Invalid \"bundleOptions\" value. Expected JSON string or array.".to_owned())
    );
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let body = json!({"productId": shirt, "bundleOptions": {"1": [1]}});
    assert_eq!(refused(&shop, &token, body).await, (422, "product OXF-SHIRT is not a bundle".to_owned()));

    // The caps' stock (33) bounds the bundles: 12 bundles of 3 caps are 36.
    let cap = product_id(&app, "BASEBALL-CAP").await;
    assert_eq!(app.stock(cap).await, 33);
    let body = json!({"productId": GIFT_BOX, "bundleOptions": {"1": [2], "3": [4]}, "bundleOptionQty": {"1": 12}, "quantity": 3});
    assert_eq!(
        refused(&shop, &token, body).await,
        (400, "The requested quantity of BASEBALL-CAP is not available: 36 asked, 33 in stock.".to_owned())
    );
    let id = line["id"].as_i64().unwrap();
    let (status, answer) =
        post(&shop, &token, "/api/shop/update-cart-item", json!({"cartItemId": id, "quantity": 12})).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["message"], "The requested quantity of BASEBALL-CAP is not available: 36 asked, 33 in stock.");
    let (status, answer) =
        post(&shop, &token, "/api/shop/update-cart-item", json!({"cartItemId": id, "quantity": 2})).await;
    assert_eq!((status, answer["subtotal"].to_string()), (201, "266.96".to_owned()), "{answer}");
}

#[tokio::test]
async fn a_bundle_order_has_a_child_line_per_pick_and_takes_their_stock() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bea", "bea@example.com", PASSWORD).await;
    let (cap, socks) = (product_id(&app, "BASEBALL-CAP").await, product_id(&app, "WOOL-SOCKS").await);
    let (caps, pairs) = (app.stock(cap).await, app.stock(socks).await);
    let body = json!({"productId": GIFT_BOX, "quantity": 2, "bundleOptions": {"1": [2], "2": [3], "3": [4]}, "bundleOptionQty": {"1": 3}});
    let (status, cart) = post(&shop, &token, ADD, body).await;
    assert_eq!(status, 201, "{cart}");

    let order_id = check_out(&shop, &token, Some("flatrate_flatrate")).await;

    // The bundle line carries the amounts; its picks are child lines for the whole quantity.
    let lines = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .order_by_asc(order_items::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    let shown: Vec<_> = lines
        .iter()
        .map(|l| {
            let (price, total) = (l.price.value().normalize().to_string(), l.total.value().normalize().to_string());
            (l.sku.as_str(), l.type_.as_str(), l.parent_id.is_some(), l.qty_ordered, price, total)
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("GIFT-BOX", "bundle", false, 2, "93.48".into(), "186.96".into()),
            ("BASEBALL-CAP", "simple", true, 6, "19.5".into(), "117".into()),
            ("WOOL-SOCKS", "simple", true, 4, "14.99".into(), "59.96".into()),
            ("GIFT-WRAP", "virtual", true, 2, "5".into(), "10".into()),
        ]
    );
    let parent = &lines[0];
    let additional = parent.additional.clone().unwrap();
    assert_eq!(additional["bundle_options"], json!({"1": [2], "2": [3], "3": [4]}));
    assert_eq!(additional["bundle_option_qty"], json!({"1": 3, "3": 1}));
    assert_eq!(app.stock(cap).await, caps - 6);
    assert_eq!(app.stock(socks).await, pairs - 4);

    // The customer sees one line; ordering it again puts the same bundle in the cart.
    let (status, order) = status_json(
        shop.get(&format!("/api/shop/customer-orders/{order_id}")).header("Authorization", bearer(&token)).send().await,
    )
    .await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["items"].as_array().unwrap().len(), 1, "{order}");
    let (status, again) = post(&shop, &token, "/api/shop/reorder", json!({"orderId": order_id})).await;
    assert_eq!((status, again["itemsAddedCount"].as_i64()), (201, Some(1)), "{again}");
    let (_, cart) = status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!(cart["items"][0]["price"].to_string(), "93.48", "{cart}");
    assert_eq!(cart["items"][0]["quantity"], 2);
}

#[tokio::test]
async fn graphql_adds_a_bundle_from_json_text() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bea", "bea@example.com", PASSWORD).await;
    let add = "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { \
        items { edges { node { productId price quantity options } } } } } }";
    let input = json!({"productId": GIFT_BOX, "quantity": 1, "bundleOptions": "{\"1\":[1],\"2\":[3],\"3\":[4]}",
        "bundleOptionQty": "{\"3\":2}"});
    let answer = shop.graphql_as(&token, add, json!({"input": input})).await;
    let node = &answer["data"]["createAddProductInCart"]["addProductInCart"]["items"]["edges"][0]["node"];
    // 35.00 + 2 × 14.99 + 2 × 5.00
    assert_eq!(node["price"], "74.98", "{answer}");
    assert_eq!(
        node["options"][2],
        json!({"option_id": 3, "option_label": "2 x Gift Wrapping $5.00", "attribute_name": "Wrapping",
            "is_required": true, "can_change_qty": true})
    );
    let wrong = json!({"productId": GIFT_BOX, "bundleOptions": "{\"2\":[3]}"});
    let answer = shop.graphql_as(&token, add, json!({"input": wrong})).await;
    assert_eq!(
        answer["errors"][0]["message"], "choose a product for option \"Headpiece\" of bundle GIFT-BOX",
        "{answer}"
    );
}
