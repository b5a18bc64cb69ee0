#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: reviews.

use async_graphql::Context;
use polyshop_graphql_shop::types::*;
use polyshop_runtime::graphql::{Connection, GqlResult, PageArgs};

use super::ShopGraph;

pub async fn product_reviews(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryProductReviewsArgs,
) -> GqlResult<Connection<ProductReview>> {
    todo!("product_reviews")
}

pub async fn review(g: &ShopGraph, ctx: &Context<'_>, args: QueryReviewArgs) -> GqlResult<Option<Review>> {
    todo!("review")
}

pub async fn reviews(g: &ShopGraph, ctx: &Context<'_>, args: QueryReviewsArgs) -> GqlResult<Connection<Review>> {
    todo!("reviews")
}

/// Reviews of product `product_id` (`Product.reviews`, `Product.approvedReviews`), batched
/// across the request.
pub async fn of_product(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
    approved_only: bool,
) -> GqlResult<Connection<ProductReview>> {
    todo!("reviews of product")
}
