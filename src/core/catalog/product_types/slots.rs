//! Booking availability: the slots a booking product offers on one date, computed from its
//! type's schedule in the channel's timezone.
//!
//! - `default` `one`: each entry `{from, to, from_day, to_day}` whose `from_day` is the date's
//!   weekday is one slot, from the date at `from` to the next `to_day` at `to`.
//! - `default` `many`, `appointment`, `table`: the day's opening hours (the same every day, or
//!   per weekday, index 0 = Sunday) cut into slots of `duration` minutes with `break_time`
//!   minutes between them; a slot that would end after closing is not offered. Tables also need
//!   `prevent_scheduling_before` minutes of notice.
//! - `rental`: hourly rentals get each range of opening hours as a group of one-hour slots;
//!   daily rentals are booked by date range and have no slots.
//! - `event`: events sell tickets, not slots: none.
//!
//! Past dates, dates outside `available_from..available_to` (for products not available every
//! week) and slots that start before now (plus the notice) have no slots. Each slot offers the
//! booking product's quantity less what is already booked ([`Booked`]).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_entities::{
    booking_product_appointment_slots as appointment_slots, booking_product_default_slots as default_slots,
    booking_product_rental_slots as rental_slots, booking_product_table_slots as table_slots, booking_products,
};
use serde_json::Value;

/// The schedule template of a booking, by type.
#[derive(Debug, Clone)]
pub enum SlotConfig {
    Default(default_slots::Model),
    Appointment(appointment_slots::Model),
    Rental(rental_slots::Model),
    Table(table_slots::Model),
}

/// A bookable slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub from: DateTime<Tz>,
    pub to: DateTime<Tz>,
    /// Bookings still available.
    pub qty: i64,
}

impl Slot {
    /// `<from>-<to>` in Unix seconds: what a cart sends back to book the slot.
    pub fn timestamp(&self) -> String {
        format!("{}-{}", self.from.timestamp(), self.to.timestamp())
    }

    pub fn from_label(&self) -> String {
        clock_time(&self.from)
    }

    pub fn to_label(&self) -> String {
        clock_time(&self.to)
    }
}

/// A range of opening hours of an hourly rental, with its one-hour slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotGroup {
    pub from: DateTime<Tz>,
    pub to: DateTime<Tz>,
    pub slots: Vec<Slot>,
}

impl SlotGroup {
    /// `10:00 AM - 12:00 PM`.
    pub fn label(&self) -> String {
        format!("{} - {}", clock_time(&self.from), clock_time(&self.to))
    }
}

/// What a date offers: flat slots, or hourly groups for rentals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Flat(Vec<Slot>),
    Hourly(Vec<SlotGroup>),
}

/// `hh:mm AM/PM`, as Bagisto writes slot times.
fn clock_time(t: &DateTime<Tz>) -> String {
    t.format("%I:%M %p").to_string()
}

/// Quantities already booked, per slot (`from`, `to` in Unix seconds).
///
/// No booking orders exist yet (checkout is a later slice), so callers pass [`Booked::none`];
/// once orders record bookings, the caller loads the booked quantities of the date into this
/// map and every slot offers its capacity less them (sold-out slots drop out).
#[derive(Debug, Clone, Default)]
pub struct Booked(HashMap<(i64, i64), i64>);

impl Booked {
    pub fn none() -> Self {
        Booked::default()
    }

    pub fn new(quantities: HashMap<(i64, i64), i64>) -> Self {
        Booked(quantities)
    }

    fn of(&self, from: &DateTime<Tz>, to: &DateTime<Tz>) -> i64 {
        self.0.get(&(from.timestamp(), to.timestamp())).copied().unwrap_or(0)
    }
}

/// When the slots are asked for: the date, in the channel's timezone, and now.
#[derive(Debug, Clone, Copy)]
pub struct Asked {
    pub date: NaiveDate,
    pub now: DateTime<Utc>,
    pub timezone: Tz,
}

