//! GraphQL: product reviews (`productReviews`, `Product.reviews`, `Product.approvedReviews`) and
//! the legacy `review`/`reviews` queries with their own `Review` shape.
//!
//! Collections list reviews by ascending id, as API Platform does; only approved reviews are
//! public, except in `Product.reviews` (every state) and the legacy lookup by id (any state, as
//! `GET /api/shop/reviews/{id}`).

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_graphql_shop::resolvers::{ProductReviewQueries, ReviewQueries, ReviewsMutations};
use polyshop_graphql_shop::types::*;
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, GqlResult, PageArgs, validation_error};
use serde_json::json;

use super::{
    DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, credentials::customer_request, numeric_id, page_of,
    request,
};
use crate::{
    context::{ShopRequest, iri, present},
    customers::signed_in,
};
use polyshop_core::{
    AppState,
    catalog::reviews::{self, Moderation, RATINGS, ReviewFilter, ReviewOrder, ReviewRecord, ReviewText},
    settings::scope::Scope,
};

/// Approved reviews of product `product_id` (`Product.reviews`, `Product.approvedReviews`),
/// batched across the request. A storefront key is public: unmoderated reviews are the admin
/// API's (spec/DECISIONS.md BS-PRIV).
pub async fn of_product(ctx: &Context<'_>, product_id: i64, page: &PageArgs) -> GqlResult<Connection<ProductReview>> {
    let data = request(ctx)?;
    let all = data.loaders.get::<ProductReviews>().load_one(product_id).await?.unwrap_or_default();
    let shown: Vec<ProductReview> = all
        .iter()
        .filter(|r| r.status == Moderation::Approved)
        .map(|r| product_review_node(&data.scope, r.clone()))
        .collect();
    Connection::slice(shown, page, DEFAULT_PAGE, MAX_PAGE)
}

/// Every review of each product asked for in a request, in one round of queries.
pub struct ProductReviews(AppState);

impl RequestLoader<LoadContext> for ProductReviews {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        ProductReviews(state)
    }
}

impl Loader<i64> for ProductReviews {
    type Value = Arc<Vec<ReviewRecord>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let by_product = reviews::of_products(&self.0.db, keys).await?;
        Ok(by_product.into_iter().map(|(id, records)| (id, Arc::new(records))).collect())
    }
}

fn product_review_node(scope: &Scope, r: ReviewRecord) -> ProductReview {
    // Upstream serves `[{type, url}]`, or null when the review has no attachment.
    let attachments = (!r.attachments.is_empty()).then(|| {
        json!(
            r.attachments.iter().map(|a| json!({"type": a.type_, "url": scope.media_url(&a.path)})).collect::<Vec<_>>()
        )
    });
    let review = r.review;
    ProductReview {
        id: iri("reviews", review.id),
        id_: review.id,
        customer_name: Some(review.name.clone()),
        name: Some(review.name),
        title: Some(review.title),
        rating: Some(i64::from(review.rating)),
        comment: Some(review.comment),
        status: Some(r.status.shop_name().to_owned()),
        attachments,
        created_at: Some(scope.timestamp(review.created_at)),
        updated_at: Some(scope.timestamp(review.updated_at)),
        ext: Default::default(),
    }
}

fn review_node(scope: &Scope, r: ReviewRecord) -> Review {
    let review = r.review;
    Review {
        id: iri("reviews", review.id),
        id_: review.id,
        title: Some(review.title),
        rating: Some(i64::from(review.rating)),
        comment: Some(review.comment),
        customer_name: Some(review.name),
        // Personal data, not for a public storefront key (spec/DECISIONS.md BS-PRIV).
        email: None,
        status: Some(r.status.shop_name().to_owned()),
        product_id: Some(review.product_id),
        created_at: Some(scope.timestamp(review.created_at)),
        ext: Default::default(),
    }
}

/// Review `id` as the storefront may show it: approved, of an enabled product (BS-PRIV).
async fn approved(state: &AppState, id: i64) -> Result<Option<ReviewRecord>, ServiceError> {
    Ok(reviews::find(&state.db, id).await?.filter(|r| r.status == Moderation::Approved))
}

