//! Product reviews: what the storefront shows of them.
//!
//! Reviews are moderated: the stored `status` is `pending`, `approved` or `disapproved`, which
//! the shop surfaces call `rejected`. Only approved reviews are public; lookups by id and the
//! per-product lists may ask for other states. Reviews of disabled products are never shown.
//!
//! A page of reviews costs a fixed number of queries: the page, then one query for the
//! reviewers' emails and one for the attachments of every review of the page.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{customers, product_review_attachments, product_reviews, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, Select,
};

/// Where a review stands in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Pending,
    Approved,
    Rejected,
}

impl Moderation {
    /// The value stored in `product_reviews.status`.
    pub fn stored(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Approved => "approved",
            Moderation::Rejected => "disapproved",
        }
    }

    /// A stored status; anything unknown reads as pending, so it never becomes public.
    pub fn from_stored(status: &str) -> Moderation {
        match status {
            "approved" => Moderation::Approved,
            "disapproved" | "rejected" => Moderation::Rejected,
            _ => Moderation::Pending,
        }
    }

    /// The storefront's word for it (`rejected` for what the admin calls `disapproved`).
    pub fn shop_name(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Approved => "approved",
            Moderation::Rejected => "rejected",
        }
    }
}

/// Orders of a review list. Ties go to the newest review (then the highest id), so every order
/// is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOrder {
    Newest,
    Oldest,
    MostHelpful,
    HighestRating,
    /// Ascending id (the GraphQL collections, as API Platform lists them).
    Id,
}

/// Which reviews to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewFilter {
    pub product_id: Option<i64>,
    pub status: Option<Moderation>,
    pub rating: Option<i32>,
}

/// A review with what the APIs show beside its row.
#[derive(Debug, Clone)]
pub struct ReviewRecord {
    pub review: product_reviews::Model,
    pub status: Moderation,
    /// The reviewing customer's email; None for guest reviews.
    pub email: Option<String>,
    /// Images and videos, in upload order.
    pub attachments: Vec<product_review_attachments::Model>,
}

/// Stars a review may give.
pub const RATINGS: std::ops::RangeInclusive<i32> = 1..=5;

/// Reviews of enabled products.
fn of_enabled_products() -> Select<product_reviews::Entity> {
    product_reviews::Entity::find()
        .join(JoinType::InnerJoin, product_reviews::Relation::Product.def())
        .filter(products::Column::Status.eq(true))
}

/// The reviews `filter` keeps, in `order`.
pub fn listed(filter: ReviewFilter, order: ReviewOrder) -> Listing<product_reviews::Entity> {
    Listing::new(listed_query(filter, order))
}

fn listed_query(filter: ReviewFilter, order: ReviewOrder) -> Select<product_reviews::Entity> {
    use product_reviews::Column;
    let mut query = of_enabled_products();
    if let Some(product_id) = filter.product_id {
        query = query.filter(Column::ProductId.eq(product_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(Column::Status.eq(status.stored()));
    }
    if let Some(rating) = filter.rating {
        query = query.filter(Column::Rating.eq(rating));
    }
    let newest_first =
        |q: Select<product_reviews::Entity>| q.order_by_desc(Column::CreatedAt).order_by_desc(Column::Id);
    match order {
        ReviewOrder::Newest => newest_first(query),
        ReviewOrder::Oldest => query.order_by_asc(Column::CreatedAt).order_by_asc(Column::Id),
        ReviewOrder::MostHelpful => newest_first(query.order_by_desc(Column::Helpful)),
        ReviewOrder::HighestRating => newest_first(query.order_by_desc(Column::Rating)),
        ReviewOrder::Id => query.order_by_asc(Column::Id),
    }
}

/// Whether product `product_id` exists and is enabled: only then has it a review list.
pub async fn product_is_shown(db: &impl ConnectionTrait, product_id: i64) -> Result<bool, ServiceError> {
    let found = products::Entity::find_by_id(product_id).filter(products::Column::Status.eq(true)).count(db).await?;
    Ok(found > 0)
}

/// Review `id`, whatever its moderation state, unless its product is disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<ReviewRecord>, ServiceError> {
    let row = of_enabled_products().filter(product_reviews::Column::Id.eq(id)).one(db).await?;
    Ok(records(db, row.into_iter().collect()).await?.pop())
}

/// Every review of each of `product_ids` (all moderation states, ascending id): the reviews of
/// a page of products at once.
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<ReviewRecord>>, ServiceError> {
    let mut by_product: HashMap<i64, Vec<ReviewRecord>> = HashMap::new();
    if product_ids.is_empty() {
        return Ok(by_product);
    }
    let rows = product_reviews::Entity::find()
        .filter(product_reviews::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_reviews::Column::Id)
        .all(db)
        .await?;
    for record in records(db, rows).await? {
        by_product.entry(record.review.product_id).or_default().push(record);
    }
    Ok(by_product)
}

/// `rows` with their reviewers' emails and attachments (two queries whatever their number).
pub async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<product_reviews::Model>,
) -> Result<Vec<ReviewRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let customer_ids: Vec<i64> = rows.iter().filter_map(|r| r.customer_id).collect();
    let emails: HashMap<i64, String> = if customer_ids.is_empty() {
        HashMap::new()
    } else {
        customers::Entity::find()
            .filter(customers::Column::Id.is_in(customer_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.email))
            .collect()
    };
    let mut attachments: HashMap<i64, Vec<product_review_attachments::Model>> = HashMap::new();
    for a in product_review_attachments::Entity::find()
        .filter(
            product_review_attachments::Column::ProductReviewId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .order_by_asc(product_review_attachments::Column::Id)
        .all(db)
        .await?
    {
        attachments.entry(a.product_review_id).or_default().push(a);
    }
    Ok(rows
        .into_iter()
        .map(|review| ReviewRecord {
            status: Moderation::from_stored(&review.status),
            email: review.customer_id.and_then(|c| emails.get(&c).cloned()),
            attachments: attachments.remove(&review.id).unwrap_or_default(),
            review,
        })
        .collect())
}
