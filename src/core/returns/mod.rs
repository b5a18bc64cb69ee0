//! Customer returns (Bagisto's RMA): a customer raises a return for units of one line of their
//! order (sending back invoiced units, or cancelling units not invoiced yet), follows it, talks
//! to the store about it, and cancels, closes or reopens it. Which lines may be returned, and
//! how many units, follows upstream's rules (`service.rs`); the statuses and reasons are the
//! installation's (migration 000016).

mod records;
mod service;
mod store;

pub use records::*;
pub use service::*;
