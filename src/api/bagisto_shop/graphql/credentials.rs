//! Who a GraphQL field runs for. The storefront key admits the request; cart, checkout and
//! account fields then read the shopper's own credential when they run, so a field without
//! one fails alone (`Unauthenticated. Please login to perform this action`) and the rest of
//! the query is answered. The REST operations' use cases these fields run read the shopper
//! from the request context's `user`, as the REST handlers set it.

use async_graphql::Context;
use polyshop_runtime::{BearerVerifier, RequestContext, ServiceError};
use polyshop_runtime_graphql::GqlResult;

use super::request;
use crate::tokens::ShopTokens;
use polyshop_core::customers::tokens::UNAUTHENTICATED;

/// The request as a cart operation sees it: the shopper the request's token names (a
/// customer's token or a guest cart's, as `Authorization: Bearer`, else `X-Cart-Token`); no
/// shopper when no token was sent, so that the operation refuses with `Unauthenticated`.
pub async fn cart_request(ctx: &Context<'_>) -> GqlResult<RequestContext> {
    let req = request(ctx)?;
    let mut rc = req.ctx.clone();
    let header = rc.headers.get("x-cart-token").and_then(|v| v.to_str().ok()).map(str::trim).map(str::to_owned);
    if let Some(token) = req.bearer.clone().or(header.filter(|t| !t.is_empty())) {
        rc.user = Some(ShopTokens(req.state.clone()).verify("CartToken", &token).await?);
    }
    Ok(rc)
}

/// The request as a customer account operation sees it: the customer the Bearer token names
/// (`Unauthenticated` without a valid customer token).
pub async fn customer_request(ctx: &Context<'_>) -> GqlResult<RequestContext> {
    let req = request(ctx)?;
    let bearer = req.bearer.clone().ok_or_else(|| ServiceError::unauthorized(UNAUTHENTICATED))?;
    let mut rc = req.ctx.clone();
    rc.user = Some(ShopTokens(req.state.clone()).verify("CustomerToken", &bearer).await?);
    Ok(rc)
}
