//! Changing stock: the level (units at the channel's default inventory source) and whether
//! stock is tracked at all.

use polyshop_entities::{product_inventories, products};
use polyshop_runtime::ServiceError;
use rust_decimal::{Decimal, prelude::ToPrimitive};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect,
};

use super::kind;

/// A requested change; at least one field is set.
#[derive(Debug, Clone, Copy)]
pub struct StockChange {
    pub level: Option<i32>,
    pub unlimited: Option<bool>,
}

impl StockChange {
    /// Validates the API's fields: the level is a whole number of units, zero or more.
    pub fn parse(
        level: Option<Decimal>,
        unlimited: Option<bool>,
        field_prefix: &str,
    ) -> Result<StockChange, ServiceError> {
        if level.is_none() && unlimited.is_none() {
            return Err(ServiceError::bad_request(format!(
                "Nothing to update: send `{field_prefix}stock_level` and/or `{field_prefix}stock_unlimited`"
            )));
        }
        let level = match level {
            None => None,
            Some(l) if l.is_sign_negative() && !l.is_zero() => {
                return Err(ServiceError::bad_request(format!(
                    "`{field_prefix}stock_level`: must not be negative, got {l}"
                )));
            }
            Some(l) if l.fract() != Decimal::ZERO => {
                return Err(ServiceError::bad_request(format!(
                    "`{field_prefix}stock_level`: stock is counted in whole units, got {l}"
                )));
            }
            Some(l) => Some(l.to_i32().ok_or_else(|| {
                ServiceError::bad_request(format!("`{field_prefix}stock_level`: {l} is more than {} units", i32::MAX))
            })?),
        };
        Ok(StockChange { level, unlimited })
    }
}

/// Applies `change` to product `product_id` in one transaction. The level is set at the
/// default inventory source so that the product's total across sources equals it.
pub async fn apply(
    db: &DatabaseConnection,
    product_id: i64,
    change: StockChange,
    default_source_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    crate::db::write_transaction(db, |txn| Box::pin(apply_in(txn, product_id, change, default_source_id, now))).await
}

async fn apply_in(
    txn: &DatabaseTransaction,
    product_id: i64,
    change: StockChange,
    default_source_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    // The product row's lock serializes concurrent stock changes of this product (PostgreSQL).
    let product = products::Entity::find_by_id(product_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(super::product_not_found)?;
    if !kind::holds_stock(&product.type_) {
        let hint = if product.type_ == kind::CONFIGURABLE { "; update its variations' stock instead" } else { "" };
        return Err(ServiceError::bad_request(format!(
            "Product {} is a {} product, which holds no stock of its own{hint}",
            product.id, product.type_
        )));
    }
    if let Some(level) = change.level {
        let held = product_inventories::Entity::find()
            .filter(product_inventories::Column::ProductId.eq(product_id))
            .all(txn)
            .await?;
        let elsewhere: i64 =
            held.iter().filter(|i| i.inventory_source_id != default_source_id).map(|i| i64::from(i.qty)).sum();
        let here = i32::try_from(i64::from(level) - elsewhere).unwrap_or(-1);
        if here < 0 {
            return Err(ServiceError::bad_request(format!(
                "Cannot set the stock level to {level}: other inventory sources already hold {elsewhere} units"
            )));
        }
        match held.into_iter().find(|i| i.inventory_source_id == default_source_id) {
            Some(row) => {
                let mut row = row.into_active_model();
                row.qty = Set(here);
                row.update(txn).await?;
            }
            None => {
                product_inventories::ActiveModel {
                    product_id: Set(product_id),
                    inventory_source_id: Set(default_source_id),
                    qty: Set(here),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    let mut active = product.into_active_model();
    if let Some(unlimited) = change.unlimited {
        active.manage_stock = Set(!unlimited);
    }
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_levels_are_whole_non_negative_units() {
        assert_eq!(StockChange::parse(Some(Decimal::new(5, 0)), None, "data.").unwrap().level, Some(5));
        assert_eq!(StockChange::parse(Some(Decimal::new(50, 1)), None, "data.").unwrap().level, Some(5));
        let err = StockChange::parse(Some(Decimal::new(55, 1)), None, "data.").unwrap_err();
        assert_eq!(err.messages(), ["`data.stock_level`: stock is counted in whole units, got 5.5"]);
        let err = StockChange::parse(Some(Decimal::new(-1, 0)), None, "data.").unwrap_err();
        assert_eq!(err.messages(), ["`data.stock_level`: must not be negative, got -1"]);
        assert!(StockChange::parse(None, None, "data.").is_err());
    }
}
