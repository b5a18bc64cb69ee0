//! Bagisto shop: product types over REST and GraphQL — customizable options, bundle options,
//! grouped members, downloadable links and samples (with the public sample download), booking
//! configurations, event tickets, and the slots a booking product offers on a date.

use chrono::TimeZone;
use polyshop_entities::{booking_products, product_downloadable_links, product_downloadable_samples};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use super::support::{disable_product, header, headers, ids, paging};
use crate::{
    harness::{TestApp, json as body_json, status_json},
    pretty,
};

/// The four pagination headers of a list response.
/// The `id`s of the objects of a JSON array.
fn not_found(what: &str, id: i64) -> (u16, Value) {
    (404, json!({"message": format!("{what} with ID \"{id}\" not found.")}))
}

#[tokio::test]
async fn customizable_options_with_their_prices_and_labels() {
    let app = TestApp::new().await;
    let shop = app.shop().await;

    // The belt's engraving and gift message, by sort order; the tote's required drop-down.
    let resp = shop.get("/api/shop/products/12/customizable-options").send().await;
    resp.assert_status_is_ok();
    assert!(resp.0.headers().get("X-Total-Count").is_none(), "per-product lists are not paginated");
    let belt = body_json(resp).await;
    insta::assert_snapshot!(pretty(&belt));
    assert_eq!(ids(&belt), [1, 2]);
    // The gate, the scope and one lookup (a locale) ...
    app.reset_query_count();
    shop.get("/api/shop/locales/1").send().await.assert_status_is_ok();
    let baseline = app.query_count();
    // ... against the gate, the scope, the product check, then options, labels and prices.
    app.reset_query_count();
    let (status, tote) = status_json(shop.get("/api/shop/products/9/customizable-options").send().await).await;
    assert_eq!((status, app.query_count() - baseline), (200, 3));
    assert_eq!(tote[0]["type"], "drop_down");
    assert_eq!(tote[0]["isRequired"], 1);
    assert_eq!(tote[0]["prices"].as_array().unwrap().len(), 3);
    // The label in the request locale; the channel default (en) otherwise.
    let fr =
        body_json(shop.get("/api/shop/products/9/customizable-options").header("X-Locale", "fr").send().await).await;
    let (en_label, fr_label) = (tote[0]["translation"].as_str().unwrap(), fr[0]["translation"].as_str().unwrap());
    assert_ne!(en_label, fr_label);
    let label = body_json(shop.get(fr_label).send().await).await;
    assert_eq!((label["locale"].clone(), label["label"].clone()), (json!("fr"), json!("Couleur du monogramme")));
    let unknown_locale =
        body_json(shop.get("/api/shop/products/9/customizable-options").header("X-Locale", "de").send().await).await;
    assert_eq!(unknown_locale[0]["translation"].as_str(), Some(en_label));
    // Products without options answer [].
    assert_eq!(status_json(shop.get("/api/shop/products/1/customizable-options").send().await).await, (200, json!([])));

    let (status, option) = status_json(shop.get("/api/shop/product_customizable_options/3").send().await).await;
    assert_eq!((status, option), (200, tote[0].clone()));

    // Every price row, by id, paginated; the percent surcharge of "Tone on tone".
    let resp = shop.get("/api/shop/product_customizable_option_prices?per_page=2&page=3").send().await;
    assert_eq!(paging(&resp), headers(["5", "3", "2", "3"]));
    let last = body_json(resp).await;
    insta::assert_snapshot!(pretty(&last));
    let resp = shop.get("/api/shop/product_customizable_option_prices").send().await;
    assert_eq!(paging(&resp), headers(["5", "1", "10", "1"]));
    assert_eq!(ids(&body_json(resp).await), [1, 2, 3, 4, 5]);
    let (status, price) = status_json(shop.get("/api/shop/product_customizable_option_prices/1").send().await).await;
    assert_eq!((status, price["price"].to_string(), price["priceType"].clone()), (200, "5.00".into(), json!("fixed")));

    let resp = shop.get("/api/shop/product_customizable_option_translations?per_page=4").send().await;
    assert_eq!(paging(&resp), headers(["6", "1", "4", "2"]));
    let labels = body_json(resp).await;
    assert_eq!(ids(&labels), [1, 2, 3, 4]);
    assert_eq!(
        labels[1],
        json!({"id": 2, "locale": "fr", "label": "Gravure", "customizableOption": "/api/shop/product_customizable_options/1"})
    );
    let (status, label) =
        status_json(shop.get("/api/shop/product_customizable_option_translations/1").send().await).await;
    assert_eq!((status, label["label"].clone()), (200, json!("Engraving")));

    // Unknown ids, and the disabled sunglasses, are 404s.
    assert_eq!(
        status_json(shop.get("/api/shop/products/999/customizable-options").send().await).await,
        not_found("Product", 999)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/products/13/customizable-options").send().await).await,
        not_found("Product", 13)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_customizable_options/9").send().await).await,
        not_found("Customizable option", 9)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_customizable_option_prices/9").send().await).await,
        not_found("Customizable option price", 9)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_customizable_option_translations/99").send().await).await,
        not_found("Customizable option translation", 99)
    );

    // Disabling the belt hides its options everywhere.
    disable_product(&app, 12).await;
    assert_eq!(status_json(shop.get("/api/shop/products/12/customizable-options").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_customizable_options/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_customizable_option_prices/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_customizable_option_translations/1").send().await).await.0, 404);
    let resp = shop.get("/api/shop/product_customizable_option_prices").send().await;
    assert_eq!(paging(&resp)[0], "3");
    assert_eq!(ids(&body_json(resp).await), [3, 4, 5]);
    let resp = shop.get("/api/shop/product_customizable_option_translations").send().await;
    assert_eq!(ids(&body_json(resp).await), [5, 6]);
}

#[tokio::test]
async fn bundle_options_with_their_members_and_labels() {
    let app = TestApp::new().await;
    let shop = app.shop().await;

    let resp = shop.get("/api/shop/products/45/bundle-options").send().await;
    resp.assert_status_is_ok();
    assert!(resp.0.headers().get("X-Total-Count").is_none());
    let options = body_json(resp).await;
    insta::assert_snapshot!(pretty(&options));
    assert_eq!(ids(&options), [1, 2, 3]);
    assert_eq!(
        options.as_array().unwrap().iter().map(|o| o["type"].clone()).collect::<Vec<_>>(),
        [json!("radio"), json!("checkbox"), json!("select")]
    );
    assert_eq!(status_json(shop.get("/api/shop/products/44/bundle-options").send().await).await, (200, json!([])));
    let (status, option) = status_json(shop.get("/api/shop/product_bundle_options/2").send().await).await;
    assert_eq!((status, option), (200, options[1].clone()));
    let fr = body_json(shop.get("/api/shop/product_bundle_options/2").header("X-Locale", "fr").send().await).await;
    let label = body_json(shop.get(fr["translation"].as_str().unwrap()).send().await).await;
    assert_eq!(label, json!({"id": 4, "locale": "fr", "label": "Chaussettes"}));

    // Members: the scarf (default) and the cap, the socks (x2, quantity the customer may change), the wrap.
    let resp = shop.get("/api/shop/product-bundle-option-products").send().await;
    assert_eq!(paging(&resp), headers(["4", "1", "10", "1"]));
    let members = body_json(resp).await;
    insta::assert_snapshot!(pretty(&members));
    let resp = shop.get("/api/shop/product-bundle-option-products?page=2&per_page=3").send().await;
    assert_eq!(paging(&resp), headers(["4", "2", "3", "2"]));
    assert_eq!(ids(&body_json(resp).await), [4]);
    let (status, socks) = status_json(shop.get("/api/shop/product-bundle-option-products/3").send().await).await;
    assert_eq!((status, socks), (200, members[2].clone()));
    assert_eq!((members[2]["qty"].clone(), members[2]["isUserDefined"].clone()), (json!(2), json!(1)));

    let resp = shop.get("/api/shop/product_bundle_option_translations").send().await;
    assert_eq!(paging(&resp), headers(["6", "1", "10", "1"]));
    assert_eq!(body_json(resp).await[0], json!({"id": 1, "locale": "en", "label": "Headpiece"}));
    let (status, label) = status_json(shop.get("/api/shop/product_bundle_option_translations/6").send().await).await;
    assert_eq!((status, label), (200, json!({"id": 6, "locale": "fr", "label": "Emballage"})));

    assert_eq!(
        status_json(shop.get("/api/shop/products/13/bundle-options").send().await).await,
        not_found("Product", 13)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_bundle_options/4").send().await).await,
        not_found("Bundle option", 4)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product-bundle-option-products/5").send().await).await,
        not_found("Bundle option product", 5)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_bundle_option_translations/7").send().await).await,
        not_found("Bundle option translation", 7)
    );

    // A disabled bundle's rows leave every list and lookup.
    disable_product(&app, 45).await;
    assert_eq!(status_json(shop.get("/api/shop/products/45/bundle-options").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_bundle_options/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product-bundle-option-products/1").send().await).await.0, 404);
    let resp = shop.get("/api/shop/product-bundle-option-products").send().await;
    assert_eq!((paging(&resp)[0].clone(), body_json(resp).await), ("0".to_owned(), json!([])));
    let resp = shop.get("/api/shop/product_bundle_option_translations").send().await;
    assert_eq!(body_json(resp).await, json!([]));
}

#[tokio::test]
async fn grouped_members_and_downloadable_links_and_samples() {
    let app = TestApp::new().await;
    let shop = app.shop().await;

    let (status, grouped) = status_json(shop.get("/api/shop/products/44/grouped-products").send().await).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&grouped));
    let members: Vec<_> =
        grouped.as_array().unwrap().iter().map(|g| (g["associatedProduct"].clone(), g["qty"].clone())).collect();
    assert_eq!(
        members,
        [
            (json!("/api/shop/products/1"), json!(1)),
            (json!("/api/shop/products/6"), json!(2)),
            (json!("/api/shop/products/12"), json!(1))
        ]
    );
    assert_eq!(status_json(shop.get("/api/shop/products/45/grouped-products").send().await).await, (200, json!([])));
    let (status, second) = status_json(shop.get("/api/shop/product_grouped_products/2").send().await).await;
    assert_eq!((status, second), (200, grouped[1].clone()));
    assert_eq!(
        status_json(shop.get("/api/shop/product_grouped_products/4").send().await).await,
        not_found("Grouped product", 4)
    );

    // Links: the PDF (a file with a sample chapter) and the audiobook (a URL with a URL preview).
    let resp = shop.get("/api/shop/products/43/downloadable-links").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none());
    let links = body_json(resp).await;
    insta::assert_snapshot!(pretty(&links));
    assert_eq!(links[0]["sampleFileUrl"], "http://localhost:8080/api/shop/downloadable/download-sample/link/1");
    assert_eq!((links[1]["price"].to_string(), links[1]["formattedPrice"].clone()), ("14.00".into(), json!("$14.00")));
    let eur =
        body_json(shop.get("/api/shop/products/43/downloadable-links").header("X-Currency", "EUR").send().await).await;
    // Prices stay in the base currency; the formatted price is converted (14.00 x 0.92).
    assert_eq!((eur[1]["price"].to_string(), eur[1]["formattedPrice"].clone()), ("14.00".into(), json!("12,88 €")));
    app.reset_query_count();
    let resp = shop.get("/api/shop/product-downloadable-links").send().await;
    assert_eq!(paging(&resp), headers(["2", "1", "10", "1"]));
    assert_eq!(body_json(resp).await, links);
    // One link or both: the same queries (count, page, titles of the page).
    let both = app.query_count();
    app.reset_query_count();
    let resp = shop.get("/api/shop/product-downloadable-links?per_page=1").send().await;
    assert_eq!((ids(&body_json(resp).await), app.query_count()), (vec![1], both));
    let (status, link) = status_json(shop.get("/api/shop/product-downloadable-links/2").send().await).await;
    assert_eq!((status, link), (200, links[1].clone()));
    let resp = shop.get("/api/shop/product_downloadable_link_translations?per_page=3").send().await;
    assert_eq!(paging(&resp), headers(["4", "1", "3", "2"]));
    assert_eq!(body_json(resp).await[1], json!({"id": 2, "locale": "fr", "title": "Édition PDF"}));
    let (status, title) =
        status_json(shop.get("/api/shop/product_downloadable_link_translations/3").send().await).await;
    assert_eq!((status, title), (200, json!({"id": 3, "locale": "en", "title": "Audiobook"})));

    // Samples: the table of contents (a file) and the online lookbook (a URL).
    let samples = body_json(shop.get("/api/shop/products/43/downloadable-samples").send().await).await;
    insta::assert_snapshot!(pretty(&samples));
    assert_eq!(samples[1]["fileUrl"], "http://localhost:8080/api/shop/downloadable/download-sample/sample/2");
    let resp = shop.get("/api/shop/product-downloadable-samples").send().await;
    assert_eq!(paging(&resp), headers(["2", "1", "10", "1"]));
    assert_eq!(body_json(resp).await, samples);
    let (status, sample) = status_json(shop.get("/api/shop/product-downloadable-samples/1").send().await).await;
    assert_eq!((status, sample), (200, samples[0].clone()));
    let fr =
        body_json(shop.get("/api/shop/product-downloadable-samples/1").header("X-Locale", "fr").send().await).await;
    let title = body_json(shop.get(fr["translation"].as_str().unwrap()).send().await).await;
    assert_eq!(title, json!({"id": 2, "locale": "fr", "title": "Sommaire"}));
    let resp = shop.get("/api/shop/product_downloadable_sample_translations").send().await;
    assert_eq!(paging(&resp), headers(["4", "1", "10", "1"]));
    let (status, title) =
        status_json(shop.get("/api/shop/product_downloadable_sample_translations/4").send().await).await;
    assert_eq!((status, title), (200, json!({"id": 4, "locale": "fr", "title": "Lookbook en ligne"})));
    assert_eq!(
        status_json(shop.get("/api/shop/products/44/downloadable-samples").send().await).await,
        (200, json!([]))
    );

    assert_eq!(
        status_json(shop.get("/api/shop/products/13/grouped-products").send().await).await,
        not_found("Product", 13)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/products/999/downloadable-links").send().await).await,
        not_found("Product", 999)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product-downloadable-links/3").send().await).await,
        not_found("Downloadable link", 3)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product-downloadable-samples/3").send().await).await,
        not_found("Downloadable sample", 3)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_downloadable_link_translations/5").send().await).await,
        not_found("Downloadable link translation", 5)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/product_downloadable_sample_translations/5").send().await).await,
        not_found("Downloadable sample translation", 5)
    );

    // Disabled products: the grouped set and the eBook disappear.
    disable_product(&app, 44).await;
    disable_product(&app, 43).await;
    assert_eq!(status_json(shop.get("/api/shop/products/44/grouped-products").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_grouped_products/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/products/43/downloadable-samples").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product-downloadable-links/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_downloadable_link_translations/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/product_downloadable_sample_translations/1").send().await).await.0, 404);
    for list in ["/api/shop/product-downloadable-links", "/api/shop/product-downloadable-samples"] {
        let resp = shop.get(list).send().await;
        assert_eq!((paging(&resp)[0].clone(), body_json(resp).await), ("0".to_owned(), json!([])), "{list}");
    }
}

