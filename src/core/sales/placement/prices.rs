//! Pricing the lines of an order from the catalog (never from the request) and the order's
//! totals: line prices, shipping charge, currency rate.

use std::collections::BTreeMap;

use polyshop_entities::{
    attribute_option_translations, attribute_options, attributes, channels, currencies, exchange_rates, orders,
    product_attribute_values, product_channels, product_downloadable_links, product_super_attributes, products,
    shipping_methods,
};
use polyshop_runtime::{Amount, ServiceError};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    bookings::{SoldBooking, booked, lock_in_order},
    bundles::{BundleMember, bundle_price, chosen_members},
    customizable::{SoldOption, answered},
    request::{LineChoice, LineRequest, bad},
};
use crate::catalog::{kind, pricing};

/// A line resolved against the catalog and priced in the base currency.
#[derive(Debug, Clone)]
pub struct PricedLine {
    /// The product ordered (a configurable product for a variant).
    pub product: products::Model,
    pub variant: Option<products::Model>,
    pub name: String,
    pub qty: i32,
    pub unit_price: Decimal,
    /// (attribute id, code, name, option id, option label)
    pub options: Vec<(i64, String, String, i64, String)>,
    /// A downloadable line's links, as sold.
    pub links: Vec<SoldLink>,
    /// A bundle line's picked products, with their units per bundle.
    pub bundle: Vec<BundleMember>,
    /// The customizable options answered, with what each adds to a unit's price.
    pub customizable: Vec<SoldOption>,
    /// A booking line's booking.
    pub booking: Option<SoldBooking>,
    /// The choice as resolved (what makes cart lines one).
    pub choice: LineChoice,
    /// The line's tax rate in percent (`apply_taxes`; 0 until then, and for untaxed products).
    pub tax_percent: Decimal,
}

/// A download link chosen on a downloadable line, with its title in the order's locale.
#[derive(Debug, Clone)]
pub struct SoldLink {
    pub link: product_downloadable_links::Model,
    pub title: String,
}

impl PricedLine {
    pub fn stock_product(&self) -> &products::Model {
        self.variant.as_ref().unwrap_or(&self.product)
    }

    /// Whether something of the line ships (for a bundle, one of its picks).
    pub fn ships(&self) -> bool {
        match self.bundle.is_empty() {
            true => kind::ships(&self.stock_product().type_),
            false => self.bundle.iter().any(|m| kind::ships(&m.product.type_)),
        }
    }

    /// The units of stock `units` of this line take, by product: a bundle's picks times their
    /// units per bundle, else the product (or variant) itself.
    pub fn stock_needs(&self, units: i64) -> Vec<(&products::Model, i64)> {
        match self.bundle.is_empty() {
            true => vec![(self.stock_product(), units)],
            false => self.bundle.iter().map(|m| (&m.product, i64::from(m.qty).saturating_mul(units))).collect(),
        }
    }

    /// Units shipped, for a shipping rate per unit: a bundle's shipped picks count each.
    pub fn shipped_units(&self) -> i64 {
        self.stock_needs(i64::from(self.qty)).iter().filter(|(p, _)| kind::ships(&p.type_)).map(|(_, n)| n).sum()
    }

    /// The line's total before tax.
    pub fn total(&self) -> Decimal {
        self.unit_price * Decimal::from(self.qty)
    }

    /// The tax of the whole line, rounded to the cent.
    pub fn tax(&self) -> Decimal {
        crate::taxes::tax_on(self.total(), self.tax_percent)
    }
}

/// Sets each line's tax rate for `place` (none: every line untaxed). A variant with a tax
/// category of its own is taxed by it, else by its product's.
pub async fn apply_taxes(
    db: &impl ConnectionTrait,
    lines: &mut [PricedLine],
    place: Option<&crate::taxes::TaxPlace>,
) -> Result<(), ServiceError> {
    let Some(place) = place else {
        lines.iter_mut().for_each(|l| l.tax_percent = Decimal::ZERO);
        return Ok(());
    };
    let products: Vec<&products::Model> =
        lines.iter().flat_map(|l| std::iter::once(&l.product).chain(l.variant.as_ref())).collect();
    let percents = crate::taxes::percents(db, &products, place).await?;
    for line in lines.iter_mut() {
        let own = line.variant.as_ref().filter(|v| v.tax_category_id.is_some()).unwrap_or(&line.product);
        line.tax_percent = percents.get(&own.id).copied().unwrap_or_default();
    }
    Ok(())
}

