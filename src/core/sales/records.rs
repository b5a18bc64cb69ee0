//! What the sales area hands out and takes: an order with its rows, the order and payment
//! statuses, the payment state every API derives, and how to filter and sort order lists.

use chrono::{DateTime, Utc};
use polyshop_entities::{addresses, order_items, order_payments, orders};

/// An order with the rows every API shows of it.
#[derive(Debug, Clone)]
pub struct OrderRecord {
    pub order: orders::Model,
    /// Lines in id order; child lines (a configurable product's variant) follow their parent.
    pub items: Vec<order_items::Model>,
    pub billing_address: Option<addresses::Model>,
    pub shipping_address: Option<addresses::Model>,
    pub payment: Option<order_payments::Model>,
}

/// Order statuses (Bagisto vocabulary).
pub mod status {
    pub const PENDING: &str = "pending";
    pub const PENDING_PAYMENT: &str = "pending_payment";
    pub const PROCESSING: &str = "processing";
    pub const COMPLETED: &str = "completed";
    pub const CANCELED: &str = "canceled";
    pub const CLOSED: &str = "closed";
    pub const FRAUD: &str = "fraud";
}

/// Payment statuses (`order_payments.status`).
pub mod payment {
    pub const PENDING: &str = "pending";
    pub const PAID: &str = "paid";
    pub const REFUNDED: &str = "refunded";
    pub const FAILED: &str = "failed";
}

/// Where an order stands with its money, as the Community Store API's `paymentStatus` names it.
/// Exactly one applies to every order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
    Paid,
    Unpaid,
    Cancelled,
    Refunded,
    /// Checkout was not completed (the order awaits an external payment).
    Incomplete,
}

impl PaymentState {
    pub fn of(order: &orders::Model, payment: Option<&order_payments::Model>) -> PaymentState {
        let paid_status = payment.map(|p| p.status.as_str());
        if order.status == status::CANCELED {
            PaymentState::Cancelled
        } else if paid_status == Some(payment::REFUNDED) {
            PaymentState::Refunded
        } else if paid_status == Some(payment::PAID) {
            PaymentState::Paid
        } else if order.status == status::PENDING_PAYMENT {
            PaymentState::Incomplete
        } else {
            PaymentState::Unpaid
        }
    }
}

/// Which orders to list. Every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub fulfilment_status: Option<String>,
    pub payment_state: Option<PaymentState>,
    /// Placed at or after.
    pub placed_from: Option<DateTime<Utc>>,
    /// Placed strictly before.
    pub placed_before: Option<DateTime<Utc>>,
    /// Paid and not refunded (`true`) or not (`false`).
    pub paid: Option<bool>,
    pub cancelled: Option<bool>,
    pub refunded: Option<bool>,
    /// Needs shipping.
    pub shippable: Option<bool>,
    pub ids: Option<Vec<i64>>,
    pub channel_id: Option<i64>,
    /// Merchant status codes (any of).
    pub status_codes: Option<Vec<String>>,
    /// The customer; 0 selects guest orders.
    pub customer_id: Option<i64>,
    /// Lifecycle statuses (`pending`, `processing`, ...; any of).
    pub statuses: Option<Vec<String>>,
    pub email: Option<String>,
    pub invoice_id: Option<i64>,
    pub refund_id: Option<i64>,
}

/// How to order a list of orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderSortKey {
    Id,
    Date,
    Status,
    Total,
    Customer,
    Email,
    Updated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSort {
    pub key: OrderSortKey,
    pub descending: bool,
}

impl OrderSort {
    /// Newest (highest id) first.
    pub const NEWEST: OrderSort = OrderSort { key: OrderSortKey::Id, descending: true };
}
