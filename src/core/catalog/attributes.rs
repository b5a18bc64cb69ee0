//! Attributes, their options and their translations (storefront reads).
//!
//! Attributes are listed by `position`, options by `sort_order` within their attribute (the
//! flat option list by id), translations by id. Loaders take the rows of a whole page and read
//! each related table once for all of them.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{attribute_option_translations, attribute_options, attribute_translations, attributes};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};

/// An attribute with its names in every locale and its options.
#[derive(Debug, Clone)]
pub struct AttributeRecord {
    pub attribute: attributes::Model,
    /// By id.
    pub translations: Vec<attribute_translations::Model>,
    /// By `sort_order`, then id.
    pub options: Vec<OptionRecord>,
}

/// An option with its labels in every locale.
#[derive(Debug, Clone)]
pub struct OptionRecord {
    pub option: attribute_options::Model,
    /// By id.
    pub translations: Vec<attribute_option_translations::Model>,
    /// The swatch type of the option's attribute (`color`, `image`, ...), if any.
    pub swatch_type: Option<String>,
}

impl OptionRecord {
    /// The swatch value shown as is: colours and texts; image swatches have a URL instead.
    pub fn swatch_value(&self) -> Option<&str> {
        if self.swatch_type.as_deref() == Some("image") { None } else { self.option.swatch_value.as_deref() }
    }

    /// Storage path of an image swatch.
    pub fn swatch_image(&self) -> Option<&str> {
        if self.swatch_type.as_deref() == Some("image") { self.option.swatch_value.as_deref() } else { None }
    }
}

/// The `product_attribute_values` column holding values of an attribute of type `kind`: select
/// attributes store the option id, prices the exact decimal, the rest the text.
pub fn value_column(kind: &str) -> &'static str {
    match kind {
        "select" => "integer_value",
        "price" => "decimal_value",
        "boolean" => "boolean_value",
        "date" => "date_value",
        "datetime" => "datetime_value",
        _ => "text_value",
    }
}

/// The validation rules of an attribute as Bagisto serializes them for form builders:
/// `{ required: true, decimal: true }`, `{ }` when there are none.
pub fn validations(attribute: &attributes::Model) -> String {
    let mut rules = Vec::new();
    if attribute.is_required {
        rules.push("required: true".to_owned());
    }
    match attribute.validation.as_deref().filter(|v| !v.is_empty()) {
        Some("regex") => rules.push(format!("regex: {}", attribute.regex.as_deref().unwrap_or_default())),
        Some(rule) => rules.push(format!("{rule}: true")),
        // Prices are decimals even without an explicit rule.
        None if attribute.type_ == "price" => rules.push("decimal: true".to_owned()),
        None => {}
    }
    if rules.is_empty() { "{ }".to_owned() } else { format!("{{ {} }}", rules.join(", ")) }
}

/// Every attribute, by `position` then id.
pub fn attributes_in_order() -> Listing<attributes::Entity> {
    Listing::new(attributes_in_order_query())
}

fn attributes_in_order_query() -> Select<attributes::Entity> {
    attributes::Entity::find().order_by_asc(attributes::Column::Position).order_by_asc(attributes::Column::Id)
}

/// Every attribute flagged filterable, by id.
pub async fn filterable(db: &impl ConnectionTrait) -> Result<Vec<attributes::Model>, ServiceError> {
    Ok(attributes::Entity::find()
        .filter(attributes::Column::IsFilterable.eq(true))
        .order_by_asc(attributes::Column::Id)
        .all(db)
        .await?)
}

/// An attribute with its names and options.
pub async fn find_attribute(db: &impl ConnectionTrait, id: i64) -> Result<Option<AttributeRecord>, ServiceError> {
    let row = attributes::Entity::find_by_id(id).one(db).await?;
    Ok(records(db, row.into_iter().collect()).await?.pop())
}

pub async fn find_attribute_row(db: &impl ConnectionTrait, id: i64) -> Result<Option<attributes::Model>, ServiceError> {
    Ok(attributes::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_attribute_row_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<attributes::Model>, ServiceError> {
    Ok(attributes::Entity::find().filter(attributes::Column::Code.eq(code)).one(db).await?)
}

/// The attributes of `ids` that exist, by `position`.
pub async fn attribute_rows(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<attributes::Model>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(attributes_in_order_query().filter(attributes::Column::Id.is_in(ids.to_vec())).all(db).await?)
}

/// `rows` with their translations, options and option labels: three queries for any number.
pub async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<attributes::Model>,
) -> Result<Vec<AttributeRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut names = translations_of(db, &ids).await?;
    let mut options = options_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|attribute| AttributeRecord {
            translations: names.remove(&attribute.id).unwrap_or_default(),
            options: options.remove(&attribute.id).unwrap_or_default(),
            attribute,
        })
        .collect())
}

/// `rows` with their names only (one query): for lists that show no options.
pub async fn records_without_options(
    db: &impl ConnectionTrait,
    rows: Vec<attributes::Model>,
) -> Result<Vec<AttributeRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut names = translations_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|attribute| AttributeRecord {
            translations: names.remove(&attribute.id).unwrap_or_default(),
            options: Vec::new(),
            attribute,
        })
        .collect())
}

/// Names of each of the attributes `ids`, by id.
pub async fn translations_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<attribute_translations::Model>>, ServiceError> {
    use attribute_translations::{Column, Entity};
    crate::by_parent::load::<Entity>(db, Column::AttributeId, Column::Id, ids, |t| t.attribute_id).await
}

