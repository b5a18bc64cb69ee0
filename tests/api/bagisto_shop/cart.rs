//! Carts and checkout over the shop REST API: guest cart tokens, lines of every supported
//! product type with their stock and option checks, customer carts and merging, the checkout
//! steps, and placing the order (atomic, idempotent, the one core order the other APIs read).

use polyshop_entities::{mail_outbox, orders};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, get, post, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

/// A new guest cart's token.
async fn guest(shop: &Shop<'_>) -> String {
    let (status, body) = status_json(shop.post("/api/shop/cart-tokens").send().await).await;
    assert_eq!(status, 201, "{body}");
    body["cartToken"].as_str().unwrap().to_owned()
}

/// POSTs `body` to `path` as the holder of `token`.
/// The body's lines as (sku, quantity).
fn lines(cart: &Value) -> Vec<(String, i64)> {
    cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["sku"].as_str().unwrap().to_owned(), i["quantity"].as_i64().unwrap()))
        .collect()
}

fn address() -> Value {
    json!({
        "billingFirstName": "Gus", "billingLastName": "Guest", "billingEmail": "Gus@Example.com",
        "billingAddress": "1 Main St\nApt 2", "billingCity": "Austin", "billingState": "TX", "billingCountry": "us",
        "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true,
    })
}

