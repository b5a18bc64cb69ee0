//! Core records → CS-Cart JSON shapes, every scalar a string.

use std::collections::BTreeMap;

use polyshop_api_cs_cart::models::{
    Order, OrderProduct, OrderProductOption, OrderShipping, OrderSummary, PaymentMethod, Store,
};
use polyshop_entities::{addresses, payment_methods, shipping_methods};
use polyshop_runtime::{Amount, JsonDecimal};

use polyshop_core::{
    sales::OrderRecord,
    settings::channels::{ChannelRecord, EMAIL, normalize_host},
};

/// Amounts with two decimals: `"677.95"`. CS-Cart keeps order amounts in the store's primary
/// (base) currency, whatever currency the customer paid in.
pub fn money(a: Amount) -> String {
    JsonDecimal::with_scale(a.value(), 2).to_string()
}

pub fn store(r: &ChannelRecord) -> Store {
    let c = &r.channel;
    let storefront = c.hostname.as_deref().map(normalize_host).unwrap_or_default();
    Store {
        company_id: c.id.to_string(),
        lang_code: r.locale.clone(),
        email: r.config(EMAIL).unwrap_or_default().to_owned(),
        company: c.name.clone(),
        timestamp: c.created_at.timestamp().to_string(),
        status: if c.is_maintenance_on { "D" } else { "A" }.to_owned(),
        secure_storefront: c.secure_hostname.as_deref().map(normalize_host).unwrap_or_else(|| storefront.clone()),
        storefront,
        average_rating: None,
        company_thread_ids: None,
    }
}

/// First invoice and first credit memo (refund) of an order.
pub type Documents = (Option<i64>, Option<i64>);

pub fn order_summary(r: &OrderRecord, docs: Documents) -> OrderSummary {
    let o = &r.order;
    OrderSummary {
        order_id: o.id.to_string(),
        issuer_id: o.issuer_id.map(|i| i.to_string()),
        user_id: o.customer_id.unwrap_or(0).to_string(),
        is_parent_order: "N".into(),
        parent_order_id: "0".into(),
        company_id: o.channel_id.to_string(),
        timestamp: o.created_at.timestamp().to_string(),
        firstname: o.customer_first_name.clone(),
        lastname: o.customer_last_name.clone(),
        email: o.customer_email.clone(),
        phone: r.billing_address.as_ref().and_then(|a| a.phone.clone()).unwrap_or_default(),
        status: o.status_code.clone(),
        total: money(o.base_grand_total),
        invoice_id: docs.0.map(|i| i.to_string()),
        credit_memo_id: docs.1.map(|i| i.to_string()),
        points: None,
    }
}

/// What a detailed order needs besides its record.
pub struct OrderContext<'a> {
    pub docs: Documents,
    pub payment_method: Option<&'a payment_methods::Model>,
    pub shipping_method: Option<&'a shipping_methods::Model>,
    pub shipment_ids: &'a [i64],
    pub country_names: &'a BTreeMap<String, String>,
    pub state_names: &'a BTreeMap<(String, String), String>,
}

/// An address's fields the way CS-Cart names them, with a `b_` or `s_` prefix.
struct Postal {
    first: String,
    last: String,
    address: String,
    address_2: String,
    city: String,
    state: String,
    state_descr: String,
    country: String,
    country_descr: String,
    zipcode: String,
    phone: String,
}

fn postal(a: Option<&addresses::Model>, cx: &OrderContext<'_>) -> Postal {
    let Some(a) = a else {
        return Postal {
            first: String::new(),
            last: String::new(),
            address: String::new(),
            address_2: String::new(),
            city: String::new(),
            state: String::new(),
            state_descr: String::new(),
            country: String::new(),
            country_descr: String::new(),
            zipcode: String::new(),
            phone: String::new(),
        };
    };
    let mut lines = a.address.split('\n');
    let state = a.state.clone().unwrap_or_default();
    Postal {
        first: a.first_name.clone(),
        last: a.last_name.clone(),
        address: lines.next().unwrap_or_default().to_owned(),
        address_2: lines.collect::<Vec<_>>().join(", "),
        city: a.city.clone(),
        state_descr: cx.state_names.get(&(a.country.clone(), state.clone())).cloned().unwrap_or_else(|| state.clone()),
        state,
        country_descr: cx.country_names.get(&a.country).cloned().unwrap_or_else(|| a.country.clone()),
        country: a.country.clone(),
        zipcode: a.postcode.clone().unwrap_or_default(),
        phone: a.phone.clone().unwrap_or_default(),
    }
}

