//! Carts over GraphQL: guest cart tokens, adding, changing and removing lines in the API
//! Platform forms and the overview pages' legacy forms, merging into a customer's cart; the
//! same carts, rules and refusals as REST, and another shopper's lines answered as missing.

use polyshop_entities::{attribute_options, attributes, products};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{bearer, data, demo_customer, error, product_id};
use crate::{
    harness::{Shop, TestApp, json as body_json},
    pretty,
};

/// A GraphQL answer to a request sending `header: value` (the cart credential).
async fn gql(shop: &Shop<'_>, header: (&str, &str), query: &str, variables: Value) -> Value {
    let resp = shop
        .post("/api/graphql")
        .header(header.0, header.1)
        .body_json(&json!({"query": query, "variables": variables}))
        .send()
        .await;
    resp.assert_status_is_ok();
    body_json(resp).await
}

/// A cart node's lines as (sku, quantity).
fn lines(cart: &Value) -> Vec<(String, i64)> {
    cart["items"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["node"]["sku"].as_str().unwrap().to_owned(), e["node"]["quantity"].as_i64().unwrap()))
        .collect()
}

const CART_FIELDS: &str = "id _id cartToken isGuest itemsCount itemsQty subtotal formattedSubtotal grandTotal \
    formattedGrandTotal haveStockableItems success message items { totalCount edges { node { id sku name type \
    quantity price formattedPrice total options productUrlKey canChangeQty } } }";

