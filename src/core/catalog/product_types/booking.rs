//! Booking products: the booking row of a product (its type, capacity, location and booking
//! window), the schedule template of its type (`default`, `appointment`, `rental`, `table`) or
//! the tickets of an `event`, and the slots a date offers (see [`super::slots`]) less what
//! orders hold (`bookings`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_entities::{
    booking_product_appointment_slots as appointment_slots, booking_product_default_slots as default_slots,
    booking_product_event_ticket_translations as ticket_translations, booking_product_event_tickets as tickets,
    booking_product_rental_slots as rental_slots, booking_product_table_slots as table_slots, booking_products,
    bookings, order_items, orders,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Related, RelationDef, RelationTrait, Select,
};

pub use super::slots::SlotConfig;
use super::{
    slots::{Asked, Availability, Booked, availability},
    store::{enabled_page, group_by, of_enabled, product_enabled},
};

/// Booking types (`booking_products.type`).
pub const DEFAULT: &str = "default";
pub const APPOINTMENT: &str = "appointment";
pub const EVENT: &str = "event";
pub const RENTAL: &str = "rental";
pub const TABLE: &str = "table";

/// A booking row with its type's schedule template (none for events) and its tickets (events).
#[derive(Debug, Clone)]
pub struct BookingRecord {
    pub booking: booking_products::Model,
    pub config: Option<SlotConfig>,
    /// Tickets by id (events only).
    pub tickets: Vec<TicketRecord>,
}

/// An event ticket with its names and descriptions (by id).
#[derive(Debug, Clone)]
pub struct TicketRecord {
    pub ticket: tickets::Model,
    pub translations: Vec<ticket_translations::Model>,
}

/// The booking rows of each of `product_ids`, by id (products without any are absent).
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<BookingRecord>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = booking_products::Entity::find()
        .filter(booking_products::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(booking_products::Column::Id)
        .all(db)
        .await?;
    Ok(group_by(with_details(db, rows).await?, |r| r.booking.product_id))
}

/// The booking rows of product `product_id`; `None` when the product is unknown or disabled.
pub async fn of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<BookingRecord>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// Booking row `id`, unless it is unknown or its product disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<BookingRecord>, ServiceError> {
    let select = booking_products::Entity::find_by_id(id);
    let Some(row) = of_enabled(select, [booking_products::Relation::Product.def()]).one(db).await? else {
        return Ok(None);
    };
    Ok(with_details(db, vec![row]).await?.pop())
}

/// The text of a `date` argument as a date (a day past its month's end is the month's last,
/// [`crate::clock::calendar_day`]); a 400 naming the parameter otherwise.
pub fn parse_date(text: &str) -> Result<NaiveDate, ServiceError> {
    crate::clock::calendar_day(text)
        .ok_or_else(|| ServiceError::bad_request("The \"date\" parameter must be a date in YYYY-MM-DD format."))
}

/// A ticket's sale bound as tickets write it: `YYYY-MM-DD HH:MM:SS` in `timezone`.
pub fn sale_time(t: DateTime<Utc>, timezone: Tz) -> String {
    t.with_timezone(&timezone).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The slots booking product `id` offers on `date` in `timezone`; `None` when no booking
/// product of an enabled product has that id.
pub async fn slots_on(
    db: &impl ConnectionTrait,
    id: i64,
    date: NaiveDate,
    now: DateTime<Utc>,
    timezone: Tz,
) -> Result<Option<Availability>, ServiceError> {
    let Some(record) = find(db, id).await? else { return Ok(None) };
    let booked = booked_on(db, record.booking.id, date, timezone).await?;
    Ok(Some(availability(&record.booking, record.config.as_ref(), Asked { date, now, timezone }, &booked)))
}

/// What the orders' `rows` still hold: each line's units less those cancelled and refunded.
pub async fn live_units(txn: &impl ConnectionTrait, rows: &[bookings::Model]) -> Result<i64, ServiceError> {
    Ok(live_units_each(txn, rows).await?.into_iter().map(|(_, units)| units).sum())
}

/// [`live_units`] per row (rows of cancelled orders and fully cancelled lines hold 0).
pub async fn live_units_each<'a>(
    txn: &impl ConnectionTrait,
    rows: &'a [bookings::Model],
) -> Result<Vec<(&'a bookings::Model, i64)>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Cancelled and fraudulent orders hold nothing, however they got there.
    let dead: std::collections::HashSet<i64> = orders::Entity::find()
        .filter(orders::Column::Id.is_in(rows.iter().map(|b| b.order_id)))
        .filter(orders::Column::Status.is_in(["canceled", "fraud"]))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let lines: HashMap<i64, order_items::Model> = order_items::Entity::find()
        .filter(order_items::Column::Id.is_in(rows.iter().map(|b| b.order_item_id)))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    Ok(rows
        .iter()
        .map(|b| {
            let live = match lines.get(&b.order_item_id) {
                Some(l) if !dead.contains(&b.order_id) => {
                    i64::from(l.qty_ordered) - i64::from(l.qty_canceled) - i64::from(l.qty_refunded)
                }
                _ => 0,
            };
            (b, live.max(0))
        })
        .collect())
}

