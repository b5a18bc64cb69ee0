//! Email, and what reaches the store by it (the contact form, newsletter subscriptions). Every
//! message is written to the outbox (`mail_outbox`) in the transaction of what caused it, so a
//! rolled-back change sends nothing; operators read the table to see what was sent, or would
//! have been while delivery is off. `delivery` sends the outbox over SMTP when configured.

pub mod contact;
pub mod delivery;
pub mod outbox;

pub use outbox::{OutgoingMail, queue};
