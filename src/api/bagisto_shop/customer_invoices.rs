//! The signed-in customer's invoices and their lines (Bagisto shop REST API).

use polyshop_api_bagisto_shop::{customer_invoices::*, models};
use polyshop_entities::{invoice_items, invoices};
use polyshop_runtime::{Page, RequestContext, ServiceError, payload::Pdf};
use rust_decimal::Decimal;

use super::{
    context::{ShopRequest, iri, price},
    customer_orders::amount,
    customers::signed_in,
};
use polyshop_core::{AppState, sales::account, settings::scope::Scope};

pub struct Service(pub AppState);

fn not_found(what: &str, id: i64) -> ServiceError {
    ServiceError::not_found(format!("Customer {what} with ID \"{id}\" not found."))
}

pub(crate) fn invoice_body(
    i: &invoices::Model,
    lines: &[invoice_items::Model],
    scope: &Scope,
) -> models::CustomerInvoice {
    let lines_tax: Decimal = lines.iter().map(|l| l.tax_amount.value()).sum();
    let base_lines_tax: Decimal = lines.iter().map(|l| l.base_tax_amount.value()).sum();
    let shipping_tax = (i.tax_amount.value() - lines_tax).max(Decimal::ZERO);
    let base_shipping_tax = (i.base_tax_amount.value() - base_lines_tax).max(Decimal::ZERO);
    models::CustomerInvoice {
        id: i.id,
        increment_id: i.increment_id.clone(),
        order_id: i.order_id,
        order: iri("customer-orders", i.order_id),
        state: i.state.parse().unwrap_or(models::CustomerInvoiceState::Pending),
        total_qty: i.total_qty,
        email_sent: i.email_sent,
        base_currency_code: i.base_currency_code.clone(),
        channel_currency_code: i.channel_currency_code.clone(),
        order_currency_code: i.order_currency_code.clone(),
        sub_total: amount(i.sub_total),
        base_sub_total: amount(i.base_sub_total),
        formatted_sub_total: scope.format_price(i.base_sub_total.value()),
        grand_total: amount(i.grand_total),
        base_grand_total: amount(i.base_grand_total),
        formatted_grand_total: scope.format_price(i.base_grand_total.value()),
        shipping_amount: amount(i.shipping_amount),
        base_shipping_amount: amount(i.base_shipping_amount),
        formatted_shipping_amount: scope.format_price(i.base_shipping_amount.value()),
        tax_amount: amount(i.tax_amount),
        base_tax_amount: amount(i.base_tax_amount),
        formatted_tax_amount: scope.format_price(i.base_tax_amount.value()),
        discount_amount: amount(i.discount_amount),
        base_discount_amount: amount(i.base_discount_amount),
        formatted_discount_amount: scope.format_price(i.base_discount_amount.value()),
        shipping_tax_amount: price(shipping_tax),
        base_shipping_tax_amount: price(base_shipping_tax),
        sub_total_incl_tax: price(i.sub_total.value() + lines_tax),
        base_sub_total_incl_tax: price(i.base_sub_total.value() + base_lines_tax),
        formatted_sub_total_incl_tax: scope.format_price(i.base_sub_total.value() + base_lines_tax),
        shipping_amount_incl_tax: price(i.shipping_amount.value() + shipping_tax),
        base_shipping_amount_incl_tax: price(i.base_shipping_amount.value() + base_shipping_tax),
        formatted_shipping_amount_incl_tax: scope.format_price(i.base_shipping_amount.value() + base_shipping_tax),
        transaction_id: i.transaction_id.clone(),
        reminders: i.reminders,
        next_reminder_at: i.next_reminder_at.map(|at| scope.timestamp(at)),
        items: lines.iter().map(|l| iri("invoice-items", l.id)).collect(),
        download_url: Some(format!(
            "{}/api/shop/customer-invoices/{}/pdf",
            scope.storefront_url().trim_end_matches('/'),
            i.id
        )),
        created_at: scope.timestamp(i.created_at),
        updated_at: scope.timestamp(i.updated_at),
    }
}

pub(crate) fn item_body(l: &invoice_items::Model, scope: &Scope) -> models::CustomerInvoiceItem {
    models::CustomerInvoiceItem {
        id: l.id,
        invoice_id: l.invoice_id,
        invoice: iri("customer-invoices", l.invoice_id),
        order_item_id: l.order_item_id,
        parent_id: None,
        product_id: l.product_id,
        product_type: Some("Webkul\\Product\\Models\\Product".to_owned()),
        sku: l.sku.clone(),
        name: l.name.clone(),
        description: None,
        qty: l.qty,
        price: amount(l.price),
        base_price: amount(l.base_price),
        formatted_price: scope.format_price(l.base_price.value()),
        total: amount(l.total),
        base_total: amount(l.base_total),
        formatted_total: scope.format_price(l.base_total.value()),
        tax_amount: amount(l.tax_amount),
        base_tax_amount: amount(l.base_tax_amount),
        discount_percent: None,
        discount_amount: amount(l.discount_amount),
        base_discount_amount: amount(l.base_discount_amount),
        price_incl_tax: amount(l.price),
        base_price_incl_tax: amount(l.base_price),
        formatted_price_incl_tax: scope.format_price(l.base_price.value()),
        total_incl_tax: price(l.total.value() + l.tax_amount.value()),
        base_total_incl_tax: price(l.base_total.value() + l.base_tax_amount.value()),
        formatted_total_incl_tax: scope.format_price(l.base_total.value() + l.base_tax_amount.value()),
        additional: l.additional.clone(),
        created_at: scope.timestamp(l.created_at),
        updated_at: scope.timestamp(l.updated_at),
    }
}

#[async_trait::async_trait]
impl CustomerInvoicesService for Service {
    async fn list_customer_invoices(
        &self,
        ctx: &RequestContext,
        input: ListCustomerInvoicesInput,
    ) -> Result<Page<models::CustomerInvoice>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let state = input.state.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let page = account::invoices_of(
            &self.0.db,
            customer_id,
            input.order_id.or(input.order_id_snake),
            state,
            input.window(),
        )
        .await?;
        Ok(page.map(|(i, lines)| invoice_body(&i, &lines, scope)))
    }

    async fn get_customer_invoice(
        &self,
        ctx: &RequestContext,
        input: GetCustomerInvoiceInput,
    ) -> Result<models::CustomerInvoice, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let (invoice, lines) = account::invoice_of(&self.0.db, customer_id, input.id)
            .await?
            .ok_or_else(|| not_found("invoice", input.id))?;
        Ok(invoice_body(&invoice, &lines, scope))
    }

    async fn download_customer_invoice_pdf(
        &self,
        ctx: &RequestContext,
        input: DownloadCustomerInvoicePdfInput,
    ) -> Result<DownloadCustomerInvoicePdfResponse, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let pdf = account::invoice_pdf(&self.0.db, customer_id, input.id)
            .await?
            .ok_or_else(|| not_found("invoice", input.id))?;
        let disposition = format!("attachment; filename=\"invoice-{}.pdf\"", input.id);
        Ok(DownloadCustomerInvoicePdfResponse::Ok(Pdf(pdf), Some(disposition)))
    }

    async fn get_customer_invoice_item(
        &self,
        ctx: &RequestContext,
        input: GetCustomerInvoiceItemInput,
    ) -> Result<models::CustomerInvoiceItem, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let line = account::invoice_item_of(&self.0.db, customer_id, input.id)
            .await?
            .ok_or_else(|| not_found("invoice item", input.id))?;
        Ok(item_body(&line, scope))
    }
}
