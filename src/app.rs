//! The HTTP app serving every API surface.
//!
//! Each surface is a generated poem-openapi service, listed in the generated registry
//! (`polyshop_surfaces::SURFACES`). The app mounts it on exactly the paths its spec documents,
//! renders anything that escapes it (bad parameters, unknown methods) in that surface's error
//! style, and serves its OpenAPI document and Swagger UI where the spec says
//! (`x-polyshop-surface`). In front of every surface, `guard` checks the URI and body size,
//! answers unknown paths and catches panics, in the error style of the API the path belongs to.
//! Beside the APIs: the operator routes (`ops`: health, readiness, metrics, the landing page)
//! and public media (`media`, at `/storage/`). Every answer is counted in the metrics.

use std::sync::Arc;

use poem::{Endpoint, EndpointExt, IntoResponse, Response, Route, endpoint::BoxEndpoint, http::header};
pub use polyshop_core::{
    state::AppState,
    surface::{Surface, WrapEndpoint},
};
use polyshop_runtime::{ErrorStyle, OperationInfo};
use polyshop_surfaces::SURFACES;

use crate::{
    guard::{Guard, Styles},
    media,
    metrics::{Measure, Metrics, Served, labelled},
    ops::{self, ApiLinks, Link},
    telemetry::RequestTracing,
};

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
    surface: &'static str,
    style: ErrorStyle,
    operations: &'static [OperationInfo],
}

impl<E: Endpoint> Endpoint for RenderErrors<E> {
    type Output = Response;

    async fn call(&self, mut req: poem::Request) -> poem::Result<Response> {
        strip_trailing_slash(&mut req);
        let path = req.uri().path().to_owned();
        let params = path_params(self.operations, &path);
        let operation = self
            .operations
            .iter()
            .find(|op| op.method.eq_ignore_ascii_case(req.method().as_str()) && matches_template(op.path, &path))
            .map_or("unmatched", |op| op.operation_id);
        let mut resp = match self.inner.call(req).await {
            Ok(resp) => resp.into_response(),
            Err(err) if err.is::<poem::error::MethodNotAllowedError>() => {
                // RFC 9110: a 405 lists the methods the resource supports.
                let mut resp = self.style.render_poem_error(err, &params);
                if let Ok(allow) = allowed_methods(self.operations, &path).join(", ").parse() {
                    resp.headers_mut().insert(header::ALLOW, allow);
                }
                resp
            }
            Err(err) => self.style.render_poem_error(err, &params),
        };
        resp.extensions_mut().insert(Served { surface: self.surface, operation });
        Ok(resp)
    }
}

/// The HTTP app serving every surface.
pub fn build(state: &AppState) -> impl Endpoint<Output = Response> + use<> {
    build_listing(state).0
}

/// The HTTP app, and every API it serves with the links to its documentation (what the landing
/// page shows and `serve` logs at start-up).
pub fn build_listing(state: &AppState) -> (impl Endpoint<Output = Response> + use<>, Vec<ApiLinks>) {
    let mut route = Route::new();
    let mut styles = Styles::default();
    let mut apis = Vec::new();
    for registered in SURFACES {
        let info = &registered.info;
        let surface = (registered.build)(state);
        let mut links = vec![Link { title: "OpenAPI document".into(), href: info.document.into() }];
        if let Some(page) = info.page {
            links.push(Link { title: "documentation".into(), href: page.into() });
        }
        let rendered =
            RenderErrors { inner: surface.api, surface: info.name, style: info.style, operations: info.operations }
                .boxed();
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
        for extra in surface.extra_routes {
            if let Some(style) = extra.style {
                styles.routes.push((extra.path.to_owned(), style));
            }
            if let Some(title) = extra.title {
                links.push(Link { title: title.into(), href: extra.path.into() });
            }
            route =
                route.at(extra.path, labelled(extra.endpoint, Served { surface: info.name, operation: extra.path }));
        }
        apis.push(ApiLinks { title: info.title.into(), links });
    }
    let metrics = Metrics::new(state.db.clone());
    route = ops::mount(route, state.db.clone(), metrics.clone(), &apis);
    route = route.nest(
        media::PREFIX,
        labelled(
            media::endpoint(&state.config.storage_dir, state.config.placeholder_images),
            Served { surface: "media", operation: "storage" },
        ),
    );
    let app = route.with(Guard(Arc::new(styles))).with(Measure(metrics)).with(RequestTracing).map_to_response();
    (app, apis)
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

/// Whether documented path `template` (`/cs/api/v1/orders/{oID}`) matches request path `path`.
fn matches_template(template: &str, path: &str) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let template: Vec<&str> = template.split('/').collect();
    template.len() == segments.len() && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
}

/// Names of the path parameters of the documented path `path` matches (`["oID"]`).
fn path_params(operations: &[OperationInfo], path: &str) -> Vec<&'static str> {
    match operations.iter().find(|op| matches_template(op.path, path)) {
        Some(op) => op
            .path
            .split('/')
            .filter(|t| t.starts_with('{'))
            .map(|t| t.trim_matches(|c| c == '{' || c == '}'))
            .collect(),
        None => Vec::new(),
    }
}

/// The methods the operations at `path` answer (`GET, PUT, DELETE`), for a 405's `Allow`.
fn allowed_methods(operations: &[OperationInfo], path: &str) -> Vec<String> {
    let mut methods: Vec<String> = Vec::new();
    for op in operations.iter().filter(|op| matches_template(op.path, path)) {
        let method = op.method.to_ascii_uppercase();
        if !methods.contains(&method) {
            methods.push(method);
        }
    }
    methods
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
