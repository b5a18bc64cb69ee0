//! OAuth2 client credentials, bearer authentication and scopes.

use chrono::Duration;
use polyshop_api_community_store::OPERATIONS;
use polyshop_entities::{oauth_access_tokens, oauth_clients};
use sea_orm::EntityTrait;
use serde_json::json;

use super::{ALL_SCOPES, bearer};
use crate::{
    harness::{TestApp, json, status_json},
    pretty,
};

async fn request_token(app: &TestApp, form: &str) -> (u16, serde_json::Value) {
    status_json(
        app.post("/oauth/2.0/token")
            .content_type("application/x-www-form-urlencoded")
            .body(form.to_owned())
            .send()
            .await,
    )
    .await
}

#[tokio::test]
async fn issues_a_bearer_token_valid_for_an_hour() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration("").await;
    let (status, mut body) =
        request_token(&app, &format!("grant_type=client_credentials&client_id={id}&client_secret={secret}")).await;
    assert_eq!(status, 200);
    assert_eq!(body["access_token"].as_str().unwrap().len(), 64);
    body["access_token"] = json!("[token]");
    insta::assert_snapshot!(pretty(&body));
}

#[tokio::test]
async fn refuses_unknown_clients_and_wrong_secrets() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration("").await;
    for form in [
        format!("grant_type=client_credentials&client_id={id}&client_secret=wrong{secret}"),
        format!("grant_type=client_credentials&client_id=nobody&client_secret={secret}"),
    ] {
        let (status, body) = request_token(&app, &form).await;
        assert_eq!(status, 401, "{form}");
        assert_eq!(body["error"], "invalid_client");
        insta::assert_snapshot!("invalid_client", pretty(&body));
    }
}

#[tokio::test]
async fn says_which_token_request_parameter_is_wrong() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration("cs:orders:read").await;
    let cases = [
        ("client_id=x&client_secret=y", 400, "invalid_request", "Check the `grant_type` parameter"),
        (
            "grant_type=password&client_id=x",
            400,
            "unsupported_grant_type",
            "Check that all required parameters have been provided",
        ),
        ("grant_type=client_credentials&client_secret=y", 400, "invalid_request", "Check the `client_id` parameter"),
        ("grant_type=client_credentials&client_id=x", 400, "invalid_request", "Check the `client_secret` parameter"),
    ];
    for (form, status, error, hint) in cases {
        let (got, body) = request_token(&app, form).await;
        assert_eq!((got, body["error"].as_str(), body["hint"].as_str()), (status, Some(error), Some(hint)), "{form}");
    }
    // A scope the integration may not use.
    let form = format!(
        "grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=cs:orders:read%20cs:config:read"
    );
    let (status, body) = request_token(&app, &form).await;
    assert_eq!(status, 400);
    insta::assert_snapshot!("invalid_scope", pretty(&body));
}

/// client_secret_basic (RFC 6749 section 2.3.1), which Swagger UI uses: the credentials in an
/// `Authorization: Basic` header instead of the form.
#[tokio::test]
async fn clients_may_authenticate_with_http_basic() {
    use base64::Engine;
    let app = TestApp::new().await;
    let (id, secret) = app.integration(ALL_SCOPES).await;
    let basic = |pair: &str| format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair));
    let send = |authorization: String, form: String| {
        let app = &app;
        async move {
            status_json(
                app.post("/oauth/2.0/token")
                    .header("authorization", authorization)
                    .content_type("application/x-www-form-urlencoded")
                    .body(form)
                    .send()
                    .await,
            )
            .await
        }
    };
    let (status, body) = send(basic(&format!("{id}:{secret}")), "grant_type=client_credentials".into()).await;
    assert_eq!(status, 200, "{body}");
    let token = body["access_token"].as_str().unwrap();
    app.get("/cs/api/v1/config").header("authorization", bearer(token)).send().await.assert_status_is_ok();
    // The form may repeat the header's credentials, not contradict them.
    let same = format!("grant_type=client_credentials&client_id={id}");
    assert_eq!(send(basic(&format!("{id}:{secret}")), same).await.0, 200);
    let (status, body) =
        send(basic(&format!("{id}:{secret}")), "grant_type=client_credentials&client_id=other".into()).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_request")), "{body}");
    for header in [basic(&format!("{id}:wrong")), basic("no-colon"), "Basic !!!".to_owned()] {
        let (status, body) = send(header.clone(), "grant_type=client_credentials".into()).await;
        assert_eq!((status, body["error"].as_str()), (401, Some("invalid_client")), "{header}: {body}");
    }
}

