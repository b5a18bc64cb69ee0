//! Customer-group (tier) prices of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, product_pricing::*};
use polyshop_entities::product_customer_group_prices as tier_rows;
use polyshop_runtime::{RequestContext, ServiceError};

use super::context::{enabled_product, price};
use polyshop_core::{
    AppState,
    catalog::details::{self, TierFilter},
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ProductPricingService for Service {
    async fn list_product_customer_group_prices(
        &self,
        _ctx: &RequestContext,
        input: ListProductCustomerGroupPricesInput,
    ) -> Result<Vec<models::CustomerGroupPrice>, ServiceError> {
        let product = enabled_product(&self.0, input.product_id).await?;
        Ok(details::tier_prices(&self.0.db, TierFilter::Product(product.id)).await?.into_iter().map(view).collect())
    }

    async fn get_product_customer_group_price(
        &self,
        _ctx: &RequestContext,
        input: GetProductCustomerGroupPriceInput,
    ) -> Result<models::CustomerGroupPrice, ServiceError> {
        let product = enabled_product(&self.0, input.product_id).await?;
        let row = details::tier_prices(&self.0.db, TierFilter::ProductAndId(product.id, input.id)).await?.pop();
        row.map(view).ok_or_else(|| ServiceError::not_found_id("Customer group price", input.id))
    }

    async fn get_customer_group_price(
        &self,
        _ctx: &RequestContext,
        input: GetCustomerGroupPriceInput,
    ) -> Result<models::CustomerGroupPrice, ServiceError> {
        let row = details::tier_prices(&self.0.db, TierFilter::Id(input.id)).await?.pop();
        row.map(view).ok_or_else(|| ServiceError::not_found_id("Customer group price", input.id))
    }
}

fn view(t: tier_rows::Model) -> models::CustomerGroupPrice {
    models::CustomerGroupPrice {
        id: t.id,
        qty: t.qty,
        value_type: if t.value_type == "discount" {
            models::CustomerGroupPriceValueType::Discount
        } else {
            models::CustomerGroupPriceValueType::Fixed
        },
        value: price(t.value.value()),
        customer_group_id: t.customer_group_id,
        // `<group>|<product>|<qty>`; no group (every group) leaves its part empty.
        unique_id: format!(
            "{}|{}|{}",
            t.customer_group_id.map(|g| g.to_string()).unwrap_or_default(),
            t.product_id,
            t.qty
        ),
        product_id: t.product_id,
    }
}
