//! The shape of an API surface ready to mount: what each surface crate (`src/api/<surface>/`)
//! hands to the HTTP app (`src/app.rs`), which mounts every surface the same way. What the spec
//! says about a surface (name, error style, prefixes, operations) is its generated
//! `SurfaceInfo`; the generated registry (`polyshop-surfaces`) pairs the two.

use std::sync::OnceLock;

use poem::{Endpoint, EndpointExt, Request, Response, endpoint::BoxEndpoint};
use polyshop_runtime::ErrorStyle;

/// One API surface ready to mount.
pub struct Surface {
    pub api: BoxEndpoint<'static, Response>,
    /// The OpenAPI document the surface serves.
    pub spec_json: String,
    /// Swagger UI, mounted at `{docs}/docs` for surfaces whose `SurfaceInfo::docs` is set (the
    /// others document their documentation endpoints as operations).
    pub swagger_ui: Option<BoxEndpoint<'static, Response>>,
    /// Wraps the surface's routes (after error rendering): the Bagisto shop's storefront key gate.
    pub wrap: Option<WrapEndpoint>,
    /// Routes outside the OpenAPI spec, mounted as they are: the Bagisto GraphQL endpoint and
    /// its playground.
    pub extra_routes: Vec<ExtraRoute>,
}

/// A route outside the OpenAPI spec.
pub struct ExtraRoute {
    pub path: &'static str,
    /// The link text of a page people open in a browser (a playground), listed on the landing
    /// page; `None` for endpoints programs call.
    pub title: Option<&'static str>,
    pub endpoint: BoxEndpoint<'static, Response>,
    /// The error style of what the app answers on this path before the endpoint runs (body too
    /// large, a panic): GraphQL for a GraphQL endpoint; the surface's when `None`.
    pub style: Option<ErrorStyle>,
}

/// Wraps a surface's boxed endpoint in another (middleware chosen at start-up).
pub type WrapEndpoint = Box<dyn FnOnce(BoxEndpoint<'static, Response>) -> BoxEndpoint<'static, Response> + Send>;

/// An endpoint built by `build` when its first request comes, then kept: for pages few people
/// open (Swagger UI embeds the whole OpenAPI document, slow to derive in a debug build) and
/// that every app would otherwise derive at start-up.
pub fn built_on_first_call(
    build: impl Fn() -> BoxEndpoint<'static, Response> + Send + Sync + 'static,
) -> BoxEndpoint<'static, Response> {
    BuiltOnFirstCall { built: OnceLock::new(), build: Box::new(build) }.boxed()
}

type BuildEndpoint = Box<dyn Fn() -> BoxEndpoint<'static, Response> + Send + Sync>;

struct BuiltOnFirstCall {
    built: OnceLock<BoxEndpoint<'static, Response>>,
    build: BuildEndpoint,
}

impl Endpoint for BuiltOnFirstCall {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        self.built.get_or_init(|| (self.build)()).call(req).await
    }
}