/// A NUL in a form field is an OAuth `invalid_request` naming it, not a database error.
#[tokio::test]
async fn nul_characters_in_the_token_form_are_refused() {
    let app = TestApp::new().await;
    let (status, body) = request_token(&app, "grant_type=client_credentials&client_id=a%00b&client_secret=x").await;
    assert_eq!(
        (status, body["error"].as_str(), body["hint"].as_str()),
        (400, Some("invalid_request"), Some("Check the `client_id` parameter"))
    );
    // The grant is a form, as RFC 6749 says; a JSON body is the documented 415.
    let resp = app.post("/oauth/2.0/token").body_json(&json!({"grant_type": "client_credentials"})).send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!((status, body["error"].as_bool()), (415, Some(true)), "{body}");
}

#[tokio::test]
async fn a_token_carries_only_the_scopes_requested() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration(ALL_SCOPES).await;
    let form = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=cs:config:read");
    let (status, body) = request_token(&app, &form).await;
    assert_eq!(status, 200);
    let token = body["access_token"].as_str().unwrap();
    app.get("/cs/api/v1/config").header("authorization", bearer(token)).send().await.assert_status_is_ok();
    let (status, body) =
        status_json(app.get("/cs/api/v1/orders").header("authorization", bearer(token)).send().await).await;
    assert_eq!(status, 400);
    insta::assert_snapshot!("out_of_scope", pretty(&body));
}

#[tokio::test]
async fn write_scopes_do_not_imply_read() {
    let app = TestApp::new().await;
    let token = app.token("cs:orders:write cs:products:write").await;
    let auth = bearer(&token);
    let (status, body) = status_json(app.get("/cs/api/v1/orders/1").header("authorization", &auth).send().await).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("Endpoint out of scope.")));
    let (status, _) =
        status_json(app.get("/cs/api/v1/skus/OXF-SHIRT").header("authorization", &auth).send().await).await;
    assert_eq!(status, 400);
    let resp = app
        .patch("/cs/api/v1/orders/1")
        .header("authorization", &auth)
        .body_json(&json!({"data": {"fulfilment": {"handle": "processing"}}}))
        .send()
        .await;
    resp.assert_status_is_ok();
}

#[tokio::test]
async fn tokens_expire_after_an_hour() {
    let app = TestApp::new().await;
    let token = app.token("cs:config:read").await;
    app.clock.advance(Duration::seconds(3599));
    app.get("/cs/api/v1/config").header("authorization", bearer(&token)).send().await.assert_status_is_ok();
    app.clock.advance(Duration::seconds(1));
    let (status, body) =
        status_json(app.get("/cs/api/v1/config").header("authorization", bearer(&token)).send().await).await;
    assert_eq!((status, body["error"].as_str()), (401, Some("access_denied")));
    assert_eq!(body["hint"], "The access token has expired.");
}

#[tokio::test]
async fn refuses_missing_and_unknown_tokens() {
    let app = TestApp::new().await;
    let (status, body) = status_json(app.get("/cs/api/v1/orders").send().await).await;
    assert_eq!(status, 401);
    insta::assert_snapshot!("missing_token", pretty(&body));
    let (status, body) =
        status_json(app.get("/cs/api/v1/orders").header("authorization", "Bearer nope").send().await).await;
    assert_eq!((status, body["hint"].as_str()), (401, Some("The access token is invalid.")));
}

