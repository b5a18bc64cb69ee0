//! Concurrent writes: each request either applies whole or not at all, none fails because
//! another ran at the same time, and no decision is taken on a row another request is changing.
//! On PostgreSQL (a pool of connections, row locks) the fulfilment test fails (every time, over
//! its rounds) when `update_fulfilment` reads the order without its row lock. On SQLite (a pool
//! in WAL mode) write transactions take the database's write lock when they begin, and wait
//! for each other; reads go on beside them.

use std::sync::Arc;

use poem::{http::Method, test::TestClient};
use polyshop_entities::{order_payments, order_status_history, orders, product_inventories, products};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};
use tokio::sync::Barrier;

use crate::{
    community_store::{app_with_token, bearer},
    harness::{Ep, TestApp, status_json},
};

/// Sends `requests` (method, path, JSON body), all with the `Authorization` value `auth`, from
/// as many tasks released at once; `warm_up` is a cheap GET with the same credentials, sent
/// first so that every request finds a pool connection open and none waits for one to be made.
async fn at_once(
    app: &Arc<TestApp>,
    auth: &str,
    warm_up: &str,
    requests: Vec<(Method, String, Value)>,
) -> Vec<(u16, Value)> {
    for _ in 0..2 {
        futures::future::join_all((0..requests.len()).map(|_| app.get(warm_up).header("authorization", auth).send()))
            .await;
    }
    let barrier = Arc::new(Barrier::new(requests.len()));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(method, path, body)| {
            let (app, barrier, auth) = (app.clone(), barrier.clone(), auth.to_owned());
            tokio::spawn(async move {
                barrier.wait().await;
                let request = match method {
                    Method::PATCH => app.patch(&path),
                    Method::PUT => app.put(&path),
                    _ => app.post(&path),
                };
                status_json(request.header("authorization", auth).body_json(&body).send().await).await
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// The same `method` on `path` with each of `bodies`.
fn each(method: Method, path: &str, bodies: impl IntoIterator<Item = Value>) -> Vec<(Method, String, Value)> {
    bodies.into_iter().map(|body| (method.clone(), path.to_owned(), body)).collect()
}

/// A guest cart on storefront key `key`, taken through `steps` (path, JSON body), each
/// answered 201: ready to be placed. Its token.
/// Puts `qty` units of `product_id` in its first inventory source and none in the others.
async fn stock_in_first_source(app: &TestApp, product_id: i64, qty: i32) {
    let rows = product_inventories::Entity::find()
        .filter(product_inventories::Column::ProductId.eq(product_id))
        .all(app.db())
        .await
        .unwrap();
    for (i, row) in rows.into_iter().enumerate() {
        let mut row = row.into_active_model();
        row.qty = Set(if i == 0 { qty } else { 0 });
        row.update(app.db()).await.unwrap();
    }
}

/// The tokens of `guests` guest carts, each with one unit of `product_id`, an address (billing
/// names `<initial> <n>`), flat-rate shipping and cash on delivery: ready to be placed.
async fn guest_carts_buying(app: &TestApp, key: &str, product_id: i64, guests: i32, initial: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for n in 0..guests {
        let steps = vec![
            ("/api/shop/add-product-in-cart", json!({"productId": product_id})),
            (
                "/api/shop/checkout-addresses",
                json!({"billingFirstName": initial, "billingLastName": format!("{n}"),
                "billingEmail": format!("{}{n}@example.com", initial.to_lowercase()), "billingAddress": "1 Main St",
                "billingCity": "Austin", "billingCountry": "US", "billingPhoneNumber": "5550100", "useForShipping": true}),
            ),
            ("/api/shop/checkout-shipping-methods", json!({"shippingMethod": "flatrate_flatrate"})),
            ("/api/shop/checkout-payment-methods", json!({"paymentMethod": "cashondelivery"})),
        ];
        tokens.push(ready_guest_cart(app, key, steps).await);
    }
    tokens
}

async fn ready_guest_cart(app: &TestApp, key: &str, steps: Vec<(&str, Value)>) -> String {
    let send = |path: &str, token: Option<&str>, body: Value| {
        let mut req = app.post(path).header("X-STOREFRONT-KEY", key);
        if let Some(t) = token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        req.body_json(&body).send()
    };
    let (_, cart) = status_json(send("/api/shop/cart-tokens", None, json!({})).await).await;
    let token = cart["cartToken"].as_str().unwrap().to_owned();
    for (path, body) in steps {
        let (status, answer) = status_json(send(path, Some(&token), body).await).await;
        assert_eq!(status, 201, "{path}: {answer}");
        assert_ne!(answer["success"], false, "{path}: {answer}");
    }
    token
}

/// Places the carts of `tokens` at once (tasks released together), alternately through `app`
/// and `other`, two server processes on one database: each answer, in token order.
async fn place_at_once(
    app: &Arc<TestApp>,
    other: &Arc<TestClient<Ep>>,
    key: &str,
    tokens: Vec<String>,
) -> Vec<(u16, Value)> {
    let barrier = Arc::new(Barrier::new(tokens.len()));
    let tasks: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let (app, other, barrier, key) = (app.clone(), other.clone(), barrier.clone(), key.to_owned());
            tokio::spawn(async move {
                barrier.wait().await;
                let request = if n % 2 == 0 {
                    app.post("/api/shop/checkout-orders")
                } else {
                    other.post("/api/shop/checkout-orders")
                };
                let resp = request
                    .header("X-STOREFRONT-KEY", &key)
                    .header("Authorization", format!("Bearer {token}"))
                    .send()
                    .await;
                status_json(resp).await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_stock_updates_leave_one_consistent_row() {
    let (app, token) = app_with_token().await;
    let app = Arc::new(app);
    // Gift wrapping has no inventory row yet: every request races to create it.
    let bodies = (1..=16).map(|level| json!({"data": {"stock_level": level, "stock_unlimited": false}}));
    let requests = each(Method::PATCH, "/cs/api/v1/skus/GIFT-WRAP", bodies);
    for (status, body) in at_once(&app, &bearer(&token), "/cs/api/v1/config", requests).await {
        assert_eq!(status, 200, "{body}");
    }
    let product =
        products::Entity::find().filter(products::Column::Sku.eq("GIFT-WRAP")).one(app.db()).await.unwrap().unwrap();
    let rows = product_inventories::Entity::find()
        .filter(product_inventories::Column::ProductId.eq(product.id))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!((1..=16).contains(&rows[0].qty));
    assert!(product.manage_stock);
}

/// A paid order awaiting fulfilment, moved to `shipped` and to `processing` at the same moment by
/// many requests: in any serial order it ends `completed` (shipping a paid order completes it,
/// and nothing moves a completed order back). Each request decides the order's lifecycle status
/// from the status it read, so without the order's row lock a `processing` request that read
/// `pending` before a `shipped` one committed would write `processing` over `completed`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_fulfilment_updates_never_move_an_order_back() {
    let (app, token) = app_with_token().await;
    let app = Arc::new(app);
    // The race is lost only now and then: run it several times.
    for round in 0..6 {
        let order = orders::Entity::find_by_id(3).one(app.db()).await.unwrap().unwrap();
        let mut pending = order.into_active_model();
        pending.status = Set("pending".to_owned());
        pending.fulfilment_status = Set("incomplete".to_owned());
        pending.update(app.db()).await.unwrap();
        let payment = order_payments::Entity::find()
            .filter(order_payments::Column::OrderId.eq(3_i64))
            .one(app.db())
            .await
            .unwrap()
            .expect("order 3 has a payment");
        let mut paid = payment.into_active_model();
        paid.status = Set("paid".to_owned());
        paid.update(app.db()).await.unwrap();

        let bodies = (0..16)
            .map(|n| json!({"data": {"fulfilment": {"handle": if n % 2 == 0 { "processing" } else { "shipped" }}}}));
        let requests = each(Method::PATCH, "/cs/api/v1/orders/3", bodies);
        for (status, body) in at_once(&app, &bearer(&token), "/cs/api/v1/config", requests).await {
            assert_eq!(status, 200, "{body}");
        }
        let order = orders::Entity::find_by_id(3).one(app.db()).await.unwrap().unwrap();
        assert_eq!(order.status, "completed", "round {round}, fulfilment {}", order.fulfilment_status);
    }
}

/// Canceling an order returns its stock once, and records one change to canceled.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_cancels_return_stock_once() {
    let app = Arc::new(TestApp::new().await);
    let auth = app.admin_basic().await;
    let body = json!({"user_id": 1, "payment_id": 1, "shipping_id": 1, "products": {"1": {"amount": 3}}});
    let (status, placed) =
        status_json(app.post("/api/orders").header("authorization", &auth).body_json(&body).send().await).await;
    assert_eq!(status, 201, "{placed}");
    let id: i64 = placed["order_id"].as_str().unwrap().parse().unwrap();
    let before = app.stock(1).await;
    let requests = each(Method::PUT, &format!("/api/orders/{id}"), (0..16).map(|_| json!({"status": "I"})));
    for (status, body) in at_once(&app, &auth, "/api/stores/1", requests).await {
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(app.stock(1).await, before + 3, "the stock of the 3 units comes back once");
    let into_canceled = order_status_history::Entity::find()
        .filter(order_status_history::Column::OrderId.eq(id))
        .filter(order_status_history::Column::StatusCode.eq("I"))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .filter(|h| h.previous_status_code.as_deref() != Some("I"))
        .count();
    assert_eq!(into_canceled, 1, "one change from open to canceled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_orders_never_oversell() {
    let app = Arc::new(TestApp::new().await);
    let auth = app.admin_basic().await;
    // Leather Derby Shoes: 5 in stock; 16 customers try to buy one each at the same moment.
    let bodies = (1..=16)
        .map(|n| json!({"user_id": 1 + n % 10, "payment_id": 1, "shipping_id": 1, "products": {"4": {"amount": 1}}}));
    let answers = at_once(&app, &auth, "/api/stores/1", each(Method::POST, "/api/stores/1/orders", bodies)).await;
    let mut placed = 0;
    for (status, body) in answers {
        match status {
            201 => placed += 1,
            400 => assert!(body["message"].as_str().unwrap().contains("Not enough stock of DERBY-SHOES"), "{body}"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(placed, 5);
    assert_eq!(app.stock(4).await, 0);
    assert_eq!(orders::Entity::find().count(app.db()).await.unwrap(), 55);
}

/// Two stores may not share a storefront URL. The store service checks first, but requests
/// racing past that check meet the database's unique index: each answer is a 201, or a 400
/// naming the field (CS-Cart documents no 409), never a 500, and one store gets the URL.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_duplicates_meet_the_unique_index_as_a_conflict() {
    let app = Arc::new(TestApp::new().await);
    let auth = app.admin_basic().await;
    let bodies = (0..8).map(|n| json!({"company": format!("Racer {n}"), "storefront": "race.example.com"}));
    let answers = at_once(&app, &auth, "/api/stores/1", each(Method::POST, "/api/stores", bodies)).await;
    let mut created = 0;
    for (status, body) in answers {
        match status {
            201 => created += 1,
            400 => {
                let message = body["message"].as_str().unwrap();
                assert!(
                    message.contains("storefront: another store already uses")
                        || message.contains("`hostname`: this value is already taken"),
                    "{body}"
                );
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created, 1);
}

/// Two server processes on one database (on SQLite: two connections to one file, as two
/// `serve` processes are), each taking orders at the same moment: every answer is a 201 or
/// the documented out-of-stock 400, never a 500 "database is locked", and stock adds up.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_take_orders_at_once() {
    let app = Arc::new(TestApp::new().await);
    let auth = app.admin_basic().await;
    let other = Arc::new(app.another_process().await);
    let before = app.stock(1).await;
    let barrier = Arc::new(Barrier::new(20));
    let tasks: Vec<_> = (0..20)
        .map(|n| {
            let (app, other, barrier, auth) = (app.clone(), other.clone(), barrier.clone(), auth.clone());
            tokio::spawn(async move {
                let body =
                    json!({"user_id": 1 + n % 10, "payment_id": 1, "shipping_id": 1, "products": {"1": {"amount": 1}}});
                barrier.wait().await;
                let resp = if n % 2 == 0 {
                    app.post("/api/orders").header("authorization", &auth).body_json(&body).send().await
                } else {
                    other.post("/api/orders").header("authorization", &auth).body_json(&body).send().await
                };
                status_json(resp).await
            })
        })
        .collect();
    let mut placed = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 201, "{body}");
        placed += 1;
    }
    assert_eq!(app.stock(1).await, before - placed);
}

/// A read never queues behind a write: while a transaction holds the write lock, requests that
/// only read are answered (SQLite in WAL mode with a pool of readers; PostgreSQL's MVCC).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reads_are_answered_while_a_write_transaction_is_open() {
    let (app, token) = app_with_token().await;
    let writing = polyshop::db::begin_write(app.db()).await.unwrap();
    let stock = product_inventories::Entity::find().one(&writing).await.unwrap().unwrap();
    let mut row = stock.clone().into_active_model();
    row.qty = Set(stock.qty + 1);
    row.update(&writing).await.unwrap();
    let read = app.get("/cs/api/v1/orders").header("Authorization", bearer(&token)).send();
    // Seconds, not the 30 s a queued reader would wait for the busy timeout.
    let resp =
        tokio::time::timeout(std::time::Duration::from_secs(10), read).await.expect("the read waited for the writer");
    assert_eq!(resp.0.status(), 200);
    writing.rollback().await.unwrap();
}

/// The hot product: guests check out the last Derby shoes at once through two server
/// processes, 200 for 100 pairs on PostgreSQL (30 for the demo's 5 on SQLite, whose single
/// writer serialises them anyway). Exactly as many orders as pairs are placed; every other
/// checkout is the documented 422 and leaves its cart as it was; stock ends at 0, never below.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_checkouts_never_oversell() {
    let app = Arc::new(TestApp::new().await);
    let other = Arc::new(app.another_process().await);
    let key = app.shop().await.key;
    let derby =
        products::Entity::find().filter(products::Column::Sku.eq("DERBY-SHOES")).one(app.db()).await.unwrap().unwrap();
    assert_eq!(app.stock(derby.id).await, 5);
    let (guests, pairs) = if app.backend() == sea_orm::DbBackend::Postgres { (200, 100) } else { (30, 5) };
    if pairs != 5 {
        stock_in_first_source(&app, derby.id, pairs).await;
        assert_eq!(app.stock(derby.id).await, pairs);
    }
    let tokens = guest_carts_buying(&app, &key, derby.id, guests, "G").await;
    let derby_lines = || {
        polyshop_entities::order_items::Entity::find()
            .filter(polyshop_entities::order_items::Column::Sku.eq("DERBY-SHOES"))
            .count(app.db())
    };
    let lines_before = derby_lines().await.unwrap();
    let (mut placed, mut refused) = (0, 0);
    for (status, body) in place_at_once(&app, &other, &key, tokens).await {
        match status {
            201 => placed += 1,
            422 => {
                assert!(body["message"].as_str().unwrap().contains("Not enough stock of DERBY-SHOES"), "{body}");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((placed, refused), (pairs, guests - pairs));
    assert_eq!(app.stock(derby.id).await, 0);
    assert_eq!(derby_lines().await.unwrap(), lines_before + u64::try_from(pairs).unwrap());
    // The refused carts are still open, as they were.
    let open = polyshop_entities::carts::Entity::find().filter(polyshop_entities::carts::Column::IsActive.eq(true));
    assert_eq!(open.count(app.db()).await.unwrap(), u64::try_from(guests - pairs).unwrap());
}

/// A coupon's last uses: 10 guests holding `SAVE10`, limited to 3 orders, check out at once
/// through two server processes. Exactly 3 orders are placed, discounted; every other checkout
/// is a 422 naming the coupon, places nothing and leaves its cart open.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_coupons_last_uses_go_to_exactly_as_many_orders() {
    use polyshop_entities::cart_rule_coupons;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let app = Arc::new(TestApp::new().await);
    let other = Arc::new(app.another_process().await);
    let key = app.shop().await.key;
    let coupon = cart_rule_coupons::Entity::find()
        .filter(cart_rule_coupons::Column::Code.eq("SAVE10"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut limited = coupon.into_active_model();
    limited.usage_limit = Set(3);
    limited.update(app.db()).await.unwrap();
    let gift =
        products::Entity::find().filter(products::Column::Sku.eq("GIFT-WRAP")).one(app.db()).await.unwrap().unwrap();
    let mut tokens = Vec::new();
    for n in 0..10 {
        let steps = vec![
            ("/api/shop/add-product-in-cart", json!({"productId": gift.id})),
            ("/api/shop/apply-coupon", json!({"couponCode": "SAVE10"})),
            (
                "/api/shop/checkout-addresses",
                json!({"billingFirstName": "C", "billingLastName": format!("{n}"),
                "billingEmail": format!("c{n}@example.com"), "billingAddress": "1 Main St", "billingCity": "Austin",
                "billingCountry": "US", "billingPhoneNumber": "5550100"}),
            ),
            ("/api/shop/checkout-payment-methods", json!({"paymentMethod": "cashondelivery"})),
        ];
        tokens.push(ready_guest_cart(&app, &key, steps).await);
    }
    let (mut placed, mut refused) = (0, 0);
    for (status, body) in place_at_once(&app, &other, &key, tokens).await {
        match status {
            201 => placed += 1,
            422 => {
                assert!(
                    body["message"].as_str().unwrap().contains("The coupon `SAVE10` can no longer be used"),
                    "{body}"
                );
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((placed, refused), (3, 7));
    let discounted =
        orders::Entity::find().filter(orders::Column::CouponCode.eq("SAVE10")).count(app.db()).await.unwrap();
    assert_eq!(discounted, 3);
    let coupon = cart_rule_coupons::Entity::find()
        .filter(cart_rule_coupons::Column::Code.eq("SAVE10"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(coupon.times_used, 3);
}

/// A slot's last places: 12 guests book the sewing workshop's Monday 09:00 session (6 places)
/// at once through two server processes. Exactly 6 orders are placed; every other checkout is
/// a 422 saying the slot is full, places nothing and leaves its cart open.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_slots_last_places_go_to_exactly_as_many_orders() {
    let app = Arc::new(TestApp::new().await);
    let other = Arc::new(app.another_process().await);
    let key = app.shop().await.key;
    let workshop = products::Entity::find()
        .filter(products::Column::Sku.eq("SEWING-WORKSHOP"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let booking = json!({"type": "default", "date": "2026-11-02", "slot": "09:00 AM - 11:00 AM"});
    let mut tokens = Vec::new();
    for n in 0..12 {
        let steps = vec![
            ("/api/shop/add-product-in-cart", json!({"productId": workshop.id, "booking": booking})),
            (
                "/api/shop/checkout-addresses",
                json!({"billingFirstName": "G", "billingLastName": format!("{n}"),
                "billingEmail": format!("g{n}@example.com"), "billingAddress": "1 Main St", "billingCity": "Phoenix",
                "billingCountry": "US", "billingPhoneNumber": "5550100", "useForShipping": true}),
            ),
            ("/api/shop/checkout-payment-methods", json!({"paymentMethod": "cashondelivery"})),
        ];
        tokens.push(ready_guest_cart(&app, &key, steps).await);
    }
    let (mut placed, mut refused) = (0, 0);
    for (status, body) in place_at_once(&app, &other, &key, tokens).await {
        match status {
            201 => placed += 1,
            422 => {
                let message = body["message"].as_str().unwrap();
                assert!(
                    message.contains("The requested quantity is not available")
                        || message.contains("Selected slot is not available"),
                    "{body}"
                );
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((placed, refused), (6, 6));
    let held = polyshop_entities::bookings::Entity::find().count(app.db()).await.unwrap();
    assert_eq!(held, 6);
    let open = polyshop_entities::carts::Entity::find().filter(polyshop_entities::carts::Column::IsActive.eq(true));
    assert_eq!(open.count(app.db()).await.unwrap(), 6);
}

/// `polyshop serve` processes of their own on the test's database, killed when dropped.
struct Servers(Vec<(std::process::Child, u16)>);

impl Servers {
    fn start(app: &TestApp, count: usize) -> Servers {
        use std::process::{Command, Stdio};
        let servers = (0..count)
            .map(|_| {
                let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
                let child = Command::new(env!("CARGO_BIN_EXE_polyshop"))
                    .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
                    .env("DATABASE_URL", app.database_url())
                    .env("POLYSHOP_LOG", "warn")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("start a server process");
                (child, port)
            })
            .collect();
        Servers(servers)
    }

    /// Waits until every server answers `/readyz` with 200.
    async fn ready(&self) {
        let started = std::time::Instant::now();
        for (_, port) in &self.0 {
            loop {
                if let Ok((200, _)) = http(*port, "GET", "/readyz", &[], "").await {
                    break;
                }
                assert!(started.elapsed() < std::time::Duration::from_secs(60), "a server did not start");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        for (child, _) in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One HTTP/1.1 request to a server process: its status and body text.
async fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(head.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, text))
}

/// The test, over real processes: the carts of many guests placed at once through two
/// `polyshop serve` processes (each with its own connection pool and in-process caches) on one
/// database sell exactly the stock, never more. On PostgreSQL 200 guests and 100 units; on
/// SQLite, whose writers queue on the file lock, 30 and 5.
#[tokio::test]
async fn checkouts_through_two_server_processes_never_oversell() {
    let app = TestApp::new().await;
    // The server processes run on the real clock: the carts are made now, not on the test's day.
    app.clock.advance(chrono::Utc::now() - crate::harness::test_now());
    let key = app.shop().await.key;
    let derby =
        products::Entity::find().filter(products::Column::Sku.eq("DERBY-SHOES")).one(app.db()).await.unwrap().unwrap();
    let (guests, pairs) = if app.backend() == sea_orm::DbBackend::Postgres { (200, 100) } else { (30, 5) };
    let derby_lines = || {
        polyshop_entities::order_items::Entity::find()
            .filter(polyshop_entities::order_items::Column::Sku.eq("DERBY-SHOES"))
            .count(app.db())
    };
    let lines_before = derby_lines().await.unwrap();
    stock_in_first_source(&app, derby.id, pairs).await;
    let tokens = guest_carts_buying(&app, &key, derby.id, guests, "P").await;
    let servers = Servers::start(&app, 2);
    servers.ready().await;
    let ports: Vec<u16> = servers.0.iter().map(|(_, port)| *port).collect();
    let barrier = Arc::new(Barrier::new(tokens.len()));
    let tasks: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let (barrier, key, port) = (barrier.clone(), key.clone(), ports[n % 2]);
            tokio::spawn(async move {
                barrier.wait().await;
                let auth = format!("Bearer {token}");
                let headers = [("X-STOREFRONT-KEY", key.as_str()), ("Authorization", auth.as_str())];
                http(port, "POST", "/api/shop/checkout-orders", &headers, "{}").await.expect("an answer")
            })
        })
        .collect();
    let (mut placed, mut refused) = (0, 0);
    for task in tasks {
        let (status, text) = task.await.unwrap();
        match status {
            201 => placed += 1,
            422 if text.contains("Not enough stock of DERBY-SHOES") => refused += 1,
            _ => panic!("{text}"),
        }
    }
    drop(servers);
    assert_eq!((placed, refused), (pairs, guests - pairs));
    assert_eq!(app.stock(derby.id).await, 0);
    assert_eq!(derby_lines().await.unwrap(), lines_before + u64::try_from(pairs).unwrap());
    let open = polyshop_entities::carts::Entity::find().filter(polyshop_entities::carts::Column::IsActive.eq(true));
    assert_eq!(open.count(app.db()).await.unwrap(), u64::try_from(guests - pairs).unwrap());
}
