#![allow(unused)] // TODO(stub): remove when implemented
//! `reviews` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, reviews::*};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ReviewsService for Service {
    async fn list_product_reviews(
        &self,
        _ctx: &RequestContext,
        _input: ListProductReviewsInput,
    ) -> Result<ListProductReviewsResponse, ServiceError> {
        todo!("list_product_reviews")
    }

    async fn get_product_review(
        &self,
        _ctx: &RequestContext,
        _input: GetProductReviewInput,
    ) -> Result<models::ProductReview, ServiceError> {
        todo!("get_product_review")
    }
}
