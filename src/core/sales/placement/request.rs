//! What an API asks to place: the buyer, contacts, lines and methods of a new order.

use std::collections::BTreeMap;

use polyshop_runtime::ServiceError;

/// A postal contact as an API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    /// Street lines, stored joined by newlines.
    pub street: Vec<String>,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Who buys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Buyer {
    Customer(i64),
    Guest { email: String },
}

/// One requested line. `key` names it in error messages (`products.241`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRequest {
    pub key: String,
    pub product_id: i64,
    pub qty: i32,
    /// Chosen options: attribute id → attribute option id.
    pub options: BTreeMap<i64, i64>,
    /// A downloadable product's chosen link ids (at least one); empty for other products.
    pub links: Vec<i64>,
    /// What else was chosen: a bundle's picks, customizable options' values.
    pub choice: LineChoice,
}

/// A line's choices beyond the variant and the links, as a cart line stores them
/// (`cart_items.choice`, canonical JSON: equal choices are equal text).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineChoice {
    /// Bundle: option id → the picked option-product ids (`bundleOptions`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bundle: BTreeMap<i64, Vec<i64>>,
    /// Bundle: option id → units of its pick (`bundleOptionQty`; radio and select options).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bundle_qty: BTreeMap<i64, i64>,
    /// Customizable options: option id → values (text, or chosen price-row ids).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub customizable: BTreeMap<i64, Vec<String>>,
    /// Booking products: what is booked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<BookingRequest>,
}

/// What a line of a booking product books, as the shopper chose it (`booking`): a date and a
/// slot (default, appointment, table; hourly rentals), a date range (daily rentals) or an event
/// ticket (one line per ticket), and a table's note.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BookingRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `12:00 PM - 12:45 PM` (in the channel's timezone) or `<from>-<to>` in Unix seconds;
    /// stored as the latter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// Rentals: `daily` or `hourly`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renting_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to: Option<String>,
    /// Events: the ticket of this line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Events, as asked: ticket id → units (the cart makes one line per ticket).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tickets: BTreeMap<i64, i64>,
    /// Tables: the note or special request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl LineChoice {
    pub fn is_empty(&self) -> bool {
        !self.has_bundle() && self.customizable.is_empty() && self.booking.is_none()
    }

    pub fn has_bundle(&self) -> bool {
        !self.bundle.is_empty() || !self.bundle_qty.is_empty()
    }

    /// The stored form; `None` for no choice.
    pub fn encode(&self) -> Option<String> {
        (!self.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    /// What `encode` stored (text that is not a choice reads as none).
    pub fn decode(stored: Option<&str>) -> LineChoice {
        stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    }

    /// What an order line was sold with, read back from its `additional` (as `insert_lines`
    /// writes it): the downloadable links and the choice, so a line can be priced again.
    pub fn of_order_item(additional: Option<&serde_json::Value>) -> (Vec<i64>, LineChoice) {
        fn read<T: serde::de::DeserializeOwned>(additional: Option<&serde_json::Value>, key: &str) -> Option<T> {
            additional.and_then(|a| a.get(key)).and_then(|v| T::deserialize(v).ok())
        }
        let links: Vec<i64> = read(additional, "links").unwrap_or_default();
        let choice = LineChoice {
            bundle: read(additional, "bundle_options").unwrap_or_default(),
            bundle_qty: read(additional, "bundle_option_qty").unwrap_or_default(),
            customizable: read(additional, "customizable_options").unwrap_or_default(),
            booking: read(additional, "booking"),
        };
        (links, choice)
    }
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub channel_id: i64,
    pub buyer: Buyer,
    /// Required for guests; a customer's default address otherwise.
    pub billing: Option<Contact>,
    /// The billing contact when absent.
    pub shipping: Option<Contact>,
    pub payment_method_id: i64,
    /// Required when something ships.
    pub shipping_method_id: Option<i64>,
    pub lines: Vec<LineRequest>,
    pub customer_note: Option<String>,
    pub admin_notes: Option<String>,
    pub issuer_id: Option<i64>,
    pub remote_ip: Option<String>,
    /// A coupon to redeem with the order (`promotions::redeem`): the order is discounted and
    /// the use counted in its transaction; a 422 when the coupon no longer applies.
    pub coupon_code: Option<String>,
}

pub(super) fn bad(message: String) -> ServiceError {
    ServiceError::bad_request(message)
}
