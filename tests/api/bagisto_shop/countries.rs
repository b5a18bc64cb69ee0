//! Bagisto shop: countries.
