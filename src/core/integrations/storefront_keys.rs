//! Storefront keys (`X-STOREFRONT-KEY`, Bagisto shop APIs) and their rate limits.
//!
//! A key is `pk_storefront_` + 32 random characters, shown once and stored as a SHA-256 hash.
//! Each key may make `rate_limit` requests per fixed 60-second window (100 by default, at most
//! 5,000, or unlimited). The count of the current window lives in the database and is bumped
//! with one atomic upsert per request, so every server process sharing the database enforces the
//! same limit.
//!
//! Verified keys are kept in process ([`KeyCache`]) for a second, so a request with an unlimited
//! key reads nothing to be admitted; a key deactivated or rotated elsewhere stops working
//! within that second, one changed by this process at once.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration as Elapsed, Instant},
};

use chrono::{DateTime, Duration, Utc};
use polyshop_entities::{storefront_key_windows, storefront_keys};
use polyshop_runtime::{Principal, ServiceError};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use serde::Serialize;

use crate::{clock::Clock, secrets};

pub const KEY_PREFIX: &str = "pk_storefront_";
/// Requests per minute of a key created without `--rate-limit`.
pub const DEFAULT_RATE_LIMIT: i32 = 100;
/// Higher limits are lowered to this, with a warning.
pub const MAX_RATE_LIMIT: i32 = 5000;
pub const WINDOW_SECS: i64 = 60;

/// The limit a key is created with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    PerMinute(i32),
    Unlimited,
}

impl std::str::FromStr for RateLimit {
    type Err = String;

    /// `250`, or `unlimited` (also `null` and `none`, as Bagisto's `--rate-limit=null`).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "unlimited" | "null" | "none" => Ok(RateLimit::Unlimited),
            n => match n.parse::<i32>() {
                Ok(n) if n >= 1 => Ok(RateLimit::PerMinute(n)),
                _ => Err(format!("`{s}` is not a rate limit: give requests per minute (1 or more) or `unlimited`")),
            },
        }
    }
}

/// What `storefront-keys create` and `rotate` print: the only time the key is visible.
#[derive(Debug, Serialize)]
pub struct CreatedKey {
    pub key: String,
    pub id: i64,
    pub name: String,
    /// Requests per minute; null means unlimited.
    pub rate_limit: Option<i32>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// For a rotation: the key this one replaces (now inactive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<i64>,
}

/// A key as listings show it (never the key itself).
#[derive(Debug, Serialize)]
pub struct KeyInfo {
    pub id: i64,
    pub name: String,
    /// The key's first characters.
    pub key_prefix: String,
    pub rate_limit: Option<i32>,
    pub is_active: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub deactivation_reason: Option<String>,
    pub replaced_by_id: Option<i64>,
}

impl From<storefront_keys::Model> for KeyInfo {
    fn from(k: storefront_keys::Model) -> Self {
        KeyInfo {
            id: k.id,
            name: k.name,
            key_prefix: k.key_prefix,
            rate_limit: k.rate_limit,
            is_active: k.is_active,
            expires_at: k.expires_at,
            last_used_at: k.last_used_at,
            created_at: k.created_at,
            deactivated_at: k.deactivated_at,
            deactivation_reason: k.deactivation_reason,
            replaced_by_id: k.replaced_by_id,
        }
    }
}

/// Where a request stands against its key's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: i32,
    pub remaining: i32,
    /// Unix time (seconds) at which the current window ends.
    pub reset: i64,
}

/// The verdict on a request's storefront key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// Let it through; `quota` is none for unlimited keys.
    Admitted { principal: Principal, quota: Option<Quota> },
    /// Unknown, inactive or expired key.
    Invalid,
    /// Over the limit: try again in `retry_after` seconds.
    Throttled { quota: Quota, retry_after: i64 },
}

/// Keys found by their hash, each kept for `keep_for` after it was read (process-wide; keys
/// are random, so one cache serves any number of databases). Unknown keys are not kept: a key
/// created elsewhere works at once.
pub struct KeyCache {
    keep_for: Elapsed,
    entries: Mutex<HashMap<String, (storefront_keys::Model, Instant)>>,
}

/// Keys kept at most: past it the cache starts over (a flood of distinct valid keys cannot
/// grow memory).
const MAX_CACHED_KEYS: usize = 1024;

impl Default for KeyCache {
    fn default() -> Self {
        KeyCache::new(Elapsed::from_secs(1))
    }
}

impl KeyCache {
    pub fn new(keep_for: Elapsed) -> Self {
        KeyCache { keep_for, entries: Mutex::new(HashMap::new()) }
    }

    fn get(&self, hash: &str) -> Option<storefront_keys::Model> {
        let entries = self.entries.lock().ok()?;
        entries.get(hash).filter(|(_, at)| at.elapsed() < self.keep_for).map(|(key, _)| key.clone())
    }

