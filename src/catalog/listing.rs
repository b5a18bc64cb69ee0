//! The storefront catalog: which products are listed, searched, filtered and sorted, and at
//! what prices.
