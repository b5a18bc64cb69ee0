//! Customizable options on a line: the values a shopper gives a simple or virtual product's
//! inputs (an engraving, a monogram colour), checked against the option and priced as the
//! merchant set it. Text, date and file inputs cost their option's first price row; choices
//! cost the rows chosen (`customizableOptions: {"3": ["7"]}` names price-row ids). A `percent`
//! row costs that share of the product's price. Whether every required option is answered is
//! the storefront's check (`carts`), not order placement's: an order entered through another
//! API may leave them out.

use std::collections::BTreeMap;

use polyshop_entities::product_customizable_option_prices as prices;
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::request::bad;
use crate::catalog::product_types::customizable::{self, CustomizableOptionRecord};
use crate::settings::scope::pick_in;

/// How a cart line's value names an uploaded file (`upload:<id>`; only the cart writes it).
pub const UPLOAD_REF: &str = "upload:";

/// The upload a line's value names, if it names one.
pub fn upload_of(value: &str) -> Option<i64> {
    value.strip_prefix(UPLOAD_REF).and_then(|id| id.parse().ok())
}

/// Characters of one text value at most, whatever the option allows.
const MAX_TEXT: usize = 1_000;
/// Values of one option at most.
const MAX_VALUES: usize = 50;

/// An answered option of a line, as sold.
#[derive(Debug, Clone)]
pub struct SoldOption {
    pub option_id: i64,
    /// The option's label in the order's locale (`Engraving`).
    pub label: String,
    /// The option's type (`field`, `drop_down`, ...).
    pub kind: String,
    /// What was chosen, as shown: the text typed or the labels of the rows chosen.
    pub shown: String,
    /// What it adds to a unit's price.
    pub price: Decimal,
}

/// How an option takes its values: typed text, a date or time, one row, several rows, a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Text,
    Date,
    DateTime,
    Time,
    OneRow,
    Rows,
    File,
}

/// Our type names (the docs') and upstream's.
fn input_of(kind: &str) -> Option<Input> {
    Some(match kind {
        "field" | "text" | "area" | "textarea" => Input::Text,
        "date" => Input::Date,
        "date_time" | "datetime" => Input::DateTime,
        "time" => Input::Time,
        "drop_down" | "select" | "radio" => Input::OneRow,
        "checkbox" | "multiple" | "multiselect" => Input::Rows,
        "file" => Input::File,
        _ => return None,
    })
}

/// The values that answer an option: trimmed, empty ones left out, and for a choice `0`
/// (upstream's "None").
fn answers(input: Input, given: &[String]) -> Vec<String> {
    let choice = matches!(input, Input::OneRow | Input::Rows);
    given.iter().map(|v| v.trim().to_owned()).filter(|v| !(v.is_empty() || (choice && v == "0"))).collect()
}

/// The option's label in `locale` (else its first, else its id).
pub fn label(option: &CustomizableOptionRecord, locale: &str) -> String {
    pick_in(&[locale], &option.translations, |t| t.locale.as_str())
        .map_or_else(|| format!("Option {}", option.option.id), |t| t.label.clone())
}

/// What a price row adds to a unit of a product costing `base`.
fn row_price(row: &prices::Model, base: Decimal) -> Decimal {
    match row.price_type.as_str() {
        "percent" => (base * row.price.value() / Decimal::ONE_HUNDRED).round_dp(2),
        _ => row.price.value(),
    }
}

