//! Customizable options: inputs the merchant adds to a product page (an engraving text, a
//! monogram colour), with their labels per locale and their surcharges.

use std::collections::HashMap;

use polyshop_entities::{
    product_customizable_option_prices as prices, product_customizable_option_translations as translations,
    product_customizable_options as options,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, RelationTrait};

use super::store::{enabled_page, group_by, of_enabled, product_enabled};

/// An option with its labels (by id) and its price rows (by sort order).
#[derive(Debug, Clone)]
pub struct CustomizableOptionRecord {
    pub option: options::Model,
    pub translations: Vec<translations::Model>,
    pub prices: Vec<prices::Model>,
}

/// The options of each of `product_ids`, by sort order (products without options are absent).
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<CustomizableOptionRecord>>, ServiceError> {
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

/// The options of product `product_id`; `None` when the product is unknown or disabled.
pub async fn of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<CustomizableOptionRecord>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// Option `id`, unless it is unknown or its product disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<CustomizableOptionRecord>, ServiceError> {
    let select = options::Entity::find_by_id(id);
    let Some(row) = of_enabled(select, [options::Relation::Product.def()]).one(db).await? else {
        return Ok(None);
    };
    Ok(with_children(db, vec![row]).await?.pop())
}

/// A page of the price rows of every option of an enabled product, by id.
pub async fn prices_page(db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<prices::Model>, ServiceError> {
    let select = prices::Entity::find().order_by_asc(prices::Column::Id);
    enabled_page(db, select, price_path(), window).await
}

pub async fn find_price(db: &impl ConnectionTrait, id: i64) -> Result<Option<prices::Model>, ServiceError> {
    Ok(of_enabled(prices::Entity::find_by_id(id), price_path()).one(db).await?)
}

/// A page of the labels of every option of an enabled product, in every locale, by id.
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

fn price_path() -> [sea_orm::RelationDef; 2] {
    [prices::Relation::ProductCustomizableOption.def(), options::Relation::Product.def()]
}

fn translation_path() -> [sea_orm::RelationDef; 2] {
    [translations::Relation::ProductCustomizableOption.def(), options::Relation::Product.def()]
}

/// `rows` with their labels and prices: two queries for all of them.
async fn with_children(
    db: &impl ConnectionTrait,
    rows: Vec<options::Model>,
) -> Result<Vec<CustomizableOptionRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
    let labels = translations::Entity::find()
        .filter(translations::Column::ProductCustomizableOptionId.is_in(ids.iter().copied()))
        .order_by_asc(translations::Column::Id)
        .all(db)
        .await?;
    let price_rows = prices::Entity::find()
        .filter(prices::Column::ProductCustomizableOptionId.is_in(ids))
        .order_by_asc(prices::Column::SortOrder)
        .order_by_asc(prices::Column::Id)
        .all(db)
        .await?;
    let mut labels = group_by(labels, |t| t.product_customizable_option_id);
    let mut price_rows = group_by(price_rows, |p| p.product_customizable_option_id);
    Ok(rows
        .into_iter()
        .map(|option| CustomizableOptionRecord {
            translations: labels.remove(&option.id).unwrap_or_default(),
            prices: price_rows.remove(&option.id).unwrap_or_default(),
            option,
        })
        .collect())
}
