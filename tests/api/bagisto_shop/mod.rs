//! The Bagisto shop APIs: the storefront key gate and rate limits, the REST catalog and the
//! GraphQL API.

mod attributes;
mod bookings;
mod bundles;
mod cart;
mod categories;
mod channels;
mod cms;
mod contact;
mod countries;
mod coupons;
mod customer_orders;
mod customers;
mod customizable;
mod downloads;
mod gate;
mod graphql;
mod graphql_account;
mod graphql_cart;
mod graphql_cart_examples;
mod graphql_checkout;
mod graphql_customers;
mod graphql_wishlists;
mod ownership_account;
mod ownership_cart;
mod payments;
mod privacy;
mod product_types;
mod products;
mod returns;
mod reviews;
mod settings;
mod support;
mod taxes;
mod wishlists;