#[tokio::test]
async fn sample_downloads_need_no_key() {
    let app = TestApp::new().await;
    let samples = app.storage_dir().join("downloadable/samples");
    std::fs::create_dir_all(&samples).unwrap();
    std::fs::write(samples.join("capsule-guide-chapter-1.pdf"), b"%PDF chapter one").unwrap();
    std::fs::write(samples.join("capsule-guide-contents.pdf"), b"%PDF contents").unwrap();
    std::fs::write(app.storage_dir().join("secret.txt"), b"not a sample").unwrap();

    // The PDF link's sample chapter, under its original name; no storefront key needed.
    let resp = app.get("/api/shop/downloadable/download-sample/link/1").send().await;
    resp.assert_status_is_ok();
    assert_eq!(header(&resp, "Content-Disposition"), "attachment; filename=\"chapter-1.pdf\"");
    assert_eq!(header(&resp, "Content-Type"), "application/octet-stream");
    assert!(resp.0.headers().get("X-RateLimit-Limit").is_none());
    assert_eq!(resp.0.into_body().into_bytes().await.unwrap().as_ref(), b"%PDF chapter one");
    let resp = app.get("/api/shop/downloadable/download-sample/sample/1").send().await;
    resp.assert_status_is_ok();
    assert_eq!(header(&resp, "Content-Disposition"), "attachment; filename=\"contents.pdf\"");
    assert_eq!(resp.0.into_body().into_bytes().await.unwrap().as_ref(), b"%PDF contents");

    // Samples hosted elsewhere redirect.
    let resp = app.get("/api/shop/downloadable/download-sample/link/2").send().await;
    assert_eq!(resp.0.status().as_u16(), 302);
    assert_eq!(header(&resp, "Location"), "https://media.polyshop.example/capsule-guide-preview.m4a");
    let resp = app.get("/api/shop/downloadable/download-sample/sample/2").send().await;
    assert_eq!(resp.0.status().as_u16(), 302);
    assert_eq!(header(&resp, "Location"), "https://media.polyshop.example/capsule-guide-lookbook");

    // Unknown links, samples and kinds; links without a sample.
    let app = &app;
    let get = |path: &'static str| async move { status_json(app.get(path).send().await).await };
    assert_eq!(get("/api/shop/downloadable/download-sample/link/9").await, not_found("Downloadable link sample", 9));
    assert_eq!(get("/api/shop/downloadable/download-sample/sample/9").await, not_found("Downloadable sample", 9));
    assert_eq!(get("/api/shop/downloadable/download-sample/video/1").await.0, 404);
    product_downloadable_links::Entity::update_many()
        .col_expr(product_downloadable_links::Column::SampleType, Expr::value(Option::<String>::None))
        .filter(product_downloadable_links::Column::Id.eq(2))
        .exec(app.db())
        .await
        .unwrap();
    app.catalog_changed().await;
    assert_eq!(get("/api/shop/downloadable/download-sample/link/2").await.0, 404);

    // Stored paths that leave the storage directory, or name missing files, are 404s.
    for path in ["../secret.txt", "/etc/passwd", "downloadable/../../secret.txt", "downloadable/samples/gone.pdf"] {
        product_downloadable_samples::Entity::update_many()
            .col_expr(product_downloadable_samples::Column::File, Expr::value(path))
            .filter(product_downloadable_samples::Column::Id.eq(1))
            .exec(app.db())
            .await
            .unwrap();
        app.catalog_changed().await;
        assert_eq!(get("/api/shop/downloadable/download-sample/sample/1").await.0, 404, "{path}");
    }
    // A path inside the storage directory is served.
    product_downloadable_samples::Entity::update_many()
        .col_expr(product_downloadable_samples::Column::File, Expr::value("secret.txt"))
        .filter(product_downloadable_samples::Column::Id.eq(1))
        .exec(app.db())
        .await
        .unwrap();
    app.catalog_changed().await;
    assert_eq!(app.get("/api/shop/downloadable/download-sample/sample/1").send().await.0.status().as_u16(), 200);

    // A disabled product's samples are gone.
    disable_product(app, 43).await;
    assert_eq!(get("/api/shop/downloadable/download-sample/link/1").await.0, 404);
    assert_eq!(get("/api/shop/downloadable/download-sample/sample/1").await.0, 404);
}

