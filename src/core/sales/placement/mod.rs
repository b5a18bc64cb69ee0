//! Placing orders and changing their lines: products are resolved and priced from the catalog
//! (never from the request), stock is taken in the same transaction, and totals are computed
//! here, once, for every API that creates or edits orders.
//!
//! Submodules: `request` (what an API asks to place), `prices` (line prices and totals),
//! `bundles` (a bundle's picks), `customizable` (customizable options' values), `bookings`
//! (what a booking line books) and `rows` (the order's lines, addresses and methods as rows).

mod bookings;
mod bundles;
mod customizable;
mod prices;
mod request;
mod rows;

use chrono::{DateTime, Utc};
use polyshop_entities::{
    channels, currencies, customers, order_items, order_payments, order_status_history, orders, shipping_methods,
};
use polyshop_runtime::{Amount, ServiceError};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
};

use super::{OrderRecord, inventory, payment, status, statuses::StatusMap};

pub use bookings::SoldBooking;
pub use bundles::BundleMember;
pub use customizable::{SoldOption, UPLOAD_REF, unanswered_required, upload_of};
pub use prices::{
    MAX_ORDER_UNITS, PricedLine, SoldLink, Totals, amounts, apply_taxes, price_lines, rate_to, set_totals,
    shipping_charge, totals, with_discount,
};
use request::bad;
pub use request::{BookingRequest, Buyer, Contact, LineChoice, LineRequest, NewOrder};
use rows::customer_contact;
pub use rows::{
    RMA_ALLOWED_TYPES, RMA_DEFAULT_ALLOW_DAYS, active_payment_method, active_shipping_method, insert_address,
    insert_lines, record_return_windows, save_bookings, save_links,
};

/// Places `new` in one transaction (new orders are pending, awaiting payment and fulfilment,
/// and hold their stock): the order and its lines, addresses, payment and stock move
/// are written together or not at all. Returns the order's id.
pub async fn place_order(db: &DatabaseConnection, new: NewOrder, now: DateTime<Utc>) -> Result<i64, ServiceError> {
    crate::db::write_transaction(db, |txn| Box::pin(async move { place(txn, new, now).await })).await
}

/// Places `new` inside the caller's transaction (checkout also deactivates the cart in it).
pub async fn place_in(txn: &DatabaseTransaction, new: NewOrder, now: DateTime<Utc>) -> Result<i64, ServiceError> {
    place(txn, new, now).await
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
    let mut lines = price_lines(txn, &channel, &locale, &new.lines, now).await?;
    let payment_method = active_payment_method(txn, new.payment_method_id).await?;
    let ships = lines.iter().any(PricedLine::ships);
    // Taxed where the goods go, or where the buyer is billed when nothing ships.
    let taxed_at = if ships { &shipping_contact } else { &billing };
    apply_taxes(txn, &mut lines, Some(&tax_place(taxed_at))).await?;
    let shipping_method = match (ships, new.shipping_method_id) {
        (true, None) => return Err(bad("shipping_id: required, as the order has products to ship".into())),
        (true, Some(id)) => Some(active_shipping_method(txn, id).await?),
        (false, _) => None,
    };
    let mut totals = totals(&lines, shipping_method.as_ref());
    let coupon = match new.coupon_code.as_deref() {
        Some(code) => {
            let coupon =
                crate::promotions::redeem(txn, code, customer.as_ref().map(|c| c.id), totals.sub_total, today).await?;
            totals = with_discount(totals, &coupon.rule, &lines);
            Some(coupon.coupon.code)
        }
        None => None,
    };
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
        total_item_count: Set(count(lines.len())),
        total_qty_ordered: Set(units(lines.iter().map(|l| l.qty))),
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
        coupon_code: Set(coupon),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_totals(&mut order, totals, Decimal::ONE)?;
    let order = order.insert(txn).await?;
    let mut numbered: orders::ActiveModel = order.clone().into();
    numbered.increment_id = Set(format!("{:06}", order.id));
    numbered.update(txn).await?;

    let items = insert_lines(txn, order.id, &lines, Decimal::ONE, now).await?;
    save_links(txn, &order, &items, &lines, now).await?;
    save_bookings(txn, &order, &items, &lines, now).await?;
    record_return_windows(txn, &channel, &locale, &items).await?;
    insert_address(txn, order.id, "order_billing", &billing, &email, now).await?;
    // An order that ships nothing keeps a shipping address only when the client sent one.
    if ships || new.shipping.is_some() {
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
    // The order's own bookings make way for the lines that replace them.
    bookings::delete_of_order(txn, order.id).await?;
    let mut priced = price_lines(txn, &channel, &order.locale, lines, now).await?;
    let ships = priced.iter().any(PricedLine::ships);
    let taxed_at = if ships { record.shipping_address.as_ref() } else { None }.or(record.billing_address.as_ref());
    let place = taxed_at.map(|a| crate::taxes::TaxPlace {
        country: a.country.clone(),
        state: a.state.clone(),
        postcode: a.postcode.clone(),
    });
    apply_taxes(txn, &mut priced, place.as_ref()).await?;
    let holds = StatusMap::load(txn).await?.holds_inventory(&order.status_code);
    if holds {
        inventory::release(txn, order.channel_id, &record.items).await?;
    }
    order_items::Entity::delete_many().filter(order_items::Column::OrderId.eq(order.id)).exec(txn).await?;
    let rate = rate_to(txn, &channel, &order.order_currency_code).await?;
    let items = insert_lines(txn, order.id, &priced, rate, now).await?;
    save_links(txn, order, &items, &priced, now).await?;
    save_bookings(txn, order, &items, &priced, now).await?;
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
    active.total_item_count = Set(count(priced.len()));
    active.total_qty_ordered = Set(units(priced.iter().map(|l| l.qty)));
    active.update(txn).await?;
    Ok(totals(&priced, method.as_ref()))
}

/// Where an order's contact is taxed.
fn tax_place(c: &Contact) -> crate::taxes::TaxPlace {
    crate::taxes::TaxPlace { country: c.country.clone(), state: c.state.clone(), postcode: c.postcode.clone() }
}

/// A number of lines as the 32-bit count column holds it (request bodies are far smaller).
pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The units of an order's lines, which `price_lines` bounds to [`MAX_ORDER_UNITS`].
pub(crate) fn units(quantities: impl Iterator<Item = i32>) -> i32 {
    i32::try_from(quantities.map(i64::from).sum::<i64>()).unwrap_or(i32::MAX)
}
