//! Every REST operation against its published OpenAPI document, property-style: requests are
//! generated from each operation's parameters and body schema (typical values, boundaries and
//! hostile ones: 64-bit extremes, over-long text, NUL characters, wrong types), sent with the
//! credentials the operation requires, and each answer is checked against the document:
//!
//! - no 5xx, ever;
//! - the status is one the operation documents;
//! - a success body has the documented shape (types, required fields, enums, nullability);
//! - a list (a GET without path parameters) asked with values the spec allows succeeds.
//!
//! Generation is deterministic (a seeded SplitMix64), so a failure reproduces; set
//! `POLYSHOP_CONFORMANCE_CASES` to run more cases per operation than the default.

use std::fmt::Write;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value, json};

use crate::harness::{TestApp, status_json};

/// Lists of one parent's children, the parent named by a query parameter, which answer as
/// upstream does when the parent is missing or not the caller's (404, or 400 for an unknown
/// resolution) instead of an empty page: the "a list the spec allows succeeds" rule does not
/// apply to them (their statuses and shapes are still checked).
const PARENT_LOOKUPS: &[&str] =
    &["/api/shop/return-messages", "/api/shop/returnable-items", "/api/shop/return-reasons"];

/// Requests per operation (the first one uses typical values only).
const DEFAULT_CASES: usize = 12;

/// Cases per operation: [`DEFAULT_CASES`], or `POLYSHOP_CONFORMANCE_CASES`.
pub fn cases_per_operation() -> usize {
    std::env::var("POLYSHOP_CONFORMANCE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_CASES)
}

pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap()).unwrap()
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How adventurous a generated value is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Values the spec allows, like a well-behaved client's.
    Typical,
    /// Anything: the spec's limits and beyond, wrong types, NUL characters.
    Hostile,
}

struct Doc<'a> {
    root: &'a Value,
}

impl<'a> Doc<'a> {
    /// `v` with its `$ref` (into this document) followed; a lone `allOf: [{$ref}, ...]` (how
    /// poem-openapi writes a named type with a default) is the type it names.
    fn resolve(&self, v: &'a Value) -> &'a Value {
        if let Some(first) = v.get("allOf").and_then(Value::as_array).and_then(|all| all.first())
            && v.get("type").is_none()
        {
            return self.resolve(first);
        }
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let mut at = self.root;
                for part in r.trim_start_matches("#/").split('/') {
                    at = &at[part.replace("~1", "/").replace("~0", "~")];
                }
                self.resolve(at)
            }
            None => v,
        }
    }
}

/// Samples that match each `pattern` the specs use; a new pattern needs its samples here (the
/// test says so), checked against the pattern itself.
fn pattern_samples(pattern: &str) -> &'static [&'static str] {
    match pattern {
        r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$" | "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" => {
            &["2026-03-01", "2026-11-30", "1999-12-31", "2026-02-30", "2026-02-29", "2024-02-29", "0000-01-01"]
        }
        r"^[0-9]+(\.[0-9]+)?,[0-9]+(\.[0-9]+)?$" => &["0,100", "10.5,20", "100,10", "0,0", "99999999999999999999,1"],
        "^(name|price|created_at|updated_at|id)(-(asc|desc))?$" => &["name", "price-desc", "id-asc", "created_at"],
        r"^\s*(\{[\s\S]*\})?\s*$" => {
            &["", " ", "{}", r#"{"color":"3"}"#, r#"{"color":{"match":"3","match_type":"PARTIAL"}}"#]
        }
        "^(?i:1|0|true|false|yes|no|on|off)?$" => &["1", "0", "true", "FALSE", "yes", "off", ""],
        r"^\s*[0-9]*\s*$" => &["", "0", "1", "3", " 2 ", "17"],
        r"^\s*((date_added|date_updated) (gt|lt|eq) '\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?')?\s*$" => {
            &[
                "",
                "date_added gt '2021-01-01'",
                "date_updated eq '2026-02-30T10:00'",
                "date_added lt '2026-11-30 20:00:59'",
            ]
        }
        r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$" => &["", "1990-01-15", "2000-02-29", "2999-12-31"],
        "^[0-9]*$" => &["", "5550123", "0"],
        "^[A-Za-z]{2}$" => &["US", "de", "QQ"],
        "^([A-Za-z]{2})?$" => &["", "US", "fr", "QQ"],
        "^https?://" => &["https://shop.example.com/paid", "http://localhost/failed"],
        r"^[^@\s]+@[^@\s]+\.[^@\s]+$" => &["a@example.com", "joe.smith@example.com"],
        r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$" => &["a@example.com", " Joe.Smith@Example.com "],
        r"^\s*([^@\s]+@[^@\s]+\.[^@\s]+)?\s*$" => &["", "a@example.com", " B@example.org "],
        r"^\s*([Mm]ale|[Ff]emale|[Oo]ther)?\s*$" => &["", "Male", "female", " Other "],
        _ => &[],
    }
}

