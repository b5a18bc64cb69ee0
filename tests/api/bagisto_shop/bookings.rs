//! Booking products in the cart and the order (shop REST and GraphQL): a slot, a rental's days
//! or hours, an event's tickets, a table with its note; each checked against the schedule and
//! what placed orders hold, and freed again when the order is cancelled.
//!
//! The demo (channel timezone America/Phoenix; the test clock is Sunday 2026-11-01, 05:00
//! there): the sewing workshop (60.00, booking 5: weekdays 09:00-17:00 in 2-hour sessions, 6
//! places), the styling appointment (45.00, booking 1: weekdays 10:00-17:00, 45 minutes, one
//! client), the fashion show (25.00, booking 2: Standard tickets +25.00, 200; VIP +80.00, on
//! sale at +70.00, 20), the tailoring studio (15.00, booking 3: 90.00 a day or 15.00 an hour,
//! 09:00-18:00) and the rooftop bistro (10.00 a guest, booking 4).

use sea_orm::EntityTrait;
use serde_json::{Value, json};

use super::support::{PASSWORD, check_out, post, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

const ADD: &str = "/api/shop/add-product-in-cart";

async fn add(shop: &Shop<'_>, token: &str, body: Value) -> (u16, Value) {
    post(shop, token, ADD, body).await
}

fn message(answer: &Value) -> String {
    answer["message"].as_str().unwrap_or_default().to_owned()
}

/// The `from` times of the workshop's slots on Monday 2026-11-02, with the places left.
async fn workshop_slots(shop: &Shop<'_>) -> Vec<(String, i64)> {
    let (status, slots) = status_json(shop.get("/api/shop/booking-slots?id=5&date=2026-11-02").send().await).await;
    assert_eq!(status, 200, "{slots}");
    let places = |s: &Value| s["qty"].as_str().and_then(|q| q.parse().ok()).unwrap_or(0);
    slots.as_array().unwrap().iter().map(|s| (s["from"].as_str().unwrap().to_owned(), places(s))).collect()
}

#[tokio::test]
async fn slots_are_booked_up_to_their_places_and_freed_by_cancelling() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let workshop = product_id(&app, "SEWING-WORKSHOP").await;
    let booking = |slot: &str| json!({"type": "default", "date": "2026-11-02", "slot": slot});

    // What a slot needs, and what it refuses.
    let cases = [
        (json!({"productId": workshop}), 422, "Options are missing for this product."),
        (json!({"productId": workshop, "booking": {"date": "2026-11-02"}}), 422, "slot is required"),
        (
            json!({"productId": workshop, "booking": booking("10:00 AM - 12:00 PM")}),
            400,
            "Selected slot is not available for the given date.",
        ),
        (
            json!({"productId": workshop, "booking": {"date": "2026-11-01", "slot": "09:00 AM - 11:00 AM"}}),
            400,
            "Selected slot is not available for the given date.",
        ),
        (
            json!({"productId": workshop, "quantity": 7, "booking": booking("09:00 AM - 11:00 AM")}),
            400,
            "The requested quantity is not available, please try again later.",
        ),
        (
            json!({"productId": product_id(&app, "OXF-SHIRT").await, "booking": booking("09:00 AM - 11:00 AM")}),
            422,
            "product OXF-SHIRT is not a booking product",
        ),
    ];
    for (body, status, want) in cases {
        let (got, answer) = add(&shop, &token, body.clone()).await;
        assert_eq!((got, message(&answer)), (status, want.to_owned()), "{body}");
    }

    // Four places of the 09:00 session, as its label and as Unix times: one line.
    let (status, cart) =
        add(&shop, &token, json!({"productId": workshop, "quantity": 4, "booking": booking("09:00 AM - 11:00 AM")}))
            .await;
    assert_eq!(status, 201, "{cart}");
    let slot = cart["items"][0]["options"].clone();
    insta::assert_snapshot!("workshop_line_options", pretty(&slot));
    let (_, slots) = status_json(shop.get("/api/shop/booking-slots?id=5&date=2026-11-02").send().await).await;
    let unix = slots[0]["timestamp"].as_str().unwrap().to_owned();
    let (_, cart) = add(&shop, &token, json!({"productId": workshop, "booking": booking(&unix)})).await;
    assert_eq!(
        (cart["items"].as_array().unwrap().len(), cart["items"][0]["quantity"].as_i64()),
        (1, Some(5)),
        "{cart}"
    );
    assert_eq!(cart["items"][0]["formattedTotal"], "$300.00");
    assert_eq!(cart["items"][0]["canChangeQty"], true);

    let order = check_out(&shop, &token, None).await;
    assert_eq!(workshop_slots(&shop).await[0], ("09:00 AM".into(), 1));
    // Another customer finds one place left.
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let (status, answer) =
        add(&shop, &other, json!({"productId": workshop, "quantity": 2, "booking": booking("09:00 AM - 11:00 AM")}))
            .await;
    assert_eq!(
        (status, message(&answer)),
        (400, "The requested quantity is not available, please try again later.".into())
    );
    // Cancelling the order frees the places.
    let (status, answer) = post(&shop, &token, "/api/shop/cancel-order", json!({"orderId": order})).await;
    assert!(matches!(status, 200 | 201), "{answer}");
    assert_eq!(workshop_slots(&shop).await[0], ("09:00 AM".into(), 6));
    let (status, answer) =
        add(&shop, &other, json!({"productId": workshop, "quantity": 6, "booking": booking("09:00 AM - 11:00 AM")}))
            .await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn appointments_and_tickets_keep_their_quantity() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let (styling, show) = (product_id(&app, "PERSONAL-STYLING").await, product_id(&app, "FASHION-SHOW").await);

    // One client per appointment.
    let appointment = json!({"type": "appointment", "date": "2026-11-02", "slot": "10:00 AM - 10:45 AM"});
    let (status, cart) = add(&shop, &token, json!({"productId": styling, "booking": appointment})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(
        (cart["items"][0]["formattedPrice"].as_str(), cart["items"][0]["canChangeQty"].as_bool()),
        (Some("$45.00"), Some(false))
    );
    let line = cart["items"][0]["id"].as_i64().unwrap();
    let (status, answer) =
        post(&shop, &token, "/api/shop/update-cart-item", json!({"cartItemId": line, "quantity": 2})).await;
    assert_eq!((status, message(&answer)), (400, "Appointment booking product quantity cannot be changed.".into()));

    // Tickets: a line each, the product's price plus the ticket's (the VIP one on sale).
    let (status, answer) =
        add(&shop, &token, json!({"productId": show, "booking": {"type": "event", "qty": {"1": 0, "2": 0}}})).await;
    assert_eq!((status, message(&answer)), (422, "Select at least one ticket quantity for event booking.".into()));
    let (status, answer) =
        add(&shop, &token, json!({"productId": show, "booking": {"type": "event", "qty": {"2": 21}}})).await;
    assert_eq!((status, message(&answer)), (400, "Only 20 \"VIP\" tickets are available.".into()));
    let (status, answer) =
        add(&shop, &token, json!({"productId": show, "booking": {"type": "event", "qty": {"1": -1}}})).await;
    assert_eq!((status, message(&answer)), (400, "Event ticket quantity must be a non-negative number.".into()));
    let (status, cart) =
        add(&shop, &token, json!({"productId": show, "booking": {"type": "event", "qty": {"1": 2, "2": 1}}})).await;
    assert_eq!(status, 201, "{cart}");
    let tickets: Vec<(Value, Value, Value)> = cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["productId"] == show)
        .map(|i| (i["quantity"].clone(), i["formattedPrice"].clone(), i["options"][2]["option_label"].clone()))
        .collect();
    assert_eq!(tickets, [(json!(2), json!("$50.00"), json!("Standard")), (json!(1), json!("$95.00"), json!("VIP"))]);
    let vip = cart["items"].as_array().unwrap().iter().find(|i| i["formattedPrice"] == "$95.00").unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, answer) =
        post(&shop, &token, "/api/shop/update-cart-item", json!({"cartItemId": vip, "quantity": 3})).await;
    assert_eq!(
        (status, message(&answer)),
        (400, "Event booking product quantity cannot be changed. Quantity is determined by ticket selection.".into())
    );

    // The appointment is taken once ordered.
    check_out(&shop, &token, None).await;
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let (status, answer) = add(&shop, &other, json!({"productId": styling, "booking": appointment})).await;
    assert_eq!((status, message(&answer)), (400, "Selected slot is not available for the given date.".into()));
}

