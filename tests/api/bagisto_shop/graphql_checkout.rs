//! Checkout over GraphQL: addresses, shipping and payment methods and placing the order in the
//! API Platform steps and the legacy one-call forms; the same order REST and the other APIs
//! read, idempotent with `Idempotency-Key`, and another customer's address book refused.

use polyshop_entities::orders;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, data, error, product_id};
use crate::{
    harness::{Shop, TestApp, json as body_json, status_json},
    pretty,
};

/// A GraphQL answer to a request with the extra `headers`.
async fn gql(shop: &Shop<'_>, headers: &[(&str, &str)], query: &str, variables: Value) -> Value {
    let mut req = shop.post("/api/graphql");
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let resp = req.body_json(&json!({"query": query, "variables": variables})).send().await;
    resp.assert_status_is_ok();
    body_json(resp).await
}

/// A new guest cart holding `qty` of `sku`: its `Authorization` value.
async fn guest_cart(app: &TestApp, shop: &Shop<'_>, sku: &str, qty: i64) -> String {
    let answer = shop.data("mutation { createCartToken(input: {}) { cartToken { cartToken } } }", json!({})).await;
    let auth = bearer(answer["createCartToken"]["cartToken"]["cartToken"].as_str().unwrap());
    let id = product_id(app, sku).await;
    let add = format!("mutation {{ addToCart(input: {{productId: {id}, quantity: {qty}}}) {{ success }} }}");
    data(gql(shop, &[("Authorization", &auth)], &add, json!({})).await);
    auth
}

const ADDRESS: &str = "mutation($input: createCheckoutAddressInput!) { createCheckoutAddress(input: $input) { checkoutAddress { \
    success message billingFirstName billingAddress billingCity billingCountry shippingFirstName shippingCity } } }";

fn billing() -> Value {
    json!({"billingFirstName": "Gus", "billingLastName": "Guest", "billingEmail": "Gus@Example.com", "billingAddress": "1 Main St",
        "billingCity": "Austin", "billingState": "TX", "billingCountry": "US", "billingPostcode": "73301",
        "billingPhoneNumber": "5550100", "useForShipping": true})
}

