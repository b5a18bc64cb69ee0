//! The shape of an API surface ready to mount: what each surface crate (`src/api/<surface>/`)
//! hands to the HTTP app (`src/app.rs`), which mounts every surface the same way. What the spec
//! says about a surface (name, error style, prefixes, operations) is its generated
//! `SurfaceInfo`; the generated registry (`polyshop-surfaces`) pairs the two.

use poem::{Response, endpoint::BoxEndpoint};
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
