#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: attributes.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{AttributeOptionResolver, AttributeResolver, AttributeValueResolver},
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult};

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

#[async_trait::async_trait]
impl AttributeValueResolver for ShopGraph {
    async fn attribute(&self, ctx: &Context<'_>, parent: &AttributeValue) -> GqlResult<Option<Attribute>> {
        todo!("AttributeValue.attribute")
    }
}
