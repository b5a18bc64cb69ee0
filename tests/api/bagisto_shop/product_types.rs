//! Bagisto shop: product types.
