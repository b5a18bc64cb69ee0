//! Booking lines: what a line of a booking product books, checked against the product's
//! schedule and what orders already hold, and priced by its type. Default, appointment and
//! table bookings take one offered slot of a date at the product's price; rentals take days
//! (the daily price each, both ends counted) or whole hours of one opening range (the hourly
//! price each) on top of it; an event line is one ticket, at the product's price plus the
//! ticket's. Every booking takes its slot's capacity (the booking's `qty`; a ticket's own
//! quantity for events) less what placed orders hold; placement locks the booking row first,
//! so concurrent orders cannot overbook.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_entities::{booking_products, bookings, products};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::request::{BookingRequest, bad};
use crate::catalog::product_types::{
    booking::{self as catalog, BookingRecord, booked_on, live_units_each},
    slots::{Asked, Availability, Booked, SlotConfig, availability},
};
use crate::settings::scope::pick_in;

/// A line's booking as sold.
#[derive(Debug, Clone)]
pub struct SoldBooking {
    pub booking_product_id: i64,
    /// The booking's type (`default`, `appointment`, `event`, `rental`, `table`).
    pub kind: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub ticket_id: Option<i64>,
    /// What the booking adds to a unit's price (a ticket, a rental's days or hours).
    pub extra: Decimal,
    /// The line's labels, as upstream shows them (`Booking From`: `06 April, 2026 10:00 AM`).
    pub labels: Vec<(String, String)>,
    /// Event and appointment lines keep their quantity (upstream refuses to change it).
    pub fixed_qty: bool,
}

fn unavailable() -> ServiceError {
    bad("The requested quantity is not available, please try again later.".into())
}

fn moment(t: &DateTime<Tz>) -> String {
    t.format("%d %B, %Y %I:%M %p").to_string()
}

/// A `YYYY-MM-DD` field of the request.
fn day(value: Option<&str>, field: &str, at: &str) -> Result<NaiveDate, ServiceError> {
    let text = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| bad(format!("{at}.booking: {field} is required")))?;
    crate::clock::calendar_day(text)
        .ok_or_else(|| bad(format!("{at}.booking: {field} must be a date in YYYY-MM-DD format")))
}

/// A slot as sent: `<from>-<to>` Unix seconds, or `h:mm AM - h:mm PM` on `date` in `tz`.
fn slot_bounds(text: &str, date: NaiveDate, tz: Tz, at: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), ServiceError> {
    let wrong =
        || bad(format!("{at}.booking: slot `{text}` is neither `<from>-<to>` Unix times nor `10:00 AM - 11:00 AM`"));
    let text = text.trim();
    if let Some((from, to)) = text.split_once('-')
        && let (Ok(from), Ok(to)) = (from.trim().parse::<i64>(), to.trim().parse::<i64>())
    {
        let at = |s: i64| DateTime::from_timestamp(s, 0).ok_or_else(wrong);
        return Ok((at(from)?, at(to)?));
    }
    let (from, to) = text.split_once(" - ").ok_or_else(wrong)?;
    let local = |clock: &str| {
        let time = NaiveTime::parse_from_str(clock.trim(), "%I:%M %p").map_err(|_| wrong())?;
        tz.from_local_datetime(&date.and_time(time)).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(wrong)
    };
    Ok((local(from)?, local(to)?))
}

/// Forgets what order `order_id` books (its lines are being replaced).
pub(super) async fn delete_of_order(txn: &impl ConnectionTrait, order_id: i64) -> Result<(), ServiceError> {
    bookings::Entity::delete_many().filter(bookings::Column::OrderId.eq(order_id)).exec(txn).await?;
    Ok(())
}

