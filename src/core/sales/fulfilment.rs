//! Moving an order's fulfilment along: the status handle and tracking details.

use polyshop_entities::{order_payments, orders};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect,
};

use super::{OrderRecord, payment, status, statuses, store};

/// A change to an order's fulfilment. `None` keeps a field; `Some(None)` clears a tracking field.
#[derive(Debug, Clone, Default)]
pub struct FulfilmentUpdate {
    pub handle: Option<String>,
    pub tracking_id: Option<Option<String>>,
    pub tracking_code: Option<Option<String>>,
    pub tracking_url: Option<Option<String>>,
}

/// Applies `update` to order `order_id` in one transaction and returns the order as stored.
pub async fn update_fulfilment(
    db: &DatabaseConnection,
    order_id: i64,
    update: FulfilmentUpdate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrderRecord, ServiceError> {
    crate::db::write_transaction(db, |txn| Box::pin(apply(txn, order_id, update, now))).await
}

async fn apply(
    txn: &DatabaseTransaction,
    order_id: i64,
    update: FulfilmentUpdate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<OrderRecord, ServiceError> {
    let order = orders::Entity::find_by_id(order_id).lock_exclusive().one(txn).await?.ok_or_else(order_not_found)?;
    if let Some(handle) = &update.handle {
        let statuses = store::fulfilment_statuses(txn).await?;
        if !statuses.iter().any(|s| &s.handle == handle) {
            let known: Vec<&str> = statuses.iter().map(|s| s.handle.as_str()).collect();
            return Err(ServiceError::invalid_field(
                "handle",
                format!("unknown fulfilment status `{handle}` (known: {})", known.join(", ")),
            ));
        }
    }
    if let Some(Some(url)) = &update.tracking_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(ServiceError::invalid_field("tracking_url", "must be an http(s) URL"));
    }
    let paid = order_payments::Entity::find()
        .filter(order_payments::Column::OrderId.eq(order_id))
        .one(txn)
        .await?
        .is_some_and(|p| p.status == payment::PAID);
    let lifecycle = update.handle.as_deref().and_then(|h| follows(&order.status, h, paid));
    let mut active = order.into_active_model();
    if let Some(handle) = update.handle {
        active.fulfilment_status = Set(handle);
    }
    if let Some(s) = lifecycle {
        active.status = Set(s.to_owned());
    }
    if let Some(v) = update.tracking_id {
        active.tracking_id = Set(v);
    }
    if let Some(v) = update.tracking_code {
        active.tracking_code = Set(v);
    }
    if let Some(v) = update.tracking_url {
        active.tracking_url = Set(v);
    }
    active.updated_at = Set(now);
    let order = active.update(txn).await?;
    // Shipped here: the customer's shipment view shows it, with the tracking number.
    if matches!(order.fulfilment_status.as_str(), "shipped" | "delivered") {
        super::documents::ship_order(txn, &order, now).await?;
    }
    statuses::refresh_code(txn, order_id).await?;
    store::find_order(txn, order_id).await?.ok_or_else(order_not_found)
}

/// The lifecycle status an order moves to when its fulfilment becomes `handle`: work started
/// means processing; shipped or delivered and paid means completed. Other moves keep it.
fn follows(current: &str, handle: &str, paid: bool) -> Option<&'static str> {
    match (current, handle) {
        (status::PENDING, "processing") => Some(status::PROCESSING),
        (status::PENDING | status::PROCESSING, "shipped" | "delivered") if paid => Some(status::COMPLETED),
        (status::PENDING, "shipped" | "delivered") => Some(status::PROCESSING),
        _ => None,
    }
}

pub fn order_not_found() -> ServiceError {
    ServiceError::not_found("Order not found")
}
