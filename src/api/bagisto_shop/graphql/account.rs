//! GraphQL: the signed-in customer's account. Their orders, invoices, shipments and reviews
//! (`customerOrders`, `customerOrder`, ...), cancelling an order and ordering its lines again
//! (`createCancelOrder`, `createReorderOrder`). Every lookup goes through the customer, as in
//! REST: another customer's id is answered as missing. The records are the REST operations'
//! (`crate::customer_orders`, `customer_invoices`, `customer_shipments`, `reviews`), reshaped.

use async_graphql::Context;
use polyshop_api_bagisto_shop::{
    customer_orders::{CancelCustomerOrderInput, CustomerOrdersService as _},
    customer_shipments::{
        CustomerShipmentsService as _, GetCustomerOrderShipmentInput, ListCustomerOrderShipmentsInput,
    },
    models,
    reviews::{GetCustomerReviewInput, ListCustomerReviewsInput, ReviewsService as _},
};
use polyshop_graphql_shop::{
    resolvers::{
        CustomerInvoiceQueries, CustomerInvoiceResolver, CustomerOrderQueries, CustomerOrderResolver,
        CustomerOrderShipmentQueries, CustomerOrderShipmentResolver, CustomerReviewQueries, CustomerReviewResolver,
        SalesMutations,
    },
    types::*,
};
use polyshop_runtime::{RequestContext, ServiceError};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};

use super::{
    DEFAULT_PAGE, MAX_PAGE, ShopGraph, credentials::customer_request, customers::customer_node, numeric_id,
    product_nodes::product_by_id, text, validation, window_of,
};
use crate::{
    context::{ShopRequest, iri},
    customer_invoices::{invoice_body, item_body},
    customer_orders::{self, order_body, order_not_found},
    customer_shipments,
    customers::signed_in,
    reviews,
};
use polyshop_core::sales::{OrderSort, account};

/// An id argument (an IRI, `"7"` or `7`); one that names nothing is missing.
fn id_of(id: &str) -> Option<i64> {
    numeric_id(id).filter(|n| *n > 0)
}

