//! Store settings: channels, locales, currencies and the values derived from them (timezone,
//! currency decimals, public URLs).

pub mod cache;
mod channel_records;
pub mod channels;
pub mod countries;
mod memo;
pub use memo::Kept;
pub mod scope;
pub mod store;

use chrono_tz::Tz;
use polyshop_entities::currencies;
use polyshop_runtime::ServiceError;
use sea_orm::ConnectionTrait;

/// Names of countries (by code) and states (by country and code) in `locale`, for the codes
/// given; codes that name nothing are left out.
pub async fn place_names(
    db: &impl ConnectionTrait,
    countries: &[String],
    locale: &str,
) -> Result<
    (std::collections::BTreeMap<String, String>, std::collections::BTreeMap<(String, String), String>),
    ServiceError,
> {
    store::place_names(db, countries, locale).await
}

/// Whether the switch `code` (a configuration value `1` or `true`) is on for a channel and
/// locale (the most specific row set wins; unset is off).
pub async fn switched_on(
    db: &impl ConnectionTrait,
    code: &str,
    channel_code: &str,
    locale: &str,
) -> Result<bool, ServiceError> {
    let value = store::config_value(db, code, channel_code, locale).await?;
    Ok(value.is_some_and(|v| matches!(v.trim(), "1" | "true")))
}

/// The default locale code of `channel`.
pub async fn channel_locale(
    db: &impl ConnectionTrait,
    channel: &polyshop_entities::channels::Model,
) -> Result<String, ServiceError> {
    store::locale_code(db, channel.default_locale_id).await
}

/// The channel a store-wide API (Community Store, CS-Cart without a store id) speaks for, with
/// what it takes to render amounts, dates and links.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    pub channel: polyshop_entities::channels::Model,
    pub base_currency: currencies::Model,
    pub default_locale: String,
    pub timezone: Tz,
    currencies: Vec<currencies::Model>,
    media_base_url: Option<String>,
}

impl StoreSettings {
    /// Settings of the default channel (code `default`, else the first channel).
    pub async fn load(db: &impl ConnectionTrait, media_base_url: Option<&str>) -> Result<StoreSettings, ServiceError> {
        let (channel, locale, currencies) = store::default_channel(db).await?;
        let base_currency = currencies
            .iter()
            .find(|c| c.id == channel.base_currency_id)
            .cloned()
            .ok_or_else(|| ServiceError::internal("the default channel's base currency is missing"))?;
        // An unknown timezone name is a data error; show UTC rather than failing every request.
        let timezone = channel.timezone.parse::<Tz>().unwrap_or_else(|_| {
            tracing::warn!(timezone = %channel.timezone, "unknown channel timezone, using UTC");
            Tz::UTC
        });
        Ok(StoreSettings {
            channel,
            base_currency,
            default_locale: locale.code,
            timezone,
            currencies,
            media_base_url: media_base_url.map(|u| u.trim_end_matches('/').to_owned()),
        })
    }

    /// The inventory source this store's stock changes go to.
    pub async fn default_inventory_source(&self, db: &impl ConnectionTrait) -> Result<i64, ServiceError> {
        store::default_inventory_source(db, self.channel.id).await
    }

    /// Decimal digits of a currency (the base currency's for an unknown code).
    pub fn currency_decimals(&self, code: &str) -> u32 {
        let c = self.currencies.iter().find(|c| c.code == code).unwrap_or(&self.base_currency);
        c.decimal.clamp(0, 8).unsigned_abs()
    }

    /// The storefront's base URL, without a trailing slash.
    pub fn storefront_url(&self) -> String {
        self.channel.hostname.as_deref().unwrap_or("http://localhost").trim_end_matches('/').to_owned()
    }

    /// Public URL of a stored media file (product image, logo).
    pub fn media_url(&self, path: &str) -> String {
        let base = self.media_base_url.clone().unwrap_or_else(|| format!("{}/storage", self.storefront_url()));
        format!("{base}/{}", path.trim_start_matches('/'))
    }
}
