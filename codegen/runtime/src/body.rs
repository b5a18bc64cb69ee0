//! `JsonBody<T>`: a JSON request body parsed with serde, so a type error names the field
//! (`data.stock_level: invalid type: string "x", expected a number`) instead of the Rust type.

use poem::{FromRequest, Request, RequestBody};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    error::{ContentTypeError, ParseRequestPayloadError},
    payload::{ParsePayload, Payload},
    registry::{MetaMediaType, MetaRequest, MetaSchemaRef, Registry},
    types::Type,
};
use serde::de::DeserializeOwned;

use crate::validate::Validate;

#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<T: Type> Payload for JsonBody<T> {
    const CONTENT_TYPE: &'static str = "application/json";

    /// JSON types, and the types clients send JSON under by mistake (`curl -d` sends a form
    /// type): the upstream servers read the raw body whatever its declared type.
    fn check_content_type(content_type: &str) -> bool {
        let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json"))
            || essence == "text/plain"
            || essence == "application/x-www-form-urlencoded"
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type + DeserializeOwned + Validate> ParsePayload for JsonBody<T> {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let data = <Vec<u8> as FromRequest>::from_request(request, body).await?;
        let value: T = parse_json(&data).map_err(|reason| ParseRequestPayloadError { reason })?;
        let mut problems = Vec::new();
        value.validate("", &mut problems);
        if !problems.is_empty() {
            return Err(ParseRequestPayloadError { reason: problems.join("; ") }.into());
        }
        Ok(JsonBody(value))
    }
}

/// Parses `data` as `T`, describing the first problem with the path of the offending field.
pub fn parse_json<T: DeserializeOwned>(data: &[u8]) -> Result<T, String> {
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err("the body is empty; a JSON document is expected".to_owned());
    }
    let de = &mut serde_json::Deserializer::from_slice(data);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(value) => Ok(value),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                Err(format!("malformed JSON ({inner})"))
            } else if path == "." {
                Err(strip_position(&inner.to_string()))
            } else {
                Err(format!("`{path}`: {}", strip_position(&inner.to_string())))
            }
        }
    }
}

/// serde_json appends " at line 1 column 40"; the field path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

impl<'a, T: Type + DeserializeOwned + Validate> ApiExtractor<'a> for JsonBody<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Self as Payload>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        Some(MetaRequest {
            description: None,
            content: vec![MetaMediaType { content_type: Self::CONTENT_TYPE, schema: Self::schema_ref() }],
            required: true,
        })
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        // A missing Content-Type is read as JSON (the upstream servers do); a non-JSON one is 415.
        if let Some(content_type) = request.content_type()
            && !Self::check_content_type(content_type)
        {
            return Err(ContentTypeError::NotSupported { content_type: content_type.to_owned() }.into());
        }
        <Self as ParsePayload>::from_request(request, body).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        data: Inner,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        stock_level: crate::JsonDecimal,
    }

    #[test]
    fn names_the_bad_field() {
        let err = parse_json::<Outer>(br#"{"data":{"stock_level":"x"}}"#).unwrap_err();
        assert_eq!(err, "`data.stock_level`: invalid type: string \"x\", expected a number");
    }

    #[test]
    fn reports_malformed_json() {
        let err = parse_json::<Outer>(b"{\"data\":").unwrap_err();
        assert!(err.starts_with("malformed JSON"), "{err}");
        assert_eq!(parse_json::<Outer>(b"  ").unwrap_err(), "the body is empty; a JSON document is expected");
    }
}
