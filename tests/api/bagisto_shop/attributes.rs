//! Bagisto shop: attributes.
