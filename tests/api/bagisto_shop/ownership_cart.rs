//! Another shopper's ids in the cart, checkout, wishlist and review operations that take one:
//! a line of another cart, another customer's address-book entry, wishlist item or review, a
//! guest cart named by id. Each is refused (answered as missing, never as someone else's), over
//! REST and GraphQL, and the owner's data is left as it was.

use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, data, error, get, post, product_id};
use crate::harness::{Shop, TestApp, status_json};

/// `method path` with `body` as the holder of `token`.
async fn send(shop: &Shop<'_>, token: &str, method: &str, path: &str, body: Value) -> (u16, Value) {
    let req = match method {
        "PUT" => shop.put(path),
        "PATCH" => shop.patch(path),
        "DELETE" => shop.delete(path),
        _ => shop.post(path),
    };
    status_json(req.header("Authorization", bearer(token)).body_json(&body).send().await).await
}

/// What the owner has: a cart line, an address-book entry, a wishlist item and a review.
struct Owned {
    token: String,
    cart_id: i64,
    line: i64,
    address: i64,
    wish: i64,
    review: i64,
}

async fn owner(app: &TestApp, shop: &Shop<'_>) -> Owned {
    let (_, token) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let shirt = product_id(app, "OXF-SHIRT").await;
    let (status, cart) = post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": shirt})).await;
    assert_eq!(status, 201, "{cart}");
    let (status, address) = post(
        shop,
        &token,
        "/api/shop/customer-addresses",
        json!({"firstName": "Olive", "lastName": "Owner", "email": "olive@example.com", "phone": "5550100",
            "address1": "5 Side St", "city": "Dallas", "state": "TX", "country": "US", "postcode": "75001"}),
    )
    .await;
    assert_eq!(status, 201, "{address}");
    let socks = product_id(app, "WOOL-SOCKS").await;
    let (status, wish) = post(shop, &token, "/api/shop/wishlists", json!({"productId": socks})).await;
    assert_eq!(status, 201, "{wish}");
    let (status, review) = post(
        shop,
        &token,
        "/api/shop/reviews",
        json!({"productId": shirt, "title": "Mine", "comment": "A fine oxford shirt.", "rating": 4, "name": "Olive"}),
    )
    .await;
    assert_eq!(status, 201, "{review}");
    Owned {
        token,
        cart_id: cart["id"].as_i64().unwrap(),
        line: cart["items"][0]["id"].as_i64().unwrap(),
        address: address["id"].as_i64().unwrap(),
        wish: wish["id"].as_i64().unwrap(),
        review: review["id"].as_i64().unwrap(),
    }
}

/// The owner's data as it was set up: one unit on the line, the address, the wishlist item and
/// the review's text.
async fn assert_untouched(shop: &Shop<'_>, o: &Owned) {
    let (_, cart) = get(shop, &o.token, "/api/shop/cart").await;
    assert_eq!((cart["id"].as_i64(), cart["items"][0]["id"].as_i64()), (Some(o.cart_id), Some(o.line)), "{cart}");
    assert_eq!(cart["items"][0]["quantity"], 1, "{cart}");
    assert_eq!(cart["items"].as_array().unwrap().len(), 1, "{cart}");
    let (status, _) = get(shop, &o.token, &format!("/api/shop/customer-addresses/{}", o.address)).await;
    assert_eq!(status, 200);
    let (_, wishes) = get(shop, &o.token, "/api/shop/wishlists").await;
    assert!(wishes.as_array().unwrap().iter().any(|w| w["id"].as_i64() == Some(o.wish)), "{wishes}");
    let (_, review) = get(shop, &o.token, &format!("/api/shop/customer-reviews/{}", o.review)).await;
    assert_eq!(review["title"], "Mine", "{review}");
}

fn billing() -> Value {
    json!({"billingFirstName": "Bo", "billingLastName": "Other", "billingEmail": "bo@example.com",
        "billingAddress": "9 Far Rd", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
        "billingPostcode": "73301", "billingPhoneNumber": "5550199"})
}