#[tokio::test]
async fn booking_products_with_their_schedules_and_tickets() {
    let app = TestApp::new().await;
    let shop = app.shop().await;

    // One booking row per booking product; each names its type's schedule or its tickets.
    let mut rows = Vec::new();
    for product in 46..=50 {
        let (status, body) =
            status_json(shop.get(&format!("/api/shop/products/{product}/booking-products")).send().await).await;
        assert_eq!((status, body.as_array().unwrap().len()), (200, 1), "product {product}");
        rows.push(body[0].clone());
    }
    insta::assert_snapshot!(pretty(&json!(rows)));
    assert_eq!(ids(&json!(rows)), [1, 2, 3, 4, 5]);
    let (status, event) = status_json(shop.get("/api/shop/booking-products/2").send().await).await;
    assert_eq!((status, &event), (200, &rows[1]));
    assert_eq!(event["qty"], Value::Null, "events count tickets, not bookings");
    assert_eq!(status_json(shop.get("/api/shop/products/45/booking-products").send().await).await, (200, json!([])));

    // The schedule templates behind the IRIs.
    let mut templates = Vec::new();
    for (row, field) in [(4, "defaultSlot"), (0, "appointmentSlot"), (2, "rentalSlot"), (3, "tableSlot")] {
        let iri = rows[row][field].as_str().unwrap_or_else(|| panic!("{field}"));
        let (status, body) = status_json(shop.get(iri).send().await).await;
        assert_eq!(status, 200, "{iri}");
        templates.push(body);
    }
    insta::assert_snapshot!(pretty(&json!(templates)));
    let lists = [
        ("default", shop.get("/api/shop/booking_product_default_slots").send().await),
        ("appointment", shop.get("/api/shop/booking_product_appointment_slots").send().await),
        ("rental", shop.get("/api/shop/booking_product_rental_slots").send().await),
        ("table", shop.get("/api/shop/booking_product_table_slots").send().await),
    ];
    for (list, resp) in lists {
        assert_eq!(paging(&resp), headers(["1", "1", "10", "1"]), "{list}");
        assert_eq!(ids(&body_json(resp).await), [1], "{list}");
    }
    assert_eq!(status_json(shop.get("/api/shop/booking_product_default_slots/1").send().await).await.1, templates[0]);
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_appointment_slots/1").send().await).await.1,
        templates[1]
    );
    assert_eq!(status_json(shop.get("/api/shop/booking_product_rental_slots/1").send().await).await.1, templates[2]);
    assert_eq!(status_json(shop.get("/api/shop/booking_product_table_slots/1").send().await).await.1, templates[3]);

    // The show's tickets: Standard, and VIP on sale until December.
    let resp = shop.get("/api/shop/booking_product_event_tickets").send().await;
    assert_eq!(paging(&resp), headers(["2", "1", "10", "1"]));
    let tickets = body_json(resp).await;
    insta::assert_snapshot!(pretty(&tickets));
    assert_eq!(
        event["eventTickets"],
        json!(["/api/shop/booking_product_event_tickets/1", "/api/shop/booking_product_event_tickets/2"])
    );
    let resp = shop.get("/api/shop/booking_product_event_tickets?per_page=1&page=2").send().await;
    assert_eq!(paging(&resp), headers(["2", "2", "1", "2"]));
    let (status, vip) =
        status_json(shop.get("/api/shop/booking_product_event_tickets/2").header("X-Currency", "EUR").send().await)
            .await;
    assert_eq!(status, 200);
    assert_eq!((vip["price"].to_string(), vip["formattedPrice"].clone()), ("80.00".into(), json!("73,60 €")));
    assert_eq!(vip["formattedSpecialPrice"], "64,40 €");
    let fr =
        body_json(shop.get("/api/shop/booking_product_event_tickets/2").header("X-Locale", "fr").send().await).await;
    let (status, text) = status_json(shop.get(fr["translation"].as_str().unwrap()).send().await).await;
    assert_eq!(
        (status, text),
        (200, json!({"id": 4, "locale": "fr", "name": "VIP", "description": "Premier rang et visite des coulisses."}))
    );
    let (status, text) =
        status_json(shop.get("/api/shop/booking_product_event_ticket_translations/1").send().await).await;
    assert_eq!((status, text["name"].clone()), (200, json!("Standard")));

    assert_eq!(
        status_json(shop.get("/api/shop/booking-products/6").send().await).await,
        not_found("Booking product", 6)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_default_slots/2").send().await).await,
        not_found("Booking default slot", 2)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_appointment_slots/2").send().await).await,
        not_found("Booking appointment slot", 2)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_rental_slots/2").send().await).await,
        not_found("Booking rental slot", 2)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_table_slots/2").send().await).await,
        not_found("Booking table slot", 2)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_event_tickets/3").send().await).await,
        not_found("Booking event ticket", 3)
    );
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_event_ticket_translations/5").send().await).await,
        not_found("Booking event ticket translation", 5)
    );

    // Disabled booking products disappear with their schedules and tickets.
    disable_product(&app, 47).await;
    disable_product(&app, 50).await;
    assert_eq!(status_json(shop.get("/api/shop/products/47/booking-products").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/booking-products/2").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/booking_product_default_slots/1").send().await).await.0, 404);
    assert_eq!(status_json(shop.get("/api/shop/booking_product_event_tickets/1").send().await).await.0, 404);
    assert_eq!(
        status_json(shop.get("/api/shop/booking_product_event_ticket_translations/1").send().await).await.0,
        404
    );
    let resp = shop.get("/api/shop/booking_product_event_tickets").send().await;
    assert_eq!((paging(&resp)[0].clone(), body_json(resp).await), ("0".to_owned(), json!([])));
    let resp = shop.get("/api/shop/booking_product_default_slots").send().await;
    assert_eq!(body_json(resp).await, json!([]));
}

