//! What a generated handler hands to its service besides the operation's input.

use poem::{
    Request,
    http::{Extensions, HeaderMap},
};

use crate::auth::Principal;

/// The id of the request being served; set by the app's request-id middleware and written on
/// every log line of the request and in the `X-Request-Id` response header.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    /// Who authenticated with the operation's first security scheme (the storefront key, the
    /// OAuth2 client, the administrator).
    pub principal: Principal,
    /// Who signed in besides, where the operation's security combines a user token with the
    /// first scheme (a customer's Bearer token sent with the storefront key).
    pub user: Option<Principal>,
    /// Absolute URL of the request as the client addressed it (`scheme://host/path?query`),
    /// for the absolute pagination links some APIs return.
    pub url: String,
    pub headers: HeaderMap,
    pub remote_addr: Option<String>,
    /// What the surface's context hook attached for its services, by type (the Bagisto shop
    /// attaches its `ShopContext`): resolved once per request, read with [`Self::get`].
    pub extensions: Extensions,
}

impl RequestContext {
    pub fn new(req: &Request, principal: Principal) -> Self {
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
        RequestContext {
            request_id,
            principal,
            user: None,
            url: absolute_url(req),
            headers: req.headers().clone(),
            remote_addr: crate::auth::peer_address(req),
            extensions: Extensions::new(),
        }
    }

    /// A context for work that is not an HTTP request (CLI, tests).
    pub fn internal(url: impl Into<String>) -> Self {
        RequestContext {
            request_id: String::new(),
            principal: Principal::Anonymous,
            user: None,
            url: url.into(),
            headers: HeaderMap::new(),
            remote_addr: None,
            extensions: Extensions::new(),
        }
    }

    /// Attaches a value the services of this request read with [`Self::get`].
    pub fn insert<T: Clone + Send + Sync + 'static>(&mut self, value: T) {
        self.extensions.insert(value);
    }

    /// The value of type `T` the surface's context hook attached, if it did.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The scheme comes from `X-Forwarded-Proto` when a proxy sets it, the host from `Host`.
fn absolute_url(req: &Request) -> String {
    let headers = req.headers();
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().scheme_str())
        .unwrap_or("http");
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(poem::http::header::HOST))
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("localhost");
    let path_and_query = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    format!("{scheme}://{host}{path_and_query}")
}
