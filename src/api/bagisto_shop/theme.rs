//! Theme customizations of the Bagisto shop REST API: the published blocks of the request
//! channel's theme, each with its translations inline.

use polyshop_api_bagisto_shop::{models, theme::*};
use polyshop_entities::{theme_customization_translations, theme_customizations};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::ShopRequest;
use polyshop_core::{AppState, cms::theme, settings::scope::Scope};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl ThemeService for Service {
    async fn list_theme_customizations(
        &self,
        ctx: &RequestContext,
        input: ListThemeCustomizationsInput,
    ) -> Result<Page<models::ThemeCustomization>, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        let window = input.window();
        let select = theme::published_in(&scope.channel, input.type_.as_deref());
        let Page { items: rows, total, .. } = select.page(db, window).await?;
        let mut translations = theme::translations_of(db, &rows.iter().map(|b| b.id).collect::<Vec<_>>()).await?;
        let body = rows
            .into_iter()
            .filter_map(|b| {
                let texts = translations.remove(&b.id).unwrap_or_default();
                view(scope, b, texts)
            })
            .collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_theme_customization(
        &self,
        ctx: &RequestContext,
        input: GetThemeCustomizationInput,
    ) -> Result<models::ThemeCustomization, ServiceError> {
        let db = &self.0.db;
        let scope = ctx.scope().await?;
        let not_found = || ServiceError::not_found_id("Theme customization", input.id);
        let block = theme::find_published(db, input.id).await?.ok_or_else(not_found)?;
        let texts = theme::translations_of(db, &[block.id]).await?.remove(&block.id).unwrap_or_default();
        view(scope, block, texts).ok_or_else(not_found)
    }
}

/// The block as the shop shows it; None for a kind the storefront does not know (the queries
/// only return known kinds).
fn view(
    scope: &Scope,
    b: theme_customizations::Model,
    texts: Vec<theme_customization_translations::Model>,
) -> Option<models::ThemeCustomization> {
    let kind: models::ThemeCustomizationType = b.type_.parse().ok()?;
    let translation = scope.pick(&texts, |t| &t.locale).map(translation_view);
    Some(models::ThemeCustomization {
        id: b.id,
        theme_code: b.theme_code,
        channel_id: b.channel_id,
        type_: kind,
        name: b.name,
        sort_order: b.sort_order,
        status: i32::from(b.status),
        created_at: scope.timestamp(b.created_at),
        updated_at: scope.timestamp(b.updated_at),
        translation,
        translations: texts.iter().map(translation_view).collect(),
    })
}

fn translation_view(t: &theme_customization_translations::Model) -> models::ThemeCustomizationTranslation {
    models::ThemeCustomizationTranslation {
        id: t.id,
        theme_customization_id: t.theme_customization_id,
        locale: t.locale.clone(),
        options: theme::options_text(&t.options),
    }
}
