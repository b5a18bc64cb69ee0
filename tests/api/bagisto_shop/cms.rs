//! Storefront content: theme customizations over REST and GraphQL, CMS pages over GraphQL, and
//! the documented GraphQL examples of pages, theme blocks and reviews run against the demo data.

use polyshop_entities::{cms_page_channels, cms_page_translations, theme_customization_translations};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::support::{ExampleRun, ids, paging, run_documented_examples};
use crate::{
    harness::{Shop, TestApp, json as body_json, status_json},
    pretty,
};

/// The four pagination headers of a list response.
/// A GraphQL request sent with extra headers (`X-Locale`, `X-Channel`); its data.
async fn data_with(shop: &Shop<'_>, headers: &[(&str, &str)], query: &str) -> Value {
    let mut req = shop.app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let (status, answer) = status_json(req.body_json(&json!({"query": query})).send().await).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.get("errors").is_none(), "GraphQL errors: {answer}");
    answer["data"].clone()
}

#[tokio::test]
async fn lists_the_published_theme_blocks_of_the_channel() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/theme-customizations").send().await;
    resp.assert_status_is_ok();
    // Block 7 (a draft) is unpublished: never listed.
    assert_eq!(paging(&resp), ["6", "1", "10", "1"].map(String::from));
    let body = body_json(resp).await;
    assert_eq!(ids(&body), [1, 2, 3, 4, 5, 6]);
    insta::assert_snapshot!(pretty(&body));
    // Options are JSON text, keys as MySQL orders them, with their translations inline.
    assert_eq!(body[2]["translation"]["options"], r#"{"filters": {"sort": "asc", "limit": 10, "parent_id": 1}}"#);
    let options: Value = serde_json::from_str(body[0]["translation"]["options"].as_str().unwrap()).unwrap();
    assert_eq!(options["images"][0]["title"], "Spring collection");
    assert_eq!(body[0]["translations"].as_array().unwrap().len(), 2);

    // By type, exactly; an unknown type matches nothing.
    let resp = shop.get("/api/shop/theme-customizations?type=footer_links").send().await;
    assert_eq!(paging(&resp), ["1", "1", "10", "1"].map(String::from));
    assert_eq!(ids(&body_json(resp).await), [5]);
    let resp = shop.get("/api/shop/theme-customizations?type=image_carousel").send().await;
    assert_eq!(ids(&body_json(resp).await), [1], "the unpublished carousel is left out");
    let resp = shop.get("/api/shop/theme-customizations?type=banner").send().await;
    assert_eq!(paging(&resp), ["0", "1", "10", "0"].map(String::from));
    assert_eq!(body_json(resp).await, json!([]));
    let resp = shop.get("/api/shop/theme-customizations?type=FOOTER_LINKS").send().await;
    assert_eq!(body_json(resp).await, json!([]));

    // Pages by sort order; sizes clamped into 1..100.
    let resp = shop.get("/api/shop/theme-customizations?per_page=2&page=2").send().await;
    assert_eq!(paging(&resp), ["6", "2", "2", "3"].map(String::from));
    assert_eq!(ids(&body_json(resp).await), [3, 4]);
    let resp = shop.get("/api/shop/theme-customizations?per_page=1000").send().await;
    assert_eq!(paging(&resp), ["6", "1", "100", "1"].map(String::from));

    // A page costs the same whatever its size (translations load for the whole page at once).
    let mut counts = Vec::new();
    for path in ["/api/shop/theme-customizations?per_page=1", "/api/shop/theme-customizations?per_page=6"] {
        app.reset_query_count();
        shop.get(path).send().await.assert_status_is_ok();
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
}

#[tokio::test]
async fn theme_blocks_follow_the_request_locale() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (status, body) =
        status_json(shop.get("/api/shop/theme-customizations/5").header("X-Locale", "fr").send().await).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&body));
    assert_eq!(body["translation"]["locale"], "fr");
    // Unknown locales and channels fall back silently to the channel's defaults.
    let resp = shop.get("/api/shop/theme-customizations/5").header("X-Locale", "de").header("X-Channel", "nowhere");
    let (_, body) = status_json(resp.send().await).await;
    assert_eq!(body["translation"]["locale"], "en");
    let resp = shop.get("/api/shop/theme-customizations?type=services_content").header("X-Locale", "fr").send().await;
    let body = body_json(resp).await;
    let options: Value = serde_json::from_str(body[0]["translation"]["options"].as_str().unwrap()).unwrap();
    assert_eq!(options["services"][0]["title"], "Livraison gratuite");

    // A missing translation falls back to the default locale's.
    theme_customization_translations::Entity::delete_many()
        .filter(theme_customization_translations::Column::Locale.eq("fr"))
        .filter(theme_customization_translations::Column::ThemeCustomizationId.eq(5))
        .exec(app.db())
        .await
        .unwrap();
    let (_, body) =
        status_json(shop.get("/api/shop/theme-customizations/5").header("X-Locale", "fr").send().await).await;
    assert_eq!(
        (body["translation"]["locale"].clone(), body["translations"].as_array().unwrap().len()),
        (json!("en"), 1)
    );

    // Unpublished or unknown blocks are not found.
    let (status, body) = status_json(shop.get("/api/shop/theme-customizations/7").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Theme customization with ID \"7\" not found."})));
    let (status, body) = status_json(shop.get("/api/shop/theme-customizations/99").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Theme customization with ID \"99\" not found."})));
}

