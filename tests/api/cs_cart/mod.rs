//! The CS-Cart REST API.

mod auth;
mod orders;
mod stores;

use serde_json::Value;

use crate::harness::{TestApp, status_json};

/// A test app and an administrator's Basic credentials.
pub async fn app_with_admin() -> (TestApp, String) {
    let app = TestApp::new().await;
    let auth = app.admin_basic().await;
    app.reset_query_count();
    (app, auth)
}

pub async fn get(app: &TestApp, auth: &str, path: &str) -> (u16, Value) {
    status_json(app.get(path).header("authorization", auth).send().await).await
}

pub async fn post(app: &TestApp, auth: &str, path: &str, body: Value) -> (u16, Value) {
    status_json(app.post(path).header("authorization", auth).body_json(&body).send().await).await
}

pub async fn put(app: &TestApp, auth: &str, path: &str, body: Value) -> (u16, Value) {
    status_json(app.put(path).header("authorization", auth).body_json(&body).send().await).await
}

/// Status of a DELETE (204 has no body).
pub async fn delete(app: &TestApp, auth: &str, path: &str) -> (u16, String) {
    let resp = app.delete(path).header("authorization", auth).send().await;
    let status = resp.0.status().as_u16();
    (status, resp.0.into_body().into_string().await.unwrap())
}

/// Every scalar of `v` is a string (or null), except the keys allowed to be other types.
pub fn assert_stringly(v: &Value, at: &str, except: &[&str]) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if !except.contains(&k.as_str()) {
                    assert_stringly(x, &format!("{at}.{k}"), except);
                }
            }
        }
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| assert_stringly(x, &format!("{at}[{i}]"), except)),
        Value::String(_) | Value::Null => {}
        other => panic!("{at} is {other}, not a string"),
    }
}
