//! Stock held by orders: taken when an order enters a status that holds inventory (placing it,
//! for one), returned when it leaves such a status. Both run inside the caller's transaction;
//! on PostgreSQL the inventory rows are locked, so concurrent orders cannot oversell.

use std::collections::BTreeMap;

use polyshop_entities::{channel_inventory_sources, inventory_sources, order_items, product_inventories, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use crate::catalog::kind;

/// Units of one product an order holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockLine {
    pub product_id: i64,
    pub qty: i32,
}

/// The stock an order's lines hold: a configurable line's stock is its variant's (the child
/// line), every other line's its own product's.
pub fn lines_of(items: &[order_items::Model]) -> Vec<StockLine> {
    items
        .iter()
        .filter(|i| !items.iter().any(|c| c.parent_id == Some(i.id)))
        .filter_map(|i| i.product_id.map(|product_id| StockLine { product_id, qty: i.qty_ordered - i.qty_canceled }))
        .filter(|l| l.qty > 0)
        .collect()
}

/// The channel's inventory sources, highest priority first.
async fn sources(txn: &DatabaseTransaction, channel_id: i64) -> Result<Vec<i64>, ServiceError> {
    let rows = inventory_sources::Entity::find()
        .join(JoinType::InnerJoin, inventory_sources::Relation::ChannelInventorySources.def())
        .filter(channel_inventory_sources::Column::ChannelId.eq(channel_id))
        .filter(inventory_sources::Column::Status.eq(true))
        .order_by_asc(inventory_sources::Column::Priority)
        .order_by_asc(inventory_sources::Column::Id)
        .all(txn)
        .await?;
    Ok(rows.into_iter().map(|s| s.id).collect())
}

/// Products among `lines` whose stock is tracked.
async fn tracked(
    txn: &DatabaseTransaction,
    lines: &[StockLine],
) -> Result<BTreeMap<i64, products::Model>, ServiceError> {
    let ids: Vec<i64> = lines.iter().map(|l| l.product_id).collect();
    Ok(products::Entity::find()
        .filter(products::Column::Id.is_in(ids))
        .all(txn)
        .await?
        .into_iter()
        .filter(|p| p.manage_stock && kind::holds_stock(&p.type_))
        .map(|p| (p.id, p))
        .collect())
}

/// Takes `lines` from the channel's sources in priority order, or refuses with 400 naming the
/// first product that is short.
pub async fn take(txn: &DatabaseTransaction, channel_id: i64, lines: &[StockLine]) -> Result<(), ServiceError> {
    let sources = sources(txn, channel_id).await?;
    let tracked = tracked(txn, lines).await?;
    // Summed in 64 bits: the lines of one product may add up to more than a 32-bit count.
    let mut wanted: BTreeMap<i64, i64> = BTreeMap::new();
    for l in lines.iter().filter(|l| tracked.contains_key(&l.product_id)) {
        *wanted.entry(l.product_id).or_default() += i64::from(l.qty.max(0));
    }
    // Products in id order, so concurrent orders lock rows in the same order.
    for (product_id, mut qty) in wanted {
        let mut rows = product_inventories::Entity::find()
            .filter(product_inventories::Column::ProductId.eq(product_id))
            .filter(product_inventories::Column::InventorySourceId.is_in(sources.clone()))
            .order_by_asc(product_inventories::Column::Id)
            .lock_exclusive()
            .all(txn)
            .await?;
        rows.sort_by_key(|r| sources.iter().position(|s| *s == r.inventory_source_id));
        let available: i64 = rows.iter().map(|r| i64::from(r.qty.max(0))).sum();
        if available < qty {
            return Err(ServiceError::bad_request(format!(
                "Not enough stock of {}: {qty} requested, {available} available",
                tracked[&product_id].sku
            )));
        }
        for row in rows {
            if qty == 0 {
                break;
            }
            let used = qty.min(i64::from(row.qty.max(0)));
            if used > 0 {
                // `used` is at most `row.qty`, so what is left is a valid 32-bit count.
                let left = i32::try_from(i64::from(row.qty) - used).unwrap_or(0);
                let mut active = row.into_active_model();
                active.qty = Set(left);
                active.update(txn).await?;
                qty -= used;
            }
        }
    }
    Ok(())
}

/// Returns `lines` to the channel's first source.
pub async fn release(
    txn: &DatabaseTransaction,
    channel_id: i64,
    items: &[order_items::Model],
) -> Result<(), ServiceError> {
    let lines = lines_of(items);
    let Some(source) = sources(txn, channel_id).await?.first().copied() else { return Ok(()) };
    let tracked = tracked(txn, &lines).await?;
    for l in lines.iter().filter(|l| tracked.contains_key(&l.product_id)) {
        let row = product_inventories::Entity::find()
            .filter(product_inventories::Column::ProductId.eq(l.product_id))
            .filter(product_inventories::Column::InventorySourceId.eq(source))
            .lock_exclusive()
            .one(txn)
            .await?;
        match row {
            Some(row) => {
                let Some(qty) = row.qty.checked_add(l.qty) else {
                    return Err(ServiceError::conflict(format!(
                        "returning {} units of product {} would put its stock beyond {} units",
                        l.qty,
                        l.product_id,
                        i32::MAX
                    )));
                };
                let mut active = row.into_active_model();
                active.qty = Set(qty);
                active.update(txn).await?;
            }
            None => {
                product_inventories::ActiveModel {
                    product_id: Set(l.product_id),
                    inventory_source_id: Set(source),
                    qty: Set(l.qty),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

/// Takes the stock of an order's lines (for an order entering a status that holds inventory).
pub async fn take_items(
    txn: &DatabaseTransaction,
    channel_id: i64,
    items: &[order_items::Model],
) -> Result<(), ServiceError> {
    take(txn, channel_id, &lines_of(items)).await
}
