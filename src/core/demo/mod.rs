//! The demo dataset: a small clothing store with a catalog (products of all seven types, with
//! variations, tier prices, options, reviews), content pages and theme blocks, customers and 50
//! orders across every fulfilment and payment state. It is deterministic: the same rows, ids and timestamps on every run and on SQLite
//! and PostgreSQL alike, so tests can snapshot responses built from it.

// The demo's indices and constants are small and fixed (50 orders, 27 products): its casts
// cannot truncate or wrap, unlike anything computed from a request.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]

mod catalog;
mod customers;
mod fixed;
mod orders;
pub mod profiles;
mod storefront;

use polyshop_entities::{customers as customer_rows, orders as order_rows, products};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub products: usize,
    pub variants: usize,
    pub customers: usize,
    pub orders: usize,
}

/// Whether the database holds no products, customers or orders yet.
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(products::Entity::find().count(db).await? == 0
        && customer_rows::Entity::find().count(db).await? == 0
        && order_rows::Entity::find().count(db).await? == 0)
}

/// Loads the demo dataset in one transaction. The database must be migrated and empty.
pub async fn seed(db: &DatabaseConnection) -> Result<DemoSummary, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let store = catalog::seed_settings(&txn).await?;
    let catalog = catalog::seed_catalog(&txn, &store).await?;
    let customers = customers::seed(&txn).await?;
    let orders = orders::seed(&txn, &store, &catalog, &customers).await?;
    let storefront = storefront::seed(&txn, &store).await?;
    // Running servers drop what they cached of the settings and the catalog's structure.
    crate::settings::cache::bump(&txn).await?;
    txn.commit().await?;
    Ok(DemoSummary {
        products: catalog.products.len() + storefront.products.len(),
        variants: catalog.products.iter().map(|p| p.variants.len()).sum(),
        customers: customers.len(),
        orders,
    })
}

/// Loads the demo dataset and `profile`'s generated catalog, customers and orders into an
/// empty, migrated database (`polyshop seed --profile`).
pub async fn seed_profile(
    db: &DatabaseConnection,
    profile: profiles::Profile,
    seed: u64,
    progress: profiles::Progress<'_>,
) -> Result<profiles::ProfileSummary, DbErr> {
    self::seed(db).await?;
    profiles::generate(db, profile, seed, progress).await
}
