//! The address book: at most [`MAX_ADDRESSES`] addresses, exactly one of them the default
//! while there are any. A customer only ever sees their own addresses: another customer's id
//! is answered as if it did not exist.

use std::sync::Arc;

use poem::http::StatusCode;
use polyshop_entities::addresses;
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel};

use super::{
    records::{ADDRESS_TYPE, AddressChanges, AddressFields, AddressOrder, MAX_ADDRESSES, invalid},
    store,
};
use crate::{clock::Clock, db::write_transaction};

/// Street lines an address holds.
const MAX_LINES: usize = 8;

#[derive(Clone)]
pub struct AddressBook {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl AddressBook {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        AddressBook { db, clock }
    }

    pub async fn list(
        &self,
        customer_id: i64,
        order: AddressOrder,
        window: PageWindow,
    ) -> Result<Page<addresses::Model>, ServiceError> {
        let total = store::count_addresses(&self.db, customer_id).await?;
        let rows = store::list_addresses(&self.db, customer_id, order, window).await?;
        Ok(Page::new(rows, total, window))
    }

    /// Every address of the book (at most [`MAX_ADDRESSES`]) in `order`.
    pub async fn all(&self, customer_id: i64, order: AddressOrder) -> Result<Vec<addresses::Model>, ServiceError> {
        let everything = PageWindow::new(1, i64::try_from(MAX_ADDRESSES).unwrap_or(10));
        store::list_addresses(&self.db, customer_id, order, everything).await
    }

    /// One of the customer's addresses; 404 for an unknown id or another customer's.
    pub async fn get(&self, customer_id: i64, id: i64) -> Result<addresses::Model, ServiceError> {
        store::find_address(&self.db, customer_id, id).await?.ok_or_else(|| not_found(id))
    }

    /// Adds an address (422 once the book is full). The first address, or one marked default,
    /// becomes the default.
    pub async fn create(&self, customer_id: i64, fields: AddressFields) -> Result<addresses::Model, ServiceError> {
        let now = self.clock.now();
        let fields = checked(fields)?;
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                known_country(txn, &fields.country).await?;
                let count = store::count_addresses(txn, customer_id).await?;
                if count >= MAX_ADDRESSES {
                    return Err(ServiceError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("An address book holds at most {MAX_ADDRESSES} addresses; delete one first."),
                    ));
                }
                let make_default = fields.default_address || count == 0;
                let row = addresses::ActiveModel {
                    address_type: Set(ADDRESS_TYPE.to_owned()),
                    customer_id: Set(Some(customer_id)),
                    first_name: Set(fields.first_name),
                    last_name: Set(fields.last_name),
                    company_name: Set(fields.company_name),
                    address: Set(fields.lines.join("\n")),
                    city: Set(fields.city),
                    state: Set(fields.state),
                    country: Set(fields.country),
                    postcode: Set(Some(fields.postcode)),
                    email: Set(fields.email),
                    phone: Set(Some(fields.phone)),
                    vat_id: Set(fields.vat_id),
                    default_address: Set(make_default),
                    use_for_shipping: Set(false),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                if make_default {
                    store::set_default(txn, customer_id, Some(row.id)).await?;
                }
                Ok(row)
            })
        })
        .await
    }

    /// Changes what `changes` sets. Marking it default unmarks the others; the default address
    /// cannot be unmarked (another must be marked instead), so the book always has one.
    pub async fn update(
        &self,
        customer_id: i64,
        id: i64,
        changes: AddressChanges,
    ) -> Result<addresses::Model, ServiceError> {
        let now = self.clock.now();
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                let current = store::find_address(txn, customer_id, id).await?.ok_or_else(|| not_found(id))?;
                let merged = checked(merge(&current, changes))?;
                known_country(txn, &merged.country).await?;
                let make_default = merged.default_address || current.default_address;
                let mut row = current.into_active_model();
                row.first_name = Set(merged.first_name);
                row.last_name = Set(merged.last_name);
                row.company_name = Set(merged.company_name);
                row.address = Set(merged.lines.join("\n"));
                row.city = Set(merged.city);
                row.state = Set(merged.state);
                row.country = Set(merged.country);
                row.postcode = Set(Some(merged.postcode));
                row.email = Set(merged.email);
                row.phone = Set(Some(merged.phone));
                row.vat_id = Set(merged.vat_id);
                row.default_address = Set(make_default);
                row.updated_at = Set(now);
                let row = row.update(txn).await?;
                if make_default {
                    store::set_default(txn, customer_id, Some(row.id)).await?;
                }
                Ok(row)
            })
        })
        .await
    }

    /// Deletes an address; if it was the default, the oldest remaining one becomes the default.
    pub async fn delete(&self, customer_id: i64, id: i64) -> Result<(), ServiceError> {
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                let current = store::find_address(txn, customer_id, id).await?.ok_or_else(|| not_found(id))?;
                addresses::Entity::delete_by_id(current.id).exec(txn).await.map(|_| ())?;
                if current.default_address {
                    let next = store::oldest_address(txn, customer_id).await?;
                    store::set_default(txn, customer_id, next).await?;
                }
                Ok(())
            })
        })
        .await
    }
}