#[tokio::test]
async fn a_guest_fills_a_cart_and_checks_out() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (status, created) = status_json(shop.post("/api/shop/cart-tokens").send().await).await;
    assert_eq!(status, 201);
    let token = created["cartToken"].as_str().unwrap().to_owned();
    assert_eq!((token.len(), created["sessionToken"].as_str()), (36, Some(token.as_str())));
    assert_eq!((created["itemsCount"].clone(), created["isGuest"].clone()), (json!(0), json!(true)));

    let (oxford, gift) = (product_id(&app, "OXF-SHIRT").await, product_id(&app, "GIFT-WRAP").await);
    let (status, cart) =
        post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": oxford, "quantity": 2})).await;
    assert_eq!(status, 201, "{cart}");
    // The same product again adds to its line.
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": oxford})).await;
    let (_, cart) =
        post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": gift, "quantity": 1})).await;
    assert_eq!(lines(&cart), [("OXF-SHIRT".to_owned(), 3), ("GIFT-WRAP".to_owned(), 1)]);
    // 3 x 49.90 + 5.00, no shipping chosen yet.
    assert_eq!((cart["subtotal"].clone(), cart["grandTotal"].clone()), (json!(154.7), json!(154.7)));
    assert_eq!(cart["haveStockableItems"], true);
    let (status, read) = get(&shop, &token, "/api/shop/cart").await;
    assert_eq!(status, 200);
    let mut shown = read.clone();
    shown["cartToken"] = json!("<token>");
    insta::assert_snapshot!(pretty(&shown));
    // The legacy X-Cart-Token header works too, and POST reads as GET does (201).
    let resp = shop.post("/api/shop/cart").header("X-Cart-Token", &token).send().await;
    let (status, again) = status_json(resp).await;
    assert_eq!((status, again["id"].clone()), (201, read["id"].clone()));

    // Change and remove lines.
    let gift_line = read["items"][1]["id"].as_i64().unwrap();
    let oxford_line = read["items"][0]["id"].as_i64().unwrap();
    let resp = shop
        .put("/api/shop/update-cart-item")
        .header("Authorization", bearer(&token))
        .body_json(&json!({"cartItemId": oxford_line, "quantity": 2}))
        .send()
        .await;
    let (status, cart) = status_json(resp).await;
    assert_eq!((status, lines(&cart)[0].1), (200, 2));
    let resp = shop
        .delete("/api/shop/remove-cart-item")
        .header("Authorization", bearer(&token))
        .body_json(&json!({"cartItemId": gift_line}))
        .send()
        .await;
    let (status, cart) = status_json(resp).await;
    assert_eq!((status, lines(&cart)), (200, vec![("OXF-SHIRT".to_owned(), 2)]));

    // Checkout: the steps in order, each refused before its turn.
    let (status, body) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (409, Some("Set the billing and shipping addresses before placing the order."))
    );
    let (status, body) =
        post(&shop, &token, "/api/shop/checkout-shipping-methods", json!({"shippingMethod": "flatrate_flatrate"}))
            .await;
    assert_eq!((status, body["message"].as_str()), (409, Some("Set the shipping address before the shipping method.")));
    let (status, saved) = post(&shop, &token, "/api/shop/checkout-addresses", address()).await;
    assert_eq!(status, 201, "{saved}");
    assert_eq!((saved["billingCountry"].clone(), saved["shippingCity"].clone()), (json!("US"), json!("Austin")));
    let (_, listed) = get(&shop, &token, "/api/shop/checkout-addresses").await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["useForShipping"], true);
    // 99.80 ships at 10.00 a unit; free shipping only from 200.00.
    let (_, rates) = get(&shop, &token, "/api/shop/checkout-shipping-methods").await;
    assert_eq!(
        rates.as_array().unwrap().iter().map(|r| (r["method"].clone(), r["price"].clone())).collect::<Vec<_>>(),
        [(json!("flatrate_flatrate"), json!(20))]
    );
    let (status, body) =
        post(&shop, &token, "/api/shop/checkout-shipping-methods", json!({"shippingMethod": "free_free"})).await;
    assert_eq!(status, 422, "{body}");
    let (status, _) =
        post(&shop, &token, "/api/shop/checkout-shipping-methods", json!({"shippingMethodCode": "flatrate_flatrate"}))
            .await;
    assert_eq!(status, 201);
    let (status, body) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!((status, body["message"].as_str()), (409, Some("Choose a payment method before placing the order.")));
    let (_, methods) = get(&shop, &token, "/api/shop/checkout-payment-methods").await;
    assert!(methods.as_array().unwrap().iter().any(|m| m["method"] == "cashondelivery"), "{methods}");
    let (status, _) =
        post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"payment": {"method": "cashondelivery"}}))
            .await;
    assert_eq!(status, 201);
    let (_, cart) = get(&shop, &token, "/api/shop/cart").await;
    assert_eq!((cart["shippingAmount"].clone(), cart["grandTotal"].clone()), (json!(20), json!(119.8)));

    let stock_before = app.stock(oxford).await;
    let place = |key: &'static str| {
        shop.post("/api/shop/checkout-orders")
            .header("Authorization", bearer(&token))
            .header("Idempotency-Key", key)
            .send()
    };
    let (status, placed) = status_json(place("order-1").await).await;
    assert_eq!(status, 201, "{placed}");
    let order_id = placed["order"]["id"].as_i64().unwrap();
    assert_eq!(
        (placed["order"]["status"].clone(), placed["order"]["grandTotal"].clone()),
        (json!("pending"), json!(119.8))
    );
    assert_eq!(placed["orderId"], order_id.to_string());
    assert_eq!(app.stock(oxford).await, stock_before - 2);
    // The same key answers the same order, and places nothing more.
    let (status, replay) = status_json(place("order-1").await).await;
    assert_eq!((status, &replay), (201, &placed));
    assert_eq!(
        orders::Entity::find()
            .filter(orders::Column::CustomerEmail.eq("gus@example.com"))
            .count(app.db())
            .await
            .unwrap(),
        1
    );
    // The cart is closed; the token lives on and opens a new cart with the next product.
    assert_eq!(get(&shop, &token, "/api/shop/cart").await.0, 404);
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": gift})).await;
    let (status, body) = status_json(place("order-1").await).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (422, Some("This Idempotency-Key was already used for another request; send a new key."))
    );
    // The confirmation went to the outbox.
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Kind.eq("order_confirmation"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.to_address, "gus@example.com");

    // The same order through CS-Cart: a guest order with the cart's lines.
    let auth = app.admin_basic().await;
    let (status, order) =
        status_json(app.get(&format!("/api/orders/{order_id}")).header("Authorization", auth).send().await).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["email"], "gus@example.com");
    assert_eq!(order["total"], "119.80");
}

