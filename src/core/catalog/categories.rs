//! Categories: the nested-set tree, translations, filterable attributes (storefront reads).
//!
//! The storefront shows active categories (`status` on) only; an inactive category hides its
//! whole subtree from trees and child lists. Siblings are ordered by `position`, then id.
//! Loaders take the rows of a whole page and read each related table once for all of them.

use std::collections::{BTreeSet, HashMap};

use polyshop_entities::{
    attributes, categories, category_filterable_attributes, category_translations, locales, product_categories,
};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef,
    Select,
};

use super::attributes::{self as catalog_attributes, OptionRecord};
use crate::listing::Listing;
use crate::settings::scope::Scope;

/// A category with its texts in every locale.
#[derive(Debug, Clone)]
pub struct CategoryRecord {
    pub category: categories::Model,
    /// By id.
    pub texts: Vec<CategoryText>,
}

/// The texts of a category in one locale, with the id of that locale (none when the locale
/// is no longer configured).
#[derive(Debug, Clone)]
pub struct CategoryText {
    pub text: category_translations::Model,
    pub locale_id: Option<i64>,
}

/// An attribute offered as a filter on a category page, with its options by `sort_order`.
#[derive(Debug, Clone)]
pub struct FilterAttribute {
    pub attribute: attributes::Model,
    pub options: Vec<OptionRecord>,
}

/// A category as the category page needs it: texts, filters and its active children (whose
/// own children are not loaded).
#[derive(Debug, Clone)]
pub struct CategoryDetail {
    pub record: CategoryRecord,
    pub filters: Vec<FilterAttribute>,
    pub children: Vec<CategoryDetail>,
}

/// A node of the active category tree.
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub record: CategoryRecord,
    pub children: Vec<TreeNode>,
}

/// The storefront page of a category: its slug in the request locale below the storefront URL
/// (the storefront resolves category pages by slug).
pub fn category_url(scope: &Scope, texts: &[CategoryText]) -> String {
    match scope.pick(texts, |t| &t.text.locale) {
        Some(t) => format!("{}/{}", scope.storefront_url(), t.text.slug),
        None => scope.storefront_url(),
    }
}

fn siblings_in_order(select: Select<categories::Entity>) -> Select<categories::Entity> {
    select.order_by_asc(categories::Column::Position).order_by_asc(categories::Column::Id)
}

/// Active categories by `position` then id; only the direct children of `parent_id` when given.
pub fn active_in_order(parent_id: Option<i64>) -> Listing<categories::Entity> {
    Listing::new(active_in_order_query(parent_id))
}

fn active_in_order_query(parent_id: Option<i64>) -> Select<categories::Entity> {
    let mut select = categories::Entity::find().filter(categories::Column::Status.eq(true));
    if let Some(parent) = parent_id {
        select = select.filter(categories::Column::ParentId.eq(parent));
    }
    siblings_in_order(select)
}

/// Every category, active or not, by id.
pub fn all_by_id() -> Listing<categories::Entity> {
    Listing::new(all_by_id_query())
}

fn all_by_id_query() -> Select<categories::Entity> {
    categories::Entity::find().order_by_asc(categories::Column::Id)
}

/// A category whatever its status.
pub async fn find_category(db: &impl ConnectionTrait, id: i64) -> Result<Option<CategoryRecord>, ServiceError> {
    let row = categories::Entity::find_by_id(id).one(db).await?;
    Ok(records(db, row.into_iter().collect()).await?.pop())
}

/// An active category.
pub async fn find_active(db: &impl ConnectionTrait, id: i64) -> Result<Option<categories::Model>, ServiceError> {
    Ok(categories::Entity::find_by_id(id).filter(categories::Column::Status.eq(true)).one(db).await?)
}

/// `rows` with their texts: one query for any number.
pub async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<categories::Model>,
) -> Result<Vec<CategoryRecord>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut texts = texts_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|category| CategoryRecord { texts: texts.remove(&category.id).unwrap_or_default(), category })
        .collect())
}

/// The locale a translation's `locale` code names, joined on the code.
fn translation_locale() -> RelationDef {
    category_translations::Entity::belongs_to(locales::Entity)
        .from(category_translations::Column::Locale)
        .to(locales::Column::Code)
        .into()
}

