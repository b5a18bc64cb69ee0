//! Promotions: cart rules and their coupons. A cart holds at most one coupon; while its rule
//! applies (active, within its dates, the cart's subtotal reaching its minimum, usage limits
//! not reached) the cart and the order it becomes are discounted. Placing the order redeems the
//! coupon in the order's transaction, so limits hold under concurrent checkouts.

mod rules;
mod store;

pub use rules::{Applied, Coupon, applied, find, redeem, refusal};
