//! Values derived from one settings generation (the catalog's structure), shared by the scopes
//! the scope cache hands out (see `cache.rs`).

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    sync::{Arc, Mutex},
};

use polyshop_runtime::ServiceError;

/// Values of one generation, by type.
type Derived = HashMap<TypeId, Arc<dyn Any + Send + Sync>>;

/// Values derived from one settings generation, one per type (the catalog's structure): loaded
/// on first use under a generation and kept until a scope of a newer generation asks.
#[derive(Default)]
pub struct Memo {
    slot: Mutex<(i64, Derived)>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Memo {
    /// The `T` of `generation`: kept, else loaded by `load` (and kept unless a newer
    /// generation's value came first).
    pub async fn get_or_load<T, F>(&self, generation: i64, load: F) -> Result<Arc<T>, ServiceError>
    where
        T: Any + Send + Sync,
        F: AsyncFnOnce() -> Result<T, ServiceError>,
    {
        {
            let slot = self.slot.lock().map_err(|_| ServiceError::internal("memo poisoned"))?;
            if slot.0 == generation
                && let Some(kept) = slot.1.get(&TypeId::of::<T>())
                && let Ok(value) = kept.clone().downcast::<T>()
            {
                return Ok(value);
            }
        }
        let value = Arc::new(load().await?);
        let mut slot = self.slot.lock().map_err(|_| ServiceError::internal("memo poisoned"))?;
        if slot.0 < generation {
            *slot = (generation, HashMap::new());
        }
        if slot.0 == generation {
            slot.1.insert(TypeId::of::<T>(), value.clone());
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_one_generation_and_never_goes_back() {
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
        // A request still on generation 3 gets a fresh value that is not kept.
        assert_eq!(*memo.get_or_load(3, load(32)).await.unwrap(), 32);
        assert_eq!(*memo.get_or_load(4, load(41)).await.unwrap(), 40);
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 3);
    }
}
