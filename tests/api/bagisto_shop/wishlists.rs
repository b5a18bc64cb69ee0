//! Wishlists and compare lists over the shop REST API: a product at most once, per channel for
//! wishlists, toggling, clearing, moving an item to the cart, and only the customer's own items.

use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, disable_product, paging, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

async fn call(shop: &Shop<'_>, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let req = match method {
        "GET" => shop.get(path),
        "DELETE" => shop.delete(path),
        _ => shop.post(path),
    }
    .header("Authorization", bearer(token));
    let resp = match body {
        Some(b) => req.body_json(&b).send().await,
        None => req.send().await,
    };
    status_json(resp).await
}

#[tokio::test]
async fn a_customer_keeps_a_wishlist() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Wendy", "wendy@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let derby = product_id(&app, "DERBY-SHOES").await;

    // Without a customer token: 401.
    assert_eq!(shop.get("/api/shop/wishlists").send().await.0.status(), 401);

    let (status, added) = call(&shop, &token, "POST", "/api/shop/wishlists", Some(json!({"productId": shirt}))).await;
    assert_eq!(status, 201, "{added}");
    let mut shape = added.clone();
    for key in ["createdAt", "updatedAt", "customerId"] {
        shape[key] = json!("<varies>");
    }
    insta::assert_snapshot!("added", pretty(&shape));
    for (body, want_status, want) in [
        (json!({"productId": shirt}), 400, "This product is already in your wishlist"),
        (json!({}), 400, "Product ID is required"),
        (json!({"product_id": 999_999}), 404, "Product with ID \"999999\" not found."),
    ] {
        let (status, answer) = call(&shop, &token, "POST", "/api/shop/wishlists", Some(body.clone())).await;
        assert_eq!((status, answer["message"].as_str().unwrap_or_default()), (want_status, want), "{body}");
    }
    disable_product(&app, derby).await;
    let (status, answer) = call(&shop, &token, "POST", "/api/shop/wishlists", Some(json!({"productId": derby}))).await;
    assert_eq!((status, answer["message"].as_str()), (400, Some("This product is currently disabled")));

    // Toggle adds, then removes; the list is paged with headers.
    let socks = product_id(&app, "WOOL-SOCKS").await;
    let (status, toggled) =
        call(&shop, &token, "POST", "/api/shop/wishlists/toggle", Some(json!({"productId": socks}))).await;
    assert_eq!((status, toggled["message"].as_str()), (201, Some("Item Successfully Added To Wishlist")));
    let resp =
        shop.get("/api/shop/wishlists?per_page=1&sort=id-desc").header("Authorization", bearer(&token)).send().await;
    assert_eq!(paging(&resp), ["2", "1", "1", "2"].map(String::from));
    let (_, newest) = status_json(resp).await;
    assert_eq!(newest[0]["productId"], socks);
    let (status, toggled) =
        call(&shop, &token, "POST", "/api/shop/wishlists/toggle", Some(json!({"productId": socks}))).await;
    assert_eq!(
        (status, toggled["message"].as_str(), toggled["productId"].as_i64()),
        (201, Some("Item Successfully Removed From Wishlist"), Some(socks))
    );

    // Another customer sees none of it and cannot read or remove it.
    let id = added["id"].as_i64().unwrap();
    let (_, theirs) = call(&shop, &other, "GET", "/api/shop/wishlists", None).await;
    assert_eq!(theirs, json!([]));
    for method in ["GET", "DELETE"] {
        let (status, answer) = call(&shop, &other, method, &format!("/api/shop/wishlists/{id}"), None).await;
        assert_eq!((status, answer["message"].as_str()), (404, Some("Wishlist item not found")), "{method}");
    }
    assert_eq!(call(&shop, &token, "GET", &format!("/api/shop/wishlists/{id}"), None).await.0, 200);

    // A wishlist belongs to its channel.
    super::channels::add_outlet(&app).await;
    let outlet =
        |path: String| shop.get(&path).header("Authorization", bearer(&token)).header("X-Channel", "outlet").send();
    assert_eq!(status_json(outlet("/api/shop/wishlists".into()).await).await, (200, json!([])));
    // An item is read in any channel.
    assert_eq!(status_json(outlet(format!("/api/shop/wishlists/{id}")).await).await.0, 200);

    // Move to the cart: the item leaves the wishlist, the product joins the cart.
    let (status, cart) = call(
        &shop,
        &token,
        "POST",
        "/api/shop/move-wishlist-to-carts",
        Some(json!({"wishlistItemId": id, "quantity": 2})),
    )
    .await;
    assert_eq!((status, cart["message"].as_str()), (201, Some("Item moved to cart successfully")), "{cart}");
    assert_eq!(cart["items"][0]["productId"], shirt);
    assert_eq!(cart["items"][0]["quantity"], 2);
    assert_eq!(call(&shop, &token, "GET", &format!("/api/shop/wishlists/{id}"), None).await.0, 404);
    let (status, answer) = call(&shop, &token, "POST", "/api/shop/move-wishlist-to-carts", Some(json!({}))).await;
    assert_eq!((status, answer["message"].as_str()), (400, Some("Wishlist item ID is required")));
    // A product that needs a choice the wishlist does not keep.
    let tee = product_id(&app, "CLASSIC-TEE").await;
    let (_, tee_item) = call(&shop, &token, "POST", "/api/shop/wishlists", Some(json!({"productId": tee}))).await;
    let (status, answer) = call(
        &shop,
        &token,
        "POST",
        "/api/shop/move-wishlist-to-carts",
        Some(json!({"wishlistItemId": tee_item["id"]})),
    )
    .await;
    assert_eq!(
        (status, answer["message"].as_str()),
        (422, Some("Product has missing required options. Please configure it manually"))
    );

    // Clearing answers the count.
    let (status, cleared) = call(&shop, &token, "POST", "/api/shop/delete-all-wishlists", None).await;
    assert_eq!(
        (status, cleared),
        (201, json!({"message": "All wishlist items have been removed successfully", "deletedCount": 1}))
    );
    assert_eq!(call(&shop, &token, "GET", "/api/shop/wishlists", None).await.1, json!([]));
}

