//! The scope a storefront request is answered in: a channel, a locale and a display currency.
//!
//! Clients ask for them (Bagisto: `X-Channel`, `X-Locale`, `X-Currency`); anything unknown or not
//! offered by the channel falls back, silently, to the default channel, its default locale and
//! its base currency. Prices are stored in the base currency; the scope converts them with the
//! exchange rate and formats them the way the currency is written (`$1,234.50`, `1.234,50 €`).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use polyshop_entities::{channels, currencies};
use polyshop_runtime::ServiceError;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::ConnectionTrait;

use super::store;

/// What the client asked for; each part may be absent or unknown.
#[derive(Debug, Clone, Default)]
pub struct ScopeRequest {
    pub channel: Option<String>,
    pub locale: Option<String>,
    pub currency: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub channel: channels::Model,
    /// The locale texts are answered in.
    pub locale: String,
    /// The channel's default locale: texts missing in `locale` fall back to it.
    pub default_locale: String,
    pub base_currency: currencies::Model,
    /// The currency `formatted*` amounts are shown in.
    pub currency: currencies::Model,
    /// Units of `currency` per unit of the base currency.
    pub rate: Decimal,
    pub timezone: Tz,
    /// Every channel with its locale and currency codes (shared by the cached scopes).
    pub channels: Arc<Vec<store::ChannelCodes>>,
    media_base: String,
    /// Set by the scope cache: the settings generation this scope is current for, and the
    /// values derived from it (see [`Scope::derived`]).
    pub(super) memo: Option<(i64, Arc<super::memo::Memo>)>,
}

impl Scope {
    /// Resolves what `request` asks for against the channels, locales and currencies there are.
    pub async fn resolve(
        db: &impl ConnectionTrait,
        request: &ScopeRequest,
        media_base_url: Option<&str>,
    ) -> Result<Scope, ServiceError> {
        let wanted = request.channel.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let channel = match wanted {
            Some(code) => match store::channel_by_code(db, code).await? {
                Some(c) => c,
                None => store::default_channel_row(db).await?,
            },
            None => store::default_channel_row(db).await?,
        };
        let locales = store::channel_locale_codes(db, &channel).await?;
        let default_locale = store::locale_code(db, channel.default_locale_id).await?;
        let locale = request
            .locale
            .as_deref()
            .map(str::trim)
            .and_then(|l| locales.iter().find(|c| c.eq_ignore_ascii_case(l)))
            .cloned()
            .unwrap_or_else(|| default_locale.clone());
        // (currency, rate) for the base currency and every currency the channel offers at a rate.
        let offered = store::channel_currencies_with_rates(db, &channel).await?;
        let base_currency = offered
            .iter()
            .find(|(c, _)| c.id == channel.base_currency_id)
            .map(|(c, _)| c.clone())
            .ok_or_else(|| ServiceError::internal(format!("channel {} has no base currency", channel.code)))?;
        let (currency, rate) = request
            .currency
            .as_deref()
            .map(str::trim)
            .and_then(|code| offered.iter().find(|(c, _)| c.code.eq_ignore_ascii_case(code)))
            .and_then(|(c, rate)| {
                if c.id == base_currency.id { Some((c.clone(), Decimal::ONE)) } else { rate.map(|r| (c.clone(), r)) }
            })
            .unwrap_or_else(|| (base_currency.clone(), Decimal::ONE));
        let timezone = channel.timezone.parse::<Tz>().unwrap_or(Tz::UTC);
        let host = channel.hostname.as_deref().unwrap_or("http://localhost").trim_end_matches('/').to_owned();
        let media_base =
            media_base_url.map(|u| u.trim_end_matches('/').to_owned()).unwrap_or(format!("{host}/storage"));
        let channels = Arc::new(store::channels_with_codes(db).await?);
        Ok(Scope {
            channel,
            locale,
            default_locale,
            base_currency,
            currency,
            rate,
            timezone,
            channels,
            media_base,
            memo: None,
        })
    }

    /// A value derived from what the settings generation covers (the catalog's structure):
    /// loaded once per generation and shared by the requests of this process; loaded every
    /// time for a scope resolved outside the cache.
    pub async fn derived<T, F>(&self, load: F) -> Result<Arc<T>, ServiceError>
    where
        T: std::any::Any + Send + Sync,
        F: AsyncFnOnce() -> Result<T, ServiceError>,
    {
        match &self.memo {
            Some((generation, memo)) => memo.get_or_load(*generation, load).await,
            None => Ok(Arc::new(load().await?)),
        }
    }

    /// A base-currency amount in the display currency, rounded to its decimals.
    pub fn convert(&self, base_amount: Decimal) -> Decimal {
        (base_amount * self.rate).round_dp_with_strategy(self.decimals(), RoundingStrategy::MidpointAwayFromZero)
    }

    /// A base-currency amount converted and written as the display currency writes it.
    pub fn format_price(&self, base_amount: Decimal) -> String {
        format_amount(self.convert(base_amount), &self.currency)
    }

