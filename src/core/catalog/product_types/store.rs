//! SQL shared by the product-type areas: whether a product may be shown, grouping child rows
//! under their parents, and pages of catalog-wide lists.

use polyshop_entities::products;
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationDef, Select};

use crate::listing::Listing;

/// Whether product `id` exists and is enabled (variants included).
pub async fn product_enabled(db: &impl ConnectionTrait, id: i64) -> Result<bool, ServiceError> {
    let found = products::Entity::find_by_id(id)
        .filter(products::Column::Status.eq(true))
        .select_only()
        .column(products::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// `select` restricted to rows of enabled products: `path` joins from the selected table to
/// `products` (one relation, or several through the intermediate tables).
pub fn of_enabled<E: EntityTrait>(select: Select<E>, path: impl IntoIterator<Item = RelationDef>) -> Select<E> {
    path.into_iter()
        .fold(select, |s, relation| s.join(JoinType::InnerJoin, relation))
        .filter(products::Column::Status.eq(true))
}

/// A page of `select` restricted to rows of enabled products (see [`of_enabled`]).
pub async fn enabled_page<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    path: impl IntoIterator<Item = RelationDef>,
    window: PageWindow,
) -> Result<Page<E::Model>, ServiceError>
where
    E::Model: Sync,
{
    Listing::new(of_enabled(select, path)).page(db, window).await
}

pub use crate::by_parent::group_by;
