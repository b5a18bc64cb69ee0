//! Every root field of the shop GraphQL schema against the schema it publishes (introspection),
//! property-style, like the REST conformance test: arguments are generated from their declared
//! types (typical values, and hostile ones: 32-bit edges and beyond, NUL characters, over-long
//! text, unknown enum values, nulls), sent as variables with the storefront key, and each
//! answer is checked:
//!
//! - no 5xx and no internal error, ever;
//! - a request with typical arguments passes validation (no error without a `path`);
//! - `data` has the shape the schema declares for what was selected (scalar types, enums,
//!   lists, non-null fields, 32-bit `Int`s).
//!
//! Deterministic (seeded); `POLYSHOP_CONFORMANCE_CASES` raises the cases per field.

use serde_json::{Map, Value, json};

use crate::{
    conformance::{Mode, Rng, cases_per_operation},
    harness::{TestApp, status_json},
};

const INTROSPECTION: &str = r#"{ __schema { queryType { name } types { kind name
  enumValues { name }
  inputFields { name type { ...T } }
  fields { name args { name type { ...T } } type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }"#;

struct Schema {
    types: Map<String, Value>,
}

impl Schema {
    fn of(&self, name: &str) -> &Value {
        &self.types[name]
    }

    /// `[Int!]!` for a type reference.
    fn render(t: &Value) -> String {
        match t["kind"].as_str().unwrap() {
            "NON_NULL" => format!("{}!", Self::render(&t["ofType"])),
            "LIST" => format!("[{}]", Self::render(&t["ofType"])),
            _ => t["name"].as_str().unwrap().to_owned(),
        }
    }

    /// The named type under list and non-null wrappers.
    fn named(t: &Value) -> &str {
        match t["kind"].as_str().unwrap() {
            "NON_NULL" | "LIST" => Self::named(&t["ofType"]),
            _ => t["name"].as_str().unwrap(),
        }
    }

    fn is_leaf(&self, t: &Value) -> bool {
        matches!(self.of(Self::named(t))["kind"].as_str(), Some("SCALAR" | "ENUM"))
    }

    /// A value for an input of type `t`; `None` leaves a nullable input out.
    fn input(&self, t: &Value, mode: Mode, rng: &mut Rng, depth: usize) -> Option<Value> {
        let (t, nullable) = match t["kind"].as_str().unwrap() {
            "NON_NULL" => (&t["ofType"], false),
            _ => (t, true),
        };
        if nullable && rng.chance(if mode == Mode::Typical { 50 } else { 30 }) {
            return if mode == Mode::Hostile && rng.chance(50) { Some(Value::Null) } else { None };
        }
        if t["kind"] == "LIST" {
            let n = if depth > 2 { 0 } else { rng.below(3) };
            return Some(Value::Array(
                (0..n).map(|_| self.input(&t["ofType"], mode, rng, depth + 1).unwrap_or(Value::Null)).collect(),
            ));
        }
        let name = t["name"].as_str().unwrap();
        let ty = self.of(name);
        Some(match ty["kind"].as_str().unwrap() {
            "ENUM" => {
                if mode == Mode::Hostile && rng.chance(20) {
                    json!("NOT_A_VALUE")
                } else {
                    let values = ty["enumValues"].as_array().unwrap();
                    rng.pick(values)["name"].clone()
                }
            }
            "INPUT_OBJECT" => {
                let mut object = Map::new();
                for field in ty["inputFields"].as_array().unwrap() {
                    if depth < 3
                        && let Some(v) = self.input(&field["type"], mode, rng, depth + 1)
                    {
                        object.insert(field["name"].as_str().unwrap().to_owned(), v);
                    }
                }
                Value::Object(object)
            }
            _ => scalar(name, mode, rng),
        })
    }

