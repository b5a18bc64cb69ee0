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

/// Records by key (a product id, a list's filters), for records kept in a [`Memo`] (product
/// pages, cards, lists' ordered matches): at most `capacity` of them and, when weighed, records
/// whose weights sum to at most a budget. Past a bound, records go to make room, the first in
/// the map's hashed order (the hash's random key picks which); a record heavier than the whole
/// budget is kept alone.
pub struct Kept<K, V> {
    capacity: usize,
    budget: usize,
    weigh: fn(&V) -> usize,
    records: Mutex<Records<K, V>>,
}

struct Records<K, V> {
    map: HashMap<K, Arc<V>>,
    /// The summed weight of `map`'s records.
    weight: usize,
}

impl<K: std::hash::Hash + Eq + Clone, V> Kept<K, V> {
    /// At most `capacity` records.
    pub fn new(capacity: usize) -> Self {
        Self::weighed(capacity, usize::MAX, |_| 0)
    }

    /// At most `capacity` records, whose `weigh`ts sum to at most `budget`.
    pub fn weighed(capacity: usize, budget: usize, weigh: fn(&V) -> usize) -> Self {
        Kept { capacity, budget, weigh, records: Mutex::new(Records { map: HashMap::new(), weight: 0 }) }
    }

    // A panic elsewhere while the lock was held leaves a map that is still valid: the lock's
    // poison is ignored.
    fn records(&self) -> std::sync::MutexGuard<'_, Records<K, V>> {
        self.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.records().map.get(key).cloned()
    }

    pub fn keep(&self, key: K, record: V) -> Arc<V> {
        let weight = (self.weigh)(&record);
        let record = Arc::new(record);
        let mut kept = self.records();
        if let Some(old) = kept.map.remove(&key) {
            kept.weight = kept.weight.saturating_sub((self.weigh)(&old));
        }
        while (kept.map.len() >= self.capacity || kept.weight.saturating_add(weight) > self.budget)
            && let Some(any) = kept.map.keys().next().cloned()
            && let Some(old) = kept.map.remove(&any)
        {
            kept.weight = kept.weight.saturating_sub((self.weigh)(&old));
        }
        kept.map.insert(key, record.clone());
        kept.weight = kept.weight.saturating_add(weight);
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

    #[test]
    fn keeps_weighed_records_within_the_budget_and_the_capacity() {
        let kept: Kept<i64, Vec<i64>> = Kept::weighed(3, 10, Vec::len);
        kept.keep(1, vec![0; 4]);
        kept.keep(2, vec![0; 4]);
        assert!(kept.get(&1).is_some() && kept.get(&2).is_some());
        // 4 + 4 + 6 > 10: one of the two goes.
        kept.keep(3, vec![0; 6]);
        assert!(kept.get(&3).is_some());
        assert_eq!([1, 2].iter().filter(|id| kept.get(id).is_some()).count(), 1);
        // Replacing a record gives its weight back first.
        kept.keep(3, vec![0; 2]);
        let held = || (1..=5).filter_map(|id| kept.get(&id)).map(|v| v.len()).collect::<Vec<_>>();
        assert_eq!(held().iter().sum::<usize>(), 6);
        // Light records still count against the capacity.
        kept.keep(4, Vec::new());
        kept.keep(5, Vec::new());
        assert_eq!(held().len(), 3);
        // Heavier than the budget: kept alone.
        assert_eq!(kept.keep(6, vec![0; 11]).len(), 11);
        assert!(kept.get(&6).is_some());
        assert!(held().is_empty());
    }
}
