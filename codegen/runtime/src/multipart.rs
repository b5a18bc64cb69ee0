//! `MultipartBody<T>`: a `multipart/form-data` request body (a file upload with its fields),
//! read into a generated model: text fields parsed by their type, file fields kept in memory
//! as [`UploadedFile`] (the whole request is bounded by the server's body limit), then the
//! model's constraints checked as for JSON bodies.

use std::{borrow::Cow, collections::BTreeMap};

use poem::{FromRequest, Request, RequestBody, web::Multipart};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    error::{ContentTypeError, ParseRequestPayloadError},
    payload::{ParsePayload, Payload},
    registry::{MetaMediaType, MetaRequest, MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};

use crate::validate::Validate;

/// A file sent in a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct UploadedFile {
    /// The name the client gave it (`spec.pdf`), as sent.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for UploadedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UploadedFile({:?}, {} bytes)", self.file_name, self.bytes.len())
    }
}

impl Validate for UploadedFile {
    fn validate(&self, _path: &str, _problems: &mut Vec<String>) {}
}

/// Documented as `type: string, format: binary`; never read from or written as JSON.
impl Type for UploadedFile {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_binary".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema { format: Some("binary"), ..MetaSchema::new("string") }))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::once(self))
    }
}

impl ParseFromJSON for UploadedFile {
    fn parse_from_json(_value: Option<serde_json::Value>) -> ParseResult<Self> {
        Err(ParseError::custom("a file is sent as a multipart/form-data part, not in JSON"))
    }
}

impl ToJSON for UploadedFile {
    fn to_json(&self) -> Option<serde_json::Value> {
        None
    }
}

impl<'de> serde::Deserialize<'de> for UploadedFile {
    fn deserialize<D: serde::Deserializer<'de>>(_deserializer: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("a file is sent as a multipart/form-data part, not in JSON"))
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub enum Part {
    Text(String),
    File(UploadedFile),
}

/// The parts of a multipart body by field name (the last part of a name wins).
#[derive(Debug, Default)]
pub struct Form(BTreeMap<String, Part>);

impl Form {
    /// Field `name` as `T`: a 400 reason naming the field when it is missing or malformed.
    pub fn take<T: FormValue>(&mut self, name: &str) -> Result<T, String> {
        T::from_part(self.0.remove(name)).map_err(|reason| format!("{name}: {reason}"))
    }
}

/// A type a multipart field reads as.
pub trait FormValue: Sized {
    fn from_part(part: Option<Part>) -> Result<Self, String>;
}

impl<T: FormValue> FormValue for Option<T> {
    fn from_part(part: Option<Part>) -> Result<Self, String> {
        match part {
            None => Ok(None),
            Some(Part::Text(t)) if t.trim().is_empty() => Ok(None),
            some => T::from_part(some).map(Some),
        }
    }
}

impl FormValue for UploadedFile {
    fn from_part(part: Option<Part>) -> Result<Self, String> {
        match part {
            Some(Part::File(f)) => Ok(f),
            Some(Part::Text(_)) => Err("a file is expected, not text".into()),
            None => Err("is required".into()),
        }
    }
}

impl FormValue for String {
    fn from_part(part: Option<Part>) -> Result<Self, String> {
        match part {
            Some(Part::Text(t)) => Ok(t),
            Some(Part::File(_)) => Err("text is expected, not a file".into()),
            None => Err("is required".into()),
        }
    }
}

macro_rules! number_field {
    ($($t:ty),*) => {$(
        impl FormValue for $t {
            fn from_part(part: Option<Part>) -> Result<Self, String> {
                let text = String::from_part(part)?;
                text.trim().parse().map_err(|_| format!("`{text}` is not a whole number"))
            }
        }
    )*};
}
number_field!(i32, i64);

/// Generated for the models of multipart bodies: the model from its form's fields.
pub trait FromForm: Sized {
    fn from_form(form: &mut Form) -> Result<Self, String>;
}

#[derive(Debug, Clone)]
pub struct MultipartBody<T>(pub T);

impl<T: Type> Payload for MultipartBody<T> {
    const CONTENT_TYPE: &'static str = "multipart/form-data";

    fn check_content_type(content_type: &str) -> bool {
        content_type.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case(Self::CONTENT_TYPE)
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type + FromForm + Validate> ParsePayload for MultipartBody<T> {
    const IS_REQUIRED: bool = true;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let bad = |reason: String| ParseRequestPayloadError { reason };
        let mut multipart =
            <Multipart as FromRequest>::from_request(request, body).await.map_err(|e| bad(e.to_string()))?;
        let mut form = Form::default();
        while let Some(field) = multipart.next_field().await.map_err(|e| bad(e.to_string()))? {
            let Some(name) = field.name().map(str::to_owned) else { continue };
            let (file_name, content_type) =
                (field.file_name().map(str::to_owned), field.content_type().map(str::to_owned));
            let bytes = field.bytes().await.map_err(|e| bad(format!("{name}: {e}")))?;
            let part = match file_name {
                Some(file_name) => Part::File(UploadedFile { file_name: Some(file_name), content_type, bytes }),
                None => Part::Text(String::from_utf8(bytes).map_err(|_| bad(format!("{name}: not UTF-8 text")))?),
            };
            form.0.insert(name, part);
        }
        let value = T::from_form(&mut form).map_err(bad)?;
        let mut problems = Vec::new();
        value.validate("", &mut problems);
        if !problems.is_empty() {
            return Err(bad(problems.join("; ")).into());
        }
        Ok(MultipartBody(value))
    }
}

impl<'a, T: Type + FromForm + Validate> ApiExtractor<'a> for MultipartBody<T> {
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
        match request.content_type() {
            Some(content_type) if Self::check_content_type(content_type) => {}
            other => {
                let content_type = other.unwrap_or("none").to_owned();
                return Err(ContentTypeError::NotSupported { content_type }.into());
            }
        }
        <Self as ParsePayload>::from_request(request, body).await
    }
}
