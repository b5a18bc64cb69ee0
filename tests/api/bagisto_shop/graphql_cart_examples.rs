//! The documented GraphQL examples of the cart, checkout, order, invoice, shipment, wishlist,
//! compare, review and download pages (`fixtures/graphql-shop-cart-checkout-examples.json`,
//! extracted from the docs and formatted as the other example fixtures) run against the
//! server, each as a customer who has a cart line, a paid and shipped order, a wishlist item,
//! a compared product and a review. Where a page documents its answer, ours has its keys
//! (`shape_differences`); the examples that fail are listed in the snapshot with why, so that
//! a change in which run is seen in review. The ids of the docs' store that examples name
//! (orders, invoices, shipments, cart lines, wishlist items, products) are replaced with the
//! customer's own, in the query and in the documented variables.

use polyshop_entities::{invoices, product_inventories, shipments};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Map, Value, json};

use super::support::{PASSWORD, check_out, error, fulfil, post, product_id, root_fields, shape_differences};
use crate::{
    harness::{Shop, TestApp},
    pretty,
};

/// What the examples' variables name, for a customer of the demo store with a little of
/// everything: documented variables override these.
async fn customer_world(
    app: &TestApp,
    shop: &Shop<'_>,
    n: usize,
    basic: &str,
    cs: &str,
) -> (String, Map<String, Value>, Ids) {
    let (_, token) = shop.register("Doc", &format!("doc.shopper{n}@example.com"), PASSWORD).await;
    let shirt = product_id(app, "OXF-SHIRT").await;
    let socks = product_id(app, "WOOL-SOCKS").await;
    // A paid and shipped order.
    post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": shirt})).await;
    let order_id = check_out(shop, &token, Some("flatrate_flatrate")).await;
    let paid = app
        .put(&format!("/api/orders/{order_id}"))
        .header("authorization", basic)
        .body_json(&json!({"status": "P"}))
        .send()
        .await;
    assert_eq!(paid.0.status(), 200);
    fulfil(app, cs, order_id, json!({"handle":"shipped","tracking_id":"1Z999"})).await;
    // A cart line, a wishlist item, a compared product and a review.
    let (_, cart) =
        post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": socks, "quantity": 2})).await;
    let (_, wish) = post(shop, &token, "/api/shop/wishlists", json!({"productId": shirt})).await;
    post(shop, &token, "/api/shop/compare-items", json!({"productId": socks})).await;
    post(
        shop,
        &token,
        "/api/shop/reviews",
        json!({"productId": shirt, "title": "Good", "comment": "A fine oxford shirt.", "rating": 5, "name": "Doc"}),
    )
    .await;
    let line = cart["items"][0]["id"].as_i64().unwrap();
    let invoice = invoices::Entity::find().filter(invoices::Column::OrderId.eq(order_id)).one(app.db()).await;
    let shipment = shipments::Entity::find().filter(shipments::Column::OrderId.eq(order_id)).one(app.db()).await;
    let ids = Ids {
        order: order_id,
        invoice: invoice.unwrap().map_or(0, |i| i.id),
        shipment: shipment.unwrap().map_or(0, |s| s.id),
        line,
        wish: wish["id"].as_i64().unwrap_or_default(),
        product: socks,
    };
    let mut variables = Map::new();
    for (name, value) in [
        ("productId", json!(socks)),
        ("quantity", json!(1)),
        ("cartId", json!(cart["id"])),
        ("cartItemId", json!(line)),
        ("itemId", json!(line)),
        ("wishlistItemId", json!(wish["id"])),
        ("orderId", json!(order_id)),
        ("id", json!(order_id.to_string())),
        ("first", json!(10)),
        ("rating", json!(5)),
        ("title", json!("Good")),
        ("comment", json!("A fine pair of socks.")),
        ("name", json!("Doc")),
        ("email", json!(format!("doc.shopper{n}@example.com"))),
        ("couponCode", json!("SAVE10")),
        ("code", json!("SAVE10")),
    ] {
        variables.insert(name.to_owned(), value);
    }
    (token, variables, ids)
}

/// The records of the example's customer that the docs' examples name by their own store's ids.
struct Ids {
    order: i64,
    invoice: i64,
    shipment: i64,
    line: i64,
    wish: i64,
    product: i64,
}

