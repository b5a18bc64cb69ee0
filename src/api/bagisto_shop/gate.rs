//! The storefront key gate in front of every Bagisto shop request (REST and GraphQL).
//!
//! Missing key → 401 `missing_key`; unknown, inactive or expired key → 403 `invalid_key`; over the
//! key's rate limit → 429 `rate_limit_exceeded` with `Retry-After`. An admitted request carries
//! the caller (`AdmittedCaller`) to the generated API-key scheme, and its response carries
//! `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.

use poem::{
    Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, StatusCode},
};
use polyshop_runtime::{AdmittedCaller, ServiceError};
use serde_json::json;

use polyshop_core::integrations::{
    StorefrontKeyService,
    storefront_keys::{Admission, Quota},
};

pub const KEY_HEADER: &str = "X-STOREFRONT-KEY";

/// The outcome of checking a request's key: let it through with these headers, or answer this.
pub enum Verdict {
    Admit { caller: AdmittedCaller, quota: Option<Quota> },
    Refuse(Response),
}

/// Checks the request's storefront key and counts the request.
pub async fn check(keys: &StorefrontKeyService, req: &Request) -> Verdict {
    let key = req.headers().get(KEY_HEADER).and_then(|v| v.to_str().ok()).map(str::trim).filter(|k| !k.is_empty());
    let Some(key) = key else {
        return Verdict::Refuse(refusal(
            StatusCode::UNAUTHORIZED,
            json!({"message": "X-STOREFRONT-KEY header is required", "error": "missing_key"}),
        ));
    };
    match keys.admit(key).await {
        Ok(Admission::Admitted { principal, quota }) => Verdict::Admit { caller: AdmittedCaller(principal), quota },
        Ok(Admission::Invalid) => Verdict::Refuse(refusal(
            StatusCode::FORBIDDEN,
            json!({"message": "Invalid storefront key", "error": "invalid_key"}),
        )),
        Ok(Admission::Throttled { quota, retry_after }) => {
            let mut resp = refusal(
                StatusCode::TOO_MANY_REQUESTS,
                json!({"message": "Rate limit exceeded", "error": "rate_limit_exceeded", "retry_after": retry_after}),
            );
            add_quota_headers(&mut resp, &quota);
            resp.headers_mut().insert("Retry-After", HeaderValue::from(retry_after));
            Verdict::Refuse(resp)
        }
        Err(e) => Verdict::Refuse(e.into_response(polyshop_runtime::ErrorStyle::Bagisto)),
    }
}

fn refusal(status: StatusCode, body: serde_json::Value) -> Response {
    tracing::info!(status = status.as_u16(), error = %body["error"], "storefront key refused");
    poem::web::Json(body).with_status(status).into_response()
}

pub fn add_quota_headers(resp: &mut Response, quota: &Quota) {
    let headers = resp.headers_mut();
    headers.insert("X-RateLimit-Limit", HeaderValue::from(quota.limit));
    headers.insert("X-RateLimit-Remaining", HeaderValue::from(quota.remaining));
    headers.insert("X-RateLimit-Reset", HeaderValue::from(quota.reset));
}

/// The gate as an endpoint wrapper for the REST routes; `open` paths need no key (the
/// documentation and public file downloads).
pub struct StorefrontGate<E> {
    pub inner: E,
    pub keys: StorefrontKeyService,
    pub open: fn(&str) -> bool,
}

impl<E: Endpoint<Output = Response>> Endpoint for StorefrontGate<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        if (self.open)(req.uri().path()) {
            return self.inner.call(req).await;
        }
        match check(&self.keys, &req).await {
            Verdict::Refuse(resp) => Ok(resp),
            Verdict::Admit { caller, quota } => {
                req.extensions_mut().insert(caller);
                super::tokens::cart_token_header(&mut req);
                let mut resp = self.inner.call(req).await?;
                if let Some(quota) = quota {
                    add_quota_headers(&mut resp, &quota);
                }
                Ok(resp)
            }
        }
    }
}

/// An internal failure of the gate itself, in the shop's error style.
pub fn internal(detail: &str) -> Response {
    ServiceError::internal(detail.to_owned()).into_response(polyshop_runtime::ErrorStyle::Bagisto)
}
