//! SQL for settings.

use polyshop_entities::{channels, currencies, locales};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The default channel, its default locale and every currency.
pub async fn default_channel(
    db: &impl ConnectionTrait,
) -> Result<(channels::Model, locales::Model, Vec<currencies::Model>), ServiceError> {
    let channel = match channels::Entity::find().filter(channels::Column::Code.eq("default")).one(db).await? {
        Some(c) => c,
        None => channels::Entity::find()
            .order_by_asc(channels::Column::Id)
            .one(db)
            .await?
            .ok_or_else(|| ServiceError::internal("no channel exists; run `polyshop migrate`"))?,
    };
    let locale = locales::Entity::find_by_id(channel.default_locale_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::internal("the default channel's locale is missing"))?;
    let currencies = currencies::Entity::find().order_by_asc(currencies::Column::Id).all(db).await?;
    Ok((channel, locale, currencies))
}

pub async fn locale_code(db: &impl ConnectionTrait, id: i64) -> Result<String, ServiceError> {
    let locale = locales::Entity::find_by_id(id).one(db).await?;
    locale.map(|l| l.code).ok_or_else(|| ServiceError::internal(format!("locale {id} is missing")))
}

/// The inventory source a channel's stock changes go to: its highest-priority source.
pub async fn default_inventory_source(db: &impl ConnectionTrait, channel_id: i64) -> Result<i64, ServiceError> {
    use polyshop_entities::{channel_inventory_sources, inventory_sources};
    use sea_orm::{JoinType, QuerySelect, RelationTrait};
    let source = inventory_sources::Entity::find()
        .join(JoinType::InnerJoin, inventory_sources::Relation::ChannelInventorySources.def())
        .filter(channel_inventory_sources::Column::ChannelId.eq(channel_id))
        .order_by_asc(inventory_sources::Column::Priority)
        .order_by_asc(inventory_sources::Column::Id)
        .one(db)
        .await?;
    source.map(|s| s.id).ok_or_else(|| ServiceError::internal(format!("channel {channel_id} has no inventory source")))
}

// ---- channels (stores) ----

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use polyshop_entities::{
    channel_countries, channel_currencies, channel_locales, core_config, countries, orders, product_channels,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    IntoActiveModel, PaginatorTrait, QuerySelect, Select,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use super::channel_records::{ChannelFilter, ChannelInput, ChannelRecord, ChannelSort};
use polyshop_runtime::PageWindow;

fn filtered(filter: &ChannelFilter) -> Select<channels::Entity> {
    let mut query = channels::Entity::find();
    if let Some(text) = &filter.name_contains {
        let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
        query = query.filter(Expr::expr(Func::lower(Expr::col(channels::Column::Name))).like(pattern));
    }
    if let Some(at) = filter.created_at {
        query = query.filter(channels::Column::CreatedAt.eq(at));
    }
    query
}

pub async fn count_channels(db: &impl ConnectionTrait, filter: &ChannelFilter) -> Result<u64, ServiceError> {
    Ok(filtered(filter).count(db).await?)
}

pub async fn list_channels(
    db: &impl ConnectionTrait,
    filter: &ChannelFilter,
    sort: ChannelSort,
    descending: bool,
    page: PageWindow,
) -> Result<Vec<ChannelRecord>, ServiceError> {
    let column = match sort {
        ChannelSort::Name => channels::Column::Name,
        ChannelSort::Created => channels::Column::CreatedAt,
    };
    let query = if descending {
        filtered(filter).order_by_desc(column).order_by_desc(channels::Column::Id)
    } else {
        filtered(filter).order_by_asc(column).order_by_asc(channels::Column::Id)
    };
    let rows = query.offset(page.offset()).limit(page.limit()).all(db).await?;
    channel_records(db, rows).await
}

/// Each channel with its locale code, configuration and countries (three queries).
pub async fn channel_records(
    db: &impl ConnectionTrait,
    rows: Vec<channels::Model>,
) -> Result<Vec<ChannelRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let locale_ids: Vec<i64> = rows.iter().map(|c| c.default_locale_id).collect();
    let locales: BTreeMap<i64, String> = locales::Entity::find()
        .filter(locales::Column::Id.is_in(locale_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.code))
        .collect();
    let codes: Vec<String> = rows.iter().map(|c| c.code.clone()).collect();
    let mut config: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for row in core_config::Entity::find()
        .filter(core_config::Column::ChannelCode.is_in(codes))
        .filter(core_config::Column::LocaleCode.is_null())
        .order_by_asc(core_config::Column::Id)
        .all(db)
        .await?
    {
        config.entry(row.channel_code.unwrap_or_default()).or_default().insert(row.code, row.value);
    }
    let mut countries: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in channel_countries::Entity::find()
        .filter(channel_countries::Column::ChannelId.is_in(rows.iter().map(|c| c.id).collect::<Vec<_>>()))
        .order_by_asc(channel_countries::Column::CountryCode)
        .all(db)
        .await?
    {
        countries.entry(row.channel_id).or_default().push(row.country_code);
    }
    Ok(rows
        .into_iter()
        .map(|channel| ChannelRecord {
            locale: locales.get(&channel.default_locale_id).cloned().unwrap_or_default(),
            config: config.remove(&channel.code).unwrap_or_default(),
            countries: countries.remove(&channel.id).unwrap_or_default(),
            channel,
        })
        .collect())
}

