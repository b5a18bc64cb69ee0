//! Downloadable products bought and downloaded (shop REST and GraphQL): the links chosen in
//! the cart and priced with the product, the purchased links an order leaves, pending until the
//! order is paid (here through CS-Cart), counted per download up to what was bought, expired
//! by cancelling, and never visible to another customer.

use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, check_out, error, get, post, product_id, shape_differences};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

/// The ids of the e-book's links: (PDF edition, 5 downloads; audiobook, a URL, unlimited).
async fn ebook_links(shop: &Shop<'_>, ebook: i64) -> (i64, i64) {
    let (_, links) =
        status_json(shop.get(&format!("/api/shop/products/{ebook}/downloadable-links")).send().await).await;
    let id = |kind: &str| links.as_array().unwrap().iter().find(|l| l["type"] == kind).unwrap()["id"].as_i64().unwrap();
    (id("file"), id("url"))
}

/// Dana's unpaid order of the e-book with both its links: her token, the order's id and the
/// ids of the two purchased links (PDF edition, audiobook).
async fn ebook_order(app: &TestApp, shop: &Shop<'_>) -> (String, i64, i64, i64) {
    let (_, token) = shop.register("Dana", "dana@example.com", PASSWORD).await;
    let ebook = product_id(app, "STYLE-GUIDE-EBOOK").await;
    let (pdf, audio) = ebook_links(shop, ebook).await;
    post(shop, &token, "/api/shop/add-product-in-cart", json!({"productId": ebook, "links": [pdf, audio]})).await;
    let order_id = check_out(shop, &token, None).await;
    let (_, bought) = get(shop, &token, "/api/shop/customer-downloadable-products").await;
    let id_of =
        |name: &str| bought.as_array().unwrap().iter().find(|b| b["name"] == name).unwrap()["id"].as_i64().unwrap();
    let (pdf_bought, audio_bought) = (id_of("PDF edition"), id_of("Audiobook"));
    (token, order_id, pdf_bought, audio_bought)
}

/// Pays the order through CS-Cart ("P", processed): its links become available.
async fn pay(app: &TestApp, order_id: i64) {
    let auth = app.admin_basic().await;
    let resp = app
        .put(&format!("/api/orders/{order_id}"))
        .header("authorization", &auth)
        .body_json(&json!({"status": "P"}))
        .send()
        .await;
    assert_eq!(resp.0.status().as_u16(), 200);
}

async fn download(shop: &Shop<'_>, token: &str, id: i64) -> poem::test::TestResponse {
    shop.get(&format!("/api/shop/customer-downloadable-products/{id}/download"))
        .header("Authorization", bearer(token))
        .send()
        .await
}

