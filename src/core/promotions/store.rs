//! The SQL of coupons and their usage.

use polyshop_entities::{cart_rule_coupon_usage, cart_rule_coupons, cart_rules};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

/// The coupon `code` (stored upper-case) with its rule.
pub async fn coupon(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<(cart_rule_coupons::Model, cart_rules::Model)>, ServiceError> {
    let found = cart_rule_coupons::Entity::find()
        .filter(cart_rule_coupons::Column::Code.eq(code))
        .find_also_related(cart_rules::Entity)
        .one(db)
        .await?;
    Ok(found.and_then(|(c, r)| Some((c, r?))))
}

/// How many orders of `customer_id` the coupon discounted.
pub async fn uses_by(db: &impl ConnectionTrait, coupon_id: i64, customer_id: i64) -> Result<i32, ServiceError> {
    let row = cart_rule_coupon_usage::Entity::find()
        .filter(cart_rule_coupon_usage::Column::CartRuleCouponId.eq(coupon_id))
        .filter(cart_rule_coupon_usage::Column::CustomerId.eq(customer_id))
        .one(db)
        .await?;
    Ok(row.map_or(0, |r| r.times_used))
}

/// Counts one more use of the coupon and its rule unless a limit (0: none) is reached
/// meanwhile: the conditional updates are the check, so concurrent orders cannot both take
/// the last use. Whether it was counted.
pub async fn count_use(
    db: &impl ConnectionTrait,
    coupon: &cart_rule_coupons::Model,
    rule: &cart_rules::Model,
) -> Result<bool, ServiceError> {
    let mut coupon_update = cart_rule_coupons::Entity::update_many()
        .col_expr(cart_rule_coupons::Column::TimesUsed, Expr::col(cart_rule_coupons::Column::TimesUsed).add(1))
        .filter(cart_rule_coupons::Column::Id.eq(coupon.id));
    if coupon.usage_limit > 0 {
        coupon_update = coupon_update.filter(cart_rule_coupons::Column::TimesUsed.lt(coupon.usage_limit));
    }
    let coupon_row = coupon_update.exec(db).await?;
    if coupon_row.rows_affected == 0 {
        return Ok(false);
    }
    let mut rule_update = cart_rules::Entity::update_many()
        .col_expr(cart_rules::Column::TimesUsed, Expr::col(cart_rules::Column::TimesUsed).add(1))
        .filter(cart_rules::Column::Id.eq(rule.id));
    if rule.usage_limit > 0 {
        rule_update = rule_update.filter(cart_rules::Column::TimesUsed.lt(rule.usage_limit));
    }
    let rule_row = rule_update.exec(db).await?;
    Ok(rule_row.rows_affected == 1)
}

/// Counts one more use of the coupon by `customer_id`.
pub async fn count_customer_use(
    db: &impl ConnectionTrait,
    coupon_id: i64,
    customer_id: i64,
) -> Result<(), ServiceError> {
    let updated = cart_rule_coupon_usage::Entity::update_many()
        .col_expr(
            cart_rule_coupon_usage::Column::TimesUsed,
            Expr::col(cart_rule_coupon_usage::Column::TimesUsed).add(1),
        )
        .filter(cart_rule_coupon_usage::Column::CartRuleCouponId.eq(coupon_id))
        .filter(cart_rule_coupon_usage::Column::CustomerId.eq(customer_id))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        cart_rule_coupon_usage::ActiveModel {
            cart_rule_coupon_id: Set(coupon_id),
            customer_id: Set(customer_id),
            times_used: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
