//! Writing an order's rows: its lines, its addresses (from the request or the customer's
//! address book), and the payment and shipping methods it may use.

use chrono::{DateTime, Utc};
use polyshop_entities::{
    addresses, bookings, customers, downloadable_link_purchased, order_items, orders, payment_methods, products,
    shipping_methods,
};
use polyshop_runtime::{Amount, Rate, ServiceError};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use super::{
    prices::{PricedLine, amounts},
    request::{Contact, bad},
};

/// Inserts the order lines: a configurable product's line with its variant as a child line.
pub async fn insert_lines(
    txn: &DatabaseTransaction,
    order_id: i64,
    lines: &[PricedLine],
    rate: Decimal,
    now: DateTime<Utc>,
) -> Result<Vec<order_items::Model>, ServiceError> {
    let mut out = Vec::new();
    for l in lines {
        // Checked by `price_lines` already; checked again rather than trusted.
        let (base_price, price) = amounts("products", l.unit_price, rate)?;
        let (base_total, total) = amounts("products", l.total(), rate)?;
        let (base_tax, tax) = amounts("tax", l.tax(), rate)?;
        let tax_percent = Rate::try_new(l.tax_percent).unwrap_or(Rate::ZERO);
        let additional = if !l.options.is_empty() {
            Some(json!({"attributes": l.options.iter().map(|(id, code, name, option, label)| json!({
                "attribute_id": id, "attribute_code": code, "attribute_name": name, "option_id": option, "option_label": label,
            })).collect::<Vec<_>>()}))
        } else if !l.bundle.is_empty() {
            // Bagisto's shape: the picks and their units as chosen, and a label per pick.
            Some(json!({
                "bundle_options": l.choice.bundle,
                "bundle_option_qty": l.choice.bundle_qty,
                "attributes": l.bundle.iter().map(|m| json!({
                    "attribute_name": m.option_label, "option_id": m.option_id,
                    "option_label": format!("{} x {}", m.qty, m.name),
                })).collect::<Vec<_>>(),
            }))
        } else if let Some(b) = &l.booking {
            // Bagisto's shape: the booking as asked, and its labels.
            Some(json!({
                "booking": l.choice.booking,
                "attributes": b.labels.iter().map(|(name, label)| json!({
                    "attribute_name": name, "option_id": 0, "option_label": label,
                })).collect::<Vec<_>>(),
            }))
        } else if !l.customizable.is_empty() {
            // Bagisto's shape: the values as given, and a label per option answered.
            Some(json!({
                "customizable_options": l.choice.customizable,
                "attributes": l.customizable.iter().map(|o| json!({
                    "attribute_name": o.label, "option_id": o.option_id, "attribute_type": o.kind,
                    "option_label": o.shown,
                })).collect::<Vec<_>>(),
            }))
        } else if !l.links.is_empty() {
            // Bagisto's shape: the chosen link ids, and here their titles as sold.
            Some(json!({
                "links": l.links.iter().map(|s| s.link.id).collect::<Vec<_>>(),
                "link_titles": l.links.iter().map(|s| s.title.clone()).collect::<Vec<_>>(),
            }))
        } else {
            None
        };
        let item = |product: &products::Model, kind: &str, parent: Option<i64>, prices: [Amount; 6]| {
            let [price, base_price, total, base_total, tax, base_tax] = prices;
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
                price: Set(price),
                base_price: Set(base_price),
                total: Set(total),
                base_total: Set(base_total),
                total_invoiced: Set(Amount::ZERO),
                base_total_invoiced: Set(Amount::ZERO),
                amount_refunded: Set(Amount::ZERO),
                base_amount_refunded: Set(Amount::ZERO),
                discount_amount: Set(Amount::ZERO),
                base_discount_amount: Set(Amount::ZERO),
                tax_amount: Set(tax),
                base_tax_amount: Set(base_tax),
                tax_percent: Set(if parent.is_some() { Rate::ZERO } else { tax_percent }),
                weight: Set(l.stock_product().weight),
                additional: Set(additional.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        };
        let parent = item(&l.product, &l.product.type_, None, [price, base_price, total, base_total, tax, base_tax])
            .insert(txn)
            .await?;
        let parent_id = parent.id;
        out.push(parent);
        if let Some(v) = &l.variant {
            out.push(item(v, &v.type_, Some(parent_id), [Amount::ZERO; 6]).insert(txn).await?);
        }
        // A bundle's picks as child lines: their units for the whole line, at their prices
        // (the parent line carries the amounts and the tax).
        for m in &l.bundle {
            let qty = m
                .qty
                .checked_mul(l.qty)
                .ok_or_else(|| bad("products: a bundle's units exceed an order line".into()))?;
            let (base_price, price) = amounts("products", m.unit_price, rate)?;
            let (base_total, total) = amounts("products", m.unit_price * Decimal::from(qty), rate)?;
            let mut child = item(
                &m.product,
                &m.product.type_,
                Some(parent_id),
                [price, base_price, total, base_total, Amount::ZERO, Amount::ZERO],
            );
            child.sku = Set(m.product.sku.clone());
            child.name = Set(m.name.clone());
            child.qty_ordered = Set(qty);
            child.weight = Set(m.product.weight);
            child.additional = Set(Some(json!({"bundle_option_id": m.option_id, "qty_per_bundle": m.qty})));
            out.push(child.insert(txn).await?);
        }
    }
    Ok(out)
}

/// The return window of lines ordered (days; configuration, per channel), and the product
/// types whose lines may be returned (comma-separated), as Bagisto's RMA settings name them.
pub const RMA_DEFAULT_ALLOW_DAYS: &str = "sales.rma.setting.default_allow_days";
pub const RMA_ALLOWED_TYPES: &str = "sales.rma.setting.select_allowed_product_type";

/// Records on each top-level line of a new order how many days it may be returned: the
/// channel's default window for the product types returns are allowed for, none otherwise.
/// A later change of the settings leaves placed orders as they were sold.
pub async fn record_return_windows(
    txn: &DatabaseTransaction,
    channel: &polyshop_entities::channels::Model,
    locale: &str,
    items: &[order_items::Model],
) -> Result<(), ServiceError> {
    use crate::settings::store::config_value;
    let days = config_value(txn, RMA_DEFAULT_ALLOW_DAYS, &channel.code, locale).await?;
    let days = days.and_then(|d| d.trim().parse::<i32>().ok()).unwrap_or(7).clamp(0, 3650);
    let types = config_value(txn, RMA_ALLOWED_TYPES, &channel.code, locale).await?;
    let types = types.unwrap_or_else(|| "simple,configurable,bundle,grouped".into());
    let allowed: Vec<&str> = types.split(',').map(str::trim).collect();
    let returnable: Vec<i64> =
        items.iter().filter(|i| i.parent_id.is_none() && allowed.contains(&i.type_.as_str())).map(|i| i.id).collect();
    if returnable.is_empty() {
        return Ok(());
    }
    order_items::Entity::update_many()
        .col_expr(order_items::Column::RmaReturnPeriod, sea_orm::sea_query::Expr::value(days))
        .filter(order_items::Column::Id.is_in(returnable))
        .exec(txn)
        .await?;
    Ok(())
}

/// Writes the download links bought with the downloadable lines of `order` (`items` as
/// `insert_lines` returned them for `lines`): one per chosen link, pending until the order is
/// paid, with the link's allowance times the quantity (0, unlimited, stays 0).
pub async fn save_links(
    txn: &DatabaseTransaction,
    order: &orders::Model,
    items: &[order_items::Model],
    lines: &[PricedLine],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let top_level = items.iter().filter(|i| i.parent_id.is_none());
    for (item, line) in top_level.zip(lines) {
        for sold in &line.links {
            let bought = sold.link.downloads.max(0).checked_mul(line.qty).unwrap_or(i32::MAX);
            downloadable_link_purchased::ActiveModel {
                order_id: Set(order.id),
                order_item_id: Set(item.id),
                customer_id: Set(order.customer_id),
                product_name: Set(item.name.clone()),
                name: Set(sold.title.clone()),
                type_: Set(sold.link.type_.clone()),
                url: Set(sold.link.url.clone()),
                file: Set(sold.link.file.clone()),
                file_name: Set(sold.link.file_name.clone()),
                download_bought: Set(bought),
                download_used: Set(0),
                download_canceled: Set(0),
                status: Set(crate::sales::downloads::PENDING.into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Writes the bookings of the booking lines of `order` (`items` as `insert_lines` returned
/// them for `lines`): what each line holds of its slot, rental period or tickets.
pub async fn save_bookings(
    txn: &DatabaseTransaction,
    order: &orders::Model,
    items: &[order_items::Model],
    lines: &[PricedLine],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let top_level = items.iter().filter(|i| i.parent_id.is_none());
    for (item, line) in top_level.zip(lines) {
        let Some(b) = &line.booking else { continue };
        bookings::ActiveModel {
            order_id: Set(order.id),
            order_item_id: Set(item.id),
            booking_product_id: Set(b.booking_product_id),
            ticket_id: Set(b.ticket_id),
            starts_at: Set(b.starts_at),
            ends_at: Set(b.ends_at),
            qty: Set(line.qty),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
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
pub(super) async fn customer_contact(
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
