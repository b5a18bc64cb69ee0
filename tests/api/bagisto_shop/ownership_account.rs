//! Ownership of account data across customers: a signed-in customer can neither read nor change
//! another customer's shipments and shipment lines (REST filters), returns (raising one on
//! another's order or line, closing, reopening, cancelling, the conversation, the returnable
//! lines; REST and GraphQL), GDPR requests (GraphQL revoke), EU withdrawal declarations
//! (GraphQL filing and reading), nor their profile through GraphQL `customer(id:)`. Each test
//! has an owner, whose data is made through the API, and another customer whose attempts are
//! refused with the documented status or error; the owner's data is then checked unchanged, and
//! where the refused action was allowed in that state, the owner doing it shows the refusal was
//! about whose data it is.

use polyshop_entities::{eu_withdrawals, gdpr_data_requests, mail_outbox, order_items, rma};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, check_out, data, error, fulfil, get, ids, paging, post, product_id};
use crate::harness::{Shop, TestApp, status_json};

/// Places an order of `qty` Oxford shirts (flat-rate shipping, money transfer) as the holder of
/// `token`: the order's id and its one line's id.
async fn order_shirts(app: &TestApp, shop: &Shop<'_>, token: &str, qty: i64) -> (i64, i64) {
    let shirt = product_id(app, "OXF-SHIRT").await;
    let (status, answer) =
        post(shop, token, "/api/shop/add-product-in-cart", json!({"productId": shirt, "quantity": qty})).await;
    assert_eq!(status, 201, "{answer}");
    let order_id = check_out(shop, token, Some("flatrate_flatrate")).await;
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .expect("an order line");
    (order_id, line.id)
}

/// `GET path` as the holder of `token`: status, `X-Total-Count` and body.
async fn get_counted(shop: &Shop<'_>, token: &str, path: &str) -> (u16, String, Value) {
    let resp = shop.get(path).header("Authorization", bearer(token)).send().await;
    let total = paging(&resp)[0].clone();
    let (status, body) = status_json(resp).await;
    (status, total, body)
}

async fn mails(app: &TestApp, kind: &str) -> u64 {
    mail_outbox::Entity::find().filter(mail_outbox::Column::Kind.eq(kind)).count(app.db()).await.unwrap()
}

/// Asserts a GraphQL answer failed with `message` (and the error `category`, when the SDL names
/// one) and that the root field `field` answered null.
fn refused(answer: &Value, field: &str, message: &str, category: Option<&str>) {
    assert_eq!(error(answer), message, "{answer}");
    if let Some(category) = category {
        assert_eq!(answer["errors"][0]["extensions"]["category"], category, "{answer}");
    }
    assert_eq!(answer["data"][field], Value::Null, "{answer}");
}

/// (statusId, messagesCount) of the owner's return, as `GET /api/shop/returns/{id}` shows it.
async fn return_state(shop: &Shop<'_>, token: &str, id: i64) -> (i64, i64) {
    let (status, body) = get(shop, token, &format!("/api/shop/returns/{id}")).await;
    assert_eq!(status, 200, "{body}");
    (body["statusId"].as_i64().unwrap(), body["messagesCount"].as_i64().unwrap())
}

// ------------------------------------------------------------------------------------------------
// Orders