/// What placed orders hold of each slot of `booking_id` starting on `date` (for the slots list).
pub async fn booked_on(
    db: &impl ConnectionTrait,
    booking_id: i64,
    date: NaiveDate,
    tz: Tz,
) -> Result<Booked, ServiceError> {
    let start = tz.from_local_datetime(&date.and_time(NaiveTime::MIN)).earliest().map(|t| t.with_timezone(&Utc));
    let Some(start) = start else { return Ok(Booked::none()) };
    let rows = bookings::Entity::find()
        .filter(bookings::Column::BookingProductId.eq(booking_id))
        .filter(bookings::Column::StartsAt.gte(start))
        .filter(bookings::Column::StartsAt.lt(start + Duration::days(1)))
        .all(db)
        .await?;
    let mut quantities: HashMap<(i64, i64), i64> = HashMap::new();
    for row in &rows {
        let units = live_units(db, std::slice::from_ref(row)).await?;
        *quantities.entry((row.starts_at.timestamp(), row.ends_at.timestamp())).or_default() += units;
    }
    Ok(Booked::new(quantities))
}

// ---- schedule templates and tickets, catalog-wide ----

pub async fn default_slots_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<default_slots::Model>, ServiceError> {
    configs_page(db, default_slots::Entity::find().order_by_asc(default_slots::Column::Id), window).await
}

