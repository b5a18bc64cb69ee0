//! Taxes: the rate of a line is the one of its product's tax category that matches the place
//! taxes are computed for (the shipping address when something ships, else the billing
//! address); prices are stored without tax, and each line's tax is rounded to the cent, so the
//! cart, the order and every API show the same amounts on both databases.

mod store;

use std::collections::HashMap;

use polyshop_entities::{products, tax_rates};
use polyshop_runtime::ServiceError;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::ConnectionTrait;

/// Where taxes are computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxPlace {
    pub country: String,
    pub state: Option<String>,
    pub postcode: Option<String>,
}

/// How specific a rate that matches is: a postcode (or range) beats a state, which beats the
/// whole country. `None` when it does not match.
fn specificity(rate: &tax_rates::Model, place: &TaxPlace) -> Option<u8> {
    if !rate.country.trim().eq_ignore_ascii_case(place.country.trim()) {
        return None;
    }
    let any = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty() || v.trim() == "*");
    let state_given = !any(rate.state.as_deref());
    if state_given
        && !place
            .state
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(rate.state.as_deref().unwrap_or_default().trim()))
    {
        return None;
    }
    let postcode = place.postcode.as_deref().map(str::trim).unwrap_or_default();
    let zip_given = if rate.is_zip {
        let (from, to) =
            (rate.zip_from.as_deref().unwrap_or_default().trim(), rate.zip_to.as_deref().unwrap_or_default().trim());
        if postcode.is_empty() || !in_range(postcode, from, to) {
            return None;
        }
        true
    } else if any(rate.zip_code.as_deref()) {
        false
    } else {
        if !rate.zip_code.as_deref().unwrap_or_default().trim().eq_ignore_ascii_case(postcode) {
            return None;
        }
        true
    };
    Some(if zip_given {
        2
    } else if state_given {
        1
    } else {
        0
    })
}

/// `code` between `from` and `to`, as numbers when all three are digits, else as text.
fn in_range(code: &str, from: &str, to: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(code) && digits(from) && digits(to) {
        let n = |s: &str| s.parse::<u64>().unwrap_or_default();
        (n(from)..=n(to)).contains(&n(code))
    } else {
        from <= code && code <= to
    }
}

/// The tax on `amount` at `percent`, rounded to the cent (half away from zero).
pub fn tax_on(amount: Decimal, percent: Decimal) -> Decimal {
    (amount * percent / Decimal::ONE_HUNDRED).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The tax percent of each product (by id) at `place`: the most specific matching rate of
/// its tax category (a variant without a category takes its parent's); products without a
/// category or a matching rate are absent (untaxed).
pub async fn percents(
    db: &impl ConnectionTrait,
    products: &[&products::Model],
    place: &TaxPlace,
) -> Result<HashMap<i64, Decimal>, ServiceError> {
    let categories: Vec<i64> = products.iter().filter_map(|p| p.tax_category_id).collect();
    if categories.is_empty() {
        return Ok(HashMap::new());
    }
    let rates = store::rates_of_categories(db, &categories).await?;
    let mut best: HashMap<i64, (u8, Decimal)> = HashMap::new();
    for (category, rate) in &rates {
        if let Some(level) = specificity(rate, place) {
            let entry = best.entry(*category).or_insert((level, rate.tax_rate.value()));
            if level > entry.0 {
                *entry = (level, rate.tax_rate.value());
            }
        }
    }
    Ok(products.iter().filter_map(|p| Some((p.id, best.get(&p.tax_category_id?)?.1))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use polyshop_runtime::Rate;

    fn rate(country: &str, state: Option<&str>, zip: Option<&str>, range: Option<(&str, &str)>) -> tax_rates::Model {
        let now = chrono::Utc::now();
        tax_rates::Model {
            id: 1,
            identifier: "r".into(),
            is_zip: range.is_some(),
            zip_code: zip.map(Into::into),
            zip_from: range.map(|r| r.0.into()),
            zip_to: range.map(|r| r.1.into()),
            state: state.map(Into::into),
            country: country.into(),
            tax_rate: Rate::ZERO,
            created_at: now,
            updated_at: now,
        }
    }

    fn place(country: &str, state: &str, postcode: &str) -> TaxPlace {
        TaxPlace { country: country.into(), state: Some(state.into()), postcode: Some(postcode.into()) }
    }

    #[test]
    fn rates_match_by_country_state_and_postcode() {
        let sf = place("US", "CA", "94110");
        assert_eq!(specificity(&rate("US", Some("CA"), None, None), &sf), Some(1));
        assert_eq!(specificity(&rate("us", Some("*"), Some("*"), None), &sf), Some(0));
        assert_eq!(specificity(&rate("US", Some("CA"), None, Some(("94102", "94188"))), &sf), Some(2));
        assert_eq!(specificity(&rate("US", Some("CA"), None, Some(("94200", "94300"))), &sf), None);
        assert_eq!(specificity(&rate("US", Some("NY"), None, None), &sf), None);
        assert_eq!(specificity(&rate("FR", None, None, None), &sf), None);
        assert_eq!(specificity(&rate("US", None, Some("94110"), None), &sf), Some(2));
        assert!(in_range("SW1A", "SW1", "SW2"));
    }

    #[test]
    fn tax_is_rounded_to_the_cent_half_away_from_zero() {
        assert_eq!(tax_on(Decimal::new(9980, 2), Decimal::new(725, 2)), Decimal::new(724, 2));
        assert_eq!(tax_on(Decimal::new(1000, 2), Decimal::new(8625, 3)), Decimal::new(86, 2));
        assert_eq!(tax_on(Decimal::new(2, 1), Decimal::new(25, 1)), Decimal::new(1, 2));
    }
}
