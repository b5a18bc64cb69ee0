//! Products of the Bagisto shop REST API: the card listing with search, filters and sorts, the
//! product page document, variants and attribute values. The page's records come from the
//! catalog's use case (`catalog::page::product_page`); this module maps them to the shop's shape.

use std::collections::{BTreeMap, HashSet};

use polyshop_api_bagisto_shop::{models, products::*};
use polyshop_runtime::{JsonDecimal, Page, RequestContext, ServiceError};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    booking_products, bundle_products, categories,
    context::{ShopRequest, enabled_product, iri, price, product_not_found, query_pairs},
    customizable_options, downloadable_products, grouped_products, product_media,
};
use polyshop_core::{
    AppState,
    catalog::{
        details::{self, MediaKind, Typed},
        listing::{self, CardData, ProductQuery, Sort, SortKey},
        page,
    },
    settings::scope::Scope,
};

pub struct Service(pub AppState);

/// Query parameters the listing reads itself; any other is an attribute filter.
const RESERVED: &[&str] = &[
    "page",
    "per_page",
    "query",
    "sort",
    "order",
    "type",
    "category_id",
    "categoryId",
    "price",
    "price_from",
    "price_to",
    "new",
    "featured",
    "filter",
    "locale",
    "channel",
];

#[async_trait::async_trait]
impl ProductsService for Service {
    async fn list_products(
        &self,
        ctx: &RequestContext,
        input: ListProductsInput,
    ) -> Result<Page<models::ProductCard>, ServiceError> {
        let scope = ctx.scope().await?;
        let query = listing_query(&input, &query_pairs(&ctx.url))?;
        let window = input.window();
        let now = self.0.clock.now();
        let (cards, total, _) = listing::search(&self.0.db, scope, &query, now, |_| {
            Ok::<_, ServiceError>((window.offset(), window.limit()))
        })
        .await?;
        let mut body: Vec<models::ProductCard> = cards.iter().map(|c| card_view(scope, c)).collect();
        let ids: Vec<i64> = body.iter().map(|c| c.id).collect();
        let (wished, compared) = shoppers_flags(&self.0, ctx, scope, &ids).await?;
        for card in &mut body {
            card.is_in_wishlist = i32::from(wished.contains(&card.id));
            card.is_in_compare = i32::from(compared.contains(&card.id));
        }
        Ok(Page::new(body, total, window))
    }

    async fn get_product(&self, ctx: &RequestContext, input: GetProductInput) -> Result<models::Product, ServiceError> {
        let scope = ctx.scope().await?;
        let page = page::enabled_product_page(&self.0.db, scope, input.id, self.0.clock.now())
            .await?
            .ok_or_else(|| product_not_found(input.id))?;
        let mut product = product_view(scope, page);
        let (wished, compared) = shoppers_flags(&self.0, ctx, scope, &[product.id]).await?;
        product.is_in_wishlist = i32::from(wished.contains(&product.id));
        product.is_in_compare = i32::from(compared.contains(&product.id));
        Ok(product)
    }

    async fn list_product_variants(
        &self,
        ctx: &RequestContext,
        input: ListProductVariantsInput,
    ) -> Result<Vec<models::ProductCard>, ServiceError> {
        let scope = ctx.scope().await?;
        let parent = enabled_product(&self.0, input.product_id).await?;
        if parent.type_ != "configurable" {
            return Err(ServiceError::not_found(format!(
                "Product with ID \"{}\" is not a configurable product.",
                input.product_id
            )));
        }
        let mut variants = listing::variant_cards(&self.0.db, scope, &[parent.id], self.0.clock.now()).await?;
        Ok(variants.remove(&parent.id).unwrap_or_default().iter().map(|c| card_view(scope, c)).collect())
    }

    async fn list_product_attribute_values(
        &self,
        ctx: &RequestContext,
        input: ListProductAttributeValuesInput,
    ) -> Result<Vec<models::AttributeValue>, ServiceError> {
        let scope = ctx.scope().await?;
        let product = enabled_product(&self.0, input.product_id).await?;
        let mut values = details::attribute_values(&self.0.db, scope, &[product.id], true).await?;
        Ok(values.remove(&product.id).unwrap_or_default().iter().map(|v| attribute_value_view(scope, v)).collect())
    }
}

