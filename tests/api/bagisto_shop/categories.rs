//! Bagisto shop: categories (flat, as a tree, their texts) over REST and GraphQL, and the
//! categories embedded in products.

use polyshop_entities::categories;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use super::support::{ExampleRun, headers, ids, paging, run_documented_examples};
use crate::{
    harness::{TestApp, json as body_json, status_json},
    pretty,
};

async fn disable_category(app: &TestApp, id: i64) {
    categories::Entity::update_many()
        .col_expr(categories::Column::Status, Expr::value(false))
        .filter(categories::Column::Id.eq(id))
        .exec(app.db())
        .await
        .unwrap();
    // As every writer of the catalog's structure does: cached copies are dropped.
    polyshop_core::settings::cache::bump(app.db()).await.unwrap();
}

fn names(nodes: &Value) -> Vec<String> {
    nodes.as_array().unwrap().iter().map(|c| c["translation"]["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn lists_active_categories_by_position_with_children_and_filters() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // 15 a page by default; siblings and levels mixed, by position then id.
    let resp = shop.get("/api/shop/categories").send().await;
    assert_eq!(paging(&resp), headers(["8", "1", "15", "1"]));
    assert_eq!(ids(&body_json(resp).await), [1, 2, 3, 4, 5, 6, 7, 8]);

    // The direct children of the root, each with its own children (one level) and filters.
    let resp = shop.get("/api/shop/categories?parent_id=1").send().await;
    assert_eq!(paging(&resp), headers(["3", "1", "15", "1"]));
    let top = body_json(resp).await;
    assert_eq!(ids(&top), [2, 5, 8]);
    assert_eq!(
        (ids(&top[0]["children"]), ids(&top[1]["children"]), ids(&top[2]["children"])),
        (vec![3, 4], vec![6, 7], vec![])
    );
    let filters: Vec<&str> =
        top[2]["filterableAttributes"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
    assert_eq!(filters, ["price", "color", "size", "brand"]);
    // Shirts and Shoes, in full.
    let resp = shop.get("/api/shop/categories?parent_id=2").send().await;
    assert_eq!(paging(&resp), headers(["2", "1", "15", "1"]));
    insta::assert_snapshot!(pretty(&body_json(resp).await));

    // `parentId` is an alias; `parent_id` wins when both are sent.
    let resp = shop.get("/api/shop/categories?parentId=2").send().await;
    assert_eq!(ids(&body_json(resp).await), [3, 4]);
    let resp = shop.get("/api/shop/categories?parentId=2&parent_id=5").send().await;
    assert_eq!(ids(&body_json(resp).await), [6, 7]);
    let resp = shop.get("/api/shop/categories?parent_id=99").send().await;
    assert_eq!(paging(&resp), headers(["0", "1", "15", "0"]));
    assert_eq!(body_json(resp).await, json!([]));
    // Up to 100 a page; past the end is empty.
    let resp = shop.get("/api/shop/categories?per_page=1000").send().await;
    assert_eq!(paging(&resp), headers(["8", "1", "100", "1"]));
    let resp = shop.get("/api/shop/categories?per_page=3&page=3").send().await;
    assert_eq!(paging(&resp), headers(["8", "3", "3", "3"]));
    assert_eq!(ids(&body_json(resp).await), [7, 8]);
    let (status, body) = status_json(shop.get("/api/shop/categories?parent_id=men").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("parent_id"), "{body}");

    // Inactive categories are left out everywhere, and are 404 by id.
    disable_category(&app, 4).await;
    let resp = shop.get("/api/shop/categories").send().await;
    assert_eq!(paging(&resp), headers(["7", "1", "15", "1"]));
    let (_, men) = status_json(shop.get("/api/shop/categories/2").send().await).await;
    assert_eq!(ids(&men["children"]), [3]);
    assert_eq!(
        status_json(shop.get("/api/shop/categories/4").send().await).await,
        (404, json!({"message": "Category with ID \"4\" not found."}))
    );
    assert_eq!(status_json(shop.get("/api/shop/categories/44").send().await).await.0, 404);
}

#[tokio::test]
async fn one_category_in_the_request_locale() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/categories/2").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none());
    let (status, men) = status_json(resp).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&men));
    // A child's own children are not loaded; the root has no parent.
    assert_eq!(men["children"][0]["children"], json!([]));
    assert_eq!(men["children"][0]["parent"], "/api/shop/categories/2");
    let (_, root) = status_json(shop.get("/api/shop/categories/1").send().await).await;
    assert_eq!((root["parent"].clone(), root["translation"]["name"].clone()), (Value::Null, json!("Root")));

    // In French: the French texts and slug; the root has English texts only.
    let (_, men) = status_json(shop.get("/api/shop/categories/2").header("X-Locale", "fr").send().await).await;
    assert_eq!(men["url"], "http://localhost:8080/hommes");
    assert_eq!(
        men["translation"],
        json!({"id": 3, "categoryId": 2, "locale": "fr", "localeId": 2, "name": "Hommes", "slug": "hommes",
               "urlPath": "hommes", "description": "<p>Hommes</p>", "metaTitle": "Hommes",
               "metaDescription": null, "metaKeywords": null})
    );
    assert_eq!(names(&men["children"]), ["Chemises", "Chaussures"]);
    let (_, root) = status_json(shop.get("/api/shop/categories/1").header("X-Locale", "fr").send().await).await;
    assert_eq!(root["translation"]["locale"], "en");

    // The targets of `translations[]`.
    let (status, text) = status_json(shop.get("/api/shop/category_translations/5").send().await).await;
    assert_eq!(status, 200);
    assert_eq!(
        (text["categoryId"].clone(), text["name"].clone(), text["urlPath"].clone()),
        (json!(3), json!("Chemises"), json!("hommes/chemises"))
    );
    assert_eq!(
        status_json(shop.get("/api/shop/category_translations/99").send().await).await,
        (404, json!({"message": "Category translation with ID \"99\" not found."}))
    );
}

