//! Attributes of the Bagisto shop REST API: attributes with their options inline, the flat
//! option list and the attribute names per locale.

use polyshop_api_bagisto_shop::{attributes::*, models};
use polyshop_entities::{attribute_option_translations, attribute_translations};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::context::{ShopRequest, iri};
use polyshop_core::{
    AppState,
    catalog::attributes::{self as catalog, AttributeRecord, OptionRecord},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl AttributesService for Service {
    async fn list_attributes(
        &self,
        ctx: &RequestContext,
        input: ListAttributesInput,
    ) -> Result<Page<models::Attribute>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let db = &self.0.db;
        let Page { items: rows, total, .. } = catalog::attributes_in_order().page(db, window).await?;
        let body = catalog::records(db, rows).await?.into_iter().map(|a| view(scope, a)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_attribute(
        &self,
        ctx: &RequestContext,
        input: GetAttributeInput,
    ) -> Result<models::Attribute, ServiceError> {
        let scope = ctx.scope().await?;
        let attribute = catalog::find_attribute(&self.0.db, input.id).await?;
        attribute.map(|a| view(scope, a)).ok_or_else(|| ServiceError::not_found_id("Attribute", input.id))
    }

    async fn list_attribute_options(
        &self,
        ctx: &RequestContext,
        input: ListAttributeOptionsInput,
    ) -> Result<Page<models::AttributeOption>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let db = &self.0.db;
        let Page { items: rows, total, .. } = catalog::options_in_order(None).page(db, window).await?;
        let body = catalog::option_records(db, rows).await?.into_iter().map(|o| option_view(scope, o)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_attribute_option(
        &self,
        ctx: &RequestContext,
        input: GetAttributeOptionInput,
    ) -> Result<models::AttributeOption, ServiceError> {
        let scope = ctx.scope().await?;
        let option = catalog::find_option(&self.0.db, input.id).await?;
        option.map(|o| option_view(scope, o)).ok_or_else(|| ServiceError::not_found_id("Attribute option", input.id))
    }

    async fn list_attribute_translations(
        &self,
        _ctx: &RequestContext,
        input: ListAttributeTranslationsInput,
    ) -> Result<Page<models::AttributeTranslation>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = catalog::translations_in_order().page(&self.0.db, window).await?;
        Ok(Page::new(rows.into_iter().map(translation_view).collect(), total, window))
    }

    async fn get_attribute_translation(
        &self,
        _ctx: &RequestContext,
        input: GetAttributeTranslationInput,
    ) -> Result<models::AttributeTranslation, ServiceError> {
        let row = catalog::find_translation(&self.0.db, input.id).await?;
        row.map(translation_view).ok_or_else(|| ServiceError::not_found_id("Attribute translation", input.id))
    }
}

/// The REST name of an attribute input type; unknown stored types read as `text`, the
/// generic input.
pub fn attribute_type(kind: &str) -> models::AttributeType {
    kind.parse().unwrap_or(models::AttributeType::Text)
}

fn swatch_type(kind: Option<&str>) -> Option<models::SwatchType> {
    kind?.parse().ok()
}

fn flag(on: bool) -> i32 {
    i32::from(on)
}

fn view(scope: &Scope, record: AttributeRecord) -> models::Attribute {
    let a = &record.attribute;
    models::Attribute {
        id: a.id,
        code: a.code.clone(),
        admin_name: a.admin_name.clone(),
        type_: attribute_type(&a.type_),
        swatch_type: swatch_type(a.swatch_type.as_deref()),
        position: a.position,
        is_required: flag(a.is_required),
        is_unique: flag(a.is_unique),
        is_filterable: flag(a.is_filterable),
        is_comparable: flag(a.is_comparable),
        is_configurable: flag(a.is_configurable),
        is_user_defined: flag(a.is_user_defined),
        is_visible_on_front: flag(a.is_visible_on_front),
        value_per_locale: flag(a.value_per_locale),
        value_per_channel: flag(a.value_per_channel),
        enable_wysiwyg: flag(a.enable_wysiwyg),
        created_at: scope.timestamp(a.created_at),
        updated_at: scope.timestamp(a.updated_at),
        column_name: catalog::value_column(&a.type_).to_owned(),
        validations: catalog::validations(a),
        translation: scope.pick(&record.translations, |t| &t.locale).cloned().map(translation_view),
        translations: record.translations.iter().map(|t| iri("attribute_translations", t.id)).collect(),
        options: record.options.into_iter().map(|o| option_view(scope, o)).collect(),
    }
}

fn option_view(scope: &Scope, record: OptionRecord) -> models::AttributeOption {
    models::AttributeOption {
        id: record.option.id,
        admin_name: record.option.admin_name,
        sort_order: record.option.sort_order,
        translation: scope.pick(&record.translations, |t| &t.locale).cloned().map(option_translation_view),
        translations: record.translations.into_iter().map(option_translation_view).collect(),
    }
}

fn option_translation_view(t: attribute_option_translations::Model) -> models::AttributeOptionTranslation {
    models::AttributeOptionTranslation {
        id: t.id,
        attribute_option_id: t.attribute_option_id,
        locale: t.locale,
        label: t.label,
    }
}

fn translation_view(t: attribute_translations::Model) -> models::AttributeTranslation {
    models::AttributeTranslation { id: t.id, attribute_id: t.attribute_id, locale: t.locale, name: t.name }
}
