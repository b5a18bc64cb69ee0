//! `TestApp`: the whole application in process, on a fresh database loaded with the demo
//! dataset, with a hand-moved clock and a counter of the SQL statements it runs.
//!
//! The database is a temporary SQLite file, or, when `TEST_DATABASE_URL` names a PostgreSQL
//! server, a database there (dropped when the test ends), copied from a template built once per
//! run: see [`crate::test_database`].

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use chrono::{TimeZone, Utc};
use poem::{
    EndpointExt,
    http::Method,
    test::{TestClient, TestRequestBuilder},
};
use polyshop::{
    app::{self, AppState},
    clock::ManualClock,
    config::Config,
    settings::cache::ScopeCache,
};
use sea_orm::{DatabaseConnection, DbBackend};
use serde_json::Value;

use crate::{
    served,
    test_database::{Contents, TestDatabase},
};

pub type Ep = poem::endpoint::BoxEndpoint<'static, poem::Response>;

pub struct TestApp {
    pub state: AppState,
    pub clock: ManualClock,
    client: TestClient<Ep>,
    queries: Arc<AtomicUsize>,
    _db: TestDatabase,
    _storage: TempDir,
}

/// 2026-11-01 12:00 UTC: after every demo order, inside the Linen shirt's sale.
pub fn test_now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
}

impl TestApp {
    /// A migrated database with the demo dataset.
    pub async fn new() -> TestApp {
        TestApp::with(Contents::Demo).await
    }

    /// A migrated database with only the install data.
    pub async fn empty() -> TestApp {
        TestApp::with(Contents::Empty).await
    }

    async fn with(contents: Contents) -> TestApp {
        let test_db = TestDatabase::create(contents);
        let mut conn = test_db.connect().await;
        let queries = Arc::new(AtomicUsize::new(0));
        let counter = queries.clone();
        // `POLYSHOP_PRINT_SQL=1` prints every statement, to see what a query count is made of.
        let print = std::env::var_os("POLYSHOP_PRINT_SQL").is_some();
        conn.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::SeqCst);
            if print {
                eprintln!("SQL {}", info.statement.sql);
            }
        });
        let clock = ManualClock::new(test_now());
        let storage = TempDir::new();
        let config = Config { storage_dir: storage.0.clone(), ..Config::default() };
        let mut state = AppState::new(conn, Arc::new(clock.clone()), config);
        // Statement counts must not depend on timing nor on other tests: the scope cache reads
        // this database's settings generation on every request (one statement; production
        // reads it at most once a second) and ignores changes made to other tests' databases.
        state.scopes = Arc::new(ScopeCache::checking_every_request());
        // Keys are kept for the test's length: this process's key changes clear them, and a
        // counted request never depends on how long the one before took.
        state.keys = Arc::new(polyshop::integrations::KeyCache::new(std::time::Duration::from_secs(3600)));
        let endpoint: Ep = app::build(&state).around(served::record).around(fail_on_panic).boxed();
        TestApp { state, clock, client: TestClient::new(endpoint), queries, _db: test_db, _storage: storage }
    }

    /// Another server process on the same database: its own connections and state.
    pub async fn another_process(&self) -> TestClient<Ep> {
        let conn = self._db.connect().await;
        let state = AppState::new(conn, Arc::new(self.clock.clone()), Config::default());
        TestClient::new(app::build(&state).around(served::record).around(fail_on_panic).boxed())
    }

    /// The app's storage directory (uploaded files), empty and private to this test.
    pub fn storage_dir(&self) -> &std::path::Path {
        &self._storage.0
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    pub fn backend(&self) -> DbBackend {
        self.state.db.get_database_backend()
    }

    /// Units of product `product_id` in stock, over every inventory source.
    pub async fn stock(&self, product_id: i64) -> i32 {
        use polyshop_entities::product_inventories;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        product_inventories::Entity::find()
            .filter(product_inventories::Column::ProductId.eq(product_id))
            .all(self.db())
            .await
            .unwrap()
            .iter()
            .map(|i| i.qty)
            .sum()
    }

    /// Tells the app that a test changed the catalog behind its back (SQL by hand), as every
    /// catalog writer must: product pages and the catalog dictionary are kept per settings
    /// generation.
    pub async fn catalog_changed(&self) {
        polyshop_core::settings::cache::bump(self.db()).await.unwrap();
    }

    /// SQL statements run since the last reset.
    pub fn query_count(&self) -> usize {
        self.queries.load(Ordering::SeqCst)
    }

    pub fn reset_query_count(&self) {
        self.queries.store(0, Ordering::SeqCst);
    }

    /// The test database's URL, for a `polyshop serve` process of its own.
    pub fn database_url(&self) -> String {
        self._db.url()
    }

    pub fn get(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::PATCH, path)
    }

    pub fn put(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::PUT, path)
    }

    pub fn delete(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::DELETE, path)
    }

    pub fn options(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(Method::OPTIONS, path)
    }

    pub fn request(&self, method: Method, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.client.request(method, path)
    }

    /// An `Authorization: Basic` value for a new administrator with an API key.
    pub async fn admin_basic(&self) -> String {
        use base64::Engine;
        let created = self.state.admins().create_admin("admin@example.com", "Admin").await.expect("admin");
        let pair = format!("{}:{}", created.email, created.api_key);
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
    }

    /// A storefront client with a new key without a rate limit (for tests not about limits).
    pub async fn shop(&self) -> Shop<'_> {
        use polyshop::integrations::storefront_keys::RateLimit;
        let created = self.state.storefront_keys().create("test storefront", Some(RateLimit::Unlimited), None).await;
        Shop { app: self, key: created.expect("storefront key").key }
    }

    /// Creates an integration allowed `scopes` and returns (client id, client secret).
    pub async fn integration(&self, scopes: &str) -> (String, String) {
        let created = self.state.oauth().create_integration("test integration", scopes).await.expect("integration");
        (created.client_id, created.client_secret)
    }

    /// An access token for a new integration allowed `scopes`, obtained through the API.
    pub async fn token(&self, scopes: &str) -> String {
        let (id, secret) = self.integration(scopes).await;
        let resp = self
            .post("/oauth/2.0/token")
            .content_type("application/x-www-form-urlencoded")
            .body(format!("grant_type=client_credentials&client_id={id}&client_secret={secret}"))
            .send()
            .await;
        resp.assert_status_is_ok();
        let body = json(resp).await;
        body["access_token"].as_str().expect("access_token").to_owned()
    }
}