#[tokio::test]
async fn a_guest_checks_out_step_by_step() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 2).await;
    let h = [("Authorization", auth.as_str())];
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let stock_before = app.stock(shirt).await;

    // A missing field is named; then the addresses are saved and listed.
    let mut incomplete = billing();
    incomplete["billingCity"] = json!("");
    let refused = gql(&shop, &h, ADDRESS, json!({"input": incomplete})).await;
    assert!(error(&refused).contains("billingCity"), "{refused}");
    let saved = data(gql(&shop, &h, ADDRESS, json!({"input": billing()})).await);
    assert_eq!(
        saved["createCheckoutAddress"]["checkoutAddress"],
        json!({"success": true, "message": "Address saved successfully", "billingFirstName": "Gus", "billingAddress": "1 Main St",
            "billingCity": "Austin", "billingCountry": "US", "shippingFirstName": "Gus", "shippingCity": "Austin"})
    );
    let listed = data(
        gql(
            &shop,
            &h,
            "{ collectionGetCheckoutAddresses { totalCount edges { node { addressType city useForShipping } } } }",
            json!({}),
        )
        .await,
    );
    insta::assert_snapshot!("addresses", pretty(&listed));

    // The methods on offer, then the choices.
    let offered = data(
        gql(&shop, &h, "{ collectionShippingRates { id method methodTitle price formattedPrice } collectionPaymentMethods { id method title } \
            paymentMethods(first: 1) { totalCount edges { node { method code sortOrder } } } }", json!({}))
            .await,
    );
    insta::assert_snapshot!("offered", pretty(&offered));
    let ship = "mutation($code: String) { createCheckoutShippingMethod(input: {shippingMethod: $code}) { checkoutShippingMethod { success message shippingMethod } } }";
    let unknown = gql(&shop, &h, ship, json!({"code": "flat_rate"})).await;
    assert!(error(&unknown).contains("choose one of: flatrate_flatrate"), "{unknown}");
    let chosen = data(gql(&shop, &h, ship, json!({"code": "flatrate_flatrate"})).await);
    assert_eq!(
        chosen["createCheckoutShippingMethod"]["checkoutShippingMethod"]["message"],
        "Shipping method saved successfully"
    );
    let pay = "mutation($input: createCheckoutPaymentMethodInput!) { createCheckoutPaymentMethod(input: $input) { checkoutPaymentMethod { success message paymentMethod paymentGatewayUrl } } }";
    let bad_url =
        gql(&shop, &h, pay, json!({"input": {"paymentMethod": "moneytransfer", "successUrl": "javascript:alert(1)"}}))
            .await;
    assert!(error(&bad_url).contains("`successUrl`"), "{bad_url}");
    let paid = data(
        gql(
            &shop,
            &h,
            pay,
            json!({"input": {"paymentMethod": "moneytransfer", "successUrl": "https://shop.example/ok"}}),
        )
        .await,
    );
    assert_eq!(
        paid["createCheckoutPaymentMethod"]["checkoutPaymentMethod"],
        json!({"success": true, "message": "Payment method saved successfully", "paymentMethod": "moneytransfer", "paymentGatewayUrl": null})
    );

    // Place it, with an Idempotency-Key: a retry answers the same order and places nothing.
    let place = "mutation { createCheckoutOrder(input: {}) { checkoutOrder { orderId redirect message order { _id status grandTotal formattedGrandTotal items { sku quantity price } } } } }";
    let keyed = [("Authorization", auth.as_str()), ("Idempotency-Key", "gql-order-1")];
    let placed = data(gql(&shop, &keyed, place, json!({})).await);
    let order = &placed["createCheckoutOrder"]["checkoutOrder"];
    let order_id: i64 = order["orderId"].as_str().unwrap().parse().unwrap();
    assert_eq!(order["order"]["_id"], order_id);
    insta::assert_snapshot!(
        "placed",
        pretty(
            &json!({"message": order["message"], "redirect": order["redirect"], "order": {"status": order["order"]["status"], "grandTotal": order["order"]["grandTotal"], "formattedGrandTotal": order["order"]["formattedGrandTotal"], "items": order["order"]["items"]}})
        )
    );
    let again = data(gql(&shop, &keyed, place, json!({})).await);
    assert_eq!(again["createCheckoutOrder"]["checkoutOrder"]["orderId"], order["orderId"]);
    assert_eq!(
        orders::Entity::find()
            .filter(orders::Column::CustomerEmail.eq("gus@example.com"))
            .count(app.db())
            .await
            .unwrap(),
        1
    );
    assert_eq!(app.stock(shirt).await, stock_before - 2);
    // The cart is closed: another placement without the key finds no cart.
    let closed = gql(&shop, &h, place, json!({})).await;
    assert_eq!(error(&closed), "Cart not found");

    // The same order through CS-Cart.
    let basic = app.admin_basic().await;
    let (status, cs) =
        status_json(app.get(&format!("/api/orders/{order_id}")).header("Authorization", basic).send().await).await;
    assert_eq!((status, cs["email"].as_str()), (200, Some("gus@example.com")));
}

#[tokio::test]
async fn placing_refuses_a_cart_missing_a_step_and_changes_nothing() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 1).await;
    let h = [("Authorization", auth.as_str())];
    let place = "mutation { createCheckoutOrder(input: {}) { checkoutOrder { orderId } } }";
    let refused = gql(&shop, &h, place, json!({})).await;
    assert!(error(&refused).contains("billing and shipping addresses"), "{refused}");
    assert_eq!(refused["data"]["createCheckoutOrder"], Value::Null);
    data(gql(&shop, &h, ADDRESS, json!({"input": billing()})).await);
    let refused = gql(&shop, &h, place, json!({})).await;
    assert!(error(&refused).contains("shipping method"), "{refused}");
    assert_eq!(
        orders::Entity::find()
            .filter(orders::Column::CustomerEmail.eq("gus@example.com"))
            .count(app.db())
            .await
            .unwrap(),
        0
    );
    // Without a credential, the steps are refused.
    let anonymous = shop.graphql("{ collectionShippingRates { id } }", json!({})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}

