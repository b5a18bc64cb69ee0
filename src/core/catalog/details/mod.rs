//! What a product page shows beyond its card: media, the attributes a configurable product's
//! variants differ by, option labels, channels, the attribute family, tier prices and the
//! product's attribute values. Each function loads its rows for many products at once.
//!
//! Submodules:
//! - `media`: images and videos ([`Media`], [`media_of`], [`media_rows`], [`count_media`]);
//! - `labels`: option and attribute labels ([`OptionLabel`], [`option_labels`], [`attribute_labels`]);
//! - `variants`: what configurable products' variants differ by ([`SuperAttribute`], [`combinations`]);
//! - `lookups`: channels, attribute families, tier prices and ratings;
//! - `values`: the typed attribute values of products ([`AttributeValue`], [`attribute_values`]).

mod labels;
mod lookups;
mod media;
mod values;
mod variants;

pub use labels::{OptionLabel, attribute_labels, option_labels};
pub use lookups::{ProductChannel, TierFilter, channel_ids_of, channels_by_id, families, ratings, tier_prices};
pub use media::{Media, MediaFilter, MediaKind, count_media, media_of, media_rows};
pub use values::{AttributeValue, Typed, attribute_values};
pub use variants::{
    SuperAttribute, SuperAttributeIds, combinations, label_super_attributes, super_attribute_ids,
    super_attribute_options, super_attributes,
};
