//! Database migrations, applied in order by `polyshop migrate` and at `polyshop serve` start.
//!
//! A migration that has been released is never edited: change the schema with a new one.
//! `cargo xtask scaffold-migration TABLE...` prints a starting point for new tables from
//! spec/model. The test `schema_matches_entities` proves a migrated database has exactly the
//! columns, types, nullability and unique keys that spec/model (and so the entities) declare.

pub use sea_orm_migration::prelude::*;

mod install;
mod m20261122_000001_core_schema;
mod m20261122_000002_install_defaults;
mod m20261123_000003_cs_cart;
mod m20261123_000004_countries;
mod m20261124_000005_storefront;
mod m20261124_000006_bagisto_attributes;
mod m20261204_000007_auth_failures;
mod m20261204_000008_cache_generations;
mod m20261205_000009_customer_accounts;
mod m20261205_000010_carts;
mod m20261205_000011_newsletter;
mod m20261206_000012_wishlists;
mod m20261206_000013_promotions;
mod m20261207_000014_downloads;
mod m20261207_000015_privacy;
mod m20261208_000016_returns;
mod m20261208_000017_taxes;
mod m20261208_000018_buy_x_get_y;
mod m20261209_000019_mail_delivery;
mod m20261209_000020_cart_line_choices;
mod m20261209_000021_redirect_payments;
mod m20261209_000022_bookings;
mod m20261209_000023_option_uploads;
mod m20261210_000024_upload_sweep_indexes;
mod m20261211_000025_download_link_tokens;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_core_schema::Migration),
            Box::new(m20261122_000002_install_defaults::Migration),
            Box::new(m20261123_000003_cs_cart::Migration),
            Box::new(m20261123_000004_countries::Migration),
            Box::new(m20261124_000005_storefront::Migration),
            Box::new(m20261124_000006_bagisto_attributes::Migration),
            Box::new(m20261204_000007_auth_failures::Migration),
            Box::new(m20261204_000008_cache_generations::Migration),
            Box::new(m20261205_000009_customer_accounts::Migration),
            Box::new(m20261205_000010_carts::Migration),
            Box::new(m20261205_000011_newsletter::Migration),
            Box::new(m20261206_000012_wishlists::Migration),
            Box::new(m20261206_000013_promotions::Migration),
            Box::new(m20261207_000014_downloads::Migration),
            Box::new(m20261207_000015_privacy::Migration),
            Box::new(m20261208_000016_returns::Migration),
            Box::new(m20261208_000017_taxes::Migration),
            Box::new(m20261208_000018_buy_x_get_y::Migration),
            Box::new(m20261209_000019_mail_delivery::Migration),
            Box::new(m20261209_000020_cart_line_choices::Migration),
            Box::new(m20261209_000021_redirect_payments::Migration),
            Box::new(m20261209_000022_bookings::Migration),
            Box::new(m20261209_000023_option_uploads::Migration),
            Box::new(m20261210_000024_upload_sweep_indexes::Migration),
            Box::new(m20261211_000025_download_link_tokens::Migration),
        ]
    }
}
