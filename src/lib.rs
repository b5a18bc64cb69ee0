//! polyshop: one commerce core behind the Bagisto, Community Store and CS-Cart APIs.
//!
//! Layout:
//! - `api/<surface>/`: implementations of the service traits generated from `spec/openapi/`
//!   (thin: translate the API's inputs and shapes, call the business areas);
//! - business areas, each with its rules and a `store.rs` holding all of its SQL:
//!   `catalog` (products, their types, attributes, categories, reviews, stock), `sales` (orders,
//!   fulfilment), `settings` (channels, locales, currencies, countries, the storefront scope),
//!   `cms` (content pages, theme customizations), `integrations` (API clients and credentials);
//! - `app` (shared state and the HTTP app), `cli`, `config`, `db`, `demo` (the demo dataset),
//!   `clock`, `secrets`, `telemetry` (logging with request ids).

pub mod api;
pub mod app;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod cms;
pub mod config;
pub mod db;
pub mod demo;
pub mod integrations;
pub mod listing;
pub mod sales;
pub mod secrets;
pub mod settings;
pub mod telemetry;
