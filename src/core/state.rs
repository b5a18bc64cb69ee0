//! What every service needs: the database, the clock and the configuration, and the services of
//! the integrations area built from them.

use std::sync::Arc;

use polyshop_runtime::ServiceError;
use sea_orm::DatabaseConnection;

use crate::{
    carts::CartService,
    clock::Clock,
    config::Config,
    customers::{AddressBook, CustomerService},
    integrations::{AdminService, KeyCache, OAuthService, StorefrontKeyService},
    settings::{StoreSettings, cache::ScopeCache},
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    /// Storefront scopes already resolved (channel, locales, currencies), kept while current.
    pub scopes: Arc<ScopeCache>,
    /// Storefront keys already verified, kept for a second.
    pub keys: Arc<KeyCache>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, config: Config) -> Self {
        AppState {
            db,
            clock,
            config: Arc::new(config),
            scopes: Arc::new(ScopeCache::default()),
            keys: Arc::new(KeyCache::default()),
        }
    }

    /// Settings of the store the store-wide APIs speak for.
    pub async fn settings(&self) -> Result<StoreSettings, ServiceError> {
        StoreSettings::load(&self.db, self.config.media_base_url.as_deref()).await
    }

    pub fn oauth(&self) -> OAuthService {
        OAuthService::new(self.db.clone(), self.clock.clone())
    }

    pub fn admins(&self) -> AdminService {
        AdminService::new(self.db.clone(), self.clock.clone())
    }

    pub fn carts(&self) -> CartService {
        CartService::new(self.db.clone(), self.clock.clone())
    }

    pub fn customers(&self) -> CustomerService {
        CustomerService::new(self.db.clone(), self.clock.clone())
    }

    pub fn wishlists(&self) -> crate::wishlists::WishlistService {
        crate::wishlists::WishlistService::new(self.db.clone(), self.clock.clone())
    }

    pub fn address_book(&self) -> AddressBook {
        AddressBook::new(self.db.clone(), self.clock.clone())
    }

    pub fn storefront_keys(&self) -> StorefrontKeyService {
        StorefrontKeyService::with_cache(self.db.clone(), self.clock.clone(), self.keys.clone())
    }
}
