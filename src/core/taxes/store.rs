//! SQL of the taxes area.

use polyshop_entities::{tax_categories_tax_rates as links, tax_rates};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The rates of each of `categories`, as (category id, rate), by rate id.
pub async fn rates_of_categories(
    db: &impl ConnectionTrait,
    categories: &[i64],
) -> Result<Vec<(i64, tax_rates::Model)>, ServiceError> {
    let pairs = links::Entity::find()
        .filter(links::Column::TaxCategoryId.is_in(categories.to_vec()))
        .find_also_related(tax_rates::Entity)
        .order_by_asc(links::Column::TaxRateId)
        .all(db)
        .await?;
    Ok(pairs.into_iter().filter_map(|(link, rate)| Some((link.tax_category_id, rate?))).collect())
}
