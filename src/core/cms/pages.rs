//! CMS pages (About us, return policy, ...): shown in the channels they are published in
//! (`cms_page_channels`), with a translation per locale.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{cms_page_channels, cms_page_translations, cms_pages};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
};

/// The pages published in channel `channel_id`, by id.
pub fn in_channel(channel_id: i64) -> Listing<cms_pages::Entity> {
    Listing::new(in_channel_query(channel_id))
}

fn in_channel_query(channel_id: i64) -> Select<cms_pages::Entity> {
    cms_pages::Entity::find()
        .join(JoinType::InnerJoin, cms_pages::Relation::CmsPageChannels.def())
        .filter(cms_page_channels::Column::ChannelId.eq(channel_id))
        .order_by_asc(cms_pages::Column::Id)
}

/// The pages published in channel `channel_id`, newest first (REST's order, as upstream's).
pub fn newest_in_channel(channel_id: i64) -> Listing<cms_pages::Entity> {
    Listing::new(
        cms_pages::Entity::find()
            .join(JoinType::InnerJoin, cms_pages::Relation::CmsPageChannels.def())
            .filter(cms_page_channels::Column::ChannelId.eq(channel_id))
            .order_by_desc(cms_pages::Column::CreatedAt)
            .order_by_desc(cms_pages::Column::Id),
    )
}

/// Page `id` when it is published in channel `channel_id`.
pub async fn find_in_channel(
    db: &impl ConnectionTrait,
    channel_id: i64,
    id: i64,
) -> Result<Option<cms_pages::Model>, ServiceError> {
    Ok(in_channel_query(channel_id).filter(cms_pages::Column::Id.eq(id)).one(db).await?)
}

/// The pages published in channel `channel_id` with a translation whose URL key is `url_key`
/// (in any locale), by id.
pub async fn by_url_key_in_channel(
    db: &impl ConnectionTrait,
    channel_id: i64,
    url_key: &str,
) -> Result<Vec<cms_pages::Model>, ServiceError> {
    let keyed = sea_orm::sea_query::Query::select()
        .column(cms_page_translations::Column::CmsPageId)
        .from(cms_page_translations::Entity)
        .and_where(cms_page_translations::Column::UrlKey.eq(url_key))
        .to_owned();
    Ok(in_channel_query(channel_id).filter(cms_pages::Column::Id.in_subquery(keyed)).all(db).await?)
}

/// The translations of each of `page_ids` (one query), by id.
pub async fn translations_of(
    db: &impl ConnectionTrait,
    page_ids: &[i64],
) -> Result<HashMap<i64, Vec<cms_page_translations::Model>>, ServiceError> {
    use cms_page_translations::{Column, Entity};
    crate::by_parent::load::<Entity>(db, Column::CmsPageId, Column::Id, page_ids, |t| t.cms_page_id).await
}

/// The texts of the pages published in channel `channel_id`, by id.
pub fn translations_in_channel(channel_id: i64) -> Listing<cms_page_translations::Entity> {
    Listing::new(translations_in_channel_query(channel_id))
}

fn translations_in_channel_query(channel_id: i64) -> Select<cms_page_translations::Entity> {
    cms_page_translations::Entity::find()
        .join(JoinType::InnerJoin, cms_page_translations::Relation::CmsPage.def())
        .join(JoinType::InnerJoin, cms_pages::Relation::CmsPageChannels.def())
        .filter(cms_page_channels::Column::ChannelId.eq(channel_id))
        .order_by_asc(cms_page_translations::Column::Id)
}

/// Page text `id` when its page is published in channel `channel_id`.
pub async fn find_translation_in_channel(
    db: &impl ConnectionTrait,
    channel_id: i64,
    id: i64,
) -> Result<Option<cms_page_translations::Model>, ServiceError> {
    Ok(translations_in_channel_query(channel_id).filter(cms_page_translations::Column::Id.eq(id)).one(db).await?)
}
