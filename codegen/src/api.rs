//! An OpenAPI surface (`spec/openapi/<surface>.yaml`) → the IR the API templates print.
//!
//! The supported subset is checked here with errors that name the spec location. Everything the
//! templates need (Rust types, attribute arguments, doc lines) is computed here.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Schema, SchemaKind, SecurityScheme, StatusCode, Type, VariantOrUnknownOrEmpty,
};
use serde::Serialize;
use serde_json::Value;

use crate::{
    load::{SpecFile, pointer_escape},
    names,
    rust_type::RustType,
};

#[derive(Debug, Serialize)]
pub struct ApiIr {
    /// `community-store`: the spec file's stem, the generated crate's directory.
    pub surface: String,
    pub crate_name: String,
    pub source: String,
    pub title: String,
    pub version: String,
    pub title_literal: String,
    pub version_literal: String,
    pub doc: Vec<String>,
    pub description_literal: String,
    /// Variant of `polyshop_runtime::ErrorStyle` (`CommunityStore`).
    pub error_style: String,
    pub tags: Vec<TagIr>,
    pub models: Vec<ModelDef>,
    pub error_sets: Vec<ErrorSet>,
    pub scopes: Vec<ScopeIr>,
    pub guards: Vec<GuardIr>,
    pub oauth_scheme_name: String,
    pub oauth_token_url: String,
    pub oauth_doc: Vec<String>,
    /// The HTTP Basic scheme, when the surface has one.
    pub basic: Option<BasicIr>,
    /// The API key scheme, when the surface has one.
    pub api_key: Option<ApiKeyIr>,
    /// HTTP bearer token schemes (a customer's or an administrator's token).
    pub bearers: Vec<BearerIr>,
    /// The tuple of API structs poem-openapi serves (nested in groups of at most 16, the
    /// largest tuple it implements `OpenApi` for): its type and its construction.
    pub apis_type: RustType,
    pub apis_expr: String,
    /// The request-wide parameters (`x-polyshop-context`) of every operation, by field name in
    /// order of first appearance: the fields of the generated `ContextParams`. Empty when the
    /// surface has none, and then it has no `ContextHook` either.
    pub context_params: Vec<ContextParamIr>,
    /// `x-polyshop-surface`: where the surface lives, for the registry of surfaces.
    pub placement: PlacementIr,
    /// `polyshop_api_bagisto_shop`: the generated crate as a Rust path.
    pub crate_ident: String,
    /// `polyshop-surface-bagisto-shop`: the hand-written crate that implements the surface.
    pub impl_crate_name: String,
    pub impl_crate_ident: String,
}

/// `x-polyshop-surface`, as Rust literals.
#[derive(Debug, Serialize, Clone)]
pub struct PlacementIr {
    pub prefixes: Vec<String>,
    /// Where the app publishes the document and Swagger UI, if it does (`/cs/api/v1`).
    pub docs: Option<String>,
    /// `&["/cs/"]`: unmatched paths under these prefixes answer in the surface's error style.
    pub prefixes_literal: String,
    /// `Some("/cs/api/v1")`: where the app publishes the document and Swagger UI, if it does.
    pub docs_literal: String,
    /// Where the surface's OpenAPI document is served.
    pub document_literal: String,
    /// `Some("/cs/api/v1/docs/")`: the documentation page people read (Swagger UI), if any.
    pub page_literal: String,
}

/// A field of the generated `ContextParams`: one request-wide parameter.
#[derive(Debug, Serialize, Clone)]
pub struct ContextParamIr {
    pub rust_name: String,
    /// `Option<String>`: a context parameter is never required.
    pub rust_type: RustType,
    pub doc: Vec<String>,
}

/// The value an operation's handler gives one `ContextParams` field: its own parameter, or
/// `None` when it does not document that parameter.
#[derive(Debug, Serialize, Clone)]
pub struct ContextValue {
    pub rust_name: String,
    pub expr: String,
}

#[derive(Debug, Serialize)]
pub struct ApiKeyIr {
    pub scheme_name: String,
    /// The header carrying the key (`X-STOREFRONT-KEY`).
    pub header: String,
    pub doc: Vec<String>,
}

/// An HTTP bearer scheme: tokens the surface's `BearerVerifier` knows.
#[derive(Debug, Serialize, Clone)]
pub struct BearerIr {
    pub scheme_name: String,
    /// `CustomerTokenAuth`: the security scheme type of a required token.
    pub rust_name: String,
    /// `OptionalCustomerTokenAuth`: a token that may be left out.
    pub optional_name: String,
    pub checker: String,
    pub doc: Vec<String>,
}

/// The user token an operation's security combines with its first scheme (a customer's Bearer
/// token with the storefront key).
#[derive(Debug, Serialize, Clone)]
pub struct UserGuard {
    /// The handler argument's type (`CustomerTokenAuth` or `OptionalCustomerTokenAuth`).
    pub rust_name: String,
    pub required: bool,
}

#[derive(Debug, Serialize)]
pub struct BasicIr {
    pub scheme_name: String,
    pub doc: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TagIr {
    pub name: String,
    pub variant: String,
    pub module: String,
    pub doc: Vec<String>,
    pub api_struct: String,
    pub service_trait: String,
    pub operations: Vec<OperationIr>,
    /// Some operation of the tag has context parameters: its API struct holds the hook.
    pub uses_context: bool,
}

#[derive(Debug, Serialize)]
pub struct OperationIr {
    pub operation_id: String,
    pub fn_name: String,
    pub method: String,
    pub method_upper: String,
    /// The path as the spec writes it (`/cs/api/v1/orders/{oID}`).
    pub path: String,
    /// The path in poem's syntax (`/cs/api/v1/orders/:oID`).
    pub poem_path: String,
    pub doc: Vec<String>,
    pub deprecated: bool,
    pub guard: Option<GuardRef>,
    /// The user token combined with `guard`, when the operation's security has one.
    pub user: Option<UserGuard>,
    /// `x-polyshop-permission`: what the caller must be allowed, as a Rust string literal.
    pub permission_literal: Option<String>,
    /// The security requirement as the spec writes it, as the Rust literal of
    /// `OperationInfo::security`.
    pub security_literal: String,
    /// The handler changes its `RequestContext` after creating it (context hook, user token).
    pub ctx_mut: bool,
    pub params: Vec<ParamIr>,
    pub body: Option<BodyIr>,
    pub input_struct: String,
    pub response_enum: String,
    pub response_variants: Vec<ResponseVariant>,
    /// What the service method returns on success.
    pub service_output: RustType,
    /// Expression turning the service's `output` into the response enum.
    pub wrap_output: String,
    /// The service returns `()`.
    pub unit_output: bool,
    pub error_set: String,
    pub scopes_literal: String,
    /// The operation's page parameters, when it has them.
    pub window: Option<WindowIr>,
    /// The `ContextParams` the handler hands to the surface's hook; empty when the operation
    /// has no context parameters (the hook is then not called).
    pub context_values: Vec<ContextValue>,
}

#[derive(Debug, Serialize, Clone)]
pub struct GuardRef {
    pub rust_name: String,
    pub scope_attr: String,
}

/// Where a parameter is read from.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

impl ParamLocation {
    fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }

    /// The poem-openapi extractor of a parameter of type `ty` (`poem_openapi::param::Query<i64>`).
    fn extractor(self, ty: &RustType) -> String {
        let extractor = match self {
            ParamLocation::Path => "poem_openapi::param::Path",
            ParamLocation::Query => "poem_openapi::param::Query",
            ParamLocation::Header => "poem_openapi::param::Header",
        };
        format!("{extractor}<{ty}>")
    }
}

#[derive(Debug, Serialize)]
pub struct ParamIr {
    pub name: String,
    pub location: ParamLocation,
    pub rust_name: String,
    /// `x-polyshop-context`: a request-wide parameter (`X-Locale`), handed to the surface's
    /// context hook in `ContextParams` instead of the operation's input.
    pub context: bool,
    /// The expression giving the input field its value (clamped per `x-polyshop-clamp`).
    pub value_expr: String,
    /// Type of the value handed to the service (`Option<i64>`).
    pub rust_type: RustType,
    /// The handler argument type (`poem_openapi::param::Query<Option<i64>>`).
    pub extractor: String,
    pub oai_attr: String,
    pub doc: Vec<String>,
    pub default_fn: Option<DefaultFn>,
    /// `x-polyshop-paging: page | per_page`: the parameter picks the page a list returns.
    pub paging: Option<PagingRole>,
}

/// The input fields that make up a paged request's `PageWindow` (`input.window()`).
#[derive(Debug, Serialize)]
pub struct WindowIr {
    pub page: String,
    pub per_page: String,
}

#[derive(Debug, Serialize)]
pub struct DefaultFn {
    pub name: String,
    pub rust_type: RustType,
    pub expr: String,
}

#[derive(Debug, Serialize)]
pub struct BodyIr {
    pub rust_type: RustType,
    pub extractor: String,
    pub doc: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ResponseVariant {
    pub status: u16,
    pub variant: String,
    pub doc: Vec<String>,
    /// `polyshop_runtime::payload::Json<crate::models::Order>`, or none for no body.
    pub payload: Option<Payload>,
    /// Headers the service sets: fields of the variant after the payload.
    pub header_fields: Vec<HeaderField>,
    /// Headers set outside the service (`x-polyshop-set-by: middleware`): documented only.
    pub extra_headers: Vec<ExtraHeader>,
}

/// A success response's body: a poem-openapi payload type, serialized as it is written
/// (`polyshop_runtime::payload::Json<crate::models::Order>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// `application/json`: `polyshop_runtime::payload::Json<T>` (serialized with serde).
    Json(RustType),
    /// `text/html`: `poem_openapi::payload::Html<String>`.
    Html,
    /// `application/octet-stream`: `poem_openapi::payload::Binary<Vec<u8>>`.
    Binary,
    /// `application/pdf`: `polyshop_runtime::payload::Pdf<Vec<u8>>`.
    Pdf,
}

