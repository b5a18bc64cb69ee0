//! The shop GraphQL API: the schema it introspects as equals `spec/graphql/shop.graphql`,
//! API Platform's cursor connections, and the limits (depth, complexity, batch, page size).

use std::collections::BTreeMap;

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, status_json},
    pretty,
};

/// (type kind, description, fields: name → (type, description, deprecation, args: name → (type, description)))
type Shape = BTreeMap<String, (String, Option<String>, BTreeMap<String, FieldShape>)>;
type FieldShape = (String, Option<String>, Option<String>, BTreeMap<String, (String, Option<String>)>);

fn type_string(t: &Type) -> String {
    let base = match &t.base {
        BaseType::Named(n) => n.to_string(),
        BaseType::List(inner) => format!("[{}]", type_string(inner)),
    };
    if t.nullable { base } else { format!("{base}!") }
}

fn sdl_shape(sdl: &str) -> Shape {
    let doc = async_graphql::parser::parse_schema(sdl).expect("SDL parses");
    let mut out = Shape::new();
    for def in doc.definitions {
        let TypeSystemDefinition::Type(t) = def else { continue };
        let t = t.node;
        let description = t.description.map(|d| d.node.trim().to_owned());
        let (kind, fields) = match t.kind {
            TypeKind::Scalar => ("SCALAR", BTreeMap::new()),
            TypeKind::Object(o) => {
                let fields = o
                    .fields
                    .into_iter()
                    .map(|f| {
                        let f = f.node;
                        let deprecation = f.directives.iter().find(|d| d.node.name.node == "deprecated").map(|d| {
                            d.node
                                .get_argument("reason")
                                .map(|r| r.node.to_string().trim_matches('"').to_owned())
                                .unwrap_or_else(|| "No longer supported".into())
                        });
                        let args = f
                            .arguments
                            .into_iter()
                            .map(|a| {
                                let a = a.node;
                                (
                                    a.name.node.to_string(),
                                    (type_string(&a.ty.node), a.description.map(|d| d.node.trim().to_owned())),
                                )
                            })
                            .collect();
                        let shape = (
                            type_string(&f.ty.node),
                            f.description.map(|d| d.node.trim().to_owned()),
                            deprecation,
                            args,
                        );
                        (f.name.node.to_string(), shape)
                    })
                    .collect();
                ("OBJECT", fields)
            }
            TypeKind::InputObject(i) => {
                let fields = i
                    .fields
                    .into_iter()
                    .map(|f| {
                        let f = f.node;
                        let shape = (
                            type_string(&f.ty.node),
                            f.description.map(|d| d.node.trim().to_owned()),
                            None,
                            BTreeMap::new(),
                        );
                        (f.name.node.to_string(), shape)
                    })
                    .collect();
                ("INPUT_OBJECT", fields)
            }
            other => panic!("unexpected SDL type kind {other:?}"),
        };
        out.insert(t.name.node.to_string(), (kind.to_owned(), description, fields));
    }
    out
}

const TYPE_REF: &str = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";

