#![allow(unused)] // TODO(stub): remove when implemented
//! `countries` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{countries::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CountriesService for Service {
    async fn list_countries(
        &self,
        _ctx: &RequestContext,
        _input: ListCountriesInput,
    ) -> Result<ListCountriesResponse, ServiceError> {
        todo!("list_countries")
    }

    async fn get_country(
        &self,
        _ctx: &RequestContext,
        _input: GetCountryInput,
    ) -> Result<models::Country, ServiceError> {
        todo!("get_country")
    }

    async fn list_country_states_of_country(
        &self,
        _ctx: &RequestContext,
        _input: ListCountryStatesOfCountryInput,
    ) -> Result<ListCountryStatesOfCountryResponse, ServiceError> {
        todo!("list_country_states_of_country")
    }

    async fn get_country_state_of_country(
        &self,
        _ctx: &RequestContext,
        _input: GetCountryStateOfCountryInput,
    ) -> Result<models::CountryState, ServiceError> {
        todo!("get_country_state_of_country")
    }

    async fn list_country_states(
        &self,
        _ctx: &RequestContext,
        _input: ListCountryStatesInput,
    ) -> Result<ListCountryStatesResponse, ServiceError> {
        todo!("list_country_states")
    }

    async fn get_country_state(
        &self,
        _ctx: &RequestContext,
        _input: GetCountryStateInput,
    ) -> Result<models::CountryState, ServiceError> {
        todo!("get_country_state")
    }

    async fn get_country_state_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetCountryStateTranslationInput,
    ) -> Result<models::CountryStateTranslation, ServiceError> {
        todo!("get_country_state_translation")
    }
}
