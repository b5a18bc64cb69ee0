#![allow(unused)] // TODO(stub): remove when implemented
//! `booking_products` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{booking_products::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl BookingProductsService for Service {
    async fn list_product_booking_products(
        &self,
        _ctx: &RequestContext,
        _input: ListProductBookingProductsInput,
    ) -> Result<Vec<models::BookingProduct>, ServiceError> {
        todo!("list_product_booking_products")
    }

    async fn get_booking_product(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingProductInput,
    ) -> Result<models::BookingProduct, ServiceError> {
        todo!("get_booking_product")
    }

    async fn get_booking_slots(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingSlotsInput,
    ) -> Result<Vec<models::BookingSlot>, ServiceError> {
        todo!("get_booking_slots")
    }

    async fn list_booking_default_slots(
        &self,
        _ctx: &RequestContext,
        _input: ListBookingDefaultSlotsInput,
    ) -> Result<ListBookingDefaultSlotsResponse, ServiceError> {
        todo!("list_booking_default_slots")
    }

    async fn get_booking_default_slot(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingDefaultSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        todo!("get_booking_default_slot")
    }

    async fn list_booking_appointment_slots(
        &self,
        _ctx: &RequestContext,
        _input: ListBookingAppointmentSlotsInput,
    ) -> Result<ListBookingAppointmentSlotsResponse, ServiceError> {
        todo!("list_booking_appointment_slots")
    }

    async fn get_booking_appointment_slot(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingAppointmentSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        todo!("get_booking_appointment_slot")
    }

    async fn list_booking_rental_slots(
        &self,
        _ctx: &RequestContext,
        _input: ListBookingRentalSlotsInput,
    ) -> Result<ListBookingRentalSlotsResponse, ServiceError> {
        todo!("list_booking_rental_slots")
    }

    async fn get_booking_rental_slot(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingRentalSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        todo!("get_booking_rental_slot")
    }

    async fn list_booking_table_slots(
        &self,
        _ctx: &RequestContext,
        _input: ListBookingTableSlotsInput,
    ) -> Result<ListBookingTableSlotsResponse, ServiceError> {
        todo!("list_booking_table_slots")
    }

    async fn get_booking_table_slot(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingTableSlotInput,
    ) -> Result<models::BookingSlotConfig, ServiceError> {
        todo!("get_booking_table_slot")
    }

    async fn list_booking_event_tickets(
        &self,
        _ctx: &RequestContext,
        _input: ListBookingEventTicketsInput,
    ) -> Result<ListBookingEventTicketsResponse, ServiceError> {
        todo!("list_booking_event_tickets")
    }

    async fn get_booking_event_ticket(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingEventTicketInput,
    ) -> Result<models::BookingEventTicket, ServiceError> {
        todo!("get_booking_event_ticket")
    }

    async fn get_booking_event_ticket_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetBookingEventTicketTranslationInput,
    ) -> Result<models::BookingEventTicketTranslation, ServiceError> {
        todo!("get_booking_event_ticket_translation")
    }
}

/// The BookingProduct rows of each of `product_ids` (for the product detail document).
pub async fn for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::BookingProduct>>, ServiceError> {
    todo!("BookingProduct for products")
}
