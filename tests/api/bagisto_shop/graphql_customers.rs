//! Customer accounts over GraphQL: the mutations (registration, the sign-in forms, sign-out,
//! token checks, password resets, profile and address book changes) and the customer queries,
//! on the same accounts as REST, with another customer's ids answered as missing.

use polyshop_entities::{customers, mail_outbox};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, error};
use crate::{
    harness::{Shop, TestApp},
    pretty,
};

/// Registers through `createCustomer` and returns (id, token).
async fn register(shop: &Shop<'_>, email: &str) -> (i64, String) {
    let data = shop
        .data(
            "mutation($input: createCustomerInput!) { createCustomer(input: $input) { customer { _id token } success } }",
            json!({"input": {"firstName": "Gina", "lastName": "Ql", "email": email, "password": PASSWORD, "confirmPassword": PASSWORD}}),
        )
        .await;
    let customer = &data["createCustomer"]["customer"];
    (customer["_id"].as_i64().unwrap(), customer["token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn registration_and_every_sign_in_form() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let created = shop
        .data(
            "mutation { createCustomer(input: {firstName: \"Hal\", lastName: \"Ql\", email: \"Hal@Example.com\", \
             password: \"s3cret-pass\", passwordConfirmation: \"s3cret-pass\", gender: \"male\", \
             subscribeToNewsletter: true, clientMutationId: \"c1\"}) { customer { id _id firstName email gender status \
             isVerified subscribedToNewsLetter customerGroupId channelId rememberToken } success message clientMutationId } }",
            json!({}),
        )
        .await;
    insta::assert_snapshot!(pretty(&created));

    let login = "mutation($email: String, $password: String) { createCustomerLogin(input: {email: $email, password: $password}) \
                 { customerLogin { id _id token apiToken success message } } }";
    let ok = shop.data(login, json!({"email": "hal@example.com", "password": PASSWORD})).await;
    let token = ok["createCustomerLogin"]["customerLogin"]["token"].as_str().unwrap().to_owned();
    assert_eq!(ok["createCustomerLogin"]["customerLogin"]["success"], true);
    // Wrong password and unknown email: the same answer, no token.
    let wrong = shop.data(login, json!({"email": "hal@example.com", "password": "wrong-pass"})).await;
    let unknown = shop.data(login, json!({"email": "nobody@example.com", "password": "wrong-pass"})).await;
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong["createCustomerLogin"]["customerLogin"],
        json!({"id": null, "_id": null, "token": null, "apiToken": null, "success": false, "message": "Invalid email or password"})
    );

    // The login-customer page's form, the guides' accessToken form and the quick reference's.
    let data = shop
        .data(
            "mutation { createLogin(input: {email: \"hal@example.com\", password: \"s3cret-pass\"}) { login { id email \
             firstName success } accessToken customer { email } } customerLogin(email: \"hal@example.com\", password: \
             \"s3cret-pass\") { accessToken customer { firstName } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["createLogin"]["login"]["email"], "hal@example.com");
    assert!(data["createLogin"]["accessToken"].as_str().unwrap().contains('|'));
    assert_eq!(data["customerLogin"]["customer"]["firstName"], "Hal");
    let refused = shop
        .graphql(
            "mutation { customerLogin(email: \"hal@example.com\", password: \"nope-nope\") { accessToken } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (refused["data"]["customerLogin"].clone(), error(&refused)),
        (Value::Null, "Invalid email or password".to_owned())
    );

    // The token works for customer queries; the REST sign-out ends it for GraphQL too.
    let profile =
        shop.graphql_as(&token, "{ readCustomerProfile { id _id email isVerified success } }", json!({})).await;
    assert_eq!(
        profile["data"]["readCustomerProfile"],
        json!({"id": format!("/api/shop/customer-profiles/{}", created["createCustomer"]["customer"]["_id"]), "_id": created["createCustomer"]["customer"]["_id"], "email": "hal@example.com", "isVerified": "0", "success": null})
    );
    let out = shop
        .graphql_as(
            &token,
            "mutation { createLogout(input: {}) { logout { success message } status message } }",
            json!({}),
        )
        .await;
    assert_eq!(
        out["data"]["createLogout"],
        json!({"logout": {"success": true, "message": "Logged out successfully"}, "status": "success", "message": "Logged out successfully"})
    );
    let after = shop.graphql_as(&token, "{ readCustomerProfile { id } }", json!({})).await;
    assert_eq!(error(&after), "Unauthenticated. Please login to perform this action");
}

#[tokio::test]
async fn customer_fields_fail_alone_without_a_token() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let answer = shop.graphql("{ locales { totalCount } readCustomerProfile { id } customer { id } }", json!({})).await;
    assert_eq!(
        answer["data"],
        json!({"locales": {"totalCount": 2}, "readCustomerProfile": null, "customer": null}),
        "{answer}"
    );
    assert_eq!(answer["errors"].as_array().unwrap().len(), 2);
    assert_eq!(error(&answer), "Unauthenticated. Please login to perform this action");
    // A mutation needing a customer: null and an error; the token check answers instead.
    let answer = shop.graphql("mutation { createLogout(input: {}) { status } createVerifyToken(input: {}) { verifyToken { isValid message } } }", json!({})).await;
    assert_eq!(answer["data"]["createLogout"], Value::Null);
    assert_eq!(
        answer["data"]["createVerifyToken"]["verifyToken"],
        json!({"isValid": false, "message": "Unauthenticated. Please login to perform this action"})
    );
    let (_, token) = register(&shop, "ivy@example.com").await;
    let data = shop
        .data(
            "mutation($t: String) { createVerifyToken(input: {token: $t}) { verifyToken { isValid email } } }",
            json!({"t": token}),
        )
        .await;
    assert_eq!(data["createVerifyToken"]["verifyToken"], json!({"isValid": true, "email": "ivy@example.com"}));
}

#[tokio::test]
async fn the_profile_and_password_change_through_mutations() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (id, token) = register(&shop, "jay@example.com").await;
    register(&shop, "kay@example.com").await;
    let answer = shop
        .graphql_as(
            &token,
            "mutation { createCustomerProfileUpdate(input: {firstName: \"Jay\", gender: \"female\", phone: \"5550100\"}) \
             { customerProfileUpdate { id _id firstName gender phone success message } } }",
            json!({}),
        )
        .await;
    insta::assert_snapshot!(pretty(&answer));
    // Taken email, wrong current password: errors, nothing changed.
    let taken = shop
        .graphql_as(
            &token,
            "mutation { updateCustomer(input: {email: \"KAY@example.com\"}) { customer { email } } }",
            json!({}),
        )
        .await;
    assert_eq!(error(&taken), "The email has already been taken.");
    let other_id = shop.graphql_as(&token, "mutation { updateCustomer(input: {id: \"/api/shop/customers/1\", firstName: \"X\"}) { customer { email } } }", json!({})).await;
    assert!(error(&other_id).contains("not found"), "{other_id}");
    let wrong = shop
        .graphql_as(&token, "mutation { changeCustomerPassword(input: {oldPassword: \"nope\", newPassword: \"brand-new\"}) { status } }", json!({}))
        .await;
    assert_eq!(error(&wrong), "The current password you entered is incorrect");
    let short = shop
        .graphql_as(&token, "mutation { changeCustomerPassword(input: {oldPassword: \"s3cret-pass\", newPassword: \"abc\"}) { status } }", json!({}))
        .await;
    assert_eq!(error(&short), "`password`: must be at least 6 characters");
    let changed = shop
        .graphql_as(
            &token,
            "mutation { changeCustomerPassword(input: {currentPassword: \"s3cret-pass\", password: \"brand-new\", confirmPassword: \"brand-new\"}) { status success message } }",
            json!({}),
        )
        .await;
    assert_eq!(
        changed["data"]["changeCustomerPassword"],
        json!({"status": "success", "success": true, "message": "Password changed successfully"})
    );
    shop.login("jay@example.com", "brand-new").await;

    // Deletion: a wrong password deletes nothing; then the account goes.
    let refused = shop
        .graphql_as(
            &token,
            "mutation { createCustomerProfileDelete(input: {password: \"nope\"}) { customerProfileDelete { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(error(&refused), "The password you entered is incorrect");
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_some());
    let deleted = shop
        .graphql_as(
            &token,
            "mutation { createCustomerProfileDelete(input: {}) { customerProfileDelete { id } clientMutationId } }",
            json!({}),
        )
        .await;
    assert_eq!(
        deleted["data"],
        json!({"createCustomerProfileDelete": {"customerProfileDelete": null, "clientMutationId": null}})
    );
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_none());
}

