//! GDPR data requests and EU withdrawal declarations (shop REST and GraphQL): raising, listing,
//! revoking and deleting requests; filing a withdrawal for a customer's order and for a guest
//! order, once per order; the configuration switches; and that nobody reaches another
//! customer's records.

use polyshop_entities::{core_config, eu_withdrawals, mail_outbox, orders};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{bearer, demo_customer};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

async fn send(shop: &Shop<'_>, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let auth = bearer(token);
    let resp = match (method, body) {
        ("GET", _) => shop.get(path).header("Authorization", auth).send().await,
        ("DELETE", _) => shop.delete(path).header("Authorization", auth).send().await,
        (_, body) => shop.post(path).header("Authorization", auth).body_json(&body.unwrap_or(json!({}))).send().await,
    };
    status_json(resp).await
}

async fn mails(app: &TestApp, kind: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Kind.eq(kind))
        .order_by_asc(mail_outbox::Column::Id)
        .all(app.db())
        .await
        .unwrap()
}

async fn switch_off(app: &TestApp, code: &str) {
    core_config::Entity::delete_many().filter(core_config::Column::Code.eq(code)).exec(app.db()).await.unwrap();
}

#[tokio::test]
async fn customers_raise_follow_revoke_and_delete_gdpr_requests() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, joe) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let path = "/api/shop/gdpr-requests";

    // Upstream's refusals, in its words; nothing saved.
    let long = "x".repeat(501);
    for (body, want) in [
        (json!({"message": "Delete me"}), "The request type is required"),
        (json!({"type": "  ", "message": "Delete me"}), "The request type is required"),
        (json!({"type": "erase", "message": "Delete me"}), "The request type must be either \"delete\" or \"update\""),
        (json!({"type": "delete", "message": "   "}), "The message is required"),
        (json!({"type": "delete", "message": long}), "Invalid request body: `message`: at most 500 characters"),
    ] {
        let (status, answer) = send(&shop, &joe, "POST", path, Some(body.clone())).await;
        assert_eq!((status, answer["message"].as_str()), (400, Some(want)), "{body}");
    }

    let (status, raised) =
        send(&shop, &joe, "POST", path, Some(json!({"type": " DELETE ", "message": "  Please delete my data.  "})))
            .await;
    assert_eq!(status, 201, "{raised}");
    insta::assert_snapshot!("gdpr_request_raised", pretty(&raised));
    let id = raised["id"].as_i64().unwrap();
    // The customer and the store are told.
    let sent = mails(&app, "gdpr_request").await;
    assert_eq!(
        sent.iter().map(|m| (m.to_address.as_str(), m.subject.as_str())).collect::<Vec<_>>(),
        [("joe.smith@example.com", "New Request For Data Delete")]
    );
    assert_eq!(mails(&app, "gdpr_request_store").await.len(), 1);
    let (_, update) =
        send(&shop, &joe, "POST", path, Some(json!({"type": "update", "message": "My name is misspelt."}))).await;

    // Listed newest first, oldest first on request; one by id; nobody else's.
    let (_, list) = send(&shop, &joe, "GET", path, None).await;
    assert_eq!(
        list.as_array().unwrap().iter().map(|r| r["id"].clone()).collect::<Vec<_>>(),
        [update["id"].clone(), json!(id)]
    );
    let (_, oldest) = send(&shop, &joe, "GET", &format!("{path}?sort=created_at&order=asc"), None).await;
    assert_eq!(oldest[0]["id"], id);
    let (status, one) = send(&shop, &joe, "GET", &format!("{path}/{id}"), None).await;
    assert_eq!((status, one["successMessage"].clone()), (200, Value::Null));
    let (_, none) = send(&shop, &maria, "GET", path, None).await;
    assert_eq!(none, json!([]));
    for (method, suffix) in [("GET", ""), ("POST", "/revoke"), ("DELETE", "")] {
        let (status, answer) = send(&shop, &maria, method, &format!("{path}/{id}{suffix}"), None).await;
        assert_eq!((status, answer), (404, json!({"message": "GDPR data request not found"})), "{method} {suffix}");
    }

    // Revoked once, while pending.
    let (status, revoked) = send(&shop, &joe, "POST", &format!("{path}/{id}/revoke"), None).await;
    assert_eq!(
        (status, revoked["status"].as_str(), revoked["successMessage"].as_str()),
        (200, Some("revoked"), Some("Your GDPR data request has been revoked successfully."))
    );
    assert!(revoked["revokedAt"].is_string());
    assert_eq!(mails(&app, "gdpr_request_updated").await[0].subject, "Your GDPR Request Has Been Updated");
    let (status, refused) = send(&shop, &joe, "POST", &format!("{path}/{id}/revoke"), None).await;
    assert_eq!((status, refused), (422, json!({"message": "This GDPR data request can no longer be revoked."})));

    // Deleted in any status.
    let (status, deleted) = send(&shop, &joe, "DELETE", &format!("{path}/{id}"), None).await;
    assert_eq!(
        (status, deleted),
        (200, json!({"success": true, "message": "Your GDPR data request has been deleted successfully."}))
    );
    assert_eq!(send(&shop, &joe, "GET", &format!("{path}/{id}"), None).await.0, 404);

    // Switched off: every operation says so; without a token: 401 first.
    switch_off(&app, "general.gdpr.settings.enabled").await;
    let (status, answer) = send(&shop, &joe, "GET", path, None).await;
    assert_eq!(
        (status, answer["message"].as_str()),
        (400, Some("GDPR data requests are disabled. Please enable GDPR from the admin configuration."))
    );
    assert_eq!(shop.get(path).send().await.0.status(), 401);
}