#[tokio::test]
async fn a_customer_compares_products() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cora", "cora@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let derby = product_id(&app, "DERBY-SHOES").await;

    let (status, first) =
        call(&shop, &token, "POST", "/api/shop/compare-items", Some(json!({"productId": shirt}))).await;
    assert_eq!((status, first["productId"].as_i64()), (201, Some(shirt)), "{first}");
    assert_eq!(first["product"]["sku"], "OXF-SHIRT");
    // Upstream's underscored path is the same list.
    let (status, second) =
        call(&shop, &token, "POST", "/api/shop/compare_items", Some(json!({"product_id": derby}))).await;
    assert_eq!(status, 201, "{second}");
    let (status, again) =
        call(&shop, &token, "POST", "/api/shop/compare_items", Some(json!({"productId": shirt}))).await;
    assert_eq!((status, again["message"].as_str()), (400, Some("This product is already in your comparison list")));
    let (_, listed) = call(&shop, &token, "GET", "/api/shop/compare-items", None).await;
    let skus: Vec<&str> = listed.as_array().unwrap().iter().map(|i| i["product"]["sku"].as_str().unwrap()).collect();
    assert_eq!(skus, ["OXF-SHIRT", "DERBY-SHOES"]);
    assert_eq!(call(&shop, &token, "GET", "/api/shop/compare_items", None).await.1, listed);

    // Only the owner reads or removes an item.
    let id = first["id"].as_i64().unwrap();
    for path in [format!("/api/shop/compare-items/{id}"), format!("/api/shop/compare_items/{id}")] {
        let (status, answer) = call(&shop, &other, "GET", &path, None).await;
        assert_eq!((status, answer["message"].as_str()), (404, Some("Compare item not found")));
        assert_eq!(call(&shop, &other, "DELETE", &path, None).await.0, 404);
        assert_eq!(call(&shop, &token, "GET", &path, None).await.0, 200);
    }
    let (status, removed) = call(&shop, &token, "DELETE", &format!("/api/shop/compare_items/{id}"), None).await;
    assert_eq!((status, removed), (200, json!({"success": true, "message": "Item removed successfully."})));
    let (status, cleared) = call(&shop, &token, "POST", "/api/shop/delete-all-compare-items", None).await;
    assert_eq!(
        (status, cleared),
        (201, json!({"message": "All compare items have been removed successfully", "deletedCount": 1}))
    );
}

#[tokio::test]
async fn products_show_the_signed_in_customers_lists() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Fay", "fay@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let derby = product_id(&app, "DERBY-SHOES").await;
    call(&shop, &token, "POST", "/api/shop/wishlists", Some(json!({"productId": shirt}))).await;
    call(&shop, &token, "POST", "/api/shop/compare-items", Some(json!({"productId": derby}))).await;
    let flags = |p: &Value| (p["isInWishlist"].as_i64().unwrap(), p["isInCompare"].as_i64().unwrap());

    // REST: the product detail and the list, for the customer and for a guest.
    let (_, mine) = call(&shop, &token, "GET", &format!("/api/shop/products/{shirt}"), None).await;
    assert_eq!(flags(&mine), (1, 0));
    let (_, guest) = status_json(shop.get(&format!("/api/shop/products/{shirt}")).send().await).await;
    assert_eq!(flags(&guest), (0, 0));
    let (_, listed) = call(&shop, &token, "GET", "/api/shop/products?per_page=50", None).await;
    let of = |id: i64| listed.as_array().unwrap().iter().find(|p| p["id"] == id).map(flags);
    assert_eq!((of(shirt), of(derby)), (Some((1, 0)), Some((0, 1))));
    // A token that names no customer reads as a guest.
    let (status, forged) = status_json(
        shop.get(&format!("/api/shop/products/{shirt}")).header("Authorization", "Bearer 1|nope").send().await,
    )
    .await;
    assert_eq!((status, flags(&forged)), (200, (0, 0)));

    // GraphQL: the same flags as "1"/"0".
    let query = format!(
        "{{ a: product(id: {shirt}) {{ isInWishlist isInCompare }} b: product(id: {derby}) {{ isInWishlist isInCompare }} }}"
    );
    let data = shop.graphql_as(&token, &query, json!({})).await;
    assert_eq!(
        data["data"],
        json!({"a": {"isInWishlist": "1", "isInCompare": "0"}, "b": {"isInWishlist": "0", "isInCompare": "1"}})
    );
    let guest = shop.data(&query, json!({})).await;
    assert_eq!(guest["a"], json!({"isInWishlist": "0", "isInCompare": "0"}));
}
