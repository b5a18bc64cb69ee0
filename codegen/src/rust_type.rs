//! The Rust types the generator prints, as values: decisions about a type (is it an integer, what
//! does it wrap, which model does it name) are made on this enum, never on rendered strings.

use std::fmt;

use serde::{Serialize, Serializer};

/// A Rust type of the generated code, printed by `Display` (and serialized for the templates) as
/// the generated code writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RustType {
    /// `()`.
    Unit,
    Bool,
    I32,
    I64,
    U8,
    String,
    /// `polyshop_runtime::JsonDecimal`: an exact JSON number.
    JsonDecimal,
    /// `polyshop_runtime::ScalarString`: a string that also accepts numbers and booleans.
    ScalarString,
    /// `polyshop_runtime::__private::serde_json::Value`: a free-form JSON value.
    JsonValue,
    /// `polyshop_runtime_graphql::Id`: a GraphQL `ID` argument (a string or an integer).
    GraphqlId,
    /// `crate::models::<name>`: a type generated for an OpenAPI schema.
    Model(String),
    /// `crate::types::<name>`: a type generated for a GraphQL object type.
    Object(String),
    /// Any other type, by its path as written (`DateTimeUtc`, `polyshop_runtime::Amount`).
    Path(String),
    Option(Box<RustType>),
    Vec(Box<RustType>),
    /// `poem_openapi::types::MaybeUndefined<T>`: absent, null or a value.
    MaybeUndefined(Box<RustType>),
    /// `std::collections::BTreeMap<String, T>`: an object's additional properties.
    Map(Box<RustType>),
    /// `polyshop_runtime::Page<T>`: a page of a list and its metadata.
    Page(Box<RustType>),
    /// `polyshop_runtime_graphql::Connection<T>`: a GraphQL cursor connection's page.
    Connection(Box<RustType>),
    /// `(A, B, ...)`: a tuple of two or more types.
    Tuple(Vec<RustType>),
}

impl RustType {
    /// A type by its path as written (`DateTimeUtc`).
    pub fn path(path: impl Into<String>) -> RustType {
        RustType::Path(path.into())
    }

    /// `Option<self>`.
    pub fn option(self) -> RustType {
        RustType::Option(Box::new(self))
    }

    /// `Vec<self>`.
    pub fn vec(self) -> RustType {
        RustType::Vec(Box::new(self))
    }

    /// `poem_openapi::types::MaybeUndefined<self>`.
    pub fn maybe_undefined(self) -> RustType {
        RustType::MaybeUndefined(Box::new(self))
    }

    pub fn is_integer(&self) -> bool {
        matches!(self, RustType::I32 | RustType::I64)
    }

    /// The item type of a `Vec`.
    pub fn vec_item(&self) -> Option<&RustType> {
        match self {
            RustType::Vec(item) => Some(item),
            _ => None,
        }
    }

    /// The type a generic wrapper (`Option`, `Vec`, `Page`, ...) holds; `None` for other types.
    pub fn inner(&self) -> Option<&RustType> {
        match self {
            RustType::Option(t)
            | RustType::Vec(t)
            | RustType::MaybeUndefined(t)
            | RustType::Map(t)
            | RustType::Page(t)
            | RustType::Connection(t) => Some(t),
            _ => None,
        }
    }

    /// The innermost type under the wrappers (`Option<Vec<T>>` → `T`).
    pub fn leaf(&self) -> &RustType {
        self.inner().map_or(self, RustType::leaf)
    }

