#![allow(unused)] // TODO(stub): remove when implemented
//! `channels` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{channels::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ChannelsService for Service {
    async fn list_channels(
        &self,
        _ctx: &RequestContext,
        _input: ListChannelsInput,
    ) -> Result<ListChannelsResponse, ServiceError> {
        todo!("list_channels")
    }

    async fn get_channel(
        &self,
        _ctx: &RequestContext,
        _input: GetChannelInput,
    ) -> Result<models::Channel, ServiceError> {
        todo!("get_channel")
    }

    async fn list_channel_translations(
        &self,
        _ctx: &RequestContext,
        _input: ListChannelTranslationsInput,
    ) -> Result<ListChannelTranslationsResponse, ServiceError> {
        todo!("list_channel_translations")
    }

    async fn get_channel_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetChannelTranslationInput,
    ) -> Result<models::ChannelTranslation, ServiceError> {
        todo!("get_channel_translation")
    }
}
