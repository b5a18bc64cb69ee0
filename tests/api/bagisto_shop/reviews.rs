//! Product reviews over REST (per-product lists with their filters and sorts, single reviews)
//! and GraphQL (`productReviews`, the legacy `review`/`reviews`).

use polyshop_entities::product_reviews;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use super::support::{disable_product, ids, paging};
use crate::{
    harness::{TestApp, json as body_json, status_json},
    pretty,
};

/// The four pagination headers of a list response.
#[tokio::test]
async fn lists_the_approved_reviews_of_a_product_newest_first() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/products/1/reviews").send().await;
    resp.assert_status_is_ok();
    assert_eq!(paging(&resp), ["2", "1", "10", "1"].map(String::from));
    let body = body_json(resp).await;
    // Of OXF-SHIRT's four reviews, only the two approved ones, the newest (June 5) first.
    assert_eq!(ids(&body), [2, 1]);
    insta::assert_snapshot!(pretty(&body));

    // Pages of one; past the end an empty page; sizes clamped into 1..50.
    let resp = shop.get("/api/shop/products/1/reviews?per_page=1&page=2").send().await;
    assert_eq!(paging(&resp), ["2", "2", "1", "2"].map(String::from));
    assert_eq!(ids(&body_json(resp).await), [1]);
    let resp = shop.get("/api/shop/products/1/reviews?page=3").send().await;
    assert_eq!(paging(&resp), ["2", "3", "10", "1"].map(String::from));
    assert_eq!(body_json(resp).await, json!([]));
    let resp = shop.get("/api/shop/products/1/reviews?per_page=500&page=0").send().await;
    assert_eq!(paging(&resp), ["2", "1", "50", "1"].map(String::from));

    // A product without reviews has an empty list; an unknown or disabled product has none.
    let resp = shop.get("/api/shop/products/2/reviews").send().await;
    assert_eq!(paging(&resp), ["0", "1", "10", "0"].map(String::from));
    assert_eq!(body_json(resp).await, json!([]));
    let (status, body) = status_json(shop.get("/api/shop/products/999/reviews").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Product with ID \"999\" not found."})));
    let (status, body) = status_json(shop.get("/api/shop/products/13/reviews").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Product with ID \"13\" not found."})));
    assert_eq!(shop.get("/api/shop/products/abc/reviews").send().await.0.status(), 404);
}

#[tokio::test]
async fn filters_reviews_by_status_and_rating() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // A storefront key is public: unmoderated reviews (review 3 pending, 4 rejected) are not
    // shown, whatever the filter asks (DECISIONS BS-PRIV).
    for status in ["rejected", "pending"] {
        let resp = shop.get(&format!("/api/shop/products/1/reviews?status={status}")).send().await;
        assert_eq!(paging(&resp), ["0", "1", "10", "0"].map(String::from), "{status}");
        assert_eq!(body_json(resp).await, json!([]), "{status}");
    }
    let body = body_json(shop.get("/api/shop/products/1/reviews?status=approved").send().await).await;
    assert_eq!(ids(&body), [2, 1]);
    let (status, body) = status_json(shop.get("/api/shop/products/1/reviews?status=disapproved").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("status"), "{body}");

    // Rating: exact stars, combined with the status.
    let resp = shop.get("/api/shop/products/1/reviews?rating=4").send().await;
    assert_eq!(paging(&resp), ["1", "1", "10", "1"].map(String::from));
    assert_eq!(ids(&body_json(resp).await), [2]);
    let body = body_json(shop.get("/api/shop/products/1/reviews?rating=2").send().await).await;
    assert_eq!(body, json!([]), "review 3 has 2 stars but is pending");
    let body = body_json(shop.get("/api/shop/products/1/reviews?rating=2&status=pending").send().await).await;
    assert_eq!(body, json!([]));
    for bad in ["0", "6", "five"] {
        let (status, body) =
            status_json(shop.get(&format!("/api/shop/products/1/reviews?rating={bad}")).send().await).await;
        assert_eq!(status, 400, "rating={bad}");
        assert!(body["message"].as_str().unwrap().contains("rating"), "{body}");
    }
}

