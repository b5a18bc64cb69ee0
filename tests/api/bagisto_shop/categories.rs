//! Bagisto shop: categories.
