//! GraphQL: products — `product`, `products` and the legacy lookups, every `Product` field that
//! is not stored on the node, and `AttributeValue.attribute`.
//!
//! Nodes are built for a whole list at once (prices, option values and variant combinations in
//! a fixed number of queries). Fields of nodes — images, variants, attribute values, linked
//! products — go through per-request data loaders, so a page of products with those fields
//! costs the same number of queries whatever its size.

use std::collections::{BTreeMap, HashMap};

use async_graphql::{Context, dataloader::Loader};
use polyshop_graphql_shop::resolvers::ProductQueries;
use polyshop_graphql_shop::{
    resolvers::{AttributeValueResolver, ProductResolver},
    types::*,
};
use polyshop_runtime::{
    ServiceError,
    graphql::{Connection, Extra, GqlResult, PageArgs},
};
use rust_decimal::Decimal;

use super::{
    DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, attributes, categories, core, numeric_id,
    product_types, request, reviews,
};
use crate::{context, products::apply_json_filter};
use polyshop_core::{
    AppState,
    catalog::{
        details::{self, Media, MediaKind, Typed},
        listing::{self, CardData, ProductQuery, Sort, SortKey},
    },
    settings::scope::{Scope, ScopeRequest},
};

/// `products` pages: 20 by default, at most 250 (as the shop API documents).
const PRODUCTS_DEFAULT_PAGE: usize = 20;
const PRODUCTS_MAX_PAGE: usize = 250;

/// What a product node carries for its resolvers.
#[derive(Debug, Clone)]
struct ProductRef {
    id: i64,
    parent_id: Option<i64>,
    family_id: i64,
}

fn product_ref(parent: &Product) -> GqlResult<&ProductRef> {
    parent.ext.get::<ProductRef>().ok_or_else(|| ServiceError::internal("a product node without its reference").into())
}

/// `1`/`0` as Bagisto's GraphQL writes flags.
fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_owned()
}

