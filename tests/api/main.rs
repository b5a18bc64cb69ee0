//! The API test suite: one binary so it builds once, one module per area.
//!
//! Every test runs the whole application in process on its own fresh database (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` is set) loaded with the deterministic demo dataset, so
//! the same snapshots hold on both databases.

mod bagisto_shop;
mod cli;
mod community_store;
mod concurrency;
mod conformance;
mod conformance_graphql;
mod cs_cart;
mod drift;
mod hardening;
mod harness;
mod instructions;
mod mail_delivery;
mod ops;
mod schema;
mod seed_profiles;
mod served;
mod statements;
mod test_database;

/// Pretty JSON for snapshots, keeping numbers exactly as sent (`100.50`).
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}
