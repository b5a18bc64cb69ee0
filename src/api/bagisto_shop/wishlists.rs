//! The signed-in customer's wishlist (Bagisto shop REST API, upstream's routes): one per
//! channel; items answer with the product's card in the request's scope.

use polyshop_api_bagisto_shop::{models, wishlists::*};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    cart::{cart_body, current},
    context::ShopRequest,
    customers::signed_in,
    products::card_view,
};
use polyshop_core::{
    AppState,
    catalog::listing::cards,
    settings::scope::Scope,
    wishlists::{
        Toggled,
        service::{ADDED, REMOVED},
    },
};
use polyshop_entities::wishlist_items;

pub struct Service(pub AppState);

/// The product id of an add or toggle body (`productId` or `product_id`).
pub fn product_id(body: &models::ProductIdRequest) -> Result<i64, ServiceError> {
    body.product_id.or(body.product_id_snake).ok_or_else(|| ServiceError::bad_request("Product ID is required"))
}

/// The items with their products' cards (in the request's locale, channel and currency).
pub async fn items_view(
    state: &AppState,
    scope: &Scope,
    items: Vec<wishlist_items::Model>,
    message: Option<&str>,
) -> Result<Vec<models::WishlistItem>, ServiceError> {
    let ids: Vec<i64> = items.iter().map(|i| i.product_id).collect();
    let cards = cards(&state.db, scope, &ids, state.clock.now()).await?;
    Ok(items
        .into_iter()
        .filter_map(|i| {
            let card = cards.iter().find(|c| c.product.id == i.product_id)?;
            Some(models::WishlistItem {
                id: i.id,
                product_id: i.product_id,
                customer_id: i.customer_id,
                channel_id: i.channel_id,
                product: card_view(scope, card),
                message: message.map(str::to_owned),
                created_at: scope.timestamp(i.created_at),
                updated_at: scope.timestamp(i.updated_at),
            })
        })
        .collect())
}

impl Service {
    async fn one(
        &self,
        scope: &Scope,
        item: wishlist_items::Model,
        message: Option<&str>,
    ) -> Result<models::WishlistItem, ServiceError> {
        items_view(&self.0, scope, vec![item], message)
            .await?
            .pop()
            .ok_or_else(|| ServiceError::not_found(polyshop_core::wishlists::service::WISHLIST_ITEM_NOT_FOUND))
    }
}

#[async_trait::async_trait]
impl WishlistsService for Service {
    async fn list_wishlist_items(
        &self,
        ctx: &RequestContext,
        input: ListWishlistItemsInput,
    ) -> Result<Page<models::WishlistItem>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        // `id`/`created_at` with `-asc`/`-desc`, else `order`; both keys give the same order.
        let sort = input.sort.as_deref().unwrap_or_default().trim().to_ascii_lowercase();
        let newest_first = if sort.ends_with("-desc") {
            true
        } else if sort.ends_with("-asc") {
            false
        } else {
            input.order == models::ListWishlistItemsOrder::Desc
        };
        let window = input.window();
        let page = self.0.wishlists().wishlist(customer_id, scope.channel.id, newest_first, window).await?;
        let total = page.total;
        Ok(Page::new(items_view(&self.0, scope, page.items, None).await?, total, window))
    }

    async fn add_wishlist_item(
        &self,
        ctx: &RequestContext,
        input: AddWishlistItemInput,
    ) -> Result<models::WishlistItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let product_id = product_id(&input.body)?;
        let scope = ctx.scope().await?;
        let item = self.0.wishlists().add(customer_id, scope.channel.id, product_id).await?;
        self.one(scope, item, None).await
    }

    async fn get_wishlist_item(
        &self,
        ctx: &RequestContext,
        input: GetWishlistItemInput,
    ) -> Result<models::WishlistItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let item = self.0.wishlists().wishlist_item(customer_id, input.id).await?;
        self.one(scope, item, None).await
    }

    async fn delete_wishlist_item(
        &self,
        ctx: &RequestContext,
        input: DeleteWishlistItemInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        self.0.wishlists().remove(customer_id, input.id).await?;
        Ok(models::CustomerActionResult { success: true, message: REMOVED.to_owned() })
    }

    async fn toggle_wishlist_item(
        &self,
        ctx: &RequestContext,
        input: ToggleWishlistItemInput,
    ) -> Result<models::WishlistItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let product_id = product_id(&input.body)?;
        let scope = ctx.scope().await?;
        match self.0.wishlists().toggle(customer_id, scope.channel.id, product_id).await? {
            Toggled::Added(item) => self.one(scope, item, Some(ADDED)).await,
            Toggled::Removed(item) => self.one(scope, item, Some(REMOVED)).await,
        }
    }

    async fn delete_all_wishlist_items(
        &self,
        ctx: &RequestContext,
        _input: DeleteAllWishlistItemsInput,
    ) -> Result<models::ItemsCleared, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let deleted = self.0.wishlists().clear(customer_id).await?;
        Ok(models::ItemsCleared {
            message: "All wishlist items have been removed successfully".to_owned(),
            deleted_count: i64::try_from(deleted).unwrap_or(i64::MAX),
        })
    }

    async fn move_wishlist_item_to_cart(
        &self,
        ctx: &RequestContext,
        input: MoveWishlistItemToCartInput,
    ) -> Result<models::Cart, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let b = input.body;
        let id = b
            .wishlist_item_id
            .or(b.wishlist_item_id_snake)
            .ok_or_else(|| ServiceError::bad_request("Wishlist item ID is required"))?;
        let scope = ctx.scope().await?;
        let quantity = b.quantity.map_or(1, i64::from);
        self.0.wishlists().move_to_cart(customer_id, id, quantity, scope).await?;
        let (view, token) = current(&self.0, ctx, false).await?;
        Ok(cart_body(&view, scope, token, Some("Item moved to cart successfully")))
    }
}
