//! What the carts area is given and gives back.

use polyshop_entities::{cart_addresses, cart_items, carts, payment_methods, shipping_methods};
use rust_decimal::Decimal;

use crate::sales::placement::{PricedLine, Totals};

/// Whose cart a request works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shopper {
    /// A guest, by the cart their token names.
    Guest { cart_id: i64 },
    /// A signed-in customer: their active cart in the request's channel.
    Customer { customer_id: i64 },
}

/// A product to add: the product (or a configurable product's variant), the quantity, for a
/// configurable product the chosen variant or options (attribute id → option id), for a
/// grouped product the quantity of each associated product, for a downloadable product the
/// chosen link ids, for a bundle its picks (`choice`); `buy_now` empties the cart first.
#[derive(Debug, Clone, Default)]
pub struct AddItem {
    pub product_id: i64,
    pub quantity: i64,
    pub variant_id: Option<i64>,
    pub options: std::collections::BTreeMap<i64, i64>,
    pub grouped: std::collections::BTreeMap<i64, i64>,
    pub links: Vec<i64>,
    pub choice: crate::sales::placement::LineChoice,
    pub buy_now: bool,
}

/// One priced line of a cart.
#[derive(Debug, Clone)]
pub struct CartLine {
    pub item: cart_items::Model,
    pub priced: PricedLine,
}

impl CartLine {
    /// The line's total in the base currency.
    pub fn total(&self) -> Decimal {
        self.priced.unit_price * Decimal::from(self.priced.qty)
    }
}

/// A cart as the shopper sees it: its lines priced now, its totals, addresses and methods.
#[derive(Debug, Clone)]
pub struct CartView {
    pub cart: carts::Model,
    pub lines: Vec<CartLine>,
    /// Lines that cannot be ordered now (their product disabled or withdrawn, their booking's
    /// slot full): left out of `lines` and the totals; placing the order refuses them.
    pub unavailable: Vec<cart_items::Model>,
    pub totals: Totals,
    pub billing: Option<cart_addresses::Model>,
    pub shipping: Option<cart_addresses::Model>,
    pub shipping_method: Option<shipping_methods::Model>,
    pub payment_method: Option<payment_methods::Model>,
    /// Whether some line ships (then the order needs a shipping address and method).
    pub ships: bool,
    /// The coupon the totals are discounted by (the cart's `coupon_code` while it applies).
    pub coupon: Option<String>,
    /// The day the cart is priced for (in the channel's timezone): dated prices and coupons.
    pub today: chrono::NaiveDate,
    /// Product id → (URL key, first image path), for the lines' products and variants.
    pub faces: std::collections::HashMap<i64, (Option<String>, Option<String>)>,
}

impl CartView {
    pub fn items_qty(&self) -> i64 {
        self.lines.iter().map(|l| i64::from(l.item.quantity)).sum()
    }
}

/// A billing or shipping address as a shopper writes it.
#[derive(Debug, Clone, Default)]
pub struct CartAddressFields {
    pub first_name: String,
    pub last_name: String,
    pub company_name: Option<String>,
    pub email: String,
    pub lines: Vec<String>,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub postcode: Option<String>,
    pub phone: String,
    pub vat_id: Option<String>,
}
