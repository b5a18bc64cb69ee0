#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: categories.

use async_graphql::Context;
use polyshop_graphql_shop::{resolvers::CategoryResolver, types::*};
use polyshop_runtime::graphql::{Connection, GqlResult, PageArgs};

use super::ShopGraph;

pub async fn categories(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryCategoriesArgs,
) -> GqlResult<Connection<Category>> {
    todo!("categories")
}

pub async fn category(g: &ShopGraph, ctx: &Context<'_>, args: QueryCategoryArgs) -> GqlResult<Option<Category>> {
    todo!("category")
}

pub async fn tree_categories(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryTreeCategoriesArgs,
) -> GqlResult<Vec<Category>> {
    todo!("tree_categories")
}

#[async_trait::async_trait]
impl CategoryResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Category) -> GqlResult<Option<CategoryTranslation>> {
        todo!("Category.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &Category,
        args: CategoryTranslationsArgs,
    ) -> GqlResult<Connection<CategoryTranslation>> {
        todo!("Category.translations")
    }

    async fn children(
        &self,
        ctx: &Context<'_>,
        parent: &Category,
        args: CategoryChildrenArgs,
    ) -> GqlResult<Connection<Category>> {
        todo!("Category.children")
    }

    async fn filterable_attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Category,
        args: CategoryFilterableAttributesArgs,
    ) -> GqlResult<Connection<Attribute>> {
        todo!("Category.filterable_attributes")
    }
}

/// The categories of product `product_id` (`Product.categories`), batched across the request.
pub async fn of_product(ctx: &Context<'_>, product_id: i64, page: &PageArgs) -> GqlResult<Connection<Category>> {
    todo!("categories of product")
}
