//! What the privacy area's files share: GDPR request statuses and how requests are sorted.

pub const PENDING: &str = "pending";
pub const PROCESSING: &str = "processing";
pub const REVOKED: &str = "revoked";

/// How a customer's requests are listed: by id (or creation time, ties by id), newest first
/// unless ascending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GdprSort {
    pub by_created_at: bool,
    pub descending: bool,
}

impl GdprSort {
    /// From upstream's `sort` (`id`, `created_at`, optionally `-asc`/`-desc`) and `order`
    /// (the direction of a bare key): a suffix wins, an unknown key sorts by id.
    pub fn parse(sort: Option<&str>, order_descending: bool) -> GdprSort {
        let sort = sort.map(str::trim).unwrap_or_default();
        let (key, descending) = match sort.rsplit_once('-') {
            Some((key, "asc")) => (key, false),
            Some((key, "desc")) => (key, true),
            _ => (sort, order_descending),
        };
        GdprSort { by_created_at: key.eq_ignore_ascii_case("created_at"), descending }
    }
}
