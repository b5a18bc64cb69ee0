//! SQL for integrations.

use chrono::{DateTime, Utc};
use polyshop_entities::{admins, oauth_access_tokens, oauth_clients};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

pub async fn insert_client(
    db: &impl ConnectionTrait,
    name: &str,
    client_id: &str,
    secret_hash: &str,
    scopes: &str,
    now: DateTime<Utc>,
) -> Result<oauth_clients::Model, DbErr> {
    oauth_clients::ActiveModel {
        name: Set(name.to_owned()),
        client_id: Set(client_id.to_owned()),
        secret_hash: Set(secret_hash.to_owned()),
        scopes: Set(scopes.to_owned()),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_client(db: &impl ConnectionTrait, client_id: &str) -> Result<Option<oauth_clients::Model>, DbErr> {
    oauth_clients::Entity::find().filter(oauth_clients::Column::ClientId.eq(client_id)).one(db).await
}

pub async fn insert_token(
    db: &impl ConnectionTrait,
    client: i64,
    token_hash: &str,
    scopes: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    oauth_access_tokens::ActiveModel {
        oauth_client_id: Set(client),
        token_hash: Set(token_hash.to_owned()),
        scopes: Set(scopes.to_owned()),
        expires_at: Set(expires_at),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The token with this hash and the client it was issued to.
pub async fn find_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(oauth_access_tokens::Model, oauth_clients::Model)>, DbErr> {
    let found = oauth_access_tokens::Entity::find()
        .filter(oauth_access_tokens::Column::TokenHash.eq(token_hash))
        .find_also_related(oauth_clients::Entity)
        .one(db)
        .await?;
    Ok(found.and_then(|(t, c)| c.map(|c| (t, c))))
}

/// Removes tokens that expired before `before`, keeping the table small.
pub async fn delete_expired_tokens(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    oauth_access_tokens::Entity::delete_many()
        .filter(oauth_access_tokens::Column::ExpiresAt.lt(before))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

pub async fn insert_admin(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    api_key_hash: &str,
    now: DateTime<Utc>,
) -> Result<admins::Model, DbErr> {
    admins::ActiveModel {
        name: Set(name.to_owned()),
        email: Set(email.to_owned()),
        api_key_hash: Set(Some(api_key_hash.to_owned())),
        status: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_admin(db: &impl ConnectionTrait, email: &str) -> Result<Option<admins::Model>, DbErr> {
    admins::Entity::find().filter(admins::Column::Email.eq(email)).one(db).await
}
