//! The rules of returns: which lines may be returned and how many units, raising a return,
//! cancelling, closing and reopening it, and its conversation.

use chrono::{DateTime, Utc};
use polyshop_entities::{channels, orders, rma, rma_reasons};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};

use super::{
    records::{NewReturn, Resolution, ReturnMessage, ReturnRecord, ReturnableLine, rma_status, window_end},
    store,
};
use crate::mail::{OutgoingMail, outbox::store_address, queue};

use crate::sales::placement::RMA_DEFAULT_ALLOW_DAYS as DEFAULT_ALLOW_DAYS;
const REOPEN_CANCELED: &str = "sales.rma.setting.allowed_new_rma_request_for_cancelled_request";
const REOPEN_DECLINED: &str = "sales.rma.setting.allowed_new_rma_request_for_declined_request";
const UNDER_PROCESS: &str = "Your return request is under process.";

fn bad(message: &str) -> ServiceError {
    ServiceError::bad_request(message)
}

pub fn not_found() -> ServiceError {
    ServiceError::not_found("Return request not found.")
}

pub fn order_not_valid() -> ServiceError {
    bad("The selected order is not valid.")
}

fn clamp_i32(n: i64) -> i32 {
    i32::try_from(n.max(0)).unwrap_or(i32::MAX)
}

/// A configuration value of the order's channel, else `default`.
async fn config(
    db: &impl ConnectionTrait,
    channel_id: i64,
    locale: &str,
    code: &str,
    default: &str,
) -> Result<String, ServiceError> {
    let channel = channels::Entity::find_by_id(channel_id).one(db).await?;
    let Some(channel) = channel else { return Ok(default.to_owned()) };
    Ok(crate::settings::store::config_value(db, code, &channel.code, locale)
        .await?
        .unwrap_or_else(|| default.to_owned()))
}

async fn default_days(db: &impl ConnectionTrait, order: &orders::Model) -> Result<i64, ServiceError> {
    let days = config(db, order.channel_id, &order.locale, DEFAULT_ALLOW_DAYS, "7").await?;
    Ok(days.trim().parse::<i64>().unwrap_or(7).clamp(0, 3650))
}

