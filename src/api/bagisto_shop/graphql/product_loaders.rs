//! GraphQL: the per-request data loaders of `Product` fields: variants and linked products,
//! images and videos, attribute values, review summaries and attribute labels, each loaded
//! for every product of a request at once.

use std::collections::HashMap;

use async_graphql::{Context, dataloader::Loader};
use polyshop_graphql_shop::types::*;
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, GqlResult, PageArgs};
use rust_decimal::Decimal;

use super::{DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, request};
use polyshop_core::{
    AppState,
    catalog::{
        details::{self, Media, MediaKind},
        listing,
    },
    settings::scope::Scope,
};

use super::{
    product_nodes::{build_nodes, gql_to_service, product_ref},
    selection::NodeNeeds,
};

/// Children of products: variants, or linked products of one kind.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Children {
    Variants,
    Linked(&'static str),
}

pub struct ChildrenOf(AppState, Scope, NodeNeeds);

impl RequestLoader<LoadContext> for ChildrenOf {
    fn new(LoadContext { state, scope, needs }: LoadContext) -> Self {
        ChildrenOf(state, scope, needs)
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
            let mut nodes = build_nodes(&self.0, &self.1, self.2, all).await.map_err(gql_to_service)?.into_iter();
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
    fn new(LoadContext { state, scope, .. }: LoadContext) -> Self {
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
    pub(super) family: Option<(String, String)>,
    pub(super) super_attributes: Vec<i64>,
    pub(super) rating: Option<(Decimal, i64)>,
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
    fn new(LoadContext { state, scope, .. }: LoadContext) -> Self {
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

pub(super) async fn summary(ctx: &Context<'_>, parent: &Product) -> GqlResult<Summary> {
    let r = product_ref(parent)?;
    Ok(request(ctx)?.loaders.get::<SummariesOf>().load_one((r.id, r.family_id)).await?.unwrap_or_default())
}

pub(super) async fn children(
    ctx: &Context<'_>,
    parent: &Product,
    kind: Children,
    page: &PageArgs,
) -> GqlResult<Connection<Product>> {
    let id = product_ref(parent)?.id;
    let all = request(ctx)?.loaders.get::<ChildrenOf>().load_one((id, kind)).await?.unwrap_or_default();
    Connection::slice(all, page, DEFAULT_PAGE, MAX_PAGE)
}

pub(super) async fn media(ctx: &Context<'_>, parent: &Product, videos: bool) -> GqlResult<Vec<Media>> {
    let id = product_ref(parent)?.id;
    Ok(request(ctx)?.loaders.get::<MediaOf>().load_one((id, videos)).await?.unwrap_or_default())
}
