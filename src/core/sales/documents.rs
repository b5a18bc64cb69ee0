//! Invoices and shipments that follow an order's state when another API moves it: paying an
//! order (a CS-Cart status whose payment is `paid`) invoices it, and shipping it (a Community
//! Store fulfilment or a CS-Cart status that ships) ships what is left, with the order's
//! tracking number, so the customer's invoice and shipment views show what was done
//! elsewhere; a new shipment mails the buyer (customer or guest) that the order shipped. Both run in the caller's transaction and do nothing when there is nothing left.

use chrono::{DateTime, Utc};
use polyshop_entities::{invoice_items, invoices, order_items, orders, shipment_items, shipments};
use polyshop_runtime::{Amount, ServiceError};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};

use crate::{
    catalog::kind,
    mail::{OutgoingMail, queue},
};

/// The order's lines as the documents count them: top-level lines (a configurable or bundle
/// line stands for its children).
async fn lines(txn: &DatabaseTransaction, order_id: i64) -> Result<Vec<order_items::Model>, ServiceError> {
    Ok(order_items::Entity::find()
        .filter(order_items::Column::OrderId.eq(order_id))
        .filter(order_items::Column::ParentId.is_null())
        .all(txn)
        .await?)
}

fn open_units(line: &order_items::Model, done: i32) -> i32 {
    (line.qty_ordered - done - line.qty_canceled - line.qty_refunded).max(0)
}

