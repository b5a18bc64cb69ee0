//! Declarations of the EU right of withdrawal: a customer files one for one of their orders, a
//! guest for a guest order named by its number and email. One declaration per order (filing
//! again answers the first, with no second email); the order's email gets a confirmation. The
//! evidence (order, customer, email, channel, locale, reason, time) is copied when it is
//! received and never changed; the merchant later marks it refunded or declined.

use chrono::{DateTime, Utc};
use polyshop_entities::{eu_withdrawals, orders};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::store;
use crate::mail::{OutgoingMail, queue};

/// The configuration switch (per channel).
pub const SWITCH: &str = "sales.eu_withdrawal.general.enabled";
pub const RECEIVED: &str = "received";
/// The longest reason kept (longer ones are refused).
pub const MAX_REASON: usize = 5000;

/// A declaration with its order's number.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub row: eu_withdrawals::Model,
    pub order_increment_id: String,
}

/// Every reason an order does not qualify answers alike, so a caller cannot tell an unknown
/// order from another customer's or a guest order from a wrong email.
pub fn not_eligible() -> ServiceError {
    ServiceError::not_found("The order could not be found or is not eligible for withdrawal.")
}

pub fn not_found() -> ServiceError {
    ServiceError::not_found("Withdrawal declaration not found.")
}

/// The reason as stored: trimmed, none when blank; 400 past [`MAX_REASON`] characters.
fn reason(text: Option<&str>) -> Result<Option<String>, ServiceError> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > MAX_REASON) {
        return Err(ServiceError::bad_request("The reason text field must not be greater than 5000 characters."));
    }
    Ok(text.map(str::to_owned))
}

pub async fn withdrawals_of(
    db: &DatabaseConnection,
    customer_id: i64,
    window: PageWindow,
) -> Result<Page<Withdrawal>, ServiceError> {
    let page = store::withdrawals_of(db, customer_id, window).await?;
    let numbers = store::order_numbers(db, &page.items.iter().map(|w| w.order_id).collect::<Vec<_>>()).await?;
    Ok(page.map(|row| Withdrawal { order_increment_id: numbers.get(&row.order_id).cloned().unwrap_or_default(), row }))
}

pub async fn withdrawal_of(db: &DatabaseConnection, customer_id: i64, id: i64) -> Result<Withdrawal, ServiceError> {
    let row = store::withdrawal_of(db, customer_id, id).await?.ok_or_else(not_found)?;
    let numbers = store::order_numbers(db, &[row.order_id]).await?;
    Ok(Withdrawal { order_increment_id: numbers.get(&row.order_id).cloned().unwrap_or_default(), row })
}

/// Files a declaration for the customer's order `order_id` (any channel, any status).
pub async fn file_for_customer(
    db: &DatabaseConnection,
    customer_id: i64,
    order_id: i64,
    reason_text: Option<&str>,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Withdrawal, ServiceError> {
    let reason = reason(reason_text)?;
    let order = orders::Entity::find_by_id(order_id)
        .filter(orders::Column::CustomerId.eq(customer_id))
        .one(db)
        .await?
        .ok_or_else(not_eligible)?;
    file(db, order, reason, locale, now).await
}

/// Files a declaration for a guest order of channel `channel_id`, named by its number and
/// proved by its email (compared case-insensitively).
pub async fn file_for_guest(
    db: &DatabaseConnection,
    channel_id: i64,
    increment_id: &str,
    email: &str,
    reason_text: Option<&str>,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Withdrawal, ServiceError> {
    let reason = reason(reason_text)?;
    let order = orders::Entity::find()
        .filter(orders::Column::IncrementId.eq(increment_id.trim()))
        .filter(orders::Column::IsGuest.eq(true))
        .filter(orders::Column::ChannelId.eq(channel_id))
        .one(db)
        .await?
        .filter(|o| o.customer_email.trim().eq_ignore_ascii_case(email.trim()))
        .ok_or_else(not_eligible)?;
    file(db, order, reason, locale, now).await
}

/// The order's declaration: the one already filed, else a new one with its confirmation mail.
async fn file(
    db: &DatabaseConnection,
    order: orders::Model,
    reason: Option<String>,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<Withdrawal, ServiceError> {
    let channel = polyshop_entities::channels::Entity::find_by_id(order.channel_id).one(db).await?;
    let Some(channel) = channel else { return Err(not_eligible()) };
    let enabled = crate::settings::switched_on(db, SWITCH, &channel.code, locale).await?;
    if !enabled {
        return Err(not_eligible());
    }
    let number = order.increment_id.clone();
    if let Some(row) = store::withdrawal_of_order(db, order.id).await? {
        return Ok(Withdrawal { row, order_increment_id: number });
    }
    let locale = locale.to_owned();
    let order_id = order.id;
    let filed = crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let row = store::insert_withdrawal(
                txn,
                eu_withdrawals::ActiveModel {
                    uuid: Set(crate::secrets::uuid_v4()),
                    order_id: Set(order.id),
                    customer_id: Set(order.customer_id),
                    is_guest: Set(order.is_guest),
                    customer_email: Set(order.customer_email.clone()),
                    channel_id: Set(order.channel_id),
                    locale: Set(locale),
                    reason_text: Set(reason.clone()),
                    received_at: Set(now),
                    status: Set(RECEIVED.into()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                },
            )
            .await?;
            let mail = OutgoingMail {
                kind: "eu_withdrawal_confirmation",
                to: order.customer_email.clone(),
                subject: format!("Confirmation of your withdrawal — Order {}", order.increment_id),
                body: format!(
                    "We received your withdrawal from order {} on {}.\nReference: {}\nReason: {}\n\nYour refund will follow within 14 days of this declaration.\n",
                    order.increment_id,
                    now.to_rfc3339(),
                    row.uuid,
                    reason.as_deref().unwrap_or("(none given)")
                ),
            };
            queue(txn, mail, now).await?;
            store::set_confirmation_sent(txn, row, now).await
        })
    })
    .await;
    match filed {
        Ok(row) => Ok(Withdrawal { row, order_increment_id: number }),
        // Filed meanwhile by a concurrent request (the order is unique): answer that one.
        Err(e) => match store::withdrawal_of_order(db, order_id).await? {
            Some(row) => Ok(Withdrawal { row, order_increment_id: number }),
            None => Err(e),
        },
    }
}
