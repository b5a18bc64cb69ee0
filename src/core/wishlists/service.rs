//! A customer's wishlist (per channel) and compare list: adding a product at most once,
//! toggling, removing, clearing, and moving a wishlist item to the cart. Another customer's
//! item is answered as if it did not exist.

use std::sync::Arc;

use polyshop_entities::{compare_items, products, wishlist_items};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{DatabaseConnection, EntityTrait};

use super::store;
use crate::{
    carts::{AddItem, CartService, Shopper},
    catalog::kind,
    clock::Clock,
    settings::scope::Scope,
};

pub const WISHLIST_ITEM_NOT_FOUND: &str = "Wishlist item not found";
pub const COMPARE_ITEM_NOT_FOUND: &str = "Compare item not found";
pub const ADDED: &str = "Item Successfully Added To Wishlist";
pub const REMOVED: &str = "Item Successfully Removed From Wishlist";

/// What toggling a product did.
#[derive(Debug, Clone)]
pub enum Toggled {
    Added(wishlist_items::Model),
    /// The item as it was before it was removed.
    Removed(wishlist_items::Model),
}

#[derive(Clone)]
pub struct WishlistService {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl WishlistService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        WishlistService { db, clock }
    }

    /// The product to add: 404 when unknown, 400 when disabled (the catalog hides it).
    async fn addable(&self, product_id: i64) -> Result<products::Model, ServiceError> {
        let product = products::Entity::find_by_id(product_id)
            .one(&self.db)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Product", product_id))?;
        if !product.status {
            return Err(ServiceError::bad_request("This product is currently disabled"));
        }
        Ok(product)
    }

    /// A page of the wishlist of the channel, in the order items were added (ids and creation
    /// times agree), or the reverse.
    pub async fn wishlist(
        &self,
        customer_id: i64,
        channel_id: i64,
        newest_first: bool,
        window: PageWindow,
    ) -> Result<Page<wishlist_items::Model>, ServiceError> {
        let total = store::count_wishlist(&self.db, customer_id, channel_id).await?;
        let rows = store::list_wishlist(&self.db, customer_id, channel_id, newest_first, window).await?;
        Ok(Page::new(rows, total, window))
    }

    /// The customer's wishlist item `id` (any channel); 404 otherwise.
    pub async fn wishlist_item(&self, customer_id: i64, id: i64) -> Result<wishlist_items::Model, ServiceError> {
        store::find_wishlist_item(&self.db, customer_id, id)
            .await?
            .ok_or_else(|| ServiceError::not_found(WISHLIST_ITEM_NOT_FOUND))
    }

    /// Adds a product to the wishlist of the channel: 400 when it is already there.
    pub async fn add(
        &self,
        customer_id: i64,
        channel_id: i64,
        product_id: i64,
    ) -> Result<wishlist_items::Model, ServiceError> {
        self.addable(product_id).await?;
        if store::find_wished(&self.db, customer_id, channel_id, product_id).await?.is_some() {
            return Err(ServiceError::bad_request("This product is already in your wishlist"));
        }
        store::insert_wished(&self.db, customer_id, channel_id, product_id, self.clock.now())
            .await
            .map_err(|e| duplicate(e, "This product is already in your wishlist"))
    }

    /// Adds the product when it is not on the wishlist, removes it when it is (whatever its
    /// status now).
    pub async fn toggle(&self, customer_id: i64, channel_id: i64, product_id: i64) -> Result<Toggled, ServiceError> {
        if let Some(item) = store::find_wished(&self.db, customer_id, channel_id, product_id).await? {
            store::delete_wished(&self.db, item.id).await?;
            return Ok(Toggled::Removed(item));
        }
        self.add(customer_id, channel_id, product_id).await.map(Toggled::Added)
    }

    /// Removes the customer's wishlist item `id` (any channel) and answers it as it was.
    pub async fn remove(&self, customer_id: i64, id: i64) -> Result<wishlist_items::Model, ServiceError> {
        let item = self.wishlist_item(customer_id, id).await?;
        store::delete_wished(&self.db, item.id).await?;
        Ok(item)
    }

    /// Empties the customer's wishlist in every channel: how many items it held.
    pub async fn clear(&self, customer_id: i64) -> Result<u64, ServiceError> {
        store::clear_wishlist(&self.db, customer_id).await
    }

    /// Adds `quantity` of the wishlist item's product to the customer's cart in the scope's channel
    /// (opened if need be), as adding to the cart does, then takes it off the wishlist. A
    /// variant is added as its configurable product with that variant; a product that needs a
    /// choice the wishlist does not keep (configurable, grouped, bundle, ...) is a 422.
    pub async fn move_to_cart(
        &self,
        customer_id: i64,
        id: i64,
        quantity: i64,
        scope: &Scope,
    ) -> Result<(), ServiceError> {
        let item = self.wishlist_item(customer_id, id).await?;
        let product = products::Entity::find_by_id(item.product_id)
            .one(&self.db)
            .await?
            .ok_or_else(|| ServiceError::not_found(WISHLIST_ITEM_NOT_FOUND))?;
        let add = match (product.parent_id, product.type_.as_str()) {
            (Some(parent), _) => {
                AddItem { product_id: parent, variant_id: Some(product.id), quantity, ..Default::default() }
            }
            (None, kind::SIMPLE | kind::VIRTUAL) => AddItem { product_id: product.id, quantity, ..Default::default() },
            _ => {
                return Err(ServiceError::unprocessable(
                    "Product has missing required options. Please configure it manually",
                ));
            }
        };
        let carts = CartService::new(self.db.clone(), self.clock.clone());
        let cart = carts.cart_of(Shopper::Customer { customer_id }, scope.channel.id, true).await?;
        carts.add(&cart, add, &scope.channel, &scope.locale).await?;
        store::delete_wished(&self.db, item.id).await
    }

    pub async fn compared(
        &self,
        customer_id: i64,
        window: PageWindow,
    ) -> Result<Page<compare_items::Model>, ServiceError> {
        let total = store::count_compared(&self.db, customer_id).await?;
        let rows = store::list_compared(&self.db, customer_id, window).await?;
        Ok(Page::new(rows, total, window))
    }

    pub async fn compare_item(&self, customer_id: i64, id: i64) -> Result<compare_items::Model, ServiceError> {
        store::find_compared(&self.db, customer_id, id)
            .await?
            .ok_or_else(|| ServiceError::not_found(COMPARE_ITEM_NOT_FOUND))
    }

    /// Adds a product to the compare list: 400 when it is already there.
    pub async fn compare(&self, customer_id: i64, product_id: i64) -> Result<compare_items::Model, ServiceError> {
        self.addable(product_id).await?;
        if store::find_compared_product(&self.db, customer_id, product_id).await?.is_some() {
            return Err(ServiceError::bad_request("This product is already in your comparison list"));
        }
        store::insert_compared(&self.db, customer_id, product_id, self.clock.now())
            .await
            .map_err(|e| duplicate(e, "This product is already in your comparison list"))
    }

    pub async fn uncompare(&self, customer_id: i64, id: i64) -> Result<compare_items::Model, ServiceError> {
        let item = self.compare_item(customer_id, id).await?;
        store::delete_compared(&self.db, item.id).await?;
        Ok(item)
    }

    pub async fn clear_compared(&self, customer_id: i64) -> Result<u64, ServiceError> {
        store::clear_compared(&self.db, customer_id).await
    }

    /// Which of `product_ids` the customer has on their wishlist in the channel, and compares.
    pub async fn flags(
        &self,
        customer_id: i64,
        channel_id: i64,
        product_ids: &[i64],
    ) -> Result<(std::collections::HashSet<i64>, std::collections::HashSet<i64>), ServiceError> {
        store::flags(&self.db, customer_id, channel_id, product_ids).await
    }
}

/// A concurrent duplicate (the unique index refused it) reads as the duplicate it is.
fn duplicate(e: ServiceError, message: &str) -> ServiceError {
    if e.status() == poem::http::StatusCode::CONFLICT { ServiceError::bad_request(message) } else { e }
}
