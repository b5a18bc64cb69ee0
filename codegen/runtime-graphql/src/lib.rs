//! Hand-written support for the GraphQL schemas `cargo xtask codegen` builds from
//! `spec/graphql/*.graphql` (`generated/graphql-shop`).
//!
//! It is a crate of its own, apart from `polyshop-runtime` (which it builds on for
//! `ServiceError`), so that the generated HTTP crates, which need only `polyshop-runtime`, do not
//! wait for async-graphql to compile.
//!
//! The generated code registers every SDL type with async-graphql's dynamic schema. Fields that
//! only read a value of their object ("stored" fields) are answered by [`stored`] from the
//! object's struct; fields with arguments or object types call a resolver trait method the
//! application implements. Cursor connections (`XCursorConnection`, `XEdge`, `XPageInfo`, as API
//! Platform names them) are answered here from a [`Connection`].
//!
//! Serving: [`executor`] reads request bodies and runs operations, [`loaders`] batches the
//! resolvers' loads per request deterministically, [`field_order`] orders answers as selected.

pub mod executor;
pub mod field_order;
pub mod int_range;
pub mod loaders;

use async_graphql::{
    Error, ErrorExtensions, Name, Value,
    dynamic::{FieldFuture, FieldValue, ObjectAccessor, ResolverContext, TypeRef, ValueAccessor},
};
use base64::Engine;

use polyshop_runtime::ServiceError;

/// What a resolver returns: a value, or the GraphQL error it answers with.
pub type GqlResult<T> = Result<T, GqlError>;

/// A GraphQL error (async-graphql's [`Error`]), as resolvers return it. `?` turns an
/// async-graphql error or a [`ServiceError`] into one (the latter with [`service_error`]), and a
/// `GqlError` into an async-graphql error where the schema takes the answer.
///
/// It is a type of this crate so that the conversion from `ServiceError` can be written here: the
/// orphan rule allows `From<ServiceError> for async_graphql::Error` only in the crate defining
/// one of the two, and `polyshop-runtime`, which defines `ServiceError`, does not depend on
/// async-graphql.
#[derive(Debug, Clone)]
pub struct GqlError(pub Error);

impl From<Error> for GqlError {
    fn from(err: Error) -> Self {
        GqlError(err)
    }
}

impl From<ServiceError> for GqlError {
    fn from(err: ServiceError) -> Self {
        GqlError(service_error(err))
    }
}

impl From<GqlError> for Error {
    fn from(err: GqlError) -> Self {
        err.0
    }
}

/// Re-exports used by generated code so generated crates need few direct dependencies.
pub mod __private {
    pub use async_graphql;
}

/// A page of a collection: the nodes and where they sit in the whole. Each node is held in its
/// edge (with its offset, the cursor), so that the edge and node resolvers lend them to the
/// fields below instead of copying each node per level.
#[derive(Debug, Clone)]
pub struct Connection<T> {
    pub edges: Vec<Edge<T>>,
    /// Offset of the first node in the collection.
    pub offset: usize,
    /// Size of the whole collection (`totalCount`).
    pub total: usize,
}

impl<T> Connection<T> {
    pub fn new(nodes: Vec<T>, offset: usize, total: usize) -> Self {
        let edges = nodes.into_iter().enumerate().map(|(i, node)| Edge { node, offset: offset.saturating_add(i) });
        Connection { edges: edges.collect(), offset, total }
    }

    /// A whole collection held in memory, windowed by `args`.
    pub fn slice(all: Vec<T>, args: &PageArgs, default_size: usize, max_size: usize) -> GqlResult<Self> {
        let window = args.window(all.len(), default_size, max_size)?;
        let total = all.len();
        Ok(Connection::new(all.into_iter().skip(window.offset).take(window.limit).collect(), window.offset, total))
    }

    /// The nodes, the offset of the first and the size of the whole collection.
    pub fn into_parts(self) -> (Vec<T>, usize, usize) {
        (self.edges.into_iter().map(|e| e.node).collect(), self.offset, self.total)
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Connection<U> {
        let edges = self.edges.into_iter().map(|e| Edge { node: f(e.node), offset: e.offset }).collect();
        Connection { edges, offset: self.offset, total: self.total }
    }
}

/// Which part of a collection a client asks for (`first`/`after`, `last`/`before`).
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub after: Option<String>,
    pub before: Option<String>,
    /// The field the arguments belong to, for error messages.
    pub field: String,
}