/// Filtering the shipment lists by another customer's order or shipment matches nothing
/// (`200 []`, `X-Total-Count: 0`), although the caller has shipments of their own; reading
/// one of the owner's shipments or lines by id is the documented 404.
#[tokio::test]
async fn shipment_lists_filtered_by_another_customers_ids_are_empty() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, owner) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let (order_id, _) = order_shirts(&app, &shop, &owner, 1).await;
    let (others_order, _) = order_shirts(&app, &shop, &other, 1).await;
    let cs = app.token("cs:orders:read cs:orders:write").await;
    fulfil(&app, &cs, order_id, json!({"handle": "shipped", "tracking_id": "1Z999"})).await;
    fulfil(&app, &cs, others_order, json!({"handle": "shipped", "tracking_id": "1Z999"})).await;

    // The owner's shipment and its line.
    let shipments_path = format!("/api/shop/customer-order-shipments?orderId={order_id}");
    let (status, shipments) = get(&shop, &owner, &shipments_path).await;
    assert_eq!(status, 200, "{shipments}");
    let shipment_ids = ids(&shipments);
    assert_eq!(shipment_ids.len(), 1, "{shipments}");
    let shipment_id = shipment_ids[0];
    let items_path = format!("/api/shop/customer-order-shipment-items?shipmentId={shipment_id}");
    let (status, lines) = get(&shop, &owner, &items_path).await;
    assert_eq!(status, 200, "{lines}");
    let line_ids = ids(&lines);
    assert_eq!(line_ids.len(), 1, "{lines}");

    // The other customer has a shipment of their own, not the owner's.
    let (_, theirs) = get(&shop, &other, "/api/shop/customer-order-shipments").await;
    let their_shipments = ids(&theirs);
    assert_eq!(their_shipments.len(), 1, "{theirs}");
    assert_ne!(their_shipments[0], shipment_id);

    // Filtered by the owner's order (either spelling) or shipment: nothing, counted as nothing.
    for query in [format!("orderId={order_id}"), format!("order_id={order_id}")] {
        let (status, total, body) =
            get_counted(&shop, &other, &format!("/api/shop/customer-order-shipments?{query}")).await;
        assert_eq!((status, total.as_str(), body), (200, "0", json!([])), "{query}");
    }
    let (status, total, body) = get_counted(&shop, &other, &items_path).await;
    assert_eq!((status, total.as_str(), body), (200, "0", json!([])));
    // Unfiltered, their lines are their own only.
    let (_, their_lines) = get(&shop, &other, "/api/shop/customer-order-shipment-items").await;
    let their_line_ids = ids(&their_lines);
    assert!(!their_line_ids.is_empty(), "{their_lines}");
    assert!(their_line_ids.iter().all(|id| !line_ids.contains(id)), "{their_lines}");

    // By id: the documented 404s.
    let (status, body) = get(&shop, &other, &format!("/api/shop/customer-order-shipments/{shipment_id}")).await;
    let want = format!("Customer shipment with ID \"{shipment_id}\" not found.");
    assert_eq!((status, body), (404, json!({"message": want})));
    let line_id = line_ids[0];
    let (status, body) = get(&shop, &other, &format!("/api/shop/customer-order-shipment-items/{line_id}")).await;
    let want = format!("Customer shipment item with ID \"{line_id}\" not found.");
    assert_eq!((status, body), (404, json!({"message": want})));

    // The owner still reads both.
    let (_, again) = get(&shop, &owner, &shipments_path).await;
    assert_eq!(ids(&again), [shipment_id]);
    assert_eq!(ids(&get(&shop, &owner, &items_path).await.1), line_ids);
}

// ------------------------------------------------------------------------------------------------
// Returns over REST

/// `POST /api/shop/returns` on another customer's order is `The selected order is not valid.`
/// and on another customer's line through one's own order `The selected item is not eligible
/// for return.`, writing nothing; closing and reopening another customer's return is the
/// documented 404, changing neither its status nor its conversation.
#[tokio::test]
async fn rest_refuses_raising_closing_and_reopening_another_customers_return() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, owner) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let (order_id, line_id) = order_shirts(&app, &shop, &owner, 3).await;
    let (others_order, _) = order_shirts(&app, &shop, &other, 1).await;
    let raise = |order: i64, line: i64| {
        json!({"order_id": order, "order_item_id": line, "rma_qty": 1, "resolution_type": "cancel_items",
            "rma_reason_id": 1, "agreement": true})
    };

    // Raising: refused, nothing written, nobody mailed, the owner's line untouched.
    let (status, answer) = post(&shop, &other, "/api/shop/returns", raise(order_id, line_id)).await;
    assert_eq!((status, answer), (400, json!({"message": "The selected order is not valid."})));
    let camel = json!({"orderId": order_id, "orderItemId": line_id, "rmaQty": 1, "resolutionType": "cancel_items",
        "rmaReasonId": 1, "agreement": true});
    let (status, answer) = post(&shop, &other, "/api/shop/returns", camel).await;
    assert_eq!((status, answer), (400, json!({"message": "The selected order is not valid."})));
    let (status, answer) = post(&shop, &other, "/api/shop/returns", raise(others_order, line_id)).await;
    assert_eq!((status, answer), (400, json!({"message": "The selected item is not eligible for return."})));
    assert_eq!(rma::Entity::find().count(app.db()).await.unwrap(), 0);
    assert_eq!(mails(&app, "rma_request").await, 0);
    let (_, items) = get(&shop, &owner, &format!("/api/shop/returnable-items?order_id={order_id}")).await;
    assert_eq!((items[0]["currentQuantity"].as_i64(), items[0]["rmaQuantity"].as_i64()), (Some(3), Some(0)), "{items}");

    // The owner raises one: pending, one (the store's) message.
    let (status, raised) = post(&shop, &owner, "/api/shop/returns", raise(order_id, line_id)).await;
    assert_eq!(status, 201, "{raised}");
    let id = raised["id"].as_i64().unwrap();
    let path = |action: &str| format!("/api/shop/returns/{id}/{action}");
    let not_found = (404, json!({"message": "Return request not found."}));
    assert_eq!(return_state(&shop, &owner, id).await, (1, 1));

    // Closing it while it could be closed: 404, still pending, no note added.
    assert_eq!(post(&shop, &other, &path("close"), json!({})).await, not_found);
    assert_eq!(return_state(&shop, &owner, id).await, (1, 1));

    // Canceled by the owner, so it may be reopened: reopening it is a 404, still canceled.
    let (status, canceled) = post(&shop, &owner, &path("cancel"), json!({})).await;
    assert_eq!((status, canceled["statusId"].as_i64(), canceled["canReopen"].as_bool()), (201, Some(9), Some(true)));
    assert_eq!(post(&shop, &other, &path("reopen"), json!({})).await, not_found);
    assert_eq!(return_state(&shop, &owner, id).await, (9, 1));

    // The owner may do both: the refusals were about whose return it is.
    let (status, reopened) = post(&shop, &owner, &path("reopen"), json!({})).await;
    assert_eq!((status, reopened["statusId"].as_i64()), (201, Some(1)));
    assert_eq!(post(&shop, &other, &path("close"), json!({})).await, not_found);
    assert_eq!(return_state(&shop, &owner, id).await, (1, 2));
    let (status, closed) = post(&shop, &owner, &path("close"), json!({})).await;
    assert_eq!((status, closed["statusId"].as_i64()), (201, Some(6)));

    // Still one return, the owner's; none listed for the other customer.
    assert_eq!(rma::Entity::find().count(app.db()).await.unwrap(), 1);
    assert_eq!(get(&shop, &other, "/api/shop/returns").await, (200, json!([])));
}