#[tokio::test]
async fn sorts_reviews_newest_oldest_most_helpful_or_best_rated() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // CLASSIC-TEE: review 5 (5 stars, June 12), review 6 (3 stars, June 14, one helpful vote).
    let sorted = |sort: &'static str| {
        let shop = &shop;
        async move { ids(&body_json(shop.get(&format!("/api/shop/products/17/reviews?sort={sort}")).send().await).await) }
    };
    assert_eq!(ids(&body_json(shop.get("/api/shop/products/17/reviews").send().await).await), [6, 5]);
    assert_eq!(sorted("latest").await, [6, 5]);
    assert_eq!(sorted("oldest").await, [5, 6]);
    assert_eq!(sorted("rating").await, [5, 6]);
    assert_eq!(sorted("helpful").await, [6, 5]);
    // More helpful votes on the older review put it first.
    product_reviews::Entity::update_many()
        .col_expr(product_reviews::Column::Helpful, Expr::value(9))
        .filter(product_reviews::Column::Id.eq(5))
        .exec(app.db())
        .await
        .unwrap();
    assert_eq!(sorted("helpful").await, [5, 6]);
    // Equal votes: the newest first.
    product_reviews::Entity::update_many()
        .col_expr(product_reviews::Column::Helpful, Expr::value(9))
        .filter(product_reviews::Column::Id.eq(6))
        .exec(app.db())
        .await
        .unwrap();
    assert_eq!(sorted("helpful").await, [6, 5]);
    let (status, body) = status_json(shop.get("/api/shop/products/17/reviews?sort=best").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("sort"), "{body}");
}

#[tokio::test]
async fn gets_an_approved_review_without_personal_data() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/reviews/1").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none(), "single resources send no pagination headers");
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&body));
    // A customer's review: the name is shown, the email and customer id are not.
    assert_eq!(
        (body["authorName"].clone(), body["authorEmail"].clone(), body["customerId"].clone()),
        (json!("Joe Smith"), Value::Null, Value::Null)
    );
    // Unmoderated reviews are not found through a storefront key.
    for id in [3, 4] {
        let (status, body) = status_json(shop.get(&format!("/api/shop/reviews/{id}")).send().await).await;
        assert_eq!((status, body), (404, json!({"message": format!("Review with ID \"{id}\" not found.")})));
    }
    let (_, body) = status_json(shop.get("/api/shop/reviews/8").send().await).await;
    assert_eq!(
        (body["title"].clone(), body["customerId"].clone(), body["authorEmail"].clone()),
        (json!("Élégantes"), Value::Null, Value::Null)
    );
    let (status, body) = status_json(shop.get("/api/shop/reviews/99").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Review with ID \"99\" not found."})));

    // The reviews of a disabled product are hidden everywhere.
    disable_product(&app, 1).await;
    let (status, body) = status_json(shop.get("/api/shop/reviews/1").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Review with ID \"1\" not found."})));
    assert_eq!(shop.get("/api/shop/products/1/reviews").send().await.0.status(), 404);
    let data = shop.data("{ productReviews { totalCount } }", json!({})).await;
    assert_eq!(data["productReviews"]["totalCount"], 7);
}