pub(super) fn customer_order_node(x: &models::CustomerOrder) -> CustomerOrder {
    let ext = Extra::new(x.clone());
    CustomerOrder {
        id: iri("customer-orders", x.id),
        id_: x.id,
        increment_id: Some(x.increment_id.clone()),
        status: Some(x.status.to_string()),
        status_label: Some(x.status_label.clone()),
        channel_id: Some(x.channel_id),
        channel_name: Some(x.channel_name.clone()),
        is_guest: Some(x.is_guest),
        customer_id: Some(x.customer_id),
        customer_email: Some(x.customer_email.clone()),
        customer_first_name: Some(x.customer_first_name.clone()),
        customer_last_name: Some(x.customer_last_name.clone()),
        customer_full_name: Some(x.customer_full_name.clone()),
        shipping_method: x.shipping_method.clone(),
        shipping_title: x.shipping_title.clone(),
        shipping_description: x.shipping_description.clone(),
        payment_method: x.payment_method.clone(),
        payment_title: x.payment_title.clone(),
        coupon_code: x.coupon_code.clone(),
        applied_cart_rule_ids: x.applied_cart_rule_ids.clone(),
        cart_id: x.cart_id,
        is_gift: Some(x.is_gift),
        total_item_count: Some(i64::from(x.total_item_count)),
        items_count: Some(i64::from(x.items_count)),
        total_qty_ordered: Some(i64::from(x.total_qty_ordered)),
        base_currency_code: Some(x.base_currency_code.clone()),
        channel_currency_code: Some(x.channel_currency_code.clone()),
        order_currency_code: Some(x.order_currency_code.clone()),
        grand_total: text(x.grand_total),
        base_grand_total: text(x.base_grand_total),
        formatted_grand_total: Some(x.formatted_grand_total.clone()),
        grand_total_invoiced: text(x.grand_total_invoiced),
        base_grand_total_invoiced: text(x.base_grand_total_invoiced),
        formatted_grand_total_invoiced: Some(x.formatted_grand_total_invoiced.clone()),
        grand_total_refunded: text(x.grand_total_refunded),
        base_grand_total_refunded: text(x.base_grand_total_refunded),
        formatted_grand_total_refunded: Some(x.formatted_grand_total_refunded.clone()),
        sub_total: text(x.sub_total),
        base_sub_total: text(x.base_sub_total),
        formatted_sub_total: Some(x.formatted_sub_total.clone()),
        sub_total_invoiced: text(x.sub_total_invoiced),
        base_sub_total_invoiced: text(x.base_sub_total_invoiced),
        sub_total_refunded: text(x.sub_total_refunded),
        base_sub_total_refunded: text(x.base_sub_total_refunded),
        sub_total_incl_tax: text(x.sub_total_incl_tax),
        base_sub_total_incl_tax: text(x.base_sub_total_incl_tax),
        formatted_sub_total_incl_tax: Some(x.formatted_sub_total_incl_tax.clone()),
        discount_percent: x.discount_percent.map(|d| d.0.normalize().to_string()),
        discount_amount: text(x.discount_amount),
        base_discount_amount: text(x.base_discount_amount),
        formatted_discount_amount: Some(x.formatted_discount_amount.clone()),
        discount_invoiced: text(x.discount_invoiced),
        base_discount_invoiced: text(x.base_discount_invoiced),
        discount_refunded: text(x.discount_refunded),
        base_discount_refunded: text(x.base_discount_refunded),
        tax_amount: text(x.tax_amount),
        base_tax_amount: text(x.base_tax_amount),
        formatted_tax_amount: Some(x.formatted_tax_amount.clone()),
        tax_amount_invoiced: text(x.tax_amount_invoiced),
        base_tax_amount_invoiced: text(x.base_tax_amount_invoiced),
        tax_amount_refunded: text(x.tax_amount_refunded),
        base_tax_amount_refunded: text(x.base_tax_amount_refunded),
        shipping_amount: text(x.shipping_amount),
        base_shipping_amount: text(x.base_shipping_amount),
        formatted_shipping_amount: Some(x.formatted_shipping_amount.clone()),
        shipping_invoiced: text(x.shipping_invoiced),
        base_shipping_invoiced: text(x.base_shipping_invoiced),
        shipping_refunded: text(x.shipping_refunded),
        base_shipping_refunded: text(x.base_shipping_refunded),
        shipping_discount_amount: text(x.shipping_discount_amount),
        base_shipping_discount_amount: text(x.base_shipping_discount_amount),
        shipping_tax_amount: text(x.shipping_tax_amount),
        base_shipping_tax_amount: text(x.base_shipping_tax_amount),
        shipping_tax_refunded: text(x.shipping_tax_refunded),
        base_shipping_tax_refunded: text(x.base_shipping_tax_refunded),
        shipping_amount_incl_tax: text(x.shipping_amount_incl_tax),
        base_shipping_amount_incl_tax: text(x.base_shipping_amount_incl_tax),
        formatted_shipping_amount_incl_tax: Some(x.formatted_shipping_amount_incl_tax.clone()),
        shipping_status: Some(x.shipping_status.clone()),
        subtotal: text(x.sub_total),
        tax_total: text(x.tax_amount),
        shipping_total: text(x.shipping_amount),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext,
    }
}

fn customer_order_item_node(x: &models::CustomerOrderItem) -> CustomerOrderItem {
    CustomerOrderItem {
        id: iri("order-items", x.id),
        id_: x.id,
        sku: Some(x.sku.clone()),
        type_: Some(x.type_.to_string()),
        name: Some(x.name.clone()),
        product_id: x.product_id,
        product_type: x.product_type.clone(),
        qty_ordered: Some(i64::from(x.qty_ordered)),
        qty_shipped: Some(i64::from(x.qty_shipped)),
        qty_invoiced: Some(i64::from(x.qty_invoiced)),
        qty_canceled: Some(i64::from(x.qty_canceled)),
        qty_refunded: Some(i64::from(x.qty_refunded)),
        price: text(x.price),
        base_price: text(x.base_price),
        formatted_price: Some(x.formatted_price.clone()),
        total: text(x.total),
        base_total: text(x.base_total),
        formatted_total: Some(x.formatted_total.clone()),
        total_invoiced: text(x.total_invoiced),
        base_total_invoiced: text(x.base_total_invoiced),
        amount_refunded: text(x.amount_refunded),
        base_amount_refunded: text(x.base_amount_refunded),
        discount_percent: x.discount_percent.map(|d| d.0.normalize().to_string()),
        discount_amount: text(x.discount_amount),
        base_discount_amount: text(x.base_discount_amount),
        tax_percent: text(x.tax_percent),
        tax_amount: text(x.tax_amount),
        base_tax_amount: text(x.base_tax_amount),
        price_incl_tax: text(x.price_incl_tax),
        base_price_incl_tax: text(x.base_price_incl_tax),
        formatted_price_incl_tax: Some(x.formatted_price_incl_tax.clone()),
        total_incl_tax: text(x.total_incl_tax),
        base_total_incl_tax: text(x.base_total_incl_tax),
        formatted_total_incl_tax: Some(x.formatted_total_incl_tax.clone()),
        weight: x.weight.map(|d| d.0.normalize().to_string()),
        additional: x.additional.as_ref().map(|v| v.to_string()),
        product_name: Some(x.name.clone()),
        quantity: Some(i64::from(x.qty_ordered)),
        total_price: text(x.total),
        ext: Default::default(),
    }
}

