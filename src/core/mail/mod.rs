//! Email. Every message is written to the outbox (`mail_outbox`) in the transaction of what
//! caused it, so a rolled-back change sends nothing; operators read the table to see what was
//! sent, or would have been while delivery is off.

pub mod outbox;

pub use outbox::{OutgoingMail, queue};