/// Locks the booking rows of `product_ids`' booking products, in id order: every order locks
/// them in the same order, so two orders booking the same products cannot deadlock (`held`
/// locks one row again; a lock already held is granted at once).
pub(super) async fn lock_in_order(txn: &impl ConnectionTrait, product_ids: &[i64]) -> Result<(), ServiceError> {
    if product_ids.is_empty() {
        return Ok(());
    }
    booking_products::Entity::find()
        .filter(booking_products::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(booking_products::Column::Id)
        .lock_exclusive()
        .all(txn)
        .await?;
    Ok(())
}

/// Units placed orders hold of `booking_id`: of that very slot `span` (`exact`), of `ticket`,
/// or (neither) at the busiest moment of `span`, counting every booking that overlaps it (a
/// long rental fits beside two short ones that never meet). Locks the booking row first when
/// inside a transaction.
async fn held(
    txn: &impl ConnectionTrait,
    booking_id: i64,
    span: (DateTime<Utc>, DateTime<Utc>),
    exact: bool,
    ticket: Option<i64>,
    earlier: &[(SoldBooking, i64)],
) -> Result<i64, ServiceError> {
    // What the order's earlier lines book is not stored yet: counted here.
    let pending: Vec<(DateTime<Utc>, DateTime<Utc>, i64)> = earlier
        .iter()
        .filter(|(b, _)| b.booking_product_id == booking_id)
        .filter(|(b, _)| match (ticket, exact) {
            (Some(t), _) => b.ticket_id == Some(t),
            (None, true) => b.starts_at == span.0 && b.ends_at == span.1,
            (None, false) => b.starts_at < span.1 && b.ends_at > span.0,
        })
        .map(|(b, units)| (b.starts_at, b.ends_at, *units))
        .collect();
    booking_products::Entity::find_by_id(booking_id).lock_exclusive().one(txn).await?;
    let mut rows = bookings::Entity::find().filter(bookings::Column::BookingProductId.eq(booking_id));
    rows = match (ticket, exact) {
        (Some(ticket), _) => rows.filter(bookings::Column::TicketId.eq(ticket)),
        (None, true) => rows.filter(bookings::Column::StartsAt.eq(span.0)).filter(bookings::Column::EndsAt.eq(span.1)),
        (None, false) => rows.filter(bookings::Column::StartsAt.lt(span.1)).filter(bookings::Column::EndsAt.gt(span.0)),
    };
    let rows = rows.all(txn).await?;
    let live = live_units_each(txn, &rows).await?;
    let intervals = live.into_iter().map(|(b, units)| (b.starts_at, b.ends_at, units)).chain(pending);
    Ok(match (ticket, exact) {
        (None, false) => peak(span, intervals),
        _ => intervals.map(|(_, _, units)| units).sum(),
    })
}

/// The most units `intervals` (half-open, with their units) hold at one moment of `span`.
fn peak(
    span: (DateTime<Utc>, DateTime<Utc>),
    intervals: impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>, i64)>,
) -> i64 {
    let mut changes: Vec<(DateTime<Utc>, i64)> = Vec::new();
    for (from, to, units) in intervals {
        let (from, to) = (from.max(span.0), to.min(span.1));
        if from < to {
            changes.push((from, units));
            changes.push((to, -units));
        }
    }
    // At one instant, what ends goes before what starts (an interval ends where the next begins).
    changes.sort_by_key(|&(at, change)| (at, change));
    let (mut now, mut most) = (0_i64, 0_i64);
    for (_, change) in changes {
        now = now.saturating_add(change);
        most = most.max(now);
    }
    most
}