pub async fn find_default_slot(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<default_slots::Model>, ServiceError> {
    find_config(db, default_slots::Entity::find_by_id(id)).await
}

pub async fn appointment_slots_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<appointment_slots::Model>, ServiceError> {
    configs_page(db, appointment_slots::Entity::find().order_by_asc(appointment_slots::Column::Id), window).await
}

pub async fn find_appointment_slot(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<appointment_slots::Model>, ServiceError> {
    find_config(db, appointment_slots::Entity::find_by_id(id)).await
}

pub async fn rental_slots_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<rental_slots::Model>, ServiceError> {
    configs_page(db, rental_slots::Entity::find().order_by_asc(rental_slots::Column::Id), window).await
}

pub async fn find_rental_slot(db: &impl ConnectionTrait, id: i64) -> Result<Option<rental_slots::Model>, ServiceError> {
    find_config(db, rental_slots::Entity::find_by_id(id)).await
}

pub async fn table_slots_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<table_slots::Model>, ServiceError> {
    configs_page(db, table_slots::Entity::find().order_by_asc(table_slots::Column::Id), window).await
}

pub async fn find_table_slot(db: &impl ConnectionTrait, id: i64) -> Result<Option<table_slots::Model>, ServiceError> {
    find_config(db, table_slots::Entity::find_by_id(id)).await
}

/// A page of the tickets of every event of an enabled product, by id.
pub async fn tickets_page(db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<TicketRecord>, ServiceError> {
    let select = tickets::Entity::find().order_by_asc(tickets::Column::Id);
    let page = enabled_page(db, select, ticket_path(), window).await?;
    Ok(Page::new(tickets_with_texts(db, page.items).await?, page.total, page.window))
}

/// Ticket `id`, unless it is unknown or its event's product disabled.
pub async fn find_ticket(db: &impl ConnectionTrait, id: i64) -> Result<Option<TicketRecord>, ServiceError> {
    let Some(row) = of_enabled(tickets::Entity::find_by_id(id), ticket_path()).one(db).await? else {
        return Ok(None);
    };
    Ok(tickets_with_texts(db, vec![row]).await?.pop())
}

pub async fn find_ticket_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<ticket_translations::Model>, ServiceError> {
    let path = [
        ticket_translations::Relation::BookingProductEventTicket.def(),
        tickets::Relation::BookingProduct.def(),
        booking_products::Relation::Product.def(),
    ];
    Ok(of_enabled(ticket_translations::Entity::find_by_id(id), path).one(db).await?)
}

fn ticket_path() -> [RelationDef; 2] {
    [tickets::Relation::BookingProduct.def(), booking_products::Relation::Product.def()]
}

/// Joins a schedule table to the products its bookings belong to.
fn config_path<E: Related<booking_products::Entity>>() -> [RelationDef; 2] {
    [<E as Related<booking_products::Entity>>::to(), booking_products::Relation::Product.def()]
}

async fn configs_page<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    window: PageWindow,
) -> Result<Page<E::Model>, ServiceError>
where
    E: EntityTrait + Related<booking_products::Entity>,
    E::Model: Sync,
{
    enabled_page(db, select, config_path::<E>(), window).await
}

async fn find_config<E>(db: &impl ConnectionTrait, select: Select<E>) -> Result<Option<E::Model>, ServiceError>
where
    E: EntityTrait + Related<booking_products::Entity>,
{
    Ok(of_enabled(select, config_path::<E>()).one(db).await?)
}

/// `rows` with their schedule templates and tickets: one query per booking type present
/// (two for events: tickets, then their texts).
async fn with_details(
    db: &impl ConnectionTrait,
    rows: Vec<booking_products::Model>,
) -> Result<Vec<BookingRecord>, ServiceError> {
    let ids_of = |kind: &str| -> Vec<i64> { rows.iter().filter(|b| b.type_ == kind).map(|b| b.id).collect() };
    let mut configs: HashMap<i64, SlotConfig> = HashMap::new();
    let ids = ids_of(DEFAULT);
    if !ids.is_empty() {
        let found = default_slots::Entity::find().filter(default_slots::Column::BookingProductId.is_in(ids));
        configs.extend(found.all(db).await?.into_iter().map(|c| (c.booking_product_id, SlotConfig::Default(c))));
    }
    let ids = ids_of(APPOINTMENT);
    if !ids.is_empty() {
        let found = appointment_slots::Entity::find().filter(appointment_slots::Column::BookingProductId.is_in(ids));
        configs.extend(found.all(db).await?.into_iter().map(|c| (c.booking_product_id, SlotConfig::Appointment(c))));
    }
    let ids = ids_of(RENTAL);
    if !ids.is_empty() {
        let found = rental_slots::Entity::find().filter(rental_slots::Column::BookingProductId.is_in(ids));
        configs.extend(found.all(db).await?.into_iter().map(|c| (c.booking_product_id, SlotConfig::Rental(c))));
    }
    let ids = ids_of(TABLE);
    if !ids.is_empty() {
        let found = table_slots::Entity::find().filter(table_slots::Column::BookingProductId.is_in(ids));
        configs.extend(found.all(db).await?.into_iter().map(|c| (c.booking_product_id, SlotConfig::Table(c))));
    }
    let ids = ids_of(EVENT);
    let mut event_tickets = HashMap::new();
    if !ids.is_empty() {
        let found = tickets::Entity::find()
            .filter(tickets::Column::BookingProductId.is_in(ids))
            .order_by_asc(tickets::Column::Id)
            .all(db)
            .await?;
        event_tickets = group_by(tickets_with_texts(db, found).await?, |t| t.ticket.booking_product_id);
    }
    Ok(rows
        .into_iter()
        .map(|booking| BookingRecord {
            config: configs.remove(&booking.id),
            tickets: event_tickets.remove(&booking.id).unwrap_or_default(),
            booking,
        })
        .collect())
}

async fn tickets_with_texts(
    db: &impl ConnectionTrait,
    rows: Vec<tickets::Model>,
) -> Result<Vec<TicketRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let texts = ticket_translations::Entity::find()
        .filter(ticket_translations::Column::BookingProductEventTicketId.is_in(rows.iter().map(|t| t.id)))
        .order_by_asc(ticket_translations::Column::Id)
        .all(db)
        .await?;
    let mut texts = group_by(texts, |t| t.booking_product_event_ticket_id);
    Ok(rows
        .into_iter()
        .map(|ticket| TicketRecord { translations: texts.remove(&ticket.id).unwrap_or_default(), ticket })
        .collect())
}
