//! Categories: the nested-set tree, translations, filterable attributes (storefront reads).
