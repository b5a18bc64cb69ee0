//! GraphQL: products — `product`, `products` and the legacy lookups, every `Product` field that
//! is not stored on the node, and `AttributeValue.attribute`.
//!
//! Nodes are built for a whole list at once (prices, option values and variant combinations in
//! a fixed number of queries). Fields of nodes — images, variants, attribute values, linked
//! products — go through per-request data loaders, so a page of products with those fields
//! costs the same number of queries whatever its size. The nodes are built in `product_nodes`,
//! the loaders are in `product_loaders`.

use async_graphql::Context;
use polyshop_graphql_shop::resolvers::ProductQueries;
use polyshop_graphql_shop::{
    resolvers::{AttributeValueResolver, ProductResolver},
    types::*,
};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};
use rust_decimal::Decimal;

use super::{
    DEFAULT_PAGE, MAX_PAGE, ShopGraph, attributes, categories, core, numeric_id, product_media, product_types, request,
    reviews,
};
use crate::{context, products::apply_json_filter};
use polyshop_core::{
    AppState,
    catalog::{
        details::{self, Typed},
        listing::{self, CardData, ProductQuery, Sort, SortKey},
    },
    settings::scope::{Scope, ScopeRequest},
};

use super::{product_loaders::*, product_nodes::*, selection::NodeNeeds};

/// `products` pages: 20 by default, at most 250 (as the shop API documents).
const PRODUCTS_DEFAULT_PAGE: usize = 20;
const PRODUCTS_MAX_PAGE: usize = 250;

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
    let state = &data.state;
    let scope = state.scopes.scope(&state.db, &wanted, state.config.media_base_url.as_deref()).await?;
    Ok((data.state.clone(), scope))
}

/// The product found by `find`, if enabled.
async fn lookup(state: &AppState, scope: &Scope, needs: NodeNeeds, id: Option<i64>) -> GqlResult<Option<Product>> {
    let Some(id) = id else { return Ok(None) };
    let cards = listing::cards(&state.db, scope, &[id], state.clock.now()).await?;
    let cards: Vec<CardData> = cards.into_iter().filter(|c| c.product.status).collect();
    Ok(build_nodes(state, scope, needs, cards).await?.pop())
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
        lookup(&state, &scope, request(ctx)?.needs, id).await
    }

    async fn product_by_sk_u(&self, ctx: &Context<'_>, args: QueryProductBySkUArgs) -> GqlResult<Option<Product>> {
        let data = request(ctx)?;
        let Some(sku) = &args.sku else { return Ok(None) };
        let id = listing::product_id_by_sku(&data.state.db, sku).await?;
        lookup(&data.state, &data.scope, data.needs, id).await
    }

    async fn product_by_url(&self, ctx: &Context<'_>, args: QueryProductByUrlArgs) -> GqlResult<Option<Product>> {
        let data = request(ctx)?;
        // Clients pass the URL key, or a URL ending in it.
        let Some(url) = &args.url else { return Ok(None) };
        let key = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
        let id = listing::product_id_by_url_key(&data.state.db, &data.scope, key).await?;
        lookup(&data.state, &data.scope, data.needs, id).await
    }

    async fn products(&self, ctx: &Context<'_>, args: QueryProductsArgs) -> GqlResult<Connection<Product>> {
        let (state, scope) = scope_for(ctx, &args.locale, &args.channel).await?;
        let query = products_query(&args)?;
        let page = &args.page;
        let (cards, total, offset) = listing::search(&state.db, &scope, &query, state.clock.now(), |total| {
            page.window(usize::try_from(total).unwrap_or(usize::MAX), PRODUCTS_DEFAULT_PAGE, PRODUCTS_MAX_PAGE)
                .map(|w| (w.offset as u64, w.limit as u64))
        })
        .await?;
        let nodes = build_nodes(&state, &scope, request(ctx)?.needs, cards).await?;
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Ok(Connection::new(nodes, count(offset), count(total)))
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
            .map(|m| product_media::image_node(scope, m, parent.name.clone()))
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
        let nodes = media(ctx, parent, true).await?.into_iter().map(|m| product_media::video_node(scope, m)).collect();
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
        reviews::of_product(ctx, product_ref(parent)?.id, &args.page).await
    }

    async fn approved_reviews(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductApprovedReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        reviews::of_product(ctx, product_ref(parent)?.id, &args.page).await
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
