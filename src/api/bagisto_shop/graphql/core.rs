//! GraphQL: core settings: channels, locales, currencies and countries.
//!
//! A channel node carries its translations, locales and currencies (loaded for a whole page
//! at once); states and names of countries, and the channels of products, load through
//! per-request loaders, once for all the nodes that ask.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_entities::{channel_translations, country_state_translations, country_translations};
use polyshop_graphql_shop::resolvers::{
    ChannelQueries, CountryQueries, CountryStateQueries, CurrencyQueries, LocaleQueries,
};
use polyshop_graphql_shop::{
    resolvers::{ChannelResolver, CountryResolver, CountryStateResolver},
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};

use super::{DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, numeric_id, page_of, request};
use crate::context::iri;
use polyshop_core::{
    AppState,
    settings::{
        countries::{self as countries_settings, StateRecord},
        scope::Scope,
        store::{self, StorefrontChannel},
    },
};

/// The theme of a channel that names none.
use crate::channels::DEFAULT_THEME;

#[async_trait::async_trait]
impl ChannelQueries for ShopGraph {
    async fn channel(&self, ctx: &Context<'_>, args: QueryChannelArgs) -> GqlResult<Option<Channel>> {
        let db = &self.0.db;
        let scope = &request(ctx)?.scope;
        let channel = match (&args.id, &args.code) {
            (Some(id), _) => match numeric_id(id) {
                Some(id) => store::storefront_channel(db, id).await?,
                None => None,
            },
            (None, Some(code)) => store::storefront_channel_by_code(db, code).await?,
            // No argument: the channel the request is answered in.
            (None, None) => store::storefront_channel(db, scope.channel.id).await?,
        };
        Ok(channel.map(|c| channel_node(scope, c)))
    }