/// The slots `booking` (configured by `config`) offers on `asked.date`.
pub fn availability(
    booking: &booking_products::Model,
    config: Option<&SlotConfig>,
    asked: Asked,
    booked: &Booked,
) -> Availability {
    let hourly = matches!(config, Some(SlotConfig::Rental(_)));
    let none = if hourly { Availability::Hourly(Vec::new()) } else { Availability::Flat(Vec::new()) };
    let tz = asked.timezone;
    let past = asked.date < asked.now.with_timezone(&tz).date_naive();
    if past || booking.type_ == "event" || !within_window(booking, asked) {
        return none;
    }
    let weekday = asked.date.weekday().num_days_from_sunday();
    let day = Day { date: asked.date, tz };
    let (slots, notice) = match config {
        None => return none,
        Some(SlotConfig::Default(c)) if c.booking_type == "one" => (one_booking_slots(&c.slots, day, weekday), 0),
        Some(SlotConfig::Default(c)) => {
            let hours = opening_hours(&c.slots, false, weekday);
            (sessions(&hours, c.duration.unwrap_or(0), c.break_time.unwrap_or(0), day), 0)
        }
        Some(SlotConfig::Appointment(c)) => {
            let hours = opening_hours(&c.slots, c.same_slot_all_days, weekday);
            (sessions(&hours, c.duration, c.break_time, day), 0)
        }
        Some(SlotConfig::Table(c)) => {
            let hours = opening_hours(&c.slots, c.same_slot_all_days, weekday);
            (sessions(&hours, c.duration, c.break_time, day), c.prevent_scheduling_before)
        }
        Some(SlotConfig::Rental(c)) => {
            if c.renting_type == "daily" {
                return none;
            }
            let hours = opening_hours(&c.slots, c.same_slot_all_days, weekday);
            let groups = hours
                .iter()
                .filter_map(|&(open, close)| {
                    let slots = sessions(&[(open, close)], 60, 0, day);
                    let kept = offered(booking, slots, asked, 0, booked);
                    let (from, to) = (day.at(open)?, day.at(close)?);
                    (!kept.is_empty()).then_some(SlotGroup { from, to, slots: kept })
                })
                .collect();
            return Availability::Hourly(groups);
        }
    };
    Availability::Flat(offered(booking, slots, asked, notice, booked))
}

/// Whether the date lies in the booking window (always, for products available every week).
fn within_window(booking: &booking_products::Model, asked: Asked) -> bool {
    if booking.available_every_week {
        return true;
    }
    let local = |t: &DateTime<Utc>| t.with_timezone(&asked.timezone).date_naive();
    booking.available_from.as_ref().is_none_or(|from| local(from) <= asked.date)
        && booking.available_to.as_ref().is_none_or(|to| asked.date <= local(to))
}

/// Of `slots`, those still bookable: starting `notice_minutes` after now at the earliest,
/// inside the booking window, and not sold out; with the quantity each has left.
fn offered(
    booking: &booking_products::Model,
    slots: Vec<(DateTime<Tz>, DateTime<Tz>)>,
    asked: Asked,
    notice_minutes: i32,
    booked: &Booked,
) -> Vec<Slot> {
    let earliest = asked.now + Duration::minutes(i64::from(notice_minutes.max(0)));
    let bounded = !booking.available_every_week;
    slots
        .into_iter()
        .filter(|(from, _)| *from >= earliest)
        .filter(|(from, to)| {
            !bounded
                || (booking.available_from.is_none_or(|f| *from >= f) && booking.available_to.is_none_or(|t| *to <= t))
        })
        .filter_map(|(from, to)| {
            let qty = i64::from(booking.qty) - booked.of(&from, &to);
            (qty > 0).then_some(Slot { from, to, qty })
        })
        .collect()
}

/// A date in a timezone, to place wall-clock minutes on.
#[derive(Debug, Clone, Copy)]
struct Day {
    date: NaiveDate,
    tz: Tz,
}

impl Day {
    /// The instant `minutes` after the day's midnight on the wall clock (`None` in a DST gap).
    fn at(&self, minutes: i64) -> Option<DateTime<Tz>> {
        let wall = self.date.and_hms_opt(0, 0, 0)? + Duration::minutes(minutes);
        self.tz.from_local_datetime(&wall).earliest()
    }

    fn plus_days(&self, days: i64) -> Day {
        Day { date: self.date + Duration::days(days), tz: self.tz }
    }
}

/// `[open, close)` ranges cut into `duration`-minute slots, `break_time` minutes apart.
fn sessions(hours: &[(i64, i64)], duration: i32, break_time: i32, day: Day) -> Vec<(DateTime<Tz>, DateTime<Tz>)> {
    let (duration, pause) = (i64::from(duration), i64::from(break_time.max(0)));
    if duration <= 0 {
        return Vec::new();
    }
    let mut slots = Vec::new();
    for &(open, close) in hours {
        let mut start = open;
        while start + duration <= close {
            if let (Some(from), Some(to)) = (day.at(start), day.at(start + duration)) {
                slots.push((from, to));
            }
            start += duration + pause;
        }
    }
    slots
}

