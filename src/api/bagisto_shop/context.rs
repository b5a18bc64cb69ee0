//! What every shop request is answered in: the scope its `X-Channel`, `X-Locale` and
//! `X-Currency` headers (or `channel` and `locale` query parameters) ask for, and the shop's
//! conventions shared by its services: ids as IRIs, prices as JSON numbers, and the lookup of
//! a product a request names. Paging is `polyshop_runtime::paging`.

use polyshop_runtime::{RequestContext, ServiceError};

use polyshop_core::{
    AppState,
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

/// A price as a JSON number without trailing zeros (`100`, `44.25`), as Bagisto writes them.
pub fn price(d: rust_decimal::Decimal) -> polyshop_runtime::JsonDecimal {
    polyshop_runtime::JsonDecimal(d.normalize())
}

/// The product `id` if it exists and is enabled; a 404 otherwise (disabled products are hidden).
pub async fn enabled_product(state: &AppState, id: i64) -> Result<polyshop_entities::products::Model, ServiceError> {
    polyshop_core::catalog::listing::enabled_product(&state.db, id).await?.ok_or_else(|| product_not_found(id))
}

pub fn product_not_found(id: i64) -> ServiceError {
    ServiceError::not_found_id("Product", id)
}
