//! Countries of the Bagisto shop REST API: countries with their states and names inline, their
//! states nested or flat, and the state names per locale.

use polyshop_api_bagisto_shop::{countries::*, models};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::iri;
use polyshop_core::{
    AppState,
    settings::countries::{self as settings, CountryRecord, StateRecord},
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CountriesService for Service {
    async fn list_countries(
        &self,
        _ctx: &RequestContext,
        input: ListCountriesInput,
    ) -> Result<Page<models::Country>, ServiceError> {
        let window = input.window();
        let db = &self.0.db;
        let Page { items: rows, total, .. } = settings::countries_in_order().page(db, window).await?;
        let body = settings::country_records(db, rows).await?.into_iter().map(view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_country(
        &self,
        _ctx: &RequestContext,
        input: GetCountryInput,
    ) -> Result<models::Country, ServiceError> {
        let db = &self.0.db;
        let country = settings::find_country(db, input.id)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Country", input.id))?;
        let record = settings::country_records(db, vec![country]).await?.pop();
        record.map(view).ok_or_else(|| ServiceError::not_found_id("Country", input.id))
    }

    async fn list_country_states_of_country(
        &self,
        _ctx: &RequestContext,
        input: ListCountryStatesOfCountryInput,
    ) -> Result<Page<models::CountryState>, ServiceError> {
        let db = &self.0.db;
        if settings::find_country(db, input.country_id).await?.is_none() {
            return Err(ServiceError::not_found_id("Country", input.country_id));
        }
        let window = input.window();
        let Page { items: rows, total, .. } =
            settings::states_in_order(Some(input.country_id)).page(db, window).await?;
        let body = settings::state_records(db, rows).await?.into_iter().map(state_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_country_state_of_country(
        &self,
        _ctx: &RequestContext,
        input: GetCountryStateOfCountryInput,
    ) -> Result<models::CountryState, ServiceError> {
        let db = &self.0.db;
        if settings::find_country(db, input.country_id).await?.is_none() {
            return Err(ServiceError::not_found_id("Country", input.country_id));
        }
        match settings::find_state(db, input.id).await? {
            Some(state) if state.state.country_id == input.country_id => Ok(state_view(state)),
            _ => Err(ServiceError::not_found(format!(
                "Country state with ID \"{}\" not found in country \"{}\".",
                input.id, input.country_id
            ))),
        }
    }

    async fn list_country_states(
        &self,
        _ctx: &RequestContext,
        input: ListCountryStatesInput,
    ) -> Result<Page<models::CountryState>, ServiceError> {
        let window = input.window();
        let db = &self.0.db;
        let Page { items: rows, total, .. } = settings::states_in_order(None).page(db, window).await?;
        let body = settings::state_records(db, rows).await?.into_iter().map(state_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_country_state(
        &self,
        _ctx: &RequestContext,
        input: GetCountryStateInput,
    ) -> Result<models::CountryState, ServiceError> {
        let state = settings::find_state(&self.0.db, input.id).await?;
        state.map(state_view).ok_or_else(|| ServiceError::not_found_id("Country state", input.id))
    }

    async fn get_country_state_translation(
        &self,
        _ctx: &RequestContext,
        input: GetCountryStateTranslationInput,
    ) -> Result<models::CountryStateTranslation, ServiceError> {
        let row = settings::find_state_translation(&self.0.db, input.id).await?;
        row.map(|t| models::CountryStateTranslation { id: t.id, locale: t.locale, default_name: t.default_name })
            .ok_or_else(|| ServiceError::not_found_id("Country state translation", input.id))
    }
}

fn view(record: CountryRecord) -> models::Country {
    models::Country {
        id: record.country.id,
        code: record.country.code,
        name: record.country.name,
        states: record.states.into_iter().map(state_view).collect(),
        translations: record
            .translations
            .into_iter()
            .map(|t| models::CountryTranslation { id: t.id, country_id: t.country_id, locale: t.locale, name: t.name })
            .collect(),
    }
}

fn state_view(record: StateRecord) -> models::CountryState {
    let s = record.state;
    models::CountryState {
        id: s.id,
        country_id: s.country_id,
        country_code: s.country_code,
        code: s.code,
        default_name: s.default_name,
        translations: record.translations.iter().map(|t| iri("country_state_translations", t.id)).collect(),
    }
}