#[tokio::test]
async fn lines_are_checked_against_the_catalog() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let token = guest(&shop).await;
    let add = |body: Value| post(&shop, &token, "/api/shop/add-product-in-cart", body);
    let derby = product_id(&app, "DERBY-SHOES").await;
    let cases = [
        (json!({"productId": 999_999}), 404, "Product with ID"),
        (
            json!({"productId": product_id(&app, "CANVAS-SNEAK").await}),
            400,
            "CANVAS-SNEAK is not available: 1 asked, 0 in stock",
        ),
        (json!({"productId": derby, "quantity": 6}), 400, "DERBY-SHOES is not available: 6 asked, 5 in stock"),
        (json!({"productId": product_id(&app, "CLASSIC-TEE").await}), 422, "choose an option"),
        (
            json!({"productId": product_id(&app, "STYLE-GUIDE-EBOOK").await}),
            422,
            "choose at least one download link of product STYLE-GUIDE-EBOOK",
        ),
        (json!({"productId": product_id(&app, "GIFT-BOX").await}), 422, "Options are missing for this product."),
        (json!({"productId": product_id(&app, "FASHION-SHOW").await}), 422, "Options are missing for this product."),
        (json!({"productId": product_id(&app, "WARDROBE-ESSENTIALS").await}), 422, "groupedQty"),
        (json!({"productId": derby, "superAttribute": {"size": 3}}), 400, "`superAttribute`: `size` is not an id"),
    ];
    for (body, want_status, want) in cases {
        let (status, answer) = add(body.clone()).await;
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(status == want_status && message.contains(want), "{body}: {status} {answer}");
    }
    assert_eq!(get(&shop, &token, "/api/shop/cart").await.1["itemsCount"], 0);

    // A configurable product by its variant or by its options; a grouped one by member quantities.
    let tee = product_id(&app, "CLASSIC-TEE").await;
    let variant = product_id(&app, "CLASSIC-TEE-RED-M").await;
    let (status, cart) = add(json!({"productId": tee, "selectedConfigurableOption": variant})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(cart["items"][0]["productId"], tee);
    assert_eq!(cart["items"][0]["sku"], "CLASSIC-TEE-RED-M");
    assert!(cart["items"][0]["options"].as_array().unwrap().len() == 2, "{cart}");
    let (status, cart) = add(json!({"productId": variant})).await;
    assert_eq!((status, lines(&cart)), (201, vec![("CLASSIC-TEE-RED-M".to_owned(), 2)]));
    let essentials = product_id(&app, "WARDROBE-ESSENTIALS").await;
    let socks = product_id(&app, "WOOL-SOCKS").await;
    let (status, cart) = add(json!({"productId": essentials, "groupedQty": {socks.to_string(): 2}})).await;
    assert_eq!(status, 201, "{cart}");
    assert!(lines(&cart).contains(&("WOOL-SOCKS".to_owned(), 2)));
    let (status, body) = add(json!({"productId": essentials, "groupedQty": {derby.to_string(): 1}})).await;
    assert_eq!(status, 422, "{body}");
    // Changing a line past the stock: 422 (the update page's status).
    let line = cart["items"][0]["id"].as_i64().unwrap();
    let resp = shop
        .put("/api/shop/update-cart-item")
        .header("Authorization", bearer(&token))
        .body_json(&json!({"cartItemId": line, "quantity": 9999}))
        .send()
        .await;
    assert_eq!(resp.0.status(), 422);
    // isBuyNow empties the cart first.
    let (_, cart) = add(json!({"productId": derby, "isBuyNow": 1})).await;
    assert_eq!(lines(&cart), [("DERBY-SHOES".to_owned(), 1)]);
}

#[tokio::test]
async fn carts_belong_to_their_shopper() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (mine, theirs) = (guest(&shop).await, guest(&shop).await);
    let oxford = product_id(&app, "OXF-SHIRT").await;
    let (_, cart) = post(&shop, &theirs, "/api/shop/add-product-in-cart", json!({"productId": oxford})).await;
    let their_line = cart["items"][0]["id"].as_i64().unwrap();
    let their_cart = cart["id"].as_i64().unwrap();
    // Another guest's line or cart does not exist for me.
    let (status, body) = post(&shop, &mine, "/api/shop/remove-cart-item", json!({"cartItemId": their_line})).await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = get(&shop, &mine, &format!("/api/shop/cart-tokens/{their_cart}")).await;
    assert_eq!(status, 404);
    let (status, _) = get(&shop, &mine, &format!("/api/shop/cart-tokens/{theirs}")).await;
    assert_eq!(status, 404);
    assert_eq!(lines(&get(&shop, &theirs, "/api/shop/cart").await.1).len(), 1);
    // My own record, by token or id.
    let (status, info) = get(&shop, &mine, &format!("/api/shop/cart-tokens/{mine}")).await;
    assert_eq!((status, info["cartToken"].as_str()), (200, Some(mine.as_str())));
    // No token, or an unknown one: 401.
    assert_eq!(shop.get("/api/shop/cart").send().await.0.status(), 401);
    let unknown = "00000000-0000-4000-8000-000000000000";
    assert_eq!(get(&shop, unknown, "/api/shop/cart").await.0, 401);
}