// ------------------------------------------------------------------------------------------------
// Returns over GraphQL

/// Every returns operation of GraphQL, given another customer's order or return, fails with the
/// SDL's error and a null field: returnableItems and createCustomerReturn (the owner's order),
/// cancelCustomerReturn, closeCustomerReturn, reopenCustomerReturn (by IRI and by number),
/// createCustomerReturnMessage and customerReturnMessages (the owner's return); the return's
/// status and conversation stay as they were.
#[tokio::test]
async fn graphql_refuses_every_returns_operation_on_another_customers_data() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, owner) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let (order_id, line_id) = order_shirts(&app, &shop, &owner, 3).await;

    let returnable = "query($o: Int!) { returnableItems(orderId: $o) { orderItemId currentQuantity rmaQuantity } }";
    let answer = shop.graphql_as(&other, returnable, json!({"o": order_id})).await;
    refused(&answer, "returnableItems", "The selected order is not valid.", Some("NOT_FOUND"));

    let create = "mutation($input: createCustomerReturnInput!) { createCustomerReturn(input: $input) { customerReturn { id _id statusId messagesCount } } }";
    let input = json!({"orderId": order_id, "orderItemId": line_id, "rmaQty": 1, "resolutionType": "cancel_items",
        "rmaReasonId": 1, "agreement": true});
    let answer = shop.graphql_as(&other, create, json!({"input": input.clone()})).await;
    refused(&answer, "createCustomerReturn", "The selected order is not valid.", None);
    assert_eq!(rma::Entity::find().count(app.db()).await.unwrap(), 0);

    let made = data(shop.graphql_as(&owner, create, json!({"input": input})).await);
    let made = &made["createCustomerReturn"]["customerReturn"];
    assert_eq!((made["statusId"].as_i64(), made["messagesCount"].as_i64()), (Some(1), Some(1)), "{made}");
    let iri = made["id"].as_str().unwrap().to_owned();
    let number = made["_id"].as_i64().unwrap();
    let return_ids = [json!(iri), json!(number.to_string())];
    let state = "query($id: ID!) { customerReturn(id: $id) { statusId messagesCount } }";
    let owners_view = || {
        let (shop, owner, iri) = (&shop, &owner, &iri);
        async move {
            let answer = data(shop.graphql_as(owner, state, json!({"id": iri})).await);
            let r = &answer["customerReturn"];
            (r["statusId"].as_i64().unwrap(), r["messagesCount"].as_i64().unwrap())
        }
    };
    let not_found = "Return request not found.";

    // Cancel and close while pending: refused, still pending, no note.
    let cancel = "mutation($id: ID) { cancelCustomerReturn(input: {id: $id}) { customerReturn { statusId } } }";
    let close = "mutation($id: ID) { closeCustomerReturn(input: {id: $id}) { customerReturn { statusId } } }";
    let reopen = "mutation($id: ID) { reopenCustomerReturn(input: {id: $id}) { customerReturn { statusId } } }";
    for (mutation, field) in [(cancel, "cancelCustomerReturn"), (close, "closeCustomerReturn")] {
        for id in &return_ids {
            let answer = shop.graphql_as(&other, mutation, json!({"id": id})).await;
            refused(&answer, field, not_found, Some("NOT_FOUND"));
        }
    }
    assert_eq!(owners_view().await, (1, 1));

    // The conversation: neither written to nor read.
    let say = "mutation($id: Int) { createCustomerReturnMessage(input: {returnId: $id, message: \"Send it to me\"}) { customerReturnMessage { message isAdmin } } }";
    let answer = shop.graphql_as(&other, say, json!({"id": number})).await;
    refused(&answer, "createCustomerReturnMessage", not_found, Some("NOT_FOUND"));
    let talk = "query($id: Int!) { customerReturnMessages(returnId: $id) { message isAdmin } }";
    let answer = shop.graphql_as(&other, talk, json!({"id": number})).await;
    refused(&answer, "customerReturnMessages", not_found, Some("NOT_FOUND"));
    let conversation = data(shop.graphql_as(&owner, talk, json!({"id": number})).await);
    assert_eq!(
        conversation["customerReturnMessages"],
        json!([{"message": "Your return request is under process.", "isAdmin": true}])
    );
    assert_eq!(mails(&app, "rma_message").await, 0);

    // Canceled by the owner, so it may be reopened: reopening it is refused, still canceled.
    let answer = data(shop.graphql_as(&owner, cancel, json!({"id": iri})).await);
    assert_eq!(answer["cancelCustomerReturn"]["customerReturn"]["statusId"], 9);
    for id in &return_ids {
        let answer = shop.graphql_as(&other, reopen, json!({"id": id})).await;
        refused(&answer, "reopenCustomerReturn", not_found, Some("NOT_FOUND"));
    }
    assert_eq!(owners_view().await, (9, 1));
    // The owner may: the refusal was about whose return it is.
    let answer = data(shop.graphql_as(&owner, reopen, json!({"id": iri})).await);
    assert_eq!(answer["reopenCustomerReturn"]["customerReturn"]["statusId"], 1);

    // Nothing of the owner's among the other customer's returns.
    let list = data(shop.graphql_as(&other, "{ customerReturns { totalCount } }", json!({})).await);
    assert_eq!(list["customerReturns"]["totalCount"], 0);
    assert_eq!(rma::Entity::find().count(app.db()).await.unwrap(), 1);
}

