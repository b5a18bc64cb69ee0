//! Generated datasets at scale, for benchmarks: `polyshop seed --profile small|medium|large
//! [--seed N]`. Each profile is the demo dataset (every product type, two locales, two
//! currencies, CMS pages, theme blocks) plus a generated catalog, customers and orders of the
//! profile's size, in the shapes a real store has: configurable products with colour and size
//! variants, several categories, images, brands, stock in two inventory sources, reviews, and
//! orders in every state with their invoices and shipments.
//!
//! Deterministic: the same profile and seed give the same rows on every run and database. Fast:
//! rows go in many per statement (`bulk`), ids chosen up front, one transaction per phase.

mod bulk;
mod catalog;
mod orders;
mod profile;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};

pub use bulk::Progress;
pub use profile::{Profile, ProfileSummary, Sizes};

/// Adds `profile`'s generated rows to a database holding the demo dataset (see
/// `demo::seed_profile`). `progress` hears of every chunk written.
pub async fn generate(
    db: &DatabaseConnection,
    profile: Profile,
    seed: u64,
    progress: Progress<'_>,
) -> Result<ProfileSummary, DbErr> {
    let sizes = profile.sizes();

    let txn = crate::db::begin_write(db).await?;
    let mut bulk = bulk::Bulk::new(&txn, progress);
    let catalog = catalog::generate(&mut bulk, sizes, seed).await?;
    let people = orders::customers(&mut bulk, sizes, seed).await?;
    let placed = orders::generate(&mut bulk, sizes, seed, &catalog, &people).await?;
    let (rows, _) = bulk.finish().await?;
    // Running servers drop what they cached of the catalog's structure.
    crate::settings::cache::bump(&txn).await?;
    txn.commit().await?;
    // Planner statistics for what was just loaded. Until PostgreSQL has them it guesses, and
    // its guesses after a bulk load are poor: a list page's stock read of 43 products ran as a
    // sequential scan of every inventory row (0.9 ms, against 0.06 ms by the index once
    // analyzed). Autovacuum would gather them within a minute or so, and never where it is off.
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(ProfileSummary {
        products: catalog.products,
        variants: catalog.variants,
        categories: catalog.categories,
        customers: people.len(),
        orders: placed,
        rows,
    })
}
