//! SQL of the customers area.

use super::records::{ADDRESS_TYPE, AddressOrder};
use chrono::{DateTime, Utc};
use polyshop_entities::{addresses, countries, customer_groups, customers, orders, password_resets};
use polyshop_runtime::{PageWindow, ServiceError};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

/// Order states in which an order is still being worked on: its customer cannot leave.
const ACTIVE_ORDER_STATES: &[&str] = &["pending", "pending_payment", "processing"];

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<customers::Model>, ServiceError> {
    Ok(customers::Entity::find().filter(customers::Column::Email.eq(email)).one(db).await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<customers::Model>, ServiceError> {
    Ok(customers::Entity::find_by_id(id).one(db).await?)
}

/// Whether another customer than `except` has `email`.
pub async fn email_taken(db: &impl ConnectionTrait, email: &str, except: Option<i64>) -> Result<bool, ServiceError> {
    let mut query = customers::Entity::find().filter(customers::Column::Email.eq(email));
    if let Some(id) = except {
        query = query.filter(customers::Column::Id.ne(id));
    }
    Ok(query.count(db).await? > 0)
}

/// The id of the customer group with `code` (`general` for new registrations).
pub async fn group_id(db: &impl ConnectionTrait, code: &str) -> Result<Option<i64>, ServiceError> {
    Ok(customer_groups::Entity::find()
        .select_only()
        .column(customer_groups::Column::Id)
        .filter(customer_groups::Column::Code.eq(code))
        .into_tuple::<i64>()
        .one(db)
        .await?)
}

pub async fn active_orders(db: &impl ConnectionTrait, customer_id: i64) -> Result<u64, ServiceError> {
    Ok(orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::Status.is_in(ACTIVE_ORDER_STATES.iter().copied()))
        .count(db)
        .await?)
}

/// Detaches a leaving customer's orders from the account: they stay, with the names and email
/// the order was placed with, as a guest's.
pub async fn detach_orders(db: &impl ConnectionTrait, customer_id: i64) -> Result<(), ServiceError> {
    orders::Entity::update_many()
        .col_expr(orders::Column::CustomerId, Expr::value(Option::<i64>::None))
        .col_expr(orders::Column::IsGuest, Expr::value(true))
        .filter(orders::Column::CustomerId.eq(customer_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the account; its addresses, sign-ins and reset links go with it (foreign keys
/// cascade), its reviews stay without it.
pub async fn delete_customer(db: &impl ConnectionTrait, customer_id: i64) -> Result<(), ServiceError> {
    customers::Entity::delete_by_id(customer_id).exec(db).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Password resets

pub async fn replace_reset(
    db: &impl ConnectionTrait,
    customer_id: i64,
    token_hash: String,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    password_resets::Entity::delete_by_id(customer_id).exec(db).await?;
    let row = password_resets::ActiveModel {
        customer_id: Set(customer_id),
        token_hash: Set(token_hash),
        created_at: Set(now),
    };
    password_resets::Entity::insert(row).exec(db).await?;
    Ok(())
}

pub async fn find_reset(
    db: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<Option<password_resets::Model>, ServiceError> {
    Ok(password_resets::Entity::find_by_id(customer_id).one(db).await?)
}

pub async fn delete_reset(db: &impl ConnectionTrait, customer_id: i64) -> Result<(), ServiceError> {
    password_resets::Entity::delete_by_id(customer_id).exec(db).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Address book

fn book(customer_id: i64) -> sea_orm::Select<addresses::Entity> {
    addresses::Entity::find()
        .filter(addresses::Column::CustomerId.eq(customer_id))
        .filter(addresses::Column::AddressType.eq(ADDRESS_TYPE))
}

pub async fn count_addresses(db: &impl ConnectionTrait, customer_id: i64) -> Result<u64, ServiceError> {
    Ok(book(customer_id).count(db).await?)
}

/// A page of the address book in `order`.
pub async fn list_addresses(
    db: &impl ConnectionTrait,
    customer_id: i64,
    order: AddressOrder,
    window: PageWindow,
) -> Result<Vec<addresses::Model>, ServiceError> {
    let direction = if order.descending { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    let mut query = book(customer_id);
    if order.by_creation {
        query = query.order_by(addresses::Column::CreatedAt, direction.clone());
    }
    Ok(query.order_by(addresses::Column::Id, direction).offset(window.offset()).limit(window.limit()).all(db).await?)
}

pub async fn find_address(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<addresses::Model>, ServiceError> {
    Ok(book(customer_id).filter(addresses::Column::Id.eq(id)).one(db).await?)
}

/// Whether `code` is a country the store knows.
pub async fn country_exists(db: &impl ConnectionTrait, code: &str) -> Result<bool, ServiceError> {
    Ok(countries::Entity::find().filter(countries::Column::Code.eq(code)).count(db).await? > 0)
}

/// Makes `id` the only default address of the book (none when `id` is `None`).
pub async fn set_default(db: &impl ConnectionTrait, customer_id: i64, id: Option<i64>) -> Result<(), ServiceError> {
    let mut update = addresses::Entity::update_many()
        .col_expr(addresses::Column::DefaultAddress, Expr::value(false))
        .filter(addresses::Column::CustomerId.eq(customer_id))
        .filter(addresses::Column::AddressType.eq(ADDRESS_TYPE));
    if let Some(id) = id {
        update = update.filter(addresses::Column::Id.ne(id));
    }
    update.exec(db).await?;
    if let Some(id) = id {
        addresses::Entity::update_many()
            .col_expr(addresses::Column::DefaultAddress, Expr::value(true))
            .filter(addresses::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The oldest address of the book, if any (the default after the default one is deleted).
pub async fn oldest_address(db: &impl ConnectionTrait, customer_id: i64) -> Result<Option<i64>, ServiceError> {
    Ok(book(customer_id)
        .select_only()
        .column(addresses::Column::Id)
        .order_by_asc(addresses::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?)
}