#[tokio::test]
async fn rentals_by_the_day_or_the_hour_and_tables_with_their_note() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let (studio, bistro) = (product_id(&app, "TAILORING-STUDIO").await, product_id(&app, "ROOFTOP-BISTRO").await);

    // Two days, both counted: 15.00 + 2 × 90.00. Two hours: 15.00 + 2 × 15.00.
    let days = json!({"type": "rental", "renting_type": "daily", "date_from": "2026-11-03", "date_to": "2026-11-04"});
    let (status, cart) = add(&shop, &token, json!({"productId": studio, "booking": days})).await;
    assert_eq!((status, cart["items"][0]["formattedPrice"].clone()), (201, json!("$195.00")), "{cart}");
    insta::assert_snapshot!("daily_rental_options", pretty(&cart["items"][0]["options"]));
    let hours = |slot: &str| json!({"type": "rental", "renting_type": "hourly", "date": "2026-11-05", "slot": slot});
    let (status, cart) =
        add(&shop, &token, json!({"productId": studio, "booking": hours("10:00 AM - 12:00 PM")})).await;
    assert_eq!((status, cart["items"][1]["formattedPrice"].clone()), (201, json!("$45.00")), "{cart}");
    let refusals = [
        (hours("10:00 AM - 10:30 AM"), "Select a slot duration of at least one hour."),
        (hours("05:00 PM - 07:00 PM"), "This rental product is not available for the selected dates."),
        (
            json!({"renting_type": "daily", "date_from": "2026-11-04", "date_to": "2026-11-03"}),
            "This rental product is not available for the selected dates.",
        ),
    ];
    for (booking, want) in refusals {
        let (status, answer) = add(&shop, &token, json!({"productId": studio, "booking": booking})).await;
        assert!(matches!(status, 400 | 422) && message(&answer) == want, "{booking}: {status} {answer}");
    }
    check_out(&shop, &token, None).await;
    // The studio is rented those days: an hour on one of them overlaps.
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let overlap = json!({"renting_type": "hourly", "date": "2026-11-04", "slot": "09:00 AM - 10:00 AM"});
    let (status, answer) = add(&shop, &other, json!({"productId": studio, "booking": overlap})).await;
    assert_eq!(
        (status, message(&answer)),
        (400, "This rental product is not available for the selected dates.".into())
    );

    // A table needs its note (booking.note, bookingNote or specialNote); 10.00 a guest.
    let table = json!({"type": "table", "date": "2026-11-02", "slot": "12:00 PM - 01:30 PM"});
    let (status, answer) = add(&shop, &other, json!({"productId": bistro, "quantity": 4, "booking": table})).await;
    assert_eq!((status, message(&answer)), (422, "booking.note is required for table booking.".into()));
    let (status, cart) =
        add(&shop, &other, json!({"productId": bistro, "quantity": 4, "booking": table, "specialNote": "Window seat"}))
            .await;
    assert_eq!((status, cart["items"][0]["formattedTotal"].clone()), (201, json!("$40.00")), "{cart}");
    assert_eq!(
        cart["items"][0]["options"][2],
        json!({"option_id": 0, "option_label": "Window seat", "attribute_name": "Special Request/Notes"})
    );
}