    fn put(&self, hash: String, key: storefront_keys::Model) {
        if self.keep_for.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_CACHED_KEYS && !entries.contains_key(&hash) {
                entries.clear();
            }
            entries.insert(hash, (key, Instant::now()));
        }
    }

    /// Records a use written to the database, so the kept row does not ask for another.
    fn used(&self, hash: &str, at: DateTime<Utc>) {
        if let Ok(mut entries) = self.entries.lock()
            && let Some((key, _)) = entries.get_mut(hash)
        {
            key.last_used_at = Some(at);
        }
    }

    /// Forgets every key: this process changed one.
    fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

#[derive(Clone)]
pub struct StorefrontKeyService {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    cache: Arc<KeyCache>,
}

impl StorefrontKeyService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        StorefrontKeyService::with_cache(db, clock, Arc::new(KeyCache::new(Elapsed::ZERO)))
    }

    /// A service that admits keys through `cache` (the app's, shared by its requests).
    pub fn with_cache(db: DatabaseConnection, clock: Arc<dyn Clock>, cache: Arc<KeyCache>) -> Self {
        StorefrontKeyService { db, clock, cache }
    }

    pub async fn create(
        &self,
        name: &str,
        rate_limit: Option<RateLimit>,
        expires_in_days: Option<i64>,
    ) -> Result<CreatedKey, ServiceError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 191 {
            return Err(ServiceError::bad_request("name: give the key a name of 1 to 191 characters"));
        }
        if expires_in_days.is_some_and(|d| d < 1) {
            return Err(ServiceError::bad_request("expires-in-days: must be 1 or more"));
        }
        let now = self.clock.now();
        let (limit, warning) = capped(rate_limit.unwrap_or(RateLimit::PerMinute(DEFAULT_RATE_LIMIT)));
        let expires_at = expires_in_days.map(|d| now + Duration::days(d));
        let (key, model) = insert_key(&self.db, name, limit, expires_at, now).await?;
        Ok(CreatedKey {
            key,
            id: model.id,
            name: model.name,
            rate_limit: model.rate_limit,
            expires_at: model.expires_at,
            created_at: model.created_at,
            warning,
            replaces: None,
        })
    }

    /// A new key with the same name, limit and expiry; the old one stops working at once.
    pub async fn rotate(&self, reference: &str, reason: Option<&str>) -> Result<CreatedKey, ServiceError> {
        let now = self.clock.now();
        let txn = crate::db::begin_write(&self.db).await?;
        let old = find(&txn, reference).await?;
        if !old.is_active {
            return Err(ServiceError::bad_request(format!("key {} is inactive: create a new key instead", old.id)));
        }
        let (key, model) = insert_key(&txn, &old.name, old.rate_limit, old.expires_at, now).await?;
        let old_id = old.id;
        let mut old = old.into_active_model();
        old.is_active = Set(false);
        old.deactivated_at = Set(Some(now));
        old.deactivation_reason = Set(Some(reason.unwrap_or("rotated").to_owned()));
        old.replaced_by_id = Set(Some(model.id));
        old.updated_at = Set(now);
        old.update(&txn).await?;
        txn.commit().await?;
        self.cache.clear();
        Ok(CreatedKey {
            key,
            id: model.id,
            name: model.name,
            rate_limit: model.rate_limit,
            expires_at: model.expires_at,
            created_at: model.created_at,
            warning: None,
            replaces: Some(old_id),
        })
    }

    pub async fn deactivate(&self, reference: &str, reason: Option<&str>) -> Result<KeyInfo, ServiceError> {
        let now = self.clock.now();
        let key = find(&self.db, reference).await?;
        if !key.is_active {
            return Ok(key.into());
        }
        let mut key = key.into_active_model();
        key.is_active = Set(false);
        key.deactivated_at = Set(Some(now));
        key.deactivation_reason = Set(reason.map(str::to_owned));
        key.updated_at = Set(now);
        let updated = key.update(&self.db).await?;
        self.cache.clear();
        Ok(updated.into())
    }

    pub async fn list(&self) -> Result<Vec<KeyInfo>, ServiceError> {
        let keys = storefront_keys::Entity::find().order_by_asc(storefront_keys::Column::Id).all(&self.db).await?;
        Ok(keys.into_iter().map(KeyInfo::from).collect())
    }

    /// Checks `key` and counts the request against its limit.
    pub async fn admit(&self, key: &str) -> Result<Admission, ServiceError> {
        let now = self.clock.now();
        let hash = secrets::sha256_hex(key.trim());
        let found = match self.cache.get(&hash) {
            Some(kept) => Some(kept),
            None => {
                let read = storefront_keys::Entity::find()
                    .filter(storefront_keys::Column::KeyHash.eq(hash.as_str()))
                    .one(&self.db)
                    .await?;
                if let Some(read) = &read {
                    self.cache.put(hash.clone(), read.clone());
                }
                read
            }
        };
        let Some(found) = found.filter(|k| k.is_active && k.expires_at.is_none_or(|e| e > now)) else {
            return Ok(Admission::Invalid);
        };
        let principal = Principal::Storefront { storefront_key_id: found.id };
        let Some(limit) = found.rate_limit else {
            // Unlimited keys are not counted; record use at most once a window.
            if found.last_used_at.is_none_or(|t| now - t >= Duration::seconds(WINDOW_SECS)) {
                touch(&self.db, found.id, now).await?;
                self.cache.used(&hash, now);
            }
            return Ok(Admission::Admitted { principal, quota: None });
        };
        let window_start = now.timestamp().div_euclid(WINDOW_SECS) * WINDOW_SECS;
        let count = count_request(&self.db, found.id, window_start).await?;
        if count == 1 {
            // First request of a window: record use and forget older windows.
            touch(&self.db, found.id, now).await?;
            storefront_key_windows::Entity::delete_many()
                .filter(storefront_key_windows::Column::StorefrontKeyId.eq(found.id))
                .filter(storefront_key_windows::Column::WindowStart.lt(window_start))
                .exec(&self.db)
                .await?;
        }
        let reset = window_start + WINDOW_SECS;
        let quota = Quota { limit, remaining: Ord::max(limit - count, 0), reset };
        if count > limit {
            return Ok(Admission::Throttled { quota, retry_after: Ord::max(reset - now.timestamp(), 1) });
        }
        Ok(Admission::Admitted { principal, quota: Some(quota) })
    }
}