#[tokio::test]
async fn rest_refuses_another_shoppers_lines_addresses_wishlist_items_and_reviews() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let o = owner(&app, &shop).await;
    let (_, other) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let socks = product_id(&app, "WOOL-SOCKS").await;
    let (status, own_cart) = post(&shop, &other, "/api/shop/add-product-in-cart", json!({"productId": socks})).await;
    assert_eq!(status, 201);
    let created = crate::harness::json(shop.post("/api/shop/cart-tokens").send().await).await;
    let guest = created["cartToken"].as_str().unwrap().to_owned();
    post(&shop, &guest, "/api/shop/add-product-in-cart", json!({"productId": socks})).await;

    // Another cart's line is not a line of mine, for a customer and for a guest.
    let missing = json!({"message": format!("Cart item with ID \"{}\" not found.", o.line)});
    for who in [&other, &guest] {
        for (method, path, body) in [
            ("PUT", "/api/shop/update-cart-item", json!({"cartItemId": o.line, "quantity": 5})),
            ("POST", "/api/shop/update-cart-item", json!({"cartItemId": o.line, "quantity": 5})),
            ("DELETE", "/api/shop/remove-cart-item", json!({"cartItemId": o.line})),
            ("POST", "/api/shop/remove-cart-item", json!({"cartItemId": o.line})),
            ("POST", "/api/shop/remove-cart-items", json!({"itemIds": [o.line]})),
        ] {
            let (status, body) = send(&shop, who, method, path, body).await;
            assert_eq!((status, &body), (404, &missing), "{method} {path}");
        }
    }
    // The read form that upstream answers by `cartId`: the caller's own cart, whatever the id.
    let (status, read) = post(&shop, &other, "/api/shop/cart", json!({"cartId": o.cart_id})).await;
    assert_eq!((status, read["id"].as_i64()), (201, own_cart["id"].as_i64()), "{read}");

    // Merging takes a guest cart by its token only; another cart's id does not name it.
    let (status, body) =
        post(&shop, &other, "/api/shop/merge-carts", json!({"guestCartToken": guest, "cartId": o.cart_id})).await;
    assert_eq!((status, body["message"].as_str()), (404, Some("Guest cart not found")), "{body}");
    let (status, _) = post(&shop, &other, "/api/shop/merge-carts", json!({"cartId": o.cart_id})).await;
    assert_eq!(status, 400);
    let (status, guest_cart) = get(&shop, &guest, "/api/shop/cart").await;
    assert_eq!((status, guest_cart["items"].as_array().map(Vec::len)), (200, Some(1)), "the guest cart stays open");

    // Another customer's address-book entry, as billing or shipping address; a guest has none.
    let missing_address = json!({"message": format!("Customer address with ID \"{}\" not found.", o.address)});
    for who in [&other, &guest] {
        let mut body = billing();
        body["shippingAddressId"] = json!(o.address);
        let (status, answer) = post(&shop, who, "/api/shop/checkout-addresses", body).await;
        assert_eq!((status, &answer), (404, &missing_address));
        let (status, answer) =
            post(&shop, who, "/api/shop/checkout-addresses", json!({"billingAddressId": o.address})).await;
        assert_eq!((status, &answer), (404, &missing_address));
    }
    let (_, addresses) = get(&shop, &other, "/api/shop/checkout-addresses").await;
    assert_eq!(addresses, json!([]), "nothing was saved on the refusing cart");

    // Another customer's wishlist item and review.
    let (status, body) =
        post(&shop, &other, "/api/shop/move-wishlist-to-carts", json!({"wishlistItemId": o.wish})).await;
    assert_eq!((status, body["message"].as_str()), (404, Some("Wishlist item not found")), "{body}");
    let (status, body) =
        post(&shop, &other, "/api/shop/move-wishlist-to-carts", json!({"wishlist_item_id": o.wish})).await;
    assert_eq!(status, 404, "{body}");
    for method in ["PATCH", "PUT"] {
        let (status, body) =
            send(&shop, &other, method, &format!("/api/shop/reviews/{}", o.review), json!({"title": "Theirs"})).await;
        assert_eq!(status, 403, "{method} {body}");
    }
    let (status, _) = send(&shop, &other, "DELETE", &format!("/api/shop/reviews/{}", o.review), json!({})).await;
    assert_eq!(status, 403);

    assert_untouched(&shop, &o).await;
    let (_, theirs) = get(&shop, &other, "/api/shop/cart").await;
    assert_eq!(theirs["items"].as_array().map(Vec::len), Some(1), "{theirs}");
}