impl Doc<'_> {
    /// A query, path or header value for `schema`, as text.
    fn param(&self, schema: &Value, mode: Mode, rng: &mut Rng) -> String {
        let s = self.resolve(schema);
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            if mode == Mode::Hostile && rng.chance(30) {
                return "not-a-listed-value".to_owned();
            }
            return scalar_text(rng.pick(values));
        }
        match s.get("type").and_then(Value::as_str) {
            Some("integer") => integer(s, mode, rng).to_string(),
            Some("number") => match mode {
                Mode::Typical => rng.pick(&["0", "10", "49.9", "100.25"]).to_string(),
                Mode::Hostile => rng.pick(&["1e400", "-1", "99999999999999999999999", "NaN", "abc", ""]).to_string(),
            },
            Some("boolean") => rng.pick(&["true", "false"]).to_string(),
            Some("array") => self.param(&s["items"], mode, rng),
            _ => self.text(s, mode, rng),
        }
    }

    fn text(&self, s: &Value, mode: Mode, rng: &mut Rng) -> String {
        let max = s.get("maxLength").and_then(Value::as_u64).map(|n| usize::try_from(n).unwrap());
        let min = s.get("minLength").and_then(Value::as_u64).map_or(0, |n| usize::try_from(n).unwrap());
        if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
            let samples = pattern_samples(pattern);
            assert!(!samples.is_empty(), "conformance: add samples for the pattern {pattern:?}");
            let re = regex::Regex::new(pattern).unwrap();
            for sample in samples {
                assert!(re.is_match(sample), "conformance: sample {sample:?} does not match {pattern:?}");
            }
            if mode == Mode::Typical || rng.chance(50) {
                return rng.pick(samples).to_string();
            }
        }
        match mode {
            Mode::Typical => {
                let words = ["shirt", "OXF-SHIRT", "en", "USD", "default", "processing", "1", "Élégant", "a b"];
                let word = rng.pick(&words).to_string();
                let fits = word.chars().count() >= min && max.is_none_or(|m| word.chars().count() <= m);
                if fits { word } else { "x".repeat(min.max(1).min(max.unwrap_or(1))) }
            }
            Mode::Hostile => {
                let long = "a".repeat(max.unwrap_or(300) + 1);
                let nul = "a\u{0}b".to_owned();
                rng.pick(&[
                    String::new(),
                    long,
                    nul,
                    "'; DROP TABLE orders; --".to_owned(),
                    "%".to_owned(),
                    "ü".repeat(40),
                ])
                .clone()
            }
        }
    }

    /// A JSON value for `schema`.
    fn body(&self, schema: &Value, mode: Mode, rng: &mut Rng, depth: usize) -> Value {
        let s = self.resolve(schema);
        if let Some(options) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            return self.body(rng.pick(options), mode, rng, depth);
        }
        if mode == Mode::Hostile && rng.chance(8) {
            return rng.pick(&[json!(null), json!(i64::MAX), json!("x"), json!([]), json!({}), json!(1e300)]).clone();
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            return rng.pick(values).clone();
        }
        match s.get("type").and_then(Value::as_str) {
            Some("object") | None if s.get("properties").is_some() || s.get("additionalProperties").is_some() => {
                let mut out = Map::new();
                if depth > 4 {
                    return Value::Object(out);
                }
                let required: Vec<&str> = s
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                for (name, prop) in s.get("properties").and_then(Value::as_object).into_iter().flatten() {
                    if required.contains(&name.as_str()) || rng.chance(50) {
                        out.insert(name.clone(), self.body(prop, mode, rng, depth + 1));
                    }
                }
                if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object()) {
                    for _ in 0..rng.below(3) {
                        let key = rng.pick(&["1", "2", "17", "abc"]).to_string();
                        out.insert(key, self.body(extra, mode, rng, depth + 1));
                    }
                }
                Value::Object(out)
            }
            Some("array") => {
                let n = if depth > 4 { 0 } else { rng.below(3) };
                Value::Array((0..n).map(|_| self.body(&s["items"], mode, rng, depth + 1)).collect())
            }
            Some("integer") => json!(integer(s, mode, rng)),
            Some("number") => match mode {
                Mode::Typical => json!(rng.pick(&[0.0, 1.5, 10.0, 49.9])),
                Mode::Hostile => rng.pick(&[json!(-1), json!(1e300), json!(99999999999999999999_u128 as f64)]).clone(),
            },
            Some("boolean") => json!(rng.chance(50)),
            Some("string") => json!(self.text(s, mode, rng)),
            _ => json!(rng.pick(&["1", "x"])),
        }
    }

    /// Where `value` breaks `schema`, appended to `problems` with its JSON path.
    fn check(&self, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
        let s = self.resolve(schema);
        if value.is_null() {
            if !s.get("nullable").and_then(Value::as_bool).unwrap_or(false) && s.get("type").is_some() {
                problems.push(format!("{at}: null, but the schema is not nullable"));
            }
            return;
        }
        if let Some(options) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            let fits = options.iter().any(|o| {
                let mut p = Vec::new();
                self.check(o, value, at, &mut p);
                p.is_empty()
            });
            if !fits {
                problems.push(format!("{at}: matches none of the schema's alternatives: {value}"));
            }
            return;
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            for a in all {
                self.check(a, value, at, problems);
            }
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array)
            && !values.contains(value)
        {
            problems.push(format!("{at}: {value} is not one of {values:?}"));
        }
        let ok = match s.get("type").and_then(Value::as_str) {
            None => true,
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            Some(other) => panic!("conformance: unknown schema type {other}"),
        };
        if !ok {
            problems.push(format!("{at}: {value} is not of type {}", s["type"]));
            return;
        }
        if let Some(object) = value.as_object() {
            for name in s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if !object.contains_key(name) {
                    problems.push(format!("{at}: the required `{name}` is missing"));
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, v) in object {
                match props.and_then(|p| p.get(k)) {
                    Some(prop) => self.check(prop, v, &format!("{at}.{k}"), problems),
                    None => {
                        if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object()) {
                            self.check(extra, v, &format!("{at}.{k}"), problems);
                        }
                    }
                }
            }
        }
        if let (Some(items), Some(list)) = (s.get("items"), value.as_array()) {
            for (i, v) in list.iter().enumerate() {
                self.check(items, v, &format!("{at}[{i}]"), problems);
            }
        }
    }
}

