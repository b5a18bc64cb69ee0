//! What listed products cost and whether they can be bought: [`Prices`], the children
//! (variants, group members, bundle options) composite products are priced from, and the
//! [`Stock`] that decides what can be bought.
//! Kept apart from card building because it is the one part with pricing rules.

use std::collections::HashMap;

use chrono::NaiveDate;
use polyshop_entities::{product_bundle_option_products, product_bundle_options, product_grouped_products, products};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use crate::catalog::pricing;

/// Units in stock by product, over every inventory source: the one part of a card read live.
pub type Stock = HashMap<i64, i64>;

/// What it costs: the product's own prices and, for composites, its children's range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prices {
    /// The product's own regular price (0 for composite types, which have none).
    pub price: Decimal,
    /// The product's own special price, while it applies and is below the regular price.
    pub special_price: Option<Decimal>,
    /// The lowest price it can be bought for now (special prices applied).
    pub minimum: Decimal,
    pub maximum: Decimal,
    /// The same range before special prices.
    pub regular_minimum: Decimal,
    pub regular_maximum: Decimal,
}

/// Composite and booking types: no stock of their own.
fn is_composite(kind: &str) -> bool {
    matches!(kind, "configurable" | "grouped" | "bundle")
}

/// The children composite products are priced from, as the catalog stores them (no stock: see
/// [`Children::stocked`]). Loaded for many products at once; a card keeps its product's own
/// ([`Children::take`]).
#[derive(Debug, Default)]
pub(super) struct Children {
    /// Enabled variants of configurable products, by parent.
    variants: HashMap<i64, Vec<products::Model>>,
    /// Members of grouped products (enabled), by group.
    grouped: HashMap<i64, Vec<products::Model>>,
    /// Options of bundle products: (required, multiple choice, [(member, qty)]), by bundle.
    bundles: HashMap<i64, Vec<BundleOption>>,
}

#[derive(Debug)]
struct BundleOption {
    required: bool,
    /// Checkbox and multiselect options add every member; radio and select one.
    multiple: bool,
    members: Vec<(products::Model, i32)>,
}

impl Children {
    /// The children of `rows`. `variants_in_rows` names configurable products whose enabled
    /// variants are all in `rows` already (a product page reads them first): they are not read
    /// again.
    pub(super) async fn load(
        db: &impl ConnectionTrait,
        rows: &[products::Model],
        variants_in_rows: &[i64],
    ) -> Result<Children, ServiceError> {
        let of_type = |kind: &str| -> Vec<i64> { rows.iter().filter(|p| p.type_ == kind).map(|p| p.id).collect() };
        let (mut configurables, groups, bundles) = (of_type("configurable"), of_type("grouped"), of_type("bundle"));
        let mut variants: HashMap<i64, Vec<products::Model>> = HashMap::new();
        configurables.retain(|c| !variants_in_rows.contains(c));
        for v in rows.iter().filter(|v| v.status && v.parent_id.is_some_and(|p| variants_in_rows.contains(&p))) {
            variants.entry(v.parent_id.unwrap_or_default()).or_default().push(v.clone());
        }
        for list in variants.values_mut() {
            list.sort_by_key(|v| v.id);
        }
        if !configurables.is_empty() {
            for v in products::Entity::find()
                .filter(products::Column::ParentId.is_in(configurables))
                .filter(products::Column::Status.eq(true))
                .order_by_asc(products::Column::Id)
                .all(db)
                .await?
            {
                variants.entry(v.parent_id.unwrap_or_default()).or_default().push(v);
            }
        }
        // Members of groups and bundles come with their links, enabled ones only: one
        // statement for the groups, one for the bundles' options, one for their members.
        let mut grouped: HashMap<i64, Vec<products::Model>> = HashMap::new();
        if !groups.is_empty() {
            for (link, member) in product_grouped_products::Entity::find()
                .select_also(products::Entity)
                .join(JoinType::InnerJoin, product_grouped_products::Relation::AssociatedProduct.def())
                .filter(product_grouped_products::Column::ProductId.is_in(groups))
                .filter(products::Column::Status.eq(true))
                .order_by_asc(product_grouped_products::Column::SortOrder)
                .all(db)
                .await?
            {
                if let Some(member) = member {
                    grouped.entry(link.product_id).or_default().push(member);
                }
            }
        }
        let options = if bundles.is_empty() {
            Vec::new()
        } else {
            product_bundle_options::Entity::find()
                .filter(product_bundle_options::Column::ProductId.is_in(bundles))
                .order_by_asc(product_bundle_options::Column::SortOrder)
                .all(db)
                .await?
        };
        let option_members: Vec<(product_bundle_option_products::Model, products::Model)> = if options.is_empty() {
            Vec::new()
        } else {
            product_bundle_option_products::Entity::find()
                .select_also(products::Entity)
                .join(JoinType::InnerJoin, product_bundle_option_products::Relation::Product.def())
                .filter(
                    product_bundle_option_products::Column::ProductBundleOptionId.is_in(options.iter().map(|o| o.id)),
                )
                .filter(products::Column::Status.eq(true))
                .order_by_asc(product_bundle_option_products::Column::SortOrder)
                .all(db)
                .await?
                .into_iter()
                .filter_map(|(link, member)| Some((link, member?)))
                .collect()
        };
        let mut bundle_map: HashMap<i64, Vec<BundleOption>> = HashMap::new();
        for option in &options {
            let members = option_members
                .iter()
                .filter(|(link, _)| link.product_bundle_option_id == option.id)
                .map(|(link, member)| (member.clone(), link.qty))
                .collect();
            bundle_map.entry(option.product_id).or_default().push(BundleOption {
                required: option.is_required,
                multiple: matches!(option.type_.as_str(), "checkbox" | "multiselect"),
                members,
            });
        }
        Ok(Children { variants, grouped, bundles: bundle_map })
    }

