//! Channels of the Bagisto shop REST API: storefront channels with their locales, currencies
//! and translations as IRIs, and the channel texts per locale.

use polyshop_api_bagisto_shop::{channels::*, models};
use polyshop_entities::channel_translations;
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::{ShopRequest, iri};
use polyshop_core::{
    AppState,
    settings::{
        scope::Scope,
        store::{self, StorefrontChannel},
    },
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ChannelsService for Service {
    async fn list_channels(
        &self,
        ctx: &RequestContext,
        input: ListChannelsInput,
    ) -> Result<Page<models::Channel>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let db = &self.0.db;
        let Page { items: rows, total, .. } = store::channels_in_order().page(db, window).await?;
        let body = store::storefront_channels(db, rows).await?.into_iter().map(|c| view(scope, c)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_channel(&self, ctx: &RequestContext, input: GetChannelInput) -> Result<models::Channel, ServiceError> {
        let scope = ctx.scope().await?;
        let channel = store::storefront_channel(&self.0.db, input.id).await?;
        channel.map(|c| view(scope, c)).ok_or_else(|| ServiceError::not_found_id("Channel", input.id))
    }

    async fn list_channel_translations(
        &self,
        _ctx: &RequestContext,
        input: ListChannelTranslationsInput,
    ) -> Result<Page<models::ChannelTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = store::channel_translations_in_order().page(&self.0.db, window).await?;
        let body = rows.into_iter().map(translation_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_channel_translation(
        &self,
        _ctx: &RequestContext,
        input: GetChannelTranslationInput,
    ) -> Result<models::ChannelTranslation, ServiceError> {
        let row = store::channel_translation(&self.0.db, input.id).await?;
        row.map(translation_view).ok_or_else(|| ServiceError::not_found_id("Channel translation", input.id))
    }
}

/// The theme a channel without one uses.
pub const DEFAULT_THEME: &str = "default";

/// Home-page SEO from a stored `{meta_title, meta_keywords, meta_description}` object; keys
/// that are missing or not strings read as null.
fn home_seo(value: Option<&serde_json::Value>) -> models::HomeSeo {
    let field = |key: &str| value.and_then(|v| v.get(key)).and_then(|v| v.as_str()).map(str::to_owned);
    models::HomeSeo {
        meta_title: field("meta_title"),
        meta_keywords: field("meta_keywords"),
        meta_description: field("meta_description"),
    }
}

fn view(scope: &Scope, c: StorefrontChannel) -> models::Channel {
    let translation = c.translation(scope).map(|t| iri("channel_translations", t.id));
    let ch = &c.channel;
    models::Channel {
        id: ch.id,
        code: ch.code.clone(),
        timezone: Some(ch.timezone.clone()).filter(|t| !t.is_empty()),
        theme: ch.theme.clone().unwrap_or_else(|| DEFAULT_THEME.to_owned()),
        hostname: ch.hostname.clone().unwrap_or_default(),
        logo: ch.logo_path.clone(),
        favicon: ch.favicon_path.clone(),
        home_seo: home_seo(c.home_seo(scope)),
        is_maintenance_on: i32::from(ch.is_maintenance_on),
        allowed_ips: ch.allowed_ips.clone(),
        created_at: Some(scope.timestamp(ch.created_at)),
        updated_at: Some(scope.timestamp(ch.updated_at)),
        logo_url: ch.logo_path.as_deref().map(|p| scope.media_url(p)),
        favicon_url: ch.favicon_path.as_deref().map(|p| scope.media_url(p)),
        locales: c.locales.iter().map(|l| iri("locales", l.id)).collect(),
        currencies: c.currencies.iter().map(|cur| iri("currencies", cur.id)).collect(),
        default_locale: c.default_locale().map(|l| iri("locales", l.id)),
        base_currency: c.base_currency().map(|cur| iri("currencies", cur.id)),
        translation,
        translations: c.translations.iter().map(|t| iri("channel_translations", t.id)).collect(),
    }
}

/// Channel texts carry no timestamps of their own.
fn translation_view(t: channel_translations::Model) -> models::ChannelTranslation {
    models::ChannelTranslation {
        id: t.id,
        channel_id: t.channel_id,
        locale: t.locale,
        name: t.name,
        description: t.description,
        maintenance_mode_text: t.maintenance_mode_text,
        home_seo: home_seo(t.home_seo.as_ref()),
        created_at: None,
        updated_at: None,
    }
}
