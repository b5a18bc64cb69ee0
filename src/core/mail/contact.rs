//! The storefront's contact form and newsletter subscriptions.

use chrono::{DateTime, Utc};
use polyshop_entities::{customers, newsletter_subscribers};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::Expr,
};

use super::outbox::{OutgoingMail, queue};

/// An enquiry from the contact form.
#[derive(Debug, Clone)]
pub struct Enquiry {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
}

/// Mails an enquiry to the store (`outbox::store_address`).
pub async fn send_enquiry(
    db: &DatabaseConnection,
    channel: &polyshop_entities::channels::Model,
    enquiry: Enquiry,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let to = super::outbox::store_address(db, channel).await?;
    let mail = OutgoingMail {
        kind: "contact_form",
        to,
        subject: format!("Contact form: {}", enquiry.name),
        body: format!(
            "From: {} <{}>\nPhone: {}\nReply to: {}\n\n{}\n",
            enquiry.name, enquiry.email, enquiry.phone, enquiry.email, enquiry.message
        ),
    };
    queue(db, mail, now).await?;
    Ok(())
}

/// Subscribes `email` (trimmed, lower-cased) to the channel's newsletter; a customer with that
/// email owns the subscription and is marked subscribed. Returns the subscription.
pub async fn subscribe(
    db: &DatabaseConnection,
    channel_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<newsletter_subscribers::Model, ServiceError> {
    let email = email.trim().to_lowercase();
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let customer = customers::Entity::find().filter(customers::Column::Email.eq(&email)).one(txn).await?;
            if let Some(c) = &customer {
                customers::Entity::update_many()
                    .col_expr(customers::Column::SubscribedToNewsLetter, Expr::value(true))
                    .filter(customers::Column::Id.eq(c.id))
                    .exec(txn)
                    .await?;
            }
            let existing = newsletter_subscribers::Entity::find()
                .filter(newsletter_subscribers::Column::ChannelId.eq(channel_id))
                .filter(newsletter_subscribers::Column::Email.eq(&email))
                .one(txn)
                .await?;
            let row = match existing {
                Some(row) => {
                    let mut active = row.into_active_model();
                    active.is_subscribed = Set(true);
                    active.customer_id = Set(customer.as_ref().map(|c| c.id));
                    active.updated_at = Set(now);
                    active.update(txn).await?
                }
                None => {
                    newsletter_subscribers::ActiveModel {
                        channel_id: Set(channel_id),
                        email: Set(email),
                        customer_id: Set(customer.as_ref().map(|c| c.id)),
                        is_subscribed: Set(true),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                }
            };
            Ok(row)
        })
    })
    .await
}
