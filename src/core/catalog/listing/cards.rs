//! Product cards: what a card shows ([`CardData`]) and how the cards of many products are built
//! with a fixed number of queries, for given ids, for variants and for linked products. A card
//! is finished per request from its [`CardSource`] (what the catalog stores: kept per settings
//! generation, see `catalog/page.rs`) with the stock, the request's scope and the time.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use chrono::{DateTime, Utc};
use polyshop_entities::{booking_products, product_downloadable_links, product_images, product_translations, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::prices::{Children, Prices, Stock};
use crate::catalog::store::stock_of;
use crate::settings::{Kept, scope::Scope};

/// Everything a product card (and the scalar part of a product page) shows.
#[derive(Debug, Clone)]
pub struct CardData {
    pub product: products::Model,
    /// Texts in the request locale, else the channel's default locale, else any.
    pub translation: Option<product_translations::Model>,
    /// `default`, `appointment`, `event`, `rental` or `table` for booking products.
    pub booking_type: Option<String>,
    /// Storage path of the first image.
    pub base_image: Option<String>,
    /// Every image, by position (a product page shows them without reading them again).
    pub images: Vec<product_images::Model>,
    pub prices: Prices,
    /// Can be bought now: enabled, and in stock (or made of something in stock).
    pub saleable: bool,
}

impl CardData {
    pub fn name(&self) -> &str {
        self.translation.as_ref().map(|t| t.name.as_str()).unwrap_or(&self.product.sku)
    }

    pub fn url_key(&self) -> String {
        self.translation.as_ref().and_then(|t| t.url_key.clone()).unwrap_or_else(|| self.product.sku.to_lowercase())
    }
}

/// Cards of the products `ids` (any status), in the order of `ids`; unknown ids are skipped.
pub async fn cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Kept sources need no product row read.
    let kept = kept_sources(scope).await?;
    let mut sources: HashMap<i64, Arc<CardSource>> = HashMap::new();
    let mut missing = Vec::new();
    for id in ids {
        match kept.get(id) {
            Some(source) => drop(sources.insert(*id, source)),
            None => missing.push(*id),
        }
    }
    if !missing.is_empty() {
        let rows = products::Entity::find().filter(products::Column::Id.is_in(missing)).all(db).await?;
        sources.extend(sources_of(db, scope, rows, &[]).await?.into_iter().map(|s| (s.product.id, s)));
    }
    let stock = stock_of(db, &stocked(sources.values())).await?;
    Ok(ids.iter().filter_map(|id| Some(sources.get(id)?.card(scope, &stock, now))).collect())
}

