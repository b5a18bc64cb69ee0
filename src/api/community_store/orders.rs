use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_api_community_store::{
    models::{FulfilmentStatusList, OrderList, OrderResponse, PaymentStatus},
    orders::{self, GetOrderInput, ListFulfilmentStatusesInput, ListOrdersInput, UpdateOrderFulfilmentInput},
};
use polyshop_runtime::{RequestContext, ServiceError};

use super::{pagination, views};
use polyshop_core::{
    AppState,
    sales::{
        self, OrderFilter, OrderSort, PaymentState,
        fulfilment::{self, FulfilmentUpdate},
    },
};

pub struct OrdersService(pub AppState);

/// The first instant of `day` in the store's timezone, in UTC.
fn start_of_day(name: &str, day: &str, tz: Tz) -> Result<chrono::DateTime<Utc>, ServiceError> {
    let date = polyshop_core::clock::calendar_day(day).ok_or_else(|| {
        ServiceError::bad_request(format!("Invalid parameter `{name}`: `{day}` is not a date (YYYY-MM-DD)"))
    })?;
    let midnight = date.and_hms_opt(0, 0, 0).unwrap();
    Ok(tz
        .from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight).with_timezone(&tz))
        .with_timezone(&Utc))
}

#[async_trait::async_trait]
impl orders::OrdersService for OrdersService {
    async fn list_orders(&self, ctx: &RequestContext, input: ListOrdersInput) -> Result<OrderList, ServiceError> {
        let settings = self.0.settings().await?;
        let tz = settings.timezone;
        let placed_before = match &input.to_date {
            // "toDate" includes the whole day: strictly before the next midnight.
            Some(day) => Some(start_of_day("toDate", day, tz)? + chrono::Duration::days(1)),
            None => None,
        };
        let mut ids: Vec<i64> = input.ids.clone().unwrap_or_default();
        ids.extend(input.id);
        let filter = OrderFilter {
            fulfilment_status: input.status.clone(),
            payment_state: input.payment_status.map(|s| match s {
                PaymentStatus::Paid => PaymentState::Paid,
                PaymentStatus::Unpaid => PaymentState::Unpaid,
                PaymentStatus::Cancelled => PaymentState::Cancelled,
                PaymentStatus::Refunded => PaymentState::Refunded,
                PaymentStatus::Incomplete => PaymentState::Incomplete,
            }),
            placed_from: input.from_date.as_deref().map(|d| start_of_day("fromDate", d, tz)).transpose()?,
            placed_before,
            paid: parse_flag("paid", input.paid.as_deref())?,
            cancelled: parse_flag("cancelled", input.cancelled.as_deref())?,
            refunded: parse_flag("refunded", input.refunded.as_deref())?,
            shippable: parse_flag("shippable", input.shippable.as_deref())?,
            ids: (!ids.is_empty()).then_some(ids),
            ..OrderFilter::default()
        };
        let page = input.window();
        let db = &self.0.db;
        let total = sales::count_orders(db, &filter).await?;
        let records = sales::list_orders(db, &filter, OrderSort::NEWEST, page).await?;
        let statuses = sales::fulfilment_statuses(db).await?;
        Ok(OrderList {
            meta: pagination::meta(&ctx.url, page, total, records.len()),
            data: records.iter().map(|r| views::order(r, &settings, &statuses)).collect(),
        })
    }

    async fn get_order(&self, _ctx: &RequestContext, input: GetOrderInput) -> Result<OrderResponse, ServiceError> {
        let settings = self.0.settings().await?;
        let db = &self.0.db;
        let record = sales::find_order(db, input.o_id).await?.ok_or_else(fulfilment::order_not_found)?;
        let statuses = sales::fulfilment_statuses(db).await?;
        Ok(OrderResponse { data: views::order(&record, &settings, &statuses) })
    }

    async fn update_order_fulfilment(
        &self,
        _ctx: &RequestContext,
        input: UpdateOrderFulfilmentInput,
    ) -> Result<OrderResponse, ServiceError> {
        let patch = input.body.data.fulfilment;
        // Absent keeps the stored value (`None`), `null` clears it (`Some(None)`).
        let update = FulfilmentUpdate {
            handle: patch.handle,
            tracking_id: patch.tracking_id.into(),
            tracking_code: patch.tracking_code.into(),
            tracking_url: patch.tracking_url.into(),
        };
        let settings = self.0.settings().await?;
        let record = fulfilment::update_fulfilment(&self.0.db, input.o_id, update, self.0.clock.now())
            .await
            // The body's fields sit under `data.fulfilment`.
            .map_err(|e| e.rename_field(|f| Some(format!("`data.fulfilment.{f}`"))))?;
        let statuses = sales::fulfilment_statuses(&self.0.db).await?;
        Ok(OrderResponse { data: views::order(&record, &settings, &statuses) })
    }

    async fn list_fulfilment_statuses(
        &self,
        _ctx: &RequestContext,
        _input: ListFulfilmentStatusesInput,
    ) -> Result<FulfilmentStatusList, ServiceError> {
        let statuses = sales::fulfilment_statuses(&self.0.db).await?;
        Ok(FulfilmentStatusList { data: statuses.iter().map(views::fulfilment_status).collect() })
    }
}

/// Parses a Community Store boolean filter as PHP's `FILTER_VALIDATE_BOOLEAN` reads it.
fn parse_flag(name: &str, value: Option<&str>) -> Result<Option<bool>, ServiceError> {
    let Some(value) = value else { return Ok(None) };
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(Some(true)),
        // PHP reads an empty value as false too.
        "0" | "false" | "no" | "off" | "" => Ok(Some(false)),
        _ => Err(ServiceError::bad_request(format!(
            "Invalid parameter `{name}`: expected 1 or 0 (or true/false, yes/no, on/off), got `{value}`"
        ))),
    }
}