impl Payload {
    /// The payload type wrapping the body (`polyshop_runtime::payload::Json`).
    fn wrapper(&self) -> &'static str {
        match self {
            Payload::Json(_) => "polyshop_runtime::payload::Json",
            Payload::Html => "poem_openapi::payload::Html",
            Payload::Binary => "poem_openapi::payload::Binary",
            Payload::Pdf => "polyshop_runtime::payload::Pdf",
        }
    }

    /// The type of the body the payload wraps: what a service returns for it.
    fn body(&self) -> RustType {
        match self {
            Payload::Json(ty) => ty.clone(),
            Payload::Html => RustType::String,
            Payload::Binary | Payload::Pdf => RustType::U8.vec(),
        }
    }
}

impl std::fmt::Display for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}<{}>", self.wrapper(), self.body())
    }
}

impl Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl ResponseVariant {
    /// The Rust type of a JSON body (`crate::models::Order`, `Vec<crate::models::Order>`).
    fn json_type(&self) -> Option<&RustType> {
        match &self.payload {
            Some(Payload::Json(ty)) => Some(ty),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeaderField {
    pub name: String,
    pub rust_type: RustType,
    pub doc: Vec<String>,
    /// `x-polyshop-paging`: which item of the page's metadata the header carries.
    pub paging: Option<PagingRole>,
}

/// The paging metadata a response header carries (`x-polyshop-paging`), filled in by the
/// generated handler from the `polyshop_runtime::Page` the service returns.
#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PagingRole {
    /// Items matching across all pages.
    Total,
    /// The page returned.
    Page,
    /// The page size applied.
    PerPage,
    /// The number of pages.
    Pages,
}

impl PagingRole {
    const ALL: [PagingRole; 4] = [PagingRole::Total, PagingRole::Page, PagingRole::PerPage, PagingRole::Pages];

    fn parse(value: &str) -> Option<PagingRole> {
        PagingRole::ALL.into_iter().find(|r| r.name() == value)
    }

    fn name(self) -> &'static str {
        match self {
            PagingRole::Total => "total",
            PagingRole::Page => "page",
            PagingRole::PerPage => "per_page",
            PagingRole::Pages => "pages",
        }
    }
}

#[derive(Debug, Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExtraHeader {
    /// Upper case, as poem-openapi writes header names.
    pub name: String,
    /// The Rust type whose schema documents the header (`Option<i64>`).
    pub rust_type: RustType,
    pub description_literal: String,
}

#[derive(Debug, Serialize)]
pub struct ModelDef {
    pub name: String,
    pub doc: Vec<String>,
    pub is_enum: bool,
    /// Read from request bodies (derives `Deserialize` and `Validate`); response-only models
    /// do not, which keeps the generated crates quick to compile.
    pub is_request: bool,
    /// Read from `multipart/form-data` bodies (implements `FromForm`; binary fields are files).
    pub is_multipart: bool,
    pub fields: Vec<FieldIr>,
    pub variants: Vec<VariantIr>,
}

#[derive(Debug, Serialize)]
pub struct FieldIr {
    pub rust_name: String,
    pub json_name: String,
    /// Statements checking the field's constraints (run on request bodies).
    pub checks: Vec<String>,
    pub rust_type: RustType,
    pub doc: Vec<String>,
    pub oai_attr: String,
    pub serde_attr: String,
}

#[derive(Debug, Serialize)]
pub struct VariantIr {
    pub rust_name: String,
    pub json_name: String,
}

#[derive(Debug, Serialize)]
pub struct ErrorSet {
    pub rust_name: String,
    pub statuses_literal: String,
    /// The statuses and the shared responses they document, for the doc comment.
    pub summary: String,
    pub responses: Vec<ErrorResponse>,
}

#[derive(Debug, Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ErrorResponse {
    pub status: u16,
    /// Name of the shared response in `components.responses`.
    pub component: String,
    pub description_literal: String,
    pub schema_types: Vec<RustType>,
    /// Rust expression for the body's `MetaSchemaRef`.
    pub schema_expr: String,
    pub headers: Vec<ExtraHeader>,
}

#[derive(Debug, Serialize)]
pub struct ScopeIr {
    pub name: String,
    pub variant: String,
    pub doc: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GuardIr {
    pub rust_name: String,
    pub checker: String,
    pub scopes_literal: String,
}

struct Lowering<'a> {
    file: &'a str,
    doc: &'a OpenAPI,
    models: BTreeMap<String, ModelDef>,
    /// Inside a schema marked `x-polyshop-lenient`: strings also accept numbers and booleans.
    lenient: bool,
}

/// The security schemes a surface declares (`components.securitySchemes`): at most one of each
/// kind.
struct SecuritySchemes {
    scopes: Vec<ScopeIr>,
    oauth_scheme_name: Option<String>,
    oauth_token_url: String,
    oauth_doc: Vec<String>,
    basic: Option<BasicIr>,
    api_key: Option<ApiKeyIr>,
    bearers: Vec<BearerIr>,
}

/// The shapes shared across a surface's operations, collected while lowering them: error sets
/// by their responses, OAuth2 guards by their scopes, operation ids seen.
#[derive(Default)]
struct Shared {
    error_sets: BTreeMap<Vec<ErrorResponse>, String>,
    guards: BTreeMap<Vec<String>, String>,
    operation_ids: BTreeSet<String>,
}

pub fn lower(spec: &SpecFile) -> Result<ApiIr> {
    let doc = &spec.doc;
    let at = spec.rel_path.as_str();
    let surface = std::path::Path::new(at).file_stem().unwrap().to_string_lossy().into_owned();
    let error_style = match doc.extensions.get("x-polyshop-error-style").and_then(Value::as_str) {
        Some("community-store") => "CommunityStore",
        Some("cs-cart") => "CsCart",
        Some("bagisto") => "Bagisto",
        Some(other) => bail!("{at}: unknown x-polyshop-error-style `{other}`"),
        None => bail!("{at}: x-polyshop-error-style is required (the error body convention of this API)"),
    };
    let mut lw = Lowering { file: at, doc, models: BTreeMap::new(), lenient: false };
    let components = doc.components.clone().unwrap_or_default();

    // Named schemas first, so references resolve to their own types.
    for (name, schema) in &components.schemas {
        let loc = format!("{at}#/components/schemas/{name}");
        let ReferenceOr::Item(schema) = schema else { bail!("{loc}: aliases of other schemas are not supported") };
        lw.lower_named(&names::type_name(name), schema, &loc)?;
    }
    let security = lower_security_schemes(at, &components)?;
    let mut tags = lower_tags(at, doc)?;
    let mut shared = Shared::default();
    for (path, item) in doc.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else { bail!("{at}: path references are not supported") };
        for (method, op) in item.iter() {
            let (tag_ix, operation) = lw.lower_operation(path, method, item, op, &tags, &security, &mut shared)?;
            tags[tag_ix].operations.push(operation);
        }
    }
    tags.retain(|t| !t.operations.is_empty());
    let context_params = context_params(at, &mut tags)?;
    let placement = placement(at, doc, &tags)?;

    let error_sets = shared
        .error_sets
        .into_iter()
        .map(|(responses, rust_name)| ErrorSet {
            statuses_literal: responses.iter().map(|r| r.status.to_string()).collect::<Vec<_>>().join(", "),
            summary: responses.iter().map(|r| format!("{} `{}`", r.status, r.component)).collect::<Vec<_>>().join(", "),
            rust_name,
            responses,
        })
        .collect();
    let guards = shared
        .guards
        .into_iter()
        .map(|(scopes, rust_name)| GuardIr {
            checker: format!("check_{}", names::field(&rust_name)),
            scopes_literal: scopes.iter().map(|s| names::literal(s)).collect::<Vec<_>>().join(", "),
            rust_name,
        })
        .collect();
    let description = doc.info.description.clone().unwrap_or_default();
    let models = request_models(lw.models, &tags);
    let (apis_type, apis_expr) = api_tuple(&tags);
    let SecuritySchemes { scopes, oauth_scheme_name, oauth_token_url, oauth_doc, basic, api_key, bearers } = security;
    Ok(ApiIr {
        crate_ident: format!("polyshop_api_{}", surface.replace('-', "_")),
        impl_crate_name: format!("polyshop-surface-{surface}"),
        impl_crate_ident: format!("polyshop_surface_{}", surface.replace('-', "_")),
        apis_type,
        apis_expr,
        crate_name: format!("polyshop-api-{surface}"),
        surface,
        source: at.to_owned(),
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        title_literal: names::literal(&doc.info.title),
        version_literal: names::literal(&doc.info.version),
        doc: names::doc_lines(&description),
        description_literal: names::literal(description.trim()),
        error_style: error_style.to_owned(),
        tags,
        models,
        error_sets,
        scopes,
        guards,
        oauth_scheme_name: oauth_scheme_name.unwrap_or_default(),
        oauth_token_url,
        oauth_doc,
        basic,
        api_key,
        bearers,
        context_params,
        placement,
    })
}