/// Resolves `asked` for `qty` units of booking product `product`: the booking it takes and the
/// request as stored (a slot as Unix times). 400 for what cannot be booked now (a slot not
/// offered or full, an expired event, sold-out tickets), 422-worthy 400s naming `booking` for
/// what is missing or malformed.
#[allow(clippy::too_many_arguments)] // the line, its request and the moment it is priced
pub(super) async fn booked(
    txn: &impl ConnectionTrait,
    product: &products::Model,
    asked: &BookingRequest,
    qty: i32,
    now: DateTime<Utc>,
    tz: Tz,
    locale: &str,
    at: &str,
    earlier: &[(SoldBooking, i64)],
) -> Result<(SoldBooking, BookingRequest), ServiceError> {
    let record: BookingRecord = catalog::of_products(txn, &[product.id])
        .await?
        .remove(&product.id)
        .and_then(|mut r| r.pop())
        .ok_or_else(|| bad(format!("{at}: product {} has no booking schedule", product.sku)))?;
    let booking = &record.booking;
    // What the line stores: the fields its type reads, as checked (nothing else the request sent).
    let mut stored = BookingRequest::default();
    let qty = i64::from(qty);
    let mut labels = Vec::new();
    let local = |t: &DateTime<Utc>| t.with_timezone(&tz);
    let sold = match booking.type_.as_str() {
        catalog::EVENT => {
            let ticket_id = asked
                .ticket_id
                .ok_or_else(|| bad(format!("{at}.booking: booking.qty is required for event booking.")))?;
            let ticket = record
                .tickets
                .iter()
                .find(|t| t.ticket.id == ticket_id)
                .ok_or_else(|| bad(format!("{at}.booking: {ticket_id} is not a ticket of {}", product.sku)))?;
            if booking.available_to.is_some_and(|to| to < now) {
                return Err(bad("This event has been expired.".into()));
            }
            let name = pick_in(&[locale], &ticket.translations, |t| t.locale.as_str())
                .map_or_else(|| format!("Ticket {ticket_id}"), |t| t.name.clone());
            let (starts_at, ends_at) = (booking.available_from.unwrap_or(now), booking.available_to.unwrap_or(now));
            let left = i64::from(ticket.ticket.qty)
                - held(txn, booking.id, (starts_at, ends_at), false, Some(ticket_id), earlier).await?;
            if left < qty {
                return Err(bad(match left > 0 {
                    true => format!("Only {left} \"{name}\" tickets are available."),
                    false => format!("\"{name}\" tickets are sold out."),
                }));
            }
            let on_sale = ticket.ticket.special_price.filter(|_| {
                ticket.ticket.special_price_from.is_none_or(|f| f <= now)
                    && ticket.ticket.special_price_to.is_none_or(|t| now <= t)
            });
            let extra = on_sale.unwrap_or(ticket.ticket.price).value();
            stored.ticket_id = Some(ticket_id);
            labels.push(("Event From".into(), moment(&local(&starts_at))));
            labels.push(("Event Till".into(), moment(&local(&ends_at))));
            labels.push(("Event Ticket".into(), name));
            SoldBooking {
                booking_product_id: booking.id,
                kind: booking.type_.clone(),
                starts_at,
                ends_at,
                ticket_id: Some(ticket_id),
                extra,
                labels,
                fixed_qty: true,
            }
        }
        catalog::RENTAL => {
            let Some(SlotConfig::Rental(config)) = record.config.as_ref() else {
                return Err(bad(format!("{at}: product {} has no rental schedule", product.sku)));
            };
            let offered_hourly = config.renting_type != "daily";
            let wanted = asked.renting_type.as_deref().map(str::trim).filter(|t| !t.is_empty());
            let hourly = match wanted {
                Some("hourly") if offered_hourly => true,
                Some("daily") if config.renting_type != "hourly" => false,
                None => offered_hourly,
                Some(other) => {
                    return Err(bad(format!("{at}.booking: renting_type `{other}` is not offered by {}", product.sku)));
                }
            };
            stored.renting_type = Some(if hourly { "hourly" } else { "daily" }.into());
            let (starts_at, ends_at, extra) = if hourly {
                let date = day(asked.date.as_deref(), "date", at)?;
                let slot = asked.slot.as_deref().ok_or_else(|| bad(format!("{at}.booking: slot is required")))?;
                let (from, to) = slot_bounds(slot, date, tz, at)?;
                if to - from < Duration::hours(1) {
                    return Err(bad("Select a slot duration of at least one hour.".into()));
                }
                // Whole hours of one opening range of that date.
                let Availability::Hourly(groups) =
                    availability(booking, record.config.as_ref(), Asked { date, now, timezone: tz }, &Booked::none())
                else {
                    return Err(unavailable());
                };
                let fits =
                    groups.iter().any(|g| g.slots.iter().any(|s| s.from == from) && g.slots.iter().any(|s| s.to == to));
                if !fits {
                    return Err(bad("This rental product is not available for the selected dates.".into()));
                }
                let hours = (to - from).num_hours();
                stored.date = Some(date.to_string());
                stored.slot = Some(format!("{}-{}", from.timestamp(), to.timestamp()));
                (from, to, config.hourly_price.map(|p| p.value()).unwrap_or_default() * Decimal::from(hours))
            } else {
                let first = day(asked.date_from.as_deref(), "date_from", at)?;
                let last = day(asked.date_to.as_deref(), "date_to", at)?;
                let today = now.with_timezone(&tz).date_naive();
                let window = |d: NaiveDate| {
                    booking.available_every_week
                        || (booking.available_from.is_none_or(|f| local(&f).date_naive() <= d)
                            && booking.available_to.is_none_or(|t| d <= local(&t).date_naive()))
                };
                if last < first || first < today || !window(first) || !window(last) || (last - first).num_days() > 366 {
                    return Err(bad("This rental product is not available for the selected dates.".into()));
                }
                let midnight = |d: NaiveDate| {
                    tz.from_local_datetime(&d.and_time(NaiveTime::MIN)).earliest().map(|t| t.with_timezone(&Utc))
                };
                let (Some(from), Some(to)) = (midnight(first), midnight(last + Duration::days(1))) else {
                    return Err(bad("This rental product is not available for the selected dates.".into()));
                };
                let days = (last - first).num_days() + 1;
                (stored.date_from, stored.date_to) = (Some(first.to_string()), Some(last.to_string()));
                (from, to, config.daily_price.map(|p| p.value()).unwrap_or_default() * Decimal::from(days))
            };
            if i64::from(booking.qty) - held(txn, booking.id, (starts_at, ends_at), false, None, earlier).await? < qty {
                return Err(bad("This rental product is not available for the selected dates.".into()));
            }
            let (shown_from, shown_to) = match hourly {
                true => (moment(&local(&starts_at)), moment(&local(&ends_at))),
                false => (
                    local(&starts_at).format("%d %B, %Y").to_string(),
                    (local(&ends_at) - Duration::days(1)).format("%d %B, %Y").to_string(),
                ),
            };
            labels.push(("Rent From".into(), shown_from));
            labels.push(("Rent Till".into(), shown_to));
            labels.push(("Rent Type".into(), if hourly { "Hourly Basis" } else { "Daily Basis" }.into()));
            SoldBooking {
                booking_product_id: booking.id,
                kind: booking.type_.clone(),
                starts_at,
                ends_at,
                ticket_id: None,
                extra,
                labels,
                fixed_qty: false,
            }
        }
        kind => {
            let date = day(asked.date.as_deref(), "date", at)?;
            let slot = asked
                .slot
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| bad(format!("{at}.booking: slot is required")))?;
            let note = asked.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
            if kind == catalog::TABLE && note.is_none() {
                return Err(bad(format!("{at}.booking: booking.note is required for table booking.")));
            }
            if note.is_some_and(|n| n.chars().count() > 1000 || n.contains('\0')) {
                return Err(bad(format!("{at}.booking: the note takes at most 1000 characters")));
            }
            let (from, to) = slot_bounds(slot, date, tz, at)?;
            let booked = booked_on(txn, booking.id, date, tz).await?;
            let Availability::Flat(slots) =
                availability(booking, record.config.as_ref(), Asked { date, now, timezone: tz }, &booked)
            else {
                return Err(bad("Selected slot is not available for the given date.".into()));
            };
            if !slots.iter().any(|s| s.from == from && s.to == to) {
                return Err(bad("Selected slot is not available for the given date.".into()));
            }
            // Counted again under the booking row's lock: the authoritative check at placement.
            if i64::from(booking.qty) - held(txn, booking.id, (from, to), true, None, earlier).await? < qty {
                return Err(unavailable());
            }
            stored.date = Some(date.to_string());
            stored.slot = Some(format!("{}-{}", from.timestamp(), to.timestamp()));
            stored.note = note.map(str::to_owned);
            labels.push(("Booking From".into(), moment(&local(&from))));
            labels.push(("Booking Till".into(), moment(&local(&to))));
            if let Some(note) = note {
                labels.push(("Special Request/Notes".into(), note.to_owned()));
            }
            SoldBooking {
                booking_product_id: booking.id,
                kind: kind.to_owned(),
                starts_at: from,
                ends_at: to,
                ticket_id: None,
                extra: Decimal::ZERO,
                labels,
                fixed_qty: kind == catalog::APPOINTMENT,
            }
        }
    };
    let mut sold = sold;
    if booking.show_location
        && let Some(location) = booking.location.as_deref().filter(|l| !l.is_empty())
    {
        sold.labels.push(("Location".into(), location.to_owned()));
    }
    Ok((sold, stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_counts_only_what_meets() {
        let day = |d: u32| Utc.with_ymd_and_hms(2026, 11, d, 0, 0, 0).unwrap();
        let span = (day(3), day(6));
        // Day 3 and day 5 never meet; a booking ending as another starts does not overlap it.
        assert_eq!(peak(span, [(day(3), day(4), 1), (day(5), day(6), 1)].into_iter()), 1);
        assert_eq!(peak(span, [(day(3), day(5), 1), (day(4), day(6), 2)].into_iter()), 3);
        assert_eq!(peak(span, [(day(1), day(3), 5), (day(6), day(8), 5)].into_iter()), 0);
        assert_eq!(peak(span, std::iter::empty()), 0);
    }
}
