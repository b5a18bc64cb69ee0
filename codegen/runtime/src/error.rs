//! The one error type services return, and how each upstream API writes it on the wire.
//!
//! Layering: repositories return `sea_orm::DbErr`; services turn rule violations into
//! `ServiceError` constructors (`not_found`, `bad_request`, ...) and let `?` turn `DbErr` into an
//! internal error (logged with its detail, shown as a bare 500). Generated handlers render a
//! `ServiceError` in the `ErrorStyle` their spec names (`x-polyshop-error-style`), and the
//! surface's catch-all renders extractor failures (bad parameters, malformed JSON, missing
//! credentials) in that same style, so a client of one API only ever sees that API's error body.

use poem::{
    IntoResponse, Response,
    http::{HeaderName, HeaderValue, StatusCode},
};
use serde_json::{Value, json};

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Boxed: errors are rare, and `Result<T, ServiceError>` is everywhere.
#[derive(Debug, Clone)]
pub struct ServiceError(Box<Inner>);

#[derive(Debug, Clone)]
struct Inner {
    status: StatusCode,
    messages: Vec<String>,
    /// An exact upstream body (OAuth errors, for instance) that replaces the style's body.
    body: Option<Value>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// Internal detail: logged, never sent.
    detail: Option<String>,
    /// The field a business rule violation is about and the problem, when the error is one
    /// ([`ServiceError::invalid_field`]); the message is `{field}: {problem}`.
    field: Option<(std::borrow::Cow<'static, str>, String)>,
}

impl ServiceError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ServiceError(Box::new(Inner {
            status,
            messages: vec![message.into()],
            body: None,
            headers: Vec::new(),
            detail: None,
            field: None,
        }))
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// A 400 listing every problem found in one request.
    pub fn invalid(messages: Vec<String>) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, "");
        e.0.messages = messages;
        e
    }

    /// A 400 for a business rule the value of one field breaks. The core names the field in its
    /// own words (`tracking_url`, `hostname`); the surface that answers renames it to the field
    /// its clients sent (`data.fulfilment.tracking_url`, `storefront`) with
    /// [`ServiceError::rename_field`]. The message is `{field}: {problem}`.
    pub fn invalid_field(field: impl Into<std::borrow::Cow<'static, str>>, problem: impl Into<String>) -> Self {
        let (field, problem) = (field.into(), problem.into());
        let mut e = Self::new(StatusCode::BAD_REQUEST, format!("{field}: {problem}"));
        e.0.field = Some((field, problem));
        e
    }

    /// [`ServiceError::invalid_field`] answered with `status` instead of 400: a 422 where the
    /// API reports validation failures as Laravel does.
    pub fn invalid_field_with(
        status: StatusCode,
        field: impl Into<std::borrow::Cow<'static, str>>,
        problem: impl Into<String>,
    ) -> Self {
        let mut e = Self::invalid_field(field, problem);
        e.0.status = status;
        e
    }

    /// The field a business rule violation is about, if the error is one.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_ref().map(|(f, _)| f.as_ref())
    }

    /// The error with its field (if it has one) named as `wire_name` says: the surface's name for
    /// the core's field, or `None` to keep it.
    pub fn rename_field(mut self, wire_name: impl Fn(&str) -> Option<String>) -> Self {
        if let Some((field, problem)) = self.0.field.take() {
            let renamed = wire_name(&field).map(std::borrow::Cow::Owned).unwrap_or(field);
            self.0.messages = vec![format!("{renamed}: {problem}")];
            self.0.field = Some((renamed, problem));
        }
        self
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 404 for a resource looked up by id, in the words API Platform (Bagisto) uses:
    /// `Product with ID "12" not found.`
    pub fn not_found_id(resource: &str, id: impl std::fmt::Display) -> Self {
        Self::not_found(format!("{resource} with ID \"{id}\" not found."))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error");
        e.0.detail = Some(detail.into());
        e
    }

    /// Adds what the server log should say about this error (never sent to the client).
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.0.detail = Some(detail.into());
        self
    }

    /// An error whose body is exactly `body`, whatever the surface's style.
    pub fn with_body(status: StatusCode, body: Value) -> Self {
        let message = body.get("message").and_then(Value::as_str).unwrap_or_default().to_owned();
        let mut e = Self::new(status, message);
        e.0.body = Some(body);
        e
    }

    /// The same error (status, headers, messages) with exactly `body` as its body, whatever the
    /// surface's style: an API whose endpoint has its own error format (OAuth2) restyles a core error.
    pub fn restyled(mut self, body: Value) -> Self {
        self.0.body = Some(body);
        self
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.0.headers.push((name, value));
        self
    }

    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    pub fn messages(&self) -> &[String] {
        &self.0.messages
    }

    pub fn body(&self) -> Option<&Value> {
        self.0.body.as_ref()
    }

    /// Writes the error as `style` prescribes, logging server-side failures.
    pub fn into_response(self, style: ErrorStyle) -> Response {
        let e = *self.0;
        if e.status.is_server_error() {
            tracing::error!(status = e.status.as_u16(), detail = e.detail.as_deref().unwrap_or(""), "request failed");
        } else {
            tracing::info!(status = e.status.as_u16(), messages = ?e.messages, detail = e.detail.as_deref().unwrap_or(""), "request refused");
        }
        let body = match e.body {
            Some(body) => body,
            None => style.body(e.status, &e.messages),
        };
        let mut resp = poem::web::Json(body).with_status(e.status).into_response();
        for (name, value) in style.headers(e.status).into_iter().chain(e.headers) {
            resp.headers_mut().append(name, value);
        }
        resp
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.status, self.0.messages.join("; "))
    }
}

