#![allow(unused)] // TODO(stub): remove when implemented
//! `products` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, products::*};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ProductsService for Service {
    async fn list_products(
        &self,
        _ctx: &RequestContext,
        _input: ListProductsInput,
    ) -> Result<ListProductsResponse, ServiceError> {
        todo!("list_products")
    }

    async fn get_product(
        &self,
        _ctx: &RequestContext,
        _input: GetProductInput,
    ) -> Result<models::Product, ServiceError> {
        todo!("get_product")
    }

    async fn list_product_variants(
        &self,
        _ctx: &RequestContext,
        _input: ListProductVariantsInput,
    ) -> Result<Vec<models::ProductCard>, ServiceError> {
        todo!("list_product_variants")
    }

    async fn list_product_attribute_values(
        &self,
        _ctx: &RequestContext,
        _input: ListProductAttributeValuesInput,
    ) -> Result<Vec<models::AttributeValue>, ServiceError> {
        todo!("list_product_attribute_values")
    }
}