/// Requests to the Bagisto shop APIs with a storefront key.
pub struct Shop<'a> {
    pub app: &'a TestApp,
    pub key: String,
}

impl Shop<'_> {
    pub fn get(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.app.get(path).header("X-STOREFRONT-KEY", &self.key)
    }

    pub fn post(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.app.post(path).header("X-STOREFRONT-KEY", &self.key)
    }

    pub fn put(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.app.put(path).header("X-STOREFRONT-KEY", &self.key)
    }

    pub fn patch(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.app.patch(path).header("X-STOREFRONT-KEY", &self.key)
    }

    pub fn delete(&self, path: &str) -> TestRequestBuilder<'_, Ep> {
        self.app.delete(path).header("X-STOREFRONT-KEY", &self.key)
    }

    /// Registers a customer through the API and returns (customer id, token).
    pub async fn register(&self, first_name: &str, email: &str, password: &str) -> (i64, String) {
        let body = serde_json::json!({
            "firstName": first_name, "lastName": "Tester", "email": email,
            "password": password, "confirmPassword": password,
        });
        let resp = self.post("/api/shop/customers").body_json(&body).send().await;
        let (status, body) = status_json(resp).await;
        assert_eq!(status, 201, "{body}");
        (body["id"].as_i64().unwrap(), body["token"].as_str().unwrap().to_owned())
    }

    /// Signs in through the API and returns the token (the sign-in must succeed).
    pub async fn login(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({"email": email, "password": password});
        let (status, body) = status_json(self.post("/api/shop/customer/login").body_json(&body).send().await).await;
        assert_eq!((status, &body["success"]), (201, &serde_json::json!(true)), "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    /// A GraphQL request's JSON answer (HTTP 200 expected).
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        let resp = self
            .app
            .post("/api/graphql")
            .header("X-STOREFRONT-KEY", &self.key)
            .body_json(&serde_json::json!({"query": query, "variables": variables}))
            .send()
            .await;
        resp.assert_status_is_ok();
        json(resp).await
    }

    /// A GraphQL request's JSON answer with a customer's `Authorization: Bearer` token.
    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let resp = self
            .app
            .post("/api/graphql")
            .header("X-STOREFRONT-KEY", &self.key)
            .header("Authorization", format!("Bearer {token}"))
            .body_json(&serde_json::json!({"query": query, "variables": variables}))
            .send()
            .await;
        resp.assert_status_is_ok();
        json(resp).await
    }

    /// A GraphQL request's data, asserting it has no errors.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let answer = self.graphql(query, variables).await;
        assert!(answer.get("errors").is_none(), "GraphQL errors: {answer}");
        answer["data"].clone()
    }
}

/// The body of a response as JSON.
pub async fn json(resp: poem::test::TestResponse) -> Value {
    let bytes = resp.0.into_body().into_bytes().await.expect("body");
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

/// Status and JSON body of a response.
pub async fn status_json(resp: poem::test::TestResponse) -> (u16, Value) {
    let status = resp.0.status().as_u16();
    (status, json(resp).await)
}

/// A directory removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("polyshop-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A request whose handler panicked fails its test with the panic's message, although the app
/// answered 500 (the panic guard): a panic is a bug (an undocumented status asserted in debug
/// builds, an overflow) even where a test only checks for an error. A request sent with
/// `x-test-expect-panic` is exempt (the guard's own tests).
async fn fail_on_panic<E: poem::Endpoint>(ep: Arc<E>, req: poem::Request) -> poem::Result<poem::Response> {
    use poem::IntoResponse;
    let expected = req.headers().contains_key("x-test-expect-panic");
    let resp = ep.call(req).await?.into_response();
    if let Some(panic) = resp.extensions().get::<polyshop::guard::CaughtPanic>()
        && !expected
    {
        panic!("the server panicked: {}", panic.0);
    }
    Ok(resp)
}
