//! GraphQL: product nodes. A `Product` node is built from catalog cards for a whole list at
//! once (prices, option values and variant combinations in a fixed number of queries); the
//! products of other nodes (a grouped product's members, a bundle option's products) are
//! loaded by id through [`ProductsById`]. Used by `products` and `product_types`, which do not
//! use each other's nodes.

use std::collections::{BTreeMap, HashMap};

use async_graphql::{Context, dataloader::Loader};
use polyshop_graphql_shop::types::*;
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Extra, GqlError, GqlResult};
use rust_decimal::Decimal;

use super::{LoadContext, RequestLoader, request, selection::NodeNeeds};
use crate::context;
use polyshop_core::{
    AppState,
    catalog::{
        details::{self},
        listing::{self, CardData},
    },
    settings::scope::Scope,
};

/// What a product node carries for its resolvers.
#[derive(Debug, Clone)]
pub(super) struct ProductRef {
    pub(super) id: i64,
    pub(super) parent_id: Option<i64>,
    pub(super) family_id: i64,
}

pub(super) fn product_ref(parent: &Product) -> GqlResult<&ProductRef> {
    parent.ext.get::<ProductRef>().ok_or_else(|| ServiceError::internal("a product node without its reference").into())
}

/// `1`/`0` as Bagisto's GraphQL writes flags.
pub(super) fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_owned()
}

/// A decimal as text without trailing zeros (`"500"`, `"44.25"`).
pub(super) fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Text of HTML without its tags (`description` is plain, `descriptionHtml` keeps the markup).
pub(super) fn plain_text(html: &str) -> String {
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
/// Only what the query selects is loaded (`needs`): the other fields are null, never read.
pub async fn build_nodes(
    state: &AppState,
    scope: &Scope,
    needs: NodeNeeds,
    cards: Vec<CardData>,
) -> GqlResult<Vec<Product>> {
    let db = &state.db;
    let ids: Vec<i64> = if needs.options { cards.iter().map(|c| c.product.id).collect() } else { Vec::new() };
    let options = listing::option_values(db, &ids, &["color", "size", "brand"]).await?;
    let configurables: Vec<i64> =
        cards.iter().filter(|c| c.product.type_ == "configurable").map(|c| c.product.id).collect();
    let none: &[i64] = &[];
    let supers =
        details::super_attributes(db, scope, if needs.super_attributes { &configurables } else { none }).await?;
    let combinations = details::combinations(db, if needs.combinations { &configurables } else { none }).await?;
    let (wished, compared) = match (needs.flags, needs.shopper) {
        (true, Some(customer_id)) => {
            let ids: Vec<i64> = cards.iter().map(|c| c.product.id).collect();
            state.wishlists().flags(customer_id, scope.channel.id, &ids).await?
        }
        _ => Default::default(),
    };
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
            let mut node =
                node(scope, needs, &c, option("color"), option("size"), option("brand"), super_options, combination);
            node.is_in_wishlist = Some(flag(wished.contains(&id)));
            node.is_in_compare = Some(flag(compared.contains(&id)));
            node
        })
        .collect())
}

/// The node of card `c`. Fields the query selects nowhere (`needs`) and that cost a copy or a
/// format per node are left null: no resolver reads them.
#[allow(clippy::too_many_arguments)]
fn node(
    scope: &Scope,
    needs: NodeNeeds,
    c: &CardData,
    color: Option<String>,
    size: Option<String>,
    brand: Option<String>,
    super_attribute_options: Option<String>,
    combinations: Option<String>,
) -> Product {
    let p = &c.product;
    let t = c.translation.as_ref().filter(|_| needs.texts);
    let prices = &c.prices;
    let money = |d: Decimal| Some(amount(d));
    let formatted = |d: Decimal| needs.formatted_prices.then(|| scope.format_price(d));
    let timestamp = |t| needs.timestamps.then(|| scope.timestamp(t));
    Product {
        id: context::iri("products", p.id),
        id_: p.id,
        sku: p.sku.clone(),
        type_: p.type_.clone(),
        name: Some(c.name().to_owned()),
        url_key: Some(c.url_key()),
        status: Some(flag(p.status)),
        locale: Some(c.translation.as_ref().map(|t| t.locale.clone()).unwrap_or_else(|| scope.locale.clone())),
        channel: Some(scope.channel.code.clone()),
        product_number: None,
        additional: p.additional.clone(),
        created_at: timestamp(p.created_at),
        updated_at: timestamp(p.updated_at),
        description: t.and_then(|t| t.description.as_deref()).map(plain_text),
        description_html: t.and_then(|t| t.description.clone()),
        short_description: t.and_then(|t| t.short_description.clone()),
        price: money(prices.price),
        special_price: prices.special_price.map(amount),
        special_price_from: p.special_price_from.map(|d| d.to_string()),
        special_price_to: p.special_price_to.map(|d| d.to_string()),
        // The purchase cost is internal: never shown to a storefront key (spec/DECISIONS.md BS-PRIV).
        cost: None,
        minimum_price: money(prices.minimum),
        maximum_price: money(prices.maximum),
        regular_minimum_price: money(prices.regular_minimum),
        regular_maximum_price: money(prices.regular_maximum),
        formatted_price: formatted(prices.price),
        formatted_special_price: prices.special_price.and_then(formatted),
        formatted_minimum_price: formatted(prices.minimum),
        formatted_maximum_price: formatted(prices.maximum),
        formatted_regular_minimum_price: formatted(prices.regular_minimum),
        formatted_regular_maximum_price: formatted(prices.regular_maximum),
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
        // The signed-in customer's lists; `build_nodes` sets them (a guest's are "0").
        is_in_wishlist: Some("0".into()),
        is_in_compare: Some("0".into()),
        availability: Some(if c.saleable { "in_stock" } else { "out_of_stock" }.into()),
        ext: Extra::new(ProductRef { id: p.id, parent_id: p.parent_id, family_id: p.attribute_family_id }),
    }
}

/// The enabled product `id` as a node, loaded with every other product node the request asks
/// for.
pub async fn product_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Product>> {
    Ok(request(ctx)?.loaders.get::<ProductsById>().load_one(id).await?)
}

/// Product nodes by id.
pub struct ProductsById(AppState, Scope, NodeNeeds);

impl RequestLoader<LoadContext> for ProductsById {
    fn new(LoadContext { state, scope, needs }: LoadContext) -> Self {
        ProductsById(state, scope, needs)
    }
}

impl Loader<i64> for ProductsById {
    type Value = Product;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Product>, ServiceError> {
        let cards = listing::cards(&self.0.db, &self.1, keys, self.0.clock.now()).await?;
        let nodes = build_nodes(&self.0, &self.1, self.2, cards).await.map_err(gql_to_service)?;
        Ok(nodes.into_iter().map(|n| (n.id_, n)).collect())
    }
}

/// A GraphQL failure inside a loader, as the loader's error.
pub(super) fn gql_to_service(e: GqlError) -> ServiceError {
    ServiceError::internal(e.0.message)
}
