//! Single-purpose product lookups: select-attribute option values, an enabled product by id,
//! and product ids by SKU or URL key. None of them builds cards.

use std::collections::HashMap;

use polyshop_entities::{attributes, product_attribute_values, product_translations, products};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::settings::scope::Scope;

/// The value of a product's `color`, `size`, `brand` (or other select) attributes: attribute
/// code → option id, for each product.
pub async fn option_values(
    db: &impl ConnectionTrait,
    ids: &[i64],
    codes: &[&str],
) -> Result<HashMap<i64, HashMap<String, i64>>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let attributes: HashMap<i64, String> = attributes::Entity::find()
        .filter(attributes::Column::Code.is_in(codes.iter().map(|c| c.to_string())))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    option_values_of(db, ids, &attributes).await
}

/// [`option_values`] of the attributes `attributes` (id → code).
pub async fn option_values_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
    attributes: &HashMap<i64, String>,
) -> Result<HashMap<i64, HashMap<String, i64>>, ServiceError> {
    if attributes.is_empty() || ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    for row in product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(ids.to_vec()))
        .filter(product_attribute_values::Column::AttributeId.is_in(attributes.keys().copied()))
        .all(db)
        .await?
    {
        if let (Some(code), Some(option)) = (attributes.get(&row.attribute_id), row.integer_value) {
            out.entry(row.product_id).or_default().insert(code.clone(), option);
        }
    }
    Ok(out)
}

/// Product `id` if it exists and is enabled (storefronts never see disabled products).
pub async fn enabled_product(db: &impl ConnectionTrait, id: i64) -> Result<Option<products::Model>, ServiceError> {
    Ok(products::Entity::find_by_id(id).one(db).await?.filter(|p| p.status))
}

/// The id of the product (variants included) with SKU `sku`.
pub async fn product_id_by_sku(db: &impl ConnectionTrait, sku: &str) -> Result<Option<i64>, ServiceError> {
    let row = products::Entity::find().filter(products::Column::Sku.eq(sku)).one(db).await?;
    Ok(row.map(|p| p.id))
}

/// The id of the product whose URL key is `key` in the scope's locales first, else in any locale.
pub async fn product_id_by_url_key(
    db: &impl ConnectionTrait,
    scope: &Scope,
    key: &str,
) -> Result<Option<i64>, ServiceError> {
    let rows =
        product_translations::Entity::find().filter(product_translations::Column::UrlKey.eq(key)).all(db).await?;
    Ok(scope.pick(&rows, |r| r.locale.as_str()).map(|t| t.product_id))
}
