//! Product cards: what a card shows ([`CardData`]) and how the cards of many products are built
//! with a fixed number of queries, for given ids, for variants and for linked products.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use polyshop_entities::{booking_products, product_downloadable_links, product_images, product_translations, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

use super::prices::{Children, Prices};
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

/// A product page's cards: `product`'s own, its enabled variants (when configurable) and the
/// enabled products linked to it as `kinds`, by kind in link order; built together, with one
/// set of card queries for all of them.
pub async fn page_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    product: products::Model,
    kinds: &[&str],
    now: DateTime<Utc>,
) -> Result<(CardData, Vec<CardData>, HashMap<String, Vec<CardData>>), ServiceError> {
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
        // one row.
        if let Some(target) = target.filter(|t| seen.insert(t.id)) {
            rows.push(target);
        }
        links.push(link);
    }
    let configurable = if is_configurable { &[id][..] } else { &[][..] };
    let mut cards: HashMap<i64, CardData> = build_cards_with_variants(db, scope, rows, configurable, now)
        .await?
        .into_iter()
        .map(|c| (c.product.id, c))
        .collect();
    let variants = variant_ids.iter().filter_map(|v| cards.get(v).cloned()).collect();
    let mut linked: HashMap<String, Vec<CardData>> = HashMap::new();
    for link in links {
        if let Some(card) = cards.get(&link.linked_product_id).filter(|c| c.product.status) {
            linked.entry(link.kind).or_default().push(card.clone());
        }
    }
    let own = cards.remove(&id).ok_or_else(|| ServiceError::internal("a product page without its product"))?;
    Ok((own, variants, linked))
}

/// Cards of `rows`, with a fixed number of queries for all of them.
pub(super) async fn build_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    build_cards_with_variants(db, scope, rows, &[], now).await
}

/// [`build_cards`], where the enabled variants of the configurable products `variants_in_rows`
/// are all among `rows` (they are not read again).
async fn build_cards_with_variants(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    variants_in_rows: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let today = scope.today(now);
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let translations = translations_of(db, scope, &ids).await?;
    let mut images = images_of(db, &ids).await?;
    // Only booking products have a booking type (a page of shirts reads no booking table).
    let bookings: Vec<i64> = rows.iter().filter(|p| p.type_ == "booking").map(|p| p.id).collect();
    let booking_types: HashMap<i64, booking_products::Model> = if bookings.is_empty() {
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
    Ok(rows
        .into_iter()
        .map(|product| {
            let prices = children.prices(&product, today);
            let saleable = match product.type_.as_str() {
                "downloadable" => product.status && with_links.contains(&product.id),
                "booking" => {
                    product.status
                        && booking_types
                            .get(&product.id)
                            .is_some_and(|b| b.available_every_week || b.available_to.is_none_or(|to| to > now))
                }
                _ => children.saleable(&product),
            };
            CardData {
                translation: translations.get(&product.id).cloned(),
                booking_type: booking_types.get(&product.id).map(|b| b.type_.clone()),
                base_image: images.get(&product.id).and_then(|i| i.first()).map(|i| i.path.clone()),
                images: images.remove(&product.id).unwrap_or_default(),
                prices,
                saleable,
                product,
            }
        })
        .collect())
}

/// The best translation of each product for the scope.
pub async fn translations_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[i64],
) -> Result<HashMap<i64, product_translations::Model>, ServiceError> {
    use product_translations::{Column, Entity};
    let grouped = crate::by_parent::load::<Entity>(db, Column::ProductId, Column::Id, ids, |r| r.product_id).await?;
    Ok(grouped
        .into_iter()
        .filter_map(|(id, rows)| scope.pick(&rows, |r| r.locale.as_str()).cloned().map(|t| (id, t)))
        .collect())
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
