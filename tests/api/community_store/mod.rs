//! The Community Store API.

mod auth;
mod config;
mod orders;
mod products;

use crate::harness::TestApp;

/// Every scope the API knows.
pub const ALL_SCOPES: &str = "cs:orders:read cs:orders:write cs:products:read cs:products:write cs:config:read";

/// A test app and a token holding every scope.
pub async fn app_with_token() -> (TestApp, String) {
    let app = TestApp::new().await;
    let token = app.token(ALL_SCOPES).await;
    app.reset_query_count();
    (app, token)
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}
