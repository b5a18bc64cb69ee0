#![allow(unused)] // TODO(stub): remove when implemented
//! `attributes` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{attributes::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl AttributesService for Service {
    async fn list_attributes(
        &self,
        _ctx: &RequestContext,
        _input: ListAttributesInput,
    ) -> Result<ListAttributesResponse, ServiceError> {
        todo!("list_attributes")
    }

    async fn get_attribute(
        &self,
        _ctx: &RequestContext,
        _input: GetAttributeInput,
    ) -> Result<models::Attribute, ServiceError> {
        todo!("get_attribute")
    }

    async fn list_attribute_options(
        &self,
        _ctx: &RequestContext,
        _input: ListAttributeOptionsInput,
    ) -> Result<ListAttributeOptionsResponse, ServiceError> {
        todo!("list_attribute_options")
    }

    async fn get_attribute_option(
        &self,
        _ctx: &RequestContext,
        _input: GetAttributeOptionInput,
    ) -> Result<models::AttributeOption, ServiceError> {
        todo!("get_attribute_option")
    }

    async fn list_attribute_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListAttributeTranslationsInput,
    ) -> Result<ListAttributeTranslationsResponse, ServiceError> {
        todo!("list_attribute_translations")
    }

    async fn get_attribute_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetAttributeTranslationInput,
    ) -> Result<models::AttributeTranslation, ServiceError> {
        todo!("get_attribute_translation")
    }
}