/// Units one order may hold in all: the order's unit count is a 32-bit column.
pub const MAX_ORDER_UNITS: i64 = i32::MAX as i64;

/// `value` in the base currency and converted at `rate` (to cents), both within what a money
/// column holds; otherwise a 400 naming `field`.
pub fn amounts(field: &str, value: Decimal, rate: Decimal) -> Result<(Amount, Amount), ServiceError> {
    let base = Amount::try_new(value);
    let converted = value.checked_mul(rate).and_then(|d| Amount::try_new(d.round_dp(2)));
    match (base, converted) {
        (Some(base), Some(converted)) => Ok((base, converted)),
        _ => Err(bad(format!("{field}: {value} is beyond the largest amount an order holds ({})", Amount::max()))),
    }
}

/// Order amounts in the base currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub sub_total: Decimal,
    pub shipping: Decimal,
    pub tax: Decimal,
    pub discount: Decimal,
    pub grand_total: Decimal,
}

/// Resolves and prices the requested lines for channel `channel`, in its default locale, as of
/// `now` (`today` in the channel's timezone).
pub async fn price_lines(
    txn: &impl ConnectionTrait,
    channel: &channels::Model,
    locale: &str,
    lines: &[LineRequest],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PricedLine>, ServiceError> {
    let tz: chrono_tz::Tz = channel.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = now.with_timezone(&tz).date_naive();
    if lines.is_empty() {
        return Err(bad("products: an order needs at least one product".into()));
    }
    let ids: Vec<i64> = lines.iter().map(|l| l.product_id).collect();
    let mut found: BTreeMap<i64, products::Model> = products::Entity::find()
        .filter(products::Column::Id.is_in(ids))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let parent_ids: Vec<i64> = found.values().filter_map(|p| p.parent_id).collect();
    for parent in products::Entity::find().filter(products::Column::Id.is_in(parent_ids)).all(txn).await? {
        found.insert(parent.id, parent);
    }
    let sold_here: Vec<i64> = product_channels::Entity::find()
        .filter(product_channels::Column::ChannelId.eq(channel.id))
        .filter(product_channels::Column::ProductId.is_in(found.keys().copied().collect::<Vec<_>>()))
        .all(txn)
        .await?
        .into_iter()
        .map(|pc| pc.product_id)
        .collect();
    let names = crate::catalog::product_names(txn, &found.keys().copied().collect::<Vec<_>>(), locale).await?;
    let booked_products: Vec<i64> = found.values().filter(|p| p.type_ == kind::BOOKING).map(|p| p.id).collect();
    lock_in_order(txn, &booked_products).await?;

    let mut priced = Vec::new();
    let mut units: i64 = 0;
    // The bookings of the lines priced so far: a later line of the same slot counts them.
    let mut booked_so_far = Vec::new();
    for l in lines {
        let at = format!("products.{}", l.key);
        // Every count and sum of this order's quantities fits in 32 bits from here on.
        units += i64::from(l.qty);
        if l.qty < 1 || units > MAX_ORDER_UNITS {
            return Err(bad(format!(
                "{at}.amount: the order's quantities must be whole numbers from 1 adding up to at most {MAX_ORDER_UNITS} units"
            )));
        }
        let Some(requested) = found.get(&l.product_id).cloned() else {
            return Err(bad(format!("{at}: product {} does not exist", l.product_id)));
        };
        let (product, variant) = match requested.parent_id {
            Some(parent) => (found[&parent].clone(), Some(requested)),
            None => (requested, None),
        };
        if !product.status || variant.as_ref().is_some_and(|v| !v.status) {
            return Err(bad(format!("{at}: product {} is disabled", product.sku)));
        }
        if !sold_here.contains(&product.id) {
            return Err(bad(format!("{at}: product {} is not sold in store {}", product.sku, channel.id)));
        }
        if product.type_ != kind::DOWNLOADABLE && !l.links.is_empty() {
            return Err(bad(format!("{at}.links: product {} is not downloadable", product.sku)));
        }
        if product.type_ != kind::BUNDLE && l.choice.has_bundle() {
            return Err(bad(format!("{at}.bundle_options: product {} is not a bundle", product.sku)));
        }
        // Customizable options belong to simple and virtual products themselves, as upstream's.
        let customizable = matches!(product.type_.as_str(), kind::SIMPLE | kind::VIRTUAL) && variant.is_none();
        if !customizable && !l.choice.customizable.is_empty() {
            return Err(bad(format!(
                "{at}.customizable_options: product {} takes no customizable options",
                product.sku
            )));
        }
        let (variant, options) = match product.type_.as_str() {
            kind::CONFIGURABLE => {
                let (v, o) = resolve_variant(txn, &product, variant, &l.options, locale, &at).await?;
                (Some(v), o)
            }
            kind::SIMPLE | kind::VIRTUAL | kind::DOWNLOADABLE | kind::BUNDLE | kind::BOOKING
                if l.options.is_empty() =>
            {
                (None, Vec::new())
            }
            kind::SIMPLE | kind::VIRTUAL | kind::DOWNLOADABLE | kind::BUNDLE | kind::BOOKING => {
                return Err(bad(format!("{at}.product_options: product {} has no options", product.sku)));
            }
            other => return Err(bad(format!("{at}: {other} products cannot be ordered through this API"))),
        };
        let links = match product.type_.as_str() {
            kind::DOWNLOADABLE => chosen_links(txn, &product, &l.links, locale, &at).await?,
            _ => Vec::new(),
        };
        let (bundle, mut choice) = match product.type_.as_str() {
            kind::BUNDLE => chosen_members(txn, &product, &l.choice, locale, today, &at).await?,
            _ => (Vec::new(), LineChoice::default()),
        };
        let priced_product = variant.as_ref().unwrap_or(&product);
        let (options_sold, values) = match l.choice.customizable.is_empty() {
            true => (Vec::new(), BTreeMap::new()),
            false => {
                let base = pricing::current_price(&product, today);
                answered(txn, product.id, &product.sku, &l.choice.customizable, base, locale, &at).await?
            }
        };
        choice.customizable = values;
        if product.type_ != kind::BOOKING && l.choice.booking.is_some() {
            return Err(bad(format!("{at}.booking: product {} is not a booking product", product.sku)));
        }
        let booking = match (product.type_.as_str(), &l.choice.booking) {
            (kind::BOOKING, Some(asked)) => {
                let (sold, stored) = booked(txn, &product, asked, l.qty, now, tz, locale, &at, &booked_so_far).await?;
                choice.booking = Some(stored);
                booked_so_far.push((sold.clone(), i64::from(l.qty)));
                Some(sold)
            }
            (kind::BOOKING, None) => {
                return Err(bad(format!("{at}.booking: Options are missing for this product.")));
            }
            _ => None,
        };
        // A downloadable product costs its own price plus each chosen link's; a bundle what
        // its picks cost.
        let unit_price = match bundle.is_empty() {
            true => {
                links.iter().fold(pricing::current_price(priced_product, today), |sum, l| sum + l.link.price.value())
            }
            false => bundle_price(&bundle),
        };
        let unit_price = options_sold.iter().fold(unit_price, |sum, o| sum + o.price);
        let unit_price = unit_price + booking.as_ref().map_or(Decimal::ZERO, |b| b.extra);
        // Every pick's units of the whole line fit an order line's 32-bit count.
        if bundle.iter().any(|m| m.qty.checked_mul(l.qty).is_none()) {
            return Err(bad(format!("{at}.amount: the bundle's units exceed what an order line holds")));
        }
        let line_total = unit_price.checked_mul(Decimal::from(l.qty)).unwrap_or(Decimal::MAX);
        amounts(&format!("{at}.amount"), line_total, Decimal::ONE)?;
        priced.push(PricedLine {
            name: names.get(&product.id).cloned().unwrap_or_else(|| product.sku.clone()),
            unit_price,
            qty: l.qty,
            product,
            variant,
            options,
            links,
            bundle,
            customizable: options_sold,
            booking,
            choice,
            tax_percent: Decimal::ZERO,
        });
    }
    Ok(priced)
}

/// The links `ids` of downloadable `product`, each once, in the product's order: at least one
/// is required (`links`), and each must be one of the product's.
async fn chosen_links(
    txn: &impl ConnectionTrait,
    product: &products::Model,
    ids: &[i64],
    locale: &str,
    at: &str,
) -> Result<Vec<SoldLink>, ServiceError> {
    if ids.is_empty() {
        return Err(bad(format!("{at}.links: choose at least one download link of product {}", product.sku)));
    }
    let offered = crate::catalog::product_types::downloadable::links_of_products(txn, &[product.id])
        .await?
        .remove(&product.id)
        .unwrap_or_default();
    if let Some(unknown) = ids.iter().find(|id| !offered.iter().any(|o| o.link.id == **id)) {
        return Err(bad(format!("{at}.links: {unknown} is not a download link of product {}", product.sku)));
    }
    Ok(offered
        .into_iter()
        .filter(|o| ids.contains(&o.link.id))
        .map(|o| {
            let title = crate::catalog::product_types::downloadable::link_title(&o, locale);
            SoldLink { link: o.link, title }
        })
        .collect())
}

/// The variant of configurable `product` the options (or the variant id asked for) designate.
pub(super) async fn resolve_variant(
    txn: &impl ConnectionTrait,
    product: &products::Model,
    asked: Option<products::Model>,
    chosen: &BTreeMap<i64, i64>,
    locale: &str,
    at: &str,
) -> Result<(products::Model, Vec<(i64, String, String, i64, String)>), ServiceError> {
    let supers: Vec<i64> = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.eq(product.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.attribute_id)
        .collect();
    let attrs = attributes::Entity::find()
        .filter(attributes::Column::Id.is_in(supers.clone()))
        .order_by_asc(attributes::Column::Position)
        .all(txn)
        .await?;
    let variants = products::Entity::find().filter(products::Column::ParentId.eq(product.id)).all(txn).await?;
    let values = product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(variants.iter().map(|v| v.id).collect::<Vec<_>>()))
        .filter(product_attribute_values::Column::AttributeId.is_in(supers.clone()))
        .all(txn)
        .await?;
    let option_of = |variant: i64, attr: i64| {
        values.iter().find(|v| v.product_id == variant && v.attribute_id == attr).and_then(|v| v.integer_value)
    };
    let variant = match asked {
        Some(v) => v,
        None => {
            let missing: Vec<String> = attrs
                .iter()
                .filter(|a| !chosen.contains_key(&a.id))
                .map(|a| format!("{} ({})", a.id, a.code))
                .collect();
            if !missing.is_empty() {
                return Err(bad(format!("{at}.product_options: choose an option for {}", missing.join(", "))));
            }
            if let Some(unknown) = chosen.keys().find(|k| !supers.contains(k)) {
                return Err(bad(format!("{at}.product_options: product {} has no option {unknown}", product.sku)));
            }
            variants
                .iter()
                .find(|v| attrs.iter().all(|a| option_of(v.id, a.id) == chosen.get(&a.id).copied()))
                .cloned()
                .ok_or_else(|| {
                    bad(format!("{at}.product_options: no variation of {} has these options", product.sku))
                })?
        }
    };
    let option_ids: Vec<i64> = attrs.iter().filter_map(|a| option_of(variant.id, a.id)).collect();
    let mut labels: BTreeMap<i64, String> = attribute_options::Entity::find()
        .filter(attribute_options::Column::Id.is_in(option_ids.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.admin_name))
        .collect();
    for t in attribute_option_translations::Entity::find()
        .filter(attribute_option_translations::Column::AttributeOptionId.is_in(option_ids))
        .filter(attribute_option_translations::Column::Locale.eq(locale))
        .all(txn)
        .await?
    {
        labels.insert(t.attribute_option_id, t.label);
    }
    let options = attrs
        .iter()
        .filter_map(|a| {
            let o = option_of(variant.id, a.id)?;
            Some((a.id, a.code.clone(), a.admin_name.clone(), o, labels.get(&o).cloned().unwrap_or_default()))
        })
        .collect();
    Ok((variant, options))
}

