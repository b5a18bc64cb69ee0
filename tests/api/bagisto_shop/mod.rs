//! The Bagisto shop APIs: the storefront key gate and rate limits, the REST catalog and the
//! GraphQL API.

mod gate;
mod graphql;
mod settings;