/// The lines of the customer's order a return may name now (404-like refusal when the order
/// is not theirs): top-level lines with units neither refunded nor cancelled, whose product
/// still exists and whose return window, recorded when ordered, is still open.
pub async fn returnable_lines(
    db: &impl ConnectionTrait,
    customer_id: i64,
    order_id: i64,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<ReturnableLine>>, ServiceError> {
    let Some(order) = store::customers_order(db, customer_id, order_id).await? else { return Ok(None) };
    Ok(Some(lines_of(db, &order, locale, now).await?))
}

async fn lines_of(
    db: &impl ConnectionTrait,
    order: &orders::Model,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Vec<ReturnableLine>, ServiceError> {
    let all = store::order_lines(db, order.id).await?;
    let top: Vec<_> = all
        .iter()
        .filter(|l| l.parent_id.is_none())
        .filter(|l| l.qty_ordered > l.qty_refunded.saturating_add(l.qty_canceled))
        .filter(|l| {
            l.rma_return_period.is_some_and(|days| l.created_at + chrono::Duration::days(i64::from(days.max(0))) >= now)
        })
        .collect();
    let product_ids: Vec<i64> = top.iter().filter_map(|l| l.product_id).collect();
    let existing = store::existing_products(db, &product_ids).await?;
    let faces = crate::catalog::store::url_keys_and_images(db, &product_ids, locale).await?;
    let returned = store::returned_units(db, &top.iter().map(|l| l.id).collect::<Vec<_>>()).await?;
    Ok(top
        .into_iter()
        .filter(|l| l.product_id.is_some_and(|p| existing.contains(&p)))
        .map(|l| {
            let rma_quantity = returned.get(&l.id).copied().unwrap_or(0);
            let face = l.product_id.and_then(|p| faces.get(&p));
            ReturnableLine {
                order_item_id: l.id,
                product_id: l.product_id,
                sku: l.sku.clone(),
                name: l.name.clone(),
                kind: l.type_.clone(),
                url_key: face.and_then(|f| f.0.clone()),
                image: face.and_then(|f| f.1.clone()),
                price: l.price.value(),
                qty_ordered: l.qty_ordered,
                current_quantity: clamp_i32(i64::from(l.qty_ordered) - rma_quantity),
                for_return_quantity: clamp_i32(i64::from(l.qty_invoiced) - i64::from(l.qty_refunded)),
                for_cancel_quantity: clamp_i32(
                    i64::from(l.qty_ordered) - i64::from(l.qty_invoiced) - i64::from(l.qty_canceled),
                ),
                rma_quantity: clamp_i32(rma_quantity),
                rma_return_period: l.rma_return_period,
            }
        })
        .collect())
}

/// The active reasons offered for a resolution (400 for another resolution).
pub async fn reasons(db: &DatabaseConnection, resolution: &str) -> Result<Vec<rma_reasons::Model>, ServiceError> {
    let resolution =
        Resolution::parse(resolution).ok_or_else(|| bad("Resolution type must be \"return\" or \"cancel_items\"."))?;
    store::reasons(db, resolution).await
}

pub async fn returns_of(
    db: &DatabaseConnection,
    customer_id: i64,
    status: Option<i64>,
    window: PageWindow,
) -> Result<Page<ReturnRecord>, ServiceError> {
    let page = store::returns_of(db, customer_id, status, window).await?;
    let Page { items, total, .. } = page;
    Ok(Page::new(store::records(db, items).await?, total, window))
}

/// One of the customer's returns in full, with its action flags.
pub async fn return_of(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ReturnRecord, ServiceError> {
    let row = store::return_of(db, customer_id, id).await?.ok_or_else(not_found)?;
    detailed(db, row, now).await
}

async fn detailed(
    db: &impl ConnectionTrait,
    row: rma::Model,
    now: DateTime<Utc>,
) -> Result<ReturnRecord, ServiceError> {
    let mut record = store::records(db, vec![row]).await?.pop().ok_or_else(not_found)?;
    record.flags = Some(flags(db, &record, now).await?);
    Ok(record)
}

/// (can close, can reopen, is expired), as upstream's storefront decides them.
async fn flags(
    db: &impl ConnectionTrait,
    r: &ReturnRecord,
    now: DateTime<Utc>,
) -> Result<(bool, bool, bool), ServiceError> {
    let status = r.rma.rma_status_id;
    let order_closed = matches!(r.order.status.as_str(), crate::sales::status::CANCELED | crate::sales::status::CLOSED);
    let can_close = !rma_status::FINAL.contains(&status) && !order_closed;
    let allowed = |code: &'static str| async move {
        let value = config(db, r.order.channel_id, &r.order.locale, code, "yes").await?;
        Ok::<bool, ServiceError>(matches!(value.trim(), "yes" | "1" | "true"))
    };
    let can_reopen = match status {
        rma_status::CANCELED => allowed(REOPEN_CANCELED).await?,
        rma_status::DECLINED => allowed(REOPEN_DECLINED).await?,
        _ => false,
    };
    let line = match &r.item {
        Some(item) => store::line(db, item.order_item_id).await?,
        None => None,
    };
    let end = window_end(
        line.as_ref().map_or(r.rma.created_at, |l| l.created_at),
        line.as_ref().and_then(|l| l.rma_return_period),
        r.rma.created_at,
        default_days(db, &r.order).await?,
    );
    Ok((can_close, can_reopen, now > end))
}

/// Raises a return, checks in upstream's order; writes the return, its line, the store's
/// first message and the customer's email in one transaction.
pub async fn raise(
    db: &DatabaseConnection,
    customer_id: i64,
    new: NewReturn,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<ReturnRecord, ServiceError> {
    if !new.agreed {
        return Err(bad("You must accept the return policy."));
    }
    let (Some(order_id), Some(line_id), Some(reason_id), Some(quantity), Some(resolution)) = (
        new.order_id.filter(|v| *v > 0),
        new.order_item_id.filter(|v| *v > 0),
        new.reason_id.filter(|v| *v > 0),
        new.quantity.filter(|q| *q >= 1),
        new.resolution.as_deref().and_then(Resolution::parse),
    ) else {
        return Err(bad("Missing or invalid return details."));
    };
    let information = new.information.filter(|t| !t.is_empty());
    let package_condition = new.package_condition.filter(|t| !t.is_empty());
    let locale = locale.to_owned();
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let order = store::customers_order(txn, customer_id, order_id).await?.ok_or_else(order_not_valid)?;
            // Read inside the write transaction: two returns of one line cannot both take its last units.
            let lines = lines_of(txn, &order, &locale, now).await?;
            let line = lines
                .iter()
                .find(|l| l.order_item_id == line_id)
                .ok_or_else(|| bad("The selected item is not eligible for return."))?;
            let reasons = store::reasons(txn, resolution).await?;
            if !reasons.iter().any(|r| r.id == reason_id) {
                return Err(bad("The selected return reason is not valid."));
            }
            if quantity > line.cap(resolution) {
                return Err(bad("The requested quantity exceeds the returnable quantity."));
            }
            let all = store::order_lines(txn, order.id).await?;
            let ordered = all.iter().find(|l| l.id == line_id).ok_or_else(|| bad("The selected item is not eligible for return."))?;
            let variant = all.iter().find(|c| c.parent_id == Some(line_id)).and_then(|c| c.product_id);
            let row = store::insert_return(
                txn,
                order.id,
                ordered,
                variant,
                reason_id,
                quantity,
                resolution,
                (information.clone(), package_condition),
                now,
            )
            .await?;
            store::insert_message(txn, row.id, UNDER_PROCESS, true, now).await?;
            let reason = reasons.iter().find(|r| r.id == reason_id).map(|r| r.title.clone()).unwrap_or_default();
            let body = format!(
                "Dear {} {},\n\nYou requested a new return (RMA #{}) for order #{}.\n\n{} x {} ({})\nReason: {reason}\nAdditional information: {}\n",
                order.customer_first_name,
                order.customer_last_name,
                row.id,
                order.increment_id,
                quantity,
                ordered.name,
                ordered.sku,
                information.as_deref().unwrap_or("-"),
            );
            let mail = OutgoingMail { kind: "rma_request", to: order.customer_email.clone(), subject: "New RMA Request".into(), body };
            queue(txn, mail, now).await?;
            detailed(txn, row, now).await
        })
    })
    .await
}

