//! Categories of the Bagisto shop REST API: active categories flat (with their children one
//! level deep and their filterable attributes), as a nested tree, and their texts per locale.

use polyshop_api_bagisto_shop::{categories::*, models};
use polyshop_entities::categories as category_rows;
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    attributes::attribute_type,
    context::{ShopRequest, iri},
};
use polyshop_core::{
    AppState,
    catalog::categories::{self as catalog, CategoryDetail, CategoryRecord, CategoryText, FilterAttribute, TreeNode},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CategoriesService for Service {
    async fn list_categories(
        &self,
        ctx: &RequestContext,
        input: ListCategoriesInput,
    ) -> Result<Page<models::Category>, ServiceError> {
        let scope = ctx.scope().await?;
        let window = input.window();
        let db = &self.0.db;
        let parent = input.parent_id.or(input.parent_id_camel);
        let Page { items: rows, total, .. } = catalog::active_in_order(parent).page(db, window).await?;
        let body = catalog::details(db, rows).await?.into_iter().map(|c| view(scope, c)).collect();
        Ok(Page::new(body, total, window))
    }

    async fn get_category(
        &self,
        ctx: &RequestContext,
        input: GetCategoryInput,
    ) -> Result<models::Category, ServiceError> {
        let scope = ctx.scope().await?;
        let db = &self.0.db;
        let row = catalog::find_active(db, input.id)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Category", input.id))?;
        let detail = catalog::details(db, vec![row])
            .await?
            .pop()
            .ok_or_else(|| ServiceError::not_found_id("Category", input.id))?;
        Ok(view(scope, detail))
    }

    async fn get_category_tree(
        &self,
        ctx: &RequestContext,
        input: GetCategoryTreeInput,
    ) -> Result<Vec<models::CategoryTree>, ServiceError> {
        let Some(parent) = input.parent_id else { return Ok(Vec::new()) };
        let scope = ctx.scope().await?;
        // `depth` is at least 1 (the handler refuses less).
        let depth = u32::try_from(input.depth).unwrap_or(1).max(1);
        let tree = catalog::active_tree(&self.0.db, parent, depth).await?;
        Ok(tree.into_iter().map(|n| tree_view(scope, n)).collect())
    }

    async fn get_category_translation(
        &self,
        _ctx: &RequestContext,
        input: GetCategoryTranslationInput,
    ) -> Result<models::CategoryTranslation, ServiceError> {
        let text = catalog::find_text(&self.0.db, input.id).await?;
        text.map(translation_view).ok_or_else(|| ServiceError::not_found_id("Category translation", input.id))
    }
}

/// The display mode as the shop names it; the shop's `products` is the admin's `products_only`.
fn display_mode(mode: &str) -> models::CategoryDisplayMode {
    match mode {
        "products" => models::CategoryDisplayMode::ProductsOnly,
        stored => stored.parse().unwrap_or(models::CategoryDisplayMode::ProductsAndDescription),
    }
}

pub(super) fn view(scope: &Scope, detail: CategoryDetail) -> models::Category {
    let CategoryDetail { record: CategoryRecord { category: c, texts }, filters, children } = detail;
    models::Category {
        id: c.id,
        position: c.position,
        logo_url: c.logo_path.as_deref().map(|p| scope.media_url(p)),
        logo_path: c.logo_path.clone(),
        status: i32::from(c.status),
        display_mode: display_mode(&c.display_mode),
        lft: c.lft,
        rgt: c.rgt,
        created_at: scope.timestamp(c.created_at),
        updated_at: scope.timestamp(c.updated_at),
        url: catalog::category_url(scope, &texts),
        filterable_attributes: filters.into_iter().map(filter_view).collect(),
        translation: scope.pick(&texts, |t| &t.text.locale).cloned().map(translation_view),
        translations: texts.iter().map(|t| iri("category_translations", t.text.id)).collect(),
        parent: c.parent_id.map(|p| iri("categories", p)),
        children: children.into_iter().map(|child| view(scope, child)).collect(),
    }
}

fn filter_view(filter: FilterAttribute) -> models::FilterableAttribute {
    models::FilterableAttribute {
        id: filter.attribute.id,
        code: filter.attribute.code,
        type_: attribute_type(&filter.attribute.type_),
        is_filterable: 1,
        options: filter
            .options
            .into_iter()
            .map(|o| models::FilterableAttributeOption {
                id: o.option.id,
                admin_name: o.option.admin_name,
                sort_order: o.option.sort_order,
            })
            .collect(),
    }
}

fn tree_view(scope: &Scope, node: TreeNode) -> models::CategoryTree {
    let TreeNode { record: CategoryRecord { category: c, texts }, children } = node;
    let c: category_rows::Model = c;
    models::CategoryTree {
        id: c.id,
        position: c.position,
        status: i32::from(c.status),
        display_mode: display_mode(&c.display_mode),
        url: catalog::category_url(scope, &texts),
        lft: c.lft,
        rgt: c.rgt,
        created_at: scope.timestamp(c.created_at),
        updated_at: scope.timestamp(c.updated_at),
        translation: scope.pick(&texts, |t| &t.text.locale).cloned().map(translation_view),
        children: children.into_iter().map(|n| tree_view(scope, n)).collect(),
    }
}

fn translation_view(t: CategoryText) -> models::CategoryTranslation {
    let CategoryText { text, locale_id } = t;
    models::CategoryTranslation {
        id: text.id,
        category_id: text.category_id,
        locale: text.locale,
        locale_id,
        name: text.name,
        slug: text.slug,
        url_path: text.url_path.unwrap_or_default(),
        description: text.description,
        meta_title: text.meta_title,
        meta_description: text.meta_description,
        meta_keywords: text.meta_keywords,
    }
}
