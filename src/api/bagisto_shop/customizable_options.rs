#![allow(unused)] // TODO(stub): remove when implemented
//! `customizable_options` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{customizable_options::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CustomizableOptionsService for Service {
    async fn list_product_customizable_options(
        &self,
        _ctx: &RequestContext,
        _input: ListProductCustomizableOptionsInput,
    ) -> Result<Vec<models::CustomizableOption>, ServiceError> {
        todo!("list_product_customizable_options")
    }

    async fn get_product_customizable_option(
        &self,
        _ctx: &RequestContext,
        _input: GetProductCustomizableOptionInput,
    ) -> Result<models::CustomizableOption, ServiceError> {
        todo!("get_product_customizable_option")
    }

    async fn list_customizable_option_prices(
        &self,
        _ctx: &RequestContext,
        _input: ListCustomizableOptionPricesInput,
    ) -> Result<ListCustomizableOptionPricesResponse, ServiceError> {
        todo!("list_customizable_option_prices")
    }

    async fn get_customizable_option_price(
        &self,
        _ctx: &RequestContext,
        _input: GetCustomizableOptionPriceInput,
    ) -> Result<models::CustomizableOptionPrice, ServiceError> {
        todo!("get_customizable_option_price")
    }

    async fn list_customizable_option_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListCustomizableOptionTranslationsInput,
    ) -> Result<ListCustomizableOptionTranslationsResponse, ServiceError> {
        todo!("list_customizable_option_translations")
    }

    async fn get_customizable_option_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetCustomizableOptionTranslationInput,
    ) -> Result<models::CustomizableOptionTranslation, ServiceError> {
        todo!("get_customizable_option_translation")
    }
}

/// The CustomizableOption rows of each of `product_ids` (for the product detail document).
pub async fn for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::CustomizableOption>>, ServiceError> {
    todo!("CustomizableOption for products")
}
