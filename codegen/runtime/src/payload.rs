//! Response payloads poem-openapi does not have: a PDF document (`application/pdf`), so an
//! invoice download says what it is (clients and browsers pick a viewer by the content type),
//! and a JSON body serialized with serde.

use poem::{Body, IntoResponse, Response, http::StatusCode};
use poem_openapi::{
    ApiResponse,
    payload::Payload,
    registry::{MetaMediaType, MetaResponse, MetaResponses, MetaSchema, MetaSchemaRef, Registry},
    types::Type,
};
use serde::Serialize;

/// A PDF document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf<T>(pub T);

impl<T: Send> Payload for Pdf<T> {
    const CONTENT_TYPE: &'static str = "application/pdf";

    fn check_content_type(content_type: &str) -> bool {
        content_type == Self::CONTENT_TYPE
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema { format: Some("binary"), ..MetaSchema::new("string") }))
    }
}

impl<T: Into<Body> + Send> IntoResponse for Pdf<T> {
    fn into_response(self) -> Response {
        Response::builder().content_type(Self::CONTENT_TYPE).body(self.0.into())
    }
}

impl<T: Into<Body> + Send> ApiResponse for Pdf<T> {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: vec![MetaResponse {
                description: "",
                status: Some(200),
                status_range: None,
                content: vec![MetaMediaType { content_type: Self::CONTENT_TYPE, schema: Self::schema_ref() }],
                headers: vec![],
            }],
        }
    }

    fn register(_registry: &mut Registry) {}
}

/// A JSON response body written with serde straight to bytes.
///
/// poem-openapi's own `Json` first builds a `serde_json::Value` tree of the whole body with
/// `ToJSON` and then serializes that tree: a fifth of a product page's CPU. The generated models
/// derive `serde::Serialize` with the same field names, order and omissions as their
/// `poem_openapi::Object`, so the bytes are the same (the snapshot tests pin them) and the
/// document (content type, schema) is the one `Json` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json<T>(pub T);

/// The content type of a JSON body, as poem-openapi's `Json` writes it.
const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

impl<T: Type> Payload for Json<T> {
    const CONTENT_TYPE: &'static str = JSON_CONTENT_TYPE;

    fn check_content_type(content_type: &str) -> bool {
        <poem_openapi::payload::Json<T> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Serialize + Send> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => Response::builder().content_type(JSON_CONTENT_TYPE).body(body),
            // Only a map with keys that are not strings fails, and the models have none.
            Err(err) => {
                tracing::error!(error = %err, "a JSON response body could not be serialized");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}
