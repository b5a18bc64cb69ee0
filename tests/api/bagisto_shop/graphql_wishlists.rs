//! Wishlists and compare lists over GraphQL: the same lists and rules as REST, toggling
//! answered as data, moving between the cart and the wishlist, and another customer's ids
//! answered as missing.

use serde_json::json;

use super::support::{PASSWORD, bearer, data, error, product_id};
use crate::{harness::TestApp, pretty};

#[tokio::test]
async fn a_customer_keeps_a_wishlist_over_graphql() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Wendy", "wendy@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let socks = product_id(&app, "WOOL-SOCKS").await;

    let create = "mutation($p: Int) { createWishlist(input: {productId: $p}) { wishlist { id _id product { sku } customer { email } channel { code } } } }";
    let anonymous = shop.graphql(create, json!({"p": shirt})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
    let created = data(shop.graphql_as(&token, create, json!({"p": shirt})).await);
    let entry = &created["createWishlist"]["wishlist"];
    let id = entry["_id"].as_i64().unwrap();
    insta::assert_snapshot!("created", pretty(entry));
    let twice = shop.graphql_as(&token, create, json!({"p": shirt})).await;
    assert_eq!(error(&twice), "This product is already in your wishlist");

    // Toggle: added, then removed, both as data.
    let toggle =
        "mutation($p: Int) { toggleWishlist(input: {productId: $p}) { message wishlist { _id product { sku } } } }";
    let on = data(shop.graphql_as(&token, toggle, json!({"p": socks})).await);
    assert_eq!(on["toggleWishlist"]["message"], "Item Successfully Added To Wishlist");
    assert_eq!(on["toggleWishlist"]["wishlist"]["product"]["sku"], "WOOL-SOCKS");
    let list = "{ wishlists(first: 10) { totalCount edges { node { _id product { sku } } } } }";
    assert_eq!(data(shop.graphql_as(&token, list, json!({})).await)["wishlists"]["totalCount"], 2);
    let off = data(shop.graphql_as(&token, toggle, json!({"p": socks})).await);
    assert_eq!(off["toggleWishlist"], json!({"message": "Item Successfully Removed From Wishlist", "wishlist": null}));

    // The legacy whole-wishlist form and addToWishlist.
    let added = data(
        shop.graphql_as(&token, &format!("mutation {{ addToWishlist(input: {{productId: \"{socks}\"}}) {{ status message wishlist {{ id items {{ totalCount edges {{ node {{ productId product {{ sku }} }} }} }} }} }} }}"), json!({}))
            .await,
    );
    assert_eq!(added["addToWishlist"]["wishlist"]["items"]["totalCount"], 2);
    let whole = data(shop.graphql_as(&token, "{ wishlist { id items { totalCount } } }", json!({})).await);
    assert_eq!(whole["wishlist"], json!({"id": "/api/shop/wishlists", "items": {"totalCount": 2}}));

    // Another customer: nothing to read, nothing to delete.
    let theirs = shop
        .graphql_as(&other, &format!("{{ wishlist(id: \"/api/shop/wishlists/{id}\") {{ _id }} }}"), json!({}))
        .await;
    assert_eq!(error(&theirs), "Wishlist item not found");
    let delete = "mutation($id: ID) { deleteWishlist(input: {id: $id}) { wishlist { _id product { sku } } } }";
    assert_eq!(error(&shop.graphql_as(&other, delete, json!({"id": id})).await), "Wishlist item not found");
    assert_eq!(data(shop.graphql_as(&other, list, json!({})).await)["wishlists"]["totalCount"], 0);

    // Move the shirt to the cart, then a cart line back to the wishlist.
    let moved = data(
        shop.graphql_as(&token, &format!("mutation {{ moveWishlistToCart(input: {{wishlistItemId: {id}, quantity: 2}}) {{ wishlistToCart {{ success message itemsQty items {{ edges {{ node {{ id sku quantity }} }} }} }} }} }}"), json!({}))
            .await,
    );
    let cart = &moved["moveWishlistToCart"]["wishlistToCart"];
    assert_eq!(
        (cart["message"].as_str(), cart["itemsQty"].as_i64()),
        (Some("Item moved to cart successfully"), Some(2))
    );
    let line = cart["items"]["edges"][0]["node"]["id"].as_str().unwrap().to_owned();
    assert_eq!(error(&shop.graphql_as(&token, delete, json!({"id": id})).await), "Wishlist item not found");
    let back = data(
        shop.graphql_as(
            &token,
            &format!("mutation {{ moveToWishlist(input: {{cartItemId: \"{line}\"}}) {{ status message }} }}"),
            json!({}),
        )
        .await,
    );
    assert_eq!(back["moveToWishlist"], json!({"status": "success", "message": "Item moved to wishlist successfully."}));
    let rest_cart =
        crate::harness::json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!(rest_cart["itemsCount"], 0);

    // removeFromWishlist, then clearing.
    let entries = data(shop.graphql_as(&token, list, json!({})).await);
    let first = entries["wishlists"]["edges"][0]["node"]["_id"].as_i64().unwrap();
    let removed = data(
        shop.graphql_as(
            &token,
            &format!("mutation {{ removeFromWishlist(input: {{wishlistItemId: \"{first}\"}}) {{ status message }} }}"),
            json!({}),
        )
        .await,
    );
    assert_eq!(removed["removeFromWishlist"]["message"], "Item Successfully Removed From Wishlist");
    let cleared = data(
        shop.graphql_as(
            &token,
            "mutation { createDeleteAllWishlists(input: {}) { deleteAllWishlists { message deletedCount } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(
        cleared["createDeleteAllWishlists"]["deleteAllWishlists"],
        json!({"message": "All wishlist items have been removed successfully", "deletedCount": 1})
    );
}

#[tokio::test]
async fn a_customer_compares_products_over_graphql() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cora", "cora@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let create = "mutation($p: Int) { createCompareItem(input: {productId: $p}) { compareItem { id _id product { sku } customer { email } } } }";
    let created = data(shop.graphql_as(&token, create, json!({"p": shirt})).await);
    let item = &created["createCompareItem"]["compareItem"];
    let id = item["_id"].as_i64().unwrap();
    assert_eq!(item["id"], format!("/api/shop/compare_items/{id}"));
    assert_eq!(
        (item["product"]["sku"].as_str(), item["customer"]["email"].as_str()),
        (Some("OXF-SHIRT"), Some("cora@example.com"))
    );
    assert_eq!(
        error(&shop.graphql_as(&token, create, json!({"p": shirt})).await),
        "This product is already in your comparison list"
    );
    let missing = shop.graphql_as(&token, create, json!({"p": 999_999})).await;
    assert_eq!(error(&missing), "Product with ID \"999999\" not found.");

    let list = "{ compareItems { totalCount edges { node { _id } } } }";
    assert_eq!(data(shop.graphql_as(&token, list, json!({})).await)["compareItems"]["totalCount"], 1);
    assert_eq!(data(shop.graphql_as(&other, list, json!({})).await)["compareItems"]["totalCount"], 0);
    let read = format!("{{ compareItem(id: \"/api/shop/compare-items/{id}\") {{ _id }} }}");
    assert_eq!(error(&shop.graphql_as(&other, &read, json!({})).await), "Compare item not found");
    assert_eq!(data(shop.graphql_as(&token, &read, json!({})).await)["compareItem"]["_id"], id);
    let delete = format!("mutation {{ deleteCompareItem(input: {{id: \"{id}\"}}) {{ compareItem {{ _id }} }} }}");
    assert_eq!(error(&shop.graphql_as(&other, &delete, json!({})).await), "Compare item not found");
    assert_eq!(data(shop.graphql_as(&token, &delete, json!({})).await)["deleteCompareItem"]["compareItem"]["_id"], id);
    let cleared = data(
        shop.graphql_as(
            &token,
            "mutation { createDeleteAllCompareItems(input: {}) { deleteAllCompareItems { message deletedCount } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(cleared["createDeleteAllCompareItems"]["deleteAllCompareItems"]["deletedCount"], 0);
}

/// createMoveToWishlist (bagisto-api's MoveToWishlist): several cart lines to the wishlist at
/// once, unknown ids skipped, an entry already there kept once, the cart answered after.
#[tokio::test]
async fn create_move_to_wishlist_moves_several_lines() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Mia", "mia@example.com", PASSWORD).await;
    let (_, other) = shop.register("Ned", "ned@example.com", PASSWORD).await;
    let mut ids = Vec::new();
    for sku in ["OXF-SHIRT", "WOOL-SOCKS", "LEATHER-BELT"] {
        let product = product_id(&app, sku).await;
        let add = format!("mutation {{ addToCart(input: {{productId: {product}, quantity: 1}}) {{ success }} }}");
        data(shop.graphql_as(&token, &add, json!({})).await);
        ids.push(product);
    }
    // The shirt is on the wishlist already: it stays there once.
    data(
        shop.graphql_as(
            &token,
            "mutation($p: Int) { createWishlist(input: {productId: $p}) { wishlist { _id } } }",
            json!({"p": ids[0]}),
        )
        .await,
    );
    let cart = data(
        shop.graphql_as(
            &token,
            "mutation { createReadCart(input: {}) { readCart { items { edges { node { id sku } } } } } }",
            json!({}),
        )
        .await,
    );
    let lines: Vec<(i64, String)> = cart["createReadCart"]["readCart"]["items"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["node"]["id"].as_str().unwrap().parse().unwrap(), e["node"]["sku"].as_str().unwrap().to_owned()))
        .collect();
    let line = |sku: &str| lines.iter().find(|(_, s)| s == sku).unwrap().0;
    let moving = "mutation($ids: [Int!]) { createMoveToWishlist(input: {itemIds: $ids, quantities: [1, 1], clientMutationId: \"w1\"}) { \
                  moveToWishlist { success message itemsCount items { edges { node { sku } } } } clientMutationId } }";
    assert_eq!(
        error(&shop.graphql(moving, json!({"ids": [line("OXF-SHIRT")]})).await),
        "Unauthenticated. Please login to perform this action"
    );
    assert!(error(&shop.graphql_as(&token, moving, json!({"ids": []})).await).contains("itemIds"));
    // Another customer: without a cart, none; with one, it does not hold these lines.
    let theirs = shop.graphql_as(&other, moving, json!({"ids": [line("OXF-SHIRT")]})).await;
    assert_eq!(error(&theirs), "Cart not found");
    let add = format!("mutation {{ addToCart(input: {{productId: {}, quantity: 1}}) {{ success }} }}", ids[1]);
    data(shop.graphql_as(&other, &add, json!({})).await);
    let theirs = shop.graphql_as(&other, moving, json!({"ids": [line("OXF-SHIRT")]})).await;
    assert_eq!(error(&theirs), format!("Cart item with ID \"{}\" not found.", line("OXF-SHIRT")));
    let moved =
        data(shop.graphql_as(&token, moving, json!({"ids": [line("OXF-SHIRT"), line("WOOL-SOCKS"), 999_999]})).await);
    insta::assert_snapshot!(pretty(&moved));
    assert_eq!(moved["createMoveToWishlist"]["moveToWishlist"]["itemsCount"], 1);
    let wished = data(
        shop.graphql_as(&token, "{ wishlists { totalCount edges { node { product { sku } } } } }", json!({})).await,
    );
    let mut skus: Vec<&str> = wished["wishlists"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["product"]["sku"].as_str().unwrap())
        .collect();
    skus.sort();
    assert_eq!(skus, ["OXF-SHIRT", "WOOL-SOCKS"]);
}
