//! GraphQL: categories.
//!
//! `categories` and `category` show every category (`status` tells whether it is active);
//! navigation (`treeCategories`, `children`) and `Product.categories` show active ones only,
//! siblings by `position`. A category node carries its texts (its `url` and `translation` come
//! from them); children, filterable attributes and the categories of products load through
//! per-request loaders, once for all the nodes that ask.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_graphql_shop::resolvers::CategoryQueries;
use polyshop_graphql_shop::{resolvers::CategoryResolver, types::*};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};

use super::{
    DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, attributes::attribute_node, numeric_id, page_of,
    request,
};
use crate::context::iri;
use polyshop_core::{
    AppState,
    catalog::{
        attributes as catalog_attributes,
        categories::{self as catalog, CategoryRecord, CategoryText},
    },
    settings::scope::Scope,
};

/// The category `treeCategories` starts from when no `parentId` is given.
const ROOT_CATEGORY: i64 = 1;

#[async_trait::async_trait]
impl CategoryQueries for ShopGraph {
    async fn categories(&self, ctx: &Context<'_>, args: QueryCategoriesArgs) -> GqlResult<Connection<Category>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, catalog::all_by_id(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = catalog::records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|c| category_node(scope, c)).collect(), offset, total))
    }

    async fn category(&self, ctx: &Context<'_>, args: QueryCategoryArgs) -> GqlResult<Option<Category>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(catalog::find_category(&self.0.db, id).await?.map(|c| category_node(scope, c)))
    }

    async fn tree_categories(&self, ctx: &Context<'_>, args: QueryTreeCategoriesArgs) -> GqlResult<Vec<Category>> {
        let data = request(ctx)?;
        let parent = args.parent_id.unwrap_or(ROOT_CATEGORY);
        let children = data.loaders.get::<ActiveChildren>().load_one(parent).await?.unwrap_or_default();
        Ok(children.iter().cloned().map(|c| category_node(&data.scope, c)).collect())
    }
}

