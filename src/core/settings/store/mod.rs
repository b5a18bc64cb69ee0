//! SQL for settings: the store-wide defaults in `defaults`, channels (CS-Cart's stores) in
//! `channel_rows`, what the storefront APIs read (scope, locales, currencies, storefront
//! channels) in `storefront`.

mod channel_rows;
mod defaults;
mod storefront;

pub use channel_rows::*;
pub use defaults::*;
pub use storefront::*;
