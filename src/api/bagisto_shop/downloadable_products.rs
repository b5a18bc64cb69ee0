//! Downloadable products of the Bagisto shop REST API: paid links, free samples, their titles,
//! and the public download of samples.

use poem_openapi::payload::Binary;
use polyshop_api_bagisto_shop::{downloadable_products::*, models};
use polyshop_entities::{
    product_downloadable_link_translations as link_title_rows,
    product_downloadable_sample_translations as sample_title_rows,
};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    booking_products::base_money,
    context::{ShopRequest, iri},
};
use polyshop_core::{
    AppState,
    catalog::product_types::downloadable::{self, LinkRecord, SampleOf, SampleRecord, SampleSource},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl DownloadableProductsService for Service {
    async fn list_product_downloadable_links(
        &self,
        ctx: &RequestContext,
        input: ListProductDownloadableLinksInput,
    ) -> Result<Vec<models::DownloadableLink>, ServiceError> {
        let scope = ctx.scope().await?;
        let links = downloadable::links_of_enabled_product(&self.0.db, input.product_id).await?;
        Ok(links
            .ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?
            .iter()
            .map(|l| link_view(scope, l))
            .collect())
    }

    async fn list_downloadable_links(
        &self,
        ctx: &RequestContext,
        input: ListDownloadableLinksInput,
    ) -> Result<Page<models::DownloadableLink>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = downloadable::links_page(&self.0.db, window).await?;
        let body = rows.iter().map(|l| link_view(scope, l)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_downloadable_link(
        &self,
        ctx: &RequestContext,
        input: GetDownloadableLinkInput,
    ) -> Result<models::DownloadableLink, ServiceError> {
        let scope = ctx.scope().await?;
        let link = downloadable::find_link(&self.0.db, input.id).await?;
        link.map(|l| link_view(scope, &l)).ok_or_else(|| ServiceError::not_found_id("Downloadable link", input.id))
    }

    async fn list_downloadable_link_translations(
        &self,
        _ctx: &RequestContext,
        input: ListDownloadableLinkTranslationsInput,
    ) -> Result<Page<models::DownloadableLinkTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = downloadable::link_translations_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(link_title_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_downloadable_link_translation(
        &self,
        _ctx: &RequestContext,
        input: GetDownloadableLinkTranslationInput,
    ) -> Result<models::DownloadableLinkTranslation, ServiceError> {
        let title = downloadable::find_link_translation(&self.0.db, input.id).await?;
        title.map(link_title_view).ok_or_else(|| ServiceError::not_found_id("Downloadable link translation", input.id))
    }

    async fn list_product_downloadable_samples(
        &self,
        ctx: &RequestContext,
        input: ListProductDownloadableSamplesInput,
    ) -> Result<Vec<models::DownloadableSample>, ServiceError> {
        let scope = ctx.scope().await?;
        let samples = downloadable::samples_of_enabled_product(&self.0.db, input.product_id).await?;
        let samples = samples.ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?;
        Ok(samples.iter().map(|s| sample_view(scope, s)).collect())
    }

    async fn list_downloadable_samples(
        &self,
        ctx: &RequestContext,
        input: ListDownloadableSamplesInput,
    ) -> Result<Page<models::DownloadableSample>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = downloadable::samples_page(&self.0.db, window).await?;
        let body = rows.iter().map(|s| sample_view(scope, s)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_downloadable_sample(
        &self,
        ctx: &RequestContext,
        input: GetDownloadableSampleInput,
    ) -> Result<models::DownloadableSample, ServiceError> {
        let scope = ctx.scope().await?;
        let sample = downloadable::find_sample(&self.0.db, input.id).await?;
        sample
            .map(|s| sample_view(scope, &s))
            .ok_or_else(|| ServiceError::not_found_id("Downloadable sample", input.id))
    }

    async fn list_downloadable_sample_translations(
        &self,
        _ctx: &RequestContext,
        input: ListDownloadableSampleTranslationsInput,
    ) -> Result<Page<models::DownloadableSampleTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = downloadable::sample_translations_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(sample_title_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_downloadable_sample_translation(
        &self,
        _ctx: &RequestContext,
        input: GetDownloadableSampleTranslationInput,
    ) -> Result<models::DownloadableSampleTranslation, ServiceError> {
        let title = downloadable::find_sample_translation(&self.0.db, input.id).await?;
        title
            .map(sample_title_view)
            .ok_or_else(|| ServiceError::not_found_id("Downloadable sample translation", input.id))
    }

    async fn download_downloadable_sample(
        &self,
        _ctx: &RequestContext,
        input: DownloadDownloadableSampleInput,
    ) -> Result<DownloadDownloadableSampleResponse, ServiceError> {
        let (of, what) = match input.type_ {
            models::DownloadDownloadableSampleType::Link => (SampleOf::Link(input.id), "Downloadable link sample"),
            models::DownloadDownloadableSampleType::Sample => (SampleOf::Sample(input.id), "Downloadable sample"),
        };
        match downloadable::sample_source(&self.0.db, of).await? {
            Some(SampleSource::Url(url)) => Ok(DownloadDownloadableSampleResponse::Found(Some(url))),
            Some(SampleSource::File { path, name }) => {
                let bytes = downloadable::read_stored_file(&self.0.config.storage_dir, &path).await?;
                let bytes = bytes.ok_or_else(|| ServiceError::not_found_id(what, input.id))?;
                let disposition = format!("attachment; filename=\"{}\"", downloadable::attachment_name(&name));
                Ok(DownloadDownloadableSampleResponse::Ok(Binary(bytes), Some(disposition)))
            }
            None => Err(ServiceError::not_found_id(what, input.id)),
        }
    }
}

fn file_type(kind: &str) -> models::DownloadableFileType {
    if kind == downloadable::URL { models::DownloadableFileType::Url } else { models::DownloadableFileType::File }
}

pub(super) fn link_view(scope: &Scope, r: &LinkRecord) -> models::DownloadableLink {
    let l = &r.link;
    let title_iri = |id: i64| iri("product_downloadable_link_translations", id);
    models::DownloadableLink {
        id: l.id,
        url: l.url.clone(),
        type_: file_type(&l.type_),
        price: base_money(scope, l.price.value()),
        formatted_price: scope.format_price(l.price.value()),
        sample_file: l.sample_file.clone(),
        sample_file_name: l.sample_file_name.clone(),
        sample_type: l.sample_type.as_deref().map(file_type),
        sample_url: l.sample_url.clone(),
        downloads: l.downloads,
        sort_order: l.sort_order,
        created_at: scope.timestamp(l.created_at),
        updated_at: scope.timestamp(l.updated_at),
        file_url: l.file.as_deref().map(|f| scope.media_url(f)),
        sample_file_url: downloadable::link_has_sample(l)
            .then(|| SampleOf::Link(l.id).public_url(&scope.storefront_url())),
        product: iri("products", l.product_id),
        translation: scope.pick(&r.translations, |t| t.locale.as_str()).map(|t| title_iri(t.id)),
        translations: r.translations.iter().map(|t| title_iri(t.id)).collect(),
    }
}

pub(super) fn sample_view(scope: &Scope, r: &SampleRecord) -> models::DownloadableSample {
    let s = &r.sample;
    let title_iri = |id: i64| iri("product_downloadable_sample_translations", id);
    models::DownloadableSample {
        id: s.id,
        file: s.file.clone(),
        file_name: s.file_name.clone(),
        url: s.url.clone(),
        type_: file_type(&s.type_),
        sort_order: s.sort_order,
        created_at: scope.timestamp(s.created_at),
        updated_at: scope.timestamp(s.updated_at),
        file_url: SampleOf::Sample(s.id).public_url(&scope.storefront_url()),
        product: iri("products", s.product_id),
        translation: scope.pick(&r.translations, |t| t.locale.as_str()).map(|t| title_iri(t.id)),
        translations: r.translations.iter().map(|t| title_iri(t.id)).collect(),
    }
}

fn link_title_view(t: link_title_rows::Model) -> models::DownloadableLinkTranslation {
    models::DownloadableLinkTranslation { id: t.id, locale: t.locale, title: t.title }
}

fn sample_title_view(t: sample_title_rows::Model) -> models::DownloadableSampleTranslation {
    models::DownloadableSampleTranslation { id: t.id, locale: t.locale, title: t.title }
}