fn ref_string(t: &Value) -> String {
    match t["kind"].as_str().unwrap() {
        "NON_NULL" => format!("{}!", ref_string(&t["ofType"])),
        "LIST" => format!("[{}]", ref_string(&t["ofType"])),
        _ => t["name"].as_str().unwrap().to_owned(),
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

async fn introspected_shape(app: &TestApp) -> Shape {
    let query = format!(
        "{{ __schema {{ types {{ kind name description fields(includeDeprecated: true) {{ name description \
         isDeprecated deprecationReason type {{ {TYPE_REF} }} args {{ name description type {{ {TYPE_REF} }} }} }} \
         inputFields {{ name description type {{ {TYPE_REF} }} }} }} }} }}"
    );
    let resp = app.post("/api/graphql").body_json(&json!({"query": query})).send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 200, "{body}");
    let mut out = Shape::new();
    for t in body["data"]["__schema"]["types"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        let kind = t["kind"].as_str().unwrap();
        // Built-in scalars and introspection types are not part of the SDL.
        if name.starts_with("__") || ["String", "Int", "Float", "Boolean", "ID"].contains(&name) {
            continue;
        }
        let fields = t["fields"]
            .as_array()
            .map(|fields| {
                fields
                    .iter()
                    .map(|f| {
                        let args = f["args"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| {
                                (
                                    a["name"].as_str().unwrap().to_owned(),
                                    (ref_string(&a["type"]), text(&a["description"])),
                                )
                            })
                            .collect();
                        let deprecation =
                            if f["isDeprecated"] == json!(true) { text(&f["deprecationReason"]) } else { None };
                        (
                            f["name"].as_str().unwrap().to_owned(),
                            (ref_string(&f["type"]), text(&f["description"]), deprecation, args),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let inputs = t["inputFields"].as_array().map(|fields| {
            fields
                .iter()
                .map(|f| {
                    let shape = (ref_string(&f["type"]), text(&f["description"]), None, BTreeMap::new());
                    (f["name"].as_str().unwrap().to_owned(), shape)
                })
                .collect()
        });
        let fields = inputs.unwrap_or(fields);
        out.insert(name.to_owned(), (kind.to_owned(), text(&t["description"]), fields));
    }
    out
}

#[tokio::test]
async fn the_server_introspects_as_the_sdl_says() {
    let app = TestApp::empty().await;
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/graphql/shop.graphql")).unwrap();
    let (expected, actual) = (sdl_shape(&sdl), introspected_shape(&app).await);
    let mut differences = Vec::new();
    for name in expected.keys().chain(actual.keys()).collect::<std::collections::BTreeSet<_>>() {
        match (expected.get(name), actual.get(name)) {
            (Some(e), Some(a)) if e == a => {}
            (Some(e), Some(a)) => {
                if e.0 != a.0 || e.1 != a.1 {
                    differences.push(format!("{name}: {:?} vs {:?}", (&e.0, &e.1), (&a.0, &a.1)));
                }
                for field in e.2.keys().chain(a.2.keys()).collect::<std::collections::BTreeSet<_>>() {
                    if e.2.get(field) != a.2.get(field) {
                        differences.push(format!(
                            "{name}.{field}: SDL {:?} vs served {:?}",
                            e.2.get(field),
                            a.2.get(field)
                        ));
                    }
                }
            }
            (e, a) => differences.push(format!("{name}: SDL {} vs served {}", e.is_some(), a.is_some())),
        }
    }
    assert!(differences.is_empty(), "introspection differs from the SDL:\n{}", differences.join("\n"));
}

#[tokio::test]
async fn locales_and_currencies_as_cursor_connections() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let data = shop
        .data(
            "{ locales { edges { cursor node { id _id code name direction } } pageInfo { startCursor endCursor \
             hasNextPage hasPreviousPage } totalCount } currencies(first: 1) { edges { node { code symbol decimal \
             currencyPosition } } pageInfo { hasNextPage endCursor } totalCount } }",
            json!({}),
        )
        .await;
    insta::assert_snapshot!(pretty(&data));
    let data = shop
        .data(
            "query($after: String) { currencies(first: 1, after: $after) { edges { node { code } } pageInfo { hasNextPage hasPreviousPage } } }",
            json!({"after": "MA=="}),
        )
        .await;
    assert_eq!(data["currencies"]["edges"][0]["node"]["code"], "EUR");
    assert_eq!(data["currencies"]["pageInfo"], json!({"hasNextPage": false, "hasPreviousPage": true}));
    // Items by IRI or number; null when there is none.
    let data = shop
        .data(r#"{ a: locale(id: "/api/shop/locales/2") { code } b: currency(id: 1) { code } c: locale(id: "9") { code } }"#, json!({}))
        .await;
    assert_eq!(data, json!({"a": {"code": "fr"}, "b": {"code": "USD"}, "c": null}));
}

#[tokio::test]
async fn limits_answer_clear_errors() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let first = |n: i64| format!("{{ locales(first: {n}) {{ totalCount }} }}");
    let answer = shop.graphql(&first(101), json!({})).await;
    assert_eq!(answer["errors"][0]["message"], "Argument \"first\" on field \"locales\" must be between 1 and 100");
    assert_eq!(answer["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    let answer = shop.graphql(r#"{ locales(after: "not a cursor") { totalCount } }"#, json!({})).await;
    assert_eq!(answer["errors"][0]["message"], "Invalid cursor provided");
    assert_eq!(answer["errors"][0]["extensions"]["code"], "CURSOR_INVALID");

    // Depth: 22 levels of nested selections.
    let mut deep = String::from("code");
    for _ in 0..7 {
        deep = format!("locales {{ edges {{ node {{ {deep} }} }} }}");
    }
    let answer = shop.graphql(&format!("{{ {deep} }}"), json!({})).await;
    assert!(answer["errors"][0]["message"].as_str().unwrap().contains("nested too deep"), "{answer}");

    // Complexity: many fields.
    let wide: String = (0..450).map(|i| format!("l{i}: locales {{ totalCount }} ")).collect();
    let answer = shop.graphql(&format!("{{ {wide} }}"), json!({})).await;
    assert!(answer["errors"][0]["message"].as_str().unwrap().contains("too complex"), "{answer}");

    // Fragments that expand exponentially (2^22 fields) are refused before validation expands
    // them, with a 400.
    let mut bomb = String::from("query { ...F0 }");
    for i in 0..22 {
        bomb.push_str(&format!(" fragment F{i} on Query {{ ...F{n} ...F{n} }}", n = i + 1));
    }
    bomb.push_str(" fragment F22 on Query { locales { totalCount } }");
    let resp =
        app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key).body_json(&json!({"query": bomb})).send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("fragments are expanded"), "{body}");

    // Batches of at most 10 operations.
    let op = json!({"query": "{ locales { totalCount } }"});
    let resp = app
        .post("/api/graphql")
        .header("X-STOREFRONT-KEY", &shop.key)
        .body_json(&json!(vec![op.clone(); 2]))
        .send()
        .await;
    let (status, body) = status_json(resp).await;
    assert_eq!((status, body[1]["data"]["locales"]["totalCount"].clone()), (200, json!(2)));
    let resp =
        app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key).body_json(&json!(vec![op; 11])).send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!(
        (status, body["errors"][0]["message"].clone()),
        (400, json!("A batch holds at most 10 operations, this one 11."))
    );
    // Not JSON, or no query.
    let resp = app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key).body("{").send().await;
    assert_eq!(resp.0.status(), 400);
    let resp = app.post("/api/graphql").header("X-STOREFRONT-KEY", &shop.key).body_json(&json!({"q": 1})).send().await;
    assert_eq!(status_json(resp).await.1, json!({"errors": [{"message": "Each operation needs a `query` string."}]}));
}
