#![allow(unused)] // TODO(stub): remove when implemented
//! `bundle_products` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{bundle_products::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl BundleProductsService for Service {
    async fn list_product_bundle_options(
        &self,
        _ctx: &RequestContext,
        _input: ListProductBundleOptionsInput,
    ) -> Result<Vec<models::BundleOption>, ServiceError> {
        todo!("list_product_bundle_options")
    }

    async fn get_product_bundle_option(
        &self,
        _ctx: &RequestContext,
        _input: GetProductBundleOptionInput,
    ) -> Result<models::BundleOption, ServiceError> {
        todo!("get_product_bundle_option")
    }

    async fn list_bundle_option_products(
        &self,
        _ctx: &RequestContext,
        _input: ListBundleOptionProductsInput,
    ) -> Result<ListBundleOptionProductsResponse, ServiceError> {
        todo!("list_bundle_option_products")
    }

    async fn get_bundle_option_product(
        &self,
        _ctx: &RequestContext,
        _input: GetBundleOptionProductInput,
    ) -> Result<models::BundleOptionProduct, ServiceError> {
        todo!("get_bundle_option_product")
    }

    async fn list_bundle_option_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListBundleOptionTranslationsInput,
    ) -> Result<ListBundleOptionTranslationsResponse, ServiceError> {
        todo!("list_bundle_option_translations")
    }

    async fn get_bundle_option_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetBundleOptionTranslationInput,
    ) -> Result<models::BundleOptionTranslation, ServiceError> {
        todo!("get_bundle_option_translation")
    }
}

/// The BundleOption rows of each of `product_ids` (for the product detail document).
pub async fn for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::BundleOption>>, ServiceError> {
    todo!("BundleOption for products")
}
