//! Product reviews of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, reviews::*};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    context::{ShopRequest, present},
    customers::signed_in,
};
use polyshop_core::{
    AppState,
    catalog::reviews::{self, Moderation, ReviewFilter, ReviewOrder, ReviewRecord, ReviewText},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ReviewsService for Service {
    async fn list_reviews(
        &self,
        ctx: &RequestContext,
        input: ListReviewsInput,
    ) -> Result<Page<models::ProductReview>, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        let window = match input.limit {
            Some(size) => polyshop_runtime::PageWindow::new(input.page, size),
            None => input.window(),
        };
        if input.status != models::ListReviewsStatus::Approved {
            return Ok(Page::new(Vec::new(), 0, window));
        }
        let filter = ReviewFilter {
            product_id: input.product_id,
            status: Some(Moderation::Approved),
            rating: input.rating,
            ..Default::default()
        };
        let Page { items: rows, total, .. } = reviews::listed(filter, ReviewOrder::Newest).page(db, window).await?;
        let records = reviews::records(db, rows).await?;
        Ok(Page::new(records.into_iter().map(|r| view(scope, r)).collect(), total, window))
    }

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
            ..Default::default()
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

    async fn create_product_review(
        &self,
        ctx: &RequestContext,
        input: CreateProductReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        let b = input.body;
        let text = ReviewText {
            title: Some(b.title),
            comment: Some(b.comment),
            rating: Some(b.rating),
            name: present(b.author_name.or(b.name)),
        };
        self.write(ctx, input.product_id, text).await
    }

    async fn create_review(
        &self,
        ctx: &RequestContext,
        input: CreateReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        let b = input.body;
        let text = ReviewText {
            title: Some(b.title),
            comment: Some(b.comment),
            rating: Some(b.rating),
            name: present(b.author_name.or(b.name)),
        };
        self.write(ctx, b.product_id, text).await
    }

    async fn update_product_review(
        &self,
        ctx: &RequestContext,
        input: UpdateProductReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        self.edit(ctx, input.id, input.body).await
    }

    async fn update_product_review_patch(
        &self,
        ctx: &RequestContext,
        input: UpdateProductReviewPatchInput,
    ) -> Result<models::ProductReview, ServiceError> {
        self.edit(ctx, input.id, input.body).await
    }

    async fn delete_product_review(
        &self,
        ctx: &RequestContext,
        input: DeleteProductReviewInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        reviews::delete(&self.0.db, input.id, customer_id).await?;
        Ok(models::CustomerActionResult { success: true, message: "Review deleted successfully".to_owned() })
    }

    async fn list_customer_reviews(
        &self,
        ctx: &RequestContext,
        input: ListCustomerReviewsInput,
    ) -> Result<Page<models::ProductReview>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let window = input.window();
        let status = match input.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("pending") => Some(Moderation::Pending),
            Some("approved") => Some(Moderation::Approved),
            Some("rejected" | "disapproved") => Some(Moderation::Rejected),
            // An unknown state matches nothing.
            Some(_) => return Ok(Page::new(Vec::new(), 0, window)),
        };
        let filter =
            ReviewFilter { customer_id: Some(customer_id), status, rating: input.rating, ..Default::default() };
        let db = &self.0.db;
        let Page { items: rows, total, .. } = reviews::listed(filter, ReviewOrder::Newest).page(db, window).await?;
        let records = reviews::records(db, rows).await?;
        Ok(Page::new(records.into_iter().map(|r| view(scope, r)).collect(), total, window))
    }

    async fn get_customer_review(
        &self,
        ctx: &RequestContext,
        input: GetCustomerReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let review = reviews::find(&self.0.db, input.id).await?.filter(|r| r.review.customer_id == Some(customer_id));
        review.map(|r| view(scope, r)).ok_or_else(|| ServiceError::not_found_id("Review", input.id))
    }
}

/// The client's name for a review field the core names.
fn renamed(e: ServiceError) -> ServiceError {
    e.rename_field(|f| Some(format!("`{}`", if f == "name" { "authorName" } else { f })))
}

impl Service {
    async fn write(
        &self,
        ctx: &RequestContext,
        product_id: i64,
        text: ReviewText,
    ) -> Result<models::ProductReview, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let customer = self.0.customers().profile(customer_id).await?;
        let review =
            reviews::write(&self.0.db, product_id, &customer, text, self.0.clock.now()).await.map_err(renamed)?;
        Ok(view(scope, review))
    }

    async fn edit(
        &self,
        ctx: &RequestContext,
        id: i64,
        b: models::ReviewChanges,
    ) -> Result<models::ProductReview, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let text = ReviewText {
            title: b.title,
            comment: b.comment,
            rating: b.rating,
            name: present(b.author_name.or(b.name)),
        };
        let review = reviews::edit(&self.0.db, id, customer_id, text, self.0.clock.now()).await.map_err(renamed)?;
        Ok(view(scope, review))
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
