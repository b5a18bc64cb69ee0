//! Bagisto shop: channels.