/// `x-polyshop-surface: {prefixes, docs | document [, page]}`: the path prefixes whose unmatched
/// requests answer in this surface's error style, and where its OpenAPI document is served: at
/// `{docs}/openapi.json` when the app publishes it (with Swagger UI at `{docs}/docs/`), or at
/// `document`, a `GET` operation of the surface's own (and its documentation page at `page`,
/// another one).
fn placement(at: &str, doc: &OpenAPI, tags: &[TagIr]) -> Result<PlacementIr> {
    let loc = format!("{at}#/x-polyshop-surface");
    let Some(ext) = doc.extensions.get("x-polyshop-surface") else {
        bail!("{at}: x-polyshop-surface is required (`prefixes`, and `docs` or `document`)")
    };
    let path = |key: &str| -> Result<Option<String>> {
        match ext.get(key) {
            None => Ok(None),
            Some(Value::String(p)) if p.starts_with('/') => Ok(Some(p.clone())),
            Some(_) => bail!("{loc}/{key}: a path starting with `/`"),
        }
    };
    let prefixes: Vec<String> = match ext.get("prefixes").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|p| match p.as_str() {
                Some(p) if p.starts_with('/') => Ok(p.to_owned()),
                _ => bail!("{loc}/prefixes: paths starting with `/`"),
            })
            .collect::<Result<_>>()?,
        _ => bail!("{loc}/prefixes: a non-empty list of path prefixes"),
    };
    let Some(map) = ext.as_object() else { bail!("{loc}: a mapping (`prefixes`, and `docs` or `document`)") };
    if let Some(key) = map.keys().find(|k| !["prefixes", "docs", "document", "page"].contains(&k.as_str())) {
        bail!("{loc}: unknown key `{key}` (prefixes, docs, document, page)");
    }
    let served = |key: &str, path: &str| -> Result<()> {
        let get = tags.iter().flat_map(|t| &t.operations).any(|o| o.path == path && o.method == "get");
        if !get {
            bail!("{loc}/{key}: `{path}` is not a GET operation of this surface");
        }
        Ok(())
    };
    let docs = path("docs")?;
    let (document, page) = match (&docs, path("document")?, path("page")?) {
        (Some(docs), None, None) => (format!("{docs}/openapi.json"), Some(format!("{docs}/docs/"))),
        (None, Some(document), page) => {
            served("document", &document)?;
            if let Some(page) = &page {
                served("page", page)?;
            }
            (document, page)
        }
        (Some(_), _, Some(_)) => bail!("{loc}/page: only with `document` (with `docs`, the page is `{{docs}}/docs/`)"),
        _ => bail!("{loc}: exactly one of `docs` (published by the app) and `document` (an operation)"),
    };
    let prefixes_literal = format!("&[{}]", prefixes.iter().map(|p| names::literal(p)).collect::<Vec<_>>().join(", "));
    let docs_literal = match &docs {
        Some(d) => format!("Some({})", names::literal(d)),
        None => "None".to_owned(),
    };
    let page_literal = match &page {
        Some(p) => format!("Some({})", names::literal(p)),
        None => "None".to_owned(),
    };
    Ok(PlacementIr {
        prefixes,
        docs,
        prefixes_literal,
        docs_literal,
        document_literal: names::literal(&document),
        page_literal,
    })
}

/// The fields of the generated `ContextParams` (every context parameter of the surface, by Rust
/// name, in order of first appearance), and what each operation's handler fills them with.
fn context_params(at: &str, tags: &mut [TagIr]) -> Result<Vec<ContextParamIr>> {
    let mut fields: Vec<ContextParamIr> = Vec::new();
    for op in tags.iter().flat_map(|t| &t.operations) {
        for p in op.params.iter().filter(|p| p.context) {
            match fields.iter().find(|f| f.rust_name == p.rust_name) {
                Some(f) if f.rust_type != p.rust_type => bail!(
                    "{at}: context parameter `{}` of `{}` is a `{}`, elsewhere a `{}`",
                    p.name,
                    op.operation_id,
                    p.rust_type,
                    f.rust_type
                ),
                Some(_) => {}
                None => fields.push(ContextParamIr {
                    rust_name: p.rust_name.clone(),
                    rust_type: p.rust_type.clone(),
                    doc: names::doc_lines(&format!(
                        "The `{}` {} parameter, when the operation documents it.",
                        p.name,
                        p.location.as_str()
                    )),
                }),
            }
        }
    }
    for tag in tags.iter_mut() {
        for op in &mut tag.operations {
            if !op.params.iter().any(|p| p.context) {
                continue;
            }
            op.context_values = fields
                .iter()
                .map(|f| {
                    let own = op.params.iter().any(|p| p.context && p.rust_name == f.rust_name);
                    let expr = if own { format!("{}.0", f.rust_name) } else { "None".to_owned() };
                    ContextValue { rust_name: f.rust_name.clone(), expr }
                })
                .collect();
            op.ctx_mut = true;
        }
        tag.uses_context = tag.operations.iter().any(|o| !o.context_values.is_empty());
    }
    Ok(fields)
}

fn lower_security_schemes(at: &str, components: &openapiv3::Components) -> Result<SecuritySchemes> {
    let mut out = SecuritySchemes {
        scopes: Vec::new(),
        oauth_scheme_name: None,
        oauth_token_url: String::new(),
        oauth_doc: Vec::new(),
        basic: None,
        api_key: None,
        bearers: Vec::new(),
    };
    for (name, scheme) in &components.security_schemes {
        if let ReferenceOr::Item(SecurityScheme::APIKey { location, name: header, description, .. }) = scheme {
            if !matches!(location, openapiv3::APIKeyLocation::Header) {
                bail!("{at}#/components/securitySchemes/{name}: API keys must be sent in a header");
            }
            if out.api_key.is_some() {
                bail!("{at}#/components/securitySchemes: one API key scheme per surface is supported");
            }
            out.api_key = Some(ApiKeyIr {
                scheme_name: name.clone(),
                header: header.clone(),
                doc: names::doc_lines(description.as_deref().unwrap_or("")),
            });
            continue;
        }
        if let ReferenceOr::Item(SecurityScheme::HTTP { scheme, description, .. }) = scheme {
            if scheme.eq_ignore_ascii_case("bearer") {
                let rust = names::type_name(name);
                out.bearers.push(BearerIr {
                    scheme_name: name.clone(),
                    rust_name: format!("{rust}Auth"),
                    optional_name: format!("Optional{rust}Auth"),
                    checker: format!("check_{}_auth", names::field(name)),
                    doc: names::doc_lines(description.as_deref().unwrap_or("")),
                });
                continue;
            }
            if !scheme.eq_ignore_ascii_case("basic") {
                bail!(
                    "{at}#/components/securitySchemes/{name}: only the `basic` and `bearer` HTTP schemes are supported"
                );
            }
            if out.basic.is_some() {
                bail!("{at}#/components/securitySchemes: one HTTP Basic scheme per surface is supported");
            }
            out.basic = Some(BasicIr {
                scheme_name: name.clone(),
                doc: names::doc_lines(description.as_deref().unwrap_or("")),
            });
            continue;
        }
        let ReferenceOr::Item(SecurityScheme::OAuth2 { flows, description, .. }) = scheme else {
            bail!(
                "{at}#/components/securitySchemes/{name}: only OAuth2 client credentials, HTTP Basic and API keys are supported"
            )
        };
        let Some(cc) = &flows.client_credentials else {
            bail!("{at}#/components/securitySchemes/{name}: the clientCredentials flow is required")
        };
        if out.oauth_scheme_name.is_some() {
            bail!("{at}#/components/securitySchemes: one OAuth2 scheme per surface is supported");
        }
        out.oauth_scheme_name = Some(name.clone());
        out.oauth_token_url = cc.token_url.clone();
        out.oauth_doc = names::doc_lines(description.as_deref().unwrap_or(""));
        for (scope, desc) in &cc.scopes {
            out.scopes.push(ScopeIr {
                name: scope.clone(),
                variant: names::type_name(scope),
                doc: names::doc_lines(desc),
            });
        }
    }
    Ok(out)
}

fn lower_tags(at: &str, doc: &OpenAPI) -> Result<Vec<TagIr>> {
    let tags: Vec<TagIr> = doc
        .tags
        .iter()
        .map(|t| {
            let variant = names::type_name(&t.name);
            TagIr {
                name: t.name.clone(),
                module: names::field(&t.name),
                doc: names::doc_lines(t.description.as_deref().unwrap_or("")),
                api_struct: format!("{variant}Api"),
                service_trait: format!("{variant}Service"),
                variant,
                operations: Vec::new(),
                uses_context: false,
            }
        })
        .collect();
    if tags.is_empty() {
        bail!("{at}: declare the surface's tags in the top-level `tags` list");
    }
    Ok(tags)
}

