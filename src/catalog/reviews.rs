//! Product reviews: what the storefront shows of them.