/// A decimal as text without trailing zeros (`"500"`, `"44.25"`).
fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Text of HTML without its tags (`description` is plain, `descriptionHtml` keeps the markup).
fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Nodes for `cards`, with the data every node shows loaded once for all of them.
pub async fn build_nodes(state: &AppState, scope: &Scope, cards: Vec<CardData>) -> GqlResult<Vec<Product>> {
    let db = &state.db;
    let ids: Vec<i64> = cards.iter().map(|c| c.product.id).collect();
    let options = listing::option_values(db, &ids, &["color", "size", "brand"]).await?;
    let configurables: Vec<i64> =
        cards.iter().filter(|c| c.product.type_ == "configurable").map(|c| c.product.id).collect();
    let supers = details::super_attributes(db, scope, &configurables).await?;
    let combinations = details::combinations(db, &configurables).await?;
    Ok(cards
        .into_iter()
        .map(|c| {
            let id = c.product.id;
            let option = |code: &str| {
                Some(options.get(&id).and_then(|m| m.get(code)).map(|o| o.to_string()).unwrap_or_default())
            };
            let super_options = supers.get(&id).map(|list| {
                let json: Vec<serde_json::Value> = list
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "id": s.attribute.id,
                            "code": s.attribute.code,
                            "label": s.attribute.admin_name,
                            "options": s.options.iter().map(|o| serde_json::json!({
                                "id": o.id,
                                "label": o.label.clone().unwrap_or_else(|| o.admin_name.clone()),
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                serde_json::Value::Array(json).to_string()
            });
            let combination = combinations.get(&id).map(|m| {
                let map: BTreeMap<String, &BTreeMap<String, i64>> = m.iter().map(|(k, v)| (k.to_string(), v)).collect();
                serde_json::to_string(&map).unwrap_or_default()
            });
            node(scope, &c, option("color"), option("size"), option("brand"), super_options, combination)
        })
        .collect())
}

fn node(
    scope: &Scope,
    c: &CardData,
    color: Option<String>,
    size: Option<String>,
    brand: Option<String>,
    super_attribute_options: Option<String>,
    combinations: Option<String>,
) -> Product {
    let p = &c.product;
    let t = c.translation.as_ref();
    let prices = &c.prices;
    let money = |d: Decimal| Some(amount(d));
    Product {
        id: context::iri("products", p.id),
        id_: p.id,
        sku: p.sku.clone(),
        type_: p.type_.clone(),
        name: Some(c.name().to_owned()),
        url_key: Some(c.url_key()),
        status: Some(flag(p.status)),
        locale: Some(t.map(|t| t.locale.clone()).unwrap_or_else(|| scope.locale.clone())),
        channel: Some(scope.channel.code.clone()),
        product_number: None,
        additional: p.additional.clone(),
        created_at: Some(scope.timestamp(p.created_at)),
        updated_at: Some(scope.timestamp(p.updated_at)),
        description: t.and_then(|t| t.description.as_deref()).map(plain_text),
        description_html: t.and_then(|t| t.description.clone()),
        short_description: t.and_then(|t| t.short_description.clone()),
        price: money(prices.price),
        special_price: prices.special_price.map(amount),
        special_price_from: p.special_price_from.map(|d| d.to_string()),
        special_price_to: p.special_price_to.map(|d| d.to_string()),
        cost: p.cost.map(|a| amount(a.value())),
        minimum_price: money(prices.minimum),
        maximum_price: money(prices.maximum),
        regular_minimum_price: money(prices.regular_minimum),
        regular_maximum_price: money(prices.regular_maximum),
        formatted_price: Some(scope.format_price(prices.price)),
        formatted_special_price: prices.special_price.map(|s| scope.format_price(s)),
        formatted_minimum_price: Some(scope.format_price(prices.minimum)),
        formatted_maximum_price: Some(scope.format_price(prices.maximum)),
        formatted_regular_minimum_price: Some(scope.format_price(prices.regular_minimum)),
        formatted_regular_maximum_price: Some(scope.format_price(prices.regular_maximum)),
        tax_category_id: None,
        weight: p.weight.map(|a| amount(a.value())),
        length: None,
        width: None,
        height: None,
        color,
        size,
        brand,
        meta_title: t.and_then(|t| t.meta_title.clone()),
        meta_keywords: t.and_then(|t| t.meta_keywords.clone()),
        meta_description: t.and_then(|t| t.meta_description.clone()),
        is_saleable: Some(flag(c.saleable)),
        new: Some(flag(p.new)),
        featured: Some(flag(p.featured)),
        visible_individually: Some(flag(p.visible_individually)),
        guest_checkout: Some(flag(p.guest_checkout)),
        manage_stock: Some(flag(p.manage_stock)),
        super_attribute_options,
        combinations,
        base_image_url: c.base_image.as_deref().map(|path| scope.media_url(path)),
        // Wishlists and compare lists belong to signed-in customers (a later slice).
        is_in_wishlist: Some("0".into()),
        is_in_compare: Some("0".into()),
        availability: Some(if c.saleable { "in_stock" } else { "out_of_stock" }.into()),
        ext: Extra::new(ProductRef { id: p.id, parent_id: p.parent_id, family_id: p.attribute_family_id }),
    }
}

/// The scope of a root field that takes `locale` and `channel` arguments: those win over the
/// request's headers.
async fn scope_for(
    ctx: &Context<'_>,
    locale: &Option<String>,
    channel: &Option<String>,
) -> GqlResult<(AppState, Scope)> {
    let data = request(ctx)?;
    if locale.is_none() && channel.is_none() {
        return Ok((data.state.clone(), data.scope.clone()));
    }
    let mut wanted: ScopeRequest = context::scope_request(&data.ctx);
    if locale.is_some() {
        wanted.locale = locale.clone();
    }
    if channel.is_some() {
        wanted.channel = channel.clone();
    }
    let scope = Scope::resolve(&data.state.db, &wanted, data.state.config.media_base_url.as_deref()).await?;
    Ok((data.state.clone(), scope))
}

/// The product found by `find`, if enabled.
async fn lookup(state: &AppState, scope: &Scope, id: Option<i64>) -> GqlResult<Option<Product>> {
    let Some(id) = id else { return Ok(None) };
    let cards = listing::cards(&state.db, scope, &[id], state.clock.now()).await?;
    let cards: Vec<CardData> = cards.into_iter().filter(|c| c.product.status).collect();
    Ok(build_nodes(state, scope, cards).await?.pop())
}

/// The listing query of `products`' arguments, current and legacy (the current ones win).
fn products_query(args: &QueryProductsArgs) -> GqlResult<ProductQuery> {
    let mut query = ProductQuery {
        search: args.query.clone().or_else(|| args.search.clone()),
        search_descriptions: true,
        category_id: args.category_id,
        ..Default::default()
    };
    if let Some(filters) = args.filters.as_ref().filter(|_| args.filter.is_none()) {
        legacy_filters(&mut query, filters)?;
    }
    if let Some(filter) = &args.filter {
        apply_json_filter(&mut query, filter)?;
    }
    let key = match args.sort_key.as_deref().map(str::to_ascii_uppercase).as_deref() {
        Some("TITLE" | "NAME") => Some(SortKey::Name),
        Some("PRICE") => Some(SortKey::Price),
        Some("CREATED_AT" | "NEWEST") => Some(SortKey::CreatedAt),
        Some("UPDATED_AT") => Some(SortKey::UpdatedAt),
        Some("RELEVANCE" | "POPULARITY" | "ID") => Some(SortKey::Id),
        Some(other) => {
            return Err(super::validation(format!(
                "Argument \"sortKey\" must be TITLE, PRICE, CREATED_AT, UPDATED_AT, RELEVANCE or POPULARITY, not \"{other}\""
            )));
        }
        None => None,
    };
    let legacy_key = match args.sort.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("name" | "title") => Some(SortKey::Name),
        Some("price") => Some(SortKey::Price),
        Some("newest" | "created_at") => Some(SortKey::CreatedAt),
        Some("updated_at") => Some(SortKey::UpdatedAt),
        _ => None,
    };
    let descending = match args.reverse {
        Some(reverse) => reverse,
        None if key.is_none() => {
            args.order.as_deref().is_some_and(|o| o.eq_ignore_ascii_case("desc"))
                || args.sort.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("newest"))
        }
        None => false,
    };
    query.sort = Sort { key: key.or(legacy_key).unwrap_or_default(), descending };
    Ok(query)
}

/// `{status: [1], price: {from: 100, to: 500}, brand: ["Acme"], color: [3]}` (overview pages).
fn legacy_filters(query: &mut ProductQuery, filters: &serde_json::Value) -> GqlResult<()> {
    let Some(map) = filters.as_object() else {
        return Err(super::validation("Argument \"filters\" must be an object"));
    };
    for (key, value) in map {
        match key.as_str() {
            // Only enabled products are listed anyway.
            "status" => {}
            "price" => {
                let bound =
                    |k: &str| value.get(k).and_then(|v| v.to_string().trim_matches('"').parse::<Decimal>().ok());
                query.price_from = bound("from").or(query.price_from);
                query.price_to = bound("to").or(query.price_to);
            }
            code => {
                let items = match value {
                    serde_json::Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                for item in items {
                    match item {
                        serde_json::Value::Number(n) => {
                            if let Ok(id) = n.to_string().parse::<i64>() {
                                query.attributes.entry(code.to_owned()).or_default().push(id)
                            }
                        }
                        serde_json::Value::String(s) => match s.parse::<i64>() {
                            Ok(id) => query.attributes.entry(code.to_owned()).or_default().push(id),
                            Err(_) => query.attribute_names.entry(code.to_owned()).or_default().push(s),
                        },
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(())
}

/// One product by id (`ProductGroupedProduct.associatedProduct`, `ProductBundleOptionProduct.product`),
/// batched across the request; disabled products are included (members stay readable).
pub async fn product_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Product>> {
    Ok(request(ctx)?.loaders.get::<ProductsById>().load_one(id).await?)
}

// ---------------------------------------------------------------------------------------------
// Loaders

pub struct ProductsById(AppState, Scope);

impl RequestLoader<LoadContext> for ProductsById {
    fn new(LoadContext { state, scope }: LoadContext) -> Self {
        ProductsById(state, scope)
    }
}

impl Loader<i64> for ProductsById {
    type Value = Product;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Product>, ServiceError> {
        let cards = listing::cards(&self.0.db, &self.1, keys, self.0.clock.now()).await?;
        let nodes = build_nodes(&self.0, &self.1, cards).await.map_err(gql_to_service)?;
        Ok(nodes.into_iter().map(|n| (n.id_, n)).collect())
    }
}

/// Children of products: variants, or linked products of one kind.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Children {
    Variants,
    Linked(&'static str),
}

pub struct ChildrenOf(AppState, Scope);

impl RequestLoader<LoadContext> for ChildrenOf {
    fn new(LoadContext { state, scope }: LoadContext) -> Self {
        ChildrenOf(state, scope)
    }
}

impl Loader<(i64, Children)> for ChildrenOf {
    type Value = Vec<Product>;
    type Error = ServiceError;

    async fn load(&self, keys: &[(i64, Children)]) -> Result<HashMap<(i64, Children), Vec<Product>>, ServiceError> {
        let now = self.0.clock.now();
        let mut kinds: HashMap<Children, Vec<i64>> = HashMap::new();
        for (id, kind) in keys {
            kinds.entry(*kind).or_default().push(*id);
        }
        let mut out = HashMap::new();
        for (kind, ids) in kinds {
            let by_parent = match kind {
                Children::Variants => listing::variant_cards(&self.0.db, &self.1, &ids, now).await?,
                Children::Linked(link) => listing::linked_cards(&self.0.db, &self.1, &ids, link, now).await?,
            };
            // Build every child node in one batch, then hand them back to their parents.
            let mut order: Vec<(i64, usize)> = Vec::new();
            let mut all = Vec::new();
            for id in &ids {
                let cards = by_parent.get(id).cloned().unwrap_or_default();
                order.push((*id, cards.len()));
                all.extend(cards);
            }
            let mut nodes = build_nodes(&self.0, &self.1, all).await.map_err(gql_to_service)?.into_iter();
            for (id, n) in order {
                out.insert((id, kind), nodes.by_ref().take(n).collect());
            }
        }
        Ok(out)
    }
}

pub struct MediaOf(AppState);

impl RequestLoader<LoadContext> for MediaOf {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        MediaOf(state)
    }
}

impl Loader<(i64, bool)> for MediaOf {
    type Value = Vec<Media>;
    type Error = ServiceError;

    /// Keys are (product, is video).
    async fn load(&self, keys: &[(i64, bool)]) -> Result<HashMap<(i64, bool), Vec<Media>>, ServiceError> {
        let mut out = HashMap::new();
        for videos in [false, true] {
            let ids: Vec<i64> = keys.iter().filter(|k| k.1 == videos).map(|k| k.0).collect();
            if ids.is_empty() {
                continue;
            }
            let kind = if videos { MediaKind::Videos } else { MediaKind::Images };
            let mut by_product = details::media_of(&self.0.db, kind, &ids).await?;
            for id in ids {
                out.insert((id, videos), by_product.remove(&id).unwrap_or_default());
            }
        }
        Ok(out)
    }
}

pub struct AttributeValuesOf(AppState, Scope);

impl RequestLoader<LoadContext> for AttributeValuesOf {
    fn new(LoadContext { state, scope }: LoadContext) -> Self {
        AttributeValuesOf(state, scope)
    }
}

impl Loader<i64> for AttributeValuesOf {
    type Value = Vec<details::AttributeValue>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Vec<details::AttributeValue>>, ServiceError> {
        let mut values = details::attribute_values(&self.0.db, &self.1, keys, false).await?;
        Ok(keys.iter().map(|k| (*k, values.remove(k).unwrap_or_default())).collect())
    }
}

/// Per product: its family, super attribute ids and rating, loaded together.
pub struct SummariesOf(AppState);

#[derive(Clone, Default)]
pub struct Summary {
    family: Option<(String, String)>,
    super_attributes: Vec<i64>,
    rating: Option<(Decimal, i64)>,
}

impl RequestLoader<LoadContext> for SummariesOf {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        SummariesOf(state)
    }
}

impl Loader<(i64, i64)> for SummariesOf {
    type Value = Summary;
    type Error = ServiceError;

    /// Keys are (product, family).
    async fn load(&self, keys: &[(i64, i64)]) -> Result<HashMap<(i64, i64), Summary>, ServiceError> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let family_ids: Vec<i64> = keys.iter().map(|k| k.1).collect();
        let families = details::families(&self.0.db, &family_ids).await?;
        let mut supers = details::super_attribute_ids(&self.0.db, &ids).await?;
        let ratings = details::ratings(&self.0.db, &ids).await?;
        Ok(keys
            .iter()
            .map(|k| {
                let summary = Summary {
                    family: families.get(&k.1).map(|f| (f.code.clone(), f.name.clone())),
                    super_attributes: supers.remove(&k.0).unwrap_or_default(),
                    rating: ratings.get(&k.0).copied(),
                };
                (*k, summary)
            })
            .collect())
    }
}

pub struct AttributeLabels(AppState, Scope);

impl RequestLoader<LoadContext> for AttributeLabels {
    fn new(LoadContext { state, scope }: LoadContext) -> Self {
        AttributeLabels(state, scope)
    }
}

impl Loader<i64> for AttributeLabels {
    type Value = String;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, String>, ServiceError> {
        details::attribute_labels(&self.0.db, &self.1, keys).await
    }
}

fn gql_to_service(e: async_graphql::Error) -> ServiceError {
    ServiceError::internal(e.message)
}

async fn summary(ctx: &Context<'_>, parent: &Product) -> GqlResult<Summary> {
    let r = product_ref(parent)?;
    Ok(request(ctx)?.loaders.get::<SummariesOf>().load_one((r.id, r.family_id)).await?.unwrap_or_default())
}

async fn children(
    ctx: &Context<'_>,
    parent: &Product,
    kind: Children,
    page: &PageArgs,
) -> GqlResult<Connection<Product>> {
    let id = product_ref(parent)?.id;
    let all = request(ctx)?.loaders.get::<ChildrenOf>().load_one((id, kind)).await?.unwrap_or_default();
    Connection::slice(all, page, DEFAULT_PAGE, MAX_PAGE)
}

async fn media(ctx: &Context<'_>, parent: &Product, videos: bool) -> GqlResult<Vec<Media>> {
    let id = product_ref(parent)?.id;
    Ok(request(ctx)?.loaders.get::<MediaOf>().load_one((id, videos)).await?.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Resolvers

#[async_trait::async_trait]
impl ProductQueries for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, args: QueryProductArgs) -> GqlResult<Option<Product>> {
        let (state, scope) = scope_for(ctx, &args.locale, &args.channel).await?;
        let id = if let Some(id) = &args.id {
            numeric_id(id)
        } else if let Some(sku) = &args.sku {
            listing::product_id_by_sku(&state.db, sku).await?
        } else if let Some(key) = &args.url_key {
            listing::product_id_by_url_key(&state.db, &scope, key).await?
        } else {
            return Err(super::validation("Field \"product\" needs an `id`, `sku` or `urlKey` argument"));
        };
        lookup(&state, &scope, id).await
    }

    async fn product_by_sk_u(&self, ctx: &Context<'_>, args: QueryProductBySkUArgs) -> GqlResult<Option<Product>> {
        let data = request(ctx)?;
        let Some(sku) = &args.sku else { return Ok(None) };
        let id = listing::product_id_by_sku(&data.state.db, sku).await?;
        lookup(&data.state, &data.scope, id).await
    }

    async fn product_by_url(&self, ctx: &Context<'_>, args: QueryProductByUrlArgs) -> GqlResult<Option<Product>> {
        let data = request(ctx)?;
        // Clients pass the URL key, or a URL ending in it.
        let Some(url) = &args.url else { return Ok(None) };
        let key = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
        let id = listing::product_id_by_url_key(&data.state.db, &data.scope, key).await?;
        lookup(&data.state, &data.scope, id).await
    }

    async fn products(&self, ctx: &Context<'_>, args: QueryProductsArgs) -> GqlResult<Connection<Product>> {
        let (state, scope) = scope_for(ctx, &args.locale, &args.channel).await?;
        let query = products_query(&args)?;
        let page = &args.page;
        let (cards, total, offset) = listing::search(&state.db, &scope, &query, state.clock.now(), |total| {
            page.window(total as usize, PRODUCTS_DEFAULT_PAGE, PRODUCTS_MAX_PAGE)
                .map(|w| (w.offset as u64, w.limit as u64))
        })
        .await?;
        let nodes = build_nodes(&state, &scope, cards).await?;
        Ok(Connection::new(nodes, offset as usize, total as usize))
    }
}

#[async_trait::async_trait]
impl ProductResolver for ShopGraph {
    async fn images(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductImagesArgs,
    ) -> GqlResult<Connection<ProductImage>> {
        let scope = &request(ctx)?.scope;
        let nodes = media(ctx, parent, false)
            .await?
            .into_iter()
            .map(|m| ProductImage {
                id: context::iri("product-images", m.id),
                id_: m.id,
                position: Some(m.position.to_string()),
                public_path: Some(scope.media_url(&m.path)),
                url: Some(scope.media_url(&m.path)),
                type_: Some("images".into()),
                path: Some(m.path),
                alt: parent.name.clone(),
                ext: Extra::default(),
            })
            .collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn videos(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductVideosArgs,
    ) -> GqlResult<Connection<ProductVideo>> {
        let scope = &request(ctx)?.scope;
        let nodes = media(ctx, parent, true)
            .await?
            .into_iter()
            .map(|m| ProductVideo {
                id: context::iri("product-videos", m.id),
                id_: m.id,
                type_: Some("videos".into()),
                position: Some(m.position.to_string()),
                public_path: Some(scope.media_url(&m.path)),
                url: Some(scope.media_url(&m.path)),
                path: Some(m.path),
                ext: Extra::default(),
            })
            .collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn categories(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCategoriesArgs,
    ) -> GqlResult<Connection<Category>> {
        categories::of_product(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn attribute_values(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductAttributeValuesArgs,
    ) -> GqlResult<Connection<AttributeValue>> {
        let id = product_ref(parent)?.id;
        let values = request(ctx)?.loaders.get::<AttributeValuesOf>().load_one(id).await?.unwrap_or_default();
        let nodes = values.iter().map(attribute_value_node).collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn attribute_family(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<AttributeFamily>> {
        let family_id = product_ref(parent)?.family_id;
        Ok(summary(ctx, parent).await?.family.map(|(code, name)| AttributeFamily {
            id: format!("/api/shop/attribute-families/{family_id}"),
            id_: family_id,
            code: Some(code),
            name: Some(name),
            ext: Extra::default(),
        }))
    }

    async fn channels(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductChannelsArgs,
    ) -> GqlResult<Connection<Channel>> {
        core::channels_of_product(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn variants(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductVariantsArgs,
    ) -> GqlResult<Connection<Product>> {
        children(ctx, parent, Children::Variants, &args.page).await
    }

    async fn super_attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductSuperAttributesArgs,
    ) -> GqlResult<Connection<Attribute>> {
        let ids = summary(ctx, parent).await?.super_attributes;
        let nodes = attributes::attributes_by_ids(ctx, &ids).await?;
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn parent(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<Product>> {
        match product_ref(parent)?.parent_id {
            Some(id) => product_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    async fn grouped_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductGroupedProductsArgs,
    ) -> GqlResult<Connection<ProductGroupedProduct>> {
        product_types::grouped_products_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn bundle_options(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductBundleOptionsArgs,
    ) -> GqlResult<Connection<ProductBundleOption>> {
        product_types::bundle_options_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn downloadable_links(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductDownloadableLinksArgs,
    ) -> GqlResult<Connection<ProductDownloadableLink>> {
        product_types::downloadable_links_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn downloadable_samples(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductDownloadableSamplesArgs,
    ) -> GqlResult<Connection<ProductDownloadableSample>> {
        product_types::downloadable_samples_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn booking_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductBookingProductsArgs,
    ) -> GqlResult<Connection<BookingProduct>> {
        product_types::booking_products_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn customizable_options(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCustomizableOptionsArgs,
    ) -> GqlResult<Connection<ProductCustomizableOption>> {
        product_types::customizable_options_of(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn related_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductRelatedProductsArgs,
    ) -> GqlResult<Connection<Product>> {
        children(ctx, parent, Children::Linked("related"), &args.page).await
    }

    async fn up_sells(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductUpSellsArgs,
    ) -> GqlResult<Connection<Product>> {
        children(ctx, parent, Children::Linked("up_sell"), &args.page).await
    }

    async fn cross_sells(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCrossSellsArgs,
    ) -> GqlResult<Connection<Product>> {
        children(ctx, parent, Children::Linked("cross_sell"), &args.page).await
    }

    async fn reviews(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        reviews::of_product(ctx, product_ref(parent)?.id, &args.page, false).await
    }

    async fn approved_reviews(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductApprovedReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        reviews::of_product(ctx, product_ref(parent)?.id, &args.page, true).await
    }

    async fn attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductAttributesArgs,
    ) -> GqlResult<Connection<ProductAttribute>> {
        let id = product_ref(parent)?.id;
        let loaders = &request(ctx)?.loaders;
        let values = loaders.get::<AttributeValuesOf>().load_one(id).await?.unwrap_or_default();
        let labels = loaders.get::<AttributeLabels>().load_many(values.iter().map(|v| v.attribute.id)).await?;
        let nodes = values
            .iter()
            .map(|v| ProductAttribute {
                id: context::iri("attributes", v.attribute.id),
                id_: v.attribute.id,
                attribute_id: Some(v.attribute.id),
                code: Some(v.attribute.code.clone()),
                label: labels.get(&v.attribute.id).cloned(),
                value: Some(v.text()),
                ext: Extra::default(),
            })
            .collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn prices(&self, _ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductPrice>> {
        Ok(Some(ProductPrice {
            channel: parent.channel.clone(),
            price: parent.minimum_price.clone(),
            ext: Extra::default(),
        }))
    }

    async fn product_flat(&self, _ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductProductFlat>> {
        Ok(Some(ProductProductFlat {
            id: parent.id.clone(),
            id_: parent.id_,
            url: parent.url_key.clone(),
            meta_title: parent.meta_title.clone(),
            meta_description: parent.meta_description.clone(),
            meta_keywords: parent.meta_keywords.clone(),
            new: parent.new.clone(),
            featured: parent.featured.clone(),
            status: parent.status.clone(),
            ext: Extra::default(),
        }))
    }

    async fn rating(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductRating>> {
        let (rate, count) = summary(ctx, parent).await?.rating.unwrap_or_default();
        Ok(Some(ProductRating { rate: Some(amount(rate)), count: Some(count), ext: Extra::default() }))
    }
}

/// What an attribute value node carries for `AttributeValue.attribute`.
#[derive(Debug, Clone, Copy)]
struct AttributeOf(i64);

fn attribute_value_node(v: &details::AttributeValue) -> AttributeValue {
    let mut iri = format!("/api/shop/products/{}/attribute-values/{}", v.product_id, v.attribute.id);
    let qualifiers: Vec<String> = [("locale", &v.locale), ("channel", &v.channel)]
        .into_iter()
        .filter_map(|(k, val)| val.as_ref().map(|val| format!("{k}={val}")))
        .collect();
    if !qualifiers.is_empty() {
        iri = format!("{iri}?{}", qualifiers.join("&"));
    }
    let value = match &v.value {
        // Bagisto writes select values as the option id and decimals with four places.
        Typed::Integer(i) => i.to_string(),
        _ => v.text(),
    };
    AttributeValue { id: iri, id_: v.id, value: Some(value), ext: Extra::new(AttributeOf(v.attribute.id)) }
}

#[async_trait::async_trait]
impl AttributeValueResolver for ShopGraph {
    async fn attribute(&self, ctx: &Context<'_>, parent: &AttributeValue) -> GqlResult<Option<Attribute>> {
        match parent.ext.get::<AttributeOf>() {
            Some(a) => attributes::attribute_by_id(ctx, a.0).await,
            None => Ok(None),
        }
    }
}