/// Options of each of the attributes `ids` with their labels (two queries), by `sort_order`.
pub async fn options_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<OptionRecord>>, ServiceError> {
    let mut out: HashMap<i64, Vec<OptionRecord>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(attribute_options::Model, Option<attributes::Model>)> = attribute_options::Entity::find()
        .filter(attribute_options::Column::AttributeId.is_in(ids.to_vec()))
        .find_also_related(attributes::Entity)
        .order_by_asc(attribute_options::Column::SortOrder)
        .order_by_asc(attribute_options::Column::Id)
        .all(db)
        .await?;
    for record in with_labels(db, rows).await? {
        out.entry(record.option.attribute_id).or_default().push(record);
    }
    Ok(out)
}

/// Every option of every attribute, by id; only those of `attribute_id` when given, by
/// `sort_order` then id.
pub fn options_in_order(attribute_id: Option<i64>) -> Listing<attribute_options::Entity> {
    Listing::new(options_in_order_query(attribute_id))
}

fn options_in_order_query(attribute_id: Option<i64>) -> Select<attribute_options::Entity> {
    match attribute_id {
        Some(id) => attribute_options::Entity::find()
            .filter(attribute_options::Column::AttributeId.eq(id))
            .order_by_asc(attribute_options::Column::SortOrder)
            .order_by_asc(attribute_options::Column::Id),
        None => attribute_options::Entity::find().order_by_asc(attribute_options::Column::Id),
    }
}

pub async fn find_option(db: &impl ConnectionTrait, id: i64) -> Result<Option<OptionRecord>, ServiceError> {
    let row = attribute_options::Entity::find_by_id(id).one(db).await?;
    Ok(option_records(db, row.into_iter().collect()).await?.pop())
}

/// `rows` (options of any attributes) with their labels and swatch types: two queries.
pub async fn option_records(
    db: &impl ConnectionTrait,
    rows: Vec<attribute_options::Model>,
) -> Result<Vec<OptionRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let attribute_ids: Vec<i64> = rows.iter().map(|o| o.attribute_id).collect();
    let swatches: HashMap<i64, attributes::Model> = attributes::Entity::find()
        .filter(attributes::Column::Id.is_in(attribute_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let rows = rows
        .into_iter()
        .map(|o| {
            let attribute = swatches.get(&o.attribute_id).cloned();
            (o, attribute)
        })
        .collect();
    with_labels(db, rows).await
}

/// Options (with their attribute) and their labels, in the order given.
async fn with_labels(
    db: &impl ConnectionTrait,
    rows: Vec<(attribute_options::Model, Option<attributes::Model>)>,
) -> Result<Vec<OptionRecord>, ServiceError> {
    let option_ids: Vec<i64> = rows.iter().map(|(o, _)| o.id).collect();
    let mut labels: HashMap<i64, Vec<attribute_option_translations::Model>> = HashMap::new();
    if !option_ids.is_empty() {
        for t in attribute_option_translations::Entity::find()
            .filter(attribute_option_translations::Column::AttributeOptionId.is_in(option_ids))
            .order_by_asc(attribute_option_translations::Column::Id)
            .all(db)
            .await?
        {
            labels.entry(t.attribute_option_id).or_default().push(t);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(option, attribute)| OptionRecord {
            translations: labels.remove(&option.id).unwrap_or_default(),
            swatch_type: attribute.and_then(|a| a.swatch_type),
            option,
        })
        .collect())
}

/// Every attribute name in every locale, by id.
pub fn translations_in_order() -> Listing<attribute_translations::Entity> {
    Listing::new(translations_in_order_query())
}

fn translations_in_order_query() -> Select<attribute_translations::Entity> {
    attribute_translations::Entity::find().order_by_asc(attribute_translations::Column::Id)
}

pub async fn find_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<attribute_translations::Model>, ServiceError> {
    Ok(attribute_translations::Entity::find_by_id(id).one(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(kind: &str, required: bool, validation: Option<&str>, regex: Option<&str>) -> attributes::Model {
        let t = chrono::Utc::now();
        attributes::Model {
            id: 1,
            code: "x".into(),
            admin_name: "X".into(),
            type_: kind.into(),
            swatch_type: None,
            validation: validation.map(str::to_owned),
            regex: regex.map(str::to_owned),
            position: 1,
            is_required: required,
            is_unique: false,
            is_filterable: false,
            is_comparable: false,
            is_configurable: false,
            is_user_defined: true,
            is_visible_on_front: false,
            value_per_locale: false,
            value_per_channel: false,
            default_value: None,
            enable_wysiwyg: false,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn validations_are_serialized_as_bagisto_does() {
        assert_eq!(validations(&attribute("text", true, None, None)), "{ required: true }");
        assert_eq!(validations(&attribute("select", false, None, None)), "{ }");
        assert_eq!(validations(&attribute("price", true, Some("decimal"), None)), "{ required: true, decimal: true }");
        assert_eq!(validations(&attribute("price", false, None, None)), "{ decimal: true }");
        assert_eq!(validations(&attribute("text", false, Some("regex"), Some("^[a-z]+$"))), "{ regex: ^[a-z]+$ }");
        assert_eq!(value_column("select"), "integer_value");
        assert_eq!(value_column("multiselect"), "text_value");
        assert_eq!(value_column("price"), "decimal_value");
    }
}
