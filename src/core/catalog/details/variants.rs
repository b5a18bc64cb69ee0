//! What a configurable product's variants differ by: its super attributes with the options its
//! enabled variants use, and each variant's option per super attribute.

use std::collections::{BTreeMap, HashMap, HashSet};

use polyshop_entities::{attributes, product_attribute_values, product_super_attributes, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::labels::OptionLabel;
use crate::{catalog::dictionary, settings::scope::Scope};

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
    // Attributes and option labels come from the catalog dictionary (kept per settings
    // generation); the enabled variants' values of those attributes, with each variant's
    // parent, are one statement.
    let dictionary = dictionary::of(db, scope).await?;
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
    let mut out: HashMap<i64, Vec<SuperAttribute>> = HashMap::new();
    for link in links {
        let Some(attribute) = dictionary.attribute(link.attribute_id) else { continue };
        let mut options: Vec<OptionLabel> = used
            .get(&(link.product_id, link.attribute_id))
            .into_iter()
            .flatten()
            .filter_map(|o| dictionary.option_label(scope, *o))
            .collect();
        options.sort_by_key(|o| (o.sort_order, o.id));
        out.entry(link.product_id).or_default().push(SuperAttribute { attribute: attribute.clone(), options });
    }
    for list in out.values_mut() {
        list.sort_by_key(|s| (s.attribute.position, s.attribute.id));
    }
    Ok(out)
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
