//! Downloadable products bought and downloaded (shop REST and GraphQL): the links chosen in
//! the cart and priced with the product, the purchased links an order leaves, pending until the
//! order is paid (here through CS-Cart), counted per download up to what was bought, expired
//! by cancelling, and never visible to another customer.

use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, check_out, get, post, product_id, shape_differences};
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
    let (_, token) = shop.register("Dana", "dana@example.com", PASSWORD).await;
    let ebook = product_id(&app, "STYLE-GUIDE-EBOOK").await;
    let (pdf, audio) = ebook_links(&shop, ebook).await;
    post(&shop, &token, "/api/shop/add-product-in-cart", json!({"productId": ebook, "links": [pdf, audio]})).await;
    let order_id = check_out(&shop, &token, None).await;
    let (_, bought) = get(&shop, &token, "/api/shop/customer-downloadable-products").await;
    let id_of =
        |name: &str| bought.as_array().unwrap().iter().find(|b| b["name"] == name).unwrap()["id"].as_i64().unwrap();
    let (pdf_bought, audio_bought) = (id_of("PDF edition"), id_of("Audiobook"));

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
    let auth = app.admin_basic().await;
    let resp = app
        .put(&format!("/api/orders/{order_id}"))
        .header("authorization", &auth)
        .body_json(&json!({"status": "P"}))
        .send()
        .await;
    assert_eq!(resp.0.status().as_u16(), 200);

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