/// The listing's query: declared parameters, then attribute filters from the raw query string
/// (`?color=3`, `?size=4,5`, `?filter[color]=3`) and the JSON `filter`.
fn listing_query(input: &ListProductsInput, raw: &[(String, String)]) -> Result<ProductQuery, ServiceError> {
    let mut query = ProductQuery {
        search: input.query.clone(),
        product_type: input.type_.map(|t| t.as_str().to_owned()),
        category_id: input.category_id.or(input.category_id_camel),
        new_only: input.new == Some(1),
        featured_only: input.featured == Some(1),
        sort: sort(input.sort.as_deref(), input.order),
        ..Default::default()
    };
    match &input.price {
        Some(range) => {
            let (from, to) = range.split_once(',').unwrap_or((range, ""));
            let bound = |s: &str| -> Result<Option<Decimal>, ServiceError> {
                s.trim().parse::<Decimal>().map(Some).map_err(|_| {
                    ServiceError::bad_request(format!("Invalid parameter `price`: `{range}` is not `from,to`"))
                })
            };
            query.price_from = bound(from)?;
            query.price_to = bound(to)?;
        }
        None => {
            query.price_from = input.price_from.map(|d| d.0);
            query.price_to = input.price_to.map(|d| d.0);
        }
    }
    for (key, value) in raw {
        let code = match key.strip_prefix("filter[").and_then(|k| k.strip_suffix(']')) {
            Some(code) => code,
            None if RESERVED.contains(&key.as_str()) => continue,
            None => key.as_str(),
        };
        add_options(&mut query.attributes, code, value);
    }
    // An empty `filter` filters nothing (the spec's pattern allows it).
    if let Some(filter) = input.filter.as_deref().filter(|f| !f.trim().is_empty()) {
        apply_json_filter(&mut query, filter)?;
    }
    Ok(query)
}

/// Option ids from `3` or `4,5,6`; anything that is not an id is ignored (labels never match).
fn add_options(into: &mut BTreeMap<String, Vec<i64>>, code: &str, value: &str) {
    let ids: Vec<i64> = value.split(',').filter_map(|v| v.trim().parse().ok()).collect();
    into.entry(code.to_owned()).or_default().extend(ids);
}