#[tokio::test]
async fn graphql_books_from_json_text() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let add = "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { \
        items { edges { node { productId quantity price canChangeQty options } } } } } }";
    let input = json!({"productId": product_id(&app, "FASHION-SHOW").await, "booking": "{\"type\":\"event\",\"qty\":{\"1\":2}}"});
    let answer = shop.graphql_as(&token, add, json!({"input": input})).await;
    let node = &answer["data"]["createAddProductInCart"]["addProductInCart"]["items"]["edges"][0]["node"];
    assert_eq!(
        (node["quantity"].clone(), node["price"].clone(), node["canChangeQty"].clone()),
        (json!(2), json!("50"), json!(false)),
        "{answer}"
    );
    let table = json!({"productId": product_id(&app, "ROOFTOP-BISTRO").await,
        "booking": "{\"type\":\"table\",\"date\":\"2026-11-02\",\"slot\":\"12:00 PM - 01:30 PM\"}"});
    let answer = shop.graphql_as(&token, add, json!({"input": table})).await;
    assert_eq!(answer["errors"][0]["message"], "booking.note is required for table booking.", "{answer}");
    let bad = json!({"productId": product_id(&app, "ROOFTOP-BISTRO").await, "booking": "[1]"});
    let answer = shop.graphql_as(&token, add, json!({"input": bad})).await;
    assert_eq!(answer["errors"][0]["message"], "Invalid \"booking\" JSON string. Expected an object.", "{answer}");
}