/// Rows `offset..offset + limit` of a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
}

/// `MA==` → 0: cursors are base64 offsets, as API Platform writes them.
pub fn encode_cursor(offset: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(offset.to_string())
}

/// The offset a cursor names: base64 of the offset (`"MQ=="`, what API Platform and we issue),
/// or of the Relay-style `cursor:N` / `arrayconnection:N` the Bagisto guides show.
pub fn decode_cursor(cursor: &str) -> Option<usize> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(cursor.trim()).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let offset = text.strip_prefix("cursor:").or_else(|| text.strip_prefix("arrayconnection:")).unwrap_or(text);
    offset.parse().ok()
}

impl PageArgs {
    /// The window of a collection of `total` rows these arguments select: `first` rows after
    /// the `after` cursor, or the `last` rows before the `before` cursor; `default_size` rows
    /// when neither count is given. Counts outside `1..=max_size` and unreadable cursors are
    /// refused with the messages API Platform gives.
    pub fn window(&self, total: usize, default_size: usize, max_size: usize) -> GqlResult<Window> {
        let check = |name: &str, n: i64| -> GqlResult<usize> {
            match usize::try_from(n) {
                Ok(n) if (1..=max_size).contains(&n) => Ok(n),
                _ => Err(validation_error(format!(
                    "Argument \"{name}\" on field \"{}\" must be between 1 and {max_size}",
                    self.field
                ))),
            }
        };
        let cursor = |c: &Option<String>| -> GqlResult<Option<usize>> {
            match c {
                None => Ok(None),
                Some(c) => decode_cursor(c).map(Some).ok_or_else(|| {
                    GqlError(Error::new("Invalid cursor provided").extend_with(|_, e| e.set("code", "CURSOR_INVALID")))
                }),
            }
        };
        let after = cursor(&self.after)?;
        let before = cursor(&self.before)?;
        let first = self.first.map(|n| check("first", n)).transpose()?;
        let last = self.last.map(|n| check("last", n)).transpose()?;
        // The range the cursors leave: after the `after` row, before the `before` row.
        let start = after.map_or(0, |a| a.saturating_add(1)).min(total);
        let end = before.map_or(total, |b| b.min(total)).max(start);
        let (offset, limit) = match (first, last) {
            (Some(n), _) => (start, n.min(end - start)),
            (None, Some(n)) => {
                let n = n.min(end - start);
                (end - n, n)
            }
            (None, None) if self.before.is_some() => {
                let n = default_size.min(end - start);
                (end - n, n)
            }
            (None, None) => (start, default_size.min(end - start)),
        };
        Ok(Window { offset, limit })
    }
}

/// A GraphQL error for invalid arguments (`extensions.code: GRAPHQL_VALIDATION_FAILED`).
pub fn validation_error(message: impl Into<String>) -> GqlError {
    GqlError(Error::new(message.into()).extend_with(|_, e| e.set("code", "GRAPHQL_VALIDATION_FAILED")))
}

/// A service's error as the GraphQL error a resolver answers with: its messages and a
/// `category` extension (`user_error`, `authentication`, `NOT_FOUND`, `internal`); a server
/// error is logged and answered as `Internal server error`.
pub fn service_error(err: ServiceError) -> Error {
    let status = err.status();
    let message = if status.is_server_error() {
        tracing::error!(%err, "GraphQL resolver failed");
        "Internal server error".to_owned()
    } else {
        err.messages().iter().filter(|m| !m.is_empty()).cloned().collect::<Vec<_>>().join(" ")
    };
    let category = match status.as_u16() {
        400 | 422 => "user_error",
        401 | 403 => "authentication",
        404 => "NOT_FOUND",
        _ => "internal",
    };
    Error::new(message).extend_with(|_, e| e.set("category", category))
}

// ---------------------------------------------------------------------------------------------
// Values out

/// A Rust value a stored field holds, as a GraphQL value.
pub trait ToGqlValue {
    fn to_gql(&self) -> Value;
}