#[tokio::test]
async fn the_address_book_through_mutations_and_queries() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = register(&shop, "lee@example.com").await;
    let (_, other) = register(&shop, "mo@example.com").await;
    let created = shop
        .graphql_as(
            &token,
            "mutation { createAddUpdateCustomerAddress(input: {firstName: \"Lee\", lastName: \"Ql\", email: \"lee@example.com\", \
             phone: \"5550100\", address1: \"1 Main St\", address2: \"Floor 2\", city: \"Austin\", state: \"TX\", country: \"US\", \
             postcode: \"73301\"}) { addUpdateCustomerAddress { id addressId address1 address2 defaultAddress country } } }",
            json!({}),
        )
        .await;
    insta::assert_snapshot!(pretty(&created));
    let id =
        created["data"]["createAddUpdateCustomerAddress"]["addUpdateCustomerAddress"]["addressId"].as_i64().unwrap();
    let legacy = shop
        .graphql_as(
            &token,
            "mutation { addCustomerAddress(input: {firstName: \"Lee\", lastName: \"Two\", address: \"9 Side Rd\", city: \"Dallas\", \
             country: \"us\", zipCode: \"75001\", phoneNumber: \"5550101\", defaultBilling: true}) { address { _id zipCode \
             defaultAddress defaultShipping } } }",
            json!({}),
        )
        .await;
    let second = legacy["data"]["addCustomerAddress"]["address"].clone();
    assert_eq!((second["zipCode"].clone(), second["defaultAddress"].clone()), (json!("75001"), json!(true)));
    let second_id = second["_id"].as_i64().unwrap();

    // Update through the API Platform form (by id) and the legacy form (by IRI).
    let updated = shop
        .graphql_as(&token, "mutation($id: ID) { createAddUpdateCustomerAddress(input: {addressId: $id, city: \"Houston\"}) { addUpdateCustomerAddress { city address1 } } }", json!({"id": id}))
        .await;
    assert_eq!(
        updated["data"]["createAddUpdateCustomerAddress"]["addUpdateCustomerAddress"],
        json!({"city": "Houston", "address1": "1 Main St"})
    );
    let iri = format!("/api/shop/customer-addresses/{second_id}");
    let updated = shop
        .graphql_as(&token, "mutation($id: ID) { updateCustomerAddress(input: {addressId: $id, address: \"10 Side Rd\\nUnit 3\"}) { address { address } } }", json!({"id": iri}))
        .await;
    assert_eq!(updated["data"]["updateCustomerAddress"]["address"]["address"], "10 Side Rd\nUnit 3");

    let list = shop
        .graphql_as(&token, "{ getCustomerAddresses(sort: \"id\", order: \"desc\", first: 1) { edges { node { _id } } totalCount pageInfo { hasNextPage } } customer { addresses { totalCount } } }", json!({}))
        .await;
    assert_eq!(
        list["data"]["getCustomerAddresses"],
        json!({"edges": [{"node": {"_id": second_id}}], "totalCount": 2, "pageInfo": {"hasNextPage": true}})
    );
    assert_eq!(list["data"]["customer"]["addresses"]["totalCount"], 2);

    // Another customer sees nothing and changes nothing.
    let seen = shop
        .graphql_as(
            &other,
            "query($id: ID!) { customerAddress(id: $id) { id } getCustomerAddresses { totalCount } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(seen["data"], json!({"customerAddress": null, "getCustomerAddresses": {"totalCount": 0}}));
    for mutation in [
        "mutation($id: ID) { createAddUpdateCustomerAddress(input: {addressId: $id, city: \"X\"}) { addUpdateCustomerAddress { id } } }",
        "mutation($id: ID) { createDeleteCustomerAddress(input: {addressId: $id}) { deleteCustomerAddress { id } } }",
        "mutation($id: ID) { updateCustomerAddress(input: {addressId: $id, city: \"X\"}) { address { id } } }",
    ] {
        let answer = shop.graphql_as(&other, mutation, json!({"id": id})).await;
        assert_eq!(error(&answer), format!("Customer address with ID \"{id}\" not found."), "{mutation}");
    }
    let answer = shop
        .graphql_as(
            &other,
            "mutation($id: String) { deleteCustomerAddress(input: {addressId: $id}) { status } }",
            json!({"id": id.to_string()}),
        )
        .await;
    assert!(error(&answer).contains("not found"));

    // Deleting: the API Platform form answers the address as it was; the legacy form a status.
    let deleted = shop
        .graphql_as(&token, "mutation($id: ID) { createDeleteCustomerAddress(input: {addressId: $id}) { deleteCustomerAddress { id city } } }", json!({"id": id}))
        .await;
    assert_eq!(
        deleted["data"]["createDeleteCustomerAddress"]["deleteCustomerAddress"],
        json!({"id": id.to_string(), "city": "Houston"})
    );
    let deleted = shop
        .graphql_as(
            &token,
            "mutation($id: String) { deleteCustomerAddress(input: {addressId: $id}) { status success message } }",
            json!({"id": second_id.to_string()}),
        )
        .await;
    assert_eq!(
        deleted["data"]["deleteCustomerAddress"],
        json!({"status": "success", "success": true, "message": "Address deleted successfully"})
    );
    let left = shop.graphql_as(&token, "{ getCustomerAddresses { totalCount } }", json!({})).await;
    assert_eq!(left["data"]["getCustomerAddresses"]["totalCount"], 0);
}

