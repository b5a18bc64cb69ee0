//! Bagisto shop: cms.
