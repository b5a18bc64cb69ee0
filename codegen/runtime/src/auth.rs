//! Who is calling, and the checks generated security schemes run.

use std::sync::Arc;

use async_trait::async_trait;
use poem::Request;
use poem_openapi::auth::Bearer;

use crate::error::{ErrorStyle, ServiceError};

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    Anonymous,
    /// An OAuth2 client-credentials integration (Community Store API) and the scopes its
    /// access token was granted.
    Integration {
        oauth_client_id: i64,
        scopes: Vec<String>,
    },
    /// An administrator authenticated with their email and API key (CS-Cart API), and what
    /// they may do.
    Admin {
        admin_id: i64,
        permissions: Permissions,
    },
    /// A storefront (web shop, mobile app) identified by its storefront key (Bagisto shop APIs).
    Storefront {
        storefront_key_id: i64,
    },
    /// A signed-in customer, by one of their tokens (Bagisto shop APIs, sent with the
    /// storefront key).
    Customer {
        customer_id: i64,
        token_id: i64,
    },
    /// A guest shopper, by the token of their cart (Bagisto shop APIs); answers echo the token.
    GuestCart {
        cart_id: i64,
        token: Secret,
    },
}

/// A credential a request carried, kept to echo it back; never printed (`Debug` shows `***`).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// What an administrator may do: everything, or the listed permissions
/// (`x-polyshop-permission` names them, e.g. `catalog.products.view`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permissions {
    All,
    Only(Vec<String>),
}

/// What a surface's gate middleware found the caller to be; generated API-key schemes read it
/// (the gate has already checked the key and counted the request against its rate limit).
#[derive(Debug, Clone)]
pub struct AdmittedCaller(pub Principal);

impl Principal {
    pub fn has_scope(&self, scope: &str) -> bool {
        match self {
            Principal::Integration { scopes, .. } => scopes.iter().any(|s| s == scope),
            Principal::Anonymous
            | Principal::Admin { .. }
            | Principal::Storefront { .. }
            | Principal::Customer { .. }
            | Principal::GuestCart { .. } => false,
        }
    }

    /// Whether the caller is an administrator allowed `permission`.
    pub fn has_permission(&self, permission: &str) -> bool {
        match self {
            Principal::Admin { permissions: Permissions::All, .. } => true,
            Principal::Admin { permissions: Permissions::Only(list), .. } => list.iter().any(|p| p == permission),
            Principal::Anonymous
            | Principal::Integration { .. }
            | Principal::Storefront { .. }
            | Principal::Customer { .. }
            | Principal::GuestCart { .. } => false,
        }
    }
}

/// Resolves bearer tokens to principals. The app installs one as request data
/// (`Arc<dyn BearerVerifier>`) on every surface that uses bearer authentication.
#[async_trait]
pub trait BearerVerifier: Send + Sync + 'static {
    /// The principal `token` stands for under the security scheme `scheme` (its name in the
    /// spec: `CustomerToken`). `Err` with status 401 for a token that is unknown, expired or
    /// revoked, or that belongs to another scheme: a customer's token is no administrator's.
    async fn verify(&self, scheme: &str, token: &str) -> Result<Principal, ServiceError>;
}

/// Resolves HTTP Basic credentials (user name and password) to principals. The app installs one
/// as request data (`Arc<dyn BasicVerifier>`) on surfaces that use Basic authentication.
#[async_trait]
pub trait BasicVerifier: Send + Sync + 'static {
    /// `Err` with status 401 for unknown or wrong credentials (429 once a client or `address`
    /// has failed too often). `address` is the peer's IP address, where the transport has one.
    async fn verify(&self, username: &str, password: &str, address: Option<&str>) -> Result<Principal, ServiceError>;
}

/// The IP address of the peer that sent `req` (none for transports without one).
pub fn peer_address(req: &Request) -> Option<String> {
    req.remote_addr().as_socket_addr().map(|a| a.ip().to_string())
}

