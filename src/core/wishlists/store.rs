//! The SQL of wishlists and compare lists.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use polyshop_entities::{compare_items, wishlist_items};
use polyshop_runtime::{PageWindow, ServiceError};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};

fn wishlist_of(customer_id: i64, channel_id: i64) -> Select<wishlist_items::Entity> {
    wishlist_items::Entity::find()
        .filter(wishlist_items::Column::CustomerId.eq(customer_id))
        .filter(wishlist_items::Column::ChannelId.eq(channel_id))
}

fn compared_by(customer_id: i64) -> Select<compare_items::Entity> {
    compare_items::Entity::find().filter(compare_items::Column::CustomerId.eq(customer_id))
}

pub async fn count_wishlist(db: &impl ConnectionTrait, customer_id: i64, channel_id: i64) -> Result<u64, ServiceError> {
    Ok(wishlist_of(customer_id, channel_id).count(db).await?)
}

/// A page of the wishlist, oldest first (newest first when `newest_first`).
pub async fn list_wishlist(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
    newest_first: bool,
    window: PageWindow,
) -> Result<Vec<wishlist_items::Model>, ServiceError> {
    let order = if newest_first { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    Ok(wishlist_of(customer_id, channel_id)
        .order_by(wishlist_items::Column::Id, order)
        .offset(window.offset())
        .limit(window.limit())
        .all(db)
        .await?)
}

/// The customer's wishlist item `id`, in any channel.
pub async fn find_wishlist_item(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<wishlist_items::Model>, ServiceError> {
    Ok(wishlist_items::Entity::find_by_id(id)
        .filter(wishlist_items::Column::CustomerId.eq(customer_id))
        .one(db)
        .await?)
}

pub async fn find_wished(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
    product_id: i64,
) -> Result<Option<wishlist_items::Model>, ServiceError> {
    Ok(wishlist_of(customer_id, channel_id).filter(wishlist_items::Column::ProductId.eq(product_id)).one(db).await?)
}

pub async fn insert_wished(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
    product_id: i64,
    now: DateTime<Utc>,
) -> Result<wishlist_items::Model, ServiceError> {
    let row = wishlist_items::ActiveModel {
        channel_id: Set(channel_id),
        customer_id: Set(customer_id),
        product_id: Set(product_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn delete_wished(db: &impl ConnectionTrait, id: i64) -> Result<(), ServiceError> {
    wishlist_items::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn clear_wishlist(db: &impl ConnectionTrait, customer_id: i64) -> Result<u64, ServiceError> {
    Ok(wishlist_items::Entity::delete_many()
        .filter(wishlist_items::Column::CustomerId.eq(customer_id))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn count_compared(db: &impl ConnectionTrait, customer_id: i64) -> Result<u64, ServiceError> {
    Ok(compared_by(customer_id).count(db).await?)
}

/// A page of the compare list, oldest first.
pub async fn list_compared(
    db: &impl ConnectionTrait,
    customer_id: i64,
    window: PageWindow,
) -> Result<Vec<compare_items::Model>, ServiceError> {
    Ok(compared_by(customer_id)
        .order_by_asc(compare_items::Column::Id)
        .offset(window.offset())
        .limit(window.limit())
        .all(db)
        .await?)
}

pub async fn find_compared(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<compare_items::Model>, ServiceError> {
    Ok(compared_by(customer_id).filter(compare_items::Column::Id.eq(id)).one(db).await?)
}

pub async fn find_compared_product(
    db: &impl ConnectionTrait,
    customer_id: i64,
    product_id: i64,
) -> Result<Option<compare_items::Model>, ServiceError> {
    Ok(compared_by(customer_id).filter(compare_items::Column::ProductId.eq(product_id)).one(db).await?)
}

pub async fn insert_compared(
    db: &impl ConnectionTrait,
    customer_id: i64,
    product_id: i64,
    now: DateTime<Utc>,
) -> Result<compare_items::Model, ServiceError> {
    let row = compare_items::ActiveModel {
        customer_id: Set(customer_id),
        product_id: Set(product_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn delete_compared(db: &impl ConnectionTrait, id: i64) -> Result<(), ServiceError> {
    compare_items::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn clear_compared(db: &impl ConnectionTrait, customer_id: i64) -> Result<u64, ServiceError> {
    Ok(compare_items::Entity::delete_many()
        .filter(compare_items::Column::CustomerId.eq(customer_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Which of `product_ids` are on the customer's wishlist in the channel, and which they compare.
pub async fn flags(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
    product_ids: &[i64],
) -> Result<(HashSet<i64>, HashSet<i64>), ServiceError> {
    if product_ids.is_empty() {
        return Ok((HashSet::new(), HashSet::new()));
    }
    let wished: Vec<i64> = wishlist_of(customer_id, channel_id)
        .filter(wishlist_items::Column::ProductId.is_in(product_ids.iter().copied()))
        .select_only()
        .column(wishlist_items::Column::ProductId)
        .into_tuple()
        .all(db)
        .await?;
    let compared: Vec<i64> = compared_by(customer_id)
        .filter(compare_items::Column::ProductId.is_in(product_ids.iter().copied()))
        .select_only()
        .column(compare_items::Column::ProductId)
        .into_tuple()
        .all(db)
        .await?;
    Ok((wished.into_iter().collect(), compared.into_iter().collect()))
}