fn customer_order_address_node(x: &models::CustomerOrderAddress) -> CustomerOrderAddress {
    CustomerOrderAddress {
        id: iri("customer-order-addresses", x.id),
        id_: Some(x.id.to_string()),
        address_type: Some(x.address_type.to_string()),
        parent_address_id: None,
        customer_id: None,
        cart_id: None,
        order_id: Some(x.order_id.to_string()),
        name: Some(x.name.clone()),
        first_name: Some(x.first_name.clone()),
        last_name: Some(x.last_name.clone()),
        gender: x.gender.clone(),
        company_name: x.company_name.clone(),
        address: Some(x.address.clone()),
        city: Some(x.city.clone()),
        state: x.state.clone(),
        country: Some(x.country.clone()),
        postcode: x.postcode.clone(),
        zip_code: x.postcode.clone(),
        email: x.email.clone(),
        phone: x.phone.clone(),
        vat_id: x.vat_id.clone(),
        use_for_shipping: None,
        default_address: None,
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext: Default::default(),
    }
}

fn customer_order_payment_node(x: &models::CustomerOrderPayment) -> CustomerOrderPayment {
    CustomerOrderPayment {
        id: iri("order-payments", x.id),
        id_: x.id,
        method: Some(x.method.clone()),
        method_title: Some(x.method_title.clone()),
        ext: Default::default(),
    }
}

fn customer_order_shipment_node(x: &models::CustomerOrderShipment) -> CustomerOrderShipment {
    let ext = Extra::new(x.clone());
    CustomerOrderShipment {
        id: iri("customer-order-shipments", x.id),
        id_: x.id,
        shipping_number: Some(x.shipping_number.clone()),
        status: x.status.clone(),
        order_id: Some(x.order_id),
        total_qty: Some(i64::from(x.total_qty)),
        total_weight: x.total_weight.map(|d| d.0.normalize().to_string()),
        carrier_code: x.carrier_code.clone(),
        carrier_title: x.carrier_title.clone(),
        track_number: x.track_number.clone(),
        tracking_number: x.tracking_number.clone(),
        email_sent: Some(x.email_sent),
        inventory_source_id: x.inventory_source_id,
        inventory_source_name: x.inventory_source_name.clone(),
        payment_method_title: x.payment_method_title.clone(),
        shipping_method_title: x.shipping_method_title.clone(),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext,
    }
}

fn customer_order_shipment_item_node(x: &models::CustomerOrderShipmentItem) -> CustomerOrderShipmentItem {
    CustomerOrderShipmentItem {
        id: iri("customer-order-shipment-items", x.id),
        id_: x.id,
        shipment_id: Some(x.shipment_id),
        order_item_id: Some(x.order_item_id),
        product_id: x.product_id,
        sku: Some(x.sku.clone()),
        name: Some(x.name.clone()),
        description: x.description.clone(),
        qty: Some(i64::from(x.qty)),
        quantity: Some(i64::from(x.qty)),
        weight: x.weight.map(|d| d.0.normalize().to_string()),
        price: text(x.price),
        base_price: text(x.base_price),
        formatted_price: Some(x.formatted_price.clone()),
        total: text(x.total),
        base_total: text(x.base_total),
        formatted_total: Some(x.formatted_total.clone()),
        additional: x.additional.as_ref().map(|v| v.to_string()),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext: Default::default(),
    }
}