#[tokio::test]
async fn password_reset_round_trip() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    register(&shop, "nia@example.com").await;
    let data = shop
        .data("mutation { createForgotPassword(input: {email: \"NIA@example.com\"}) { forgotPassword { success message } } forgotPassword(input: {email: \"none@example.com\"}) { status success message } }", json!({}))
        .await;
    assert_eq!(data["createForgotPassword"]["forgotPassword"]["message"], data["forgotPassword"]["message"]);
    assert_eq!(mail_outbox::Entity::find().count(app.db()).await.unwrap(), 1);
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::ToAddress.eq("nia@example.com"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let token = mail.body_text.split("/customer/reset-password/").nth(1).unwrap().split('?').next().unwrap().to_owned();
    let reset = "mutation($token: String, $password: String) { resetPassword(input: {token: $token, email: \"nia@example.com\", \
                 password: $password, passwordConfirmation: $password}) { status success message } }";
    let wrong = shop.graphql(reset, json!({"token": "not-the-token", "password": "fresh-pass"})).await;
    assert_eq!(error(&wrong), "`token`: is invalid or has expired");
    let done = shop.data(reset, json!({"token": token, "password": "fresh-pass"})).await;
    assert_eq!(done["resetPassword"]["success"], true);
    shop.login("nia@example.com", "fresh-pass").await;
    let again = shop.graphql(reset, json!({"token": token, "password": "other-pass"})).await;
    assert!(!error(&again).is_empty());
}

