//! Editing and deleting placed orders.

use chrono::{DateTime, Utc};
use polyshop_entities::{addresses, channels, orders, shipping_methods};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DatabaseTransaction, EntityTrait, IntoActiveModel,
    QuerySelect,
};

use super::{
    OrderRecord,
    fulfilment::order_not_found,
    placement::{self, LineChoice, LineRequest, Totals},
    statuses::{self, StatusChange},
    store,
};
use crate::catalog::kind;

/// Fields of a contact to change; `None` keeps a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactEdit {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub street: Option<Vec<String>>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
}

impl ContactEdit {
    fn is_empty(&self) -> bool {
        self == &ContactEdit::default()
    }
}

/// A change to an order; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct OrderEdit {
    pub status: Option<String>,
    pub notify: StatusChange,
    /// Replaces every line.
    pub lines: Option<Vec<LineRequest>>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub billing: ContactEdit,
    pub shipping: ContactEdit,
    /// A new total (base currency); takes priority over `discount`.
    pub total: Option<Decimal>,
    /// A new discount (base currency).
    pub discount: Option<Decimal>,
    pub payment_method_id: Option<i64>,
    pub shipping_method_id: Option<i64>,
    pub customer_note: Option<String>,
    pub admin_notes: Option<String>,
}

/// `lines` with what their order lines were sold with where a line sends no choice of its own
/// (CS-Cart's order edit sends product ids, amounts and options only): the bundle's picks, the
/// customizable options, the booking, the downloadable links and a configurable's options. A
/// line takes those of the order line whose item id is its key (CS-Cart lists lines by item
/// id), else of the first order line of the same product not taken yet.
fn with_sold_choices(record: &OrderRecord, lines: &[LineRequest]) -> Vec<LineRequest> {
    let sold: Vec<_> = record.items.iter().filter(|i| i.parent_id.is_none()).collect();
    let mut taken = vec![false; sold.len()];
    let mut matched: Vec<Option<usize>> = vec![None; lines.len()];
    let same_product = |l: &LineRequest, n: usize| sold[n].product_id == Some(l.product_id);
    for (at, l) in lines.iter().enumerate() {
        if let Some(n) = (0..sold.len()).find(|&n| same_product(l, n) && sold[n].id.to_string() == l.key.trim())
            && !taken[n]
        {
            taken[n] = true;
            matched[at] = Some(n);
        }
    }
    for (at, l) in lines.iter().enumerate() {
        if matched[at].is_none()
            && let Some(n) = (0..sold.len()).find(|&n| !taken[n] && same_product(l, n))
        {
            taken[n] = true;
            matched[at] = Some(n);
        }
    }
    lines
        .iter()
        .zip(matched)
        .map(|(l, n)| {
            let mut l = l.clone();
            let Some(item) = n.map(|n| sold[n]) else { return l };
            let (links, choice) = LineChoice::of_order_item(item.additional.as_ref());
            if l.choice.is_empty() && l.links.is_empty() {
                l.choice = choice;
                l.links = links;
            }
            if l.options.is_empty() && item.type_ == kind::CONFIGURABLE {
                l.options = configured_options(item.additional.as_ref());
            }
            l
        })
        .collect()
}

/// A configurable line's options as sold: attribute id → option id.
fn configured_options(additional: Option<&serde_json::Value>) -> std::collections::BTreeMap<i64, i64> {
    let attributes = additional.and_then(|a| a.get("attributes")).and_then(|a| a.as_array());
    attributes
        .into_iter()
        .flatten()
        .filter_map(|a| Some((a.get("attribute_id")?.as_i64()?, a.get("option_id")?.as_i64()?)))
        .collect()
}

/// Applies `edit` to order `order_id` in one transaction.
pub async fn edit_order(
    db: &DatabaseConnection,
    order_id: i64,
    edit: OrderEdit,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    crate::db::write_transaction(db, |txn| Box::pin(apply(txn, order_id, edit, now))).await
}