async fn known_country(db: &impl sea_orm::ConnectionTrait, code: &str) -> Result<(), ServiceError> {
    if store::country_exists(db, code).await? {
        Ok(())
    } else {
        Err(invalid("country", format!("`{code}` is not a known country code")))
    }
}

fn not_found(id: i64) -> ServiceError {
    ServiceError::not_found_id("Customer address", id)
}

/// The address `changes` makes of `current`.
fn merge(current: &addresses::Model, c: AddressChanges) -> AddressFields {
    AddressFields {
        first_name: c.first_name.unwrap_or_else(|| current.first_name.clone()),
        last_name: c.last_name.unwrap_or_else(|| current.last_name.clone()),
        company_name: c.company_name.unwrap_or_else(|| current.company_name.clone()),
        lines: {
            let mut current_lines = current.address.lines().map(str::to_owned);
            let first = c.first_line.unwrap_or_else(|| current_lines.next().unwrap_or_default());
            let others: Vec<String> = match c.other_lines {
                Some(Some(text)) => text.lines().map(str::to_owned).collect(),
                Some(None) => Vec::new(),
                None => current.address.lines().skip(1).map(str::to_owned).collect(),
            };
            std::iter::once(first).chain(others).collect()
        },
        city: c.city.unwrap_or_else(|| current.city.clone()),
        state: c.state.unwrap_or_else(|| current.state.clone()),
        country: c.country.unwrap_or_else(|| current.country.clone()),
        postcode: c.postcode.unwrap_or_else(|| current.postcode.clone().unwrap_or_default()),
        email: c.email.unwrap_or_else(|| current.email.clone()),
        phone: c.phone.unwrap_or_else(|| current.phone.clone().unwrap_or_default()),
        vat_id: c.vat_id.unwrap_or_else(|| current.vat_id.clone()),
        default_address: c.default_address.unwrap_or(false),
    }
}

/// The address trimmed, with every required field present and every field within its column.
fn checked(mut a: AddressFields) -> Result<AddressFields, ServiceError> {
    fn required(field: &'static str, value: &str, max: usize) -> Result<String, ServiceError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(invalid(field, "is required"));
        }
        within(field, value, max)?;
        Ok(value.to_owned())
    }
    fn within(field: &'static str, value: &str, max: usize) -> Result<(), ServiceError> {
        if value.chars().count() > max {
            return Err(invalid(field, format!("must be at most {max} characters")));
        }
        Ok(())
    }
    fn optional(field: &'static str, value: Option<String>, max: usize) -> Result<Option<String>, ServiceError> {
        let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else { return Ok(None) };
        within(field, &value, max)?;
        Ok(Some(value))
    }
    a.first_name = required("first_name", &a.first_name, 191)?;
    a.last_name = required("last_name", &a.last_name, 191)?;
    a.city = required("city", &a.city, 191)?;
    a.postcode = required("postcode", &a.postcode, 32)?;
    a.phone = required("phone", &a.phone, 64)?;
    let country = a.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid("country", "must be a two-letter country code (ISO 3166-1 alpha-2)"));
    }
    a.country = country;
    a.company_name = optional("company_name", a.company_name, 191)?;
    a.state = optional("state", a.state, 191)?;
    a.vat_id = optional("vat_id", a.vat_id, 64)?;
    a.email = match optional("email", a.email, 191)? {
        Some(email) => Some(super::accounts::normalise_email(&email)?),
        None => None,
    };
    let lines: Vec<String> = a.lines.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return Err(invalid("address", "is required"));
    }
    if lines.len() > MAX_LINES {
        return Err(invalid("address", format!("holds at most {MAX_LINES} lines")));
    }
    for line in &lines {
        within("address", line, 255)?;
    }
    a.lines = lines;
    Ok(a)
}
