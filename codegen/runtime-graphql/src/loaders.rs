//! Per-request data loaders: each batches the keys the resolvers of one request ask for into
//! one query (the images of every product of a page at once).
//!
//! Loaders implement async-graphql's `Loader` trait and [`RequestLoader`] (how a loader is
//! made from the request's context `C`: the shop's state and scope); [`Batcher`] runs them. A
//! batch runs in the request's own task, driven by [`Polled`] with the execution: one at a
//! time, each starting only once the execution has run on the results of the one before (it
//! waits for data), so it holds every key the execution can register by then. Unlike a
//! timer-based data loader, how keys are batched does not depend on timing or on the order in
//! which the database answers, so a page of N products costs the same queries for every N, on
//! a busy machine too.

use std::{
    any::{Any, TypeId},
    collections::{HashMap, HashSet, VecDeque},
    future::Future,
    hash::Hash,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
};

use async_graphql::dataloader::Loader;
use tokio::sync::oneshot;

/// A loader built for one request from its context `C` (what the surface's loaders read: the
/// state, the scope of the request).
pub trait RequestLoader<C>: Send + Sync + 'static {
    fn new(ctx: C) -> Self;
}

/// The data loaders of one request, created on first use.
pub struct Loaders<C> {
    ctx: C,
    waves: Arc<Waves>,
    made: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl<C: Clone> Loaders<C> {
    pub fn new(ctx: C) -> Self {
        Loaders { ctx, waves: Arc::default(), made: Mutex::new(HashMap::new()) }
    }

    /// The request's loader of type `L`.
    pub fn get<L: RequestLoader<C>>(&self) -> Arc<Batcher<L>> {
        let mut made = self.made.lock().expect("loaders lock");
        let entry = made
            .entry(TypeId::of::<L>())
            .or_insert_with(|| Arc::new(Batcher::new(L::new(self.ctx.clone()), self.waves.clone())));
        entry.clone().downcast::<Batcher<L>>().expect("a loader of the type it is filed under")
    }

    /// The request's wave gate, told of every poll of the execution (see `super::executor`).
    pub fn waves(&self) -> Arc<Waves> {
        self.waves.clone()
    }
}

/// The batches of one request, in the order they were scheduled. [`Polled`] runs them one at a
/// time, each only once the execution has been polled since the one before ended, i.e. once the
/// resolvers woken by its results have registered the keys they ask for next. Loading one batch
/// at a time keeps query counts independent of timing.
#[derive(Default)]
pub struct Waves {
    scheduled: Mutex<VecDeque<Batch>>,
}

/// One batch's load, answering its waiters when done.
type Batch = Pin<Box<dyn Future<Output = ()> + Send>>;

impl Waves {
    fn schedule(&self, batch: Batch) {
        self.scheduled.lock().expect("waves lock").push_back(batch);
    }

    fn next(&self) -> Option<Batch> {
        self.scheduled.lock().expect("waves lock").pop_front()
    }
}

/// The execution of one request with its batches, in one task: the execution is polled until it
/// waits for data, then the batch due, and when that batch ends, the execution again before the
/// next batch starts. Nothing is spawned, so the batching does not depend on a scheduler.
pub struct Polled<F> {
    future: Pin<Box<F>>,
    waves: Arc<Waves>,
    /// The batch loading now.
    loading: Option<Batch>,
}

impl<F> Polled<F> {
    pub fn new(future: F, waves: Arc<Waves>) -> Self {
        Polled { future: Box::pin(future), waves, loading: None }
    }
}

impl<F: Future> Future for Polled<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        loop {
            if let Poll::Ready(output) = self.future.as_mut().poll(cx) {
                return Poll::Ready(output);
            }
            // The execution waits: every key it can reach is registered.
            if self.loading.is_none() {
                self.loading = self.waves.next();
            }
            let Some(batch) = self.loading.as_mut() else { return Poll::Pending };
            match batch.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                // Its waiters are answered: run the execution on the results before the next.
                Poll::Ready(()) => self.loading = None,
            }
        }
    }
}

