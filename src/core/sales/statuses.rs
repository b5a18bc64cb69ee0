//! Merchant order statuses (CS-Cart's one-letter codes) and how they map onto the core states.
//!
//! Each status in `order_statuses` names the lifecycle status it sets, and optionally the
//! fulfilment and payment statuses. Choosing a status applies those states; any other change of
//! the core states (a fulfilment update through the Community Store API, say) re-derives the
//! code, so `orders.status_code` always describes the order and can be filtered in SQL.

use chrono::{DateTime, Utc};
use polyshop_entities::{order_payments, order_status_history, order_statuses, orders};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};

use super::{OrderRecord, inventory, payment, status};

/// The configured statuses, in display order.
#[derive(Debug, Clone)]
pub struct StatusMap {
    rows: Vec<order_statuses::Model>,
}

/// The core states of one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoreState<'a> {
    pub order_status: &'a str,
    pub fulfilment: &'a str,
    pub payment: &'a str,
}

impl<'a> CoreState<'a> {
    pub fn of(order: &'a orders::Model, payment: Option<&'a order_payments::Model>) -> CoreState<'a> {
        CoreState {
            order_status: &order.status,
            fulfilment: &order.fulfilment_status,
            payment: payment.map(|p| p.status.as_str()).unwrap_or(payment::PENDING),
        }
    }
}

impl StatusMap {
    pub async fn load(db: &impl ConnectionTrait) -> Result<StatusMap, ServiceError> {
        let rows = order_statuses::Entity::find()
            .order_by_asc(order_statuses::Column::Position)
            .order_by_asc(order_statuses::Column::Id)
            .all(db)
            .await?;
        Ok(StatusMap { rows })
    }

    pub fn get(&self, code: &str) -> Option<&order_statuses::Model> {
        self.rows.iter().find(|r| r.code == code)
    }

    pub fn codes(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.code.as_str()).collect()
    }

    /// Whether orders in status `code` keep their items out of stock.
    pub fn holds_inventory(&self, code: &str) -> bool {
        self.get(code).is_none_or(|r| r.holds_inventory)
    }

    /// The status code describing `state`: the current code while it still does, else the first
    /// status with the same lifecycle status whose payment status agrees, else the first with
    /// the same lifecycle status, else the status of completed orders for closed ones, else `O`.
    pub fn code_for(&self, current: Option<&str>, state: CoreState<'_>) -> String {
        let describes = |r: &order_statuses::Model| {
            r.order_status == state.order_status
                && r.fulfilment_status.as_deref().is_none_or(|f| f == state.fulfilment)
                && r.payment_status.as_deref().is_none_or(|p| p == state.payment)
        };
        if let Some(row) = current.and_then(|c| self.get(c))
            && describes(row)
        {
            return row.code.clone();
        }
        let lifecycle = if state.order_status == status::CLOSED { status::COMPLETED } else { state.order_status };
        let same_lifecycle: Vec<&order_statuses::Model> =
            self.rows.iter().filter(|r| r.order_status == lifecycle).collect();
        same_lifecycle
            .iter()
            .find(|r| r.payment_status.as_deref().is_none_or(|p| p == state.payment))
            .or_else(|| same_lifecycle.first())
            .map(|r| r.code.clone())
            .unwrap_or_else(|| "O".to_owned())
    }
}

/// Who asked for a status change and whom to tell.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatusChange {
    pub notify_customer: bool,
    pub notify_department: bool,
    pub notify_vendor: bool,
    pub admin_id: Option<i64>,
}