/// The guard of an operation (its own security requirement, else the document's), the user
/// token combined with it, and the OAuth2 scopes it needs.
///
/// Supported requirements: none; one scheme; an API key together with a bearer token
/// (`[{Key, Token}]`, the token required); and an API key with an optional bearer token
/// (`[{Key, Token}, {Key}]`).
fn security_guard(
    requirement: Option<&Vec<openapiv3::SecurityRequirement>>,
    security: &SecuritySchemes,
    guards: &mut BTreeMap<Vec<String>, String>,
    loc: &str,
) -> Result<(Option<GuardRef>, Option<UserGuard>, Vec<String>)> {
    let reqs: &[openapiv3::SecurityRequirement] = requirement.map(Vec::as_slice).unwrap_or_default();
    let key_name = security.api_key.as_ref().map(|k| k.scheme_name.as_str());
    let bearer = |name: &str| security.bearers.iter().find(|b| b.scheme_name == name);
    // `{Key, Token}`: the key's guard and the token's scheme.
    let key_and_token = |alt: &openapiv3::SecurityRequirement| -> Option<&BearerIr> {
        if alt.len() != 2 || !alt.values().all(Vec::is_empty) {
            return None;
        }
        let key = key_name?;
        alt.contains_key(key).then_some(())?;
        alt.keys().find(|k| k.as_str() != key).and_then(|k| bearer(k))
    };
    let key_guard = || GuardRef { rust_name: "ApiKeyAuth".to_owned(), scope_attr: String::new() };
    match reqs {
        [] => return Ok((None, None, Vec::new())),
        [both] if key_and_token(both).is_some() => {
            let token = key_and_token(both).unwrap_or_else(|| unreachable!());
            let user = UserGuard { rust_name: token.rust_name.clone(), required: true };
            return Ok((Some(key_guard()), Some(user), Vec::new()));
        }
        [a, b] => {
            let key_only = |alt: &openapiv3::SecurityRequirement| {
                alt.len() == 1 && key_name.is_some_and(|k| alt.get(k).is_some_and(Vec::is_empty))
            };
            let token = match (key_and_token(a), key_and_token(b)) {
                (Some(t), None) if key_only(b) => t,
                (None, Some(t)) if key_only(a) => t,
                _ => bail!(
                    "{loc}: two security alternatives are supported only as `[{{Key, Token}}, {{Key}}]` (an optional token)"
                ),
            };
            let user = UserGuard { rust_name: token.optional_name.clone(), required: false };
            return Ok((Some(key_guard()), Some(user), Vec::new()));
        }
        [one] if one.len() == 1 => {}
        _ => bail!(
            "{loc}: unsupported security requirement: use one scheme, `[{{Key, Token}}]` or `[{{Key, Token}}, {{Key}}]`"
        ),
    }
    let [one] = reqs else { unreachable!() };
    let Some((scheme, list)) = one.iter().next() else { unreachable!() };
    if !list.is_empty() && Some(scheme) != security.oauth_scheme_name.as_ref() {
        bail!("{loc}: scopes apply to the OAuth2 scheme only, not to `{scheme}`");
    }
    if security.basic.as_ref().is_some_and(|b| &b.scheme_name == scheme) {
        return Ok((Some(GuardRef { rust_name: "BasicAuth".to_owned(), scope_attr: String::new() }), None, Vec::new()));
    }
    if key_name == Some(scheme.as_str()) {
        return Ok((Some(key_guard()), None, Vec::new()));
    }
    if let Some(token) = bearer(scheme) {
        return Ok((
            Some(GuardRef { rust_name: token.rust_name.clone(), scope_attr: String::new() }),
            None,
            Vec::new(),
        ));
    }
    if Some(scheme) != security.oauth_scheme_name.as_ref() {
        bail!("{loc}: unknown security scheme `{scheme}`");
    }
    for s in list {
        if !security.scopes.iter().any(|x| &x.name == s) {
            bail!("{loc}: scope `{s}` is not declared by the security scheme");
        }
    }
    let op_scopes = list.clone();
    let count = guards.len();
    let rust_name = guards
        .entry(op_scopes.clone())
        .or_insert_with(|| match op_scopes.as_slice() {
            [] => "Authenticated".to_owned(),
            [one] => format!("{}Auth", names::type_name(one)),
            _ => format!("ScopeSet{count}Auth"),
        })
        .clone();
    let scope_attr = op_scopes
        .iter()
        .map(|s| format!("scope = \"crate::security::Scopes::{}\"", names::type_name(s)))
        .collect::<Vec<_>>()
        .join(", ");
    Ok((Some(GuardRef { rust_name, scope_attr }), None, op_scopes))
}

/// The Rust literal of `OperationInfo::security` for a requirement.
fn security_literal(requirement: Option<&Vec<openapiv3::SecurityRequirement>>) -> String {
    let alternatives: Vec<String> = requirement
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|alt| {
            let schemes: Vec<String> = alt
                .iter()
                .map(|(scheme, scopes)| {
                    let scopes: Vec<String> = scopes.iter().map(|s| names::literal(s)).collect();
                    format!("({}, &[{}])", names::literal(scheme), scopes.join(", "))
                })
                .collect();
            format!("&[{}]", schemes.join(", "))
        })
        .collect();
    format!("&[{}]", alternatives.join(", "))
}

/// The name of the error type for `errors` (sorted), registering a new set: named after the
/// statuses it documents (`Errors400_401_404`); sets with the same statuses but other responses
/// take a letter (`Errors401B`), in spec order.
fn error_set_name(errors: &[ErrorResponse], error_sets: &mut BTreeMap<Vec<ErrorResponse>, String>) -> String {
    if let Some(name) = error_sets.get(errors) {
        return name.clone();
    }
    let statuses: Vec<String> = errors.iter().map(|e| e.status.to_string()).collect();
    let base = if errors.is_empty() { "NoErrors".to_owned() } else { format!("Errors{}", statuses.join("_")) };
    let taken = error_sets.values().filter(|n| n.trim_end_matches(char::is_alphabetic) == base).count();
    let name = match taken {
        0 => base,
        n => format!("{base}{}", char::from(b'A' + u8::try_from(n).unwrap_or(25).min(25))),
    };
    error_sets.insert(errors.to_vec(), name.clone());
    name
}

/// What the service method returns, and the expression turning its `output` into the
/// response enum.
fn service_output(variants: &[ResponseVariant], response_enum: &str, loc: &str) -> Result<(RustType, String)> {
    if variants.len() > 1 && variants.iter().any(|v| v.header_fields.iter().any(|h| h.paging.is_some())) {
        bail!("{loc}/responses: a paged response must be the operation's only success response");
    }
    let whole_enum = || (RustType::path(response_enum), "output".to_owned());
    Ok(match variants {
        // A paged list: the service returns a `Page`, the handler writes its metadata.
        [only] if only.header_fields.iter().any(|h| h.paging.is_some()) => {
            paged_output(only, response_enum, &format!("{loc}/responses/{}", only.status))?
        }
        // Headers the service sets are fields of the variant: the service builds it.
        [only] if !only.header_fields.is_empty() => whole_enum(),
        [only] => match &only.payload {
            None => (RustType::Unit, format!("{response_enum}::{}", only.variant)),
            // `polyshop_runtime::payload::Json<T>`: the service returns `T`.
            Some(payload) => {
                (payload.body(), format!("{response_enum}::{}({}(output))", only.variant, payload.wrapper()))
            }
        },
        _ => whole_enum(),
    })
}