#[tokio::test]
async fn a_customer_cart_takes_the_guest_cart_on_merge() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, customer) = shop.register("Cleo", "cleo@example.com", PASSWORD).await;
    assert_eq!(get(&shop, &customer, "/api/shop/cart").await.0, 404);
    let (oxford, socks) = (product_id(&app, "OXF-SHIRT").await, product_id(&app, "WOOL-SOCKS").await);
    post(&shop, &customer, "/api/shop/add-product-in-cart", json!({"productId": oxford})).await;
    let token = guest(&shop).await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": oxford, "quantity": 2})).await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": socks})).await;
    // A guest token cannot merge; a customer without the guest's token cannot either.
    let (status, _) = post(&shop, &token, "/api/shop/merge-carts", json!({"guestCartToken": token})).await;
    assert_eq!(status, 401);
    let (status, _) = post(&shop, &customer, "/api/shop/merge-carts", json!({"cartId": 1})).await;
    assert_eq!(status, 400);
    let (status, merged) = post(&shop, &customer, "/api/shop/merge-carts", json!({"guest_cart_token": token})).await;
    assert_eq!(status, 201, "{merged}");
    assert_eq!(lines(&merged), [("OXF-SHIRT".to_owned(), 3), ("WOOL-SOCKS".to_owned(), 1)]);
    assert_eq!((merged["isGuest"].clone(), merged["cartToken"].clone()), (json!(false), Value::Null));
    // The guest token died with its cart.
    assert_eq!(get(&shop, &token, "/api/shop/cart").await.0, 401);
    // The customer's carts, as cart-token records.
    let (status, records) = get(&shop, &customer, "/api/shop/cart-tokens").await;
    assert_eq!((status, records.as_array().unwrap().len()), (200, 1));
    assert_eq!(records[0]["itemsQty"], 4);
    // A customer token creating a cart gets the customer's cart.
    let resp = shop.post("/api/shop/cart-tokens").header("Authorization", bearer(&customer)).send().await;
    let (status, own) = status_json(resp).await;
    assert_eq!((status, own["id"].clone(), own["cartToken"].clone()), (201, merged["id"].clone(), Value::Null));
}

#[tokio::test]
async fn a_customer_checks_out_with_an_address_book_entry() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (customer_id, token) = shop.register("Dora", "dora@example.com", PASSWORD).await;
    let resp = shop
        .post("/api/shop/customer-addresses")
        .header("Authorization", bearer(&token))
        .body_json(&json!({"firstName": "Dora", "lastName": "Tester", "email": "dora@example.com", "phone": "5550100",
            "address1": "5 Side St", "city": "Dallas", "state": "TX", "country": "US", "postcode": "75001"}))
        .send()
        .await;
    let address_id = status_json(resp).await.1["id"].as_i64().unwrap();
    // A virtual product alone ships nothing: no shipping address or method is needed.
    let gift = product_id(&app, "GIFT-WRAP").await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": gift})).await;
    let (status, saved) =
        post(&shop, &token, "/api/shop/checkout-addresses", json!({"billingAddressId": address_id})).await;
    assert_eq!(
        (status, saved["billingCity"].clone(), saved["shippingCity"].clone()),
        (201, json!("Dallas"), Value::Null)
    );
    assert_eq!(get(&shop, &token, "/api/shop/checkout-shipping-methods").await.1, json!([]));
    post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await;
    let (status, placed) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(status, 201, "{placed}");
    let order =
        orders::Entity::find_by_id(placed["order"]["id"].as_i64().unwrap()).one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        (order.customer_id, order.is_guest, order.customer_email.as_str()),
        (Some(customer_id), false, "dora@example.com")
    );
    // Another customer's address-book entry: 404.
    let (_, other) = shop.register("Eve", "eve@example.com", PASSWORD).await;
    post(&shop, &other, "/api/shop/add-product-in-cart", json!({"productId": gift})).await;
    let (status, _) =
        post(&shop, &other, "/api/shop/checkout-addresses", json!({"billingAddressId": address_id})).await;
    assert_eq!(status, 404);
}
