//! The customer's account over GraphQL: orders, invoices, shipments and reviews (their own
//! only), cancelling and reordering, writing reviews and the contact form.

use polyshop_entities::{carts, mail_outbox, newsletter_subscribers, orders};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{data, demo_customer, error, invoice_and_ship};
use crate::{
    harness::{TestApp, status_json},
    pretty,
};

#[tokio::test]
async fn customers_read_their_own_documents() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (liam, token) = demo_customer(&app, &shop, "liam.obrien@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let his = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(liam))
        .order_by_desc(orders::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    let order = his.first().expect("an order of Liam's").clone();
    let (invoice_id, shipment_id) = invoice_and_ship(&app, &order).await;

    let orders_query = "{ customerOrders(first: 1) { totalCount edges { cursor node { _id incrementId status statusLabel \
        grandTotal formattedGrandTotal items { totalCount edges { node { sku qtyOrdered qtyInvoiced price } } } \
        billingAddress { addressType city } payment { method } shipments { totalCount edges { node { _id trackNumber \
        items { edges { node { sku qty } } } } } } } } pageInfo { hasNextPage } } }";
    let listed = data(shop.graphql_as(&token, orders_query, json!({})).await);
    let page = &listed["customerOrders"];
    assert_eq!(page["totalCount"], his.len());
    assert_eq!(page["edges"][0]["node"]["_id"], order.id);
    assert_eq!(page["pageInfo"]["hasNextPage"], his.len() > 1);
    insta::assert_snapshot!("order", pretty(&page["edges"][0]["node"]));
    // The next page through the cursor.
    if his.len() > 1 {
        let cursor = page["edges"][0]["cursor"].as_str().unwrap();
        let next = data(
            shop.graphql_as(
                &token,
                "query($c: String) { customerOrders(first: 1, after: $c) { edges { node { _id } } } }",
                json!({"c": cursor}),
            )
            .await,
        );
        assert_eq!(next["customerOrders"]["edges"][0]["node"]["_id"], his[1].id);
    }

    let one = format!(
        "{{ customerOrder(id: \"/api/shop/customer-orders/{}\") {{ _id customerEmail }} \
         customerInvoices(orderId: {}) {{ totalCount edges {{ node {{ _id state grandTotal items {{ edges {{ node {{ sku qty }} }} }} }} }} }} \
         customerInvoice(id: \"{invoice_id}\") {{ _id orderId }} \
         customerOrderShipments(orderId: {}) {{ totalCount edges {{ node {{ _id carrierTitle }} }} }} \
         customerOrderShipment(id: {shipment_id}) {{ _id items {{ totalCount }} }} }}",
        order.id, order.id, order.id
    );
    let docs = data(shop.graphql_as(&token, &one, json!({})).await);
    assert_eq!(docs["customerOrder"]["_id"], order.id);
    assert_eq!(docs["customerInvoices"]["totalCount"], 1);
    assert_eq!(docs["customerInvoices"]["edges"][0]["node"]["_id"], invoice_id);
    assert_eq!(docs["customerInvoices"]["edges"][0]["node"]["items"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(docs["customerInvoice"]["orderId"], order.id);
    assert_eq!(docs["customerOrderShipments"]["edges"][0]["node"], json!({"_id": shipment_id, "carrierTitle": "UPS"}));
    assert_eq!(docs["customerOrderShipment"]["items"]["totalCount"], 1);

    // Maria asks for Liam's documents: each field fails alone, as missing; her lists hold none of his.
    let theirs = shop.graphql_as(&maria, &one, json!({})).await;
    let mut messages: Vec<&str> =
        theirs["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    messages.sort_unstable();
    assert_eq!(
        messages,
        [
            format!("Customer invoice with ID \"{invoice_id}\" not found."),
            format!("Customer order with ID \"{}\" not found.", order.id),
            format!("Customer shipment with ID \"{shipment_id}\" not found."),
        ]
    );
    assert_eq!(theirs["data"]["customerInvoices"]["totalCount"], 0);
    assert_eq!(theirs["data"]["customerOrderShipments"]["totalCount"], 0);
    // Without a customer token.
    let anonymous = shop.graphql("{ customerOrders { totalCount } }", json!({})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}

/// The orders overview page's legacy `order` query, run as the page prints it: by id and by
/// order number, the customer's own orders only.
#[tokio::test]
async fn the_legacy_order_query_reads_by_id_and_by_number() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (liam, token) = demo_customer(&app, &shop, "liam.obrien@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let order = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(liam))
        .order_by_desc(orders::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .expect("an order of Liam's");
    invoice_and_ship(&app, &order).await;

    let get_order = "query GetOrder($id: String!) { order(id: $id) { id incrementId status grandTotal subtotal \
        taxTotal shippingTotal discountAmount createdAt billingAddress { firstName lastName address city state country } \
        shippingAddress { firstName lastName address city state country } items { edges { node { id productId \
        productName quantity price } } } shipments { edges { node { id status trackNumber } } } } }";
    let by_id = data(shop.graphql_as(&token, get_order, json!({"id": order.id.to_string()})).await);
    let got = &by_id["order"];
    assert_eq!(got["incrementId"], order.increment_id);
    assert_eq!(got["subtotal"], order.sub_total.value().normalize().to_string());
    assert_eq!(got["taxTotal"], order.tax_amount.value().normalize().to_string());
    assert_eq!(got["shippingTotal"], order.shipping_amount.value().normalize().to_string());
    assert_eq!(got["grandTotal"], order.grand_total.value().normalize().to_string());
    insta::assert_snapshot!("legacy_order", pretty(got));

    let track = "query TrackOrder($incrementId: String!) { order(incrementId: $incrementId) { incrementId status \
        shipments { edges { node { id status carrierTitle trackNumber createdAt items { edges { node { quantity } } } } } } } }";
    let tracked = data(shop.graphql_as(&token, track, json!({"incrementId": order.increment_id})).await);
    let shipment = &tracked["order"]["shipments"]["edges"][0]["node"];
    assert_eq!(shipment["carrierTitle"], "UPS");
    assert!(shipment["items"]["edges"][0]["node"]["quantity"].as_i64().unwrap() > 0, "{tracked}");

    // Another customer's order, by id or number, is missing; neither argument is a validation error.
    let theirs = shop.graphql_as(&maria, track, json!({"incrementId": order.increment_id})).await;
    assert_eq!(error(&theirs), format!("Customer order with increment ID \"{}\" not found.", order.increment_id));
    assert_eq!(theirs["data"]["order"], Value::Null);
    let theirs = shop.graphql_as(&maria, get_order, json!({"id": order.id.to_string()})).await;
    assert_eq!(error(&theirs), format!("Customer order with ID \"{}\" not found.", order.id));
    let neither = shop.graphql_as(&token, "{ order { id } }", json!({})).await;
    assert_eq!(error(&neither), "Give the order's id or incrementId.");
    let anonymous = shop.graphql(track, json!({"incrementId": order.increment_id})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}

#[tokio::test]
async fn customers_cancel_and_reorder_their_orders() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (joe, token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let mine = orders::Entity::find().filter(orders::Column::CustomerId.eq(joe)).all(app.db()).await.unwrap();
    let pending = mine.iter().find(|o| o.status == "pending").expect("a pending order").clone();

    // Reorder: the order's lines go into Joe's cart; not into anyone else's.
    let reorder = "mutation($id: Int) { createReorderOrder(input: {orderId: $id}) { reorderOrder { success message orderId itemsAddedCount } } }";
    let refused = shop.graphql_as(&maria, reorder, json!({"id": pending.id})).await;
    assert_eq!(error(&refused), format!("Order not found (ID: {})", pending.id));
    let again = data(shop.graphql_as(&token, reorder, json!({"id": pending.id})).await);
    let added = again["createReorderOrder"]["reorderOrder"]["itemsAddedCount"].as_i64().unwrap();
    assert!(added > 0, "{again}");
    assert_eq!(again["createReorderOrder"]["reorderOrder"]["success"], true);
    let cart = data(
        shop.graphql_as(
            &token,
            "mutation { createReadCart(input: {}) { readCart { customerId itemsCount } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(cart["createReadCart"]["readCart"], json!({"customerId": joe, "itemsCount": added}));
    assert_eq!(carts::Entity::find().filter(carts::Column::CustomerId.eq(joe)).count(app.db()).await.unwrap(), 1);

    // Cancel: another customer's order is missing; twice answers success: false, unchanged.
    let cancel = "mutation($id: Int) { createCancelOrder(input: {orderId: $id}) { cancelOrder { success message orderId status } } }";
    let theirs = shop.graphql_as(&maria, cancel, json!({"id": pending.id})).await;
    assert_eq!(error(&theirs), format!("Customer order with ID \"{}\" not found.", pending.id));
    let done = data(shop.graphql_as(&token, cancel, json!({"id": pending.id})).await);
    assert_eq!(
        done["createCancelOrder"]["cancelOrder"],
        json!({"success": true, "message": "Order has been canceled successfully", "orderId": pending.id, "status": "canceled"})
    );
    let twice = data(shop.graphql_as(&token, cancel, json!({"id": pending.id})).await);
    assert_eq!(twice["createCancelOrder"]["cancelOrder"]["success"], false);
    assert_eq!(twice["createCancelOrder"]["cancelOrder"]["status"], "canceled");
    let missing = shop
        .graphql_as(&token, "mutation { createCancelOrder(input: {}) { cancelOrder { success } } }", json!({}))
        .await;
    assert_eq!(error(&missing), "Order ID is required to cancel an order");
}

#[tokio::test]
async fn customers_write_edit_and_delete_their_reviews() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let product: i64 =
        shop.data("{ products(first: 1) { edges { node { _id } } } }", json!({})).await["products"]["edges"][0]["node"]
            ["_id"]
            .as_i64()
            .unwrap();
    let list = "{ customerReviews(first: 100) { totalCount edges { node { _id status product { _id } customer { email } } } } }";
    let count = |answer: &Value| answer["customerReviews"]["totalCount"].as_i64().unwrap();
    let had = count(&data(shop.graphql_as(&token, list, json!({})).await));
    let write = "mutation($input: createProductReviewInput!) { createProductReview(input: $input) { success message productReview { _id title rating status name } } }";
    let guest = shop.graphql(write, json!({"input": {"productId": product, "title": "Great", "comment": "Fits well, good cloth.", "rating": 5}})).await;
    assert_eq!(error(&guest), "Unauthenticated. Please login to perform this action");
    for (input, want) in [
        (json!({"productId": product, "comment": "Fits well, good cloth.", "rating": 5}), "`title` is required"),
        (
            json!({"productId": product, "title": "Great", "comment": "Fits well, good cloth.", "rating": 9}),
            "`rating` must be from 1 to 5",
        ),
        (json!({"productId": product, "title": "Great", "comment": "Short", "rating": 4}), "`comment`"),
        (
            json!({"productId": 999_999, "title": "Great", "comment": "Fits well, good cloth.", "rating": 4}),
            "Product with ID \"999999\" not found.",
        ),
    ] {
        let answer = shop.graphql_as(&token, write, json!({"input": input})).await;
        assert!(error(&answer).contains(want), "{input}: {answer}");
    }
    let written = data(
        shop.graphql_as(&token, write, json!({"input": {"productId": format!("/api/shop/products/{product}"), "title": "Great", "comment": "Fits well, good cloth.", "rating": 5, "name": "Joe S."}}))
            .await,
    );
    let review = &written["createProductReview"];
    insta::assert_snapshot!(
        "written",
        pretty(
            &json!({"success": review["success"], "message": review["message"], "title": review["productReview"]["title"], "rating": review["productReview"]["rating"], "status": review["productReview"]["status"], "name": review["productReview"]["name"]})
        )
    );
    let id = review["productReview"]["_id"].as_i64().unwrap();

    // Listed among the customer's own reviews (pending), not Maria's.
    let own = data(shop.graphql_as(&token, list, json!({})).await);
    assert_eq!(count(&own), had + 1);
    let node =
        own["customerReviews"]["edges"].as_array().unwrap().iter().find(|e| e["node"]["_id"] == id).unwrap()["node"]
            .clone();
    assert_eq!((node["product"]["_id"].as_i64(), node["status"].as_str()), (Some(product), Some("pending")));
    assert_eq!(node["customer"]["email"], "joe.smith@example.com");
    let hers = data(shop.graphql_as(&maria, list, json!({})).await);
    assert!(hers["customerReviews"]["edges"].as_array().unwrap().iter().all(|e| e["node"]["_id"] != id));
    let other = shop.graphql_as(&maria, &format!("{{ customerReview(id: {id}) {{ _id }} }}"), json!({})).await;
    assert_eq!(error(&other), format!("Review with ID \"{id}\" not found."));

    // Only the author edits or deletes.
    let edit = "mutation($id: ID, $rating: Int) { updateProductReview(input: {id: $id, rating: $rating}) { productReview { rating status } } }";
    let refused = shop.graphql_as(&maria, edit, json!({"id": id, "rating": 1})).await;
    assert_eq!(error(&refused), "This action is unauthorized.");
    let edited =
        data(shop.graphql_as(&token, edit, json!({"id": format!("/api/shop/reviews/{id}"), "rating": 4})).await);
    assert_eq!(edited["updateProductReview"]["productReview"], json!({"rating": 4, "status": "pending"}));
    let delete = "mutation($id: ID) { deleteProductReview(input: {id: $id}) { productReview { _id rating } } }";
    assert_eq!(error(&shop.graphql_as(&maria, delete, json!({"id": id})).await), "This action is unauthorized.");
    let deleted = data(shop.graphql_as(&token, delete, json!({"id": id})).await);
    assert_eq!(deleted["deleteProductReview"]["productReview"], json!({"_id": id, "rating": 4}));
    assert_eq!(count(&data(shop.graphql_as(&token, list, json!({})).await)), had);

    // The legacy form answers a `Review`.
    let legacy = data(
        shop.graphql_as(&token, &format!("mutation {{ createReview(input: {{productId: \"{product}\", title: \"Nice\", comment: \"Nice and warm, as shown.\", rating: 4}}) {{ review {{ productId rating status }} }} }}"), json!({}))
            .await,
    );
    assert_eq!(legacy["createReview"]["review"], json!({"productId": product, "rating": 4, "status": "pending"}));
}

#[tokio::test]
async fn the_contact_form_is_mailed_to_the_store() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let send =
        "mutation($input: createContactUsInput!) { createContactUs(input: $input) { contactUs { success message } } }";
    let before = mail_outbox::Entity::find().count(app.db()).await.unwrap();
    for (input, want) in [
        (
            json!({"name": "Ann", "email": "not-an-email", "contact": "5550100", "message": "Hello"}),
            "`email` must be an email address",
        ),
        (json!({"name": "Ann", "email": "ann@example.com", "message": "Hello"}), "`contact` is required"),
        (
            json!({"name": "Ann", "email": "ann@example.com", "contact": "5550100", "message": "x".repeat(5001)}),
            "`message` must be at most 5000 characters",
        ),
    ] {
        assert!(error(&shop.graphql(send, json!({"input": input})).await).contains(want), "{input}");
    }
    // A NUL character never reaches a resolver.
    let resp = shop
        .post("/api/graphql")
        .body_json(&json!({"query": send, "variables": {"input": {"name": "A\u{0}n", "email": "ann@example.com", "contact": "1", "message": "Hi"}}}))
        .send()
        .await;
    assert_eq!(resp.0.status(), 400);
    let sent = data(shop.graphql(send, json!({"input": {"name": "Ann", "email": "Ann@Example.com", "contact": "5550100", "message": "Do you ship to Canada?"}})).await);
    assert_eq!(
        sent["createContactUs"]["contactUs"],
        json!({"success": true, "message": "Your message has been submitted successfully. We will get back to you shortly."})
    );
    assert_eq!(mail_outbox::Entity::find().count(app.db()).await.unwrap(), before + 1);
}

/// createNewsletter (bagisto-api's Newsletter resource) subscribes as REST's
/// `POST /api/shop/newsletters` does: once per email, lower-cased, the same subscription row.
#[tokio::test]
async fn create_newsletter_subscribes_as_rest_does() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let subscribe = "mutation($input: createNewsletterInput!) { createNewsletter(input: $input) { newsletter { id success message } \
                     clientMutationId } }";
    for (input, want) in [
        (json!({}), "`customerEmail` is required"),
        (json!({"customerEmail": "nope"}), "`customerEmail` must be an email address"),
        (json!({"customerEmail": format!("{}@example.com", "x".repeat(190))}), "`customerEmail` must be at most 191"),
    ] {
        assert!(error(&shop.graphql(subscribe, json!({"input": input})).await).contains(want), "{input}");
    }
    let first = data(
        shop.graphql(subscribe, json!({"input": {"customerEmail": " Fan@Example.com ", "clientMutationId": "n1"}}))
            .await,
    );
    let node = first["createNewsletter"]["newsletter"].clone();
    assert_eq!(
        (node["success"].clone(), node["message"].clone(), first["createNewsletter"]["clientMutationId"].clone()),
        (json!(true), json!("You have subscribed to the newsletter successfully."), json!("n1"))
    );
    let again = data(shop.graphql(subscribe, json!({"input": {"customerEmail": "fan@example.com"}})).await);
    assert_eq!(again["createNewsletter"]["newsletter"]["id"], node["id"]);
    let (status, rest) =
        status_json(shop.post("/api/shop/newsletters").body_json(&json!({"email": "FAN@example.com"})).send().await)
            .await;
    assert_eq!((status, rest["id"].to_string()), (201, node["id"].as_str().unwrap().to_owned()));
    let rows = newsletter_subscribers::Entity::find()
        .filter(newsletter_subscribers::Column::Email.eq("fan@example.com"))
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn a_page_of_orders_loads_its_documents_in_one_batch() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (liam, token) = demo_customer(&app, &shop, "liam.obrien@example.com").await;
    let his = orders::Entity::find().filter(orders::Column::CustomerId.eq(liam)).all(app.db()).await.unwrap();
    assert!(his.len() >= 3, "Liam has several orders");
    for order in &his {
        invoice_and_ship(&app, order).await;
    }
    // Warm the per-process caches (storefront scope, settings) first.
    shop.graphql_as(&token, "{ customerOrders(first: 1) { totalCount } }", json!({})).await;
    let mut counts = Vec::new();
    for n in [1, 3] {
        let query = format!(
            "{{ customerOrders(first: {n}) {{ edges {{ node {{ _id shipments {{ edges {{ node {{ _id }} }} }} }} }} }} }}"
        );
        app.reset_query_count();
        let answer = shop.graphql_as(&token, &query, json!({})).await;
        counts.push(app.query_count());
        let edges = answer["data"]["customerOrders"]["edges"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
        assert_eq!(edges.len(), n, "{answer}");
        assert!(
            edges.iter().all(|e| e["node"]["shipments"]["edges"].as_array().is_some_and(|s| !s.is_empty())),
            "{answer}"
        );
    }
    assert_eq!(counts[0], counts[1], "statements for 1 and 3 orders: {counts:?}");
}
