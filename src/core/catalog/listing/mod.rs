//! The storefront catalog: which products a storefront lists, how searches, filters and sorts
//! select and order them, and what they cost.
//!
//! Listed products are enabled, visible individually and assigned to the request's channel.
//! Prices come from the products' own rows for simple-like types and from their children for
//! composites: a configurable product costs what its variants cost, a grouped product what its
//! members cost, a bundle what its options add up to. The "minimum price" is what price filters
//! and the price sort use.
//!
//! Queries stay bounded: a page is found with one or two queries, and the cards of a page are
//! built with one query per related table (translations, images, booking types, children,
//! stock) whatever the page size.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use polyshop_entities::{
    attributes, booking_products, product_attribute_values, product_bundle_option_products, product_bundle_options,
    product_categories, product_channels, product_downloadable_links, product_grouped_products, product_images,
    product_translations, products,
};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query},
};

use super::{pricing, store::stock_of};
use crate::settings::scope::Scope;

/// What a storefront asks the catalog for. Filters combine with AND.
#[derive(Debug, Clone, Default)]
pub struct ProductQuery {
    /// Text matched (case-insensitively) against SKUs and names.
    pub search: Option<String>,
    /// The search text also matches descriptions (GraphQL's `query`).
    pub search_descriptions: bool,
    pub product_type: Option<String>,
    pub category_id: Option<i64>,
    /// Inclusive bounds on the minimum price, in the base currency.
    pub price_from: Option<Decimal>,
    pub price_to: Option<Decimal>,
    pub new_only: bool,
    pub featured_only: bool,
    /// Attribute code → option ids (any of them matches).
    pub attributes: BTreeMap<String, Vec<i64>>,
    /// Attribute code → option names (admin names, any case), for legacy filters by label.
    pub attribute_names: BTreeMap<String, Vec<String>>,
    pub sort: Sort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Catalog order.
    #[default]
    Id,
    Name,
    Price,
    CreatedAt,
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

/// What it costs: the product's own prices and, for composites, its children's range.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prices {
    /// The product's own regular price (0 for composite types, which have none).
    pub price: Decimal,
    /// The product's own special price, while it applies and is below the regular price.
    pub special_price: Option<Decimal>,
    /// The lowest price it can be bought for now (special prices applied).
    pub minimum: Decimal,
    pub maximum: Decimal,
    /// The same range before special prices.
    pub regular_minimum: Decimal,
    pub regular_maximum: Decimal,
}

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

/// Composite and booking types: no stock of their own.
fn is_composite(kind: &str) -> bool {
    matches!(kind, "configurable" | "grouped" | "bundle")
}

/// A page of the products a storefront lists for `query`, how many match in all, and the
/// offset of the page. `window` picks the page (offset, limit) once the total is known.
pub async fn search<E: From<ServiceError>>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    query: &ProductQuery,
    now: DateTime<Utc>,
    window: impl FnOnce(u64) -> Result<(u64, u64), E>,
) -> Result<(Vec<CardData>, u64, u64), E> {
    let Some(condition) = conditions(db, scope, query).await? else {
        let (offset, _) = window(0)?;
        return Ok((Vec::new(), 0, offset));
    };
    let select = products::Entity::find().filter(condition);
    let in_memory = matches!(query.sort.key, SortKey::Name | SortKey::Price)
        || query.price_from.is_some()
        || query.price_to.is_some();
    if !in_memory {
        // Id and date orders page in SQL.
        let total = select.clone().count(db).await.map_err(ServiceError::from)?;
        let (offset, limit) = window(total)?;
        let column = match query.sort.key {
            SortKey::CreatedAt => products::Column::CreatedAt,
            SortKey::UpdatedAt => products::Column::UpdatedAt,
            _ => products::Column::Id,
        };
        let ordered = if query.sort.descending {
            select.order_by_desc(column).order_by_desc(products::Column::Id)
        } else {
            select.order_by_asc(column).order_by_asc(products::Column::Id)
        };
        let rows = ordered.offset(offset).limit(limit).all(db).await.map_err(ServiceError::from)?;
        return Ok((build_cards(db, scope, rows, now).await?, total, offset));
    }
    // Name and price orders, and price ranges, need every candidate's name or price.
    let rows = select.order_by_asc(products::Column::Id).all(db).await.map_err(ServiceError::from)?;
    let mut cards = build_cards(db, scope, rows, now).await?;
    cards.retain(|c| {
        query.price_from.is_none_or(|from| c.prices.minimum >= from)
            && query.price_to.is_none_or(|to| c.prices.minimum <= to)
    });
    match query.sort.key {
        SortKey::Name => cards.sort_by_cached_key(|c| c.name().to_lowercase()),
        SortKey::Price => cards.sort_by_key(|c| c.prices.minimum),
        SortKey::CreatedAt => cards.sort_by_key(|c| c.product.created_at),
        SortKey::UpdatedAt => cards.sort_by_key(|c| c.product.updated_at),
        SortKey::Id => {}
    }
    if query.sort.descending {
        cards.reverse();
    }
    let total = cards.len() as u64;
    let (offset, limit) = window(total)?;
    let page = cards.into_iter().skip(offset as usize).take(limit as usize).collect();
    Ok((page, total, offset))
}