fn customer_invoice_node(x: &models::CustomerInvoice, lines: Vec<models::CustomerInvoiceItem>) -> CustomerInvoice {
    let ext = Extra::new(lines);
    CustomerInvoice {
        id: iri("customer-invoices", x.id),
        id_: x.id,
        increment_id: Some(x.increment_id.clone()),
        order_id: Some(x.order_id),
        state: Some(x.state.to_string()),
        total_qty: Some(i64::from(x.total_qty)),
        email_sent: Some(x.email_sent),
        base_currency_code: Some(x.base_currency_code.clone()),
        channel_currency_code: Some(x.channel_currency_code.clone()),
        order_currency_code: Some(x.order_currency_code.clone()),
        sub_total: text(x.sub_total),
        base_sub_total: text(x.base_sub_total),
        formatted_sub_total: Some(x.formatted_sub_total.clone()),
        grand_total: text(x.grand_total),
        base_grand_total: text(x.base_grand_total),
        formatted_grand_total: Some(x.formatted_grand_total.clone()),
        shipping_amount: text(x.shipping_amount),
        base_shipping_amount: text(x.base_shipping_amount),
        formatted_shipping_amount: Some(x.formatted_shipping_amount.clone()),
        tax_amount: text(x.tax_amount),
        base_tax_amount: text(x.base_tax_amount),
        formatted_tax_amount: Some(x.formatted_tax_amount.clone()),
        discount_amount: text(x.discount_amount),
        base_discount_amount: text(x.base_discount_amount),
        formatted_discount_amount: Some(x.formatted_discount_amount.clone()),
        shipping_tax_amount: text(x.shipping_tax_amount),
        base_shipping_tax_amount: text(x.base_shipping_tax_amount),
        sub_total_incl_tax: text(x.sub_total_incl_tax),
        base_sub_total_incl_tax: text(x.base_sub_total_incl_tax),
        formatted_sub_total_incl_tax: Some(x.formatted_sub_total_incl_tax.clone()),
        shipping_amount_incl_tax: text(x.shipping_amount_incl_tax),
        base_shipping_amount_incl_tax: text(x.base_shipping_amount_incl_tax),
        formatted_shipping_amount_incl_tax: Some(x.formatted_shipping_amount_incl_tax.clone()),
        transaction_id: x.transaction_id.clone(),
        reminders: Some(i64::from(x.reminders)),
        next_reminder_at: x.next_reminder_at.clone(),
        download_url: x.download_url.clone(),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext,
    }
}

fn customer_invoice_item_node(x: &models::CustomerInvoiceItem) -> CustomerInvoiceItem {
    CustomerInvoiceItem {
        id: iri("invoice-items", x.id),
        id_: x.id,
        invoice_id: Some(x.invoice_id),
        order_item_id: Some(x.order_item_id),
        parent_id: x.parent_id,
        product_id: x.product_id.map(|n| n.to_string()),
        product_type: x.product_type.clone(),
        sku: Some(x.sku.clone()),
        name: Some(x.name.clone()),
        description: x.description.clone(),
        qty: Some(i64::from(x.qty)),
        price: text(x.price),
        base_price: text(x.base_price),
        formatted_price: Some(x.formatted_price.clone()),
        total: text(x.total),
        base_total: text(x.base_total),
        formatted_total: Some(x.formatted_total.clone()),
        tax_amount: text(x.tax_amount),
        base_tax_amount: text(x.base_tax_amount),
        discount_percent: x.discount_percent.map(|d| d.0.normalize().to_string()),
        discount_amount: text(x.discount_amount),
        base_discount_amount: text(x.base_discount_amount),
        price_incl_tax: text(x.price_incl_tax),
        base_price_incl_tax: text(x.base_price_incl_tax),
        formatted_price_incl_tax: Some(x.formatted_price_incl_tax.clone()),
        total_incl_tax: text(x.total_incl_tax),
        base_total_incl_tax: text(x.base_total_incl_tax),
        formatted_total_incl_tax: Some(x.formatted_total_incl_tax.clone()),
        additional: x.additional.as_ref().map(|v| v.to_string()),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext: Default::default(),
    }
}

impl ShopGraph {
    /// The full order `id` of the signed-in customer, as REST's order detail.
    pub(super) async fn order_of(&self, rc: &RequestContext, id: i64) -> GqlResult<models::CustomerOrder> {
        let (customer_id, _) = signed_in(rc)?;
        let scope = rc.scope().await?;
        let record = account::order_of(&self.0.db, customer_id, id).await?.ok_or_else(|| order_not_found(id))?;
        let docs = account::documents(&self.0.db, record.order.id).await?;
        Ok(order_body(&record, &docs, scope))
    }
}