#[tokio::test]
async fn the_legacy_one_call_checkouts_place_the_same_orders() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 1).await;
    let h = [("Authorization", auth.as_str())];

    // estimateShipping saves nothing; saveCustomerAddress saves one address for both.
    let estimate = "mutation($input: EstimateShippingInput!) { estimateShipping(input: $input) { shippingMethods { edges { node { method title price } } } } }";
    let missing = gql(&shop, &h, estimate, json!({"input": {"country": "US", "state": "TX"}})).await;
    assert!(error(&missing).contains("`zipCode`"), "{missing}");
    let unknown = gql(&shop, &h, estimate, json!({"input": {"country": "XX", "state": "TX", "zipCode": "1"}})).await;
    assert!(error(&unknown).contains("`XX` is not a known country"), "{unknown}");
    let estimated =
        data(gql(&shop, &h, estimate, json!({"input": {"country": "US", "state": "TX", "zipCode": "73301"}})).await);
    let methods: Vec<&str> = estimated["estimateShipping"]["shippingMethods"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["flatrate_flatrate"]);
    let save = "mutation { saveCustomerAddress(input: {cartId: \"1\", firstName: \"Lea\", lastName: \"Legacy\", email: \"lea@example.com\", \
        address1: \"2 Old Rd\", city: \"Reno\", state: \"NV\", country: \"US\", zipCode: \"89501\", phoneNumber: \"5550101\"}) \
        { address { addressType firstName address city postcode zipCode useForShipping } } }";
    let saved = data(gql(&shop, &h, save, json!({})).await);
    assert_eq!(
        saved["saveCustomerAddress"]["address"],
        json!({"addressType": "cart_billing", "firstName": "Lea", "address": "2 Old Rd", "city": "Reno", "postcode": "89501", "zipCode": "89501", "useForShipping": true})
    );
    let chosen = data(gql(&shop, &h, "mutation { saveShippingMethod(input: {shippingMethodCode: \"flatrate_flatrate\"}) { cart { shippingMethodCode shippingTotal grandTotal } } }", json!({})).await);
    assert_eq!(chosen["saveShippingMethod"]["cart"]["shippingMethodCode"], "flatrate_flatrate");
    let paid = data(
        gql(
            &shop,
            &h,
            "mutation { savePaymentMethod(input: {method: \"cashondelivery\"}) { status success message } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(
        paid["savePaymentMethod"],
        json!({"status": "success", "success": true, "message": "Payment method saved successfully"})
    );
    let created = data(gql(&shop, &h, "mutation { createOrder(input: {}) { success message order { orderNumber status items { sku quantity } } } }", json!({})).await);
    assert_eq!(created["createOrder"]["success"], true);
    assert_eq!(created["createOrder"]["order"]["items"], json!([{"sku": "OXF-SHIRT", "quantity": 1}]));
    let number = created["createOrder"]["order"]["orderNumber"].as_str().unwrap().to_owned();
    let order = orders::Entity::find()
        .filter(orders::Column::IncrementId.eq(number.as_str()))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((order.customer_email.as_str(), order.is_guest), ("lea@example.com", true));

    // createGuestOrder carries everything in one call; an unknown method changes no order.
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 1).await;
    let h = [("Authorization", auth.as_str())];
    let guest_order = "mutation($pay: String) { createGuestOrder(input: {billingAddress: {firstName: \"Gil\", lastName: \"One\", \
        email: \"gil@example.com\", address: \"3 Rd\", city: \"Austin\", state: \"TX\", country: \"US\", postcode: \"73301\", \
        phone: \"5550102\"}, shippingMethod: \"flatrate_flatrate\", paymentMethod: $pay}) { success message order { status total } } }";
    let refused = gql(&shop, &h, guest_order, json!({"pay": "paypal"})).await;
    assert!(error(&refused).contains("choose one of"), "{refused}");
    assert_eq!(
        orders::Entity::find()
            .filter(orders::Column::CustomerEmail.eq("gil@example.com"))
            .count(app.db())
            .await
            .unwrap(),
        0
    );
    let placed = data(gql(&shop, &h, guest_order, json!({"pay": "moneytransfer"})).await);
    assert_eq!(placed["createGuestOrder"]["message"], "Order created successfully");
    assert_eq!(placed["createGuestOrder"]["order"]["status"], "pending");
}