/// Every documented example of the customer pages (`graphql-shop-customer-examples.json`), each
/// on a fresh database as a signed-in customer with one saved address, the documented
/// variables completed with that customer's values. Documented responses must have our keys.
#[tokio::test]
async fn the_documented_customer_examples_run() {
    let fixtures: Vec<Value> =
        serde_json::from_str(include_str!("../fixtures/graphql-shop-customer-examples.json")).unwrap();
    let mut errors = Vec::new();
    let (mut ran, mut compared) = (0, 0);
    for example in &fixtures {
        let query = example["query"].as_str().unwrap();
        if super::support::root_fields(query).is_empty() {
            errors.push(example["example"].as_str().unwrap().to_owned());
            continue;
        }
        let app = TestApp::new().await;
        let shop = app.shop().await;
        let (_, token) = register(&shop, "doc.customer@example.com").await;
        let address = shop
            .graphql_as(
                &token,
                "mutation { addCustomerAddress(input: {firstName: \"Doc\", lastName: \"Ql\", address: \"1 Main St\", city: \"Austin\", \
                 country: \"US\", zipCode: \"73301\", phoneNumber: \"5550100\"}) { address { _id } } }",
                json!({}),
            )
            .await;
        let address_id = address["data"]["addCustomerAddress"]["address"]["_id"].as_i64().unwrap();
        let mut variables = serde_json::Map::new();
        for (k, v) in [
            ("email", json!("doc.customer@example.com")),
            ("password", json!(PASSWORD)),
            ("id", json!(address_id)),
            ("addressId", json!(address_id.to_string())),
            ("token", json!(token)),
        ] {
            variables.insert(k.to_owned(), v);
        }
        if let Value::Object(documented) = &example["variables"] {
            variables.extend(documented.clone());
        }
        let answer = shop.graphql_as(&token, query, Value::Object(variables)).await;
        if answer.get("errors").is_some() {
            errors.push(format!("{} {}", example["example"].as_str().unwrap(), error(&answer)));
            continue;
        }
        ran += 1;
        let documented = &example["documentedResponse"]["data"];
        // The forgot-password page prints its answer under the legacy mutation's key (BS67).
        let slip = example["example"] == "forgot-password";
        if documented.is_object() && !slip {
            let mut differences = Vec::new();
            super::support::shape_differences(query, documented, &answer["data"], "data", &mut differences);
            assert!(
                differences.is_empty(),
                "{} {}: {differences:?}\n{}",
                example["page"],
                example["example"],
                pretty(&answer)
            );
            compared += 1;
        }
    }
    insta::assert_snapshot!(format!("ran {ran}, compared {compared}, errors:\n{}", errors.join("\n")));
}

