//! The API surfaces: each implements the service traits generated from its spec by turning
//! the API's inputs into calls on the business areas and their results into the API's shapes.

pub mod bagisto_shop;
pub mod community_store;
pub mod cs_cart;