#[tokio::test]
async fn graphql_theme_customizations() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = "query($type: String, $first: Int) { themeCustomizations(type: $type, first: $first) { edges { cursor \
        node { id _id themeCode type name sortOrder status channelId createdAt updatedAt \
        translation { id _id themeCustomizationId locale options } \
        translations { edges { cursor node { _id locale options } } pageInfo { hasNextPage } totalCount } } } \
        pageInfo { hasNextPage endCursor } totalCount } }";
    let data = shop.data(query, json!({"type": "footer_links"})).await;
    insta::assert_snapshot!(pretty(&data));
    let data = shop.data(query, json!({})).await;
    assert_eq!(data["themeCustomizations"]["totalCount"], 6);
    let data = shop.data(query, json!({"type": "banner"})).await;
    assert_eq!(
        data["themeCustomizations"],
        json!({"edges": [], "pageInfo": {"hasNextPage": false, "endCursor": null}, "totalCount": 0})
    );

    // Translations of every block of a page load together: the cost does not grow with the page.
    let mut counts = Vec::new();
    for n in [1, 6] {
        app.reset_query_count();
        let data = shop.data(query, json!({"first": n})).await;
        assert_eq!(data["themeCustomizations"]["edges"].as_array().unwrap().len(), n);
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");

    // One block by IRI (either spelling) or number; unpublished and unknown blocks are null.
    let data = shop
        .data(
            r#"{ a: themeCustomization(id: "/api/theme_customizations/1") { _id type status translation { locale } }
                 b: themeCustomization(id: 6) { name translations(first: 1) { edges { node { locale } } totalCount } }
                 c: themeCustomization(id: "/api/shop/theme-customizations/7") { _id }
                 d: themeCustomization(id: "99") { _id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({
            "a": {"_id": 1, "type": "image_carousel", "status": "1", "translation": {"locale": "en"}},
            "b": {"name": "Services Content", "translations": {"edges": [{"node": {"locale": "en"}}], "totalCount": 2}},
            "c": null, "d": null
        })
    );
    let data =
        data_with(&shop, &[("X-Locale", "fr")], "{ themeCustomization(id: 4) { translation { locale options } } }")
            .await;
    assert_eq!(data["themeCustomization"]["translation"]["locale"], "fr");
    let options: Value =
        serde_json::from_str(data["themeCustomization"]["translation"]["options"].as_str().unwrap()).unwrap();
    assert_eq!(options["title"], "Nouveautés");
}

#[tokio::test]
async fn graphql_cms_pages_of_the_channel() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = "{ pages { edges { cursor node { id _id layout createdAt updatedAt translation { id _id pageTitle urlKey \
        htmlContent metaTitle metaDescription metaKeywords locale } } } pageInfo { hasNextPage endCursor } totalCount } }";
    let data = shop.data(query, json!({})).await;
    insta::assert_snapshot!(pretty(&data));

    // In the request locale, by IRI or number.
    let single = r#"{ a: page(id: "/api/shop/pages/2") { _id translation { pageTitle urlKey locale } }
        b: page(id: 3) { translation { urlKey } } c: page(id: "9") { _id } d: page(id: "about") { _id } }"#;
    let data = data_with(&shop, &[("X-Locale", "fr")], single).await;
    assert_eq!(
        data,
        json!({
            "a": {"_id": 2, "translation": {"pageTitle": "Politique de retour", "urlKey": "politique-de-retour", "locale": "fr"}},
            "b": {"translation": {"urlKey": "confidentialite"}}, "c": null, "d": null
        })
    );
    // Untranslated: the default locale's text.
    cms_page_translations::Entity::delete_many()
        .filter(cms_page_translations::Column::CmsPageId.eq(2))
        .filter(cms_page_translations::Column::Locale.eq("fr"))
        .exec(app.db())
        .await
        .unwrap();
    let data = data_with(&shop, &[("X-Locale", "fr")], single).await;
    assert_eq!(data["a"]["translation"]["locale"], "en");

    // Only pages published in the request channel.
    cms_page_channels::Entity::delete_many()
        .filter(cms_page_channels::Column::CmsPageId.eq(3))
        .exec(app.db())
        .await
        .unwrap();
    let data = shop.data(r#"{ pages { totalCount } page(id: 3) { _id } }"#, json!({})).await;
    assert_eq!(data, json!({"pages": {"totalCount": 2}, "page": null}));

    // Translations of a page of pages load together.
    let mut counts = Vec::new();
    for n in [1, 2] {
        app.reset_query_count();
        let q = format!("{{ pages(first: {n}) {{ edges {{ node {{ translation {{ urlKey }} }} }} }} }}");
        let data = shop.data(&q, json!({})).await;
        assert_eq!(data["pages"]["edges"].as_array().unwrap().len(), n);
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
}

#[tokio::test]
async fn documented_examples_of_pages_themes_and_reviews_run() {
    let roots = ["page", "pages", "themeCustomization", "themeCustomizations", "productReviews", "review", "reviews"];
    // The legacy single-review example declares `$id` but documents no value.
    let run = run_documented_examples(&roots, json!({"id": "1"})).await;
    assert_eq!(run, ExampleRun { ran: 17, compared: 12, errors: vec![] });
}

#[tokio::test]
async fn rest_cms_pages_of_the_channel_newest_first() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/pages").send().await;
    resp.assert_status_is_ok();
    assert_eq!(paging(&resp), ["3", "1", "10", "1"].map(String::from));
    let list = body_json(resp).await;
    insta::assert_snapshot!("rest_pages", pretty(&list));
    // Upstream's `itemsPerPage` is the page size too.
    let resp = shop.get("/api/shop/pages?itemsPerPage=1&page=2").send().await;
    assert_eq!(paging(&resp), ["3", "2", "1", "3"].map(String::from));
    let second = body_json(resp).await;
    assert_eq!(second[0]["_id"], list[1]["_id"]);

    // One, in the request locale; unknown or unpublished: 404.
    let resp = shop.get("/api/shop/pages/2").header("X-Locale", "fr").send().await;
    let (status, page) = status_json(resp).await;
    assert_eq!(
        (status, page["id"].as_str(), page["translation"]["locale"].as_str()),
        (200, Some("/api/shop/pages/2"), Some("fr"))
    );
    assert_eq!(page["translation"]["cmsPageId"], "2");
    cms_page_channels::Entity::delete_many()
        .filter(cms_page_channels::Column::CmsPageId.eq(3))
        .exec(app.db())
        .await
        .unwrap();
    let (status, body) = status_json(shop.get("/api/shop/pages/3").send().await).await;
    assert_eq!((status, body), (404, json!({"message": "Page with ID \"3\" not found."})));
    let resp = shop.get("/api/shop/pages").send().await;
    assert_eq!(paging(&resp)[0], "2");
}

