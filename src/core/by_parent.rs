//! Rows by parent: the one loader of per-parent rows (translations above all: an attribute's,
//! a country's, a CMS page's, a theme block's; every row whose parent is one of the ids asked
//! for, in one query, grouped by parent in id order) and the grouping it uses, which areas also
//! apply to rows they assemble themselves. Areas call them with their own entity and columns.

use std::collections::HashMap;

use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The rows of `E` whose `parent` column is one of `parent_ids`, ordered by `order`, grouped by
/// parent (`parent_of` reads a row's parent id). No query when `parent_ids` is empty; parents
/// without rows are absent.
pub async fn load<E>(
    db: &impl ConnectionTrait,
    parent: E::Column,
    order: E::Column,
    parent_ids: &[i64],
    parent_of: impl Fn(&E::Model) -> i64,
) -> Result<HashMap<i64, Vec<E::Model>>, ServiceError>
where
    E: EntityTrait,
{
    if parent_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = E::find().filter(parent.is_in(parent_ids.iter().copied())).order_by_asc(order).all(db).await?;
    Ok(group_by(rows, parent_of))
}

/// `rows` grouped by `parent`, each group in the order of `rows`.
pub fn group_by<T>(rows: Vec<T>, parent: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(parent(&row)).or_default().push(row);
    }
    groups
}
