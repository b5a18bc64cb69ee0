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
pub mod listing;
pub mod page;
pub mod pricing;
pub mod product_types;
pub mod reviews;
pub mod stock;
pub(crate) mod store;

use polyshop_entities::{product_images, product_translations, products};

pub use store::{
    DateRange, ProductDateField, ProductFilter, count_products, find_product, find_product_by_sku, find_variant,
    list_products, product_names,
};

/// A product with the rows the APIs show of it.
#[derive(Debug, Clone)]
pub struct ProductRecord {
    pub product: products::Model,
    /// Texts in the requested locale (or another when that one is missing).
    pub translation: Option<product_translations::Model>,
    /// Images by position; the first is the primary image.
    pub images: Vec<product_images::Model>,
    pub categories: Vec<CategoryRef>,
    pub groups: Vec<String>,
    /// Units held across inventory sources.
    pub stock: i64,
    pub brand: Option<String>,
    /// The attributes variants differ by, with the options variants use.
    pub super_attributes: Vec<SuperAttribute>,
    pub variants: Vec<VariantRecord>,
}

#[derive(Debug, Clone)]
pub struct CategoryRef {
    pub id: i64,
    pub name: String,
    /// Path of the category page below the storefront URL (`men/shirts`).
    pub url_path: String,
}

#[derive(Debug, Clone)]
pub struct SuperAttribute {
    pub id: i64,
    pub code: String,
    pub label: String,
    /// (option id, label) in sort order.
    pub options: Vec<(i64, String)>,
}

#[derive(Debug, Clone)]
pub struct VariantRecord {
    pub product: products::Model,
    pub images: Vec<product_images::Model>,
    pub stock: i64,
    /// (attribute label, option label) for each super attribute.
    pub options: Vec<(String, String)>,
}

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
