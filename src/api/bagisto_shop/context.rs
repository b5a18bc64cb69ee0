//! What every shop request is answered in: the scope its `X-Channel`, `X-Locale` and
//! `X-Currency` headers (or `channel` and `locale` query parameters) ask for, and the shop's
//! conventions for ids and lists (IRIs, page windows, pagination headers).

use polyshop_runtime::{RequestContext, ServiceError};

use crate::{
    app::AppState,
    settings::scope::{Scope, ScopeRequest},
};

/// The scope a request asks for. Query parameters (`?locale=fr&channel=default`, on the
/// operations that document them) win over the headers.
pub fn scope_request(ctx: &RequestContext) -> ScopeRequest {
    let query = query_pairs(&ctx.url);
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let header = |name: &str| ctx.header(name).map(str::to_owned);
    ScopeRequest {
        channel: param("channel").or_else(|| header("X-Channel")),
        locale: param("locale").or_else(|| header("X-Locale")),
        currency: header("X-Currency"),
    }
}

pub async fn scope(state: &AppState, ctx: &RequestContext) -> Result<Scope, ServiceError> {
    Scope::resolve(&state.db, &scope_request(ctx), state.config.media_base_url.as_deref()).await
}

/// The decoded query string of `url`, in order.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    serde_urlencoded::from_str::<Vec<(String, String)>>(query).unwrap_or_default()
}

/// The IRI of a shop resource: `/api/shop/products/12`.
pub fn iri(collection: &str, id: i64) -> String {
    format!("/api/shop/{collection}/{id}")
}

/// A page of a shop collection: which rows, and the headers that describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    pub page: i64,
    pub per_page: i64,
}

impl PageWindow {
    /// `page` and `per_page` as the generated handler clamped them.
    pub fn new(page: i32, per_page: i32) -> Self {
        PageWindow { page: i64::from(page.max(1)), per_page: i64::from(per_page.max(1)) }
    }

    pub fn offset(&self) -> u64 {
        ((self.page - 1) * self.per_page) as u64
    }

    pub fn limit(&self) -> u64 {
        self.per_page as u64
    }

    /// `(X-Total-Count, X-Page, X-Per-Page, X-Total-Pages)` for `total` matching rows.
    pub fn headers(&self, total: u64) -> (i64, i64, i64, i64) {
        let total = total as i64;
        (total, self.page, self.per_page, (total + self.per_page - 1) / self.per_page)
    }

    /// This window of rows held in memory.
    pub fn slice<T>(&self, rows: Vec<T>) -> Vec<T> {
        rows.into_iter().skip(self.offset() as usize).take(self.limit() as usize).collect()
    }
}
