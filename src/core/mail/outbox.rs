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

/// Where mail for the store goes: the first active administrator, or `contact@` the channel's
/// host when the store has none yet.
pub async fn store_address(
    db: &impl ConnectionTrait,
    channel: &polyshop_entities::channels::Model,
) -> Result<String, ServiceError> {
    use polyshop_entities::admins;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let admin = admins::Entity::find()
        .filter(admins::Column::Status.eq(true))
        .order_by_asc(admins::Column::Id)
        .one(db)
        .await?
        .map(|a| a.email);
    Ok(admin.unwrap_or_else(|| {
        let hostname = channel.hostname.as_deref().unwrap_or("localhost");
        let host = hostname.split("://").last().unwrap_or(hostname).split(['/', ':']).next().unwrap_or("localhost");
        format!("contact@{host}")
    }))
}