#[tokio::test]
async fn chosen_links_are_priced_with_the_product_and_bought_with_the_order() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Dana", "dana@example.com", PASSWORD).await;
    let ebook = product_id(&app, "STYLE-GUIDE-EBOOK").await;
    let (pdf, audio) = ebook_links(&shop, ebook).await;
    let add = "/api/shop/add-product-in-cart";

    // A downloadable product needs at least one of its own links.
    let (status, refused) = post(&shop, &token, add, json!({"productId": ebook, "quantity": 1})).await;
    assert_eq!(
        (status, refused["message"].as_str()),
        (422, Some("choose at least one download link of product STYLE-GUIDE-EBOOK"))
    );
    let (status, refused) = post(&shop, &token, add, json!({"productId": ebook, "links": [pdf, 999_999]})).await;
    assert_eq!(
        (status, refused["message"].as_str()),
        (422, Some("999999 is not a download link of product STYLE-GUIDE-EBOOK"))
    );
    let shirt = product_id(&app, "OXF-SHIRT").await;
    let (status, refused) = post(&shop, &token, add, json!({"productId": shirt, "links": [pdf]})).await;
    assert_eq!((status, refused["message"].as_str()), (422, Some("product OXF-SHIRT is not downloadable")));

    // 12.00 for the book, 9.00 for the PDF, 14.00 for the audiobook: 35.00 a copy. The same
    // links in another order are the same line; other links make another.
    let (status, cart) = post(&shop, &token, add, json!({"productId": ebook, "links": [audio, pdf]})).await;
    assert_eq!(status, 201, "{cart}");
    post(&shop, &token, add, json!({"productId": ebook, "links": [pdf, audio], "quantity": 1})).await;
    let (_, cart) = post(&shop, &token, add, json!({"productId": ebook, "links": [pdf]})).await;
    let lines = cart["items"].as_array().unwrap();
    assert_eq!(lines.len(), 2, "{cart}");
    assert_eq!((lines[0]["quantity"].as_i64(), lines[0]["price"].as_f64()), (Some(2), Some(35.0)));
    assert_eq!((lines[1]["quantity"].as_i64(), lines[1]["price"].as_f64()), (Some(1), Some(21.0)));
    let options: Vec<(&str, &str)> = lines[0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["attribute_name"].as_str().unwrap(), o["option_label"].as_str().unwrap()))
        .collect();
    assert_eq!(options, [("Downloads", "PDF edition"), ("Downloads", "Audiobook")]);
    assert_eq!(cart["grandTotal"].as_f64(), Some(91.0), "nothing ships: no shipping charge");

    let order_id = check_out(&shop, &token, None).await;
    let (status, bought) = get(&shop, &token, "/api/shop/customer-downloadable-products").await;
    assert_eq!(status, 200);
    // Newest first: the PDF-only line, then the two links of the first line.
    let summary: Vec<(&str, i64, &str, Option<i64>)> = bought
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap(),
                b["downloadBought"].as_i64().unwrap(),
                b["status"].as_str().unwrap(),
                b["remainingDownloads"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("PDF edition", 5, "pending", Some(5)),
            ("Audiobook", 0, "pending", None),
            ("PDF edition", 10, "pending", Some(10)),
        ],
        "the allowance times the quantity; 0 stays unlimited"
    );
    assert!(bought.as_array().unwrap().iter().all(|b| b["orderId"] == order_id));
    let first = bought[2]["id"].as_i64().unwrap();
    let (_, one) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{first}")).await;
    insta::assert_snapshot!("purchased_link", pretty(&one));

    let (status, filtered) = get(&shop, &token, "/api/shop/customer-downloadable-products?status=available").await;
    assert_eq!((status, filtered), (200, json!([])));
}

#[tokio::test]
async fn downloads_wait_for_payment_and_stop_at_what_was_bought() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (token, order_id, pdf_bought, audio_bought) = ebook_order(&app, &shop).await;

    // Not paid yet.
    let (status, refused) = status_json(download(&shop, &token, pdf_bought).await).await;
    assert_eq!(
        (status, refused),
        (
            403,
            json!({"message": "Download is pending. Please wait for the order to be invoiced.", "error": "download_pending"})
        )
    );

    // Paid through CS-Cart ("P", processed): the links become available.
    pay(&app, order_id).await;

    // The file is not in storage yet: 404, and nothing is counted.
    let (status, refused) = status_json(download(&shop, &token, pdf_bought).await).await;
    assert_eq!((status, refused), (404, json!({"message": "File not found.", "error": "file_not_found"})));
    let (_, link) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{pdf_bought}")).await;
    assert_eq!((link["status"].as_str(), link["downloadUsed"].as_i64()), (Some("available"), Some(0)));

    let dir = app.storage_dir().join("downloadable");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("capsule-guide.pdf"), b"%PDF-1.4 the guide").unwrap();
    for n in 1..=5 {
        let resp = download(&shop, &token, pdf_bought).await;
        resp.assert_status_is_ok();
        resp.assert_header("content-disposition", "attachment; filename=\"capsule-guide.pdf\"");
        resp.assert_bytes(b"%PDF-1.4 the guide".to_vec()).await;
        let (_, link) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{pdf_bought}")).await;
        assert_eq!(link["remainingDownloads"].as_i64(), Some(5 - n));
    }
    let (status, refused) = status_json(download(&shop, &token, pdf_bought).await).await;
    assert_eq!((status, refused["error"].as_str()), (403, Some("no_downloads_remaining")));
    let (_, link) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{pdf_bought}")).await;
    assert_eq!((link["status"].as_str(), link["downloadUsed"].as_i64()), (Some("expired"), Some(5)));

    // A link hosted elsewhere redirects to it, as often as wanted.
    for _ in 0..7 {
        let resp = download(&shop, &token, audio_bought).await;
        resp.assert_status(poem::http::StatusCode::FOUND);
        resp.assert_header("location", "https://media.polyshop.example/capsule-guide.m4b");
    }

    // Another customer sees none of it.
    let (_, other) = shop.register("Eve", "eve@example.com", PASSWORD).await;
    let (status, _) = get(&shop, &other, &format!("/api/shop/customer-downloadable-products/{audio_bought}")).await;
    assert_eq!(status, 404);
    let (status, refused) = status_json(download(&shop, &other, audio_bought).await).await;
    assert_eq!((status, refused), (404, json!({"message": "Downloadable product not found.", "error": "not_found"})));
    let (_, list) = get(&shop, &other, "/api/shop/customer-downloadable-products").await;
    assert_eq!(list, json!([]));
    // And nobody without a token.
    let resp = shop.get(&format!("/api/shop/customer-downloadable-products/{audio_bought}/download")).send().await;
    assert_eq!(resp.0.status().as_u16(), 401);
}