#[tokio::test]
async fn the_active_tree_below_a_parent() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let resp = shop.get("/api/shop/category-trees?parentId=1").send().await;
    assert!(resp.0.headers().get("X-Total-Count").is_none(), "the tree is not paginated");
    insta::assert_snapshot!(pretty(&body_json(resp).await));

    // `depth` counts levels from the top one.
    let (_, top) = status_json(shop.get("/api/shop/category-trees?parentId=1&depth=1").send().await).await;
    assert_eq!(ids(&top), [2, 5, 8]);
    assert!(top.as_array().unwrap().iter().all(|n| n["children"] == json!([])));
    let (_, men) =
        status_json(shop.get("/api/shop/category-trees?parentId=2").header("X-Locale", "fr").send().await).await;
    assert_eq!(names(&men), ["Chemises", "Chaussures"]);
    // No parent, an unknown one or a leaf: nothing; less than one level is refused.
    for path in
        ["/api/shop/category-trees", "/api/shop/category-trees?parentId=99", "/api/shop/category-trees?parentId=3"]
    {
        assert_eq!(status_json(shop.get(path).send().await).await, (200, json!([])), "{path}");
    }
    let (status, body) = status_json(shop.get("/api/shop/category-trees?parentId=1&depth=0").send().await).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("depth"), "{body}");

    // An inactive category hides its subtree, even its active children; the parent's own
    // status does not matter.
    disable_category(&app, 5).await;
    disable_category(&app, 1).await;
    let (_, tree) = status_json(shop.get("/api/shop/category-trees?parentId=1").send().await).await;
    assert_eq!(ids(&tree), [2, 8]);
    assert_eq!(ids(&tree[0]["children"]), [3, 4]);
    let (_, women) = status_json(shop.get("/api/shop/category-trees?parentId=5").send().await).await;
    assert_eq!(ids(&women), [6, 7]);
}

