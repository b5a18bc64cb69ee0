//! GraphQL: `categoryAttributeFilters`, the attributes a category page filters by with the price
//! range of its products (upstream's CategoryAttributeFilter), over the catalog's category
//! filters and listing.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{CategoryAttributeFilterQueries, CategoryAttributeFilterResolver},
    types::*,
};
use polyshop_runtime_graphql::{Connection, GqlResult};

use super::{
    MAX_PAGE, ShopGraph,
    attributes::{attribute_node, options_of, translations_of},
    request,
};
use polyshop_core::catalog::{
    attributes as catalog_attributes,
    categories::{filter_attributes_of, id_by_slug},
    listing::price_range,
};

/// Upstream's page size when none is asked for.
const DEFAULT_FILTERS_PAGE: usize = 30;

/// Slugs are at most this long; a longer one names no category.
const MAX_SLUG: usize = 191;

#[async_trait::async_trait]
impl CategoryAttributeFilterQueries for ShopGraph {
    async fn category_attribute_filters(
        &self,
        ctx: &Context<'_>,
        args: QueryCategoryAttributeFiltersArgs,
    ) -> GqlResult<Connection<CategoryAttributeFilter>> {
        let db = &self.0.db;
        let slug =
            args.category_slug.as_deref().map(str::trim).filter(|s| !s.is_empty() && s.chars().count() <= MAX_SLUG);
        let category = match slug {
            Some(slug) => id_by_slug(db, slug).await?,
            None => None,
        };
        // A category's own filter attributes, by id (as upstream); the store's filterable ones
        // without a category.
        let mut rows = match category {
            Some(id) => filter_attributes_of(db, &[id]).await?.remove(&id).unwrap_or_default(),
            None => catalog_attributes::filterable(db).await?,
        };
        rows.sort_by_key(|a| a.id);
        let data = request(ctx)?;
        // The range costs a pass over the category's products: only when a node asks for it.
        let node = ctx.look_ahead().field("edges").field("node");
        let (min_price, max_price) = if node.field("minPrice").exists() || node.field("maxPrice").exists() {
            let (low, high) = price_range(db, &data.scope, category, self.0.clock.now()).await?;
            (low.to_string(), high.to_string())
        } else {
            (String::from("0"), String::from("0"))
        };
        let nodes = catalog_attributes::records_without_options(db, rows)
            .await?
            .into_iter()
            .map(|record| {
                let a = attribute_node(&data.scope, record);
                CategoryAttributeFilter {
                    id: a.id,
                    id_: a.id_,
                    code: a.code,
                    admin_name: a.admin_name,
                    name: a.name,
                    type_: a.type_,
                    swatch_type: a.swatch_type,
                    validation: a.validation,
                    regex: a.regex,
                    position: a.position,
                    is_required: a.is_required,
                    is_unique: a.is_unique,
                    is_filterable: a.is_filterable,
                    is_comparable: a.is_comparable,
                    is_configurable: a.is_configurable,
                    is_user_defined: a.is_user_defined,
                    is_visible_on_front: a.is_visible_on_front,
                    value_per_locale: a.value_per_locale,
                    value_per_channel: a.value_per_channel,
                    default_value: a.default_value,
                    enable_wysiwyg: a.enable_wysiwyg,
                    column_name: a.column_name,
                    validations: a.validations,
                    created_at: a.created_at,
                    updated_at: a.updated_at,
                    label: a.label,
                    min_price: min_price.clone(),
                    max_price: max_price.clone(),
                    // The names the node keeps for `translations`.
                    ext: a.ext,
                }
            })
            .collect();
        Connection::slice(nodes, &args.page, DEFAULT_FILTERS_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl CategoryAttributeFilterResolver for ShopGraph {
    async fn options(
        &self,
        ctx: &Context<'_>,
        parent: &CategoryAttributeFilter,
        args: CategoryAttributeFilterOptionsArgs,
    ) -> GqlResult<Connection<AttributeOption>> {
        options_of(ctx, parent.id_, &args.page).await
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &CategoryAttributeFilter,
        args: CategoryAttributeFilterTranslationsArgs,
    ) -> GqlResult<Connection<AttributeTranslation>> {
        translations_of(&parent.ext, &args.page)
    }
}