#[tokio::test]
async fn graphql_runs_the_same_gdpr_requests() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, joe) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let create = "mutation($input: createGdprRequestInput!) { createGdprRequest(input: $input) { gdprRequest { id _id status type message successMessage customer { email } } clientMutationId } }";
    let answer = shop
        .graphql_as(
            &joe,
            create,
            json!({"input": {"type": "update", "message": "Fix my address", "clientMutationId": "c1"}}),
        )
        .await;
    let made = &answer["data"]["createGdprRequest"];
    assert_eq!(made["clientMutationId"], "c1", "{answer}");
    assert_eq!(
        (made["gdprRequest"]["status"].as_str(), made["gdprRequest"]["customer"]["email"].as_str()),
        (Some("pending"), Some("joe.smith@example.com"))
    );
    let iri = made["gdprRequest"]["id"].as_str().unwrap().to_owned();
    let answer = shop.graphql_as(&joe, create, json!({"input": {"type": "erase", "message": "x"}})).await;
    assert_eq!(answer["errors"][0]["message"], "The request type must be either \"delete\" or \"update\"");

    let list = shop
        .graphql_as(&joe, "{ gdprRequests(first: 5) { totalCount edges { node { id status } } } }", json!({}))
        .await;
    assert_eq!(list["data"]["gdprRequests"]["totalCount"], 1, "{list}");
    let one = "query($id: ID!) { gdprRequest(id: $id) { _id type } }";
    let answer = shop.graphql_as(&maria, one, json!({"id": iri})).await;
    assert_eq!(
        (answer["data"]["gdprRequest"].clone(), answer["errors"][0]["message"].as_str()),
        (Value::Null, Some("GDPR data request not found"))
    );

    let revoke = "mutation($id: ID!) { revokeGdprRequest(input: {id: $id}) { gdprRequest { status revokedAt successMessage } } }";
    let answer = shop.graphql_as(&joe, revoke, json!({"id": iri})).await;
    assert_eq!(answer["data"]["revokeGdprRequest"]["gdprRequest"]["status"], "revoked", "{answer}");
    let answer = shop.graphql_as(&joe, revoke, json!({"id": iri})).await;
    assert_eq!(answer["errors"][0]["message"], "This GDPR data request can no longer be revoked.");

    let delete =
        "mutation($id: ID!) { deleteGdprRequest(input: {id: $id}) { gdprRequest { _id status successMessage } } }";
    let answer = shop.graphql_as(&maria, delete, json!({"id": iri})).await;
    assert_eq!(answer["errors"][0]["message"], "GDPR data request not found");
    let answer = shop.graphql_as(&joe, delete, json!({"id": iri})).await;
    let gone = &answer["data"]["deleteGdprRequest"]["gdprRequest"];
    assert_eq!(
        (gone["status"].as_str(), gone["successMessage"].as_str()),
        (Some("revoked"), Some("Your GDPR data request has been deleted successfully."))
    );
    let list = shop.graphql_as(&joe, "{ gdprRequests { totalCount } }", json!({})).await;
    assert_eq!(list["data"]["gdprRequests"]["totalCount"], 0);
}