pub async fn find_channel(db: &impl ConnectionTrait, id: i64) -> Result<Option<channels::Model>, ServiceError> {
    Ok(channels::Entity::find_by_id(id).one(db).await?)
}

pub async fn all_channels(db: &impl ConnectionTrait) -> Result<Vec<channels::Model>, ServiceError> {
    Ok(channels::Entity::find().all(db).await?)
}

pub async fn country_codes(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, ServiceError> {
    Ok(countries::Entity::find().all(db).await?.into_iter().map(|c| c.code).collect())
}

/// The default channel's row (code `default`, else the first).
pub async fn default_channel_row(db: &impl ConnectionTrait) -> Result<channels::Model, ServiceError> {
    Ok(default_channel(db).await?.0)
}

/// A channel code derived from `name` that no channel uses yet (`example-company-2`).
pub async fn free_channel_code(db: &impl ConnectionTrait, name: &str) -> Result<String, ServiceError> {
    let mut base: String =
        name.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    base = base.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    base.truncate(56);
    if base.is_empty() {
        base = "store".into();
    }
    let taken: BTreeSet<String> = all_channels(db).await?.into_iter().map(|c| c.code).collect();
    Ok((1..).map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") }).find(|c| !taken.contains(c)).unwrap())
}

/// Inserts a channel named `name` with `like`'s locale, currency and timezone.
pub async fn insert_channel(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    like: &channels::Model,
    root_category_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<channels::Model, ServiceError> {
    Ok(channels::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        timezone: Set(like.timezone.clone()),
        theme: Set(like.theme.clone()),
        default_locale_id: Set(like.default_locale_id),
        base_currency_id: Set(like.base_currency_id),
        root_category_id: Set(root_category_id),
        is_maintenance_on: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Gives `channel` the template channel's default locale, base currency and inventory sources.
pub async fn assign_defaults(
    db: &impl ConnectionTrait,
    template: &channels::Model,
    channel: &channels::Model,
) -> Result<(), ServiceError> {
    channel_locales::ActiveModel { channel_id: Set(channel.id), locale_id: Set(template.default_locale_id) }
        .insert(db)
        .await?;
    channel_currencies::ActiveModel { channel_id: Set(channel.id), currency_id: Set(template.base_currency_id) }
        .insert(db)
        .await?;
    copy_sources(db, template.id, channel.id).await
}

async fn copy_sources(db: &impl ConnectionTrait, from: i64, to: i64) -> Result<(), ServiceError> {
    use polyshop_entities::channel_inventory_sources;
    for s in channel_inventory_sources::Entity::find()
        .filter(channel_inventory_sources::Column::ChannelId.eq(from))
        .all(db)
        .await?
    {
        channel_inventory_sources::ActiveModel { channel_id: Set(to), inventory_source_id: Set(s.inventory_source_id) }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// Copies locales, currencies, inventory sources, countries and configuration.
pub async fn copy_channel_settings(
    db: &impl ConnectionTrait,
    from: &channels::Model,
    to: &channels::Model,
) -> Result<(), ServiceError> {
    for l in channel_locales::Entity::find().filter(channel_locales::Column::ChannelId.eq(from.id)).all(db).await? {
        channel_locales::ActiveModel { channel_id: Set(to.id), locale_id: Set(l.locale_id) }.insert(db).await?;
    }
    for c in
        channel_currencies::Entity::find().filter(channel_currencies::Column::ChannelId.eq(from.id)).all(db).await?
    {
        channel_currencies::ActiveModel { channel_id: Set(to.id), currency_id: Set(c.currency_id) }.insert(db).await?;
    }
    copy_sources(db, from.id, to.id).await?;
    for c in channel_countries::Entity::find().filter(channel_countries::Column::ChannelId.eq(from.id)).all(db).await? {
        channel_countries::ActiveModel { channel_id: Set(to.id), country_code: Set(c.country_code) }.insert(db).await?;
    }
    for row in
        core_config::Entity::find().filter(core_config::Column::ChannelCode.eq(from.code.as_str())).all(db).await?
    {
        core_config::ActiveModel {
            code: Set(row.code),
            value: Set(row.value),
            channel_code: Set(Some(to.code.clone())),
            locale_code: Set(row.locale_code),
            created_at: Set(to.created_at),
            updated_at: Set(to.created_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Makes `to` sell the products `from` sells.
pub async fn copy_channel_products(db: &impl ConnectionTrait, from: i64, to: i64) -> Result<(), ServiceError> {
    let rows: Vec<product_channels::ActiveModel> = product_channels::Entity::find()
        .filter(product_channels::Column::ChannelId.eq(from))
        .all(db)
        .await?
        .into_iter()
        .map(|p| product_channels::ActiveModel { product_id: Set(p.product_id), channel_id: Set(to) })
        .collect();
    if !rows.is_empty() {
        product_channels::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

pub async fn update_channel_row(
    db: &impl ConnectionTrait,
    channel: channels::Model,
    input: &ChannelInput,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut active = channel.into_active_model();
    if let Some(name) = &input.name {
        active.name = Set(name.trim().to_owned());
    }
    if let Some(host) = &input.hostname {
        active.hostname = Set(Some(host.trim().to_owned()));
    }
    if let Some(host) = &input.secure_hostname {
        active.secure_hostname = Set(Some(host.trim().to_owned()).filter(|h| !h.is_empty()));
    }
    if let Some(active_flag) = input.active {
        active.is_maintenance_on = Set(!active_flag);
    }
    if let Some(at) = input.created_at {
        active.created_at = Set(at);
    }
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

/// Sets configuration value `code` of channel `channel_code` (for every locale).
pub async fn set_config(
    db: &impl ConnectionTrait,
    channel_code: &str,
    code: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let existing = core_config::Entity::find()
        .filter(core_config::Column::Code.eq(code))
        .filter(core_config::Column::ChannelCode.eq(channel_code))
        .filter(core_config::Column::LocaleCode.is_null())
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.value = Set(value.to_owned());
            row.updated_at = Set(now);
            row.update(db).await?;
        }
        None => {
            core_config::ActiveModel {
                code: Set(code.to_owned()),
                value: Set(value.to_owned()),
                channel_code: Set(Some(channel_code.to_owned())),
                locale_code: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn replace_countries(
    db: &impl ConnectionTrait,
    channel_id: i64,
    codes: &[String],
) -> Result<(), ServiceError> {
    channel_countries::Entity::delete_many()
        .filter(channel_countries::Column::ChannelId.eq(channel_id))
        .exec(db)
        .await?;
    let unique: BTreeSet<&String> = codes.iter().collect();
    let rows: Vec<channel_countries::ActiveModel> = unique
        .into_iter()
        .map(|c| channel_countries::ActiveModel { channel_id: Set(channel_id), country_code: Set(c.clone()) })
        .collect();
    if !rows.is_empty() {
        channel_countries::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

pub async fn count_channel_orders(db: &impl ConnectionTrait, channel_id: i64) -> Result<u64, ServiceError> {
    Ok(orders::Entity::find().filter(orders::Column::ChannelId.eq(channel_id)).count(db).await?)
}

/// Deletes a channel with its configuration (its locales, currencies, sources, countries and
/// product assignments go with it: ON DELETE CASCADE).
pub async fn delete_channel(db: &impl ConnectionTrait, channel: &channels::Model) -> Result<(), ServiceError> {
    core_config::Entity::delete_many()
        .filter(core_config::Column::ChannelCode.eq(channel.code.as_str()))
        .exec(db)
        .await?;
    channels::Entity::delete_by_id(channel.id).exec(db).await?;
    Ok(())
}

/// Country names and state names for `codes`, in `locale` when translated.
pub async fn place_names(
    db: &impl ConnectionTrait,
    codes: &[String],
    locale: &str,
) -> Result<(BTreeMap<String, String>, BTreeMap<(String, String), String>), ServiceError> {
    use polyshop_entities::{country_state_translations, country_states, country_translations};
    let mut country_names = BTreeMap::new();
    let mut state_names = BTreeMap::new();
    if codes.is_empty() {
        return Ok((country_names, state_names));
    }
    let found = countries::Entity::find().filter(countries::Column::Code.is_in(codes.to_vec())).all(db).await?;
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let translated: BTreeMap<i64, String> = country_translations::Entity::find()
        .filter(country_translations::Column::CountryId.is_in(ids.clone()))
        .filter(country_translations::Column::Locale.eq(locale))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.country_id, t.name))
        .collect();
    for c in &found {
        country_names.insert(c.code.clone(), translated.get(&c.id).cloned().unwrap_or_else(|| c.name.clone()));
    }
    let states = country_states::Entity::find().filter(country_states::Column::CountryId.is_in(ids)).all(db).await?;
    let state_translated: BTreeMap<i64, String> = country_state_translations::Entity::find()
        .filter(
            country_state_translations::Column::CountryStateId.is_in(states.iter().map(|s| s.id).collect::<Vec<_>>()),
        )
        .filter(country_state_translations::Column::Locale.eq(locale))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.country_state_id, t.default_name))
        .collect();
    for s in states {
        let name = state_translated.get(&s.id).cloned().unwrap_or(s.default_name);
        state_names.insert((s.country_code, s.code), name);
    }
    Ok((country_names, state_names))
}

// ---- storefront scope ----

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
