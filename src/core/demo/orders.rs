//! 50 demo orders cycling through ten scenarios, so every fulfilment status and every payment
//! state appears, with guests, several currencies, configurable lines and virtual-only orders.

use polyshop_entities::{addresses, order_items, order_payments, orders};
use polyshop_runtime::{Amount, Rate};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};
use serde_json::json;

use super::{
    catalog::{DemoCatalog, StoreIds},
    customers::{DemoAddress, DemoCustomer},
    fixed::{Dice, at},
};
use crate::sales::{
    payment, status,
    statuses::{CoreState, StatusMap},
};

pub const ORDER_COUNT: usize = 50;

/// (order status, fulfilment handle, payment status, tracked)
pub(super) const SCENARIOS: &[(&str, &str, &str, bool)] = &[
    (status::PENDING, "incomplete", payment::PENDING, false),
    (status::PENDING_PAYMENT, "incomplete", payment::PENDING, false),
    (status::PROCESSING, "processing", payment::PAID, false),
    (status::PROCESSING, "shipped", payment::PAID, true),
    (status::COMPLETED, "delivered", payment::PAID, true),
    (status::CANCELED, "nodelivery", payment::PENDING, false),
    (status::CLOSED, "returned", payment::REFUNDED, true),
    (status::PROCESSING, "processing", payment::PENDING, false),
    (status::COMPLETED, "delivered", payment::REFUNDED, true),
    (status::PROCESSING, "shipped", payment::PENDING, true),
];

struct Line {
    product_id: i64,
    sku: String,
    name: String,
    kind: &'static str,
    price: Decimal,
    qty: i32,
    /// The variant ordered, for a configurable line.
    child: Option<(i64, String)>,
    options: Vec<(i64, String, String, i64, String)>,
}

fn guest_address(i: usize) -> DemoAddress {
    DemoAddress {
        first_name: ["Grace", "Omar", "Hana"][i % 3].into(),
        last_name: ["Hopper", "Haddad", "Sato"][i % 3].into(),
        company: None,
        lines: format!("{} Guest Lane", 10 + i),
        city: "Tucson".into(),
        state: Some("AZ".into()),
        country: "US".into(),
        postcode: "85701".into(),
        phone: format!("520-555-{:04}", 100 + i),
    }
}

