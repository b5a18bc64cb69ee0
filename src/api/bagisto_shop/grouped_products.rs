#![allow(unused)] // TODO(stub): remove when implemented
//! `grouped_products` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{grouped_products::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl GroupedProductsService for Service {
    async fn list_product_grouped_products(
        &self,
        _ctx: &RequestContext,
        _input: ListProductGroupedProductsInput,
    ) -> Result<Vec<models::GroupedProduct>, ServiceError> {
        todo!("list_product_grouped_products")
    }

    async fn get_product_grouped_product(
        &self,
        _ctx: &RequestContext,
        _input: GetProductGroupedProductInput,
    ) -> Result<models::GroupedProduct, ServiceError> {
        todo!("get_product_grouped_product")
    }
}

/// The GroupedProduct rows of each of `product_ids` (for the product detail document).
pub async fn for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::GroupedProduct>>, ServiceError> {
    todo!("GroupedProduct for products")
}
