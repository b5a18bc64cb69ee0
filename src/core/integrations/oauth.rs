//! OAuth2 client credentials: creating integrations, issuing access tokens, verifying them.
//! Error bodies follow league/oauth2-server, which the upstream Community Store API runs on.

use std::sync::Arc;

use chrono::Duration;
use poem::http::{HeaderValue, StatusCode};
use polyshop_runtime::{
    BearerVerifier, Principal, ServiceError,
    error::{OAUTH_ACCESS_DENIED, oauth_error_body},
};
use sea_orm::DatabaseConnection;

use super::{
    store,
    throttle::{Attempt, Throttle},
};
use crate::{clock::Clock, secrets};

/// Every scope an integration can hold, as Community Store installs them.
pub const ALL_SCOPES: &[&str] =
    &["cs:orders:read", "cs:orders:write", "cs:products:read", "cs:products:write", "cs:config:read"];

/// Access tokens live one hour, as the upstream server issues them.
pub const TOKEN_LIFETIME_SECS: i64 = 3600;

/// What `polyshop integrations create` prints: the only time the secret is visible.
#[derive(Debug, serde::Serialize)]
pub struct CreatedIntegration {
    pub client_id: String,
    pub client_secret: String,
    pub name: String,
    pub scopes: Vec<String>,
}

/// A granted access token.
#[derive(Debug)]
pub struct IssuedToken {
    pub access_token: String,
    pub expires_in: i64,
}

#[derive(Clone)]
pub struct OAuthService {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    throttle: Throttle,
}

impl OAuthService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        OAuthService { throttle: Throttle::new(db.clone(), clock.clone()), db, clock }
    }

    /// Registers an integration allowed `scopes` (space-separated; every scope when empty).
    pub async fn create_integration(&self, name: &str, scopes: &str) -> Result<CreatedIntegration, ServiceError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ServiceError::bad_request("name: an integration needs a name"));
        }
        let mut granted: Vec<String> = scopes.split_whitespace().map(str::to_owned).collect();
        if let Some(bad) = granted.iter().find(|s| !ALL_SCOPES.contains(&s.as_str())) {
            return Err(ServiceError::bad_request(format!(
                "scopes: unknown scope `{bad}` (known: {})",
                ALL_SCOPES.join(" ")
            )));
        }
        if granted.is_empty() {
            granted = ALL_SCOPES.iter().map(|s| s.to_string()).collect();
        }
        granted.sort();
        granted.dedup();
        let client_id = secrets::random_token(32);
        let client_secret = secrets::random_token(64);
        store::insert_client(
            &self.db,
            name,
            &client_id,
            &secrets::sha256_hex(&client_secret),
            &granted.join(" "),
            self.clock.now(),
        )
        .await?;
        Ok(CreatedIntegration { client_id, client_secret, name: name.to_owned(), scopes: granted })
    }

    /// The client credentials grant.
    pub async fn issue_token(
        &self,
        grant_type: Option<&str>,
        client_id: Option<&str>,
        client_secret: Option<&str>,
        scope: Option<&str>,
        address: Option<&str>,
    ) -> Result<IssuedToken, ServiceError> {
        let grant_type = grant_type.filter(|g| !g.is_empty()).ok_or_else(|| missing_parameter("grant_type"))?;
        if grant_type != "client_credentials" {
            return Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
                "Check that all required parameters have been provided",
            ));
        }
        let client_id = client_id.filter(|c| !c.is_empty()).ok_or_else(|| missing_parameter("client_id"))?;
        let client_secret =
            client_secret.filter(|c| !c.is_empty()).ok_or_else(|| missing_parameter("client_secret"))?;

        let attempt = Attempt::new("oauth", client_id, address);
        let client = self
            .throttle
            .guard(&attempt, async {
                match store::find_client(&self.db, client_id).await? {
                    Some(c) if c.is_active && secrets::matches(client_secret, &c.secret_hash) => Ok(c),
                    _ => Err(invalid_client()),
                }
            })
            .await
            .map_err(|e| match e.status() {
                // A throttled client gets an OAuth2 error body like every other token error.
                StatusCode::TOO_MANY_REQUESTS => {
                    let body = oauth_error_body("too_many_attempts", e.messages().join(" ").as_str(), None);
                    e.restyled(body)
                }
                _ => e,
            })?;
        let allowed: Vec<&str> = client.scopes.split_whitespace().collect();
        let requested: Vec<&str> = scope.unwrap_or_default().split_whitespace().collect();
        if let Some(bad) = requested.iter().find(|s| !allowed.contains(s)) {
            return Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                "The requested scope is invalid, unknown, or malformed",
                &format!("Check the `{bad}` scope"),
            ));
        }
        let mut granted = if requested.is_empty() { allowed } else { requested };
        granted.sort_unstable();
        granted.dedup();

        let now = self.clock.now();
        let token = secrets::random_token(64);
        let expires_at = now + Duration::seconds(TOKEN_LIFETIME_SECS);
        store::insert_token(&self.db, client.id, &secrets::sha256_hex(&token), &granted.join(" "), expires_at, now)
            .await?;
        // Expired tokens are useless; clear them as new ones are issued.
        store::delete_expired_tokens(&self.db, now - Duration::days(1)).await?;
        Ok(IssuedToken { access_token: token, expires_in: TOKEN_LIFETIME_SECS })
    }
}

#[async_trait::async_trait]
impl BearerVerifier for OAuthService {
    /// Only OAuth2 access tokens: the one bearer scheme of the surface this is installed on.
    async fn verify(&self, _scheme: &str, token: &str) -> Result<Principal, ServiceError> {
        let Some((token, client)) = store::find_token(&self.db, &secrets::sha256_hex(token)).await? else {
            return Err(access_denied("The access token is invalid."));
        };
        if token.expires_at <= self.clock.now() {
            return Err(access_denied("The access token has expired."));
        }
        if !client.is_active {
            return Err(access_denied("The access token has been revoked."));
        }
        Ok(Principal::Integration {
            oauth_client_id: client.id,
            scopes: token.scopes.split_whitespace().map(str::to_owned).collect(),
        })
    }
}

fn oauth_error(status: StatusCode, error: &str, description: &str, hint: &str) -> ServiceError {
    ServiceError::with_body(status, oauth_error_body(error, description, Some(hint)))
}

/// `invalid_request` naming the parameter that is missing or malformed.
pub fn missing_parameter(name: &str) -> ServiceError {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
        &format!("Check the `{name}` parameter"),
    )
}

/// `invalid_client`: the client's credentials are unknown, wrong or unreadable.
pub fn invalid_client() -> ServiceError {
    ServiceError::with_body(
        StatusCode::UNAUTHORIZED,
        oauth_error_body("invalid_client", "Client authentication failed", None),
    )
    .with_header(poem::http::header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"OAuth\""))
}

fn access_denied(hint: &str) -> ServiceError {
    ServiceError::with_body(
        StatusCode::UNAUTHORIZED,
        oauth_error_body("access_denied", OAUTH_ACCESS_DENIED, Some(hint)),
    )
}