impl ToGqlValue for String {
    fn to_gql(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToGqlValue for i64 {
    fn to_gql(&self) -> Value {
        Value::Number((*self).into())
    }
}

impl ToGqlValue for bool {
    fn to_gql(&self) -> Value {
        Value::Boolean(*self)
    }
}

impl ToGqlValue for serde_json::Value {
    fn to_gql(&self) -> Value {
        json_to_gql(self)
    }
}

impl<T: ToGqlValue> ToGqlValue for Option<T> {
    fn to_gql(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToGqlValue::to_gql)
    }
}

impl<T: ToGqlValue> ToGqlValue for Vec<T> {
    fn to_gql(&self) -> Value {
        Value::List(self.iter().map(ToGqlValue::to_gql).collect())
    }
}

/// JSON → GraphQL value. Numbers are read from their text: with serde_json's
/// `arbitrary_precision` they are not plain numbers to async-graphql.
pub fn json_to_gql(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => {
            let text = n.to_string();
            if let Ok(i) = text.parse::<i64>() {
                Value::Number(i.into())
            } else if let Ok(u) = text.parse::<u64>() {
                Value::Number(u.into())
            } else {
                // Decimals stay exact as text rather than going through a float.
                Value::String(text)
            }
        }
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::List(a.iter().map(json_to_gql).collect()),
        serde_json::Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (Name::new(k), json_to_gql(v))).collect()),
    }
}

/// Data an object carries for its resolvers without exposing it (a foreign key, the row it
/// was built from): every generated object struct has an `ext` field of this type.
#[derive(Clone, Default)]
pub struct Extra(Option<std::sync::Arc<dyn std::any::Any + Send + Sync>>);

impl Extra {
    pub fn new<T: std::any::Any + Send + Sync>(value: T) -> Self {
        Extra(Some(std::sync::Arc::new(value)))
    }

    /// The carried value, if there is one of type `T`.
    pub fn get<T: std::any::Any>(&self) -> Option<&T> {
        self.0.as_deref().and_then(|v| v.downcast_ref::<T>())
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Extra(..)" } else { "Extra(None)" })
    }
}

/// The struct of a GraphQL object type: answers its stored fields by name.
pub trait StoredFields: Send + Sync + 'static {
    fn stored_field(&self, name: &str) -> Option<Value>;

    /// The object-typed fields a mutation payload holds whole, by name.
    fn embedded_field(&self, _name: &str) -> Option<FieldValue<'static>> {
        None
    }
}

/// Resolver of every object-typed field of a mutation payload `T` (held whole by the payload).
pub fn embedded<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
    match ctx.parent_value.try_downcast_ref::<T>() {
        Ok(parent) => FieldFuture::Value(parent.embedded_field(ctx.ctx.field().name())),
        Err(e) => FieldFuture::Future(Box::pin(async move { Err(e) })),
    }
}

/// An object value a payload holds: answered as the field's value.
pub trait Embed {
    fn embed(&self) -> Option<FieldValue<'static>>;
}

impl<T: Embed> Embed for Option<T> {
    fn embed(&self) -> Option<FieldValue<'static>> {
        self.as_ref().and_then(Embed::embed)
    }
}

impl<T: Embed> Embed for Vec<T> {
    fn embed(&self) -> Option<FieldValue<'static>> {
        Some(FieldValue::list(self.iter().map(|item| item.embed().unwrap_or(FieldValue::NULL))))
    }
}

/// Resolver of every stored field of object type `T`.
pub fn stored<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
    match ctx.parent_value.try_downcast_ref::<T>() {
        Ok(parent) => FieldFuture::Value(parent.stored_field(ctx.ctx.field().name()).map(FieldValue::value)),
        Err(e) => FieldFuture::Future(Box::pin(async move { Err(e) })),
    }
}

pub fn object<'a, T: StoredFields>(value: T) -> Option<FieldValue<'a>> {
    Some(FieldValue::owned_any(value))
}

pub fn optional_object<'a, T: StoredFields>(value: Option<T>) -> Option<FieldValue<'a>> {
    value.map(FieldValue::owned_any)
}

pub fn object_list<'a, T: StoredFields>(values: Vec<T>) -> Option<FieldValue<'a>> {
    Some(FieldValue::list(values.into_iter().map(FieldValue::owned_any)))
}

pub fn connection<'a, T: StoredFields>(value: Connection<T>) -> Option<FieldValue<'a>> {
    Some(FieldValue::owned_any(value))
}

pub fn scalar<'a, T: ToGqlValue>(value: T) -> Option<FieldValue<'a>> {
    Some(FieldValue::value(value.to_gql()))
}

