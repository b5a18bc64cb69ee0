//! The request a storefront's product list is built from: filters and the sort order. Plain data
//! with no database access, shared by the search and by the APIs that fill it in.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

/// What a storefront asks the catalog for. Filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProductQuery {
    /// Text matched (case-insensitively) against SKUs and names.
    pub search: Option<String>,
    /// The search text also matches descriptions (GraphQL's `query`).
    pub search_descriptions: bool,
    pub product_type: Option<String>,
    pub category_id: Option<i64>,
    /// Inclusive bounds on the minimum price, in the base currency.
    pub price_from: Option<Decimal>,
    pub price_to: Option<Decimal>,
    pub new_only: bool,
    pub featured_only: bool,
    /// Attribute code → option ids (any of them matches).
    pub attributes: BTreeMap<String, Vec<i64>>,
    /// Attribute code → option names (admin names, any case), for legacy filters by label.
    pub attribute_names: BTreeMap<String, Vec<String>>,
    pub sort: Sort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Catalog order.
    #[default]
    Id,
    Name,
    Price,
    CreatedAt,
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}