/// `(from, to)` of the flat slots of a booking-slots answer.
fn slot_times(body: &Value) -> Vec<(String, String)> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|s| (s["from"].as_str().unwrap().to_owned(), s["to"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn booking_slots_of_each_booking_type() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let shop = &shop;
    let slots = |id: i64, date: &str| {
        let path = format!("/api/shop/booking-slots?id={id}&date={date}");
        async move { status_json(shop.get(&path).send().await).await }
    };
    // Now: Sunday 2026-11-01, 05:00 in Phoenix (the channel's timezone).

    // Personal styling: 45 minutes, 15 minutes apart, 10:00 to 17:00 on weekdays.
    let resp = shop.get("/api/shop/booking-slots?id=1&date=2026-11-02").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none(), "booking slots are not paginated");
    let monday = body_json(resp).await;
    insta::assert_snapshot!(pretty(&monday));
    assert_eq!(slot_times(&monday).len(), 7);
    assert_eq!(slot_times(&monday)[6], ("04:00 PM".to_owned(), "04:45 PM".to_owned()));
    // 10:00 in Phoenix (UTC-7) is 17:00 UTC.
    assert_eq!(monday[0]["slotId"], "1793638800-1793641500");
    assert_eq!(monday[0]["qty"], "1");
    assert_eq!(slots(1, "2026-11-01").await, (200, json!([])), "closed on Sundays");
    assert_eq!(slots(1, "2026-10-30").await, (200, json!([])), "a past date");

    // The sewing workshop (default, many): 120 minutes, 30 minutes apart, 09:00 to 17:00 on weekdays.
    let (status, workshop) = slots(5, "2026-11-06").await;
    assert_eq!(status, 200);
    assert_eq!(
        slot_times(&workshop),
        [
            ("09:00 AM".to_owned(), "11:00 AM".to_owned()),
            ("11:30 AM".to_owned(), "01:30 PM".to_owned()),
            ("02:00 PM".to_owned(), "04:00 PM".to_owned()),
        ]
    );
    assert_eq!(workshop[0]["qty"], "6");
    assert_eq!(slots(5, "2026-11-07").await, (200, json!([])), "closed on Saturdays");

    // The fashion show sells tickets, not slots.
    assert_eq!(slots(2, "2026-11-05").await, (200, json!([])));

    // The rooftop bistro, every day: 90 minutes with 30 minutes between, with an hour's notice.
    let (_, bistro) = slots(4, "2026-11-01").await;
    assert_eq!(
        slot_times(&bistro),
        [
            ("12:00 PM".to_owned(), "01:30 PM".to_owned()),
            ("06:00 PM".to_owned(), "07:30 PM".to_owned()),
            ("08:00 PM".to_owned(), "09:30 PM".to_owned()),
        ]
    );
    assert_eq!(bistro[0]["qty"], "8");

    // The tailoring studio, rented by the hour from 09:00 to 18:00: one group of hourly slots.
    let (_, studio) = slots(3, "2026-11-01").await;
    insta::assert_snapshot!(pretty(&studio));
    assert_eq!((studio[0]["slotId"].clone(), studio[0]["time"].clone()), (json!("1"), json!("09:00 AM - 06:00 PM")));
    assert_eq!(studio[0]["slots"].as_array().unwrap().len(), 9);

    // 11:30 in Phoenix: the 12:00 table is under an hour away; the studio's hours from 12:00 remain.
    app.clock.advance(chrono::Duration::minutes(6 * 60 + 30));
    assert_eq!(slot_times(&slots(4, "2026-11-01").await.1).len(), 2);
    let (_, studio) = slots(3, "2026-11-01").await;
    assert_eq!(studio[0]["slots"].as_array().unwrap().len(), 6);
    assert_eq!(studio[0]["slots"][0]["from"], "12:00 PM");
    // Styling later the same day: only the slots that have not started.
    app.clock.advance(chrono::Duration::days(1) + chrono::Duration::hours(3));
    assert_eq!(
        slot_times(&slots(1, "2026-11-02").await.1),
        [("03:00 PM".to_owned(), "03:45 PM".to_owned()), ("04:00 PM".to_owned(), "04:45 PM".to_owned()),]
    );

    // A booking window: only the dates inside it.
    booking_products::Entity::update_many()
        .col_expr(booking_products::Column::AvailableEveryWeek, Expr::value(false))
        .col_expr(
            booking_products::Column::AvailableFrom,
            Expr::value(chrono::Utc.with_ymd_and_hms(2026, 11, 9, 7, 0, 0).unwrap()),
        )
        .col_expr(
            booking_products::Column::AvailableTo,
            Expr::value(chrono::Utc.with_ymd_and_hms(2026, 11, 14, 6, 59, 0).unwrap()),
        )
        .filter(booking_products::Column::Id.eq(5))
        .exec(app.db())
        .await
        .unwrap();
    app.catalog_changed().await;
    assert_eq!(slots(5, "2026-11-06").await, (200, json!([])), "before the window");
    assert_eq!(slot_times(&slots(5, "2026-11-09").await.1).len(), 3);
    assert_eq!(slot_times(&slots(5, "2026-11-13").await.1).len(), 3);
    assert_eq!(slots(5, "2026-11-16").await, (200, json!([])), "after the window");

    // A day past its month's end is the month's last (the spec's pattern allows it); bad
    // dates are 400s naming the parameter; unknown booking products 404s.
    assert_eq!(slots(1, "2026-02-30").await, slots(1, "2026-02-28").await);
    // The spec's pattern refuses what is not a day of months 01-12 and days 01-31.
    assert_eq!(slots(1, "2026-02-32").await.0, 400);
    let (status, body) = slots(1, "2026-13-01").await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("`date`"), "{body}");
    let (status, body) = slots(1, "2026-1-5").await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("date"), "{body}");
    let (status, body) = status_json(shop.get("/api/shop/booking-slots?id=1").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("date"), "{body}");
    assert_eq!(slots(99, "2026-11-09").await, not_found("Booking product", 99));
    disable_product(&app, 46).await;
    assert_eq!(slots(1, "2026-11-09").await, not_found("Booking product", 1));
}

