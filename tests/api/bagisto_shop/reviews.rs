//! Bagisto shop: reviews.
