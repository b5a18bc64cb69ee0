//! The data of the product types beyond simple products: bundle options, grouped members,
//! downloadable links and samples, customizable options, and booking configurations with their
//! slot availability.