/// `/cs/api/v1/orders/{oID}` → `/cs/api/v1/orders/:oID`.
fn poem_path(path: &str) -> String {
    path.split('/')
        .map(
            |s| {
                if s.starts_with('{') { format!(":{}", s.trim_matches(|c| c == '{' || c == '}')) } else { s.to_owned() }
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// The tuple of API structs poem-openapi serves and its construction: poem-openapi implements
/// `OpenApi` for one API and for tuples of 2 to 16, so larger surfaces nest tuples.
fn api_tuple(tags: &[TagIr]) -> (RustType, String) {
    let apis_type = nest_tuples(
        tags.iter().map(|t| RustType::path(format!("{}::{}", t.module, t.api_struct))).collect(),
        RustType::Tuple,
    );
    let apis_expr = nest_tuples(
        tags.iter()
            .map(|t| {
                let hook = if t.uses_context { ", services.context.clone()" } else { "" };
                format!("{}::{}::new(services.{}.clone(){hook})", t.module, t.api_struct, t.module)
            })
            .collect(),
        |items| format!("({})", items.join(", ")),
    );
    (apis_type, apis_expr)
}

/// `items` as one item or a tuple (`tuple` builds one), in tuples of at most 16 tuples of at
/// most 16.
fn nest_tuples<T: Clone>(items: Vec<T>, tuple: impl Fn(Vec<T>) -> T) -> T {
    let group = |items: &[T]| match items {
        [one] => one.clone(),
        many => tuple(many.to_vec()),
    };
    if items.len() <= 16 { group(&items) } else { group(&items.chunks(16).map(group).collect::<Vec<_>>()) }
}

impl<'a> Lowering<'a> {
    /// One operation, and the index of the tag it belongs to.
    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        path: &str,
        method: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
        tags: &[TagIr],
        security: &SecuritySchemes,
        shared: &mut Shared,
    ) -> Result<(usize, OperationIr)> {
        let at = self.file;
        let loc = format!("{at}#/paths/{}/{method}", pointer_escape(path));
        let Some(operation_id) = op.operation_id.clone() else { bail!("{loc}: operationId is required") };
        if !shared.operation_ids.insert(operation_id.clone()) {
            bail!("{loc}: operationId `{operation_id}` is used twice");
        }
        let fn_name = names::field(&operation_id);
        let type_prefix = names::type_name(&operation_id);
        let [tag_name] = op.tags.as_slice() else { bail!("{loc}: exactly one tag is required") };
        let Some(tag_ix) = tags.iter().position(|t| &t.name == tag_name) else {
            bail!("{loc}: tag `{tag_name}` is not declared in the top-level `tags`")
        };
        let Some(summary) = op.summary.as_deref().filter(|s| !s.trim().is_empty()) else {
            bail!("{loc}: a summary is required")
        };
        if summary.contains('\n') {
            bail!("{loc}: the summary must be one line (put the rest in `description`)");
        }
        let mut doc_lines = vec![summary.trim().to_owned()];
        if let Some(d) = op.description.as_deref().filter(|d| !d.trim().is_empty()) {
            doc_lines.push(String::new());
            doc_lines.extend(names::doc_lines(d));
        }

        let requirement = op.security.as_ref().or(self.doc.security.as_ref());
        let (guard, user, op_scopes) = security_guard(requirement, security, &mut shared.guards, &loc)?;
        // The permission is the first scheme's caller's: an administrator's bearer token or Basic
        // credentials, alone (an API key, an OAuth2 client or a combined user token never
        // carries administrator permissions).
        let admin_guard = user.is_none()
            && guard.as_ref().is_some_and(|g| {
                g.rust_name == "BasicAuth" || security.bearers.iter().any(|b| b.rust_name == g.rust_name)
            });
        let permission_literal = match op.extensions.get("x-polyshop-permission") {
            None => None,
            Some(Value::String(p)) if admin_guard => Some(names::literal(p)),
            Some(Value::String(_)) => {
                bail!("{loc}: x-polyshop-permission needs a security requirement of one bearer or Basic scheme")
            }
            Some(_) => bail!("{loc}: x-polyshop-permission is a string (`catalog.products.view`)"),
        };
        let params = self.lower_params(path, item, op, &type_prefix, &loc)?;
        let body = match &op.request_body {
            None => None,
            Some(rb) => {
                let rb = self.resolve_request_body(rb, &format!("{loc}/requestBody"))?;
                Some(self.lower_body(rb, &type_prefix, &format!("{loc}/requestBody"))?)
            }
        };
        let (variants, errors) = self.lower_responses(op, &type_prefix, &loc)?;
        let documents = |status: u16| errors.iter().any(|e| e.status == status);
        if user.is_some() && !documents(401) {
            bail!("{loc}: an operation with a user token documents the 401 of a token it refuses");
        }
        // A query or header parameter, or a body, can be malformed: the 400 that answers it is
        // part of the operation's contract.
        let reads_input = body.is_some() || params.iter().any(|p| p.location != ParamLocation::Path);
        if reads_input && !documents(400) {
            bail!("{loc}: an operation with query or header parameters or a body documents the 400 of malformed input");
        }
        if permission_literal.is_some() && !documents(403) {
            bail!("{loc}: an operation with x-polyshop-permission documents the 403 of a refused permission");
        }
        let error_set = error_set_name(&errors, &mut shared.error_sets);
        let response_enum = format!("{type_prefix}Response");
        let (service_output, wrap_output) = service_output(&variants, &response_enum, &loc)?;
        let scopes_literal = op_scopes.iter().map(|s| names::literal(s)).collect::<Vec<_>>().join(", ");
        let role = |r: PagingRole| params.iter().find(|p| p.paging == Some(r)).map(|p| p.rust_name.clone());
        let window = match (role(PagingRole::Page), role(PagingRole::PerPage)) {
            (Some(page), Some(per_page)) => Some(WindowIr { page, per_page }),
            (None, None) => None,
            _ => bail!("{loc}: a paged operation has both a `page` and a `per_page` parameter (x-polyshop-paging)"),
        };
        Ok((
            tag_ix,
            OperationIr {
                input_struct: format!("{type_prefix}Input"),
                operation_id,
                fn_name,
                method: method.to_owned(),
                method_upper: method.to_uppercase(),
                path: path.to_owned(),
                poem_path: poem_path(path),
                doc: doc_lines,
                deprecated: op.deprecated,
                security_literal: security_literal(requirement),
                ctx_mut: user.is_some(),
                guard,
                user,
                permission_literal,
                params,
                body,
                unit_output: service_output == RustType::Unit,
                response_enum,
                response_variants: variants,
                service_output,
                wrap_output,
                error_set,
                scopes_literal,
                window,
                context_values: Vec::new(),
            },
        ))
    }

    /// The path item's and the operation's parameters, path parameters first in the path's
    /// order (poem-openapi binds path arguments by position).
    fn lower_params(
        &mut self,
        path: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
        type_prefix: &str,
        loc: &str,
    ) -> Result<Vec<ParamIr>> {
        let mut params = Vec::new();
        let mut rust_names = BTreeSet::new();
        for (i, p) in item.parameters.iter().chain(op.parameters.iter()).enumerate() {
            let ploc = format!("{loc}/parameters/{i}");
            let p = self.resolve_parameter(p, &ploc)?;
            let param = self.lower_param(p, type_prefix, &ploc)?;
            if !rust_names.insert(param.rust_name.clone()) {
                bail!("{ploc}: two parameters map to `{}`; give one an `x-rust-name`", param.rust_name);
            }
            params.push(param);
        }
        let path_vars: Vec<&str> =
            path.split('/').filter(|s| s.starts_with('{')).map(|s| s.trim_matches(|c| c == '{' || c == '}')).collect();
        for name in &path_vars {
            if !params.iter().any(|p| &p.name == name && p.location == ParamLocation::Path) {
                bail!("{loc}: path parameter `{name}` is not declared");
            }
        }
        params.sort_by_key(|p| {
            if p.location == ParamLocation::Path {
                (0, path_vars.iter().position(|v| *v == p.name).unwrap_or(usize::MAX))
            } else {
                (1, 0)
            }
        });
        Ok(params)
    }

    /// Success responses (200 to 399) become the response enum's variants; the others must
    /// reference shared responses and become the operation's error set (sorted).
    fn lower_responses(
        &mut self,
        op: &openapiv3::Operation,
        type_prefix: &str,
        loc: &str,
    ) -> Result<(Vec<ResponseVariant>, Vec<ErrorResponse>)> {
        let mut variants = Vec::new();
        let mut errors = Vec::new();
        if op.responses.default.is_some() {
            bail!("{loc}/responses: `default` responses are not supported; list the statuses");
        }
        for (status, resp) in &op.responses.responses {
            let StatusCode::Code(code) = status else { bail!("{loc}/responses: status ranges are not supported") };
            let rloc = format!("{loc}/responses/{code}");
            if (200..400).contains(code) {
                let ReferenceOr::Item(resp) = resp else { bail!("{rloc}: success responses must be inline") };
                variants.push(self.success_variant(*code, resp, type_prefix, &rloc)?);
            } else {
                let ReferenceOr::Reference { reference } = resp else {
                    bail!("{rloc}: error responses must be `$ref: '#/components/responses/...'`")
                };
                errors.push(self.error_response(*code, reference, &rloc)?);
            }
        }
        if variants.is_empty() {
            bail!("{loc}/responses: at least one 2xx response is required");
        }
        errors.sort();
        Ok((variants, errors))
    }

    fn success_variant(
        &mut self,
        code: u16,
        resp: &openapiv3::Response,
        type_prefix: &str,
        rloc: &str,
    ) -> Result<ResponseVariant> {
        let payload = match resp.content.len() {
            0 => None,
            1 => {
                let (ct, media) = resp.content.first().unwrap();
                let Some(schema) = &media.schema else { bail!("{rloc}: a schema is required") };
                let sloc = format!("{rloc}/content/{}/schema", pointer_escape(ct));
                Some(match ct.as_str() {
                    "application/json" => {
                        let hint = format!("{type_prefix}Response{code}");
                        Payload::Json(self.rust_type_of(&boxed(schema), &hint, &sloc)?)
                    }
                    "text/html" if is_string_schema(schema, None) => Payload::Html,
                    "application/octet-stream" if is_string_schema(schema, Some("binary")) => Payload::Binary,
                    "application/pdf" if is_string_schema(schema, Some("binary")) => Payload::Pdf,
                    "text/html" | "application/octet-stream" | "application/pdf" => bail!(
                        "{sloc}: text/html bodies are `type: string`, octet-stream and PDF bodies `type: string, format: binary`"
                    ),
                    other => bail!("{rloc}: unsupported response content type `{other}`"),
                })
            }
            _ => bail!("{rloc}: one content type per response is supported"),
        };
        let (header_fields, extra_headers) = self.response_headers(&resp.headers, rloc)?;
        Ok(ResponseVariant {
            status: code,
            variant: status_variant(code),
            doc: names::doc_lines(&resp.description),
            payload,
            header_fields,
            extra_headers,
        })
    }
}

/// Marks the models request bodies reach (directly or through fields) as request models.
fn request_models(mut models: BTreeMap<String, ModelDef>, tags: &[TagIr]) -> Vec<ModelDef> {
    let referenced = |ty: &RustType| ty.generated_name().map(str::to_owned);
    let mut todo: Vec<String> = tags
        .iter()
        .flat_map(|t| &t.operations)
        .flat_map(|op| op.body.iter().map(|b| &b.rust_type).chain(op.params.iter().map(|p| &p.rust_type)))
        .filter_map(referenced)
        .collect();
    while let Some(name) = todo.pop() {
        let Some(model) = models.get_mut(&name) else { continue };
        if model.is_request {
            continue;
        }
        model.is_request = true;
        todo.extend(model.fields.iter().filter_map(|f| referenced(&f.rust_type)));
    }
    models.into_values().collect()
}

/// The service output and handler expression of a header-paged response: the service returns
/// `polyshop_runtime::Page<T>` for a `Json<Vec<T>>` body, and every header the service would set
/// carries one item of the page's metadata.
fn paged_output(variant: &ResponseVariant, response_enum: &str, at: &str) -> Result<(RustType, String)> {
    let Some(item) = variant.json_type().and_then(RustType::vec_item) else {
        bail!("{at}: a paged response has a JSON array body")
    };
    let mut headers = Vec::new();
    for role in PagingRole::ALL {
        match variant.header_fields.iter().filter(|h| h.paging == Some(role)).count() {
            1 => {}
            0 => bail!("{at}: a paged response needs a header with `x-polyshop-paging: {}`", role.name()),
            _ => bail!("{at}: two headers carry `x-polyshop-paging: {}`", role.name()),
        }
    }
    for h in &variant.header_fields {
        let Some(role) = h.paging else {
            bail!("{at}/headers/{}: a paged response's other headers are `x-polyshop-set-by: middleware`", h.name)
        };
        // The fields of `PageMetadata` are named after the roles.
        headers.push(format!("paging.{}", role.name()));
    }
    let headers = headers.join(", ");
    Ok((
        RustType::Page(Box::new(item.clone())),
        format!(
            "{{ let (items, paging) = output.into_parts(); {response_enum}::{}(polyshop_runtime::payload::Json(items), {headers}) }}",
            variant.variant
        ),
    ))
}

/// `schema` is an inline `type: string` with the given `format`.
fn is_string_schema(schema: &ReferenceOr<Schema>, format: Option<&str>) -> bool {
    let ReferenceOr::Item(Schema { schema_kind: SchemaKind::Type(Type::String(s)), .. }) = schema else {
        return false;
    };
    matches!(
        (&s.format, format),
        (VariantOrUnknownOrEmpty::Empty, None)
            | (VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary), Some("binary"))
    )
}

fn status_variant(code: u16) -> String {
    match code {
        200 => "Ok".into(),
        201 => "Created".into(),
        202 => "Accepted".into(),
        204 => "NoContent".into(),
        301 => "MovedPermanently".into(),
        302 => "Found".into(),
        303 => "SeeOther".into(),
        other => format!("Status{other}"),
    }
}

impl<'a> Lowering<'a> {
    fn resolve_parameter<'p>(&self, p: &'p ReferenceOr<Parameter>, at: &str) -> Result<&'p Parameter>
    where
        'a: 'p,
    {
        match p {
            ReferenceOr::Item(p) => Ok(p),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/parameters/").unwrap_or_default();
                match self.doc.components.as_ref().and_then(|c: &'a openapiv3::Components| c.parameters.get(name)) {
                    Some(ReferenceOr::Item(p)) => Ok(p),
                    _ => bail!("{at}: cannot resolve `{reference}`"),
                }
            }
        }
    }

    fn resolve_request_body<'p>(&self, rb: &'p ReferenceOr<RequestBody>, at: &str) -> Result<&'p RequestBody>
    where
        'a: 'p,
    {
        match rb {
            ReferenceOr::Item(rb) => Ok(rb),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/").unwrap_or_default();
                match self.doc.components.as_ref().and_then(|c: &'a openapiv3::Components| c.request_bodies.get(name)) {
                    Some(ReferenceOr::Item(rb)) => Ok(rb),
                    _ => bail!("{at}: cannot resolve `{reference}`"),
                }
            }
        }
    }

    fn error_response(&mut self, status: u16, reference: &str, at: &str) -> Result<ErrorResponse> {
        let name = reference.strip_prefix("#/components/responses/").unwrap_or_default();
        let Some(ReferenceOr::Item(resp)) = self.doc.components.as_ref().and_then(|c| c.responses.get(name)) else {
            bail!("{at}: cannot resolve `{reference}`")
        };
        let Some(media) = resp.content.get("application/json") else {
            bail!("{}#/components/responses/{name}: an application/json body is required", self.file)
        };
        let loc = format!("{}#/components/responses/{name}", self.file);
        let Some(schema) = &media.schema else { bail!("{loc}: a schema is required") };
        let refs: Vec<&str> = match schema {
            ReferenceOr::Reference { reference } => vec![reference.as_str()],
            ReferenceOr::Item(Schema { schema_kind: SchemaKind::OneOf { one_of }, .. }) => one_of
                .iter()
                .map(|s| match s {
                    ReferenceOr::Reference { reference } => Ok(reference.as_str()),
                    ReferenceOr::Item(_) => bail!("{loc}: oneOf members must be references"),
                })
                .collect::<Result<_>>()?,
            _ => bail!("{loc}: the body must reference a named schema, or be a oneOf of references"),
        };
        let schema_types = refs.iter().map(|r| self.ref_type(r, at)).collect::<Result<Vec<_>>>()?;
        let schema_expr = match schema_types.as_slice() {
            [one] => format!("<{one} as Type>::schema_ref()"),
            many => format!(
                "MetaSchemaRef::Inline(Box::new(MetaSchema {{ one_of: vec![{}], ..MetaSchema::ANY }}))",
                many.iter().map(|t| format!("<{t} as Type>::schema_ref()")).collect::<Vec<_>>().join(", ")
            ),
        };
        let (fields, mut headers) = self.response_headers(&resp.headers, &loc)?;
        if !fields.is_empty() {
            bail!(
                "{loc}: error responses only document headers set outside services (`x-polyshop-set-by: middleware`)"
            );
        }
        headers.sort();
        Ok(ErrorResponse {
            status,
            component: name.to_owned(),
            description_literal: names::literal(resp.description.trim()),
            schema_types,
            schema_expr,
            headers,
        })
    }

    /// A response's headers: those the service sets (variant fields) and those set outside it
    /// (`x-polyshop-set-by: middleware`, documented only).
    fn response_headers(
        &mut self,
        headers: &IndexMap<String, ReferenceOr<openapiv3::Header>>,
        at: &str,
    ) -> Result<(Vec<HeaderField>, Vec<ExtraHeader>)> {
        let mut fields = Vec::new();
        let mut extra = Vec::new();
        for (name, header) in headers {
            let hloc = format!("{at}/headers/{name}");
            let header = match header {
                ReferenceOr::Item(h) => h,
                ReferenceOr::Reference { reference } => {
                    let key = reference.strip_prefix("#/components/headers/").unwrap_or_default();
                    match self.doc.components.as_ref().and_then(|c| c.headers.get(key)) {
                        Some(ReferenceOr::Item(h)) => h,
                        _ => bail!("{hloc}: cannot resolve `{reference}`"),
                    }
                }
            };
            let ParameterSchemaOrContent::Schema(schema) = &header.format else {
                bail!("{hloc}: headers need a `schema`")
            };
            let base = self.rust_type_of(&boxed(schema), "Header", &format!("{hloc}/schema"))?;
            if !matches!(base, RustType::I64 | RustType::I32 | RustType::String | RustType::Bool) {
                bail!("{hloc}: header values are integers, strings or booleans");
            }
            let rust_type = if header.required { base } else { base.option() };
            let description = header.description.as_deref().unwrap_or("").trim();
            let paging = match header.extensions.get("x-polyshop-paging") {
                None => None,
                Some(v) => match v.as_str().and_then(PagingRole::parse) {
                    Some(role) if rust_type == RustType::I64 => Some(role),
                    Some(_) => bail!("{hloc}: a paging header is a required `integer` (int64)"),
                    None => bail!("{hloc}: x-polyshop-paging is one of `total`, `page`, `per_page`, `pages`"),
                },
            };
            match header.extensions.get("x-polyshop-set-by").and_then(Value::as_str) {
                Some("middleware") if paging.is_some() => {
                    bail!("{hloc}: a paging header is set by the handler, not `x-polyshop-set-by: middleware`")
                }
                Some("middleware") => extra.push(ExtraHeader {
                    name: name.to_uppercase(),
                    rust_type,
                    description_literal: names::literal(description),
                }),
                Some(other) => bail!("{hloc}: unknown x-polyshop-set-by `{other}` (only `middleware`)"),
                None => fields.push(HeaderField {
                    name: name.clone(),
                    rust_type,
                    doc: names::doc_lines(description),
                    paging,
                }),
            }
        }
        Ok((fields, extra))
    }

    fn ref_type(&self, reference: &str, at: &str) -> Result<RustType> {
        let Some(name) = reference.strip_prefix("#/components/schemas/") else {
            bail!("{at}: only `#/components/schemas/...` references are supported")
        };
        if !self.doc.components.as_ref().is_some_and(|c| c.schemas.contains_key(name)) {
            bail!("{at}: `{reference}` does not exist");
        }
        Ok(RustType::Model(names::type_name(name)))
    }

    fn lower_param(&mut self, p: &Parameter, type_prefix: &str, at: &str) -> Result<ParamIr> {
        let (data, location) = match p {
            Parameter::Query { parameter_data, .. } => (parameter_data, ParamLocation::Query),
            Parameter::Path { parameter_data, .. } => (parameter_data, ParamLocation::Path),
            Parameter::Header { parameter_data, .. } => (parameter_data, ParamLocation::Header),
            Parameter::Cookie { .. } => bail!("{at}: cookie parameters are not supported"),
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else { bail!("{at}: parameters need a `schema`") };
        let rust_name = data
            .extensions
            .get("x-rust-name")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| names::field(&data.name));
        let hint = format!("{type_prefix}{}", names::type_name(&data.name));
        let base = self.rust_type_of_param(schema, &hint, &format!("{at}/schema"))?;
        let schema_item = match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { .. } => None,
        };
        if let Some(SchemaKind::Type(Type::String(st))) = schema_item.map(|s| &s.schema_kind)
            && st.enumeration.is_empty()
            && st.max_length.is_none()
        {
            bail!("{at}/schema: a string parameter needs a `maxLength` (or an `enum`): no unbounded text reaches SQL");
        }
        let default = schema_item.and_then(|s| s.schema_data.default.clone());
        let mut attrs = vec![format!("name = {}", names::literal(&data.name))];
        attrs.extend(schema_item.and_then(validators));
        let (rust_type, default_fn) = match (&default, data.required) {
            (Some(_), true) => bail!("{at}: a required parameter cannot have a default"),
            (Some(v), false) => {
                let name = format!("default_{}_{}", names::field(type_prefix), rust_name);
                let expr = match (v, &base) {
                    (Value::Number(n), ty) if ty.is_integer() => n.to_string(),
                    (Value::String(s), RustType::String) => format!("{}.to_owned()", names::literal(s)),
                    (Value::Bool(b), RustType::Bool) => b.to_string(),
                    // A string enum: its variant.
                    (Value::String(s), RustType::Model(_)) => format!("{base}::{}", names::type_name(s)),
                    _ => bail!("{at}: unsupported default for a `{base}` parameter"),
                };
                attrs.push(format!("default = \"{name}\""));
                (base.clone(), Some(DefaultFn { name, rust_type: base.clone(), expr }))
            }
            (None, true) => (base.clone(), None),
            (None, false) => (base.option(), None),
        };
        if location == ParamLocation::Path && !data.required {
            bail!("{at}: path parameters must be required");
        }
        let context = data.extensions.get("x-polyshop-context").and_then(Value::as_bool).unwrap_or(false);
        if context && (data.required || default_fn.is_some()) {
            bail!("{at}: a context parameter (x-polyshop-context) is optional and has no default");
        }
        // `x-polyshop-clamp: {minimum, maximum}`: out-of-range values are clamped, not refused.
        let value_expr = match data.extensions.get("x-polyshop-clamp") {
            None => format!("{rust_name}.0"),
            Some(clamp) => {
                let bound = |key: &str| {
                    clamp
                        .get(key)
                        .and_then(Value::as_i64)
                        .ok_or_else(|| anyhow::anyhow!("{at}: x-polyshop-clamp needs integer `minimum` and `maximum`"))
                };
                let (min, max) = (bound("minimum")?, bound("maximum")?);
                if min > max {
                    bail!("{at}: x-polyshop-clamp `minimum` ({min}) is above `maximum` ({max})");
                }
                match &rust_type {
                    ty if ty.is_integer() => format!("{rust_name}.0.clamp({min}, {max})"),
                    RustType::Option(ty) if ty.is_integer() => format!("{rust_name}.0.map(|v| v.clamp({min}, {max}))"),
                    _ => bail!("{at}: x-polyshop-clamp applies to integer parameters"),
                }
            }
        };
        let paging = match data.extensions.get("x-polyshop-paging") {
            None => None,
            Some(v) => match v.as_str().and_then(PagingRole::parse) {
                Some(role @ (PagingRole::Page | PagingRole::PerPage)) if rust_type.is_integer() => Some(role),
                Some(PagingRole::Page | PagingRole::PerPage) => {
                    bail!("{at}: a paging parameter is an integer with a default (or required)")
                }
                _ => bail!("{at}: x-polyshop-paging on a parameter is `page` or `per_page`"),
            },
        };
        Ok(ParamIr {
            paging,
            name: data.name.clone(),
            location,
            extractor: location.extractor(&rust_type),
            rust_name,
            context,
            value_expr,
            rust_type,
            oai_attr: attrs.join(", "),
            doc: names::doc_lines(data.description.as_deref().unwrap_or("")),
            default_fn,
        })
    }

    fn rust_type_of_param(&mut self, schema: &ReferenceOr<Schema>, hint: &str, at: &str) -> Result<RustType> {
        let ty = self.rust_type_of(&boxed(schema), hint, at)?;
        let scalar = |t: &RustType| {
            matches!(
                t,
                RustType::I64
                    | RustType::I32
                    | RustType::Bool
                    | RustType::String
                    | RustType::JsonDecimal
                    | RustType::Model(_)
            )
        };
        let ok = scalar(&ty) || ty.vec_item().is_some_and(scalar);
        if !ok {
            bail!("{at}: parameters must be scalars or arrays of scalars");
        }
        Ok(ty)
    }

    fn lower_body(&mut self, rb: &RequestBody, type_prefix: &str, at: &str) -> Result<BodyIr> {
        let [(ct, media)] = rb.content.iter().collect::<Vec<_>>()[..] else {
            bail!("{at}: exactly one content type is supported")
        };
        let Some(schema) = &media.schema else { bail!("{at}: a schema is required") };
        let ty = self.rust_type_of(
            &boxed(schema),
            &format!("{type_prefix}Body"),
            &format!("{at}/content/{}", pointer_escape(ct)),
        )?;
        if !rb.required {
            bail!("{at}: request bodies must be `required: true`");
        }
        let extractor = match ct.as_str() {
            "application/json" => format!("polyshop_runtime::JsonBody<{ty}>"),
            "application/x-www-form-urlencoded" => format!("poem_openapi::payload::Form<{ty}>"),
            "multipart/form-data" => {
                let model = ty.generated_name().and_then(|name| self.models.get_mut(name));
                let Some(model) = model else { bail!("{at}: a multipart body must reference a named object schema") };
                model.is_multipart = true;
                format!("polyshop_runtime::MultipartBody<{ty}>")
            }
            other => bail!("{at}: unsupported request content type `{other}`"),
        };
        Ok(BodyIr { rust_type: ty, extractor, doc: names::doc_lines(rb.description.as_deref().unwrap_or("")) })
    }

    /// The Rust type of a schema used as a field, parameter or payload. Inline objects and
    /// enums become named types (`hint`).
    fn rust_type_of(&mut self, schema: &ReferenceOr<Box<Schema>>, hint: &str, at: &str) -> Result<RustType> {
        let schema = match schema {
            ReferenceOr::Reference { reference } => return self.ref_type(reference, at),
            ReferenceOr::Item(s) => s,
        };
        Ok(match &schema.schema_kind {
            // A file of a multipart body.
            SchemaKind::Type(Type::String(s))
                if s.format == VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary) =>
            {
                RustType::path("polyshop_runtime::UploadedFile")
            }
            SchemaKind::Type(Type::String(s)) => {
                if !matches!(s.format, VariantOrUnknownOrEmpty::Empty) {
                    bail!(
                        "{at}: string formats are not supported in API schemas; describe the format in `description` or `pattern`"
                    );
                }
                if s.enumeration.is_empty() && self.lenient {
                    RustType::ScalarString
                } else if s.enumeration.is_empty() {
                    RustType::String
                } else {
                    self.lower_named(hint, schema, at)?;
                    RustType::Model(hint.to_owned())
                }
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => RustType::I64,
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => RustType::I32,
                _ => bail!("{at}: integers need `format: int32` or `format: int64`"),
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "decimal" => RustType::JsonDecimal,
                _ => bail!("{at}: numbers must be `format: decimal` (exact); floats are not allowed"),
            },
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Array(a)) => {
                let Some(items) = &a.items else { bail!("{at}: arrays need `items`") };
                self.rust_type_of(items, &format!("{hint}Item"), &format!("{at}/items"))?.vec()
            }
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => match &o.additional_properties {
                Some(AdditionalProperties::Schema(s)) => {
                    let inner = match s.as_ref() {
                        ReferenceOr::Reference { reference } => self.ref_type(reference, at)?,
                        ReferenceOr::Item(s) => self.rust_type_of(
                            &ReferenceOr::Item(Box::new(s.clone())),
                            &format!("{hint}Value"),
                            &format!("{at}/additionalProperties"),
                        )?,
                    };
                    RustType::Map(Box::new(inner))
                }
                _ => bail!("{at}: objects need `properties` or an `additionalProperties` schema"),
            },
            SchemaKind::Type(Type::Object(_)) => {
                self.lower_named(hint, schema, at)?;
                RustType::Model(hint.to_owned())
            }
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                [ReferenceOr::Reference { reference }] => self.ref_type(reference, at)?,
                _ => bail!("{at}: allOf is supported only as `allOf: [$ref]` (to make a reference nullable)"),
            },
            // A free-form value (`{}`, optionally described): the service interprets it.
            SchemaKind::Any(any) if any == &openapiv3::AnySchema::default() => RustType::JsonValue,
            _ => bail!("{at}: oneOf/anyOf/not are not supported; use one object with optional fields"),
        })
    }

    /// Adds the named type `name` for an object or string-enum schema.
    fn lower_named(&mut self, name: &str, schema: &Schema, at: &str) -> Result<()> {
        if self.models.contains_key(name) {
            bail!("{at}: the type name `{name}` is generated twice; rename a schema");
        }
        let doc = names::doc_lines(schema.schema_data.description.as_deref().unwrap_or(""));
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                let variants = s
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| VariantIr { rust_name: names::type_name(v), json_name: v.clone() })
                    .collect();
                self.models.insert(
                    name.to_owned(),
                    ModelDef {
                        name: name.to_owned(),
                        doc,
                        is_enum: true,
                        is_request: false,
                        is_multipart: false,
                        fields: vec![],
                        variants,
                    },
                );
            }
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => {
                let outer_lenient = self.lenient;
                if schema.schema_data.extensions.get("x-polyshop-lenient").and_then(Value::as_bool).unwrap_or(false) {
                    self.lenient = true;
                }
                // Reserve the name before recursing so nested types cannot take it.
                self.models.insert(
                    name.to_owned(),
                    ModelDef {
                        name: name.to_owned(),
                        doc: doc.clone(),
                        is_enum: false,
                        is_request: false,
                        is_multipart: false,
                        fields: vec![],
                        variants: vec![],
                    },
                );
                let patch =
                    schema.schema_data.extensions.get("x-polyshop-patch").and_then(Value::as_bool).unwrap_or(false);
                let fields = self.lower_fields(name, &o.properties, &o.required, patch, at);
                self.lenient = outer_lenient;
                self.models.get_mut(name).unwrap().fields = fields?;
            }
            _ => bail!("{at}: named schemas must be objects with properties or string enums"),
        }
        Ok(())
    }

    fn lower_fields(
        &mut self,
        owner: &str,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        patch: bool,
        at: &str,
    ) -> Result<Vec<FieldIr>> {
        let mut fields = Vec::new();
        let mut seen = BTreeSet::new();
        for (json_name, prop) in properties {
            let ploc = format!("{at}/properties/{json_name}");
            let (nullable, ext, desc) = match prop {
                ReferenceOr::Item(s) => {
                    (s.schema_data.nullable, Some(&s.schema_data.extensions), s.schema_data.description.clone())
                }
                ReferenceOr::Reference { .. } => (false, None, None),
            };
            let is_required = required.contains(json_name);
            if is_required && nullable {
                bail!(
                    "{ploc}: a nullable property must not be listed in `required` (poem-openapi documents \
                     nullable fields as optional; nullable fields are always serialized, null when empty)"
                );
            }
            let rust_name = ext
                .and_then(|e| e.get("x-rust-name"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| names::field(json_name));
            if !seen.insert(rust_name.clone()) {
                bail!("{ploc}: two properties map to the field `{rust_name}`; give one an `x-rust-name`");
            }
            let hint = format!("{owner}{}", names::type_name(json_name));
            let base = self.rust_type_of(prop, &hint, &ploc)?;
            let mut oai = Vec::new();
            let mut serde_attr = Vec::new();
            if rust_name != *json_name {
                oai.push(format!("rename = {}", names::literal(json_name)));
                serde_attr.push(format!("rename = {}", names::literal(json_name)));
            }
            let mut checks = Vec::new();
            if let ReferenceOr::Item(s) = prop {
                oai.extend(validators(s));
                checks = constraint_checks(s, &rust_name);
            }
            let rust_type = if is_required {
                base
            } else if patch && nullable {
                // Partial updates: absent keeps the stored value, null clears it.
                oai.push("nullable".into());
                serde_attr.push("default".into());
                base.maybe_undefined()
            } else {
                if nullable {
                    oai.push("nullable".into());
                } else {
                    oai.push("skip_serializing_if_is_none".into());
                    serde_attr.push("skip_serializing_if = \"Option::is_none\"".into());
                }
                base.option()
            };
            fields.push(FieldIr {
                json_name: json_name.clone(),
                checks,
                rust_name,
                rust_type,
                doc: names::doc_lines(desc.as_deref().unwrap_or("")),
                oai_attr: oai.join(", "),
                serde_attr: serde_attr.join(", "),
            });
        }
        Ok(fields)
    }
}