/// Body of the check every generated HTTP Basic security scheme runs.
pub async fn check_basic(
    req: &Request,
    basic: poem_openapi::auth::Basic,
    style: ErrorStyle,
) -> poem::Result<Principal> {
    let reject = |e: ServiceError| poem::Error::from_response(e.into_response(style));
    let verifier = req
        .data::<Arc<dyn BasicVerifier>>()
        .ok_or_else(|| reject(ServiceError::internal("no BasicVerifier installed on this route")))?;
    verifier.verify(&basic.username, &basic.password, peer_address(req).as_deref()).await.map_err(reject)
}

/// Body of the check every generated API-key security scheme runs. The key itself was verified
/// (and the request rate-limited) by the surface's gate before routing, which records the caller
/// as an [`AdmittedCaller`]; a route without a gate is a wiring bug.
pub async fn check_api_key(
    req: &Request,
    _key: poem_openapi::auth::ApiKey,
    style: ErrorStyle,
) -> poem::Result<Principal> {
    match req.extensions().get::<AdmittedCaller>() {
        Some(caller) => Ok(caller.0.clone()),
        None => Err(poem::Error::from_response(
            ServiceError::internal("no API key gate installed on this route").into_response(style),
        )),
    }
}

/// The principal a bearer token stands for, by the surface's [`BearerVerifier`]; a 401 for a
/// token it does not know.
pub async fn verify_bearer(req: &Request, scheme: &str, bearer: &Bearer) -> Result<Principal, ServiceError> {
    let verifier = req
        .data::<Arc<dyn BearerVerifier>>()
        .ok_or_else(|| ServiceError::internal("no BearerVerifier installed on this route"))?;
    verifier.verify(scheme, &bearer.token).await
}

/// Body of the check every generated HTTP bearer security scheme runs where the token is
/// required.
pub async fn check_bearer(req: &Request, scheme: &str, bearer: Bearer, style: ErrorStyle) -> poem::Result<Principal> {
    verify_bearer(req, scheme, &bearer).await.map_err(|e| poem::Error::from_response(e.into_response(style)))
}

/// The check of an operation's `x-polyshop-permission`, run by its generated handler once the
/// caller is authenticated: a 403 unless the caller is an administrator allowed it.
pub fn require_permission(principal: &Principal, permission: &str) -> Result<(), ServiceError> {
    if principal.has_permission(permission) {
        Ok(())
    } else {
        tracing::info!(permission, "permission refused");
        Err(ServiceError::forbidden("This action is unauthorized."))
    }
}

/// Body of the check every generated OAuth2 security scheme runs: the token must be valid and
/// grant at least one of the operation's scopes (as Concrete's `OAuthAuthenticationMiddleware`:
/// the intersection of route scopes and token scopes must not be empty).
pub async fn check_oauth_bearer(
    req: &Request,
    scheme: &str,
    bearer: Bearer,
    required_scopes: &[&str],
    style: ErrorStyle,
) -> poem::Result<Principal> {
    let reject = |e: ServiceError| poem::Error::from_response(e.into_response(style));
    let principal = verify_bearer(req, scheme, &bearer).await.map_err(reject)?;
    if !required_scopes.is_empty() && !required_scopes.iter().any(|s| principal.has_scope(s)) {
        return Err(reject(out_of_scope()));
    }
    Ok(principal)
}

/// league/oauth2-server's answer to a token without the route's scope (HTTP 400).
pub fn out_of_scope() -> ServiceError {
    ServiceError::with_body(
        poem::http::StatusCode::BAD_REQUEST,
        crate::error::oauth_error_body(
            "invalid_request",
            "Endpoint out of scope.",
            Some("Try reauthorizing with the proper scope."),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_belong_to_administrators() {
        let all = Principal::Admin { admin_id: 1, permissions: Permissions::All };
        let viewer =
            Principal::Admin { admin_id: 2, permissions: Permissions::Only(vec!["catalog.products.view".into()]) };
        assert!(require_permission(&all, "catalog.products.delete").is_ok());
        assert!(require_permission(&viewer, "catalog.products.view").is_ok());
        let refused = require_permission(&viewer, "catalog.products.delete").unwrap_err();
        assert_eq!(refused.status(), poem::http::StatusCode::FORBIDDEN);
        let key = Principal::Storefront { storefront_key_id: 3 };
        assert!(require_permission(&key, "catalog.products.view").is_err());
    }
}