#[tokio::test]
async fn one_order_cannot_overbook_and_any_cancellation_frees_places() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let (bistro, workshop) = (product_id(&app, "ROOFTOP-BISTRO").await, product_id(&app, "SEWING-WORKSHOP").await);

    // Two lines of the same table slot (8 places), 5 guests each: each fits alone, not together.
    let table = json!({"type": "table", "date": "2026-11-02", "slot": "12:00 PM - 01:30 PM"});
    for note in ["Window", "Terrace"] {
        let (status, cart) =
            add(&shop, &token, json!({"productId": bistro, "quantity": 5, "booking": table, "specialNote": note}))
                .await;
        assert_eq!(status, 201, "{cart}");
    }
    let address = json!({"billingFirstName": "Bo", "billingLastName": "B", "billingEmail": "bo@example.com",
        "billingAddress": "1 Main St", "billingCity": "Phoenix", "billingState": "AZ", "billingCountry": "US",
        "billingPostcode": "85001", "billingPhoneNumber": "5550100", "useForShipping": true});
    assert_eq!(post(&shop, &token, "/api/shop/checkout-addresses", address).await.0, 201);
    assert_eq!(
        post(&shop, &token, "/api/shop/checkout-payment-methods", json!({"paymentMethod": "moneytransfer"})).await.0,
        201
    );
    let (status, answer) = post(&shop, &token, "/api/shop/checkout-orders", json!({})).await;
    assert_eq!(
        (status, message(&answer)),
        (422, "The requested quantity is not available, please try again later.".into())
    );
    assert_eq!(polyshop_entities::bookings::Entity::find().all(app.db()).await.unwrap().len(), 0);

    // A quantity change is checked at the new quantity.
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let session = json!({"date": "2026-11-02", "slot": "09:00 AM - 11:00 AM"});
    let (_, cart) = add(&shop, &other, json!({"productId": workshop, "quantity": 4, "booking": session})).await;
    let line = cart["items"][0]["id"].as_i64().unwrap();
    let (status, answer) =
        post(&shop, &other, "/api/shop/update-cart-item", json!({"cartItemId": line, "quantity": 7})).await;
    assert_eq!(
        (status, message(&answer)),
        (422, "The requested quantity is not available, please try again later.".into())
    );

    // Cancelled through CS-Cart (status I), the order's places return.
    let (status, _) =
        post(&shop, &other, "/api/shop/update-cart-item", json!({"cartItemId": line, "quantity": 6})).await;
    assert_eq!(status, 201);
    let order = check_out(&shop, &other, None).await;
    assert_eq!(workshop_slots(&shop).await[0], ("11:30 AM".into(), 6), "the 09:00 session is full");
    let admin = app.admin_basic().await;
    let resp = app
        .put(&format!("/api/orders/{order}"))
        .header("authorization", &admin)
        .body_json(&json!({"status": "I"}))
        .send()
        .await;
    assert_eq!(resp.0.status(), 200);
    assert_eq!(workshop_slots(&shop).await[0], ("09:00 AM".into(), 6));
}