/// The options of `product_id` answered by `values` (option id → values; empty values mean
/// unanswered), priced for a product costing `base`, and the values as resolved (trimmed,
/// choices ascending). A 400 naming `{at}.customizable_options` for an option of another
/// product, a row of another option, text past the option's length, a date that is not one,
/// two rows for a single choice.
pub(super) async fn answered(
    txn: &impl ConnectionTrait,
    product_id: i64,
    sku: &str,
    values: &BTreeMap<i64, Vec<String>>,
    base: Decimal,
    locale: &str,
    at: &str,
) -> Result<(Vec<SoldOption>, BTreeMap<i64, Vec<String>>), ServiceError> {
    let at = format!("{at}.customizable_options");
    let options = customizable::of_products(txn, &[product_id]).await?.remove(&product_id).unwrap_or_default();
    let mut sold = Vec::new();
    let mut resolved = BTreeMap::new();
    for (option_id, given) in values {
        let option = options
            .iter()
            .find(|o| o.option.id == *option_id)
            .ok_or_else(|| bad(format!("{at}: {option_id} is not a customizable option of product {sku}")))?;
        let title = label(option, locale);
        let input = input_of(&option.option.type_)
            .ok_or_else(|| bad(format!("{at}: \"{title}\" is an option of an unknown type")))?;
        let mut given = answers(input, given);
        if given.is_empty() {
            continue;
        }
        if given.len() > MAX_VALUES {
            return Err(bad(format!("{at}: \"{title}\" takes at most {MAX_VALUES} values")));
        }
        let first_row = option.prices.first();
        let (shown, price) = match input {
            Input::Text | Input::Date | Input::DateTime | Input::Time => {
                let text = given.swap_remove(0);
                let limit = option.option.max_characters.and_then(|m| usize::try_from(m).ok()).filter(|m| *m > 0);
                let limit = limit.unwrap_or(MAX_TEXT).min(MAX_TEXT);
                if text.chars().count() > limit || text.contains('\0') {
                    return Err(bad(format!("{at}: \"{title}\" takes at most {limit} characters")));
                }
                let well_formed = match input {
                    Input::Date => chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok(),
                    Input::DateTime => ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
                        .iter()
                        .any(|f| chrono::NaiveDateTime::parse_from_str(&text, f).is_ok()),
                    Input::Time => {
                        ["%H:%M", "%H:%M:%S"].iter().any(|f| chrono::NaiveTime::parse_from_str(&text, f).is_ok())
                    }
                    _ => true,
                };
                if !well_formed {
                    let form = match input {
                        Input::Date => "YYYY-MM-DD",
                        Input::DateTime => "YYYY-MM-DD HH:MM",
                        _ => "HH:MM",
                    };
                    return Err(bad(format!("{at}: \"{title}\" takes a {form} value, not `{text}`")));
                }
                given = vec![text.clone()];
                (text, first_row.map(|r| row_price(r, base)).unwrap_or_default())
            }
            Input::OneRow | Input::Rows => {
                let mut ids: Vec<i64> = Vec::new();
                for value in &given {
                    let row = value.parse::<i64>().ok().filter(|id| option.prices.iter().any(|p| p.id == *id));
                    ids.push(row.ok_or_else(|| bad(format!("{at}: `{value}` is not a choice of \"{title}\"")))?);
                }
                ids.sort_unstable();
                ids.dedup();
                if input == Input::OneRow && ids.len() > 1 {
                    return Err(bad(format!("{at}: \"{title}\" takes one choice, {} were given", ids.len())));
                }
                let rows: Vec<&prices::Model> = option.prices.iter().filter(|p| ids.contains(&p.id)).collect();
                let shown =
                    rows.iter().map(|r| r.label.clone().unwrap_or_else(|| r.id.to_string())).collect::<Vec<_>>();
                given = ids.iter().map(i64::to_string).collect();
                (shown.join(", "), rows.iter().map(|r| row_price(r, base)).sum())
            }
            Input::File => {
                // The cart has replaced the shopper's upload token by the upload it names.
                let upload = match given.first().and_then(|v| upload_of(v)) {
                    Some(id) => polyshop_entities::customizable_option_uploads::Entity::find_by_id(id).one(txn).await?,
                    None => None,
                };
                let upload =
                    upload.filter(|u| u.product_id == product_id && u.option_id == *option_id).ok_or_else(|| {
                        bad(format!(
                            "{at}: The uploaded file reference is invalid or has expired. Upload the file again."
                        ))
                    })?;
                given = vec![format!("{UPLOAD_REF}{}", upload.id)];
                (upload.file_name, first_row.map(|r| row_price(r, base)).unwrap_or_default())
            }
        };
        sold.push(SoldOption { option_id: *option_id, label: title, kind: option.option.type_.clone(), shown, price });
        resolved.insert(*option_id, given);
    }
    Ok((sold, resolved))
}

/// The labels of `product_id`'s required options that `values` leaves unanswered.
pub async fn unanswered_required(
    db: &impl ConnectionTrait,
    product_id: i64,
    values: &BTreeMap<i64, Vec<String>>,
    locale: &str,
) -> Result<Vec<String>, ServiceError> {
    let options = customizable::of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default();
    let answered = |o: &CustomizableOptionRecord| {
        let input = input_of(&o.option.type_).unwrap_or(Input::Text);
        values.get(&o.option.id).is_some_and(|v| !answers(input, v).is_empty())
    };
    Ok(options.iter().filter(|o| o.option.is_required && !answered(o)).map(|o| label(o, locale)).collect())
}
