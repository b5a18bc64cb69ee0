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

use polyshop_core::{AppState, surface::Surface};

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
    let ui_state = state.clone();
    Surface {
        swagger_ui: Some(api::swagger_ui(move || services(&ui_state))),
        spec_json: api::spec_json(&service).to_owned(),
        // Bearer tokens on this surface are the OAuth2 access tokens `POST /oauth/2.0/token` issues.
        api: service
            .data(Arc::new(state.oauth()) as Arc<dyn polyshop_runtime::BearerVerifier>)
            .map_to_response()
            .boxed(),
        wrap: None,
        extra_routes: Vec::new(),
    }
}
