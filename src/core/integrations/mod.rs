//! API clients and their credentials: OAuth2 client-credentials integrations (Community Store
//! API), administrators' API keys (CS-Cart API) and storefront keys (Bagisto shop APIs). Secrets and tokens are random, shown once, and stored only as SHA-256 hashes: they are
//! high-entropy, so a fast hash is enough and lookups stay indexable.

pub mod admins;
pub mod oauth;
mod store;
pub mod storefront_keys;
pub mod throttle;

pub use admins::{AdminService, CreatedAdmin};
pub use oauth::{ALL_SCOPES, CreatedIntegration, OAuthService, TOKEN_LIFETIME_SECS};
pub use storefront_keys::{KeyCache, StorefrontKeyService};
