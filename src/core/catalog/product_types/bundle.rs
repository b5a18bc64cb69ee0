//! Bundle products: option groups (`radio`, `select`, `checkbox`, `multi`) the customer picks
//! member products from, with their labels per locale and their members' default quantities.

use std::collections::HashMap;

use polyshop_entities::{
    product_bundle_option_products as members, product_bundle_option_translations as translations,
    product_bundle_options as options,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, RelationDef, RelationTrait};

use super::store::{enabled_page, group_by, of_enabled, product_enabled};
use crate::listing::Listing;

/// An option group with its labels (by id) and its members (by sort order).
#[derive(Debug, Clone)]
pub struct BundleOptionRecord {
    pub option: options::Model,
    pub translations: Vec<translations::Model>,
    pub members: Vec<members::Model>,
}

/// The option groups of each of `product_ids`, by sort order (products without any are absent).
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<BundleOptionRecord>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = options::Entity::find()
        .filter(options::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(options::Column::SortOrder)
        .order_by_asc(options::Column::Id)
        .all(db)
        .await?;
    let records = with_children(db, rows).await?;
    Ok(group_by(records, |r| r.option.product_id))
}

/// The option groups of product `product_id`; `None` when the product is unknown or disabled.
pub async fn of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<BundleOptionRecord>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// Option group `id`, unless it is unknown or its bundle disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<BundleOptionRecord>, ServiceError> {
    let Some(row) = of_enabled(options::Entity::find_by_id(id), [options::Relation::Product.def()]).one(db).await?
    else {
        return Ok(None);
    };
    Ok(with_children(db, vec![row]).await?.pop())
}

/// The option groups of every enabled bundle, by id (rows: see [`option_records`]).
pub fn options_listing() -> Listing<options::Entity> {
    Listing::new(of_enabled(
        options::Entity::find().order_by_asc(options::Column::Id),
        [options::Relation::Product.def()],
    ))
}

/// `rows` with their labels and members.
pub async fn option_records(
    db: &impl ConnectionTrait,
    rows: Vec<options::Model>,
) -> Result<Vec<BundleOptionRecord>, ServiceError> {
    with_children(db, rows).await
}

/// The members of every option of an enabled bundle, by id.
pub fn members_listing() -> Listing<members::Entity> {
    Listing::new(of_enabled(members::Entity::find().order_by_asc(members::Column::Id), member_path()))
}

/// A page of the members of every option of an enabled bundle, by id.
pub async fn members_page(db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<members::Model>, ServiceError> {
    let select = members::Entity::find().order_by_asc(members::Column::Id);
    enabled_page(db, select, member_path(), window).await
}

/// Member row `id`, unless it is unknown or its bundle disabled.
pub async fn find_member(db: &impl ConnectionTrait, id: i64) -> Result<Option<members::Model>, ServiceError> {
    Ok(of_enabled(members::Entity::find_by_id(id), member_path()).one(db).await?)
}

/// A page of the labels of every option of an enabled bundle, in every locale, by id.
pub async fn translations_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<translations::Model>, ServiceError> {
    let select = translations::Entity::find().order_by_asc(translations::Column::Id);
    enabled_page(db, select, translation_path(), window).await
}

pub async fn find_translation(db: &impl ConnectionTrait, id: i64) -> Result<Option<translations::Model>, ServiceError> {
    Ok(of_enabled(translations::Entity::find_by_id(id), translation_path()).one(db).await?)
}

/// Members belong to the bundle through their option (not to the member product: a member
/// row stays listed while its bundle is enabled).
fn member_path() -> [RelationDef; 2] {
    [members::Relation::ProductBundleOption.def(), options::Relation::Product.def()]
}

fn translation_path() -> [RelationDef; 2] {
    [translations::Relation::ProductBundleOption.def(), options::Relation::Product.def()]
}

/// `rows` with their labels and members: two queries for all of them.
async fn with_children(
    db: &impl ConnectionTrait,
    rows: Vec<options::Model>,
) -> Result<Vec<BundleOptionRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
    let labels = translations::Entity::find()
        .filter(translations::Column::ProductBundleOptionId.is_in(ids.iter().copied()))
        .order_by_asc(translations::Column::Id)
        .all(db)
        .await?;
    let member_rows = members::Entity::find()
        .filter(members::Column::ProductBundleOptionId.is_in(ids))
        .order_by_asc(members::Column::SortOrder)
        .order_by_asc(members::Column::Id)
        .all(db)
        .await?;
    let mut labels = group_by(labels, |t| t.product_bundle_option_id);
    let mut member_rows = group_by(member_rows, |m| m.product_bundle_option_id);
    Ok(rows
        .into_iter()
        .map(|option| BundleOptionRecord {
            translations: labels.remove(&option.id).unwrap_or_default(),
            members: member_rows.remove(&option.id).unwrap_or_default(),
            option,
        })
        .collect())
}
