//! Core records → Community Store JSON shapes.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_api_community_store::models::{
    BillingContact, DateTimeZone, FulfilmentStatus, Order, OrderCustomer, OrderFulfilment, OrderItem, OrderItemOption,
    OrderRefund, PostalAddress, Product, ProductCategory, ProductOption, ProductOptionValue, ShippingContact,
    StockItem, Variation, VariationOption,
};
use polyshop_entities::{addresses, fulfilment_statuses, order_items, products};
use polyshop_runtime::{Amount, JsonDecimal};
use rust_decimal::Decimal;

use polyshop_core::{
    catalog::{ProductRecord, pricing},
    sales::OrderRecord,
    settings::StoreSettings,
};

/// A PHP `DateTime` as Concrete serializes it: local time in the store's timezone.
pub fn date_time_zone(at: DateTime<Utc>, tz: Tz) -> DateTimeZone {
    DateTimeZone {
        date: at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
        timezone: tz.name().to_owned(),
    }
}

/// Midnight starting `day` in the store's timezone.
fn day_start(day: NaiveDate, tz: Tz) -> DateTimeZone {
    let local = tz.from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap()).earliest();
    DateTimeZone {
        date: local.map(|l| l.format("%Y-%m-%d %H:%M:%S%.6f").to_string()).unwrap_or_default(),
        timezone: tz.name().to_owned(),
    }
}

pub fn fulfilment_status(s: &fulfilment_statuses::Model) -> FulfilmentStatus {
    FulfilmentStatus { id: s.id, handle: s.handle.clone(), name: s.name.clone() }
}

pub fn order(r: &OrderRecord, settings: &StoreSettings, statuses: &[fulfilment_statuses::Model]) -> Order {
    let o = &r.order;
    let tz = settings.timezone;
    let decimals = settings.currency_decimals(&o.order_currency_code);
    let money = |a: Amount| JsonDecimal::with_scale(a.value(), decimals);
    let payment = r.payment.as_ref();
    let status_name = statuses.iter().find(|s| s.handle == o.fulfilment_status).map(|s| s.name.clone());
    let billing = r.billing_address.as_ref();
    let shipping = r.shipping_address.as_ref();
    Order {
        id: o.id,
        date_placed: date_time_zone(o.created_at, tz),
        total: money(o.grand_total),
        payment_method: payment.map(|p| p.method_title.clone()).unwrap_or_default(),
        payment_date: payment.and_then(|p| p.paid_at).map(|at| date_time_zone(at, tz)),
        payment_reference: payment.and_then(|p| p.reference.clone()),
        shipping_method: o.shipping_title.clone().unwrap_or_default(),
        fulfilment: OrderFulfilment {
            status: status_name.unwrap_or_else(|| o.fulfilment_status.clone()),
            handle: o.fulfilment_status.clone(),
            tracking_id: o.tracking_id.clone(),
            tracking_code: o.tracking_code.clone(),
            tracking_url: o.tracking_url.clone(),
        },
        locale: o.locale.clone(),
        customer: OrderCustomer {
            email: o.customer_email.clone(),
            // Registered customers sign in with their email; guests have no account.
            username: o.customer_id.map(|_| o.customer_email.clone()),
            billing: BillingContact {
                phone: billing.and_then(|a| a.phone.clone()),
                first_name: billing.map(|a| a.first_name.clone()),
                last_name: billing.map(|a| a.last_name.clone()),
                company: billing.and_then(|a| a.company_name.clone()),
                address: postal_address(billing),
                vat_number: billing.and_then(|a| a.vat_id.clone()).filter(|v| !v.is_empty()),
            },
            shipping: ShippingContact {
                first_name: shipping.map(|a| a.first_name.clone()),
                last_name: shipping.map(|a| a.last_name.clone()),
                company: shipping.and_then(|a| a.company_name.clone()),
                address: postal_address(shipping),
            },
        },
        items: r.items.iter().filter(|i| i.parent_id.is_none()).map(|i| order_item(i, decimals)).collect(),
        refunded: payment
            .and_then(|p| p.refunded_at.map(|at| (at, p.refund_reason.clone())))
            .map(|(at, reason)| OrderRefund { date: date_time_zone(at, tz), reason }),
    }
}

/// The street lines are stored joined by newlines; Community Store has three fields.
fn postal_address(a: Option<&addresses::Model>) -> PostalAddress {
    let Some(a) = a else {
        return PostalAddress {
            address1: None,
            address2: None,
            address3: None,
            city: None,
            state_province: None,
            country: None,
            postal_code: None,
        };
    };
    let mut lines = a.address.split('\n').map(str::trim);
    PostalAddress {
        address1: lines.next().map(str::to_owned),
        address2: Some(lines.next().unwrap_or_default().to_owned()),
        address3: lines.next().map(str::to_owned),
        city: Some(a.city.clone()),
        state_province: a.state.clone(),
        country: Some(a.country.clone()),
        postal_code: a.postcode.clone(),
    }
}