#[tokio::test]
async fn secrets_and_tokens_are_stored_hashed() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration("cs:config:read").await;
    let form = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}");
    let (_, body) = request_token(&app, &form).await;
    let token = body["access_token"].as_str().unwrap();
    let client = oauth_clients::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!(client.secret_hash, polyshop::secrets::sha256_hex(&secret));
    let stored = oauth_access_tokens::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!(stored.token_hash, polyshop::secrets::sha256_hex(token));
    assert_ne!(stored.token_hash, token);
}

/// Fills an operation path's parameters with values that exist in the demo data.
fn sample_path(path: &str) -> String {
    path.replace("{oID}", "1").replace("{pID}", "1").replace("{sku}", "OXF-SHIRT").replace("{id}", "18")
}

#[tokio::test]
async fn every_operation_refuses_calls_without_a_token() {
    let app = TestApp::new().await;
    for op in OPERATIONS.iter().filter(|op| !op.scopes.is_empty()) {
        let path = sample_path(op.path);
        let req = match op.method {
            "GET" => app.get(&path),
            "PATCH" => app.patch(&path).body_json(&json!({"data": {}})),
            other => panic!("unexpected method {other}"),
        };
        let (status, body) = status_json(req.send().await).await;
        assert_eq!((status, body["error"].as_str()), (401, Some("access_denied")), "{} {}", op.method, op.path);
    }
}

#[tokio::test]
async fn every_operation_refuses_tokens_without_its_scope() {
    let app = TestApp::new().await;
    for op in OPERATIONS.iter().filter(|op| !op.scopes.is_empty()) {
        let others: Vec<&str> = ALL_SCOPES.split(' ').filter(|s| !op.scopes.contains(s)).collect();
        let token = app.token(&others.join(" ")).await;
        let path = sample_path(op.path);
        let req = match op.method {
            "GET" => app.get(&path),
            "PATCH" => app.patch(&path).body_json(&json!({"data": {"stock_level": 1}})),
            other => panic!("unexpected method {other}"),
        };
        let resp = req.header("authorization", bearer(&token)).send().await;
        let (status, body) = status_json(resp).await;
        assert_eq!(
            (status, body["message"].as_str()),
            (400, Some("Endpoint out of scope.")),
            "{} {}",
            op.method,
            op.path
        );
    }
}

#[tokio::test]
async fn token_responses_are_json_even_for_wrong_content_types() {
    let app = TestApp::new().await;
    let resp = app.post("/oauth/2.0/token").content_type("multipart/form-data; boundary=x").body("--x--").send().await;
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 415);
    assert_eq!(body["error"], true);
    let _ = json;
}

/// Ten wrong secrets for one client: the next token request is a 429 (an OAuth2 error body with
/// `Retry-After`) even with the right secret, until 15 minutes after the first failure.
#[tokio::test]
async fn throttles_wrong_client_secrets() {
    let app = TestApp::new().await;
    let (id, secret) = app.integration("").await;
    let right = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}");
    for attempt in 1..=10 {
        let (status, _) = request_token(&app, &format!("{right}x")).await;
        assert_eq!(status, 401, "failure {attempt}");
    }
    let resp =
        app.post("/oauth/2.0/token").content_type("application/x-www-form-urlencoded").body(right.clone()).send().await;
    assert_eq!(resp.0.headers()["retry-after"], "900");
    let (status, body) = status_json(resp).await;
    assert_eq!(status, 429);
    assert_eq!(body["error"], "too_many_attempts");
    insta::assert_snapshot!(pretty(&body));
    // Another client is not affected.
    let (other_id, other_secret) = app.integration("").await;
    let other = format!("grant_type=client_credentials&client_id={other_id}&client_secret={other_secret}");
    assert_eq!(request_token(&app, &other).await.0, 200);

    app.clock.advance(Duration::minutes(15));
    assert_eq!(request_token(&app, &right).await.0, 200);
}