#[tokio::test]
async fn cancelling_the_order_expires_its_links() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Dana", "dana@example.com", PASSWORD).await;
    let ebook = product_id(&app, "STYLE-GUIDE-EBOOK").await;
    let (pdf, _) = ebook_links(&shop, ebook).await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": ebook, "links": [pdf], "quantity": 2}))
        .await;
    let order_id = check_out(&shop, &token, None).await;
    let (status, answer) = post(&shop, &token, "/api/shop/cancel-order", json!({"orderId": order_id})).await;
    assert!(status < 300, "{answer}");
    let (_, bought) = get(&shop, &token, "/api/shop/customer-downloadable-products").await;
    let link = &bought[0];
    assert_eq!(
        (link["status"].as_str(), link["downloadCanceled"].as_i64(), link["remainingDownloads"].as_i64()),
        (Some("expired"), Some(10), Some(0))
    );
    let (status, refused) = status_json(download(&shop, &token, link["id"].as_i64().unwrap()).await).await;
    assert_eq!((status, refused["error"].as_str()), (403, Some("no_downloads_remaining")));
}

#[tokio::test]
async fn graphql_lists_the_purchased_links_as_documented() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Dana", "dana@example.com", PASSWORD).await;
    let ebook = product_id(&app, "STYLE-GUIDE-EBOOK").await;
    let (pdf, audio) = ebook_links(&shop, ebook).await;
    // GraphQL takes the links as a list (or its JSON text).
    let added = shop
        .graphql_as(
            &token,
            "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { itemsCount } } }",
            json!({"input": {"productId": ebook, "quantity": 1, "links": format!("[{pdf}, {audio}]")}}),
        )
        .await;
    assert_eq!(added["data"]["createAddProductInCart"]["addProductInCart"]["itemsCount"], 1, "{added}");
    let order_id = check_out(&shop, &token, None).await;

    // The documented query (get-customer-downloadable-products), answered in its shape.
    let query = "query GetCustomerDownloadableProducts { customerDownloadableProducts(first: 10) { edges { cursor node { _id productName name fileName type downloadBought downloadUsed downloadCanceled status downloadUrl remainingDownloads order { _id incrementId status } createdAt updatedAt } } pageInfo { endCursor startCursor hasNextPage hasPreviousPage } totalCount } }";
    let documented = json!({"customerDownloadableProducts": {"edges": [{"cursor": "MA==", "node": {"_id": 4, "productName": "Complete Personal Finance Guide (eBook PDF)", "name": "Full eBook PDF", "fileName": null, "type": "url", "downloadBought": 10, "downloadUsed": 4, "downloadCanceled": 0, "status": "available", "downloadUrl": "https://api-demo.bagisto.com/api/shop/customer-downloadable-products/4/download", "remainingDownloads": "6", "order": {"_id": 531, "incrementId": "531", "status": "completed"}, "createdAt": "2026-04-02T18:54:41+05:30", "updatedAt": "2026-04-06T17:39:56+05:30"}}], "pageInfo": {"endCursor": "Mg==", "startCursor": "MA==", "hasNextPage": false, "hasPreviousPage": false}, "totalCount": 3}});
    let answer = shop.graphql_as(&token, query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let mut differences = Vec::new();
    shape_differences(query, &documented, &answer["data"], "data", &mut differences);
    assert!(differences.is_empty(), "{differences:?}");
    let list = &answer["data"]["customerDownloadableProducts"];
    assert_eq!(list["totalCount"], 2);
    let first = &list["edges"][0]["node"];
    assert_eq!((first["name"].as_str(), first["remainingDownloads"].clone()), (Some("Audiobook"), Value::Null));
    assert_eq!(first["order"]["_id"], order_id);
    let pdf_node = &list["edges"][1]["node"];
    assert_eq!((pdf_node["remainingDownloads"].as_str(), pdf_node["status"].as_str()), (Some("5"), Some("pending")));

    // One by IRI; another customer's is missing.
    let id = pdf_node["_id"].as_i64().unwrap();
    let one = "query($id: ID!) { customerDownloadableProduct(id: $id) { _id name downloadUrl } }";
    let answer =
        shop.graphql_as(&token, one, json!({"id": format!("/api/shop/customer-downloadable-products/{id}")})).await;
    assert_eq!(answer["data"]["customerDownloadableProduct"]["_id"], id, "{answer}");
    assert!(
        answer["data"]["customerDownloadableProduct"]["downloadUrl"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/api/shop/customer-downloadable-products/{id}/download"))
    );
    let (_, other) = shop.register("Eve", "eve@example.com", PASSWORD).await;
    let answer = shop.graphql_as(&other, one, json!({"id": id})).await;
    assert_eq!(answer["data"]["customerDownloadableProduct"], Value::Null);
    assert_eq!(answer["errors"][0]["message"], format!("Customer downloadable product with ID \"{id}\" not found"));
    let answer = shop
        .graphql_as(&other, "{ customerDownloadableProducts(status: \"pending\") { totalCount } }", json!({}))
        .await;
    assert_eq!(answer["data"]["customerDownloadableProducts"]["totalCount"], 0);
}

/// createDownloadableProductDownloadLink (bagisto-api, no docs page): a URL whose token alone
/// opens the purchase for 24 hours, each download counted like the customer's own; refused as
/// a download would be, and for another customer's purchase as for an unknown one.
#[tokio::test]
async fn temporary_download_links_open_the_purchase_by_their_token_alone() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (token, order_id, pdf_bought, audio_bought) = ebook_order(&app, &shop).await;
    let issue = "mutation($id: Int!) { createDownloadableProductDownloadLink(input: {downloadableLinkPurchasedId: $id, \
                 clientMutationId: \"l1\"}) { downloadableProductDownloadLink { id _id token url expiresAt \
                 downloadableLinkPurchasedId } clientMutationId } }";

    // Unpaid: refused as the download is.
    let pending = shop.graphql_as(&token, issue, json!({"id": pdf_bought})).await;
    assert_eq!(error(&pending), "Download is pending. Please wait for the order to be invoiced.");
    pay(&app, order_id).await;
    let dir = app.storage_dir().join("downloadable");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("capsule-guide.pdf"), b"%PDF-1.4 the guide").unwrap();

    let issued = shop.graphql_as(&token, issue, json!({"id": pdf_bought})).await;
    let link = issued["data"]["createDownloadableProductDownloadLink"]["downloadableProductDownloadLink"].clone();
    assert!(issued["errors"].is_null(), "{issued}");
    let secret = link["token"].as_str().unwrap().to_owned();
    assert!(secret.len() == 64 && secret.chars().all(|c| c.is_ascii_alphanumeric()), "{secret}");
    assert!(link["url"].as_str().unwrap().ends_with(&format!("/api/downloadable-product/download/{secret}")), "{link}");
    insta::assert_snapshot!(pretty(&issued).replace(&secret, "<token>"));
    // Issuing counted nothing.
    let (_, row) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{pdf_bought}")).await;
    assert_eq!(row["downloadUsed"], 0);

    // The token alone opens it: no storefront key, no customer token. Each download counts.
    let path = format!("/api/downloadable-product/download/{secret}");
    for n in 1..=2 {
        let resp = app.get(&path).send().await;
        resp.assert_status_is_ok();
        resp.assert_header("content-disposition", "attachment; filename=\"capsule-guide.pdf\"");
        resp.assert_bytes(b"%PDF-1.4 the guide".to_vec()).await;
        let (_, row) = get(&shop, &token, &format!("/api/shop/customer-downloadable-products/{pdf_bought}")).await;
        assert_eq!(row["downloadUsed"], n);
    }
    // A link hosted elsewhere redirects.
    let audio_link = shop.graphql_as(&token, issue, json!({"id": audio_bought})).await;
    let audio_token =
        audio_link["data"]["createDownloadableProductDownloadLink"]["downloadableProductDownloadLink"]["token"]
            .as_str()
            .unwrap()
            .to_owned();
    let resp = app.get(&format!("/api/downloadable-product/download/{audio_token}")).send().await;
    resp.assert_status(poem::http::StatusCode::FOUND);
    resp.assert_header("location", "https://media.polyshop.example/capsule-guide.m4b");

    // Unknown tokens and too long ones open nothing.
    for bad in ["nope".to_owned(), "x".repeat(64), "x".repeat(500)] {
        let (status, body) =
            status_json(app.get(&format!("/api/downloadable-product/download/{bad}")).send().await).await;
        assert!(status == 404 || status == 400, "{status} {body}");
        if bad.len() <= 64 {
            assert_eq!(body, json!({"message": "Download link not found.", "error": "not_found"}));
        }
    }
    // Another customer: refused as an unknown id; no token: unauthenticated.
    let (_, other) = shop.register("Eve", "eve@example.com", PASSWORD).await;
    for id in [pdf_bought, 999_999] {
        let refused = shop.graphql_as(&other, issue, json!({"id": id})).await;
        assert_eq!(error(&refused), "Downloadable link not found");
    }
    let anonymous = shop.graphql(issue, json!({"id": pdf_bought})).await;
    assert_eq!(error(&anonymous), "Unauthenticated. Please login to perform this action");

    // The downloads bought still bound the link: 5 in all, the 3 left through the token.
    for _ in 0..3 {
        app.get(&path).send().await.assert_status_is_ok();
    }
    let (status, body) = status_json(app.get(&path).send().await).await;
    assert_eq!((status, body["error"].as_str()), (403, Some("no_downloads_remaining")));
    let spent = shop.graphql_as(&token, issue, json!({"id": pdf_bought})).await;
    assert_eq!(error(&spent), "No more downloads available");

    // A purchase keeps its 10 newest links: the 11th drops the oldest.
    let mut newest = String::new();
    for _ in 0..10 {
        let issued = shop.graphql_as(&token, issue, json!({"id": audio_bought})).await;
        newest = issued["data"]["createDownloadableProductDownloadLink"]["downloadableProductDownloadLink"]["token"]
            .as_str()
            .unwrap()
            .to_owned();
    }
    let (status, _) =
        status_json(app.get(&format!("/api/downloadable-product/download/{audio_token}")).send().await).await;
    assert_eq!(status, 404);
    let newest_path = format!("/api/downloadable-product/download/{newest}");
    app.get(&newest_path).send().await.assert_status(poem::http::StatusCode::FOUND);
    // After 24 hours a token opens nothing.
    app.clock.advance(chrono::Duration::hours(24));
    let (status, body) = status_json(app.get(&newest_path).send().await).await;
    assert_eq!((status, body["error"].as_str()), (404, Some("not_found")));
}
