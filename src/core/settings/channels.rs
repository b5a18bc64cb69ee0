//! Creating, changing, cloning and deleting channels (CS-Cart's stores).
//!
//! A channel's company profile, contact email and redirection settings are configuration
//! values scoped to the channel (`general.company.*`, `general.store.*`), as Bagisto keeps
//! store information; the countries it serves are `channel_countries`.

use chrono::{DateTime, Utc};
use polyshop_entities::channels;
use polyshop_runtime::ServiceError;
use sea_orm::{DatabaseConnection, DatabaseTransaction};

pub use super::channel_records::{ChannelFilter, ChannelInput, ChannelRecord, ChannelSort, CloneParts};
use super::{cache, store};
use polyshop_runtime::PageWindow;

/// Configuration code of a channel's contact email.
pub const EMAIL: &str = "general.company.email";
pub const REDIRECT_CUSTOMER: &str = "general.store.redirect_customer";
pub const ENTRY_PAGE: &str = "general.store.entry_page";
/// Profile fields, stored as `general.company.<field>`.
pub const PROFILE_FIELDS: &[&str] = &[
    "name",
    "address",
    "city",
    "country",
    "state",
    "zipcode",
    "phone",
    "phone_2",
    "fax",
    "website",
    "start_year",
    "users_department",
    "site_administrator",
    "orders_department",
    "support_department",
    "newsletter_email",
];

/// `http://Example.com/store/` → `example.com/store`: what makes two storefronts the same.
pub fn normalize_host(host: &str) -> String {
    let h = host.trim();
    let h = h.strip_prefix("https://").or_else(|| h.strip_prefix("http://")).unwrap_or(h);
    h.trim_end_matches('/').to_lowercase()
}

pub async fn count_channels(db: &DatabaseConnection, filter: &ChannelFilter) -> Result<u64, ServiceError> {
    store::count_channels(db, filter).await
}

pub async fn list_channels(
    db: &DatabaseConnection,
    filter: &ChannelFilter,
    sort: ChannelSort,
    descending: bool,
    page: PageWindow,
) -> Result<Vec<ChannelRecord>, ServiceError> {
    store::list_channels(db, filter, sort, descending, page).await
}

pub async fn find_channel(db: &DatabaseConnection, id: i64) -> Result<Option<ChannelRecord>, ServiceError> {
    Ok(store::channel_records(db, store::find_channel(db, id).await?.into_iter().collect()).await?.pop())
}

/// Whether `code` is an ISO 3166-1 country code the store knows.
pub async fn known_country(db: &DatabaseConnection, code: &str) -> Result<bool, ServiceError> {
    Ok(store::country_codes(db).await?.contains(code))
}

pub fn channel_not_found(id: i64) -> ServiceError {
    ServiceError::not_found(format!("store {id} does not exist"))
}

/// Checks what a channel input says on its own.
async fn validate(txn: &DatabaseTransaction, input: &ChannelInput, id: Option<i64>) -> Result<(), ServiceError> {
    if let Some(name) = &input.name
        && name.trim().is_empty()
    {
        return Err(ServiceError::invalid_field("name", "must not be empty"));
    }
    if let Some(host) = &input.hostname {
        let normalized = normalize_host(host);
        if normalized.is_empty() {
            return Err(ServiceError::invalid_field("hostname", "must not be empty"));
        }
        let taken = store::all_channels(txn).await?.into_iter().any(|c| {
            Some(c.id) != id && c.hostname.as_deref().map(normalize_host).as_deref() == Some(normalized.as_str())
        });
        if taken {
            return Err(ServiceError::invalid_field("hostname", format!("another store already uses `{normalized}`")));
        }
    }
    if let Some(page) = &input.entry_page
        && !["all_pages", "none", "index"].contains(&page.as_str())
    {
        return Err(ServiceError::invalid_field(
            "entry_page",
            format!("expected all_pages, none or index, got `{page}`"),
        ));
    }
    if let Some(countries) = &input.countries {
        let known = store::country_codes(txn).await?;
        if let Some(bad) = countries.iter().find(|c| !known.contains(*c)) {
            return Err(ServiceError::invalid_field("countries", format!("`{bad}` is not an ISO 3166-1 country code")));
        }
    }
    if let Some(field) = input.profile.keys().find(|k| !PROFILE_FIELDS.contains(&k.as_str())) {
        return Err(ServiceError::invalid_field(format!("profile.{field}"), "not a company profile field"));
    }
    Ok(())
}