async fn apply(
    txn: &DatabaseTransaction,
    order_id: i64,
    edit: OrderEdit,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    orders::Entity::find_by_id(order_id).lock_exclusive().one(txn).await?.ok_or_else(order_not_found)?;
    let record = store::find_order(txn, order_id).await?.ok_or_else(order_not_found)?;
    let order = &record.order;
    let channel = channels::Entity::find_by_id(order.channel_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::internal("order without channel"))?;
    let rate = placement::rate_to(txn, &channel, &order.order_currency_code).await?;

    let mut totals = Totals {
        sub_total: order.base_sub_total.value(),
        shipping: order.base_shipping_amount.value(),
        tax: order.base_tax_amount.value(),
        discount: order.base_discount_amount.value(),
        grand_total: order.base_grand_total.value(),
    };
    let mut active = order.clone().into_active_model();
    let mut reprice = false;

    if let Some(lines) = &edit.lines {
        let lines = with_sold_choices(&record, lines);
        let fresh = placement::replace_lines(txn, &record, &lines, now).await?;
        totals.sub_total = fresh.sub_total;
        totals.shipping = fresh.shipping;
        let replaced = store::find_order(txn, order_id).await?.ok_or_else(order_not_found)?;
        let top_level = || replaced.items.iter().filter(|i| i.parent_id.is_none());
        active.total_item_count = Set(placement::count(top_level().count()));
        active.total_qty_ordered = Set(placement::units(top_level().map(|i| i.qty_ordered)));
        reprice = true;
    }
    if let Some(id) = edit.shipping_method_id {
        let method = placement::active_shipping_method(txn, id).await?;
        let items = store::find_order(txn, order_id).await?.ok_or_else(order_not_found)?.items;
        let units: i64 = items
            .iter()
            .filter(|i| !items.iter().any(|c| c.parent_id == Some(i.id)) && kind::ships(&i.type_))
            .map(|i| i64::from(i.qty_ordered))
            .sum();
        totals.shipping = shipping_for(&method, units);
        active.shipping_method = Set(Some(method.code.clone()));
        active.shipping_title = Set(Some(method.title.clone()));
        reprice = true;
    }
    if let Some(id) = edit.payment_method_id {
        let method = placement::active_payment_method(txn, id).await?;
        if let Some(p) = &record.payment {
            let mut payment = p.clone().into_active_model();
            payment.method = Set(method.code.clone());
            payment.method_title = Set(method.title.clone());
            payment.updated_at = Set(now);
            payment.update(txn).await?;
        }
    }

    // `total` takes priority over the discount, which takes priority over the old discount.
    let before_discount = totals.sub_total + totals.shipping + totals.tax;
    if let Some(total) = edit.total {
        if total.is_sign_negative() {
            return Err(ServiceError::bad_request(format!("total: must not be negative, got {total}")));
        }
        totals.grand_total = total;
        totals.discount = (before_discount - total).max(Decimal::ZERO);
        reprice = true;
    } else if let Some(discount) = edit.discount {
        if discount.is_sign_negative() || discount > before_discount {
            return Err(ServiceError::bad_request(format!(
                "discount: must be between 0 and the order's amount before discount ({before_discount}), got {discount}"
            )));
        }
        totals.discount = discount;
        totals.grand_total = before_discount - discount;
        reprice = true;
    } else if reprice {
        totals.discount = totals.discount.min(before_discount);
        totals.grand_total = before_discount - totals.discount;
    }
    if reprice {
        placement::set_totals(&mut active, totals, rate)?;
    }

    if let Some(email) = &edit.email {
        active.customer_email = Set(email.clone());
    }
    if let Some(v) = &edit.first_name {
        active.customer_first_name = Set(v.clone());
    }
    if let Some(v) = &edit.last_name {
        active.customer_last_name = Set(v.clone());
    }
    if let Some(v) = &edit.customer_note {
        active.customer_note = Set(Some(v.clone()));
    }
    if let Some(v) = &edit.admin_notes {
        active.admin_notes = Set(Some(v.clone()));
    }
    active.updated_at = Set(now);
    active.update(txn).await?;

    edit_contact(txn, &record, "order_billing", &edit.billing, edit.email.as_deref(), now).await?;
    edit_contact(txn, &record, "order_shipping", &edit.shipping, edit.email.as_deref(), now).await?;

    if let Some(code) = &edit.status {
        let fresh = store::find_order(txn, order_id).await?.ok_or_else(order_not_found)?;
        statuses::set_status(txn, &fresh, code, edit.notify, now).await?;
    }
    Ok(())
}

fn shipping_for(method: &shipping_methods::Model, units: i64) -> Decimal {
    match method.rate_type.as_str() {
        _ if units == 0 => Decimal::ZERO,
        "per_unit" => method.rate.value() * Decimal::from(units),
        _ => method.rate.value(),
    }
}

/// Changes the fields given of one of the order's addresses (and its email when given).
async fn edit_contact(
    txn: &DatabaseTransaction,
    record: &OrderRecord,
    kind: &str,
    edit: &ContactEdit,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let address = if kind == "order_billing" { &record.billing_address } else { &record.shipping_address };
    let Some(address) = address else {
        if !edit.is_empty() && kind == "order_shipping" {
            return Err(ServiceError::bad_request(
                "user_data: this order is not shipped, so it has no shipping address",
            ));
        }
        return Ok(());
    };
    if edit.is_empty() && email.is_none() {
        return Ok(());
    }
    let mut a: addresses::ActiveModel = address.clone().into_active_model();
    if let Some(v) = &edit.first_name {
        a.first_name = Set(v.clone());
    }
    if let Some(v) = &edit.last_name {
        a.last_name = Set(v.clone());
    }
    if let Some(v) = &edit.street {
        a.address = Set(v.join("\n"));
    }
    if let Some(v) = &edit.city {
        a.city = Set(v.clone());
    }
    if let Some(v) = &edit.state {
        a.state = Set(Some(v.clone()));
    }
    if let Some(v) = &edit.country {
        a.country = Set(v.clone());
    }
    if let Some(v) = &edit.postcode {
        a.postcode = Set(Some(v.clone()));
    }
    if let Some(v) = &edit.phone {
        a.phone = Set(Some(v.clone()));
    }
    if let Some(v) = email {
        a.email = Set(Some(v.to_owned()));
    }
    a.updated_at = Set(now);
    a.update(txn).await?;
    Ok(())
}

/// Deletes an order with its lines, addresses, payment and history. Stock is not returned: an
/// order to take back is canceled first.
pub async fn delete_order(db: &DatabaseConnection, order_id: i64) -> Result<(), ServiceError> {
    crate::db::write_transaction(db, |txn| {
        Box::pin(async move {
            orders::Entity::find_by_id(order_id).lock_exclusive().one(txn).await?.ok_or_else(order_not_found)?;
            // Lines, addresses, payment and history go with it (ON DELETE CASCADE).
            orders::Entity::delete_by_id(order_id).exec(txn).await?;
            Ok(())
        })
    })
    .await
}