#[async_trait::async_trait]
impl CategoryResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Category) -> GqlResult<Option<CategoryTranslation>> {
        let scope = &request(ctx)?.scope;
        let texts = parent.ext.get::<CategoryExt>().map(|e| e.texts.as_slice()).unwrap_or_default();
        Ok(scope.pick(texts, |t| &t.text.locale).cloned().map(translation_node))
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &Category,
        args: CategoryTranslationsArgs,
    ) -> GqlResult<Connection<CategoryTranslation>> {
        let texts = parent.ext.get::<CategoryExt>().map(|e| e.texts.clone()).unwrap_or_default();
        Connection::slice(texts.into_iter().map(translation_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn children(
        &self,
        ctx: &Context<'_>,
        parent: &Category,
        args: CategoryChildrenArgs,
    ) -> GqlResult<Connection<Category>> {
        let data = request(ctx)?;
        let children = data.loaders.get::<ActiveChildren>().load_one(parent.id_).await?.unwrap_or_default();
        let nodes = children.iter().cloned().map(|c| category_node(&data.scope, c)).collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn filterable_attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Category,
        args: CategoryFilterableAttributesArgs,
    ) -> GqlResult<Connection<Attribute>> {
        let data = request(ctx)?;
        let attributes = data.loaders.get::<FilterableAttributes>().load_one(parent.id_).await?.unwrap_or_default();
        Connection::slice(attributes.as_ref().clone(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

/// The categories of product `product_id` (`Product.categories`), batched across the request.
pub async fn of_product(ctx: &Context<'_>, product_id: i64, page: &PageArgs) -> GqlResult<Connection<Category>> {
    let data = request(ctx)?;
    let categories = data.loaders.get::<ProductCategories>().load_one(product_id).await?.unwrap_or_default();
    let nodes = categories.iter().cloned().map(|c| category_node(&data.scope, c)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// What a category node keeps for its resolvers: its texts in every locale.
struct CategoryExt {
    texts: Vec<CategoryText>,
}

fn category_node(scope: &Scope, record: CategoryRecord) -> Category {
    let c = record.category;
    Category {
        id: iri("categories", c.id),
        id_: c.id,
        position: Some(i64::from(c.position)),
        status: Some(if c.status { "1" } else { "0" }.to_owned()),
        display_mode: Some(c.display_mode),
        logo_url: c.logo_path.as_deref().map(|p| scope.media_url(p)),
        logo_path: c.logo_path,
        banner_url: c.banner_path.as_deref().map(|p| scope.media_url(p)),
        banner_path: c.banner_path,
        lft_: Some(c.lft.to_string()),
        rgt_: Some(c.rgt.to_string()),
        additional: c.additional,
        url: Some(catalog::category_url(scope, &record.texts)),
        created_at: Some(scope.timestamp(c.created_at)),
        updated_at: Some(scope.timestamp(c.updated_at)),
        ext: Extra::new(CategoryExt { texts: record.texts }),
    }
}

fn translation_node(t: CategoryText) -> CategoryTranslation {
    let CategoryText { text, locale_id } = t;
    CategoryTranslation {
        id: iri("category_translations", text.id),
        id_: text.id,
        category_id: Some(text.category_id.to_string()),
        name: Some(text.name),
        slug: Some(text.slug),
        url_path: Some(text.url_path.unwrap_or_default()),
        description: text.description,
        meta_title: text.meta_title,
        meta_description: text.meta_description,
        meta_keywords: text.meta_keywords,
        locale_id: locale_id.map(|id| id.to_string()),
        locale: Some(text.locale),
        ext: Default::default(),
    }
}

/// The active children of each category asked for in a request, in one round of queries.
pub struct ActiveChildren(AppState);

impl RequestLoader<LoadContext> for ActiveChildren {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        ActiveChildren(state)
    }
}

impl Loader<i64> for ActiveChildren {
    type Value = Arc<Vec<CategoryRecord>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let children = catalog::active_children_of(&self.0.db, keys).await?;
        Ok(children.into_iter().map(|(id, records)| (id, Arc::new(records))).collect())
    }
}

/// The filterable attributes (as attribute nodes) of each category asked for in a request.
pub struct FilterableAttributes(AppState, Scope);

impl RequestLoader<LoadContext> for FilterableAttributes {
    fn new(LoadContext { state, scope, .. }: LoadContext) -> Self {
        FilterableAttributes(state, scope)
    }
}

impl Loader<i64> for FilterableAttributes {
    type Value = Arc<Vec<Attribute>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let db = &self.0.db;
        let by_category = catalog::filter_attributes_of(db, keys).await?;
        let mut rows: Vec<_> = by_category.values().flatten().cloned().collect();
        rows.sort_by_key(|a| a.id);
        rows.dedup_by_key(|a| a.id);
        let records: HashMap<i64, catalog_attributes::AttributeRecord> =
            catalog_attributes::records_without_options(db, rows)
                .await?
                .into_iter()
                .map(|r| (r.attribute.id, r))
                .collect();
        Ok(by_category
            .into_iter()
            .map(|(category, attrs)| {
                let nodes = attrs
                    .iter()
                    .filter_map(|a| records.get(&a.id).cloned())
                    .map(|r| attribute_node(&self.1, r))
                    .collect();
                (category, Arc::new(nodes))
            })
            .collect())
    }
}

/// The active categories of each product asked for in a request, in one round of queries.
pub struct ProductCategories(AppState);

impl RequestLoader<LoadContext> for ProductCategories {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        ProductCategories(state)
    }
}

impl Loader<i64> for ProductCategories {
    type Value = Arc<Vec<CategoryRecord>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let by_product = catalog::active_of_products(&self.0.db, keys).await?;
        Ok(by_product.into_iter().map(|(id, records)| (id, Arc::new(records))).collect())
    }
}