/// The SQL conditions of `query`; `None` when nothing can match (an unknown filterable value).
async fn conditions(
    db: &impl ConnectionTrait,
    scope: &Scope,
    query: &ProductQuery,
) -> Result<Option<Condition>, ServiceError> {
    let in_channel = Query::select()
        .column(product_channels::Column::ProductId)
        .from(product_channels::Entity)
        .and_where(product_channels::Column::ChannelId.eq(scope.channel.id))
        .to_owned();
    let mut cond = Condition::all()
        .add(products::Column::Status.eq(true))
        .add(products::Column::VisibleIndividually.eq(true))
        .add(products::Column::Id.in_subquery(in_channel));
    if let Some(text) = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        let mut texts = Condition::any()
            .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::Name))).like(pattern()));
        if query.search_descriptions {
            texts = texts
                .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::ShortDescription))).like(pattern()))
                .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::Description))).like(pattern()));
        }
        let named = Query::select()
            .column(product_translations::Column::ProductId)
            .from(product_translations::Entity)
            .cond_where(texts)
            .and_where(product_translations::Column::Locale.is_in(scope.locales().iter().map(|l| l.to_string())))
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col((products::Entity, products::Column::Sku)))).like(pattern()))
                .add(products::Column::Id.in_subquery(named)),
        );
    }
    if let Some(kind) = &query.product_type {
        cond = cond.add(products::Column::Type.eq(kind.as_str()));
    }
    if let Some(category) = query.category_id {
        let in_category = Query::select()
            .column(product_categories::Column::ProductId)
            .from(product_categories::Entity)
            .and_where(product_categories::Column::CategoryId.eq(category))
            .to_owned();
        cond = cond.add(products::Column::Id.in_subquery(in_category));
    }
    if query.new_only {
        cond = cond.add(products::Column::New.eq(true));
    }
    if query.featured_only {
        cond = cond.add(products::Column::Featured.eq(true));
    }
    let mut wanted = query.attributes.clone();
    if !query.attribute_names.is_empty() {
        // Legacy filters name options by label: find their ids.
        use polyshop_entities::attribute_options;
        let codes: Vec<String> = query.attribute_names.keys().cloned().collect();
        let attrs: HashMap<i64, String> = attributes::Entity::find()
            .filter(attributes::Column::Code.is_in(codes))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.code))
            .collect();
        let options = attribute_options::Entity::find()
            .filter(attribute_options::Column::AttributeId.is_in(attrs.keys().copied()))
            .all(db)
            .await?;
        for option in options {
            let code = &attrs[&option.attribute_id];
            let names = &query.attribute_names[code];
            if names.iter().any(|n| n.eq_ignore_ascii_case(&option.admin_name)) {
                wanted.entry(code.clone()).or_default().push(option.id);
            }
        }
        for code in query.attribute_names.keys() {
            // A label that names no option matches nothing.
            if wanted.get(code).is_none_or(|ids| ids.is_empty()) {
                return Ok(None);
            }
        }
    }
    if !wanted.is_empty() {
        // Only filterable attributes filter; other codes are ignored.
        let filterable: HashMap<String, i64> = attributes::Entity::find()
            .filter(attributes::Column::Code.is_in(wanted.keys().cloned()))
            .filter(attributes::Column::IsFilterable.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.code, a.id))
            .collect();
        for (code, options) in &wanted {
            let Some(attribute_id) = filterable.get(code) else { continue };
            if options.is_empty() {
                // Values that are not option ids (`?color=Red`) match no product.
                return Ok(None);
            }
            let holders = || {
                Query::select()
                    .column(product_attribute_values::Column::ProductId)
                    .from(product_attribute_values::Entity)
                    .and_where(product_attribute_values::Column::AttributeId.eq(*attribute_id))
                    .and_where(product_attribute_values::Column::IntegerValue.is_in(options.clone()))
                    .to_owned()
            };
            // A configurable product matches when one of its enabled variants does.
            let parents = Query::select()
                .column(products::Column::ParentId)
                .from(products::Entity)
                .and_where(products::Column::Status.eq(true))
                .and_where(products::Column::Id.in_subquery(holders()))
                .to_owned();
            cond = cond.add(
                Condition::any()
                    .add(products::Column::Id.in_subquery(holders()))
                    .add(products::Column::Id.in_subquery(parents)),
            );
        }
    }
    Ok(Some(cond))
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
    use polyshop_entities::product_links;
    if products_.is_empty() {
        return Ok(HashMap::new());
    }
    let links = product_links::Entity::find()
        .filter(product_links::Column::ProductId.is_in(products_.to_vec()))
        .filter(product_links::Column::Kind.eq(kind))
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
    let mut out: HashMap<i64, Vec<CardData>> = HashMap::new();
    for link in links {
        if let Some(card) = cards.get(&link.linked_product_id) {
            out.entry(link.product_id).or_default().push(card.clone());
        }
    }
    Ok(out)
}