// ------------------------------------------------------------------------------------------------
// Privacy over GraphQL

/// revokeGdprRequest on another customer's request is `GDPR data request not found` and leaves
/// it pending; createEuWithdrawal on another customer's order is `The order could not be found
/// or is not eligible for withdrawal.` before and after the owner filed one (never answering the
/// owner's declaration); euWithdrawal on another customer's declaration is `Withdrawal
/// declaration not found.`.
#[tokio::test]
async fn graphql_refuses_another_customers_gdpr_requests_and_withdrawals() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, owner) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let (_, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;

    // GDPR: the owner's request, revoked by the other customer by IRI or by number.
    let create = "mutation($input: createGdprRequestInput!) { createGdprRequest(input: $input) { gdprRequest { id _id status } } }";
    let made = data(
        shop.graphql_as(&owner, create, json!({"input": {"type": "delete", "message": "Please delete my data."}}))
            .await,
    );
    let request = &made["createGdprRequest"]["gdprRequest"];
    assert_eq!(request["status"], "pending", "{made}");
    let (iri, number) = (request["id"].as_str().unwrap().to_owned(), request["_id"].as_i64().unwrap());
    let revoke = "mutation($id: ID!) { revokeGdprRequest(input: {id: $id}) { gdprRequest { status revokedAt } } }";
    for id in [json!(iri), json!(number.to_string())] {
        let answer = shop.graphql_as(&other, revoke, json!({"id": id})).await;
        refused(&answer, "revokeGdprRequest", "GDPR data request not found", Some("NOT_FOUND"));
    }
    let one = "query($id: ID!) { gdprRequest(id: $id) { status revokedAt } }";
    let still = data(shop.graphql_as(&owner, one, json!({"id": iri})).await);
    assert_eq!(still["gdprRequest"], json!({"status": "pending", "revokedAt": null}));
    let row = gdpr_data_requests::Entity::find_by_id(number).one(app.db()).await.unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.revoked_at), ("pending", None));
    assert_eq!(mails(&app, "gdpr_request_updated").await, 0);

    // EU withdrawal: the owner's order, filed by the other customer before and after the owner.
    let (order_id, _) = order_shirts(&app, &shop, &owner, 1).await;
    let file = "mutation($input: createEuWithdrawalInput!) { createEuWithdrawal(input: $input) { euWithdrawal { id _id uuid status reasonText } } }";
    let not_eligible = "The order could not be found or is not eligible for withdrawal.";
    let answer = shop.graphql_as(&other, file, json!({"input": {"orderId": order_id, "reasonText": "Not mine"}})).await;
    refused(&answer, "createEuWithdrawal", not_eligible, Some("NOT_FOUND"));
    assert_eq!(eu_withdrawals::Entity::find().count(app.db()).await.unwrap(), 0);
    assert_eq!(mails(&app, "eu_withdrawal_confirmation").await, 0);

    let filed = data(
        shop.graphql_as(&owner, file, json!({"input": {"orderId": order_id, "reasonText": "Changed my mind"}})).await,
    );
    let filed = filed["createEuWithdrawal"]["euWithdrawal"].clone();
    assert_eq!((filed["status"].as_str(), filed["reasonText"].as_str()), (Some("received"), Some("Changed my mind")));
    let answer = shop.graphql_as(&other, file, json!({"input": {"orderId": order_id, "reasonText": "Not mine"}})).await;
    refused(&answer, "createEuWithdrawal", not_eligible, Some("NOT_FOUND"));
    assert!(!answer.to_string().contains(filed["uuid"].as_str().unwrap()), "the owner's declaration leaked: {answer}");
    assert_eq!(eu_withdrawals::Entity::find().count(app.db()).await.unwrap(), 1);
    assert_eq!(mails(&app, "eu_withdrawal_confirmation").await, 1);

    // Reading it: refused by IRI or number; not listed.
    let read = "query($id: ID!) { euWithdrawal(id: $id) { uuid status reasonText } }";
    for id in [filed["id"].clone(), json!(filed["_id"].as_i64().unwrap().to_string())] {
        let answer = shop.graphql_as(&other, read, json!({"id": id})).await;
        refused(&answer, "euWithdrawal", "Withdrawal declaration not found.", Some("NOT_FOUND"));
    }
    let list = data(shop.graphql_as(&other, "{ euWithdrawals { totalCount } }", json!({})).await);
    assert_eq!(list["euWithdrawals"]["totalCount"], 0);

    // The owner's declaration as filed.
    let mine = data(shop.graphql_as(&owner, read, json!({"id": filed["id"]})).await);
    assert_eq!(
        mine["euWithdrawal"],
        json!({"uuid": filed["uuid"], "status": "received", "reasonText": "Changed my mind"})
    );
}