impl Ids {
    /// `query` naming this customer's records where the docs name their store's: the ids given
    /// to `orderId`, `cartItemId`, `wishlistItemId` and `productId`, and the order, invoice and
    /// shipment IRIs and ids of the account queries.
    fn in_query(&self, query: &str) -> String {
        let mut q = query.to_owned();
        for (pattern, id) in [
            (r#"(orderId\s*:\s*"?)\d+"#, self.order),
            (r#"(cartItemId\s*:\s*"?)\d+"#, self.line),
            (r#"(wishlistItemId\s*:\s*"?)\d+"#, self.wish),
            (r#"(productId\s*:\s*"?)\d+"#, self.product),
            (r#"(/api/shop/customer-orders/)\d+"#, self.order),
            (r#"(/api/shop/customer-invoices/)\d+"#, self.invoice),
            (r#"(/api/shop/customer-order-shipments/)\d+"#, self.shipment),
            (r#"((?:\border|customerOrder)\(id:\s*")\d+"#, self.order),
            (r#"(customerInvoice\(id:\s*")\d+"#, self.invoice),
            (r#"(customerOrderShipment\(id:\s*")\d+"#, self.shipment),
        ] {
            q = regex::Regex::new(pattern).unwrap().replace_all(&q, format!("${{1}}{id}")).into_owned();
        }
        q
    }

    /// The documented variables with the same ids replaced, in their documented type.
    fn in_variables(&self, value: &mut Value) {
        match value {
            Value::Object(fields) => {
                for (name, v) in fields.iter_mut() {
                    let id = match name.as_str() {
                        "orderId" => Some(self.order),
                        "cartItemId" => Some(self.line),
                        "wishlistItemId" => Some(self.wish),
                        "productId" => Some(self.product),
                        _ => None,
                    };
                    match (id, &*v) {
                        (Some(id), Value::Number(_)) => *v = json!(id),
                        (Some(id), Value::String(s)) if s.parse::<i64>().is_ok() => *v = json!(id.to_string()),
                        _ => self.in_variables(v),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.in_variables(v)),
            _ => {}
        }
    }
}

/// Our values in the type each variable is declared with (`$cartId: String!` takes `"7"`,
/// `$cartId: Int` takes `7`): the pages declare the same names with either.
fn typed_as_declared(query: &str, variables: &mut Map<String, Value>) {
    let Some(head) = query.split_once('{').map(|(head, _)| head) else { return };
    for declaration in head.split('$').skip(1) {
        let Some((name, rest)) = declaration.split_once(':') else { continue };
        let kind: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric()).collect();
        let Some(value) = variables.get_mut(name.trim()) else { continue };
        *value = match (kind.as_str(), &*value) {
            ("String" | "ID", Value::Number(n)) => json!(n.to_string()),
            ("Int", Value::String(s)) => s.parse::<i64>().map_or(value.clone(), |n| json!(n)),
            _ => continue,
        };
    }
}

#[tokio::test]
async fn the_documented_cart_and_checkout_examples_run() {
    let fixtures: Vec<Value> =
        serde_json::from_str(include_str!("../fixtures/graphql-shop-cart-checkout-examples.json")).unwrap();
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let cs = app.token("cs:orders:read cs:orders:write").await;
    let basic = app.admin_basic().await;
    // Every customer buys a shirt: enough stock for all of them.
    product_inventories::Entity::update_many()
        .col_expr(product_inventories::Column::Qty, Expr::value(100_000))
        .exec(app.db())
        .await
        .unwrap();
    let mut errors = Vec::new();
    let (mut ran, mut compared) = (0, 0);
    for (n, example) in fixtures.iter().enumerate() {
        let slug = example["example"].as_str().unwrap();
        let query = example["query"].as_str().unwrap();
        if root_fields(query).is_empty() {
            errors.push(format!("{slug}: not one runnable operation"));
            continue;
        }
        // Each example as its own customer, so that one example's changes do not meet another's.
        let (token, mut variables, ids) = customer_world(&app, &shop, n, &basic, &cs).await;
        let query = &ids.in_query(query);
        typed_as_declared(query, &mut variables);
        let mut documented = example["variables"].clone();
        ids.in_variables(&mut documented);
        if let Value::Object(documented) = documented {
            variables.extend(documented);
        }
        let answer = shop.graphql_as(&token, query, Value::Object(variables)).await;
        if answer.get("errors").is_some() {
            errors.push(format!("{slug}: {}", error(&answer)));
            continue;
        }
        ran += 1;
        let documented = &example["documentedResponse"]["data"];
        // A page whose documented answer has other root fields than its query (another
        // mutation's answer pasted under it) documents nothing about this query's keys.
        let roots = root_fields(query);
        let answers_this_query = documented.as_object().is_some_and(|d| d.keys().all(|k| roots.contains(k)));
        if answers_this_query {
            let mut differences = Vec::new();
            shape_differences(query, documented, &answer["data"], "data", &mut differences);
            assert!(differences.is_empty(), "{} {slug}: {differences:?}\n{}", example["page"], pretty(&answer));
            compared += 1;
        }
    }
    insta::assert_snapshot!(format!(
        "{} examples: ran {ran}, compared {compared}, failed {}:\n{}",
        fixtures.len(),
        errors.len(),
        errors.join("\n")
    ));
}
