//! A listed product's name and lowest current price as SQL expressions, so that name and price
//! orders and price ranges page in the database: only the page's products become cards, where
//! before every candidate did (a price sort of the medium profile's 24k products built 24k
//! cards per request). They mirror `CardData::name` (`cards.rs`) and `Children::prices`
//! (`prices.rs`); the listing tests check that the cards come out in their order.
//!
//! Money columns hold the amount × 10⁴ as integers (`polyshop_runtime::Amount`), so the
//! expressions compare and order exactly, alike on SQLite and PostgreSQL.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::{
    DbBackend, Value,
    sea_query::{Expr, SimpleExpr},
};

/// The current price of the product row `p`: its special price while today is within its
/// (inclusive) dates and it is below the regular price, else the regular price (0 when unset);
/// as `pricing::current_price`. `today` is a date from the clock, written as an ISO literal.
fn current(p: &str, today: NaiveDate) -> String {
    let today = today.format("%Y-%m-%d");
    format!(
        "(CASE WHEN {p}.special_price IS NOT NULL AND {p}.special_price < COALESCE({p}.price, 0) \
         AND ({p}.special_price_from IS NULL OR {p}.special_price_from <= '{today}') \
         AND ({p}.special_price_to IS NULL OR {p}.special_price_to >= '{today}') \
         THEN {p}.special_price ELSE COALESCE({p}.price, 0) END)"
    )
}

/// The lowest price a listed product (`products`) can be bought for today, × 10⁴: its own
/// current price; a configurable's cheapest enabled variant; a grouped product's cheapest
/// enabled member; a bundle's cheapest enabled member of each required option (× its quantity),
/// summed (cast back to BIGINT: PostgreSQL sums BIGINTs as NUMERIC, which would make every
/// comparison a NUMERIC one). 0 where a composite has nothing to price it from.
pub(super) fn minimum_price(today: NaiveDate) -> SimpleExpr {
    let own = current("products", today);
    let variant = current("v", today);
    let member = current("m", today);
    Expr::cust(format!(
        "(CASE products.type \
         WHEN 'configurable' THEN COALESCE((SELECT MIN({variant}) FROM products v \
             WHERE v.parent_id = products.id AND v.status = TRUE), 0) \
         WHEN 'grouped' THEN COALESCE((SELECT MIN({member}) FROM product_grouped_products g \
             JOIN products m ON m.id = g.associated_product_id \
             WHERE g.product_id = products.id AND m.status = TRUE), 0) \
         WHEN 'bundle' THEN COALESCE((SELECT CAST(SUM((SELECT MIN({member} * bp.qty) \
                 FROM product_bundle_option_products bp JOIN products m ON m.id = bp.product_id \
                 WHERE bp.product_bundle_option_id = o.id AND m.status = TRUE)) AS BIGINT) \
             FROM product_bundle_options o WHERE o.product_id = products.id AND o.is_required = TRUE), 0) \
         ELSE {own} END)"
    ))
}

/// The name a card shows (the translation in the first of `locales` that has one, else the
/// product's first translation, else its SKU), with ASCII letters lowercased, to order by. The
/// order is then by code point on both databases (PostgreSQL is told `COLLATE "C"`, SQLite
/// compares bytes), so both list the same products in the same order.
pub(super) fn name_key(backend: DbBackend, locales: &[&str]) -> SimpleExpr {
    // sea-query binds `?` on SQLite and numbered `$n` (counted within the expression) on
    // PostgreSQL.
    let placeholder = |i: usize| if backend == DbBackend::Postgres { format!("${}", i + 1) } else { "?".to_owned() };
    let mut candidates: Vec<String> = (0..locales.len())
        .map(|i| {
            format!(
                "(SELECT t.name FROM product_translations t WHERE t.product_id = products.id AND t.locale = {})",
                placeholder(i)
            )
        })
        .collect();
    candidates.push(
        "(SELECT t.name FROM product_translations t WHERE t.product_id = products.id ORDER BY t.id LIMIT 1)".into(),
    );
    candidates.push("products.sku".into());
    let name = format!("COALESCE({})", candidates.join(", "));
    let sql = match backend {
        DbBackend::Postgres => format!("LOWER(({name}) COLLATE \"C\")"),
        _ => format!("LOWER({name})"),
    };
    Expr::cust_with_values(sql, locales.iter().map(|l| Value::from((*l).to_owned())))
}

/// A lower price bound as the stored integer: the smallest amount of 4 decimals at or above
/// `from`. `None` when nothing stored can reach it.
pub(super) fn scaled_floor_bound(from: Decimal) -> Option<i64> {
    scaled(from, true)
}

/// An upper price bound as the stored integer: the largest amount of 4 decimals at or below
/// `to`. `None` when every stored amount is below it (no bound).
pub(super) fn scaled_ceiling_bound(to: Decimal) -> Option<i64> {
    scaled(to, false)
}

fn scaled(value: Decimal, round_up: bool) -> Option<i64> {
    let shifted = value.checked_mul(Decimal::from(10_000))?;
    let whole = if round_up { shifted.ceil() } else { shifted.floor() };
    i64::try_from(whole).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_round_inwards_to_stored_amounts() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(scaled_floor_bound(d("10")), Some(100_000));
        assert_eq!(scaled_floor_bound(d("10.00004")), Some(100_001));
        assert_eq!(scaled_ceiling_bound(d("10.00004")), Some(100_000));
        assert_eq!(scaled_floor_bound(d("-0.5")), Some(-5_000));
        assert_eq!(scaled_floor_bound(d("79228162514264337593543950335")), None);
    }
}