#[tokio::test]
async fn graphql_refuses_another_shoppers_lines_addresses_and_wishlist_items() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let o = owner(&app, &shop).await;
    let (_, other) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let socks = product_id(&app, "WOOL-SOCKS").await;
    post(&shop, &other, "/api/shop/add-product-in-cart", json!({"productId": socks})).await;
    let line = o.line;

    // Cart lines.
    let update = format!(
        "mutation {{ createUpdateCartItem(input: {{cartItemId: {line}, quantity: 4}}) {{ updateCartItem {{ id }} }} }}"
    );
    let remove =
        format!("mutation {{ createRemoveCartItem(input: {{cartItemId: {line}}}) {{ removeCartItem {{ id }} }} }}");
    let several = format!(
        "mutation {{ createRemoveCartItems(input: {{itemIds: [{line}]}}) {{ removeCartItems {{ id itemsCount }} }} }}"
    );
    let to_wishlist = format!("mutation {{ moveToWishlist(input: {{cartItemId: \"{line}\"}}) {{ status message }} }}");
    for query in [&update, &remove, &several, &to_wishlist] {
        let answer = shop.graphql_as(&other, query, json!({})).await;
        assert_eq!(error(&answer), format!("Cart item with ID \"{line}\" not found."), "{query}");
        let root = answer["data"].as_object().and_then(|d| d.values().next().cloned());
        assert!(root.is_none_or(|r| r.is_null()), "{answer}");
    }

    // Address-book entries in the address step and in the one-call checkout.
    let address = "mutation($input: createCheckoutAddressInput!) { createCheckoutAddress(input: $input) { \
                   checkoutAddress { success } } }";
    let mut input = billing();
    input["useForShipping"] = json!(false);
    input["shippingAddressId"] = json!(o.address);
    let answer = shop.graphql_as(&other, address, json!({"input": input})).await;
    assert_eq!(error(&answer), format!("Customer address with ID \"{}\" not found.", o.address));
    let answer = shop.graphql_as(&other, address, json!({"input": {"billingAddressId": o.address}})).await;
    assert_eq!(error(&answer), format!("Customer address with ID \"{}\" not found.", o.address));
    let order = "mutation($input: createOrderInput!) { createOrder(input: $input) { order { id } } }";
    for input in [
        json!({"billingAddressId": o.address.to_string(), "shippingMethod": "flatrate_flatrate", "paymentMethod": "moneytransfer"}),
        json!({"billingAddress": {"firstName": "Bo", "lastName": "Other", "email": "bo@example.com", "address": "9 Far Rd",
            "city": "Austin", "state": "TX", "country": "US", "postcode": "73301", "phone": "5550199"},
            "shippingAddressId": o.address.to_string(), "shippingMethod": "flatrate_flatrate", "paymentMethod": "moneytransfer"}),
    ] {
        let answer = shop.graphql_as(&other, order, json!({"input": input})).await;
        assert!(answer["errors"].is_array(), "{answer}");
        assert!(answer["data"]["createOrder"].is_null(), "{answer}");
    }
    let (_, orders) = get(&shop, &other, "/api/shop/customer-orders").await;
    assert_eq!(orders, json!([]), "no order was placed");

    // Wishlist items.
    let wish = o.wish;
    for query in [
        format!(
            "mutation {{ moveWishlistToCart(input: {{wishlistItemId: {wish}, quantity: 1}}) {{ wishlistToCart {{ id }} }} }}"
        ),
        format!("mutation {{ removeFromWishlist(input: {{wishlistItemId: \"{wish}\"}}) {{ status message }} }}"),
    ] {
        let answer = shop.graphql_as(&other, &query, json!({})).await;
        assert_eq!(error(&answer), "Wishlist item not found", "{query}");
    }
    let review = format!(
        "mutation {{ updateProductReview(input: {{id: \"{}\", title: \"Theirs\"}}) {{ productReview {{ id }} }} }}",
        o.review
    );
    let answer = shop.graphql_as(&other, &review, json!({})).await;
    assert!(answer["errors"].is_array(), "{answer}");

    assert_untouched(&shop, &o).await;
    let cart = data(
        shop.graphql_as(&other, "mutation { createReadCart(input: {}) { readCart { itemsCount } } }", json!({})).await,
    );
    assert_eq!(cart["createReadCart"]["readCart"]["itemsCount"], 1);
}