/// Moves the order to status `code`: applies the core states it maps to, returns or takes
/// stock when it crosses between holding and not holding inventory, and records the change.
pub async fn set_status(
    txn: &DatabaseTransaction,
    record: &OrderRecord,
    code: &str,
    change: StatusChange,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let map = StatusMap::load(txn).await?;
    let Some(row) = map.get(code) else {
        return Err(ServiceError::bad_request(format!(
            "status: unknown status `{code}` (known: {})",
            map.codes().join(", ")
        )));
    };
    let order = &record.order;
    let previous = order.status_code.clone();
    match (map.holds_inventory(&previous), row.holds_inventory) {
        (true, false) => inventory::release(txn, order.channel_id, &record.items).await?,
        (false, true) => inventory::take_items(txn, order.channel_id, &record.items).await?,
        _ => {}
    }
    let mut active = order.clone().into_active_model();
    active.status = Set(row.order_status.clone());
    if let Some(handle) = &row.fulfilment_status {
        active.fulfilment_status = Set(handle.clone());
    }
    active.status_code = Set(row.code.clone());
    active.updated_at = Set(now);
    let order = active.update(txn).await?;
    let payment = match (&row.payment_status, &record.payment) {
        (Some(new), Some(p)) if *new != p.status => Some(set_payment_status(txn, p, new, now).await?),
        _ => record.payment.clone(),
    };
    let state = CoreState::of(&order, payment.as_ref());
    super::downloads::follow_order(txn, order.id, state.order_status, state.payment, now).await?;
    // Paid or shipped through this status: the customer's invoice and shipment views show it.
    if state.payment == payment::PAID {
        super::documents::invoice_order(txn, &order, now).await?;
    }
    if matches!(state.fulfilment, "shipped" | "delivered") {
        super::documents::ship_order(txn, &order, now).await?;
    }
    order_status_history::ActiveModel {
        order_id: Set(order.id),
        status_code: Set(row.code.clone()),
        previous_status_code: Set(Some(previous)),
        order_status: Set(state.order_status.to_owned()),
        fulfilment_status: Set(state.fulfilment.to_owned()),
        payment_status: Set(state.payment.to_owned()),
        notify_customer: Set(change.notify_customer),
        notify_department: Set(change.notify_department),
        notify_vendor: Set(change.notify_vendor),
        admin_id: Set(change.admin_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Sets a payment's status, stamping when it was paid and forgetting dates that no longer hold.
async fn set_payment_status(
    txn: &DatabaseTransaction,
    p: &order_payments::Model,
    new: &str,
    now: DateTime<Utc>,
) -> Result<order_payments::Model, ServiceError> {
    let mut active = p.clone().into_active_model();
    active.status = Set(new.to_owned());
    match new {
        payment::PAID => {
            active.paid_at = Set(p.paid_at.or(Some(now)));
            active.refunded_at = Set(None);
        }
        payment::REFUNDED => active.refunded_at = Set(p.refunded_at.or(Some(now))),
        _ => {
            active.paid_at = Set(None);
            active.refunded_at = Set(None);
        }
    }
    active.updated_at = Set(now);
    Ok(active.update(txn).await?)
}

/// Re-derives and stores an order's status code after its core states changed elsewhere.
pub async fn refresh_code(txn: &impl ConnectionTrait, order_id: i64) -> Result<(), ServiceError> {
    let Some(order) = orders::Entity::find_by_id(order_id).one(txn).await? else { return Ok(()) };
    let payment = order_payments::Entity::find().filter(order_payments::Column::OrderId.eq(order_id)).one(txn).await?;
    let map = StatusMap::load(txn).await?;
    let code = map.code_for(Some(&order.status_code), CoreState::of(&order, payment.as_ref()));
    if code != order.status_code {
        let mut active = order.into_active_model();
        active.status_code = Set(code);
        active.update(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        code: &str,
        order: &str,
        fulfilment: Option<&str>,
        payment: Option<&str>,
        position: i32,
    ) -> order_statuses::Model {
        order_statuses::Model {
            id: position as i64,
            code: code.into(),
            name: code.into(),
            order_status: order.into(),
            fulfilment_status: fulfilment.map(Into::into),
            payment_status: payment.map(Into::into),
            holds_inventory: true,
            position,
        }
    }

    fn defaults() -> StatusMap {
        StatusMap {
            rows: vec![
                row("P", "processing", Some("processing"), Some("paid"), 1),
                row("C", "completed", Some("delivered"), Some("paid"), 2),
                row("O", "pending", Some("incomplete"), Some("pending"), 3),
                row("F", "canceled", Some("nodelivery"), Some("failed"), 4),
                row("D", "fraud", Some("nodelivery"), Some("failed"), 5),
                row("B", "processing", Some("incomplete"), Some("paid"), 6),
                row("I", "canceled", Some("nodelivery"), None, 7),
                row("Y", "pending_payment", Some("incomplete"), Some("pending"), 8),
            ],
        }
    }

    fn state<'a>(order_status: &'a str, fulfilment: &'a str, payment: &'a str) -> CoreState<'a> {
        CoreState { order_status, fulfilment, payment }
    }

    #[test]
    fn derives_codes_from_core_states() {
        let m = defaults();
        assert_eq!(m.code_for(None, state("processing", "shipped", "paid")), "P");
        assert_eq!(m.code_for(None, state("processing", "incomplete", "paid")), "P", "B only when chosen");
        assert_eq!(m.code_for(None, state("completed", "delivered", "refunded")), "C");
        assert_eq!(m.code_for(None, state("closed", "returned", "refunded")), "C");
        assert_eq!(m.code_for(None, state("canceled", "nodelivery", "pending")), "I");
        assert_eq!(m.code_for(None, state("canceled", "nodelivery", "failed")), "F");
        assert_eq!(m.code_for(None, state("fraud", "nodelivery", "failed")), "D");
        assert_eq!(m.code_for(None, state("pending_payment", "incomplete", "pending")), "Y");
        assert_eq!(m.code_for(None, state("pending", "shipped", "pending")), "O");
    }

    #[test]
    fn keeps_a_chosen_code_while_it_describes_the_order() {
        let m = defaults();
        assert_eq!(m.code_for(Some("B"), state("processing", "incomplete", "paid")), "B");
        assert_eq!(m.code_for(Some("B"), state("processing", "shipped", "paid")), "P");
        assert_eq!(m.code_for(Some("Y"), state("pending_payment", "incomplete", "pending")), "Y");
    }
}
