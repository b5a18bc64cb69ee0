//! What every request passes before it reaches a surface, and what answers when no surface
//! can: the URI checks (length, NUL characters), the body size limit, unknown routes, and a
//! panic guard. Each answers in the error style of the API the path belongs to, so a CS-Cart
//! client gets `{"message", "status"}` and a GraphQL client a GraphQL error body, whatever
//! went wrong.

use std::{any::Any, panic::AssertUnwindSafe, sync::Arc};

use futures_util::FutureExt;
use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response,
    http::{StatusCode, header},
};
use polyshop_runtime::{ErrorStyle, ServiceError, SurfaceInfo};
use polyshop_surfaces::SURFACES;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Request targets (path and query) longer than this are refused with 414. Every text parameter
/// has its own `maxLength` (400); this bounds what no parameter reads.
pub const MAX_URI_BYTES: usize = 16 * 1024;

/// Marks a response the panic guard wrote, with the panic's message (the test harness fails a
/// test whose request panicked).
#[derive(Debug, Clone)]
pub struct CaughtPanic(pub String);

/// The error style of each path: routes with a style of their own (the GraphQL endpoint),
/// else the surface whose `x-polyshop-surface` prefix matches longest.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    pub routes: Vec<(String, ErrorStyle)>,
}

impl Styles {
    pub fn of(&self, path: &str) -> ErrorStyle {
        let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
        if let Some((_, style)) = self.routes.iter().find(|(route, _)| route == path) {
            return *style;
        }
        SurfaceInfo::owning(SURFACES.iter().map(|s| &s.info), path).map_or(ErrorStyle::Bagisto, |s| s.style)
    }
}

/// The guard, outermost but for request tracing (so its log lines carry the request id).
pub struct Guard(pub Arc<Styles>);

impl<E: Endpoint> Middleware<E> for Guard {
    type Output = GuardEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        GuardEndpoint { inner: ep, styles: self.0.clone() }
    }
}

pub struct GuardEndpoint<E> {
    inner: E,
    styles: Arc<Styles>,
}

impl<E: Endpoint> Endpoint for GuardEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        let style = self.styles.of(req.uri().path());
        if let Err(refused) = check_uri(&req) {
            return Ok(refused.into_response(style));
        }
        if let Err(refused) = limit_body(&mut req).await {
            return Ok(refused.into_response(style));
        }
        match AssertUnwindSafe(self.inner.call(req)).catch_unwind().await {
            Ok(Ok(resp)) => Ok(resp.into_response()),
            Ok(Err(e)) if e.is::<poem::error::NotFoundError>() => {
                Ok(ServiceError::not_found("Not Found: no API route matches this path").into_response(style))
            }
            Ok(Err(e)) => Ok(style.render_poem_error(e, &[])),
            Err(panic) => {
                let message = panic_message(&*panic);
                let mut resp = ServiceError::internal(format!("the handler panicked: {message}")).into_response(style);
                resp.extensions_mut().insert(CaughtPanic(message));
                Ok(resp)
            }
        }
    }
}

/// Refuses request targets no operation can read: over [`MAX_URI_BYTES`], or with an encoded
/// NUL character (`%00`) anywhere in the path or query.
fn check_uri(req: &Request) -> Result<(), ServiceError> {
    let target = req.uri().path_and_query().map_or("", |pq| pq.as_str());
    if target.len() > MAX_URI_BYTES {
        return Err(ServiceError::new(
            StatusCode::URI_TOO_LONG,
            format!("The request URI is longer than {MAX_URI_BYTES} bytes"),
        ));
    }
    if target.contains("%00") {
        return Err(ServiceError::bad_request(
            "The request URI contains a NUL character (%00), which no parameter accepts",
        ));
    }
    Ok(())
}

/// Refuses request bodies over [`MAX_BODY_BYTES`] with 413, whether or not the client sends a
/// `Content-Length`.
async fn limit_body(req: &mut Request) -> Result<(), ServiceError> {
    let too_large = || {
        ServiceError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
        )
    };
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > MAX_BODY_BYTES => Err(too_large()),
        Some(_) => Ok(()),
        // Chunked, HTTP/2 without a length, or a body set in process: read it, up to the limit.
        None => match req.take_body().into_bytes_limit(MAX_BODY_BYTES).await {
            Ok(bytes) => {
                req.set_body(bytes);
                Ok(())
            }
            Err(poem::error::ReadBodyError::PayloadTooLarge) => Err(too_large()),
            Err(e) => Err(ServiceError::bad_request(format!("The request body could not be read: {e}"))),
        },
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}