fn integer(s: &Value, mode: Mode, rng: &mut Rng) -> i128 {
    // Bounds are written as floats (`1.0`) by poem-openapi; the specs' bounds are whole numbers.
    #[allow(clippy::cast_possible_truncation)]
    let whole = |f: f64| f as i64;
    let bound = |key: &str| s.get(key).and_then(|v| v.as_i64().or_else(|| v.as_f64().map(whole))).map(i128::from);
    let (min, max) = (bound("minimum"), bound("maximum"));
    let int32 = s.get("format").and_then(Value::as_str) == Some("int32");
    match mode {
        Mode::Typical => {
            let low = min.unwrap_or(1);
            let high = max.unwrap_or(low + 4).min(low + 4);
            low + i128::try_from(rng.below(usize::try_from(high - low + 1).unwrap())).unwrap()
        }
        Mode::Hostile => {
            let mut edges = vec![0, -1, i128::from(i64::MAX), i128::from(i64::MIN), i128::from(u64::MAX), 1 << 70];
            if int32 {
                edges.extend([i128::from(i32::MAX) + 1, i128::from(i32::MIN) - 1]);
            }
            edges.extend(min.map(|m| m - 1));
            edges.extend(max.map(|m| m + 1));
            *rng.pick(&edges)
        }
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Percent-encodes a query or path value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            write!(out, "%{b:02X}").unwrap();
        }
    }
    out
}