#[tokio::test]
async fn withdrawals_are_filed_once_per_order_and_only_by_its_buyer() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (joe_id, joe) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let order = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(joe_id))
        .order_by_asc(orders::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let path = "/api/shop/eu-withdrawals";

    let (status, answer) = send(&shop, &joe, "POST", path, Some(json!({"reasonText": "Changed my mind"}))).await;
    assert_eq!((status, answer), (400, json!({"message": "Order ID is required"})));
    let not_eligible = json!({"message": "The order could not be found or is not eligible for withdrawal."});
    assert_eq!(
        send(&shop, &maria, "POST", path, Some(json!({"orderId": order.id}))).await,
        (404, not_eligible.clone())
    );
    assert_eq!(send(&shop, &joe, "POST", path, Some(json!({"order_id": 999_999}))).await, (404, not_eligible.clone()));

    // Filed (upstream's snake_case body), confirmed by mail; filing again answers the same one.
    let (status, filed) =
        send(&shop, &joe, "POST", path, Some(json!({"order_id": order.id, "reason_text": "  Changed my mind  "})))
            .await;
    assert_eq!(status, 201, "{filed}");
    assert_eq!(
        (
            filed["status"].as_str(),
            filed["reasonText"].as_str(),
            filed["orderIncrementId"].as_str(),
            filed["isGuest"].as_bool()
        ),
        (Some("received"), Some("Changed my mind"), Some(order.increment_id.as_str()), Some(false))
    );
    assert_eq!(filed["uuid"].as_str().unwrap().len(), 36);
    let mut shown = filed.clone();
    shown["uuid"] = json!("<uuid>");
    insta::assert_snapshot!("eu_withdrawal_filed", pretty(&shown));
    let (status, again) =
        send(&shop, &joe, "POST", path, Some(json!({"orderId": order.id, "reasonText": "Other"}))).await;
    assert_eq!(
        (status, again["uuid"].clone(), again["reasonText"].clone()),
        (201, filed["uuid"].clone(), filed["reasonText"].clone())
    );
    let confirmations = mails(&app, "eu_withdrawal_confirmation").await;
    assert_eq!(confirmations.len(), 1);
    assert_eq!(confirmations[0].subject, format!("Confirmation of your withdrawal — Order {}", order.increment_id));
    assert_eq!(eu_withdrawals::Entity::find().count(app.db()).await.unwrap(), 1);

    // Listed and read by the buyer only.
    let id = filed["id"].as_i64().unwrap();
    let (_, list) = send(&shop, &joe, "GET", path, None).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(send(&shop, &joe, "GET", &format!("{path}/{id}"), None).await.1["uuid"], filed["uuid"]);
    let (status, answer) = send(&shop, &maria, "GET", &format!("{path}/{id}"), None).await;
    assert_eq!((status, answer), (404, json!({"message": "Withdrawal declaration not found."})));
    assert_eq!(send(&shop, &maria, "GET", path, None).await.1, json!([]));

    // Switched off for the order's channel: not eligible (what was filed stays readable).
    switch_off(&app, "sales.eu_withdrawal.general.enabled").await;
    let second = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(joe_id))
        .filter(orders::Column::Id.ne(order.id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(send(&shop, &joe, "POST", path, Some(json!({"orderId": second.id}))).await, (404, not_eligible));
    assert_eq!(send(&shop, &joe, "GET", &format!("{path}/{id}"), None).await.0, 200);
}

#[tokio::test]
async fn guests_file_withdrawals_with_the_order_number_and_email() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let guest = orders::Entity::find()
        .filter(orders::Column::IsGuest.eq(true))
        .order_by_asc(orders::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .expect("a demo guest order");
    let path = "/api/shop/eu-withdrawals/guest";
    let not_eligible = json!({"message": "The order could not be found or is not eligible for withdrawal."});
    let post = |body: Value| {
        let shop = &shop;
        async move { status_json(shop.post(path).body_json(&body).send().await).await }
    };
    assert_eq!(
        post(json!({"email": guest.customer_email})).await,
        (400, json!({"message": "The order increment id field is required."}))
    );
    assert_eq!(
        post(json!({"orderIncrementId": guest.increment_id})).await,
        (400, json!({"message": "The email field is required."}))
    );
    assert_eq!(
        post(json!({"orderIncrementId": guest.increment_id, "email": "someone@else.com"})).await,
        (404, not_eligible.clone())
    );
    // A customer's order is no guest order, whatever its email.
    let customers_order =
        orders::Entity::find().filter(orders::Column::IsGuest.eq(false)).one(app.db()).await.unwrap().unwrap();
    assert_eq!(
        post(json!({"orderIncrementId": customers_order.increment_id, "email": customers_order.customer_email})).await,
        (404, not_eligible)
    );

    let (status, filed) = post(json!({"order_increment_id": format!(" {} ", guest.increment_id), "email": guest.customer_email.to_uppercase()})).await;
    assert_eq!(status, 201, "{filed}");
    assert_eq!(
        (filed["isGuest"].as_bool(), filed["orderId"].as_i64(), filed["status"].as_str()),
        (Some(true), Some(guest.id), Some("received"))
    );
    assert!(filed.get("updatedAt").is_none() && filed.get("refundNote").is_none(), "the guest view: {filed}");

    // The same over GraphQL: the existing declaration.
    let mutation = "mutation($input: createGuestEuWithdrawalInput!) { createGuestEuWithdrawal(input: $input) { guestEuWithdrawal { uuid isGuest status } } }";
    let answer = shop
        .graphql(mutation, json!({"input": {"orderIncrementId": guest.increment_id, "email": guest.customer_email}}))
        .await;
    assert_eq!(answer["data"]["createGuestEuWithdrawal"]["guestEuWithdrawal"]["uuid"], filed["uuid"], "{answer}");
    let answer =
        shop.graphql(mutation, json!({"input": {"orderIncrementId": guest.increment_id, "email": "nope"}})).await;
    assert_eq!(answer["errors"][0]["message"], "The email field must be a valid email address.");
}

#[tokio::test]
async fn graphql_files_and_lists_a_customers_withdrawals() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (joe_id, joe) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let order =
        orders::Entity::find().filter(orders::Column::CustomerId.eq(joe_id)).one(app.db()).await.unwrap().unwrap();
    let file = "mutation($input: createEuWithdrawalInput!) { createEuWithdrawal(input: $input) { euWithdrawal { id _id uuid orderId orderIncrementId status reasonText } } }";
    let answer = shop.graphql_as(&joe, file, json!({"input": {"orderId": order.id, "reasonText": "Too small"}})).await;
    let filed = &answer["data"]["createEuWithdrawal"]["euWithdrawal"];
    assert_eq!(
        (filed["orderId"].as_i64(), filed["reasonText"].as_str()),
        (Some(order.id), Some("Too small")),
        "{answer}"
    );
    let answer = shop.graphql_as(&joe, file, json!({"input": {"reasonText": "x"}})).await;
    assert_eq!(answer["errors"][0]["message"], "Order ID is required");
    let list =
        shop.graphql_as(&joe, "{ euWithdrawals(first: 10) { totalCount edges { node { uuid } } } }", json!({})).await;
    assert_eq!(list["data"]["euWithdrawals"]["totalCount"], 1);
    let one = "query($id: ID!) { euWithdrawal(id: $id) { uuid } }";
    let answer = shop.graphql_as(&joe, one, json!({"id": filed["id"]})).await;
    assert_eq!(answer["data"]["euWithdrawal"]["uuid"], filed["uuid"]);
    let answer = shop.graphql("{ euWithdrawals { totalCount } }", json!({})).await;
    assert_eq!(answer["errors"][0]["message"], "Unauthenticated. Please login to perform this action");
}
