#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: core.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{ChannelResolver, CountryResolver, CountryStateResolver},
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult, PageArgs};

use super::{ShopGraph, numeric_id, page_of, request};
use crate::settings::{scope::Scope, store};

pub async fn channel(g: &ShopGraph, ctx: &Context<'_>, args: QueryChannelArgs) -> GqlResult<Option<Channel>> {
    todo!("channel")
}

pub async fn channels(g: &ShopGraph, ctx: &Context<'_>, args: QueryChannelsArgs) -> GqlResult<Connection<Channel>> {
    todo!("channels")
}

pub async fn countries(g: &ShopGraph, ctx: &Context<'_>, args: QueryCountriesArgs) -> GqlResult<Connection<Country>> {
    todo!("countries")
}

pub async fn country(g: &ShopGraph, ctx: &Context<'_>, args: QueryCountryArgs) -> GqlResult<Option<Country>> {
    todo!("country")
}

pub async fn country_state(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryCountryStateArgs,
) -> GqlResult<Option<CountryState>> {
    todo!("country_state")
}

pub async fn country_states(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryCountryStatesArgs,
) -> GqlResult<Connection<CountryState>> {
    todo!("country_states")
}

pub async fn currencies(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryCurrenciesArgs,
) -> GqlResult<Connection<Currency>> {
    Ok(page_of(&g.0, store::currencies(), &args.page).await?.map(currency_node))
}

pub async fn currency(g: &ShopGraph, ctx: &Context<'_>, args: QueryCurrencyArgs) -> GqlResult<Option<Currency>> {
    let Some(id) = numeric_id(&args.id) else { return Ok(None) };
    Ok(store::currency(&g.0.db, id).await?.map(currency_node))
}

pub async fn locale(g: &ShopGraph, ctx: &Context<'_>, args: QueryLocaleArgs) -> GqlResult<Option<Locale>> {
    let Some(id) = numeric_id(&args.id) else { return Ok(None) };
    let scope = &request(ctx)?.scope;
    Ok(store::locale(&g.0.db, id).await?.map(|l| locale_node(scope, l)))
}

pub async fn locales(g: &ShopGraph, ctx: &Context<'_>, args: QueryLocalesArgs) -> GqlResult<Connection<Locale>> {
    let scope = &request(ctx)?.scope;
    Ok(page_of(&g.0, store::locales(), &args.page).await?.map(|l| locale_node(scope, l)))
}

#[async_trait::async_trait]
impl ChannelResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<ChannelTranslation>> {
        todo!("Channel.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelTranslationsArgs,
    ) -> GqlResult<Connection<ChannelTranslation>> {
        todo!("Channel.translations")
    }

    async fn locales(
        &self,
        ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelLocalesArgs,
    ) -> GqlResult<Connection<Locale>> {
        todo!("Channel.locales")
    }

    async fn currencies(
        &self,
        ctx: &Context<'_>,
        parent: &Channel,
        args: ChannelCurrenciesArgs,
    ) -> GqlResult<Connection<Currency>> {
        todo!("Channel.currencies")
    }

    async fn default_locale(&self, ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<Locale>> {
        todo!("Channel.default_locale")
    }

    async fn base_currency(&self, ctx: &Context<'_>, parent: &Channel) -> GqlResult<Option<Currency>> {
        todo!("Channel.base_currency")
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
        todo!("Country.states")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &Country,
        args: CountryTranslationsArgs,
    ) -> GqlResult<Connection<CountryTranslation>> {
        todo!("Country.translations")
    }
}

#[async_trait::async_trait]
impl CountryStateResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &CountryState,
    ) -> GqlResult<Option<CountryStateTranslation>> {
        todo!("CountryState.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &CountryState,
        args: CountryStateTranslationsArgs,
    ) -> GqlResult<Connection<CountryStateTranslation>> {
        todo!("CountryState.translations")
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
    todo!("channels of product")
}
