//! What the generated `spec_json` and `swagger_ui` of an API build on: pages derived from the
//! generated routes alone, so that a process derives them once however many apps it builds
//! (the tests build one each; deriving a document is slow in a debug build).

use std::sync::OnceLock;

use poem::{Endpoint, EndpointExt, Request, Response, endpoint::BoxEndpoint};

/// An endpoint built by `build` when its first request comes, then kept: for pages few people
/// open (Swagger UI embeds the whole OpenAPI document) and that every app would otherwise
/// derive at start-up.
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
