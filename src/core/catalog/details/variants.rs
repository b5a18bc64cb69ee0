//! What a configurable product's variants differ by: its super attributes with the options its
//! enabled variants use, and each variant's option per super attribute.

use std::collections::{BTreeMap, HashMap, HashSet};

use polyshop_entities::{attributes, product_attribute_values, product_super_attributes, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::labels::OptionLabel;
use crate::{
    catalog::dictionary::{self, Dictionary},
    settings::scope::Scope,
};

/// An attribute a configurable product's variants differ by, with the options they use.
#[derive(Debug, Clone)]
pub struct SuperAttribute {
    pub attribute: attributes::Model,
    pub options: Vec<OptionLabel>,
}

/// The super attributes of each configurable product, with the options of its enabled variants.
pub async fn super_attributes(
    db: &impl ConnectionTrait,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<SuperAttribute>>, ServiceError> {
    let used = super_attribute_options(db, product_ids).await?;
    if used.is_empty() {
        return Ok(HashMap::new());
    }
    let dictionary = dictionary::of(db, scope).await?;
    Ok(used.into_iter().map(|(product, used)| (product, label_super_attributes(&dictionary, scope, &used))).collect())
}

/// A super attribute of a configurable product, by ids: the attribute and the options its
/// enabled variants use.
#[derive(Debug, Clone)]
pub struct SuperAttributeIds {
    pub attribute_id: i64,
    pub option_ids: Vec<i64>,
}

/// [`super_attributes`] by ids, as the catalog stores them (a product page cache keeps them;
/// [`label_super_attributes`] names them).
pub async fn super_attribute_options(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<SuperAttributeIds>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let links = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let attribute_ids: Vec<i64> = links.iter().map(|l| l.attribute_id).collect::<HashSet<_>>().into_iter().collect();
    // The enabled variants' values of those attributes, with each variant's parent, are one
    // statement.
    // (parent, attribute) → option ids its variants use.
    let mut used: HashMap<(i64, i64), HashSet<i64>> = HashMap::new();
    for (row, variant) in product_attribute_values::Entity::find()
        .select_also(products::Entity)
        .join(JoinType::InnerJoin, product_attribute_values::Relation::Product.def())
        .filter(products::Column::ParentId.is_in(product_ids.to_vec()))
        .filter(products::Column::Status.eq(true))
        .filter(product_attribute_values::Column::AttributeId.is_in(attribute_ids))
        .all(db)
        .await?
    {
        if let (Some(parent), Some(option)) = (variant.and_then(|v| v.parent_id), row.integer_value) {
            used.entry((parent, row.attribute_id)).or_default().insert(option);
        }
    }
    let mut out: HashMap<i64, Vec<SuperAttributeIds>> = HashMap::new();
    for link in links {
        let mut option_ids: Vec<i64> =
            used.remove(&(link.product_id, link.attribute_id)).into_iter().flatten().collect();
        option_ids.sort_unstable();
        out.entry(link.product_id).or_default().push(SuperAttributeIds { attribute_id: link.attribute_id, option_ids });
    }
    Ok(out)
}

/// `used` with their attributes and option labels in `scope` (from the catalog dictionary),
/// attributes by position, options by sort order; unknown attributes and options are skipped.
pub fn label_super_attributes(
    dictionary: &Dictionary,
    scope: &Scope,
    used: &[SuperAttributeIds],
) -> Vec<SuperAttribute> {
    let mut out: Vec<SuperAttribute> = used
        .iter()
        .filter_map(|s| {
            let attribute = dictionary.attribute(s.attribute_id)?.clone();
            let mut options: Vec<OptionLabel> =
                s.option_ids.iter().filter_map(|o| dictionary.option_label(scope, *o)).collect();
            options.sort_by_key(|o| (o.sort_order, o.id));
            Some(SuperAttribute { attribute, options })
        })
        .collect();
    out.sort_by_key(|s| (s.attribute.position, s.attribute.id));
    out
}

/// For each configurable product, the options of each enabled variant by attribute code
/// (`{variant id: {"color": 1, "size": 6}}`), over its super attributes.
pub async fn combinations(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, BTreeMap<i64, BTreeMap<String, i64>>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let supers = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    if supers.is_empty() {
        return Ok(HashMap::new());
    }
    let codes: HashMap<i64, String> = attributes::Entity::find()
        .filter(attributes::Column::Id.is_in(supers.iter().map(|s| s.attribute_id).collect::<HashSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    let variants = products::Entity::find()
        .filter(products::Column::ParentId.is_in(product_ids.to_vec()))
        .filter(products::Column::Status.eq(true))
        .all(db)
        .await?;
    let parent_of: HashMap<i64, i64> = variants.iter().filter_map(|v| v.parent_id.map(|p| (v.id, p))).collect();
    let mut out: HashMap<i64, BTreeMap<i64, BTreeMap<String, i64>>> = HashMap::new();
    for v in &variants {
        out.entry(v.parent_id.unwrap_or_default()).or_default().entry(v.id).or_default();
    }
    for row in product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(parent_of.keys().copied()))
        .filter(product_attribute_values::Column::AttributeId.is_in(codes.keys().copied()))
        .all(db)
        .await?
    {
        let (Some(parent), Some(code), Some(option)) =
            (parent_of.get(&row.product_id), codes.get(&row.attribute_id), row.integer_value)
        else {
            continue;
        };
        let is_super = supers.iter().any(|s| s.product_id == *parent && s.attribute_id == row.attribute_id);
        if is_super {
            out.entry(*parent).or_default().entry(row.product_id).or_default().insert(code.clone(), option);
        }
    }
    Ok(out)
}

/// Ids of the attributes each configurable product's variants differ by, in attribute order.
pub async fn super_attribute_ids(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, ServiceError> {
    let links = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_super_attributes::Column::AttributeId)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in links {
        out.entry(l.product_id).or_default().push(l.attribute_id);
    }
    Ok(out)
}