#[tokio::test]
async fn graphql_booking_slots_and_the_documented_examples() {
    let app = TestApp::new().await;
    let shop = app.shop().await;

    let flat = shop
        .data(r#"{ bookingSlots(id: 1, date: "2026-11-02") { slotId from to timestamp qty time slots } }"#, json!({}))
        .await;
    let slots = flat["bookingSlots"].as_array().unwrap();
    assert_eq!(slots.len(), 7);
    assert_eq!(
        slots[0],
        json!({"slotId": null, "from": "10:00 AM", "to": "10:45 AM", "timestamp": "1793638800-1793641500", "qty": "1", "time": null, "slots": null})
    );
    let grouped = shop
        .data(
            r#"query($date: String!) { bookingSlots(id: 3, date: $date) { slotId time slots qty } }"#,
            json!({"date": "2026-11-01"}),
        )
        .await;
    let group = &grouped["bookingSlots"][0];
    assert_eq!(
        (group["slotId"].clone(), group["time"].clone(), group["qty"].clone()),
        (json!(1), json!("09:00 AM - 06:00 PM"), Value::Null)
    );
    assert_eq!(group["slots"].as_array().unwrap().len(), 9);
    assert_eq!(
        group["slots"][0],
        json!({"from": "09:00 AM", "to": "10:00 AM", "timestamp": "1793548800-1793552400", "qty": "1"})
    );
    // Events and past dates: no slots.
    assert_eq!(
        shop.data(r#"{ bookingSlots(id: 2, date: "2026-11-05") { from } }"#, json!({})).await,
        json!({"bookingSlots": []})
    );
    assert_eq!(
        shop.data(r#"{ bookingSlots(id: 1, date: "2026-10-26") { from } }"#, json!({})).await,
        json!({"bookingSlots": []})
    );

    // Bad dates and unknown booking products are errors.
    let answer = shop.graphql(r#"{ bookingSlots(id: 1, date: "2026-02-32") { from } }"#, json!({})).await;
    assert_eq!(answer["errors"][0]["message"], "The \"date\" parameter must be a date in YYYY-MM-DD format.");
    let answer = shop.graphql(r#"{ bookingSlots(id: 99, date: "2026-11-02") { from } }"#, json!({})).await;
    assert_eq!(answer["errors"][0]["message"], "Booking product with ID \"99\" not found.");
    assert_eq!(answer["errors"][0]["extensions"]["category"], "NOT_FOUND");

    // The documented examples, in March 2026 as documented: the answers have the documented shape.
    app.clock.advance(chrono::Duration::days(-230));
    let fixtures: Value =
        serde_json::from_str(include_str!("../fixtures/graphql-shop-examples.json")).expect("fixtures parse");
    let examples: Vec<&Value> =
        fixtures.as_array().unwrap().iter().filter(|e| e["query"].as_str().unwrap().contains("bookingSlots")).collect();
    assert_eq!(examples.len(), 2);
    for example in examples {
        let variables = if example["variables"].is_null() { json!({}) } else { example["variables"].clone() };
        let data = shop.data(example["query"].as_str().unwrap(), variables).await;
        let documented = &example["documentedResponse"]["data"]["bookingSlots"];
        let answered = data["bookingSlots"].as_array().unwrap();
        assert!(!answered.is_empty(), "{}: {data}", example["example"]);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        for slot in answered {
            assert_eq!(keys(slot), keys(&documented[0]), "{}", example["example"]);
        }
    }
}

const PRODUCT_TYPES: &str = r#"
    id
    bundleOptions {
      totalCount
      edges { node { id _id type isRequired sortOrder translation { id _id label }
        bundleOptionProducts { totalCount edges { node { id _id qty isDefault isUserDefined sortOrder product { id sku } } } } } }
    }
    groupedProducts { edges { node { id _id qty sortOrder associatedProduct { id sku } } } }
    downloadableLinks {
      edges { node { id _id type price formattedPrice downloads sortOrder fileUrl sampleType sampleFile sampleFileUrl sampleUrl
        translation { id _id title } } }
    }
    downloadableSamples { edges { node { id _id type file fileUrl url sortOrder translation { id _id title } } } }
    bookingProducts {
      edges { node { id _id type qty location showLocation availableEveryWeek availableFrom availableTo createdAt updatedAt
        defaultSlot { id _id bookingType duration breakTime slots }
        appointmentSlot { id _id bookingProductId duration breakTime sameSlotAllDays slots }
        rentalSlot { id _id bookingProductId rentingType dailyPrice hourlyPrice sameSlotAllDays slots }
        tableSlot { id _id bookingProductId priceType guestLimit duration breakTime preventSchedulingBefore sameSlotAllDays slots }
        eventTickets { totalCount edges { node { id _id bookingProductId price qty specialPrice specialPriceFrom specialPriceTo
          formattedPrice formattedSpecialPrice translation { id _id locale name description }
          translations { totalCount edges { node { locale name } } } } } } } }
    }
    customizableOptions { totalCount edges { node { id _id type isRequired sortOrder } } }
"#;

#[tokio::test]
async fn graphql_product_type_fields() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = format!("query($id: ID) {{ product(id: $id) {{ {PRODUCT_TYPES} }} }}");

    let mut answers = serde_json::Map::new();
    for id in [9, 43, 44, 45, 46, 47, 48, 49, 50] {
        let data = shop.data(&query, json!({"id": format!("/api/shop/products/{id}")})).await;
        answers.insert(id.to_string(), data["product"].clone());
    }
    insta::assert_snapshot!(pretty(&Value::Object(answers.clone())));
    let bundle = &answers["45"]["bundleOptions"];
    assert_eq!(bundle["totalCount"], 3);
    assert_eq!(bundle["edges"][0]["node"]["translation"]["label"], "Headpiece");
    let members = &bundle["edges"][0]["node"]["bundleOptionProducts"]["edges"];
    assert_eq!(
        (members[0]["node"]["product"]["sku"].clone(), members[1]["node"]["product"]["sku"].clone()),
        (json!("SILK-SCARF"), json!("BASEBALL-CAP"))
    );
    let grouped: Vec<_> = answers["44"]["groupedProducts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["associatedProduct"]["sku"].clone())
        .collect();
    assert_eq!(grouped, [json!("OXF-SHIRT"), json!("WOOL-SOCKS"), json!("LEATHER-BELT")]);
    let link = &answers["43"]["downloadableLinks"]["edges"][0]["node"];
    assert_eq!((link["price"].clone(), link["translation"]["title"].clone()), (json!("9"), json!("PDF edition")));
    let tickets = &answers["47"]["bookingProducts"]["edges"][0]["node"]["eventTickets"];
    assert_eq!(
        (tickets["totalCount"].clone(), tickets["edges"][1]["node"]["specialPrice"].clone()),
        (json!(2), json!("70"))
    );
    let options = &answers["9"]["customizableOptions"];
    assert_eq!(
        (options["totalCount"].clone(), options["edges"][0]["node"]["isRequired"].clone()),
        (json!(1), json!("1"))
    );

    // Texts in the request locale; ticket prices in the request currency.
    let resp = app
        .post("/api/graphql")
        .header("X-STOREFRONT-KEY", &shop.key)
        .header("X-Locale", "fr")
        .header("X-Currency", "EUR")
        .body_json(&json!({"query": query, "variables": {"id": "47"}}))
        .send()
        .await;
    let fr = body_json(resp).await;
    let vip = &fr["data"]["product"]["bookingProducts"]["edges"][0]["node"]["eventTickets"]["edges"][1]["node"];
    assert_eq!(
        (
            vip["price"].clone(),
            vip["formattedPrice"].clone(),
            vip["translation"]["name"].clone(),
            vip["translation"]["description"].clone()
        ),
        (json!("73.6"), json!("73,60 €"), json!("VIP"), json!("Premier rang et visite des coulisses."))
    );
    // Nested connections page: the second member of the headpiece option only.
    let paged = shop
        .data(
            r#"{ product(id: 45) { bundleOptions(first: 1) { totalCount edges { node {
                bundleOptionProducts(first: 1, after: "MA==") { totalCount edges { node { _id } } } } } } } }"#,
            json!({}),
        )
        .await;
    let option = &paged["product"]["bundleOptions"];
    assert_eq!(option["edges"].as_array().unwrap().len(), 1);
    assert_eq!(option["edges"][0]["node"]["bundleOptionProducts"]["edges"], json!([{"node": {"_id": 2}}]));
}