#[tokio::test]
async fn a_customer_orders_with_their_address_book_only() {
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
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let add = format!("mutation {{ addToCart(input: {{productId: {shirt}}}) {{ success }} }}");
    let create = "mutation($id: ID) { createOrder(input: {billingAddressId: $id, shippingMethod: \"flatrate_flatrate\", paymentMethod: \"moneytransfer\"}) { order { _id } } }";

    // Another customer cannot use Dora's address-book entry.
    let (_, eve) = shop.register("Eve", "eve@example.com", PASSWORD).await;
    data(shop.graphql_as(&eve, &add, json!({})).await);
    let refused = shop.graphql_as(&eve, create, json!({"id": address_id})).await;
    assert!(error(&refused).contains("Customer address"), "{refused}");

    data(shop.graphql_as(&token, &add, json!({})).await);
    let placed = data(
        shop.graphql_as(&token, create, json!({"id": format!("/api/shop/customer-addresses/{address_id}")})).await,
    );
    let order_id = placed["createOrder"]["order"]["_id"].as_i64().unwrap();
    let order = orders::Entity::find_by_id(order_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!((order.customer_id, order.is_guest), (Some(customer_id), false));
    // Dora's order in her account, through REST.
    let (status, mine) = status_json(
        shop.get(&format!("/api/shop/customer-orders/{order_id}")).header("Authorization", bearer(&token)).send().await,
    )
    .await;
    assert_eq!((status, mine["id"].as_i64()), (200, Some(order_id)), "{mine}");
}

/// Upstream's other name for the address step (bagisto-api's MutationCheckoutAddress, which
/// upstream never gets past `Unknown checkout operation`): the same rules, the same saved cart;
/// and readCheckoutAddress (whose upstream resolver always fails) reads it back flat.
#[tokio::test]
async fn create_mutation_checkout_address_saves_as_create_checkout_address() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 1).await;
    let h = [("Authorization", auth.as_str())];
    let twin = "mutation($input: createMutationCheckoutAddressInput!) { createMutationCheckoutAddress(input: $input) { \
                mutationCheckoutAddress { success message billingFirstName billingAddress billingCity billingCountry \
                shippingFirstName shippingCity } clientMutationId } }";
    let read = "query { readCheckoutAddress(id: \"1\") { id _id success message cartToken billingFirstName billingCity \
                billingCompanyName shippingFirstName shippingCity } }";
    let before = data(gql(&shop, &h, read, json!({})).await);
    let cart_id = before["readCheckoutAddress"]["_id"].as_i64().unwrap();
    assert_eq!(
        before["readCheckoutAddress"],
        json!({"id": cart_id.to_string(), "_id": cart_id, "success": true, "message": "Addresses retrieved successfully",
            "cartToken": auth.trim_start_matches("Bearer "), "billingFirstName": null, "billingCity": null,
            "billingCompanyName": null, "shippingFirstName": null, "shippingCity": null})
    );
    let mut incomplete = billing();
    incomplete["billingCity"] = json!("");
    let refused = gql(&shop, &h, twin, json!({"input": incomplete})).await;
    assert!(error(&refused).contains("billingCity"), "{refused}");
    let mut input = billing();
    input["clientMutationId"] = json!("m1");
    let saved = data(gql(&shop, &h, twin, json!({"input": input})).await);
    let via_first_name = data(gql(&shop, &h, ADDRESS, json!({"input": billing()})).await);
    assert_eq!(
        saved["createMutationCheckoutAddress"]["mutationCheckoutAddress"],
        via_first_name["createCheckoutAddress"]["checkoutAddress"]
    );
    assert_eq!(saved["createMutationCheckoutAddress"]["clientMutationId"], "m1");
    let listed = data(gql(&shop, &h, "{ collectionGetCheckoutAddresses { totalCount } }", json!({})).await);
    assert_eq!(listed["collectionGetCheckoutAddresses"]["totalCount"], 2);
    let singular = "{ collectionGetCheckoutAddress(first: 1) { totalCount edges { node { addressType } } } }";
    let listed = data(gql(&shop, &h, singular, json!({})).await);
    assert_eq!(
        listed["collectionGetCheckoutAddress"],
        json!({"totalCount": 2, "edges": [{"node": {"addressType": "cart_billing"}}]})
    );
    let after = data(gql(&shop, &h, read, json!({})).await);
    assert_eq!(
        (
            after["readCheckoutAddress"]["billingFirstName"].as_str(),
            after["readCheckoutAddress"]["billingCity"].as_str(),
            after["readCheckoutAddress"]["shippingFirstName"].as_str(),
            after["readCheckoutAddress"]["shippingCity"].as_str(),
        ),
        (Some("Gus"), Some("Austin"), Some("Gus"), Some("Austin"))
    );
    let anonymous = shop.graphql(twin, json!({"input": billing()})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
    let anonymous = shop.graphql(read, json!({})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}

/// Upstream's createEstimateShipping (no docs page): the whole cart as if shipped to an address
/// with a method, its lines taxed there; nothing saved, a free-shipping coupon honoured.
#[tokio::test]
async fn create_estimate_shipping_answers_the_cart_taxed_and_shipped_there() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let auth = guest_cart(&app, &shop, "OXF-SHIRT", 2).await;
    let h = [("Authorization", auth.as_str())];
    let estimate = "mutation($input: createEstimateShippingInput!) { createEstimateShipping(input: $input) { \
                    estimateShipping { _id itemsQty subtotal taxAmount shippingAmount grandTotal formattedGrandTotal \
                    shippingMethod couponCode items { edges { node { sku total taxAmount } } } } clientMutationId } }";
    let to = |country: &str, state: &str, postcode: &str, method: &str| {
        json!({"input": {"country": country, "state": state, "postcode": postcode, "shippingMethod": method,
            "cartId": 999999, "clientMutationId": "e1"}})
    };
    // San Francisco: 8.625 % of 99.80 is 8.61; flat rate 10.00 a unit.
    let sf = data(gql(&shop, &h, estimate, to("us", "CA", "94105", "flatrate_flatrate")).await);
    insta::assert_snapshot!(pretty(&sf));
    let e = &sf["createEstimateShipping"]["estimateShipping"];
    assert_eq!(
        (e["subtotal"].as_str(), e["taxAmount"].as_str(), e["shippingAmount"].as_str(), e["grandTotal"].as_str()),
        (Some("99.8"), Some("8.61"), Some("20"), Some("128.41"))
    );
    assert_eq!(e["items"]["edges"][0]["node"]["taxAmount"], "8.61");
    assert_eq!(sf["createEstimateShipping"]["clientMutationId"], "e1");
    // An untaxed place, and a method not on offer: no tax, no shipping, `shippingMethod` null.
    let ny = data(gql(&shop, &h, estimate, to("US", "NY", "10001", "teleport_teleport")).await);
    let e = &ny["createEstimateShipping"]["estimateShipping"];
    assert_eq!(
        (e["taxAmount"].as_str(), e["shippingAmount"].as_str(), e["grandTotal"].as_str(), e["shippingMethod"].as_str()),
        (Some("0"), Some("0"), Some("99.8"), None)
    );
    // Nothing was saved: the cart has no address, method or tax.
    let read = "mutation { createReadCart(input: {}) { readCart { taxAmount shippingAmount grandTotal } } }";
    let cart = data(gql(&shop, &h, read, json!({})).await);
    assert_eq!(
        cart["createReadCart"]["readCart"],
        json!({"taxAmount": "0", "shippingAmount": "0", "grandTotal": "99.8"})
    );
    // A free-shipping coupon on the cart takes the method's cost off.
    let apply = "mutation { createApplyCoupon(input: {couponCode: \"FREESHIP\"}) { applyCoupon { couponCode } } }";
    data(gql(&shop, &h, apply, json!({})).await);
    let free = data(gql(&shop, &h, estimate, to("US", "NY", "10001", "flatrate_flatrate")).await);
    let e = &free["createEstimateShipping"]["estimateShipping"];
    assert_eq!(
        (
            e["couponCode"].as_str(),
            e["shippingMethod"].as_str(),
            e["shippingAmount"].as_str(),
            e["grandTotal"].as_str()
        ),
        (Some("FREESHIP"), Some("flatrate_flatrate"), Some("0"), Some("99.8"))
    );
    // Each of country, state and postcode is required, by name; the country must be known.
    for (field, input) in [
        ("country", to("", "CA", "94105", "flatrate_flatrate")),
        ("state", to("US", " ", "94105", "flatrate_flatrate")),
        ("postcode", to("US", "CA", "", "flatrate_flatrate")),
        ("country", to("XX", "CA", "94105", "flatrate_flatrate")),
    ] {
        let refused = gql(&shop, &h, estimate, input).await;
        assert!(error(&refused).contains(&format!("`{field}`")), "{refused}");
        assert!(refused["data"]["createEstimateShipping"].is_null(), "{refused}");
    }
    let anonymous = shop.graphql(estimate, to("US", "CA", "94105", "flatrate_flatrate")).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");
}