/// Upstream's second names (bagisto-api's CustomerAddressToken and Customer resources): the
/// same address book and account deletion, answered under their payload fields; `deleteCustomer`
/// deletes only the signed-in customer, whatever `id` names (upstream deletes whoever it names).
#[tokio::test]
async fn upstream_address_token_and_delete_customer_names() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (id, token) = register(&shop, "uma@example.com").await;
    let (other_id, other) = register(&shop, "vic@example.com").await;
    let save = "mutation($input: createCustomerAddressTokenInput!) { createCustomerAddressToken(input: $input) { \
                customerAddressToken { id addressId firstName address1 address2 city country defaultAddress } clientMutationId } }";
    let created = shop
        .graphql_as(
            &token,
            save,
            json!({"input": {"firstName": "Uma", "lastName": "Ql", "phone": "5550100", "address1": "1 Main St",
                   "address2": "Floor 2", "city": "Austin", "state": "TX", "country": "US", "postcode": "73301",
                   "defaultAddress": true, "clientMutationId": "a1"}}),
        )
        .await;
    insta::assert_snapshot!(pretty(&created));
    let address = created["data"]["createCustomerAddressToken"]["customerAddressToken"]["addressId"].as_i64().unwrap();
    let updated = shop.graphql_as(&token, save, json!({"input": {"addressId": address, "city": "Houston"}})).await;
    assert_eq!(updated["data"]["createCustomerAddressToken"]["customerAddressToken"]["city"], "Houston");
    assert_eq!(updated["data"]["createCustomerAddressToken"]["customerAddressToken"]["address1"], "1 Main St");
    // Another customer's token changes nothing; no token is refused.
    let theirs = shop.graphql_as(&other, save, json!({"input": {"addressId": address, "city": "X"}})).await;
    assert_eq!(error(&theirs), format!("Customer address with ID \"{address}\" not found."));
    let anonymous = shop.graphql(save, json!({"input": {"city": "X"}})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");

    let delete = "mutation($input: createDeleteCustomerAddressTokenInput!) { createDeleteCustomerAddressToken(input: $input) { \
                  customerAddressToken { id city } } }";
    let refused = shop.graphql_as(&other, delete, json!({"input": {"id": "1", "addressId": address}})).await;
    assert_eq!(error(&refused), format!("Customer address with ID \"{address}\" not found."));
    let deleted = shop.graphql_as(&token, delete, json!({"input": {"id": "1", "addressId": address}})).await;
    assert_eq!(
        deleted["data"]["createDeleteCustomerAddressToken"]["customerAddressToken"],
        json!({"id": address.to_string(), "city": "Houston"})
    );
    let left = shop.graphql_as(&token, "{ getCustomerAddresses { totalCount } }", json!({})).await;
    assert_eq!(left["data"]["getCustomerAddresses"]["totalCount"], 0);

    // deleteCustomer: another customer's id is refused and deletes no one.
    let remove = "mutation($id: ID!) { deleteCustomer(input: {id: $id, clientMutationId: \"d1\"}) { customer { id } clientMutationId } }";
    let refused = shop.graphql_as(&token, remove, json!({"id": format!("/api/shop/customers/{other_id}")})).await;
    assert_eq!(error(&refused), format!("Customer with ID \"/api/shop/customers/{other_id}\" not found."));
    assert!(customers::Entity::find_by_id(other_id).one(app.db()).await.unwrap().is_some());
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_some());
    let anonymous = shop.graphql(remove, json!({"id": id})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
    // Another resource's IRI that ends in the caller's id does not name the caller.
    let order_iri = format!("/api/shop/orders/{id}");
    let refused = shop.graphql_as(&token, remove, json!({"id": order_iri})).await;
    assert_eq!(error(&refused), format!("Customer with ID \"{order_iri}\" not found."));
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_some());
    let deleted = shop.graphql_as(&token, remove, json!({"id": format!("/api/shop/customers/{id}")})).await;
    assert_eq!(deleted["data"]["deleteCustomer"], json!({"customer": null, "clientMutationId": "d1"}));
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_none());
    // Its token went with it.
    let after = shop.graphql_as(&token, "{ customer { id } }", json!({})).await;
    assert_eq!(error(&after), "Unauthenticated. Please login to perform this action");
}

