//! Grouped products of the Bagisto shop REST API: a grouped product's associated products.

use polyshop_api_bagisto_shop::{grouped_products::*, models};
use polyshop_entities::product_grouped_products as association_rows;
use polyshop_runtime::{RequestContext, ServiceError};

use super::context::iri;
use polyshop_core::{AppState, catalog::product_types::grouped};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl GroupedProductsService for Service {
    async fn list_product_grouped_products(
        &self,
        _ctx: &RequestContext,
        input: ListProductGroupedProductsInput,
    ) -> Result<Vec<models::GroupedProduct>, ServiceError> {
        let rows = grouped::of_enabled_product(&self.0.db, input.product_id).await?;
        Ok(rows.ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?.into_iter().map(view).collect())
    }

    async fn get_product_grouped_product(
        &self,
        _ctx: &RequestContext,
        input: GetProductGroupedProductInput,
    ) -> Result<models::GroupedProduct, ServiceError> {
        let row = grouped::find(&self.0.db, input.id).await?;
        row.map(view).ok_or_else(|| ServiceError::not_found_id("Grouped product", input.id))
    }
}

pub(super) fn view(a: association_rows::Model) -> models::GroupedProduct {
    models::GroupedProduct {
        id: a.id,
        qty: a.qty,
        sort_order: a.sort_order,
        product: iri("products", a.product_id),
        associated_product: iri("products", a.associated_product_id),
    }
}
