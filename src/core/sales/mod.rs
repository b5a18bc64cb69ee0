//! Orders: reading them with everything an API shows, filtering them, and the rules for moving
//! their fulfilment along.
//!
//! An order has three independent states: `orders.status`, the lifecycle (Bagisto: pending,
//! pending_payment, processing, completed, canceled, closed, fraud); `orders.fulfilment_status`,
//! how far it is shipped (a handle from `fulfilment_statuses`); and `order_payments.status`, the
//! money (pending, paid, refunded, failed). Each API presents them in its own vocabulary.

pub mod account;
pub mod documents;
pub mod downloads;
pub mod editing;
pub mod fulfilment;
pub mod inventory;
pub mod invoice_pdf;
pub mod placement;
mod records;
pub mod statuses;
mod store;

pub use records::{OrderFilter, OrderRecord, OrderSort, OrderSortKey, PaymentState, payment, status};
pub use store::{
    count_orders, document_ids, find_order, fulfilment_statuses, list_orders, order_methods, shipment_ids,
};