/// `default` `one` bookings: the entries starting on the date's weekday, each spanning to its
/// `to_day` (the same day, or up to six days later).
fn one_booking_slots(entries: &Value, day: Day, weekday: u32) -> Vec<(DateTime<Tz>, DateTime<Tz>)> {
    let mut slots = Vec::new();
    for entry in entries.as_array().into_iter().flatten() {
        let (Some(from_day), Some(to_day)) = (int_of(&entry["from_day"]), int_of(&entry["to_day"])) else { continue };
        if from_day != i64::from(weekday) {
            continue;
        }
        let from = entry.get("from").and_then(minutes_of).unwrap_or(0);
        let to = entry.get("to").and_then(minutes_of).unwrap_or(24 * 60 - 1);
        let mut span = (to_day - from_day).rem_euclid(7);
        if span == 0 && to <= from {
            span = 7;
        }
        if let (Some(start), Some(end)) = (day.at(from), day.plus_days(span).at(to)) {
            slots.push((start, end));
        }
    }
    slots
}

/// The `(open, close)` minute ranges of the date's weekday: `slots` itself when every day is
/// the same, else its entry for the weekday (a list of ranges, or one range; a range whose
/// `status` is off is closed).
fn opening_hours(slots: &Value, same_all_days: bool, weekday: u32) -> Vec<(i64, i64)> {
    let day = if same_all_days {
        Some(slots)
    } else {
        match slots {
            Value::Array(days) => days.get(weekday as usize),
            Value::Object(days) => days.get(&weekday.to_string()),
            _ => None,
        }
    };
    let ranges: Vec<&Value> = match day {
        Some(Value::Array(ranges)) => ranges.iter().collect(),
        Some(range @ Value::Object(_)) => vec![range],
        _ => Vec::new(),
    };
    ranges
        .into_iter()
        .filter(|r| r.get("status").is_none_or(truthy))
        .filter_map(|r| {
            let (open, close) = (minutes_of(r.get("from")?)?, minutes_of(r.get("to")?)?);
            (open < close).then_some((open, close))
        })
        .collect()
}

/// `"HH:MM"` as minutes after midnight (`"24:00"` is the end of the day).
fn minutes_of(v: &Value) -> Option<i64> {
    let (h, m) = v.as_str()?.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    ((0..=24).contains(&h) && (0..60).contains(&m) && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

/// A number stored as a JSON number or a numeric string.
fn int_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Null => false,
        Value::String(s) => !matches!(s.trim(), "" | "0" | "false"),
        other => int_of(other).is_none_or(|n| n != 0),
    }
}

#[cfg(test)]
mod tests {
    use polyshop_entities::{
        booking_product_appointment_slots as appointment, booking_product_default_slots as default_slots,
        booking_product_rental_slots as rental, booking_product_table_slots as table,
    };
    use serde_json::json;

    use super::*;

    const PHOENIX: Tz = chrono_tz::America::Phoenix;

    fn booking(kind: &str, qty: i32) -> booking_products::Model {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        booking_products::Model {
            id: 1,
            product_id: 1,
            type_: kind.into(),
            qty,
            location: None,
            show_location: false,
            available_every_week: true,
            available_from: None,
            available_to: None,
            created_at: t,
            updated_at: t,
        }
    }

    /// Asked on `date` at `now` (UTC).
    fn asked(date: (i32, u32, u32), now: (i32, u32, u32, u32, u32)) -> Asked {
        Asked {
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            now: Utc.with_ymd_and_hms(now.0, now.1, now.2, now.3, now.4, 0).unwrap(),
            timezone: PHOENIX,
        }
    }

    fn labels(a: &Availability) -> Vec<String> {
        match a {
            Availability::Flat(slots) => slots.iter().map(|s| format!("{}-{}", s.from_label(), s.to_label())).collect(),
            Availability::Hourly(groups) => {
                groups.iter().map(|g| format!("{} ({})", g.label(), g.slots.len())).collect()
            }
        }
    }

    fn weekdays(from: &str, to: &str) -> Value {
        json!(
            (0..7)
                .map(|d| if (1..=5).contains(&d) { json!([{"from": from, "to": to}]) } else { json!([]) })
                .collect::<Vec<_>>()
        )
    }

