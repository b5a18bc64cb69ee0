//! The signed-in customer's compare list (Bagisto shop REST API), at `/api/shop/compare-items`
//! and upstream's `/api/shop/compare_items`: one list for every channel; items answer with the
//! product's card in the request's scope.

use polyshop_api_bagisto_shop::{compare_items::*, models};
use polyshop_runtime::{Page, PageWindow, RequestContext, ServiceError};

use super::{context::ShopRequest, customers::signed_in, products::card_view, wishlists::product_id};
use polyshop_core::{
    AppState, catalog::listing::cards, settings::scope::Scope, wishlists::service::COMPARE_ITEM_NOT_FOUND,
};
use polyshop_entities::compare_items;

pub struct Service(pub AppState);

/// The items with their products' cards.
pub async fn items_view(
    state: &AppState,
    scope: &Scope,
    items: Vec<compare_items::Model>,
) -> Result<Vec<models::CompareItem>, ServiceError> {
    let ids: Vec<i64> = items.iter().map(|i| i.product_id).collect();
    let cards = cards(&state.db, scope, &ids, state.clock.now()).await?;
    Ok(items
        .into_iter()
        .filter_map(|i| {
            let card = cards.iter().find(|c| c.product.id == i.product_id)?;
            Some(models::CompareItem {
                id: i.id,
                product_id: i.product_id,
                customer_id: i.customer_id,
                product: card_view(scope, card),
                created_at: scope.timestamp(i.created_at),
                updated_at: scope.timestamp(i.updated_at),
            })
        })
        .collect())
}

impl Service {
    async fn list(&self, ctx: &RequestContext, window: PageWindow) -> Result<Page<models::CompareItem>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let page = self.0.wishlists().compared(customer_id, window).await?;
        let total = page.total;
        Ok(Page::new(items_view(&self.0, scope, page.items).await?, total, window))
    }

    async fn add(
        &self,
        ctx: &RequestContext,
        body: models::ProductIdRequest,
    ) -> Result<models::CompareItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let product_id = product_id(&body)?;
        let scope = ctx.scope().await?;
        let item = self.0.wishlists().compare(customer_id, product_id).await?;
        self.one(scope, item).await
    }

    async fn get(&self, ctx: &RequestContext, id: i64) -> Result<models::CompareItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let item = self.0.wishlists().compare_item(customer_id, id).await?;
        self.one(scope, item).await
    }

    async fn delete(&self, ctx: &RequestContext, id: i64) -> Result<models::CustomerActionResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        self.0.wishlists().uncompare(customer_id, id).await?;
        Ok(models::CustomerActionResult { success: true, message: "Item removed successfully.".to_owned() })
    }

    async fn one(&self, scope: &Scope, item: compare_items::Model) -> Result<models::CompareItem, ServiceError> {
        items_view(&self.0, scope, vec![item])
            .await?
            .pop()
            .ok_or_else(|| ServiceError::not_found(COMPARE_ITEM_NOT_FOUND))
    }
}

#[async_trait::async_trait]
impl CompareItemsService for Service {
    async fn list_compare_items(
        &self,
        ctx: &RequestContext,
        input: ListCompareItemsInput,
    ) -> Result<Page<models::CompareItem>, ServiceError> {
        self.list(ctx, input.window()).await
    }

    async fn add_compare_item(
        &self,
        ctx: &RequestContext,
        input: AddCompareItemInput,
    ) -> Result<models::CompareItem, ServiceError> {
        self.add(ctx, input.body).await
    }

    async fn get_compare_item(
        &self,
        ctx: &RequestContext,
        input: GetCompareItemInput,
    ) -> Result<models::CompareItem, ServiceError> {
        self.get(ctx, input.id).await
    }

    async fn delete_compare_item(
        &self,
        ctx: &RequestContext,
        input: DeleteCompareItemInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        self.delete(ctx, input.id).await
    }

    async fn list_compare_items_upstream(
        &self,
        ctx: &RequestContext,
        input: ListCompareItemsUpstreamInput,
    ) -> Result<Page<models::CompareItem>, ServiceError> {
        self.list(ctx, input.window()).await
    }

    async fn add_compare_item_upstream(
        &self,
        ctx: &RequestContext,
        input: AddCompareItemUpstreamInput,
    ) -> Result<models::CompareItem, ServiceError> {
        self.add(ctx, input.body).await
    }

    async fn get_compare_item_upstream(
        &self,
        ctx: &RequestContext,
        input: GetCompareItemUpstreamInput,
    ) -> Result<models::CompareItem, ServiceError> {
        self.get(ctx, input.id).await
    }

    async fn delete_compare_item_upstream(
        &self,
        ctx: &RequestContext,
        input: DeleteCompareItemUpstreamInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        self.delete(ctx, input.id).await
    }

    async fn delete_all_compare_items(
        &self,
        ctx: &RequestContext,
        _input: DeleteAllCompareItemsInput,
    ) -> Result<models::ItemsCleared, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let deleted = self.0.wishlists().clear_compared(customer_id).await?;
        Ok(models::ItemsCleared {
            message: "All compare items have been removed successfully".to_owned(),
            deleted_count: i64::try_from(deleted).unwrap_or(i64::MAX),
        })
    }
}
