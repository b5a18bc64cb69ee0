//! Helpers the Bagisto shop tests share: requests with a cart credential, checking a cart out,
//! paging headers, ids, disabling a product, and running the documented GraphQL examples
//! (`tests/api/fixtures/graphql-shop-examples.json`).

use polyshop_entities::products;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

/// `POST path` with `body` as the holder of `token` (a customer or guest cart token).
pub async fn post(shop: &Shop<'_>, token: &str, path: &str, body: Value) -> (u16, Value) {
    status_json(shop.post(path).header("Authorization", bearer(token)).body_json(&body).send().await).await
}

/// `GET path` as the holder of `token`.
pub async fn get(shop: &Shop<'_>, token: &str, path: &str) -> (u16, Value) {
    status_json(shop.get(path).header("Authorization", bearer(token)).send().await).await
}

/// Checks the caller's cart out (an Austin address, money transfer, and `shipping` when a line
/// ships) and returns the order's id.
pub async fn check_out(shop: &Shop<'_>, token: &str, shipping: Option<&str>) -> i64 {
    let address = json!({"billingFirstName": "Dana", "billingLastName": "D", "billingEmail": "dana@example.com",
        "billingAddress": "1 Main St", "billingCity": "Austin", "billingState": "TX", "billingCountry": "US",
        "billingPostcode": "73301", "billingPhoneNumber": "5550100", "useForShipping": true});
    let (status, answer) = post(shop, token, "/api/shop/checkout-addresses", address).await;
    assert_eq!(status, 201, "{answer}");
    if let Some(method) = shipping {
        let (status, answer) =
            post(shop, token, "/api/shop/checkout-shipping-methods", json!({"shippingMethod": method})).await;
        assert_eq!(status, 201, "{answer}");
    }
    let (status, answer) =
        post(shop, token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await;
    assert_eq!(status, 201, "{answer}");
    let (status, placed) = post(shop, token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(status, 201, "{placed}");
    placed["order"]["id"].as_i64().unwrap()
}

pub fn header(resp: &poem::test::TestResponse, name: &str) -> String {
    resp.0.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// `X-Total-Count`, `X-Page`, `X-Per-Page` and `X-Total-Pages` of a collection's answer.
pub fn paging(resp: &poem::test::TestResponse) -> [String; 4] {
    ["X-Total-Count", "X-Page", "X-Per-Page", "X-Total-Pages"].map(|h| header(resp, h))
}

/// Expected header values, to compare with [`paging`].
pub fn headers(values: [&str; 4]) -> [String; 4] {
    values.map(String::from)
}

/// The `id`s of a JSON array of resources.
pub fn ids(body: &Value) -> Vec<i64> {
    body.as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// The password the customer tests sign in with.
pub const PASSWORD: &str = "s3cret-pass";

/// `Bearer <token>`, for the `Authorization` header.
pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Gives a demo customer (who has none) [`PASSWORD`] and signs them in: (customer id, token).
pub async fn demo_customer(app: &TestApp, shop: &crate::harness::Shop<'_>, email: &str) -> (i64, String) {
    use polyshop_entities::customers;
    let hash = polyshop::customers::passwords::hash(PASSWORD).await.unwrap();
    let customer = customers::Entity::find().filter(customers::Column::Email.eq(email)).one(app.db()).await.unwrap();
    let customer = customer.expect("demo customer");
    customers::Entity::update_many()
        .col_expr(customers::Column::PasswordHash, Expr::value(hash))
        .filter(customers::Column::Id.eq(customer.id))
        .exec(app.db())
        .await
        .unwrap();
    (customer.id, shop.login(email, PASSWORD).await)
}

/// Disables product `id`, as a merchant would in the admin.
pub async fn disable_product(app: &TestApp, id: i64) {
    products::Entity::update_many()
        .col_expr(products::Column::Status, Expr::value(false))
        .filter(products::Column::Id.eq(id))
        .exec(app.db())
        .await
        .unwrap();
    app.catalog_changed().await;
}

/// Whether `query` names the field `name` anywhere.
fn mentions(query: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    query.match_indices(name).any(|(i, _)| {
        !query[..i].chars().next_back().is_some_and(ident) && !query[i + name.len()..].chars().next().is_some_and(ident)
    })
}

/// Differences in shape (object keys, recursively; lists by their first items) between a
/// documented response and ours: documented keys we leave out, objects or lists we answer
/// with something else. Values are not compared: the demo data differs. Documented keys the
/// query does not select, and selected keys a documented response leaves out, are slips of
/// the docs (GraphQL answers exactly the selection).
pub fn shape_differences(query: &str, documented: &Value, ours: &Value, path: &str, out: &mut Vec<String>) {
    match (documented, ours) {
        (Value::Object(d), Value::Object(o)) => {
            for key in d.keys().filter(|k| !o.contains_key(*k) && mentions(query, k)) {
                out.push(format!("{path}.{key} is missing"));
            }
            for (key, d) in d {
                if let Some(o) = o.get(key) {
                    shape_differences(query, d, o, &format!("{path}.{key}"), out);
                }
            }
        }
        // A documented single object where the field returns a list (`treeCategories` on the
        // shop-api page): compare it with the first item.
        (Value::Object(_), Value::Array(o)) => {
            if let Some(o) = o.first() {
                shape_differences(query, documented, o, &format!("{path}[0]"), out);
            }
        }
        (Value::Array(d), Value::Array(o)) => {
            if let (Some(d), Some(o)) = (d.first(), o.first()) {
                shape_differences(query, d, o, &format!("{path}[0]"), out);
            }
        }
        (Value::Object(_) | Value::Array(_), o) if !o.is_null() => out.push(format!("{path} is {o}")),
        _ => {}
    }
}

/// Names of the root fields an example query selects.
pub fn root_fields(query: &str) -> Vec<String> {
    use async_graphql::parser::types::Selection;
    let Ok(doc) = async_graphql::parser::parse_query(query) else { return Vec::new() };
    doc.operations
        .iter()
        .flat_map(|(_, op)| op.node.selection_set.node.items.clone())
        .filter_map(|s| match s.node {
            Selection::Field(f) => Some(f.node.name.node.to_string()),
            _ => None,
        })
        .collect()
}

/// What running documented examples gave: how many ran cleanly, how many of those had a
/// documented response to compare shapes with, and the examples answered with errors.
#[derive(Debug, PartialEq)]
pub struct ExampleRun {
    pub ran: usize,
    pub compared: usize,
    pub errors: Vec<String>,
}

/// Runs every documented example whose root fields are all among `roots`, with `variables`
/// standing in for values the docs leave out, and compares the shape of each documented
/// response with ours. Examples answered with errors are listed by id (the spec's decisions
/// name those the schema refuses on purpose).
pub async fn run_documented_examples(roots: &[&str], variables: Value) -> ExampleRun {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let fixtures: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/fixtures/graphql-shop-examples.json"))
            .unwrap(),
    )
    .unwrap();
    let mut run = ExampleRun { ran: 0, compared: 0, errors: Vec::new() };
    for example in &fixtures {
        let query = example["query"].as_str().unwrap();
        let fields = root_fields(query);
        if fields.is_empty() || !fields.iter().all(|f| roots.contains(&f.as_str())) {
            continue;
        }
        let mut given = variables.as_object().cloned().unwrap_or_default();
        if let Value::Object(documented) = &example["variables"] {
            given.extend(documented.clone());
        }
        let answer = shop.graphql(query, Value::Object(given)).await;
        if answer.get("errors").is_some() {
            run.errors.push(example["example"].as_str().unwrap().to_owned());
            continue;
        }
        run.ran += 1;
        let documented = &example["documentedResponse"]["data"];
        if documented.is_object() {
            let mut differences = Vec::new();
            shape_differences(query, documented, &answer["data"], "data", &mut differences);
            assert!(
                differences.is_empty(),
                "{} {}: {differences:?}\n{}",
                example["page"],
                example["example"],
                pretty(&answer["data"])
            );
            run.compared += 1;
        }
    }
    run
}

/// Invoices and ships an order's first line, as the merchant's admin would (the fixed demo
/// orders have no documents): (invoice id, shipment id).
pub async fn invoice_and_ship(app: &TestApp, order: &polyshop_entities::orders::Model) -> (i64, i64) {
    use polyshop_entities::{invoice_items, invoices, order_items, shipment_items, shipments};
    use polyshop_runtime::Amount;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order.id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let at = order.created_at + chrono::Duration::hours(2);
    let invoice = invoices::ActiveModel {
        increment_id: Set(format!("INV-{}", order.id)),
        order_id: Set(order.id),
        state: Set("paid".into()),
        email_sent: Set(true),
        total_qty: Set(line.qty_ordered),
        base_currency_code: Set("USD".into()),
        channel_currency_code: Set("USD".into()),
        order_currency_code: Set("USD".into()),
        sub_total: Set(line.total),
        base_sub_total: Set(line.base_total),
        grand_total: Set(line.total),
        base_grand_total: Set(line.base_total),
        shipping_amount: Set(Amount::ZERO),
        base_shipping_amount: Set(Amount::ZERO),
        tax_amount: Set(Amount::ZERO),
        base_tax_amount: Set(Amount::ZERO),
        discount_amount: Set(Amount::ZERO),
        base_discount_amount: Set(Amount::ZERO),
        reminders: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    invoice_items::ActiveModel {
        invoice_id: Set(invoice.id),
        order_item_id: Set(line.id),
        product_id: Set(line.product_id),
        sku: Set(line.sku.clone()),
        name: Set(line.name.clone()),
        qty: Set(line.qty_ordered),
        price: Set(line.price),
        base_price: Set(line.base_price),
        total: Set(line.total),
        base_total: Set(line.base_total),
        tax_amount: Set(Amount::ZERO),
        base_tax_amount: Set(Amount::ZERO),
        discount_amount: Set(Amount::ZERO),
        base_discount_amount: Set(Amount::ZERO),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let shipment = shipments::ActiveModel {
        order_id: Set(order.id),
        total_qty: Set(line.qty_ordered),
        email_sent: Set(true),
        carrier_title: Set(Some("UPS".into())),
        track_number: Set(Some("1Z000000000042".into())),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    shipment_items::ActiveModel {
        shipment_id: Set(shipment.id),
        order_item_id: Set(line.id),
        product_id: Set(line.product_id),
        sku: Set(line.sku.clone()),
        name: Set(line.name.clone()),
        qty: Set(line.qty_ordered),
        price: Set(line.price),
        base_price: Set(line.base_price),
        total: Set(line.total),
        base_total: Set(line.base_total),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    (invoice.id, shipment.id)
}

/// The id of the product with SKU `sku`.
pub async fn product_id(app: &TestApp, sku: &str) -> i64 {
    products::Entity::find().filter(products::Column::Sku.eq(sku)).one(app.db()).await.unwrap().expect(sku).id
}

/// The data of a GraphQL answer, asserting it has no errors.
pub fn data(answer: Value) -> Value {
    assert!(answer.get("errors").is_none(), "GraphQL errors: {answer}");
    answer["data"].clone()
}

/// The message of the first error of a GraphQL answer.
pub fn error(answer: &Value) -> String {
    answer["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

/// Records `fulfilment` (`{"handle": "shipped", "tracking_id": ...}`) on an order through the
/// Community Store API, as a fulfilment integration does, with the token `cs_token`.
pub async fn fulfil(app: &TestApp, cs_token: &str, order_id: i64, fulfilment: Value) {
    let resp = app
        .patch(&format!("/cs/api/v1/orders/{order_id}"))
        .header("authorization", format!("Bearer {cs_token}"))
        .body_json(&json!({"data": {"fulfilment": fulfilment}}))
        .send()
        .await;
    assert_eq!(resp.0.status(), 200);
}

/// Places the caller's cart through the REST checkout steps, after adding `qty` of
/// `product_id` (an Austin address for `first_name` at `email`, flat rate, cash on delivery):
/// the place-order answer.
pub async fn place_order(
    shop: &Shop<'_>,
    auth: &str,
    product_id: i64,
    qty: i64,
    first_name: &str,
    email: &str,
) -> Value {
    let steps = [
        ("/api/shop/add-product-in-cart", json!({"productId": product_id, "quantity": qty})),
        (
            "/api/shop/checkout-addresses",
            json!({"billingFirstName": first_name, "billingLastName": "Tester", "billingEmail": email,
            "billingAddress": "1 Main St", "billingCity": "Austin", "billingCountry": "US",
            "billingPhoneNumber": "5550100", "useForShipping": true}),
        ),
        ("/api/shop/checkout-shipping-methods", json!({"shippingMethod": "flatrate_flatrate"})),
        ("/api/shop/checkout-payment-methods", json!({"paymentMethod": "cashondelivery"})),
        ("/api/shop/checkout-orders", json!({})),
    ];
    let mut placed = Value::Null;
    for (path, body) in steps {
        let (status, answer) =
            status_json(shop.post(path).header("Authorization", auth).body_json(&body).send().await).await;
        assert_eq!(status, 201, "{path}: {answer}");
        placed = answer;
    }
    placed
}