    /// The selection set of type `name`: its leaf fields, and objects without required
    /// arguments down to `depth` 0.
    fn selection(&self, name: &str, depth: usize) -> String {
        let ty = self.of(name);
        let mut parts = vec!["__typename".to_owned()];
        for field in ty["fields"].as_array().into_iter().flatten() {
            let required_args =
                field["args"].as_array().is_some_and(|args| args.iter().any(|a| a["type"]["kind"] == "NON_NULL"));
            if required_args {
                continue;
            }
            let field_name = field["name"].as_str().unwrap();
            if self.is_leaf(&field["type"]) {
                parts.push(field_name.to_owned());
            } else if depth > 0 {
                let inner = Self::named(&field["type"]);
                if matches!(self.of(inner)["kind"].as_str(), Some("OBJECT")) {
                    parts.push(format!("{field_name} {{ {} }}", self.selection(inner, depth - 1)));
                }
            }
        }
        parts.join(" ")
    }

    /// Problems in `value`, the answer for type `t`: every field it holds is checked against the
    /// type the schema declares for it.
    fn check(&self, t: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
        match t["kind"].as_str().unwrap() {
            "NON_NULL" => {
                if value.is_null() {
                    found.push(format!("{at}: null for a non-null {}", Self::render(t)));
                } else {
                    self.check(&t["ofType"], value, at, found);
                }
            }
            _ if value.is_null() => {}
            "LIST" => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check(&t["ofType"], item, &format!("{at}[{i}]"), found);
                    }
                }
                None => found.push(format!("{at}: {value} is not a list")),
            },
            _ => {
                let name = t["name"].as_str().unwrap();
                let ty = self.of(name);
                match ty["kind"].as_str().unwrap() {
                    "ENUM" => {
                        let known = ty["enumValues"].as_array().unwrap().iter().any(|v| v["name"] == *value);
                        if !known {
                            found.push(format!("{at}: {value} is not a value of {name}"));
                        }
                    }
                    "SCALAR" => {
                        let ok = match name {
                            "Int" => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
                            "Float" => value.is_number(),
                            "String" | "ID" => value.is_string(),
                            "Boolean" => value.is_boolean(),
                            _ => true,
                        };
                        if !ok {
                            found.push(format!("{at}: {value} is not a {name}"));
                        }
                    }
                    _ => match value.as_object() {
                        Some(object) => {
                            for (key, v) in object {
                                if key == "__typename" {
                                    continue;
                                }
                                let field = ty["fields"].as_array().unwrap().iter().find(|f| f["name"] == *key);
                                match field {
                                    Some(f) => self.check(&f["type"], v, &format!("{at}.{key}"), found),
                                    None => found.push(format!("{at}.{key}: not a field of {name}")),
                                }
                            }
                        }
                        None => found.push(format!("{at}: {value} is not an object")),
                    },
                }
            }
        }
    }
}

fn scalar(name: &str, mode: Mode, rng: &mut Rng) -> Value {
    let typical = mode == Mode::Typical || rng.chance(40);
    match (name, typical) {
        ("Int", true) => json!(rng.pick(&[1, 2, 5, 10, 20, 100])),
        ("Int", false) => {
            json!(rng.pick(&[-1_i64, i64::from(i32::MAX), i64::from(i32::MIN), 1 << 31, 1 << 40, i64::MAX]))
        }
        ("Float", true) => json!(rng.pick(&["1.5", "0", "10"]).parse::<f64>().unwrap()),
        ("Float", false) => json!(rng.pick(&["-1", "1e300", "-1e300"]).parse::<f64>().unwrap()),
        ("Boolean", _) => json!(rng.chance(50)),
        ("ID", true) => json!(rng.pick(&["/api/shop/products/1", "1", "2", "/api/shop/categories/2", "3"])),
        ("ID", false) => json!(rng.pick(&[
            "/api/shop/products/99999999999999999999",
            "-1",
            "abc",
            "a\u{0}b",
            "/api/shop/products/9223372036854775807",
            "",
        ])),
        ("String", true) => json!(rng.pick(&["shirt", "OXF-SHIRT", "en", "USD", "oxford-shirt", "name", "asc"])),
        ("String", false) => {
            let long = "x".repeat(5000);
            json!(rng.pick(&["", "a\u{0}b", "%", "' OR 1=1 --", long.as_str(), "名前", "-1"]))
        }
        // Custom scalars (`Iterable`: free JSON).
        (_, true) => json!({}),
        (_, false) => json!([1, "a\u{0}", {"k": null}]),
    }
}

