//! Customer accounts: registration, sign-in tokens, the profile, the address book and password
//! resets.
//!
//! Passwords are hashed with Argon2id ([`passwords`]). A sign-in is a Sanctum-style token
//! `<id>|<secret>` plus an 80-character `apiToken` ([`tokens`]); both are stored as SHA-256
//! hashes, expire after [`tokens::TOKEN_LIFETIME_DAYS`] days and end at logout. Failed logins are
//! throttled per account and per address (`integrations::throttle`), and no answer tells
//! whether an email is registered. Reset emails go through the mail outbox (`crate::mail`).

pub mod accounts;
pub mod addresses;
pub mod passwords;
mod records;
mod store;
pub mod tokens;

pub use accounts::CustomerService;
pub use addresses::AddressBook;
pub use polyshop_entities::{addresses::Model as Address, customers::Model as Customer};
pub use records::{
    AddressChanges, AddressFields, AddressOrder, MAX_ADDRESSES, NewCustomer, PasswordChange, ProfileChanges, SignIn,
    street_lines,
};
pub use store::country_exists;
