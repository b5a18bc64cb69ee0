//! The product page: everything the detail document of one product shows, read as records in
//! one use case. The Bagisto shop's `GET /api/shop/products/{id}` maps it to its shape; the
//! admin API will map the same page to its own.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use polyshop_entities::{attribute_families, product_grouped_products, products};
use polyshop_runtime::ServiceError;
use sea_orm::ConnectionTrait;

use super::{
    categories::{self, CategoryDetail},
    details::{self, Media, MediaKind, OptionLabel, ProductChannel, SuperAttribute},
    dictionary,
    listing::{self, CardData},
    product_types::{
        booking::{self, BookingRecord},
        bundle::{self, BundleOptionRecord},
        customizable::{self, CustomizableOptionRecord},
        downloadable::{self, LinkRecord, SampleRecord},
        grouped,
    },
};
use crate::settings::scope::Scope;

/// The option attributes a product page names on the product itself (`color`, `size`, `brand`).
pub const SUMMARY_OPTIONS: [&str; 3] = ["color", "size", "brand"];

/// One product's page, as records.
pub struct ProductPage {
    pub card: CardData,
    /// The labels of the product's values of [`SUMMARY_OPTIONS`], by attribute code.
    pub options: BTreeMap<String, OptionLabel>,
    pub family: Option<attribute_families::Model>,
    pub channels: Vec<ProductChannel>,
    pub images: Vec<Media>,
    pub videos: Vec<Media>,
    /// The configurable attributes of a configurable product, with their options.
    pub super_attributes: Vec<SuperAttribute>,
    pub variants: Vec<CardData>,
    pub related: Vec<CardData>,
    pub up_sells: Vec<CardData>,
    pub cross_sells: Vec<CardData>,
    pub categories: Vec<CategoryDetail>,
    pub booking: Vec<BookingRecord>,
    pub bundle_options: Vec<BundleOptionRecord>,
    pub grouped: Vec<product_grouped_products::Model>,
    pub downloadable_links: Vec<LinkRecord>,
    pub downloadable_samples: Vec<SampleRecord>,
    pub customizable_options: Vec<CustomizableOptionRecord>,
}

/// The page of `product`, in `scope`.
pub async fn product_page(
    db: &impl ConnectionTrait,
    scope: &Scope,
    product: products::Model,
    now: DateTime<Utc>,
) -> Result<ProductPage, ServiceError> {
    let id = product.id;
    let (card, variants, mut linked) =
        listing::page_cards(db, scope, product, &["related", "up_sell", "cross_sell"], now).await?;
    let ids = [id];
    // Options, the family and the categories are named from the catalog's structure.
    let dictionary = dictionary::of(db, scope).await?;
    let summary = dictionary.attribute_codes(&SUMMARY_OPTIONS);
    let values = listing::option_values_of(db, &ids, &summary).await?.remove(&id).unwrap_or_default();
    let options =
        values.into_iter().filter_map(|(code, option)| Some((code, dictionary.option_label(scope, option)?))).collect();
    let family = dictionary.family(card.product.attribute_family_id).cloned();
    let in_categories: Vec<i64> = categories::links_of_products(db, &ids).await?.into_iter().map(|(_, c)| c).collect();
    let categories =
        dictionary.active_in_order(&in_categories).into_iter().filter_map(|c| dictionary.category_detail(c)).collect();
    let channels = take(id, details::channels_of(db, &scope.channels, &ids).await?);
    // The card read the images already.
    let images = card
        .images
        .iter()
        .map(|i| Media { id: i.id, product_id: i.product_id, path: i.path.clone(), position: i.position })
        .collect();
    let videos = take(id, details::media_of(db, MediaKind::Videos, &ids).await?);
    let configurable = if card.product.type_ == "configurable" { &ids[..] } else { &[][..] };
    let super_attributes = take(id, details::super_attributes(db, scope, configurable).await?);
    let mut linked = |kind: &str| linked.remove(kind).unwrap_or_default();
    let (related, up_sells, cross_sells) = (linked("related"), linked("up_sell"), linked("cross_sell"));
    // A product type's own records are read only for products of that type.
    let kind = card.product.type_.as_str();
    let of_type = |types: &[&str]| if types.contains(&kind) { &ids[..] } else { &[][..] };
    Ok(ProductPage {
        categories,
        booking: take(id, booking::of_products(db, of_type(&["booking"])).await?),
        bundle_options: take(id, bundle::of_products(db, of_type(&["bundle"])).await?),
        grouped: take(id, grouped::of_products(db, of_type(&["grouped"])).await?),
        downloadable_links: take(id, downloadable::links_of_products(db, of_type(&["downloadable"])).await?),
        downloadable_samples: take(id, downloadable::samples_of_products(db, of_type(&["downloadable"])).await?),
        customizable_options: take(id, customizable::of_products(db, of_type(&["simple", "virtual"])).await?),
        card,
        options,
        family,
        channels,
        images,
        videos,
        super_attributes,
        variants,
        related,
        up_sells,
        cross_sells,
    })
}

/// The entries of `id` in a per-product map.
fn take<T>(id: i64, mut by_product: HashMap<i64, Vec<T>>) -> Vec<T> {
    by_product.remove(&id).unwrap_or_default()
}