/// Upstream's address reads by token (readCustomerAddressToken, readGetCustomerAddress,
/// collectionCustomerAddressToken; upstream's resolvers always fail): the caller's own
/// addresses in createCustomerAddressToken's shape, another customer's refused alike with an
/// unknown id.
#[tokio::test]
async fn upstream_address_token_reads_answer_only_the_callers_addresses() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = register(&shop, "wes@example.com").await;
    let (_, other) = register(&shop, "xia@example.com").await;
    let save = "mutation($input: createCustomerAddressTokenInput!) { createCustomerAddressToken(input: $input) { \
                customerAddressToken { addressId } } }";
    let mut ids = Vec::new();
    for (city, default) in [("Austin", false), ("Dallas", true), ("Waco", false)] {
        let created = shop
            .graphql_as(
                &token,
                save,
                json!({"input": {"firstName": "Wes", "lastName": "Ql", "phone": "5550100", "address1": "1 Main St",
                       "address2": "Floor 2", "city": city, "state": "TX", "country": "US", "postcode": "73301",
                       "defaultAddress": default}}),
            )
            .await;
        ids.push(created["data"]["createCustomerAddressToken"]["customerAddressToken"]["addressId"].as_i64().unwrap());
    }
    let read = "query($id: ID!) { readCustomerAddressToken(id: $id) { id addressId firstName lastName address1 \
                address2 city state country postcode defaultAddress } }";
    let one = shop.graphql_as(&token, read, json!({"id": ids[1]})).await;
    insta::assert_snapshot!(pretty(&one).replace(&ids[1].to_string(), "<id>"));
    assert_eq!(one["data"]["readCustomerAddressToken"]["city"], "Dallas");
    assert_eq!(one["data"]["readCustomerAddressToken"]["defaultAddress"], true);
    // readGetCustomerAddress is the same read; an IRI ending in the id names it too.
    let twin = "query($id: ID!) { readGetCustomerAddress(id: $id) { id addressId firstName lastName address1 \
                address2 city state country postcode defaultAddress } }";
    let by_iri = shop.graphql_as(&token, twin, json!({"id": format!("/api/shop/customer-addresses/{}", ids[1])})).await;
    assert_eq!(by_iri["data"]["readGetCustomerAddress"], one["data"]["readCustomerAddressToken"]);
    // Another customer's token, an unknown id, no token.
    for query in [read, twin] {
        let theirs = shop.graphql_as(&other, query, json!({"id": ids[0]})).await;
        assert_eq!(error(&theirs), format!("Customer address with ID \"{}\" not found.", ids[0]));
        let unknown = shop.graphql_as(&token, query, json!({"id": "999999"})).await;
        assert_eq!(error(&unknown), "Customer address with ID \"999999\" not found.");
        let anonymous = shop.graphql(query, json!({"id": ids[0]})).await;
        assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
    }
    // The collection: the caller's addresses by id, paged; none of another customer's.
    let list = "query($first: Int, $after: String) { collectionCustomerAddressToken(first: $first, after: $after) { \
                totalCount edges { cursor node { addressId city } } pageInfo { hasNextPage endCursor } } }";
    let first = shop.graphql_as(&token, list, json!({"first": 2})).await;
    let page = &first["data"]["collectionCustomerAddressToken"];
    assert_eq!(page["totalCount"], 3);
    let cities: Vec<&str> =
        page["edges"].as_array().unwrap().iter().map(|e| e["node"]["city"].as_str().unwrap()).collect();
    assert_eq!(cities, ["Austin", "Dallas"]);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let rest = shop.graphql_as(&token, list, json!({"first": 2, "after": page["pageInfo"]["endCursor"]})).await;
    assert_eq!(rest["data"]["collectionCustomerAddressToken"]["edges"][0]["node"]["addressId"], ids[2]);
    let theirs = shop.graphql_as(&other, list, json!({})).await;
    assert_eq!(theirs["data"]["collectionCustomerAddressToken"]["totalCount"], 0);
    let anonymous = shop.graphql(list, json!({})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}