    /// The name of the generated type (`crate::models::X`, `crate::types::X`) this type is or
    /// wraps.
    pub fn generated_name(&self) -> Option<&str> {
        match self.leaf() {
            RustType::Model(name) | RustType::Object(name) => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::Unit => f.write_str("()"),
            RustType::Bool => f.write_str("bool"),
            RustType::I32 => f.write_str("i32"),
            RustType::I64 => f.write_str("i64"),
            RustType::U8 => f.write_str("u8"),
            RustType::String => f.write_str("String"),
            RustType::JsonDecimal => f.write_str("polyshop_runtime::JsonDecimal"),
            RustType::ScalarString => f.write_str("polyshop_runtime::ScalarString"),
            RustType::JsonValue => f.write_str("polyshop_runtime::__private::serde_json::Value"),
            RustType::GraphqlId => f.write_str("polyshop_runtime_graphql::Id"),
            RustType::Path(path) => f.write_str(path),
            RustType::Model(name) => write!(f, "crate::models::{name}"),
            RustType::Object(name) => write!(f, "crate::types::{name}"),
            RustType::Option(t) => write!(f, "Option<{t}>"),
            RustType::Vec(t) => write!(f, "Vec<{t}>"),
            RustType::MaybeUndefined(t) => write!(f, "poem_openapi::types::MaybeUndefined<{t}>"),
            RustType::Map(t) => write!(f, "std::collections::BTreeMap<String, {t}>"),
            RustType::Page(t) => write!(f, "polyshop_runtime::Page<{t}>"),
            RustType::Connection(t) => write!(f, "polyshop_runtime_graphql::Connection<{t}>"),
            RustType::Tuple(items) => {
                let items: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "({})", items.join(", "))
            }
        }
    }
}

/// Serialized as the type is written, so templates print it with `{{rust_type}}`.
impl Serialize for RustType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Tests compare types with the strings they expect.
#[cfg(test)]
impl PartialEq<&str> for RustType {
    fn eq(&self, other: &&str) -> bool {
        format!("{self}") == *other
    }
}

#[cfg(test)]
mod tests {
    use super::RustType;

    #[test]
    fn renders_scalars_and_paths() {
        let cases = [
            (RustType::Unit, "()"),
            (RustType::Bool, "bool"),
            (RustType::I32, "i32"),
            (RustType::I64, "i64"),
            (RustType::String, "String"),
            (RustType::JsonDecimal, "polyshop_runtime::JsonDecimal"),
            (RustType::ScalarString, "polyshop_runtime::ScalarString"),
            (RustType::JsonValue, "polyshop_runtime::__private::serde_json::Value"),
            (RustType::GraphqlId, "polyshop_runtime_graphql::Id"),
            (RustType::Model("Order".into()), "crate::models::Order"),
            (RustType::Object("Product".into()), "crate::types::Product"),
            (RustType::path("DateTimeUtc"), "DateTimeUtc"),
        ];
        for (ty, expected) in cases {
            assert_eq!(ty.to_string(), expected);
        }
    }

    #[test]
    fn renders_wrappers_and_tuples() {
        let order = || RustType::Model("Order".into());
        let cases = [
            (RustType::I64.option(), "Option<i64>"),
            (RustType::U8.vec(), "Vec<u8>"),
            (order().vec().option(), "Option<Vec<crate::models::Order>>"),
            (order().maybe_undefined(), "poem_openapi::types::MaybeUndefined<crate::models::Order>"),
            (RustType::Map(Box::new(order())), "std::collections::BTreeMap<String, crate::models::Order>"),
            (RustType::Page(Box::new(order())), "polyshop_runtime::Page<crate::models::Order>"),
            (
                RustType::Connection(Box::new(RustType::Object("Product".into()))),
                "polyshop_runtime_graphql::Connection<crate::types::Product>",
            ),
            (RustType::Tuple(vec![RustType::path("a::AApi"), RustType::path("b::BApi")]), "(a::AApi, b::BApi)"),
        ];
        for (ty, expected) in cases {
            assert_eq!(ty.to_string(), expected);
        }
    }

    #[test]
    fn serializes_as_written() {
        let ty = RustType::String.vec().option();
        assert_eq!(serde_json::to_value(&ty).unwrap(), serde_json::json!("Option<Vec<String>>"));
    }

    #[test]
    fn looks_through_wrappers() {
        let ty = RustType::Model("Pet".into()).vec().option();
        assert_eq!(ty.inner(), Some(&RustType::Model("Pet".into()).vec()));
        assert_eq!(ty.leaf(), &RustType::Model("Pet".into()));
        assert_eq!(ty.generated_name(), Some("Pet"));
        assert_eq!(RustType::Model("Pet".into()).vec().vec_item(), Some(&RustType::Model("Pet".into())));
        assert_eq!(RustType::I64.option().vec_item(), None);
        assert_eq!(RustType::String.generated_name(), None);
        assert!(RustType::I32.is_integer() && !RustType::I64.option().is_integer());
    }
}