#[tokio::test]
async fn graphql_product_types_cost_the_same_whatever_the_page_size() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // Member products are the product engineer's loader; everything else here is batched by kind.
    let types = PRODUCT_TYPES.replace("associatedProduct { id sku }", "").replace("product { id sku }", "");
    let count = |selection: String, page: &'static str| {
        let query = format!("{{ products({page}) {{ edges {{ node {{ {selection} }} }} }} }}");
        let (app, shop) = (&app, &shop);
        async move {
            shop.data(&query, json!({})).await; // the cards are kept: count a warm page
            app.reset_query_count();
            shop.data(&query, json!({})).await;
            app.query_count()
        }
    };
    // A first request settles the key's rate-limit bookkeeping.
    count("id".into(), "first: 1").await;
    // The last 18 products and all 26 both hold every option, bundle, link, sample and booking.
    let mut extra = Vec::new();
    for page in ["last: 18", "first: 26"] {
        extra.push(count(types.clone(), page).await - count("id".into(), page).await);
    }
    // Options, labels, prices; bundle options, labels, members; grouped members; links and
    // titles; samples and titles; bookings, four schedule tables, tickets and their texts.
    assert_eq!(extra, [18, 18], "queries the product-type fields add to a page of products");
}

/// The product types' rows as root queries (API Platform's per-resource roots): by IRI or id,
/// and catalog-wide pages; rows of disabled products are never shown.
#[tokio::test]
async fn graphql_sub_resource_roots() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = r#"query {
      option: productBundleOption(id: "/api/shop/product_bundle_options/1") { _id type isRequired translation { label } }
      options: productBundleOptions(first: 2) { totalCount edges { node { _id } } }
      member: productBundleOptionProduct(id: "2") { _id qty product { sku } }
      members: productBundleOptionProducts(first: 1) { totalCount }
      link: productDownloadableLink(id: "/api/shop/product-downloadable-links/1") { _id price translation { title } }
      links: productDownloadableLinks { totalCount }
      sample: productDownloadableSample(id: "1") { _id type }
      samples: productDownloadableSamples { totalCount }
      grouped: productGroupedProduct(id: "/api/shop/product_grouped_products/1") { _id qty associatedProduct { sku } }
      groups: productGroupedProducts(last: 1) { totalCount edges { node { _id } } }
      images: productImages(product_id: 1) { totalCount edges { node { id position publicPath } } }
      allImages: productImages(first: 3) { totalCount edges { node { _id } } }
      videos: productVideos(product_id: 999999) { totalCount }
      missing: productBundleOption(id: "999999") { _id }
    }"#;
    let data = shop.data(query, json!({})).await;
    insta::assert_snapshot!(pretty(&data));
    assert_eq!(data["option"]["translation"]["label"], "Headpiece");
    assert_eq!(data["member"]["product"]["sku"], "BASEBALL-CAP");
    assert_eq!(data["options"]["edges"].as_array().unwrap().len(), 2);
    assert!(data["missing"].is_null());
    // The same rows as REST.
    let rest = |path: &str| {
        let shop = &shop;
        let path = path.to_owned();
        async move { body_json(shop.get(&path).send().await).await }
    };
    let images = rest("/api/shop/products/1/images").await;
    assert_eq!(data["images"]["totalCount"].as_u64(), Some(images.as_array().unwrap().len() as u64));
    let resp = shop.get("/api/shop/product-images").send().await;
    let total: u64 = header(&resp, "X-Total-Count").parse().unwrap();
    assert_eq!(data["allImages"]["totalCount"].as_u64(), Some(total));
    assert_eq!(data["videos"]["totalCount"], 0);

    // A disabled bundle hides its options and members; a disabled product its images.
    disable_product(&app, 45).await;
    disable_product(&app, 1).await;
    let data = shop.data(query, json!({})).await;
    assert!(data["option"].is_null() && data["member"].is_null(), "{data}");
    // The shirt (product 1) is a member of the grouped set: the row stays, its product is hidden.
    assert_eq!(data["grouped"]["_id"], 1, "{data}");
    assert!(data["grouped"]["associatedProduct"].is_null(), "{data}");
    assert_eq!(data["options"]["totalCount"], 0);
    assert_eq!(data["images"]["totalCount"], 0);
    assert!(data["allImages"]["totalCount"].as_u64().unwrap() < total);
}

