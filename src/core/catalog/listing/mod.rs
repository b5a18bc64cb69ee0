//! The storefront catalog: which products a storefront lists, how searches, filters and sorts
//! select and order them, and what they cost.
//!
//! Listed products are enabled, visible individually and assigned to the request's channel.
//! Prices come from the products' own rows for simple-like types and from their children for
//! composites: a configurable product costs what its variants cost, a grouped product what its
//! members cost, a bundle what its options add up to. The "minimum price" is what price filters
//! and the price sort use: computed in Rust for cards (`prices`) and in SQL for ordering and
//! filtering (`order_keys`), the two kept in step by the listing tests.
//!
//! Queries stay bounded: a list's matches are found and ordered with one query per settings
//! generation (kept; every page is a slice of them), and the cards of a page are
//! built with one query per related table (translations, images, booking types, children,
//! stock) whatever the page size.
//!
//! Submodules:
//! - `query`: the filters and sort order of a request ([`ProductQuery`], [`Sort`], [`SortKey`]);
//! - `search`: the SQL conditions of a query and the paging of its matches ([`search()`]);
//! - `cards`: building product cards ([`CardData`], [`cards()`], [`variant_cards`], [`linked_cards`]);
//! - `prices`: prices and saleability from a product's children and stock ([`Prices`]);
//! - `order_keys`: the name and the minimum price as SQL expressions, for the orders and price
//!   ranges the database pages;
//! - `lookups`: option values and product ids by id, SKU or URL key.

mod cards;
mod lookups;
mod order_keys;
mod prices;
mod query;
mod search;

pub use cards::{CardData, PageCards, PageCardsNow, cards, linked_cards, linked_cards_by_kind, variant_cards};
pub use lookups::{enabled_product, option_values, option_values_of, product_id_by_sku, product_id_by_url_key};
pub use prices::{Prices, Stock};
pub use query::{ProductQuery, Sort, SortKey};
pub use search::{price_range, search};
