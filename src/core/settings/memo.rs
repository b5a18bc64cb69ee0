//! Values derived from one settings generation (the catalog's structure), shared by the scopes
//! the scope cache hands out (see `cache.rs`).

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    sync::{Arc, Mutex},
};

use polyshop_runtime::ServiceError;

/// A value being loaded or loaded once, shared by the requests that ask at the same time.
type Cell = Arc<tokio::sync::OnceCell<Arc<dyn Any + Send + Sync>>>;

/// Values derived from one settings generation, one per type (the catalog's structure): loaded
/// once per generation (requests asking meanwhile wait for that one load) and kept until a
/// scope of another generation asks.
#[derive(Default)]
pub struct Memo {
    slot: Mutex<(i64, HashMap<TypeId, Cell>)>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Memo {
    /// The `T` of `generation`: kept, else loaded by `load`. Another generation's values are
    /// dropped (generations normally only grow; a restored database may go back).
    pub async fn get_or_load<T, F>(&self, generation: i64, load: F) -> Result<Arc<T>, ServiceError>
    where
        T: Any + Send + Sync,
        F: AsyncFnOnce() -> Result<T, ServiceError>,
    {
        let cell = {
            let mut slot = self.slot.lock().map_err(|_| ServiceError::internal("memo poisoned"))?;
            if slot.0 != generation {
                *slot = (generation, HashMap::new());
            }
            slot.1.entry(TypeId::of::<T>()).or_default().clone()
        };
        let value = cell
            .get_or_try_init(async || Ok::<_, ServiceError>(Arc::new(load().await?) as Arc<dyn Any + Send + Sync>))
            .await?;
        value.clone().downcast::<T>().map_err(|_| ServiceError::internal("memo holds another type"))
    }
}

/// Records by key (a product id, a list's filters), at most `capacity` of them, for records
/// kept in a [`Memo`] (product pages, cards, list totals): past the capacity, one goes to make
/// room, the first in the map's hashed order (the hash's random key picks which).
pub struct Kept<K, V> {
    capacity: usize,
    records: Mutex<HashMap<K, Arc<V>>>,
}

impl<K: std::hash::Hash + Eq + Clone, V> Kept<K, V> {
    pub fn new(capacity: usize) -> Self {
        Kept { capacity, records: Mutex::new(HashMap::new()) }
    }

    // A panic elsewhere while the lock was held leaves a map that is still valid: the lock's
    // poison is ignored.
    fn records(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        self.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.records().get(key).cloned()
    }

    pub fn keep(&self, key: K, record: V) -> Arc<V> {
        let record = Arc::new(record);
        let mut records = self.records();
        if records.len() >= self.capacity
            && !records.contains_key(&key)
            && let Some(any) = records.keys().next().cloned()
        {
            records.remove(&any);
        }
        records.insert(key, record.clone());
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_one_generation_and_loads_it_once() {
        let memo = Memo::default();
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = |value: u32| {
            let loads = &loads;
            async move || {
                loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok::<_, ServiceError>(value)
            }
        };
        assert_eq!(*memo.get_or_load(3, load(30)).await.unwrap(), 30);
        assert_eq!(*memo.get_or_load(3, load(31)).await.unwrap(), 30, "kept for generation 3");
        assert_eq!(*memo.get_or_load(4, load(40)).await.unwrap(), 40, "a newer generation loads again");
        assert_eq!(*memo.get_or_load(4, load(41)).await.unwrap(), 40);
        // A restored database's generation may go back: its values are loaded, not the newer kept.
        assert_eq!(*memo.get_or_load(2, load(20)).await.unwrap(), 20);
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 3);
        // Requests asking at once share one load.
        let (a, b) = tokio::join!(memo.get_or_load(5, load(50)), memo.get_or_load(5, load(51)));
        assert_eq!((*a.unwrap(), *b.unwrap()), (50, 50));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 4);
    }

    #[test]
    fn keeps_at_most_its_capacity() {
        let kept = Kept::new(3);
        for id in 0..10 {
            assert_eq!(*kept.keep(id, id * 10), id * 10);
            assert_eq!(kept.get(&id).as_deref(), Some(&(id * 10)), "the newest is kept");
        }
        assert_eq!((0..10).filter(|id| kept.get(id).is_some()).count(), 3);
        // Keeping a kept key again replaces it and makes no room.
        let held: Vec<i64> = (0..10).filter(|id| kept.get(id).is_some()).collect();
        kept.keep(held[0], 1);
        assert_eq!(held.iter().filter(|id| kept.get(id).is_some()).count(), 3);
        assert_eq!(kept.get(&held[0]).as_deref(), Some(&1));
    }
}