/// `productReview` shows approved reviews only (BS-PRIV), as the legacy `review` query now
/// does; `pageByUrlKeypages` finds the channel's pages by URL key.
#[tokio::test]
async fn graphql_review_by_id_and_pages_by_url_key() {
    use polyshop_entities::{cms_page_translations, product_reviews};
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let reviews = product_reviews::Entity::find().all(app.db()).await.unwrap();
    let approved = reviews.iter().find(|r| r.status == "approved").unwrap().id;
    let hidden = reviews.iter().find(|r| r.status != "approved").unwrap().id;
    let query = "query($id: ID!) { productReview(id: $id) { _id rating } review(id: $id) { id } }";
    let shown = shop.data(query, json!({"id": format!("/api/shop/reviews/{approved}")})).await;
    assert_eq!(shown["productReview"]["_id"], approved, "{shown}");
    assert!(!shown["review"].is_null());
    let none = shop.data(query, json!({"id": hidden.to_string()})).await;
    assert!(none["productReview"].is_null() && none["review"].is_null(), "{none}");

    let key = cms_page_translations::Entity::find().one(app.db()).await.unwrap().unwrap();
    let query = "query($key: String!) { pageByUrlKeypages(urlKey: $key) { _id translation { urlKey } } }";
    let pages = shop.data(query, json!({"key": key.url_key})).await;
    assert_eq!(pages["pageByUrlKeypages"][0]["_id"], key.cms_page_id, "{pages}");
    for unknown in ["no-such-page", "", "   "] {
        let none = shop.data(query, json!({"key": unknown})).await;
        assert_eq!(none["pageByUrlKeypages"], json!([]), "{unknown:?}");
    }
    // The inventory's spelling answers the same.
    let alias = "query($key: String!) { pageByUrlKeyPages(urlKey: $key) { _id translation { urlKey } } }";
    let same = shop.data(alias, json!({"key": key.url_key})).await;
    assert_eq!(same["pageByUrlKeyPages"], pages["pageByUrlKeypages"]);
}
