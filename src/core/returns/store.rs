//! SQL of the returns area.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use polyshop_entities::{
    order_items, orders, products, rma, rma_items, rma_messages, rma_reason_resolutions, rma_reasons, rma_statuses,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::records::{Resolution, ReturnRecord};

pub async fn customers_order(
    db: &impl ConnectionTrait,
    customer_id: i64,
    order_id: i64,
) -> Result<Option<orders::Model>, ServiceError> {
    Ok(orders::Entity::find_by_id(order_id).filter(orders::Column::CustomerId.eq(customer_id)).one(db).await?)
}

/// The order's lines, by id (top-level lines and their children).
pub async fn order_lines(db: &impl ConnectionTrait, order_id: i64) -> Result<Vec<order_items::Model>, ServiceError> {
    Ok(order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .order_by_asc(order_items::Column::Id)
        .all(db)
        .await?)
}

/// Units named by returns of each line, whatever the returns' status.
pub async fn returned_units(
    db: &impl ConnectionTrait,
    order_item_ids: &[i64],
) -> Result<HashMap<i64, i64>, ServiceError> {
    let rows =
        rma_items::Entity::find().filter(rma_items::Column::OrderItemId.is_in(order_item_ids.to_vec())).all(db).await?;
    let mut units = HashMap::new();
    for r in rows {
        *units.entry(r.order_item_id).or_insert(0) += i64::from(r.quantity);
    }
    Ok(units)
}

/// Which of `ids` are products that still exist.
pub async fn existing_products(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<i64>, ServiceError> {
    Ok(products::Entity::find()
        .filter(products::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Active reasons offered for `resolution`, by position then id.
pub async fn reasons(
    db: &impl ConnectionTrait,
    resolution: Resolution,
) -> Result<Vec<rma_reasons::Model>, ServiceError> {
    Ok(rma_reasons::Entity::find()
        .join(JoinType::InnerJoin, rma_reasons::Relation::RmaReasonResolutions.def())
        .filter(rma_reason_resolutions::Column::ResolutionType.eq(resolution.as_str()))
        .filter(rma_reasons::Column::Status.eq(true))
        .order_by_asc(rma_reasons::Column::Position)
        .order_by_asc(rma_reasons::Column::Id)
        .all(db)
        .await?)
}

fn customers_returns(customer_id: i64) -> sea_orm::Select<rma::Entity> {
    rma::Entity::find()
        .join(JoinType::InnerJoin, rma::Relation::Order.def())
        .filter(orders::Column::CustomerId.eq(customer_id))
}

pub async fn returns_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    status: Option<i64>,
    window: PageWindow,
) -> Result<Page<rma::Model>, ServiceError> {
    let mut query = customers_returns(customer_id);
    if let Some(status) = status {
        query = query.filter(rma::Column::RmaStatusId.eq(status));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(rma::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    Ok(Page::new(rows, total, window))
}

pub async fn return_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<rma::Model>, ServiceError> {
    Ok(customers_returns(customer_id).filter(rma::Column::Id.eq(id)).one(db).await?)
}

/// The returns with their orders, statuses, items, lines, reasons and message counts (a fixed
/// number of queries for any number of returns).
pub async fn records(db: &impl ConnectionTrait, rows: Vec<rma::Model>) -> Result<Vec<ReturnRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let order_ids: Vec<i64> = rows.iter().map(|r| r.order_id).collect();
    let orders: HashMap<i64, orders::Model> = orders::Entity::find()
        .filter(orders::Column::Id.is_in(order_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let statuses: HashMap<i64, rma_statuses::Model> =
        rma_statuses::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let items: HashMap<i64, rma_items::Model> = rma_items::Entity::find()
        .filter(rma_items::Column::RmaId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.rma_id, i))
        .collect();
    let line_ids: Vec<i64> = items.values().map(|i| i.order_item_id).collect();
    let lines: HashMap<i64, order_items::Model> = order_items::Entity::find()
        .filter(order_items::Column::Id.is_in(line_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let reason_ids: Vec<i64> = items.values().filter_map(|i| i.rma_reason_id).collect();
    let reasons: HashMap<i64, String> = rma_reasons::Entity::find()
        .filter(rma_reasons::Column::Id.is_in(reason_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title))
        .collect();
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for m in rma_messages::Entity::find().filter(rma_messages::Column::RmaId.is_in(ids)).all(db).await? {
        *counts.entry(m.rma_id).or_insert(0) += 1;
    }
    Ok(rows
        .into_iter()
        .filter_map(|rma| {
            let order = orders.get(&rma.order_id)?.clone();
            let item = items.get(&rma.id).cloned();
            let line = item.as_ref().and_then(|i| lines.get(&i.order_item_id));
            Some(ReturnRecord {
                status: statuses.get(&rma.rma_status_id).cloned(),
                line_sku: line.map(|l| l.sku.clone()).unwrap_or_default(),
                line_name: line.map(|l| l.name.clone()).unwrap_or_default(),
                reason: item.as_ref().and_then(|i| i.rma_reason_id).and_then(|r| reasons.get(&r).cloned()),
                messages_count: counts.get(&rma.id).copied().unwrap_or(0),
                item,
                order,
                flags: None,
                rma,
            })
        })
        .collect())
}

/// The line a return names (for its window).
pub async fn line(db: &impl ConnectionTrait, id: i64) -> Result<Option<order_items::Model>, ServiceError> {
    Ok(order_items::Entity::find_by_id(id).one(db).await?)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_return(
    db: &impl ConnectionTrait,
    order_id: i64,
    line: &order_items::Model,
    variant_id: Option<i64>,
    reason_id: i64,
    quantity: i32,
    resolution: Resolution,
    texts: (Option<String>, Option<String>),
    now: DateTime<Utc>,
) -> Result<rma::Model, ServiceError> {
    let (information, package_condition) = texts;
    let row = rma::ActiveModel {
        order_id: Set(order_id),
        rma_status_id: Set(super::records::rma_status::PENDING_REVIEW),
        package_condition: Set(package_condition),
        information: Set(information),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    rma_items::ActiveModel {
        rma_id: Set(row.id),
        rma_reason_id: Set(Some(reason_id)),
        order_item_id: Set(line.id),
        variant_id: Set(variant_id),
        quantity: Set(quantity),
        resolution: Set(resolution.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row)
}

pub async fn insert_message(
    db: &impl ConnectionTrait,
    rma_id: i64,
    message: &str,
    is_admin: bool,
    now: DateTime<Utc>,
) -> Result<rma_messages::Model, ServiceError> {
    Ok(rma_messages::ActiveModel {
        rma_id: Set(rma_id),
        message: Set(message.to_owned()),
        is_admin: Set(is_admin),
        attachment: Set(None),
        attachment_path: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    row: rma::Model,
    status: i64,
    now: DateTime<Utc>,
) -> Result<rma::Model, ServiceError> {
    let mut active = row.into_active_model();
    active.rma_status_id = Set(status);
    active.updated_at = Set(now);
    Ok(active.update(db).await?)
}

/// The conversation, newest first.
pub async fn messages(db: &impl ConnectionTrait, rma_id: i64) -> Result<Vec<rma_messages::Model>, ServiceError> {
    Ok(rma_messages::Entity::find()
        .filter(rma_messages::Column::RmaId.eq(rma_id))
        .order_by_desc(rma_messages::Column::Id)
        .all(db)
        .await?)
}
