//! The HTTP app serving every API surface.
//!
//! Each surface is a generated poem-openapi service, listed in the generated registry
//! (`polyshop_surfaces::SURFACES`). The app mounts it on exactly the paths its spec documents,
//! renders anything that escapes it (bad parameters, unknown methods) in that surface's error
//! style, and serves its OpenAPI document and Swagger UI where the spec says
//! (`x-polyshop-surface`).

use std::sync::Arc;

use poem::{
    Endpoint, EndpointExt, IntoResponse, Middleware, Request, Response, Route,
    endpoint::BoxEndpoint,
    http::{StatusCode, header},
};
pub use polyshop_core::{
    state::AppState,
    surface::{Surface, WrapEndpoint},
};
use polyshop_runtime::{ErrorStyle, OperationInfo, ServiceError, SurfaceInfo};
use polyshop_surfaces::SURFACES;

use crate::telemetry::RequestTracing;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// An endpoint several routes share.
#[derive(Clone)]
struct Shared(Arc<BoxEndpoint<'static, Response>>);

impl Endpoint for Shared {
    type Output = Response;

    async fn call(&self, req: poem::Request) -> poem::Result<Response> {
        self.0.call(req).await
    }
}

/// Renders whatever a surface's routes raise (bad parameters, unknown methods, missing
/// credentials) in that surface's error style.
struct RenderErrors<E> {
    inner: E,
    style: ErrorStyle,
    operations: &'static [OperationInfo],
}

impl<E: Endpoint> Endpoint for RenderErrors<E> {
    type Output = Response;

    async fn call(&self, mut req: poem::Request) -> poem::Result<Response> {
        strip_trailing_slash(&mut req);
        let params = path_params(self.operations, req.uri().path());
        match self.inner.call(req).await {
            Ok(resp) => Ok(resp.into_response()),
            Err(err) => Ok(self.style.render_poem_error(err, &params)),
        }
    }
}

/// The HTTP app serving every surface.
pub fn build(state: &AppState) -> impl Endpoint<Output = Response> + use<> {
    let mut route = Route::new();
    for registered in SURFACES {
        let info = &registered.info;
        let surface = (registered.build)(state);
        let rendered = RenderErrors { inner: surface.api, style: info.style, operations: info.operations }.boxed();
        let wrapped = match surface.wrap {
            Some(wrap) => wrap(rendered),
            None => rendered,
        };
        let shared = Shared(Arc::new(wrapped));
        let mut paths: Vec<String> = info.operations.iter().map(|op| poem_path(op.path)).collect();
        paths.sort();
        paths.dedup();
        for path in paths {
            // A trailing slash names the same resource (`/api/stores/`), as CS-Cart accepts.
            route = route.at(format!("{path}/"), shared.clone()).at(path, shared.clone());
        }
        if let (Some(docs), Some(swagger_ui)) = (info.docs, surface.swagger_ui) {
            let spec = surface.spec_json.clone();
            route = route
                .at(
                    format!("{docs}/openapi.json"),
                    poem::endpoint::make_sync(move |_| {
                        Response::builder().content_type("application/json").body(spec.clone())
                    }),
                )
                .nest(format!("{docs}/docs"), swagger_ui);
        }
        for (path, endpoint) in surface.extra_routes {
            route = route.at(path, endpoint);
        }
    }
    route
        .around(|ep, req| async move {
            // A path no route matches is answered in the style of the API it looks like.
            let style = style_for_path(req.uri().path());
            match ep.call(req).await {
                Err(e) if e.is::<poem::error::NotFoundError>() => {
                    Ok(ServiceError::not_found("Not Found: no API route matches this path").into_response(style))
                }
                other => other.map(IntoResponse::into_response),
            }
        })
        .with(BodyLimit)
        .with(RequestTracing)
        .map_to_response()
}

/// The error style of the API a path belongs to (for paths no route matches): that of the
/// surface whose `x-polyshop-surface` prefix matches it longest.
fn style_for_path(path: &str) -> ErrorStyle {
    SurfaceInfo::owning(SURFACES.iter().map(|s| &s.info), path).map_or(ErrorStyle::Bagisto, |s| s.style)
}

/// `/api/stores/?page=2` → `/api/stores?page=2`, for the generated routes.
fn strip_trailing_slash(req: &mut poem::Request) {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let query = req.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
        if let Ok(uri) = format!("{}{query}", path.trim_end_matches('/')).parse() {
            *req.uri_mut() = uri;
        }
    }
}

/// Names of the path parameters of the documented path `path` matches (`["oID"]`).
fn path_params(operations: &[OperationInfo], path: &str) -> Vec<&'static str> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    for op in operations {
        let template: Vec<&'static str> = op.path.split('/').collect();
        let matches = template.len() == segments.len()
            && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s);
        if matches {
            return template
                .iter()
                .filter(|t| t.starts_with('{'))
                .map(|t| t.trim_matches(|c| c == '{' || c == '}'))
                .collect();
        }
    }
    Vec::new()
}

/// `/cs/api/v1/orders/{oID}` → `/cs/api/v1/orders/:oID`.
fn poem_path(path: &str) -> String {
    path.split('/')
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!(":{name}"),
            None => s.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Refuses request bodies over [`MAX_BODY_BYTES`] with 413, whether or not the client sends a
/// `Content-Length`.
struct BodyLimit;

impl<E: Endpoint> Middleware<E> for BodyLimit {
    type Output = BodyLimitEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        BodyLimitEndpoint(ep)
    }
}

struct BodyLimitEndpoint<E>(E);

impl<E: Endpoint> Endpoint for BodyLimitEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        let too_large = || {
            let body = serde_json::json!({"error": true, "errors": [format!("The request body is larger than {MAX_BODY_BYTES} bytes")]});
            poem::web::Json(body).with_status(StatusCode::PAYLOAD_TOO_LARGE).into_response()
        };
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        match declared {
            Some(n) if n > MAX_BODY_BYTES => return Ok(too_large()),
            Some(_) => {}
            None if req.headers().contains_key(header::TRANSFER_ENCODING) => {
                match req.take_body().into_bytes_limit(MAX_BODY_BYTES).await {
                    Ok(bytes) => req.set_body(bytes),
                    Err(poem::error::ReadBodyError::PayloadTooLarge) => return Ok(too_large()),
                    Err(e) => return Err(e.into()),
                }
            }
            None => {}
        }
        self.0.call(req).await.map(IntoResponse::into_response)
    }
}
