//! Per-request data loaders: each batches the keys the resolvers of one request ask for into
//! one query (the images of every product of a page at once).

use std::{
    any::{Any, TypeId},
    collections::HashMap,
    sync::{Arc, Mutex},
};

use async_graphql::dataloader::DataLoader;

use crate::{app::AppState, settings::scope::Scope};

/// A loader built for one request's state and scope.
pub trait ShopLoader: Send + Sync + 'static {
    fn new(state: AppState, scope: Scope) -> Self;
}

/// The data loaders of one request, created on first use.
pub struct Loaders {
    state: AppState,
    scope: Scope,
    made: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Loaders {
    pub fn new(state: AppState, scope: Scope) -> Self {
        Loaders { state, scope, made: Mutex::new(HashMap::new()) }
    }

    /// The request's loader of type `L`.
    pub fn get<L: ShopLoader>(&self) -> Arc<DataLoader<L>> {
        let mut made = self.made.lock().expect("loaders lock");
        let entry = made
            .entry(TypeId::of::<L>())
            .or_insert_with(|| Arc::new(DataLoader::new(L::new(self.state.clone(), self.scope.clone()), tokio::spawn)));
        entry.clone().downcast::<DataLoader<L>>().expect("a loader of the type it is filed under")
    }
}
