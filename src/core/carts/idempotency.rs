//! `Idempotency-Key`: the first successful answer to a request sent with a key is remembered
//! for [`KEEP_HOURS`] hours; the same caller sending the same key and the same request gets it
//! again instead of a second effect; the same key with another request is a 422. Failed
//! requests are not remembered, so a request that failed can be retried with its key.

use chrono::{DateTime, Duration, Utc};
use polyshop_entities::idempotent_answers;
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

pub const KEEP_HOURS: i64 = 24;
/// Longest key accepted (the column's width).
pub const MAX_KEY: usize = 255;

/// A request sent with a key: who sent it, the key, and a digest of what it asked.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub owner: String,
    pub key: String,
    pub request_hash: String,
}

impl Idempotency {
    /// 400 for an empty or over-long key.
    pub fn new(owner: String, key: &str, request: &str) -> Result<Self, ServiceError> {
        let key = key.trim();
        if key.is_empty() || key.len() > MAX_KEY {
            return Err(ServiceError::bad_request(format!(
                "The Idempotency-Key header must hold 1 to {MAX_KEY} characters."
            )));
        }
        Ok(Idempotency { owner, key: key.to_owned(), request_hash: crate::secrets::sha256_hex(request) })
    }
}

/// The answer remembered for `idem`, if any (a 422 when the key was used for another request).
pub async fn remembered(
    db: &impl ConnectionTrait,
    idem: &Idempotency,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    let found = idempotent_answers::Entity::find()
        .filter(idempotent_answers::Column::Owner.eq(&idem.owner))
        .filter(idempotent_answers::Column::IdempotencyKey.eq(&idem.key))
        .filter(idempotent_answers::Column::CreatedAt.gt(now - Duration::hours(KEEP_HOURS)))
        .one(db)
        .await?;
    match found {
        Some(row) if row.request_hash == idem.request_hash => Ok(Some(row.body)),
        Some(_) => Err(ServiceError::unprocessable(
            "This Idempotency-Key was already used for another request; send a new key.",
        )),
        None => Ok(None),
    }
}

/// Remembers `body` as the answer for `idem` (and forgets answers past their time).
pub async fn remember(
    db: &impl ConnectionTrait,
    idem: &Idempotency,
    status: u16,
    body: String,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    idempotent_answers::Entity::delete_many()
        .filter(idempotent_answers::Column::CreatedAt.lte(now - Duration::hours(KEEP_HOURS)))
        .exec(db)
        .await?;
    let row = idempotent_answers::ActiveModel {
        id: NotSet,
        owner: Set(idem.owner.clone()),
        idempotency_key: Set(idem.key.clone()),
        request_hash: Set(idem.request_hash.clone()),
        status: Set(i32::from(status)),
        body: Set(body),
        created_at: Set(now),
    };
    idempotent_answers::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([idempotent_answers::Column::Owner, idempotent_answers::Column::IdempotencyKey])
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec(db)
        .await?;
    Ok(())
}