fn order_item(i: &order_items::Model, decimals: u32) -> OrderItem {
    // Chosen options are kept as Bagisto keeps them: additional.attributes[{attribute_code,
    // attribute_name, option_label}].
    let options = i
        .additional
        .as_ref()
        .and_then(|a| a.get("attributes"))
        .and_then(|a| a.as_array())
        .map(|attrs| {
            attrs
                .iter()
                .map(|a| {
                    let text = |k: &str| a.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                    let value = text("option_label");
                    OrderItemOption {
                        name: text("attribute_name"),
                        handle: text("attribute_code"),
                        value: if value.is_empty() { "None".to_owned() } else { value },
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    OrderItem {
        id: i.id,
        name: i.name.clone(),
        sku: Some(i.sku.clone()),
        quantity: i64::from(i.qty_ordered),
        price: JsonDecimal::with_scale(i.price.value(), decimals),
        options,
    }
}

pub fn product(r: &ProductRecord, settings: &StoreSettings, today: NaiveDate) -> Product {
    let p = &r.product;
    let tz = settings.timezone;
    let decimals = settings.currency_decimals(&settings.base_currency.code);
    let money = |d: Decimal| JsonDecimal::with_scale(d, decimals);
    let t = r.translation.as_ref();
    // A configurable product has no price of its own: it costs what its cheapest variant does.
    let price = r
        .variants
        .iter()
        .map(|v| pricing::current_price(&v.product, today))
        .min()
        .unwrap_or_else(|| pricing::current_price(p, today));
    let storefront = settings.storefront_url();
    let mut images = r.images.iter().map(|i| settings.media_url(&i.path));
    Product {
        id: p.id,
        name: t.map(|t| t.name.clone()).unwrap_or_else(|| p.sku.clone()),
        sku: p.sku.clone(),
        barcode: p.barcode.clone().unwrap_or_default(),
        active: p.status,
        // A configurable product's stock is its variations': unlimited only if theirs all are.
        stock_unlimited: if r.variants.is_empty() {
            !p.manage_stock
        } else {
            r.variants.iter().all(|v| !v.product.manage_stock)
        },
        stock_level: JsonDecimal(Decimal::from(r.stock)),
        short_description: t.and_then(|t| t.short_description.clone()).unwrap_or_default(),
        description: t.and_then(|t| t.description.clone()).unwrap_or_default(),
        brand: r.brand.clone(),
        price: money(price),
        sale_price: p.special_price.map(|s| money(s.value())),
        sale_start: p.special_price_from.map(|d| day_start(d, tz)),
        sale_end: p.special_price_to.map(|d| day_start(d, tz)),
        cost_price: p.cost.map(|c| money(c.value())),
        primary_image: images.next(),
        additional_images: images.collect(),
        groups: r.groups.clone(),
        categories: r
            .categories
            .iter()
            .map(|c| ProductCategory { name: c.name.clone(), url: format!("{storefront}/{}", c.url_path) })
            .collect(),
        options: r
            .super_attributes
            .iter()
            .map(|a| ProductOption {
                name: a.label.clone(),
                handle: a.code.clone(),
                type_: "select".to_owned(),
                required: true,
                // Variants carry their own prices and weights, so options adjust neither.
                options: a
                    .options
                    .iter()
                    .map(|(_, label)| ProductOptionValue {
                        name: label.clone(),
                        price_adjustment: money(Decimal::ZERO),
                        weight_adjustment: JsonDecimal(Decimal::ZERO),
                    })
                    .collect(),
            })
            .collect(),
        variations: r
            .variants
            .iter()
            .map(|v| Variation {
                id: v.product.id,
                sku: v.product.sku.clone(),
                barcode: v.product.barcode.clone().unwrap_or_default(),
                stock_unlimited: !v.product.manage_stock,
                stock_level: JsonDecimal(Decimal::from(v.stock)),
                price: money(pricing::current_price(&v.product, today)),
                sale_price: v.product.special_price.map(|s| money(s.value())),
                cost_price: v.product.cost.map(|c| money(c.value())),
                primary_image: v.images.first().map(|i| settings.media_url(&i.path)),
                options: v
                    .options
                    .iter()
                    .map(|(name, value)| VariationOption { name: name.clone(), value: value.clone() })
                    .collect(),
            })
            .collect(),
        date_added: date_time_zone(p.created_at, tz),
        date_updated: date_time_zone(p.updated_at, tz),
    }
}

/// The stock shape of `/skus` and `/variations`: a variation names its parent product.
pub fn stock_item(p: &products::Model, name: String, stock: i64) -> StockItem {
    StockItem {
        id: p.id,
        product_id: p.parent_id,
        sku: p.sku.clone(),
        name,
        stock_level: JsonDecimal(Decimal::from(stock)),
        stock_unlimited: !p.manage_stock,
        variation: p.parent_id.map(|_| true),
    }
}
