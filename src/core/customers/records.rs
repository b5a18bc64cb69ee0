//! What the customers area is given and gives back.

use chrono::{DateTime, NaiveDate, Utc};
use polyshop_entities::customers;

/// `addresses.address_type` of address book entries.
pub const ADDRESS_TYPE: &str = "customer";

/// A customer's address book holds at most this many addresses.
pub const MAX_ADDRESSES: u64 = 10;

/// A registration.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
    pub password_confirmation: Option<String>,
    pub phone: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<String>,
    pub subscribed_to_news_letter: bool,
    /// The device the client signs in from (names the token).
    pub device_name: Option<String>,
}

/// A change of password: the current one, the new one and its confirmation.
#[derive(Debug, Clone, Default)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
    pub confirmation: Option<String>,
}

/// A partial profile update: `None` keeps a value; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<Option<String>>,
    pub gender: Option<Option<String>>,
    pub date_of_birth: Option<Option<String>>,
    pub subscribed_to_news_letter: Option<bool>,
    pub password: Option<PasswordChange>,
}

/// A signed-in customer and the credentials issued: `token` (`<id>|<secret>`) and `api_token`,
/// shown once.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub customer: customers::Model,
    pub token_id: i64,
    pub token: String,
    pub api_token: String,
    pub expires_at: DateTime<Utc>,
}

/// An address book entry as written: `lines` are the street lines (joined by newlines).
#[derive(Debug, Clone, Default)]
pub struct AddressFields {
    pub first_name: String,
    pub last_name: String,
    pub company_name: Option<String>,
    pub lines: Vec<String>,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub postcode: String,
    pub email: Option<String>,
    pub phone: String,
    pub vat_id: Option<String>,
    pub default_address: bool,
}

/// The order of an address book listing: by id, or by creation time (ties by id), either way.
#[derive(Debug, Clone, Copy, Default)]
pub struct AddressOrder {
    pub by_creation: bool,
    pub descending: bool,
}

/// A partial address update: `None` keeps a value; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct AddressChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<Option<String>>,
    /// The first street line.
    pub first_line: Option<String>,
    /// The further street lines (newline-separated); `Some(None)` removes them.
    pub other_lines: Option<Option<String>>,
    pub city: Option<String>,
    pub state: Option<Option<String>>,
    pub country: Option<String>,
    pub postcode: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<String>,
    pub vat_id: Option<Option<String>>,
    pub default_address: Option<bool>,
}

/// 422 for a value the account rules refuse (Laravel's validation status), naming the core's
/// field.
pub(crate) fn invalid(field: &'static str, problem: impl Into<String>) -> polyshop_runtime::ServiceError {
    polyshop_runtime::ServiceError::invalid_field_with(poem::http::StatusCode::UNPROCESSABLE_ENTITY, field, problem)
}

/// An address's street, stored as lines joined by newlines, as the APIs show it: the first line
/// and the others (none when it has one line).
pub fn street_lines(address: &str) -> (String, Option<String>) {
    let mut lines = address.lines();
    let first = lines.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = lines.collect();
    (first, (!rest.is_empty()).then(|| rest.join("\n")))
}

/// `YYYY-MM-DD` (or `MM/DD/YYYY`, as one registration page writes it), not in the future.
pub(crate) fn parse_birth_date(text: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%m/%d/%Y"))
        .map_err(|_| "must be a date in YYYY-MM-DD format")?;
    if date > today {
        return Err("must be a date before today");
    }
    Ok(date)
}
