//! The one loader of per-parent rows (translations above all: an attribute's, a country's, a
//! CMS page's, a theme block's): every row whose parent is one of the ids asked for, in one
//! query, grouped by parent in id order. Areas call it with their own entity and columns.

use std::collections::HashMap;

use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The rows of `E` whose `parent` column is one of `parent_ids`, ordered by `order`, grouped by
/// parent (`parent_of` reads a row's parent id). No query when `parent_ids` is empty; parents
/// without rows are absent.
pub async fn by_parent<E>(
    db: &impl ConnectionTrait,
    parent: E::Column,
    order: E::Column,
    parent_ids: &[i64],
    parent_of: impl Fn(&E::Model) -> i64,
) -> Result<HashMap<i64, Vec<E::Model>>, ServiceError>
where
    E: EntityTrait,
{
    let mut by_parent: HashMap<i64, Vec<E::Model>> = HashMap::new();
    if parent_ids.is_empty() {
        return Ok(by_parent);
    }
    let rows = E::find().filter(parent.is_in(parent_ids.iter().copied())).order_by_asc(order).all(db).await?;
    for row in rows {
        by_parent.entry(parent_of(&row)).or_default().push(row);
    }
    Ok(by_parent)
}
