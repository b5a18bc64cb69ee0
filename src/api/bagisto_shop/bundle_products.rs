//! Bundle products of the Bagisto shop REST API: option groups, their members and labels.

use polyshop_api_bagisto_shop::{bundle_products::*, models};
use polyshop_entities::{
    product_bundle_option_products as member_rows, product_bundle_option_translations as label_rows,
};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::{ShopRequest, iri};
use polyshop_core::{AppState, catalog::product_types::bundle, settings::scope::Scope};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl BundleProductsService for Service {
    async fn list_product_bundle_options(
        &self,
        ctx: &RequestContext,
        input: ListProductBundleOptionsInput,
    ) -> Result<Vec<models::BundleOption>, ServiceError> {
        let scope = ctx.scope().await?;
        let options = bundle::of_enabled_product(&self.0.db, input.product_id).await?;
        Ok(options
            .ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?
            .iter()
            .map(|o| view(scope, o))
            .collect())
    }

    async fn get_product_bundle_option(
        &self,
        ctx: &RequestContext,
        input: GetProductBundleOptionInput,
    ) -> Result<models::BundleOption, ServiceError> {
        let scope = ctx.scope().await?;
        let option = bundle::find(&self.0.db, input.id).await?;
        option.map(|o| view(scope, &o)).ok_or_else(|| ServiceError::not_found_id("Bundle option", input.id))
    }

    async fn list_bundle_option_products(
        &self,
        _ctx: &RequestContext,
        input: ListBundleOptionProductsInput,
    ) -> Result<Page<models::BundleOptionProduct>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = bundle::members_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(member_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_bundle_option_product(
        &self,
        _ctx: &RequestContext,
        input: GetBundleOptionProductInput,
    ) -> Result<models::BundleOptionProduct, ServiceError> {
        let member = bundle::find_member(&self.0.db, input.id).await?;
        member.map(member_view).ok_or_else(|| ServiceError::not_found_id("Bundle option product", input.id))
    }

    async fn list_bundle_option_translations(
        &self,
        _ctx: &RequestContext,
        input: ListBundleOptionTranslationsInput,
    ) -> Result<Page<models::BundleOptionTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = bundle::translations_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(label_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_bundle_option_translation(
        &self,
        _ctx: &RequestContext,
        input: GetBundleOptionTranslationInput,
    ) -> Result<models::BundleOptionTranslation, ServiceError> {
        let label = bundle::find_translation(&self.0.db, input.id).await?;
        label.map(label_view).ok_or_else(|| ServiceError::not_found_id("Bundle option translation", input.id))
    }
}

pub(super) fn view(scope: &Scope, r: &bundle::BundleOptionRecord) -> models::BundleOption {
    let o = &r.option;
    // Upstream stores `multiselect` as well as the API's `multi`.
    let type_ = match o.type_.as_str() {
        "multiselect" => models::BundleOptionType::Multi,
        stored => stored.parse().unwrap_or(models::BundleOptionType::Radio),
    };
    let label_iri = |id: i64| iri("product_bundle_option_translations", id);
    models::BundleOption {
        id: o.id,
        type_,
        is_required: i32::from(o.is_required),
        sort_order: o.sort_order,
        product: iri("products", o.product_id),
        bundle_option_products: r.members.iter().map(|m| iri("product-bundle-option-products", m.id)).collect(),
        translation: scope.pick(&r.translations, |t| t.locale.as_str()).map(|t| label_iri(t.id)),
        translations: r.translations.iter().map(|t| label_iri(t.id)).collect(),
    }
}

fn member_view(m: member_rows::Model) -> models::BundleOptionProduct {
    models::BundleOptionProduct {
        id: m.id,
        qty: m.qty,
        is_user_defined: i32::from(m.is_user_defined),
        is_default: i32::from(m.is_default),
        sort_order: m.sort_order,
        bundle_option: iri("product_bundle_options", m.product_bundle_option_id),
        product: iri("products", m.product_id),
    }
}

fn label_view(t: label_rows::Model) -> models::BundleOptionTranslation {
    models::BundleOptionTranslation { id: t.id, locale: t.locale, label: t.label }
}