type Reply<K, V, E> = oneshot::Sender<Result<HashMap<K, V>, E>>;

/// Keys waiting for the next batch of one key type, and the values loaded so far (`None`: the
/// key was loaded and has no value, so it is not asked for again).
struct Pending<K, V, E> {
    keys: HashSet<K>,
    waiters: Vec<(HashSet<K>, Reply<K, V, E>)>,
    cache: HashMap<K, Option<V>>,
    scheduled: bool,
}

/// Runs a loader in batches, caching what it loaded for the rest of the request.
pub struct Batcher<L> {
    loader: Arc<L>,
    waves: Arc<Waves>,
    pending: Arc<Mutex<HashMap<TypeId, Box<dyn Any + Send>>>>,
}

impl<L: Send + Sync + 'static> Batcher<L> {
    fn new(loader: L, waves: Arc<Waves>) -> Self {
        Batcher { loader: Arc::new(loader), waves, pending: Arc::new(Mutex::new(HashMap::new())) }
    }

    pub async fn load_one<K>(&self, key: K) -> Result<Option<L::Value>, L::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        L: Loader<K>,
    {
        Ok(self.load_many([key.clone()]).await?.remove(&key))
    }

    pub async fn load_many<K>(&self, keys: impl IntoIterator<Item = K>) -> Result<HashMap<K, L::Value>, L::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        L: Loader<K>,
    {
        let (mut found, rx) = {
            let mut all = self.pending.lock().expect("loader lock");
            let pending = all
                .entry(TypeId::of::<K>())
                .or_insert_with(|| {
                    Box::new(Pending::<K, L::Value, L::Error> {
                        keys: HashSet::new(),
                        waiters: Vec::new(),
                        cache: HashMap::new(),
                        scheduled: false,
                    })
                })
                .downcast_mut::<Pending<K, L::Value, L::Error>>()
                .expect("pending keys of the type they are filed under");
            let mut found = HashMap::new();
            let mut missing = HashSet::new();
            for key in keys {
                match pending.cache.get(&key) {
                    Some(Some(v)) => {
                        found.insert(key, v.clone());
                    }
                    Some(None) => {}
                    None => {
                        missing.insert(key);
                    }
                }
            }
            if missing.is_empty() {
                return Ok(found);
            }
            pending.keys.extend(missing.iter().cloned());
            let (tx, rx) = oneshot::channel();
            pending.waiters.push((missing, tx));
            if !pending.scheduled {
                pending.scheduled = true;
                let (loader, pending) = (self.loader.clone(), self.pending.clone());
                self.waves.schedule(Box::pin(async move { load_batch::<K, L>(&loader, &pending).await }));
            }
            (found, rx)
        };
        let loaded = rx.await.expect("a scheduled batch always answers")?;
        found.extend(loaded);
        Ok(found)
    }
}

