//! When a coupon applies to a cart, what it takes off, and redeeming it with an order.

use chrono::NaiveDate;
use polyshop_entities::{cart_rule_coupons, cart_rules};
use polyshop_runtime::ServiceError;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::ConnectionTrait;

use super::store;

/// A coupon and its rule.
#[derive(Debug, Clone)]
pub struct Coupon {
    pub coupon: cart_rule_coupons::Model,
    pub rule: cart_rules::Model,
}

/// What a coupon does to a cart: the discount, and the shipping charge after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub discount: Decimal,
    pub shipping: Decimal,
}

/// The coupon with code `code` (trimmed, matched case-insensitively).
pub async fn find(db: &impl ConnectionTrait, code: &str) -> Result<Option<Coupon>, ServiceError> {
    let code = code.trim().to_uppercase();
    if code.is_empty() || code.len() > 100 {
        return Ok(None);
    }
    Ok(store::coupon(db, &code).await?.map(|(coupon, rule)| Coupon { coupon, rule }))
}

/// Why the coupon does not apply to a cart of `sub_total` for `customer_id` on `today`, if it
/// does not.
pub async fn refusal(
    db: &impl ConnectionTrait,
    c: &Coupon,
    customer_id: Option<i64>,
    sub_total: Decimal,
    today: NaiveDate,
) -> Result<Option<&'static str>, ServiceError> {
    let (coupon, rule) = (&c.coupon, &c.rule);
    let used_up = |limit: i32, used: i32| limit > 0 && used >= limit;
    let refusal = if !rule.status {
        Some("The coupon is not active.")
    } else if rule.starts_from.is_some_and(|d| today < d) {
        Some("The coupon is not valid yet.")
    } else if rule.ends_till.is_some_and(|d| today > d) || coupon.expired_at.is_some_and(|d| today > d) {
        Some("The coupon has expired.")
    } else if rule.min_subtotal.is_some_and(|m| sub_total < m.value()) {
        Some("The cart's subtotal is below the coupon's minimum.")
    } else if used_up(coupon.usage_limit, coupon.times_used) || used_up(rule.usage_limit, rule.times_used) {
        Some("The coupon has been used up.")
    } else {
        None
    };
    if refusal.is_some() {
        return Ok(refusal);
    }
    let per_customer = [coupon.usage_per_customer, rule.uses_per_customer].into_iter().filter(|l| *l > 0).min();
    if let (Some(limit), Some(customer_id)) = (per_customer, customer_id)
        && store::uses_by(db, coupon.id, customer_id).await? >= limit
    {
        return Ok(Some("You have already used this coupon."));
    }
    Ok(None)
}

/// What the rule takes off a cart of `sub_total` (`units` units) with shipping `shipping`:
/// never more than the subtotal, in cents rounded half away from zero.
pub fn applied(rule: &cart_rules::Model, sub_total: Decimal, units: i64, shipping: Decimal) -> Applied {
    let amount = rule.discount_amount.value().max(Decimal::ZERO);
    let discount = match rule.action_type.as_str() {
        "by_percent" => sub_total * amount.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED,
        "by_fixed" => amount.checked_mul(Decimal::from(units)).unwrap_or(Decimal::MAX),
        "cart_fixed" => amount,
        _ => Decimal::ZERO,
    };
    let discount = discount.min(sub_total).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Applied { discount, shipping: if rule.free_shipping { Decimal::ZERO } else { shipping } }
}

/// Redeems the coupon `code` for an order of `sub_total` by `customer_id`, inside the order's
/// transaction: checks it still applies and counts the use (also against the customer's
/// limit). 422 naming the code when it no longer applies.
pub async fn redeem(
    txn: &impl ConnectionTrait,
    code: &str,
    customer_id: Option<i64>,
    sub_total: Decimal,
    today: NaiveDate,
) -> Result<Coupon, ServiceError> {
    let gone =
        |why: &str| ServiceError::unprocessable(format!("The coupon `{}` can no longer be used: {why}", code.trim()));
    let coupon = find(txn, code).await?.ok_or_else(|| gone("it does not exist."))?;
    if let Some(why) = refusal(txn, &coupon, customer_id, sub_total, today).await? {
        return Err(gone(why));
    }
    if !store::count_use(txn, &coupon.coupon, &coupon.rule).await? {
        return Err(gone("The coupon has been used up."));
    }
    if let Some(customer_id) = customer_id {
        store::count_customer_use(txn, coupon.coupon.id, customer_id).await?;
    }
    Ok(coupon)
}
