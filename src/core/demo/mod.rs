//! The demo dataset: a small clothing store with a catalog (products of all seven types, with
//! variations, tier prices, options, reviews), content pages and theme blocks, customers and 50
//! orders across every fulfilment and payment state. It is deterministic: the same rows, ids and timestamps on every run and on SQLite
//! and PostgreSQL alike, so tests can snapshot responses built from it.

mod catalog;
mod customers;
mod orders;
mod storefront;

use chrono::{DateTime, TimeZone, Utc};
use polyshop_entities::{customers as customer_rows, orders as order_rows, products};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, TransactionTrait};

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
    let txn = db.begin().await?;
    let store = catalog::seed_settings(&txn).await?;
    let catalog = catalog::seed_catalog(&txn, &store).await?;
    let customers = customers::seed(&txn).await?;
    let orders = orders::seed(&txn, &store, &catalog, &customers).await?;
    let storefront = storefront::seed(&txn, &store).await?;
    txn.commit().await?;
    Ok(DemoSummary {
        products: catalog.products.len() + storefront.products.len(),
        variants: catalog.products.iter().map(|p| p.variants.len()).sum(),
        customers: customers.len(),
        orders,
    })
}

/// A fixed instant: demo data never depends on when it is loaded.
fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// A tiny deterministic generator (SplitMix64) for varied but repeatable choices.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