/// Loads every key registered so far and answers each waiter with its keys.
async fn load_batch<K, L>(loader: &L, pending: &Mutex<HashMap<TypeId, Box<dyn Any + Send>>>)
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L: Loader<K>,
{
    let take = |pending: &mut Pending<K, L::Value, L::Error>| {
        pending.scheduled = false;
        (std::mem::take(&mut pending.keys), std::mem::take(&mut pending.waiters))
    };
    let (keys, waiters) = {
        let mut all = pending.lock().expect("loader lock");
        let entry = all.get_mut(&TypeId::of::<K>()).and_then(|p| p.downcast_mut::<Pending<K, L::Value, L::Error>>());
        match entry {
            Some(p) => take(p),
            None => return,
        }
    };
    let keys: Vec<K> = keys.into_iter().collect();
    tracing::debug!(loader = std::any::type_name::<L>(), keys = keys.len(), "loading a batch");
    match loader.load(&keys).await {
        Ok(values) => {
            {
                let mut all = pending.lock().expect("loader lock");
                if let Some(p) =
                    all.get_mut(&TypeId::of::<K>()).and_then(|p| p.downcast_mut::<Pending<K, L::Value, L::Error>>())
                {
                    p.cache.extend(keys.iter().map(|k| (k.clone(), values.get(k).cloned())));
                }
            }
            for (wanted, reply) in waiters {
                let answer = wanted.into_iter().filter_map(|k| values.get(&k).map(|v| (k, v.clone()))).collect();
                let _ = reply.send(Ok(answer));
            }
        }
        Err(e) => {
            for (_, reply) in waiters {
                let _ = reply.send(Err(e.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers `key * 10` for keys under 100, after yielding once (as a database would make it
    /// wait), and writes down each batch's keys.
    struct Tens(Arc<Mutex<Vec<Vec<u32>>>>);

    impl RequestLoader<Arc<Mutex<Vec<Vec<u32>>>>> for Tens {
        fn new(log: Arc<Mutex<Vec<Vec<u32>>>>) -> Self {
            Tens(log)
        }
    }

    impl Loader<u32> for Tens {
        type Value = u32;
        type Error = Arc<str>;

        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u32>, Arc<str>> {
            let mut batch = keys.to_vec();
            batch.sort_unstable();
            self.0.lock().unwrap().push(batch);
            tokio::task::yield_now().await;
            Ok(keys.iter().filter(|k| **k < 100).map(|k| (*k, k * 10)).collect())
        }
    }

    /// Another key type, so another batch: the same answers, written down alike.
    impl Loader<u64> for Tens {
        type Value = u64;
        type Error = Arc<str>;

        async fn load(&self, keys: &[u64]) -> Result<HashMap<u64, u64>, Arc<str>> {
            let narrow: Vec<u32> = keys.iter().map(|k| u32::try_from(*k).unwrap()).collect();
            let loaded = Loader::<u32>::load(self, &narrow).await?;
            Ok(loaded.into_iter().map(|(k, v)| (u64::from(k), u64::from(v))).collect())
        }
    }

    #[tokio::test]
    async fn a_batch_waiting_its_turn_takes_the_keys_the_one_before_led_to() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let loaders = Loaders::new(log.clone());
        let tens = loaders.get::<Tens>();
        let execution = async {
            tokio::join!(
                async {
                    let a = tens.load_one(1u32).await.unwrap().unwrap();
                    tens.load_one(u64::from(a) + 1).await.unwrap()
                },
                tens.load_one(5u64),
            )
        };
        let (eleven, five) = Polled::new(execution, loaders.waves()).await;
        assert_eq!((eleven, five.unwrap()), (Some(110), Some(50)));
        // Both batches were scheduled in the first wave; the second started only once the
        // execution had run on the first's results, so it holds key 11 as well as 5.
        assert_eq!(*log.lock().unwrap(), vec![vec![1], vec![5, 11]]);
    }

    #[tokio::test]
    async fn batches_hold_every_key_the_execution_reaches_and_run_one_at_a_time() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let loaders = Loaders::new(log.clone());
        let tens = loaders.get::<Tens>();
        let execution = async {
            // Two resolvers side by side: one batch.
            let (a, b) = tokio::join!(tens.load_one(1u32), tens.load_one(2u32));
            let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
            // What they resolve next, side by side again: one batch, without the key loaded.
            let (c, d) = tokio::join!(tens.load_one(a / 10 + 2), tens.load_many([b / 10 + 2, 1, 200]));
            (a, b, c.unwrap(), d.unwrap())
        };
        let (a, b, c, d) = Polled::new(execution, loaders.waves()).await;
        assert_eq!((a, b, c), (10, 20, Some(30)));
        assert_eq!(d, HashMap::from([(4, 40), (1, 10)]));
        // Key 1 was loaded once; 200 has no value and is asked for like any other key.
        assert_eq!(*log.lock().unwrap(), vec![vec![1, 2], vec![3, 4, 200]]);
        // Every key is kept for the rest of the request, those without a value too.
        assert_eq!(Polled::new(tens.load_many([2u32, 200]), loaders.waves()).await.unwrap(), HashMap::from([(2, 20)]));
        assert_eq!(log.lock().unwrap().len(), 2);
    }
}