// ------------------------------------------------------------------------------------------------
// The customer

/// GraphQL `customer(id:)` answers the signed-in customer for their own id (IRI or number, or
/// none), and null, without an error, for another customer's.
#[tokio::test]
async fn graphql_customer_by_another_customers_id_is_null() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (owner_id, owner) = shop.register("Olive", "olive@example.com", PASSWORD).await;
    let (other_id, other) = shop.register("Otto", "otto@example.com", PASSWORD).await;
    let query = "query($id: ID) { customer(id: $id) { _id email firstName } }";

    for id in [json!(format!("/api/shop/customers/{other_id}")), json!(other_id.to_string()), Value::Null] {
        let answer = data(shop.graphql_as(&other, query, json!({"id": id})).await);
        assert_eq!(
            answer["customer"],
            json!({"_id": other_id, "email": "otto@example.com", "firstName": "Otto"}),
            "{id}"
        );
    }
    for (token, theirs) in [(&other, owner_id), (&owner, other_id)] {
        for id in [json!(format!("/api/shop/customers/{theirs}")), json!(theirs.to_string())] {
            let answer = data(shop.graphql_as(token, query, json!({"id": id})).await);
            assert_eq!(answer["customer"], Value::Null, "{id}");
        }
    }
    // The owner's profile is still theirs.
    let mine = data(shop.graphql_as(&owner, query, json!({"id": null})).await);
    assert_eq!(mine["customer"]["email"], "olive@example.com");
}
