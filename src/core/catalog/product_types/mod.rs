//! The data of the product types beyond simple products: bundle options, grouped members,
//! downloadable links and samples, customizable options, and booking configurations with their
//! slot availability.
//!
//! Every area reads the rows of many products at once (`of_products`: one query per table,
//! whatever the number of products), so product pages and GraphQL data loaders cost a bounded
//! number of queries. Rows of disabled products are never shown: per-product reads answer
//! `None` for an unknown or disabled product, and lookups by id and the catalog-wide lists
//! leave their rows out.

pub mod booking;
pub mod bundle;
pub mod customizable;
pub mod downloadable;
pub mod grouped;
pub mod slots;
mod store;
