//! The outbox table.

use chrono::{DateTime, Utc};
use polyshop_entities::mail_outbox;
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
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
        next_attempt_at: Set(None),
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

/// Up to `limit` unsent mails due at `now` with attempts left, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    max_attempts: i32,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, ServiceError> {
    Ok(mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::Attempts.lt(max_attempts))
        .filter(
            Condition::any()
                .add(mail_outbox::Column::NextAttemptAt.is_null())
                .add(mail_outbox::Column::NextAttemptAt.lte(now)),
        )
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Takes `mail` for one attempt, holding it until `until`: counts the attempt, unless another
/// sender took or sent it since it was read (then `false`, and this sender leaves it).
pub async fn claim(
    db: &impl ConnectionTrait,
    mail: &mail_outbox::Model,
    until: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let taken = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(until))
        .filter(mail_outbox::Column::Id.eq(mail.id))
        .filter(mail_outbox::Column::Attempts.eq(mail.attempts))
        .filter(mail_outbox::Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Records that mail `id` was delivered.
pub async fn mark_sent(db: &impl ConnectionTrait, id: i64, at: DateTime<Utc>) -> Result<(), ServiceError> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::SentAt, Expr::value(at))
        .col_expr(mail_outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(mail_outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records why mail `id` failed and when to try it again (`None`: never, it cannot succeed).
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    max_attempts: i32,
) -> Result<(), ServiceError> {
    let error: String = error.chars().take(1000).collect();
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::LastError, Expr::value(error))
        .filter(mail_outbox::Column::Id.eq(id));
    update = match retry_at {
        Some(at) => update.col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(at)),
        // A permanent refusal uses up the attempts, so no sender takes it again.
        None => update.col_expr(mail_outbox::Column::Attempts, Expr::value(max_attempts)),
    };
    update.exec(db).await?;
    Ok(())
}
