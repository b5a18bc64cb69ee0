//! Booking products of the Bagisto shop REST API: booking rows, their schedule templates and
//! event tickets, and the slots a date offers.

use poem_openapi::types::ToJSON;
use polyshop_api_bagisto_shop::{booking_products::*, models};
use polyshop_entities::{
    booking_product_appointment_slots as appointment_rows, booking_product_default_slots as default_rows,
    booking_product_event_ticket_translations as ticket_text_rows, booking_product_rental_slots as rental_rows,
    booking_product_table_slots as table_rows,
};
use polyshop_runtime::{JsonDecimal, Page, RequestContext, ServiceError};
use rust_decimal::Decimal;
use serde_json::Value;

use super::context::{ShopRequest, iri};
use polyshop_core::{
    AppState,
    catalog::product_types::{
        booking::{self, BookingRecord, SlotConfig, TicketRecord},
        slots::{self, Availability, Slot},
    },
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl BookingProductsService for Service {
    async fn list_product_booking_products(
        &self,
        ctx: &RequestContext,
        input: ListProductBookingProductsInput,
    ) -> Result<Vec<models::BookingProduct>, ServiceError> {
        let scope = ctx.scope().await?;
        let rows = booking::of_enabled_product(&self.0.db, input.product_id).await?;
        Ok(rows
            .ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?
            .iter()
            .map(|b| view(scope, b))
            .collect())
    }

    async fn get_booking_product(
        &self,
        ctx: &RequestContext,
        input: GetBookingProductInput,
    ) -> Result<models::BookingProduct, ServiceError> {
        let scope = ctx.scope().await?;
        let row = booking::find(&self.0.db, input.id).await?;
        row.map(|b| view(scope, &b)).ok_or_else(|| ServiceError::not_found_id("Booking product", input.id))
    }

    async fn get_booking_slots(
        &self,
        ctx: &RequestContext,
        input: GetBookingSlotsInput,
    ) -> Result<Vec<models::BookingSlot>, ServiceError> {
        let date = booking::parse_date(&input.date)?;
        let scope = ctx.scope().await?;
        let now = self.0.clock.now();
        let slots = booking::slots_on(&self.0.db, input.id, date, now, scope.timezone).await?;
        Ok(slots_view(slots.ok_or_else(|| ServiceError::not_found_id("Booking product", input.id))?))
    }

    async fn list_booking_default_slots(
        &self,
        _ctx: &RequestContext,
        input: ListBookingDefaultSlotsInput,
    ) -> Result<Page<models::BookingSlotConfig>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = booking::default_slots_page(&self.0.db, window).await?;
        let body = rows.iter().map(default_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_booking_default_slot(
        &self,
        _ctx: &RequestContext,
        input: GetBookingDefaultSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        let row = booking::find_default_slot(&self.0.db, input.id).await?;
        row.as_ref().map(default_view).ok_or_else(|| ServiceError::not_found_id("Booking default slot", input.id))
    }

    async fn list_booking_appointment_slots(
        &self,
        _ctx: &RequestContext,
        input: ListBookingAppointmentSlotsInput,
    ) -> Result<Page<models::BookingSlotConfig>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = booking::appointment_slots_page(&self.0.db, window).await?;
        let body = rows.iter().map(appointment_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_booking_appointment_slot(
        &self,
        _ctx: &RequestContext,
        input: GetBookingAppointmentSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        let row = booking::find_appointment_slot(&self.0.db, input.id).await?;
        row.as_ref()
            .map(appointment_view)
            .ok_or_else(|| ServiceError::not_found_id("Booking appointment slot", input.id))
    }

    async fn list_booking_rental_slots(
        &self,
        ctx: &RequestContext,
        input: ListBookingRentalSlotsInput,
    ) -> Result<Page<models::BookingSlotConfig>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = booking::rental_slots_page(&self.0.db, window).await?;
        let body = rows.iter().map(|r| rental_view(scope, r)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_booking_rental_slot(
        &self,
        ctx: &RequestContext,
        input: GetBookingRentalSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        let scope = ctx.scope().await?;
        let row = booking::find_rental_slot(&self.0.db, input.id).await?;
        row.map(|r| rental_view(scope, &r)).ok_or_else(|| ServiceError::not_found_id("Booking rental slot", input.id))
    }

    async fn list_booking_table_slots(
        &self,
        _ctx: &RequestContext,
        input: ListBookingTableSlotsInput,
    ) -> Result<Page<models::BookingSlotConfig>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = booking::table_slots_page(&self.0.db, window).await?;
        let body = rows.iter().map(table_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_booking_table_slot(
        &self,
        _ctx: &RequestContext,
        input: GetBookingTableSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        let row = booking::find_table_slot(&self.0.db, input.id).await?;
        row.as_ref().map(table_view).ok_or_else(|| ServiceError::not_found_id("Booking table slot", input.id))
    }

    async fn list_booking_event_tickets(
        &self,
        ctx: &RequestContext,
        input: ListBookingEventTicketsInput,
    ) -> Result<Page<models::BookingEventTicket>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = booking::tickets_page(&self.0.db, window).await?;
        let body = rows.iter().map(|t| ticket_view(scope, t)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_booking_event_ticket(
        &self,
        ctx: &RequestContext,
        input: GetBookingEventTicketInput,
    ) -> Result<models::BookingEventTicket, ServiceError> {
        let scope = ctx.scope().await?;
        let ticket = booking::find_ticket(&self.0.db, input.id).await?;
        ticket
            .map(|t| ticket_view(scope, &t))
            .ok_or_else(|| ServiceError::not_found_id("Booking event ticket", input.id))
    }

    async fn get_booking_event_ticket_translation(
        &self,
        _ctx: &RequestContext,
        input: GetBookingEventTicketTranslationInput,
    ) -> Result<models::BookingEventTicketTranslation, ServiceError> {
        let text = booking::find_ticket_translation(&self.0.db, input.id).await?;
        text.map(ticket_text_view)
            .ok_or_else(|| ServiceError::not_found_id("Booking event ticket translation", input.id))
    }
}

/// A base-currency amount as a JSON number with the base currency's decimals (`9.00`).
pub(super) fn base_money(scope: &Scope, amount: Decimal) -> JsonDecimal {
    JsonDecimal::with_scale(amount, scope.base_currency.decimal.clamp(0, 8).unsigned_abs())
}

pub(super) fn view(scope: &Scope, r: &BookingRecord) -> models::BookingProduct {
    let b = &r.booking;
    let type_ = b.type_.parse().unwrap_or(models::BookingType::Default);
    let config = r.config.as_ref().map(|c| config_view(scope, c));
    // The IRI of the schedule template, under the field of its type.
    let template = r.config.as_ref().map(config_iri);
    let template_in = |collection: &str| template.clone().filter(|(c, _)| *c == collection).map(|(_, iri)| iri);
    models::BookingProduct {
        id: b.id,
        type_,
        // Events count tickets, not bookings: their capacity is on the tickets.
        qty: (b.type_ != booking::EVENT).then_some(b.qty),
        location: b.location.clone(),
        show_location: i32::from(b.show_location),
        available_every_week: Some(i32::from(b.available_every_week)),
        available_from: b.available_from.map(|t| scope.timestamp(t)),
        available_to: b.available_to.map(|t| scope.timestamp(t)),
        created_at: Some(scope.timestamp(b.created_at)),
        updated_at: Some(scope.timestamp(b.updated_at)),
        slots: config.map(preview),
        default_slot: template_in(DEFAULT_SLOTS),
        appointment_slot: template_in(APPOINTMENT_SLOTS),
        rental_slot: template_in(RENTAL_SLOTS),
        table_slot: template_in(TABLE_SLOTS),
        event_tickets: r.tickets.iter().map(|t| iri("booking_product_event_tickets", t.ticket.id)).collect(),
    }
}

const DEFAULT_SLOTS: &str = "booking_product_default_slots";
const APPOINTMENT_SLOTS: &str = "booking_product_appointment_slots";
const RENTAL_SLOTS: &str = "booking_product_rental_slots";
const TABLE_SLOTS: &str = "booking_product_table_slots";

/// (collection, IRI) of a schedule template.
fn config_iri(c: &SlotConfig) -> (&'static str, String) {
    let (collection, id) = match c {
        SlotConfig::Default(m) => (DEFAULT_SLOTS, m.id),
        SlotConfig::Appointment(m) => (APPOINTMENT_SLOTS, m.id),
        SlotConfig::Rental(m) => (RENTAL_SLOTS, m.id),
        SlotConfig::Table(m) => (TABLE_SLOTS, m.id),
    };
    (collection, iri(collection, id))
}

/// The inline preview of a schedule template: its fields without the id, `slots` as JSON.
fn preview(config: models::BookingSlotConfig) -> Value {
    let slots = serde_json::from_str(&config.slots).unwrap_or(Value::Null);
    let mut value = config.to_json().unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut value {
        fields.shift_remove("id");
        fields.insert("slots".into(), slots);
    }
    value
}

fn config_view(scope: &Scope, c: &SlotConfig) -> models::BookingSlotConfig {
    match c {
        SlotConfig::Default(m) => default_view(m),
        SlotConfig::Appointment(m) => appointment_view(m),
        SlotConfig::Rental(m) => rental_view(scope, m),
        SlotConfig::Table(m) => table_view(m),
    }
}

/// A configuration with only the fields every type has.
fn config_base(id: i64, slots: &Value) -> models::BookingSlotConfig {
    models::BookingSlotConfig {
        id,
        booking_type: None,
        duration: None,
        break_time: None,
        same_slot_all_days: None,
        renting_type: None,
        daily_price: None,
        hourly_price: None,
        price_type: None,
        guest_limit: None,
        prevent_scheduling_before: None,
        slots: slots::schedule_text(slots),
    }
}

fn default_view(m: &default_rows::Model) -> models::BookingSlotConfig {
    let booking_type = if m.booking_type == "one" {
        models::BookingSlotConfigBookingType::One
    } else {
        models::BookingSlotConfigBookingType::Many
    };
    models::BookingSlotConfig {
        booking_type: Some(booking_type),
        duration: m.duration,
        break_time: m.break_time,
        ..config_base(m.id, &m.slots)
    }
}

fn appointment_view(m: &appointment_rows::Model) -> models::BookingSlotConfig {
    models::BookingSlotConfig {
        duration: Some(m.duration),
        break_time: Some(m.break_time),
        same_slot_all_days: Some(i32::from(m.same_slot_all_days)),
        ..config_base(m.id, &m.slots)
    }
}

fn rental_view(scope: &Scope, m: &rental_rows::Model) -> models::BookingSlotConfig {
    let renting_type = m.renting_type.parse().unwrap_or(models::RentingType::DailyHourly);
    models::BookingSlotConfig {
        same_slot_all_days: Some(i32::from(m.same_slot_all_days)),
        renting_type: Some(renting_type),
        daily_price: m.daily_price.map(|p| base_money(scope, p.value())),
        hourly_price: m.hourly_price.map(|p| base_money(scope, p.value())),
        ..config_base(m.id, &m.slots)
    }
}

fn table_view(m: &table_rows::Model) -> models::BookingSlotConfig {
    models::BookingSlotConfig {
        duration: Some(m.duration),
        break_time: Some(m.break_time),
        same_slot_all_days: Some(i32::from(m.same_slot_all_days)),
        price_type: Some(m.price_type.clone()),
        guest_limit: Some(m.guest_limit),
        prevent_scheduling_before: Some(m.prevent_scheduling_before),
        ..config_base(m.id, &m.slots)
    }
}

fn ticket_view(scope: &Scope, r: &TicketRecord) -> models::BookingEventTicket {
    let t = &r.ticket;
    let text_iri = |id: i64| iri("booking_product_event_ticket_translations", id);
    models::BookingEventTicket {
        id: t.id,
        booking_product_id: t.booking_product_id,
        price: base_money(scope, t.price.value()),
        qty: t.qty,
        special_price: t.special_price.map(|p| base_money(scope, p.value())),
        special_price_from: t.special_price_from.map(|at| booking::sale_time(at, scope.timezone)),
        special_price_to: t.special_price_to.map(|at| booking::sale_time(at, scope.timezone)),
        formatted_price: scope.format_price(t.price.value()),
        formatted_special_price: t.special_price.map(|p| scope.format_price(p.value())),
        translation: scope.pick(&r.translations, |x| x.locale.as_str()).map(|x| text_iri(x.id)),
        translations: r.translations.iter().map(|x| text_iri(x.id)).collect(),
    }
}

fn ticket_text_view(t: ticket_text_rows::Model) -> models::BookingEventTicketTranslation {
    models::BookingEventTicketTranslation { id: t.id, locale: t.locale, name: t.name, description: t.description }
}

fn slots_view(availability: Availability) -> Vec<models::BookingSlot> {
    match availability {
        Availability::Flat(slots) => slots
            .iter()
            .map(|s| models::BookingSlot {
                slot_id: s.timestamp(),
                from: Some(s.from_label()),
                to: Some(s.to_label()),
                timestamp: Some(s.timestamp()),
                qty: Some(s.qty.to_string()),
                time: None,
                slots: None,
            })
            .collect(),
        Availability::Hourly(groups) => groups
            .iter()
            .enumerate()
            .map(|(i, g)| models::BookingSlot {
                slot_id: (i + 1).to_string(),
                from: None,
                to: None,
                timestamp: None,
                qty: None,
                time: Some(g.label()),
                slots: Some(g.slots.iter().map(hour_view).collect()),
            })
            .collect(),
    }
}

fn hour_view(s: &Slot) -> models::BookingSlotHour {
    models::BookingSlotHour {
        from: s.from_label(),
        to: s.to_label(),
        timestamp: s.timestamp(),
        qty: Some(s.qty.to_string()),
    }
}