/// The shipping charge for `lines`: the method's rate per shipped unit or per order.
pub fn shipping_charge(lines: &[PricedLine], method: Option<&shipping_methods::Model>) -> Decimal {
    let units: i64 = lines.iter().map(PricedLine::shipped_units).sum();
    match method {
        Some(m) if units > 0 && m.rate_type == "per_unit" => m.rate.value() * Decimal::from(units),
        Some(m) if units > 0 => m.rate.value(),
        _ => Decimal::ZERO,
    }
}

/// The order's totals. Lines are range-checked by [`price_lines`], so their sum (at most
/// 2^31 lines of at most `Amount::max()`) stays far below `Decimal::MAX`.
pub fn totals(lines: &[PricedLine], method: Option<&shipping_methods::Model>) -> Totals {
    let sub_total: Decimal = lines.iter().map(PricedLine::total).sum();
    let tax: Decimal = lines.iter().map(PricedLine::tax).sum();
    let shipping = shipping_charge(lines, method);
    Totals { sub_total, shipping, tax, discount: Decimal::ZERO, grand_total: sub_total + shipping + tax }
}

/// `totals` with a coupon's rule applied (`promotions::applied`): its discount, the shipping
/// it leaves, and the grand total they make. The cart shows and the order charges the same.
pub fn with_discount(mut totals: Totals, rule: &polyshop_entities::cart_rules::Model, lines: &[PricedLine]) -> Totals {
    let quantities: Vec<(i64, Decimal)> = lines.iter().map(|l| (i64::from(l.qty), l.unit_price)).collect();
    let applied = crate::promotions::applied(rule, totals.sub_total, &quantities, totals.shipping);
    totals.discount = applied.discount;
    totals.shipping = applied.shipping;
    totals.grand_total = totals.sub_total - applied.discount + applied.shipping + totals.tax;
    totals
}

