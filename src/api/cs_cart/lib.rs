//! The CS-Cart REST API for stores and orders (`spec/openapi/cs-cart.yaml`).
//!
//! A CS-Cart store is a channel; a CS-Cart order is the same order row every API shows. Every
//! scalar goes out as a string, as CS-Cart writes them.

mod input;
mod orders;
mod stores;
mod views;

use std::sync::Arc;

use poem::EndpointExt;
use polyshop_api_cs_cart as api;

use polyshop_core::{AppState, surface::Surface};

pub fn services(state: &AppState) -> api::Services {
    api::Services {
        stores: Arc::new(stores::StoresService(state.clone())),
        orders: Arc::new(orders::OrdersService(state.clone())),
    }
}

pub fn surface(state: &AppState) -> Surface {
    let service = api::openapi_service(services(state));
    let ui_state = state.clone();
    Surface {
        swagger_ui: Some(api::swagger_ui(move || services(&ui_state))),
        spec_json: api::spec_json(&service).to_owned(),
        // HTTP Basic credentials on this surface are an administrator's email and API key.
        api: service
            .data(Arc::new(state.admins()) as Arc<dyn polyshop_runtime::BasicVerifier>)
            .map_to_response()
            .boxed(),
        wrap: None,
        extra_routes: Vec::new(),
    }
}
