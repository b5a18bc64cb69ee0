//! Bagisto shop: countries, their states (nested and flat) and names, over REST and GraphQL.

use serde_json::json;

use super::support::{ExampleRun, headers, ids, paging, run_documented_examples};
use crate::{
    harness::{TestApp, json as body_json, status_json},
    pretty,
};

#[tokio::test]
async fn lists_countries_with_states_and_names() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/countries").send().await;
    assert_eq!(paging(&resp), headers(["249", "1", "10", "25"]));
    let body = body_json(resp).await;
    assert_eq!(ids(&body), (1..=10).collect::<Vec<_>>());
    // Afghanistan: no states, its names inline.
    assert_eq!(
        body[2],
        json!({"id": 3, "code": "AF", "name": "Afghanistan", "states": [], "translations": [
            {"id": 5, "countryId": 3, "locale": "en", "name": "Afghanistan"},
            {"id": 6, "countryId": 3, "locale": "fr", "name": "Afghanistan"}
        ]})
    );
    let resp = shop.get("/api/shop/countries?per_page=100&page=5").send().await;
    assert_eq!(paging(&resp), headers(["249", "5", "50", "5"]));
    assert_eq!(ids(&body_json(resp).await), (201..=249).collect::<Vec<_>>());

    // Canada, with its 13 provinces and territories.
    let resp = shop.get("/api/shop/countries/38").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none());
    let (status, canada) = status_json(resp).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&canada));
    // The names do not follow the request locale: every translation is inline.
    let (_, us) = status_json(shop.get("/api/shop/countries/233").header("X-Locale", "fr").send().await).await;
    assert_eq!((us["name"].clone(), us["states"].as_array().unwrap().len()), (json!("United States"), 57));
    assert_eq!(us["translations"][1]["name"], "États-Unis");
    assert_eq!(
        status_json(shop.get("/api/shop/countries/250").send().await).await,
        (404, json!({"message": "Country with ID \"250\" not found."}))
    );
}

#[tokio::test]
async fn states_nested_in_their_country_or_flat() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/countries/38/states?per_page=2").send().await;
    assert_eq!(paging(&resp), headers(["13", "1", "2", "7"]));
    insta::assert_snapshot!(pretty(&body_json(resp).await));
    let resp = shop.get("/api/shop/countries/38/states?page=2").send().await;
    assert_eq!(paging(&resp), headers(["13", "2", "10", "2"]));
    assert_eq!(ids(&body_json(resp).await), [68, 69, 70]);
    // A country without states; an unknown country.
    let resp = shop.get("/api/shop/countries/3/states").send().await;
    assert_eq!(paging(&resp), headers(["0", "1", "10", "0"]));
    assert_eq!(body_json(resp).await, json!([]));
    assert_eq!(
        status_json(shop.get("/api/shop/countries/999/states").send().await).await,
        (404, json!({"message": "Country with ID \"999\" not found."}))
    );

    // One state within its country: 404 when it belongs to another one.
    let (status, alberta) = status_json(shop.get("/api/shop/countries/38/states/58").send().await).await;
    assert_eq!((status, alberta["defaultName"].clone()), (200, json!("Alberta")));
    assert_eq!(
        status_json(shop.get("/api/shop/countries/233/states/58").send().await).await,
        (404, json!({"message": "Country state with ID \"58\" not found in country \"233\"."}))
    );
    assert_eq!(status_json(shop.get("/api/shop/countries/999/states/58").send().await).await.0, 404);

    // Every state, flat; the same objects.
    let resp = shop.get("/api/shop/country-states?per_page=50&page=2").send().await;
    assert_eq!(paging(&resp), headers(["70", "2", "50", "2"]));
    assert_eq!(ids(&body_json(resp).await), (51..=70).collect::<Vec<_>>());
    let (status, flat) = status_json(shop.get("/api/shop/country-states/58").send().await).await;
    assert_eq!((status, &flat), (200, &alberta));
    assert_eq!(
        status_json(shop.get("/api/shop/country-states/71").send().await).await,
        (404, json!({"message": "Country state with ID \"71\" not found."}))
    );

    // The targets of a state's `translations[]`.
    let (status, name) = status_json(shop.get("/api/shop/country_state_translations/116").send().await).await;
    assert_eq!((status, name), (200, json!({"id": 116, "locale": "fr", "defaultName": "Alberta"})));
    assert_eq!(
        status_json(shop.get("/api/shop/country_state_translations/999").send().await).await,
        (404, json!({"message": "Country state translation with ID \"999\" not found."}))
    );
}

#[tokio::test]
async fn graphql_countries_and_states() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = r#"{ country(id: "/api/shop/countries/38") { id _id code name
            states(first: 2) { totalCount edges { node { id _id code defaultName countryId countryCode
                translation { id _id countryStateId locale defaultName }
                translations { totalCount edges { node { locale defaultName } } } } } pageInfo { hasNextPage endCursor } }
            translations { totalCount edges { node { id _id countryId locale name } } } }
        state: countryState(id: 1) { code defaultName translation { locale defaultName } }
        states: countryStates(countryId: 233, first: 2, after: "MQ==") { totalCount edges { cursor node { _id code } } } }"#;
    let resp = app
        .post("/api/graphql")
        .header("X-STOREFRONT-KEY", &shop.key)
        .header("X-Locale", "fr")
        .body_json(&json!({"query": query}))
        .send()
        .await;
    let (status, answer) = status_json(resp).await;
    assert_eq!(status, 200);
    assert!(answer.get("errors").is_none(), "{answer}");
    insta::assert_snapshot!(pretty(&answer["data"]));

    let data = shop
        .data(
            r#"{ a: country(id: 999) { code } b: countryState(id: "/api/shop/country-states/999") { code }
                 c: countryStates(countryId: 3) { totalCount } d: countryStates(countryId: 999) { totalCount }
                 e: countries(first: 2, after: "MzY=") { totalCount edges { node { code } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({"a": null, "b": null, "c": {"totalCount": 0}, "d": {"totalCount": 0},
               "e": {"totalCount": 249, "edges": [{"node": {"code": "CA"}}, {"node": {"code": "CC"}}]}})
    );

    // States and names of a page of countries cost the same queries as of one.
    let paged = "query($n: Int, $after: String) { countries(first: $n, after: $after) { edges { node { code \
                 translations { totalCount } states { totalCount edges { node { translation { defaultName } } } } } } } }";
    let mut counts = Vec::new();
    for (n, after) in [(1, "MzY="), (100, "MTM2")] {
        app.reset_query_count();
        let data = shop.data(paged, json!({"n": n, "after": after})).await;
        assert_eq!(data["countries"]["edges"].as_array().unwrap().len(), usize::try_from(n).unwrap());
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
}

#[tokio::test]
async fn documented_country_examples_run() {
    let roots = ["countries", "country", "countryState", "countryStates"];
    let run = run_documented_examples(&roots, json!({"id": "/api/shop/countries/38", "countryId": 38})).await;
    assert_eq!(run, ExampleRun { ran: 18, compared: 17, errors: vec![] });
}
