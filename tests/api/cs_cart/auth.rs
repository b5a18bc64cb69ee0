//! HTTP Basic with an administrator's email and API key.

use base64::Engine;
use polyshop_api_cs_cart::OPERATIONS;
use polyshop_entities::admins;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::json;

use super::get;
use crate::{
    harness::{TestApp, status_json},
    pretty,
};

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

#[tokio::test]
async fn refuses_missing_and_wrong_credentials_with_a_basic_challenge() {
    let app = TestApp::new().await;
    let created = app.state.admins().create_admin("Admin@Example.com", "Admin").await.unwrap();
    let resp = app.get("/api/orders").send().await;
    assert_eq!(resp.0.headers()["www-authenticate"], "Basic realm=\"User email/API key\"");
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 401);
    insta::assert_snapshot!(pretty(&body));
    for (user, key) in [("admin@example.com", "wrong"), ("nobody@example.com", created.api_key.as_str())] {
        let (status, _) = get(&app, &basic(user, key), "/api/orders").await;
        assert_eq!(status, 401, "{user}");
    }
    // Emails are compared without regard to case.
    assert_eq!(get(&app, &basic("ADMIN@example.com", &created.api_key), "/api/orders").await.0, 200);
}

#[tokio::test]
async fn inactive_admins_cannot_authenticate_and_keys_are_stored_hashed() {
    let app = TestApp::new().await;
    let created = app.state.admins().create_admin("ops@example.com", "Ops").await.unwrap();
    let row = admins::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!(row.api_key_hash.as_deref(), Some(polyshop::secrets::sha256_hex(&created.api_key).as_str()));
    let mut active = row.into_active_model();
    active.status = Set(false);
    active.update(app.db()).await.unwrap();
    assert_eq!(get(&app, &basic("ops@example.com", &created.api_key), "/api/stores").await.0, 401);
}

#[tokio::test]
async fn refuses_bad_admin_details() {
    let app = TestApp::new().await;
    let admins = app.state.admins();
    assert!(admins.create_admin("not-an-email", "X").await.is_err());
    assert!(admins.create_admin("a@example.com", " ").await.is_err());
    admins.create_admin("a@example.com", "A").await.unwrap();
    let err = admins.create_admin("A@example.com", "A again").await.unwrap_err();
    assert!(err.messages()[0].contains("already exists"), "{:?}", err.messages());
}

#[tokio::test]
async fn every_operation_refuses_calls_without_credentials() {
    let app = TestApp::new().await;
    for op in OPERATIONS {
        let path = op.path.replace("{company_id}", "1").replace("{order_id}", "1");
        let req = match op.method {
            "GET" => app.get(&path),
            "POST" => app.post(&path).body_json(&json!({})),
            "PUT" => app.put(&path).body_json(&json!({})),
            "DELETE" => app.delete(&path),
            other => panic!("unexpected method {other}"),
        };
        let (status, body) = status_json(req.send().await).await;
        assert_eq!((status, body["status"].as_i64()), (401, Some(401)), "{} {}", op.method, op.path);
    }
}
