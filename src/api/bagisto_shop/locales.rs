//! Locales of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{locales::*, models};
use polyshop_entities::locales as locale_rows;
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::ShopRequest;
use polyshop_core::{AppState, settings::scope::Scope, settings::store};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl LocalesService for Service {
    async fn list_locales(
        &self,
        ctx: &RequestContext,
        input: ListLocalesInput,
    ) -> Result<Page<models::Locale>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = store::locales().page(&self.0.db, window).await?;
        let body = rows.into_iter().map(|l| view(scope, l)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_locale(&self, ctx: &RequestContext, input: GetLocaleInput) -> Result<models::Locale, ServiceError> {
        let scope = ctx.scope().await?;
        let locale = store::locale(&self.0.db, input.id).await?;
        locale.map(|l| view(scope, l)).ok_or_else(|| ServiceError::not_found_id("Locale", input.id))
    }
}

fn view(scope: &Scope, l: locale_rows::Model) -> models::Locale {
    models::Locale {
        id: l.id,
        code: l.code,
        name: l.name,
        direction: if l.direction == "rtl" { models::TextDirection::Rtl } else { models::TextDirection::Ltr },
        logo_url: l.logo_path.as_deref().map(|p| scope.media_url(p)),
        logo_path: l.logo_path,
        created_at: Some(scope.timestamp(l.created_at)),
        updated_at: Some(scope.timestamp(l.updated_at)),
    }
}
