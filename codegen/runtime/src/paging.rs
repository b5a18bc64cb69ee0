//! Pages of a collection: which rows a request asks for ([`PageWindow`]) and what a service
//! returns for a paged operation ([`Page`]). The generated handler turns a `Page` into the
//! surface's paging metadata (the `X-Total-Count`, `X-Page`, `X-Per-Page` and `X-Total-Pages`
//! headers of a header-paged response), so services never build those by hand.
//!
//! All arithmetic saturates: a page number at the top of its range reads past the last row
//! instead of overflowing.

/// The rows a request asks for: 1-based `page` of `per_page` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    pub page: i64,
    pub per_page: i64,
}

impl PageWindow {
    /// `page` and `per_page` as the generated handler clamped them (values below 1 read as 1).
    pub fn new(page: impl Into<i64>, per_page: impl Into<i64>) -> Self {
        PageWindow { page: page.into().max(1), per_page: per_page.into().max(1) }
    }

    /// Rows skipped before this page.
    pub fn offset(&self) -> u64 {
        u64::try_from((self.page - 1).saturating_mul(self.per_page)).unwrap_or(0)
    }

    /// Rows on a full page.
    pub fn limit(&self) -> u64 {
        u64::try_from(self.per_page).unwrap_or(1)
    }

    /// This window of rows held in memory.
    pub fn slice<T>(&self, rows: Vec<T>) -> Vec<T> {
        let skip = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit()).unwrap_or(usize::MAX);
        rows.into_iter().skip(skip).take(take).collect()
    }

    /// The paging metadata for `total` matching rows.
    pub fn metadata(&self, total: u64) -> PageMetadata {
        let total = i64::try_from(total).unwrap_or(i64::MAX);
        let pages = if total == 0 { 0 } else { (total - 1) / self.per_page + 1 };
        PageMetadata { total, page: self.page, per_page: self.per_page, pages }
    }
}

/// What a paged operation returns: one page of items and the number of items on all pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub window: PageWindow,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: u64, window: PageWindow) -> Self {
        Page { items, total, window }
    }

    /// The window of `rows`, all of which matched (a collection paged in memory).
    pub fn of_all(rows: Vec<T>, window: PageWindow) -> Self {
        let total = u64::try_from(rows.len()).unwrap_or(u64::MAX);
        Page { items: window.slice(rows), total, window }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), total: self.total, window: self.window }
    }

    /// The items and the metadata describing them, for the generated handler.
    pub fn into_parts(self) -> (Vec<T>, PageMetadata) {
        let metadata = self.window.metadata(self.total);
        (self.items, metadata)
    }
}

/// `X-Total-Count`, `X-Page`, `X-Per-Page`, `X-Total-Pages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageMetadata {
    /// Items matching the request across all pages.
    pub total: i64,
    /// The page returned (1-based).
    pub page: i64,
    /// The page size applied.
    pub per_page: i64,
    /// `ceil(total / per_page)`; 0 when nothing matches.
    pub pages: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_counts_pages() {
        let w = PageWindow::new(2, 15);
        assert_eq!(w.offset(), 15);
        assert_eq!(w.metadata(0), PageMetadata { total: 0, page: 2, per_page: 15, pages: 0 });
        assert_eq!(w.metadata(30).pages, 2);
        assert_eq!(w.metadata(31).pages, 3);
    }

    #[test]
    fn extreme_pages_saturate() {
        let w = PageWindow::new(i64::MAX, 100);
        assert_eq!(w.offset(), u64::try_from(i64::MAX).unwrap());
        assert!(w.slice(vec![1, 2, 3]).is_empty());
        assert_eq!(PageWindow::new(-5, 0), PageWindow { page: 1, per_page: 1 });
        assert_eq!(PageWindow::new(1, 1).metadata(u64::MAX).pages, i64::MAX);
    }

    #[test]
    fn pages_in_memory() {
        let page = Page::of_all((1..=5).collect(), PageWindow::new(2, 2)).map(|n| n * 10);
        let (items, meta) = page.into_parts();
        assert_eq!(items, vec![30, 40]);
        assert_eq!(meta, PageMetadata { total: 5, page: 2, per_page: 2, pages: 3 });
    }
}
