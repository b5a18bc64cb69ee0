#![allow(unused)] // TODO(stub): remove when implemented
//! `product_pricing` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, product_pricing::*};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ProductPricingService for Service {
    async fn list_product_customer_group_prices(
        &self,
        _ctx: &RequestContext,
        _input: ListProductCustomerGroupPricesInput,
    ) -> Result<Vec<models::CustomerGroupPrice>, ServiceError> {
        todo!("list_product_customer_group_prices")
    }

    async fn get_product_customer_group_price(
        &self,
        _ctx: &RequestContext,
        _input: GetProductCustomerGroupPriceInput,
    ) -> Result<models::CustomerGroupPrice, ServiceError> {
        todo!("get_product_customer_group_price")
    }

    async fn get_customer_group_price(
        &self,
        _ctx: &RequestContext,
        _input: GetCustomerGroupPriceInput,
    ) -> Result<models::CustomerGroupPrice, ServiceError> {
        todo!("get_customer_group_price")
    }
}