    #[test]
    fn appointments_cut_the_weekday_hours_into_sessions() {
        let config = SlotConfig::Appointment(appointment::Model {
            id: 1,
            booking_product_id: 1,
            duration: 45,
            break_time: 15,
            same_slot_all_days: false,
            slots: weekdays("10:00", "17:00"),
        });
        // Monday 2026-11-02, asked the day before.
        let a = availability(
            &booking("appointment", 1),
            Some(&config),
            asked((2026, 11, 2), (2026, 11, 1, 12, 0)),
            &Booked::none(),
        );
        assert_eq!(labels(&a)[0], "10:00 AM-10:45 AM");
        assert_eq!(labels(&a).len(), 7);
        assert_eq!(labels(&a)[6], "04:00 PM-04:45 PM");
        let Availability::Flat(slots) = &a else { panic!() };
        // 10:00 in Phoenix is 17:00 UTC.
        assert_eq!(slots[0].timestamp(), "1793638800-1793641500");
        assert_eq!(slots[0].qty, 1);
        // Sunday: closed. A past date: nothing.
        let sunday = availability(
            &booking("appointment", 1),
            Some(&config),
            asked((2026, 11, 1), (2026, 10, 1, 0, 0)),
            &Booked::none(),
        );
        assert_eq!(sunday, Availability::Flat(vec![]));
        let past = availability(
            &booking("appointment", 1),
            Some(&config),
            asked((2026, 11, 2), (2026, 11, 3, 0, 0)),
            &Booked::none(),
        );
        assert_eq!(past, Availability::Flat(vec![]));
        // Today: only the slots that have not started.
        let today = availability(
            &booking("appointment", 1),
            Some(&config),
            asked((2026, 11, 2), (2026, 11, 2, 21, 30)),
            &Booked::none(),
        );
        assert_eq!(labels(&today), ["03:00 PM-03:45 PM", "04:00 PM-04:45 PM"]);
    }

    #[test]
    fn booked_quantities_are_subtracted_and_sold_out_slots_dropped() {
        let config = SlotConfig::Appointment(appointment::Model {
            id: 1,
            booking_product_id: 1,
            duration: 60,
            break_time: 0,
            same_slot_all_days: true,
            slots: json!([{"from": "10:00", "to": "12:00"}]),
        });
        let when = asked((2026, 11, 2), (2026, 11, 1, 12, 0));
        let Availability::Flat(all) = availability(&booking("appointment", 3), Some(&config), when, &Booked::none())
        else {
            panic!()
        };
        let key = |s: &Slot| (s.from.timestamp(), s.to.timestamp());
        let booked = Booked::new([(key(&all[0]), 3), (key(&all[1]), 1)].into_iter().collect());
        let Availability::Flat(left) = availability(&booking("appointment", 3), Some(&config), when, &booked) else {
            panic!()
        };
        assert_eq!(left.len(), 1);
        assert_eq!((left[0].from_label(), left[0].qty), ("11:00 AM".to_owned(), 2));
    }

    #[test]
    fn tables_need_notice_and_rentals_come_in_hourly_groups() {
        let config = SlotConfig::Table(table::Model {
            id: 1,
            booking_product_id: 1,
            price_type: "guest".into(),
            guest_limit: 4,
            duration: 90,
            break_time: 30,
            prevent_scheduling_before: 60,
            same_slot_all_days: true,
            slots: json!([{"from": "12:00", "to": "15:00"}, {"from": "18:00", "to": "22:00"}]),
        });
        let early = availability(
            &booking("table", 8),
            Some(&config),
            asked((2026, 11, 1), (2026, 11, 1, 12, 0)),
            &Booked::none(),
        );
        assert_eq!(labels(&early), ["12:00 PM-01:30 PM", "06:00 PM-07:30 PM", "08:00 PM-09:30 PM"]);
        // 11:30 in Phoenix: the 12:00 table is less than an hour away.
        let late = availability(
            &booking("table", 8),
            Some(&config),
            asked((2026, 11, 1), (2026, 11, 1, 18, 30)),
            &Booked::none(),
        );
        assert_eq!(labels(&late), ["06:00 PM-07:30 PM", "08:00 PM-09:30 PM"]);

        let rent = |kind: &str| {
            SlotConfig::Rental(rental::Model {
                id: 1,
                booking_product_id: 1,
                renting_type: kind.into(),
                daily_price: None,
                hourly_price: None,
                same_slot_all_days: true,
                slots: json!([{"from": "09:00", "to": "12:00"}, {"from": "14:00", "to": "16:30"}]),
            })
        };
        let a = availability(
            &booking("rental", 1),
            Some(&rent("hourly")),
            asked((2026, 11, 1), (2026, 11, 1, 17, 30)),
            &Booked::none(),
        );
        // 10:30 in Phoenix: 11:00 is the first hour left; 16:00-17:00 would end after closing.
        assert_eq!(labels(&a), ["09:00 AM - 12:00 PM (1)", "02:00 PM - 04:30 PM (2)"]);
        let daily = availability(
            &booking("rental", 1),
            Some(&rent("daily")),
            asked((2026, 11, 1), (2026, 11, 1, 12, 0)),
            &Booked::none(),
        );
        assert_eq!(daily, Availability::Hourly(vec![]));
    }

