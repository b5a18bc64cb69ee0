//! Product media: images and videos, read for many products at once, as catalog pages or one
//! by id. Kept apart because the media endpoints use it without the rest of a product page.

use std::collections::HashMap;

use polyshop_entities::{product_images, product_videos, products};
use polyshop_runtime::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// An image or a video of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub id: i64,
    pub product_id: i64,
    pub path: String,
    pub position: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Images,
    Videos,
}

/// The images or videos of each product, by position.
pub async fn media_of(
    db: &impl ConnectionTrait,
    kind: MediaKind,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<Media>>, ServiceError> {
    let mut out: HashMap<i64, Vec<Media>> = HashMap::new();
    for m in media_rows(db, kind, MediaFilter::Products(product_ids.to_vec())).await? {
        out.entry(m.product_id).or_default().push(m);
    }
    Ok(out)
}

/// Which media rows to read.
pub enum MediaFilter {
    Products(Vec<i64>),
    /// Rows of enabled products, a page of them: (offset, limit).
    Catalog(u64, u64),
    Id(i64),
}

/// Media rows in gallery order (product, position, id); catalog pages skip disabled products.
pub async fn media_rows(
    db: &impl ConnectionTrait,
    kind: MediaKind,
    filter: MediaFilter,
) -> Result<Vec<Media>, ServiceError> {
    use sea_orm::{QuerySelect, sea_query::Query};
    let enabled = || {
        Query::select()
            .column(products::Column::Id)
            .from(products::Entity)
            .and_where(products::Column::Status.eq(true))
            .to_owned()
    };
    macro_rules! rows {
        ($entity:ident) => {{
            let mut select = $entity::Entity::find()
                .order_by_asc($entity::Column::ProductId)
                .order_by_asc($entity::Column::Position)
                .order_by_asc($entity::Column::Id);
            select = match &filter {
                MediaFilter::Products(ids) => select.filter($entity::Column::ProductId.is_in(ids.clone())),
                MediaFilter::Catalog(..) => select.filter($entity::Column::ProductId.in_subquery(enabled())),
                MediaFilter::Id(id) => {
                    select.filter($entity::Column::Id.eq(*id)).filter($entity::Column::ProductId.in_subquery(enabled()))
                }
            };
            if let MediaFilter::Catalog(offset, limit) = filter {
                select = select.offset(offset).limit(limit);
            }
            select
                .all(db)
                .await?
                .into_iter()
                .map(|r| Media { id: r.id, product_id: r.product_id, path: r.path, position: r.position })
                .collect()
        }};
    }
    Ok(match kind {
        MediaKind::Images => rows!(product_images),
        MediaKind::Videos => rows!(product_videos),
    })
}

/// How many media rows of enabled products there are.
pub async fn count_media(db: &impl ConnectionTrait, kind: MediaKind) -> Result<u64, ServiceError> {
    use sea_orm::{PaginatorTrait, sea_query::Query};
    let enabled = Query::select()
        .column(products::Column::Id)
        .from(products::Entity)
        .and_where(products::Column::Status.eq(true))
        .to_owned();
    Ok(match kind {
        MediaKind::Images => {
            product_images::Entity::find()
                .filter(product_images::Column::ProductId.in_subquery(enabled))
                .count(db)
                .await?
        }
        MediaKind::Videos => {
            product_videos::Entity::find()
                .filter(product_videos::Column::ProductId.in_subquery(enabled))
                .count(db)
                .await?
        }
    })
}
