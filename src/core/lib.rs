//! The commerce core: one module per business area, each with its rules and a private
//! `store.rs` holding its SQL, and what every API surface is given.
//!
//! - `catalog`: products, their types, attributes, categories, reviews, stock;
//! - `sales`: orders, their placement, editing, statuses and fulfilment;
//! - `settings`: channels, locales, currencies, countries, the storefront scope;
//! - `cms`: content pages and theme customizations;
//! - `carts`: shopping carts and checkout (placing a cart as an order, idempotently);
//! - `customers`: customer accounts, sign-in tokens, the address book, password resets;
//! - `mail`: the outbox every email goes through;
//! - `integrations`: API clients, administrators and storefront keys, and their credentials;
//! - `listing`: collections an area lists a page at a time;
//! - `demo`: the deterministic demo dataset;
//! - `state` (the `AppState` services are built from), `surface` (what a surface crate hands to
//!   the HTTP app), `config`, `db`, `clock`, `secrets`.
//!
//! Nothing here knows an API's wire format: the surface crates (`src/api/<surface>/`) map
//! between an API's shapes and these areas.

pub mod by_parent;
pub mod carts;
pub mod catalog;
pub mod clock;
pub mod cms;
pub mod config;
pub mod customers;
pub mod db;
pub mod demo;
pub mod integrations;
pub mod listing;
pub mod mail;
pub mod privacy;
pub mod promotions;
pub mod returns;
pub mod sales;
pub mod secrets;
pub mod settings;
pub mod state;
pub mod surface;
pub mod taxes;
pub mod wishlists;

pub use state::AppState;
