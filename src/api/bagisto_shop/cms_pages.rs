//! CMS pages of the Bagisto shop REST API (`/api/shop/pages`), in upstream's shape: IRI `id`,
//! numeric `_id`, the texts of the request locale inline.

use polyshop_api_bagisto_shop::{cms_pages::*, models};
use polyshop_core::{AppState, cms::pages, settings::scope::Scope};
use polyshop_entities::{cms_page_translations, cms_pages};
use polyshop_runtime::{Page, PageWindow, RequestContext, ServiceError};

use super::context::{ShopRequest, iri};

pub struct Service(pub AppState);

fn view(scope: &Scope, p: cms_pages::Model, texts: &[cms_page_translations::Model]) -> models::CmsPage {
    models::CmsPage {
        id: iri("pages", p.id),
        number: p.id,
        layout: p.layout,
        created_at: scope.timestamp(p.created_at),
        updated_at: scope.timestamp(p.updated_at),
        translation: scope.pick(texts, |t| &t.locale).map(text_view),
    }
}

fn text_view(t: &cms_page_translations::Model) -> models::CmsPageTranslation {
    models::CmsPageTranslation {
        id: iri("page_translations", t.id),
        number: t.id,
        page_title: t.page_title.clone(),
        url_key: t.url_key.clone(),
        html_content: t.html_content.clone(),
        meta_title: t.meta_title.clone(),
        meta_description: t.meta_description.clone(),
        meta_keywords: t.meta_keywords.clone(),
        locale: t.locale.clone(),
        cms_page_id: t.cms_page_id.to_string(),
    }
}

#[async_trait::async_trait]
impl CmsPagesService for Service {
    async fn list_pages(
        &self,
        ctx: &RequestContext,
        input: ListPagesInput,
    ) -> Result<Page<models::CmsPage>, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        // Upstream's `itemsPerPage` names the page size too.
        let window = match input.items_per_page {
            Some(size) => PageWindow::new(input.page, size),
            None => input.window(),
        };
        let Page { items: rows, total, .. } = pages::newest_in_channel(scope.channel.id).page(db, window).await?;
        let mut texts = pages::translations_of(db, &rows.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
        let body = rows
            .into_iter()
            .map(|p| {
                let own = texts.remove(&p.id).unwrap_or_default();
                view(scope, p, &own)
            })
            .collect();
        Ok(Page::new(body, total, window))
    }

    async fn list_page_translations(
        &self,
        ctx: &RequestContext,
        input: ListPageTranslationsInput,
    ) -> Result<Page<models::CmsPageTranslation>, ServiceError> {
        let scope = ctx.scope().await?;
        let page = pages::translations_in_channel(scope.channel.id).page(&self.0.db, input.window()).await?;
        Ok(page.map(|t| text_view(&t)))
    }

    async fn get_page_translation(
        &self,
        ctx: &RequestContext,
        input: GetPageTranslationInput,
    ) -> Result<models::CmsPageTranslation, ServiceError> {
        let scope = ctx.scope().await?;
        let text = pages::find_translation_in_channel(&self.0.db, scope.channel.id, input.id).await?;
        text.map(|t| text_view(&t)).ok_or_else(|| ServiceError::not_found_id("Page translation", input.id))
    }

    async fn get_page(&self, ctx: &RequestContext, input: GetPageInput) -> Result<models::CmsPage, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        let page = pages::find_in_channel(db, scope.channel.id, input.id)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Page", input.id))?;
        let texts = pages::translations_of(db, &[page.id]).await?.remove(&page.id).unwrap_or_default();
        Ok(view(scope, page, &texts))
    }
}
