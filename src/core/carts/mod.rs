//! Shopping carts and checkout: a guest's cart (found by its token) or a customer's (one
//! active cart per customer and channel), its lines, addresses, shipping and payment choices,
//! and placing it as an order.
//!
//! A cart stores only what the shopper chose; prices, stock and totals come from the catalog
//! each time it is read ([`view`]), with the rules order placement uses
//! (`sales::placement`), so the cart shows what the order will cost. Placing the order goes
//! through `sales::placement::place_order` (one transaction, stock taken under row locks), and
//! an `Idempotency-Key` replays the first answer ([`idempotency`]).

pub mod checkout;
pub mod idempotency;
mod records;
pub mod service;
mod store;
pub mod uploads;
pub mod view;

pub use checkout::{Placed, ShippingOption};
pub use polyshop_entities::carts::Model as Cart;
pub use records::{AddItem, CartAddressFields, CartLine, CartView, Shopper};
pub use service::CartService;