#[async_trait::async_trait]
impl CustomerOrderQueries for ShopGraph {
    async fn customer_orders(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerOrdersArgs,
    ) -> GqlResult<Connection<CustomerOrder>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let statuses = args.status.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| vec![s.to_owned()]);
        let db = &self.0.db;
        let (records, offset, total) = window_of(&args.page, |w| {
            account::orders_of(db, customer_id, scope.channel.id, statuses.clone(), OrderSort::NEWEST, w)
        })
        .await?;
        // The page's documents in one batch, not one round of queries per order.
        let mut docs = account::documents_of(db, &records.iter().map(|r| r.order.id).collect::<Vec<_>>()).await?;
        let nodes = records
            .iter()
            .map(|record| {
                let own = docs.remove(&record.order.id).unwrap_or_default();
                customer_order_node(&order_body(record, &own, scope))
            })
            .collect();
        Ok(Connection::new(nodes, offset, total))
    }

    async fn customer_order(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerOrderArgs,
    ) -> GqlResult<Option<CustomerOrder>> {
        let rc = customer_request(ctx).await?;
        let id = id_of(&args.id).ok_or_else(|| order_not_found(0))?;
        Ok(Some(customer_order_node(&self.order_of(&rc, id).await?)))
    }

    async fn order(&self, ctx: &Context<'_>, args: QueryOrderArgs) -> GqlResult<Option<CustomerOrder>> {
        let rc = customer_request(ctx).await?;
        // Order numbers are at most 64 characters and never hold NUL: anything else names nothing.
        let number = args.increment_id.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let number = number.map(|n| if n.len() > 64 || n.contains('\0') { "" } else { n });
        let id = match (args.id.as_deref(), number) {
            (Some(id), _) => id_of(id).ok_or_else(|| order_not_found(0))?,
            (None, Some(number)) => {
                let (customer_id, _) = signed_in(&rc)?;
                let record = account::order_numbered(&self.0.db, customer_id, number).await?;
                record.map(|r| r.order.id).ok_or_else(|| {
                    ServiceError::not_found(format!("Customer order with increment ID \"{number}\" not found."))
                })?
            }
            (None, None) => return Err(validation("Give the order's id or incrementId.")),
        };
        Ok(Some(customer_order_node(&self.order_of(&rc, id).await?)))
    }
}

