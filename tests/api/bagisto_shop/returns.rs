//! Customer returns (RMA) over shop REST and GraphQL: which lines may be returned and how many
//! units, raising a return in upstream's order of checks, the conversation, cancelling,
//! closing and reopening, the return window, and that nobody reaches another customer's returns.

use polyshop_entities::{mail_outbox, order_items};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, product_id};
use crate::{
    harness::{Shop, TestApp, status_json, test_now},
    pretty,
};

async fn send(shop: &Shop<'_>, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let auth = bearer(token);
    let resp = match method {
        "GET" => shop.get(path).header("Authorization", auth).send().await,
        _ => shop.post(path).header("Authorization", auth).body_json(&body.unwrap_or(json!({}))).send().await,
    };
    status_json(resp).await
}

/// A customer's order of three Oxford shirts, placed through the checkout: its id and line id.
async fn order_three_shirts(app: &TestApp, shop: &Shop<'_>, token: &str) -> (i64, i64) {
    let shirt = product_id(app, "OXF-SHIRT").await;
    let add = json!({"productId": shirt, "quantity": 3});
    assert_eq!(send(shop, token, "POST", "/api/shop/add-product-in-cart", Some(add)).await.0, 201);
    let address = json!({"billingFirstName": "Rita", "billingLastName": "R", "billingEmail": "rita@example.com",
        "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
        "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true});
    send(shop, token, "POST", "/api/shop/checkout-addresses", Some(address)).await;
    let method = json!({"shippingMethod": "flatrate_flatrate"});
    send(shop, token, "POST", "/api/shop/checkout-shipping-methods", Some(method)).await;
    let payment = json!({"paymentMethod": "moneytransfer"});
    send(shop, token, "POST", "/api/shop/checkout-payment-methods", Some(payment)).await;
    let (status, placed) = send(shop, token, "POST", "/api/shop/checkout-orders", None).await;
    assert_eq!(status, 201, "{placed}");
    let order_id = placed["order"]["id"].as_i64().unwrap();
    let line =
        order_items::Entity::find().filter(order_items::Column::OrderId.eq(order_id)).one(app.db()).await.unwrap();
    (order_id, line.unwrap().id)
}

fn caps(item: &Value) -> [i64; 4] {
    ["currentQuantity", "forReturnQuantity", "forCancelQuantity", "rmaQuantity"].map(|k| item[k].as_i64().unwrap())
}

#[tokio::test]
async fn customers_return_units_of_their_order_lines_within_the_caps() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Rita", "rita@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let (order_id, line_id) = order_three_shirts(&app, &shop, &token).await;

    // Nothing invoiced yet: the three units may be cancelled, none sent back.
    let items_path = format!("/api/shop/returnable-items?order_id={order_id}");
    let (status, items) = send(&shop, &token, "GET", &items_path, None).await;
    assert_eq!(status, 200, "{items}");
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!((items[0]["orderItemId"].as_i64(), items[0]["rmaReturnPeriod"].as_i64()), (Some(line_id), Some(7)));
    assert_eq!(caps(&items[0]), [3, 0, 3, 0]);
    let (status, refused) = send(&shop, &other, "GET", &items_path, None).await;
    assert_eq!((status, refused), (404, json!({"message": "The selected order is not valid."})));

    // Reasons per resolution.
    let (_, reasons) = send(&shop, &token, "GET", "/api/shop/return-reasons?resolution_type=cancel_items", None).await;
    assert_eq!(reasons.as_array().unwrap().len(), 5);
    assert_eq!(reasons[0], json!({"id": 1, "title": "Manufacturer Defect", "position": 1}));
    let (status, refused) = send(&shop, &token, "GET", "/api/shop/return-reasons?resolution_type=swap", None).await;
    assert_eq!((status, refused), (400, json!({"message": "Resolution type must be \"return\" or \"cancel_items\"."})));

    // Upstream's checks, in its order; nothing written by a refusal.
    let base = json!({"order_id": order_id, "order_item_id": line_id, "rma_qty": 2, "resolution_type": "cancel_items",
        "rma_reason_id": 1, "agreement": true, "information": "Ordered one size too many", "package_condition": "packed"});
    let with = |changes: Value| {
        let mut body = base.clone();
        for (k, v) in changes.as_object().unwrap() {
            body[k] = v.clone();
        }
        Some(body)
    };
    for (changes, want) in [
        (json!({"agreement": false}), "You must accept the return policy."),
        (json!({"agreement": "no"}), "You must accept the return policy."),
        (json!({"rma_qty": 0}), "Missing or invalid return details."),
        (json!({"resolution_type": "swap"}), "Missing or invalid return details."),
        (json!({"order_id": 999_999}), "The selected order is not valid."),
        (json!({"order_item_id": 999_999}), "The selected item is not eligible for return."),
        (json!({"rma_reason_id": 999}), "The selected return reason is not valid."),
        (json!({"resolution_type": "return", "rma_qty": 1}), "The requested quantity exceeds the returnable quantity."),
        (json!({"rma_qty": 4}), "The requested quantity exceeds the returnable quantity."),
    ] {
        let (status, answer) = send(&shop, &token, "POST", "/api/shop/returns", with(changes.clone())).await;
        assert_eq!((status, answer["message"].as_str()), (400, Some(want)), "{changes}");
    }
    let (status, raised) = send(&shop, &token, "POST", "/api/shop/returns", with(json!({"agreement": "yes"}))).await;
    assert_eq!(status, 201, "{raised}");
    insta::assert_snapshot!("return_raised", pretty(&raised));
    let mail = mail_outbox::Entity::find().filter(mail_outbox::Column::Kind.eq("rma_request")).one(app.db()).await;
    assert_eq!(mail.unwrap().unwrap().to_address, "rita@example.com");

    // Two units taken: one left to cancel; once invoiced, that one may be sent back instead.
    let (_, items) = send(&shop, &token, "GET", &items_path, None).await;
    assert_eq!(caps(&items[0]), [1, 0, 3, 2]);
    let (status, _) = send(&shop, &token, "POST", "/api/shop/returns", with(json!({"rma_qty": 2}))).await;
    assert_eq!(status, 400);
    order_items::Entity::update_many()
        .col_expr(order_items::Column::QtyInvoiced, Expr::value(3))
        .filter(order_items::Column::Id.eq(line_id))
        .exec(app.db())
        .await
        .unwrap();
    let (_, items) = send(&shop, &token, "GET", &items_path, None).await;
    assert_eq!(caps(&items[0]), [1, 3, 0, 2]);
    let (status, second) =
        send(&shop, &token, "POST", "/api/shop/returns", with(json!({"resolution_type": "return", "rma_qty": 1})))
            .await;
    assert_eq!((status, second["item"]["resolution"].as_str()), (201, Some("return")));

    // Listed newest first, in full by id; nobody else's.
    let (_, list) = send(&shop, &token, "GET", "/api/shop/returns", None).await;
    assert_eq!(
        list.as_array().unwrap().iter().map(|r| r["id"].clone()).collect::<Vec<_>>(),
        [second["id"].clone(), raised["id"].clone()]
    );
    assert_eq!(list[0]["canClose"], Value::Null, "detail only");
    let (_, pending) = send(&shop, &token, "GET", "/api/shop/returns?status=9", None).await;
    assert_eq!(pending, json!([]));
    let id = raised["id"].as_i64().unwrap();
    let not_found = (404, json!({"message": "Return request not found."}));
    assert_eq!(send(&shop, &other, "GET", &format!("/api/shop/returns/{id}"), None).await, not_found);
    assert_eq!(send(&shop, &other, "POST", &format!("/api/shop/returns/{id}/cancel"), None).await, not_found);
    assert_eq!(send(&shop, &other, "GET", &format!("/api/shop/return-messages?return_id={id}"), None).await, not_found);
    let message = json!({"return_id": id, "message": "Hello"});
    assert_eq!(send(&shop, &other, "POST", "/api/shop/return-messages", Some(message)).await, not_found);
    assert_eq!(send(&shop, &other, "GET", "/api/shop/returns", None).await.1, json!([]));
}

#[tokio::test]
async fn returns_are_talked_about_cancelled_reopened_and_closed() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Rita", "rita@example.com", PASSWORD).await;
    let (order_id, line_id) = order_three_shirts(&app, &shop, &token).await;
    let body = json!({"orderId": order_id, "orderItemId": line_id, "rmaQty": 1, "resolutionType": "cancel_items",
        "rmaReasonId": 2, "agreement": 1});
    let (status, raised) = send(&shop, &token, "POST", "/api/shop/returns", Some(body)).await;
    assert_eq!(status, 201, "{raised}");
    let id = raised["id"].as_i64().unwrap();
    let path = |action: &str| format!("/api/shop/returns/{id}/{action}");

    // The conversation: the store's first note, then the customer's message (newest first).
    let (status, refused) =
        send(&shop, &token, "POST", "/api/shop/return-messages", Some(json!({"return_id": id, "message": "  "}))).await;
    assert_eq!((status, refused), (400, json!({"message": "Missing or invalid return details."})));
    let (status, sent) =
        send(&shop, &token, "POST", "/api/shop/return-messages", Some(json!({"returnId": id, "message": "When?"})))
            .await;
    assert_eq!((status, sent["isAdmin"].as_bool(), sent["message"].as_str()), (201, Some(false), Some("When?")));
    let (_, talk) = send(&shop, &token, "GET", &format!("/api/shop/return-messages?return_id={id}"), None).await;
    let said: Vec<(&str, bool)> = talk
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["message"].as_str().unwrap(), m["isAdmin"].as_bool().unwrap()))
        .collect();
    assert_eq!(said, [("When?", false), ("Your return request is under process.", true)]);
    let store_mail =
        mail_outbox::Entity::find().filter(mail_outbox::Column::Kind.eq("rma_message")).one(app.db()).await;
    assert_eq!(store_mail.unwrap().unwrap().subject, "New RMA Conversation Message");

    // Cancel, once; reopen; close as solved, once; a solved return cannot be cancelled.
    let (status, canceled) = send(&shop, &token, "POST", &path("cancel"), None).await;
    assert_eq!(
        (status, canceled["statusId"].as_i64(), canceled["statusTitle"].as_str(), canceled["canReopen"].as_bool()),
        (201, Some(9), Some("Request Canceled"), Some(true))
    );
    let (status, refused) = send(&shop, &token, "POST", &path("cancel"), None).await;
    assert_eq!((status, refused["message"].as_str()), (400, Some("Return request is already canceled.")));
    let (status, closed) = send(&shop, &token, "POST", &path("close"), None).await;
    assert_eq!((status, closed["message"].as_str()), (400, Some("Closing this RMA request is not allowed.")));
    let (status, reopened) = send(&shop, &token, "POST", &path("reopen"), None).await;
    assert_eq!((status, reopened["statusId"].as_i64(), reopened["canClose"].as_bool()), (201, Some(1), Some(true)));
    let (status, refused) = send(&shop, &token, "POST", &path("reopen"), None).await;
    assert_eq!((status, refused["message"].as_str()), (400, Some("This return request cannot be reopened.")));
    let (status, solved) = send(&shop, &token, "POST", &path("close"), None).await;
    assert_eq!(
        (status, solved["statusTitle"].as_str(), solved["messagesCount"].as_i64()),
        (201, Some("Solved"), Some(4))
    );
    let (status, refused) = send(&shop, &token, "POST", &path("cancel"), None).await;
    assert_eq!((status, refused["message"].as_str()), (400, Some("Canceling this RMA request is not allowed.")));

    // Past the window (7 days from the order): nothing returnable, and the return is expired.
    order_items::Entity::update_many()
        .col_expr(order_items::Column::CreatedAt, Expr::value(test_now() - chrono::Duration::days(8)))
        .filter(order_items::Column::Id.eq(line_id))
        .exec(app.db())
        .await
        .unwrap();
    let (_, items) = send(&shop, &token, "GET", &format!("/api/shop/returnable-items?order_id={order_id}"), None).await;
    assert_eq!(items, json!([]));
    let (_, late) = send(&shop, &token, "GET", &format!("/api/shop/returns/{id}"), None).await;
    assert_eq!(late["isExpired"], true);
}

