//! Countries and their states, with translated names (storefront reads).
//!
//! Countries, states and translations are listed by id. Loaders take the rows of a whole page
//! and read each related table once for all of them.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{countries, country_state_translations, country_states, country_translations};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};

/// A country with its states and its names in every locale.
#[derive(Debug, Clone)]
pub struct CountryRecord {
    pub country: countries::Model,
    /// By id.
    pub states: Vec<StateRecord>,
    /// By id.
    pub translations: Vec<country_translations::Model>,
}

/// A state with its names in every locale.
#[derive(Debug, Clone)]
pub struct StateRecord {
    pub state: country_states::Model,
    /// By id.
    pub translations: Vec<country_state_translations::Model>,
}

/// Every country, by id.
pub fn countries_in_order() -> Listing<countries::Entity> {
    Listing::new(countries_in_order_query())
}

fn countries_in_order_query() -> Select<countries::Entity> {
    countries::Entity::find().order_by_asc(countries::Column::Id)
}

pub async fn find_country(db: &impl ConnectionTrait, id: i64) -> Result<Option<countries::Model>, ServiceError> {
    Ok(countries::Entity::find_by_id(id).one(db).await?)
}

/// `rows` with their states and all translations: three queries for any number.
pub async fn country_records(
    db: &impl ConnectionTrait,
    rows: Vec<countries::Model>,
) -> Result<Vec<CountryRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut names = country_translations_of(db, &ids).await?;
    let mut states_by_country = states_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|country| CountryRecord {
            states: states_by_country.remove(&country.id).unwrap_or_default(),
            translations: names.remove(&country.id).unwrap_or_default(),
            country,
        })
        .collect())
}

/// Names of each of the countries `ids` in every locale, by id.
pub async fn country_translations_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<country_translations::Model>>, ServiceError> {
    use country_translations::{Column, Entity};
    crate::by_parent::load::<Entity>(db, Column::CountryId, Column::Id, ids, |t| t.country_id).await
}

/// Every state by id; only those of `country_id` when given.
pub fn states_in_order(country_id: Option<i64>) -> Listing<country_states::Entity> {
    Listing::new(states_in_order_query(country_id))
}

fn states_in_order_query(country_id: Option<i64>) -> Select<country_states::Entity> {
    let mut select = country_states::Entity::find().order_by_asc(country_states::Column::Id);
    if let Some(id) = country_id {
        select = select.filter(country_states::Column::CountryId.eq(id));
    }
    select
}

pub async fn find_state(db: &impl ConnectionTrait, id: i64) -> Result<Option<StateRecord>, ServiceError> {
    let row = country_states::Entity::find_by_id(id).one(db).await?;
    Ok(state_records(db, row.into_iter().collect()).await?.pop())
}

/// The states of each of the countries `ids`, by id, with their translations: two queries.
pub async fn states_of(
    db: &impl ConnectionTrait,
    country_ids: &[i64],
) -> Result<HashMap<i64, Vec<StateRecord>>, ServiceError> {
    let mut out: HashMap<i64, Vec<StateRecord>> = HashMap::new();
    if country_ids.is_empty() {
        return Ok(out);
    }
    let rows = states_in_order_query(None)
        .filter(country_states::Column::CountryId.is_in(country_ids.to_vec()))
        .all(db)
        .await?;
    for record in state_records(db, rows).await? {
        out.entry(record.state.country_id).or_default().push(record);
    }
    Ok(out)
}

/// `rows` with their translations: one query for any number.
pub async fn state_records(
    db: &impl ConnectionTrait,
    rows: Vec<country_states::Model>,
) -> Result<Vec<StateRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
    let mut names: HashMap<i64, Vec<country_state_translations::Model>> = HashMap::new();
    if !ids.is_empty() {
        for t in country_state_translations::Entity::find()
            .filter(country_state_translations::Column::CountryStateId.is_in(ids))
            .order_by_asc(country_state_translations::Column::Id)
            .all(db)
            .await?
        {
            names.entry(t.country_state_id).or_default().push(t);
        }
    }
    Ok(rows
        .into_iter()
        .map(|state| StateRecord { translations: names.remove(&state.id).unwrap_or_default(), state })
        .collect())
}

pub async fn find_state_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<country_state_translations::Model>, ServiceError> {
    Ok(country_state_translations::Entity::find_by_id(id).one(db).await?)
}