/// An edge of a connection: a node and its cursor.
#[derive(Debug, Clone)]
pub struct Edge<T> {
    pub node: T,
    pub offset: usize,
}

/// `pageInfo` of a connection.
#[derive(Debug, Clone)]
pub struct PageInfo {
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

/// Resolvers of the connection, edge and page-info types of node type `T`.
pub mod connections {
    use super::*;

    fn parent<'a, T: 'static>(ctx: &ResolverContext<'a>) -> async_graphql::Result<&'a T> {
        ctx.parent_value.try_downcast_ref::<T>()
    }

    fn now<'a>(result: async_graphql::Result<Option<FieldValue<'a>>>) -> FieldFuture<'a> {
        match result {
            Ok(v) => FieldFuture::Value(v),
            Err(e) => FieldFuture::Future(Box::pin(async move { Err(e) })),
        }
    }

    pub fn edges<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<Connection<T>>(&ctx)
            .map(|c| Some(FieldValue::list(c.edges.iter().map(|e| FieldValue::borrowed_any(e))))))
    }

    pub fn total_count<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<Connection<T>>(&ctx).map(|c| Some(FieldValue::value(Value::Number((c.total as u64).into())))))
    }

    pub fn page_info<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<Connection<T>>(&ctx).map(|c| {
            let n = c.edges.len();
            Some(FieldValue::owned_any(PageInfo {
                start_cursor: (n > 0).then(|| encode_cursor(c.offset)),
                end_cursor: (n > 0).then(|| encode_cursor(c.offset + n - 1)),
                has_next_page: c.offset + n < c.total,
                has_previous_page: c.offset > 0,
            }))
        }))
    }

    pub fn node<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<Edge<T>>(&ctx).map(|e| Some(FieldValue::borrowed_any(&e.node))))
    }

    pub fn cursor<T: StoredFields>(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<Edge<T>>(&ctx).map(|e| Some(FieldValue::value(Value::String(encode_cursor(e.offset))))))
    }

    /// Every field of a page-info type.
    pub fn page_info_field(ctx: ResolverContext<'_>) -> FieldFuture<'_> {
        now(parent::<PageInfo>(&ctx).map(|p| {
            let v = match ctx.ctx.field().name() {
                "startCursor" => p.start_cursor.to_gql(),
                "endCursor" => p.end_cursor.to_gql(),
                "hasNextPage" => Value::Boolean(p.has_next_page),
                "hasPreviousPage" => Value::Boolean(p.has_previous_page),
                _ => Value::Null,
            };
            Some(FieldValue::value(v))
        }))
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments in

/// A GraphQL `ID`: clients send strings (`"/api/shop/products/1"`) or integers (`1`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Id(pub String);

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Reads a field argument into its Rust type.
pub trait FromGqlArg: Sized {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self>;
}

fn required<'a>(value: Option<ValueAccessor<'a>>, name: &str) -> GqlResult<ValueAccessor<'a>> {
    match value {
        Some(v) if !v.is_null() => Ok(v),
        _ => Err(validation_error(format!("Argument \"{name}\" is required"))),
    }
}

impl FromGqlArg for String {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        Ok(required(value, name)?.string()?.to_owned())
    }
}

impl FromGqlArg for Id {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        let v = required(value, name)?;
        match v.as_value() {
            Value::String(s) => Ok(Id(s.clone())),
            Value::Number(n) => Ok(Id(n.to_string())),
            _ => Err(validation_error(format!("Argument \"{name}\" must be an ID"))),
        }
    }
}

impl FromGqlArg for i64 {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        Ok(required(value, name)?.i64()?)
    }
}

impl FromGqlArg for bool {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        Ok(required(value, name)?.boolean()?)
    }
}

impl FromGqlArg for serde_json::Value {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        required(value, name)?.as_value().clone().into_json().map_err(|e| validation_error(e.to_string()))
    }
}

impl<T: FromGqlArg> FromGqlArg for Option<T> {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        match value {
            Some(v) if !v.is_null() => T::from_arg(Some(v), name).map(Some),
            _ => Ok(None),
        }
    }
}

