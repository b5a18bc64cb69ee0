//! Product reviews of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, reviews::*};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::ShopRequest;
use polyshop_core::{
    AppState,
    catalog::reviews::{self, Moderation, ReviewFilter, ReviewOrder, ReviewRecord},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ReviewsService for Service {
    async fn list_product_reviews(
        &self,
        ctx: &RequestContext,
        input: ListProductReviewsInput,
    ) -> Result<Page<models::ProductReview>, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        if !reviews::product_is_shown(db, input.product_id).await? {
            return Err(ServiceError::not_found_id("Product", input.product_id));
        }
        let window = input.window();
        // A storefront key is public: the shop shows approved reviews only, and asking for
        // another moderation state gives an empty page (the admin API moderates).
        if input.status != models::ListProductReviewsStatus::Approved {
            return Ok(Page::new(Vec::new(), 0, window));
        }
        let filter = ReviewFilter {
            product_id: Some(input.product_id),
            status: Some(Moderation::Approved),
            rating: input.rating,
        };
        let order = match input.sort {
            models::ListProductReviewsSort::Latest => ReviewOrder::Newest,
            models::ListProductReviewsSort::Oldest => ReviewOrder::Oldest,
            models::ListProductReviewsSort::Helpful => ReviewOrder::MostHelpful,
            models::ListProductReviewsSort::Rating => ReviewOrder::HighestRating,
        };
        let Page { items: rows, total, .. } = reviews::listed(filter, order).page(db, window).await?;
        let records = reviews::records(db, rows).await?;
        let body = records.into_iter().map(|r| view(scope, r)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_product_review(
        &self,
        ctx: &RequestContext,
        input: GetProductReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        let scope = ctx.scope().await?;
        let review = reviews::find(&self.0.db, input.id).await?.filter(|r| r.status == Moderation::Approved);
        review.map(|r| view(scope, r)).ok_or_else(|| ServiceError::not_found_id("Review", input.id))
    }
}

fn view(scope: &Scope, r: ReviewRecord) -> models::ProductReview {
    let status = match r.status {
        Moderation::Pending => models::ReviewStatus::Pending,
        Moderation::Approved => models::ReviewStatus::Approved,
        Moderation::Rejected => models::ReviewStatus::Rejected,
    };
    let review = r.review;
    models::ProductReview {
        id: review.id,
        product_id: review.product_id,
        title: review.title,
        comment: review.comment,
        rating: review.rating,
        author_name: review.name,
        // Personal data, not for a public storefront key: the fields stay for clients that
        // read them, always null (spec/DECISIONS.md BS-PRIV).
        author_email: None,
        customer_id: None,
        status,
        helpful: review.helpful,
        unhelpful: review.unhelpful,
        created_at: scope.timestamp(review.created_at),
        updated_at: scope.timestamp(review.updated_at),
    }
}