async fn new_guest(shop: &Shop<'_>) -> String {
    let answer =
        shop.data("mutation { createCartToken(input: {}) { cartToken { cartToken sessionToken } } }", json!({})).await;
    answer["createCartToken"]["cartToken"]["cartToken"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_guest_fills_a_cart_through_the_api_platform_mutations() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let created = shop
        .data(
            &format!("mutation {{ createCartToken(input: {{clientMutationId: \"c1\"}}) {{ cartToken {{ {CART_FIELDS} sessionToken }} clientMutationId }} }}"),
            json!({}),
        )
        .await;
    let node = &created["createCartToken"]["cartToken"];
    let token = node["cartToken"].as_str().unwrap().to_owned();
    assert_eq!(
        (token.len(), node["sessionToken"].as_str(), node["isGuest"].as_bool()),
        (36, Some(token.as_str()), Some(true))
    );
    assert_eq!(
        (node["message"].as_str(), created["createCartToken"]["clientMutationId"].as_str()),
        (Some("Cart created successfully"), Some("c1"))
    );
    let auth = bearer(&token);

    let shirt = product_id(&app, "OXF-SHIRT").await;
    let add = format!(
        "mutation($input: createAddProductInCartInput!) {{ createAddProductInCart(input: $input) {{ addProductInCart {{ {CART_FIELDS} }} }} }}"
    );
    let added =
        data(gql(&shop, ("Authorization", &auth), &add, json!({"input": {"productId": shirt, "quantity": 2}})).await);
    let cart = &added["createAddProductInCart"]["addProductInCart"];
    insta::assert_snapshot!(
        pretty(&json!({"cart": cart, "token": cart["cartToken"] == token})).replace(&token, "<token>")
    );

    // The same cart through REST: the same totals, as exact decimal text.
    let rest = body_json(shop.get("/api/shop/cart").header("Authorization", &auth).send().await).await;
    assert_eq!(cart["subtotal"].as_str().unwrap(), rest["subtotal"].to_string());
    assert_eq!(cart["grandTotal"].as_str().unwrap(), rest["grandTotal"].to_string());

    // Read with X-Cart-Token (legacy clients), change, then remove the line.
    let read = data(
        gql(
            &shop,
            ("X-Cart-Token", &token),
            &format!("mutation {{ createReadCart(input: {{}}) {{ readCart {{ {CART_FIELDS} }} }} }}"),
            json!({}),
        )
        .await,
    );
    assert_eq!(lines(&read["createReadCart"]["readCart"]), [("OXF-SHIRT".to_owned(), 2)]);
    let line: i64 =
        read["createReadCart"]["readCart"]["items"]["edges"][0]["node"]["id"].as_str().unwrap().parse().unwrap();
    let update = "mutation($id: Int, $qty: Int) { createUpdateCartItem(input: {cartItemId: $id, quantity: $qty}) { updateCartItem { itemsQty message items { edges { node { quantity } } } } } }";
    let updated = data(gql(&shop, ("Authorization", &auth), update, json!({"id": line, "qty": 3})).await);
    assert_eq!(updated["createUpdateCartItem"]["updateCartItem"]["itemsQty"], 3);
    assert_eq!(updated["createUpdateCartItem"]["updateCartItem"]["message"], "Cart updated successfully");
    // Past the stock, or out of range: an error, the line as it was.
    let refused = gql(&shop, ("Authorization", &auth), update, json!({"id": line, "qty": 100_000})).await;
    assert!(error(&refused).contains("1 to 10000"), "{refused}");
    assert_eq!(refused["data"]["createUpdateCartItem"], Value::Null);

    let remove = "mutation($id: Int) { createRemoveCartItem(input: {cartItemId: $id}) { removeCartItem { itemsCount message } } }";
    let unknown = gql(&shop, ("Authorization", &auth), remove, json!({"id": line + 1000})).await;
    assert!(error(&unknown).contains("Cart item"), "{unknown}");
    let removed = data(gql(&shop, ("Authorization", &auth), remove, json!({"id": line})).await);
    assert_eq!(
        removed["createRemoveCartItem"]["removeCartItem"],
        json!({"itemsCount": 0, "message": "Item removed from cart successfully"})
    );

    // Without a credential, or with a made-up one: refused, nothing else affected.
    let anonymous = shop.graphql("mutation { createReadCart(input: {}) { readCart { id } } }", json!({})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
    let forged = gql(
        &shop,
        ("Authorization", "Bearer 00000000-0000-4000-8000-000000000000"),
        "mutation { createReadCart(input: {}) { readCart { id } } }",
        json!({}),
    )
    .await;
    assert_eq!(error(&forged), "Unauthenticated. Please login to perform this action");
}

#[tokio::test]
async fn lines_are_checked_as_rest_checks_them() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let token = new_guest(&shop).await;
    let auth = bearer(&token);
    let add = "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { items { edges { node { sku quantity options } } } } } }";
    let derby = product_id(&app, "DERBY-SHOES").await;
    let tee = product_id(&app, "CLASSIC-TEE").await;
    let essentials = product_id(&app, "WARDROBE-ESSENTIALS").await;
    let socks = product_id(&app, "WOOL-SOCKS").await;
    let cases = [
        (json!({"productId": 999_999}), "Product with ID"),
        (json!({"productId": derby, "quantity": 6}), "DERBY-SHOES is not available: 6 asked, 5 in stock"),
        (json!({"productId": tee}), "choose an option"),
        (json!({"productId": product_id(&app, "STYLE-GUIDE-EBOOK").await}), "choose at least one download link"),
        (json!({"productId": product_id(&app, "GIFT-BOX").await}), "Options are missing for this product."),
        (json!({"productId": product_id(&app, "FASHION-SHOW").await}), "Options are missing for this product."),
        (json!({"quantity": 1}), "`productId` is required"),
        (json!({"productId": derby, "superAttribute": "{\"size\": 3}"}), "`superAttribute` must map ids"),
    ];
    for (input, want) in cases {
        let answer = gql(&shop, ("Authorization", &auth), add, json!({"input": input})).await;
        assert!(error(&answer).contains(want), "{input}: {answer}");
    }
    // A configurable product by the page's list of {attributeId: optionId}, a grouped one by
    // `groupedQty` JSON text.
    let variant =
        products::Entity::find_by_id(product_id(&app, "CLASSIC-TEE-RED-M").await).one(app.db()).await.unwrap().unwrap();
    // The page's list form of `superAttribute`: [{attributeId: optionId}, ...].
    let mut choice = Vec::new();
    for (code, label) in [("color", "Red"), ("size", "M")] {
        let attribute =
            attributes::Entity::find().filter(attributes::Column::Code.eq(code)).one(app.db()).await.unwrap().unwrap();
        let option = attribute_options::Entity::find()
            .filter(attribute_options::Column::AttributeId.eq(attribute.id))
            .filter(attribute_options::Column::AdminName.eq(label))
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        choice.push(json!({attribute.id.to_string(): option.id}));
    }
    let by_options = data(
        gql(&shop, ("Authorization", &auth), add, json!({"input": {"productId": tee, "superAttribute": choice}})).await,
    );
    assert_eq!(lines(&by_options["createAddProductInCart"]["addProductInCart"]), [("CLASSIC-TEE-RED-M".to_owned(), 1)]);
    let by_variant = data(
        gql(
            &shop,
            ("Authorization", &auth),
            add,
            json!({"input": {"productId": tee, "selectedConfigurableOption": variant.id}}),
        )
        .await,
    );
    assert_eq!(lines(&by_variant["createAddProductInCart"]["addProductInCart"]), [("CLASSIC-TEE-RED-M".to_owned(), 2)]);
    let grouped = data(
        gql(
            &shop,
            ("Authorization", &auth),
            add,
            json!({"input": {"productId": essentials, "groupedQty": format!("{{\"{socks}\": 2}}")}}),
        )
        .await,
    );
    assert!(lines(&grouped["createAddProductInCart"]["addProductInCart"]).contains(&("WOOL-SOCKS".to_owned(), 2)));
    // Upstream's `qty` object form of the same.
    let grouped = data(
        gql(
            &shop,
            ("Authorization", &auth),
            add,
            json!({"input": {"productId": essentials, "qty": {socks.to_string(): 1}}}),
        )
        .await,
    );
    assert!(lines(&grouped["createAddProductInCart"]["addProductInCart"]).contains(&("WOOL-SOCKS".to_owned(), 3)));
}

#[tokio::test]
async fn the_legacy_forms_work_on_the_same_cart_and_change_it_all_or_nothing() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let issued = shop.data("mutation { generateGuestToken { token cart { id isGuest itemsCount } } }", json!({})).await;
    let token = issued["generateGuestToken"]["token"].as_str().unwrap().to_owned();
    assert_eq!(issued["generateGuestToken"]["cart"]["itemsCount"], 0);
    let auth = bearer(&token);
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let tee = product_id(&app, "CLASSIC-TEE").await;
    let derby = product_id(&app, "DERBY-SHOES").await;

    // The overview pages' form: ids as strings, a variant by attribute codes and option names.
    let add = "mutation($items: [CartItemInput]) { addProductsToCart(input: {cartId: \"1\", items: $items}) { success message cart { _id itemsQty items { edges { node { id sku quantity } } } } } }";
    let items = json!([{"productId": shirt.to_string(), "quantity": 1}, {"productId": tee.to_string(), "superAttributeSelection": {"color": "Red", "size": "M"}}]);
    let added = data(gql(&shop, ("Authorization", &auth), add, json!({"items": items})).await);
    let cart = &added["addProductsToCart"]["cart"];
    assert_eq!(lines(cart), [("OXF-SHIRT".to_owned(), 1), ("CLASSIC-TEE-RED-M".to_owned(), 1)]);
    assert_eq!(added["addProductsToCart"]["message"], "Product added to cart successfully");

    // One refused entry adds nothing.
    let refused = gql(
        &shop,
        ("Authorization", &auth),
        add,
        json!({"items": [{"productId": shirt.to_string()}, {"productId": derby.to_string(), "quantity": 50}]}),
    )
    .await;
    assert!(error(&refused).contains("DERBY-SHOES is not available"), "{refused}");
    let unknown_option = gql(
        &shop,
        ("Authorization", &auth),
        add,
        json!({"items": [{"productId": tee.to_string(), "superAttributeSelection": {"color": "Plaid"}}]}),
    )
    .await;
    assert!(error(&unknown_option).contains("`Plaid` is not an option of `color`"), "{unknown_option}");
    let read = "{ cart { _id itemsQty shippingTotal items { edges { node { id sku quantity } } } } }";
    let now = data(gql(&shop, ("Authorization", &auth), read, json!({})).await);
    assert_eq!(now["cart"]["itemsQty"], 2);

    // updateCart changes lines together: one over the stock changes none.
    let ids: Vec<String> = now["cart"]["items"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect();
    let update = "mutation($items: [CartItemQuantityInput]) { updateCart(input: {items: $items}) { success message cart { itemsQty } } }";
    let too_many = gql(
        &shop,
        ("Authorization", &auth),
        update,
        json!({"items": [{"cartItemId": ids[0], "quantity": 2}, {"cartItemId": ids[1], "quantity": 5000}]}),
    )
    .await;
    assert!(error(&too_many).contains("not available"), "{too_many}");
    assert_eq!(data(gql(&shop, ("Authorization", &auth), read, json!({})).await)["cart"]["itemsQty"], 2);
    let updated = data(
        gql(
            &shop,
            ("Authorization", &auth),
            update,
            json!({"items": [{"cartItemId": ids[0], "quantity": 2}, {"cartItemId": ids[1], "quantity": 3}]}),
        )
        .await,
    );
    assert_eq!(
        updated["updateCart"],
        json!({"success": true, "message": "Cart updated successfully", "cart": {"itemsQty": 5}})
    );

    // addToCart (the reorder page's form) and removeCartItem.
    let one = data(
        gql(
            &shop,
            ("Authorization", &auth),
            &format!(
                "mutation {{ addToCart(input: {{productId: {shirt}, quantity: 1}}) {{ success cart {{ itemsQty }} }} }}"
            ),
            json!({}),
        )
        .await,
    );
    assert_eq!(one["addToCart"], json!({"success": true, "cart": {"itemsQty": 6}}));
    let removed = data(gql(&shop, ("Authorization", &auth), &format!("mutation {{ removeCartItem(input: {{cartId: \"1\", cartItemId: \"{}\"}}) {{ success message cart {{ itemsQty }} }} }}", ids[1]), json!({})).await);
    assert_eq!(
        removed["removeCartItem"],
        json!({"success": true, "message": "Item removed from cart successfully", "cart": {"itemsQty": 3}})
    );

    // `cart(id:)` answers only the caller's own cart.
    let own_id = now["cart"]["_id"].as_i64().unwrap();
    let mine =
        data(gql(&shop, ("Authorization", &auth), &format!("{{ cart(id: \"{own_id}\") {{ _id }} }}"), json!({})).await);
    assert_eq!(mine["cart"]["_id"], own_id);
    let other = new_guest(&shop).await;
    let theirs = data(
        gql(&shop, ("Authorization", &bearer(&other)), &format!("{{ cart(id: \"{own_id}\") {{ _id }} }}"), json!({}))
            .await,
    );
    assert_eq!(theirs["cart"], Value::Null);
    // Nor can another shopper change or remove this cart's lines.
    let foreign = gql(
        &shop,
        ("Authorization", &bearer(&other)),
        &format!("mutation {{ removeCartItem(input: {{cartItemId: \"{}\"}}) {{ success }} }}", ids[0]),
        json!({}),
    )
    .await;
    assert!(error(&foreign).contains("Cart item"), "{foreign}");
    let foreign = gql(
        &shop,
        ("Authorization", &bearer(&other)),
        update,
        json!({"items": [{"cartItemId": ids[0], "quantity": 1}]}),
    )
    .await;
    assert!(error(&foreign).contains("Cart item"), "{foreign}");
    assert_eq!(data(gql(&shop, ("Authorization", &auth), read, json!({})).await)["cart"]["itemsQty"], 3);
}

#[tokio::test]
async fn a_customer_gets_their_cart_and_merges_a_guest_cart() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (customer_id, customer_token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    // createCart is for customers; createCartToken with a customer token answers their cart.
    let refused = shop.graphql("mutation { createCart(input: {}) { cart { id } } }", json!({})).await;
    assert_eq!(error(&refused), "Unauthenticated. Please login to perform this action");
    let theirs = data(
        shop.graphql_as(
            &customer_token,
            "mutation { createCart(input: {}) { cart { _id customerId isGuest cartToken } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(theirs["createCart"]["cart"]["customerId"], customer_id);
    assert_eq!(
        (theirs["createCart"]["cart"]["isGuest"].as_bool(), theirs["createCart"]["cart"]["cartToken"].as_str()),
        (Some(false), None)
    );
    let same = data(
        shop.graphql_as(
            &customer_token,
            "mutation { createCartToken(input: {}) { cartToken { _id message } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(same["createCartToken"]["cartToken"]["_id"], theirs["createCart"]["cart"]["_id"]);
    assert_eq!(same["createCartToken"]["cartToken"]["message"], "Using authenticated customer cart");

    let guest = new_guest(&shop).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    data(
        gql(
            &shop,
            ("Authorization", &bearer(&guest)),
            &format!("mutation {{ addToCart(input: {{productId: {shirt}, quantity: 2}}) {{ success }} }}"),
            json!({}),
        )
        .await,
    );
    // The merge page's form (a cart id alone) is refused: ids are guessable.
    let guest_id =
        data(gql(&shop, ("Authorization", &bearer(&guest)), "{ cart { _id } }", json!({})).await)["cart"]["_id"]
            .as_i64()
            .unwrap();
    let by_id = shop
        .graphql_as(
            &customer_token,
            &format!("mutation {{ createMergeCart(input: {{cartId: {guest_id}}}) {{ mergeCart {{ itemsQty }} }} }}"),
            json!({}),
        )
        .await;
    assert!(error(&by_id).contains("guestCartToken"), "{by_id}");
    let merge = format!(
        "mutation {{ createMergeCart(input: {{guestCartToken: \"{guest}\", cartId: {guest_id}}}) {{ mergeCart {{ _id customerId isGuest itemsQty message }} }} }}"
    );
    let merged = data(shop.graphql_as(&customer_token, &merge, json!({})).await);
    assert_eq!(
        merged["createMergeCart"]["mergeCart"],
        json!({"_id": theirs["createCart"]["cart"]["_id"], "customerId": customer_id, "isGuest": false, "itemsQty": 2, "message": "Cart merged successfully"})
    );
    // The guest token died with its cart; a guest token cannot merge.
    let again = shop.graphql_as(&customer_token, &merge, json!({})).await;
    assert_eq!(error(&again), "Guest cart not found");
    let as_guest = gql(&shop, ("Authorization", &bearer(&new_guest(&shop).await)), &merge, json!({})).await;
    assert_eq!(error(&as_guest), "Unauthenticated. Please login to perform this action");
}

#[tokio::test]
async fn coupons_are_applied_and_removed_over_graphql() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let token = new_guest(&shop).await;
    let auth = bearer(&token);
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let add = format!("mutation {{ addToCart(input: {{productId: {shirt}, quantity: 2}}) {{ success }} }}");
    data(gql(&shop, ("Authorization", &auth), &add, json!({})).await);
    let apply = "mutation($c: String) { createApplyCoupon(input: {couponCode: $c}) { applyCoupon { couponCode discountAmount grandTotal success message } } }";
    let applied = data(gql(&shop, ("Authorization", &auth), apply, json!({"c": "save10"})).await);
    assert_eq!(
        applied["createApplyCoupon"]["applyCoupon"],
        json!({"couponCode": "SAVE10", "discountAmount": "9.98", "grandTotal": "89.82", "success": true, "message": "Coupon applied successfully"})
    );
    let expired = data(gql(&shop, ("Authorization", &auth), apply, json!({"c": "SUMMER25"})).await);
    assert_eq!(expired["createApplyCoupon"]["applyCoupon"]["success"], false);
    assert_eq!(expired["createApplyCoupon"]["applyCoupon"]["couponCode"], "SAVE10");
    let missing = gql(&shop, ("Authorization", &auth), apply, json!({"c": " "})).await;
    assert_eq!(error(&missing), "`couponCode` is required");
    // The legacy forms.
    let legacy = data(
        gql(&shop, ("Authorization", &auth), "mutation { applyCoupon(input: {cartId: \"1\", couponCode: \"TAKE5\"}) { success cart { couponCode discountAmount } } }", json!({}))
            .await,
    );
    assert_eq!(legacy["applyCoupon"], json!({"success": true, "cart": {"couponCode": "TAKE5", "discountAmount": "5"}}));
    let removed = data(
        gql(&shop, ("Authorization", &auth), "mutation { removeCoupon(input: {}) { message cart { couponCode discountAmount } } createRemoveCoupon(input: {}) { removeCoupon { couponCode grandTotal } } }", json!({}))
            .await,
    );
    assert_eq!(
        removed["removeCoupon"],
        json!({"message": "Coupon removed successfully", "cart": {"couponCode": null, "discountAmount": "0"}})
    );
    assert_eq!(removed["createRemoveCoupon"]["removeCoupon"], json!({"couponCode": null, "grandTotal": "99.8"}));
}

/// Upstream's other cart names (bagisto-api's RemoveCartItems and GetCartToken resources):
/// several lines removed at once as REST's `remove-cart-items` removes them, and the caller's
/// cart read whatever `cartId` says (a cart id is not a credential).
#[tokio::test]
async fn remove_cart_items_and_read_get_cart_token() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let token = new_guest(&shop).await;
    let auth = bearer(&token);
    for sku in ["OXF-SHIRT", "WOOL-SOCKS", "LEATHER-BELT"] {
        let id = product_id(&app, sku).await;
        let add = format!("mutation {{ addToCart(input: {{productId: {id}, quantity: 1}}) {{ success }} }}");
        data(gql(&shop, ("Authorization", &auth), &add, json!({})).await);
    }
    let read = "mutation($input: readGetCartTokenInput!) { readGetCartToken(input: $input) { getCartToken { _id cartToken itemsCount \
                items { edges { node { id sku quantity } } } } clientMutationId } }";
    let cart =
        data(gql(&shop, ("X-Cart-Token", &token), read, json!({"input": {"id": "1", "clientMutationId": "r1"}})).await);
    assert_eq!(cart["readGetCartToken"]["clientMutationId"], "r1");
    let node = &cart["readGetCartToken"]["getCartToken"];
    assert_eq!((node["cartToken"].as_str(), node["itemsCount"].as_i64()), (Some(token.as_str()), Some(3)));
    let ids: Vec<i64> = node["items"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().parse().unwrap())
        .collect();

    // Another shopper naming this cart by id reads their own cart, never this one.
    let other = new_guest(&shop).await;
    let cart_id = node["_id"].as_i64().unwrap();
    let theirs =
        data(gql(&shop, ("X-Cart-Token", &other), read, json!({"input": {"id": "1", "cartId": cart_id}})).await);
    assert_eq!(theirs["readGetCartToken"]["getCartToken"]["itemsCount"], 0);
    assert_ne!(theirs["readGetCartToken"]["getCartToken"]["cartToken"].as_str(), Some(token.as_str()));
    let anonymous = shop.graphql(read, json!({"input": {"id": "1", "cartId": cart_id}})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");

    let remove = "mutation($ids: [Int!]) { createRemoveCartItems(input: {itemIds: $ids}) { removeCartItems { itemsCount \
                  items { edges { node { sku } } } } } }";
    // Another cart's lines are not this caller's: nothing to remove.
    let refused = gql(&shop, ("X-Cart-Token", &other), remove, json!({"ids": [ids[0]]})).await;
    assert!(error(&refused).contains("Cart item"), "{refused}");
    let empty = gql(&shop, ("Authorization", &auth), remove, json!({"ids": []})).await;
    assert!(error(&empty).contains("itemIds"), "{empty}");
    // Unknown ids beside known ones are skipped.
    let removed = data(gql(&shop, ("Authorization", &auth), remove, json!({"ids": [ids[0], ids[2], 999_999]})).await);
    let left = &removed["createRemoveCartItems"]["removeCartItems"];
    assert_eq!(left["itemsCount"], 1);
    assert_eq!(left["items"]["edges"].as_array().unwrap().len(), 1);
    let rest = body_json(shop.get("/api/shop/cart").header("Authorization", &auth).send().await).await;
    assert_eq!(rest["itemsCount"], 1);
}
