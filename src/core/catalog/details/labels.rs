//! Labels in the scope's locale: of attribute options (with their admin names and sort order)
//! and of attributes. The lowest layer of the details: the variant options build on it.

use std::collections::HashMap;

use polyshop_entities::{attribute_option_translations, attribute_options, attributes};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::settings::scope::Scope;

/// An option with its admin name and label in the scope's locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionLabel {
    pub id: i64,
    pub attribute_id: i64,
    pub admin_name: String,
    pub sort_order: i32,
    /// The label in the request locale (or the default locale); none when untranslated.
    pub label: Option<String>,
}

/// Options by id, with their labels.
pub async fn option_labels(
    db: &impl ConnectionTrait,
    scope: &Scope,
    option_ids: &[i64],
) -> Result<HashMap<i64, OptionLabel>, ServiceError> {
    if option_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let options = attribute_options::Entity::find()
        .filter(attribute_options::Column::Id.is_in(option_ids.to_vec()))
        .all(db)
        .await?;
    let mut labels: HashMap<i64, Vec<attribute_option_translations::Model>> = HashMap::new();
    for t in attribute_option_translations::Entity::find()
        .filter(attribute_option_translations::Column::AttributeOptionId.is_in(option_ids.to_vec()))
        .all(db)
        .await?
    {
        labels.entry(t.attribute_option_id).or_default().push(t);
    }
    Ok(options
        .into_iter()
        .map(|o| {
            let label =
                labels.get(&o.id).and_then(|rows| scope.pick(rows, |r| r.locale.as_str())).map(|t| t.label.clone());
            (
                o.id,
                OptionLabel {
                    id: o.id,
                    attribute_id: o.attribute_id,
                    admin_name: o.admin_name,
                    sort_order: o.sort_order,
                    label,
                },
            )
        })
        .collect())
}

/// Attribute labels in the scope's locale (admin name when untranslated), by attribute id.
pub async fn attribute_labels(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[i64],
) -> Result<HashMap<i64, String>, ServiceError> {
    use polyshop_entities::attribute_translations;
    let attrs = attributes::Entity::find().filter(attributes::Column::Id.is_in(ids.to_vec())).all(db).await?;
    let mut translations: HashMap<i64, Vec<attribute_translations::Model>> = HashMap::new();
    for t in attribute_translations::Entity::find()
        .filter(attribute_translations::Column::AttributeId.is_in(ids.to_vec()))
        .all(db)
        .await?
    {
        translations.entry(t.attribute_id).or_default().push(t);
    }
    Ok(attrs
        .into_iter()
        .map(|a| {
            let label = translations
                .get(&a.id)
                .and_then(|rows| scope.pick(rows, |r| r.locale.as_str()))
                .map(|t| t.name.clone())
                .unwrap_or(a.admin_name);
            (a.id, label)
        })
        .collect())
}
