//! Product cards: what a card shows ([`CardData`]) and how the cards of many products are built
//! with a fixed number of queries, for given ids, for variants and for linked products.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use polyshop_entities::{booking_products, product_downloadable_links, product_images, product_translations, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::prices::{Children, Prices, Stock};
use crate::catalog::store::stock_of;
use crate::settings::scope::Scope;

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
    let rows = products::Entity::find().filter(products::Column::Id.is_in(ids.to_vec())).all(db).await?;
    let mut by_id: HashMap<i64, CardData> =
        build_cards(db, scope, rows, now).await?.into_iter().map(|c| (c.product.id, c)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
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
    /// The links in position order, with a source for each enabled target.
    links: Vec<(String, i64)>,
    sources: CardSources,
}

impl PageCards {
    pub async fn load(
        db: &impl ConnectionTrait,
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
        let sources = CardSources::load(db, rows, configurable).await?;
        Ok(PageCards { id, variant_ids, links, sources })
    }

    /// The product the page is of.
    pub fn product(&self) -> Option<&products::Model> {
        self.sources.find(self.id).map(|s| &s.product)
    }

    /// The products whose stock the cards show.
    pub fn stocked(&self) -> Vec<i64> {
        self.sources.stocked()
    }

    /// The cards in `scope`, with `stock` (of [`Self::stocked`]) at `now`: the product's own,
    /// its variants', and the linked products' by kind in link order.
    pub fn cards(&self, scope: &Scope, stock: &Stock, now: DateTime<Utc>) -> Result<PageCardsNow, ServiceError> {
        let card = |id: i64| self.sources.find(id).map(|s| self.sources.card(s, scope, stock, now));
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

/// Cards of `rows`, with a fixed number of queries for all of them.
pub(super) async fn build_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    let sources = CardSources::load(db, rows, &[]).await?;
    let stock = stock_of(db, &sources.stocked()).await?;
    Ok(sources.sources.iter().map(|s| sources.card(s, scope, &stock, now)).collect())
}

/// What a card is built from, as the catalog stores it: everything but the stock, the request's
/// language and the time.
#[derive(Debug, Clone)]
struct CardSource {
    product: products::Model,
    /// Every locale's.
    translations: Vec<product_translations::Model>,
    images: Vec<product_images::Model>,
    /// Booking products' booking row.
    booking: Option<booking_products::Model>,
    /// Downloadable products: whether they have a link to sell.
    has_links: bool,
}

/// The sources of several cards, with the children composite ones are priced from.
#[derive(Debug)]
struct CardSources {
    sources: Vec<CardSource>,
    children: Children,
}

impl CardSources {
    /// The sources of `rows`, in their order. `variants_in_rows` names configurable products
    /// whose enabled variants are all among `rows` (they are not read again).
    async fn load(
        db: &impl ConnectionTrait,
        rows: Vec<products::Model>,
        variants_in_rows: &[i64],
    ) -> Result<CardSources, ServiceError> {
        if rows.is_empty() {
            return Ok(CardSources { sources: Vec::new(), children: Children::default() });
        }
        let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
        use product_translations::{Column, Entity};
        let mut translations =
            crate::by_parent::load::<Entity>(db, Column::ProductId, Column::Id, &ids, |r| r.product_id).await?;
        let mut images = images_of(db, &ids).await?;
        // Only booking products have a booking type (a page of shirts reads no booking table).
        let bookings: Vec<i64> = rows.iter().filter(|p| p.type_ == "booking").map(|p| p.id).collect();
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
        let children = Children::load(db, &rows, variants_in_rows).await?;
        let downloadable: Vec<i64> = rows.iter().filter(|p| p.type_ == "downloadable").map(|p| p.id).collect();
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
        let sources = rows
            .into_iter()
            .map(|product| CardSource {
                translations: translations.remove(&product.id).unwrap_or_default(),
                images: images.remove(&product.id).unwrap_or_default(),
                booking: booking_rows.remove(&product.id),
                has_links: with_links.contains(&product.id),
                product,
            })
            .collect();
        Ok(CardSources { sources, children })
    }

    fn find(&self, id: i64) -> Option<&CardSource> {
        self.sources.iter().find(|s| s.product.id == id)
    }

    /// The products whose stock the cards need: every card's and its children's.
    fn stocked(&self) -> Vec<i64> {
        let own = self.sources.iter().map(|s| s.product.id);
        let mut ids: Vec<i64> = own.chain(self.children.stocked()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The card of `source` in `scope`, with `stock`, at `now`.
    fn card(&self, source: &CardSource, scope: &Scope, stock: &Stock, now: DateTime<Utc>) -> CardData {
        let product = &source.product;
        let saleable = match product.type_.as_str() {
            "downloadable" => product.status && source.has_links,
            "booking" => {
                product.status
                    && source
                        .booking
                        .as_ref()
                        .is_some_and(|b| b.available_every_week || b.available_to.is_none_or(|to| to > now))
            }
            _ => self.children.saleable(product, stock),
        };
        CardData {
            translation: scope.pick(&source.translations, |t| t.locale.as_str()).cloned(),
            booking_type: source.booking.as_ref().map(|b| b.type_.clone()),
            base_image: source.images.first().map(|i| i.path.clone()),
            images: source.images.clone(),
            prices: self.children.prices(product, scope.today(now)),
            saleable,
            product: product.clone(),
        }
    }
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
