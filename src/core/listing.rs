//! Collections the business areas list a page at a time.
//!
//! An area returns a [`Listing`]: the query stays inside the area (built by its store), and the
//! API layer only chooses which window of it to read, by page (REST: `PageWindow`) or by a window
//! computed from the total (GraphQL connections, whose `last: n` needs the total first). Paging
//! metadata is `polyshop_runtime::paging`; this module only counts and reads.

use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QuerySelect, Select};

/// A collection of `E` rows in a fixed order, read a window at a time.
#[must_use = "a listing reads nothing until a window of it is asked for"]
pub struct Listing<E: EntityTrait>(Select<E>);

impl<E: EntityTrait> Listing<E>
where
    E::Model: Sync,
{
    /// Only areas build listings, from their own queries.
    pub(crate) fn new(select: Select<E>) -> Self {
        Listing(select)
    }

    /// The rows of `window` and how many rows the collection holds.
    pub async fn page(self, db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<E::Model>, ServiceError> {
        let (rows, total) = self.window(db, |_| Ok::<_, ServiceError>((window.offset(), window.limit()))).await?;
        Ok(Page::new(rows, total, window))
    }

    /// Counts the rows, then reads the window `(offset, limit)` that `choose` picks for that
    /// total. Returns the rows and the total.
    pub async fn window<Err: From<ServiceError>>(
        self,
        db: &impl ConnectionTrait,
        choose: impl FnOnce(u64) -> Result<(u64, u64), Err>,
    ) -> Result<(Vec<E::Model>, u64), Err> {
        let total = self.0.clone().count(db).await.map_err(ServiceError::from)?;
        let (offset, limit) = choose(total)?;
        let rows = self.0.offset(offset).limit(limit).all(db).await.map_err(ServiceError::from)?;
        Ok((rows, total))
    }

    /// Every row, in order (small collections read whole).
    pub async fn all(self, db: &impl ConnectionTrait) -> Result<Vec<E::Model>, ServiceError> {
        Ok(self.0.all(db).await?)
    }
}
