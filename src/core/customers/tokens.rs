//! Customer sign-in tokens. A token is `<id>|<secret>` (Laravel Sanctum's format: clients split
//! nothing, they send it whole as `Authorization: Bearer`); the `apiToken` issued with it is an
//! 80-character secret that works as well. The row keeps SHA-256 hashes of both secrets.

use chrono::{DateTime, Duration, Utc};
use polyshop_entities::{customer_tokens, customers};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::secrets;

/// How long a sign-in lasts.
pub const TOKEN_LIFETIME_DAYS: i64 = 7;
/// `last_used_at` is written at most this often per token (a write per request would cost more
/// than the information is worth).
const TOUCH_EVERY_MINUTES: i64 = 5;

/// The message of every refused customer token (unknown, expired, revoked, of a disabled account).
pub const UNAUTHENTICATED: &str = "Unauthenticated. Please login to perform this action";

/// Mints a token for `customer` named `device`; returns (row id, `<id>|<secret>`, api token,
/// expiry).
pub(super) async fn mint(
    db: &impl ConnectionTrait,
    customer: &customers::Model,
    device: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(i64, String, String, DateTime<Utc>), ServiceError> {
    let secret = secrets::random_token(40);
    let api_token = secrets::random_token(80);
    let expires_at = now + Duration::days(TOKEN_LIFETIME_DAYS);
    let name: String = device.map(str::trim).filter(|d| !d.is_empty()).unwrap_or("api").chars().take(191).collect();
    let row = customer_tokens::ActiveModel {
        id: NotSet,
        customer_id: Set(customer.id),
        token_hash: Set(secrets::sha256_hex(&secret)),
        api_token_hash: Set(secrets::sha256_hex(&api_token)),
        name: Set(name),
        last_used_at: Set(Some(now)),
        expires_at: Set(expires_at),
        created_at: Set(now),
    };
    let id = customer_tokens::Entity::insert(row).exec(db).await?.last_insert_id;
    // Expired sign-ins are useless; clear the customer's as new ones are issued.
    customer_tokens::Entity::delete_many()
        .filter(customer_tokens::Column::CustomerId.eq(customer.id))
        .filter(customer_tokens::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok((id, format!("{id}|{secret}"), api_token, expires_at))
}

/// The token row and customer `bearer` stands for, if it is current and the account may sign in.
pub(super) async fn resolve(
    db: &impl ConnectionTrait,
    bearer: &str,
    now: DateTime<Utc>,
) -> Result<(customer_tokens::Model, customers::Model), ServiceError> {
    let refused = || ServiceError::unauthorized(UNAUTHENTICATED);
    let found = match bearer.split_once('|') {
        Some((id, secret)) => {
            let id: i64 = id.parse().map_err(|_| refused())?;
            customer_tokens::Entity::find_by_id(id)
                .find_also_related(customers::Entity)
                .one(db)
                .await?
                .filter(|(token, _)| secrets::matches(secret, &token.token_hash))
        }
        None if bearer.len() == 80 => {
            customer_tokens::Entity::find()
                .filter(customer_tokens::Column::ApiTokenHash.eq(secrets::sha256_hex(bearer)))
                .find_also_related(customers::Entity)
                .one(db)
                .await?
        }
        None => None,
    };
    let Some((token, Some(customer))) = found else { return Err(refused()) };
    if token.expires_at <= now || !customer.status || customer.is_suspended {
        return Err(refused());
    }
    if token.last_used_at.is_none_or(|at| at <= now - Duration::minutes(TOUCH_EVERY_MINUTES)) {
        customer_tokens::Entity::update_many()
            .col_expr(customer_tokens::Column::LastUsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(customer_tokens::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok((token, customer))
}

/// Ends one sign-in.
pub(super) async fn revoke(db: &impl ConnectionTrait, token_id: i64) -> Result<(), ServiceError> {
    customer_tokens::Entity::delete_by_id(token_id).exec(db).await?;
    Ok(())
}

/// Ends every sign-in of a customer (after a password reset).
pub(super) async fn revoke_all(db: &impl ConnectionTrait, customer_id: i64) -> Result<(), ServiceError> {
    customer_tokens::Entity::delete_many().filter(customer_tokens::Column::CustomerId.eq(customer_id)).exec(db).await?;
    Ok(())
}
