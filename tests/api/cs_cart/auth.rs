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

/// Ten wrong keys for one email within 15 minutes: the eleventh attempt is a 429 even with the
/// right key, until the oldest failure is 15 minutes old; a success clears the count.
#[tokio::test]
async fn throttles_wrong_keys_per_email() {
    let app = TestApp::new().await;
    let created = app.state.admins().create_admin("admin@example.com", "Admin").await.unwrap();
    let right = basic("admin@example.com", &created.api_key);
    let wrong = basic("ADMIN@example.com", "wrong");
    // Nine failures, then a success: the count starts again.
    for _ in 0..9 {
        assert_eq!(get(&app, &wrong, "/api/orders").await.0, 401);
    }
    assert_eq!(get(&app, &right, "/api/orders").await.0, 200);
    for attempt in 1..=10 {
        assert_eq!(get(&app, &wrong, "/api/stores").await.0, 401, "failure {attempt}");
        app.clock.advance(chrono::Duration::seconds(10));
    }
    let resp = app.get("/api/orders").header("Authorization", &right).send().await;
    // The first failure was 100 s ago: it leaves the 15-minute window in 800 s.
    assert_eq!(resp.0.headers()["retry-after"], "800");
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 429);
    insta::assert_snapshot!(pretty(&body));
    // Another email is not throttled by this one's failures.
    let other = app.state.admins().create_admin("ops@example.com", "Ops").await.unwrap();
    assert_eq!(get(&app, &basic("ops@example.com", &other.api_key), "/api/orders").await.0, 200);

    app.clock.advance(chrono::Duration::seconds(800));
    assert_eq!(get(&app, &right, "/api/orders").await.0, 200);
    // That success cleared the email's failures: nine more are still 401s.
    for _ in 0..9 {
        assert_eq!(get(&app, &wrong, "/api/orders").await.0, 401);
    }
}

/// 50 failures from one address (over any emails) throttle that address, not others.
#[tokio::test]
async fn throttles_wrong_keys_per_address() {
    use polyshop_runtime::BasicVerifier;
    let app = TestApp::new().await;
    let admins = app.state.admins();
    let created = admins.create_admin("admin@example.com", "Admin").await.unwrap();
    let guesser = Some("203.0.113.9");
    for n in 0..50 {
        let refused = admins.verify(&format!("guess{n}@example.com"), "wrong", guesser).await.unwrap_err();
        assert_eq!(refused.status(), 401, "guess {n}");
    }
    let throttled = admins.verify("admin@example.com", &created.api_key, guesser).await.unwrap_err();
    assert_eq!(throttled.status(), 429);
    assert!(admins.verify("admin@example.com", &created.api_key, Some("198.51.100.1")).await.is_ok());
    assert!(admins.verify("admin@example.com", &created.api_key, None).await.is_ok());
}