#[async_trait::async_trait]
impl ProductReviewQueries for ShopGraph {
    async fn product_review(
        &self,
        ctx: &Context<'_>,
        args: QueryProductReviewArgs,
    ) -> GqlResult<Option<ProductReview>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(approved(&self.0, id).await?.map(|r| product_review_node(scope, r)))
    }

    async fn product_reviews(
        &self,
        ctx: &Context<'_>,
        args: QueryProductReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        let rating = match args.rating {
            None => None,
            Some(r) => Some(i32::try_from(r).ok().filter(|r| RATINGS.contains(r)).ok_or_else(|| {
                validation_error(format!(
                    "Argument \"rating\" on field \"productReviews\" must be between 1 and 5, not {r}"
                ))
            })?),
        };
        // The storefront shows approved reviews only: asking for another state gives an empty page.
        if args.status.as_deref().is_some_and(|s| !s.trim().eq_ignore_ascii_case(Moderation::Approved.shop_name())) {
            return Connection::slice(Vec::new(), &args.page, DEFAULT_PAGE, MAX_PAGE);
        }
        let filter = ReviewFilter {
            product_id: args.product_id,
            status: Some(Moderation::Approved),
            rating,
            ..Default::default()
        };
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, reviews::listed(filter, ReviewOrder::Id), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = reviews::records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|r| product_review_node(scope, r)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl ReviewQueries for ShopGraph {
    async fn review(&self, ctx: &Context<'_>, args: QueryReviewArgs) -> GqlResult<Option<Review>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(approved(&self.0, id).await?.map(|r| review_node(scope, r)))
    }

    async fn reviews(&self, ctx: &Context<'_>, args: QueryReviewsArgs) -> GqlResult<Connection<Review>> {
        let product_id = match args.product_id.as_deref() {
            None => None,
            Some(text) => Some(numeric_id(text).ok_or_else(|| {
                validation_error(format!("Argument \"productId\" on field \"reviews\" is not a product id: \"{text}\""))
            })?),
        };
        let filter =
            ReviewFilter { product_id, status: Some(Moderation::Approved), rating: None, ..Default::default() };
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, reviews::listed(filter, ReviewOrder::Id), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = reviews::records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|r| review_node(scope, r)).collect(), offset, total))
    }
}

/// A required review field: missing or blank is an error naming it.
fn required_text(value: Option<String>, name: &str) -> GqlResult<String> {
    value.filter(|v| !v.trim().is_empty()).ok_or_else(|| validation_error(format!("`{name}` is required")))
}

fn rating_of(value: Option<i64>) -> GqlResult<Option<i32>> {
    value
        .map(|r| i32::try_from(r).ok().filter(|r| RATINGS.contains(r)))
        .map(|r| r.ok_or_else(|| validation_error("`rating` must be from 1 to 5")))
        .transpose()
}

/// A core refusal with the field named as the client sends it.
fn renamed(e: ServiceError) -> ServiceError {
    e.rename_field(|f| Some(format!("`{f}`")))
}

impl ShopGraph {
    /// Writes a review as the signed-in customer.
    async fn write_review(
        &self,
        ctx: &Context<'_>,
        product_id: Option<i64>,
        text: ReviewText,
    ) -> GqlResult<(ReviewRecord, Scope)> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let product_id = product_id.ok_or_else(|| validation_error("`productId` is required"))?;
        let text = ReviewText {
            title: Some(required_text(text.title, "title")?),
            comment: Some(required_text(text.comment, "comment")?),
            rating: Some(text.rating.ok_or_else(|| validation_error("`rating` is required"))?),
            name: text.name,
        };
        let scope = rc.scope().await?.clone();
        let customer = self.0.customers().profile(customer_id).await?;
        let review =
            reviews::write(&self.0.db, product_id, &customer, text, self.0.clock.now()).await.map_err(renamed)?;
        Ok((review, scope))
    }
}

#[async_trait::async_trait]
impl ReviewsMutations for ShopGraph {
    async fn create_product_review(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateProductReviewArgs,
    ) -> GqlResult<Option<CreateProductReviewPayload>> {
        let i = args.input;
        let product_id = i.product_id.as_deref().and_then(numeric_id);
        let text =
            ReviewText { title: i.title, comment: i.comment, rating: rating_of(i.rating)?, name: present(i.name) };
        let (review, scope) = self.write_review(ctx, product_id, text).await?;
        Ok(Some(CreateProductReviewPayload {
            message: Some("Review submitted successfully".to_owned()),
            success: Some(true),
            product_review: Some(product_review_node(&scope, review)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn update_product_review(
        &self,
        ctx: &Context<'_>,
        args: MutationUpdateProductReviewArgs,
    ) -> GqlResult<Option<UpdateProductReviewPayload>> {
        let i = args.input;
        let id = i.id.as_deref().and_then(numeric_id).ok_or_else(|| validation_error("`id` is required"))?;
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let text =
            ReviewText { title: i.title, comment: i.comment, rating: rating_of(i.rating)?, name: present(i.name) };
        let review = reviews::edit(&self.0.db, id, customer_id, text, self.0.clock.now()).await.map_err(renamed)?;
        Ok(Some(UpdateProductReviewPayload {
            product_review: Some(product_review_node(rc.scope().await?, review)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn delete_product_review(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteProductReviewArgs,
    ) -> GqlResult<Option<DeleteProductReviewPayload>> {
        let i = args.input;
        let id = i.id.as_deref().and_then(numeric_id).ok_or_else(|| validation_error("`id` is required"))?;
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        // Answered as it was: read before the delete (which checks the author).
        let before = reviews::find(&self.0.db, id).await?;
        reviews::delete(&self.0.db, id, customer_id).await?;
        let scope = rc.scope().await?;
        Ok(Some(DeleteProductReviewPayload {
            product_review: before.map(|r| product_review_node(scope, r)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_review(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateReviewArgs,
    ) -> GqlResult<Option<CreateReviewPayload>> {
        let i = args.input;
        let product_id = i.product_id.as_deref().and_then(numeric_id);
        let text =
            ReviewText { title: i.title, comment: i.comment, rating: rating_of(i.rating)?, name: present(i.name) };
        let (review, scope) = self.write_review(ctx, product_id, text).await?;
        Ok(Some(CreateReviewPayload {
            review: Some(review_node(&scope, review)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }
}