#[tokio::test]
async fn graphql_categories_children_and_filters() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    disable_category(&app, 7).await;
    let query = r#"query($first: Int) {
        categories(first: $first) { totalCount edges { node { id _id position status displayMode logoPath logoUrl
            bannerPath bannerUrl _lft _rgt additional url createdAt updatedAt
            translation { id _id categoryId name slug urlPath description metaTitle metaDescription metaKeywords localeId locale }
            translations { totalCount edges { node { locale name } } }
            children { totalCount edges { node { _id translation { name } } } }
            filterableAttributes(first: 2) { totalCount edges { node { code name isFilterable } } } } } } }"#;
    let resp = app
        .post("/api/graphql")
        .header("X-STOREFRONT-KEY", &shop.key)
        .header("X-Locale", "fr")
        .body_json(&json!({"query": query, "variables": {"first": 3}}))
        .send()
        .await;
    let (status, answer) = status_json(resp).await;
    assert_eq!(status, 200);
    assert!(answer.get("errors").is_none(), "{answer}");
    insta::assert_snapshot!(pretty(&answer["data"]));

    // Every category is listed, by id, inactive ones with status "0"; children are active only.
    let data = shop.data("{ categories(first: 100) { totalCount edges { node { _id status } } } }", json!({})).await;
    assert_eq!(data["categories"]["totalCount"], 8);
    assert_eq!(data["categories"]["edges"][6]["node"], json!({"_id": 7, "status": "0"}));
    let data = shop
        .data(
            r#"{ a: category(id: "/api/shop/categories/5") { url children { totalCount edges { node { _id } } } }
                 b: category(id: 7) { status } c: category(id: "99") { _id }
                 tree: treeCategories { _id position translation { name } children { edges { node { _id } } } }
                 sub: treeCategories(parentId: 2) { _id } none: treeCategories(parentId: 99) { _id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({
            "a": {"url": "http://localhost:8080/women", "children": {"totalCount": 1, "edges": [{"node": {"_id": 6}}]}},
            "b": {"status": "0"},
            "c": null,
            "tree": [
                {"_id": 2, "position": 1, "translation": {"name": "Men"}, "children": {"edges": [{"node": {"_id": 3}}, {"node": {"_id": 4}}]}},
                {"_id": 5, "position": 4, "translation": {"name": "Women"}, "children": {"edges": [{"node": {"_id": 6}}]}},
                {"_id": 8, "position": 7, "translation": {"name": "Accessories"}, "children": {"edges": []}}
            ],
            "sub": [{"_id": 3}, {"_id": 4}],
            "none": []
        })
    );

    // Children, texts and filters of a whole page cost the same queries as of one category.
    // (The fields of a node resolve one after the other, so a loader's batch gathers the nodes
    // that reach it together: filters first, then children, keeps every node in step.)
    let paged = "query($n: Int) { categories(first: $n) { edges { node { url translation { name } translations { totalCount } \
                 filterableAttributes { edges { node { name options { totalCount } } } } \
                 children { edges { node { translation { name } children { totalCount } } } } } } } }";
    // A larger page may cost fewer: its nodes' children are nodes of the page already loaded.
    shop.data(paged, json!({"n": 1})).await; // the key's first use is recorded once
    let mut counts = Vec::new();
    for n in [1, 8] {
        app.reset_query_count();
        let data = shop.data(paged, json!({"n": n})).await;
        assert_eq!(data["categories"]["edges"].as_array().unwrap().len(), usize::try_from(n).unwrap());
        counts.push(app.query_count());
    }
    assert!(counts[1] <= counts[0], "queries for 1 and 8 categories: {counts:?}");
}

