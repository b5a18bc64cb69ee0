//! The shop API's own documentation: Swagger UI at `/api/shop` and the OpenAPI document at
//! `/api/docs.json`, both derived from the generated routes.

use std::sync::{Arc, OnceLock};

use polyshop_api_bagisto_shop::documentation::*;
use polyshop_runtime::{RequestContext, ServiceError};

/// The document and its Swagger UI page, built once the API's routes exist.
pub struct Docs {
    pub spec_json: String,
    pub swagger_ui_html: String,
}

pub struct Service(pub Arc<OnceLock<Docs>>);

impl Service {
    fn docs(&self) -> Result<&Docs, ServiceError> {
        self.0.get().ok_or_else(|| ServiceError::internal("the shop API documentation is not built yet"))
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
        serde_json::from_str(&self.docs()?.spec_json).map_err(|e| ServiceError::internal(format!("spec JSON: {e}")))
    }
}