/// Rust statements checking the constraints a schema states on field `field`, for bodies
/// parsed with serde (poem-openapi's validators only run on its own parsing).
fn constraint_checks(s: &Schema, field: &str) -> Vec<String> {
    let call = |f: &str, arg: String| format!("polyshop_runtime::validate::{f}(&self.{field}, {arg}, &at, problems)");
    let mut checks = Vec::new();
    match &s.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => {
            if let Some(min) = i.minimum {
                checks.push(call("minimum", names::literal(&min.to_string())));
            }
            if let Some(max) = i.maximum {
                checks.push(call("maximum", names::literal(&max.to_string())));
            }
        }
        SchemaKind::Type(Type::String(st)) => {
            if let Some(n) = st.max_length {
                checks.push(call("max_length", n.to_string()));
            }
            if let Some(n) = st.min_length {
                checks.push(call("min_length", n.to_string()));
            }
            if let Some(p) = &st.pattern {
                checks.push(call("pattern", names::literal(p)));
            }
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(n) = a.max_items {
                checks.push(call("max_items", n.to_string()));
            }
        }
        _ => {}
    }
    checks
}

fn boxed(schema: &ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(s) => ReferenceOr::Item(Box::new(s.clone())),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference: reference.clone() },
    }
}

/// poem-openapi validators for the constraints a schema states.
fn validators(s: &Schema) -> Option<String> {
    let mut v = Vec::new();
    match &s.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => {
            if let Some(min) = i.minimum {
                v.push(format!("minimum(value = \"{min}\")"));
            }
            if let Some(max) = i.maximum {
                v.push(format!("maximum(value = \"{max}\")"));
            }
        }
        SchemaKind::Type(Type::String(st)) => {
            if let Some(n) = st.max_length {
                v.push(format!("max_length = {n}"));
            }
            if let Some(n) = st.min_length {
                v.push(format!("min_length = {n}"));
            }
            if let Some(p) = &st.pattern {
                v.push(format!("pattern = {}", names::literal(p)));
            }
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(n) = a.max_items {
                v.push(format!("max_items = {n}"));
            }
        }
        _ => {}
    }
    (!v.is_empty()).then(|| format!("validator({})", v.join(", ")))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load;

    fn fixture(file: &str) -> ApiIr {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/petshop");
        lower(&load::read_openapi(&root, &format!("spec/openapi/{file}")).unwrap()).unwrap()
    }

    fn operation<'a>(ir: &'a ApiIr, id: &str) -> &'a OperationIr {
        ir.tags.iter().flat_map(|t| &t.operations).find(|o| o.operation_id == id).unwrap()
    }

    #[test]
    fn parameters_know_where_they_come_from() {
        let ir = fixture("petshop.yaml");
        let list = operation(&ir, "list_pets");
        let names: Vec<(&str, ParamLocation)> = list.params.iter().map(|p| (p.name.as_str(), p.location)).collect();
        assert_eq!(
            names,
            [("page", ParamLocation::Query), ("kind", ParamLocation::Query), ("tag[]", ParamLocation::Query)]
        );
        assert_eq!(list.params[2].rust_name, "tags");
        let update = operation(&ir, "update_pet");
        assert_eq!(update.params[0].location, ParamLocation::Path);
        assert_eq!(update.poem_path, "/pets/:petId");
    }

    #[test]
    fn outputs_follow_the_success_responses() {
        let ir = fixture("petshop.yaml");
        assert_eq!(operation(&ir, "list_pets").service_output, "Vec<crate::models::Pet>");
        assert_eq!(operation(&ir, "update_pet").service_output, "crate::models::Pet");
        assert!(operation(&ir, "delete_pet").unit_output);
        let shop = fixture("petshop-storefront.yaml");
        let paged = operation(&shop, "list_pets");
        assert_eq!(paged.service_output, "polyshop_runtime::Page<crate::models::Pet>");
        assert!(paged.wrap_output.contains("paging.total, paging.page, paging.per_page, paging.pages"));
    }

    #[test]
    fn guards_and_error_sets_are_shared() {
        let ir = fixture("petshop.yaml");
        assert_eq!(operation(&ir, "list_pets").guard.as_ref().unwrap().rust_name, "PetsReadAuth");
        assert_eq!(operation(&ir, "update_pet").guard.as_ref().unwrap().rust_name, "PetsWriteAuth");
        assert_eq!(operation(&ir, "update_pet").error_set, "Errors400_404");
        assert_eq!(operation(&ir, "delete_pet").error_set, "Errors404");
        let names: Vec<&str> = ir.error_sets.iter().map(|e| e.rust_name.as_str()).collect();
        assert!(names.contains(&"Errors400"), "{names:?}");
        let shop = fixture("petshop-storefront.yaml");
        assert_eq!(operation(&shop, "list_pets").guard.as_ref().unwrap().rust_name, "ApiKeyAuth");
        assert!(operation(&shop, "browse_docs").guard.is_none());
    }

    #[test]
    fn context_parameters_reach_the_hook_not_the_input() {
        let shop = fixture("petshop-storefront.yaml");
        let fields: Vec<&str> = shop.context_params.iter().map(|f| f.rust_name.as_str()).collect();
        assert_eq!(fields, ["x_locale"]);
        let list = operation(&shop, "list_pets");
        let values: Vec<(&str, &str)> =
            list.context_values.iter().map(|v| (v.rust_name.as_str(), v.expr.as_str())).collect();
        assert_eq!(values, [("x_locale", "x_locale.0")]);
        assert!(operation(&shop, "browse_docs").context_values.is_empty());
        let tags: Vec<(&str, bool)> = shop.tags.iter().map(|t| (t.name.as_str(), t.uses_context)).collect();
        assert!(tags.contains(&("catalogue", true)) && tags.contains(&("docs", false)), "{tags:?}");
        assert!(fixture("petshop.yaml").context_params.is_empty());
    }
}
