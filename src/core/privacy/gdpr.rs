//! GDPR data requests: a customer asks the store to delete or update their personal data,
//! follows the request, revokes it while the store has not acted, or deletes it. The customer
//! and the store are emailed when one is raised or revoked.

use chrono::{DateTime, Utc};
use polyshop_entities::{channels, customers, gdpr_data_requests as requests};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{DatabaseConnection, EntityTrait};

use super::{
    records::{GdprSort, PENDING, PROCESSING},
    store,
};
use crate::mail::{OutgoingMail, outbox::store_address, queue};

/// The configuration switch (per channel and locale).
pub const SWITCH: &str = "general.gdpr.settings.enabled";

/// Statuses a customer may still revoke from.
const REVOCABLE: &[&str] = &[PENDING, PROCESSING];

fn bad(message: &str) -> ServiceError {
    ServiceError::bad_request(message)
}

pub fn not_found() -> ServiceError {
    ServiceError::not_found("GDPR data request not found")
}

/// 400 unless GDPR requests are switched on for the channel and locale.
pub async fn ensure_enabled(
    db: &DatabaseConnection,
    channel: &channels::Model,
    locale: &str,
) -> Result<(), ServiceError> {
    if crate::settings::switched_on(db, SWITCH, &channel.code, locale).await? {
        Ok(())
    } else {
        Err(bad("GDPR data requests are disabled. Please enable GDPR from the admin configuration."))
    }
}

pub async fn requests_of(
    db: &DatabaseConnection,
    customer_id: i64,
    sort: GdprSort,
    window: PageWindow,
) -> Result<Page<requests::Model>, ServiceError> {
    store::requests_of(db, customer_id, sort, window).await
}

pub async fn request_of(db: &DatabaseConnection, customer_id: i64, id: i64) -> Result<requests::Model, ServiceError> {
    store::request_of(db, customer_id, id).await?.ok_or_else(not_found)
}

/// Raises a request (`type` `delete` or `update`, read trimmed and case-insensitively; a
/// message that is not blank), pending, with the account's email; mails the customer and the
/// store in the same transaction.
pub async fn raise(
    db: &DatabaseConnection,
    customer_id: i64,
    channel: &channels::Model,
    kind: Option<&str>,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> Result<requests::Model, ServiceError> {
    let kind = kind.map(|k| k.trim().to_lowercase()).unwrap_or_default();
    if kind.is_empty() {
        return Err(bad("The request type is required"));
    }
    if kind != "delete" && kind != "update" {
        return Err(bad("The request type must be either \"delete\" or \"update\""));
    }
    let message = message.map(str::trim).unwrap_or_default().to_owned();
    if message.is_empty() {
        return Err(bad("The message is required"));
    }
    if message.chars().count() > 500 {
        return Err(ServiceError::invalid_field("message", "at most 500 characters"));
    }
    let channel = channel.clone();
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let customer = customers::Entity::find_by_id(customer_id)
                .one(txn)
                .await?
                .ok_or_else(|| ServiceError::unauthorized("Unauthenticated. Please login to perform this action"))?;
            let row = store::insert_request(txn, customer_id, &customer.email, &kind, &message, now).await?;
            let subject = if kind == "delete" { "New Request For Data Delete" } else { "New Request For Data Update" };
            let body = format!(
                "GDPR data request #{} ({kind}) from {} {} <{}>:\n\n{message}\n",
                row.id, customer.first_name, customer.last_name, customer.email
            );
            let store_to = store_address(txn, &channel).await?;
            for (kind, to) in [("gdpr_request", customer.email.clone()), ("gdpr_request_store", store_to)] {
                queue(txn, OutgoingMail { kind, to, subject: subject.to_owned(), body: body.clone() }, now).await?;
            }
            Ok(row)
        })
    })
    .await
}

/// Revokes one of the customer's requests while it is pending or processing (422 otherwise);
/// mails the customer and the store.
pub async fn revoke(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
    channel: &channels::Model,
    now: DateTime<Utc>,
) -> Result<requests::Model, ServiceError> {
    let channel = channel.clone();
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let request = store::request_of(txn, customer_id, id).await?.ok_or_else(not_found)?;
            let Some(row) = store::revoke_request(txn, request.id, REVOCABLE, now).await? else {
                return Err(ServiceError::unprocessable("This GDPR data request can no longer be revoked."));
            };
            let body = format!("GDPR data request #{} ({}) of {} is now revoked.\n", row.id, row.type_, row.email);
            let store_to = store_address(txn, &channel).await?;
            for (kind, to, subject) in [
                ("gdpr_request_updated", row.email.clone(), "Your GDPR Request Has Been Updated"),
                ("gdpr_request_updated_store", store_to, "GDPR Request Has Been Updated"),
            ] {
                queue(txn, OutgoingMail { kind, to, subject: subject.to_owned(), body: body.clone() }, now).await?;
            }
            Ok(row)
        })
    })
    .await
}

/// Deletes one of the customer's requests, whatever its status; returns it as it was.
pub async fn delete(db: &DatabaseConnection, customer_id: i64, id: i64) -> Result<requests::Model, ServiceError> {
    let request = store::request_of(db, customer_id, id).await?.ok_or_else(not_found)?;
    store::delete_request(db, request.id).await?;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_a_suffix_before_the_order_parameter() {
        let sort = |s: Option<&str>, desc| GdprSort::parse(s, desc);
        assert_eq!(sort(None, true), GdprSort { by_created_at: false, descending: true });
        assert_eq!(sort(Some("created_at-asc"), true), GdprSort { by_created_at: true, descending: false });
        assert_eq!(sort(Some("created_at"), false), GdprSort { by_created_at: true, descending: false });
        assert_eq!(sort(Some("id-desc"), false), GdprSort { by_created_at: false, descending: true });
        assert_eq!(sort(Some("bogus"), true), GdprSort { by_created_at: false, descending: true });
    }
}
