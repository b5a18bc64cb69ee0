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

/// What the rule takes off a cart of `sub_total` whose lines are `lines` (quantity, unit
/// price) with shipping `shipping`: never more than the subtotal, in cents rounded half away
/// from zero.
pub fn applied(rule: &cart_rules::Model, sub_total: Decimal, lines: &[(i64, Decimal)], shipping: Decimal) -> Applied {
    let amount = rule.discount_amount.value().max(Decimal::ZERO);
    let units: i64 = lines.iter().map(|(qty, _)| *qty).sum();
    let discount = match rule.action_type.as_str() {
        "by_percent" => sub_total * amount.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED,
        "by_fixed" => amount.checked_mul(Decimal::from(units)).unwrap_or(Decimal::MAX),
        "cart_fixed" => amount,
        "buy_x_get_y" => {
            let get = amount.trunc().to_string().parse::<i64>().unwrap_or(0);
            lines
                .iter()
                .map(|(qty, price)| Decimal::from(free_units(*qty, i64::from(rule.discount_step), get)) * *price)
                .sum()
        }
        _ => Decimal::ZERO,
    };
    let discount = discount.min(sub_total).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Applied { discount, shipping: if rule.free_shipping { Decimal::ZERO } else { shipping } }
}

/// Of `qty` units, how many are free when buying `buy` gives `get` more (Bagisto's rule): `get`
/// of every `buy + get`, plus what a last incomplete group holds beyond `buy`. None when `buy`
/// is 0 or `get` exceeds it.
fn free_units(qty: i64, buy: i64, get: i64) -> i64 {
    if buy <= 0 || get <= 0 || get > buy || qty <= 0 {
        return 0;
    }
    let group = buy + get;
    let groups = qty / group;
    let rest = qty - groups * group;
    groups * get + (rest - buy).max(0)
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

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::{applied, cart_rules, free_units};

    fn rule(action: &str, amount: &str, free_shipping: bool) -> cart_rules::Model {
        let t = chrono::Utc::now();
        cart_rules::Model {
            id: 1,
            name: "rule".into(),
            description: None,
            status: true,
            action_type: action.into(),
            discount_amount: polyshop_runtime::Amount::new(amount.parse().unwrap()),
            free_shipping,
            min_subtotal: None,
            starts_from: None,
            ends_till: None,
            usage_limit: 0,
            uses_per_customer: 0,
            times_used: 0,
            sort_order: 0,
            created_at: t,
            updated_at: t,
            discount_step: 0,
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn each_action_takes_off_its_amount_and_never_more_than_the_subtotal() {
        // Two units at 49.90 and one at 5.00: a subtotal of 104.80, 3 units, shipping 30.
        let lines = [(2, d("49.90")), (1, d("5.00"))];
        let take = |action: &str, amount: &str| applied(&rule(action, amount, false), d("104.80"), &lines, d("30"));
        assert_eq!(take("by_percent", "10").discount, d("10.48"));
        assert_eq!(take("by_percent", "150").discount, d("104.80"), "a percentage above 100 is 100");
        assert_eq!(take("by_fixed", "2").discount, d("6"), "per unit");
        assert_eq!(take("by_fixed", "40").discount, d("104.80"), "never more than the subtotal");
        assert_eq!(take("cart_fixed", "5").discount, d("5"), "once per cart");
        assert_eq!(take("cart_fixed", "500").discount, d("104.80"), "never more than the subtotal");
        assert_eq!(take("by_percent", "33.333").discount, d("34.93"), "rounded to the cent, half away from zero");
        assert_eq!(take("no_such_action", "5").discount, d("0"));
        assert_eq!(take("by_fixed", "2").shipping, d("30"), "shipping kept without free shipping");
        let free = applied(&rule("cart_fixed", "0", true), d("104.80"), &lines, d("30"));
        assert_eq!((free.discount, free.shipping), (d("0"), d("0")));
    }

    #[test]
    fn buy_two_get_one_free_counts_per_line() {
        assert_eq!([1, 2, 3, 4, 5, 6, 7].map(|q| free_units(q, 2, 1)), [0, 0, 1, 1, 1, 2, 2]);
        assert_eq!(free_units(4, 3, 2), 1, "an incomplete group beyond the units to buy");
        assert_eq!(free_units(9, 1, 2), 0, "getting more than buying is no rule");
        assert_eq!(free_units(9, 0, 1), 0);
    }
}