#[async_trait::async_trait]
impl CustomerOrderResolver for ShopGraph {
    async fn items(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrder,
        args: CustomerOrderItemsArgs,
    ) -> GqlResult<Connection<CustomerOrderItem>> {
        let all =
            parent.ext.get::<models::CustomerOrder>().map(|o| o.items.iter().map(customer_order_item_node).collect());
        Connection::slice(all.unwrap_or_default(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn addresses(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrder,
        args: CustomerOrderAddressesArgs,
    ) -> GqlResult<Connection<CustomerOrderAddress>> {
        let all = parent
            .ext
            .get::<models::CustomerOrder>()
            .map(|o| o.addresses.iter().map(customer_order_address_node).collect());
        Connection::slice(all.unwrap_or_default(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn billing_address(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrder,
    ) -> GqlResult<Option<CustomerOrderAddress>> {
        let order = parent.ext.get::<models::CustomerOrder>();
        Ok(order.and_then(|o| o.billing_address.as_ref()).map(customer_order_address_node))
    }

    async fn shipping_address(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrder,
    ) -> GqlResult<Option<CustomerOrderAddress>> {
        let order = parent.ext.get::<models::CustomerOrder>();
        Ok(order.and_then(|o| o.shipping_address.as_ref()).map(customer_order_address_node))
    }

    async fn payment(&self, _ctx: &Context<'_>, parent: &CustomerOrder) -> GqlResult<Option<CustomerOrderPayment>> {
        let order = parent.ext.get::<models::CustomerOrder>();
        Ok(order.and_then(|o| o.payment.as_ref()).map(customer_order_payment_node))
    }

    async fn shipments(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrder,
        args: CustomerOrderShipmentsArgs,
    ) -> GqlResult<Connection<CustomerOrderShipment>> {
        let all = parent
            .ext
            .get::<models::CustomerOrder>()
            .map(|o| o.shipments.iter().map(customer_order_shipment_node).collect());
        Connection::slice(all.unwrap_or_default(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl CustomerInvoiceQueries for ShopGraph {
    async fn customer_invoices(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerInvoicesArgs,
    ) -> GqlResult<Connection<CustomerInvoice>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let state = args.state.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let db = &self.0.db;
        let (rows, offset, total) =
            window_of(&args.page, |w| account::invoices_of(db, customer_id, args.order_id, state.clone(), w)).await?;
        let nodes = rows
            .iter()
            .map(|(i, lines)| {
                customer_invoice_node(
                    &invoice_body(i, lines, scope),
                    lines.iter().map(|l| item_body(l, scope)).collect(),
                )
            })
            .collect();
        Ok(Connection::new(nodes, offset, total))
    }

    async fn customer_invoice(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerInvoiceArgs,
    ) -> GqlResult<Option<CustomerInvoice>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let id = id_of(&args.id).unwrap_or_default();
        let (invoice, lines) = account::invoice_of(&self.0.db, customer_id, id).await?.ok_or_else(|| {
            ServiceError::not_found(format!("Customer invoice with ID \"{}\" not found.", args.id.trim()))
        })?;
        let items = lines.iter().map(|l| item_body(l, scope)).collect();
        Ok(Some(customer_invoice_node(&invoice_body(&invoice, &lines, scope), items)))
    }
}

#[async_trait::async_trait]
impl CustomerInvoiceResolver for ShopGraph {
    async fn items(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerInvoice,
        args: CustomerInvoiceItemsArgs,
    ) -> GqlResult<Connection<CustomerInvoiceItem>> {
        let all = parent
            .ext
            .get::<Vec<models::CustomerInvoiceItem>>()
            .map(|lines| lines.iter().map(customer_invoice_item_node).collect());
        Connection::slice(all.unwrap_or_default(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl CustomerOrderShipmentQueries for ShopGraph {
    async fn customer_order_shipments(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerOrderShipmentsArgs,
    ) -> GqlResult<Connection<CustomerOrderShipment>> {
        let rc = customer_request(ctx).await?;
        let rest = customer_shipments::Service(self.0.clone());
        let (rows, offset, total) = window_of(&args.page, |w| {
            rest.list_customer_order_shipments(
                &rc,
                ListCustomerOrderShipmentsInput {
                    page: w.page,
                    per_page: w.per_page,
                    order_id: args.order_id,
                    order_id_snake: None,
                    status: args.status.clone(),
                },
            )
        })
        .await?;
        Ok(Connection::new(rows.iter().map(customer_order_shipment_node).collect(), offset, total))
    }

    async fn customer_order_shipment(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerOrderShipmentArgs,
    ) -> GqlResult<Option<CustomerOrderShipment>> {
        let rc = customer_request(ctx).await?;
        let id = id_of(&args.id).unwrap_or_default();
        let rest = customer_shipments::Service(self.0.clone());
        let shipment = rest.get_customer_order_shipment(&rc, GetCustomerOrderShipmentInput { id }).await?;
        Ok(Some(customer_order_shipment_node(&shipment)))
    }
}

#[async_trait::async_trait]
impl CustomerOrderShipmentResolver for ShopGraph {
    async fn shipping_address(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrderShipment,
    ) -> GqlResult<Option<CustomerOrderAddress>> {
        let shipment = parent.ext.get::<models::CustomerOrderShipment>();
        Ok(shipment.and_then(|s| s.shipping_address.as_ref()).map(customer_order_address_node))
    }

    async fn billing_address(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrderShipment,
    ) -> GqlResult<Option<CustomerOrderAddress>> {
        let shipment = parent.ext.get::<models::CustomerOrderShipment>();
        Ok(shipment.and_then(|s| s.billing_address.as_ref()).map(customer_order_address_node))
    }

    async fn items(
        &self,
        _ctx: &Context<'_>,
        parent: &CustomerOrderShipment,
        args: CustomerOrderShipmentItemsArgs,
    ) -> GqlResult<Connection<CustomerOrderShipmentItem>> {
        let all = parent
            .ext
            .get::<models::CustomerOrderShipment>()
            .map(|s| s.items.iter().map(customer_order_shipment_item_node).collect());
        Connection::slice(all.unwrap_or_default(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

fn review_node(r: &models::ProductReview) -> CustomerReview {
    CustomerReview {
        id: iri("customer-reviews", r.id),
        id_: Some(r.id),
        title: Some(r.title.clone()),
        comment: Some(r.comment.clone()),
        rating: Some(i64::from(r.rating)),
        status: Some(r.status.to_string()),
        name: Some(r.author_name.clone()),
        created_at: Some(r.created_at.clone()),
        updated_at: Some(r.updated_at.clone()),
        ext: Extra::new(r.product_id),
    }
}

#[async_trait::async_trait]
impl CustomerReviewQueries for ShopGraph {
    async fn customer_reviews(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerReviewsArgs,
    ) -> GqlResult<Connection<CustomerReview>> {
        let rc = customer_request(ctx).await?;
        let rating = match args.rating {
            Some(r) => Some(i32::try_from(r).map_err(|_| validation("`rating` must be from 1 to 5"))?),
            None => None,
        };
        let rest = reviews::Service(self.0.clone());
        let (rows, offset, total) = window_of(&args.page, |w| {
            rest.list_customer_reviews(
                &rc,
                ListCustomerReviewsInput { page: w.page, per_page: w.per_page, status: args.status.clone(), rating },
            )
        })
        .await?;
        Ok(Connection::new(rows.iter().map(review_node).collect(), offset, total))
    }

    async fn customer_review(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerReviewArgs,
    ) -> GqlResult<Option<CustomerReview>> {
        let rc = customer_request(ctx).await?;
        let id = id_of(&args.id).unwrap_or_default();
        let review = reviews::Service(self.0.clone()).get_customer_review(&rc, GetCustomerReviewInput { id }).await?;
        Ok(Some(review_node(&review)))
    }
}

#[async_trait::async_trait]
impl CustomerReviewResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &CustomerReview) -> GqlResult<Option<Product>> {
        match parent.ext.get::<i64>() {
            Some(id) => product_by_id(ctx, *id).await,
            None => Ok(None),
        }
    }

    async fn customer(&self, ctx: &Context<'_>, _parent: &CustomerReview) -> GqlResult<Option<Customer>> {
        // Only the signed-in customer's own reviews are listed: the author is them.
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let customer = self.0.customers().profile(customer_id).await?;
        Ok(Some(customer_node(&customer, rc.scope().await?, None, None)))
    }
}

#[async_trait::async_trait]
impl SalesMutations for ShopGraph {
    async fn create_cancel_order(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCancelOrderArgs,
    ) -> GqlResult<Option<CreateCancelOrderPayload>> {
        let input = args.input;
        let rc = customer_request(ctx).await?;
        let order_id = input.order_id.ok_or_else(|| validation("Order ID is required to cancel an order"))?;
        let body = models::CancelOrderRequest { order_id: Some(order_id), order_id_snake: None };
        let rest = customer_orders::Service(self.0.clone());
        let cancel = match rest.cancel_customer_order(&rc, CancelCustomerOrderInput { body }).await {
            Ok(done) => CancelOrder {
                success: Some(true),
                message: Some(done.message),
                order_id: Some(done.order_id),
                status: Some(done.status.to_string()),
                ext: Default::default(),
            },
            // Upstream answers a refusal as `success: false`, not an error.
            Err(e) if e.status() == poem::http::StatusCode::UNPROCESSABLE_ENTITY => {
                let order = self.order_of(&rc, order_id).await?;
                CancelOrder {
                    success: Some(false),
                    message: Some(
                        "Order cannot be canceled. It may have already been processed, shipped, or canceled".to_owned(),
                    ),
                    order_id: Some(order.id),
                    status: Some(order.status.to_string()),
                    ext: Default::default(),
                }
            }
            Err(e) => return Err(e.into()),
        };
        Ok(Some(CreateCancelOrderPayload {
            cancel_order: Some(cancel),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_reorder_order(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateReorderOrderArgs,
    ) -> GqlResult<Option<CreateReorderOrderPayload>> {
        let input = args.input;
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let order_id = input.order_id.ok_or_else(|| validation("`orderId` is required"))?;
        let added = self.0.carts().reorder(customer_id, order_id, scope).await?;
        let reorder = ReorderOrder {
            success: Some(added > 0),
            message: Some(if added > 0 {
                format!("Items have been added to your cart successfully ({added} items)")
            } else {
                "No items were added to cart. All items are out of stock or unavailable.".to_owned()
            }),
            order_id: Some(order_id),
            items_added_count: Some(added),
            ext: Default::default(),
        };
        Ok(Some(CreateReorderOrderPayload {
            reorder_order: Some(reorder),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }
}
