//! The outbox table.

use chrono::{DateTime, Utc};
use polyshop_entities::mail_outbox;
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ConnectionTrait, EntityTrait,
};

/// A message to send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// What it is (`password_reset`).
    pub kind: &'static str,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Writes `mail` to the outbox; returns its id.
pub async fn queue(db: &impl ConnectionTrait, mail: OutgoingMail, now: DateTime<Utc>) -> Result<i64, ServiceError> {
    let row = mail_outbox::ActiveModel {
        id: NotSet,
        kind: Set(mail.kind.to_owned()),
        to_address: Set(mail.to),
        subject: Set(mail.subject.chars().take(255).collect()),
        body_text: Set(mail.body),
        attempts: Set(0),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
    };
    Ok(mail_outbox::Entity::insert(row).exec(db).await?.last_insert_id)
}
