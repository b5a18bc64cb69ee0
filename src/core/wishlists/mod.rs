//! Wishlists and compare lists: the products a signed-in customer keeps for later. A wishlist
//! belongs to a channel, a compare list to the customer; each holds a product at most once.

pub mod service;
mod store;

pub use service::{Toggled, WishlistService};
