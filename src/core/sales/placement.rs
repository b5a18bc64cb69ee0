//! Placing orders and changing their lines: products are resolved and priced from the catalog
//! (never from the request), stock is taken in the same transaction, and totals are computed
//! here, once, for every API that creates or edits orders.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use polyshop_entities::{
    addresses, attribute_option_translations, attribute_options, attributes, channels, currencies, customers,
    exchange_rates, order_items, order_payments, order_status_history, orders, payment_methods,
    product_attribute_values, product_channels, product_super_attributes, products, shipping_methods,
};
use polyshop_runtime::{Amount, Rate, ServiceError};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::json;

use super::{OrderRecord, inventory, payment, status, statuses::StatusMap};
use crate::catalog::{kind, pricing};

/// A postal contact as an API sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    /// Street lines, stored joined by newlines.
    pub street: Vec<String>,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Who buys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Buyer {
    Customer(i64),
    Guest { email: String },
}

/// One requested line. `key` names it in error messages (`products.241`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRequest {
    pub key: String,
    pub product_id: i64,
    pub qty: i32,
    /// Chosen options: attribute id → attribute option id.
    pub options: BTreeMap<i64, i64>,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub channel_id: i64,
    pub buyer: Buyer,
    /// Required for guests; a customer's default address otherwise.
    pub billing: Option<Contact>,
    /// The billing contact when absent.
    pub shipping: Option<Contact>,
    pub payment_method_id: i64,
    /// Required when something ships.
    pub shipping_method_id: Option<i64>,
    pub lines: Vec<LineRequest>,
    pub customer_note: Option<String>,
    pub admin_notes: Option<String>,
    pub issuer_id: Option<i64>,
    pub remote_ip: Option<String>,
}

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
}

impl PricedLine {
    fn stock_product(&self) -> &products::Model {
        self.variant.as_ref().unwrap_or(&self.product)
    }

