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
}