#[tokio::test]
async fn review_lists_cost_the_same_whatever_their_size() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // The key's first request also records its use: keep it out of the counts.
    shop.get("/api/shop/locales").send().await.assert_status_is_ok();
    let mut counts = Vec::new();
    for path in ["/api/shop/products/1/reviews?per_page=1", "/api/shop/products/1/reviews?per_page=50"] {
        app.reset_query_count();
        shop.get(path).send().await.assert_status_is_ok();
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
    eprintln!("review list queries: {counts:?}");
    let query = "query($n: Int) { productReviews(first: $n) { edges { node { _id attachments } } } }";
    let mut counts = Vec::new();
    for n in [1, 9] {
        app.reset_query_count();
        let data = shop.data(query, json!({"n": n})).await;
        assert_eq!(data["productReviews"]["edges"].as_array().unwrap().len(), n);
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
    eprintln!("productReviews queries: {counts:?}");
}

#[tokio::test]
async fn graphql_product_reviews_are_the_approved_ones() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = "query($productId: Int, $status: String, $rating: Int, $first: Int, $after: String) { \
        productReviews(product_id: $productId, status: $status, rating: $rating, first: $first, after: $after) { \
        edges { cursor node { id _id name customerName title rating comment status attachments createdAt updatedAt } } \
        pageInfo { hasNextPage endCursor } totalCount } }";
    let data = shop.data(query, json!({"productId": 1})).await;
    insta::assert_snapshot!(pretty(&data));

    // Every approved review of an enabled product, by id.
    let node_ids = |data: &Value| -> Vec<i64> {
        data["productReviews"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["_id"].as_i64().unwrap()).collect()
    };
    let data = shop.data(query, json!({})).await;
    assert_eq!(node_ids(&data), [1, 2, 5, 6, 7, 8, 9, 10, 12]);
    assert_eq!(data["productReviews"]["totalCount"], 9);
    let data = shop.data(query, json!({"first": 2, "after": "MQ=="})).await;
    assert_eq!(node_ids(&data), [5, 6]);
    assert_eq!(data["productReviews"]["pageInfo"], json!({"hasNextPage": true, "endCursor": "Mw=="}));
    let data = shop.data(query, json!({"rating": 5, "status": "approved"})).await;
    assert_eq!(node_ids(&data), [1, 5, 7, 9, 12]);
    // Only approved reviews are public: other states give an empty page.
    for status in ["pending", "rejected", "disapproved"] {
        let data = shop.data(query, json!({"status": status, "productId": 1})).await;
        assert_eq!(data["productReviews"]["totalCount"], 0, "{status}");
    }
    let data = shop.data(query, json!({"productId": 999})).await;
    assert_eq!(data["productReviews"]["totalCount"], 0);
    let answer = shop.graphql(query, json!({"rating": 6})).await;
    assert_eq!(
        answer["errors"][0]["message"],
        "Argument \"rating\" on field \"productReviews\" must be between 1 and 5, not 6"
    );
    let answer = shop.graphql(query, json!({"first": 101})).await;
    assert_eq!(
        answer["errors"][0]["message"],
        "Argument \"first\" on field \"productReviews\" must be between 1 and 100"
    );
}

