//! Store configuration.

use super::{app_with_token, bearer};
use crate::{harness::status_json, pretty};

#[tokio::test]
async fn reports_currency_versions_and_timezone() {
    let (app, token) = app_with_token().await;
    let (status, body) =
        status_json(app.get("/cs/api/v1/config").header("authorization", bearer(&token)).send().await).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&body));
}