    /// A base-currency amount written in the base currency (no conversion).
    pub fn format_base_price(&self, base_amount: Decimal) -> String {
        format_amount(base_amount, &self.base_currency)
    }

    fn decimals(&self) -> u32 {
        self.currency.decimal.clamp(0, 8).unsigned_abs()
    }

    /// ISO 8601 in the channel's timezone, to the second (`2026-01-05T03:00:00-07:00`).
    pub fn timestamp(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.timezone).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    /// Today in the channel's timezone (special prices and booking dates are days there).
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.timezone).date_naive()
    }

    /// Public URL of a stored media file (product image, sample file).
    pub fn media_url(&self, path: &str) -> String {
        format!("{}/{}", self.media_base, path.trim_start_matches('/'))
    }

    /// The channel's storefront URL, without a trailing slash.
    pub fn storefront_url(&self) -> String {
        self.channel.hostname.as_deref().unwrap_or("http://localhost").trim_end_matches('/').to_owned()
    }

    /// Locales to look texts up in, best first: the requested one, then the channel default.
    pub fn locales(&self) -> Vec<&str> {
        if self.locale == self.default_locale {
            vec![self.locale.as_str()]
        } else {
            vec![self.locale.as_str(), self.default_locale.as_str()]
        }
    }

    /// Of `rows` (translations of one thing), the one in the best locale, else any.
    pub fn pick<'a, T>(&self, rows: impl IntoIterator<Item = &'a T>, locale_of: impl Fn(&T) -> &str) -> Option<&'a T>
    where
        T: 'a,
    {
        pick_in(&self.locales(), rows, locale_of)
    }
}

/// Of `rows` (translations of one thing), the one in the first of `locales` that has one, else
/// any (what [`Scope::pick`] does where only a locale is known, as in order placement).
pub fn pick_in<'a, T>(
    locales: &[&str],
    rows: impl IntoIterator<Item = &'a T>,
    locale_of: impl Fn(&T) -> &str,
) -> Option<&'a T>
where
    T: 'a,
{
    let rows: Vec<&T> = rows.into_iter().collect();
    locales.iter().find_map(|l| rows.iter().find(|r| locale_of(r) == *l).copied()).or_else(|| rows.first().copied())
}

/// `amount` as `currency` writes it: its decimals, separators and symbol position.
pub fn format_amount(amount: Decimal, currency: &currencies::Model) -> String {
    let decimals = currency.decimal.clamp(0, 8).unsigned_abs();
    let rounded = amount.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push_str(&currency.group_separator);
        }
        grouped.push(c);
    }
    let number =
        if frac_part.is_empty() { grouped } else { format!("{grouped}{}{frac_part}", currency.decimal_separator) };
    let symbol = if currency.symbol.is_empty() { currency.code.as_str() } else { currency.symbol.as_str() };
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" };
    match currency.currency_position.as_deref() {
        Some("right") => format!("{sign}{number}{symbol}"),
        Some("right_with_space") => format!("{sign}{number} {symbol}"),
        Some("left_with_space") => format!("{sign}{symbol} {number}"),
        _ => format!("{sign}{symbol}{number}"),
    }
}

/// A storefront channel's texts as a request sees them (here rather than in `store`, which
/// does not depend on the request scope).
impl store::StorefrontChannel {
    /// Its texts in the request locale (with the usual fallbacks).
    pub fn translation(&self, scope: &Scope) -> Option<&polyshop_entities::channel_translations::Model> {
        scope.pick(&self.translations, |t| &t.locale)
    }

    /// Its home-page SEO in the request locale: its translation's, else the channel's own.
    pub fn home_seo(&self, scope: &Scope) -> Option<&serde_json::Value> {
        self.translation(scope).and_then(|t| t.home_seo.as_ref()).or(self.channel.home_seo.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(symbol: &str, decimals: i32, group: &str, dec: &str, position: Option<&str>) -> currencies::Model {
        let t = chrono::Utc::now();
        currencies::Model {
            id: 1,
            code: "XXX".into(),
            name: "Test".into(),
            symbol: symbol.into(),
            decimal: decimals,
            group_separator: group.into(),
            decimal_separator: dec.into(),
            currency_position: position.map(str::to_owned),
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn formats_amounts_as_the_currency_writes_them() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let usd = currency("$", 2, ",", ".", None);
        assert_eq!(format_amount(d("100"), &usd), "$100.00");
        assert_eq!(format_amount(d("1234567.005"), &usd), "$1,234,567.01");
        assert_eq!(format_amount(d("-5"), &usd), "-$5.00");
        let eur = currency("€", 2, ".", ",", Some("right_with_space"));
        assert_eq!(format_amount(d("1234.5"), &eur), "1.234,50 €");
        let yen = currency("¥", 0, ",", ".", Some("left_with_space"));
        assert_eq!(format_amount(d("1999.5"), &yen), "¥ 2,000");
    }
}
