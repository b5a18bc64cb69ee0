//! GraphQL: customer returns (RMA). Each field runs the REST operation's use case
//! (`crate::returns`), so both APIs answer with the same records, refusals and messages.

use async_graphql::Context;
use poem_openapi::types::ToJSON;
use polyshop_api_bagisto_shop::{
    customer_returns::{self as rest, CustomerReturnsService as _},
    models,
};
use polyshop_core::returns;
use polyshop_graphql_shop::{
    resolvers::{
        CustomerReturnMessageQueries, CustomerReturnQueries, ReturnReasonQueries, ReturnableItemQueries,
        ReturnsMutations,
    },
    types::*,
};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};

use super::{ShopGraph, credentials::customer_request, owned_id, text, window_of};
use crate::{
    context::ShopRequest,
    customers::signed_in,
    returns::{Service, return_body},
};

fn return_node(x: models::CustomerReturn) -> CustomerReturn {
    CustomerReturn {
        id: format!("/api/shop/returns/{}", x.id),
        id_: x.id,
        order_id: Some(x.order_id),
        order_increment_id: Some(x.order_increment_id.clone()),
        status_id: Some(x.status_id),
        status_title: Some(x.status_title.clone()),
        status_color: x.status_color.clone(),
        package_condition: x.package_condition.clone(),
        information: x.information.clone(),
        can_close: x.can_close,
        can_reopen: x.can_reopen,
        is_expired: x.is_expired,
        // Upstream answers these as plain JSON (its inner keys stay snake_case).
        item: x.item.as_ref().and_then(ToJSON::to_json),
        images: x.images.as_ref().and_then(ToJSON::to_json),
        messages_count: Some(x.messages_count),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext: Extra::default(),
    }
}

fn message_node(x: models::CustomerReturnMessage) -> CustomerReturnMessage {
    CustomerReturnMessage {
        id: format!("/api/shop/return-messages/{}", x.id),
        id_: x.id,
        rma_id: Some(x.rma_id),
        message: Some(x.message),
        is_admin: Some(x.is_admin),
        attachment: x.attachment,
        attachment_url: x.attachment_url,
        created_at: Some(x.created_at),
        ext: Extra::default(),
    }
}

impl ShopGraph {
    fn returns(&self) -> Service {
        Service(self.0.clone())
    }
}

