//! Customizable options of the Bagisto shop REST API: a product's custom inputs, their
//! surcharges and their labels.

use polyshop_api_bagisto_shop::{customizable_options::*, models};
use polyshop_entities::{
    product_customizable_option_prices as price_rows, product_customizable_option_translations as label_rows,
};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    booking_products::base_money,
    context::{ShopRequest, iri},
};
use polyshop_core::{AppState, catalog::product_types::customizable, settings::scope::Scope};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CustomizableOptionsService for Service {
    async fn list_product_customizable_options(
        &self,
        ctx: &RequestContext,
        input: ListProductCustomizableOptionsInput,
    ) -> Result<Vec<models::CustomizableOption>, ServiceError> {
        let scope = ctx.scope().await?;
        let options = customizable::of_enabled_product(&self.0.db, input.product_id).await?;
        Ok(options
            .ok_or_else(|| ServiceError::not_found_id("Product", input.product_id))?
            .iter()
            .map(|o| view(scope, o))
            .collect())
    }

    async fn get_product_customizable_option(
        &self,
        ctx: &RequestContext,
        input: GetProductCustomizableOptionInput,
    ) -> Result<models::CustomizableOption, ServiceError> {
        let scope = ctx.scope().await?;
        let option = customizable::find(&self.0.db, input.id).await?;
        option.map(|o| view(scope, &o)).ok_or_else(|| ServiceError::not_found_id("Customizable option", input.id))
    }

    async fn list_customizable_option_prices(
        &self,
        ctx: &RequestContext,
        input: ListCustomizableOptionPricesInput,
    ) -> Result<Page<models::CustomizableOptionPrice>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let Page { items: rows, total, .. } = customizable::prices_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(|p| price_view(scope, p)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_customizable_option_price(
        &self,
        ctx: &RequestContext,
        input: GetCustomizableOptionPriceInput,
    ) -> Result<models::CustomizableOptionPrice, ServiceError> {
        let scope = ctx.scope().await?;
        let price = customizable::find_price(&self.0.db, input.id).await?;
        price
            .map(|p| price_view(scope, p))
            .ok_or_else(|| ServiceError::not_found_id("Customizable option price", input.id))
    }

    async fn list_customizable_option_translations(
        &self,
        _ctx: &RequestContext,
        input: ListCustomizableOptionTranslationsInput,
    ) -> Result<Page<models::CustomizableOptionTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = customizable::translations_page(&self.0.db, window).await?;
        let body = rows.into_iter().map(label_view).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_customizable_option_translation(
        &self,
        _ctx: &RequestContext,
        input: GetCustomizableOptionTranslationInput,
    ) -> Result<models::CustomizableOptionTranslation, ServiceError> {
        let label = customizable::find_translation(&self.0.db, input.id).await?;
        label.map(label_view).ok_or_else(|| ServiceError::not_found_id("Customizable option translation", input.id))
    }
}

pub(super) fn view(scope: &Scope, r: &customizable::CustomizableOptionRecord) -> models::CustomizableOption {
    let o = &r.option;
    // Upstream stores `multiselect` as well as the API's `multiple`.
    let type_ = match o.type_.as_str() {
        "multiselect" => models::CustomizableOptionType::Multiple,
        stored => stored.parse().unwrap_or(models::CustomizableOptionType::Field),
    };
    let label_iri = |id: i64| iri("product_customizable_option_translations", id);
    models::CustomizableOption {
        id: o.id,
        type_,
        is_required: i32::from(o.is_required),
        sort_order: o.sort_order,
        product: iri("products", o.product_id),
        prices: r.prices.iter().map(|p| iri("product_customizable_option_prices", p.id)).collect(),
        translation: scope.pick(&r.translations, |t| t.locale.as_str()).map(|t| label_iri(t.id)),
        translations: r.translations.iter().map(|t| label_iri(t.id)).collect(),
    }
}

fn price_view(scope: &Scope, p: price_rows::Model) -> models::CustomizableOptionPrice {
    let price_type = p.price_type.parse().unwrap_or(models::CustomizableOptionPriceType::Fixed);
    models::CustomizableOptionPrice {
        id: p.id,
        price: base_money(scope, p.price.value()),
        price_type,
        customizable_option: iri("product_customizable_options", p.product_customizable_option_id),
    }
}

fn label_view(t: label_rows::Model) -> models::CustomizableOptionTranslation {
    models::CustomizableOptionTranslation {
        id: t.id,
        locale: t.locale,
        label: t.label,
        customizable_option: iri("product_customizable_options", t.product_customizable_option_id),
    }
}
