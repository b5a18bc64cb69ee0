//! The storefront scope, cached in process. Resolving a scope reads the channel, its locales and
//! currencies and the rates (eight statements); they change rarely, so every request need not
//! read them again.
//!
//! Invalidation, in this process and across processes sharing the database: every write to
//! those settings runs in [`write_settings`], which adds one to the `settings` row of
//! `cache_generations` in its transaction ([`bump`]) and, once committed, to this process's
//! counter ([`changed_here`]). A cached scope is
//! used while this process's counter is unchanged and the database's generation, read at most
//! once every `revalidate_every` (one second by default), is unchanged. A change
//! made by another process is therefore seen within that second; one made here, at once.
//!
//! The same generation covers the catalog's structure (attributes, options, families,
//! categories: see `catalog::dictionary`), which its writers bump too. Data derived from it is
//! kept in a [`Memo`] that the cached scopes share and that holds one generation's values: a
//! request reaches it through its scope, so no request reads the generation twice.

use std::{
    collections::HashMap,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use polyshop_runtime::ServiceError;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, Statement};

use super::{
    memo::Memo,
    scope::{Scope, ScopeRequest},
};

/// Changes to the settings committed by this process.
static CHANGED_HERE: AtomicU64 = AtomicU64::new(0);

/// Scopes asked for by distinct headers are kept up to this many; past it the cache starts
/// over (headers are client input: their variety must not grow memory).
const MAX_ENTRIES: usize = 256;

/// Runs `work`, a change to the settings, in a write transaction that also records the change
/// ([`bump`]), and once it is committed tells this process's caches ([`changed_here`]). Every
/// write to what [`ScopeCache`] holds goes through here.
pub async fn write_settings<T, F>(db: &DatabaseConnection, work: F) -> Result<T, ServiceError>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, ServiceError>> + Send + 'c>>
        + Send,
    T: Send + 'static,
{
    let value = crate::db::write_transaction(db, |txn| {
        let change = work(txn);
        Box::pin(async move {
            let value = change.await?;
            bump(txn).await?;
            Ok(value)
        })
    })
    .await?;
    changed_here();
    Ok(value)
}

/// Records, in `txn`, that the settings change: every process drops its cached scopes.
pub async fn bump(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    txn.execute_unprepared("UPDATE cache_generations SET generation = generation + 1 WHERE name = 'settings'").await?;
    Ok(())
}

/// Tells this process's caches, once a settings change is committed, to drop what they hold.
fn changed_here() {
    CHANGED_HERE.fetch_add(1, Ordering::SeqCst);
}

async fn generation(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let sql = "SELECT generation FROM cache_generations WHERE name = 'settings'";
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(row.map(|r| r.try_get::<i64>("", "generation")).transpose()?.unwrap_or(0))
}

/// What the cached entries were read under.
struct Stamp {
    changed_here: u64,
    generation: i64,
    checked: Option<Instant>,
}

/// Scopes by the (channel, locale, currency) asked for, trimmed and lowercased.
type Entries = HashMap<(String, String, String), Scope>;

pub struct ScopeCache {
    /// What the scopes handed out share: values derived from the settings generation.
    memo: Arc<Memo>,
    revalidate_every: Duration,
    /// Whether this process's counter of changes drops the cache (see [`Self::checking_every_request`]).
    follow_process: bool,
    state: Mutex<(Stamp, Entries)>,
}

impl Default for ScopeCache {
    fn default() -> Self {
        ScopeCache::new(Duration::from_secs(1))
    }
}

impl ScopeCache {
    /// A cache that reads the database's generation at most once every `revalidate_every`.
    pub fn new(revalidate_every: Duration) -> Self {
        let stamp = Stamp { changed_here: CHANGED_HERE.load(Ordering::SeqCst), generation: 0, checked: None };
        ScopeCache {
            memo: Arc::default(),
            revalidate_every,
            follow_process: true,
            state: Mutex::new((stamp, HashMap::new())),
        }
    }

    /// A cache that reads the database's generation on every use (one statement) and nothing
    /// else: current whatever other databases this process changes. For tests that count
    /// statements while other tests, on other databases, change their settings.
    pub fn checking_every_request() -> Self {
        ScopeCache { follow_process: false, ..ScopeCache::new(Duration::ZERO) }
    }

    /// The scope `request` resolves to: from the cache when it is current, else resolved (and
    /// kept).
    pub async fn scope(
        &self,
        db: &impl ConnectionTrait,
        request: &ScopeRequest,
        media_base_url: Option<&str>,
    ) -> Result<Scope, ServiceError> {
        let key = |v: &Option<String>| v.as_deref().map(|s| s.trim().to_ascii_lowercase()).unwrap_or_default();
        let key = (key(&request.channel), key(&request.locale), key(&request.currency));
        let now = Instant::now();
        let changed_here = if self.follow_process { CHANGED_HERE.load(Ordering::SeqCst) } else { 0 };
        let (due, mut read_under) = {
            let mut state = self.state.lock().map_err(|_| ServiceError::internal("scope cache poisoned"))?;
            let (stamp, entries) = &mut *state;
            if stamp.changed_here != changed_here {
                entries.clear();
                stamp.changed_here = changed_here;
                stamp.checked = None;
            }
            let due = stamp.checked.is_none_or(|at| now.duration_since(at) >= self.revalidate_every);
            if !due && let Some(scope) = entries.get(&key) {
                return Ok(scope.clone());
            }
            (due, stamp.generation)
        };
        if due {
            let current = generation(db).await?;
            let mut state = self.state.lock().map_err(|_| ServiceError::internal("scope cache poisoned"))?;
            let (stamp, entries) = &mut *state;
            if stamp.generation != current {
                entries.clear();
                stamp.generation = current;
            }
            stamp.checked = Some(now);
            read_under = current;
            if let Some(scope) = entries.get(&key) {
                return Ok(scope.clone());
            }
        }
        let mut scope = Scope::resolve(db, request, media_base_url).await?;
        let mut state = self.state.lock().map_err(|_| ServiceError::internal("scope cache poisoned"))?;
        let (stamp, entries) = &mut *state;
        // Kept only if nothing changed while it was read.
        if stamp.changed_here == changed_here && stamp.generation == read_under {
            scope.memo = Some((read_under, self.memo.clone()));
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, scope.clone());
        }
        Ok(scope)
    }
}
