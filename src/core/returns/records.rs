//! What the returns area's files share: the fixed statuses, resolutions and the records the
//! APIs show.

use chrono::{DateTime, Utc};
use polyshop_entities::{orders, rma, rma_items, rma_messages, rma_statuses};

/// The installation's statuses (fixed ids; 5 to 9 are final).
pub mod rma_status {
    pub const PENDING_REVIEW: i64 = 1;
    pub const REFUNDED: i64 = 5;
    pub const SOLVED: i64 = 6;
    pub const DECLINED: i64 = 7;
    pub const ITEM_CANCELED: i64 = 8;
    pub const CANCELED: i64 = 9;
    /// No further step from these.
    pub const FINAL: [i64; 5] = [REFUNDED, SOLVED, DECLINED, ITEM_CANCELED, CANCELED];
}

/// What a return asks for: sending back invoiced units, or cancelling units not invoiced yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Return,
    CancelItems,
}

impl Resolution {
    pub fn parse(s: &str) -> Option<Resolution> {
        match s.trim() {
            "return" => Some(Resolution::Return),
            "cancel_items" => Some(Resolution::CancelItems),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Return => "return",
            Resolution::CancelItems => "cancel_items",
        }
    }
}

/// A line of an order and how much of it a return may still name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnableLine {
    pub order_item_id: i64,
    pub product_id: Option<i64>,
    pub sku: String,
    pub name: String,
    pub kind: String,
    pub url_key: Option<String>,
    pub image: Option<String>,
    pub price: rust_decimal::Decimal,
    pub qty_ordered: i32,
    /// Units no return names yet (`qty_ordered - rma_quantity`, at least 0).
    pub current_quantity: i32,
    /// Invoiced units not refunded: the cap of a `return`.
    pub for_return_quantity: i32,
    /// Units neither invoiced nor cancelled: the cap of `cancel_items`.
    pub for_cancel_quantity: i32,
    /// Units returns already name, whatever their status.
    pub rma_quantity: i32,
    pub rma_return_period: Option<i32>,
}

impl ReturnableLine {
    /// The most units a return with `resolution` may name.
    pub fn cap(&self, resolution: Resolution) -> i32 {
        let by_state = match resolution {
            Resolution::Return => self.for_return_quantity,
            Resolution::CancelItems => self.for_cancel_quantity,
        };
        by_state.min(self.current_quantity).max(0)
    }
}

/// A return with what the APIs show beside it.
#[derive(Debug, Clone)]
pub struct ReturnRecord {
    pub rma: rma::Model,
    pub order: orders::Model,
    pub status: Option<rma_statuses::Model>,
    pub item: Option<rma_items::Model>,
    /// The order line's SKU and name, and the reason's title.
    pub line_sku: String,
    pub line_name: String,
    pub reason: Option<String>,
    pub messages_count: i64,
    /// Detail only: (can close, can reopen, is expired).
    pub flags: Option<(bool, bool, bool)>,
}

/// A message of a return's conversation.
pub type ReturnMessage = rma_messages::Model;

/// What a customer sends to raise a return.
#[derive(Debug, Clone, Default)]
pub struct NewReturn {
    pub order_id: Option<i64>,
    pub order_item_id: Option<i64>,
    pub quantity: Option<i32>,
    pub resolution: Option<String>,
    pub reason_id: Option<i64>,
    pub information: Option<String>,
    pub package_condition: Option<String>,
    pub agreed: bool,
}

/// When a return's window ends: `period` days after the line was ordered, else the default
/// window after the return was raised.
pub fn window_end(
    ordered_at: DateTime<Utc>,
    period: Option<i32>,
    raised_at: DateTime<Utc>,
    default_days: i64,
) -> DateTime<Utc> {
    match period {
        Some(days) => ordered_at + chrono::Duration::days(i64::from(days.max(0))),
        None => raised_at + chrono::Duration::days(default_days),
    }
}
