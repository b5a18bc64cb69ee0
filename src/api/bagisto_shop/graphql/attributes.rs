//! GraphQL: attributes, their options and their names.
//!
//! An attribute node carries its names (its `name` is one of them), an option node its labels;
//! options of attributes load through [`AttributeOptions`], attributes by id through
//! [`AttributesById`], each once per request for all the nodes that ask.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_entities::{attribute_option_translations, attribute_translations};
use polyshop_graphql_shop::resolvers::{AttributeOptionQueries, AttributeQueries};
use polyshop_graphql_shop::{
    resolvers::{AttributeOptionResolver, AttributeResolver},
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};

use super::{DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, numeric_id, page_of, request};
use crate::context::iri;
use polyshop_core::{
    AppState,
    catalog::attributes::{self as catalog, AttributeRecord, OptionRecord},
    settings::scope::Scope,
};

#[async_trait::async_trait]
impl AttributeOptionQueries for ShopGraph {
    async fn attribute_option(
        &self,
        ctx: &Context<'_>,
        args: QueryAttributeOptionArgs,
    ) -> GqlResult<Option<AttributeOption>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(catalog::find_option(&self.0.db, id).await?.map(|o| option_node(scope, o)))
    }

    async fn attribute_options(
        &self,
        ctx: &Context<'_>,
        args: QueryAttributeOptionsArgs,
    ) -> GqlResult<Connection<AttributeOption>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, catalog::options_in_order(args.attribute_id), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = catalog::option_records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|o| option_node(scope, o)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl AttributeQueries for ShopGraph {
    async fn attribute(&self, ctx: &Context<'_>, args: QueryAttributeArgs) -> GqlResult<Option<Attribute>> {
        let db = &self.0.db;
        let row = match (&args.id, &args.code) {
            (Some(id), _) => match numeric_id(id) {
                Some(id) => catalog::find_attribute_row(db, id).await?,
                None => None,
            },
            (None, Some(code)) => catalog::find_attribute_row_by_code(db, code).await?,
            (None, None) => None,
        };
        let scope = &request(ctx)?.scope;
        Ok(catalog::records_without_options(db, row.into_iter().collect())
            .await?
            .pop()
            .map(|a| attribute_node(scope, a)))
    }

    async fn attributes(&self, ctx: &Context<'_>, args: QueryAttributesArgs) -> GqlResult<Connection<Attribute>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, catalog::attributes_in_order(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = catalog::records_without_options(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|a| attribute_node(scope, a)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl AttributeResolver for ShopGraph {
    async fn options(
        &self,
        ctx: &Context<'_>,
        parent: &Attribute,
        args: AttributeOptionsArgs,
    ) -> GqlResult<Connection<AttributeOption>> {
        options_of(ctx, parent.id_, &args.page).await
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &Attribute,
        args: AttributeTranslationsArgs,
    ) -> GqlResult<Connection<AttributeTranslation>> {
        translations_of(&parent.ext, &args.page)
    }
}

#[async_trait::async_trait]
impl AttributeOptionResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &AttributeOption,
    ) -> GqlResult<Option<AttributeOptionTranslation>> {
        let scope = &request(ctx)?.scope;
        let labels = parent.ext.get::<OptionExt>().map(|e| e.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(labels, |t| &t.locale).cloned().map(option_translation_node))
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &AttributeOption,
        args: AttributeOptionTranslationsArgs,
    ) -> GqlResult<Connection<AttributeOptionTranslation>> {
        let labels = parent.ext.get::<OptionExt>().map(|e| e.translations.clone()).unwrap_or_default();
        Connection::slice(labels.into_iter().map(option_translation_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

/// The `options` of an attribute node (Attribute, CategoryAttributeFilter), batched across the
/// request.
pub(super) async fn options_of(
    ctx: &Context<'_>,
    attribute_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<AttributeOption>> {
    let data = request(ctx)?;
    let options = data.loaders.get::<AttributeOptions>().load_one(attribute_id).await?.unwrap_or_default();
    let nodes = options.iter().cloned().map(|o| option_node(&data.scope, o)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// The `translations` of an attribute node, from the names it keeps (`attribute_node`).
pub(super) fn translations_of(ext: &Extra, page: &PageArgs) -> GqlResult<Connection<AttributeTranslation>> {
    let names = ext.get::<AttributeExt>().map(|e| e.translations.clone()).unwrap_or_default();
    Connection::slice(names.into_iter().map(translation_node).collect(), page, DEFAULT_PAGE, MAX_PAGE)
}

/// One attribute by id (`AttributeValue.attribute`), batched across the request.
pub async fn attribute_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Attribute>> {
    Ok(request(ctx)?.loaders.get::<AttributesById>().load_one(id).await?)
}

/// Attributes by id, in the order of `ids` (`Product.superAttributes`), batched across the request.
pub async fn attributes_by_ids(ctx: &Context<'_>, ids: &[i64]) -> GqlResult<Vec<Attribute>> {
    let found = request(ctx)?.loaders.get::<AttributesById>().load_many(ids.iter().copied()).await?;
    Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
}

/// What an attribute node keeps for its resolvers: its names in every locale.
struct AttributeExt {
    translations: Vec<attribute_translations::Model>,
}

/// What an option node keeps for its resolvers: its labels in every locale.
struct OptionExt {
    translations: Vec<attribute_option_translations::Model>,
}

/// `"1"` / `"0"`, as the shop API writes attribute flags.
fn flag(on: bool) -> Option<String> {
    Some(if on { "1" } else { "0" }.to_owned())
}

/// An attribute node: flags as `"1"`/`"0"`, `name` in the request locale.
pub fn attribute_node(scope: &Scope, record: AttributeRecord) -> Attribute {
    let a = record.attribute;
    let name = scope.pick(&record.translations, |t| &t.locale).map(|t| t.name.clone());
    Attribute {
        id: iri("attributes", a.id),
        id_: a.id,
        code: a.code.clone(),
        admin_name: Some(a.admin_name.clone()),
        label: name.clone(),
        name,
        type_: a.type_.clone(),
        swatch_type: a.swatch_type.clone(),
        validation: a.validation.clone(),
        regex: a.regex.clone(),
        position: Some(i64::from(a.position)),
        is_required: flag(a.is_required),
        is_unique: flag(a.is_unique),
        is_filterable: flag(a.is_filterable),
        is_comparable: flag(a.is_comparable),
        is_configurable: flag(a.is_configurable),
        is_user_defined: flag(a.is_user_defined),
        is_visible_on_front: flag(a.is_visible_on_front),
        value_per_locale: flag(a.value_per_locale),
        value_per_channel: flag(a.value_per_channel),
        default_value: a.default_value.clone(),
        enable_wysiwyg: flag(a.enable_wysiwyg),
        column_name: Some(catalog::value_column(&a.type_).to_owned()),
        validations: Some(catalog::validations(&a)),
        created_at: Some(scope.timestamp(a.created_at)),
        updated_at: Some(scope.timestamp(a.updated_at)),
        ext: Extra::new(AttributeExt { translations: record.translations }),
    }
}

/// An option node; image swatches give a URL instead of a value.
fn option_node(scope: &Scope, record: OptionRecord) -> AttributeOption {
    let label = scope.pick(&record.translations, |t| &t.locale).map(|t| t.label.clone());
    let swatch_value = record.swatch_value().map(str::to_owned);
    let swatch_value_url = record.swatch_image().map(|p| scope.media_url(p));
    let o = record.option;
    AttributeOption {
        id: iri("attribute-options", o.id),
        id_: o.id,
        attribute_id: Some(o.attribute_id),
        admin_name: Some(o.admin_name.clone()),
        sort_order: Some(i64::from(o.sort_order)),
        swatch_value,
        swatch_value_url,
        label,
        value: Some(o.admin_name),
        ext: Extra::new(OptionExt { translations: record.translations }),
    }
}

fn translation_node(t: attribute_translations::Model) -> AttributeTranslation {
    AttributeTranslation {
        id: format!("/api/attribute_translations/{}", t.id),
        id_: t.id,
        attribute_id: Some(t.attribute_id.to_string()),
        locale: Some(t.locale),
        name: Some(t.name),
        ext: Default::default(),
    }
}

fn option_translation_node(t: attribute_option_translations::Model) -> AttributeOptionTranslation {
    AttributeOptionTranslation {
        id: format!("/api/attribute_option_translations/{}", t.id),
        id_: t.id,
        attribute_option_id: Some(t.attribute_option_id.to_string()),
        locale: Some(t.locale),
        label: Some(t.label),
        ext: Default::default(),
    }
}

/// The options of each attribute asked for in a request, in one round of queries.
pub struct AttributeOptions(AppState);

impl RequestLoader<LoadContext> for AttributeOptions {
    fn new(LoadContext { state, .. }: LoadContext) -> Self {
        AttributeOptions(state)
    }
}

impl Loader<i64> for AttributeOptions {
    type Value = Arc<Vec<OptionRecord>>;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let options = catalog::options_of(&self.0.db, keys).await?;
        Ok(options.into_iter().map(|(id, records)| (id, Arc::new(records))).collect())
    }
}

/// Attribute nodes by id, for every attribute asked for in a request, in one round of queries.
pub struct AttributesById(AppState, Scope);

impl RequestLoader<LoadContext> for AttributesById {
    fn new(LoadContext { state, scope, .. }: LoadContext) -> Self {
        AttributesById(state, scope)
    }
}

impl Loader<i64> for AttributesById {
    type Value = Attribute;
    type Error = ServiceError;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
        let rows = catalog::attribute_rows(&self.0.db, keys).await?;
        let records = catalog::records_without_options(&self.0.db, rows).await?;
        Ok(records.into_iter().map(|r| (r.attribute.id, attribute_node(&self.1, r))).collect())
    }
}