/// Units of the order currency per unit of the base currency.
pub async fn rate_to(
    txn: &impl ConnectionTrait,
    channel: &channels::Model,
    currency: &str,
) -> Result<Decimal, ServiceError> {
    let base = currencies::Entity::find_by_id(channel.base_currency_id).one(txn).await?;
    if base.as_ref().is_some_and(|b| b.code == currency) {
        return Ok(Decimal::ONE);
    }
    let target = currencies::Entity::find().filter(currencies::Column::Code.eq(currency)).one(txn).await?;
    let rate = match target {
        Some(t) => {
            exchange_rates::Entity::find().filter(exchange_rates::Column::TargetCurrencyId.eq(t.id)).one(txn).await?
        }
        None => None,
    };
    rate.map(|r| r.rate.value()).ok_or_else(|| ServiceError::internal(format!("no exchange rate to {currency}")))
}

/// Writes the order amounts: base currency as computed, order currency converted. Refuses
/// totals beyond what the money columns hold.
pub fn set_totals(order: &mut orders::ActiveModel, t: Totals, rate: Decimal) -> Result<(), ServiceError> {
    let (base, converted) = amounts("total", t.sub_total, rate)?;
    (order.base_sub_total, order.sub_total) = (Set(base), Set(converted));
    let (base, converted) = amounts("shipping", t.shipping, rate)?;
    (order.base_shipping_amount, order.shipping_amount) = (Set(base), Set(converted));
    let (base, converted) = amounts("tax", t.tax, rate)?;
    (order.base_tax_amount, order.tax_amount) = (Set(base), Set(converted));
    let (base, converted) = amounts("discount", t.discount, rate)?;
    (order.base_discount_amount, order.discount_amount) = (Set(base), Set(converted));
    let (base, converted) = amounts("total", t.grand_total, rate)?;
    (order.base_grand_total, order.grand_total) = (Set(base), Set(converted));
    Ok(())
}