/// The credentials of one security alternative of an operation, as (header, value) pairs.
async fn credentials(app: &TestApp, doc: &Doc<'_>, op: &Value, creds: &mut Credentials) -> Vec<(String, String)> {
    let security = op.get("security").or_else(|| doc.root.get("security")).and_then(Value::as_array);
    let Some(alternative) = security.and_then(|alts| alts.first()).and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut headers = Vec::new();
    for name in alternative.keys() {
        let scheme = &doc.root["components"]["securitySchemes"][name];
        match (scheme["type"].as_str(), scheme["scheme"].as_str()) {
            (Some("oauth2"), _) => {
                headers.push(("authorization".to_owned(), format!("Bearer {}", creds.token(app).await)))
            }
            (Some("http"), Some("basic")) => headers.push(("authorization".to_owned(), creds.basic(app).await)),
            (Some("apiKey"), _) => {
                headers.push((scheme["name"].as_str().unwrap().to_owned(), creds.key(app).await));
            }
            // A fresh guest cart per case.
            (Some("http"), Some("bearer")) if name == "CartToken" => {
                let (_, token) = app.state.carts().create_guest(1).await.unwrap();
                headers.push(("authorization".to_owned(), format!("Bearer {token}")))
            }
            // A fresh token per case: a case may sign out or delete the account.
            (Some("http"), Some("bearer")) if name == "CustomerToken" => {
                headers.push(("authorization".to_owned(), format!("Bearer {}", creds.customer_token(app).await)))
            }
            other => panic!("conformance: no credentials for security scheme {name} {other:?}"),
        }
    }
    headers
}

#[derive(Default)]
struct Credentials {
    token: Option<String>,
    basic: Option<String>,
    key: Option<String>,
}

/// The customer the conformance run signs in as.
const CONFORMANCE_CUSTOMER: &str = "conformance@example.com";

impl Credentials {
    async fn token(&mut self, app: &TestApp) -> String {
        let scopes = "cs:orders:read cs:orders:write cs:products:read cs:products:write cs:config:read";
        if self.token.is_none() {
            self.token = Some(app.token(scopes).await);
        }
        self.token.clone().unwrap()
    }

    async fn basic(&mut self, app: &TestApp) -> String {
        if self.basic.is_none() {
            self.basic = Some(app.admin_basic().await);
        }
        self.basic.clone().unwrap()
    }

    /// A new token of the conformance customer (registered again if a case deleted them).
    async fn customer_token(&mut self, app: &TestApp) -> String {
        let customers = app.state.customers();
        let existing = polyshop_entities::customers::Entity::find()
            .filter(polyshop_entities::customers::Column::Email.eq(CONFORMANCE_CUSTOMER))
            .one(app.db())
            .await
            .unwrap();
        let id = match existing {
            Some(c) => c.id,
            None => {
                let new = polyshop::customers::NewCustomer {
                    first_name: "Conformance".into(),
                    last_name: "Run".into(),
                    email: CONFORMANCE_CUSTOMER.into(),
                    password: "conformance".into(),
                    ..Default::default()
                };
                customers.register(new, 1).await.unwrap().customer.id
            }
        };
        customers.issue_token(id, "conformance").await.unwrap().token
    }

    async fn key(&mut self, app: &TestApp) -> String {
        if self.key.is_none() {
            self.key = Some(app.shop().await.key);
        }
        self.key.clone().unwrap()
    }
}

/// One generated request.
struct Case {
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
    /// Only values the spec allows went into it.
    typical: bool,
}

fn generate(doc: &Doc<'_>, path: &str, method: &str, op: &Value, shared: &[Value], rng: &mut Rng, n: usize) -> Case {
    // The first case is typical throughout; after that, a third of the cases are.
    let typical = n == 0 || rng.chance(33);
    let mode = |rng: &mut Rng| if typical || rng.chance(60) { Mode::Typical } else { Mode::Hostile };
    let mut uri = path.to_owned();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let params = shared.iter().chain(op.get("parameters").and_then(Value::as_array).into_iter().flatten());
    for p in params {
        let p = doc.resolve(p);
        let name = p["name"].as_str().unwrap();
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        if !required && (n == 0 || !rng.chance(50)) {
            continue;
        }
        let m = mode(rng);
        match p["in"].as_str().unwrap() {
            "path" => {
                let value = match (m, doc.resolve(&p["schema"])["type"].as_str()) {
                    (Mode::Typical, Some("integer")) => rng.pick(&["1", "2", "3", "5", "17"]).to_string(),
                    (Mode::Typical, _) => rng.pick(&["OXF-SHIRT", "CLASSIC-TEE-BLUE-M", "1"]).to_string(),
                    (Mode::Hostile, _) => doc.param(&p["schema"], Mode::Hostile, rng),
                };
                uri = uri.replace(&format!("{{{name}}}"), &encode(&value));
            }
            "query" => query.push(format!("{}={}", encode(name), encode(&doc.param(&p["schema"], m, rng)))),
            "header" => {
                let value = doc.param(&p["schema"], m, rng);
                // Header values cannot carry control characters at all (HTTP refuses them).
                if !value.chars().any(char::is_control) {
                    headers.push((name.to_owned(), value));
                }
            }
            other => panic!("conformance: parameter in {other}"),
        }
    }
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    let body = op.get("requestBody").map(|b| {
        let content = doc.resolve(b)["content"].as_object().unwrap();
        let (media, spec) = content.iter().next().unwrap();
        let value = doc.body(&spec["schema"], mode(rng), rng, 0);
        let bytes = if media == "application/x-www-form-urlencoded" {
            let fields = value.as_object().cloned().unwrap_or_default();
            let form: Vec<String> =
                fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(&scalar_text(v)))).collect();
            form.join("&").into_bytes()
        } else {
            serde_json::to_vec(&value).unwrap()
        };
        (media.clone(), bytes)
    });
    Case { method: method.to_uppercase(), uri, headers, body, typical }
}

