//! Customizable options in the cart and the order (shop REST and GraphQL): the values a shopper
//! gives a product's inputs, checked against each option and priced as the merchant set them.
//!
//! The demo: the leather belt (39.00 on the test day) offers "Engraving" (text, at most 20 characters, option
//! 1, +5.00) and "Gift message" (text area, option 2, free); the tote bag (29.95) requires
//! "Monogram colour" (drop-down, option 3: row 3 Gold +3.00, row 4 Silver +2.00, row 5 Tone on
//! tone +5 %).

use polyshop_entities::{order_items, product_customizable_option_prices as rows, product_customizable_options};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, check_out, post, product_id};
use crate::{
    harness::{Shop, TestApp, status_json},
    pretty,
};

const ADD: &str = "/api/shop/add-product-in-cart";

fn message(answer: &Value) -> String {
    answer["message"].as_str().unwrap_or_default().to_owned()
}

/// The demo's option and price-row ids are as the module comment says.
async fn check_demo_ids(app: &TestApp) {
    let options: Vec<(i64, String)> = product_customizable_options::Entity::find()
        .order_by_asc(product_customizable_options::Column::Id)
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.type_))
        .collect();
    assert_eq!(options, [(1, "field".into()), (2, "area".into()), (3, "drop_down".into())]);
    let tone = rows::Entity::find_by_id(5).one(app.db()).await.unwrap().unwrap();
    assert_eq!((tone.label.as_deref(), tone.price_type.as_str()), (Some("Tone on tone"), "percent"));
}

#[tokio::test]
async fn option_values_are_checked_and_priced() {
    let app = TestApp::new().await;
    check_demo_ids(&app).await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let (tote, belt) = (product_id(&app, "TOTE-BAG").await, product_id(&app, "LEATHER-BELT").await);
    let add = |body: Value| {
        let (shop, token) = (&shop, &token);
        async move { post(shop, token, ADD, body).await }
    };

    // The tote's monogram colour is required; each choice adds its price (5 % of 29.95 is 1.50).
    let (status, answer) = add(json!({"productId": tote})).await;
    assert_eq!((status, message(&answer)), (422, "The customizable option \"Monogram colour\" is required.".into()));
    let (status, answer) = add(json!({"productId": tote, "customizableOptions": {"3": ["0"]}})).await;
    assert_eq!((status, message(&answer)), (422, "The customizable option \"Monogram colour\" is required.".into()));
    let (status, cart) = add(json!({"productId": tote, "customizableOptions": {"3": ["3"]}})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(cart["items"][0]["formattedPrice"], "$32.95");
    add(json!({"productId": tote, "customizableOptions": {"3": [" 3 "]}})).await;
    let (_, cart) = add(json!({"productId": tote, "customizableOptions": {"3": ["5"]}})).await;
    let prices: Vec<(Value, Value)> = cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["formattedPrice"].clone(), i["quantity"].clone()))
        .collect();
    assert_eq!(prices, [(json!("$32.95"), json!(2)), (json!("$31.45"), json!(1))]);
    insta::assert_snapshot!("tote_line_options", pretty(&cart["items"][1]["options"]));

    // Values that do not fit their option, and options on other products.
    let cases = [
        (
            json!({"productId": tote, "customizableOptions": {"3": ["3", "4"]}}),
            "\"Monogram colour\" takes one choice, 2 were given",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"3": ["99"]}}),
            "`99` is not a choice of \"Monogram colour\"",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"3": ["3"], "9": ["x"]}}),
            "9 is not a customizable option of product TOTE-BAG",
        ),
        (
            json!({"productId": belt, "customizableOptions": {"1": ["ABCDEFGHIJKLMNOPQRSTU"]}}),
            "\"Engraving\" takes at most 20 characters",
        ),
        (
            json!({"productId": product_id(&app, "GIFT-BOX").await, "customizableOptions": {"1": ["AB"]}}),
            "product GIFT-BOX takes no customizable options",
        ),
        (
            json!({"productId": tote, "customizableOptions": {"x": ["3"]}}),
            "`customizableOptions`: `x` is not an option id",
        ),
    ];
    for (body, want) in cases {
        let (status, answer) = add(body.clone()).await;
        assert!(matches!(status, 400 | 422) && message(&answer) == want, "{body}: {status} {answer}");
    }

    // The belt's options are optional: without them 39.00 (on sale); engraved 44.00; the message is free.
    let (status, cart) = add(json!({"productId": belt})).await;
    assert_eq!(status, 201, "{cart}");
    let (_, cart) =
        add(json!({"productId": belt, "customizableOptions": {"1": ["AB"], "2": ["Happy birthday"]}})).await;
    let belts: Vec<&Value> = cart["items"].as_array().unwrap().iter().filter(|i| i["productId"] == belt).collect();
    assert_eq!(
        belts.iter().map(|i| i["formattedPrice"].clone()).collect::<Vec<_>>(),
        [json!("$39.00"), json!("$44.00")]
    );
    assert_eq!(
        belts[1]["options"],
        json!([
            {"option_id": 1, "option_label": "AB (+$5.00)", "attribute_name": "Engraving"},
            {"option_id": 2, "option_label": "Happy birthday", "attribute_name": "Gift message"},
        ])
    );
}

