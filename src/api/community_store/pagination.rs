//! Fractal-style `meta.pagination`, with absolute links built from the request URL.

use polyshop_api_community_store::models::{Pagination, PaginationLinks, PaginationMeta};
use polyshop_runtime::PageWindow;

/// The paging block for `window` of a collection of `total` items, `count` of them on this page.
pub fn meta(request_url: &str, window: PageWindow, total: u64, count: usize) -> PaginationMeta {
    let paging = window.metadata(total);
    let (page, pages) = (paging.page, paging.pages);
    let previous = (page > 1 && pages > 0).then(|| with_page(request_url, (page - 1).min(pages)));
    let next = (page < pages).then(|| with_page(request_url, page.saturating_add(1)));
    PaginationMeta {
        pagination: Pagination {
            total: paging.total,
            count: i64::try_from(count).unwrap_or(i64::MAX),
            per_page: paging.per_page,
            current_page: page,
            total_pages: pages,
            links: PaginationLinks { previous, next },
        },
    }
}

/// `url` with its `page` query parameter set to `page`, other parameters kept as sent.
pub fn with_page(url: &str, page: i64) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut parts: Vec<String> =
        query.split('&').filter(|p| !p.is_empty() && p.split('=').next() != Some("page")).map(str::to_owned).collect();
    parts.push(format!("page={page}"));
    format!("{base}?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_replace_the_page_and_keep_filters() {
        assert_eq!(with_page("http://h/cs/api/v1/orders", 2), "http://h/cs/api/v1/orders?page=2");
        assert_eq!(
            with_page("http://h/cs/api/v1/orders?status=shipped&page=3&id%5B%5D=1", 4),
            "http://h/cs/api/v1/orders?status=shipped&id%5B%5D=1&page=4"
        );
    }

    #[test]
    fn links_only_where_pages_exist() {
        let m = meta("http://h/x", PageWindow::new(1, 20), 25, 20).pagination;
        assert_eq!((m.total_pages, m.links.previous, m.links.next.as_deref()), (2, None, Some("http://h/x?page=2")));
        let m = meta("http://h/x?page=2", PageWindow::new(2, 20), 25, 5).pagination;
        assert_eq!((m.links.previous.as_deref(), m.links.next), (Some("http://h/x?page=1"), None));
        let m = meta("http://h/x", PageWindow::new(1, 20), 0, 0).pagination;
        assert_eq!((m.total_pages, m.links.previous, m.links.next), (0, None, None));
    }
}
