//! Attributes, their options and translations, and attribute families (storefront reads).