/// Cards of the enabled variants of configurable products `parents`, by parent, in id order.
pub async fn variant_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    parents: &[i64],
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Vec<CardData>>, ServiceError> {
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = products::Entity::find()
        .filter(products::Column::ParentId.is_in(parents.to_vec()))
        .filter(products::Column::Status.eq(true))
        .order_by_asc(products::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<CardData>> = HashMap::new();
    for card in build_cards(db, scope, rows, now).await? {
        out.entry(card.product.parent_id.unwrap_or_default()).or_default().push(card);
    }
    Ok(out)
}

/// Cards of the enabled products linked to `products` as `kind` (`related`, `up_sell`,
/// `cross_sell`), by product, in link order.
pub async fn linked_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    products_: &[i64],
    kind: &str,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Vec<CardData>>, ServiceError> {
    Ok(linked_cards_by_kind(db, scope, products_, &[kind], now).await?.remove(kind).unwrap_or_default())
}

/// [`linked_cards`] of several link kinds at once (a product page's related products, up-sells
/// and cross-sells): one query for the links, one set of card queries for every product they
/// name. By kind, then by product.
pub async fn linked_cards_by_kind(
    db: &impl ConnectionTrait,
    scope: &Scope,
    products_: &[i64],
    kinds: &[&str],
    now: DateTime<Utc>,
) -> Result<HashMap<String, HashMap<i64, Vec<CardData>>>, ServiceError> {
    use polyshop_entities::product_links;
    if products_.is_empty() || kinds.is_empty() {
        return Ok(HashMap::new());
    }
    let links = product_links::Entity::find()
        .filter(product_links::Column::ProductId.is_in(products_.to_vec()))
        .filter(product_links::Column::Kind.is_in(kinds.iter().copied()))
        .order_by_asc(product_links::Column::Position)
        .all(db)
        .await?;
    let targets: Vec<i64> = links.iter().map(|l| l.linked_product_id).collect::<HashSet<_>>().into_iter().collect();
    let cards: HashMap<i64, CardData> = cards(db, scope, &targets, now)
        .await?
        .into_iter()
        .filter(|c| c.product.status)
        .map(|c| (c.product.id, c))
        .collect();
    let mut out: HashMap<String, HashMap<i64, Vec<CardData>>> = HashMap::new();
    for link in links {
        if let Some(card) = cards.get(&link.linked_product_id) {
            out.entry(link.kind.clone()).or_default().entry(link.product_id).or_default().push(card.clone());
        }
    }
    Ok(out)
}

/// A product page's cards as the catalog stores them: `product`'s own, its enabled variants
/// (when configurable) and the products linked to it as `kinds`, read together with one set of
/// card queries for all of them. Holds no stock and no request's language or time, so a page
/// cache can keep it ([`PageCards::cards`] finishes them).
#[derive(Debug)]
pub struct PageCards {
    id: i64,
    variant_ids: Vec<i64>,
    /// The links to enabled products, in position order: (kind, product).
    links: Vec<(String, i64)>,
    sources: Vec<Arc<CardSource>>,
}

impl PageCards {
    pub async fn load(
        db: &impl ConnectionTrait,
        scope: &Scope,
        product: products::Model,
        kinds: &[&str],
    ) -> Result<PageCards, ServiceError> {
        use polyshop_entities::product_links;
        let id = product.id;
        let is_configurable = product.type_ == "configurable";
        let variants = if is_configurable {
            products::Entity::find()
                .filter(products::Column::ParentId.eq(id))
                .filter(products::Column::Status.eq(true))
                .order_by_asc(products::Column::Id)
                .all(db)
                .await?
        } else {
            Vec::new()
        };
        // The links with the products they point at, in one statement.
        let linked = product_links::Entity::find()
            .select_also(products::Entity)
            .join(JoinType::InnerJoin, product_links::Relation::LinkedProduct.def())
            .filter(product_links::Column::ProductId.eq(id))
            .filter(product_links::Column::Kind.is_in(kinds.iter().copied()))
            .order_by_asc(product_links::Column::Position)
            .all(db)
            .await?;
        let variant_ids: Vec<i64> = variants.iter().map(|v| v.id).collect();
        let mut rows = variants;
        rows.push(product);
        let mut links = Vec::with_capacity(linked.len());
        let mut seen: HashSet<i64> = rows.iter().map(|r| r.id).collect();
        for (link, target) in linked {
            // A product linked twice (as related and as up-sell), or to itself or its variant, is
            // one row; a disabled one is shown nowhere.
            if let Some(target) = target.filter(|t| t.status) {
                if seen.insert(target.id) {
                    rows.push(target);
                }
                links.push((link.kind, link.linked_product_id));
            }
        }
        let configurable = if is_configurable { &[id][..] } else { &[][..] };
        let sources = sources_of(db, scope, rows, configurable).await?;
        Ok(PageCards { id, variant_ids, links, sources })
    }

    fn find(&self, id: i64) -> Option<&CardSource> {
        self.sources.iter().find(|s| s.product.id == id).map(Arc::as_ref)
    }

    /// The products whose stock the cards show.
    pub fn stocked(&self) -> Vec<i64> {
        stocked(self.sources.iter())
    }

    /// The cards in `scope`, with `stock` (of [`Self::stocked`]), at `now`.
    pub fn cards(&self, scope: &Scope, stock: &Stock, now: DateTime<Utc>) -> Result<PageCardsNow, ServiceError> {
        let card = |id: i64| self.find(id).map(|s| s.card(scope, stock, now));
        let own = card(self.id).ok_or_else(|| ServiceError::internal("a product page without its product"))?;
        let variants = self.variant_ids.iter().filter_map(|v| card(*v)).collect();
        let mut linked: HashMap<String, Vec<CardData>> = HashMap::new();
        for (kind, target) in &self.links {
            if let Some(card) = card(*target) {
                linked.entry(kind.clone()).or_default().push(card);
            }
        }
        Ok(PageCardsNow { own, variants, linked })
    }
}

/// [`PageCards`] finished for one request.
pub struct PageCardsNow {
    pub own: CardData,
    pub variants: Vec<CardData>,
    /// By link kind, in link order.
    pub linked: HashMap<String, Vec<CardData>>,
}

/// Cards of `rows`, with a fixed number of queries for all of them (the stock alone once their
/// sources are kept).
pub(super) async fn build_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    let sources = sources_of(db, scope, rows, &[]).await?;
    let stock = stock_of(db, &stocked(sources.iter())).await?;
    Ok(sources.iter().map(|s| s.card(scope, &stock, now)).collect())
}

/// Card sources kept per process and settings generation, like product pages (see
/// `catalog/page.rs` for what may be kept and who tells a change). Past this many, one goes to
/// make room.
const MAX_KEPT_CARDS: usize = 8192;

async fn kept_sources(scope: &Scope) -> Result<Arc<Kept<i64, CardSource>>, ServiceError> {
    scope.derived(async || Ok(Kept::new(MAX_KEPT_CARDS))).await
}

/// What a card is built from, as the catalog stores it: everything but the stock, the request's
/// language and the time.
#[derive(Debug)]
pub(crate) struct CardSource {
    product: products::Model,
    /// Every locale's.
    translations: Vec<product_translations::Model>,
    images: Vec<product_images::Model>,
    /// Booking products' booking row.
    booking: Option<booking_products::Model>,
    /// Downloadable products: whether they have a link to sell.
    has_links: bool,
    /// What a composite product is priced from.
    children: Children,
}