#[tokio::test]
async fn graphql_runs_the_same_returns() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Rita", "rita@example.com", PASSWORD).await;
    let (order_id, line_id) = order_three_shirts(&app, &shop, &token).await;
    let items = shop
        .graphql_as(
            &token,
            "query($o: Int!) { returnableItems(orderId: $o) { id orderItemId forCancelQuantity price } }",
            json!({"o": order_id}),
        )
        .await;
    assert_eq!(items["data"]["returnableItems"][0]["forCancelQuantity"], 3, "{items}");
    let reasons =
        shop.graphql_as(&token, "{ returnReasons(resolutionType: \"return\") { _id title } }", json!({})).await;
    assert_eq!(reasons["data"]["returnReasons"].as_array().unwrap().len(), 5);

    let create = "mutation($input: createCustomerReturnInput!) { createCustomerReturn(input: $input) { customerReturn { id _id statusId statusTitle item messagesCount canClose } } }";
    let input = json!({"orderId": order_id, "orderItemId": line_id, "rmaQty": 1, "resolutionType": "cancel_items", "rmaReasonId": 1, "agreement": true});
    let made = shop.graphql_as(&token, create, json!({"input": input})).await;
    let made = &made["data"]["createCustomerReturn"]["customerReturn"];
    assert_eq!((made["statusId"].as_i64(), made["item"]["sku"].as_str()), (Some(1), Some("OXF-SHIRT")), "{made}");
    let iri = made["id"].as_str().unwrap().to_owned();
    let refused = shop.graphql_as(&token, create, json!({"input": {"orderId": order_id, "agreement": false}})).await;
    assert_eq!(refused["errors"][0]["message"], "You must accept the return policy.");

    let list = shop
        .graphql_as(&token, "{ customerReturns(first: 5) { totalCount edges { node { _id canClose } } } }", json!({}))
        .await;
    assert_eq!(list["data"]["customerReturns"]["totalCount"], 1);
    let cancel =
        "mutation($id: ID) { cancelCustomerReturn(input: {id: $id}) { customerReturn { statusId canReopen } } }";
    let answer = shop.graphql_as(&token, cancel, json!({"id": iri})).await;
    assert_eq!(answer["data"]["cancelCustomerReturn"]["customerReturn"]["statusId"], 9, "{answer}");
    let reopen = "mutation($id: ID) { reopenCustomerReturn(input: {id: $id}) { customerReturn { statusId } } }";
    let answer = shop.graphql_as(&token, reopen, json!({"id": iri})).await;
    assert_eq!(answer["data"]["reopenCustomerReturn"]["customerReturn"]["statusId"], 1);
    let close = "mutation($id: ID) { closeCustomerReturn(input: {id: $id}) { customerReturn { statusTitle } } }";
    let answer = shop.graphql_as(&token, close, json!({"id": iri})).await;
    assert_eq!(answer["data"]["closeCustomerReturn"]["customerReturn"]["statusTitle"], "Solved");

    let number = made["_id"].as_i64().unwrap();
    let say = "mutation($id: Int) { createCustomerReturnMessage(input: {returnId: $id, message: \"Thanks\"}) { customerReturnMessage { message isAdmin } } }";
    let answer = shop.graphql_as(&token, say, json!({"id": number})).await;
    assert_eq!(answer["data"]["createCustomerReturnMessage"]["customerReturnMessage"]["isAdmin"], false, "{answer}");
    let talk = shop
        .graphql_as(
            &token,
            "query($id: Int!) { customerReturnMessages(returnId: $id) { message } }",
            json!({"id": number}),
        )
        .await;
    assert_eq!(talk["data"]["customerReturnMessages"][0]["message"], "Thanks");

    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let answer =
        shop.graphql_as(&other, "query($id: ID!) { customerReturn(id: $id) { _id } }", json!({"id": iri})).await;
    assert_eq!(
        (answer["data"]["customerReturn"].clone(), answer["errors"][0]["message"].as_str()),
        (Value::Null, Some("Return request not found."))
    );
}
