#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: attributes.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{AttributeOptionResolver, AttributeResolver},
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult, PageArgs};

use super::ShopGraph;

pub async fn attribute(g: &ShopGraph, ctx: &Context<'_>, args: QueryAttributeArgs) -> GqlResult<Option<Attribute>> {
    todo!("attribute")
}

pub async fn attribute_option(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryAttributeOptionArgs,
) -> GqlResult<Option<AttributeOption>> {
    todo!("attribute_option")
}

pub async fn attribute_options(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryAttributeOptionsArgs,
) -> GqlResult<Connection<AttributeOption>> {
    todo!("attribute_options")
}

pub async fn attributes(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryAttributesArgs,
) -> GqlResult<Connection<Attribute>> {
    todo!("attributes")
}

#[async_trait::async_trait]
impl AttributeResolver for ShopGraph {
    async fn options(
        &self,
        ctx: &Context<'_>,
        parent: &Attribute,
        args: AttributeOptionsArgs,
    ) -> GqlResult<Connection<AttributeOption>> {
        todo!("Attribute.options")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &Attribute,
        args: AttributeTranslationsArgs,
    ) -> GqlResult<Connection<AttributeTranslation>> {
        todo!("Attribute.translations")
    }
}

#[async_trait::async_trait]
impl AttributeOptionResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &AttributeOption,
    ) -> GqlResult<Option<AttributeOptionTranslation>> {
        todo!("AttributeOption.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &AttributeOption,
        args: AttributeOptionTranslationsArgs,
    ) -> GqlResult<Connection<AttributeOptionTranslation>> {
        todo!("AttributeOption.translations")
    }
}

/// One attribute by id (`AttributeValue.attribute`), batched across the request.
pub async fn attribute_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Attribute>> {
    todo!("attribute by id")
}

/// Attributes by id, in the order of `ids` (`Product.superAttributes`), batched across the request.
pub async fn attributes_by_ids(ctx: &Context<'_>, ids: &[i64]) -> GqlResult<Vec<Attribute>> {
    todo!("attributes by ids")
}