    #[test]
    fn one_booking_spans_days_and_windows_bound_the_dates() {
        let config = SlotConfig::Default(default_slots::Model {
            id: 1,
            booking_product_id: 1,
            booking_type: "one".into(),
            duration: None,
            break_time: None,
            slots: json!([{"id": "1", "from": "12:00", "to": "18:00", "from_day": "1", "to_day": "3"}]),
        });
        let mut b = booking("default", 5);
        let monday = asked((2026, 11, 2), (2026, 11, 1, 12, 0));
        let Availability::Flat(slots) = availability(&b, Some(&config), monday, &Booked::none()) else { panic!() };
        assert_eq!(slots.len(), 1);
        assert_eq!((slots[0].from_label(), slots[0].to_label()), ("12:00 PM".to_owned(), "06:00 PM".to_owned()));
        assert_eq!(slots[0].to - slots[0].from, Duration::hours(54));
        assert_eq!(
            availability(&b, Some(&config), asked((2026, 11, 3), (2026, 11, 1, 12, 0)), &Booked::none()),
            Availability::Flat(vec![])
        );

        b.available_every_week = false;
        b.available_from = Some(Utc.with_ymd_and_hms(2026, 11, 5, 0, 0, 0).unwrap());
        b.available_to = Some(Utc.with_ymd_and_hms(2026, 12, 31, 0, 0, 0).unwrap());
        assert_eq!(availability(&b, Some(&config), monday, &Booked::none()), Availability::Flat(vec![]));
        let later = asked((2026, 11, 9), (2026, 11, 1, 12, 0));
        assert_eq!(labels(&availability(&b, Some(&config), later, &Booked::none())).len(), 1);
        // Events sell tickets: no slots.
        assert_eq!(availability(&booking("event", 9), None, later, &Booked::none()), Availability::Flat(vec![]));
    }

    #[test]
    fn reads_the_stored_time_formats() {
        assert_eq!(minutes_of(&json!("09:30")), Some(570));
        assert_eq!(minutes_of(&json!("24:00")), Some(1440));
        assert_eq!(minutes_of(&json!("25:00")), None);
        assert_eq!(minutes_of(&json!("9h")), None);
        // Upstream's `many` format: one range per weekday with a status.
        let per_day = json!({"1": {"from": "09:00", "to": "10:00", "status": "1"}, "2": {"from": "09:00", "to": "10:00", "status": "0"}});
        assert_eq!(opening_hours(&per_day, false, 1), [(540, 600)]);
        assert_eq!(opening_hours(&per_day, false, 2), []);
        assert_eq!(opening_hours(&per_day, false, 3), []);
    }
}

/// A schedule template's stored `slots` as the JSON text clients read: each range's keys in
/// Bagisto's order (`from_day`, `from`, `to_day`, `to`, then any other alphabetically), whatever
/// order the database keeps them in (PostgreSQL's `jsonb` sorts keys by length).
pub fn schedule_text(slots: &Value) -> String {
    fn ordered(value: &Value) -> Value {
        const RANK: [&str; 4] = ["from_day", "from", "to_day", "to"];
        match value {
            Value::Array(items) => Value::Array(items.iter().map(ordered).collect()),
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                let rank = |k: &str| RANK.iter().position(|r| *r == k).unwrap_or(RANK.len());
                entries.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
                Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), ordered(v))).collect())
            }
            scalar => scalar.clone(),
        }
    }
    ordered(slots).to_string()
}

#[cfg(test)]
mod schedule_text_tests {
    use serde_json::json;

    #[test]
    fn ranges_read_from_then_to_whatever_the_stored_order() {
        let stored = json!([[], [{"to": "17:00", "from": "10:00"}], {"to_day": 2, "to": "18:00", "qty": 1, "from": "09:00", "from_day": 1}]);
        assert_eq!(
            super::schedule_text(&stored),
            r#"[[],[{"from":"10:00","to":"17:00"}],{"from_day":1,"from":"09:00","to_day":2,"to":"18:00","qty":1}]"#
        );
    }
}
