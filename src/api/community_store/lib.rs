//! The Concrete CMS Community Store API (`spec/openapi/community-store.yaml`).
//!
//! It speaks for the default channel: amounts in its currencies, dates in its timezone, texts in
//! its default locale.

mod config;
mod oauth;
mod orders;
mod pagination;
mod products;
mod views;

use std::sync::Arc;

use poem::EndpointExt;
use polyshop_api_community_store as api;

use polyshop_core::{
    AppState,
    surface::{Surface, SurfaceDocs},
};

pub fn services(state: &AppState) -> api::Services {
    api::Services {
        oauth: Arc::new(oauth::OauthService(state.clone())),
        orders: Arc::new(orders::OrdersService(state.clone())),
        products: Arc::new(products::ProductsService(state.clone())),
        config: Arc::new(config::ConfigService(state.clone())),
    }
}

pub fn surface(state: &AppState) -> Surface {
    let service = api::openapi_service(services(state));
    Surface {
        name: "community-store",
        operations: api::OPERATIONS,
        style: api::ERROR_STYLE,
        docs: Some(SurfaceDocs { path: "/cs/api/v1", swagger_ui: service.swagger_ui().map_to_response().boxed() }),
        spec_json: service.spec(),
        api: service.map_to_response().boxed(),
        wrap: None,
    }
}

/// Parses a Community Store boolean filter as PHP's `FILTER_VALIDATE_BOOLEAN` reads it.
fn parse_flag(name: &str, value: Option<&str>) -> Result<Option<bool>, polyshop_runtime::ServiceError> {
    let Some(value) = value else { return Ok(None) };
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(Some(true)),
        "0" | "false" | "no" | "off" => Ok(Some(false)),
        _ => Err(polyshop_runtime::ServiceError::bad_request(format!(
            "Invalid parameter `{name}`: expected 1 or 0 (or true/false, yes/no, on/off), got `{value}`"
        ))),
    }
}
