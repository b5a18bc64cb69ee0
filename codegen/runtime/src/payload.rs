//! Response payloads poem-openapi does not have: a PDF document (`application/pdf`), so an
//! invoice download says what it is (clients and browsers pick a viewer by the content type).

use poem::{Body, IntoResponse, Response};
use poem_openapi::{
    ApiResponse,
    payload::Payload,
    registry::{MetaMediaType, MetaResponse, MetaResponses, MetaSchema, MetaSchemaRef, Registry},
};

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