/// The legacy saveCustomerAddress takes a customer's account email when the address has none
/// (as its description says); a guest must give one.
#[tokio::test]
async fn save_customer_address_takes_a_customers_account_email() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Lea", "lea.account@example.com", PASSWORD).await;
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let auth = bearer(&token);
    let add = format!("mutation {{ addToCart(input: {{productId: {shirt}, quantity: 1}}) {{ success }} }}");
    data(gql(&shop, &[("Authorization", &auth)], &add, json!({})).await);
    let save = "mutation { saveCustomerAddress(input: {firstName: \"Lea\", lastName: \"Legacy\", address: \"1 Main St\", \
                city: \"Austin\", state: \"TX\", country: \"US\", zipCode: \"73301\", phone: \"5550100\"}) { \
                address { email phone city } } }";
    let saved = data(gql(&shop, &[("Authorization", &auth)], save, json!({})).await);
    assert_eq!(
        saved["saveCustomerAddress"]["address"],
        json!({"email": "lea.account@example.com", "phone": "5550100", "city": "Austin"})
    );
    let guest = guest_cart(&app, &shop, "OXF-SHIRT", 1).await;
    let refused = gql(&shop, &[("Authorization", &guest)], save, json!({})).await;
    assert!(error(&refused).contains("billingEmail"), "{refused}");
}