    async fn channels(&self, ctx: &Context<'_>, args: QueryChannelsArgs) -> GqlResult<Connection<Channel>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, store::channels_in_order(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let channels = store::storefront_channels(&self.0.db, nodes).await?;
        Ok(Connection::new(channels.into_iter().map(|c| channel_node(scope, c)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl CountryQueries for ShopGraph {
    async fn countries(&self, _ctx: &Context<'_>, args: QueryCountriesArgs) -> GqlResult<Connection<Country>> {
        Ok(page_of(&self.0, countries_settings::countries_in_order(), &args.page).await?.map(country_node))
    }

    async fn country(&self, _ctx: &Context<'_>, args: QueryCountryArgs) -> GqlResult<Option<Country>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(countries_settings::find_country(&self.0.db, id).await?.map(country_node))
    }
}

#[async_trait::async_trait]
impl CountryStateQueries for ShopGraph {
    async fn country_state(&self, _ctx: &Context<'_>, args: QueryCountryStateArgs) -> GqlResult<Option<CountryState>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(countries_settings::find_state(&self.0.db, id).await?.map(state_node))
    }

    async fn country_states(
        &self,
        _ctx: &Context<'_>,
        args: QueryCountryStatesArgs,
    ) -> GqlResult<Connection<CountryState>> {
        let page = page_of(&self.0, countries_settings::states_in_order(Some(args.country_id)), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let states = countries_settings::state_records(&self.0.db, nodes).await?;
        Ok(Connection::new(states.into_iter().map(state_node).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl CurrencyQueries for ShopGraph {
    async fn currencies(&self, _ctx: &Context<'_>, args: QueryCurrenciesArgs) -> GqlResult<Connection<Currency>> {
        Ok(page_of(&self.0, store::currencies(), &args.page).await?.map(currency_node))
    }

    async fn currency(&self, _ctx: &Context<'_>, args: QueryCurrencyArgs) -> GqlResult<Option<Currency>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(store::currency(&self.0.db, id).await?.map(currency_node))
    }
}

#[async_trait::async_trait]
impl LocaleQueries for ShopGraph {
    async fn locale(&self, ctx: &Context<'_>, args: QueryLocaleArgs) -> GqlResult<Option<Locale>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(store::locale(&self.0.db, id).await?.map(|l| locale_node(scope, l)))
    }

    async fn locales(&self, ctx: &Context<'_>, args: QueryLocalesArgs) -> GqlResult<Connection<Locale>> {
        let scope = &request(ctx)?.scope;
        Ok(page_of(&self.0, store::locales(), &args.page).await?.map(|l| locale_node(scope, l)))
    }
}

#[async_trait::async_trait]
impl ChannelResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<ChannelTranslation>> {
        let scope = &request(ctx)?.scope;
        Ok(channel_of(parent).and_then(|c| c.translation(scope)).cloned().map(channel_translation_node))
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelTranslationsArgs,
    ) -> GqlResult<Connection<ChannelTranslation>> {
        let texts = channel_of(parent).map(|c| c.translations.clone()).unwrap_or_default();
        Connection::slice(texts.into_iter().map(channel_translation_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn locales(
        &self,
        ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelLocalesArgs,
    ) -> GqlResult<Connection<Locale>> {
        let scope = &request(ctx)?.scope;
        let locales = channel_of(parent).map(|c| c.locales.clone()).unwrap_or_default();
        let nodes = locales.into_iter().map(|l| locale_node(scope, l)).collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn currencies(
        &self,
        _ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelCurrenciesArgs,
    ) -> GqlResult<Connection<Currency>> {
        let currencies = channel_of(parent).map(|c| c.currencies.clone()).unwrap_or_default();
        Connection::slice(currencies.into_iter().map(currency_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn default_locale(&self, ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<Locale>> {
        let scope = &request(ctx)?.scope;
        Ok(channel_of(parent).and_then(|c| c.default_locale()).cloned().map(|l| locale_node(scope, l)))
    }

    async fn base_currency(&self, _ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<Currency>> {
        Ok(channel_of(parent).and_then(|c| c.base_currency()).cloned().map(currency_node))
    }
}

#[async_trait::async_trait]
impl CountryResolver for ShopGraph {
    async fn states(
        &self,
        ctx: &Context<'_>,
        parent: &Country,
        args: CountryStatesArgs,
    ) -> GqlResult<Connection<CountryState>> {
        let states = request(ctx)?.loaders.get::<CountryStates>().load_one(parent.id_).await?.unwrap_or_default();
        Connection::slice(states.iter().cloned().map(state_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &Country,
        args: CountryTranslationsArgs,
    ) -> GqlResult<Connection<CountryTranslation>> {
        let names = request(ctx)?.loaders.get::<CountryNames>().load_one(parent.id_).await?.unwrap_or_default();
        let nodes = names.iter().cloned().map(country_translation_node).collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl CountryStateResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &CountryState,
    ) -> GqlResult<Option<CountryStateTranslation>> {
        let scope = &request(ctx)?.scope;
        let names = parent.ext.get::<StateExt>().map(|e| e.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(names, |t| &t.locale).cloned().map(state_translation_node))
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &CountryState,
        args: CountryStateTranslationsArgs,
    ) -> GqlResult<Connection<CountryStateTranslation>> {
        let names = parent.ext.get::<StateExt>().map(|e| e.translations.clone()).unwrap_or_default();
        Connection::slice(names.into_iter().map(state_translation_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

pub fn locale_node(scope: &Scope, l: polyshop_entities::locales::Model) -> Locale {
    Locale {
        id: format!("/api/shop/locales/{}", l.id),
        id_: l.id,
        code: l.code,
        name: l.name,
        direction: l.direction,
        logo_url: l.logo_path.as_deref().map(|p| scope.media_url(p)),
        logo_path: l.logo_path,
        ext: Default::default(),
    }
}

pub fn currency_node(c: polyshop_entities::currencies::Model) -> Currency {
    Currency {
        id: format!("/api/shop/currencies/{}", c.id),
        id_: c.id,
        code: c.code,
        name: c.name,
        symbol: Some(c.symbol),
        decimal: Some(c.decimal.to_string()),
        group_separator: Some(c.group_separator),
        decimal_separator: Some(c.decimal_separator),
        currency_position: c.currency_position,
        ext: Default::default(),
    }
}

/// The channels product `product_id` is sold in (`Product.channels`), batched across the request.
pub async fn channels_of_product(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<Channel>> {
    let data = request(ctx)?;
    let channels = data.loaders.get::<ProductChannels>().load_one(product_id).await?.unwrap_or_default();
    let nodes = channels.iter().cloned().map(|c| channel_node(&data.scope, c)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// The channel (with its texts, locales and currencies) a channel node was built from.
fn channel_of(node: &Channel) -> Option<&StorefrontChannel> {
    node.ext.get::<StorefrontChannel>()
}

/// What a state node keeps for its resolvers: its names in every locale.
struct StateExt {
    translations: Vec<country_state_translations::Model>,
}

fn channel_node(scope: &Scope, c: StorefrontChannel) -> Channel {
    let ch = &c.channel;
    Channel {
        id: iri("channels", ch.id),
        id_: ch.id,
        code: ch.code.clone(),
        hostname: ch.hostname.clone(),
        timezone: Some(ch.timezone.clone()).filter(|t| !t.is_empty()),
        theme: Some(ch.theme.clone().unwrap_or_else(|| DEFAULT_THEME.to_owned())),
        logo: ch.logo_path.clone(),
        logo_url: ch.logo_path.as_deref().map(|p| scope.media_url(p)),
        favicon: ch.favicon_path.clone(),
        favicon_url: ch.favicon_path.as_deref().map(|p| scope.media_url(p)),
        is_maintenance_on: Some(if ch.is_maintenance_on { "1" } else { "0" }.to_owned()),
        allowed_ips: ch.allowed_ips.clone(),
        home_seo: c.home_seo(scope).cloned(),
        created_at: Some(scope.timestamp(ch.created_at)),
        updated_at: Some(scope.timestamp(ch.updated_at)),
        name: Some(c.translation(scope).map_or_else(|| ch.name.clone(), |t| t.name.clone())),
        root_category_id: ch.root_category_id,
        currency_code: c.base_currency().map(|cur| cur.code.clone()),
        locale_code: c.default_locale().map(|l| l.code.clone()),
        ext: Extra::new(c.clone()),
    }
}

/// Channel texts carry no timestamps of their own.
fn channel_translation_node(t: channel_translations::Model) -> ChannelTranslation {
    ChannelTranslation {
        id: iri("channel_translations", t.id),
        id_: t.id,
        channel_id: Some(t.channel_id.to_string()),
        locale: Some(t.locale),
        name: Some(t.name),
        description: t.description,
        maintenance_mode_text: t.maintenance_mode_text,
        created_at: None,
        updated_at: None,
        ext: Default::default(),
    }
}

/// A country node; its states and names load on demand.
fn country_node(c: polyshop_entities::countries::Model) -> Country {
    Country { id: iri("countries", c.id), id_: c.id, code: c.code, name: c.name, ext: Default::default() }
}

fn country_translation_node(t: country_translations::Model) -> CountryTranslation {
    CountryTranslation {
        id: iri("country-translations", t.id),
        id_: t.id,
        country_id: Some(t.country_id),
        locale: Some(t.locale),
        name: Some(t.name),
        ext: Default::default(),
    }
}

fn state_node(record: StateRecord) -> CountryState {
    let s = record.state;
    CountryState {
        id: iri("country-states", s.id),
        id_: s.id,
        code: Some(s.code),
        default_name: Some(s.default_name),
        country_id: Some(s.country_id),
        country_code: Some(s.country_code),
        ext: Extra::new(StateExt { translations: record.translations }),
    }
}

fn state_translation_node(t: country_state_translations::Model) -> CountryStateTranslation {
    CountryStateTranslation {
        id: iri("country-state-translations", t.id),
        id_: t.id,
        country_state_id: Some(t.country_state_id),
        locale: Some(t.locale),
        default_name: Some(t.default_name),
        ext: Default::default(),
    }
}

/// The states (with their names) of each country asked for in a request, in one round of queries.
pub struct CountryStates(AppState);

impl RequestLoader<LoadContext> for CountryStates {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        CountryStates(state)
    }
}

impl Loader<i64> for CountryStates {
    type Value = Arc<Vec<StateRecord>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let states = countries_settings::states_of(&self.0.db, keys).await?;
        Ok(states.into_iter().map(|(id, records)| (id, Arc::new(records))).collect())
    }
}

/// The names of each country asked for in a request, in one query.
pub struct CountryNames(AppState);

impl RequestLoader<LoadContext> for CountryNames {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        CountryNames(state)
    }
}

impl Loader<i64> for CountryNames {
    type Value = Arc<Vec<country_translations::Model>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let names = countries_settings::country_translations_of(&self.0.db, keys).await?;
        Ok(names.into_iter().map(|(id, rows)| (id, Arc::new(rows))).collect())
    }
}

/// The channels of each product asked for in a request, in one round of queries.
pub struct ProductChannels(AppState);

impl RequestLoader<LoadContext> for ProductChannels {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        ProductChannels(state)
    }
}

impl Loader<i64> for ProductChannels {
    type Value = Arc<Vec<StorefrontChannel>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let channels = store::storefront_channels_of_products(&self.0.db, keys).await?;
        Ok(channels.into_iter().map(|(id, rows)| (id, Arc::new(rows))).collect())
    }
}

/// The channel `id` as a node (a wishlist entry's channel); none when it is gone.
pub async fn channel_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Channel>> {
    let data = request(ctx)?;
    Ok(store::storefront_channel(&data.state.db, id).await?.map(|c| channel_node(&data.scope, c)))
}