impl std::error::Error for ServiceError {}

impl From<sea_orm::DbErr> for ServiceError {
    /// A unique-constraint violation is a 409 naming the column(s) the value repeats: the
    /// database enforces uniqueness (also between concurrent requests), and the client learns
    /// which field to change. Anything else is an internal error.
    fn from(err: sea_orm::DbErr) -> Self {
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(message)) = err.sql_err() {
            let columns = postgres_detail(&err).and_then(|d| unique_columns(&d)).or_else(|| unique_columns(&message));
            let conflict = match columns {
                Some(columns) => ServiceError::conflict(format!("`{columns}`: this value is already taken")),
                None => ServiceError::conflict("a record with these values already exists"),
            };
            return conflict.with_detail(format!("database: {err}"));
        }
        ServiceError::internal(format!("database: {err}"))
    }
}

/// PostgreSQL's detail of a constraint violation (`Key (name)=(x) already exists.`).
fn postgres_detail(err: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err else { return None };
    let sea_orm::sqlx::Error::Database(db) = e.as_ref() else { return None };
    db.try_downcast_ref::<sea_orm::sqlx::postgres::PgDatabaseError>()?.detail().map(str::to_owned)
}

/// The columns a unique-violation message names: PostgreSQL's detail `Key (a, b)=(1, 2) already
/// exists.`, or SQLite's `UNIQUE constraint failed: table.a, table.b`.
fn unique_columns(message: &str) -> Option<String> {
    if let Some(rest) = message.split("Key (").nth(1) {
        return rest.split(")=").next().map(str::to_owned);
    }
    let list = message.split("UNIQUE constraint failed: ").nth(1)?;
    let columns: Vec<&str> = list.split(',').map(|c| c.trim().rsplit('.').next().unwrap_or(c)).collect();
    Some(columns.join(", "))
}

