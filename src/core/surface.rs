//! The shape of an API surface ready to mount: what each surface crate (`src/api/<surface>/`)
//! hands to the HTTP app (`src/app.rs`), which mounts every surface the same way.

use poem::{Response, endpoint::BoxEndpoint};
use polyshop_runtime::{ErrorStyle, OperationInfo};

/// One API surface ready to mount.
pub struct Surface {
    pub name: &'static str,
    pub operations: &'static [OperationInfo],
    pub style: ErrorStyle,
    pub api: BoxEndpoint<'static, Response>,
    pub spec_json: String,
    /// Where the OpenAPI document and Swagger UI are served, for surfaces whose spec does not
    /// document its own documentation endpoints.
    pub docs: Option<SurfaceDocs>,
    /// Wraps the surface's routes (after error rendering): the Bagisto shop's storefront key gate.
    pub wrap: Option<WrapEndpoint>,
}

/// Wraps a surface's boxed endpoint in another (middleware chosen at start-up).
pub type WrapEndpoint = Box<dyn FnOnce(BoxEndpoint<'static, Response>) -> BoxEndpoint<'static, Response> + Send>;

/// `{path}/openapi.json` and Swagger UI at `{path}/docs`.
pub struct SurfaceDocs {
    pub path: &'static str,
    pub swagger_ui: BoxEndpoint<'static, Response>,
}