#[tokio::test]
async fn the_order_keeps_the_values_and_graphql_takes_them_too() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let belt = product_id(&app, "LEATHER-BELT").await;
    let add = "mutation($input: createAddProductInCartInput!) { createAddProductInCart(input: $input) { addProductInCart { \
        items { edges { node { productId price options } } } } } }";
    let input = json!({"productId": belt, "quantity": 2, "customizableOptions": {"1": "CY"}});
    let answer = shop.graphql_as(&token, add, json!({"input": input})).await;
    let node = &answer["data"]["createAddProductInCart"]["addProductInCart"]["items"]["edges"][0]["node"];
    assert_eq!(node["price"], "44", "{answer}");
    let missing = json!({"productId": product_id(&app, "TOTE-BAG").await});
    let answer = shop.graphql_as(&token, add, json!({"input": missing})).await;
    assert_eq!(answer["errors"][0]["message"], "The customizable option \"Monogram colour\" is required.");

    let order_id = check_out(&shop, &token, Some("flatrate_flatrate")).await;
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (line.sku.as_str(), line.qty_ordered, line.price.value().normalize().to_string()),
        ("LEATHER-BELT", 2, "44".into())
    );
    assert_eq!(
        line.additional.unwrap(),
        json!({"customizable_options": {"1": ["CY"]}, "attributes": [
            {"attribute_name": "Engraving", "option_id": 1, "attribute_type": "field", "option_label": "CY"}]})
    );
    // Ordered again, with the same engraving.
    let (status, again) = post(&shop, &token, "/api/shop/reorder", json!({"orderId": order_id})).await;
    assert_eq!((status, again["itemsAddedCount"].as_i64()), (201, Some(1)), "{again}");
    let (_, cart) = status_json(shop.get("/api/shop/cart").header("Authorization", bearer(&token)).send().await).await;
    assert_eq!(cart["items"][0]["options"][0]["option_label"], "CY (+$5.00)", "{cart}");
}

