//! polyshop: one commerce core behind the Bagisto, Community Store and CS-Cart APIs.
//!
//! The crates (see `ARCHITECTURE.md`):
//! - `polyshop-core` (`src/core/`): the business areas and their SQL;
//! - one crate per API surface (`src/api/<surface>/`), implementing the service traits
//!   generated from `spec/openapi/` and `spec/graphql/` over the core;
//! - this crate: the HTTP app mounting every surface (`app`), the command line (`cli`) and
//!   logging with request ids (`telemetry`). The core's modules are re-exported here for the
//!   binary and the tests.

pub mod app;
pub mod cli;
pub mod guard;
pub mod media;
pub mod metrics;
pub mod ops;
pub mod telemetry;

pub use polyshop_core::{
    catalog, clock, cms, config, customers, db, demo, integrations, listing, mail, sales, secrets, settings,
};