/// Invoices the whole order once it is paid, unless it has an invoice already: its lines,
/// shipping, tax and discount as ordered. Returns the invoice's id.
pub async fn invoice_order(
    txn: &DatabaseTransaction,
    order: &orders::Model,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServiceError> {
    if invoices::Entity::find().filter(invoices::Column::OrderId.eq(order.id)).count(txn).await? > 0 {
        return Ok(None);
    }
    let lines: Vec<order_items::Model> =
        lines(txn, order.id).await?.into_iter().filter(|l| open_units(l, l.qty_invoiced) > 0).collect();
    if lines.is_empty() {
        return Ok(None);
    }
    let total_qty: i32 = lines.iter().map(|l| open_units(l, l.qty_invoiced)).fold(0, i32::saturating_add);
    // The order's own totals when every unit is invoiced; otherwise (some were cancelled or
    // refunded first) the open units at their prices, with the order's shipping.
    let whole = lines.iter().all(|l| open_units(l, l.qty_invoiced) == l.qty_ordered);
    let part = |price: Amount, qty: i32| Amount::try_new(price.value() * Decimal::from(qty)).unwrap_or(Amount::ZERO);
    let money = |d: Decimal| Amount::try_new(d).unwrap_or(Amount::ZERO);
    let (sub, base_sub) = if whole {
        (order.sub_total, order.base_sub_total)
    } else {
        let units = |l: &order_items::Model| Decimal::from(open_units(l, l.qty_invoiced));
        (
            money(lines.iter().map(|l| l.price.value() * units(l)).sum()),
            money(lines.iter().map(|l| l.base_price.value() * units(l)).sum()),
        )
    };
    let (grand, base_grand, tax, base_tax, discount, base_discount) = if whole {
        let o = order;
        (o.grand_total, o.base_grand_total, o.tax_amount, o.base_tax_amount, o.discount_amount, o.base_discount_amount)
    } else {
        let grand = money(sub.value() + order.shipping_amount.value());
        let base_grand = money(base_sub.value() + order.base_shipping_amount.value());
        (grand, base_grand, Amount::ZERO, Amount::ZERO, Amount::ZERO, Amount::ZERO)
    };
    let invoice = invoices::ActiveModel {
        increment_id: Set(order.increment_id.clone()),
        order_id: Set(order.id),
        state: Set("paid".into()),
        email_sent: Set(false),
        total_qty: Set(total_qty),
        base_currency_code: Set(order.base_currency_code.clone()),
        channel_currency_code: Set(order.channel_currency_code.clone()),
        order_currency_code: Set(order.order_currency_code.clone()),
        sub_total: Set(sub),
        base_sub_total: Set(base_sub),
        grand_total: Set(grand),
        base_grand_total: Set(base_grand),
        shipping_amount: Set(order.shipping_amount),
        base_shipping_amount: Set(order.base_shipping_amount),
        tax_amount: Set(tax),
        base_tax_amount: Set(base_tax),
        discount_amount: Set(discount),
        base_discount_amount: Set(base_discount),
        reminders: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for line in lines {
        let qty = open_units(&line, line.qty_invoiced);
        let (total, base_total) =
            if whole { (line.total, line.base_total) } else { (part(line.price, qty), part(line.base_price, qty)) };
        let taxed = |a: Amount| if whole { a } else { Amount::ZERO };
        invoice_items::ActiveModel {
            invoice_id: Set(invoice.id),
            order_item_id: Set(line.id),
            product_id: Set(line.product_id),
            sku: Set(line.sku.clone()),
            name: Set(line.name.clone()),
            qty: Set(qty),
            price: Set(line.price),
            base_price: Set(line.base_price),
            total: Set(total),
            base_total: Set(base_total),
            tax_amount: Set(taxed(line.tax_amount)),
            base_tax_amount: Set(taxed(line.base_tax_amount)),
            discount_amount: Set(taxed(line.discount_amount)),
            base_discount_amount: Set(taxed(line.base_discount_amount)),
            additional: Set(line.additional.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let invoiced = line.qty_invoiced.saturating_add(qty);
        let mut active = line.into_active_model();
        active.qty_invoiced = Set(invoiced);
        active.total_invoiced = Set(total);
        active.base_total_invoiced = Set(base_total);
        active.updated_at = Set(now);
        active.update(txn).await?;
    }
    let mut active = order.clone().into_active_model();
    active.grand_total_invoiced = Set(grand);
    active.base_grand_total_invoiced = Set(base_grand);
    active.sub_total_invoiced = Set(sub);
    active.base_sub_total_invoiced = Set(base_sub);
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(Some(invoice.id))
}

/// Ships what is left of the order (the units of lines that ship, not yet shipped, cancelled
/// or refunded) as one shipment with the order's carrier and tracking number; when nothing is
/// left, a new tracking number goes onto the latest shipment. Returns the new shipment's id.
pub async fn ship_order(
    txn: &DatabaseTransaction,
    order: &orders::Model,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServiceError> {
    let track = order.tracking_code.clone().or_else(|| order.tracking_id.clone());
    let lines: Vec<order_items::Model> = lines(txn, order.id)
        .await?
        .into_iter()
        .filter(|l| kind::ships(&l.type_) && open_units(l, l.qty_shipped) > 0)
        .collect();
    if lines.is_empty() {
        if let Some(track) = track {
            let latest = shipments::Entity::find()
                .filter(shipments::Column::OrderId.eq(order.id))
                .all(txn)
                .await?
                .into_iter()
                .max_by_key(|s| s.id);
            if let Some(shipment) = latest.filter(|s| s.track_number.as_deref() != Some(track.as_str())) {
                let mut active = shipment.into_active_model();
                active.track_number = Set(Some(track));
                active.updated_at = Set(now);
                active.update(txn).await?;
            }
        }
        return Ok(None);
    }
    let total_qty: i32 = lines.iter().map(|l| open_units(l, l.qty_shipped)).fold(0, i32::saturating_add);
    let weight: Decimal =
        lines.iter().filter_map(|l| l.weight.map(|w| w.value() * Decimal::from(open_units(l, l.qty_shipped)))).sum();
    let notify = !order.customer_email.trim().is_empty();
    let shipment = shipments::ActiveModel {
        order_id: Set(order.id),
        total_qty: Set(total_qty),
        total_weight: Set(Amount::try_new(weight).filter(|w| !w.value().is_zero())),
        email_sent: Set(notify),
        carrier_code: Set(order.shipping_method.clone()),
        carrier_title: Set(order.shipping_title.clone()),
        track_number: Set(track),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for line in lines {
        let qty = open_units(&line, line.qty_shipped);
        let total = Amount::try_new(line.price.value() * Decimal::from(qty)).unwrap_or(line.total);
        let base_total = Amount::try_new(line.base_price.value() * Decimal::from(qty)).unwrap_or(line.base_total);
        shipment_items::ActiveModel {
            shipment_id: Set(shipment.id),
            order_item_id: Set(line.id),
            product_id: Set(line.product_id),
            sku: Set(line.sku.clone()),
            name: Set(line.name.clone()),
            qty: Set(qty),
            weight: Set(line.weight),
            price: Set(line.price),
            base_price: Set(line.base_price),
            total: Set(total),
            base_total: Set(base_total),
            additional: Set(line.additional.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let shipped = line.qty_shipped + qty;
        let mut active = line.into_active_model();
        active.qty_shipped = Set(shipped);
        active.updated_at = Set(now);
        active.update(txn).await?;
    }
    if notify {
        queue(txn, shipped_mail(order, shipment.track_number.as_deref()), now).await?;
    }
    Ok(Some(shipment.id))
}

/// The mail telling the buyer (a customer or a guest, by the order's email) that their order
/// shipped, with the carrier and tracking number when there is one (Bagisto's new-shipment mail).
fn shipped_mail(order: &orders::Model, track: Option<&str>) -> OutgoingMail {
    let number = &order.increment_id;
    let carrier = order.shipping_title.as_deref().map(|t| format!(" with {t}")).unwrap_or_default();
    let tracking = track.map(|t| format!(" Tracking number: {t}.")).unwrap_or_default();
    OutgoingMail {
        kind: "order_shipped",
        to: order.customer_email.trim().to_owned(),
        subject: format!("Your order #{number} has shipped"),
        body: format!("Your order #{number} has shipped{carrier}.{tracking}\n"),
    }
}
