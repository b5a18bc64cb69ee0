//! SQL for what the storefront APIs read: the channel, locales and currencies of a request's
//! scope, and storefront channels with their texts.

use std::collections::BTreeSet;

use polyshop_entities::{channel_currencies, channel_locales, channels, currencies, locales, product_channels};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};

pub async fn channel_by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<channels::Model>, ServiceError> {
    Ok(channels::Entity::find().filter(channels::Column::Code.eq(code)).one(db).await?)
}

/// Codes of the locales `channel` offers (its default locale included).
pub async fn channel_locale_codes(
    db: &impl ConnectionTrait,
    channel: &channels::Model,
) -> Result<Vec<String>, ServiceError> {
    use sea_orm::{JoinType, RelationTrait};
    let rows = locales::Entity::find()
        .join(JoinType::LeftJoin, locales::Relation::ChannelLocales.def())
        .filter(
            sea_orm::Condition::any()
                .add(channel_locales::Column::ChannelId.eq(channel.id))
                .add(locales::Column::Id.eq(channel.default_locale_id)),
        )
        .order_by_asc(locales::Column::Id)
        .all(db)
        .await?;
    let mut codes: Vec<String> = rows.into_iter().map(|l| l.code).collect();
    codes.dedup();
    Ok(codes)
}

/// The currencies `channel` offers (its base currency included), each with its exchange rate
/// from the base currency when there is one.
pub async fn channel_currencies_with_rates(
    db: &impl ConnectionTrait,
    channel: &channels::Model,
) -> Result<Vec<(currencies::Model, Option<rust_decimal::Decimal>)>, ServiceError> {
    use polyshop_entities::exchange_rates;
    let offered: BTreeSet<i64> = channel_currencies::Entity::find()
        .filter(channel_currencies::Column::ChannelId.eq(channel.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.currency_id)
        .chain([channel.base_currency_id])
        .collect();
    let rows = currencies::Entity::find()
        .filter(currencies::Column::Id.is_in(offered))
        .find_also_related(exchange_rates::Entity)
        .order_by_asc(currencies::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(c, rate)| (c, rate.map(|r| r.rate.value()))).collect())
}

/// A channel with the codes of its default locale and base currency.
#[derive(Debug, Clone)]
pub struct ChannelCodes {
    pub channel: channels::Model,
    pub locale_code: String,
    pub currency_code: String,
}

/// Every channel with its default locale and base currency codes, by id (three statements;
/// the request scope keeps them, so product pages name a product's channels without reading).
pub async fn channels_with_codes(db: &impl ConnectionTrait) -> Result<Vec<ChannelCodes>, ServiceError> {
    use std::collections::HashMap;
    let all = channels::Entity::find().order_by_asc(channels::Column::Id).all(db).await?;
    let locales: HashMap<i64, String> =
        locales::Entity::find().all(db).await?.into_iter().map(|l| (l.id, l.code)).collect();
    let currencies: HashMap<i64, String> =
        currencies::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.code)).collect();
    Ok(all
        .into_iter()
        .map(|c| ChannelCodes {
            locale_code: locales.get(&c.default_locale_id).cloned().unwrap_or_default(),
            currency_code: currencies.get(&c.base_currency_id).cloned().unwrap_or_default(),
            channel: c,
        })
        .collect())
}

/// The inventory sources channel `channel_id` sells from, by id.
pub async fn channel_inventory_sources(
    db: &impl ConnectionTrait,
    channel_id: i64,
) -> Result<Vec<polyshop_entities::inventory_sources::Model>, ServiceError> {
    use polyshop_entities::{channel_inventory_sources as links, inventory_sources as sources};
    let ids = links::Entity::find().filter(links::Column::ChannelId.eq(channel_id)).all(db).await?;
    Ok(sources::Entity::find()
        .filter(sources::Column::Id.is_in(ids.into_iter().map(|l| l.inventory_source_id)))
        .order_by_asc(sources::Column::Id)
        .all(db)
        .await?)
}

// ---- storefront reads ----

/// Locales in id order.
pub fn locales() -> Listing<locales::Entity> {
    Listing::new(locales_query())
}

fn locales_query() -> Select<locales::Entity> {
    locales::Entity::find().order_by_asc(locales::Column::Id)
}

pub async fn locale(db: &impl ConnectionTrait, id: i64) -> Result<Option<locales::Model>, ServiceError> {
    Ok(locales::Entity::find_by_id(id).one(db).await?)
}

/// Currencies in id order.
pub fn currencies() -> Listing<currencies::Entity> {
    Listing::new(currencies_query())
}

fn currencies_query() -> Select<currencies::Entity> {
    currencies::Entity::find().order_by_asc(currencies::Column::Id)
}

pub async fn currency(db: &impl ConnectionTrait, id: i64) -> Result<Option<currencies::Model>, ServiceError> {
    Ok(currencies::Entity::find_by_id(id).one(db).await?)
}

// ---- storefront channels ----

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::channel_translations;

/// A channel with what the storefront APIs show of it.
#[derive(Debug, Clone)]
pub struct StorefrontChannel {
    pub channel: channels::Model,
    /// Its texts in every locale, by id.
    pub translations: Vec<channel_translations::Model>,
    /// The locales it offers (its default locale included), by id.
    pub locales: Vec<locales::Model>,
    /// The currencies it offers (its base currency included), by id.
    pub currencies: Vec<currencies::Model>,
}

