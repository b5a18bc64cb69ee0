//! SQL of the privacy area.

use chrono::{DateTime, Utc};
use polyshop_entities::{eu_withdrawals, gdpr_data_requests as requests, orders};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::records::{GdprSort, PENDING, REVOKED};

pub async fn requests_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    sort: GdprSort,
    window: PageWindow,
) -> Result<Page<requests::Model>, ServiceError> {
    let query = requests::Entity::find().filter(requests::Column::CustomerId.eq(customer_id));
    let total = query.clone().count(db).await?;
    let order = if sort.descending { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    let mut query = query;
    if sort.by_created_at {
        query = query.order_by(requests::Column::CreatedAt, order.clone());
    }
    let rows =
        query.order_by(requests::Column::Id, order).offset(window.offset()).limit(window.limit()).all(db).await?;
    Ok(Page::new(rows, total, window))
}

pub async fn request_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<requests::Model>, ServiceError> {
    Ok(requests::Entity::find_by_id(id).filter(requests::Column::CustomerId.eq(customer_id)).one(db).await?)
}

pub async fn insert_request(
    db: &impl ConnectionTrait,
    customer_id: i64,
    email: &str,
    kind: &str,
    message: &str,
    now: DateTime<Utc>,
) -> Result<requests::Model, ServiceError> {
    Ok(requests::ActiveModel {
        customer_id: Set(customer_id),
        email: Set(email.to_owned()),
        status: Set(PENDING.into()),
        type_: Set(kind.to_owned()),
        message: Set(message.to_owned()),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Revokes the request if it is still in one of `revocable`; `None` when it was not.
pub async fn revoke_request(
    db: &impl ConnectionTrait,
    id: i64,
    revocable: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<requests::Model>, ServiceError> {
    let changed = requests::Entity::update_many()
        .col_expr(requests::Column::Status, sea_orm::sea_query::Expr::value(REVOKED))
        .col_expr(requests::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(requests::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(requests::Column::Id.eq(id))
        .filter(requests::Column::Status.is_in(revocable.iter().copied()))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(None);
    }
    Ok(requests::Entity::find_by_id(id).one(db).await?)
}

pub async fn delete_request(db: &impl ConnectionTrait, id: i64) -> Result<(), ServiceError> {
    requests::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Declarations of the customer's orders (owned through the order, as upstream), with each
/// order's number.
fn customers_withdrawals(customer_id: i64) -> sea_orm::Select<eu_withdrawals::Entity> {
    eu_withdrawals::Entity::find()
        .join(JoinType::InnerJoin, eu_withdrawals::Relation::Order.def())
        .filter(orders::Column::CustomerId.eq(customer_id))
}

pub async fn withdrawals_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    window: PageWindow,
) -> Result<Page<eu_withdrawals::Model>, ServiceError> {
    let query = customers_withdrawals(customer_id);
    let total = query.clone().count(db).await?;
    let rows =
        query.order_by_desc(eu_withdrawals::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    Ok(Page::new(rows, total, window))
}

pub async fn withdrawal_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<eu_withdrawals::Model>, ServiceError> {
    Ok(customers_withdrawals(customer_id).filter(eu_withdrawals::Column::Id.eq(id)).one(db).await?)
}

pub async fn withdrawal_of_order(
    db: &impl ConnectionTrait,
    order_id: i64,
) -> Result<Option<eu_withdrawals::Model>, ServiceError> {
    Ok(eu_withdrawals::Entity::find().filter(eu_withdrawals::Column::OrderId.eq(order_id)).one(db).await?)
}

/// Order numbers by order id.
pub async fn order_numbers(
    db: &impl ConnectionTrait,
    order_ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, ServiceError> {
    let rows = orders::Entity::find().filter(orders::Column::Id.is_in(order_ids.to_vec())).all(db).await?;
    Ok(rows.into_iter().map(|o| (o.id, o.increment_id)).collect())
}

pub async fn insert_withdrawal(
    db: &impl ConnectionTrait,
    row: eu_withdrawals::ActiveModel,
) -> Result<eu_withdrawals::Model, ServiceError> {
    Ok(row.insert(db).await?)
}

pub async fn set_confirmation_sent(
    db: &impl ConnectionTrait,
    row: eu_withdrawals::Model,
    now: DateTime<Utc>,
) -> Result<eu_withdrawals::Model, ServiceError> {
    let mut active = row.into_active_model();
    active.confirmation_sent_at = Set(Some(now));
    active.updated_at = Set(now);
    Ok(active.update(db).await?)
}
