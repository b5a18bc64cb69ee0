//! GraphQL: CMS pages and theme customizations. Translations of the pages or blocks of a
//! request are loaded together, whatever the number of parents.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_entities::{cms_page_translations, cms_pages, theme_customization_translations, theme_customizations};
use polyshop_graphql_shop::resolvers::{PageQueries, ThemeCustomizationQueries};
use polyshop_graphql_shop::{
    resolvers::{PageResolver, ThemeCustomizationResolver},
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, GqlResult};

use super::{DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, numeric_id, page_of, request};
use crate::context::iri;
use polyshop_core::{
    AppState,
    cms::{pages, theme},
    settings::scope::Scope,
};

#[async_trait::async_trait]
impl PageQueries for ShopGraph {
    async fn page(&self, ctx: &Context<'_>, args: QueryPageArgs) -> GqlResult<Option<Page>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(pages::find_in_channel(&self.0.db, scope.channel.id, id).await?.map(|p| page_node(scope, p)))
    }

    async fn page_by_url_keypages(&self, ctx: &Context<'_>, args: QueryPageByUrlKeypagesArgs) -> GqlResult<Vec<Page>> {
        let scope = &request(ctx)?.scope;
        let key = args.url_key.trim();
        if key.is_empty() || key.len() > 191 || key.contains('\0') {
            return Ok(Vec::new());
        }
        let found = pages::by_url_key_in_channel(&self.0.db, scope.channel.id, key).await?;
        Ok(found.into_iter().map(|p| page_node(scope, p)).collect())
    }

    async fn page_by_url_key_pages(&self, ctx: &Context<'_>, args: QueryPageByUrlKeyPagesArgs) -> GqlResult<Vec<Page>> {
        self.page_by_url_keypages(ctx, QueryPageByUrlKeypagesArgs { url_key: args.url_key }).await
    }

    async fn pages(&self, ctx: &Context<'_>, args: QueryPagesArgs) -> GqlResult<Connection<Page>> {
        let scope = &request(ctx)?.scope;
        Ok(page_of(&self.0, pages::in_channel(scope.channel.id), &args.page).await?.map(|p| page_node(scope, p)))
    }
}

#[async_trait::async_trait]
impl ThemeCustomizationQueries for ShopGraph {
    async fn theme_customization(
        &self,
        ctx: &Context<'_>,
        args: QueryThemeCustomizationArgs,
    ) -> GqlResult<Option<ThemeCustomization>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(theme::find_published(&self.0.db, id).await?.map(|b| block_node(scope, b)))
    }

    async fn theme_customizations(
        &self,
        ctx: &Context<'_>,
        args: QueryThemeCustomizationsArgs,
    ) -> GqlResult<Connection<ThemeCustomization>> {
        let scope = &request(ctx)?.scope;
        let select = theme::published_in(&scope.channel, args.type_.as_deref());
        Ok(page_of(&self.0, select, &args.page).await?.map(|b| block_node(scope, b)))
    }
}

#[async_trait::async_trait]
impl PageResolver for ShopGraph {
    async fn translation(&self, ctx: &Context<'_>, parent: &Page) -> GqlResult<Option<PageTranslation>> {
        let data = request(ctx)?;
        let texts = data.loaders.get::<PageTranslations>().load_one(parent.id_).await?.unwrap_or_default();
        Ok(data.scope.pick(texts.iter(), |t| &t.locale).map(page_translation_node))
    }
}

#[async_trait::async_trait]
impl ThemeCustomizationResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ThemeCustomization,
    ) -> GqlResult<Option<ThemeCustomizationTranslation>> {
        let data = request(ctx)?;
        let texts = data.loaders.get::<BlockTranslations>().load_one(parent.id_).await?.unwrap_or_default();
        Ok(data.scope.pick(texts.iter(), |t| &t.locale).map(block_translation_node))
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &ThemeCustomization,
        args: ThemeCustomizationTranslationsArgs,
    ) -> GqlResult<Connection<ThemeCustomizationTranslation>> {
        let data = request(ctx)?;
        let texts = data.loaders.get::<BlockTranslations>().load_one(parent.id_).await?.unwrap_or_default();
        Connection::slice(texts.iter().map(block_translation_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

/// The translations of each CMS page asked for in a request.
pub struct PageTranslations(AppState);

impl RequestLoader<LoadContext> for PageTranslations {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        PageTranslations(state)
    }
}

impl Loader<i64> for PageTranslations {
    type Value = Arc<Vec<cms_page_translations::Model>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let by_page = pages::translations_of(&self.0.db, keys).await?;
        Ok(by_page.into_iter().map(|(id, texts)| (id, Arc::new(texts))).collect())
    }
}

/// The translations of each theme block asked for in a request.
pub struct BlockTranslations(AppState);

impl RequestLoader<LoadContext> for BlockTranslations {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        BlockTranslations(state)
    }
}

impl Loader<i64> for BlockTranslations {
    type Value = Arc<Vec<theme_customization_translations::Model>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let by_block = theme::translations_of(&self.0.db, keys).await?;
        Ok(by_block.into_iter().map(|(id, texts)| (id, Arc::new(texts))).collect())
    }
}

fn page_node(scope: &Scope, p: cms_pages::Model) -> Page {
    Page {
        id: iri("pages", p.id),
        id_: p.id,
        layout: p.layout,
        created_at: Some(scope.timestamp(p.created_at)),
        updated_at: Some(scope.timestamp(p.updated_at)),
        ext: Default::default(),
    }
}

fn page_translation_node(t: &cms_page_translations::Model) -> PageTranslation {
    PageTranslation {
        id: iri("page_translations", t.id),
        id_: t.id,
        page_title: Some(t.page_title.clone()),
        url_key: Some(t.url_key.clone()),
        html_content: Some(t.html_content.clone()),
        meta_title: t.meta_title.clone(),
        meta_description: t.meta_description.clone(),
        meta_keywords: t.meta_keywords.clone(),
        locale: Some(t.locale.clone()),
        ext: Default::default(),
    }
}

fn block_node(scope: &Scope, b: theme_customizations::Model) -> ThemeCustomization {
    ThemeCustomization {
        id: iri("theme-customizations", b.id),
        id_: b.id,
        theme_code: Some(b.theme_code),
        type_: Some(b.type_),
        name: Some(b.name),
        sort_order: Some(i64::from(b.sort_order)),
        status: Some(if b.status { "1" } else { "0" }.to_owned()),
        channel_id: Some(b.channel_id.to_string()),
        created_at: Some(scope.timestamp(b.created_at)),
        updated_at: Some(scope.timestamp(b.updated_at)),
        ext: Default::default(),
    }
}

fn block_translation_node(t: &theme_customization_translations::Model) -> ThemeCustomizationTranslation {
    ThemeCustomizationTranslation {
        id: iri("theme_customization_translations", t.id),
        id_: t.id,
        theme_customization_id: Some(t.theme_customization_id.to_string()),
        locale: Some(t.locale.clone()),
        options: Some(theme::options_text(&t.options)),
        ext: Default::default(),
    }
}
