//! The shop API's own documentation: Swagger UI at `/api/shop` and the OpenAPI document at
//! `/api/docs.json`, both derived from the generated routes.

use std::sync::OnceLock;

use polyshop_api_bagisto_shop::documentation::*;
use polyshop_runtime::{RequestContext, ServiceError};

/// The document and its Swagger UI page.
pub struct Docs {
    pub spec_json: &'static str,
    pub swagger_ui_html: String,
}

/// Both are derived from the generated routes alone, whatever state their services hold: built
/// by the first app of the process (with `build`), then kept. Deriving and serialising them
/// is most of what building an app costs, and the tests build one each.
static DOCS: OnceLock<Docs> = OnceLock::new();

pub fn kept(build: impl FnOnce() -> Docs) -> &'static Docs {
    DOCS.get_or_init(build)
}

pub struct Service;

impl Service {
    fn docs(&self) -> Result<&'static Docs, ServiceError> {
        DOCS.get().ok_or_else(|| ServiceError::internal("the shop API documentation is not built yet"))
    }
}

#[async_trait::async_trait]
impl DocumentationService for Service {
    async fn shop_swagger_ui(&self, _ctx: &RequestContext, _input: ShopSwaggerUiInput) -> Result<String, ServiceError> {
        Ok(self.docs()?.swagger_ui_html.clone())
    }

    async fn openapi_schema(
        &self,
        _ctx: &RequestContext,
        _input: OpenapiSchemaInput,
    ) -> Result<serde_json::Value, ServiceError> {
        serde_json::from_str(self.docs()?.spec_json).map_err(|e| ServiceError::internal(format!("spec JSON: {e}")))
    }
}
