//! Drift between the spec and what is built and served:
//! - `generated/` is what `spec/` generates;
//! - the OpenAPI document each surface serves (derived by poem-openapi from the generated code)
//!   says the same as the spec it came from;
//! - (every documented operation is served to some test: `tests/coverage.rs`).

use std::{collections::BTreeSet, path::Path};

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::harness::{TestApp, json as body_json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn generated_code_is_up_to_date() {
    let drift = polyshop_codegen::drift(root()).expect("codegen");
    assert!(drift.is_empty(), "generated/ is stale, run `cargo xtask codegen`:\n{}", drift.join("\n"));
}

/// (surface spec file, where the server publishes its document), from the generated registry.
fn surfaces() -> Vec<(&'static str, &'static str)> {
    polyshop_surfaces::SURFACES.iter().map(|s| (s.info.spec, s.info.document)).collect()
}

#[test]
fn unmatched_paths_belong_to_the_longest_prefix() {
    use polyshop_runtime::{ErrorStyle, SurfaceInfo};
    let style =
        |path: &str| SurfaceInfo::owning(polyshop_surfaces::SURFACES.iter().map(|s| &s.info), path).map(|s| s.style);
    assert_eq!(style("/cs/api/v1/nope"), Some(ErrorStyle::CommunityStore));
    assert_eq!(style("/api/stores/1/nope"), Some(ErrorStyle::CsCart));
    assert_eq!(style("/api/shop/nope"), Some(ErrorStyle::Bagisto));
    assert_eq!(style("/nope"), Some(ErrorStyle::Bagisto));
}

#[tokio::test]
async fn served_openapi_documents_match_the_spec() {
    let app = TestApp::empty().await;
    for (spec, served_at) in surfaces() {
        // The surface's file with its parts (`spec/openapi/<surface>/*.yaml`) merged in.
        let source: Value = polyshop_codegen::load::read_surface_json(root(), spec).unwrap();
        let resp = app.get(served_at).send().await;
        resp.assert_status_is_ok();
        let served = body_json(resp).await;
        let (expected, actual) = (canonical(&source), canonical(&served));
        let mut differences = Vec::new();
        diff("", &expected, &actual, &mut differences);
        assert!(differences.is_empty(), "{served_at} differs from {spec}:\n{}", differences.join("\n"));
    }
}

/// Swagger UI is built on its first request, then kept: both requests answer the page with the
/// surface's own document in it.
#[tokio::test]
async fn swagger_ui_is_served() {
    let app = TestApp::empty().await;
    for (page, title) in [("/cs/api/v1/docs/", "Community Store"), ("/api/cs-cart/docs/", "CS-Cart")] {
        for _ in 0..2 {
            let resp = app.get(page).send().await;
            resp.assert_status_is_ok();
            let html = resp.0.into_body().into_string().await.unwrap();
            assert!(html.contains("swagger") && html.contains(title), "{page}: {html}");
        }
    }
}

/// The parts of an OpenAPI document a client depends on, references resolved, in one form.
fn canonical(doc: &Value) -> Value {
    let mut paths = Map::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let shared: Vec<Value> = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        let mut ops = Map::new();
        for method in ["get", "put", "post", "delete", "patch"] {
            let Some(op) = item.get(method) else { continue };
            let mut params: Vec<Value> = shared
                .iter()
                .chain(op.get("parameters").and_then(Value::as_array).into_iter().flatten())
                .map(|p| {
                    let p = resolve(doc, p);
                    json!({
                        "name": p["name"], "in": p["in"],
                        "required": p.get("required").cloned().unwrap_or(json!(false)),
                        "description": p.get("description").cloned().unwrap_or(Value::Null),
                        "schema": schema(doc, &p["schema"]),
                    })
                })
                .collect();
            params.sort_by_key(|p| format!("{}:{}", p["in"], p["name"]));
            let mut responses = Map::new();
            for (status, resp) in op["responses"].as_object().unwrap() {
                let resp = resolve(doc, resp);
                responses.insert(
                    status.clone(),
                    json!({
                        "description": resp["description"],
                        "content": content(doc, &resp["content"]),
                        "headers": headers(doc, &resp["headers"]),
                    }),
                );
            }
            let body = op.get("requestBody").map(|b| {
                let b = resolve(doc, b);
                json!({"required": b.get("required").cloned().unwrap_or(json!(false)), "content": content(doc, &b["content"])})
            });
            ops.insert(
                method.to_owned(),
                json!({
                    "operationId": op["operationId"],
                    "summary": text(op.get("summary")),
                    "description": text(op.get("description")),
                    "tags": op["tags"],
                    "deprecated": op.get("deprecated").cloned().unwrap_or(json!(false)),
                    // An operation without `security` has the document's.
                    "security": op.get("security").or(doc.get("security")).cloned().unwrap_or(json!([])),
                    "parameters": params,
                    "requestBody": body,
                    "responses": responses,
                }),
            );
        }
        paths.insert(path.clone(), Value::Object(ops));
    }
    // Tag order is presentation (poem-openapi sorts them by name).
    let mut tags: Vec<Value> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| json!({"name": t["name"], "description": text(t.get("description"))}))
        .collect();
    tags.sort_by_key(|t| t["name"].to_string());
    let schemes = doc["components"]["securitySchemes"].clone();
    json!({
        "info": {"title": doc["info"]["title"], "version": doc["info"]["version"], "description": text(doc["info"].get("description"))},
        "tags": tags,
        "securitySchemes": schemes,
        "paths": paths,
    })
}