#[async_trait::async_trait]
impl ReturnsMutations for ShopGraph {
    async fn create_customer_return(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerReturnArgs,
    ) -> GqlResult<Option<CreateCustomerReturnPayload>> {
        let rc = customer_request(ctx).await?;
        let i = args.input;
        let body = models::CreateReturnRequest {
            order_id: i.order_id,
            order_item_id: i.order_item_id,
            rma_qty: i.rma_qty.map(|q| i32::try_from(q).unwrap_or(i32::MAX)),
            resolution_type: i.resolution_type,
            rma_reason_id: i.rma_reason_id,
            information: i.information,
            package_condition: i.package_condition,
            variant: i.variant,
            agreement: i.agreement.map(serde_json::Value::Bool),
            order_id_camel: None,
            order_item_id_camel: None,
            rma_qty_camel: None,
            resolution_type_camel: None,
            rma_reason_id_camel: None,
            package_condition_camel: None,
        };
        let made = self.returns().create_customer_return(&rc, rest::CreateCustomerReturnInput { body }).await?;
        Ok(Some(CreateCustomerReturnPayload {
            customer_return: Some(return_node(made)),
            client_mutation_id: i.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn cancel_customer_return(
        &self,
        ctx: &Context<'_>,
        args: MutationCancelCustomerReturnArgs,
    ) -> GqlResult<Option<CancelCustomerReturnPayload>> {
        let rc = customer_request(ctx).await?;
        let id = args.input.id.as_deref().map_or(0, owned_id);
        let done = self.returns().cancel_customer_return(&rc, rest::CancelCustomerReturnInput { id }).await?;
        Ok(Some(CancelCustomerReturnPayload {
            customer_return: Some(return_node(done)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn close_customer_return(
        &self,
        ctx: &Context<'_>,
        args: MutationCloseCustomerReturnArgs,
    ) -> GqlResult<Option<CloseCustomerReturnPayload>> {
        let rc = customer_request(ctx).await?;
        let id = args.input.id.as_deref().map_or(0, owned_id);
        let done = self.returns().close_customer_return(&rc, rest::CloseCustomerReturnInput { id }).await?;
        Ok(Some(CloseCustomerReturnPayload {
            customer_return: Some(return_node(done)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn reopen_customer_return(
        &self,
        ctx: &Context<'_>,
        args: MutationReopenCustomerReturnArgs,
    ) -> GqlResult<Option<ReopenCustomerReturnPayload>> {
        let rc = customer_request(ctx).await?;
        let id = args.input.id.as_deref().map_or(0, owned_id);
        let done = self.returns().reopen_customer_return(&rc, rest::ReopenCustomerReturnInput { id }).await?;
        Ok(Some(ReopenCustomerReturnPayload {
            customer_return: Some(return_node(done)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn create_customer_return_message(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerReturnMessageArgs,
    ) -> GqlResult<Option<CreateCustomerReturnMessagePayload>> {
        let rc = customer_request(ctx).await?;
        let i = args.input;
        let body =
            models::SendReturnMessageRequest { return_id: i.return_id, return_id_camel: None, message: i.message };
        let sent =
            self.returns().send_customer_return_message(&rc, rest::SendCustomerReturnMessageInput { body }).await?;
        Ok(Some(CreateCustomerReturnMessagePayload {
            customer_return_message: Some(message_node(sent)),
            client_mutation_id: i.client_mutation_id,
            ext: Extra::default(),
        }))
    }
}

#[async_trait::async_trait]
impl CustomerReturnQueries for ShopGraph {
    async fn customer_returns(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerReturnsArgs,
    ) -> GqlResult<Connection<CustomerReturn>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let db = &self.0.db;
        let (rows, offset, total) =
            window_of(&args.page, |w| returns::returns_of(db, customer_id, args.status, w)).await?;
        Ok(Connection::new(rows.iter().map(|r| return_node(return_body(r, scope))).collect(), offset, total))
    }

    async fn customer_return(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerReturnArgs,
    ) -> GqlResult<Option<CustomerReturn>> {
        let rc = customer_request(ctx).await?;
        let found =
            self.returns().get_customer_return(&rc, rest::GetCustomerReturnInput { id: owned_id(&args.id) }).await?;
        Ok(Some(return_node(found)))
    }
}

#[async_trait::async_trait]
impl CustomerReturnMessageQueries for ShopGraph {
    async fn customer_return_messages(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerReturnMessagesArgs,
    ) -> GqlResult<Vec<CustomerReturnMessage>> {
        let rc = customer_request(ctx).await?;
        let input = rest::ListCustomerReturnMessagesInput { return_id: Some(args.return_id), return_id_camel: None };
        let messages = self.returns().list_customer_return_messages(&rc, input).await?;
        Ok(messages.into_iter().map(message_node).collect())
    }
}

#[async_trait::async_trait]
impl ReturnReasonQueries for ShopGraph {
    async fn return_reasons(&self, ctx: &Context<'_>, args: QueryReturnReasonsArgs) -> GqlResult<Vec<ReturnReason>> {
        let rc = customer_request(ctx).await?;
        let input =
            rest::ListReturnReasonsInput { resolution_type: Some(args.resolution_type), resolution_type_camel: None };
        let reasons = self.returns().list_return_reasons(&rc, input).await?;
        Ok(reasons
            .into_iter()
            .map(|r| ReturnReason {
                id: format!("/api/shop/return-reasons/{}", r.id),
                id_: r.id,
                title: Some(r.title),
                position: Some(i64::from(r.position)),
                ext: Extra::default(),
            })
            .collect())
    }
}

#[async_trait::async_trait]
impl ReturnableItemQueries for ShopGraph {
    async fn returnable_items(
        &self,
        ctx: &Context<'_>,
        args: QueryReturnableItemsArgs,
    ) -> GqlResult<Vec<ReturnableItem>> {
        let rc = customer_request(ctx).await?;
        let input = rest::ListReturnableItemsInput { order_id: Some(args.order_id), order_id_camel: None };
        let lines = self.returns().list_returnable_items(&rc, input).await?;
        Ok(lines
            .into_iter()
            .map(|l| ReturnableItem {
                id: format!("/api/shop/returnable-items/{}", l.order_item_id),
                order_item_id: Some(l.order_item_id),
                product_id: l.product_id,
                sku: Some(l.sku),
                name: Some(l.name),
                type_: Some(l.type_),
                url_key: l.url_key,
                price: text(l.price),
                base_image_url: l.base_image_url,
                qty_ordered: Some(i64::from(l.qty_ordered)),
                current_quantity: Some(i64::from(l.current_quantity)),
                for_return_quantity: Some(i64::from(l.for_return_quantity)),
                for_cancel_quantity: Some(i64::from(l.for_cancel_quantity)),
                rma_quantity: Some(i64::from(l.rma_quantity)),
                rma_return_period: Some(i64::from(l.rma_return_period)),
                ext: Extra::default(),
            })
            .collect())
    }
}
