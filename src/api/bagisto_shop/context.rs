//! What every shop request is answered in: the scope its `X-Channel`, `X-Locale` and
//! `X-Currency` headers (or `channel` and `locale` query parameters, on the operations that
//! document them) ask for, and the shop's conventions shared by its services: ids as IRIs,
//! prices as JSON numbers, and the lookup of a product a request names. Paging is
//! `polyshop_runtime::paging`.
//!
//! The generated handlers extract and validate the scope parameters and hand them to
//! [`ShopContextHook`], which attaches a [`ShopContext`] to the request; a service reads the
//! resolved scope with [`ShopRequest::scope`]. The scope is resolved on first use and at most
//! once per request, so operations that never read it cost no query.

use std::sync::Arc;

use polyshop_api_bagisto_shop::{ContextHook, ContextParams};
use polyshop_runtime::{RequestContext, ServiceError};
use tokio::sync::OnceCell;

use polyshop_core::{
    AppState,
    settings::scope::{Scope, ScopeRequest},
};

/// The shop's per-request context: what the request asked for, and the scope that answers it
/// once resolved.
#[derive(Clone)]
pub struct ShopContext(Arc<ShopContextInner>);

struct ShopContextInner {
    state: AppState,
    wanted: ScopeRequest,
    scope: OnceCell<Scope>,
}

impl ShopContext {
    pub fn new(state: AppState, wanted: ScopeRequest) -> Self {
        ShopContext(Arc::new(ShopContextInner { state, wanted, scope: OnceCell::new() }))
    }

    /// The scope the request asked for, resolved on first use.
    pub async fn scope(&self) -> Result<&Scope, ServiceError> {
        let inner = &*self.0;
        inner
            .scope
            .get_or_try_init(|| {
                let state = &inner.state;
                state.scopes.scope(&state.db, &inner.wanted, state.config.media_base_url.as_deref())
            })
            .await
    }
}

/// Turns the scope parameters a handler extracted into the request's [`ShopContext`]. Query
/// parameters (`?locale=fr&channel=default`, on the operations that document them) win over
/// the headers.
pub struct ShopContextHook(pub AppState);

impl ContextHook for ShopContextHook {
    fn attach(&self, ctx: &mut RequestContext, params: ContextParams) {
        ctx.insert(ShopContext::new(self.0.clone(), wanted(params)));
    }
}

/// The scope the parameters ask for: query parameters win over the headers.
fn wanted(params: ContextParams) -> ScopeRequest {
    ScopeRequest {
        channel: params.channel.or(params.x_channel),
        locale: params.locale.or(params.x_locale),
        currency: params.x_currency,
    }
}

/// How a shop service reads its request's context.
pub trait ShopRequest {
    /// The scope the request asked for. An internal error if the handler attached no
    /// [`ShopContext`] (an operation whose spec lacks the scope headers).
    fn scope(&self) -> impl std::future::Future<Output = Result<&Scope, ServiceError>> + Send;
}

impl ShopRequest for RequestContext {
    async fn scope(&self) -> Result<&Scope, ServiceError> {
        let Some(shop) = self.get::<ShopContext>() else {
            return Err(ServiceError::internal("the operation has no shop context (X-Locale, X-Currency, X-Channel)"));
        };
        shop.scope().await
    }
}

/// The scope a GraphQL request asks for: its headers, then `?locale=` and `?channel=` on the
/// endpoint's URL. (REST operations get theirs from the generated handler, through
/// [`ShopContextHook`].)
pub fn scope_request(ctx: &RequestContext) -> ScopeRequest {
    let query = query_pairs(&ctx.url);
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let header = |name: &str| ctx.header(name).map(str::to_owned);
    wanted(ContextParams {
        x_locale: header("X-Locale"),
        x_currency: header("X-Currency"),
        x_channel: header("X-Channel"),
        locale: param("locale"),
        channel: param("channel"),
    })
}

/// The decoded query string of `url`, in order.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    serde_urlencoded::from_str::<Vec<(String, String)>>(query).unwrap_or_default()
}

/// `""` (or blanks) is no value, as the shop's bodies send it.
pub fn present(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A required text field, trimmed: missing or blank is a 400 naming it.
pub fn required(value: Option<&str>, field: &str) -> Result<String, ServiceError> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ServiceError::bad_request(format!("`{field}`: is required")))
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