#[tokio::test]
async fn cs_cart_edits_keep_picks_options_and_bookings() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Bo", "bo@example.com", PASSWORD).await;
    let (workshop, gift_box, belt) = (
        product_id(&app, "SEWING-WORKSHOP").await,
        product_id(&app, "GIFT-BOX").await,
        product_id(&app, "LEATHER-BELT").await,
    );
    let cap = product_id(&app, "BASEBALL-CAP").await;
    // The whole 09:00 session, a gift box with three caps, a belt with its engraving.
    let session = json!({"date": "2026-11-02", "slot": "09:00 AM - 11:00 AM"});
    for body in [
        json!({"productId": workshop, "quantity": 6, "booking": session}),
        json!({"productId": gift_box, "bundleOptions": {"1": [2], "2": [3], "3": [4]}, "bundleOptionQty": {"1": 3}}),
        json!({"productId": belt, "customizableOptions": {"1": ["BO"]}}),
    ] {
        let (status, cart) = add(&shop, &token, body).await;
        assert_eq!(status, 201, "{cart}");
    }
    let order = check_out(&shop, &token, Some("flatrate_flatrate")).await;
    let caps = app.stock(cap).await;
    let lines = |app: &TestApp| {
        let db = app.db().clone();
        async move {
            use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
            polyshop_entities::order_items::Entity::find()
                .filter(polyshop_entities::order_items::Column::OrderId.eq(order))
                .filter(polyshop_entities::order_items::Column::ParentId.is_null())
                .order_by_asc(polyshop_entities::order_items::Column::Id)
                .all(&db)
                .await
                .unwrap()
        }
    };
    let sold = lines(&app).await;
    let item = |sku: &str| sold.iter().find(|l| l.sku == sku).unwrap().id.to_string();

    // CS-Cart sends ids and amounts only: the workshop line by its item id, the others by any key.
    let products = json!({
        item("SEWING-WORKSHOP"): {"product_id": workshop, "amount": 6},
        "a": {"product_id": gift_box, "amount": 2},
        "b": {"product_id": belt, "amount": 1},
    });
    let admin = app.admin_basic().await;
    let (status, answer) = status_json(
        app.put(&format!("/api/orders/{order}"))
            .header("authorization", &admin)
            .body_json(&json!({"products": products}))
            .send()
            .await,
    )
    .await;
    assert_eq!(status, 200, "{answer}");

    // Each line is priced as sold: the session's own places count for it, the box with its
    // picks (twice now), the belt with its engraving.
    let prices: Vec<_> = lines(&app)
        .await
        .iter()
        .map(|l| (l.sku.clone(), l.qty_ordered, l.price.value().normalize().to_string()))
        .collect();
    assert_eq!(
        prices,
        [
            ("SEWING-WORKSHOP".to_owned(), 6, "60".to_owned()),
            ("GIFT-BOX".to_owned(), 2, "93.48".to_owned()),
            ("LEATHER-BELT".to_owned(), 1, "44".to_owned()),
        ]
    );
    assert_eq!(app.stock(cap).await, caps - 3, "three more caps for the second box");
    let booked = polyshop_entities::bookings::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(booked.iter().map(|b| b.qty).collect::<Vec<_>>(), [6], "one booking, still the whole session");
    assert_ne!(workshop_slots(&shop).await[0].0, "09:00 AM", "the 09:00 session stays full");
}

#[tokio::test]
async fn a_rental_counts_its_busiest_moment_not_every_overlap() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let studio = product_id(&app, "TAILORING-STUDIO").await;
    // Two studios to rent (the demo has one).
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    polyshop_entities::booking_products::Entity::update_many()
        .col_expr(polyshop_entities::booking_products::Column::Qty, Expr::value(2))
        .filter(polyshop_entities::booking_products::Column::ProductId.eq(studio))
        .exec(app.db())
        .await
        .unwrap();
    app.catalog_changed().await;
    let days = |from: &str, to: &str| json!({"renting_type": "daily", "date_from": from, "date_to": to});
    let rent = async |who: &str, booking: Value| {
        let (_, token) = shop.register(who, &format!("{}@example.com", who.to_lowercase()), PASSWORD).await;
        let (status, answer) = add(&shop, &token, json!({"productId": studio, "booking": booking})).await;
        (status, answer, token)
    };
    // The 3rd and the 5th, rented by two customers: they never meet.
    for (who, day) in [("Ann", "2026-11-03"), ("Ben", "2026-11-05")] {
        let (status, answer, token) = rent(who, days(day, day)).await;
        assert_eq!(status, 201, "{answer}");
        check_out(&shop, &token, None).await;
    }
    // The 3rd to the 5th meets each of them alone: one studio is free throughout.
    let (status, answer, token) = rent("Cat", days("2026-11-03", "2026-11-05")).await;
    assert_eq!(status, 201, "{answer}");
    check_out(&shop, &token, None).await;
    // Now the 3rd has both studios taken (Ann's and Cat's).
    let (status, answer, _) = rent("Dan", days("2026-11-02", "2026-11-03")).await;
    assert_eq!(
        (status, message(&answer)),
        (400, "This rental product is not available for the selected dates.".into())
    );
    let (status, answer, _) = rent("Eve", days("2026-11-06", "2026-11-07")).await;
    assert_eq!(status, 201, "{answer}");
}