impl<T: FromGqlArg> FromGqlArg for Vec<T> {
    fn from_arg(value: Option<ValueAccessor<'_>>, name: &str) -> GqlResult<Self> {
        let v = required(value, name)?;
        match v.list() {
            Ok(list) => list.iter().map(|item| T::from_arg(Some(item), name)).collect(),
            // A single value where a list is expected is a list of one (input coercion).
            Err(_) => Ok(vec![T::from_arg(Some(v), name)?]),
        }
    }
}

/// Argument `name` of a field.
pub fn arg<T: FromGqlArg>(args: &ObjectAccessor<'_>, name: &str) -> GqlResult<T> {
    T::from_arg(args.get(name), name)
}

/// The value of an input-object argument (or input field) `name`.
pub fn input_object<'a>(value: Option<ValueAccessor<'a>>, name: &str) -> GqlResult<ObjectAccessor<'a>> {
    match required(value, name)?.object() {
        Ok(object) => Ok(object),
        Err(_) => Err(validation_error(format!("Argument \"{name}\" must be an object"))),
    }
}

/// Field `field` of the input object `parent` names (errors name it `input.email`).
pub fn input_field<T: FromGqlArg>(object: &ObjectAccessor<'_>, parent: &str, field: &str) -> GqlResult<T> {
    T::from_arg(object.get(field), &format!("{parent}.{field}"))
}

/// The paging arguments of a connection field.
pub fn page_args(ctx: &ResolverContext<'_>) -> GqlResult<PageArgs> {
    Ok(PageArgs {
        first: arg(&ctx.args, "first")?,
        last: arg(&ctx.args, "last")?,
        after: arg(&ctx.args, "after")?,
        before: arg(&ctx.args, "before")?,
        field: ctx.ctx.field().name().to_owned(),
    })
}

/// Request variables (JSON) as GraphQL values; see [`json_to_gql`].
pub fn variables_from_json(v: &serde_json::Value) -> async_graphql::Variables {
    async_graphql::Variables::from_value(json_to_gql(v))
}

/// `[ProductEdge]!` → the `TypeRef` async-graphql registers.
pub fn type_ref(sdl: &str) -> TypeRef {
    if let Some(inner) = sdl.strip_suffix('!') {
        return TypeRef::NonNull(Box::new(type_ref(inner)));
    }
    if let Some(inner) = sdl.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return TypeRef::List(Box::new(type_ref(inner)));
    }
    TypeRef::Named(sdl.to_owned().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i64>, after: Option<usize>, last: Option<i64>, before: Option<usize>) -> PageArgs {
        PageArgs {
            first,
            last,
            after: after.map(encode_cursor),
            before: before.map(encode_cursor),
            field: "products".into(),
        }
    }

    #[test]
    fn cursors_are_base64_offsets() {
        assert_eq!(encode_cursor(0), "MA==");
        assert_eq!(encode_cursor(29), "Mjk=");
        assert_eq!(decode_cursor("MQ=="), Some(1));
        assert_eq!(decode_cursor("not a cursor"), None);
        assert_eq!(decode_cursor("Y3Vyc29yOjEw"), Some(10), "cursor:10");
        assert_eq!(decode_cursor("YXJyYXljb25uZWN0aW9uOjEw"), Some(10), "arrayconnection:10");
        assert_eq!(decode_cursor("Y3Vyc29yOng="), None, "cursor:x");
    }

    #[test]
    fn windows() {
        let w = |a: PageArgs| a.window(25, 10, 100).map(|w| (w.offset, w.limit)).map_err(|e| e.0.message);
        assert_eq!(w(args(None, None, None, None)), Ok((0, 10)));
        assert_eq!(w(args(Some(5), Some(9), None, None)), Ok((10, 5)));
        assert_eq!(w(args(Some(10), Some(19), None, None)), Ok((20, 5)));
        assert_eq!(w(args(None, None, Some(3), None)), Ok((22, 3)));
        assert_eq!(w(args(None, None, Some(3), Some(10))), Ok((7, 3)));
        assert_eq!(w(args(Some(5), Some(40), None, None)), Ok((25, 0)));
        assert_eq!(
            w(args(Some(0), None, None, None)),
            Err("Argument \"first\" on field \"products\" must be between 1 and 100".into())
        );
        assert!(w(args(Some(101), None, None, None)).is_err());
        let bad = PageArgs { after: Some("zzz".into()), ..args(None, None, None, None) };
        assert_eq!(w(bad), Err("Invalid cursor provided".into()));
    }
}
