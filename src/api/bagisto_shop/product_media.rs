#![allow(unused)] // TODO(stub): remove when implemented
//! `product_media` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, product_media::*};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ProductMediaService for Service {
    async fn list_product_images(
        &self,
        _ctx: &RequestContext,
        _input: ListProductImagesInput,
    ) -> Result<Vec<models::ProductImage>, ServiceError> {
        todo!("list_product_images")
    }

    async fn list_all_product_images(
        &self,
        _ctx: &RequestContext,
        _input: ListAllProductImagesInput,
    ) -> Result<ListAllProductImagesResponse, ServiceError> {
        todo!("list_all_product_images")
    }

    async fn get_product_image(
        &self,
        _ctx: &RequestContext,
        _input: GetProductImageInput,
    ) -> Result<models::ProductImage, ServiceError> {
        todo!("get_product_image")
    }

    async fn list_product_videos(
        &self,
        _ctx: &RequestContext,
        _input: ListProductVideosInput,
    ) -> Result<Vec<models::ProductImage>, ServiceError> {
        todo!("list_product_videos")
    }

    async fn list_all_product_videos(
        &self,
        _ctx: &RequestContext,
        _input: ListAllProductVideosInput,
    ) -> Result<ListAllProductVideosResponse, ServiceError> {
        todo!("list_all_product_videos")
    }

    async fn get_product_video(
        &self,
        _ctx: &RequestContext,
        _input: GetProductVideoInput,
    ) -> Result<models::ProductImage, ServiceError> {
        todo!("get_product_video")
    }
}