impl From<sea_orm::TransactionError<ServiceError>> for ServiceError {
    fn from(err: sea_orm::TransactionError<ServiceError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

/// The error bodies of the upstream APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStyle {
    /// Concrete CMS `ErrorList` JSON: `{"error": true, "errors": ["Order not found"]}`; failed
    /// bearer authentication answers as league/oauth2-server does (`access_denied`).
    CommunityStore,
    /// CS-Cart's `Response`: `{"message": "Bad Request: <what>", "status": 400}`, plus the
    /// individual `messages` newer versions add. 401s carry the Basic challenge.
    CsCart,
    /// Bagisto (Laravel + API Platform): `{"message": "Product with ID \"9\" not found."}`;
    /// path segments that are not ids answer 404, as upstream routes only match digits there.
    Bagisto,
    /// A GraphQL endpoint (Bagisto's): `{"errors": [{"message": "..."}]}`, for what happens before
    /// the GraphQL executor runs (body too large, unknown method, a panic).
    GraphQl,
}

impl ErrorStyle {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "community-store" => Some(ErrorStyle::CommunityStore),
            "cs-cart" => Some(ErrorStyle::CsCart),
            "bagisto" => Some(ErrorStyle::Bagisto),
            _ => None,
        }
    }

    /// The body this style writes for `status` and `messages`.
    pub fn body(self, status: StatusCode, messages: &[String]) -> Value {
        match self {
            ErrorStyle::CommunityStore if status == StatusCode::UNAUTHORIZED => {
                oauth_error_body("access_denied", OAUTH_ACCESS_DENIED, messages.first().map(String::as_str))
            }
            ErrorStyle::CommunityStore => json!({ "error": true, "errors": messages }),
            ErrorStyle::CsCart => {
                let reason = status.canonical_reason().unwrap_or("Error");
                let detail: Vec<&str> = messages.iter().map(String::as_str).filter(|m| !m.is_empty()).collect();
                let message =
                    if detail.is_empty() { reason.to_owned() } else { format!("{reason}: {}", detail.join(". ")) };
                json!({ "message": message, "status": status.as_u16(), "messages": detail })
            }
            ErrorStyle::GraphQl => {
                let detail: Vec<&str> = messages.iter().map(String::as_str).filter(|m| !m.is_empty()).collect();
                let message =
                    if detail.is_empty() { status.canonical_reason().unwrap_or("Error") } else { &detail.join(" ") };
                json!({ "errors": [{ "message": message }] })
            }
            ErrorStyle::Bagisto => {
                let detail: Vec<&str> = messages.iter().map(String::as_str).filter(|m| !m.is_empty()).collect();
                let message = if detail.is_empty() {
                    status.canonical_reason().unwrap_or("Error").to_owned()
                } else {
                    detail.join(" ")
                };
                json!({ "message": message })
            }
        }
    }

    /// Headers this style adds to an error response.
    fn headers(self, status: StatusCode) -> Vec<(HeaderName, HeaderValue)> {
        match self {
            ErrorStyle::CsCart if status == StatusCode::UNAUTHORIZED => vec![(
                poem::http::header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"User email/API key\""),
            )],
            _ => Vec::new(),
        }
    }

    /// Renders an error raised outside a service (extractors, routing) in this style.
    /// `path_params` are the names of the matched route's path parameters, in order.
    pub fn render_poem_error(self, err: poem::Error, path_params: &[&str]) -> Response {
        if err.is_from_response() {
            return err.into_response();
        }
        if self == ErrorStyle::Bagisto && is_path_param_error(&err) {
            return ServiceError::not_found("Not Found").into_response(self);
        }
        let status = err.status();
        let message = describe_poem_error(&err, path_params);
        ServiceError::new(status, message).into_response(self)
    }
}

pub const OAUTH_ACCESS_DENIED: &str = "The resource owner or authorization server denied the request.";

/// The body league/oauth2-server writes: `error`, `error_description` and `message` carry the
/// same text (clients read either), `hint` says what to fix.
pub fn oauth_error_body(error: &str, description: &str, hint: Option<&str>) -> Value {
    let mut body = json!({ "error": error, "error_description": description, "message": description });
    if let Some(hint) = hint.filter(|h| !h.is_empty()) {
        body["hint"] = Value::String(hint.to_owned());
    }
    body
}

/// poem-openapi could not parse a path parameter (it names them `param0`, `param1`, ...).
fn is_path_param_error(err: &poem::Error) -> bool {
    use poem_openapi::error as oe;
    let positional = |name: &str| name.strip_prefix("param").is_some_and(|n| n.parse::<usize>().is_ok());
    err.downcast_ref::<oe::ParsePathError>().is_some()
        || err.downcast_ref::<oe::ParseParamError>().is_some_and(|e| positional(e.name))
}

