//! Bagisto shop: products.
