//! Bundle lines: the products picked in a bundle's options and their units. A bundle costs what
//! its picks cost (each member's price times its units), as Bagisto prices its bundles, and its
//! stock is its members'. Picks name option-product rows (`bundleOptions: {"1": [2]}`), not
//! products; radio and select options take one pick whose units the shopper may choose,
//! checkbox and multiselect options take several at the merchant's units.

use std::collections::BTreeMap;

use polyshop_entities::products;
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::request::{LineChoice, bad};
use crate::catalog::{
    kind, pricing,
    product_types::bundle::{self, BundleOptionRecord},
};
use crate::settings::scope::pick_in;

/// Units of one pick at most (as a cart line).
const MAX_PICK_QTY: i64 = 10_000;

/// One product picked in a bundle's option, with its units per bundle.
#[derive(Debug, Clone)]
pub struct BundleMember {
    pub option_id: i64,
    /// The option's title in the order's locale (`Headpiece`).
    pub option_label: String,
    pub option_required: bool,
    /// Radio and select options: the shopper chose the units.
    pub can_change_qty: bool,
    pub product: products::Model,
    pub name: String,
    /// Units per bundle.
    pub qty: i32,
    pub unit_price: Decimal,
}

fn single_pick(option: &BundleOptionRecord) -> bool {
    matches!(option.option.type_.as_str(), "radio" | "select")
}

fn label(option: &BundleOptionRecord, locale: &str) -> String {
    pick_in(&[locale], &option.translations, |t| t.locale.as_str())
        .map_or_else(|| format!("Option {}", option.option.id), |t| t.label.clone())
}

/// The members `choice` picks from bundle `product`, and the choice as resolved (picks
/// ascending, the units of every single-pick option filled in). Refusals are 400s naming the
/// field: no pick, a required option left out, an option or pick of another bundle, two picks
/// for a single-pick option, units changed where the merchant fixed them, a member disabled or
/// neither a simple nor a virtual product.
pub(super) async fn chosen_members(
    txn: &impl ConnectionTrait,
    product: &products::Model,
    choice: &LineChoice,
    locale: &str,
    today: chrono::NaiveDate,
    at: &str,
) -> Result<(Vec<BundleMember>, LineChoice), ServiceError> {
    let sku = &product.sku;
    let options = bundle::of_products(txn, &[product.id]).await?.remove(&product.id).unwrap_or_default();
    let picked: BTreeMap<i64, Vec<i64>> = choice
        .bundle
        .iter()
        .map(|(option, picks)| {
            let mut picks = picks.clone();
            picks.sort_unstable();
            picks.dedup();
            (*option, picks)
        })
        .filter(|(_, picks)| !picks.is_empty())
        .collect();
    if picked.is_empty() {
        return Err(bad(format!("{at}.bundle_options: Options are missing for this product.")));
    }
    for option in picked.keys().chain(choice.bundle_qty.keys()) {
        if !options.iter().any(|o| o.option.id == *option) {
            let field = if picked.contains_key(option) { "bundle_options" } else { "bundle_option_qty" };
            return Err(bad(format!("{at}.{field}: {option} is not an option of bundle {sku}")));
        }
    }
    let mut wanted: Vec<(&BundleOptionRecord, i64, i64)> = Vec::new(); // (option, product, units)
    let mut resolved = LineChoice::default();
    for option in &options {
        let title = label(option, locale);
        let Some(picks) = picked.get(&option.option.id) else {
            if option.option.is_required {
                return Err(bad(format!(
                    "{at}.bundle_options: choose a product for option \"{title}\" of bundle {sku}"
                )));
            }
            continue;
        };
        if single_pick(option) && picks.len() > 1 {
            return Err(bad(format!(
                "{at}.bundle_options: option \"{title}\" takes one product, {} were picked",
                picks.len()
            )));
        }
        let asked = choice.bundle_qty.get(&option.option.id).copied();
        for pick in picks {
            let member = option.members.iter().find(|m| m.id == *pick).ok_or_else(|| {
                bad(format!("{at}.bundle_options: {pick} is not a product of option \"{title}\" of bundle {sku}"))
            })?;
            let units = match asked {
                // Upstream counts 0 (or less) as one unit.
                Some(q) if single_pick(option) => {
                    if q > MAX_PICK_QTY {
                        return Err(bad(format!(
                            "{at}.bundle_option_qty: option \"{title}\" takes 1 to {MAX_PICK_QTY} units"
                        )));
                    }
                    q.max(1)
                }
                Some(q) if q != i64::from(member.qty) => {
                    return Err(bad(format!(
                        "Quantity for bundle option \"{title}\" cannot be changed. The allowed quantity is {}.",
                        member.qty
                    )));
                }
                _ => i64::from(member.qty.max(1)),
            };
            if single_pick(option) {
                resolved.bundle_qty.insert(option.option.id, units);
            }
            wanted.push((option, member.product_id, units));
        }
        resolved.bundle.insert(option.option.id, picks.clone());
    }

    let ids: Vec<i64> = wanted.iter().map(|(_, p, _)| *p).collect();
    let found: BTreeMap<i64, products::Model> = products::Entity::find()
        .filter(products::Column::Id.is_in(ids.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let names = crate::catalog::product_names(txn, &ids, locale).await?;
    let mut members = Vec::new();
    for (option, product_id, units) in wanted {
        let member = found
            .get(&product_id)
            .ok_or_else(|| bad(format!("{at}.bundle_options: product {product_id} does not exist")))?;
        if !member.status {
            return Err(bad(format!("{at}: product {} is disabled", member.sku)));
        }
        // Upstream takes simple products only; a virtual one (gift wrapping) needs no choice either.
        if !matches!(member.type_.as_str(), kind::SIMPLE | kind::VIRTUAL) {
            return Err(bad(format!("{at}.bundle_options: Selected products must be simple or virtual products.")));
        }
        members.push(BundleMember {
            option_id: option.option.id,
            option_label: label(option, locale),
            option_required: option.option.is_required,
            can_change_qty: single_pick(option),
            name: names.get(&member.id).cloned().unwrap_or_else(|| member.sku.clone()),
            qty: i32::try_from(units).unwrap_or(i32::MAX),
            unit_price: pricing::current_price(member, today),
            product: member.clone(),
        });
    }
    Ok((members, resolved))
}

/// What one bundle costs: each member's price times its units.
pub(super) fn bundle_price(members: &[BundleMember]) -> Decimal {
    members.iter().fold(Decimal::ZERO, |sum, m| {
        m.unit_price.checked_mul(Decimal::from(m.qty)).and_then(|d| sum.checked_add(d)).unwrap_or(Decimal::MAX)
    })
}
