//! The records the catalog hands out for a product: the product row with its texts, images,
//! categories, stock and variants.

use polyshop_entities::{product_images, product_translations, products};

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