/// A client-facing sentence for errors raised by poem and poem-openapi extractors.
fn describe_poem_error(err: &poem::Error, path_params: &[&str]) -> String {
    use poem_openapi::error as oe;
    if let Some(e) = err.downcast_ref::<oe::ParseParamError>() {
        // poem-openapi names path parameters by position (`param0`): give the spec's name.
        let name = e
            .name
            .strip_prefix("param")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|i| path_params.get(i).copied())
            .unwrap_or(e.name);
        return format!("Invalid parameter `{name}`: {}", e.reason);
    }
    if let Some(e) = err.downcast_ref::<oe::ParsePathError>() {
        let name = e
            .name
            .strip_prefix("param")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|i| path_params.get(i).copied())
            .unwrap_or(e.name);
        return format!("Invalid path parameter `{name}`: {}", e.reason);
    }
    if let Some(e) = err.downcast_ref::<oe::ParseRequestPayloadError>() {
        return format!("Invalid request body: {}", e.reason);
    }
    if err.downcast_ref::<oe::AuthorizationError>().is_some() {
        return "Missing \"Authorization\" header".to_owned();
    }
    if let Some(e) = err.downcast_ref::<oe::ContentTypeError>() {
        return e.to_string();
    }
    if err.downcast_ref::<poem::error::NotFoundError>().is_some() {
        return "Not Found".to_owned();
    }
    if err.downcast_ref::<poem::error::MethodNotAllowedError>().is_some() {
        return "Method Not Allowed".to_owned();
    }
    let text = err.to_string();
    if text.is_empty() { err.status().canonical_reason().unwrap_or("Error").to_owned() } else { text }
}

/// Turns a service's error into the `poem::Error` a generated handler returns. A conflict
/// (409) or unprocessable input (422) goes out as the first of 409, 422, 400 the operation
/// documents, so that, for instance, a repeated unique value is a 400 where an API only knows
/// 400 (CS-Cart). In debug builds (tests) any other error status the operation does not
/// document is a bug and panics.
pub fn into_poem_error(mut err: ServiceError, style: ErrorStyle, documented: &[u16]) -> poem::Error {
    let mut status = err.status().as_u16();
    if matches!(status, 409 | 422)
        && !documented.contains(&status)
        && let Some(&closest) = [409, 422, 400].iter().find(|s| documented.contains(s))
    {
        err.0.status = StatusCode::from_u16(closest).unwrap_or(StatusCode::BAD_REQUEST);
        status = closest;
    }
    debug_assert!(
        status == 500 || documented.contains(&status),
        "the service returned {status}, which this operation does not document ({documented:?}): {err}"
    );
    poem::Error::from_response(err.into_response(style))
}

#[cfg(test)]
mod unique_violation_tests {
    use super::unique_columns;

    #[test]
    fn names_the_columns_on_both_databases() {
        assert_eq!(unique_columns("Key (name)=(Mobile app) already exists.").as_deref(), Some("name"));
        assert_eq!(
            unique_columns("Key (product_id, locale)=(1, en) already exists.").as_deref(),
            Some("product_id, locale")
        );
        assert_eq!(unique_columns("UNIQUE constraint failed: storefront_keys.name").as_deref(), Some("name"));
        assert_eq!(
            unique_columns("UNIQUE constraint failed: product_translations.product_id, product_translations.locale")
                .as_deref(),
            Some("product_id, locale")
        );
        assert_eq!(unique_columns("duplicate key value violates unique constraint \"uq_x\""), None);
    }
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn field_errors_take_the_surface_s_field_names() {
        let e = ServiceError::invalid_field("hostname", "must not be empty");
        assert_eq!(e.messages(), ["hostname: must not be empty"]);
        let renamed = e.rename_field(|f| (f == "hostname").then(|| "storefront".to_owned()));
        assert_eq!(renamed.field(), Some("storefront"));
        assert_eq!(renamed.messages(), ["storefront: must not be empty"]);
        let kept = ServiceError::invalid_field("name", "required").rename_field(|_| None);
        assert_eq!(kept.messages(), ["name: required"]);
        let plain = ServiceError::bad_request("nope").rename_field(|_| Some("x".to_owned()));
        assert_eq!((plain.field(), plain.messages()), (None, &["nope".to_owned()][..]));
    }
}
