//! Privacy and consumer rights: customers' GDPR data requests (to delete or update their data)
//! and declarations of the EU right of withdrawal from an order (Directive 2011/83/EU, Art.
//! 11a). Each is switched on per channel in the configuration (`core_config`), off when unset,
//! as in a fresh Bagisto installation; the demo data switches both on.

pub mod gdpr;
mod records;
mod store;
pub mod withdrawals;

pub use records::{GdprSort, PENDING, PROCESSING, REVOKED};
pub use withdrawals::Withdrawal;