/// Descriptions compared without surrounding whitespace (YAML folding leaves a newline).
fn text(v: Option<&Value>) -> Value {
    match v.and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => Value::String(s.trim().to_owned()),
        _ => Value::Null,
    }
}

/// Response headers by lower-case name (poem-openapi writes names in upper case).
fn headers(doc: &Value, headers: &Value) -> Value {
    let mut out = Map::new();
    if let Some(h) = headers.as_object() {
        for (name, header) in h {
            let header = resolve(doc, header);
            out.insert(
                name.to_lowercase(),
                json!({
                    "description": text(header.get("description")),
                    "required": header.get("required").cloned().unwrap_or(json!(false)),
                    "schema": schema(doc, &header["schema"]),
                }),
            );
        }
    }
    Value::Object(out)
}

fn content(doc: &Value, content: &Value) -> Value {
    let mut out = Map::new();
    if let Some(c) = content.as_object() {
        for (media, m) in c {
            let media = media.split(';').next().unwrap().trim().to_owned();
            out.insert(media, schema(doc, &m["schema"]));
        }
    }
    Value::Object(out)
}

fn resolve(doc: &Value, v: &Value) -> Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let target = doc.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("unresolved {r}"));
            resolve(doc, target)
        }
        None => v.clone(),
    }
}

/// A schema with references inlined, `allOf: [one]` merged into its annotations, `required`
/// sorted, numbers compared by value and defaults poem-openapi spells out removed.
fn schema(doc: &Value, s: &Value) -> Value {
    schema_within(doc, s, &mut Vec::new())
}

/// `schema`, expanding references except those already being expanded (recursive types),
/// which stay `{"$ref": "<name>"}`.
fn schema_within(doc: &Value, s: &Value, expanding: &mut Vec<String>) -> Value {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap().to_owned();
        if expanding.contains(&name) {
            return json!({"$ref": name});
        }
        expanding.push(name);
        let target = doc.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("unresolved {r}"));
        let out = schema_within(doc, target, expanding);
        expanding.pop();
        return out;
    }
    let s = s.clone();
    let Value::Object(mut obj) = s else { return s };
    if let Some(Value::Array(all)) = obj.remove("allOf") {
        let mut merged = Map::new();
        for part in &all {
            if let Value::Object(o) = schema_within(doc, part, expanding) {
                for (k, v) in o {
                    merged.entry(k).or_insert(v);
                }
            }
        }
        for (k, v) in obj {
            merged.insert(k, v);
        }
        obj = merged;
    }
    let mut out = Map::new();
    for (k, v) in obj {
        let v = match k.as_str() {
            "properties" => Value::Object(
                v.as_object().unwrap().iter().map(|(n, p)| (n.clone(), schema_within(doc, p, expanding))).collect(),
            ),
            "items" | "additionalProperties" if v.is_object() => schema_within(doc, &v, expanding),
            "oneOf" | "anyOf" => {
                Value::Array(v.as_array().unwrap().iter().map(|x| schema_within(doc, x, expanding)).collect())
            }
            "required" => {
                let mut r: Vec<Value> = v.as_array().unwrap().clone();
                r.sort_by_key(|x| x.to_string());
                if r.is_empty() {
                    continue;
                }
                Value::Array(r)
            }
            "minimum" | "maximum" | "default" if v.is_number() => Value::String(
                v.to_string().parse::<Decimal>().map(|d| d.normalize().to_string()).unwrap_or(v.to_string()),
            ),
            "description" => match text(Some(&v)) {
                Value::Null => continue,
                t => t,
            },
            // Names poem-openapi gives inline types, and flags at their default value.
            "title" => continue,
            "nullable" | "readOnly" | "writeOnly" | "deprecated" if v == json!(false) => continue,
            k if k.starts_with("x-") => continue,
            _ => v,
        };
        out.insert(k, v);
    }
    Value::Object(out)
}

fn diff(at: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeSet<&String> = e.keys().chain(a.keys()).collect();
            for k in keys {
                let (ev, av) = (e.get(k).unwrap_or(&Value::Null), a.get(k).unwrap_or(&Value::Null));
                diff(&format!("{at}/{k}"), ev, av, out);
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(&format!("{at}/{i}"), ev, av, out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("  {at}: spec {expected} vs served {actual}")),
    }
}