#[tokio::test]
async fn graphql_legacy_review_queries() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let data = shop
        .data(
            "query($productId: String!, $first: Int!) { reviews(productId: $productId, first: $first) { \
             pageInfo { hasNextPage endCursor } edges { node { id _id title rating comment customerName email \
             status createdAt productId } } totalCount } }",
            json!({"productId": "1", "first": 10}),
        )
        .await;
    insta::assert_snapshot!(pretty(&data));

    // By id when approved, as over REST (BS-PRIV: pending and rejected reviews are the admin's);
    // by IRI or number; null when unknown.
    let data = shop
        .data(
            r#"{ a: review(id: "/api/shop/reviews/3") { _id status }
                 b: review(id: "4") { status } c: review(id: "99") { _id } d: review(id: "abc") { _id }
                 e: review(id: "/api/shop/reviews/1") { _id status email productId } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({
            "a": null, "b": null, "c": null, "d": null,
            "e": {"_id": 1, "status": "approved", "email": null, "productId": 1}
        })
    );
    // The product id may be an IRI; without one, every approved review.
    let data = shop
        .data(
            r#"{ a: reviews(productId: "/api/shop/products/17") { totalCount } b: reviews { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data, json!({"a": {"totalCount": 2}, "b": {"totalCount": 9}}));
    let answer = shop.graphql(r#"{ reviews(productId: "shirt") { totalCount } }"#, json!({})).await;
    assert_eq!(
        answer["errors"][0]["message"],
        "Argument \"productId\" on field \"reviews\" is not a product id: \"shirt\""
    );
}

#[tokio::test]
async fn product_reviews_load_for_a_whole_page_of_products() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let data = shop
        .data(
            r#"{ product(id: "/api/shop/products/1") { reviews { totalCount edges { node { _id status } } }
                 approvedReviews(first: 1) { totalCount edges { node { _id attachments } } pageInfo { hasNextPage } } } }"#,
            json!({}),
        )
        .await;
    // Approved reviews only, in `reviews` as in `approvedReviews` (a storefront key is public).
    assert_eq!(
        data["product"]["reviews"],
        json!({"totalCount": 2, "edges": [
            {"node": {"_id": 1, "status": "approved"}}, {"node": {"_id": 2, "status": "approved"}}
        ]})
    );
    assert_eq!(data["product"]["approvedReviews"]["totalCount"], 2);
    assert_eq!(data["product"]["approvedReviews"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(
        data["product"]["approvedReviews"]["edges"][0]["node"]["attachments"],
        json!([{"type": "image", "url": "http://localhost:8080/storage/review/1/photo.jpg"}])
    );

    // The reviews of a page of products cost the same few queries whatever the page size: the
    // extra cost of selecting them does not grow with the number of products.
    let cost = |n: usize, with_reviews: bool| {
        let shop = &shop;
        let app = &app;
        async move {
            let nested = if with_reviews { "reviews { totalCount } approvedReviews { totalCount }" } else { "" };
            let query = format!("{{ products(first: {n}) {{ edges {{ node {{ _id {nested} }} }} }} }}");
            shop.data(&query, json!({})).await; // the cards are kept: count a warm page
            app.reset_query_count();
            let data = shop.data(&query, json!({})).await;
            assert_eq!(data["products"]["edges"].as_array().unwrap().len(), n);
            app.query_count()
        }
    };
    cost(1, false).await; // the key's first use is recorded once
    let small = cost(2, true).await - cost(2, false).await;
    let large = cost(20, true).await - cost(20, false).await;
    eprintln!("Product.reviews extra queries: {small}, {large}");
    assert_eq!(small, large, "extra queries for the reviews of 2 and of 20 products");
    assert!(large <= 3, "{large} queries for the reviews of a page");
}

/// Customers write, edit and delete their own reviews; new and edited reviews wait for
/// moderation; another customer's review is theirs alone.
#[tokio::test]
async fn customers_write_edit_and_delete_their_own_reviews() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Rita", "rita@example.com", "s3cret-pass").await;
    let (_, other) = shop.register("Sam", "sam@example.com", "s3cret-pass").await;
    let auth = format!("Bearer {token}");
    macro_rules! send {
        ($req:expr, $auth:expr, $body:expr) => {
            $req.header("Authorization", $auth.to_owned()).body_json(&$body).send()
        };
    }
    let review = json!({"title": "Lovely", "comment": "Soft fabric, true to size.", "rating": 4});
    let (status, written) =
        status_json(send!(shop.post("/api/shop/products/1/reviews"), &auth, review.clone()).await).await;
    assert_eq!(status, 201, "{written}");
    assert_eq!((written["status"].clone(), written["authorName"].clone()), (json!("pending"), json!("Rita Tester")));
    let id = written["id"].as_i64().unwrap();
    // Pending: not listed, not readable by id in the shop; listed among the customer's own.
    let listed = body_json(shop.get("/api/shop/products/1/reviews").send().await).await;
    assert!(!ids(&listed).contains(&id));
    let resp = shop.get("/api/shop/customer-reviews").header("Authorization", &auth).send().await;
    let (status, mine) = status_json(resp).await;
    assert_eq!((status, ids(&mine)), (200, vec![id]));
    let resp = shop.get("/api/shop/customer-reviews?status=approved").header("Authorization", &auth).send().await;
    assert_eq!(body_json(resp).await, json!([]));
    // Upstream's form, product in the body.
    let (status, _) = status_json(
        send!(
            shop.post("/api/shop/reviews"),
            &auth,
            json!({"productId": 2, "title": "Nice", "comment": "A fine linen shirt.", "rating": 5, "name": "R."})
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);
    // Rules: a short comment, a bad rating, an unknown product.
    let (status, body) = status_json(
        send!(shop.post("/api/shop/products/1/reviews"), &auth, json!({"title": "x", "comment": "short", "rating": 3}))
            .await,
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = status_json(
        send!(
            shop.post("/api/shop/products/1/reviews"),
            &auth,
            json!({"title": "x", "comment": "long enough text", "rating": 6})
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) =
        status_json(send!(shop.post("/api/shop/products/9999/reviews"), &auth, review.clone()).await).await;
    assert_eq!(status, 404);
    assert_eq!(shop.post("/api/shop/products/1/reviews").body_json(&review).send().await.0.status(), 401);

    // Once approved, an edit sends it back to moderation.
    product_reviews::Entity::update_many()
        .col_expr(product_reviews::Column::Status, Expr::value("approved"))
        .filter(product_reviews::Column::Id.eq(id))
        .exec(app.db())
        .await
        .unwrap();
    let path = format!("/api/shop/reviews/{id}");
    let (status, edited) = status_json(send!(shop.put(&path), &auth, json!({"rating": 5})).await).await;
    assert_eq!((status, edited["rating"].clone(), edited["status"].clone()), (200, json!(5), json!("pending")));
    assert_eq!(edited["title"], "Lovely");
    let (status, _) = status_json(
        send!(app.patch(&path).header("X-STOREFRONT-KEY", &shop.key), &auth, json!({"title": "Lovely shirt"})).await,
    )
    .await;
    assert_eq!(status, 200);
    // Another customer: 403 to edit or delete, 404 among their own.
    let other_auth = format!("Bearer {other}");
    let (status, body) = status_json(send!(shop.put(&path), &other_auth, json!({"rating": 1})).await).await;
    assert_eq!((status, body), (403, json!({"message": "This action is unauthorized."})));
    let resp = shop.delete(&path).header("Authorization", &other_auth).send().await;
    assert_eq!(resp.0.status(), 403);
    let resp = shop.get(&format!("/api/shop/customer-reviews/{id}")).header("Authorization", &other_auth).send().await;
    assert_eq!(resp.0.status(), 404);
    let resp = shop.get(&format!("/api/shop/customer-reviews/{id}")).header("Authorization", &auth).send().await;
    assert_eq!(body_json(resp).await["title"], "Lovely shirt");
    // The author deletes it.
    let (status, body) = status_json(shop.delete(&path).header("Authorization", &auth).send().await).await;
    assert_eq!((status, body), (200, json!({"success": true, "message": "Review deleted successfully"})));
    assert!(product_reviews::Entity::find_by_id(id).one(app.db()).await.unwrap().is_none());
}

#[tokio::test]
async fn lists_approved_reviews_across_products_as_upstream() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let approved = product_reviews::Entity::find()
        .filter(product_reviews::Column::Status.eq("approved"))
        .all(app.db())
        .await
        .unwrap();
    let resp = shop.get("/api/shop/reviews").send().await;
    resp.assert_status_is_ok();
    let total = approved.len().to_string();
    assert_eq!(paging(&resp), [total.as_str(), "1", "30", "1"].map(String::from));
    let all = body_json(resp).await;
    assert!(all.as_array().unwrap().iter().all(|r| r["status"] == "approved"), "{all}");
    // One product's, by stars; `limit` is the page size too; other states: nothing.
    let resp = shop.get("/api/shop/reviews?product_id=1").send().await;
    assert_eq!(ids(&body_json(resp).await), [2, 1]);
    let resp = shop.get("/api/shop/reviews?product_id=1&limit=1").send().await;
    assert_eq!(paging(&resp), ["2", "1", "1", "2"].map(String::from));
    let one_star = approved.iter().filter(|r| r.rating == 5).count();
    let resp = shop.get("/api/shop/reviews?rating=5&per_page=50").send().await;
    assert_eq!(body_json(resp).await.as_array().unwrap().len(), one_star);
    let (status, body) = status_json(shop.get("/api/shop/reviews?status=pending").send().await).await;
    assert_eq!((status, body), (200, json!([])));
}
