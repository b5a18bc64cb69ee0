//! The catalog: products with their variants, texts, images, categories, groups, options and
//! stock, and the rules for changing stock.
//!
//! Stock is held per inventory source (`product_inventories`); a product's stock level is the sum
//! over sources. Simple and virtual products and the variants of configurable products hold
//! stock. Composite products (configurable, bundle, grouped) hold none of their own, and neither
//! do downloadable and booking products.

pub mod attributes;
pub mod categories;
pub mod details;
pub mod dictionary;
pub mod listing;
pub mod page;
pub mod pricing;
pub mod product_types;
mod records;
pub mod reviews;
pub mod stock;
pub(crate) mod store;

pub use records::{CategoryRef, ProductRecord, SuperAttribute, VariantRecord};
pub use store::{
    DateRange, ProductDateField, ProductFilter, count_products, find_product, find_product_by_sku, find_variant,
    list_products, product_names,
};

/// Product types.
pub mod kind {
    pub const SIMPLE: &str = "simple";
    pub const VIRTUAL: &str = "virtual";
    pub const DOWNLOADABLE: &str = "downloadable";
    pub const GROUPED: &str = "grouped";
    pub const BUNDLE: &str = "bundle";
    pub const CONFIGURABLE: &str = "configurable";
    pub const BOOKING: &str = "booking";

    /// Types whose rows carry stock at inventory sources.
    pub fn holds_stock(kind: &str) -> bool {
        matches!(kind, SIMPLE | VIRTUAL)
    }

    /// Types whose orders need shipping.
    pub fn ships(kind: &str) -> bool {
        !matches!(kind, VIRTUAL | DOWNLOADABLE | BOOKING)
    }
}

pub fn product_not_found() -> polyshop_runtime::ServiceError {
    polyshop_runtime::ServiceError::not_found("Product not found")
}