#[tokio::test]
async fn products_show_their_active_categories() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    // The canvas sneakers are in Shoes (4) and Women (5); the belt in Men (2) and Accessories (8).
    let (status, sneakers) = status_json(shop.get("/api/shop/products/5").send().await).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&sneakers["categories"]), [4, 5]);
    // The same objects as `GET /api/shop/categories/{id}`.
    let (_, shoes) = status_json(shop.get("/api/shop/categories/4").send().await).await;
    assert_eq!(sneakers["categories"][0], shoes);
    disable_category(&app, 4).await;
    let (_, sneakers) = status_json(shop.get("/api/shop/products/5").send().await).await;
    assert_eq!(ids(&sneakers["categories"]), [5]);

    let query = "query($n: Int) { products(first: $n) { edges { node { sku categories { totalCount edges { node { _id \
                 translation { name } } } } } } } }";
    let data = shop.data(query, json!({"n": 12})).await;
    let belt = data["products"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["sku"] == "LEATHER-BELT")
        .expect("the belt is listed")["node"]
        .clone();
    assert_eq!(
        belt["categories"],
        json!({"totalCount": 2, "edges": [{"node": {"_id": 2, "translation": {"name": "Men"}}}, {"node": {"_id": 8, "translation": {"name": "Accessories"}}}]})
    );
    let mut counts = Vec::new();
    for n in [1, 12] {
        app.reset_query_count();
        shop.data(query, json!({"n": n})).await;
        counts.push(app.query_count());
    }
    assert_eq!(counts[0], counts[1], "{counts:?}");
}

#[tokio::test]
async fn documented_category_examples_run() {
    let run = run_documented_examples(&["categories", "category", "treeCategories"], json!({"id": 2})).await;
    assert_eq!(run, ExampleRun { ran: 20, compared: 14, errors: vec![] });
}

/// `categoryAttributeFilters` (upstream's CategoryAttributeFilter): a category's filter
/// attributes by slug, in any locale, with the range of its products' lowest prices, which the
/// price-sorted list confirms; without a known slug every filterable attribute and the whole
/// catalog's range.
#[tokio::test]
async fn category_attribute_filters_with_their_price_range() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let query = "query($slug: String, $first: Int) { categoryAttributeFilters(categorySlug: $slug, first: $first) { totalCount \
                 edges { node { _id code isFilterable minPrice maxPrice options { totalCount } translations { totalCount } } } } }";
    // The cheapest and the dearest card of a listing, by the list's own price sort.
    let bounds = |path: &'static str| {
        let shop = &shop;
        async move {
            let first = |dir: &'static str| async move {
                let page = body_json(shop.get(&format!("{path}&sort=price-{dir}&per_page=1")).send().await).await;
                page[0]["minimumPrice"].to_string()
            };
            (first("asc").await, first("desc").await)
        }
    };
    // Men (2) by its French slug: its filter attributes, by id, as Category.filterableAttributes lists them.
    let men = shop.data(query, json!({"slug": "hommes"})).await;
    let nodes = men["categoryAttributeFilters"]["edges"].as_array().unwrap().clone();
    let listed = shop
        .data("{ category(id: 2) { filterableAttributes(first: 100) { edges { node { _id } } } } }", json!({}))
        .await;
    let mut expected: Vec<i64> = listed["category"]["filterableAttributes"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["_id"].as_i64().unwrap())
        .collect();
    expected.sort();
    let got: Vec<i64> = nodes.iter().map(|e| e["node"]["_id"].as_i64().unwrap()).collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    let (low, high) = bounds("/api/shop/products?category_id=2").await;
    for e in &nodes {
        assert_eq!(
            (e["node"]["minPrice"].as_str().unwrap(), e["node"]["maxPrice"].as_str().unwrap()),
            (low.as_str(), high.as_str())
        );
    }
    insta::assert_snapshot!(pretty(&men));

    // No slug, or one no category has: every filterable attribute, the whole catalog's range.
    let all = shop.data(query, json!({})).await;
    let unknown = shop.data(query, json!({"slug": "no-such-category"})).await;
    assert_eq!(all, unknown);
    let (low, high) = bounds("/api/shop/products?page=1").await;
    let node = &all["categoryAttributeFilters"]["edges"][0]["node"];
    assert_eq!((node["minPrice"].as_str().unwrap(), node["maxPrice"].as_str().unwrap()), (low.as_str(), high.as_str()));
    assert!(
        all["categoryAttributeFilters"]["edges"].as_array().unwrap().iter().all(|e| e["node"]["isFilterable"] == "1")
    );
    // Paged: upstream's 30 by default, at most 100.
    let one = shop.data(query, json!({"first": 1})).await;
    assert_eq!(one["categoryAttributeFilters"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(one["categoryAttributeFilters"]["totalCount"], all["categoryAttributeFilters"]["totalCount"]);
}
