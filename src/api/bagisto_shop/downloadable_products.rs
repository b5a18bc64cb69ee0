#![allow(unused)] // TODO(stub): remove when implemented
//! `downloadable_products` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{downloadable_products::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl DownloadableProductsService for Service {
    async fn list_product_downloadable_links(
        &self,
        _ctx: &RequestContext,
        _input: ListProductDownloadableLinksInput,
    ) -> Result<Vec<models::DownloadableLink>, ServiceError> {
        todo!("list_product_downloadable_links")
    }

    async fn list_downloadable_links(
        &self,
        _ctx: &RequestContext,
        _input: ListDownloadableLinksInput,
    ) -> Result<ListDownloadableLinksResponse, ServiceError> {
        todo!("list_downloadable_links")
    }

    async fn get_downloadable_link(
        &self,
        _ctx: &RequestContext,
        _input: GetDownloadableLinkInput,
    ) -> Result<models::DownloadableLink, ServiceError> {
        todo!("get_downloadable_link")
    }

    async fn list_downloadable_link_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListDownloadableLinkTranslationsInput,
    ) -> Result<ListDownloadableLinkTranslationsResponse, ServiceError> {
        todo!("list_downloadable_link_translations")
    }

    async fn get_downloadable_link_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetDownloadableLinkTranslationInput,
    ) -> Result<models::DownloadableLinkTranslation, ServiceError> {
        todo!("get_downloadable_link_translation")
    }

    async fn list_product_downloadable_samples(
        &self,
        _ctx: &RequestContext,
        _input: ListProductDownloadableSamplesInput,
    ) -> Result<Vec<models::DownloadableSample>, ServiceError> {
        todo!("list_product_downloadable_samples")
    }

    async fn list_downloadable_samples(
        &self,
        _ctx: &RequestContext,
        _input: ListDownloadableSamplesInput,
    ) -> Result<ListDownloadableSamplesResponse, ServiceError> {
        todo!("list_downloadable_samples")
    }

    async fn get_downloadable_sample(
        &self,
        _ctx: &RequestContext,
        _input: GetDownloadableSampleInput,
    ) -> Result<models::DownloadableSample, ServiceError> {
        todo!("get_downloadable_sample")
    }

    async fn list_downloadable_sample_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListDownloadableSampleTranslationsInput,
    ) -> Result<ListDownloadableSampleTranslationsResponse, ServiceError> {
        todo!("list_downloadable_sample_translations")
    }

    async fn get_downloadable_sample_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetDownloadableSampleTranslationInput,
    ) -> Result<models::DownloadableSampleTranslation, ServiceError> {
        todo!("get_downloadable_sample_translation")
    }

    async fn download_downloadable_sample(
        &self,
        _ctx: &RequestContext,
        _input: DownloadDownloadableSampleInput,
    ) -> Result<DownloadDownloadableSampleResponse, ServiceError> {
        todo!("download_downloadable_sample")
    }
}

/// The downloadable links of each of `product_ids` (for the product detail document).
pub async fn links_for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::DownloadableLink>>, ServiceError> {
    todo!("links for products")
}

/// The downloadable samples of each of `product_ids` (for the product detail document).
pub async fn samples_for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::DownloadableSample>>, ServiceError> {
    todo!("samples for products")
}
