//! Per-product rows shown about as they are stored: the channels a product is sold in, attribute
//! families, tier prices and review ratings.

use std::collections::HashMap;

use polyshop_entities::{attribute_families, product_channels, product_customer_group_prices, products};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// A channel a product is sold in, with its default locale and base currency codes.
pub type ProductChannel = crate::settings::store::ChannelCodes;

/// The ids of the channels each of `product_ids` is sold in, in id order.
pub async fn channel_ids_of(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, ServiceError> {
    let links = product_channels::Entity::find()
        .filter(product_channels::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_channels::Column::ChannelId)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for link in links {
        out.entry(link.product_id).or_default().push(link.channel_id);
    }
    Ok(out)
}

/// Of `channels` (every channel: the request scope's), those of `ids`, in the order of `ids`.
pub fn channels_by_id(channels: &[ProductChannel], ids: &[i64]) -> Vec<ProductChannel> {
    ids.iter().filter_map(|id| channels.iter().find(|c| c.channel.id == *id).cloned()).collect()
}

/// Attribute families by id.
pub async fn families(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, attribute_families::Model>, ServiceError> {
    Ok(attribute_families::Entity::find()
        .filter(attribute_families::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// Which tier prices to read.
pub enum TierFilter {
    Product(i64),
    /// A tier of an enabled product.
    Id(i64),
    /// A tier of this product.
    ProductAndId(i64, i64),
}

/// Tier (customer-group) prices, by quantity.
pub async fn tier_prices(
    db: &impl ConnectionTrait,
    filter: TierFilter,
) -> Result<Vec<product_customer_group_prices::Model>, ServiceError> {
    use product_customer_group_prices::{Column, Entity};
    let select = Entity::find().order_by_asc(Column::Qty).order_by_asc(Column::Id);
    let select = match filter {
        TierFilter::Product(p) => select.filter(Column::ProductId.eq(p)),
        TierFilter::ProductAndId(p, id) => select.filter(Column::ProductId.eq(p)).filter(Column::Id.eq(id)),
        TierFilter::Id(id) => {
            use sea_orm::sea_query::Query;
            let enabled = Query::select()
                .column(products::Column::Id)
                .from(products::Entity)
                .and_where(products::Column::Status.eq(true))
                .to_owned();
            select.filter(Column::Id.eq(id)).filter(Column::ProductId.in_subquery(enabled))
        }
    };
    Ok(select.all(db).await?)
}

/// Average rating and number of approved reviews, per product that has any.
pub async fn ratings(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, (Decimal, i64)>, ServiceError> {
    use polyshop_entities::product_reviews;
    let rows = product_reviews::Entity::find()
        .filter(product_reviews::Column::ProductId.is_in(product_ids.to_vec()))
        .filter(product_reviews::Column::Status.eq("approved"))
        .all(db)
        .await?;
    let mut sums: HashMap<i64, (i64, i64)> = HashMap::new();
    for r in rows {
        let e = sums.entry(r.product_id).or_default();
        e.0 += i64::from(r.rating);
        e.1 += 1;
    }
    Ok(sums
        .into_iter()
        .map(|(id, (sum, count))| (id, ((Decimal::from(sum) / Decimal::from(count)).round_dp(1).normalize(), count)))
        .collect())
}
