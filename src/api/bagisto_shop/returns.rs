//! Customer returns (RMA) of the Bagisto shop REST API, over the core's `returns` area.
//! GraphQL (`graphql/returns.rs`) runs these same use cases.

use polyshop_api_bagisto_shop::{customer_returns::*, models};
use polyshop_core::{
    AppState,
    returns::{self, NewReturn, ReturnAction, ReturnMessage, ReturnRecord, ReturnableLine},
    settings::scope::Scope,
};
use polyshop_runtime::{Page, RequestContext, ServiceError};
use serde_json::Value;

use super::{
    context::{ShopRequest, price},
    customers::signed_in,
};

pub struct Service(pub AppState);

pub(crate) fn return_body(r: &ReturnRecord, scope: &Scope) -> models::CustomerReturn {
    let flags = r.flags;
    models::CustomerReturn {
        id: r.rma.id,
        order_id: r.rma.order_id,
        order_increment_id: r.order.increment_id.clone(),
        status_id: r.rma.rma_status_id,
        status_title: r.status.as_ref().map(|s| s.title.clone()).unwrap_or_default(),
        status_color: r.status.as_ref().and_then(|s| s.color.clone()),
        package_condition: r.rma.package_condition.clone(),
        information: r.rma.information.clone(),
        can_close: flags.map(|f| f.0),
        can_reopen: flags.map(|f| f.1),
        is_expired: flags.map(|f| f.2),
        item: r.item.as_ref().map(|i| models::CustomerReturnItem {
            id: i.id,
            order_item_id: i.order_item_id,
            sku: r.line_sku.clone(),
            name: r.line_name.clone(),
            quantity: i.quantity,
            resolution: if i.resolution == "cancel_items" {
                models::ReturnResolution::CancelItems
            } else {
                models::ReturnResolution::Return
            },
            reason_id: i.rma_reason_id,
            reason: r.reason.clone(),
            variant_id: i.variant_id,
        }),
        // Returns raised through this API carry no pictures.
        images: flags.map(|_| Vec::new()),
        messages_count: r.messages_count,
        created_at: scope.timestamp(r.rma.created_at),
        updated_at: scope.timestamp(r.rma.updated_at),
    }
}

pub(crate) fn message_body(m: &ReturnMessage, scope: &Scope) -> models::CustomerReturnMessage {
    models::CustomerReturnMessage {
        id: m.id,
        rma_id: m.rma_id,
        message: m.message.clone(),
        is_admin: m.is_admin,
        attachment: m.attachment.clone(),
        attachment_url: m.attachment_path.as_deref().map(|p| scope.media_url(p)),
        created_at: scope.timestamp(m.created_at),
    }
}

pub(crate) fn returnable_body(l: &ReturnableLine, scope: &Scope) -> models::ReturnableItem {
    models::ReturnableItem {
        order_item_id: l.order_item_id,
        product_id: l.product_id,
        sku: l.sku.clone(),
        name: l.name.clone(),
        type_: l.kind.clone(),
        url_key: l.url_key.clone(),
        price: price(l.price),
        base_image_url: l.image.as_deref().map(|p| scope.media_url(p)),
        qty_ordered: l.qty_ordered,
        current_quantity: l.current_quantity,
        for_return_quantity: l.for_return_quantity,
        for_cancel_quantity: l.for_cancel_quantity,
        rma_quantity: l.rma_quantity,
        rma_return_period: l.rma_return_period.unwrap_or_default(),
    }
}

/// Upstream reads `agreement` with PHP's boolean filter: true, 1, "1", "true", "yes", "on".
pub(crate) fn agreed(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        Some(Value::String(s)) => matches!(s.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"),
        _ => false,
    }
}

impl Service {
    async fn act(
        &self,
        ctx: &RequestContext,
        id: i64,
        action: ReturnAction,
    ) -> Result<models::CustomerReturn, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let record = returns::act(&self.0.db, customer_id, id, action, self.0.clock.now()).await?;
        Ok(return_body(&record, scope))
    }
}