async fn run_surface(document: &str, cases: usize, problems: &mut Vec<String>) -> usize {
    let app = TestApp::new().await;
    let resp = app.get(document).send().await;
    let (status, root) = status_json(resp).await;
    assert_eq!(status, 200, "{document}");
    let doc = Doc { root: &root };
    let mut creds = Credentials::default();
    let mut rng = Rng(20_261_204);
    let mut sent = 0;
    for (path, item) in root["paths"].as_object().unwrap() {
        let shared: Vec<Value> = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let documented: Vec<u16> =
                op["responses"].as_object().unwrap().keys().map(|k| k.parse().unwrap()).collect();
            let auth = credentials(&app, &doc, op, &mut creds).await;
            for n in 0..cases {
                let case = generate(&doc, path, method, op, &shared, &mut rng, n);
                let mut request =
                    app.request(case.method.parse().unwrap(), &case.uri).header("x-conformance-case", n.to_string());
                for (k, v) in auth.iter().chain(&case.headers) {
                    request = request.header(k.as_str(), v.as_str());
                }
                if let Some((media, bytes)) = &case.body {
                    request = request.content_type(media.as_str()).body(bytes.clone());
                }
                let resp = request.send().await;
                sent += 1;
                let status = resp.0.status().as_u16();
                let bytes = resp.0.into_body().into_bytes().await.unwrap();
                let what = || {
                    let body =
                        case.body.as_ref().map(|(_, b)| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
                    format!(
                        "{} {} {}",
                        case.method,
                        case.uri.chars().take(200).collect::<String>(),
                        body.chars().take(300).collect::<String>()
                    )
                };
                let answer = || String::from_utf8_lossy(&bytes).chars().take(300).collect::<String>();
                if status >= 500 {
                    problems.push(format!("{}: server error {status}: {}", what(), answer()));
                    continue;
                }
                if !documented.contains(&status) {
                    problems.push(format!("{}: {status} is not documented ({documented:?}): {}", what(), answer()));
                    continue;
                }
                let list = method == "get" && !path.contains('{') && !PARENT_LOOKUPS.contains(&path.as_str());
                if case.typical && list && !(200..300).contains(&status) {
                    problems.push(format!("{}: a request the spec allows got {status}: {}", what(), answer()));
                }
                if (200..300).contains(&status)
                    && let Some(schema) = doc
                        .resolve(&op["responses"][status.to_string()])
                        .get("content")
                        .and_then(|c| c.get("application/json"))
                        .map(|c| &c["schema"])
                {
                    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                    let mut found = Vec::new();
                    doc.check(schema, &value, "body", &mut found);
                    for f in found.into_iter().take(3) {
                        problems.push(format!("{}: {status} body contradicts the spec: {f}", what()));
                    }
                }
            }
        }
    }
    sent
}

/// Every operation of the three REST APIs, against the documents they publish.
#[tokio::test]
async fn every_operation_answers_as_its_document_says() {
    let cases = cases_per_operation();
    let mut problems = Vec::new();
    let mut sent = 0;
    for surface in polyshop_surfaces::SURFACES {
        sent += run_surface(surface.info.document, cases, &mut problems).await;
    }
    assert!(sent > 100 * cases, "only {sent} requests");
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} of {sent} requests contradict the published documents:\n{}",
        problems.len(),
        problems.iter().take(400).cloned().collect::<Vec<_>>().join("\n")
    );
}
