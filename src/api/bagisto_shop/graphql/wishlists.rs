//! GraphQL: the signed-in customer's wishlist and compare list (`wishlist(s)`,
//! `compareItem(s)`, `createWishlist`, `toggleWishlist`, `moveWishlistToCart`, ... and the
//! overview pages' `addToWishlist`, `removeFromWishlist`, `moveToWishlist`), over the core
//! `wishlists` area the REST routes use: the same rules and messages.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{
        CompareItemQueries, CompareItemResolver, WishlistItemResolver, WishlistQueries, WishlistResolver,
        WishlistsMutations,
    },
    types::*,
};
use polyshop_runtime::{PageWindow, RequestContext, ServiceError};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, Id};

use super::{
    MAX_PAGE, ShopGraph,
    carts::{move_to_wishlist_node, wishlist_to_cart},
    core::channel_by_id,
    credentials::customer_request,
    customers::customer_node,
    numeric_id,
    product_nodes::product_by_id,
    validation, window_of,
};
use crate::{
    cart::{cart_body, current, priced},
    context::{ShopRequest, iri},
    customers::signed_in,
};
use polyshop_core::{
    carts::Shopper,
    settings::scope::Scope,
    wishlists::{
        Toggled,
        service::{ADDED, REMOVED, WISHLIST_ITEM_NOT_FOUND},
    },
};
use polyshop_entities::{compare_items, wishlist_items};

/// Entries the legacy whole-wishlist form lists at most.
const WHOLE_WISHLIST: i64 = 1000;

/// What a `Wishlist` node keeps for its resolvers.
struct WishlistExt {
    product_id: Option<i64>,
    customer_id: i64,
    channel_id: i64,
    /// The entries `items` lists: the node's own, or the whole channel's for the legacy form.
    entries: Vec<wishlist_items::Model>,
}

fn entry_node(w: &wishlist_items::Model, scope: &Scope, message: Option<&str>) -> Wishlist {
    Wishlist {
        id: iri("wishlists", w.id),
        id_: Some(w.id),
        created_at: Some(scope.timestamp(w.created_at)),
        updated_at: Some(scope.timestamp(w.updated_at)),
        message: message.map(str::to_owned),
        ext: Extra::new(WishlistExt {
            product_id: Some(w.product_id),
            customer_id: w.customer_id,
            channel_id: w.channel_id,
            entries: vec![w.clone()],
        }),
    }
}

fn compare_node(c: &compare_items::Model, scope: &Scope) -> CompareItem {
    CompareItem {
        id: format!("/api/shop/compare_items/{}", c.id),
        id_: c.id,
        created_at: Some(scope.timestamp(c.created_at)),
        updated_at: Some(scope.timestamp(c.updated_at)),
        ext: Extra::new((c.product_id, c.customer_id)),
    }
}

/// An id argument (an IRI or the number); `field` names it when missing.
fn id_arg(id: Option<&Id>, missing: &str) -> GqlResult<i64> {
    let id = id.map(|i| i.trim()).filter(|i| !i.is_empty()).ok_or_else(|| validation(missing))?;
    // A malformed id names nothing: answered as not found.
    Ok(numeric_id(id).unwrap_or(0))
}

fn product_arg(id: Option<i64>) -> GqlResult<i64> {
    id.ok_or_else(|| validation("Product ID is required"))
}

impl ShopGraph {
    /// The signed-in customer and the request's scope.
    async fn wisher(&self, ctx: &Context<'_>) -> GqlResult<(RequestContext, i64)> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        Ok((rc, customer_id))
    }

    /// The legacy whole-wishlist form: the channel's entries as one `Wishlist`.
    async fn whole_wishlist(&self, customer_id: i64, scope: &Scope, message: Option<&str>) -> GqlResult<Wishlist> {
        let page = self
            .0
            .wishlists()
            .wishlist(customer_id, scope.channel.id, false, PageWindow::new(1, WHOLE_WISHLIST))
            .await?;
        Ok(Wishlist {
            id: "/api/shop/wishlists".to_owned(),
            id_: None,
            created_at: None,
            updated_at: None,
            message: message.map(str::to_owned),
            ext: Extra::new(WishlistExt {
                product_id: None,
                customer_id,
                channel_id: scope.channel.id,
                entries: page.items,
            }),
        })
    }
}