/// Creates a channel: a copy of `clone_from`'s parts when given, the default channel's
/// locale, currency and inventory sources otherwise. Returns its id.
pub async fn create_channel(
    db: &DatabaseConnection,
    input: ChannelInput,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    cache::write_settings(db, |txn| {
        Box::pin(async move {
            let name = input.name.clone().ok_or_else(|| ServiceError::invalid_field("name", "required"))?;
            if input.hostname.is_none() {
                return Err(ServiceError::invalid_field("hostname", "required"));
            }
            validate(txn, &input, None).await?;
            let template = store::default_channel_row(txn).await?;
            let source =
                match input.clone_from {
                    Some((id, _)) => Some(store::find_channel(txn, id).await?.ok_or_else(|| {
                        ServiceError::invalid_field("clone_from", format!("store {id} does not exist"))
                    })?),
                    None => None,
                };
            let parts = input.clone_from.map(|(_, p)| p).unwrap_or_default();
            let settings_from = if parts.settings { source.as_ref().unwrap_or(&template) } else { &template };
            let code = store::free_channel_code(txn, &name).await?;
            let channel = store::insert_channel(
                txn,
                &code,
                name.trim(),
                settings_from,
                if parts.categories {
                    source.as_ref().and_then(|s| s.root_category_id)
                } else {
                    template.root_category_id
                },
                now,
            )
            .await?;
            if parts.settings {
                let source = source.as_ref().unwrap();
                store::copy_channel_settings(txn, source, &channel).await?;
            } else {
                store::assign_defaults(txn, &template, &channel).await?;
            }
            if parts.products {
                store::copy_channel_products(txn, source.as_ref().unwrap().id, channel.id).await?;
            }
            let id = channel.id;
            apply(txn, channel, &input, now).await?;
            Ok(id)
        })
    })
    .await
}

/// Changes the fields given of channel `id`.
pub async fn update_channel(
    db: &DatabaseConnection,
    id: i64,
    input: ChannelInput,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    cache::write_settings(db, |txn| {
        Box::pin(async move {
            let channel = store::find_channel(txn, id).await?.ok_or_else(|| channel_not_found(id))?;
            if input.clone_from.is_some() {
                return Err(ServiceError::invalid_field("clone_from", "stores are cloned only when created"));
            }
            validate(txn, &input, Some(id)).await?;
            apply(txn, channel, &input, now).await
        })
    })
    .await
}

/// Writes the input's fields to the channel, its configuration and its countries.
async fn apply(
    txn: &DatabaseTransaction,
    channel: channels::Model,
    input: &ChannelInput,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let code = channel.code.clone();
    let id = channel.id;
    store::update_channel_row(txn, channel, input, now).await?;
    if let Some(email) = &input.email {
        store::set_config(txn, &code, EMAIL, email, now).await?;
    }
    if let Some(redirect) = input.redirect_customer {
        store::set_config(txn, &code, REDIRECT_CUSTOMER, if redirect { "Y" } else { "N" }, now).await?;
    }
    if let Some(page) = &input.entry_page {
        store::set_config(txn, &code, ENTRY_PAGE, page, now).await?;
    }
    for (field, value) in &input.profile {
        store::set_config(txn, &code, &format!("general.company.{field}"), value, now).await?;
    }
    if let Some(countries) = &input.countries {
        store::replace_countries(txn, id, countries).await?;
    }
    Ok(())
}

/// Deletes channel `id`: refused for the default channel and while it has orders.
pub async fn delete_channel(db: &DatabaseConnection, id: i64) -> Result<(), ServiceError> {
    cache::write_settings(db, |txn| {
        Box::pin(async move {
            let channel = store::find_channel(txn, id).await?.ok_or_else(|| channel_not_found(id))?;
            if channel.code == "default" {
                return Err(ServiceError::bad_request("The default store cannot be deleted"));
            }
            let orders = store::count_channel_orders(txn, id).await?;
            if orders > 0 {
                return Err(ServiceError::bad_request(format!(
                    "Store {id} has {orders} order(s) and cannot be deleted; delete its orders first"
                )));
            }
            store::delete_channel(txn, &channel).await
        })
    })
    .await
}
