use polyshop_api_cs_cart::{
    models::{ListParams, Order, OrderCreateInput, OrderId, OrderList, OrderSortKey as SortKey, SortOrder},
    orders::{
        self, CreateOrderInput, CreateStoreOrderInput, DeleteOrderInput, GetOrderInput, ListOrdersInput,
        UpdateOrderInput,
    },
};
use polyshop_runtime::{Principal, RequestContext, ServiceError};

use super::{input, views};
use polyshop_core::{
    AppState,
    sales::{
        self, OrderFilter, OrderSort, OrderSortKey,
        editing::{self, OrderEdit},
        fulfilment::order_not_found,
        placement::{self, Buyer, NewOrder},
        statuses::StatusChange,
    },
    settings::channels,
};

pub struct OrdersService(pub AppState);

fn admin_of(ctx: &RequestContext) -> Option<i64> {
    match ctx.principal {
        Principal::Admin { admin_id, .. } => Some(admin_id),
        _ => None,
    }
}

impl OrdersService {
    /// Places the order in `channel_id` (the default store when none).
    async fn place(
        &self,
        ctx: &RequestContext,
        channel_id: Option<i64>,
        body: OrderCreateInput,
    ) -> Result<OrderId, ServiceError> {
        let db = &self.0.db;
        let channel_id = match channel_id {
            Some(id) => id,
            None => self.0.settings().await?.channel.id,
        };
        let customer = input::optional_id("user_id", body.user_id.as_ref())?;
        let (buyer, billing, shipping) = match (customer, &body.user_data) {
            // With a customer, CS-Cart ignores user_data: the addresses come from their account.
            (Some(id), _) => (Buyer::Customer(id), None, None),
            (None, Some(u)) => {
                let (email, billing, shipping) = input::guest_contacts(u)?;
                (Buyer::Guest { email }, Some(billing), shipping)
            }
            (None, None) => {
                return Err(ServiceError::bad_request(
                    "user_id or user_data: an order needs a customer or a guest's details",
                ));
            }
        };
        for c in billing.iter().chain(shipping.iter()) {
            let known = channels::known_country(db, &c.country).await?;
            if !known {
                return Err(ServiceError::bad_request(format!("user_data: `{}` is not a country code", c.country)));
            }
        }
        let payment = body.payment_id.as_ref().ok_or_else(|| ServiceError::bad_request("payment_id: required"))?;
        let new = NewOrder {
            channel_id,
            buyer,
            billing,
            shipping,
            payment_method_id: input::id("payment_id", payment)?,
            shipping_method_id: input::shipping_id(body.shipping_id.as_ref())?,
            lines: input::lines(&body.products)?,
            customer_note: body.notes.map(|n| n.0),
            admin_notes: body.details.map(|n| n.0),
            issuer_id: admin_of(ctx),
            remote_ip: ctx.remote_addr.clone(),
            coupon_code: None,
        };
        let now = self.0.clock.now();
        let id = placement::place_order(db, new, now).await?;
        Ok(OrderId { order_id: id.to_string() })
    }
}

#[async_trait::async_trait]
impl orders::OrdersService for OrdersService {
    async fn create_store_order(
        &self,
        ctx: &RequestContext,
        input: CreateStoreOrderInput,
    ) -> Result<OrderId, ServiceError> {
        channels::find_channel(&self.0.db, input.company_id)
            .await?
            .ok_or_else(|| channels::channel_not_found(input.company_id))?;
        self.place(ctx, Some(input.company_id), input.body).await
    }

    async fn create_order(&self, ctx: &RequestContext, input: CreateOrderInput) -> Result<OrderId, ServiceError> {
        let store = input::optional_id("company_id", input.body.company_id.as_ref())?;
        if let Some(id) = store {
            channels::find_channel(&self.0.db, id)
                .await?
                .ok_or_else(|| ServiceError::bad_request(format!("company_id: store {id} does not exist")))?;
        }
        self.place(ctx, store, input.body).await
    }