#[async_trait::async_trait]
impl WishlistQueries for ShopGraph {
    async fn wishlist(&self, ctx: &Context<'_>, args: QueryWishlistArgs) -> GqlResult<Option<Wishlist>> {
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        match args.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
            None => Ok(Some(self.whole_wishlist(customer_id, scope, None).await?)),
            Some(id) => {
                let id = numeric_id(id).ok_or_else(|| ServiceError::not_found(WISHLIST_ITEM_NOT_FOUND))?;
                let entry = self.0.wishlists().wishlist_item(customer_id, id).await?;
                Ok(Some(entry_node(&entry, scope, None)))
            }
        }
    }

    async fn wishlists(&self, ctx: &Context<'_>, args: QueryWishlistsArgs) -> GqlResult<Connection<Wishlist>> {
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        let sort = args.sort.as_deref().unwrap_or_default().trim().to_ascii_lowercase();
        let order = args.order.as_deref().unwrap_or_default().trim().to_ascii_lowercase();
        let newest_first = sort.ends_with("-desc") || (!sort.ends_with("-asc") && order == "desc");
        let wishlists = self.0.wishlists();
        let (rows, offset, total) =
            window_of(&args.page, |w| wishlists.wishlist(customer_id, scope.channel.id, newest_first, w)).await?;
        Ok(Connection::new(rows.iter().map(|e| entry_node(e, scope, None)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl CompareItemQueries for ShopGraph {
    async fn compare_item(&self, ctx: &Context<'_>, args: QueryCompareItemArgs) -> GqlResult<Option<CompareItem>> {
        let (rc, customer_id) = self.wisher(ctx).await?;
        let id = numeric_id(&args.id).unwrap_or(0);
        let item = self.0.wishlists().compare_item(customer_id, id).await?;
        Ok(Some(compare_node(&item, rc.scope().await?)))
    }

    async fn compare_items(
        &self,
        ctx: &Context<'_>,
        args: QueryCompareItemsArgs,
    ) -> GqlResult<Connection<CompareItem>> {
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        let wishlists = self.0.wishlists();
        let (rows, offset, total) = window_of(&args.page, |w| wishlists.compared(customer_id, w)).await?;
        Ok(Connection::new(rows.iter().map(|c| compare_node(c, scope)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl WishlistsMutations for ShopGraph {
    async fn create_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateWishlistArgs,
    ) -> GqlResult<Option<CreateWishlistPayload>> {
        let product_id = product_arg(args.input.product_id)?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        let entry = self.0.wishlists().add(customer_id, scope.channel.id, product_id).await?;
        Ok(Some(CreateWishlistPayload {
            wishlist: Some(entry_node(&entry, scope, None)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn delete_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteWishlistArgs,
    ) -> GqlResult<Option<DeleteWishlistPayload>> {
        let id = id_arg(args.input.id.as_ref(), "Wishlist item ID is required")?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let entry = self.0.wishlists().remove(customer_id, id).await?;
        Ok(Some(DeleteWishlistPayload {
            wishlist: Some(entry_node(&entry, rc.scope().await?, None)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn toggle_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationToggleWishlistArgs,
    ) -> GqlResult<Option<ToggleWishlistPayload>> {
        let product_id = product_arg(args.input.product_id)?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        // Both outcomes are data: the new entry, or no entry and the removal's message.
        let (wishlist, message) = match self.0.wishlists().toggle(customer_id, scope.channel.id, product_id).await? {
            Toggled::Added(entry) => (Some(entry_node(&entry, scope, Some(ADDED))), ADDED),
            Toggled::Removed(_) => (None, REMOVED),
        };
        Ok(Some(ToggleWishlistPayload {
            message: Some(message.to_owned()),
            wishlist,
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_delete_all_wishlists(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateDeleteAllWishlistsArgs,
    ) -> GqlResult<Option<CreateDeleteAllWishlistsPayload>> {
        let (_, customer_id) = self.wisher(ctx).await?;
        let deleted = self.0.wishlists().clear(customer_id).await?;
        Ok(Some(CreateDeleteAllWishlistsPayload {
            delete_all_wishlists: Some(DeleteAllWishlists {
                message: Some("All wishlist items have been removed successfully".to_owned()),
                deleted_count: Some(i64::try_from(deleted).unwrap_or(i64::MAX)),
                ext: Default::default(),
            }),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn move_wishlist_to_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationMoveWishlistToCartArgs,
    ) -> GqlResult<Option<MoveWishlistToCartPayload>> {
        let input = args.input;
        let id = input.wishlist_item_id.ok_or_else(|| validation("Wishlist item ID is required"))?;
        let quantity = input.quantity.unwrap_or(1);
        if quantity < 1 {
            return Err(validation("Quantity must be greater than 0"));
        }
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        self.0.wishlists().move_to_cart(customer_id, id, quantity, scope).await?;
        let cart = self.0.carts().cart_of(Shopper::Customer { customer_id }, scope.channel.id, false).await?;
        let view = priced(&self.0, scope, cart).await?;
        let body = cart_body(&view, scope, None, Some("Item moved to cart successfully"));
        Ok(Some(MoveWishlistToCartPayload {
            wishlist_to_cart: Some(wishlist_to_cart(&body)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_compare_item(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCompareItemArgs,
    ) -> GqlResult<Option<CreateCompareItemPayload>> {
        let product_id = product_arg(args.input.product_id)?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let item = self.0.wishlists().compare(customer_id, product_id).await?;
        Ok(Some(CreateCompareItemPayload {
            compare_item: Some(compare_node(&item, rc.scope().await?)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn delete_compare_item(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteCompareItemArgs,
    ) -> GqlResult<Option<DeleteCompareItemPayload>> {
        let id = id_arg(args.input.id.as_ref(), "Compare item ID is required")?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let item = self.0.wishlists().uncompare(customer_id, id).await?;
        Ok(Some(DeleteCompareItemPayload {
            compare_item: Some(compare_node(&item, rc.scope().await?)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_delete_all_compare_items(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateDeleteAllCompareItemsArgs,
    ) -> GqlResult<Option<CreateDeleteAllCompareItemsPayload>> {
        let (_, customer_id) = self.wisher(ctx).await?;
        let deleted = self.0.wishlists().clear_compared(customer_id).await?;
        Ok(Some(CreateDeleteAllCompareItemsPayload {
            delete_all_compare_items: Some(DeleteAllCompareItems {
                message: Some("All compare items have been removed successfully".to_owned()),
                deleted_count: Some(i64::try_from(deleted).unwrap_or(i64::MAX)),
                ext: Default::default(),
            }),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn add_to_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationAddToWishlistArgs,
    ) -> GqlResult<Option<AddToWishlistPayload>> {
        let product_id = args.input.product_id.as_deref().and_then(numeric_id);
        let product_id = product_arg(product_id)?;
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        self.0.wishlists().add(customer_id, scope.channel.id, product_id).await?;
        Ok(Some(AddToWishlistPayload {
            status: Some("success".to_owned()),
            message: Some(ADDED.to_owned()),
            wishlist: Some(self.whole_wishlist(customer_id, scope, None).await?),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn remove_from_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationRemoveFromWishlistArgs,
    ) -> GqlResult<Option<RemoveFromWishlistPayload>> {
        let id = id_arg(args.input.wishlist_item_id.as_ref(), "Wishlist item ID is required")?;
        let (_, customer_id) = self.wisher(ctx).await?;
        self.0.wishlists().remove(customer_id, id).await?;
        Ok(Some(RemoveFromWishlistPayload {
            status: Some("success".to_owned()),
            message: Some(REMOVED.to_owned()),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_move_to_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateMoveToWishlistArgs,
    ) -> GqlResult<Option<CreateMoveToWishlistPayload>> {
        let input = args.input;
        let ids = input.item_ids.unwrap_or_default();
        if ids.is_empty() || ids.len() > 100 {
            return Err(validation("`itemIds`: give 1 to 100 cart line ids"));
        }
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        let carts = self.0.carts();
        let cart = carts.cart_of(Shopper::Customer { customer_id }, scope.channel.id, false).await?;
        let view = priced(&self.0, scope, cart.clone()).await?;
        // Lines not in the cart are skipped, as upstream skips them; none at all is an error.
        let lines: Vec<_> = view.lines.iter().filter(|l| ids.contains(&l.item.id)).collect();
        if lines.is_empty() {
            return Err(ServiceError::not_found_id("Cart item", ids[0]).into());
        }
        let wishlists = self.0.wishlists();
        for line in &lines {
            match wishlists.add(customer_id, scope.channel.id, line.item.product_id).await {
                Ok(_) => {}
                Err(e) if e.messages().iter().any(|m| m.contains("already in your wishlist")) => {}
                Err(e) => return Err(e.into()),
            }
        }
        let moved: Vec<i64> = lines.iter().map(|l| l.item.id).collect();
        carts.remove(&cart, &moved).await?;
        let (after, token) = current(&self.0, &rc, false).await?;
        let cart = cart_body(&after, scope, token, Some("Item moved to wishlist successfully."));
        Ok(Some(CreateMoveToWishlistPayload {
            move_to_wishlist: Some(move_to_wishlist_node(&cart)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn move_to_wishlist(
        &self,
        ctx: &Context<'_>,
        args: MutationMoveToWishlistArgs,
    ) -> GqlResult<Option<MoveToWishlistPayload>> {
        let line_id = args
            .input
            .cart_item_id
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .ok_or_else(|| validation("Cart item ID is required"))?;
        let line_id = line_id.parse::<i64>().unwrap_or(0);
        let (rc, customer_id) = self.wisher(ctx).await?;
        let scope = rc.scope().await?;
        let carts = self.0.carts();
        let cart = carts.cart_of(Shopper::Customer { customer_id }, scope.channel.id, false).await?;
        let view = priced(&self.0, scope, cart.clone()).await?;
        let line = view
            .lines
            .iter()
            .find(|l| l.item.id == line_id)
            .ok_or_else(|| ServiceError::not_found_id("Cart item", line_id))?;
        // The line's product (a configurable line's parent: an entry keeps no variant).
        let wishlists = self.0.wishlists();
        match wishlists.add(customer_id, scope.channel.id, line.item.product_id).await {
            Ok(_) => {}
            Err(e) if e.messages().iter().any(|m| m.contains("already in your wishlist")) => {}
            Err(e) => return Err(e.into()),
        }
        carts.remove(&cart, &[line_id]).await?;
        Ok(Some(MoveToWishlistPayload {
            status: Some("success".to_owned()),
            message: Some("Item moved to wishlist successfully.".to_owned()),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }
}

#[async_trait::async_trait]
impl WishlistResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &Wishlist) -> GqlResult<Option<Product>> {
        match parent.ext.get::<WishlistExt>().and_then(|e| e.product_id) {
            Some(id) => product_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    async fn customer(&self, ctx: &Context<'_>, parent: &Wishlist) -> GqlResult<Option<Customer>> {
        let Some(ext) = parent.ext.get::<WishlistExt>() else { return Ok(None) };
        let scope = &super::request(ctx)?.scope;
        let customer = self.0.customers().profile(ext.customer_id).await?;
        Ok(Some(customer_node(&customer, scope, None, None)))
    }

    async fn channel(&self, ctx: &Context<'_>, parent: &Wishlist) -> GqlResult<Option<Channel>> {
        match parent.ext.get::<WishlistExt>() {
            Some(ext) => channel_by_id(ctx, ext.channel_id).await,
            None => Ok(None),
        }
    }

    async fn items(
        &self,
        ctx: &Context<'_>,
        parent: &Wishlist,
        args: WishlistItemsArgs,
    ) -> GqlResult<Connection<WishlistItem>> {
        let scope = &super::request(ctx)?.scope;
        let entries = parent.ext.get::<WishlistExt>().map(|e| e.entries.clone()).unwrap_or_default();
        let nodes = entries
            .iter()
            .map(|w| WishlistItem {
                id: w.id.to_string(),
                id_: w.id,
                product_id: w.product_id,
                added_at: Some(scope.timestamp(w.created_at)),
                ext: Extra::new(w.product_id),
            })
            .collect();
        Connection::slice(nodes, &args.page, 100, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl WishlistItemResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &WishlistItem) -> GqlResult<Option<Product>> {
        product_by_id(ctx, parent.product_id).await
    }
}

#[async_trait::async_trait]
impl CompareItemResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &CompareItem) -> GqlResult<Option<Product>> {
        match parent.ext.get::<(i64, i64)>() {
            Some((product_id, _)) => product_by_id(ctx, *product_id).await,
            None => Ok(None),
        }
    }

    async fn customer(&self, ctx: &Context<'_>, parent: &CompareItem) -> GqlResult<Option<Customer>> {
        let Some((_, customer_id)) = parent.ext.get::<(i64, i64)>() else { return Ok(None) };
        let scope = &super::request(ctx)?.scope;
        let customer = self.0.customers().profile(*customer_id).await?;
        Ok(Some(customer_node(&customer, scope, None, None)))
    }
}
