#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: cms.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{PageResolver, ThemeCustomizationResolver},
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult};

use super::ShopGraph;

pub async fn page(g: &ShopGraph, ctx: &Context<'_>, args: QueryPageArgs) -> GqlResult<Option<Page>> {
    todo!("page")
}

pub async fn pages(g: &ShopGraph, ctx: &Context<'_>, args: QueryPagesArgs) -> GqlResult<Connection<Page>> {
    todo!("pages")
}

pub async fn theme_customization(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryThemeCustomizationArgs,
) -> GqlResult<Option<ThemeCustomization>> {
    todo!("theme_customization")
}

pub async fn theme_customizations(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryThemeCustomizationsArgs,
) -> GqlResult<Connection<ThemeCustomization>> {
    todo!("theme_customizations")
}

#[async_trait::async_trait]
impl PageResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Page) -> GqlResult<Option<PageTranslation>> {
        todo!("Page.translation")
    }
}

#[async_trait::async_trait]
impl ThemeCustomizationResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ThemeCustomization,
    ) -> GqlResult<Option<ThemeCustomizationTranslation>> {
        todo!("ThemeCustomization.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &ThemeCustomization,
        args: ThemeCustomizationTranslationsArgs,
    ) -> GqlResult<Connection<ThemeCustomizationTranslation>> {
        todo!("ThemeCustomization.translations")
    }
}