#[tokio::test]
async fn rest_page_texts_of_the_channel() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/page_translations?per_page=50").send().await;
    resp.assert_status_is_ok();
    let texts = body_json(resp).await;
    let all = texts.as_array().unwrap();
    assert!(all.len() >= 6, "every locale's text of the three pages: {texts}");
    assert!(all.windows(2).all(|w| w[0]["_id"].as_i64() < w[1]["_id"].as_i64()), "by id");
    // The target of a page's translation IRI.
    let (_, page) = status_json(shop.get("/api/shop/pages/2").send().await).await;
    let iri = page["translation"]["id"].as_str().unwrap().to_owned();
    let (status, text) = status_json(shop.get(&iri).send().await).await;
    assert_eq!((status, text), (200, page["translation"].clone()));
    // A page withdrawn from the channel takes its texts along.
    cms_page_channels::Entity::delete_many()
        .filter(cms_page_channels::Column::CmsPageId.eq(2))
        .exec(app.db())
        .await
        .unwrap();
    let (status, body) = status_json(shop.get(&iri).send().await).await;
    let id = iri.rsplit('/').next().unwrap();
    assert_eq!((status, body), (404, json!({"message": format!("Page translation with ID \"{id}\" not found.")})));
    let resp = shop.get("/api/shop/page_translations?per_page=50").send().await;
    assert!(body_json(resp).await.as_array().unwrap().len() < all.len());
}
