//! The CS-Cart REST API for stores and orders (`spec/openapi/cs-cart.yaml`).
//!
//! A CS-Cart store is a channel; a CS-Cart order is the same order row every API shows. Every
//! scalar goes out as a string, as CS-Cart writes them.

mod input;
mod orders;
mod stores;
mod views;

use std::sync::{Arc, OnceLock};

use poem::EndpointExt;
use polyshop_api_cs_cart as api;

use polyshop_core::{
    AppState,
    surface::{Surface, built_on_first_call},
};

pub fn services(state: &AppState) -> api::Services {
    api::Services {
        stores: Arc::new(stores::StoresService(state.clone())),
        orders: Arc::new(orders::OrdersService(state.clone())),
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
        // HTTP Basic credentials on this surface are an administrator's email and API key.
        api: service
            .data(Arc::new(state.admins()) as Arc<dyn polyshop_runtime::BasicVerifier>)
            .map_to_response()
            .boxed(),
        wrap: None,
        extra_routes: Vec::new(),
    }
}
