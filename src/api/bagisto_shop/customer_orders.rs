//! The signed-in customer's orders (Bagisto shop REST API): the list, one order with its lines,
//! addresses, payment and shipments, and cancelling. Plain amounts are the order's (in its
//! currency), `base*` the base currency's, `formatted*` the base amount in the request currency.

use polyshop_api_bagisto_shop::{customer_orders::*, models};
use polyshop_entities::{addresses, shipment_items, shipments};
use polyshop_runtime::{Amount, JsonDecimal, Page, RequestContext, ServiceError};
use rust_decimal::Decimal;

use super::{
    context::{ShopRequest, iri, price},
    customers::signed_in,
};
use polyshop_core::{
    AppState,
    sales::{OrderRecord, OrderSort, OrderSortKey, account},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

pub fn amount(a: Amount) -> JsonDecimal {
    price(a.value())
}

fn sum(values: impl Iterator<Item = Amount>) -> Decimal {
    values.map(|a| a.value()).sum()
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// `pending_payment` → `Pending Payment`.
pub fn status_label(status: &str) -> String {
    status
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn order_status(status: &str) -> models::CustomerOrderStatus {
    status.parse().unwrap_or(models::CustomerOrderStatus::Pending)
}

pub fn order_not_found(id: i64) -> ServiceError {
    ServiceError::not_found(format!("Customer order with ID \"{id}\" not found."))
}

pub fn address_body(a: &addresses::Model, scope: &Scope) -> models::CustomerOrderAddress {
    models::CustomerOrderAddress {
        id: a.id,
        address_type: if a.address_type == "order_billing" {
            models::CustomerOrderAddressType::OrderBilling
        } else {
            models::CustomerOrderAddressType::OrderShipping
        },
        order_id: a.order_id.unwrap_or_default(),
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        name: format!("{} {}", a.first_name, a.last_name),
        gender: a.gender.clone(),
        company_name: a.company_name.clone(),
        vat_id: a.vat_id.clone(),
        email: a.email.clone(),
        phone: a.phone.clone(),
        address: a.address.clone(),
        city: a.city.clone(),
        state: a.state.clone(),
        country: a.country.clone(),
        postcode: a.postcode.clone(),
        created_at: scope.timestamp(a.created_at),
        updated_at: scope.timestamp(a.updated_at),
    }
}

pub fn shipment_item_body(l: &shipment_items::Model, scope: &Scope) -> models::CustomerOrderShipmentItem {
    models::CustomerOrderShipmentItem {
        id: l.id,
        shipment_id: l.shipment_id,
        shipment: iri("customer-order-shipments", l.shipment_id),
        order_item_id: l.order_item_id,
        product_id: l.product_id,
        sku: l.sku.clone(),
        name: l.name.clone(),
        description: None,
        qty: l.qty,
        weight: l.weight.map(amount),
        price: amount(l.price),
        base_price: amount(l.base_price),
        formatted_price: scope.format_price(l.base_price.value()),
        total: amount(l.total),
        base_total: amount(l.base_total),
        formatted_total: scope.format_price(l.base_total.value()),
        additional: l.additional.clone(),
        created_at: scope.timestamp(l.created_at),
        updated_at: scope.timestamp(l.updated_at),
    }
}

pub fn shipment_body(
    s: &shipments::Model,
    lines: &[shipment_items::Model],
    record: Option<&OrderRecord>,
    scope: &Scope,
) -> models::CustomerOrderShipment {
    let order = record.map(|r| &r.order);
    models::CustomerOrderShipment {
        id: s.id,
        shipping_number: format!("#{}", s.id),
        status: s.status.clone(),
        order_id: s.order_id,
        order: iri("customer-orders", s.order_id),
        total_qty: s.total_qty,
        total_weight: s.total_weight.map(amount),
        carrier_code: s.carrier_code.clone(),
        carrier_title: s.carrier_title.clone(),
        track_number: s.track_number.clone(),
        tracking_number: s.track_number.clone(),
        email_sent: s.email_sent,
        inventory_source_id: s.inventory_source_id,
        inventory_source_name: s.inventory_source_name.clone(),
        order_address_id: record.and_then(|r| r.shipping_address.as_ref().map(|a| a.id)),
        payment_method_title: record.and_then(|r| r.payment.as_ref().map(|p| p.method_title.clone())),
        shipping_method_title: order.and_then(|o| o.shipping_title.clone()),
        shipping_address: record.and_then(|r| r.shipping_address.as_ref()).map(|a| address_body(a, scope)),
        billing_address: record.and_then(|r| r.billing_address.as_ref()).map(|a| address_body(a, scope)),
        items: lines.iter().map(|l| shipment_item_body(l, scope)).collect(),
        created_at: scope.timestamp(s.created_at),
        updated_at: scope.timestamp(s.updated_at),
    }
}

fn summary(r: &OrderRecord, scope: &Scope) -> models::CustomerOrderSummary {
    let o = &r.order;
    models::CustomerOrderSummary {
        id: o.id,
        increment_id: o.increment_id.clone(),
        status: order_status(&o.status),
        status_label: status_label(&o.status),
        channel_name: o.channel_name.clone(),
        is_guest: o.is_guest,
        customer_email: o.customer_email.clone(),
        customer_first_name: o.customer_first_name.clone(),
        customer_last_name: o.customer_last_name.clone(),
        shipping_method: o.shipping_method.clone(),
        shipping_title: o.shipping_title.clone(),
        coupon_code: o.coupon_code.clone(),
        is_gift: o.is_gift,
        total_item_count: o.total_item_count,
        items_count: count(r.items.iter().filter(|i| i.parent_id.is_none()).count()),
        total_qty_ordered: o.total_qty_ordered,
        base_currency_code: o.base_currency_code.clone(),
        channel_currency_code: o.channel_currency_code.clone(),
        order_currency_code: o.order_currency_code.clone(),
        grand_total: amount(o.grand_total),
        base_grand_total: amount(o.base_grand_total),
        formatted_grand_total: scope.format_price(o.base_grand_total.value()),
        grand_total_invoiced: amount(o.grand_total_invoiced),
        base_grand_total_invoiced: amount(o.base_grand_total_invoiced),
        grand_total_refunded: amount(o.grand_total_refunded),
        base_grand_total_refunded: amount(o.base_grand_total_refunded),
        sub_total: amount(o.sub_total),
        base_sub_total: amount(o.base_sub_total),
        formatted_sub_total: scope.format_price(o.base_sub_total.value()),
        tax_amount: amount(o.tax_amount),
        base_tax_amount: amount(o.base_tax_amount),
        formatted_tax_amount: scope.format_price(o.base_tax_amount.value()),
        discount_amount: amount(o.discount_amount),
        base_discount_amount: amount(o.base_discount_amount),
        formatted_discount_amount: scope.format_price(o.base_discount_amount.value()),
        shipping_amount: amount(o.shipping_amount),
        base_shipping_amount: amount(o.base_shipping_amount),
        formatted_shipping_amount: scope.format_price(o.base_shipping_amount.value()),
        shipping_status: o.fulfilment_status.clone(),
        created_at: scope.timestamp(o.created_at),
        updated_at: scope.timestamp(o.updated_at),
    }
}

fn item_body(i: &polyshop_entities::order_items::Model, scope: &Scope) -> models::CustomerOrderItem {
    let zero = price(Decimal::ZERO);
    models::CustomerOrderItem {
        id: i.id,
        sku: i.sku.clone(),
        type_: i.type_.parse().unwrap_or(models::ProductType::Simple),
        name: i.name.clone(),
        product_id: i.product_id,
        product_type: Some("Webkul\\Product\\Models\\Product".to_owned()),
        qty_ordered: i.qty_ordered,
        qty_invoiced: i.qty_invoiced,
        qty_shipped: i.qty_shipped,
        qty_refunded: i.qty_refunded,
        qty_canceled: i.qty_canceled,
        price: amount(i.price),
        base_price: amount(i.base_price),
        formatted_price: scope.format_price(i.base_price.value()),
        total: amount(i.total),
        base_total: amount(i.base_total),
        formatted_total: scope.format_price(i.base_total.value()),
        total_invoiced: amount(i.total_invoiced),
        base_total_invoiced: amount(i.base_total_invoiced),
        amount_refunded: amount(i.amount_refunded),
        base_amount_refunded: amount(i.base_amount_refunded),
        discount_percent: None,
        discount_amount: amount(i.discount_amount),
        base_discount_amount: amount(i.base_discount_amount),
        tax_percent: zero,
        tax_amount: amount(i.tax_amount),
        base_tax_amount: amount(i.base_tax_amount),
        price_incl_tax: amount(i.price),
        base_price_incl_tax: amount(i.base_price),
        formatted_price_incl_tax: scope.format_price(i.base_price.value()),
        total_incl_tax: price(i.total.value() + i.tax_amount.value()),
        base_total_incl_tax: price(i.base_total.value() + i.base_tax_amount.value()),
        formatted_total_incl_tax: scope.format_price(i.base_total.value() + i.base_tax_amount.value()),
        weight: i.weight.map(amount),
        options: None,
        additional: i.additional.clone(),
    }
}

/// One order as its detail page shows it.
pub fn order_body(r: &OrderRecord, docs: &account::OrderDocuments, scope: &Scope) -> models::CustomerOrder {
    let o = &r.order;
    let s = summary(r, scope);
    let inv = |f: fn(&polyshop_entities::invoices::Model) -> Amount| price(sum(docs.invoices.iter().map(f)));
    let refd = |f: fn(&polyshop_entities::refunds::Model) -> Amount| price(sum(docs.refunds.iter().map(f)));
    let lines_tax: Decimal = r.items.iter().map(|i| i.tax_amount.value()).sum();
    let base_lines_tax: Decimal = r.items.iter().map(|i| i.base_tax_amount.value()).sum();
    let shipping_tax = (o.tax_amount.value() - lines_tax).max(Decimal::ZERO);
    let base_shipping_tax = (o.base_tax_amount.value() - base_lines_tax).max(Decimal::ZERO);
    let zero = price(Decimal::ZERO);
    let mut addresses = Vec::new();
    addresses.extend(r.billing_address.iter().map(|a| address_body(a, scope)));
    addresses.extend(r.shipping_address.iter().map(|a| address_body(a, scope)));
    models::CustomerOrder {
        id: o.id,
        increment_id: s.increment_id,
        status: s.status,
        status_label: s.status_label,
        channel_id: o.channel_id,
        channel_name: s.channel_name,
        is_guest: o.is_guest,
        customer_id: o.customer_id.unwrap_or_default(),
        customer_email: s.customer_email,
        customer_full_name: format!("{} {}", o.customer_first_name, o.customer_last_name),
        customer_first_name: s.customer_first_name,
        customer_last_name: s.customer_last_name,
        shipping_method: s.shipping_method,
        shipping_title: s.shipping_title.clone(),
        shipping_description: s.shipping_title,
        payment_method: r.payment.as_ref().map(|p| p.method.clone()),
        payment_title: r.payment.as_ref().map(|p| p.method_title.clone()),
        coupon_code: s.coupon_code,
        applied_cart_rule_ids: None,
        cart_id: docs.cart_id,
        is_gift: o.is_gift,
        total_item_count: o.total_item_count,
        items_count: s.items_count,
        total_qty_ordered: o.total_qty_ordered,
        base_currency_code: s.base_currency_code,
        channel_currency_code: s.channel_currency_code,
        order_currency_code: s.order_currency_code,
        grand_total: s.grand_total,
        base_grand_total: s.base_grand_total,
        formatted_grand_total: s.formatted_grand_total,
        grand_total_invoiced: s.grand_total_invoiced,
        base_grand_total_invoiced: s.base_grand_total_invoiced,
        formatted_grand_total_invoiced: scope.format_price(o.base_grand_total_invoiced.value()),
        grand_total_refunded: s.grand_total_refunded,
        base_grand_total_refunded: s.base_grand_total_refunded,
        formatted_grand_total_refunded: scope.format_price(o.base_grand_total_refunded.value()),
        sub_total: s.sub_total,
        base_sub_total: s.base_sub_total,
        formatted_sub_total: s.formatted_sub_total.clone(),
        sub_total_invoiced: amount(o.sub_total_invoiced),
        base_sub_total_invoiced: amount(o.base_sub_total_invoiced),
        sub_total_refunded: amount(o.sub_total_refunded),
        base_sub_total_refunded: amount(o.base_sub_total_refunded),
        sub_total_incl_tax: price(o.sub_total.value() + lines_tax),
        base_sub_total_incl_tax: price(o.base_sub_total.value() + base_lines_tax),
        formatted_sub_total_incl_tax: scope.format_price(o.base_sub_total.value() + base_lines_tax),
        discount_percent: None,
        discount_amount: s.discount_amount,
        base_discount_amount: s.base_discount_amount,
        formatted_discount_amount: s.formatted_discount_amount,
        discount_invoiced: inv(|i| i.discount_amount),
        base_discount_invoiced: inv(|i| i.base_discount_amount),
        discount_refunded: refd(|r| r.discount_amount),
        base_discount_refunded: refd(|r| r.base_discount_amount),
        tax_amount: s.tax_amount,
        base_tax_amount: s.base_tax_amount,
        formatted_tax_amount: s.formatted_tax_amount,
        tax_amount_invoiced: inv(|i| i.tax_amount),
        base_tax_amount_invoiced: inv(|i| i.base_tax_amount),
        tax_amount_refunded: refd(|r| r.tax_amount),
        base_tax_amount_refunded: refd(|r| r.base_tax_amount),
        shipping_amount: s.shipping_amount,
        base_shipping_amount: s.base_shipping_amount,
        formatted_shipping_amount: s.formatted_shipping_amount,
        shipping_invoiced: inv(|i| i.shipping_amount),
        base_shipping_invoiced: inv(|i| i.base_shipping_amount),
        shipping_refunded: refd(|r| r.shipping_amount),
        base_shipping_refunded: refd(|r| r.base_shipping_amount),
        shipping_discount_amount: zero,
        base_shipping_discount_amount: zero,
        shipping_tax_amount: price(shipping_tax),
        base_shipping_tax_amount: price(base_shipping_tax),
        shipping_tax_refunded: zero,
        base_shipping_tax_refunded: zero,
        shipping_amount_incl_tax: price(o.shipping_amount.value() + shipping_tax),
        base_shipping_amount_incl_tax: price(o.base_shipping_amount.value() + base_shipping_tax),
        formatted_shipping_amount_incl_tax: scope.format_price(o.base_shipping_amount.value() + base_shipping_tax),
        shipping_status: s.shipping_status,
        created_at: s.created_at,
        updated_at: s.updated_at,
        // Top-level lines only: a configurable line's variant child is shown through it.
        items: r.items.iter().filter(|i| i.parent_id.is_none()).map(|i| item_body(i, scope)).collect(),
        addresses,
        billing_address: r.billing_address.as_ref().map(|a| address_body(a, scope)),
        shipping_address: r.shipping_address.as_ref().map(|a| address_body(a, scope)),
        payment: r.payment.as_ref().map(|p| models::CustomerOrderPayment {
            id: p.id,
            method: p.method.clone(),
            method_title: p.method_title.clone(),
        }),
        shipments: docs.shipments.iter().map(|(sh, lines)| shipment_body(sh, lines, Some(r), scope)).collect(),
    }
}

/// `-createdAt`, `grandTotal`, ...; anything else newest first.
fn order_sort(sort: &str) -> OrderSort {
    let (descending, key) = match sort.trim().strip_prefix('-') {
        Some(key) => (true, key),
        None => (false, sort.trim()),
    };
    let key = match key {
        "createdAt" => OrderSortKey::Date,
        "grandTotal" => OrderSortKey::Total,
        "updatedAt" => OrderSortKey::Updated,
        _ => return OrderSort::NEWEST,
    };
    OrderSort { key, descending }
}

#[async_trait::async_trait]
impl CustomerOrdersService for Service {
    async fn list_customer_orders(
        &self,
        ctx: &RequestContext,
        input: ListCustomerOrdersInput,
    ) -> Result<Page<models::CustomerOrderSummary>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let statuses = input.status.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| vec![s.to_owned()]);
        let page = account::orders_of(
            &self.0.db,
            customer_id,
            scope.channel.id,
            statuses,
            order_sort(&input.sort),
            input.window(),
        )
        .await?;
        Ok(page.map(|r| summary(&r, scope)))
    }

    async fn get_customer_order(
        &self,
        ctx: &RequestContext,
        input: GetCustomerOrderInput,
    ) -> Result<models::CustomerOrder, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let record =
            account::order_of(&self.0.db, customer_id, input.id).await?.ok_or_else(|| order_not_found(input.id))?;
        let docs = account::documents(&self.0.db, record.order.id).await?;
        Ok(order_body(&record, &docs, scope))
    }

    async fn cancel_customer_order(
        &self,
        ctx: &RequestContext,
        input: CancelCustomerOrderInput,
    ) -> Result<models::CancelOrderResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let id = input
            .body
            .order_id
            .or(input.body.order_id_snake)
            .ok_or_else(|| ServiceError::bad_request("Order ID is required to cancel an order"))?;
        let record = account::cancel(&self.0.db, customer_id, id, self.0.clock.now()).await?;
        Ok(models::CancelOrderResult {
            id: record.order.id,
            order_id: record.order.id,
            status: order_status(&record.order.status),
            success: true,
            message: "Order has been canceled successfully".to_owned(),
        })
    }

    async fn reorder_customer_order(
        &self,
        ctx: &RequestContext,
        input: ReorderCustomerOrderInput,
    ) -> Result<models::ReorderResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let id = input
            .body
            .order_id
            .or(input.body.order_id_snake)
            .ok_or_else(|| ServiceError::bad_request("Order ID is required to reorder"))?;
        let scope = ctx.scope().await?;
        let added = self.0.carts().reorder(customer_id, id, scope).await?;
        Ok(models::ReorderResult {
            order_id: id,
            items_added_count: added,
            success: added > 0,
            message: if added > 0 {
                format!("Items have been added to your cart successfully ({added} items)")
            } else {
                "No items were added to cart. All items are out of stock or unavailable.".to_owned()
            },
        })
    }
}