/// Texts of each of the categories `ids`, by id, with their locale ids.
pub async fn texts_of(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Vec<CategoryText>>, ServiceError> {
    let mut out: HashMap<i64, Vec<CategoryText>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for (text, locale) in texts().filter(category_translations::Column::CategoryId.is_in(ids.to_vec())).all(db).await? {
        out.entry(text.category_id).or_default().push(CategoryText { locale_id: locale.map(|l| l.id), text });
    }
    Ok(out)
}

/// Texts of every category, by category, with their locale ids.
pub async fn texts_of_all(db: &impl ConnectionTrait) -> Result<HashMap<i64, Vec<CategoryText>>, ServiceError> {
    let mut out: HashMap<i64, Vec<CategoryText>> = HashMap::new();
    for (text, locale) in texts().all(db).await? {
        out.entry(text.category_id).or_default().push(CategoryText { locale_id: locale.map(|l| l.id), text });
    }
    Ok(out)
}

fn texts() -> sea_orm::SelectTwo<category_translations::Entity, locales::Entity> {
    category_translations::Entity::find()
        .join(JoinType::LeftJoin, translation_locale())
        .select_also(locales::Entity)
        .order_by_asc(category_translations::Column::Id)
}

/// One category translation by id.
pub async fn find_text(db: &impl ConnectionTrait, id: i64) -> Result<Option<CategoryText>, ServiceError> {
    let row = texts().filter(category_translations::Column::Id.eq(id)).one(db).await?;
    Ok(row.map(|(text, locale)| CategoryText { locale_id: locale.map(|l| l.id), text }))
}

/// The active direct children of each of `parent_ids`, by `position`, with their texts.
pub async fn active_children_of(
    db: &impl ConnectionTrait,
    parent_ids: &[i64],
) -> Result<HashMap<i64, Vec<CategoryRecord>>, ServiceError> {
    let mut out: HashMap<i64, Vec<CategoryRecord>> = HashMap::new();
    if parent_ids.is_empty() {
        return Ok(out);
    }
    let rows = siblings_in_order(categories::Entity::find())
        .filter(categories::Column::Status.eq(true))
        .filter(categories::Column::ParentId.is_in(parent_ids.to_vec()))
        .all(db)
        .await?;
    for record in records(db, rows).await? {
        if let Some(parent) = record.category.parent_id {
            out.entry(parent).or_default().push(record);
        }
    }
    Ok(out)
}

/// `rows` as category pages show them: texts, filters, and active children with theirs.
/// Four queries for any number of rows.
pub async fn details(
    db: &impl ConnectionTrait,
    rows: Vec<categories::Model>,
) -> Result<Vec<CategoryDetail>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let children = siblings_in_order(categories::Entity::find())
        .filter(categories::Column::Status.eq(true))
        .filter(categories::Column::ParentId.is_in(ids.clone()))
        .all(db)
        .await?;
    let all_ids: Vec<i64> =
        ids.iter().copied().chain(children.iter().map(|c| c.id)).collect::<BTreeSet<_>>().into_iter().collect();
    let texts = texts_of(db, &all_ids).await?;
    let filters = filters_of(db, &all_ids).await?;
    let detail = |category: categories::Model, children: Vec<CategoryDetail>| CategoryDetail {
        filters: filters.get(&category.id).cloned().unwrap_or_default(),
        record: CategoryRecord { texts: texts.get(&category.id).cloned().unwrap_or_default(), category },
        children,
    };
    let mut by_parent: HashMap<i64, Vec<CategoryDetail>> = HashMap::new();
    for child in children {
        if let Some(parent) = child.parent_id {
            by_parent.entry(parent).or_default().push(detail(child, Vec::new()));
        }
    }
    Ok(rows
        .into_iter()
        .map(|c| {
            let kids = by_parent.get(&c.id).cloned().unwrap_or_default();
            detail(c, kids)
        })
        .collect())
}

/// The filterable attributes of each of the categories `ids` (attributes flagged filterable,
/// by `position`), without their options: one query.
pub async fn filter_attributes_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<attributes::Model>>, ServiceError> {
    let mut out: HashMap<i64, Vec<attributes::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for (link, attribute) in category_filterable_attributes::Entity::find()
        .filter(category_filterable_attributes::Column::CategoryId.is_in(ids.to_vec()))
        .find_also_related(attributes::Entity)
        .filter(attributes::Column::IsFilterable.eq(true))
        .order_by_asc(attributes::Column::Position)
        .order_by_asc(attributes::Column::Id)
        .all(db)
        .await?
    {
        if let Some(attribute) = attribute {
            out.entry(link.category_id).or_default().push(attribute);
        }
    }
    Ok(out)
}

/// The category one of whose translations (any locale) has `slug`; the first by translation id.
pub async fn id_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<i64>, ServiceError> {
    Ok(category_translations::Entity::find()
        .filter(category_translations::Column::Slug.eq(slug))
        .order_by_asc(category_translations::Column::Id)
        .one(db)
        .await?
        .map(|t| t.category_id))
}