/// The GraphQL-style JSON filter: `{"color": {"match": "3", "match_type": "PARTIAL"}}`, or
/// `{"color": "3"}`; `type`, `category_id`, `new` and `featured` keys filter as their parameters.
pub(crate) fn apply_json_filter(query: &mut ProductQuery, filter: &str) -> Result<(), ServiceError> {
    let parsed: Value = serde_json::from_str(filter)
        .map_err(|e| ServiceError::bad_request(format!("Invalid parameter `filter`: not JSON ({e})")))?;
    let Value::Object(map) = parsed else {
        return Err(ServiceError::bad_request("Invalid parameter `filter`: expected a JSON object"));
    };
    for (key, value) in map {
        let text = match &value {
            Value::Object(o) => o.get("match").map(scalar_text).unwrap_or_default(),
            Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(","),
            other => scalar_text(other),
        };
        match key.as_str() {
            "type" => query.product_type = Some(text),
            "category_id" | "categoryId" => query.category_id = text.trim().parse().ok().or(query.category_id),
            "new" => query.new_only |= text == "1" || text == "true",
            "featured" => query.featured_only |= text == "1" || text == "true",
            code => add_options(&mut query.attributes, code, &text),
        }
    }
    Ok(())
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `name-desc`, or a bare key with `order`.
fn sort(token: Option<&str>, order: models::ListProductsOrder) -> Sort {
    let Some(token) = token else { return Sort::default() };
    let (key, direction) = match token.rsplit_once('-') {
        Some((key, dir @ ("asc" | "desc"))) => (key, dir == "desc"),
        _ => (token, order == models::ListProductsOrder::Desc),
    };
    let key = match key {
        "name" => SortKey::Name,
        "price" => SortKey::Price,
        "created_at" => SortKey::CreatedAt,
        "updated_at" => SortKey::UpdatedAt,
        _ => SortKey::Id,
    };
    Sort { key, descending: direction }
}

fn product_type(code: &str) -> models::ProductType {
    code.parse().unwrap_or(models::ProductType::Simple)
}

fn booking_type(code: &str) -> Option<models::BookingType> {
    code.parse().ok()
}

pub fn card_view(scope: &Scope, c: &CardData) -> models::ProductCard {
    let p = &c.prices;
    models::ProductCard {
        id: c.product.id,
        sku: c.product.sku.clone(),
        type_: product_type(&c.product.type_),
        booking_type: c.booking_type.as_deref().and_then(booking_type),
        name: c.name().to_owned(),
        url_key: c.url_key(),
        status: c.product.status,
        short_description: c.translation.as_ref().and_then(|t| t.short_description.clone()).unwrap_or_default(),
        price: price(p.price),
        special_price: p.special_price.map(price),
        new: c.product.new,
        featured: c.product.featured,
        minimum_price: price(p.minimum),
        maximum_price: price(p.maximum),
        formatted_price: scope.format_price(p.price),
        formatted_special_price: p.special_price.map(|s| scope.format_price(s)),
        formatted_minimum_price: scope.format_price(p.minimum),
        formatted_maximum_price: scope.format_price(p.maximum),
        base_image_url: c.base_image.as_deref().map(|path| scope.media_url(path)),
        // A guest's; the product list and detail set the signed-in customer's (`shoppers_flags`).
        is_in_wishlist: 0,
        is_in_compare: 0,
    }
}

/// Which of `ids` are on the wishlist (in the request channel) and compare list of the customer
/// whose Bearer token the request sends. Catalog reads need no customer, so the token is only
/// read here, and one that names no customer (a guest cart's, an expired one) reads as a guest.
async fn shoppers_flags(
    state: &AppState,
    ctx: &RequestContext,
    scope: &Scope,
    ids: &[i64],
) -> Result<(HashSet<i64>, HashSet<i64>), ServiceError> {
    let token = ctx
        .headers
        .get(poem::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty() && !crate::tokens::is_guest_token(t));
    let Some(token) = token else { return Ok(Default::default()) };
    match state.customers().authenticate(token).await {
        Ok((_, customer)) => state.wishlists().flags(customer.id, scope.channel.id, ids).await,
        Err(_) => Ok(Default::default()),
    }
}

/// The product page document: the card, then every relation.
fn product_view(scope: &Scope, page: page::ProductPage) -> models::Product {
    let summary = |code: &str| -> Option<models::OptionSummary> {
        let option = page.options.get(code)?;
        Some(models::OptionSummary {
            id: option.id,
            code: option.admin_name.clone(),
            label: option.label.clone().unwrap_or_else(|| option.admin_name.clone()),
        })
    };
    let channels = page
        .channels
        .iter()
        .map(|pc| models::ProductChannel {
            id: pc.channel.id,
            code: pc.channel.code.clone(),
            hostname: pc.channel.hostname.clone().unwrap_or_default(),
            currency_code: pc.currency_code.clone(),
            locale_code: pc.locale_code.clone(),
        })
        .collect();
    let super_attributes = page
        .super_attributes
        .iter()
        .map(|s| models::SuperAttribute {
            id: s.attribute.id,
            code: s.attribute.code.clone(),
            type_: s.attribute.type_.clone(),
            admin_name: s.attribute.admin_name.clone(),
            options: s
                .options
                .iter()
                .map(|o| models::SuperAttributeOption {
                    id: o.id,
                    admin_name: o.admin_name.clone(),
                    translation: o.label.clone().map(|label| models::SuperAttributeOptionLabel { label }),
                })
                .collect(),
        })
        .collect();
    let cards = |list: &[CardData]| -> Vec<models::ProductCard> { list.iter().map(|c| card_view(scope, c)).collect() };
    let c = &page.card;
    let card = card_view(scope, c);
    models::Product {
        id: card.id,
        sku: card.sku,
        type_: card.type_,
        booking_type: card.booking_type,
        name: card.name,
        url_key: card.url_key,
        status: card.status,
        short_description: card.short_description,
        price: card.price,
        special_price: card.special_price,
        new: card.new,
        featured: card.featured,
        minimum_price: card.minimum_price,
        maximum_price: card.maximum_price,
        formatted_price: card.formatted_price,
        formatted_special_price: card.formatted_special_price,
        formatted_minimum_price: card.formatted_minimum_price,
        formatted_maximum_price: card.formatted_maximum_price,
        base_image_url: card.base_image_url,
        is_in_wishlist: card.is_in_wishlist,
        is_in_compare: card.is_in_compare,
        description: c.translation.as_ref().and_then(|t| t.description.clone()).unwrap_or_default(),
        created_at: scope.timestamp(c.product.created_at),
        updated_at: scope.timestamp(c.product.updated_at),
        is_saleable: c.saleable,
        color: summary("color"),
        size: summary("size"),
        brand: summary("brand"),
        attribute_family: models::AttributeFamilySummary {
            id: c.product.attribute_family_id,
            code: page.family.as_ref().map(|f| f.code.clone()).unwrap_or_default(),
            name: page.family.as_ref().map(|f| f.name.clone()).unwrap_or_default(),
        },
        categories: page.categories.iter().cloned().map(|d| categories::view(scope, d)).collect(),
        channels,
        images: page.images.iter().map(|m| product_media::view(scope, MediaKind::Images, m)).collect(),
        videos: page.videos.iter().map(|m| product_media::view(scope, MediaKind::Videos, m)).collect(),
        super_attributes,
        variants: cards(&page.variants),
        booking_products: page.booking.iter().map(|b| booking_products::view(scope, b)).collect(),
        bundle_options: page.bundle_options.iter().map(|o| bundle_products::view(scope, o)).collect(),
        grouped_products: page.grouped.iter().cloned().map(grouped_products::view).collect(),
        downloadable_links: page
            .downloadable_links
            .iter()
            .map(|l| downloadable_products::link_view(scope, l))
            .collect(),
        downloadable_samples: page
            .downloadable_samples
            .iter()
            .map(|s| downloadable_products::sample_view(scope, s))
            .collect(),
        customizable_options: page.customizable_options.iter().map(|o| customizable_options::view(scope, o)).collect(),
        related_products: cards(&page.related),
        up_sells: cards(&page.up_sells),
        cross_sells: cards(&page.cross_sells),
    }
}

fn attribute_value_view(scope: &Scope, v: &details::AttributeValue) -> models::AttributeValue {
    let mut view = models::AttributeValue {
        id: v.id,
        locale: v.locale.clone(),
        channel: v.channel.clone(),
        text_value: None,
        integer_value: None,
        decimal_value: None,
        boolean_value: None,
        datetime_value: None,
        date_value: None,
        json_value: None,
        value: None,
        unique_id: v.unique_id(),
        attribute: iri("attributes", v.attribute.id),
        product: iri("products", v.product_id),
    };
    let value = match &v.value {
        Typed::Text(t) => {
            view.text_value = Some(t.clone());
            Value::String(t.clone())
        }
        Typed::Integer(i) => {
            view.integer_value = Some(*i);
            Value::from(*i)
        }
        Typed::Decimal(d) => {
            view.decimal_value = Some(JsonDecimal(*d));
            serde_json::to_value(JsonDecimal(*d)).unwrap_or(Value::Null)
        }
        Typed::Boolean(b) => {
            view.boolean_value = Some(*b);
            Value::Bool(*b)
        }
        Typed::Date(d) => {
            view.date_value = Some(d.to_string());
            Value::String(d.to_string())
        }
        Typed::DateTime(t) => {
            let text = scope.timestamp(*t);
            view.datetime_value = Some(text.clone());
            Value::String(text)
        }
        Typed::Json(j) => {
            view.json_value = Some(j.clone());
            j.clone()
        }
    };
    view.value = Some(value);
    view
}