/// Adds a `file` option "Logo" (png or pdf, +4.00) to the leather belt; its id.
async fn add_logo_option(app: &TestApp, belt: i64) -> i64 {
    use polyshop_entities::product_customizable_option_translations as labels;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let option = product_customizable_options::ActiveModel {
        product_id: Set(belt),
        type_: Set("file".into()),
        is_required: Set(false),
        sort_order: Set(3),
        supported_file_extensions: Set(Some("png, .pdf".into())),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    labels::ActiveModel {
        product_customizable_option_id: Set(option.id),
        locale: Set("en".into()),
        label: Set("Logo".into()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    rows::ActiveModel {
        product_customizable_option_id: Set(option.id),
        price: Set(polyshop_runtime::Amount::new(rust_decimal::Decimal::new(400, 2))),
        price_type: Set("fixed".into()),
        sort_order: Set(0),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    app.catalog_changed().await;
    option.id
}

async fn upload(shop: &Shop<'_>, token: &str, product: i64, option: i64, file: Option<(&str, &[u8])>) -> (u16, Value) {
    use poem::test::{TestForm, TestFormField};
    let mut form = TestForm::new().text("product_id", product.to_string()).text("option_id", option.to_string());
    if let Some((name, bytes)) = file {
        form = form.field(TestFormField::bytes(bytes.to_vec()).name("file").filename(name));
    }
    let resp = shop
        .post("/api/shop/customizable-option-files")
        .header("Authorization", bearer(token))
        .multipart(form)
        .send()
        .await;
    status_json(resp).await
}

#[tokio::test]
async fn file_options_take_an_uploaded_file_once() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let belt = product_id(&app, "LEATHER-BELT").await;
    let logo = add_logo_option(&app, belt).await;
    let png: &[u8] = b"\x89PNG\r\n\x1a\nfake image";

    // Upstream's refusals.
    let cases = [
        (upload(&shop, &token, 999_999, logo, Some(("logo.png", png))).await, (404, "Product not found")),
        (
            upload(&shop, &token, belt, 1, Some(("logo.png", png))).await,
            (400, "The selected option is not a file option for this product."),
        ),
        (
            upload(&shop, &token, belt, logo, Some(("logo.exe", png))).await,
            (400, "The file is missing, has an unsupported extension, or is too large."),
        ),
        (
            upload(&shop, &token, belt, logo, Some(("logo.png", b""))).await,
            (400, "The file is missing, has an unsupported extension, or is too large."),
        ),
    ];
    for ((status, answer), (want_status, want)) in cases {
        assert_eq!((status, message(&answer)), (want_status, want.to_owned()), "{answer}");
    }
    let (status, answer) = upload(&shop, &token, belt, logo, None).await;
    assert_eq!(status, 400, "{answer}");
    assert!(message(&answer).contains("file: is required"), "{answer}");
    let anonymous = shop.post("/api/shop/customizable-option-files").send().await;
    assert_eq!(anonymous.0.status(), 401);

    // A token, then the belt with that logo: 39.00 + 4.00.
    let (status, staged) = upload(&shop, &token, belt, logo, Some(("C:\\art\\logo.png", png))).await;
    assert_eq!(status, 201, "{staged}");
    assert_eq!((staged["fileName"].as_str(), staged["optionId"].as_i64()), (Some("logo.png"), Some(logo)));
    let file_token = staged["token"].as_str().unwrap().to_owned();
    assert_eq!(file_token.len(), 48);
    // Not another customer's, and only once.
    let with = |t: &str| json!({"productId": belt, "customizableOptions": {logo.to_string(): [t]}});
    let invalid = "The uploaded file reference is invalid or has expired. Upload the file again.";
    let (status, answer) = post(&shop, &other, ADD, with(&file_token)).await;
    assert_eq!((status, message(&answer)), (422, invalid.to_owned()));
    let (status, cart) = post(&shop, &token, ADD, with(&file_token)).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(cart["items"][0]["formattedPrice"], "$43.00");
    assert_eq!(cart["items"][0]["options"][0]["option_label"], "logo.png (+$4.00)");
    let (status, answer) = post(&shop, &token, ADD, with(&file_token)).await;
    assert_eq!((status, message(&answer)), (422, invalid.to_owned()));
    // Nor does naming an upload directly work, nor an expired token.
    let (status, answer) = post(&shop, &other, ADD, with("upload:1")).await;
    assert_eq!((status, message(&answer)), (422, invalid.to_owned()));
    let (_, late) = upload(&shop, &token, belt, logo, Some(("late.pdf", b"%PDF-1.4"))).await;
    app.clock.advance(chrono::Duration::minutes(121));
    let (status, answer) = post(&shop, &token, ADD, with(late["token"].as_str().unwrap())).await;
    assert_eq!((status, message(&answer)), (422, invalid.to_owned()));

    // The order line keeps the file's name; the file stays in private storage.
    let order_id = check_out(&shop, &token, Some("flatrate_flatrate")).await;
    let line = order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let additional = line.additional.unwrap();
    assert_eq!(additional["attributes"][0]["option_label"], "logo.png");
    let stored = polyshop_entities::customizable_option_uploads::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!(additional["customizable_options"][logo.to_string()], json!([format!("upload:{}", stored.id)]));
    assert_eq!(std::fs::read(app.storage_dir().join(&stored.path)).unwrap(), png);
    assert!(!stored.path.contains("public"));

    // The sweeper deletes the expired, unused upload and its file; the taken one stays.
    let uploads =
        || async { polyshop_entities::customizable_option_uploads::Entity::find().all(app.db()).await.unwrap() };
    let late_path = uploads().await.into_iter().find(|u| u.used_at.is_none()).unwrap().path;
    assert!(app.storage_dir().join(&late_path).exists());
    let sweep = || {
        polyshop_core::carts::uploads::sweep(app.db(), app.storage_dir(), polyshop_core::clock::Clock::now(&app.clock))
    };
    assert_eq!(sweep().await.unwrap(), 1);
    assert_eq!(sweep().await.unwrap(), 0);
    assert!(!app.storage_dir().join(&late_path).exists());
    assert_eq!(uploads().await.iter().map(|u| u.id).collect::<Vec<_>>(), [stored.id]);
    assert!(app.storage_dir().join(&stored.path).exists());
}

#[tokio::test]
async fn an_owner_has_at_most_twenty_uploads_waiting() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Cy", "cy@example.com", PASSWORD).await;
    let (_, other) = shop.register("Al", "al@example.com", PASSWORD).await;
    let belt = product_id(&app, "LEATHER-BELT").await;
    let logo = add_logo_option(&app, belt).await;
    let png: &[u8] = b"\x89PNG\r\n\x1a\nfake image";
    for n in 0..20 {
        let (status, answer) = upload(&shop, &token, belt, logo, Some(("logo.png", png))).await;
        assert_eq!(status, 201, "upload {n}: {answer}");
    }
    let (status, answer) = upload(&shop, &token, belt, logo, Some(("logo.png", png))).await;
    assert_eq!(status, 429, "{answer}");
    assert!(message(&answer).starts_with("Too many uploaded files are waiting"), "{answer}");
    // Another shopper is not held back; once the tokens expire the owner may upload again.
    assert_eq!(upload(&shop, &other, belt, logo, Some(("logo.png", png))).await.0, 201);
    app.clock.advance(chrono::Duration::minutes(121));
    assert_eq!(upload(&shop, &token, belt, logo, Some(("logo.png", png))).await.0, 201);
}
