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

use std::sync::{Arc, OnceLock};

use poem::EndpointExt;
use polyshop_api_community_store as api;

use polyshop_core::{
    AppState,
    surface::{Surface, built_on_first_call},
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
    // The document is derived from the generated routes alone, whatever state their services
    // hold: derived by the first app of the process, then kept.
    static SPEC_JSON: OnceLock<String> = OnceLock::new();
    let service = api::openapi_service(services(state));
    let ui_state = state.clone();
    Surface {
        // (Its Swagger UI embeds the document as poem-openapi derives it, which is the same
        // while no operation combines security schemes.)
        swagger_ui: Some(built_on_first_call(move || {
            api::openapi_service(services(&ui_state)).swagger_ui().map_to_response().boxed()
        })),
        spec_json: SPEC_JSON
            .get_or_init(|| polyshop_runtime::operations::with_spec_security(&service.spec(), api::OPERATIONS))
            .clone(),
        // Bearer tokens on this surface are the OAuth2 access tokens `POST /oauth/2.0/token` issues.
        api: service
            .data(Arc::new(state.oauth()) as Arc<dyn polyshop_runtime::BearerVerifier>)
            .map_to_response()
            .boxed(),
        wrap: None,
        extra_routes: Vec::new(),
    }
}