    fn ships(&self) -> bool {
        kind::ships(&self.stock_product().type_)
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

fn bad(message: String) -> ServiceError {
    ServiceError::bad_request(message)
}

/// Resolves and prices the requested lines for channel `channel`, in its default locale.
pub async fn price_lines(
    txn: &impl ConnectionTrait,
    channel: &channels::Model,
    locale: &str,
    lines: &[LineRequest],
    today: chrono::NaiveDate,
) -> Result<Vec<PricedLine>, ServiceError> {
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

    let mut priced = Vec::new();
    for l in lines {
        let at = format!("products.{}", l.key);
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
        let (variant, options) = match product.type_.as_str() {
            kind::CONFIGURABLE => {
                let (v, o) = resolve_variant(txn, &product, variant, &l.options, locale, &at).await?;
                (Some(v), o)
            }
            kind::SIMPLE | kind::VIRTUAL if l.options.is_empty() => (None, Vec::new()),
            kind::SIMPLE | kind::VIRTUAL => {
                return Err(bad(format!("{at}.product_options: product {} has no options", product.sku)));
            }
            other => return Err(bad(format!("{at}: {other} products cannot be ordered through this API"))),
        };
        let priced_product = variant.as_ref().unwrap_or(&product);
        priced.push(PricedLine {
            name: names.get(&product.id).cloned().unwrap_or_else(|| product.sku.clone()),
            unit_price: pricing::current_price(priced_product, today),
            qty: l.qty,
            product,
            variant,
            options,
        });
    }
    Ok(priced)
}

/// The variant of configurable `product` the options (or the variant id asked for) designate.
async fn resolve_variant(
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
    let units: i32 = lines.iter().filter(|l| l.ships()).map(|l| l.qty).sum();
    match method {
        Some(m) if units > 0 && m.rate_type == "per_unit" => m.rate.value() * Decimal::from(units),
        Some(m) if units > 0 => m.rate.value(),
        _ => Decimal::ZERO,
    }
}

pub fn totals(lines: &[PricedLine], method: Option<&shipping_methods::Model>) -> Totals {
    let sub_total: Decimal = lines.iter().map(|l| l.unit_price * Decimal::from(l.qty)).sum();
    let shipping = shipping_charge(lines, method);
    Totals { sub_total, shipping, tax: Decimal::ZERO, discount: Decimal::ZERO, grand_total: sub_total + shipping }
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

/// Writes the order amounts: base currency as computed, order currency converted.
pub fn set_totals(order: &mut orders::ActiveModel, t: Totals, rate: Decimal) {
    let conv = |d: Decimal| Amount::new((d * rate).round_dp(2));
    order.sub_total = Set(conv(t.sub_total));
    order.base_sub_total = Set(Amount::new(t.sub_total));
    order.shipping_amount = Set(conv(t.shipping));
    order.base_shipping_amount = Set(Amount::new(t.shipping));
    order.tax_amount = Set(conv(t.tax));
    order.base_tax_amount = Set(Amount::new(t.tax));
    order.discount_amount = Set(conv(t.discount));
    order.base_discount_amount = Set(Amount::new(t.discount));
    order.grand_total = Set(conv(t.grand_total));
    order.base_grand_total = Set(Amount::new(t.grand_total));
}

/// Inserts the order lines: a configurable product's line with its variant as a child line.
pub async fn insert_lines(
    txn: &DatabaseTransaction,
    order_id: i64,
    lines: &[PricedLine],
    rate: Decimal,
    now: DateTime<Utc>,
) -> Result<Vec<order_items::Model>, ServiceError> {
    let conv = |d: Decimal| Amount::new((d * rate).round_dp(2));
    let mut out = Vec::new();
    for l in lines {
        let total = l.unit_price * Decimal::from(l.qty);
        let additional = (!l.options.is_empty()).then(|| {
            json!({"attributes": l.options.iter().map(|(id, code, name, option, label)| json!({
                "attribute_id": id, "attribute_code": code, "attribute_name": name, "option_id": option, "option_label": label,
            })).collect::<Vec<_>>()})
        });
        let item = |product: &products::Model, kind: &str, parent: Option<i64>, price: Decimal, total: Decimal| {
            order_items::ActiveModel {
                order_id: Set(order_id),
                product_id: Set(Some(product.id)),
                parent_id: Set(parent),
                sku: Set(l.stock_product().sku.clone()),
                type_: Set(kind.to_owned()),
                name: Set(l.name.clone()),
                qty_ordered: Set(l.qty),
                qty_shipped: Set(0),
                qty_invoiced: Set(0),
                qty_canceled: Set(0),
                qty_refunded: Set(0),
                price: Set(conv(price)),
                base_price: Set(Amount::new(price)),
                total: Set(conv(total)),
                base_total: Set(Amount::new(total)),
                total_invoiced: Set(Amount::ZERO),
                base_total_invoiced: Set(Amount::ZERO),
                amount_refunded: Set(Amount::ZERO),
                base_amount_refunded: Set(Amount::ZERO),
                discount_amount: Set(Amount::ZERO),
                base_discount_amount: Set(Amount::ZERO),
                tax_amount: Set(Amount::ZERO),
                base_tax_amount: Set(Amount::ZERO),
                tax_percent: Set(Rate::ZERO),
                weight: Set(l.stock_product().weight),
                additional: Set(additional.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        };
        let parent = item(&l.product, &l.product.type_, None, l.unit_price, total).insert(txn).await?;
        let parent_id = parent.id;
        out.push(parent);
        if let Some(v) = &l.variant {
            out.push(item(v, &v.type_, Some(parent_id), Decimal::ZERO, Decimal::ZERO).insert(txn).await?);
        }
    }
    Ok(out)
}

pub async fn insert_address(
    txn: &DatabaseTransaction,
    order_id: i64,
    kind: &str,
    c: &Contact,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    addresses::ActiveModel {
        address_type: Set(kind.to_owned()),
        order_id: Set(Some(order_id)),
        first_name: Set(c.first_name.clone()),
        last_name: Set(c.last_name.clone()),
        company_name: Set(c.company.clone()),
        address: Set(c.street.join("\n")),
        city: Set(c.city.clone()),
        state: Set(c.state.clone()),
        country: Set(c.country.clone()),
        postcode: Set(c.postcode.clone()),
        email: Set(Some(c.email.clone().unwrap_or_else(|| email.to_owned()))),
        phone: Set(c.phone.clone()),
        default_address: Set(false),
        use_for_shipping: Set(kind == "order_shipping"),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// A customer's address book entry as a contact: the default one, else the first.
async fn customer_contact(
    txn: &impl ConnectionTrait,
    customer: &customers::Model,
) -> Result<Option<Contact>, ServiceError> {
    let address = addresses::Entity::find()
        .filter(addresses::Column::CustomerId.eq(customer.id))
        .filter(addresses::Column::AddressType.eq("customer"))
        .order_by_desc(addresses::Column::DefaultAddress)
        .order_by_asc(addresses::Column::Id)
        .one(txn)
        .await?;
    Ok(address.map(|a| Contact {
        first_name: a.first_name,
        last_name: a.last_name,
        company: a.company_name,
        street: a.address.split('\n').map(str::to_owned).collect(),
        city: a.city,
        state: a.state,
        country: a.country,
        postcode: a.postcode,
        phone: a.phone.or_else(|| customer.phone.clone()),
        email: Some(customer.email.clone()),
    }))
}

pub async fn active_payment_method(
    txn: &impl ConnectionTrait,
    id: i64,
) -> Result<payment_methods::Model, ServiceError> {
    payment_methods::Entity::find_by_id(id)
        .one(txn)
        .await?
        .filter(|m| m.is_active)
        .ok_or_else(|| bad(format!("payment_id: no active payment method {id}")))
}

pub async fn active_shipping_method(
    txn: &impl ConnectionTrait,
    id: i64,
) -> Result<shipping_methods::Model, ServiceError> {
    shipping_methods::Entity::find_by_id(id)
        .one(txn)
        .await?
        .filter(|m| m.is_active)
        .ok_or_else(|| bad(format!("shipping_id: no active shipping method {id}")))
}

/// Places `new` in one transaction: new orders are pending, awaiting payment and fulfilment,
/// and hold their stock. Returns the order's id.
/// Places `new` in one transaction: the order and its lines, addresses, payment and stock move
/// are written together or not at all. Returns the order's id.
pub async fn place_order(db: &DatabaseConnection, new: NewOrder, now: DateTime<Utc>) -> Result<i64, ServiceError> {
    db.transaction::<_, _, ServiceError>(|txn| Box::pin(async move { place(txn, new, now).await }))
        .await
        .map_err(Into::into)
}

async fn place(txn: &DatabaseTransaction, new: NewOrder, now: DateTime<Utc>) -> Result<i64, ServiceError> {
    let channel = channels::Entity::find_by_id(new.channel_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("store {} does not exist", new.channel_id)))?;
    let locale = crate::settings::channel_locale(txn, &channel).await?;
    let tz: chrono_tz::Tz = channel.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = now.with_timezone(&tz).date_naive();

    let (customer, email, billing) = match &new.buyer {
        Buyer::Customer(id) => {
            let c = customers::Entity::find_by_id(*id)
                .one(txn)
                .await?
                .ok_or_else(|| bad(format!("user_id: customer {id} does not exist")))?;
            let billing = match new.billing.clone() {
                Some(b) => b,
                None => customer_contact(txn, &c).await?.ok_or_else(|| {
                    bad(format!("user_id: customer {id} has no address; send the addresses in user_data"))
                })?,
            };
            (Some(c.clone()), c.email.clone(), billing)
        }
        Buyer::Guest { email } => {
            let billing =
                new.billing.clone().ok_or_else(|| bad("user_data: a guest order needs the billing address".into()))?;
            (None, email.clone(), billing)
        }
    };
    let shipping_contact = new.shipping.clone().unwrap_or_else(|| billing.clone());
    let lines = price_lines(txn, &channel, &locale, &new.lines, today).await?;
    let payment_method = active_payment_method(txn, new.payment_method_id).await?;
    let ships = lines.iter().any(PricedLine::ships);
    let shipping_method = match (ships, new.shipping_method_id) {
        (true, None) => return Err(bad("shipping_id: required, as the order has products to ship".into())),
        (true, Some(id)) => Some(active_shipping_method(txn, id).await?),
        (false, _) => None,
    };
    let totals = totals(&lines, shipping_method.as_ref());
    let currency =
        currencies::Entity::find_by_id(channel.base_currency_id).one(txn).await?.map(|c| c.code).unwrap_or_default();

    let open = StatusMap::load(txn).await?.get("O").map(|r| r.code.clone()).unwrap_or_else(|| "O".into());
    let mut order = orders::ActiveModel {
        // Replaced by the number derived from the id below.
        increment_id: Set(format!("tmp-{}", crate::secrets::random_token(16))),
        status: Set(status::PENDING.into()),
        status_code: Set(open.clone()),
        channel_id: Set(channel.id),
        channel_name: Set(channel.name.clone()),
        is_guest: Set(customer.is_none()),
        customer_id: Set(customer.as_ref().map(|c| c.id)),
        customer_email: Set(email.clone()),
        customer_first_name: Set(customer
            .as_ref()
            .map(|c| c.first_name.clone())
            .unwrap_or_else(|| billing.first_name.clone())),
        customer_last_name: Set(customer
            .as_ref()
            .map(|c| c.last_name.clone())
            .unwrap_or_else(|| billing.last_name.clone())),
        shipping_method: Set(shipping_method.as_ref().map(|m| m.code.clone())),
        shipping_title: Set(shipping_method.as_ref().map(|m| m.title.clone())),
        is_gift: Set(false),
        total_item_count: Set(lines.len() as i32),
        total_qty_ordered: Set(lines.iter().map(|l| l.qty).sum()),
        base_currency_code: Set(currency.clone()),
        channel_currency_code: Set(currency.clone()),
        order_currency_code: Set(currency.clone()),
        grand_total_invoiced: Set(Amount::ZERO),
        base_grand_total_invoiced: Set(Amount::ZERO),
        grand_total_refunded: Set(Amount::ZERO),
        base_grand_total_refunded: Set(Amount::ZERO),
        sub_total_invoiced: Set(Amount::ZERO),
        base_sub_total_invoiced: Set(Amount::ZERO),
        sub_total_refunded: Set(Amount::ZERO),
        base_sub_total_refunded: Set(Amount::ZERO),
        locale: Set(locale.clone()),
        fulfilment_status: Set("incomplete".into()),
        customer_note: Set(new.customer_note.clone()),
        admin_notes: Set(new.admin_notes.clone()),
        issuer_id: Set(new.issuer_id),
        remote_ip: Set(new.remote_ip.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_totals(&mut order, totals, Decimal::ONE);
    let order = order.insert(txn).await?;
    let mut numbered: orders::ActiveModel = order.clone().into();
    numbered.increment_id = Set(format!("{:06}", order.id));
    numbered.update(txn).await?;

    let items = insert_lines(txn, order.id, &lines, Decimal::ONE, now).await?;
    insert_address(txn, order.id, "order_billing", &billing, &email, now).await?;
    if ships {
        insert_address(txn, order.id, "order_shipping", &shipping_contact, &email, now).await?;
    }
    order_payments::ActiveModel {
        order_id: Set(order.id),
        method: Set(payment_method.code.clone()),
        method_title: Set(payment_method.title.clone()),
        status: Set(payment::PENDING.into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    order_status_history::ActiveModel {
        order_id: Set(order.id),
        status_code: Set(open),
        previous_status_code: Set(None),
        order_status: Set(status::PENDING.into()),
        fulfilment_status: Set("incomplete".into()),
        payment_status: Set(payment::PENDING.into()),
        notify_customer: Set(false),
        notify_department: Set(false),
        notify_vendor: Set(false),
        admin_id: Set(new.issuer_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    inventory::take_items(txn, channel.id, &items).await?;
    Ok(order.id)
}

/// Replaces every line of `record` with `lines` (priced now) and returns the new totals. Stock
/// moves with the lines while the order's status holds inventory.
pub async fn replace_lines(
    txn: &DatabaseTransaction,
    record: &OrderRecord,
    lines: &[LineRequest],
    now: DateTime<Utc>,
) -> Result<Totals, ServiceError> {
    let order = &record.order;
    let channel = channels::Entity::find_by_id(order.channel_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::internal("order without channel"))?;
    let tz: chrono_tz::Tz = channel.timezone.parse().unwrap_or(chrono_tz::UTC);
    let priced = price_lines(txn, &channel, &order.locale, lines, now.with_timezone(&tz).date_naive()).await?;
    let holds = StatusMap::load(txn).await?.holds_inventory(&order.status_code);
    if holds {
        inventory::release(txn, order.channel_id, &record.items).await?;
    }
    order_items::Entity::delete_many().filter(order_items::Column::OrderId.eq(order.id)).exec(txn).await?;
    let rate = rate_to(txn, &channel, &order.order_currency_code).await?;
    let items = insert_lines(txn, order.id, &priced, rate, now).await?;
    if holds {
        inventory::take_items(txn, order.channel_id, &items).await?;
    }
    let method = match &order.shipping_method {
        Some(code) => {
            shipping_methods::Entity::find().filter(shipping_methods::Column::Code.eq(code.as_str())).one(txn).await?
        }
        None => None,
    };
    let mut active: orders::ActiveModel = order.clone().into();
    active.total_item_count = Set(priced.len() as i32);
    active.total_qty_ordered = Set(priced.iter().map(|l| l.qty).sum());
    active.update(txn).await?;
    Ok(totals(&priced, method.as_ref()))
}