/// What a customer may do to their return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnAction {
    Cancel,
    Close,
    Reopen,
}

/// Cancels, closes or reopens one of the customer's returns when its state allows it (400 with
/// upstream's message otherwise); answers it in full.
pub async fn act(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
    action: ReturnAction,
    now: DateTime<Utc>,
) -> Result<ReturnRecord, ServiceError> {
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let row = store::return_of(txn, customer_id, id).await?.ok_or_else(not_found)?;
            let current = detailed(txn, row.clone(), now).await?;
            let (can_close, can_reopen, expired) = current.flags.unwrap_or_default();
            let status = row.rma_status_id;
            let (to, note) = match action {
                ReturnAction::Cancel if status == rma_status::CANCELED => {
                    return Err(bad("Return request is already canceled."));
                }
                ReturnAction::Cancel if rma_status::FINAL.contains(&status) => {
                    return Err(bad("Canceling this RMA request is not allowed."));
                }
                ReturnAction::Cancel => (rma_status::CANCELED, None),
                ReturnAction::Close if !can_close || expired => {
                    return Err(bad("Closing this RMA request is not allowed."));
                }
                ReturnAction::Close => (rma_status::SOLVED, Some("RMA status has been changed to Solved by customer.")),
                ReturnAction::Reopen if !can_reopen || expired => {
                    return Err(bad("This return request cannot be reopened."));
                }
                ReturnAction::Reopen => (rma_status::PENDING_REVIEW, Some(UNDER_PROCESS)),
            };
            let row = store::set_status(txn, row, to, now).await?;
            if let Some(note) = note {
                store::insert_message(txn, row.id, note, true, now).await?;
            }
            detailed(txn, row, now).await
        })
    })
    .await
}

/// The conversation of one of the customer's returns, newest first.
pub async fn messages_of(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
) -> Result<Vec<ReturnMessage>, ServiceError> {
    let row = store::return_of(db, customer_id, id).await?.ok_or_else(not_found)?;
    store::messages(db, row.id).await
}

/// The customer writes to the store about one of their returns (any status); the store is mailed.
pub async fn send_message(
    db: &DatabaseConnection,
    customer_id: i64,
    id: Option<i64>,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ReturnMessage, ServiceError> {
    let text = message.map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned);
    let (Some(id), Some(text)) = (id, text) else { return Err(bad("Missing or invalid return details.")) };
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let row = store::return_of(txn, customer_id, id).await?.ok_or_else(not_found)?;
            let order = orders::Entity::find_by_id(row.order_id).one(txn).await?.ok_or_else(not_found)?;
            let message = store::insert_message(txn, row.id, &text, false, now).await?;
            let channel = channels::Entity::find_by_id(order.channel_id).one(txn).await?.ok_or_else(not_found)?;
            let mail = OutgoingMail {
                kind: "rma_message",
                to: store_address(txn, &channel).await?,
                subject: "New RMA Conversation Message".into(),
                body: format!(
                    "You have received a new message in the conversation of RMA #{} (order #{}) from {} <{}>:\n\n{text}\n",
                    row.id, order.increment_id, order.customer_first_name, order.customer_email
                ),
            };
            queue(txn, mail, now).await?;
            Ok(message)
        })
    })
    .await
}
