//! Grouped products: a set of products sold side by side, each with a default quantity.

use std::collections::HashMap;

use polyshop_entities::product_grouped_products as associations;
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, RelationTrait};

use super::store::{group_by, of_enabled, product_enabled};
use crate::listing::Listing;

/// The associations of each of `product_ids`, by sort order (products without any are absent).
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<associations::Model>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = associations::Entity::find()
        .filter(associations::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(associations::Column::SortOrder)
        .order_by_asc(associations::Column::Id)
        .all(db)
        .await?;
    Ok(group_by(rows, |a| a.product_id))
}

/// The associations of product `product_id`; `None` when the product is unknown or disabled.
pub async fn of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<associations::Model>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// Association `id`, unless it is unknown or its grouped product disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<associations::Model>, ServiceError> {
    Ok(of_enabled(associations::Entity::find_by_id(id), [associations::Relation::Product.def()]).one(db).await?)
}

/// The associations of every enabled grouped product, by id.
pub fn listing() -> Listing<associations::Entity> {
    let select = associations::Entity::find().order_by_asc(associations::Column::Id);
    Listing::new(of_enabled(select, [associations::Relation::Product.def()]))
}
