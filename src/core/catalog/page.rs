//! The product page: everything the detail document of one product shows, read as records in
//! one use case. The Bagisto shop's `GET /api/shop/products/{id}` maps it to its shape; the
//! admin API will map the same page to its own.
//!
//! A page is built from [`PageRecords`]: what the catalog stores about the product (a dozen
//! tables), kept in process per settings generation like the catalog dictionary, so a warm page
//! reads only its stock. The cards of lists are kept the same way (`listing/cards.rs`), and a
//! page shares its cards' sources with them. Whoever writes the catalog bumps the generation in the same
//! transaction (see `dictionary.rs`); another process's change shows within the scope cache's
//! revalidation (a second). What changes without a catalog write is never kept: stock (sold and
//! restocked by orders), and what depends on the time (special prices' dates, booking
//! availability) or on the request (its locale's texts and labels, its channels).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use polyshop_entities::{attribute_families, product_grouped_products};
use polyshop_runtime::ServiceError;
use sea_orm::ConnectionTrait;

use super::{
    categories::{self, CategoryDetail},
    details::{self, Media, MediaKind, OptionLabel, ProductChannel, SuperAttribute, SuperAttributeIds},
    dictionary,
    listing::{self, CardData, PageCards},
    product_types::{
        booking::{self, BookingRecord},
        bundle::{self, BundleOptionRecord},
        customizable::{self, CustomizableOptionRecord},
        downloadable::{self, LinkRecord, SampleRecord},
        grouped,
    },
    store::stock_of,
};
use crate::settings::{Kept, scope::Scope};

/// The option attributes a product page names on the product itself (`color`, `size`, `brand`).
pub const SUMMARY_OPTIONS: [&str; 3] = ["color", "size", "brand"];

/// Pages kept per process; past this many, one goes to make room. Their cards' sources are
/// shared with the cards the lists keep (`listing/cards.rs`).
const MAX_KEPT_PAGES: usize = 2048;

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

/// The page of product `id` in `scope` at `now`; `None` when no enabled product has that id.
pub async fn enabled_product_page(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<ProductPage>, ServiceError> {
    let kept = scope.derived(async || Ok(Kept::<i64, PageRecords>::new(MAX_KEPT_PAGES))).await?;
    let records = match kept.get(&id) {
        Some(records) => records,
        None => match PageRecords::load(db, scope, id).await? {
            Some(records) => kept.keep(id, records),
            None => return Ok(None),
        },
    };
    let stock = stock_of(db, &records.cards.stocked()).await?;
    let dictionary = dictionary::of(db, scope).await?;
    Ok(Some(records.page(scope, &dictionary, &stock, now)?))
}

/// What the catalog stores about one enabled product's page, by ids where the scope names them
/// (see the module).
#[derive(Debug)]
struct PageRecords {
    cards: PageCards,
    /// Its option of each of [`SUMMARY_OPTIONS`] it has a value of, by attribute code.
    options: HashMap<String, i64>,
    categories: Vec<i64>,
    channels: Vec<i64>,
    videos: Vec<Media>,
    super_attributes: Vec<SuperAttributeIds>,
    booking: Vec<BookingRecord>,
    bundle_options: Vec<BundleOptionRecord>,
    grouped: Vec<product_grouped_products::Model>,
    downloadable_links: Vec<LinkRecord>,
    downloadable_samples: Vec<SampleRecord>,
    customizable_options: Vec<CustomizableOptionRecord>,
}

impl PageRecords {
    /// The records of product `id`, unless it is unknown or disabled.
    async fn load(db: &impl ConnectionTrait, scope: &Scope, id: i64) -> Result<Option<PageRecords>, ServiceError> {
        let Some(product) = listing::enabled_product(db, id).await? else { return Ok(None) };
        let kind = product.type_.clone();
        let cards = PageCards::load(db, scope, product, &["related", "up_sell", "cross_sell"]).await?;
        let ids = [id];
        let dictionary = dictionary::of(db, scope).await?;
        let summary = dictionary.attribute_codes(&SUMMARY_OPTIONS);
        let options = listing::option_values_of(db, &ids, &summary).await?.remove(&id).unwrap_or_default();
        let categories = categories::links_of_products(db, &ids).await?.into_iter().map(|(_, c)| c).collect();
        // A product type's own records are read only for products of that type.
        let of_type = |types: &[&str]| if types.contains(&kind.as_str()) { &ids[..] } else { &[][..] };
        Ok(Some(PageRecords {
            options,
            categories,
            channels: take(id, details::channel_ids_of(db, &ids).await?),
            videos: take(id, details::media_of(db, MediaKind::Videos, &ids).await?),
            super_attributes: take(id, details::super_attribute_options(db, of_type(&["configurable"])).await?),
            booking: take(id, booking::of_products(db, of_type(&["booking"])).await?),
            bundle_options: take(id, bundle::of_products(db, of_type(&["bundle"])).await?),
            grouped: take(id, grouped::of_products(db, of_type(&["grouped"])).await?),
            downloadable_links: take(id, downloadable::links_of_products(db, of_type(&["downloadable"])).await?),
            downloadable_samples: take(id, downloadable::samples_of_products(db, of_type(&["downloadable"])).await?),
            customizable_options: take(id, customizable::of_products(db, of_type(&["simple", "virtual"])).await?),
            cards,
        }))
    }

    /// The page in `scope`, named from `dictionary`, with `stock` (of the cards'
    /// products), at `now`.
    fn page(
        &self,
        scope: &Scope,
        dictionary: &dictionary::Dictionary,
        stock: &listing::Stock,
        now: DateTime<Utc>,
    ) -> Result<ProductPage, ServiceError> {
        let listing::PageCardsNow { own: card, variants, mut linked } = self.cards.cards(scope, stock, now)?;
        let options = self
            .options
            .iter()
            .filter_map(|(code, option)| Some((code.clone(), dictionary.option_label(scope, *option)?)))
            .collect();
        let categories = dictionary
            .active_in_order(&self.categories)
            .into_iter()
            .filter_map(|c| dictionary.category_detail(c))
            .collect();
        // The card holds the images already.
        let images = card
            .images
            .iter()
            .map(|i| Media { id: i.id, product_id: i.product_id, path: i.path.clone(), position: i.position })
            .collect();
        let mut linked = |kind: &str| linked.remove(kind).unwrap_or_default();
        Ok(ProductPage {
            options,
            family: dictionary.family(card.product.attribute_family_id).cloned(),
            channels: details::channels_by_id(&scope.channels, &self.channels),
            images,
            videos: self.videos.clone(),
            super_attributes: details::label_super_attributes(dictionary, scope, &self.super_attributes),
            variants,
            related: linked("related"),
            up_sells: linked("up_sell"),
            cross_sells: linked("cross_sell"),
            categories,
            booking: self.booking.clone(),
            bundle_options: self.bundle_options.clone(),
            grouped: self.grouped.clone(),
            downloadable_links: self.downloadable_links.clone(),
            downloadable_samples: self.downloadable_samples.clone(),
            customizable_options: self.customizable_options.clone(),
            card,
        })
    }
}

/// The entries of `id` in a per-product map.
fn take<T>(id: i64, mut by_product: HashMap<i64, Vec<T>>) -> Vec<T> {
    by_product.remove(&id).unwrap_or_default()
}