/// Every root query field, `cases` times each.
#[tokio::test]
async fn every_root_field_answers_as_the_schema_says() {
    let cases = cases_per_operation();
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let introspection = shop.data(INTROSPECTION, json!({})).await;
    let types: Map<String, Value> = introspection["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_owned(), t.clone()))
        .collect();
    let schema = Schema { types };
    let query_type = introspection["__schema"]["queryType"]["name"].as_str().unwrap();
    let mut rng = Rng(20_261_205);
    let mut problems = Vec::new();
    let mut sent = 0;
    for field in schema.of(query_type)["fields"].as_array().unwrap().clone() {
        let name = field["name"].as_str().unwrap();
        if name.starts_with("__") {
            continue;
        }
        for n in 0..cases {
            let mode = if n == 0 || rng.chance(40) { Mode::Typical } else { Mode::Hostile };
            let mut declared = Vec::new();
            let mut passed = Vec::new();
            let mut variables = Map::new();
            for arg in field["args"].as_array().unwrap() {
                let arg_name = arg["name"].as_str().unwrap();
                if let Some(value) = schema.input(&arg["type"], mode, &mut rng, 0) {
                    declared.push(format!("${arg_name}: {}", Schema::render(&arg["type"])));
                    passed.push(format!("{arg_name}: ${arg_name}"));
                    variables.insert(arg_name.to_owned(), value);
                }
            }
            let selection = if schema.is_leaf(&field["type"]) {
                String::new()
            } else {
                // A connection down to its nodes' leaves; an object with its children's leaves
                // (deeper selections of a product exceed the complexity limit).
                let named = Schema::named(&field["type"]);
                format!("{{ {} }}", schema.selection(named, if named.ends_with("Connection") { 2 } else { 1 }))
            };
            let args = if passed.is_empty() { String::new() } else { format!("({})", passed.join(", ")) };
            let vars = if declared.is_empty() { String::new() } else { format!("({})", declared.join(", ")) };
            let query = format!("query Conformance{vars} {{ {name}{args} {selection} }}");
            let resp = app
                .post("/api/graphql")
                .header("X-STOREFRONT-KEY", &shop.key)
                .header("x-conformance-case", n.to_string())
                .body_json(&json!({"query": query, "variables": variables}))
                .send()
                .await;
            sent += 1;
            let (status, body) = status_json(resp).await;
            let what = || {
                format!(
                    "{name} ({mode:?}) variables {}",
                    Value::Object(variables.clone()).to_string().chars().take(300).collect::<String>()
                )
            };
            if status >= 500 {
                problems.push(format!("{}: server error {status}: {body}", what()));
                continue;
            }
            let errors = body["errors"].as_array().cloned().unwrap_or_default();
            for e in &errors {
                let internal = e["message"] == "Internal server error" || e["extensions"]["category"] == "internal";
                if internal {
                    problems.push(format!("{}: internal error {e}", what()));
                }
                // Values of the declared types pass type validation (domain rules, such as a
                // cursor or a date format, may still refuse them).
                let message = e["message"].as_str().unwrap_or_default();
                let type_error = message.starts_with("Invalid value for argument")
                    || message.starts_with("Invalid value for variable")
                    || message.contains("expected type")
                    || message == "Query is too complex.";
                if mode == Mode::Typical && type_error {
                    problems.push(format!("{}: typical arguments refused: {e}", what()));
                }
            }
            if let Some(data) = body.get("data").filter(|d| !d.is_null()) {
                let mut found = Vec::new();
                if errors.is_empty() {
                    schema.check(&field["type"], &data[name], name, &mut found);
                } else {
                    // Errors null out their fields: only the types of what is there are checked.
                    let nullable = field["type"]["ofType"].clone();
                    let t = if field["type"]["kind"] == "NON_NULL" { &nullable } else { &field["type"] };
                    schema.check(t, &data[name], name, &mut found);
                    found.retain(|f| !f.contains("null for a non-null"));
                }
                for f in found.into_iter().take(3) {
                    problems.push(format!("{}: data contradicts the schema: {f}", what()));
                }
            }
        }
    }
    assert!(sent >= 20 * cases, "only {sent} requests");
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} of {sent} GraphQL requests contradict the schema:\n{}",
        problems.len(),
        problems.iter().take(200).cloned().collect::<Vec<_>>().join("\n")
    );
}
