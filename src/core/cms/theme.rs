//! Theme customizations: the blocks of a channel's storefront theme (home page carousels,
//! static content, footer links, ...), each with its options per locale.
//!
//! The storefront only ever sees published blocks (`status` true) of the six known kinds.
//! Options are stored as JSON and served as JSON text written the way Bagisto's MySQL (and
//! PostgreSQL's `jsonb`) print it, so the text is the same whatever the database.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{channels, theme_customization_translations, theme_customizations};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use serde_json::Value;

/// The kinds of block a storefront renders.
pub const BLOCK_TYPES: [&str; 6] =
    ["image_carousel", "category_carousel", "product_carousel", "static_content", "footer_links", "services_content"];

/// The theme a channel shows (`default` when none is set).
pub fn theme_of(channel: &channels::Model) -> &str {
    channel.theme.as_deref().filter(|t| !t.is_empty()).unwrap_or("default")
}

/// Published blocks of any channel.
fn published() -> Select<theme_customizations::Entity> {
    theme_customizations::Entity::find()
        .filter(theme_customizations::Column::Status.eq(true))
        .filter(theme_customizations::Column::Type.is_in(BLOCK_TYPES))
}

/// The published blocks of `channel`'s theme, of kind `kind` when given (an unknown kind
/// matches nothing), by sort order then id.
pub fn published_in(channel: &channels::Model, kind: Option<&str>) -> Listing<theme_customizations::Entity> {
    Listing::new(published_in_query(channel, kind))
}

fn published_in_query(channel: &channels::Model, kind: Option<&str>) -> Select<theme_customizations::Entity> {
    use theme_customizations::Column;
    let mut query =
        published().filter(Column::ChannelId.eq(channel.id)).filter(Column::ThemeCode.eq(theme_of(channel)));
    if let Some(kind) = kind {
        query = query.filter(Column::Type.eq(kind));
    }
    query.order_by_asc(Column::SortOrder).order_by_asc(Column::Id)
}

/// Block `id` when it is published.
pub async fn find_published(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<theme_customizations::Model>, ServiceError> {
    Ok(published().filter(theme_customizations::Column::Id.eq(id)).one(db).await?)
}

/// The translations of each of `block_ids` (one query), by id.
pub async fn translations_of(
    db: &impl ConnectionTrait,
    block_ids: &[i64],
) -> Result<HashMap<i64, Vec<theme_customization_translations::Model>>, ServiceError> {
    use theme_customization_translations::{Column, Entity};
    crate::by_parent::load::<Entity>(db, Column::ThemeCustomizationId, Column::Id, block_ids, |t| {
        t.theme_customization_id
    })
    .await
}

/// A block's options as the JSON text clients parse: keys ordered by length then bytes, `", "`
/// and `": "` separators (`{"link": "/sale", "image": "theme/1/a.webp"}`), as MySQL's JSON
/// type and PostgreSQL's `jsonb` print a document.
pub fn options_text(options: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, options);
    out
}

fn write_json(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            out.push('{');
            for (i, (key, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push_str(": ");
                write_json(out, v);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(out, v);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::options_text;

    #[test]
    fn writes_options_as_mysql_prints_json() {
        let options = json!({"title": "Soldes d'été", "images": [{"title": "A \"b\"", "link": "/x", "image": "i.webp"}],
            "filters": {"parent_id": 1, "sort": "asc", "limit": 10}, "empty": {}, "list": [], "n": 1.5});
        assert_eq!(
            options_text(&options),
            r#"{"n": 1.5, "list": [], "empty": {}, "title": "Soldes d'été", "images": [{"link": "/x", "image": "i.webp", "title": "A \"b\""}], "filters": {"sort": "asc", "limit": 10, "parent_id": 1}}"#
        );
    }
}