pub fn order(r: &OrderRecord, cx: &OrderContext<'_>) -> Order {
    let o = &r.order;
    let b = postal(r.billing_address.as_ref(), cx);
    let s = postal(r.shipping_address.as_ref(), cx);
    let shipped = matches!(o.fulfilment_status.as_str(), "shipped" | "delivered" | "returned");
    let products = r
        .items
        .iter()
        .filter(|i| i.parent_id.is_none())
        .map(|i| {
            let options = i
                .additional
                .as_ref()
                .and_then(|a| a.get("attributes"))
                .and_then(|a| a.as_array())
                .map(|attrs| {
                    attrs
                        .iter()
                        .map(|a| {
                            let field = |k: &str| match a.get(k) {
                                Some(serde_json::Value::String(s)) => s.clone(),
                                Some(serde_json::Value::Number(n)) => n.to_string(),
                                _ => String::new(),
                            };
                            OrderProductOption {
                                option_id: field("attribute_id"),
                                option_name: field("attribute_name"),
                                variant_id: field("option_id"),
                                variant_name: field("option_label"),
                                value: field("option_id"),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let line = OrderProduct {
                item_id: i.id.to_string(),
                order_id: o.id.to_string(),
                product_id: i.product_id.map(|p| p.to_string()).unwrap_or_default(),
                product_code: i.sku.clone(),
                product: i.name.clone(),
                price: money(i.base_price),
                base_price: money(i.base_price),
                original_price: money(i.base_price),
                amount: i.qty_ordered.to_string(),
                discount: money(i.base_discount_amount),
                subtotal: money(i.base_total),
                shipped_amount: i.qty_shipped.to_string(),
                product_options: options,
            };
            (i.id.to_string(), line)
        })
        .collect();
    let shipping_id = cx.shipping_method.map(|m| m.id.to_string()).unwrap_or_default();
    let mut payment_info = BTreeMap::new();
    if let Some(reference) = r.payment.as_ref().and_then(|p| p.reference.clone()) {
        payment_info.insert("reference".to_owned(), reference);
    }
    Order {
        order_id: o.id.to_string(),
        is_parent_order: "N".into(),
        parent_order_id: "0".into(),
        company_id: o.channel_id.to_string(),
        issuer_id: o.issuer_id.map(|i| i.to_string()),
        user_id: o.customer_id.unwrap_or(0).to_string(),
        timestamp: o.created_at.timestamp().to_string(),
        status: o.status_code.clone(),
        firstname: o.customer_first_name.clone(),
        lastname: o.customer_last_name.clone(),
        email: o.customer_email.clone(),
        phone: b.phone.clone(),
        ip_address: o.remote_ip.clone().unwrap_or_default(),
        lang_code: o.locale.clone(),
        total: money(o.base_grand_total),
        subtotal: money(o.base_sub_total),
        discount: money(o.base_discount_amount),
        subtotal_discount: money(Amount::ZERO),
        display_subtotal: money(o.base_sub_total),
        shipping_cost: money(o.base_shipping_amount),
        display_shipping_cost: money(o.base_shipping_amount),
        tax_subtotal: money(o.base_tax_amount),
        tax_exempt: "N".into(),
        invoice_id: cx.docs.0.map(|i| i.to_string()),
        credit_memo_id: cx.docs.1.map(|i| i.to_string()),
        payment_id: cx.payment_method.map(|m| m.id.to_string()).unwrap_or_default(),
        payment_surcharge: money(Amount::ZERO),
        payment_method: PaymentMethod {
            payment_id: cx.payment_method.map(|m| m.id.to_string()).unwrap_or_default(),
            payment: r.payment.as_ref().map(|p| p.method_title.clone()).unwrap_or_default(),
            description: cx.payment_method.and_then(|m| m.description.clone()).unwrap_or_default(),
            status: if cx.payment_method.is_some_and(|m| m.is_active) { "A" } else { "D" }.into(),
        },
        payment_info,
        repaid: "0".into(),
        notes: o.customer_note.clone().unwrap_or_default(),
        details: o.admin_notes.clone().unwrap_or_default(),
        promotion_ids: String::new(),
        promotions: BTreeMap::new(),
        need_shipping: o.shipping_method.is_some(),
        shipping_ids: shipping_id.clone(),
        shipping: match cx.shipping_method {
            Some(m) => vec![OrderShipping {
                shipping_id,
                shipping: o.shipping_title.clone().unwrap_or_else(|| m.title.clone()),
                group_key: "0".into(),
                rate: money(o.base_shipping_amount),
                tracking_number: o.tracking_code.clone().or_else(|| o.tracking_id.clone()),
            }],
            None => Vec::new(),
        },
        need_shipment: o.shipping_method.is_some() && !shipped,
        shipment_ids: cx.shipment_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","),
        taxes: BTreeMap::new(),
        products,
        b_firstname: b.first,
        b_lastname: b.last,
        b_address: b.address,
        b_address_2: b.address_2,
        b_city: b.city,
        b_state: b.state,
        b_state_descr: b.state_descr,
        b_country: b.country,
        b_country_descr: b.country_descr,
        b_zipcode: b.zipcode,
        b_phone: b.phone,
        s_firstname: s.first,
        s_lastname: s.last,
        s_address: s.address,
        s_address_2: s.address_2,
        s_city: s.city,
        s_state: s.state,
        s_state_descr: s.state_descr,
        s_country: s.country,
        s_country_descr: s.country_descr,
        s_zipcode: s.zipcode,
        s_phone: s.phone,
    }
}