    async fn list_orders(&self, _ctx: &RequestContext, input: ListOrdersInput) -> Result<OrderList, ServiceError> {
        let codes: Option<Vec<String>> = input
            .status
            .as_deref()
            .map(|s| s.split(',').map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect())
            .filter(|c: &Vec<String>| !c.is_empty());
        let filter = OrderFilter {
            status_codes: codes,
            customer_id: input.user_id,
            channel_id: input.company_id,
            email: input.email.clone().filter(|e| !e.is_empty()),
            invoice_id: input.invoice_id,
            refund_id: input.credit_memo_id,
            ..OrderFilter::default()
        };
        let sort_by = input.sort_by.unwrap_or(SortKey::Date);
        let descending = input.sort_order.unwrap_or(SortOrder::Desc) == SortOrder::Desc;
        let key = match sort_by {
            SortKey::Date => OrderSortKey::Date,
            SortKey::OrderId => OrderSortKey::Id,
            SortKey::Status => OrderSortKey::Status,
            SortKey::Total => OrderSortKey::Total,
            SortKey::Customer => OrderSortKey::Customer,
            SortKey::Email => OrderSortKey::Email,
        };
        let page = input.window();
        let db = &self.0.db;
        let total = sales::count_orders(db, &filter).await?;
        let records = sales::list_orders(db, &filter, OrderSort { key, descending }, page).await?;
        let ids: Vec<i64> = records.iter().map(|r| r.order.id).collect();
        let (invoices, refunds) = sales::document_ids(db, &ids).await?;
        let sort_name = sort_by.as_str();
        Ok(OrderList {
            orders: records
                .iter()
                .map(|r| {
                    views::order_summary(r, (invoices.get(&r.order.id).copied(), refunds.get(&r.order.id).copied()))
                })
                .collect(),
            params: ListParams {
                page: input.page,
                items_per_page: input.items_per_page.to_string(),
                sort_by: sort_name.into(),
                sort_order: if descending { "desc" } else { "asc" }.into(),
                sort_order_rev: if descending { "asc" } else { "desc" }.into(),
                total_items: total.to_string(),
                timestamp: None,
                company: None,
                status: input.status,
                user_id: input.user_id.map(|v| v.to_string()),
                company_id: input.company_id.map(|v| v.to_string()),
                email: input.email,
                invoice_id: input.invoice_id.map(|v| v.to_string()),
                credit_memo_id: input.credit_memo_id.map(|v| v.to_string()),
            },
        })
    }

    async fn get_order(&self, _ctx: &RequestContext, input: GetOrderInput) -> Result<Order, ServiceError> {
        let db = &self.0.db;
        let record = sales::find_order(db, input.order_id).await?.ok_or_else(order_not_found)?;
        let (invoices, refunds) = sales::document_ids(db, &[record.order.id]).await?;
        let (payment_method, shipping_method) = sales::order_methods(db, &record).await?;
        let shipments = sales::shipment_ids(db, record.order.id).await?;
        let countries: Vec<String> = [&record.billing_address, &record.shipping_address]
            .into_iter()
            .flatten()
            .map(|a| a.country.clone())
            .collect();
        let (country_names, state_names) =
            polyshop_core::settings::place_names(db, &countries, &record.order.locale).await?;
        let cx = views::OrderContext {
            docs: (invoices.get(&record.order.id).copied(), refunds.get(&record.order.id).copied()),
            payment_method: payment_method.as_ref(),
            shipping_method: shipping_method.as_ref(),
            shipment_ids: &shipments,
            country_names: &country_names,
            state_names: &state_names,
        };
        Ok(views::order(&record, &cx))
    }

    async fn update_order(&self, ctx: &RequestContext, input: UpdateOrderInput) -> Result<OrderId, ServiceError> {
        let b = input.body;
        let (email, first_name, last_name, billing, shipping) =
            b.user_data.as_ref().map(input::contact_edits).unwrap_or_default();
        if let Some(e) = &email
            && !e.contains('@')
        {
            return Err(ServiceError::bad_request(format!("user_data.email: `{e}` is not an email address")));
        }
        for country in [&billing.country, &shipping.country].into_iter().flatten() {
            if !channels::known_country(&self.0.db, country).await? {
                return Err(ServiceError::bad_request(format!("user_data: `{country}` is not a country code")));
            }
        }
        let discount = match (
            input::amount("discount", b.discount.as_ref())?,
            input::amount("subtotal_discount", b.subtotal_discount.as_ref())?,
        ) {
            (None, None) => None,
            (d, s) => Some(d.unwrap_or_default() + s.unwrap_or_default()),
        };
        let edit = OrderEdit {
            status: b.status.map(|s| s.as_str().trim().to_uppercase()),
            notify: StatusChange {
                notify_customer: input::flag("notify_user", b.notify_user.as_ref())?.unwrap_or(false),
                notify_department: input::flag("notify_department", b.notify_department.as_ref())?.unwrap_or(false),
                notify_vendor: input::flag("notify_vendor", b.notify_vendor.as_ref())?.unwrap_or(false),
                admin_id: admin_of(ctx),
            },
            lines: b.products.as_ref().map(input::lines).transpose()?,
            email,
            first_name,
            last_name,
            billing,
            shipping,
            total: input::amount("total", b.total.as_ref())?,
            discount,
            payment_method_id: input::optional_id("payment_id", b.payment_id.as_ref())?,
            shipping_method_id: input::shipping_id(b.shipping_id.as_ref())?,
            customer_note: b.notes.map(|n| n.0),
            admin_notes: b.details.map(|n| n.0),
        };
        editing::edit_order(&self.0.db, input.order_id, edit, self.0.clock.now()).await?;
        Ok(OrderId { order_id: input.order_id.to_string() })
    }

    async fn delete_order(&self, _ctx: &RequestContext, input: DeleteOrderInput) -> Result<(), ServiceError> {
        editing::delete_order(&self.0.db, input.order_id).await
    }
}
