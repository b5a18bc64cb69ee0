//! The signed-in customer's shipments and their lines (Bagisto shop REST API).

use polyshop_api_bagisto_shop::{customer_shipments::*, models};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    context::ShopRequest,
    customer_orders::{shipment_body, shipment_item_body},
    customers::signed_in,
};
use polyshop_core::{AppState, sales::account};

pub struct Service(pub AppState);

fn not_found(what: &str, id: i64) -> ServiceError {
    ServiceError::not_found(format!("Customer {what} with ID \"{id}\" not found."))
}

#[async_trait::async_trait]
impl CustomerShipmentsService for Service {
    async fn list_customer_order_shipments(
        &self,
        ctx: &RequestContext,
        input: ListCustomerOrderShipmentsInput,
    ) -> Result<Page<models::CustomerOrderShipment>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let status = input.status.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let page = account::shipments_of(
            &self.0.db,
            customer_id,
            input.order_id.or(input.order_id_snake),
            status,
            input.window(),
        )
        .await?;
        let mut out = Vec::with_capacity(page.items.len());
        for (s, lines) in &page.items {
            let record = account::order_of(&self.0.db, customer_id, s.order_id).await?;
            out.push(shipment_body(s, lines, record.as_ref(), scope));
        }
        Ok(Page::new(out, page.total, page.window))
    }

    async fn get_customer_order_shipment(
        &self,
        ctx: &RequestContext,
        input: GetCustomerOrderShipmentInput,
    ) -> Result<models::CustomerOrderShipment, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let (s, lines) = account::shipment_of(&self.0.db, customer_id, input.id)
            .await?
            .ok_or_else(|| not_found("shipment", input.id))?;
        let record = account::order_of(&self.0.db, customer_id, s.order_id).await?;
        Ok(shipment_body(&s, &lines, record.as_ref(), scope))
    }

    async fn list_customer_order_shipment_items(
        &self,
        ctx: &RequestContext,
        input: ListCustomerOrderShipmentItemsInput,
    ) -> Result<Page<models::CustomerOrderShipmentItem>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let page = account::shipment_items_of(&self.0.db, customer_id, input.shipment_id, input.window()).await?;
        Ok(page.map(|l| shipment_item_body(&l, scope)))
    }

    async fn get_customer_order_shipment_item(
        &self,
        ctx: &RequestContext,
        input: GetCustomerOrderShipmentItemInput,
    ) -> Result<models::CustomerOrderShipmentItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let line = account::shipment_item_of(&self.0.db, customer_id, input.id)
            .await?
            .ok_or_else(|| not_found("shipment item", input.id))?;
        Ok(shipment_item_body(&line, scope))
    }
}