impl CardSource {
    /// The card in `scope`, with `stock` (of [`stocked`]), at `now`.
    fn card(&self, scope: &Scope, stock: &Stock, now: DateTime<Utc>) -> CardData {
        let product = &self.product;
        let saleable = match product.type_.as_str() {
            "downloadable" => product.status && self.has_links,
            "booking" => {
                product.status
                    && self
                        .booking
                        .as_ref()
                        .is_some_and(|b| b.available_every_week || b.available_to.is_none_or(|to| to > now))
            }
            _ => self.children.saleable(product, stock),
        };
        CardData {
            translation: scope.pick(&self.translations, |t| t.locale.as_str()).cloned(),
            booking_type: self.booking.as_ref().map(|b| b.type_.clone()),
            base_image: self.images.first().map(|i| i.path.clone()),
            images: self.images.clone(),
            prices: self.children.prices(product, scope.today(now)),
            saleable,
            product: product.clone(),
        }
    }
}

/// The products whose stock the cards of `sources` need: each card's and its children's.
fn stocked<'a>(sources: impl Iterator<Item = &'a Arc<CardSource>>) -> Vec<i64> {
    let mut ids: Vec<i64> = sources.flat_map(|s| std::iter::once(s.product.id).chain(s.children.stocked())).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The card sources of `rows`, in their order: those kept, the others read and kept.
/// `variants_in_rows` names configurable products whose enabled variants are all among `rows`
/// (they are not read again).
async fn sources_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    variants_in_rows: &[i64],
) -> Result<Vec<Arc<CardSource>>, ServiceError> {
    let kept = kept_sources(scope).await?;
    let mut found: HashMap<i64, Arc<CardSource>> = HashMap::new();
    let mut missing: Vec<&products::Model> = Vec::new();
    for row in &rows {
        match kept.get(&row.id) {
            Some(source) => drop(found.insert(row.id, source)),
            None => missing.push(row),
        }
    }
    if !missing.is_empty() {
        let ids: Vec<i64> = missing.iter().map(|p| p.id).collect();
        use product_translations::{Column, Entity};
        let mut translations =
            crate::by_parent::load::<Entity>(db, Column::ProductId, Column::Id, &ids, |r| r.product_id).await?;
        let mut images = images_of(db, &ids).await?;
        // Only booking products have a booking type (a page of shirts reads no booking table).
        let bookings: Vec<i64> = missing.iter().filter(|p| p.type_ == "booking").map(|p| p.id).collect();
        let mut booking_rows: HashMap<i64, booking_products::Model> = if bookings.is_empty() {
            HashMap::new()
        } else {
            booking_products::Entity::find()
                .filter(booking_products::Column::ProductId.is_in(bookings))
                .all(db)
                .await?
                .into_iter()
                .map(|b| (b.product_id, b))
                .collect()
        };
        // A configurable product's variants among `rows` count even where their own sources
        // are kept.
        let in_rows = |p: &products::Model| p.parent_id.is_some_and(|parent| variants_in_rows.contains(&parent));
        let with_variants: Vec<products::Model> =
            rows.iter().filter(|p| !found.contains_key(&p.id) || in_rows(p)).cloned().collect();
        let mut children = Children::load(db, &with_variants, variants_in_rows).await?;
        let downloadable: Vec<i64> = missing.iter().filter(|p| p.type_ == "downloadable").map(|p| p.id).collect();
        let with_links: HashSet<i64> = if downloadable.is_empty() {
            HashSet::new()
        } else {
            product_downloadable_links::Entity::find()
                .filter(product_downloadable_links::Column::ProductId.is_in(downloadable))
                .all(db)
                .await?
                .into_iter()
                .map(|l| l.product_id)
                .collect()
        };
        for product in missing {
            let id = product.id;
            if found.contains_key(&id) {
                continue; // a row given twice
            }
            let source = CardSource {
                translations: translations.remove(&id).unwrap_or_default(),
                images: images.remove(&id).unwrap_or_default(),
                booking: booking_rows.remove(&id),
                has_links: with_links.contains(&id),
                children: children.take(id),
                product: product.clone(),
            };
            found.insert(id, kept.keep(id, source));
        }
    }
    Ok(rows.iter().filter_map(|r| found.get(&r.id).cloned()).collect())
}

/// The images of each product, by position.
async fn images_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<product_images::Model>>, ServiceError> {
    let rows = product_images::Entity::find()
        .filter(product_images::Column::ProductId.is_in(ids.to_vec()))
        .order_by_asc(product_images::Column::Position)
        .order_by_asc(product_images::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<product_images::Model>> = HashMap::new();
    for row in rows {
        out.entry(row.product_id).or_default().push(row);
    }
    Ok(out)
}