/// Cards of `rows`, with a fixed number of queries for all of them.
async fn build_cards(
    db: &impl ConnectionTrait,
    scope: &Scope,
    rows: Vec<products::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<CardData>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let today = scope.today(now);
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let translations = translations_of(db, scope, &ids).await?;
    let images = first_images(db, &ids).await?;
    let booking_types: HashMap<i64, booking_products::Model> = booking_products::Entity::find()
        .filter(booking_products::Column::ProductId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.product_id, b))
        .collect();
    let children = Children::load(db, &rows).await?;
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
                base_image: images.get(&product.id).cloned(),
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
    let rows = product_translations::Entity::find()
        .filter(product_translations::Column::ProductId.is_in(ids.to_vec()))
        .order_by_asc(product_translations::Column::Id)
        .all(db)
        .await?;
    let mut grouped: HashMap<i64, Vec<product_translations::Model>> = HashMap::new();
    for row in rows {
        grouped.entry(row.product_id).or_default().push(row);
    }
    Ok(grouped
        .into_iter()
        .filter_map(|(id, rows)| scope.pick(&rows, |r| r.locale.as_str()).cloned().map(|t| (id, t)))
        .collect())
}

/// Path of the first image (lowest position) of each product.
async fn first_images(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, String>, ServiceError> {
    let rows = product_images::Entity::find()
        .filter(product_images::Column::ProductId.is_in(ids.to_vec()))
        .order_by_asc(product_images::Column::Position)
        .order_by_asc(product_images::Column::Id)
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for row in rows {
        out.entry(row.product_id).or_insert(row.path);
    }
    Ok(out)
}

/// The children composite products are priced from, and the stock of everything involved.
struct Children {
    /// Enabled variants of configurable products, by parent.
    variants: HashMap<i64, Vec<products::Model>>,
    /// Members of grouped products (enabled), by group.
    grouped: HashMap<i64, Vec<products::Model>>,
    /// Options of bundle products: (required, multiple choice, [(member, qty)]), by bundle.
    bundles: HashMap<i64, Vec<BundleOption>>,
    stock: HashMap<i64, i64>,
}

struct BundleOption {
    required: bool,
    /// Checkbox and multiselect options add every member; radio and select one.
    multiple: bool,
    members: Vec<(products::Model, i32)>,
}

impl Children {
    async fn load(db: &impl ConnectionTrait, rows: &[products::Model]) -> Result<Children, ServiceError> {
        let of_type = |kind: &str| -> Vec<i64> { rows.iter().filter(|p| p.type_ == kind).map(|p| p.id).collect() };
        let (configurables, groups, bundles) = (of_type("configurable"), of_type("grouped"), of_type("bundle"));
        let mut variants: HashMap<i64, Vec<products::Model>> = HashMap::new();
        if !configurables.is_empty() {
            for v in products::Entity::find()
                .filter(products::Column::ParentId.is_in(configurables))
                .filter(products::Column::Status.eq(true))
                .order_by_asc(products::Column::Id)
                .all(db)
                .await?
            {
                variants.entry(v.parent_id.unwrap_or_default()).or_default().push(v);
            }
        }
        let links = if groups.is_empty() {
            Vec::new()
        } else {
            product_grouped_products::Entity::find()
                .filter(product_grouped_products::Column::ProductId.is_in(groups))
                .order_by_asc(product_grouped_products::Column::SortOrder)
                .all(db)
                .await?
        };
        let options = if bundles.is_empty() {
            Vec::new()
        } else {
            product_bundle_options::Entity::find()
                .filter(product_bundle_options::Column::ProductId.is_in(bundles))
                .order_by_asc(product_bundle_options::Column::SortOrder)
                .all(db)
                .await?
        };
        let option_members = if options.is_empty() {
            Vec::new()
        } else {
            product_bundle_option_products::Entity::find()
                .filter(
                    product_bundle_option_products::Column::ProductBundleOptionId.is_in(options.iter().map(|o| o.id)),
                )
                .order_by_asc(product_bundle_option_products::Column::SortOrder)
                .all(db)
                .await?
        };
        // Members of groups and bundles, in one query.
        let member_ids: Vec<i64> = links
            .iter()
            .map(|l| l.associated_product_id)
            .chain(option_members.iter().map(|m| m.product_id))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let members: HashMap<i64, products::Model> = if member_ids.is_empty() {
            HashMap::new()
        } else {
            products::Entity::find()
                .filter(products::Column::Id.is_in(member_ids))
                .filter(products::Column::Status.eq(true))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect()
        };
        let mut grouped: HashMap<i64, Vec<products::Model>> = HashMap::new();
        for link in &links {
            if let Some(m) = members.get(&link.associated_product_id) {
                grouped.entry(link.product_id).or_default().push(m.clone());
            }
        }
        let mut bundle_map: HashMap<i64, Vec<BundleOption>> = HashMap::new();
        for option in &options {
            let members = option_members
                .iter()
                .filter(|m| m.product_bundle_option_id == option.id)
                .filter_map(|m| members.get(&m.product_id).map(|p| (p.clone(), m.qty)))
                .collect();
            bundle_map.entry(option.product_id).or_default().push(BundleOption {
                required: option.is_required,
                multiple: matches!(option.type_.as_str(), "checkbox" | "multiselect"),
                members,
            });
        }
        let stocked: Vec<i64> = rows
            .iter()
            .map(|p| p.id)
            .chain(variants.values().flatten().map(|v| v.id))
            .chain(members.keys().copied())
            .collect();
        let stock = stock_of(db, &stocked).await?;
        Ok(Children { variants, grouped, bundles: bundle_map, stock })
    }

    /// A simple-like product is in stock when it tracks none or holds some.
    fn in_stock(&self, p: &products::Model) -> bool {
        p.status && (!p.manage_stock || self.stock.get(&p.id).copied().unwrap_or(0) > 0)
    }

    fn saleable(&self, p: &products::Model) -> bool {
        if !p.status {
            return false;
        }
        match p.type_.as_str() {
            "configurable" => self.variants.get(&p.id).is_some_and(|vs| vs.iter().any(|v| self.in_stock(v))),
            "grouped" => self.grouped.get(&p.id).is_some_and(|ms| ms.iter().any(|m| self.in_stock(m))),
            "bundle" => self.bundles.get(&p.id).is_some_and(|options| {
                options.iter().filter(|o| o.required).all(|o| o.members.iter().any(|(m, _)| self.in_stock(m)))
            }),
            _ => self.in_stock(p),
        }
    }

    fn prices(&self, p: &products::Model, today: NaiveDate) -> Prices {
        let regular = |p: &products::Model| p.price.map(|a| a.value()).unwrap_or_default();
        let current = |p: &products::Model| pricing::current_price(p, today);
        let range = |items: &[products::Model]| -> (Decimal, Decimal, Decimal, Decimal) {
            let now: Vec<Decimal> = items.iter().map(current).collect();
            let reg: Vec<Decimal> = items.iter().map(regular).collect();
            let min = |v: &[Decimal]| v.iter().copied().min().unwrap_or_default();
            let max = |v: &[Decimal]| v.iter().copied().max().unwrap_or_default();
            (min(&now), max(&now), min(&reg), max(&reg))
        };
        if !is_composite(&p.type_) {
            let (special, price) = (pricing::special_price(p, today), regular(p));
            let special = special.filter(|s| *s < price);
            let now = current(p);
            return Prices {
                price,
                special_price: special,
                minimum: now,
                maximum: now,
                regular_minimum: price,
                regular_maximum: price,
            };
        }
        let (minimum, maximum, regular_minimum, regular_maximum) = match p.type_.as_str() {
            "configurable" => range(self.variants.get(&p.id).map(Vec::as_slice).unwrap_or(&[])),
            "grouped" => range(self.grouped.get(&p.id).map(Vec::as_slice).unwrap_or(&[])),
            _ => {
                // A bundle costs its cheapest required choices, at most every choice.
                let options = self.bundles.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
                let mut sums = [Decimal::ZERO; 4];
                for option in options {
                    let priced = |f: &dyn Fn(&products::Model) -> Decimal| -> Vec<Decimal> {
                        option.members.iter().map(|(m, qty)| f(m) * Decimal::from(*qty)).collect()
                    };
                    for (i, prices) in [priced(&current), priced(&regular)].into_iter().enumerate() {
                        let cheapest = prices.iter().copied().min().unwrap_or_default();
                        let most = if option.multiple {
                            prices.iter().copied().sum()
                        } else {
                            prices.iter().copied().max().unwrap_or_default()
                        };
                        if option.required {
                            sums[i * 2] += cheapest;
                        }
                        sums[i * 2 + 1] += most;
                    }
                }
                (sums[0], sums[1], sums[2], sums[3])
            }
        };
        Prices { price: Decimal::ZERO, special_price: None, minimum, maximum, regular_minimum, regular_maximum }
    }
}

/// The value of a product's `color`, `size`, `brand` (or other select) attributes: attribute
/// code → option id, for each product.
pub async fn option_values(
    db: &impl ConnectionTrait,
    ids: &[i64],
    codes: &[&str],
) -> Result<HashMap<i64, HashMap<String, i64>>, ServiceError> {
    let attributes: HashMap<i64, String> = attributes::Entity::find()
        .filter(attributes::Column::Code.is_in(codes.iter().map(|c| c.to_string())))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    if attributes.is_empty() || ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    for row in product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(ids.to_vec()))
        .filter(product_attribute_values::Column::AttributeId.is_in(attributes.keys().copied()))
        .all(db)
        .await?
    {
        if let (Some(code), Some(option)) = (attributes.get(&row.attribute_id), row.integer_value) {
            out.entry(row.product_id).or_default().insert(code.clone(), option);
        }
    }
    Ok(out)
}

/// Product `id` if it exists and is enabled (storefronts never see disabled products).
pub async fn enabled_product(db: &impl ConnectionTrait, id: i64) -> Result<Option<products::Model>, ServiceError> {
    Ok(products::Entity::find_by_id(id).one(db).await?.filter(|p| p.status))
}

/// The id of the product (variants included) with SKU `sku`.
pub async fn product_id_by_sku(db: &impl ConnectionTrait, sku: &str) -> Result<Option<i64>, ServiceError> {
    let row = products::Entity::find().filter(products::Column::Sku.eq(sku)).one(db).await?;
    Ok(row.map(|p| p.id))
}

/// The id of the product whose URL key is `key` in the scope's locales first, else in any locale.
pub async fn product_id_by_url_key(
    db: &impl ConnectionTrait,
    scope: &Scope,
    key: &str,
) -> Result<Option<i64>, ServiceError> {
    let rows =
        product_translations::Entity::find().filter(product_translations::Column::UrlKey.eq(key)).all(db).await?;
    Ok(scope.pick(&rows, |r| r.locale.as_str()).map(|t| t.product_id))
}