impl StorefrontChannel {
    pub fn default_locale(&self) -> Option<&locales::Model> {
        self.locales.iter().find(|l| l.id == self.channel.default_locale_id)
    }

    pub fn base_currency(&self) -> Option<&currencies::Model> {
        self.currencies.iter().find(|c| c.id == self.channel.base_currency_id)
    }
}

/// Every channel, by id.
pub fn channels_in_order() -> Listing<channels::Entity> {
    Listing::new(channels_in_order_query())
}

fn channels_in_order_query() -> Select<channels::Entity> {
    channels::Entity::find().order_by_asc(channels::Column::Id)
}

pub async fn storefront_channel(db: &impl ConnectionTrait, id: i64) -> Result<Option<StorefrontChannel>, ServiceError> {
    let row = channels::Entity::find_by_id(id).one(db).await?;
    Ok(storefront_channels(db, row.into_iter().collect()).await?.pop())
}

pub async fn storefront_channel_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<StorefrontChannel>, ServiceError> {
    let row = channel_by_code(db, code).await?;
    Ok(storefront_channels(db, row.into_iter().collect()).await?.pop())
}

/// `rows` with their translations, locales and currencies: five queries for any number.
pub async fn storefront_channels(
    db: &impl ConnectionTrait,
    rows: Vec<channels::Model>,
) -> Result<Vec<StorefrontChannel>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut translations: HashMap<i64, Vec<channel_translations::Model>> = HashMap::new();
    for t in channel_translations::Entity::find()
        .filter(channel_translations::Column::ChannelId.is_in(ids.clone()))
        .order_by_asc(channel_translations::Column::Id)
        .all(db)
        .await?
    {
        translations.entry(t.channel_id).or_default().push(t);
    }
    // Offered locale and currency ids per channel, the defaults included.
    let mut locale_ids: HashMap<i64, BTreeSet<i64>> =
        rows.iter().map(|c| (c.id, BTreeSet::from([c.default_locale_id]))).collect();
    for l in
        channel_locales::Entity::find().filter(channel_locales::Column::ChannelId.is_in(ids.clone())).all(db).await?
    {
        locale_ids.entry(l.channel_id).or_default().insert(l.locale_id);
    }
    let mut currency_ids: HashMap<i64, BTreeSet<i64>> =
        rows.iter().map(|c| (c.id, BTreeSet::from([c.base_currency_id]))).collect();
    for c in channel_currencies::Entity::find()
        .filter(channel_currencies::Column::ChannelId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        currency_ids.entry(c.channel_id).or_default().insert(c.currency_id);
    }
    let all_locales: HashMap<i64, locales::Model> = locales::Entity::find()
        .filter(locales::Column::Id.is_in(locale_ids.values().flatten().copied().collect::<BTreeSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let all_currencies: HashMap<i64, currencies::Model> = currencies::Entity::find()
        .filter(currencies::Column::Id.is_in(currency_ids.values().flatten().copied().collect::<BTreeSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(rows
        .into_iter()
        .map(|channel| StorefrontChannel {
            translations: translations.remove(&channel.id).unwrap_or_default(),
            locales: locale_ids
                .get(&channel.id)
                .into_iter()
                .flatten()
                .filter_map(|id| all_locales.get(id).cloned())
                .collect(),
            currencies: currency_ids
                .get(&channel.id)
                .into_iter()
                .flatten()
                .filter_map(|id| all_currencies.get(id).cloned())
                .collect(),
            channel,
        })
        .collect())
}

/// Every channel text in every locale, by id.
pub fn channel_translations_in_order() -> Listing<channel_translations::Entity> {
    Listing::new(channel_translations_in_order_query())
}

fn channel_translations_in_order_query() -> Select<channel_translations::Entity> {
    channel_translations::Entity::find().order_by_asc(channel_translations::Column::Id)
}

pub async fn channel_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<channel_translations::Model>, ServiceError> {
    Ok(channel_translations::Entity::find_by_id(id).one(db).await?)
}

/// The channels each of `product_ids` is sold in, by id: six queries for any number.
pub async fn storefront_channels_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<StorefrontChannel>>, ServiceError> {
    let mut out: HashMap<i64, Vec<StorefrontChannel>> = HashMap::new();
    if product_ids.is_empty() {
        return Ok(out);
    }
    let links = product_channels::Entity::find()
        .filter(product_channels::Column::ProductId.is_in(product_ids.to_vec()))
        .find_also_related(channels::Entity)
        .order_by_asc(channels::Column::Id)
        .all(db)
        .await?;
    let mut seen = BTreeSet::new();
    let rows: Vec<channels::Model> =
        links.iter().filter_map(|(_, c)| c.clone()).filter(|c| seen.insert(c.id)).collect();
    let channels: HashMap<i64, StorefrontChannel> =
        storefront_channels(db, rows).await?.into_iter().map(|c| (c.channel.id, c)).collect();
    for (link, channel) in links {
        if let Some(c) = channel.and_then(|c| channels.get(&c.id)) {
            out.entry(link.product_id).or_default().push(c.clone());
        }
    }
    Ok(out)
}