#[async_trait::async_trait]
impl CustomerReturnsService for Service {
    async fn list_customer_returns(
        &self,
        ctx: &RequestContext,
        input: ListCustomerReturnsInput,
    ) -> Result<Page<models::CustomerReturn>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let page = returns::returns_of(&self.0.db, customer_id, input.status, input.window()).await?;
        Ok(page.map(|r| return_body(&r, scope)))
    }

    async fn create_customer_return(
        &self,
        ctx: &RequestContext,
        input: CreateCustomerReturnInput,
    ) -> Result<models::CustomerReturn, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let new = NewReturn {
            order_id: b.order_id.or(b.order_id_camel),
            order_item_id: b.order_item_id.or(b.order_item_id_camel),
            quantity: b.rma_qty.or(b.rma_qty_camel),
            resolution: b.resolution_type.or(b.resolution_type_camel),
            reason_id: b.rma_reason_id.or(b.rma_reason_id_camel),
            information: b.information,
            package_condition: b.package_condition.or(b.package_condition_camel),
            agreed: agreed(b.agreement.as_ref()),
        };
        let record = returns::raise(&self.0.db, customer_id, new, &scope.locale, self.0.clock.now()).await?;
        Ok(return_body(&record, scope))
    }

    async fn get_customer_return(
        &self,
        ctx: &RequestContext,
        input: GetCustomerReturnInput,
    ) -> Result<models::CustomerReturn, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        Ok(return_body(&returns::return_of(&self.0.db, customer_id, input.id, self.0.clock.now()).await?, scope))
    }

    async fn cancel_customer_return(
        &self,
        ctx: &RequestContext,
        input: CancelCustomerReturnInput,
    ) -> Result<models::CustomerReturn, ServiceError> {
        self.act(ctx, input.id, ReturnAction::Cancel).await
    }

    async fn close_customer_return(
        &self,
        ctx: &RequestContext,
        input: CloseCustomerReturnInput,
    ) -> Result<models::CustomerReturn, ServiceError> {
        self.act(ctx, input.id, ReturnAction::Close).await
    }

    async fn reopen_customer_return(
        &self,
        ctx: &RequestContext,
        input: ReopenCustomerReturnInput,
    ) -> Result<models::CustomerReturn, ServiceError> {
        self.act(ctx, input.id, ReturnAction::Reopen).await
    }

    async fn list_customer_return_messages(
        &self,
        ctx: &RequestContext,
        input: ListCustomerReturnMessagesInput,
    ) -> Result<Vec<models::CustomerReturnMessage>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let id = input.return_id.or(input.return_id_camel).ok_or_else(returns::not_found)?;
        let messages = returns::messages_of(&self.0.db, customer_id, id).await?;
        Ok(messages.iter().map(|m| message_body(m, scope)).collect())
    }

    async fn send_customer_return_message(
        &self,
        ctx: &RequestContext,
        input: SendCustomerReturnMessageInput,
    ) -> Result<models::CustomerReturnMessage, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let id = b.return_id.or(b.return_id_camel);
        let message =
            returns::send_message(&self.0.db, customer_id, id, b.message.as_deref(), self.0.clock.now()).await?;
        Ok(message_body(&message, scope))
    }

    async fn list_return_reasons(
        &self,
        ctx: &RequestContext,
        input: ListReturnReasonsInput,
    ) -> Result<Vec<models::ReturnReason>, ServiceError> {
        signed_in(ctx)?;
        let kind = input.resolution_type.or(input.resolution_type_camel).unwrap_or_default();
        let reasons = returns::reasons(&self.0.db, &kind).await?;
        Ok(reasons
            .into_iter()
            .map(|r| models::ReturnReason { id: r.id, title: r.title, position: r.position })
            .collect())
    }

    async fn list_returnable_items(
        &self,
        ctx: &RequestContext,
        input: ListReturnableItemsInput,
    ) -> Result<Vec<models::ReturnableItem>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let not_valid = || ServiceError::not_found("The selected order is not valid.");
        let order_id = input.order_id.or(input.order_id_camel).ok_or_else(not_valid)?;
        let lines = returns::returnable_lines(&self.0.db, customer_id, order_id, &scope.locale, self.0.clock.now())
            .await?
            .ok_or_else(not_valid)?;
        Ok(lines.iter().map(|l| returnable_body(l, scope)).collect())
    }
}
