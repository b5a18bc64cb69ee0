//! Countries and their states, with translated names (storefront reads).
