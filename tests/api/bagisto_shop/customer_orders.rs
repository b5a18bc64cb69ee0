//! The customer's orders, invoices and shipments over the shop REST API: only their own,
//! cancelling, and an order placed through the cart and fulfilled through the Community Store
//! API as the customer then sees it.

use polyshop_entities::{invoice_items, invoices, order_items, orders, shipments};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{PASSWORD, demo_customer, fulfil, ids, invoice_and_ship, paging, place_order};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

async fn get(shop: &Shop<'_>, token: &str, path: &str) -> (u16, Value) {
    status_json(shop.get(path).header("Authorization", format!("Bearer {token}")).send().await).await
}

#[tokio::test]
async fn customers_read_their_own_orders_invoices_and_shipments() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // Liam's demo orders are completed: invoiced, shipped and delivered.
    let (joe, token) = demo_customer(&app, &shop, "liam.obrien@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let his: Vec<orders::Model> = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(joe))
        .order_by_desc(orders::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    let resp = shop
        .get("/api/shop/customer-orders?per_page=2")
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await;
    let total = his.len().to_string();
    assert_eq!(paging(&resp)[0], total);
    let (status, list) = status_json(resp).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&list), his.iter().take(2).map(|o| o.id).collect::<Vec<_>>(), "newest first");
    insta::assert_snapshot!("order_list_row", pretty(&list[0]));
    // Filter by status; unknown sort keys fall back to newest first.
    let (_, pending) = get(&shop, &token, "/api/shop/customer-orders?status=pending").await;
    assert!(pending.as_array().unwrap().iter().all(|o| o["status"] == "pending"));
    let (_, by_total) = get(&shop, &token, "/api/shop/customer-orders?sort=grandTotal&per_page=50").await;
    let totals: Vec<f64> = by_total.as_array().unwrap().iter().map(|o| o["baseGrandTotal"].as_f64().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");
    let (status, _) = get(&shop, &token, "/api/shop/customer-orders?sort=bogus").await;
    assert_eq!(status, 200);

    // One order in full, with an invoice and a shipment.
    let order_id = his[0].id;
    let (invoice_id, shipment_id) = invoice_and_ship(&app, &his[0]).await;
    let (status, order) = get(&shop, &token, &format!("/api/shop/customer-orders/{order_id}")).await;
    assert_eq!(status, 200, "{order}");
    insta::assert_snapshot!("order_detail", pretty(&order));
    assert!(!order["shipments"].as_array().unwrap().is_empty());
    // Maria sees none of it.
    let (status, body) = get(&shop, &maria, &format!("/api/shop/customer-orders/{order_id}")).await;
    assert_eq!((status, body), (404, json!({"message": format!("Customer order with ID \"{order_id}\" not found.")})));

    // Invoices: the list, one, one line; Maria's view of them is empty or 404.
    let invoice = invoices::Entity::find_by_id(invoice_id).one(app.db()).await.unwrap().unwrap();
    let (_, list) = get(&shop, &token, &format!("/api/shop/customer-invoices?orderId={order_id}")).await;
    assert_eq!(ids(&list), [invoice.id]);
    let (status, one) = get(&shop, &token, &format!("/api/shop/customer-invoices/{}", invoice.id)).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!("invoice", pretty(&one));
    let line = one["items"][0].as_str().unwrap().to_owned();
    let (status, item) = get(&shop, &token, &line).await;
    assert_eq!((status, item["invoiceId"].clone()), (200, json!(invoice.id)));
    assert_eq!(get(&shop, &maria, &format!("/api/shop/customer-invoices/{}", invoice.id)).await.0, 404);
    assert_eq!(get(&shop, &maria, &line).await.0, 404);
    let (_, none) = get(&shop, &maria, &format!("/api/shop/customer-invoices?orderId={order_id}")).await;
    assert_eq!(none, json!([]));

    // The invoice as a PDF, at its downloadUrl: the numbers, the line and the totals in it.
    let url = one["downloadUrl"].as_str().unwrap();
    let path = format!("/api/shop/customer-invoices/{}/pdf", invoice.id);
    assert!(url.ends_with(&path), "{url}");
    let resp = shop.get(&path).header("Authorization", format!("Bearer {token}")).send().await;
    resp.assert_status_is_ok();
    resp.assert_content_type("application/pdf");
    resp.assert_header("content-disposition", format!("attachment; filename=\"invoice-{}.pdf\"", invoice.id));
    let pdf = resp.0.into_body().into_vec().await.unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.starts_with("%PDF-"));
    let line = invoice_items::Entity::find()
        .filter(invoice_items::Column::InvoiceId.eq(invoice.id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    for shown in [
        format!("(Invoice #{})", invoice.increment_id),
        format!("(#{})", his[0].increment_id),
        format!("({})", line.sku),
        format!("(${:.2})", invoice.grand_total.value()),
        "(Bill to)".to_owned(),
    ] {
        assert!(text.contains(&shown), "{shown} missing from the PDF");
    }
    let (status, body) = get(&shop, &maria, &path).await;
    assert_eq!(
        (status, body),
        (404, json!({"message": format!("Customer invoice with ID \"{}\" not found.", invoice.id)}))
    );
    assert_eq!(shop.get(&path).send().await.0.status(), 401);

    // Shipments and their lines.
    let shipment = shipments::Entity::find_by_id(shipment_id).one(app.db()).await.unwrap().unwrap();
    let (_, list) = get(&shop, &token, &format!("/api/shop/customer-order-shipments?orderId={order_id}")).await;
    assert_eq!(ids(&list), [shipment.id]);
    let (status, one) = get(&shop, &token, &format!("/api/shop/customer-order-shipments/{}", shipment.id)).await;
    assert_eq!((status, one["shippingNumber"].clone()), (200, json!(format!("#{}", shipment.id))));
    insta::assert_snapshot!("shipment", pretty(&one));
    let (_, lines) =
        get(&shop, &token, &format!("/api/shop/customer-order-shipment-items?shipmentId={}", shipment.id)).await;
    let line_id = lines[0]["id"].as_i64().unwrap();
    assert_eq!(get(&shop, &token, &format!("/api/shop/customer-order-shipment-items/{line_id}")).await.0, 200);
    assert_eq!(get(&shop, &maria, &format!("/api/shop/customer-order-shipments/{}", shipment.id)).await.0, 404);
    assert_eq!(get(&shop, &maria, &format!("/api/shop/customer-order-shipment-items/{line_id}")).await.0, 404);
    // Without a token: 401.
    assert_eq!(shop.get("/api/shop/customer-orders").send().await.0.status(), 401);
}

#[tokio::test]
async fn customers_cancel_orders_not_yet_invoiced_or_shipped() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (joe, token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    // Joe's demo orders are pending, Liam's completed.
    let mine = orders::Entity::find().filter(orders::Column::CustomerId.eq(joe)).all(app.db()).await.unwrap();
    let pending = mine.iter().find(|o| o.status == "pending").expect("a pending order");
    let (liam_id, liam) = demo_customer(&app, &shop, "liam.obrien@example.com").await;
    let completed = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(liam_id))
        .filter(orders::Column::Status.eq("completed"))
        .one(app.db())
        .await
        .unwrap()
        .expect("a completed order");
    let cancel = |token: &str, id: i64| {
        shop.post("/api/shop/cancel-order")
            .header("Authorization", format!("Bearer {token}"))
            .body_json(&json!({"orderId": id}))
            .send()
    };
    // Maria cannot cancel Joe's order.
    let (status, _) = status_json(cancel(&maria, pending.id).await).await;
    assert_eq!(status, 404);
    let lines =
        order_items::Entity::find().filter(order_items::Column::OrderId.eq(pending.id)).all(app.db()).await.unwrap();
    let product = lines.iter().find_map(|l| l.product_id).unwrap();
    let stock = app.stock(product).await;
    let (status, body) = status_json(cancel(&token, pending.id).await).await;
    assert_eq!(
        (status, body),
        (
            201,
            json!({"id": pending.id, "orderId": pending.id, "status": "canceled", "success": true, "message": "Order has been canceled successfully"})
        )
    );
    let qty: i32 = lines.iter().filter(|l| l.product_id == Some(product)).map(|l| l.qty_ordered).sum();
    assert_eq!(app.stock(product).await, stock + qty, "the stock returns");
    let (_, order) = get(&shop, &token, &format!("/api/shop/customer-orders/{}", pending.id)).await;
    assert_eq!(order["status"], "canceled");
    assert!(order["items"].as_array().unwrap().iter().all(|i| i["qtyCanceled"] == i["qtyOrdered"]));
    // Twice, or a completed order: 422.
    assert_eq!(status_json(cancel(&token, pending.id).await).await.0, 422);
    let (status, body) = status_json(cancel(&liam, completed.id).await).await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn an_order_placed_in_the_shop_is_fulfilled_through_community_store() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Fay", "fay@example.com", PASSWORD).await;
    let auth = format!("Bearer {token}");
    let oxford = polyshop_entities::products::Entity::find()
        .filter(polyshop_entities::products::Column::Sku.eq("OXF-SHIRT"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id;
    let placed = place_order(&shop, &auth, oxford, 1, "Fay", "fay@example.com").await;
    let order_id = placed["order"]["id"].as_i64().unwrap();
    // A fulfilment integration ships it through the Community Store API.
    let cs = app.token("cs:orders:read cs:orders:write").await;
    fulfil(&app, &cs, order_id, json!({"handle":"shipped","tracking_id":"1Z999"})).await;
    let (status, order) = get(&shop, &token, &format!("/api/shop/customer-orders/{order_id}")).await;
    assert_eq!(status, 200);
    assert_eq!((order["shippingStatus"].clone(), order["cartId"].clone()), (json!("shipped"), placed["id"].clone()));
    assert_eq!(order["customerEmail"], "fay@example.com");
    let (_, list) = get(&shop, &token, "/api/shop/customer-orders").await;
    assert_eq!(ids(&list), [order_id]);

    // The shipment shows in the customer's shipments, with the tracking number and the line.
    let (status, shipments) =
        get(&shop, &token, &format!("/api/shop/customer-order-shipments?orderId={order_id}")).await;
    assert_eq!(status, 200, "{shipments}");
    let shipment = &shipments[0];
    assert_eq!(
        (shipment["trackNumber"].clone(), shipment["carrierTitle"].clone(), shipment["totalQty"].clone()),
        (json!("1Z999"), json!("Flat Rate"), json!(1)),
        "{shipments}"
    );
    assert_eq!(shipment["items"][0]["sku"], "OXF-SHIRT");
    let (_, order) = get(&shop, &token, &format!("/api/shop/customer-orders/{order_id}")).await;
    assert_eq!(order["items"][0]["qtyShipped"], 1);
    // Shipping it again ships nothing more; a new tracking number goes onto the shipment.
    fulfil(&app, &cs, order_id, json!({"handle":"delivered","tracking_code":"1Z1000"})).await;
    let (_, shipments) = get(&shop, &token, &format!("/api/shop/customer-order-shipments?orderId={order_id}")).await;
    assert_eq!(shipments.as_array().unwrap().len(), 1);
    assert_eq!(shipments[0]["trackNumber"], "1Z1000");

    // Paid through CS-Cart (status P): the customer's invoice, for the whole order, once.
    let admin = app.admin_basic().await;
    for _ in 0..2 {
        let resp = app
            .put(&format!("/api/orders/{order_id}"))
            .header("authorization", &admin)
            .body_json(&json!({"status": "P"}))
            .send()
            .await;
        assert_eq!(resp.0.status(), 200);
    }
    let (status, invoices) = get(&shop, &token, &format!("/api/shop/customer-invoices?orderId={order_id}")).await;
    assert_eq!(status, 200, "{invoices}");
    assert_eq!(invoices.as_array().unwrap().len(), 1, "{invoices}");
    assert_eq!(invoices[0]["grandTotal"], order["grandTotal"], "{invoices}");
    let (_, order) = get(&shop, &token, &format!("/api/shop/customer-orders/{order_id}")).await;
    assert_eq!(
        (order["items"][0]["qtyInvoiced"].clone(), order["grandTotalInvoiced"].clone()),
        (json!(1), order["grandTotal"].clone())
    );
}

#[tokio::test]
async fn customers_reorder_their_own_orders() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (joe, token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let (_, maria) = demo_customer(&app, &shop, "maria.garcia@example.com").await;
    let order = orders::Entity::find().filter(orders::Column::CustomerId.eq(joe)).one(app.db()).await.unwrap().unwrap();
    let reorder = |token: &str, body: Value| {
        shop.post("/api/shop/reorder").header("Authorization", format!("Bearer {token}")).body_json(&body).send()
    };
    let (status, body) = status_json(reorder(&maria, json!({"orderId": order.id})).await).await;
    assert_eq!((status, body["message"].as_str()), (404, Some(format!("Order not found (ID: {})", order.id).as_str())));
    assert_eq!(status_json(reorder(&token, json!({})).await).await.0, 400);
    let (status, body) = status_json(reorder(&token, json!({"order_id": order.id})).await).await;
    assert_eq!(
        (status, body["success"].as_bool(), body["orderId"].as_i64()),
        (201, Some(true), Some(order.id)),
        "{body}"
    );
    let added = body["itemsAddedCount"].as_i64().unwrap();
    assert!(added > 0);
    let (_, cart) = get(&shop, &token, "/api/shop/cart").await;
    assert_eq!(cart["itemsCount"].as_i64(), Some(added));
}

/// The round trip for a guest: an order placed as a guest through the Bagisto checkout
/// is the one core order; a fulfilment integration reads and ships it through the Community
/// Store API, CS-Cart lists it shipped, and on the Bagisto side the guest is mailed that it
/// shipped (with the tracking number), as Bagisto mails a new shipment, and files a withdrawal
/// for it by number and email.
#[tokio::test]
async fn a_guest_order_is_shipped_through_community_store_and_the_guest_told() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let created = crate::harness::json(shop.post("/api/shop/cart-tokens").send().await).await;
    let auth = format!("Bearer {}", created["cartToken"].as_str().unwrap());
    let oxford = super::support::product_id(&app, "OXF-SHIRT").await;
    let placed = place_order(&shop, &auth, oxford, 2, "Gail", "Gail@Example.com").await;
    let order_id = placed["order"]["id"].as_i64().unwrap();
    let number = orders::Entity::find_by_id(order_id).one(app.db()).await.unwrap().unwrap().increment_id;

    // The fulfilment integration reads the guest order and ships it.
    let cs = app.token("cs:orders:read cs:orders:write").await;
    let (status, read) = status_json(
        app.get(&format!("/cs/api/v1/orders/{order_id}")).header("authorization", format!("Bearer {cs}")).send().await,
    )
    .await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["data"]["customer"]["email"].as_str().map(str::to_lowercase).as_deref(), Some("gail@example.com"));
    fulfil(&app, &cs, order_id, json!({"handle":"shipped","tracking_id":"1Z777"})).await;

    // CS-Cart lists it shipped, with the tracking number.
    let basic = app.admin_basic().await;
    let (_, cs_cart) =
        status_json(app.get(&format!("/api/orders/{order_id}")).header("authorization", &basic).send().await).await;
    assert_eq!(
        (cs_cart["need_shipment"].as_bool(), cs_cart["shipping"][0]["tracking_number"].as_str()),
        (Some(false), Some("1Z777")),
        "{cs_cart}"
    );
    // The shipment exists, notified; the guest is mailed at the order's address.
    let shipment = shipments::Entity::find().filter(shipments::Column::OrderId.eq(order_id)).one(app.db()).await;
    let shipment = shipment.unwrap().expect("a shipment");
    assert_eq!((shipment.total_qty, shipment.track_number.as_deref(), shipment.email_sent), (2, Some("1Z777"), true));
    let mails = polyshop_entities::mail_outbox::Entity::find()
        .filter(polyshop_entities::mail_outbox::Column::Kind.eq("order_shipped"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to_address, "gail@example.com");
    assert_eq!(mails[0].subject, format!("Your order #{number} has shipped"));
    assert!(mails[0].body_text.contains("Tracking number: 1Z777."), "{}", mails[0].body_text);
    // Shipping again with nothing left mails nothing more.
    fulfil(&app, &cs, order_id, json!({"handle":"shipped","tracking_id":"1Z777"})).await;
    let again = polyshop_entities::mail_outbox::Entity::find()
        .filter(polyshop_entities::mail_outbox::Column::Kind.eq("order_shipped"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(again.len(), 1);

    // The guest files a withdrawal for it by its number and email, on the Bagisto API.
    let (status, filed) = status_json(
        shop.post("/api/shop/eu-withdrawals/guest")
            .body_json(&json!({"orderIncrementId": number, "email": "gail@example.com", "reasonText": "Too big."}))
            .send()
            .await,
    )
    .await;
    assert_eq!((status, filed["orderId"].as_i64(), filed["isGuest"].as_bool()), (201, Some(order_id), Some(true)));
}
