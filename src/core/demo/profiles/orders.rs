//! Generated customers (each with an address) and orders across every state of the demo's
//! scenarios, with their items, addresses, payment, and the invoice and shipment of those paid
//! or shipped.

use polyshop_entities::{
    addresses, channels, customer_groups, customers, invoice_items, invoices, order_items, order_payments, orders,
    shipment_items, shipments,
};
use polyshop_runtime::{Amount, Rate};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{bulk::Bulk, catalog::Catalog, profile::Sizes};
use crate::{
    demo::{
        fixed::{Dice, at},
        orders::SCENARIOS,
    },
    sales::{
        payment, status,
        statuses::{CoreState, StatusMap},
    },
};

const FIRST: &[&str] = &["Ada", "Bruno", "Chloé", "Dev", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas"];
const LAST: &[&str] = &["Lovelace", "Marchetti", "Dubois", "Patel", "Rossi", "Haddad", "Berg", "Tanaka", "Silva"];
const CITIES: &[(&str, &str, Option<&str>, &str)] = &[
    ("Phoenix", "US", Some("AZ"), "85001"),
    ("Lyon", "FR", None, "69001"),
    ("Austin", "US", Some("TX"), "73301"),
    ("Lille", "FR", None, "59000"),
];

pub struct Customer {
    id: i64,
    email: String,
    first: String,
    last: String,
    city: usize,
}

pub async fn customers<C: ConnectionTrait>(
    bulk: &mut Bulk<'_, C>,
    sizes: Sizes,
    seed: u64,
) -> Result<Vec<Customer>, DbErr> {
    let db = bulk.db;
    let mut dice = Dice(seed ^ 0xC057_0E25);
    let general = customer_groups::Entity::find()
        .filter(customer_groups::Column::Code.eq("general"))
        .one(db)
        .await?
        .map(|g| g.id);
    let t = at(2026, 2, 1, 9, 0);
    let mut next = bulk.next_id::<customers::Entity>().await?;
    let (mut rows, mut address_rows, mut out) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..sizes.customers {
        let id = next;
        next += 1;
        let (first, last) = (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        let email = format!("customer{}@example.org", n + 1);
        let city = dice.below(CITIES.len() as u64) as usize;
        let created = t + chrono::Duration::minutes(n as i64);
        rows.push(customers::ActiveModel {
            id: Set(id),
            customer_group_id: Set(general),
            first_name: Set(first.into()),
            last_name: Set(last.into()),
            email: Set(email.clone()),
            status: Set(true),
            is_verified: Set(true),
            is_suspended: Set(false),
            subscribed_to_news_letter: Set(n % 4 == 0),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        });
        address_rows.push(address("customer", Some(id), None, first, last, city, n, &email, true, created));
        out.push(Customer { id, email, first: first.into(), last: last.into(), city });
    }
    bulk.insert("customers", rows).await?;
    bulk.insert("customers", address_rows).await?;
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn address(
    kind: &str,
    customer_id: Option<i64>,
    order_id: Option<i64>,
    first: &str,
    last: &str,
    city: usize,
    n: usize,
    email: &str,
    shipping: bool,
    t: chrono::DateTime<chrono::Utc>,
) -> addresses::ActiveModel {
    let (city, country, state, postcode) = CITIES[city];
    addresses::ActiveModel {
        address_type: Set(kind.into()),
        customer_id: Set(customer_id),
        order_id: Set(order_id),
        first_name: Set(first.into()),
        last_name: Set(last.into()),
        address: Set(format!("{} Market Street", 1 + n % 400)),
        city: Set(city.into()),
        state: Set(state.map(str::to_owned)),
        country: Set(country.into()),
        postcode: Set(Some(postcode.into())),
        email: Set(Some(email.into())),
        phone: Set(Some(format!("555-{:04}", n % 10_000))),
        default_address: Set(kind == "customer"),
        use_for_shipping: Set(shipping),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
}

/// Rows waiting to be written.
#[derive(Default)]
struct Rows {
    orders: Vec<orders::ActiveModel>,
    items: Vec<order_items::ActiveModel>,
    addresses: Vec<addresses::ActiveModel>,
    payments: Vec<order_payments::ActiveModel>,
    invoices: Vec<invoices::ActiveModel>,
    invoice_items: Vec<invoice_items::ActiveModel>,
    shipments: Vec<shipments::ActiveModel>,
    shipment_items: Vec<shipment_items::ActiveModel>,
}

impl Rows {
    async fn flush<C: ConnectionTrait>(&mut self, bulk: &mut Bulk<'_, C>) -> Result<(), DbErr> {
        bulk.insert("orders", std::mem::take(&mut self.orders)).await?;
        bulk.insert("orders", std::mem::take(&mut self.items)).await?;
        bulk.insert("orders", std::mem::take(&mut self.addresses)).await?;
        bulk.insert("orders", std::mem::take(&mut self.payments)).await?;
        bulk.insert("orders", std::mem::take(&mut self.invoices)).await?;
        bulk.insert("orders", std::mem::take(&mut self.invoice_items)).await?;
        bulk.insert("orders", std::mem::take(&mut self.shipments)).await?;
        bulk.insert("orders", std::mem::take(&mut self.shipment_items)).await
    }
}

/// `sizes.orders` orders cycling through the demo's scenarios (every status, fulfilment and
/// payment state), a quarter of them by guests, placed over the year before the demo's "now".
pub async fn generate<C: ConnectionTrait>(
    bulk: &mut Bulk<'_, C>,
    sizes: Sizes,
    seed: u64,
    catalog: &Catalog,
    people: &[Customer],
) -> Result<usize, DbErr> {
    let db = bulk.db;
    let mut dice = Dice(seed ^ 0x0DE2_5EED);
    let codes = StatusMap::load(db).await.map_err(|e| DbErr::Custom(e.to_string()))?;
    let channel = channels::Entity::find()
        .filter(channels::Column::Code.eq("default"))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("default channel".into()))?;
    let mut order_id = bulk.next_id::<orders::Entity>().await?;
    let mut item_id = bulk.next_id::<order_items::Entity>().await?;
    let mut invoice_id = bulk.next_id::<invoices::Entity>().await?;
    let mut shipment_id = bulk.next_id::<shipments::Entity>().await?;
    let first_increment = order_id;
    let mut rows = Rows::default();
    let zero = || Set(Amount::ZERO);
    for n in 0..sizes.orders {
        let id = order_id;
        order_id += 1;
        let (order_status, handle, payment_status, tracked) = SCENARIOS[n % SCENARIOS.len()];
        let placed = at(2025, 11, 1, 8, 0) + chrono::Duration::seconds((n as i64 * 31_536_000) / sizes.orders as i64);
        let guest = n % 4 == 3 || people.is_empty();
        let person = (!guest).then(|| &people[dice.below(people.len() as u64) as usize]);
        let (first, last, city, email) = match person {
            Some(p) => (p.first.clone(), p.last.clone(), p.city, p.email.clone()),
            None => {
                ("Guest".to_owned(), format!("Buyer{}", n % 1000), n % CITIES.len(), format!("guest{n}@example.net"))
            }
        };
        let paid = payment_status != payment::PENDING;
        let refunded = payment_status == payment::REFUNDED;
        let shipped = matches!(handle, "shipped" | "delivered" | "returned");

        let mut sub_total = Decimal::ZERO;
        let mut qty_total = 0;
        let mut lines = Vec::new();
        for _ in 0..(1 + dice.below(3)) {
            let s = &catalog.sellable[dice.below(catalog.sellable.len() as u64) as usize];
            let qty = 1 + dice.below(3) as i32;
            sub_total += s.price * Decimal::from(qty);
            qty_total += qty;
            lines.push((s, qty));
        }
        let shipping_amount =
            if sub_total > Decimal::from(200) { Decimal::ZERO } else { Decimal::from(10 * qty_total) };
        let grand = sub_total + shipping_amount;
        let amount = |d: Decimal| Set(Amount::new(d));
        rows.orders.push(orders::ActiveModel {
            id: Set(id),
            increment_id: Set(format!("G{:09}", id - first_increment + 1)),
            status: Set(order_status.into()),
            channel_id: Set(channel.id),
            channel_name: Set(channel.name.clone()),
            is_guest: Set(guest),
            customer_id: Set(person.map(|p| p.id)),
            customer_email: Set(email.clone()),
            customer_first_name: Set(first.clone()),
            customer_last_name: Set(last.clone()),
            shipping_method: Set(Some("flatrate_flatrate".into())),
            shipping_title: Set(Some("Flat Rate".into())),
            is_gift: Set(false),
            total_item_count: Set(lines.len() as i32),
            total_qty_ordered: Set(qty_total),
            base_currency_code: Set("USD".into()),
            channel_currency_code: Set("USD".into()),
            order_currency_code: Set("USD".into()),
            grand_total: amount(grand),
            base_grand_total: amount(grand),
            grand_total_invoiced: amount(if paid { grand } else { Decimal::ZERO }),
            base_grand_total_invoiced: amount(if paid { grand } else { Decimal::ZERO }),
            grand_total_refunded: amount(if refunded { grand } else { Decimal::ZERO }),
            base_grand_total_refunded: amount(if refunded { grand } else { Decimal::ZERO }),
            sub_total: amount(sub_total),
            base_sub_total: amount(sub_total),
            sub_total_invoiced: amount(if paid { sub_total } else { Decimal::ZERO }),
            base_sub_total_invoiced: amount(if paid { sub_total } else { Decimal::ZERO }),
            sub_total_refunded: amount(if refunded { sub_total } else { Decimal::ZERO }),
            base_sub_total_refunded: amount(if refunded { sub_total } else { Decimal::ZERO }),
            discount_amount: zero(),
            base_discount_amount: zero(),
            tax_amount: zero(),
            base_tax_amount: zero(),
            shipping_amount: amount(shipping_amount),
            base_shipping_amount: amount(shipping_amount),
            locale: Set(if CITIES[city].1 == "FR" { "fr" } else { "en" }.into()),
            fulfilment_status: Set(handle.into()),
            status_code: Set(
                codes.code_for(None, CoreState { order_status, fulfilment: handle, payment: payment_status })
            ),
            tracking_code: Set((tracked && shipped).then(|| format!("1Z{id:012}"))),
            created_at: Set(placed),
            updated_at: Set(placed + chrono::Duration::hours(30)),
            ..Default::default()
        });
        for kind in ["order_billing", "order_shipping"] {
            rows.addresses.push(address(kind, None, Some(id), &first, &last, city, n, &email, true, placed));
        }
        rows.payments.push(order_payments::ActiveModel {
            order_id: Set(id),
            method: Set(if n % 2 == 0 { "cashondelivery" } else { "moneytransfer" }.into()),
            method_title: Set(if n % 2 == 0 { "Cash On Delivery" } else { "Money Transfer" }.into()),
            status: Set(payment_status.into()),
            paid_at: Set(paid.then(|| placed + chrono::Duration::hours(2))),
            refunded_at: Set(refunded.then(|| placed + chrono::Duration::days(9))),
            created_at: Set(placed),
            updated_at: Set(placed),
            ..Default::default()
        });
        let invoice = paid.then(|| {
            let iid = invoice_id;
            invoice_id += 1;
            rows.invoices.push(invoices::ActiveModel {
                id: Set(iid),
                increment_id: Set(format!("GI{iid:09}")),
                order_id: Set(id),
                state: Set(if refunded { "refunded" } else { "paid" }.into()),
                email_sent: Set(true),
                total_qty: Set(qty_total),
                base_currency_code: Set("USD".into()),
                channel_currency_code: Set("USD".into()),
                order_currency_code: Set("USD".into()),
                sub_total: amount(sub_total),
                base_sub_total: amount(sub_total),
                grand_total: amount(grand),
                base_grand_total: amount(grand),
                shipping_amount: amount(shipping_amount),
                base_shipping_amount: amount(shipping_amount),
                tax_amount: zero(),
                base_tax_amount: zero(),
                discount_amount: zero(),
                base_discount_amount: zero(),
                reminders: Set(0),
                created_at: Set(placed + chrono::Duration::hours(2)),
                updated_at: Set(placed + chrono::Duration::hours(2)),
                ..Default::default()
            });
            iid
        });
        let shipment = shipped.then(|| {
            let sid = shipment_id;
            shipment_id += 1;
            rows.shipments.push(shipments::ActiveModel {
                id: Set(sid),
                order_id: Set(id),
                total_qty: Set(qty_total),
                email_sent: Set(true),
                carrier_title: Set(Some("UPS".into())),
                track_number: Set(tracked.then(|| format!("1Z{id:012}"))),
                created_at: Set(placed + chrono::Duration::hours(26)),
                updated_at: Set(placed + chrono::Duration::hours(26)),
                ..Default::default()
            });
            sid
        });
        for (s, qty) in lines {
            let item = item_id;
            item_id += 1;
            let total = s.price * Decimal::from(qty);
            // A configurable line is the parent item at its price and its variant's item at 0.
            let line_item =
                |item_id: i64, product_id: i64, parent: Option<i64>, sku: &str, kind: &str, price: Decimal| {
                    let total = price * Decimal::from(qty);
                    let when = |yes: bool, d: Decimal| amount(if yes { d } else { Decimal::ZERO });
                    order_items::ActiveModel {
                        id: Set(item_id),
                        order_id: Set(id),
                        product_id: Set(Some(product_id)),
                        parent_id: Set(parent),
                        sku: Set(sku.to_owned()),
                        type_: Set(kind.to_owned()),
                        name: Set(s.name.clone()),
                        qty_ordered: Set(qty),
                        qty_shipped: Set(if shipped { qty } else { 0 }),
                        qty_invoiced: Set(if paid { qty } else { 0 }),
                        qty_canceled: Set(if order_status == status::CANCELED { qty } else { 0 }),
                        qty_refunded: Set(if refunded { qty } else { 0 }),
                        price: amount(price),
                        base_price: amount(price),
                        total: amount(total),
                        base_total: amount(total),
                        total_invoiced: when(paid, total),
                        base_total_invoiced: when(paid, total),
                        amount_refunded: when(refunded, total),
                        base_amount_refunded: when(refunded, total),
                        discount_amount: zero(),
                        base_discount_amount: zero(),
                        tax_amount: zero(),
                        base_tax_amount: zero(),
                        tax_percent: Set(Rate::ZERO),
                        created_at: Set(placed),
                        updated_at: Set(placed),
                        ..Default::default()
                    }
                };
            let kind = if s.variant.is_some() { "configurable" } else { "simple" };
            rows.items.push(line_item(item, s.product_id, None, &s.sku, kind, s.price));
            if let Some((variant_id, variant_sku)) = &s.variant {
                rows.items.push(line_item(item_id, *variant_id, Some(item), variant_sku, "simple", Decimal::ZERO));
                item_id += 1;
            }
            if let Some(invoice_id) = invoice {
                rows.invoice_items.push(invoice_items::ActiveModel {
                    invoice_id: Set(invoice_id),
                    order_item_id: Set(item),
                    product_id: Set(Some(s.product_id)),
                    sku: Set(s.sku.clone()),
                    name: Set(s.name.clone()),
                    qty: Set(qty),
                    price: amount(s.price),
                    base_price: amount(s.price),
                    total: amount(total),
                    base_total: amount(total),
                    tax_amount: zero(),
                    base_tax_amount: zero(),
                    discount_amount: zero(),
                    base_discount_amount: zero(),
                    created_at: Set(placed),
                    updated_at: Set(placed),
                    ..Default::default()
                });
            }
            if let Some(shipment_id) = shipment {
                rows.shipment_items.push(shipment_items::ActiveModel {
                    shipment_id: Set(shipment_id),
                    order_item_id: Set(item),
                    product_id: Set(Some(s.product_id)),
                    sku: Set(s.sku.clone()),
                    name: Set(s.name.clone()),
                    qty: Set(qty),
                    price: amount(s.price),
                    base_price: amount(s.price),
                    total: amount(total),
                    base_total: amount(total),
                    created_at: Set(placed),
                    updated_at: Set(placed),
                    ..Default::default()
                });
            }
        }
        if rows.orders.len() >= 5_000 {
            rows.flush(bulk).await?;
        }
    }
    rows.flush(bulk).await?;
    Ok(sizes.orders)
}