pub async fn seed(
    db: &impl ConnectionTrait,
    store: &StoreIds,
    catalog: &DemoCatalog,
    customers: &[DemoCustomer],
) -> Result<usize, DbErr> {
    let mut dice = Dice(20_261_122);
    let shippable_products: Vec<_> =
        catalog.products.iter().filter(|p| p.kind != "virtual" && p.sku != "SUNGLASSES").collect();
    let virtual_products: Vec<_> = catalog.products.iter().filter(|p| p.kind == "virtual").collect();
    let codes = StatusMap::load(db).await.map_err(|e| DbErr::Custom(e.to_string()))?;
    for i in 0..ORDER_COUNT {
        let (order_status, handle, payment_status, tracked) = SCENARIOS[i % SCENARIOS.len()];
        let placed = at(2026, 3, 2, 15, 4) + chrono::Duration::hours((i as i64) * 101);
        let guest = i % 4 == 3;
        let customer = &customers[i % customers.len()];
        let address = if guest { guest_address(i) } else { customer.address.clone_fields() };
        let email = if guest { format!("guest{}@example.net", i + 1) } else { customer.email.clone() };

        // Every ninth order buys only a service (nothing to ship).
        let virtual_only = i % 9 == 4;
        let mut lines = Vec::new();
        let count = if virtual_only { 1 } else { 1 + dice.below(3) as usize };
        for _ in 0..count {
            let product = if virtual_only {
                virtual_products[dice.below(virtual_products.len() as u64) as usize]
            } else {
                shippable_products[dice.below(shippable_products.len() as u64) as usize]
            };
            if lines.iter().any(|l: &Line| l.product_id == product.id) {
                continue;
            }
            let qty = 1 + dice.below(3) as i32;
            if product.variants.is_empty() {
                lines.push(Line {
                    product_id: product.id,
                    sku: product.sku.clone(),
                    name: product.name.clone(),
                    kind: product.kind,
                    price: product.price,
                    qty,
                    child: None,
                    options: vec![],
                });
            } else {
                let v = &product.variants[dice.below(product.variants.len() as u64) as usize];
                lines.push(Line {
                    product_id: product.id,
                    sku: v.sku.clone(),
                    name: product.name.clone(),
                    kind: product.kind,
                    price: v.price,
                    qty,
                    child: Some((v.id, v.sku.clone())),
                    options: v.options.clone(),
                });
            }
        }
        let shipping = !virtual_only;
        let sub_total: Decimal = lines.iter().map(|l| l.price * Decimal::from(l.qty)).sum();
        let qty_total: i32 = lines.iter().map(|l| l.qty).sum();
        // Flat rate: 10.00 per unit; orders over 200.00 ship free.
        let (shipping_code, shipping_title, shipping_amount) = if !shipping {
            (None, None, Decimal::ZERO)
        } else if sub_total > Decimal::from(200) {
            (Some("free_free"), Some("Free Shipping"), Decimal::ZERO)
        } else {
            (Some("flatrate_flatrate"), Some("Flat Rate"), Decimal::from(10 * qty_total))
        };
        let base_grand_total = sub_total + shipping_amount;
        // Every seventh order was placed in euros.
        let (currency, rate) = if i % 7 == 5 { ("EUR", store.eur_rate) } else { ("USD", Decimal::ONE) };
        let conv = |d: Decimal| Amount::new((d * rate).round_dp(2));
        let refunded = payment_status == payment::REFUNDED;
        let order = orders::ActiveModel {
            increment_id: Set(format!("{:06}", i + 1)),
            status: Set(order_status.into()),
            channel_id: Set(store.channel_id),
            channel_name: Set(store.channel_name.clone()),
            is_guest: Set(guest),
            customer_id: Set((!guest).then_some(customer.id)),
            customer_email: Set(email.clone()),
            customer_first_name: Set(address.first_name.clone()),
            customer_last_name: Set(address.last_name.clone()),
            shipping_method: Set(shipping_code.map(str::to_owned)),
            shipping_title: Set(shipping_title.map(str::to_owned)),
            is_gift: Set(false),
            total_item_count: Set(lines.len() as i32),
            total_qty_ordered: Set(qty_total),
            base_currency_code: Set("USD".into()),
            channel_currency_code: Set("USD".into()),
            order_currency_code: Set(currency.into()),
            grand_total: Set(conv(base_grand_total)),
            base_grand_total: Set(Amount::new(base_grand_total)),
            grand_total_invoiced: Set(if payment_status == payment::PENDING {
                Amount::ZERO
            } else {
                conv(base_grand_total)
            }),
            base_grand_total_invoiced: Set(if payment_status == payment::PENDING {
                Amount::ZERO
            } else {
                Amount::new(base_grand_total)
            }),
            grand_total_refunded: Set(if refunded { conv(base_grand_total) } else { Amount::ZERO }),
            base_grand_total_refunded: Set(if refunded { Amount::new(base_grand_total) } else { Amount::ZERO }),
            sub_total: Set(conv(sub_total)),
            base_sub_total: Set(Amount::new(sub_total)),
            sub_total_invoiced: Set(Amount::ZERO),
            base_sub_total_invoiced: Set(Amount::ZERO),
            sub_total_refunded: Set(Amount::ZERO),
            base_sub_total_refunded: Set(Amount::ZERO),
            discount_amount: Set(Amount::ZERO),
            base_discount_amount: Set(Amount::ZERO),
            tax_amount: Set(Amount::ZERO),
            base_tax_amount: Set(Amount::ZERO),
            shipping_amount: Set(conv(shipping_amount)),
            base_shipping_amount: Set(Amount::new(shipping_amount)),
            locale: Set(if address.country == "FR" { "fr" } else { "en" }.into()),
            fulfilment_status: Set(handle.into()),
            status_code: Set(
                codes.code_for(None, CoreState { order_status, fulfilment: handle, payment: payment_status })
            ),
            tracking_id: Set((tracked && shipping).then(|| format!("{}", 900_000 + i))),
            tracking_code: Set((tracked && shipping).then(|| format!("1Z999AA1{:08}", i * 7919))),
            tracking_url: Set(
                (tracked && shipping).then(|| format!("https://track.example.com/1Z999AA1{:08}", i * 7919))
            ),
            customer_note: Set((i % 11 == 2).then(|| "Please leave the parcel with the neighbour.".into())),
            remote_ip: Set(Some(format!("203.0.113.{}", 10 + i))),
            created_at: Set(placed),
            updated_at: Set(placed + chrono::Duration::hours(30)),
            ..Default::default()
        }
        .insert(db)
        .await?;

        for line in &lines {
            let additional = (!line.options.is_empty()).then(|| {
                json!({
                    "attributes": line.options.iter().map(|(id, code, name, option, label)| json!({
                        "attribute_id": id, "attribute_code": code, "attribute_name": name,
                        "option_id": option, "option_label": label,
                    })).collect::<Vec<_>>(),
                })
            });
            let total = line.price * Decimal::from(line.qty);
            let shipped =
                if handle == "shipped" || handle == "delivered" || handle == "returned" { line.qty } else { 0 };
            let item = |product_id: i64, sku: &str, kind: &str, parent: Option<i64>, price: Decimal, total: Decimal| {
                order_items::ActiveModel {
                    order_id: Set(order.id),
                    product_id: Set(Some(product_id)),
                    parent_id: Set(parent),
                    sku: Set(sku.to_owned()),
                    type_: Set(kind.to_owned()),
                    name: Set(line.name.clone()),
                    qty_ordered: Set(line.qty),
                    qty_shipped: Set(shipped),
                    qty_invoiced: Set(if payment_status == payment::PENDING { 0 } else { line.qty }),
                    qty_canceled: Set(if order_status == status::CANCELED { line.qty } else { 0 }),
                    qty_refunded: Set(if refunded { line.qty } else { 0 }),
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
                    weight: Set(Some(Amount::new(Decimal::new(5, 1)))),
                    additional: Set(additional.clone()),
                    created_at: Set(placed),
                    updated_at: Set(placed),
                    ..Default::default()
                }
            };
            let parent = item(line.product_id, &line.sku, line.kind, None, line.price, total).insert(db).await?;
            if let Some((child_id, child_sku)) = &line.child {
                item(*child_id, child_sku, "simple", Some(parent.id), Decimal::ZERO, Decimal::ZERO).insert(db).await?;
            }
        }

        for kind in ["order_billing", "order_shipping"] {
            if kind == "order_shipping" && !shipping {
                continue;
            }
            addresses::ActiveModel {
                address_type: Set(kind.into()),
                order_id: Set(Some(order.id)),
                customer_id: Set(None),
                first_name: Set(address.first_name.clone()),
                last_name: Set(address.last_name.clone()),
                company_name: Set(address.company.clone()),
                address: Set(address.lines.clone()),
                city: Set(address.city.clone()),
                state: Set(address.state.clone()),
                country: Set(address.country.clone()),
                postcode: Set(Some(address.postcode.clone())),
                email: Set(Some(email.clone())),
                phone: Set(Some(address.phone.clone())),
                vat_id: Set(
                    (address.company.is_some() && kind == "order_billing").then(|| format!("US{:09}", 100_000 + i))
                ),
                default_address: Set(false),
                use_for_shipping: Set(shipping),
                created_at: Set(placed),
                updated_at: Set(placed),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }

        let bank = i % 2 == 1;
        let paid = payment_status != payment::PENDING;
        order_payments::ActiveModel {
            order_id: Set(order.id),
            method: Set(if bank { "moneytransfer" } else { "cashondelivery" }.into()),
            method_title: Set(if bank { "Money Transfer" } else { "Cash On Delivery" }.into()),
            status: Set(payment_status.into()),
            paid_at: Set(paid.then(|| placed + chrono::Duration::hours(2))),
            reference: Set(paid.then(|| format!("TXN-2026-{:05}", i + 1))),
            refunded_at: Set(refunded.then(|| placed + chrono::Duration::days(9))),
            refund_reason: Set(refunded.then(|| "Returned by the customer".into())),
            created_at: Set(placed),
            updated_at: Set(placed),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(ORDER_COUNT)
}

impl DemoAddress {
    fn clone_fields(&self) -> DemoAddress {
        DemoAddress {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            company: self.company.clone(),
            lines: self.lines.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            country: self.country.clone(),
            postcode: self.postcode.clone(),
            phone: self.phone.clone(),
        }
    }
}
