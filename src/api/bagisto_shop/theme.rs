#![allow(unused)] // TODO(stub): remove when implemented
//! `theme` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{models, theme::*};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ThemeService for Service {
    async fn list_theme_customizations(
        &self,
        _ctx: &RequestContext,
        _input: ListThemeCustomizationsInput,
    ) -> Result<ListThemeCustomizationsResponse, ServiceError> {
        todo!("list_theme_customizations")
    }

    async fn get_theme_customization(
        &self,
        _ctx: &RequestContext,
        _input: GetThemeCustomizationInput,
    ) -> Result<models::ThemeCustomization, ServiceError> {
        todo!("get_theme_customization")
    }
}