fn capped(limit: RateLimit) -> (Option<i32>, Option<String>) {
    match limit {
        RateLimit::Unlimited => (None, None),
        RateLimit::PerMinute(n) if n > MAX_RATE_LIMIT => (
            Some(MAX_RATE_LIMIT),
            Some(format!("a rate limit of {n} requests a minute is above the maximum; the key gets {MAX_RATE_LIMIT}")),
        ),
        RateLimit::PerMinute(n) => (Some(n), None),
    }
}

async fn insert_key(
    db: &impl ConnectionTrait,
    name: &str,
    rate_limit: Option<i32>,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(String, storefront_keys::Model), DbErr> {
    let key = format!("{KEY_PREFIX}{}", secrets::random_token(32));
    let model = storefront_keys::ActiveModel {
        name: Set(name.to_owned()),
        key_hash: Set(secrets::sha256_hex(&key)),
        key_prefix: Set(key[..KEY_PREFIX.len() + 4].to_owned()),
        rate_limit: Set(rate_limit),
        is_active: Set(true),
        expires_at: Set(expires_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((key, model))
}

/// A key by id, or the newest key with that name.
async fn find(db: &impl ConnectionTrait, reference: &str) -> Result<storefront_keys::Model, ServiceError> {
    let by_id = match reference.trim().parse::<i64>() {
        Ok(id) => storefront_keys::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    let found = match by_id {
        Some(k) => Some(k),
        None => {
            storefront_keys::Entity::find()
                .filter(storefront_keys::Column::Name.eq(reference.trim()))
                .order_by_desc(storefront_keys::Column::IsActive)
                .order_by_desc(storefront_keys::Column::Id)
                .one(db)
                .await?
        }
    };
    found.ok_or_else(|| ServiceError::not_found(format!("key: no storefront key has the id or name `{reference}`")))
}

async fn touch(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    storefront_keys::Entity::update_many()
        .col_expr(storefront_keys::Column::LastUsedAt, Expr::value(now))
        .filter(storefront_keys::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Adds one request to the key's window and returns the window's count, in one statement.
async fn count_request(db: &impl ConnectionTrait, key_id: i64, window_start: i64) -> Result<i32, DbErr> {
    use storefront_key_windows::{Column, Entity};
    let row = Entity::insert(storefront_key_windows::ActiveModel {
        storefront_key_id: Set(key_id),
        window_start: Set(window_start),
        requests: Set(1),
    })
    .on_conflict(
        OnConflict::columns([Column::StorefrontKeyId, Column::WindowStart])
            .value(Column::Requests, Expr::col((Entity, Column::Requests)).add(1))
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok(row.requests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rate_limits() {
        assert_eq!("250".parse::<RateLimit>(), Ok(RateLimit::PerMinute(250)));
        assert_eq!("unlimited".parse::<RateLimit>(), Ok(RateLimit::Unlimited));
        assert_eq!("null".parse::<RateLimit>(), Ok(RateLimit::Unlimited));
        assert!("0".parse::<RateLimit>().is_err());
        assert!("lots".parse::<RateLimit>().is_err());
        assert_eq!(capped(RateLimit::PerMinute(9000)).0, Some(MAX_RATE_LIMIT));
    }
}
