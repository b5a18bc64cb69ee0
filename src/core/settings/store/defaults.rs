//! The store-wide defaults: the default channel with its locale and currencies, the inventory
//! source a channel's stock changes go to.

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

/// The value of configuration `code` for a channel and locale: the row of that channel and
/// locale, else of the channel for every locale, else the store-wide row; `None` when unset.
pub async fn config_value(
    db: &impl ConnectionTrait,
    code: &str,
    channel_code: &str,
    locale: &str,
) -> Result<Option<String>, ServiceError> {
    use polyshop_entities::core_config;
    let rows = core_config::Entity::find().filter(core_config::Column::Code.eq(code)).all(db).await?;
    let scoped = |channel: Option<&str>, loc: Option<&str>| {
        rows.iter().find(|r| r.channel_code.as_deref() == channel && r.locale_code.as_deref() == loc)
    };
    Ok(scoped(Some(channel_code), Some(locale))
        .or_else(|| scoped(Some(channel_code), None))
        .or_else(|| scoped(None, None))
        .map(|r| r.value.clone()))
}
