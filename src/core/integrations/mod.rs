//! API clients and their credentials: OAuth2 client-credentials integrations (Community Store
//! API), administrators' API keys (CS-Cart API) and storefront keys (Bagisto shop APIs). Secrets and tokens are random, shown once, and stored only as SHA-256 hashes: they are
//! high-entropy, so a fast hash is enough and lookups stay indexable.

pub mod admins;
pub mod oauth;
mod store;
pub mod storefront_keys;

pub use admins::{AdminService, CreatedAdmin};
pub use oauth::{CreatedIntegration, OAuthService};
pub use storefront_keys::StorefrontKeyService;

/// Every scope an integration can hold, as Community Store installs them.
pub const ALL_SCOPES: &[&str] =
    &["cs:orders:read", "cs:orders:write", "cs:products:read", "cs:products:write", "cs:config:read"];

/// Access tokens live one hour, as the upstream server issues them.
pub const TOKEN_LIFETIME_SECS: i64 = 3600;