    /// The children of product `id` alone, taken out of these.
    pub(super) fn take(&mut self, id: i64) -> Children {
        fn one<T>(map: &mut HashMap<i64, T>, id: i64) -> HashMap<i64, T> {
            map.remove(&id).map(|list| HashMap::from([(id, list)])).unwrap_or_default()
        }
        Children {
            variants: one(&mut self.variants, id),
            grouped: one(&mut self.grouped, id),
            bundles: one(&mut self.bundles, id),
        }
    }

    /// The children whose stock decides whether their parents can be bought (besides the
    /// parents themselves).
    pub(super) fn stocked(&self) -> impl Iterator<Item = i64> + '_ {
        let variants = self.variants.values().flatten().map(|v| v.id);
        let grouped = self.grouped.values().flatten().map(|m| m.id);
        let bundled = self.bundles.values().flatten().flat_map(|o| o.members.iter().map(|(m, _)| m.id));
        variants.chain(grouped).chain(bundled)
    }

    pub(super) fn saleable(&self, p: &products::Model, stock: &Stock) -> bool {
        // A simple-like product is in stock when it tracks none or holds some.
        let in_stock = |p: &products::Model| p.status && (!p.manage_stock || stock.get(&p.id).is_some_and(|q| *q > 0));
        if !p.status {
            return false;
        }
        match p.type_.as_str() {
            "configurable" => self.variants.get(&p.id).is_some_and(|vs| vs.iter().any(in_stock)),
            "grouped" => self.grouped.get(&p.id).is_some_and(|ms| ms.iter().any(in_stock)),
            "bundle" => self.bundles.get(&p.id).is_some_and(|options| {
                options.iter().filter(|o| o.required).all(|o| o.members.iter().any(|(m, _)| in_stock(m)))
            }),
            _ => in_stock(p),
        }
    }

    pub(super) fn prices(&self, p: &products::Model, today: NaiveDate) -> Prices {
        let regular = |p: &products::Model| p.price.map(|a| a.value()).unwrap_or_default();
        let current = |p: &products::Model| pricing::current_price(p, today);
        let range = |items: &[products::Model]| -> (Decimal, Decimal, Decimal, Decimal) {
            let now: Vec<Decimal> = items.iter().map(current).collect();
            let reg: Vec<Decimal> = items.iter().map(regular).collect();
            let min = |v: &[Decimal]| v.iter().copied().min().unwrap_or_default();
            let max = |v: &[Decimal]| v.iter().copied().max().unwrap_or_default();
            (min(&now), max(&now), min(&reg), max(&reg))
        };
        if !is_composite(&p.type_) {
            let (special, price) = (pricing::special_price(p, today), regular(p));
            let special = special.filter(|s| *s < price);
            let now = current(p);
            return Prices {
                price,
                special_price: special,
                minimum: now,
                maximum: now,
                regular_minimum: price,
                regular_maximum: price,
            };
        }
        let (minimum, maximum, regular_minimum, regular_maximum) = match p.type_.as_str() {
            "configurable" => range(self.variants.get(&p.id).map(Vec::as_slice).unwrap_or(&[])),
            "grouped" => range(self.grouped.get(&p.id).map(Vec::as_slice).unwrap_or(&[])),
            _ => {
                // A bundle costs its cheapest required choices, at most every choice.
                let options = self.bundles.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
                let mut sums = [Decimal::ZERO; 4];
                for option in options {
                    let priced = |f: &dyn Fn(&products::Model) -> Decimal| -> Vec<Decimal> {
                        option.members.iter().map(|(m, qty)| f(m) * Decimal::from(*qty)).collect()
                    };
                    for (i, prices) in [priced(&current), priced(&regular)].into_iter().enumerate() {
                        let cheapest = prices.iter().copied().min().unwrap_or_default();
                        let most = if option.multiple {
                            prices.iter().copied().sum()
                        } else {
                            prices.iter().copied().max().unwrap_or_default()
                        };
                        if option.required {
                            sums[i * 2] += cheapest;
                        }
                        sums[i * 2 + 1] += most;
                    }
                }
                (sums[0], sums[1], sums[2], sums[3])
            }
        };
        Prices { price: Decimal::ZERO, special_price: None, minimum, maximum, regular_minimum, regular_maximum }
    }
}
