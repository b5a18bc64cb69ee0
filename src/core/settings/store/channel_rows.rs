//! SQL for channels (CS-Cart's stores): listing, reading, writing and cloning them with their
//! configuration, countries, locales and currencies.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use polyshop_entities::{
    channel_countries, channel_currencies, channel_locales, channels, core_config, countries, locales, orders,
    product_channels,
};
use polyshop_runtime::{PageWindow, ServiceError};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};

use super::defaults::default_channel;
use crate::settings::channel_records::{ChannelFilter, ChannelInput, ChannelRecord, ChannelSort};

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
