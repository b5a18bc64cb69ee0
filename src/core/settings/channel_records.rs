//! What the channel operations take and give: the records `store` reads and writes and
//! `channels` applies its rules to (kept apart so the two do not depend on each other).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use polyshop_entities::channels;

/// A channel with the settings the store APIs show.
#[derive(Debug, Clone)]
pub struct ChannelRecord {
    pub channel: channels::Model,
    pub locale: String,
    pub config: BTreeMap<String, String>,
    pub countries: Vec<String>,
}

impl ChannelRecord {
    pub fn config(&self, code: &str) -> Option<&str> {
        self.config.get(code).map(String::as_str)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ChannelFilter {
    /// Name contains (case-insensitive).
    pub name_contains: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelSort {
    Name,
    Created,
}

/// What of the source channel a new channel copies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CloneParts {
    /// Locales, currencies, inventory sources, timezone and configuration.
    pub settings: bool,
    /// Which products it sells.
    pub products: bool,
    /// Its category tree (root category).
    pub categories: bool,
}

/// Fields to set; `None` keeps a field (or takes the default on creation).
#[derive(Debug, Clone, Default)]
pub struct ChannelInput {
    pub name: Option<String>,
    pub hostname: Option<String>,
    pub secure_hostname: Option<String>,
    pub email: Option<String>,
    /// Active (not in maintenance).
    pub active: Option<bool>,
    pub created_at: Option<DateTime<Utc>>,
    pub redirect_customer: Option<bool>,
    pub entry_page: Option<String>,
    pub countries: Option<Vec<String>>,
    /// Profile field → value (see [`PROFILE_FIELDS`]).
    pub profile: BTreeMap<String, String>,
    pub clone_from: Option<(i64, CloneParts)>,
}
