//! What a product costs today.

use chrono::NaiveDate;
use polyshop_entities::products;
use rust_decimal::Decimal;

/// The special price while it applies (its dates are inclusive, in the store's timezone) and
/// is below the regular price; otherwise the regular price.
pub fn current_price(product: &products::Model, today: NaiveDate) -> Decimal {
    let regular = product.price.map(|p| p.value()).unwrap_or_default();
    match special_price(product, today) {
        Some(special) if special < regular => special,
        _ => regular,
    }
}

/// The special price if it is set and today is within its dates.
pub fn special_price(product: &products::Model, today: NaiveDate) -> Option<Decimal> {
    let special = product.special_price?.value();
    let started = product.special_price_from.is_none_or(|from| from <= today);
    let not_ended = product.special_price_to.is_none_or(|to| today <= to);
    (started && not_ended).then_some(special)
}