/// The filterable attributes of each of the categories `ids` with their options: two queries.
pub async fn filters_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<FilterAttribute>>, ServiceError> {
    let attributes = filter_attributes_of(db, ids).await?;
    let attribute_ids: Vec<i64> =
        attributes.values().flatten().map(|a| a.id).collect::<BTreeSet<_>>().into_iter().collect();
    let options = catalog_attributes::options_of(db, &attribute_ids).await?;
    Ok(attributes
        .into_iter()
        .map(|(category, attrs)| {
            let filters = attrs
                .into_iter()
                .map(|attribute| FilterAttribute {
                    options: options.get(&attribute.id).cloned().unwrap_or_default(),
                    attribute,
                })
                .collect();
            (category, filters)
        })
        .collect())
}

/// The active descendants of `parent_id`, `depth` levels deep (1: its direct children only),
/// each level by `position`. Empty for an unknown parent. The parent's own status does not
/// matter (a channel's root category is often disabled); an inactive descendant hides its
/// subtree. Three queries.
pub async fn active_tree(db: &impl ConnectionTrait, parent_id: i64, depth: u32) -> Result<Vec<TreeNode>, ServiceError> {
    let Some(parent) = categories::Entity::find_by_id(parent_id).one(db).await? else {
        return Ok(Vec::new());
    };
    if depth == 0 {
        return Ok(Vec::new());
    }
    // Every descendant by the nested set; the tree itself is rebuilt from `parent_id`.
    let rows = siblings_in_order(categories::Entity::find())
        .filter(
            Condition::all()
                .add(categories::Column::Lft.gt(parent.lft))
                .add(categories::Column::Rgt.lt(parent.rgt))
                .add(categories::Column::Status.eq(true)),
        )
        .all(db)
        .await?;
    let mut by_parent: HashMap<i64, Vec<CategoryRecord>> = HashMap::new();
    for record in records(db, rows).await? {
        if let Some(p) = record.category.parent_id {
            by_parent.entry(p).or_default().push(record);
        }
    }
    Ok(build_level(&mut by_parent, parent.id, depth))
}

fn build_level(by_parent: &mut HashMap<i64, Vec<CategoryRecord>>, parent: i64, depth: u32) -> Vec<TreeNode> {
    let level = by_parent.remove(&parent).unwrap_or_default();
    level
        .into_iter()
        .map(|record| {
            let children = if depth > 1 { build_level(by_parent, record.category.id, depth - 1) } else { Vec::new() };
            TreeNode { record, children }
        })
        .collect()
}

/// The active categories each of `product_ids` is in, by `position`, with their texts: two
/// queries.
pub async fn active_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<CategoryRecord>>, ServiceError> {
    let links = active_links(db, product_ids).await?;
    let categories: Vec<categories::Model> = unique_categories(&links);
    let records: HashMap<i64, CategoryRecord> =
        records(db, categories).await?.into_iter().map(|r| (r.category.id, r)).collect();
    Ok(group_by_product(links, |id| records.get(&id).cloned()))
}

/// The active categories each of `product_ids` is in, as category pages show them (see
/// [`details`]): five queries.
pub async fn active_details_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<CategoryDetail>>, ServiceError> {
    let links = active_links(db, product_ids).await?;
    let details: HashMap<i64, CategoryDetail> =
        details(db, unique_categories(&links)).await?.into_iter().map(|d| (d.record.category.id, d)).collect();
    Ok(group_by_product(links, |id| details.get(&id).cloned()))
}

/// The (product id, category id) links of `product_ids`, whatever the category's status.
pub async fn links_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<Vec<(i64, i64)>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = product_categories::Entity::find()
        .filter(product_categories::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|l| (l.product_id, l.category_id)).collect())
}

/// (product id, category) links to active categories, by category `position`.
async fn active_links(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<Vec<(i64, categories::Model)>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = product_categories::Entity::find()
        .filter(product_categories::Column::ProductId.is_in(product_ids.to_vec()))
        .find_also_related(categories::Entity)
        .filter(categories::Column::Status.eq(true))
        .order_by_asc(categories::Column::Position)
        .order_by_asc(categories::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(link, c)| c.map(|c| (link.product_id, c))).collect())
}

fn unique_categories(links: &[(i64, categories::Model)]) -> Vec<categories::Model> {
    let mut seen = BTreeSet::new();
    links.iter().filter(|(_, c)| seen.insert(c.id)).map(|(_, c)| c.clone()).collect()
}

fn group_by_product<T>(links: Vec<(i64, categories::Model)>, get: impl Fn(i64) -> Option<T>) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (product, category) in links {
        if let Some(item) = get(category.id) {
            out.entry(product).or_default().push(item);
        }
    }
    out
}
